"""The Deployment controller: ReplicaSets per template, scaling, rolling updates, status.

Follows ``pkg/controller/deployment`` (sync.go, rolling.go, recreate.go, progress.go,
util/deployment_util.go): the new ReplicaSet is ``<deployment>-<pod-template-hash>``
with the revision / desired-replicas / max-replicas annotations; scaling events
(``Scaled up replica set x from 3 to 5``) from ``deployment-controller``; conditions
``Available`` (MinimumReplicasAvailable / MinimumReplicasUnavailable) and
``Progressing`` (NewReplicaSetCreated, FoundNewReplicaSet, ReplicaSetUpdated,
NewReplicaSetAvailable, ProgressDeadlineExceeded, DeploymentPaused, DeploymentResumed).
"""

from __future__ import annotations

import copy
from typing import Any

from minikubectl.api import errors
from minikubectl.sim import events
from minikubectl.sim.clock import parse_ms
from minikubectl.sim.context import SimContext, copy_of
from minikubectl.sim.controllers.common import (int_or_percent, owner_reference, selector_matches, strip_hash,
                                                template_hash)

COMPONENT = "deployment-controller"
REVISION = "deployment.kubernetes.io/revision"
REVISION_HISTORY = "deployment.kubernetes.io/revision-history"
DESIRED = "deployment.kubernetes.io/desired-replicas"
MAX_REPLICAS = "deployment.kubernetes.io/max-replicas"
_SKIP_ANNOTATIONS = {"kubectl.kubernetes.io/last-applied-configuration", REVISION, REVISION_HISTORY, DESIRED,
                     MAX_REPLICAS, "deployment.kubernetes.io/error-selector-overlapping-with",
                     "deployment.kubernetes.io/selector-updated-at"}


# -- helpers ---------------------------------------------------------------------------------
def _replicas(obj: dict[str, Any]) -> int:
    value = (obj.get("spec") or {}).get("replicas")
    return 1 if value is None else int(value)


def _revision(rs: dict[str, Any]) -> int:
    try:
        return int((rs["metadata"].get("annotations") or {}).get(REVISION, "0"))
    except ValueError:
        return 0


def max_surge(d: dict[str, Any]) -> int:
    """Resolved maxSurge (0 for Recreate)."""
    strategy = (d.get("spec") or {}).get("strategy") or {}
    if strategy.get("type") == "Recreate":
        return 0
    rolling = strategy.get("rollingUpdate") or {}
    surge = int_or_percent(rolling.get("maxSurge", "25%"), _replicas(d), True)
    unavailable = int_or_percent(rolling.get("maxUnavailable", "25%"), _replicas(d), False)
    return 1 if surge == 0 and unavailable == 0 else surge


def max_unavailable(d: dict[str, Any]) -> int:
    """Resolved maxUnavailable (0 for Recreate), never above replicas."""
    strategy = (d.get("spec") or {}).get("strategy") or {}
    if strategy.get("type") == "Recreate" or _replicas(d) == 0:
        return 0
    rolling = strategy.get("rollingUpdate") or {}
    surge = int_or_percent(rolling.get("maxSurge", "25%"), _replicas(d), True)
    unavailable = int_or_percent(rolling.get("maxUnavailable", "25%"), _replicas(d), False)
    if surge == 0 and unavailable == 0:
        unavailable = 1
    return min(unavailable, _replicas(d))


def owned_replicasets(ctx: SimContext, d: dict[str, Any]) -> list[dict[str, Any]]:
    """ReplicaSets controlled by the deployment, oldest first."""
    uid = d["metadata"].get("uid")
    out = [obj for res, obj in ctx.dependents(uid) if res.storage_key == "replicasets.apps"
           and any(r.get("uid") == uid and r.get("controller") for r in obj["metadata"].get("ownerReferences") or [])]
    out.sort(key=lambda rs: (rs["metadata"].get("creationTimestamp", ""), rs["metadata"]["name"]))
    return out


def _status_count(rs: dict[str, Any] | None, key: str) -> int:
    return int(((rs or {}).get("status") or {}).get(key, 0) or 0)


