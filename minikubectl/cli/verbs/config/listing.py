"""What ``config get-contexts``, ``get-clusters`` and ``get-users`` share: a one-column list."""

from __future__ import annotations

from minikubectl.cli.context import Env
from minikubectl.cli.flags import ParsedArgs
from minikubectl.cli.verbs.config import common


def list_names(env: Env, parsed: ParsedArgs, section: str, path: str) -> int:
    """``NAME`` then the section's entry names, sorted."""
    if parsed.args:
        raise common.unexpected_args(env, path, parsed.args)
    names = sorted(common.load(env, parsed).merged.section(section))
    env.stdout.write("".join(f"{name}\n" for name in ["NAME", *names]))
    return 0

