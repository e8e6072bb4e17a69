"""``describe service``: type, IPs, ports with their endpoints, affinity and policies."""

from __future__ import annotations

from typing import Any

from minikubectl.printers.describe.events import describe_events, events_for
from minikubectl.printers.describe.writer import LEVEL_0, Context, PrefixWriter, s, write_header


def describe(svc: dict[str, Any], ctx: Context) -> str:
    from minikubectl.api.labels import format_labels
    meta = svc.get("metadata") or {}
    spec = svc.get("spec") or {}
    slices = [es for es in ctx.list_objects("endpointslices.discovery.k8s.io", meta.get("namespace"))
              if s(((es.get("metadata") or {}).get("labels") or {}).get("kubernetes.io/service-name"))
              == s(meta.get("name"))]
    events = events_for(ctx, svc)
    w = PrefixWriter()
    write_header(w, meta)
    w.write(LEVEL_0, f"Selector:\t{format_labels(spec.get('selector'))}\n")
    w.write(LEVEL_0, f"Type:\t{s(spec.get('type'))}\n")
    if spec.get("ipFamilyPolicy"):
        w.write(LEVEL_0, f"IP Family Policy:\t{s(spec['ipFamilyPolicy'])}\n")
    families = [s(f) for f in spec.get("ipFamilies") or []]
    w.write(LEVEL_0, f"IP Families:\t{','.join(families) if families else '<none>'}\n")
    w.write(LEVEL_0, f"IP:\t{s(spec.get('clusterIP'))}\n")
    ips = [s(ip) for ip in spec.get("clusterIPs") or []]
    w.write(LEVEL_0, f"IPs:\t{','.join(ips) if ips else '<none>'}\n")
    if spec.get("externalIPs"):
        w.write(LEVEL_0, f"External IPs:\t{','.join(s(ip) for ip in spec['externalIPs'])}\n")
    if spec.get("loadBalancerIP"):
        w.write(LEVEL_0, f"Desired LoadBalancer IP:\t{s(spec['loadBalancerIP'])}\n")
    if spec.get("externalName"):
        w.write(LEVEL_0, f"External Name:\t{s(spec['externalName'])}\n")
    ingress = (((svc.get("status") or {}).get("loadBalancer") or {}).get("ingress")) or []
    if ingress:
        parts = []
        for item in ingress:
            text = s(item.get("ip")) or s(item.get("hostname"))
            if item.get("ip") and item.get("ipMode"):
                text += f" ({s(item['ipMode'])})"
            parts.append(text)
        w.write(LEVEL_0, f"LoadBalancer Ingress:\t{', '.join(parts)}\n")
    for port in spec.get("ports") or []:
        name = s(port.get("name")) or "<unset>"
        proto = s(port.get("protocol"))
        w.write(LEVEL_0, f"Port:\t{name}\t{int(port.get('port') or 0)}/{proto}\n")
        target = port.get("targetPort")
        w.write(LEVEL_0, f"TargetPort:\t{target if isinstance(target, int) else s(target)}/{proto}\n")
        if port.get("appProtocol"):
            w.write(LEVEL_0, f"AppProtocol:\t{s(port['appProtocol'])}\n")
        if port.get("nodePort"):
            w.write(LEVEL_0, f"NodePort:\t{name}\t{int(port['nodePort'])}/{proto}\n")
        w.write(LEVEL_0, f"Endpoints:\t{format_endpoint_slices(slices, s(port.get('name')))}\n")
    w.write(LEVEL_0, f"Session Affinity:\t{s(spec.get('sessionAffinity'))}\n")
    if spec.get("externalTrafficPolicy"):
        w.write(LEVEL_0, f"External Traffic Policy:\t{s(spec['externalTrafficPolicy'])}\n")
    if spec.get("internalTrafficPolicy"):
        w.write(LEVEL_0, f"Internal Traffic Policy:\t{s(spec['internalTrafficPolicy'])}\n")
    if spec.get("healthCheckNodePort"):
        w.write(LEVEL_0, f"HealthCheck NodePort:\t{int(spec['healthCheckNodePort'])}\n")
    if spec.get("loadBalancerSourceRanges"):
        w.write(LEVEL_0, f"LoadBalancer Source Ranges:\t{','.join(s(r) for r in spec['loadBalancerSourceRanges'])}\n")
    if spec.get("trafficDistribution"):
        w.write(LEVEL_0, f"Traffic Distribution:\t{s(spec['trafficDistribution'])}\n")
    if events is not None:
        describe_events(events, w, ctx)
    return w.text()


def format_endpoint_slices(slices: list[dict[str, Any]], port_name: str) -> str:
    """``formatEndpointSlices`` for one port name: up to 3 ready ``ip:port``, then ``+ N more...``."""
    if not slices:
        return "<none>"
    shown: list[str] = []
    count = 0
    more = False
    for es in slices:
        endpoints = [e for e in es.get("endpoints") or [] if isinstance(e, dict)]
        ports = [p for p in es.get("ports") or [] if isinstance(p, dict)]
        targets = [(None, e) for e in endpoints] if not ports else \
            [(p, e) for p in ports if s(p.get("name")) == port_name for e in endpoints]
        for port, ep in targets:
            if len(shown) == 3:
                more = True
            ready = (ep.get("conditions") or {}).get("ready")
            if ready is False:
                continue
            addr = s((ep.get("addresses") or [""])[0])
            if not more:
                if port is None:
                    shown.append(addr)
                else:
                    host = f"[{addr}]" if ":" in addr else addr
                    shown.append(f"{host}:{int(port.get('port') or 0)}")
            count += 1
    text = ",".join(shown)
    return f"{text} + {count - 3} more..." if more else text
