"""The StatefulSet controller: ordinal pods, claims, revisions, rolling updates, status.

Follows ``pkg/controller/statefulset`` (stateful_set_control.go, stateful_set_utils.go):

* Pods are ``<set>-0`` .. ``<set>-N-1`` with hostname = pod name, ``subdomain`` =
  ``serviceName``, and labels ``controller-revision-hash: <set>-<hash>``,
  ``statefulset.kubernetes.io/pod-name`` and ``apps.kubernetes.io/pod-index``.
* ``OrderedReady``: pod i is created only when 0..i-1 are Running and Ready; scale-down
  removes the highest ordinal first, one at a time, waiting for it to be gone.
  ``Parallel`` creates and deletes them all at once.
* ``volumeClaimTemplates``: a PersistentVolumeClaim ``<claim>-<set>-<i>`` is created before
  its pod (labels from the template plus the selector's matchLabels). The simulation has no
  volume provisioner, so claims stay ``Pending`` (as in a cluster without a default
  StorageClass); the pod still runs (the scheduler does not model volume binding).
  ``persistentVolumeClaimRetentionPolicy.whenDeleted: Delete`` makes the set own them.
* Revisions are ControllerRevisions ``<set>-<hash>``; a template change rolls pods from the
  highest ordinal down to ``partition``, one at a time, each once all others are ready.
* Events from ``statefulset-controller``: ``SuccessfulCreate`` (``create Pod web-0 in
  StatefulSet web successful``, ``create Claim www-web-0 Pod web-0 in StatefulSet web
  success``), ``SuccessfulDelete`` (``delete Pod web-2 in StatefulSet web successful``).
"""

from __future__ import annotations

import copy
from typing import Any

from minikubectl.api import errors
from minikubectl.sim import events
from minikubectl.sim.clock import parse_ms
from minikubectl.sim.context import SimContext
from minikubectl.sim.controllers import workload_common as wc
from minikubectl.sim.controllers.common import owner_reference, template_hash
from minikubectl.sim.podstatus import condition, is_ready, is_terminal

COMPONENT = "statefulset-controller"
PLURAL = "statefulsets.apps"
REVISION_LABEL = "controller-revision-hash"
POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name"
POD_INDEX_LABEL = "apps.kubernetes.io/pod-index"


def _ordinal(sts: dict[str, Any], pod: dict[str, Any]) -> int | None:
    prefix = sts["metadata"]["name"] + "-"
    name = pod["metadata"]["name"]
    if not name.startswith(prefix) or not name[len(prefix):].isdigit():
        return None
    return int(name[len(prefix):])


def revision_name(ctx: SimContext, sts: dict[str, Any]) -> str:
    """``<set>-<hash>`` of the current template (ControllerRevision created on demand)."""
    template = (sts.get("spec") or {}).get("template") or {}
    collision = int((sts.get("status") or {}).get("collisionCount", 0) or 0)
    return f"{sts['metadata']['name']}-{template_hash(template, collision)}"


def ensure_revision(ctx: SimContext, owner: dict[str, Any], name: str, hash_value: str,
                    labels: dict[str, str], component: str) -> None:
    """Create the ControllerRevision ``name`` holding the owner's template when missing."""
    ns = owner["metadata"]["namespace"]
    existing = wc.owned(ctx, owner, "controllerrevisions.apps")
    latest = max([int(r.get("revision", 0) or 0) for r in existing] + [0])
    number = latest + 1
    found = ctx.peek("controllerrevisions.apps", ns, name)
    if found is not None:
        # A template seen before (a rollback) becomes the newest revision again, as both
        # controllers renumber an equal revision instead of storing a duplicate.
        if int(found.get("revision", 0) or 0) < latest:
            renumbered = copy.deepcopy(found)
            renumbered["revision"] = number
            ctx.api.update(ctx.res("controllerrevisions.apps"), renumbered, check_version=False)
        return
    template = copy.deepcopy((owner.get("spec") or {}).get("template") or {})
    template["$patch"] = "replace"
    rev = {"apiVersion": "apps/v1", "kind": "ControllerRevision",
           "metadata": {"name": name, "namespace": ns,
                        "labels": {**labels, "controller.kubernetes.io/hash": hash_value},
                        "ownerReferences": [owner_reference(owner)]},
           "data": {"spec": {"template": template}}, "revision": number}
    # Both controllers copy the owner's annotations (and so its change-cause) onto the revision.
    if owner["metadata"].get("annotations"):
        rev["metadata"]["annotations"] = dict(owner["metadata"]["annotations"])
    try:
        ctx.api.create(ctx.res("controllerrevisions.apps"), rev, ns)
    except errors.KubectlError:
        pass


def _running_ready(pod: dict[str, Any]) -> bool:
    return (pod.get("status") or {}).get("phase") == "Running" and is_ready(pod)


