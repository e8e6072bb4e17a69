"""``create quota NAME [--hard=key=value,...] [--scopes=Scope,...]``: a ResourceQuota."""

from __future__ import annotations

from typing import Any

from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.generator import Generator, generator_flags, object_meta, sorted_map

SUMMARY = "Create a quota with the specified name"
PATH = "kubectl create quota"


def flags() -> list[Flag]:
    return generator_flags(Flag("hard"), Flag("scopes"))


def parse_hard(text: str) -> dict[str, str]:
    """``cpu=1,pods=2`` -> canonical quantities by resource name."""
    from minikubectl.api.quantity import parse_resource_list
    return sorted_map(parse_resource_list(text))


def run(env: Env, parsed: ParsedArgs) -> int:
    gen = Generator.complete(env, parsed, PATH)
    spec: dict[str, Any] = {}
    if parsed["hard"]:
        spec["hard"] = parse_hard(parsed["hard"])
    if parsed["scopes"]:
        spec["scopes"] = parsed["scopes"].split(",")
    obj = {"kind": "ResourceQuota", "apiVersion": "v1",
           "metadata": object_meta(gen.name, gen.object_namespace), "spec": spec, "status": {}}
    return gen.emit(obj, failure="failed to create quota: ")