def _set_condition(status: dict[str, Any], ctype: str, value: str, reason: str, message: str, now: str) -> None:
    """``SetDeploymentCondition``: unchanged status+reason is a no-op; a change moves it last."""
    conditions = status.get("conditions") or []
    current = next((c for c in conditions if c.get("type") == ctype), None)
    if current and current.get("status") == value and current.get("reason") == reason:
        return
    new = {"type": ctype, "status": value, "lastUpdateTime": now, "lastTransitionTime": now,
           "reason": reason, "message": message}
    if current and current.get("status") == value:
        new["lastTransitionTime"] = current.get("lastTransitionTime")
    status["conditions"] = [c for c in conditions if c.get("type") != ctype] + [new]


def _scale(ctx: SimContext, d: dict[str, Any], rs: dict[str, Any], replicas: int) -> dict[str, Any]:
    """Set a ReplicaSet's replicas and annotations; event when the size changes."""
    old = _replicas(rs)
    changed = copy_of(rs)
    changed["spec"]["replicas"] = replicas
    annotations = changed["metadata"].setdefault("annotations", {})
    annotations[DESIRED] = str(_replicas(d))
    annotations[MAX_REPLICAS] = str(_replicas(d) + max_surge(d))
    if changed == rs:
        return rs
    stored = ctx.api.update(ctx.res("replicasets.apps"), changed, check_version=False)
    if old != replicas:
        direction = "up" if replicas > old else "down"
        events.record(ctx, d, "Normal", "ScalingReplicaSet",
                      f"Scaled {direction} replica set {rs['metadata']['name']} from {old} to {replicas}", COMPONENT)
    return stored


# -- the sync ----------------------------------------------------------------------------------
def sync(ctx: SimContext, d: dict[str, Any]) -> None:
    """One reconcile of a Deployment."""
    meta = d["metadata"]
    if meta.get("deletionTimestamp"):
        return
    spec = d.get("spec") or {}
    all_rs = owned_replicasets(ctx, d)
    template = spec.get("template") or {}
    new_rs = next((rs for rs in all_rs if strip_hash((rs.get("spec") or {}).get("template") or {})
                   == strip_hash(template)), None)
    old_rs = [rs for rs in all_rs if rs is not new_rs]
    status = copy.deepcopy(d.get("status") or {})
    paused = bool(spec.get("paused"))
    if paused or _is_scaling_event(d, new_rs, old_rs):
        if new_rs is not None:
            new_rs = _sync_revision(ctx, d, new_rs, old_rs, status)
            _proportional_scale(ctx, d, new_rs, old_rs)
        elif old_rs:
            _proportional_scale(ctx, d, None, old_rs)
        _paused_condition(ctx, d, status, paused)
        _write_status(ctx, d, _calculate_status(ctx, d, _refresh(ctx, all_rs, new_rs), new_rs, status))
        return
    if new_rs is None:
        new_rs = _create_new_rs(ctx, d, old_rs, status)
        if new_rs is None:
            return
    else:
        new_rs = _sync_revision(ctx, d, new_rs, old_rs, status)
    _paused_condition(ctx, d, status, paused)
    if (spec.get("strategy") or {}).get("type") == "Recreate":
        _rollout_recreate(ctx, d, new_rs, old_rs)
    else:
        _rollout_rolling(ctx, d, new_rs, old_rs)
    all_now = _refresh(ctx, old_rs + [new_rs], None)
    new_now = next((rs for rs in all_now if rs["metadata"]["name"] == new_rs["metadata"]["name"]), new_rs)
    _cleanup(ctx, d, [rs for rs in all_now if rs is not new_now])
    new_status = _calculate_status(ctx, d, all_now, new_now, status)
    _progress(ctx, d, new_now, new_status)
    _write_status(ctx, d, new_status)


def _refresh(ctx: SimContext, sets: list[dict[str, Any]], extra: dict[str, Any] | None) -> list[dict[str, Any]]:
    out = []
    for rs in sets + ([extra] if extra is not None and extra not in sets else []):
        current = ctx.peek("replicasets.apps", rs["metadata"]["namespace"], rs["metadata"]["name"])
        if current is not None:
            out.append(current)
    return out