def _available(ctx: SimContext, pod: dict[str, Any], min_ready: int) -> bool:
    if not _running_ready(pod):
        return False
    if min_ready <= 0:
        return True
    since = parse_ms((condition(pod, "Ready") or {}).get("lastTransitionTime")) or ctx.now_ms
    return ctx.now_ms - since >= min_ready * 1000


def sync(ctx: SimContext, sts: dict[str, Any]) -> None:
    """One reconcile of a StatefulSet."""
    meta = sts["metadata"]
    if meta.get("deletionTimestamp"):
        return
    spec = sts.get("spec") or {}
    replicas = int(spec.get("replicas", 1) if spec.get("replicas") is not None else 1)
    parallel = spec.get("podManagementPolicy") == "Parallel"
    update_rev = revision_name(ctx, sts)
    template_labels = ((spec.get("template") or {}).get("metadata") or {}).get("labels") or {}
    ensure_revision(ctx, sts, update_rev, update_rev[len(meta["name"]) + 1:], template_labels, COMPONENT)
    status = copy.deepcopy(sts.get("status") or {})
    current_rev = status.get("currentRevision") or update_rev
    pods = {}
    for pod in wc.owned(ctx, sts, "pods"):
        index = _ordinal(sts, pod)
        if index is not None:
            pods[index] = pod

    # failed pods are deleted and recreated
    for index, pod in list(pods.items()):
        if is_terminal(pod) and not pod["metadata"].get("deletionTimestamp"):
            _delete_pod(ctx, sts, pod)
            pods.pop(index)

    blocked = False
    for index in range(replicas):
        pod = pods.get(index)
        if pod is None:
            revision = current_rev if index < _partition(spec) else update_rev
            created = _create_pod(ctx, sts, index, revision)
            if created is None:
                blocked = True
                break
            pods[index] = created
            if not parallel:
                blocked = True
                break
            continue
        if not parallel and (pod["metadata"].get("deletionTimestamp") or not _running_ready(pod)):
            blocked = True
            break

    if not blocked:
        condemned = sorted((i for i in pods if i >= replicas), reverse=True)
        if condemned:
            if parallel:
                for index in condemned:
                    if not pods[index]["metadata"].get("deletionTimestamp"):
                        _delete_pod(ctx, sts, pods[index])
            else:
                first = pods[condemned[0]]
                if not first["metadata"].get("deletionTimestamp") and all(
                        _running_ready(p) for i, p in pods.items() if i < replicas):
                    _delete_pod(ctx, sts, first)
        elif _rolling(spec):
            _roll(ctx, sts, spec, pods, replicas, update_rev)

    _write_status(ctx, sts, status, list(pods.values()), replicas, current_rev, update_rev)


def _partition(spec: dict[str, Any]) -> int:
    strategy = spec.get("updateStrategy") or {}
    if strategy.get("type") == "OnDelete":
        return 1 << 30
    return int((strategy.get("rollingUpdate") or {}).get("partition", 0) or 0)


def _rolling(spec: dict[str, Any]) -> bool:
    return ((spec.get("updateStrategy") or {}).get("type") or "RollingUpdate") == "RollingUpdate"


def _roll(ctx: SimContext, sts: dict[str, Any], spec: dict[str, Any], pods: dict[int, dict[str, Any]],
          replicas: int, update_rev: str) -> None:
    if not all(_running_ready(p) and not p["metadata"].get("deletionTimestamp") for p in pods.values()):
        return
    for index in range(replicas - 1, _partition(spec) - 1, -1):
        pod = pods.get(index)
        if pod is not None and (pod["metadata"].get("labels") or {}).get(REVISION_LABEL) != update_rev:
            _delete_pod(ctx, sts, pod)
            return


def _claims(sts: dict[str, Any], pod_name: str) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for template in (sts.get("spec") or {}).get("volumeClaimTemplates") or []:
        claim = (template.get("metadata") or {}).get("name", "")
        out.append((claim, template))
    return [(f"{claim}-{pod_name}", template) for claim, template in out]


def _create_claims(ctx: SimContext, sts: dict[str, Any], pod_name: str) -> bool:
    ns = sts["metadata"]["namespace"]
    spec = sts.get("spec") or {}
    match = (spec.get("selector") or {}).get("matchLabels") or {}
    retention = spec.get("persistentVolumeClaimRetentionPolicy") or {}
    for name, template in _claims(sts, pod_name):
        if ctx.peek("persistentvolumeclaims", ns, name) is not None:
            continue
        tmeta = template.get("metadata") or {}
        meta: dict[str, Any] = {"name": name, "namespace": ns,
                                "labels": {**(tmeta.get("labels") or {}), **match}}
        if tmeta.get("annotations"):
            meta["annotations"] = dict(tmeta["annotations"])
        if retention.get("whenDeleted") == "Delete":
            ref = owner_reference(sts)
            ref.pop("controller")
            meta["ownerReferences"] = [ref]
        claim = {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": meta,
                 "spec": copy.deepcopy(template.get("spec") or {}), "status": {"phase": "Pending"}}
        created = wc.create(ctx, "persistentvolumeclaims", claim, sts, COMPONENT,
                            f"create Claim {name} for Pod {pod_name} in StatefulSet {sts['metadata']['name']} "
                            "failed error: {}")
        if created is None:
            return False
        if (created.get("status") or {}).get("phase") != "Pending":
            fixed = copy.deepcopy(created)
            fixed["status"] = {"phase": "Pending"}
            ctx.write_status("persistentvolumeclaims", fixed)
        events.record(ctx, sts, "Normal", "SuccessfulCreate",
                      f"create Claim {name} Pod {pod_name} in StatefulSet {sts['metadata']['name']} success",
                      COMPONENT)
    return True


