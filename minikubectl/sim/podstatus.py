"""Small helpers over pod objects shared by the scheduler, kubelet and controllers."""

from __future__ import annotations

from typing import Any

TERMINAL_PHASES = ("Succeeded", "Failed")


def is_terminal(pod: dict[str, Any]) -> bool:
    """Succeeded or Failed."""
    return (pod.get("status") or {}).get("phase") in TERMINAL_PHASES


def condition(pod: dict[str, Any], ctype: str) -> dict[str, Any] | None:
    """The pod condition of a type, if present."""
    for cond in (pod.get("status") or {}).get("conditions") or []:
        if cond.get("type") == ctype:
            return cond
    return None


def is_ready(pod: dict[str, Any]) -> bool:
    """The Ready condition is True."""
    cond = condition(pod, "Ready")
    return bool(cond and cond.get("status") == "True")


def set_condition(conditions: list[dict[str, Any]], ctype: str, status: str, now: str,
                  reason: str = "", message: str = "") -> list[dict[str, Any]]:
    """Upsert a pod condition in place order; lastTransitionTime moves only when status changes."""
    new = {"type": ctype, "status": status, "lastProbeTime": None, "lastTransitionTime": now}
    if reason:
        new["reason"] = reason
    if message:
        new["message"] = message
    out = []
    found = False
    for cond in conditions:
        if cond.get("type") == ctype:
            found = True
            if cond.get("status") == status:
                new["lastTransitionTime"] = cond.get("lastTransitionTime")
            out.append(new)
        else:
            out.append(cond)
    if not found:
        out.append(new)
    return out


def controller_ref(obj: dict[str, Any]) -> dict[str, Any] | None:
    """The ownerReference with ``controller: true``, if any."""
    for ref in (obj.get("metadata") or {}).get("ownerReferences") or []:
        if ref.get("controller"):
            return ref
    return None


def pod_key(pod: dict[str, Any]) -> str:
    """``namespace/name``."""
    meta = pod.get("metadata") or {}
    return f"{meta.get('namespace')}/{meta.get('name')}"
