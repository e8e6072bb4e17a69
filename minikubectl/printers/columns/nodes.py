"""Nodes: ``NAME STATUS ROLES AGE VERSION`` + wide addresses and node info."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, dig, lst, mp, name_of, s

COLUMNS = (
    NAME,
    Column("Status"),
    Column("Roles"),
    AGE,
    Column("Version"),
    Column("Internal-IP", priority=1),
    Column("External-IP", priority=1),
    Column("OS-Image", priority=1),
    Column("Kernel-Version", priority=1),
    Column("Container-Runtime", priority=1),
)

_ROLE_PREFIX = "node-role.kubernetes.io/"
_ROLE_LABEL = "kubernetes.io/role"


def node_status(node: dict) -> str:
    """``Ready`` / ``NotReady`` / ``Unknown`` from the Ready condition, ``,SchedulingDisabled``."""
    ready = None
    for cond in lst(dig(node, "status", "conditions")):
        cond = mp(cond)
        if cond.get("type") == "Ready":
            ready = cond  # the last one wins, as with Go's map of conditions
    parts = ["Unknown" if ready is None else ("Ready" if ready.get("status") == "True" else "NotReady")]
    if dig(node, "spec", "unschedulable") is True:
        parts.append("SchedulingDisabled")
    return ",".join(parts)


def node_roles(node: dict) -> str:
    """Sorted roles from ``node-role.kubernetes.io/<role>`` and ``kubernetes.io/role`` labels."""
    roles: set[str] = set()
    for key, value in mp(dig(node, "metadata", "labels")).items():
        if key.startswith(_ROLE_PREFIX):
            role = key[len(_ROLE_PREFIX):]
            if role:
                roles.add(role)
        elif key == _ROLE_LABEL and s(value):
            roles.add(value)
    return ",".join(sorted(roles)) or "<none>"


def _address(node: dict, kind: str) -> str:
    for addr in lst(dig(node, "status", "addresses")):
        addr = mp(addr)
        if addr.get("type") == kind:
            return s(addr.get("address"))
    return "<none>"


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a node."""
    info = mp(dig(obj, "status", "nodeInfo"))
    return [[
        name_of(obj),
        node_status(obj),
        node_roles(obj),
        age_of(obj, now),
        s(info.get("kubeletVersion")),
        _address(obj, "InternalIP"),
        _address(obj, "ExternalIP"),
        s(info.get("osImage")) or "<unknown>",
        s(info.get("kernelVersion")) or "<unknown>",
        s(info.get("containerRuntimeVersion")) or "<unknown>",
    ]]
