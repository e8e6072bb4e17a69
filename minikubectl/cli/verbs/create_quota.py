"""``create quota NAME [--hard=key=value,...] [--scopes=Scope,...]``: a ResourceQuota."""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.generator import Generator, generator_flags, object_meta, sorted_map

SUMMARY = "Create a quota with the specified name"
PATH = "kubectl create quota"


def flags() -> list[Flag]:
    return generator_flags(Flag("hard"), Flag("scopes"))


def parse_hard(text: str) -> dict[str, str]:
    """``cpu=1,pods=2`` -> canonical quantities by resource name."""
    from minikubectl.api.quantity import QuantityError, parse_quantity
    hard: dict[str, str] = {}
    for item in text.split(","):
        key, sep, value = item.partition("=")
        if not sep:
            raise errors.ClientError(f"Invalid argument syntax {item}, expected <resource>=<value>")
        try:
            hard[key] = parse_quantity(value).canonical()
        except QuantityError as exc:
            raise errors.ClientError(str(exc)) from None
    return sorted_map(hard)


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