def _create_pod(ctx: SimContext, sts: dict[str, Any], index: int, revision: str) -> dict[str, Any] | None:
    name = f"{sts['metadata']['name']}-{index}"
    if not _create_claims(ctx, sts, name):
        return None
    spec = sts.get("spec") or {}
    template = spec.get("template") or {}
    if revision != revision_name(ctx, sts):
        rev = ctx.peek("controllerrevisions.apps", sts["metadata"]["namespace"], revision)
        if rev is not None:
            template = copy.deepcopy(((rev.get("data") or {}).get("spec") or {}).get("template") or template)
            template.pop("$patch", None)
    pod = wc.pod_from_template(sts, template)
    pod["metadata"]["name"] = name
    labels = pod["metadata"].setdefault("labels", {})
    labels[REVISION_LABEL] = revision
    labels[POD_NAME_LABEL] = name
    labels[POD_INDEX_LABEL] = str(index)
    pod["spec"]["hostname"] = name
    if spec.get("serviceName"):
        pod["spec"]["subdomain"] = spec["serviceName"]
    volumes = [v for v in pod["spec"].get("volumes") or []]
    for claim_name, template_claim in _claims(sts, name):
        vol_name = (template_claim.get("metadata") or {}).get("name", "")
        volumes = [v for v in volumes if v.get("name") != vol_name]
        volumes.append({"name": vol_name, "persistentVolumeClaim": {"claimName": claim_name}})
    if volumes:
        pod["spec"]["volumes"] = volumes
    created = wc.create(ctx, "pods", pod, sts, COMPONENT,
                        f"create Pod {name} in StatefulSet {sts['metadata']['name']} failed error: " + "{}")
    if created is not None:
        events.record(ctx, sts, "Normal", "SuccessfulCreate",
                      f"create Pod {name} in StatefulSet {sts['metadata']['name']} successful", COMPONENT)
    return created


def _delete_pod(ctx: SimContext, sts: dict[str, Any], pod: dict[str, Any]) -> None:
    if wc.delete(ctx, "pods", pod):
        events.record(ctx, sts, "Normal", "SuccessfulDelete",
                      f"delete Pod {pod['metadata']['name']} in StatefulSet {sts['metadata']['name']} successful",
                      COMPONENT)


def _write_status(ctx: SimContext, sts: dict[str, Any], base: dict[str, Any], pods: list[dict[str, Any]],
                  replicas: int, current_rev: str, update_rev: str) -> None:
    spec = sts.get("spec") or {}
    min_ready = int(spec.get("minReadySeconds", 0) or 0)
    created = [p for p in pods if not is_terminal(p)]
    live = [p for p in created if not p["metadata"].get("deletionTimestamp")]
    rev_of = [(p["metadata"].get("labels") or {}).get(REVISION_LABEL) for p in live]
    updated = sum(1 for r in rev_of if r == update_rev)
    current = sum(1 for r in rev_of if r == current_rev)
    ready = sum(1 for p in created if _running_ready(p))
    available = sum(1 for p in created if _available(ctx, p, min_ready))
    if updated == replicas and ready >= replicas and len(created) == replicas:
        current_rev, current = update_rev, updated
    status: dict[str, Any] = {
        "observedGeneration": sts["metadata"].get("generation", 1),
        "replicas": len(created),
        "availableReplicas": available,
        "currentRevision": current_rev,
        "updateRevision": update_rev,
        "collisionCount": int(base.get("collisionCount", 0) or 0),
    }
    for key, value in (("readyReplicas", ready), ("currentReplicas", current), ("updatedReplicas", updated)):
        if value:
            status[key] = value
    if min_ready and available < ready:
        for pod in created:
            since = parse_ms((condition(pod, "Ready") or {}).get("lastTransitionTime")) or ctx.now_ms
            if _running_ready(pod) and since + min_ready * 1000 > ctx.now_ms:
                wc.resync(ctx, PLURAL, sts, since + min_ready * 1000)
    wc.write_status(ctx, PLURAL, sts, status)
