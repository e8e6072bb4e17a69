"""PodGC: orphaned pods on vanished nodes, and the terminated-pod threshold.

Pods bound to a node that no longer exists are force-deleted after a 40 s quarantine.
When more than ``TERMINATED_THRESHOLD`` (12500, ``--terminated-pod-gc-threshold``) pods
are Succeeded/Failed, the oldest beyond the threshold are deleted. Checks are
triggered by node deletions and pod terminations (coalesced to one per 20 s period),
never by polling every pod on every step.
"""

from __future__ import annotations

from minikubectl.api import errors
from minikubectl.sim.context import SimContext
from minikubectl.sim.podstatus import is_terminal

QUARANTINE_MS = 40_000
PERIOD_MS = 20_000
TERMINATED_THRESHOLD = 12500


def on_node_deleted(ctx: SimContext) -> None:
    """A node went away: look for its orphans after the quarantine."""
    ctx.schedule(ctx.now_ms + QUARANTINE_MS, {"k": "podgc-orphans"})


def note_terminated(ctx: SimContext) -> None:
    """A pod reached Succeeded/Failed: make sure a threshold check is pending."""
    if not ctx.sim.get("podgcPending"):
        ctx.sim["podgcPending"] = True
        ctx.schedule(ctx.now_ms + PERIOD_MS, {"k": "podgc-terminated"})


def orphans(ctx: SimContext) -> None:
    """Timer: force-delete pods bound to nodes that do not exist."""
    nodes = {n["metadata"]["name"] for n in ctx.api.tracker.iter_stored(ctx.res("nodes"))}
    for pod in list(ctx.api.tracker.iter_stored(ctx.res("pods"))):
        node = (pod.get("spec") or {}).get("nodeName")
        if node and node not in nodes:
            _force_delete(ctx, pod)


def terminated(ctx: SimContext) -> None:
    """Timer: keep at most TERMINATED_THRESHOLD terminated pods (oldest go first)."""
    ctx.sim.pop("podgcPending", None)
    done = [p for p in ctx.api.tracker.iter_stored(ctx.res("pods")) if is_terminal(p)]
    excess = len(done) - TERMINATED_THRESHOLD
    if excess <= 0:
        return
    done.sort(key=lambda p: (p["metadata"].get("creationTimestamp", ""), p["metadata"]["name"]))
    for pod in done[:excess]:
        _force_delete(ctx, pod)


def _force_delete(ctx: SimContext, pod: dict) -> None:
    try:
        ctx.api.delete(ctx.res("pods"), pod["metadata"].get("namespace"), pod["metadata"]["name"], grace_period=0)
    except errors.StatusError:
        pass
