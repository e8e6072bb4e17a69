"""``expose (-f FILE | TYPE NAME)``: a Service selecting what a Pod, Service, Deployment,
ReplicaSet or ReplicationController selects, on the ports it exposes (ServiceGeneratorV2).
"""

from __future__ import annotations

import re
from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.generator import Generator, generator_flags, object_meta, sorted_map, usage_error

SUMMARY = "Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service"
PATH = "kubectl expose"
EXPOSABLE = ("Pod", "Service", "ReplicationController", "Deployment", "ReplicaSet")
NO_RESOURCES = ("You must provide one or more resources by argument or filename.\n"
                "Example resource specifications include:\n   '-f rsrc.yaml'\n"
                "   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'")


def flags() -> list[Flag]:
    return [f for f in generator_flags(field_manager="kubectl-expose") if f.name != "validate"] + [
        Flag("filename", "slice", [], shorthand="f"),
        Flag("recursive", "bool", False, shorthand="R"),
        Flag("kustomize", shorthand="k"),
        Flag("protocol"),
        Flag("port"),
        Flag("type"),
        Flag("load-balancer-ip"),
        Flag("selector"),
        Flag("labels", shorthand="l"),
        Flag("target-port"),
        Flag("container-port", hidden=True),
        Flag("external-ip"),
        Flag("name"),
        Flag("session-affinity"),
        Flag("cluster-ip"),
        Flag("overrides"),
        Flag("override-type", default="merge"),
        Flag("record", "bool", False, hidden=True),
    ]


def _format_map(values: dict[str, str]) -> str:
    return ",".join(f"{k}={v}" for k, v in sorted_map(values).items())


def selector_of(obj: dict[str, Any]) -> dict[str, str]:
    """MapBasedSelectorForObject."""
    kind = obj.get("kind")
    spec = obj.get("spec") or {}
    if kind == "Pod":
        labels = (obj.get("metadata") or {}).get("labels") or {}
        if not labels:
            raise errors.ClientError("the pod has no labels and cannot be exposed")
        return dict(labels)
    if kind in ("Service", "ReplicationController"):
        selector = spec.get("selector") or {}
        if not selector:
            what = "service" if kind == "Service" else "replication controller"
            raise errors.ClientError(f"the {what} has no pod selector set")
        return dict(selector)
    selector = spec.get("selector") or {}
    if selector.get("matchExpressions"):
        raise errors.ClientError(f'couldn\'t convert expressions - "{_go_expressions(selector)}" '
                                 "to map-based selector format")
    return dict(selector.get("matchLabels") or {})


def _go_expressions(selector: dict[str, Any]) -> str:
    return "&LabelSelector{" + str(selector.get("matchExpressions")) + "}"


def _pod_spec(obj: dict[str, Any]) -> dict[str, Any]:
    if obj.get("kind") == "Pod":
        return obj.get("spec") or {}
    return ((obj.get("spec") or {}).get("template") or {}).get("spec") or {}


def ports_of(obj: dict[str, Any]) -> list[tuple[int, str]]:
    """(port, protocol) pairs: the containers' ports, or a Service's own."""
    if obj.get("kind") == "Service":
        return [(p.get("port"), p.get("protocol") or "TCP") for p in (obj.get("spec") or {}).get("ports") or []]
    found = []
    for container in _pod_spec(obj).get("containers") or []:
        for port in container.get("ports") or []:
            found.append((port.get("containerPort"), port.get("protocol") or "TCP"))
    return found


