"""``create clusterrolebinding NAME --clusterrole=CR [--user] [--group] [--serviceaccount]``."""

from __future__ import annotations

from typing import Any

from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.generator import Generator, generator_flags, object_meta
from minikubectl.cli.verbs.create_rolebinding import RBAC, subjects_of

SUMMARY = "Create a cluster role binding for a particular cluster role"
PATH = "kubectl create clusterrolebinding"


def flags() -> list[Flag]:
    return generator_flags(Flag("clusterrole", required=True), Flag("user", "array", []),
                           Flag("group", "array", []), Flag("serviceaccount", "array", []))


def run(env: Env, parsed: ParsedArgs) -> int:
    gen = Generator.complete(env, parsed, PATH)
    obj: dict[str, Any] = {"kind": "ClusterRoleBinding", "apiVersion": f"{RBAC}/v1",
                           "metadata": object_meta(gen.name),
                           "roleRef": {"apiGroup": RBAC, "kind": "ClusterRole", "name": parsed["clusterrole"]}}
    subjects = subjects_of(parsed)
    if subjects:  # Go's field order: subjects, then roleRef
        obj = {**{k: v for k, v in obj.items() if k != "roleRef"}, "subjects": subjects, "roleRef": obj["roleRef"]}
    return gen.emit(obj, failure="failed to create clusterrolebinding: ")
