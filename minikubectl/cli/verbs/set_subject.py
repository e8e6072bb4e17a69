"""``set subject``: add users, groups and service accounts to role bindings."""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli import object_update as ou
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass

SUMMARY = "Update the user, group, or service account in a role binding or cluster role binding"
_RBAC = "rbac.authorization.k8s.io"


def flags() -> list[Flag]:
    return ou.common_flags() + [Flag("user", "array", []), Flag("group", "array", []),
                                Flag("serviceaccount", "array", [])]


@dataclass
class SetSubjectOptions:
    """Bound flags of ``set subject``."""

    target: ou.Target
    users: list[str]
    groups: list[str]
    service_accounts: list[str]

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "SetSubjectOptions":
        return cls(target=ou.Target.complete(parsed, list(parsed.args), "subjects updated"),
                   users=list(parsed["user"]), groups=list(parsed["group"]),
                   service_accounts=list(parsed["serviceaccount"]))

    def validate(self) -> None:
        self.target.validate()
        for account in self.service_accounts:
            parts = account.split(":")
            if len(parts) != 2 or not parts[1]:
                raise errors.ClientError("serviceaccount must be <namespace>:<name>")
        if not (self.users or self.groups or self.service_accounts):
            raise errors.ClientError("you must specify at least one value of user, group or serviceaccount")

    def _wanted(self) -> list[dict[str, Any]]:
        wanted: list[dict[str, Any]] = [{"kind": "User", "apiGroup": _RBAC, "name": u} for u in self.users]
        wanted += [{"kind": "Group", "apiGroup": _RBAC, "name": g} for g in self.groups]
        for account in self.service_accounts:
            namespace, _, name = account.partition(":")
            wanted.append({"kind": "ServiceAccount", "name": name, "namespace": namespace or self.target.namespace})
        return wanted

    def run(self, env: Env) -> int:
        wanted = self._wanted()

        def update(obj: dict[str, Any]) -> None:
            if obj.get("kind") not in ("RoleBinding", "ClusterRoleBinding"):
                raise ou.ObjectError("setting subjects is only supported for RoleBinding/ClusterRoleBinding")
            subjects = list(obj.get("subjects") or [])
            for subject in wanted:
                if not any(_same(subject, s) for s in subjects):
                    subjects.append(dict(subject))
            obj["subjects"] = subjects

        return self.target.run(env, update)


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return all(a.get(k, "") == b.get(k, "") for k in ("kind", "apiGroup", "name", "namespace"))


def run(env: Env, parsed: ParsedArgs) -> int:
    options = SetSubjectOptions.complete(parsed)
    options.validate()
    return options.run(env)
