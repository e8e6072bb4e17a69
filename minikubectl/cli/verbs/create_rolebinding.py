"""``create rolebinding NAME --role=R|--clusterrole=CR [--user] [--group] [--serviceaccount]``."""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.generator import Generator, generator_flags, object_meta

SUMMARY = "Create a role binding for a particular role or cluster role"
PATH = "kubectl create rolebinding"
RBAC = "rbac.authorization.k8s.io"


def flags() -> list[Flag]:
    return generator_flags(Flag("role"), Flag("clusterrole"), Flag("user", "array", []),
                           Flag("group", "array", []), Flag("serviceaccount", "array", []))


def subjects_of(parsed: ParsedArgs) -> list[dict[str, Any]]:
    """Users, then groups, then ``namespace:name`` service accounts."""
    subjects: list[dict[str, Any]] = [{"kind": "User", "apiGroup": RBAC, "name": u} for u in parsed["user"]]
    subjects += [{"kind": "Group", "apiGroup": RBAC, "name": g} for g in parsed["group"]]
    for account in parsed["serviceaccount"]:
        parts = account.split(":")
        if len(parts) != 2 or not parts[0] or not parts[1]:
            raise errors.ClientError("serviceaccount must be <namespace>:<name>")
        subjects.append({"kind": "ServiceAccount", "namespace": parts[0], "name": parts[1]})
    return subjects


def run(env: Env, parsed: ParsedArgs) -> int:
    gen = Generator.complete(env, parsed, PATH)
    if not gen.name:
        raise errors.ClientError("name must be specified")
    role, cluster_role = parsed["role"] or "", parsed["clusterrole"] or ""
    if bool(role) == bool(cluster_role):
        raise errors.ClientError("exactly one of clusterrole or role must be specified")
    obj: dict[str, Any] = {"kind": "RoleBinding", "apiVersion": f"{RBAC}/v1",
                           "metadata": object_meta(gen.name, gen.object_namespace),
                           "roleRef": {"apiGroup": RBAC, "kind": "Role" if role else "ClusterRole",
                                       "name": role or cluster_role}}
    subjects = subjects_of(parsed)
    if subjects:  # Go's field order: subjects, then roleRef
        obj = {**{k: v for k, v in obj.items() if k != "roleRef"}, "subjects": subjects, "roleRef": obj["roleRef"]}
    return gen.emit(obj, failure="failed to create rolebinding: ")
