"""Routes changed objects and due timers to the scheduler, kubelet and controllers."""

from __future__ import annotations

from typing import Any

from minikubectl.api.registry import ResourceType
from minikubectl.sim import events, kubelet, nodes, scheduler
from minikubectl.sim.context import Key, SimContext
from minikubectl.sim.controllers import (cronjob, daemonset, deployment, garbage_collector, job, namespace, podgc,
                                        replicaset, statefulset, taint_eviction)
from minikubectl.sim.controllers import disruption, horizontal
from minikubectl.sim.controllers import workload_common
from minikubectl.sim.podstatus import controller_ref, is_terminal
from minikubectl.store.apiserver import FOREGROUND_FINALIZER

# Order within one reconcile round: owners before what they own.
PRIORITY = {"namespaces": 0, "nodes": 1, "cronjobs.batch": 2, "deployments.apps": 2, "statefulsets.apps": 2,
            "daemonsets.apps": 2, "replicasets.apps": 3, "jobs.batch": 3, "pods": 4}

# The controller that owns a kind (a changed or deleted object wakes its controller owner).
OWNER_PLURALS = {"ReplicaSet": "replicasets.apps", "Deployment": "deployments.apps", "Job": "jobs.batch",
                 "CronJob": "cronjobs.batch", "StatefulSet": "statefulsets.apps", "DaemonSet": "daemonsets.apps"}


def on_changed(ctx: SimContext, key: Key) -> None:
    """An object was created or updated (or a retry was requested)."""
    plural, ns, name = key
    resource = ctx.api.registry.by_qualified_plural(plural)
    if resource is None:
        return
    obj = ctx.api.tracker.peek(resource, ns, name)
    if obj is None:
        return
    meta = obj["metadata"]
    if meta.get("deletionTimestamp") and FOREGROUND_FINALIZER in (meta.get("finalizers") or []):
        garbage_collector.foreground(ctx, resource, obj)
        obj = ctx.api.tracker.peek(resource, ns, name)
        if obj is None:
            return
    if plural == "pods":
        _pod(ctx, obj)
    elif plural == "nodes":
        nodes.sync(ctx, obj)
        scheduler.retry_all(ctx)
        daemonset.on_node_changed(ctx, obj)
        taint_eviction.on_node_changed(ctx, obj)
    elif plural == "replicasets.apps":
        replicaset.sync(ctx, obj)
        _enqueue_owner(ctx, obj)
    elif plural == "deployments.apps":
        deployment.sync(ctx, obj)
    elif plural == "jobs.batch":
        job.sync(ctx, obj)
        _enqueue_owner(ctx, obj)
    elif plural == "cronjobs.batch":
        cronjob.sync(ctx, obj)
    elif plural == "statefulsets.apps":
        statefulset.sync(ctx, obj)
    elif plural == "daemonsets.apps":
        daemonset.sync(ctx, obj)
    elif plural == "namespaces":
        namespace.sync(ctx, obj)
    elif plural == disruption.PLURAL:
        disruption.sync(ctx, obj)
    elif plural == horizontal.PLURAL:
        horizontal.sync(ctx, obj)


def _pod(ctx: SimContext, pod: dict[str, Any]) -> None:
    disruption.on_pod(ctx, pod)
    spec = pod.get("spec") or {}
    meta = pod["metadata"]
    if spec.get("nodeName"):
        current = taint_eviction.on_pod(ctx, pod)
        if current is None:
            return
        pod = current
        kubelet.sync(ctx, pod)
    elif not meta.get("deletionTimestamp") and not is_terminal(pod) and scheduler.should_attempt(ctx, pod):
        scheduler.schedule(ctx, pod)
    _enqueue_owner(ctx, pod)


def _enqueue_owner(ctx: SimContext, obj: dict[str, Any]) -> None:
    ref = controller_ref(obj)
    plural = OWNER_PLURALS.get(ref.get("kind", "")) if ref else None
    if plural and ref.get("apiVersion", "").startswith(("apps/", "batch/")):
        ctx.dirty[(plural, obj["metadata"].get("namespace"), ref.get("name", ""))] = None


def on_deleted(ctx: SimContext, resource: ResourceType, obj: dict[str, Any]) -> None:
    """An object was removed for good."""
    meta = obj.get("metadata", {})
    plural = resource.storage_key
    if plural == "pods":
        disruption.on_pod(ctx, obj)
        kubelet.forget(ctx, obj)
        scheduler.forget(ctx, obj)
        _enqueue_owner(ctx, obj)
    elif plural in ("replicasets.apps", "jobs.batch"):
        _enqueue_owner(ctx, obj)
        if plural == "jobs.batch":
            job.forget(ctx, obj)
    elif plural == "cronjobs.batch":
        cronjob.forget(ctx, obj)
    elif plural == "nodes":
        podgc.on_node_deleted(ctx)
        daemonset.on_node_changed(ctx, obj)
    if meta.get("uid") and plural != "events":
        garbage_collector.on_owner_deleted(ctx, meta["uid"])
    if meta.get("ownerReferences"):
        garbage_collector.on_dependent_deleted(ctx, obj)
    ns = meta.get("namespace")
    if ns and resource.namespaced:
        ns_obj = ctx.peek("namespaces", None, ns)
        if ns_obj is not None and ns_obj["metadata"].get("deletionTimestamp"):
            ctx.dirty[("namespaces", None, ns)] = None


def on_timer(ctx: SimContext, payload: dict[str, Any]) -> None:
    """A due timer."""
    kind = payload.get("k")
    if kind == "kubelet":
        kubelet.on_timer(ctx, payload)
    elif kind == "netwait":
        ctx.network_replan_started()
        kubelet.replan_network_waiters(ctx)
    elif kind == "sched-retry":
        scheduler.on_retry_timer(ctx, payload)
    elif kind == "event-ttl":
        events.expire(ctx, payload)
    elif kind == "resync":
        workload_common.forget_wake(ctx, payload)
        ctx.dirty[(payload["plural"], payload.get("ns"), payload["name"])] = None
    elif kind == "taint-evict":
        taint_eviction.on_timer(ctx, payload)
    elif kind == "podgc-orphans":
        podgc.orphans(ctx)
    elif kind == "podgc-terminated":
        podgc.terminated(ctx)
