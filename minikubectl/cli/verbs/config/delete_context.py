"""``config delete-context NAME``: remove a context entry from the kubeconfig."""

from __future__ import annotations

from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.verbs.config import common
from minikubectl.cli.verbs.config.deletion import delete_entry

SUMMARY = "Delete the specified context from the kubeconfig"
PATH = "kubectl config delete-context"


def flags() -> list[Flag]:
    return []


def run(env: Env, parsed: ParsedArgs) -> int:
    """Delete the named context."""
    if len(parsed.args) != 1:
        return common.print_help(env, PATH)
    return delete_entry(env, parsed, "contexts", "context")