def _is_scaling_event(d: dict[str, Any], new_rs: dict[str, Any] | None, old_rs: list[dict[str, Any]]) -> bool:
    active = [rs for rs in ([new_rs] if new_rs else []) + old_rs if _replicas(rs) > 0]
    for rs in active:
        desired = (rs["metadata"].get("annotations") or {}).get(DESIRED)
        if desired is not None and desired != str(_replicas(d)):
            return True
    return False


def _proportional_scale(ctx: SimContext, d: dict[str, Any], new_rs: dict[str, Any] | None,
                        old_rs: list[dict[str, Any]]) -> None:
    """``scale``: one active ReplicaSet takes the whole size; otherwise spread the difference."""
    active = [rs for rs in ([new_rs] if new_rs else []) + old_rs if _replicas(rs) > 0]
    if len(active) <= 1:
        target = active[0] if active else (new_rs or (old_rs[-1] if old_rs else None))
        if target is not None and _replicas(target) != _replicas(d) or (
                target is not None and (target["metadata"].get("annotations") or {}).get(DESIRED) != str(_replicas(d))):
            _scale(ctx, d, target, _replicas(d))
        return
    if new_rs is not None and all(_status_count(rs, "availableReplicas") == _replicas(rs) for rs in active) \
            and _replicas(new_rs) > 0 and all(_replicas(rs) == 0 for rs in old_rs):
        _scale(ctx, d, new_rs, _replicas(d))
        return
    allowed = _replicas(d) + max_surge(d)
    current = sum(_replicas(rs) for rs in active)
    delta = allowed - current
    if delta == 0:
        return
    # Largest (newest first on ties) ReplicaSets absorb the change.
    ordered = sorted(active, key=lambda rs: (-_replicas(rs), rs["metadata"].get("creationTimestamp", "")),
                     reverse=False)
    remaining = delta
    for rs in ordered:
        if remaining == 0:
            break
        share = remaining if rs is ordered[0] else 0
        new_size = max(_replicas(rs) + share, 0)
        remaining -= new_size - _replicas(rs)
        _scale(ctx, d, rs, new_size)


def _next_revision(old_rs: list[dict[str, Any]]) -> int:
    return max([_revision(rs) for rs in old_rs] + [0]) + 1


def _sync_revision(ctx: SimContext, d: dict[str, Any], new_rs: dict[str, Any], old_rs: list[dict[str, Any]],
                   status: dict[str, Any]) -> dict[str, Any]:
    revision = _next_revision(old_rs)
    annotations = dict(new_rs["metadata"].get("annotations") or {})
    changed = False
    for key, value in (d["metadata"].get("annotations") or {}).items():
        if key not in _SKIP_ANNOTATIONS and annotations.get(key) != value:
            annotations[key] = value
            changed = True
    old_revision = annotations.get(REVISION)
    if old_revision is None or int(old_revision or 0) < revision:
        if old_revision is not None:
            history = annotations.get(REVISION_HISTORY)
            annotations[REVISION_HISTORY] = f"{history},{old_revision}" if history else old_revision
        annotations[REVISION] = str(revision)
        changed = True
    stored = new_rs
    if changed:
        updated = copy_of(new_rs)
        updated["metadata"]["annotations"] = annotations
        stored = ctx.api.update(ctx.res("replicasets.apps"), updated, check_version=False)
    _set_deployment_revision(ctx, d, annotations.get(REVISION, str(revision)))
    progressing = next((c for c in status.get("conditions") or [] if c.get("type") == "Progressing"), None)
    if _has_deadline(d) and progressing is None:
        _set_condition(status, "Progressing", "True", "FoundNewReplicaSet",
                       f'Found new replica set "{stored["metadata"]["name"]}"', ctx.stamp())
    return stored


def _set_deployment_revision(ctx: SimContext, d: dict[str, Any], revision: str) -> None:
    current = ctx.peek("deployments.apps", d["metadata"]["namespace"], d["metadata"]["name"])
    if current is None or (current["metadata"].get("annotations") or {}).get(REVISION) == revision:
        return
    changed = copy_of(current)
    changed["metadata"].setdefault("annotations", {})[REVISION] = revision
    ctx.write_status("deployments.apps", changed)
    d["metadata"] = copy_of(changed["metadata"])


