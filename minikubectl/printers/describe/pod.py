"""``describe pod`` (kubectl's describePod)."""

from __future__ import annotations

from typing import Any

from minikubectl.printers.describe.containers import describe_containers, describe_resources, describe_volumes
from minikubectl.printers.describe.events import describe_events, search_events
from minikubectl.printers.describe.writer import (LEVEL_0, LEVEL_1, Context, PrefixWriter, controller_of, dig,
                                                  print_labels, print_tolerations, rfc1123z, s, since,
                                                  write_labels_annotations, write_name_namespace)

MIRROR_ANNOTATION = "kubernetes.io/config.mirror"


def describe(pod: dict[str, Any], ctx: Context) -> str:
    """The full text for one pod."""
    events = None
    if ctx.show_events:
        meta = pod.get("metadata") or {}
        uid = s((meta.get("annotations") or {}).get(MIRROR_ANNOTATION)) or s(meta.get("uid"))
        events = search_events(ctx, meta.get("namespace"), s(meta.get("name")), None, uid or None)
    w = PrefixWriter()
    _header(pod, w, ctx)
    spec = pod.get("spec") or {}
    status = pod.get("status") or {}
    if spec.get("initContainers"):
        describe_containers("Init Containers", spec["initContainers"], status.get("initContainerStatuses"),
                            pod, w, ctx)
    describe_containers("Containers", spec.get("containers") or [], status.get("containerStatuses"), pod, w, ctx)
    if spec.get("ephemeralContainers"):
        describe_containers("Ephemeral Containers", spec["ephemeralContainers"],
                            status.get("ephemeralContainerStatuses"), pod, w, ctx)
    _conditions(pod, w)
    describe_volumes(spec.get("volumes"), w)
    w.write(LEVEL_0, f"QoS Class:\t{qos_class(pod)}\n")
    print_labels(w, "Node-Selectors", spec.get("nodeSelector"))
    print_tolerations(w, "Tolerations", spec.get("tolerations"))
    _topology(spec.get("topologySpreadConstraints"), w)
    if events is not None:
        describe_events(events, w, ctx)
    return w.text()


def _header(pod: dict[str, Any], w: PrefixWriter, ctx: Context) -> None:
    meta = pod.get("metadata") or {}
    spec = pod.get("spec") or {}
    status = pod.get("status") or {}
    write_name_namespace(w, meta)
    if spec.get("priority") is not None:
        w.write(LEVEL_0, f"Priority:\t{int(spec['priority'])}\n")
    if spec.get("priorityClassName"):
        w.write(LEVEL_0, f"Priority Class Name:\t{s(spec['priorityClassName'])}\n")
    if spec.get("runtimeClassName"):
        w.write(LEVEL_0, f"Runtime Class Name:\t{s(spec['runtimeClassName'])}\n")
    if spec.get("serviceAccountName"):
        w.write(LEVEL_0, f"Service Account:\t{s(spec['serviceAccountName'])}\n")
    if spec.get("nodeName"):
        w.write(LEVEL_0, f"Node:\t{s(spec['nodeName'])}/{s(status.get('hostIP'))}\n")
    else:
        w.write(LEVEL_0, "Node:\t<none>\n")
    if status.get("startTime"):
        w.write(LEVEL_0, f"Start Time:\t{rfc1123z(status['startTime'], ctx)}\n")
    write_labels_annotations(w, meta)
    if meta.get("deletionTimestamp") and status.get("phase") not in ("Failed", "Succeeded"):
        w.write(LEVEL_0, f"Status:\tTerminating (lasts {since(meta['deletionTimestamp'], ctx)})\n")
        w.write(LEVEL_0, f"Termination Grace Period:\t{int(meta.get('deletionGracePeriodSeconds') or 0)}s\n")
    else:
        w.write(LEVEL_0, f"Status:\t{s(status.get('phase'))}\n")
    if status.get("reason"):
        w.write(LEVEL_0, f"Reason:\t{s(status['reason'])}\n")
    if status.get("message"):
        w.write(LEVEL_0, f"Message:\t{s(status['message'])}\n")
    seccomp = dig(spec, "securityContext", "seccompProfile")
    if isinstance(seccomp, dict):
        w.write(LEVEL_0, f"SeccompProfile:\t{s(seccomp.get('type'))}\n")
        if seccomp.get("type") == "Localhost":
            w.write(LEVEL_0, f"LocalhostProfile:\t{s(seccomp.get('localhostProfile'))}\n")
    w.write(LEVEL_0, f"IP:\t{s(status.get('podIP'))}\n")
    ips = [ip for ip in status.get("podIPs") or [] if isinstance(ip, dict)]
    if not ips:
        w.write(LEVEL_0, "IPs:\t<none>\n")
    else:
        w.write(LEVEL_0, "IPs:\n")
        for ip in ips:
            w.write(LEVEL_1, f"IP:\t{s(ip.get('ip'))}\n")
    controlled_by = controller_of(pod)
    if controlled_by:
        w.write(LEVEL_0, f"Controlled By:\t{controlled_by}\n")
    if status.get("nominatedNodeName"):
        w.write(LEVEL_0, f"NominatedNodeName:\t{s(status['nominatedNodeName'])}\n")
    if isinstance(spec.get("resources"), dict):
        w.write(LEVEL_0, "Resources:\n")
        describe_resources(spec["resources"], w, LEVEL_1)


