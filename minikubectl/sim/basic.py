"""Interim controllers: immediate completion of pending deletions (replaced by the kubelet sim)."""

from __future__ import annotations

from minikubectl.store.apiserver import ApiServer


def finish_deletions(api: ApiServer) -> None:
    """Remove objects whose deletion is pending and has nothing left to wait for."""
    registry = api.registry
    for key in list(api.tracker.resource_keys()):
        resource = registry.by_qualified_plural(key)
        if resource is None:
            continue
        for obj in list(api.tracker.iter_stored(resource)):
            meta = obj.get("metadata", {})
            if not meta.get("deletionTimestamp"):
                continue
            if resource.kind == "Namespace":
                _finish_namespace(api, meta["name"])
            elif not meta.get("finalizers"):
                api.tracker.remove(resource, meta.get("namespace"), meta["name"])


def _finish_namespace(api: ApiServer, name: str) -> None:
    for key in list(api.tracker.resource_keys()):
        resource = api.registry.by_qualified_plural(key)
        if resource is None or not resource.namespaced:
            continue
        for obj in list(api.tracker.iter_stored(resource, name)):
            api.tracker.remove(resource, name, obj["metadata"]["name"])
    ns_res = api.registry.by_qualified_plural("namespaces")
    api.tracker.remove(ns_res, None, name)
