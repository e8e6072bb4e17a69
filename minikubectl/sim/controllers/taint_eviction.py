"""The taint eviction controller: pods on a node with a ``NoExecute`` taint they do not tolerate
are deleted; pods that tolerate it for ``tolerationSeconds`` are deleted when that time is up.

As ``pkg/controller/tainteviction``: the eviction adds the ``DisruptionTarget`` condition
(reason ``DeletionByTaintManager``), records a ``TaintManagerEviction`` event and deletes the
pod gracefully. A pending eviction is cancelled when the taint goes away.
"""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.sim import events
from minikubectl.sim.context import SimContext, copy_of
from minikubectl.sim.podstatus import is_terminal
from minikubectl.sim.scheduler import tolerates

COMPONENT = "taint-eviction-controller"
_PENDING = "taintEvictions"


def _key(pod: dict[str, Any]) -> str:
    meta = pod["metadata"]
    return f"{meta.get('namespace')}/{meta['name']}"


def _no_execute(node: dict[str, Any] | None) -> list[dict[str, Any]]:
    return [t for t in ((node or {}).get("spec") or {}).get("taints") or [] if t.get("effect") == "NoExecute"]


def toleration_ms(tolerations: list[dict[str, Any]], taints: list[dict[str, Any]]) -> int | None:
    """How long the pod may stay: 0 now, None forever (``getMinTolerationTime`` of the used ones)."""
    used = [t for t in tolerations if any(tolerates([t], taint) for taint in taints)]
    if not used:
        return 0
    finite = [int(t["tolerationSeconds"]) for t in used if t.get("tolerationSeconds") is not None]
    if any(seconds <= 0 for seconds in finite):
        return 0
    return min(finite) * 1000 if finite else None


def on_node_changed(ctx: SimContext, node: dict[str, Any]) -> None:
    """A node's taints may have changed: look at every pod bound to it."""
    name = node["metadata"]["name"]
    for pod in list(ctx.api.tracker.iter_stored(ctx.res("pods"))):
        if (pod.get("spec") or {}).get("nodeName") == name:
            check(ctx, pod, node)


def on_pod(ctx: SimContext, pod: dict[str, Any]) -> dict[str, Any] | None:
    """A bound pod changed (or was just bound): its node's taints apply. The pod as stored after."""
    node_name = (pod.get("spec") or {}).get("nodeName")
    if node_name and check(ctx, pod, ctx.peek("nodes", None, node_name)):
        return ctx.peek("pods", pod["metadata"].get("namespace"), pod["metadata"]["name"])
    return pod


def check(ctx: SimContext, pod: dict[str, Any], node: dict[str, Any] | None) -> bool:
    """Evict now, schedule an eviction, or cancel a pending one; True when evicted now."""
    if pod["metadata"].get("deletionTimestamp") or is_terminal(pod):
        return False
    pending: dict[str, int] = ctx.sim.setdefault(_PENDING, {})
    key = _key(pod)
    taints = _no_execute(node)
    if not taints:
        if pending.pop(key, None) is not None:
            events.record(ctx, pod, "Normal", "TaintManagerEviction", f"Cancelling deletion of Pod {key}",
                          COMPONENT)
        return False
    allowed = toleration_ms((pod.get("spec") or {}).get("tolerations") or [], taints)
    if allowed is None:
        pending.pop(key, None)
        return False
    if allowed == 0:
        _evict(ctx, pod)
        return True
    if key not in pending:
        pending[key] = ctx.now_ms + allowed
        ctx.schedule(pending[key], {"k": "taint-evict", "key": key})
    return False


def on_timer(ctx: SimContext, payload: dict[str, Any]) -> None:
    """A toleration ran out: evict the pod if it is still due."""
    pending: dict[str, int] = ctx.sim.setdefault(_PENDING, {})
    due = pending.get(payload["key"])
    if due is None or due > ctx.now_ms:
        return
    pending.pop(payload["key"], None)
    namespace, _, name = payload["key"].partition("/")
    pod = ctx.peek("pods", namespace, name)
    if pod is None or pod["metadata"].get("deletionTimestamp"):
        return
    node = ctx.peek("nodes", None, (pod.get("spec") or {}).get("nodeName") or "")
    if _no_execute(node):
        _evict(ctx, pod)


def _evict(ctx: SimContext, pod: dict[str, Any]) -> None:
    ctx.sim.setdefault(_PENDING, {}).pop(_key(pod), None)
    events.record(ctx, pod, "Normal", "TaintManagerEviction", f"Marking for deletion Pod {_key(pod)}", COMPONENT)
    changed = copy_of(pod)
    status = changed.setdefault("status", {})
    conditions = [c for c in status.get("conditions") or [] if c.get("type") != "DisruptionTarget"]
    conditions.append({"type": "DisruptionTarget", "status": "True", "lastProbeTime": None,
                       "lastTransitionTime": ctx.stamp(), "reason": "DeletionByTaintManager",
                       "message": "Taint manager: deleting due to NoExecute taint"})
    status["conditions"] = conditions
    try:
        ctx.write_status("pods", changed)
        ctx.api.delete(ctx.res("pods"), pod["metadata"].get("namespace"), pod["metadata"]["name"])
    except errors.StatusError:
        pass
