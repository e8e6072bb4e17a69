"""The DaemonSet controller: one pod per eligible node, rolling updates, status.

Follows ``pkg/controller/daemon`` (daemon_controller.go, update.go, util/daemonset_util.go):

* A node gets a daemon pod when the pod template fits it: ``nodeSelector`` / required node
  affinity, and taints with ``NoSchedule`` / ``NoExecute`` tolerated (the controller adds
  the ``node.kubernetes.io/{not-ready,unreachable}:NoExecute`` and
  ``{disk,memory,pid}-pressure, unschedulable:NoSchedule`` tolerations, so cordoned nodes
  still run daemons). Node resources are not considered.
* Pods are ``<ds>-<5 chars>``, pinned to their node by a required node affinity term
  ``matchFields metadata.name In [node]`` (the default scheduler then binds them), labelled
  ``controller-revision-hash: <hash>`` and ``pod-template-generation: <generation>``.
* ``RollingUpdate`` replaces old pods while at most ``maxUnavailable`` are unavailable;
  ``OnDelete`` waits for the user to delete them.
* Events from ``daemonset-controller``: ``SuccessfulCreate`` (``Created pod: x``),
  ``SuccessfulDelete`` (``Deleted pod: x``).
"""

from __future__ import annotations

import copy
from typing import Any

from minikubectl.sim import events
from minikubectl.sim.clock import parse_ms
from minikubectl.sim.context import SimContext
from minikubectl.sim.controllers import workload_common as wc
from minikubectl.sim.controllers.common import int_or_percent, template_hash
from minikubectl.sim.controllers.statefulset import ensure_revision
from minikubectl.sim.podstatus import condition, is_ready, is_terminal
from minikubectl.sim.scheduler import matches_node_affinity, tolerates

COMPONENT = "daemonset-controller"
PLURAL = "daemonsets.apps"
DAEMON_TOLERATIONS = (
    ("node.kubernetes.io/not-ready", "NoExecute"),
    ("node.kubernetes.io/unreachable", "NoExecute"),
    ("node.kubernetes.io/disk-pressure", "NoSchedule"),
    ("node.kubernetes.io/memory-pressure", "NoSchedule"),
    ("node.kubernetes.io/pid-pressure", "NoSchedule"),
    ("node.kubernetes.io/unschedulable", "NoSchedule"),
)


def on_node_changed(ctx: SimContext, node: dict[str, Any]) -> None:
    """A node appeared, changed or left: every DaemonSet looks again."""
    for ds in ctx.api.tracker.iter_stored(ctx.res(PLURAL)):
        ctx.dirty[(PLURAL, ds["metadata"].get("namespace"), ds["metadata"]["name"])] = None


def _template(ds: dict[str, Any]) -> dict[str, Any]:
    return (ds.get("spec") or {}).get("template") or {}


def _daemon_pod(ds: dict[str, Any], node_name: str, hash_value: str) -> dict[str, Any]:
    pod = wc.pod_from_template(ds, _template(ds))
    meta = pod["metadata"]
    meta["generateName"] = ds["metadata"]["name"] + "-"
    labels = meta.setdefault("labels", {})
    labels[REVISION_LABEL] = hash_value
    labels["pod-template-generation"] = str(ds["metadata"].get("generation", 1))
    spec = pod["spec"]
    tolerations = list(spec.get("tolerations") or [])
    extra = list(DAEMON_TOLERATIONS)
    if spec.get("hostNetwork"):
        extra.append(("node.kubernetes.io/network-unavailable", "NoSchedule"))
    for key, effect in extra:
        if not any(t.get("key") == key and t.get("effect") == effect and t.get("operator") == "Exists"
                   for t in tolerations):
            tolerations.append({"key": key, "operator": "Exists", "effect": effect})
    spec["tolerations"] = tolerations
    affinity = spec.setdefault("affinity", {})
    node_affinity = affinity.setdefault("nodeAffinity", {})
    term = {"matchFields": [{"key": "metadata.name", "operator": "In", "values": [node_name]}]}
    required = node_affinity.get("requiredDuringSchedulingIgnoredDuringExecution")
    if required and required.get("nodeSelectorTerms"):
        for existing in required["nodeSelectorTerms"]:
            existing["matchFields"] = [f for f in existing.get("matchFields") or []
                                       if f.get("key") != "metadata.name"] + term["matchFields"]
    else:
        node_affinity["requiredDuringSchedulingIgnoredDuringExecution"] = {"nodeSelectorTerms": [term]}
    return pod


