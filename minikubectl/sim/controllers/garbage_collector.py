"""The garbage collector: cascading deletion through ownerReferences.

* Background: when an owner is gone, each dependent whose owners are all gone is deleted
  (pods gracefully); a dependent that still has a live owner only loses the dangling reference.
* Foreground: an owner carrying the ``foregroundDeletion`` finalizer has its dependents
  deleted (in foreground too); when none with ``blockOwnerDeletion`` remain, the finalizer is
  removed and the API server removes the owner.
* Orphan: done by the API server at delete time (``ApiServer._orphan_dependents``).
"""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.api.registry import ResourceType
from minikubectl.sim.context import SimContext, copy_of
from minikubectl.store.apiserver import FOREGROUND_FINALIZER


def _owner_exists(ctx: SimContext, dependent: dict[str, Any], ref: dict[str, Any]) -> bool:
    resource = ctx.api.registry.for_kind(ref.get("apiVersion", ""), ref.get("kind", ""))
    if resource is None:
        return False
    ns = dependent["metadata"].get("namespace") if resource.namespaced else None
    owner = ctx.api.tracker.peek(resource, ns, ref.get("name", ""))
    return owner is not None and owner["metadata"].get("uid") == ref.get("uid")


def on_owner_deleted(ctx: SimContext, owner_uid: str) -> None:
    """Background cascade for a removed owner."""
    for resource, dependent in ctx.dependents(owner_uid):
        refs = dependent["metadata"].get("ownerReferences") or []
        alive = [r for r in refs if r.get("uid") != owner_uid and _owner_exists(ctx, dependent, r)]
        meta = dependent["metadata"]
        if alive:
            changed = copy_of(dependent)
            changed["metadata"]["ownerReferences"] = [r for r in refs if r.get("uid") != owner_uid]
            ctx.api.update(resource, changed, check_version=False)
            continue
        if meta.get("deletionTimestamp"):
            continue
        _delete(ctx, resource, meta.get("namespace"), meta["name"], "Background")


def _delete(ctx: SimContext, resource: ResourceType, ns: str | None, name: str, propagation: str) -> None:
    try:
        ctx.api.delete(resource, ns, name, propagation=propagation)
    except errors.StatusError:
        pass


def foreground(ctx: SimContext, resource: ResourceType, owner: dict[str, Any]) -> None:
    """Progress a foreground deletion: delete dependents, then drop the finalizer."""
    meta = owner["metadata"]
    if FOREGROUND_FINALIZER not in (meta.get("finalizers") or []):
        return
    blocking = []
    for dep_resource, dependent in ctx.dependents(meta.get("uid")):
        dmeta = dependent["metadata"]
        refs = [r for r in dmeta.get("ownerReferences") or [] if r.get("uid") == meta.get("uid")]
        if not dmeta.get("deletionTimestamp"):
            _delete(ctx, dep_resource, dmeta.get("namespace"), dmeta["name"], "Foreground")
        if ctx.api.tracker.peek(dep_resource, dmeta.get("namespace"), dmeta["name"]) is not None and \
                any(r.get("blockOwnerDeletion") for r in refs):
            blocking.append(dependent)
    if blocking:
        return
    current = ctx.api.tracker.peek(resource, meta.get("namespace"), meta["name"])
    if current is None:
        return
    changed = copy_of(current)
    finalizers = [f for f in changed["metadata"].get("finalizers") or [] if f != FOREGROUND_FINALIZER]
    if finalizers:
        changed["metadata"]["finalizers"] = finalizers
    else:
        changed["metadata"].pop("finalizers", None)
    ctx.api.update(resource, changed, check_version=False)


def on_dependent_deleted(ctx: SimContext, dependent: dict[str, Any]) -> None:
    """A dependent went away: owners waiting in foreground deletion are re-checked."""
    ns = dependent["metadata"].get("namespace")
    for ref in dependent["metadata"].get("ownerReferences") or []:
        resource = ctx.api.registry.for_kind(ref.get("apiVersion", ""), ref.get("kind", ""))
        if resource is None:
            continue
        owner = ctx.api.tracker.peek(resource, ns if resource.namespaced else None, ref.get("name", ""))
        if owner is not None and FOREGROUND_FINALIZER in (owner["metadata"].get("finalizers") or []):
            ctx.dirty[(resource.storage_key, owner["metadata"].get("namespace"), owner["metadata"]["name"])] = None
