"""``config delete-user NAME``: remove a user entry from the kubeconfig."""

from __future__ import annotations

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.verbs.config.deletion import delete_entry

SUMMARY = "Delete the specified user from the kubeconfig"
PATH = "kubectl config delete-user"


def flags() -> list[Flag]:
    return []


def run(env: Env, parsed: ParsedArgs) -> int:
    """Delete the named user."""
    if len(parsed.args) != 1:
        raise errors.CommandUsageError("user to delete is required", PATH)
    return delete_entry(env, parsed, "users", "user")