def _has_deadline(d: dict[str, Any]) -> bool:
    deadline = (d.get("spec") or {}).get("progressDeadlineSeconds", 600)
    return deadline is not None and deadline != 2147483647


def _create_new_rs(ctx: SimContext, d: dict[str, Any], old_rs: list[dict[str, Any]],
                   status: dict[str, Any]) -> dict[str, Any] | None:
    meta = d["metadata"]
    spec = d.get("spec") or {}
    template = copy_of(spec.get("template") or {})
    pod_hash = template_hash(template, int(status.get("collisionCount", 0) or 0))
    tmeta = template.setdefault("metadata", {})
    tmeta["labels"] = {**(tmeta.get("labels") or {}), "pod-template-hash": pod_hash}
    selector = copy_of(spec.get("selector") or {})
    selector["matchLabels"] = {**(selector.get("matchLabels") or {}), "pod-template-hash": pod_hash}
    revision = _next_revision(old_rs)
    annotations = {k: v for k, v in (meta.get("annotations") or {}).items() if k not in _SKIP_ANNOTATIONS}
    annotations[DESIRED] = str(_replicas(d))
    annotations[MAX_REPLICAS] = str(_replicas(d) + max_surge(d))
    annotations[REVISION] = str(revision)
    replicas = _new_rs_replicas(d, old_rs, None)
    rs = {
        "apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": {"name": f"{meta['name']}-{pod_hash}", "namespace": meta["namespace"],
                     "labels": dict(tmeta["labels"]), "annotations": annotations,
                     "ownerReferences": [owner_reference(d)]},
        "spec": {"replicas": replicas, "minReadySeconds": int(spec.get("minReadySeconds", 0) or 0),
                 "selector": selector, "template": template},
    }
    if not rs["spec"]["minReadySeconds"]:
        del rs["spec"]["minReadySeconds"]
    try:
        created = ctx.api.create(ctx.res("replicasets.apps"), rs, meta["namespace"])
    except errors.StatusError as exc:
        if exc.reason == "AlreadyExists":
            status["collisionCount"] = int(status.get("collisionCount", 0) or 0) + 1
            _write_status(ctx, d, status)
            return None
        _set_condition(status, "Progressing", "False", "ReplicaSetCreateError",
                       f"Failed to create new replica set \"{rs['metadata']['name']}\": {exc.message}", ctx.stamp())
        _write_status(ctx, d, status)
        return None
    if replicas > 0:
        events.record(ctx, d, "Normal", "ScalingReplicaSet",
                      f"Scaled up replica set {created['metadata']['name']} from 0 to {replicas}", COMPONENT)
    _set_deployment_revision(ctx, d, str(revision))
    if _has_deadline(d):
        _set_condition(status, "Progressing", "True", "NewReplicaSetCreated",
                       f'Created new replica set "{created["metadata"]["name"]}"', ctx.stamp())
    return created


def _new_rs_replicas(d: dict[str, Any], old_rs: list[dict[str, Any]], new_rs: dict[str, Any] | None) -> int:
    """``NewRSNewReplicas``."""
    replicas = _replicas(d)
    if ((d.get("spec") or {}).get("strategy") or {}).get("type") == "Recreate":
        return replicas
    current = sum(_replicas(rs) for rs in old_rs) + (_replicas(new_rs) if new_rs else 0)
    max_total = replicas + max_surge(d)
    if current >= max_total:
        return _replicas(new_rs) if new_rs else 0
    new_now = _replicas(new_rs) if new_rs else 0
    scale_up = min(max_total - current, max(replicas - new_now, 0))
    return new_now + scale_up


