"""``config unset PROPERTY_NAME``: remove one value by its dotted path."""

from __future__ import annotations

from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.verbs.config import common, properties

SUMMARY = "Unset an individual value in a kubeconfig file"
PATH = "kubectl config unset"


def flags() -> list[Flag]:
    return []


def run(env: Env, parsed: ParsedArgs) -> int:
    """Remove the value at the path (an absent entry at the last step is no error)."""
    if len(parsed.args) != 1:
        raise common.unexpected_args(env, PATH, parsed.args)
    name = parsed.args[0]
    tokens = properties.split(name)
    if not tokens:
        raise properties._unparsable("")
    kubeconfig = common.load(env, parsed)
    changed = kubeconfig.merged.copy()
    place = properties.target(changed, tokens, create=False)
    if place is None:
        changed.current_context = ""
    else:
        holder, key = place
        holder.pop(key, None)
    kubeconfig.save(changed)
    env.stdout.write(f'Property "{name}" unset.\n')
    return 0
