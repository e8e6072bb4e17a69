"""``create service externalname NAME``: a ExternalName service selecting app=NAME."""

from __future__ import annotations

from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.verbs.create_service import run_type, service_flags

SUMMARY = "Create an ExternalName service"
PATH = "kubectl create service externalname"


def flags() -> list[Flag]:
    return service_flags(Flag("external-name"))


def run(env: Env, parsed: ParsedArgs) -> int:
    return run_type(env, parsed, "ExternalName", PATH)
