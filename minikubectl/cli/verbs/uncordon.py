"""``uncordon``: mark a node schedulable again."""

from __future__ import annotations

from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.verbs import cordon

SUMMARY = "Mark node as schedulable"


def flags() -> list[Flag]:
    return cordon.flags()


def run(env: Env, parsed: ParsedArgs) -> int:
    options = cordon.CordonOptions.complete(parsed, desired=False)
    options.validate()
    return options.run(env)