def _conditions(pod: dict[str, Any], w: PrefixWriter) -> None:
    spec = pod.get("spec") or {}
    conditions = [c for c in dig(pod, "status", "conditions") or [] if isinstance(c, dict)]
    gates = [g for g in spec.get("readinessGates") or [] if isinstance(g, dict)]
    if gates:
        w.write(LEVEL_0, "Readiness Gates:\n  Type\tStatus\n")
        for gate in gates:
            found = next((c for c in conditions if c.get("type") == gate.get("conditionType")), None)
            w.write(LEVEL_1, f"{s(gate.get('conditionType'))} \t{s(found.get('status')) if found else '<none>'} \n")
    if conditions:
        w.write(LEVEL_0, "Conditions:\n  Type\tStatus\n")
        for cond in conditions:
            w.write(LEVEL_1, f"{s(cond.get('type'))} \t{s(cond.get('status'))} \n")


def _topology(constraints: Any, w: PrefixWriter) -> None:
    items = sorted((c for c in constraints or [] if isinstance(c, dict)), key=lambda c: s(c.get("topologyKey")))
    if not items:
        return
    from minikubectl.api.labels import format_label_selector
    w.write(LEVEL_0, "Topology Spread Constraints:\t")
    for i, tsc in enumerate(items):
        if i:
            w.write(LEVEL_0, "\t")
        text = (f"{s(tsc.get('topologyKey'))}:{s(tsc.get('whenUnsatisfiable'))} when max skew "
                f"{int(tsc.get('maxSkew') or 0)} is exceeded")
        if tsc.get("labelSelector") is not None:
            text += f" for selector {format_label_selector(tsc['labelSelector'])}"
        w.write(LEVEL_0, text + "\n")


def qos_class(pod: dict[str, Any]) -> str:
    """``qos.GetPodQOS``: the status value, else computed from requests and limits."""
    stored = s(dig(pod, "status", "qosClass"))
    if stored:
        return stored
    from minikubectl.api.quantity import QuantityError, parse_quantity
    spec = pod.get("spec") or {}
    containers = list(spec.get("containers") or []) + list(spec.get("initContainers") or [])
    requests: dict[str, Any] = {}
    limits: dict[str, Any] = {}
    guaranteed = True
    for c in containers:
        res = c.get("resources") or {}
        req = {k: v for k, v in (res.get("requests") or {}).items() if k in ("cpu", "memory")}
        lim = {k: v for k, v in (res.get("limits") or {}).items() if k in ("cpu", "memory")}
        try:
            req = {k: v for k, v in req.items() if parse_quantity(s(v)).value != 0}
            lim = {k: v for k, v in lim.items() if parse_quantity(s(v)).value != 0}
        except QuantityError:
            pass
        requests.update(req)
        limits.update(lim)
        if set(lim) != {"cpu", "memory"}:
            guaranteed = False
        for k, v in req.items():
            if k in lim and s(lim[k]) != s(v):
                try:
                    if parse_quantity(s(lim[k])).value != parse_quantity(s(v)).value:
                        guaranteed = False
                except QuantityError:
                    guaranteed = False
    if not requests and not limits:
        return "BestEffort"
    return "Guaranteed" if guaranteed else "Burstable"