def build_service(name: str, namespace: str, selector: dict[str, str], labels: dict[str, str],
                  ports: list[tuple[int, str]], parsed: ParsedArgs) -> dict[str, Any]:
    """The Service ServiceGeneratorV2 builds."""
    target = parsed.get("target-port") or parsed.get("container-port") or ""
    service_ports = []
    for index, (port, protocol) in enumerate(ports):
        entry: dict[str, Any] = {}
        if len(ports) > 1:
            entry["name"] = f"port-{index + 1}"
        entry["protocol"] = protocol
        entry["port"] = port
        if target:
            entry["targetPort"] = int(target) if re.fullmatch(r"[+-]?[0-9]+", target) else target
        else:
            entry["targetPort"] = port
        service_ports.append(entry)
    spec: dict[str, Any] = {"ports": service_ports, "selector": sorted_map(selector)}
    cluster_ip = parsed.get("cluster-ip") or ""
    if cluster_ip:
        spec["clusterIP"] = cluster_ip
    service_type = parsed.get("type") or ""
    if service_type:
        spec["type"] = service_type
    if parsed.get("external-ip"):
        spec["externalIPs"] = [parsed["external-ip"]]
    if parsed.get("session-affinity"):
        spec["sessionAffinity"] = parsed["session-affinity"]
    if service_type == "LoadBalancer" and parsed.get("load-balancer-ip"):
        spec["loadBalancerIP"] = parsed["load-balancer-ip"]
    return {"kind": "Service", "apiVersion": "v1", "metadata": object_meta(name, namespace, labels),
            "spec": spec, "status": {"loadBalancer": {}}}


def _parse_ports(text: str) -> list[int]:
    ports = []
    for item in text.split(","):
        if not re.fullmatch(r"[+-]?[0-9]+", item):
            raise errors.ClientError(f'strconv.Atoi: parsing "{item}": invalid syntax')
        ports.append(int(item))
    return ports


def service_for(obj: dict[str, Any], parsed: ParsedArgs, namespace: str) -> dict[str, Any]:
    """The Service exposing ``obj`` under the command line's flags."""
    kind = obj.get("kind", "")
    if kind not in EXPOSABLE:
        raise errors.ClientError(f"cannot expose a {kind}")
    meta = obj.get("metadata") or {}
    name = parsed.get("name") or meta.get("name", "")
    if parsed.get("selector"):
        from minikubectl.cli.generator import parse_pairs
        selector = parse_pairs(parsed["selector"].split(","), "selector")
    else:
        selector = selector_of(obj)
    introspected = ports_of(obj)
    protocol_flag = parsed.get("protocol") or ""
    if parsed.get("port"):
        numbers = _parse_ports(parsed["port"])
        by_port = dict(introspected)
        ports = [(n, protocol_flag or by_port.get(n, "TCP")) for n in numbers]
    else:
        if not introspected:
            raise errors.ClientError("couldn't find port via --port flag or introspection")
        ports = [(n, protocol_flag or proto) for n, proto in introspected]
    if parsed.get("labels"):
        from minikubectl.cli.generator import parse_pairs
        labels = parse_pairs(parsed["labels"].split(","), "label")
    else:
        labels = dict(meta.get("labels") or {})
    return build_service(name, namespace, selector, labels, ports, parsed)


def service_for_run(gen: Generator, pod: dict[str, Any], port: str) -> dict[str, Any]:
    """``run --expose``: a ClusterIP service NAME on ``--port`` selecting the pod's labels."""
    labels = (pod.get("metadata") or {}).get("labels") or {}
    return build_service(gen.name, gen.object_namespace, labels, {},
                         [(n, "TCP") for n in _parse_ports(port)], gen.parsed)


def run(env: Env, parsed: ParsedArgs) -> int:
    from minikubectl.cli.resources import Selection, select
    from minikubectl.cli.session import open_cluster

    if not parsed.args and not parsed["filename"]:
        raise usage_error(NO_RESOURCES, PATH)
    gen = Generator.complete(env, parsed, PATH, name="")
    namespace, explicit = opt.namespace_of(parsed)
    with open_cluster(env, parsed.get("state")) as api:
        fetched = select(api, env.stdin, Selection(parsed.args, parsed["filename"], parsed["recursive"],
                                                   namespace), read_only=True)
        if fetched.errors:
            raise fetched.errors[0]
        objects = [dict(obj) for _, obj in fetched.pairs]
    for obj in objects:
        obj_ns = (obj.get("metadata") or {}).get("namespace") or namespace
        service = service_for(obj, parsed, obj_ns if explicit else "")
        if parsed.get("overrides"):
            from minikubectl.cli.generator import apply_overrides
            service = apply_overrides(service, parsed["overrides"], parsed["override-type"] or "merge")
        gen.namespace = obj_ns
        gen.emit(service, word="exposed")
    return 0
