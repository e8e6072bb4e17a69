"""``config``: read and change the kubeconfig (see ``minikubectl.cli.kubeconfig``).

Each subcommand is a module of this package; ``config`` alone prints its help on stderr
and fails, as kubectl does.
"""

from __future__ import annotations

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs

SUMMARY = "Modify kubeconfig files"
_PACKAGE = "minikubectl.cli.verbs.config"
SUBCOMMANDS = {
    "current-context": f"{_PACKAGE}.current_context",
    "delete-cluster": f"{_PACKAGE}.delete_cluster",
    "delete-context": f"{_PACKAGE}.delete_context",
    "delete-user": f"{_PACKAGE}.delete_user",
    "get-clusters": f"{_PACKAGE}.get_clusters",
    "get-contexts": f"{_PACKAGE}.get_contexts",
    "get-users": f"{_PACKAGE}.get_users",
    "rename-context": f"{_PACKAGE}.rename_context",
    "set": f"{_PACKAGE}.set_property",
    "set-cluster": f"{_PACKAGE}.set_cluster",
    "set-context": f"{_PACKAGE}.set_context",
    "set-credentials": f"{_PACKAGE}.set_credentials",
    "unset": f"{_PACKAGE}.unset_property",
    "use-context": f"{_PACKAGE}.use_context",
    "use": f"{_PACKAGE}.use_context",
    "view": f"{_PACKAGE}.view",
}


def flags() -> list[Flag]:
    return []


def run(env: Env, parsed: ParsedArgs) -> int:
    """``config`` without a known subcommand."""
    if parsed.args:
        raise errors.CommandUsageError(f'unknown command "{parsed.args[0]}"', "kubectl config")
    from minikubectl.cli.help import recorded_help

    env.stderr.write(recorded_help("kubectl config") or "")
    return 1
