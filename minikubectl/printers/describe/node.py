"""``describe node``: roles, conditions, capacity, system info, the node's pods and their totals."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from minikubectl.printers.describe.events import describe_events, search_events
from minikubectl.printers.describe.writer import (LEVEL_0, LEVEL_1, Context, PrefixWriter, print_taints, quantity,
                                                  rfc1123z, s, since, write_labels_annotations)

ROLE_PREFIX = "node-role.kubernetes.io/"
STANDARD = {"cpu", "memory", "ephemeral-storage", "storage", "pods"}


def describe(node: dict[str, Any], ctx: Context) -> str:
    meta = node.get("metadata") or {}
    name = s(meta.get("name"))
    spec = node.get("spec") or {}
    status = node.get("status") or {}
    pods = [p for p in ctx.list_objects("pods", None)
            if s((p.get("spec") or {}).get("nodeName")) == name
            and s((p.get("status") or {}).get("phase")) not in ("Succeeded", "Failed")]
    events = None
    if ctx.show_events:
        events = search_events(ctx, None, name, "Node", s(meta.get("uid")) or None)
        events += search_events(ctx, None, name, "Node", name)
    w = PrefixWriter()
    w.write(LEVEL_0, f"Name:\t{name}\n")
    roles = node_roles(meta.get("labels") or {})
    w.write(LEVEL_0, f"Roles:\t{','.join(roles) if roles else '<none>'}\n")
    write_labels_annotations(w, meta)
    w.write(LEVEL_0, f"CreationTimestamp:\t{rfc1123z(meta.get('creationTimestamp'), ctx)}\n")
    print_taints(w, "Taints", spec.get("taints"))
    w.write(LEVEL_0, f"Unschedulable:\t{'true' if spec.get('unschedulable') else 'false'}\n")
    _lease(ctx.get_object("leases.coordination.k8s.io", "kube-node-lease", name), name, w, ctx)
    _conditions(status.get("conditions") or [], w, ctx)
    w.write(LEVEL_0, "Addresses:\n")
    for address in status.get("addresses") or []:
        w.write(LEVEL_1, f"{s(address.get('type'))}:\t{s(address.get('address'))}\n")
    for title, key in (("Capacity", "capacity"), ("Allocatable", "allocatable")):
        values = status.get(key) or {}
        if values:
            w.write(LEVEL_0, f"{title}:\n")
            for res in sorted(values):
                w.write(LEVEL_0, f"  {res}:\t{quantity(values[res])}\n")
    _system_info(status.get("nodeInfo") or {}, w)
    if spec.get("podCIDR"):
        w.write(LEVEL_0, f"PodCIDR:\t{s(spec['podCIDR'])}\n")
    if spec.get("podCIDRs"):
        w.write(LEVEL_0, f"PodCIDRs:\t{','.join(s(c) for c in spec['podCIDRs'])}\n")
    if spec.get("providerID"):
        w.write(LEVEL_0, f"ProviderID:\t{s(spec['providerID'])}\n")
    _pods(pods, status, w, ctx)
    if events is not None:
        describe_events(events, w, ctx)
    return w.text()


def node_roles(labels: dict[str, Any]) -> list[str]:
    """``findNodeRoles``: ``node-role.kubernetes.io/<role>`` keys and ``kubernetes.io/role`` values."""
    roles = set()
    for key, value in labels.items():
        if key.startswith(ROLE_PREFIX) and key[len(ROLE_PREFIX):]:
            roles.add(key[len(ROLE_PREFIX):])
        elif key == "kubernetes.io/role" and value:
            roles.add(s(value))
    return sorted(roles)


def _lease(lease: dict[str, Any] | None, name: str, w: PrefixWriter, ctx: Context) -> None:
    if lease is None:
        w.write(LEVEL_0, f'Lease:\tFailed to get lease: leases.coordination.k8s.io "{name}" not found\n')
        return
    spec = lease.get("spec") or {}
    w.write(LEVEL_0, "Lease:\n")
    w.write(LEVEL_1, f"HolderIdentity:\t{s(spec.get('holderIdentity')) or '<unset>'}\n")
    for title, key in (("AcquireTime", "acquireTime"), ("RenewTime", "renewTime")):
        value = rfc1123z(spec[key], ctx) if spec.get(key) else "<unset>"
        w.write(LEVEL_1, f"{title}:\t{value}\n")


def _conditions(conditions: list[dict[str, Any]], w: PrefixWriter, ctx: Context) -> None:
    if not conditions:
        return
    w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n")
    w.write(LEVEL_1, "----\t------\t-----------------\t------------------\t------\t-------\n")
    for c in conditions:
        w.write(LEVEL_1, f"{s(c.get('type'))} \t{s(c.get('status'))} \t{rfc1123z(c.get('lastHeartbeatTime'), ctx)} \t"
                         f"{rfc1123z(c.get('lastTransitionTime'), ctx)} \t{s(c.get('reason'))} \t"
                         f"{s(c.get('message'))}\n")


def _system_info(info: dict[str, Any], w: PrefixWriter) -> None:
    w.write(LEVEL_0, "System Info:\n")
    for title, key in (("Machine ID", "machineID"), ("System UUID", "systemUUID"), ("Boot ID", "bootID"),
                       ("Kernel Version", "kernelVersion"), ("OS Image", "osImage"),
                       ("Operating System", "operatingSystem"), ("Architecture", "architecture"),
                       ("Container Runtime Version", "containerRuntimeVersion"),
                       ("Kubelet Version", "kubeletVersion"), ("Kube-Proxy Version", "kubeProxyVersion")):
        w.write(LEVEL_0, f"  {title}:\t{s(info.get(key))}\n")


def _q(value: Any) -> Fraction:
    from minikubectl.api.quantity import QuantityError, parse_quantity
    try:
        return parse_quantity(s(value)).value if value is not None else Fraction(0)
    except QuantityError:
        return Fraction(0)


def _fmt(total: Fraction, like: Any) -> str:
    """A summed quantity in the format of its first addend (Quantity.Add keeps the format)."""
    from minikubectl.api.quantity import BINARY_SI, DECIMAL_SI, format_quantity, parse_quantity
    fmt = DECIMAL_SI
    if like is not None:
        try:
            fmt = parse_quantity(s(like)).format
        except ValueError:
            pass
    return format_quantity(total, fmt if fmt else BINARY_SI)


def pod_totals(pod: dict[str, Any], section: str) -> dict[str, tuple[Fraction, Any]]:
    """``resourcehelper.PodRequests/PodLimits``: sum of containers, max with each init container."""
    spec = pod.get("spec") or {}
    totals: dict[str, tuple[Fraction, Any]] = {}
    for c in spec.get("containers") or []:
        for res, value in ((c.get("resources") or {}).get(section) or {}).items():
            old = totals.get(res)
            totals[res] = ((old[0] if old else Fraction(0)) + _q(value), old[1] if old else value)
    for c in spec.get("initContainers") or []:
        for res, value in ((c.get("resources") or {}).get(section) or {}).items():
            if res not in totals or _q(value) > totals[res][0]:
                totals[res] = (_q(value), value)
    return totals


def _pct(part: Fraction, whole: Fraction) -> int:
    return int(float(part) / float(whole) * 100) if whole else 0


def _pods(pods: list[dict[str, Any]], status: dict[str, Any], w: PrefixWriter, ctx: Context) -> None:
    allocatable = status.get("allocatable") or status.get("capacity") or {}
    cpu_alloc = _q(allocatable.get("cpu"))
    mem_alloc = _q(allocatable.get("memory"))
    w.write(LEVEL_0, f"Non-terminated Pods:\t({len(pods)} in total)\n")
    w.write(LEVEL_1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n")
    w.write(LEVEL_1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n")
    sums: dict[str, dict[str, tuple[Fraction, Any]]] = {"requests": {}, "limits": {}}
    for pod in pods:
        req, lim = pod_totals(pod, "requests"), pod_totals(pod, "limits")
        for section, values in (("requests", req), ("limits", lim)):
            for res, (value, like) in values.items():
                old = sums[section].get(res)
                sums[section][res] = ((old[0] if old else Fraction(0)) + value, old[1] if old else like)
        cells = []
        for values, res, whole in ((req, "cpu", cpu_alloc), (lim, "cpu", cpu_alloc),
                                   (req, "memory", mem_alloc), (lim, "memory", mem_alloc)):
            value, like = values.get(res, (Fraction(0), None))
            cells.append(f"{_fmt(value, like)} ({_pct(_milli(value, res), _milli(whole, res))}%)")
        meta = pod.get("metadata") or {}
        w.write(LEVEL_1, f"{s(meta.get('namespace'))}\t{s(meta.get('name'))}\t\t" + "\t".join(cells)
                + f"\t{since(meta.get('creationTimestamp'), ctx)}\n")
    w.write(LEVEL_0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n")
    w.write(LEVEL_1, "Resource\tRequests\tLimits\n")
    w.write(LEVEL_1, "--------\t--------\t------\n")
    for res in ("cpu", "memory", "ephemeral-storage"):
        whole = _q(allocatable.get(res))
        cells = []
        for section in ("requests", "limits"):
            value, like = sums[section].get(res, (Fraction(0), None))
            cells.append(f"{_fmt(value, like)} ({_pct(_milli(value, res), _milli(whole, res))}%)")
        w.write(LEVEL_1, f"{res}\t{cells[0]}\t{cells[1]}\n")
    huge = sorted(r for r in allocatable if r.startswith("hugepages-"))
    ext = sorted(r for r in allocatable if not r.startswith("hugepages-") and r not in STANDARD
                 and ("/" in r and not r.startswith("kubernetes.io/") or "/" not in r and False))
    for res in huge:
        whole = _q(allocatable.get(res))
        cells = []
        for section in ("requests", "limits"):
            value, like = sums[section].get(res, (Fraction(0), None))
            cells.append(f"{_fmt(value, like)} ({_pct(value, whole)}%)")
        w.write(LEVEL_1, f"{res}\t{cells[0]}\t{cells[1]}\n")
    for res in ext:
        requested = sums["requests"].get(res, (Fraction(0), None))
        limited = sums["limits"].get(res, (Fraction(0), None))
        w.write(LEVEL_1, f"{res}\t{_fmt(*requested)}\t{_fmt(*limited)}\n")


def _milli(value: Fraction, res: str) -> Fraction:
    """CPU fractions compare milli-values, others whole values (rounded up as Go does)."""
    import math
    return Fraction(math.ceil(value * 1000)) if res == "cpu" else Fraction(math.ceil(value))