def _rollout_rolling(ctx: SimContext, d: dict[str, Any], new_rs: dict[str, Any], old_rs: list[dict[str, Any]]) -> None:
    replicas = _replicas(d)
    if _replicas(new_rs) > replicas:
        new_rs = _scale(ctx, d, new_rs, replicas)
    elif _replicas(new_rs) < replicas:
        target = _new_rs_replicas(d, old_rs, new_rs)
        if target != _replicas(new_rs):
            new_rs = _scale(ctx, d, new_rs, target)
    old_rs = _refresh(ctx, old_rs, None)
    old_count = sum(_replicas(rs) for rs in old_rs)
    if old_count == 0:
        return
    all_count = old_count + _replicas(new_rs)
    min_available = replicas - max_unavailable(d)
    new_unavailable = _replicas(new_rs) - _status_count(new_rs, "availableReplicas")
    max_scaled_down = all_count - min_available - new_unavailable
    if max_scaled_down <= 0:
        return
    # Old pods that are not available go first (cleanupUnhealthyReplicas) ...
    for rs in old_rs:
        if max_scaled_down <= 0:
            break
        unhealthy = _replicas(rs) - _status_count(rs, "availableReplicas")
        if unhealthy <= 0:
            continue
        down = min(unhealthy, max_scaled_down)
        _scale(ctx, d, rs, _replicas(rs) - down)
        max_scaled_down -= down
    old_rs = _refresh(ctx, old_rs, None)
    # ... then available ones, oldest first, keeping minAvailable.
    available = sum(_status_count(rs, "availableReplicas") for rs in old_rs) + _status_count(new_rs, "availableReplicas")
    total_down = min(available - min_available, max_scaled_down)
    for rs in old_rs:
        if total_down <= 0:
            break
        if _replicas(rs) == 0:
            continue
        down = min(_replicas(rs), total_down)
        _scale(ctx, d, rs, _replicas(rs) - down)
        total_down -= down


def _rollout_recreate(ctx: SimContext, d: dict[str, Any], new_rs: dict[str, Any], old_rs: list[dict[str, Any]]) -> None:
    for rs in old_rs:
        if _replicas(rs) > 0:
            _scale(ctx, d, rs, 0)
    old_pods_left = any(_status_count(rs, "replicas") > 0 for rs in _refresh(ctx, old_rs, None))
    if not old_pods_left and _replicas(new_rs) != _replicas(d):
        _scale(ctx, d, new_rs, _replicas(d))


def _cleanup(ctx: SimContext, d: dict[str, Any], old_rs: list[dict[str, Any]]) -> None:
    limit = (d.get("spec") or {}).get("revisionHistoryLimit", 10)
    if limit is None:
        return
    idle = [rs for rs in old_rs if _replicas(rs) == 0 and _status_count(rs, "replicas") == 0
            and not rs["metadata"].get("deletionTimestamp")]
    idle.sort(key=_revision)
    for rs in idle[:max(len(idle) - int(limit), 0)]:
        try:
            ctx.api.delete(ctx.res("replicasets.apps"), rs["metadata"]["namespace"], rs["metadata"]["name"])
        except errors.StatusError:
            pass


def _calculate_status(ctx: SimContext, d: dict[str, Any], all_rs: list[dict[str, Any]],
                      new_rs: dict[str, Any] | None, base: dict[str, Any]) -> dict[str, Any]:
    available = sum(_status_count(rs, "availableReplicas") for rs in all_rs)
    total = sum(_replicas(rs) for rs in all_rs)
    unavailable = max(total - available, 0)
    status: dict[str, Any] = {"observedGeneration": d["metadata"].get("generation", 1)}
    counts = {
        "replicas": sum(_status_count(rs, "replicas") for rs in all_rs),
        "updatedReplicas": _status_count(new_rs, "replicas") if new_rs else 0,
        "readyReplicas": sum(_status_count(rs, "readyReplicas") for rs in all_rs),
        "availableReplicas": available,
        "unavailableReplicas": unavailable,
    }
    status.update({k: v for k, v in counts.items() if v})
    if base.get("conditions"):
        status["conditions"] = copy.deepcopy(base["conditions"])
    if base.get("collisionCount"):
        status["collisionCount"] = base["collisionCount"]
    if available >= _replicas(d) - max_unavailable(d):
        _set_condition(status, "Available", "True", "MinimumReplicasAvailable",
                       "Deployment has minimum availability.", ctx.stamp())
    else:
        _set_condition(status, "Available", "False", "MinimumReplicasUnavailable",
                       "Deployment does not have minimum availability.", ctx.stamp())
    return status


