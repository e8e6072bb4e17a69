"""``config get-users``: list the user names of the kubeconfig."""

from __future__ import annotations

from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.verbs.config.listing import list_names

SUMMARY = "Display users defined in the kubeconfig"


def flags() -> list[Flag]:
    return []


def run(env: Env, parsed: ParsedArgs) -> int:
    """Print ``NAME`` and each user."""
    return list_names(env, parsed, "users", "kubectl config get-users")
