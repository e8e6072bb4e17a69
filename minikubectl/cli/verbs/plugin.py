"""``plugin``: utilities for kubectl plugins (``plugin list``)."""

from __future__ import annotations

from minikubectl.cli.flags import Flag

SUMMARY = "Provides utilities for interacting with plugins"
SUBCOMMANDS = {"list": "minikubectl.cli.verbs.plugin_list"}


def flags() -> list[Flag]:
    """``plugin`` itself has no flags of its own."""
    return []
