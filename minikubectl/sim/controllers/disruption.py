"""The disruption controller: the status of each PodDisruptionBudget.

As ``pkg/controller/disruption``: the expected pod count is the scale of the controllers of
the selected pods (a bare pod counts as one) when the budget is a percentage or a
``maxUnavailable``, else the number of selected pods; ``currentHealthy`` counts the selected
pods that are Ready and not being deleted; ``disruptionsAllowed`` is what exceeds the desired
healthy count. The eviction subresource reads that status.
"""

from __future__ import annotations

import math
from typing import Any

from minikubectl.api.labels import SelectorParseError, label_selector_as_selector
from minikubectl.sim.context import SimContext, copy_of
from minikubectl.sim.podstatus import controller_ref, is_ready, is_terminal

PLURAL = "poddisruptionbudgets.policy"
_SCALABLE = {"ReplicaSet": "replicasets.apps", "StatefulSet": "statefulsets.apps",
             "ReplicationController": "replicationcontrollers", "Deployment": "deployments.apps"}


def on_pod(ctx: SimContext, pod: dict[str, Any]) -> None:
    """A pod changed or went away: the budgets of its namespace are recomputed."""
    namespace = pod["metadata"].get("namespace")
    for pdb in ctx.api.tracker.iter_stored(ctx.res(PLURAL), namespace):
        ctx.dirty[(PLURAL, namespace, pdb["metadata"]["name"])] = None


def _scaled(value: Any, total: int) -> int:
    """``GetScaledValueFromIntOrPercent`` rounding up."""
    if isinstance(value, str) and value.endswith("%"):
        return math.ceil(int(value[:-1] or 0) * total / 100)
    return int(value)


def _expected(ctx: SimContext, pods: list[dict[str, Any]]) -> int:
    scales: dict[str, int] = {}
    bare = 0
    for pod in pods:
        ref = controller_ref(pod)
        if ref is None or ref.get("kind") not in _SCALABLE:
            bare += 1
            continue
        owner = ctx.peek(_SCALABLE[ref["kind"]], pod["metadata"].get("namespace"), ref.get("name", ""))
        if owner is not None and owner["metadata"].get("uid") == ref.get("uid"):
            owner_ref = controller_ref(owner)
            if ref["kind"] == "ReplicaSet" and owner_ref and owner_ref.get("kind") == "Deployment":
                deployment = ctx.peek("deployments.apps", owner["metadata"].get("namespace"),
                                      owner_ref.get("name", ""))
                owner = deployment or owner
            replicas = (owner.get("spec") or {}).get("replicas")
            scales[owner["metadata"].get("uid", "")] = int(replicas if replicas is not None else 1)
    return bare + sum(scales.values())


def sync(ctx: SimContext, pdb: dict[str, Any]) -> None:
    """Recompute one budget's status."""
    meta = pdb["metadata"]
    if meta.get("deletionTimestamp"):
        return
    spec = pdb.get("spec") or {}
    try:
        selector = label_selector_as_selector(spec.get("selector"))
    except SelectorParseError:
        return
    pods = [p for p in ctx.api.tracker.iter_stored(ctx.res("pods"), meta.get("namespace"))
            if selector.matches(p["metadata"].get("labels")) and not is_terminal(p)]
    healthy = sum(1 for p in pods if is_ready(p) and not p["metadata"].get("deletionTimestamp"))
    if spec.get("maxUnavailable") is not None:
        expected = _expected(ctx, pods)
        desired = max(0, expected - _scaled(spec["maxUnavailable"], expected))
    elif isinstance(spec.get("minAvailable"), str):
        expected = _expected(ctx, pods)
        desired = _scaled(spec["minAvailable"], expected)
    else:
        expected = len(pods)
        desired = int(spec.get("minAvailable") or 0)
    allowed = max(0, healthy - desired)
    status = copy_of(pdb.get("status") or {})
    wanted = {"observedGeneration": meta.get("generation", 1), "disruptionsAllowed": allowed,
              "currentHealthy": healthy, "desiredHealthy": desired, "expectedPods": expected}
    ok = allowed > 0
    reason = "SufficientPods" if ok else "InsufficientPods"
    old = next((c for c in status.get("conditions") or [] if c.get("type") == "DisruptionAllowed"), None)
    if old is None or old.get("status") != ("True" if ok else "False") or old.get("reason") != reason:
        wanted["conditions"] = [{"type": "DisruptionAllowed", "status": "True" if ok else "False",
                                 "observedGeneration": meta.get("generation", 1), "lastTransitionTime": ctx.stamp(),
                                 "reason": reason, "message": ""}]
    if all(status.get(k) == v for k, v in wanted.items()):
        return
    status.update(wanted)
    changed = copy_of(pdb)
    changed["status"] = status
    ctx.write_status(PLURAL, changed)
