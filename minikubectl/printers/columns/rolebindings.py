"""RoleBindings and ClusterRoleBindings: ``NAME ROLE AGE`` + wide ``USERS GROUPS SERVICEACCOUNTS``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, lst, mp, name_of, s

COLUMNS = (
    NAME,
    Column("Role"),
    AGE,
    Column("Users", priority=1),
    Column("Groups", priority=1),
    Column("ServiceAccounts", priority=1),
)


def subjects(binding: dict) -> tuple[list[str], list[str], list[str]]:
    """``rbac.SubjectsStrings``: users, groups and ``namespace:name`` service accounts."""
    users, groups, sas = [], [], []
    for subject in lst(binding.get("subjects")):
        subject = mp(subject)
        kind, name = subject.get("kind"), s(subject.get("name"))
        if kind == "ServiceAccount":
            sas.append(f"{s(subject.get('namespace'))}/{name}")
        elif kind == "User":
            users.append(name)
        elif kind == "Group":
            groups.append(name)
    return users, groups, sas


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a (cluster) role binding."""
    ref = mp(obj.get("roleRef"))
    users, groups, sas = subjects(obj)
    return [[
        name_of(obj),
        f"{s(ref.get('kind'))}/{s(ref.get('name'))}",
        age_of(obj, now),
        ", ".join(users),
        ", ".join(groups),
        ", ".join(sas),
    ]]
