"""The ReplicaSet controller: keep ``spec.replicas`` pods, report counts in status.

Pods are named ``<rs>-<5 random chars>`` (generateName), labelled and annotated from
the template, owned with ``controller: true``. Events ``SuccessfulCreate``
(``Created pod: x``) and ``SuccessfulDelete`` (``Deleted pod: x``) from
``replicaset-controller``. Pods to delete are ranked like ``getPodsToDelete``:
unscheduled, then pending, then not ready, then the most recently ready/created.
"""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.sim import events
from minikubectl.sim.clock import parse_ms
from minikubectl.sim.context import SimContext, copy_of
from minikubectl.sim.controllers.common import owner_reference
from minikubectl.sim.podstatus import condition, is_ready, is_terminal

COMPONENT = "replicaset-controller"
BURST = 500


def owned_pods(ctx: SimContext, rs: dict[str, Any]) -> list[dict[str, Any]]:
    """Pods whose controller reference is this ReplicaSet."""
    uid = rs["metadata"].get("uid")
    out = []
    for resource, obj in ctx.dependents(uid):
        if resource.storage_key != "pods":
            continue
        for ref in obj["metadata"].get("ownerReferences") or []:
            if ref.get("uid") == uid and ref.get("controller"):
                out.append(obj)
    out.sort(key=lambda p: p["metadata"]["name"])
    return out


def _is_available(ctx: SimContext, pod: dict[str, Any], min_ready: int) -> bool:
    cond = condition(pod, "Ready")
    if not cond or cond.get("status") != "True":
        return False
    if min_ready <= 0:
        return True
    since = parse_ms(cond.get("lastTransitionTime")) or ctx.now_ms
    return ctx.now_ms - since >= min_ready * 1000


def _delete_rank(pod: dict[str, Any]) -> tuple:
    phase_rank = {"Pending": 0, "Unknown": 1, "Running": 2}.get((pod.get("status") or {}).get("phase", ""), 0)
    ready_cond = condition(pod, "Ready") or {}
    restarts = sum(int(cs.get("restartCount", 0)) for cs in (pod.get("status") or {}).get("containerStatuses") or [])
    return (1 if pod["spec"].get("nodeName") else 0, phase_rank, 1 if is_ready(pod) else 0,
            # later ready / later created first: negate the timestamps
            -(parse_ms(ready_cond.get("lastTransitionTime")) or 0), -restarts,
            -(parse_ms(pod["metadata"].get("creationTimestamp")) or 0), pod["metadata"]["name"])


def sync(ctx: SimContext, rs: dict[str, Any]) -> None:
    """Create or delete pods toward ``spec.replicas``; update status."""
    meta = rs["metadata"]
    pods = owned_pods(ctx, rs)
    active = [p for p in pods if not is_terminal(p) and not p["metadata"].get("deletionTimestamp")]
    want = int((rs.get("spec") or {}).get("replicas", 1))
    if not meta.get("deletionTimestamp"):
        diff = len(active) - want
        if diff < 0:
            for _ in range(min(-diff, BURST)):
                created = _create_pod(ctx, rs)
                if created is None:
                    break
                active.append(created)
        elif diff > 0:
            for pod in sorted(active, key=_delete_rank)[:diff]:
                try:
                    ctx.api.delete(ctx.res("pods"), pod["metadata"]["namespace"], pod["metadata"]["name"])
                except errors.StatusError:
                    continue
                events.record(ctx, rs, "Normal", "SuccessfulDelete", f"Deleted pod: {pod['metadata']['name']}",
                              COMPONENT)
                active.remove(pod)
    update_status(ctx, rs, active)


def _create_pod(ctx: SimContext, rs: dict[str, Any]) -> dict[str, Any] | None:
    template = copy_of((rs.get("spec") or {}).get("template") or {})
    tmeta = template.get("metadata") or {}
    meta: dict[str, Any] = {"generateName": rs["metadata"]["name"] + "-", "namespace": rs["metadata"]["namespace"]}
    if tmeta.get("labels"):
        meta["labels"] = dict(tmeta["labels"])
    if tmeta.get("annotations"):
        meta["annotations"] = dict(tmeta["annotations"])
    meta["ownerReferences"] = [owner_reference(rs)]
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": template.get("spec") or {}}
    try:
        created = ctx.api.create(ctx.res("pods"), pod, rs["metadata"]["namespace"])
    except errors.KubectlError as exc:
        events.record(ctx, rs, "Warning", "FailedCreate", f"Error creating: {exc.message}", COMPONENT)
        return None
    events.record(ctx, rs, "Normal", "SuccessfulCreate", f"Created pod: {created['metadata']['name']}", COMPONENT)
    min_ready = int((rs.get("spec") or {}).get("minReadySeconds", 0) or 0)
    if min_ready:
        ctx.sim["minReady"] = True
    return created


def update_status(ctx: SimContext, rs: dict[str, Any], active: list[dict[str, Any]]) -> None:
    """status.replicas / fullyLabeledReplicas / readyReplicas / availableReplicas / observedGeneration."""
    current = ctx.peek("replicasets.apps", rs["metadata"]["namespace"], rs["metadata"]["name"])
    if current is None:
        return
    spec = rs.get("spec") or {}
    min_ready = int(spec.get("minReadySeconds", 0) or 0)
    template_labels = ((spec.get("template") or {}).get("metadata") or {}).get("labels") or {}
    ready = [p for p in active if is_ready(p)]
    available = [p for p in ready if _is_available(ctx, p, min_ready)]
    labelled = [p for p in active
                if all((p["metadata"].get("labels") or {}).get(k) == v for k, v in template_labels.items())]
    status: dict[str, Any] = {"replicas": len(active)}
    if labelled:
        status["fullyLabeledReplicas"] = len(labelled)
    if ready:
        status["readyReplicas"] = len(ready)
    if available:
        status["availableReplicas"] = len(available)
    status["observedGeneration"] = current["metadata"].get("generation", 1)
    for cond in (current.get("status") or {}).get("conditions") or []:
        status.setdefault("conditions", []).append(cond)
    if min_ready and len(available) < len(ready):
        # Re-check when the next ready pod has been ready for minReadySeconds.
        for pod in ready:
            since = parse_ms((condition(pod, "Ready") or {}).get("lastTransitionTime")) or ctx.now_ms
            if since + min_ready * 1000 > ctx.now_ms:
                ctx.schedule(since + min_ready * 1000, {"k": "resync", "plural": "replicasets.apps",
                                                        "ns": rs["metadata"]["namespace"],
                                                        "name": rs["metadata"]["name"]})
    if current.get("status") != status:
        changed = copy_of(current)
        changed["status"] = status
        ctx.write_status("replicasets.apps", changed)
