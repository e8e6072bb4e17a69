"""``create service nodeport NAME``: a NodePort service selecting app=NAME."""

from __future__ import annotations

from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.verbs.create_service import run_type, service_flags

SUMMARY = "Create a NodePort service"
PATH = "kubectl create service nodeport"


def flags() -> list[Flag]:
    return service_flags(Flag("node-port", "int", 0))


def run(env: Env, parsed: ParsedArgs) -> int:
    return run_type(env, parsed, "NodePort", PATH)
