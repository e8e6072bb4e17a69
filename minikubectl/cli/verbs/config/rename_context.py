"""``config rename-context OLD NEW``: rename a context (and the current-context with it)."""

from __future__ import annotations

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.verbs.config import common

SUMMARY = "Rename a context from the kubeconfig file"
PATH = "kubectl config rename-context"


def flags() -> list[Flag]:
    return []


def run(env: Env, parsed: ParsedArgs) -> int:
    """Move a context entry to a new name."""
    if len(parsed.args) != 2:
        raise common.unexpected_args(env, PATH, parsed.args)
    old, new = parsed.args
    kubeconfig = common.load(env, parsed)
    changed = kubeconfig.merged.copy()
    where = kubeconfig.file_naming()
    if old not in changed.contexts:
        raise errors.ClientError(f'cannot rename the context "{old}", it\'s not in {where}')
    if new in changed.contexts:
        raise errors.ClientError(f'cannot rename the context "{old}", the context "{new}" already '
                                 f"exists in {where}")
    changed.contexts[new] = changed.contexts.pop(old)
    if changed.current_context == old:
        changed.current_context = new
    kubeconfig.save(changed)
    env.stdout.write(f'Context "{old}" renamed to "{new}".\n')
    return 0
