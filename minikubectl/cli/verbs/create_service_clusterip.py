"""``create service clusterip NAME``: a ClusterIP service selecting app=NAME."""

from __future__ import annotations

from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.verbs.create_service import run_type, service_flags

SUMMARY = "Create a ClusterIP service"
PATH = "kubectl create service clusterip"


def flags() -> list[Flag]:
    return service_flags(Flag("clusterip"))


def run(env: Env, parsed: ParsedArgs) -> int:
    return run_type(env, parsed, "ClusterIP", PATH)
