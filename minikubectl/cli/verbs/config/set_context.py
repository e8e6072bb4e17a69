"""``config set-context [NAME | --current]``: create or change a context entry."""

from __future__ import annotations

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.verbs.config import common

SUMMARY = "Set a context entry in kubeconfig"
PATH = "kubectl config set-context"
# The context fields this command sets, by flag name (a given flag sets even an empty value).
FIELDS = ("cluster", "user", "namespace")


def flags() -> list[Flag]:
    return [Flag("cluster"), Flag("user"), Flag("namespace"), Flag("current", "bool", False)]


def run(env: Env, parsed: ParsedArgs) -> int:
    """Merge the given fields into the named (or current) context."""
    if len(parsed.args) > 1:
        raise common.unexpected_args(env, PATH, parsed.args)
    name = parsed.args[0] if parsed.args else ""
    current = parsed["current"]
    if current and name:
        raise errors.ClientError("you cannot specify both a context name and --current")
    kubeconfig = common.load(env, parsed)
    changed = kubeconfig.merged.copy()
    if current:
        if not changed.current_context:
            raise errors.ClientError("no current context is set")
        name = changed.current_context
    if not name:
        raise errors.ClientError("you must specify a non-empty context name or --current")
    existed = name in changed.contexts
    context = dict(changed.contexts.get(name, {}))
    for field in FIELDS:
        if field in parsed.changed:
            context[field] = parsed[field]
    changed.contexts[name] = context
    kubeconfig.save(changed)
    env.stdout.write(f'Context "{name}" {"modified" if existed else "created"}.\n')
    return 0
