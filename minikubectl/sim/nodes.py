"""Node lifecycle: registration status for nodes created from manifests, cordon taint.

A Node object created by a user (``kubectl create -f node.yaml``) has no kubelet
behind it in a real cluster; here it gets the status a registering kubelet would
post (Ready, addresses, capacity like the default node, a podCIDR), unless it already
carries conditions. The node lifecycle controller's ``TaintNodesByCondition`` keeps the
``node.kubernetes.io/unschedulable:NoSchedule`` taint in line with ``spec.unschedulable``.

Node leases: every node has its kubelet's heartbeat Lease ``kube-node-lease/<node>``
(holder = node name, 40 s, owned by the node). A real kubelet renews it every 10 s; a
periodic timer per node would make advancing an idle cluster cost work (and a state
save) on every command, so the renewal is lazy instead: ``renewTime`` is the instant
the simulation last touched the node (:func:`sync`) or, via :func:`renew_leases`, the
instant of the last command that changed the cluster anyway (the state is saved then;
a read-only command never writes for a lease).
"""

from __future__ import annotations

from typing import Any

from minikubectl.sim.context import SimContext, copy_of
from minikubectl.store.cluster import NODE_LEASE_NAMESPACE, micro_time, node_lease, node_object

UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable"


def _next_index(ctx: SimContext) -> int:
    # The default node is 192.168.49.2 / 10.244.0.0/24; later nodes count up from there.
    used = int(ctx.sim.get("nodeIndex", 0)) + 1
    for node in ctx.api.tracker.iter_stored(ctx.res("nodes")):
        cidr = (node.get("spec") or {}).get("podCIDR") or ""
        parts = cidr.split(".")
        if len(parts) == 4 and parts[2].isdigit():
            used = max(used, int(parts[2]) + 1)
    ctx.sim["nodeIndex"] = used
    return used


def sync(ctx: SimContext, node: dict[str, Any]) -> None:
    """Fill in a registering kubelet's status; keep the cordon taint current."""
    changed = copy_of(node)
    dirty = False
    status = changed.get("status") or {}
    if not status.get("conditions"):
        name = node["metadata"]["name"]
        index = _next_index(ctx)
        template = node_object(name, ctx.api.now, f"192.168.49.{index + 2}", f"10.244.{index}.0/24")
        labels = dict(template["metadata"]["labels"])
        labels.update(node["metadata"].get("labels") or {})
        changed["metadata"]["labels"] = labels
        annotations = dict(template["metadata"]["annotations"])
        annotations.update(node["metadata"].get("annotations") or {})
        changed["metadata"]["annotations"] = annotations
        spec = changed.setdefault("spec", {})
        spec.setdefault("podCIDR", template["spec"]["podCIDR"])
        spec.setdefault("podCIDRs", [spec["podCIDR"]])
        merged = template["status"]
        for key, value in status.items():
            if value:
                merged[key] = value
        if "capacity" in status and "allocatable" not in status:
            merged["allocatable"] = dict(status["capacity"])
        changed["status"] = merged
        dirty = True
    spec = changed.setdefault("spec", {})
    taints = list(spec.get("taints") or [])
    has_taint = any(t.get("key") == UNSCHEDULABLE_TAINT and t.get("effect") == "NoSchedule" for t in taints)
    if spec.get("unschedulable") and not has_taint:
        taints.append({"effect": "NoSchedule", "key": UNSCHEDULABLE_TAINT, "timeAdded": ctx.stamp()})
        spec["taints"] = taints
        dirty = True
    elif not spec.get("unschedulable") and has_taint:
        taints = [t for t in taints if not (t.get("key") == UNSCHEDULABLE_TAINT and t.get("effect") == "NoSchedule")]
        if taints:
            spec["taints"] = taints
        else:
            spec.pop("taints", None)
        dirty = True
    if dirty:
        changed = ctx.write_status("nodes", changed, "kubelet")
    _renew_lease(ctx, changed)


LEASES = "leases.coordination.k8s.io"


def _renew_lease(ctx: SimContext, node: dict[str, Any]) -> None:
    """Create the node's lease when missing, else set its renewTime to now (if it moved)."""
    meta = node.get("metadata") or {}
    if meta.get("deletionTimestamp"):
        return
    lease = ctx.peek(LEASES, NODE_LEASE_NAMESPACE, meta["name"])
    if lease is None:
        if ctx.peek("namespaces", None, NODE_LEASE_NAMESPACE) is None:
            return
        ctx.api.create(ctx.res(LEASES), node_lease(node, ctx.api.now), NODE_LEASE_NAMESPACE)
        return
    renew = micro_time(ctx.api.now)
    spec = lease.get("spec") or {}
    if spec.get("holderIdentity") == meta["name"] and _moves_forward(spec.get("renewTime"), renew):
        updated = copy_of(lease)
        updated["spec"]["renewTime"] = renew
        ctx.write_status(LEASES, updated, "kubelet")


def _moves_forward(old: Any, new: str) -> bool:
    """Whether a renewTime should move forward to ``new`` (never backwards)."""
    from minikubectl.api.timefmt import parse_time
    before, after = parse_time(old), parse_time(new)
    return before is None or (after is not None and after > before)


def renew_leases(ctx: SimContext) -> None:
    """Renew every node's lease to now; called only when the command saves the state anyway."""
    for node in list(ctx.api.tracker.iter_stored(ctx.res("nodes"))):
        _renew_lease(ctx, node)


def node_ip(node: dict[str, Any] | None) -> str:
    """The node's InternalIP ("" when unknown)."""
    for address in ((node or {}).get("status") or {}).get("addresses") or []:
        if address.get("type") == "InternalIP":
            return str(address.get("address", ""))
    return ""
