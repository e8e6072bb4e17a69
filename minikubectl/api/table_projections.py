"""Table projections: the part of an object that listing it as a table (or by name) reads.

A real API server answers ``kubectl get`` with a Table it computes itself, so the client
never receives whole objects. Here the printers run on the client side; the store instead
keeps, beside each object, the subset of its fields that the type's table columns read
(plus what every table and the name printer read: name, namespace, timestamps and labels).
Decoding those small projections rather than whole objects is what keeps ``get pods`` on
a large cluster fast. A projection is a tree (a key maps to True, the value kept as it is,
or to a subtree, applied to a map or to each map in a list) and a function that finishes
the projected row (dropping list members the row never reads).

A projection must be complete for its printer: every test of tests/unit/test_columns_pods.py
prints its pod whole and projected and requires the same row.
"""

from __future__ import annotations

from typing import Any, Callable, Union

Tree = dict[str, Union[bool, "Tree"]]
# (tree, the function finishing a projected row)
Projection = tuple[Tree, Callable[[dict[str, Any]], dict[str, Any]]]

_METADATA: Tree = {"name": True, "namespace": True, "creationTimestamp": True,
                   "deletionTimestamp": True, "labels": True, "resourceVersion": True}

# printers/columns/pods.py: READY, STATUS, RESTARTS, AGE, IP, NODE, NOMINATED NODE,
# READINESS GATES. Of a running container only the fact that it runs is read.
_CONTAINER_STATUS: Tree = {"name": True, "restartCount": True, "lastState": {"terminated": {"finishedAt": True}},
                           "state": {"waiting": True, "terminated": True, "running": {}},
                           "started": True, "ready": True}
PODS: Tree = {
    "metadata": _METADATA,
    "spec": {"containers": {"name": True}, "initContainers": {"name": True, "restartPolicy": True},
             "nodeName": True, "readinessGates": True},
    "status": {"phase": True, "reason": True, "conditions": {"type": True, "status": True, "reason": True},
               "initContainerStatuses": _CONTAINER_STATUS, "containerStatuses": _CONTAINER_STATUS,
               "podIPs": True, "nominatedNodeName": True},
}


def _trim_pod(row: dict[str, Any]) -> dict[str, Any]:
    """Only the conditions a pod's row reads: Ready; PodScheduled when scheduling gates hold
    the pod; Initialized when it has init containers; those its readiness gates name."""
    status, spec = row.get("status"), row.get("spec")
    if not isinstance(status, dict) or not isinstance(status.get("conditions"), list):
        return row
    conditions: list[Any] = status["conditions"]
    gate_types = set()
    gates = spec.get("readinessGates") if isinstance(spec, dict) else None
    for gate in gates if isinstance(gates, list) else ():
        wanted_type = gate.get("conditionType") if isinstance(gate, dict) else None
        if not isinstance(wanted_type, str):
            return row  # a gate of another shape: keep every condition
        gate_types.add(wanted_type)
    initializing = bool(status.get("initContainerStatuses"))

    def read(condition: Any) -> bool:
        if not isinstance(condition, dict):
            return True
        kind = condition.get("type")
        if not isinstance(kind, str):
            return False  # never equal to a type the row looks for
        return (kind == "Ready" or kind in gate_types
                or (kind == "PodScheduled" and condition.get("reason") == "SchedulingGated")
                or (kind == "Initialized" and initializing))

    status["conditions"] = [c for c in conditions if read(c)]
    return row


# Storage key -> (projection, a function finishing the projected row). Types without one
# are listed whole; ``apiVersion`` and ``kind`` are added by the API server's LIST.
PROJECTIONS: dict[str, Projection] = {"pods": (PODS, _trim_pod)}


def projection_for(storage_key: str) -> Projection | None:
    """The table projection of a collection, or None when its objects are listed whole."""
    return PROJECTIONS.get(storage_key)


def project_row(projection: Projection, obj: dict[str, Any]) -> Any:
    """The table projection of ``obj``."""
    tree, finish = projection
    row = project(tree, obj)
    return finish(row) if isinstance(row, dict) else row


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
