"""``config set PROPERTY_NAME PROPERTY_VALUE``: set one value by its dotted path."""

from __future__ import annotations

from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.verbs.config import common, properties

SUMMARY = "Set an individual value in a kubeconfig file"
PATH = "kubectl config set"


def flags() -> list[Flag]:
    return [Flag("set-raw-bytes", "bool", False)]


def run(env: Env, parsed: ParsedArgs) -> int:
    """Write the value at the path (creating entries on the way)."""
    if len(parsed.args) != 2:
        raise common.unexpected_args(env, PATH, parsed.args)
    name, value = parsed.args
    tokens = properties.split(name)
    if not tokens:
        raise properties._unparsable("")
    kubeconfig = common.load(env, parsed)
    changed = kubeconfig.merged.copy()
    place = properties.target(changed, tokens, create=True)
    if place is None:
        changed.current_context = value
    else:
        holder, key = place
        holder[key] = properties.parse_value(key, value, parsed["set-raw-bytes"])
    kubeconfig.save(changed)
    env.stdout.write(f'Property "{name}" set.\n')
    return 0