REVISION_LABEL = "controller-revision-hash"


def should_run(ds: dict[str, Any], node: dict[str, Any]) -> bool:
    """``NodeShouldRunDaemonPod`` (predicates only; no resource fit)."""
    if node["metadata"].get("deletionTimestamp"):
        return False
    probe = _daemon_pod(ds, node["metadata"]["name"], "")
    if not matches_node_affinity(probe, node):
        return False
    tolerations = probe["spec"].get("tolerations") or []
    for taint in (node.get("spec") or {}).get("taints") or []:
        if taint.get("effect") in ("NoSchedule", "NoExecute") and not tolerates(tolerations, taint):
            return False
    return True


def _pod_node(pod: dict[str, Any]) -> str | None:
    if pod["spec"].get("nodeName"):
        return pod["spec"]["nodeName"]
    terms = ((((pod["spec"].get("affinity") or {}).get("nodeAffinity") or {})
              .get("requiredDuringSchedulingIgnoredDuringExecution") or {}).get("nodeSelectorTerms") or [])
    for term in terms:
        for field in term.get("matchFields") or []:
            if field.get("key") == "metadata.name" and field.get("operator") == "In" and field.get("values"):
                return field["values"][0]
    return None


def _available(ctx: SimContext, pod: dict[str, Any], min_ready: int) -> bool:
    if not is_ready(pod):
        return False
    since = parse_ms((condition(pod, "Ready") or {}).get("lastTransitionTime")) or ctx.now_ms
    return min_ready <= 0 or ctx.now_ms - since >= min_ready * 1000


def sync(ctx: SimContext, ds: dict[str, Any]) -> None:
    """One reconcile of a DaemonSet."""
    meta = ds["metadata"]
    if meta.get("deletionTimestamp"):
        return
    spec = ds.get("spec") or {}
    collision = int((ds.get("status") or {}).get("collisionCount", 0) or 0)
    hash_value = template_hash(_template(ds), collision)
    labels = (_template(ds).get("metadata") or {}).get("labels") or {}
    ensure_revision(ctx, ds, f"{meta['name']}-{hash_value}", hash_value, labels, COMPONENT)
    min_ready = int(spec.get("minReadySeconds", 0) or 0)
    nodes = sorted(ctx.api.tracker.iter_stored(ctx.res("nodes")), key=lambda n: n["metadata"]["name"])
    wanted = {n["metadata"]["name"] for n in nodes if should_run(ds, n)}
    by_node: dict[str, list[dict[str, Any]]] = {}
    for pod in wc.owned(ctx, ds, "pods"):
        node_name = _pod_node(pod)
        if node_name is not None:
            by_node.setdefault(node_name, []).append(pod)
    # failed daemon pods are deleted (and recreated on the next pass)
    for pods in by_node.values():
        for pod in list(pods):
            if is_terminal(pod) and not pod["metadata"].get("deletionTimestamp"):
                _delete_pod(ctx, ds, pod)
                pods.remove(pod)
    for node_name, pods in by_node.items():
        live = [p for p in pods if not p["metadata"].get("deletionTimestamp")]
        if node_name not in wanted:
            for pod in live:
                _delete_pod(ctx, ds, pod)
        elif len(live) > 1:
            live.sort(key=lambda p: p["metadata"].get("creationTimestamp", ""))
            for pod in live[1:]:
                _delete_pod(ctx, ds, pod)
    for node_name in sorted(wanted):
        if not [p for p in by_node.get(node_name, []) if not p["metadata"].get("deletionTimestamp")]:
            created = wc.create(ctx, "pods", _daemon_pod(ds, node_name, hash_value), ds, COMPONENT)
            if created is None:
                break
            events.record(ctx, ds, "Normal", "SuccessfulCreate", f"Created pod: {created['metadata']['name']}",
                          COMPONENT)
            by_node.setdefault(node_name, []).append(created)
    if ((spec.get("updateStrategy") or {}).get("type") or "RollingUpdate") == "RollingUpdate":
        _roll(ctx, ds, spec, by_node, wanted, hash_value, min_ready)
    _write_status(ctx, ds, by_node, wanted, hash_value, min_ready)


