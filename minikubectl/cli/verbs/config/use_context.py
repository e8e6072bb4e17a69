"""``config use-context NAME``: make a context the current one."""

from __future__ import annotations

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.verbs.config import common

SUMMARY = "Set the current-context in a kubeconfig file"
PATH = "kubectl config use-context"


def flags() -> list[Flag]:
    return []


def run(env: Env, parsed: ParsedArgs) -> int:
    """Switch ``current-context`` to an existing context."""
    if len(parsed.args) != 1:
        raise common.unexpected_args(env, PATH, parsed.args)
    name = parsed.args[0]
    kubeconfig = common.load(env, parsed)
    if name not in kubeconfig.merged.contexts:
        raise errors.ClientError(f'no context exists with the name: "{name}"')
    changed = kubeconfig.merged.copy()
    changed.current_context = name
    kubeconfig.save(changed)
    env.stdout.write(f'Switched to context "{name}".\n')
    return 0
