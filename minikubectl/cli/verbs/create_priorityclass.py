"""``create priorityclass NAME [--value] [--global-default] [--description] [--preemption-policy]``."""

from __future__ import annotations

from typing import Any

from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.generator import Generator, generator_flags, object_meta

SUMMARY = "Create a priority class with the specified name"
PATH = "kubectl create priorityclass"


def flags() -> list[Flag]:
    return generator_flags(Flag("value", "int", 0), Flag("global-default", "bool", False),
                           Flag("description"),
                           Flag("preemption-policy", default="PreemptLowerPriority"))


def run(env: Env, parsed: ParsedArgs) -> int:
    gen = Generator.complete(env, parsed, PATH)
    obj: dict[str, Any] = {"kind": "PriorityClass", "apiVersion": "scheduling.k8s.io/v1",
                           "metadata": object_meta(gen.name), "value": parsed["value"]}
    if parsed["global-default"]:
        obj["globalDefault"] = True
    if parsed["description"]:
        obj["description"] = parsed["description"]
    if parsed["preemption-policy"]:
        obj["preemptionPolicy"] = parsed["preemption-policy"]
    return gen.emit(obj, failure="failed to create priorityclass: ")
