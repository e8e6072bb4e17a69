"""Helpers the Job, CronJob, StatefulSet and DaemonSet controllers share."""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.sim import events
from minikubectl.sim.context import SimContext, copy_of
from minikubectl.sim.controllers.common import owner_reference


def owned(ctx: SimContext, owner: dict[str, Any], plural: str) -> list[dict[str, Any]]:
    """Objects of ``plural`` whose controller reference is ``owner``, by name."""
    uid = owner["metadata"].get("uid")
    out = [obj for res, obj in ctx.dependents(uid) if res.storage_key == plural
           and any(r.get("uid") == uid and r.get("controller") for r in obj["metadata"].get("ownerReferences") or [])]
    out.sort(key=lambda o: o["metadata"]["name"])
    return out


def pod_from_template(owner: dict[str, Any], template: dict[str, Any]) -> dict[str, Any]:
    """``GetPodFromTemplate``: labels, annotations and spec of the template, owned by ``owner``."""
    template = copy_of(template or {})
    tmeta = template.get("metadata") or {}
    meta: dict[str, Any] = {"namespace": owner["metadata"]["namespace"]}
    if tmeta.get("labels"):
        meta["labels"] = dict(tmeta["labels"])
    if tmeta.get("annotations"):
        meta["annotations"] = dict(tmeta["annotations"])
    meta["ownerReferences"] = [owner_reference(owner)]
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": template.get("spec") or {}}


def create(ctx: SimContext, plural: str, obj: dict[str, Any], owner: dict[str, Any],
           component: str, failed_message: str = "Error creating: {}") -> dict[str, Any] | None:
    """Create ``obj``; a refusal becomes a ``FailedCreate`` warning on the owner."""
    try:
        return ctx.api.create(ctx.res(plural), obj, owner["metadata"]["namespace"])
    except errors.KubectlError as exc:
        events.record(ctx, owner, "Warning", "FailedCreate", failed_message.format(exc.message), component)
        return None


def delete(ctx: SimContext, plural: str, obj: dict[str, Any], propagation: str | None = None) -> bool:
    """Delete ``obj`` (gracefully for pods); False when it was already gone."""
    try:
        ctx.api.delete(ctx.res(plural), obj["metadata"].get("namespace"), obj["metadata"]["name"],
                       propagation=propagation)
    except errors.StatusError:
        return False
    return True


def write_status(ctx: SimContext, plural: str, obj: dict[str, Any], status: dict[str, Any]) -> dict[str, Any]:
    """Store ``status`` on the current version of ``obj`` when it changed."""
    current = ctx.peek(plural, obj["metadata"].get("namespace"), obj["metadata"]["name"])
    if current is None or current.get("status") == status:
        return current or obj
    changed = copy_of(current)
    changed["status"] = status
    return ctx.write_status(plural, changed)


def resync(ctx: SimContext, plural: str, obj: dict[str, Any], at_ms: int) -> None:
    """Wake the controller of ``obj`` at ``at_ms`` (one timer per object and instant)."""
    meta = obj["metadata"]
    marks = ctx.sim.setdefault("wake", {})
    key = f"{plural}/{meta.get('namespace')}/{meta['name']}@{at_ms}"
    if key in marks:
        return
    marks[key] = at_ms
    ctx.schedule(at_ms, {"k": "resync", "plural": plural, "ns": meta.get("namespace"), "name": meta["name"],
                         "mark": key})


def forget_wake(ctx: SimContext, payload: dict[str, Any]) -> None:
    """A resync timer fired: drop its de-duplication mark."""
    mark = payload.get("mark")
    if mark:
        marks = ctx.sim.get("wake") or {}
        marks.pop(mark, None)
        if not marks:
            ctx.sim.pop("wake", None)
