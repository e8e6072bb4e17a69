"""``config delete-cluster NAME``: remove a cluster entry from the kubeconfig."""

from __future__ import annotations

from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.verbs.config import common
from minikubectl.cli.verbs.config.deletion import delete_entry

SUMMARY = "Delete the specified cluster from the kubeconfig"
PATH = "kubectl config delete-cluster"


def flags() -> list[Flag]:
    return []


def run(env: Env, parsed: ParsedArgs) -> int:
    """Delete the named cluster."""
    if len(parsed.args) != 1:
        return common.print_help(env, PATH)
    return delete_entry(env, parsed, "clusters", "cluster")
