"""``config get-clusters``: list the cluster names of the kubeconfig."""

from __future__ import annotations

from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.verbs.config.listing import list_names

SUMMARY = "Display clusters defined in the kubeconfig"


def flags() -> list[Flag]:
    return []


def run(env: Env, parsed: ParsedArgs) -> int:
    """Print ``NAME`` and each cluster."""
    return list_names(env, parsed, "clusters", "kubectl config get-clusters")