def _progress(ctx: SimContext, d: dict[str, Any], new_rs: dict[str, Any], status: dict[str, Any]) -> None:
    """``syncRolloutStatus``: the Progressing condition."""
    if not _has_deadline(d):
        status["conditions"] = [c for c in status.get("conditions") or [] if c.get("type") != "Progressing"]
        return
    if (d.get("spec") or {}).get("paused"):
        return
    current = next((c for c in status.get("conditions") or [] if c.get("type") == "Progressing"), None)
    if current and current.get("reason") == "NewReplicaSetAvailable":
        return
    old = d.get("status") or {}
    replicas = _replicas(d)
    name = new_rs["metadata"]["name"]
    complete = (status.get("updatedReplicas", 0) == replicas and status.get("replicas", 0) == replicas
                and status.get("availableReplicas", 0) == replicas
                and status.get("observedGeneration", 0) >= d["metadata"].get("generation", 1))
    old_old = int(old.get("replicas", 0) or 0) - int(old.get("updatedReplicas", 0) or 0)
    new_old = status.get("replicas", 0) - status.get("updatedReplicas", 0)
    progressing = (status.get("updatedReplicas", 0) > int(old.get("updatedReplicas", 0) or 0)
                   or new_old < old_old
                   or status.get("readyReplicas", 0) > int(old.get("readyReplicas", 0) or 0)
                   or status.get("availableReplicas", 0) > int(old.get("availableReplicas", 0) or 0))
    deadline = int((d.get("spec") or {}).get("progressDeadlineSeconds", 600))
    if complete:
        _set_condition(status, "Progressing", "True", "NewReplicaSetAvailable",
                       f'ReplicaSet "{name}" has successfully progressed.', ctx.stamp())
    elif progressing:
        new = {"type": "Progressing", "status": "True", "lastUpdateTime": ctx.stamp(),
               "lastTransitionTime": ctx.stamp(), "reason": "ReplicaSetUpdated",
               "message": f'ReplicaSet "{name}" is progressing.'}
        if current and current.get("status") == "True":
            new["lastTransitionTime"] = current.get("lastTransitionTime")
        status["conditions"] = [c for c in status.get("conditions") or [] if c.get("type") != "Progressing"] + [new]
        ctx.schedule(ctx.now_ms + deadline * 1000 + 1000, {"k": "resync", "plural": "deployments.apps",
                                                           "ns": d["metadata"]["namespace"],
                                                           "name": d["metadata"]["name"]})
    elif current and current.get("status") == "True":
        last = parse_ms(current.get("lastUpdateTime")) or ctx.now_ms
        if ctx.now_ms - last > deadline * 1000:
            _set_condition(status, "Progressing", "False", "ProgressDeadlineExceeded",
                           f'ReplicaSet "{name}" has timed out progressing.', ctx.stamp())


def _paused_condition(ctx: SimContext, d: dict[str, Any], status: dict[str, Any], paused: bool) -> None:
    if not _has_deadline(d):
        return
    current = next((c for c in status.get("conditions") or [] if c.get("type") == "Progressing"), None)
    if paused and (current is None or current.get("reason") != "DeploymentPaused"):
        _set_condition(status, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", ctx.stamp())
    elif not paused and current is not None and current.get("reason") == "DeploymentPaused":
        _set_condition(status, "Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed", ctx.stamp())


def _write_status(ctx: SimContext, d: dict[str, Any], status: dict[str, Any]) -> None:
    current = ctx.peek("deployments.apps", d["metadata"]["namespace"], d["metadata"]["name"])
    if current is None or current.get("status") == status:
        return
    changed = copy_of(current)
    changed["status"] = status
    ctx.write_status("deployments.apps", changed)


def adopt_selector_check(d: dict[str, Any], rs: dict[str, Any]) -> bool:
    """Whether a ReplicaSet's labels are selected by the deployment (used for adoption)."""
    return selector_matches((d.get("spec") or {}).get("selector"), rs["metadata"].get("labels"))
