"""``create serviceaccount NAME``."""

from __future__ import annotations

from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.generator import Generator, generator_flags, object_meta

SUMMARY = "Create a service account with the specified name"
PATH = "kubectl create serviceaccount"


def flags() -> list[Flag]:
    return generator_flags()


def run(env: Env, parsed: ParsedArgs) -> int:
    gen = Generator.complete(env, parsed, PATH)
    obj = {"kind": "ServiceAccount", "apiVersion": "v1",
           "metadata": object_meta(gen.name, gen.object_namespace)}
    return gen.emit(obj, failure="failed to create serviceaccount: ")
