"""Table projections: the part of an object that listing it as a table (or by name) reads.

A real API server answers ``kubectl get`` with a Table it computes itself, so the client
never receives whole objects. Here the printers run on the client side; the store instead
keeps, beside each object, the subset of its fields that the type's table columns read
(plus what every table and the name printer read: name, namespace, timestamps and labels).
Decoding those small projections rather than whole objects is what keeps ``get pods`` on
a large cluster fast. Each projection is a tree: a key maps to True (the value kept as it
is) or to a subtree (applied to a map, or to each map in a list).

A projection must be complete for its printer; tests/unit/test_table_projections.py
prints objects whole and projected and requires the same rows.
"""

from __future__ import annotations

from typing import Any, Union

Tree = dict[str, Union[bool, "Tree"]]

_METADATA: Tree = {"name": True, "namespace": True, "creationTimestamp": True,
                   "deletionTimestamp": True, "labels": True, "resourceVersion": True}

# printers/columns/pods.py: READY, STATUS, RESTARTS, AGE, IP, NODE, NOMINATED NODE,
# READINESS GATES.
_CONTAINER_STATUS: Tree = {"name": True, "restartCount": True, "lastState": True, "state": True,
                           "started": True, "ready": True}
PODS: Tree = {
    "apiVersion": True, "kind": True, "metadata": _METADATA,
    "spec": {"containers": {"name": True}, "initContainers": {"name": True, "restartPolicy": True},
             "nodeName": True, "readinessGates": True},
    "status": {"phase": True, "reason": True, "conditions": {"type": True, "status": True, "reason": True},
               "initContainerStatuses": _CONTAINER_STATUS, "containerStatuses": _CONTAINER_STATUS,
               "podIPs": True, "nominatedNodeName": True},
}

# Storage key -> projection. Types without one are listed whole.
PROJECTIONS: dict[str, Tree] = {"pods": PODS}


def projection_for(storage_key: str) -> Tree | None:
    """The table projection of a collection, or None when its objects are listed whole."""
    return PROJECTIONS.get(storage_key)


def project(tree: Tree, value: Any) -> Any:
    """``value`` reduced to the fields of ``tree`` (a list: each map in it; other values as they are)."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, sub in tree.items():
            if key in value:
                found = value[key]
                out[key] = found if sub is True or not isinstance(sub, dict) else project(sub, found)
        return out
    if isinstance(value, list):
        return [project(tree, item) for item in value]
    return value
