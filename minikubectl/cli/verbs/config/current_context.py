"""``config current-context``: print the current context's name."""

from __future__ import annotations

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.verbs.config import common

SUMMARY = "Display the current-context"


def flags() -> list[Flag]:
    return []


def run(env: Env, parsed: ParsedArgs) -> int:
    """Print ``current-context`` or fail when it is not set."""
    current = common.load(env, parsed).merged.current_context
    if not current:
        raise errors.ClientError("current-context is not set")
    env.stdout.write(current + "\n")
    return 0
