"""Services: ``NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE`` + wide ``SELECTOR``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import (
    AGE, NAME, age_of, dig, format_labels, lst, mp, n, name_of, s,
)

COLUMNS = (
    NAME,
    Column("Type"),
    Column("Cluster-IP"),
    Column("External-IP"),
    Column("Port(s)"),
    AGE,
    Column("Selector", priority=1),
)


def load_balancer_addresses(ingress: object) -> list[str]:
    """Sorted, de-duplicated IPs (or hostnames when no IP) of ``status.loadBalancer.ingress``.

    The API server builds tables with ``Wide: true``, so the 16-character
    truncation of ``loadBalancerStatusStringer`` never applies to kubectl output.
    """
    found = set()
    for item in lst(ingress):
        item = mp(item)
        if s(item.get("ip")):
            found.add(item["ip"])
        elif s(item.get("hostname")):
            found.add(item["hostname"])
    return sorted(found)


def external_ip(svc: dict) -> str:
    """``getServiceExternalIP`` for each service type."""
    spec = mp(svc.get("spec"))
    external = [s(ip) for ip in lst(spec.get("externalIPs"))]
    stype = spec.get("type")
    if stype in ("ClusterIP", "NodePort"):
        return ",".join(external) if external else "<none>"
    if stype == "LoadBalancer":
        lb = load_balancer_addresses(dig(svc, "status", "loadBalancer", "ingress"))
        if external:
            return ",".join(lb + external)
        return ",".join(lb) if lb else "<pending>"
    if stype == "ExternalName":
        return s(spec.get("externalName"))
    return "<unknown>"


def port_string(ports: object) -> str:
    """``makePortString``: ``80/TCP``, ``80:30080/TCP``, joined by ``,``."""
    pieces = []
    for port in lst(ports):
        port = mp(port)
        proto = s(port.get("protocol"))
        node_port = n(port.get("nodePort"))
        if node_port > 0:
            pieces.append(f"{n(port.get('port'))}:{node_port}/{proto}")
        else:
            pieces.append(f"{n(port.get('port'))}/{proto}")
    return ",".join(pieces)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a service."""
    spec = mp(obj.get("spec"))
    cluster_ips = lst(spec.get("clusterIPs"))
    return [[
        name_of(obj),
        s(spec.get("type")),
        s(cluster_ips[0]) if cluster_ips else "<none>",
        external_ip(obj),
        port_string(spec.get("ports")) or "<none>",
        age_of(obj, now),
        format_labels(spec.get("selector")),
    ]]
