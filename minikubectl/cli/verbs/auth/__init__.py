"""``auth``: inspect authorization (``can-i``, ``reconcile``, ``whoami``); alone it prints its help and fails."""

from __future__ import annotations

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs

SUMMARY = "Inspect authorization"
SUBCOMMANDS = {
    "can-i": "minikubectl.cli.verbs.auth.can_i",
    "reconcile": "minikubectl.cli.verbs.auth.reconcile",
    "whoami": "minikubectl.cli.verbs.auth.whoami",
}


def flags() -> list[Flag]:
    return []


def run(env: Env, parsed: ParsedArgs) -> int:
    """``auth`` without a known subcommand."""
    if parsed.args:
        raise errors.CommandUsageError(f'unknown command "{parsed.args[0]}"', "kubectl auth")
    from minikubectl.cli.help import recorded_help

    env.stderr.write(recorded_help("kubectl auth") or "")
    return 1
