"""The namespace controller: empty a Terminating namespace, then remove it.

Content is deleted with the API's normal rules (pods gracefully); while anything
remains the namespace shows the deletion conditions of
``pkg/controller/namespace/deletion``; when empty, the ``kubernetes`` finalizer is
dropped and the namespace disappears.
"""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.sim.context import SimContext, copy_of

_DELETE_ORDER_LAST = ("pods",)


def _remaining(ctx: SimContext, name: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for plural in ctx.api.tracker.resource_keys():
        resource = ctx.api.registry.by_qualified_plural(plural)
        if resource is None or not resource.namespaced:
            continue
        n = sum(1 for _ in ctx.api.tracker.iter_stored(resource, name))
        if n:
            counts[resource.qualified_plural] = n
    return counts


def sync(ctx: SimContext, ns: dict[str, Any]) -> None:
    """Delete everything in a namespace being deleted; finalize it when empty."""
    meta = ns["metadata"]
    if not meta.get("deletionTimestamp"):
        return
    name = meta["name"]
    for plural in list(ctx.api.tracker.resource_keys()):
        resource = ctx.api.registry.by_qualified_plural(plural)
        if resource is None or not resource.namespaced or plural == "events":
            continue
        for obj in list(ctx.api.tracker.iter_stored(resource, name)):
            if obj["metadata"].get("deletionTimestamp"):
                continue
            try:
                ctx.api.delete(resource, name, obj["metadata"]["name"])
            except errors.StatusError:
                pass
    remaining = {k: v for k, v in _remaining(ctx, name).items() if k != "events"}
    if remaining:
        _set_conditions(ctx, ns, remaining)
        return
    # Events go last, without ceremony, then the namespace itself.
    events_res = ctx.res("events")
    for obj in list(ctx.api.tracker.iter_stored(events_res, name)):
        ctx.remove_raw(events_res, name, obj["metadata"]["name"])
    ctx.api.finalize(ctx.res("namespaces"), None, name)


def _set_conditions(ctx: SimContext, ns: dict[str, Any], remaining: dict[str, int]) -> None:
    now = ctx.stamp()
    listing = ", ".join(f"{k} has {v} resource instances" for k, v in sorted(remaining.items()))
    wanted = [
        ("NamespaceDeletionDiscoveryFailure", "False", "ResourcesDiscovered", "All resources successfully discovered"),
        ("NamespaceDeletionGroupVersionParsingFailure", "False", "ParsedGroupVersions",
         "All legacy kube types successfully parsed"),
        ("NamespaceDeletionContentFailure", "False", "ContentDeleted",
         "All content successfully deleted, may be waiting on finalization"),
        ("NamespaceContentRemaining", "True", "SomeResourcesRemain", f"Some resources are remaining: {listing}"),
        ("NamespaceFinalizersRemaining", "False", "ContentHasNoFinalizers",
         "All content-preserving finalizers finished"),
    ]
    current = {c.get("type"): c for c in (ns.get("status") or {}).get("conditions") or []}
    conditions = []
    for ctype, status, reason, message in wanted:
        prior = current.get(ctype) or {}
        same = prior.get("status") == status and prior.get("reason") == reason and prior.get("message") == message
        conditions.append({"type": ctype, "status": status,
                           "lastTransitionTime": prior.get("lastTransitionTime") if same else now,
                           "reason": reason, "message": message})
    if (ns.get("status") or {}).get("conditions") == conditions:
        return
    changed = copy_of(ns)
    changed.setdefault("status", {})["conditions"] = conditions
    changed["status"]["phase"] = "Terminating"
    ctx.write_status("namespaces", changed)