def _roll(ctx: SimContext, ds: dict[str, Any], spec: dict[str, Any], by_node: dict[str, list[dict[str, Any]]],
          wanted: set[str], hash_value: str, min_ready: int) -> None:
    rolling = (spec.get("updateStrategy") or {}).get("rollingUpdate") or {}
    max_unavailable = max(int_or_percent(rolling.get("maxUnavailable", 1), len(wanted), True), 1)
    unavailable = 0
    old = []
    for node_name in sorted(wanted):
        live = [p for p in by_node.get(node_name, []) if not p["metadata"].get("deletionTimestamp")]
        if not live or not _available(ctx, live[0], min_ready):
            unavailable += 1
        for pod in live:
            if (pod["metadata"].get("labels") or {}).get(REVISION_LABEL) != hash_value:
                old.append(pod)
    old.sort(key=lambda p: (_available(ctx, p, min_ready), _pod_node(p) or ""))
    for pod in old:
        available = _available(ctx, pod, min_ready)
        if available and unavailable >= max_unavailable:
            break
        _delete_pod(ctx, ds, pod)
        if available:
            unavailable += 1


def _delete_pod(ctx: SimContext, ds: dict[str, Any], pod: dict[str, Any]) -> None:
    if wc.delete(ctx, "pods", pod):
        events.record(ctx, ds, "Normal", "SuccessfulDelete", f"Deleted pod: {pod['metadata']['name']}", COMPONENT)


def _write_status(ctx: SimContext, ds: dict[str, Any], by_node: dict[str, list[dict[str, Any]]],
                  wanted: set[str], hash_value: str, min_ready: int) -> None:
    current = ready = available = updated = misscheduled = 0
    for node_name, pods in by_node.items():
        live = [p for p in pods if not p["metadata"].get("deletionTimestamp") and not is_terminal(p)]
        if not live:
            continue
        if node_name not in wanted:
            misscheduled += 1
            continue
        current += 1
        pod = live[0]
        if is_ready(pod):
            ready += 1
            if _available(ctx, pod, min_ready):
                available += 1
            else:
                since = parse_ms((condition(pod, "Ready") or {}).get("lastTransitionTime")) or ctx.now_ms
                wc.resync(ctx, PLURAL, ds, since + min_ready * 1000)
        if (pod["metadata"].get("labels") or {}).get(REVISION_LABEL) == hash_value:
            updated += 1
    base = ds.get("status") or {}
    status: dict[str, Any] = {
        "currentNumberScheduled": current,
        "desiredNumberScheduled": len(wanted),
        "numberMisscheduled": misscheduled,
        "numberReady": ready,
        "observedGeneration": ds["metadata"].get("generation", 1),
    }
    for key, value in (("numberAvailable", available), ("updatedNumberScheduled", updated),
                       ("numberUnavailable", len(wanted) - available)):
        if value > 0:
            status[key] = value
    if base.get("collisionCount"):
        status["collisionCount"] = base["collisionCount"]
    if base.get("conditions"):
        status["conditions"] = copy.deepcopy(base["conditions"])
    wc.write_status(ctx, PLURAL, ds, status)
