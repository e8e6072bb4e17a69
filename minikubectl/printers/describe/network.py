"""``describe networkpolicy``, ``describe ingress`` and ``describe endpoints``."""

from __future__ import annotations

from typing import Any

from minikubectl.printers.describe.events import describe_events, events_for
from minikubectl.printers.describe.writer import (LEVEL_0, LEVEL_1, LEVEL_2, Context, PrefixWriter, dig,
                                                  parse_time, print_annotations, print_labels, s, write_header,
                                                  write_labels_annotations, write_name_namespace)


# -- NetworkPolicy ---------------------------------------------------------------------------
def go_time_string(text: Any, ctx: Context) -> str:
    """``time.Time.String()`` in kubectl's zone: ``2006-01-02 15:04:05 -0700 MST``."""
    moment = parse_time(text)
    if moment is None:
        return "0001-01-01 00:00:00 +0000 UTC"
    local = moment.astimezone(ctx.tz)
    return local.strftime("%Y-%m-%d %H:%M:%S ") + (local.strftime("%z") or "+0000") + " " + \
        (local.strftime("%Z") or "UTC")


def _peers(rules: list[dict[str, Any]], key: str, title: str, isolated: str, unrestricted: str,
           w: PrefixWriter) -> None:
    from minikubectl.api.labels import format_label_selector
    indent = "    "
    if not rules:
        w.write(LEVEL_0, f"{indent}<none> (Selected pods are isolated for {isolated} connectivity)\n")
        return
    for i, rule in enumerate(rules):
        ports = rule.get("ports") or []
        if not ports:
            w.write(LEVEL_0, f"{indent}To Port: <any> (traffic allowed to all ports)\n")
        for port in ports:
            proto = s(port.get("protocol")) or "TCP"
            if port.get("endPort") is None:
                w.write(LEVEL_0, f"{indent}To Port: {s(port.get('port'))}/{proto}\n")
            else:
                w.write(LEVEL_0, f"{indent}To Port Range: {s(port.get('port'))}-{int(port['endPort'])}/{proto}\n")
        peers = rule.get(key) or []
        if not peers:
            w.write(LEVEL_0, f"{indent}{title}: <any> (traffic not restricted by {unrestricted})\n")
        for peer in peers:
            w.write(LEVEL_0, f"{indent}{title}:\n")
            pods, namespaces, block = peer.get("podSelector"), peer.get("namespaceSelector"), peer.get("ipBlock")
            if pods is not None and namespaces is not None:
                w.write(LEVEL_1, f"{indent}NamespaceSelector: {format_label_selector(namespaces)}\n")
                w.write(LEVEL_1, f"{indent}PodSelector: {format_label_selector(pods)}\n")
            elif pods is not None:
                w.write(LEVEL_1, f"{indent}PodSelector: {format_label_selector(pods)}\n")
            elif namespaces is not None:
                w.write(LEVEL_1, f"{indent}NamespaceSelector: {format_label_selector(namespaces)}\n")
            elif block is not None:
                w.write(LEVEL_1, f"{indent}IPBlock:\n")
                w.write(LEVEL_2, f"{indent}CIDR: {s(block.get('cidr'))}\n")
                w.write(LEVEL_2, f"{indent}Except: {', '.join(s(x) for x in block.get('except') or [])}\n")
        if i != len(rules) - 1:
            w.write(LEVEL_0, f"{indent}----------\n")


def describe_network_policy(np: dict[str, Any], ctx: Context) -> str:
    from minikubectl.api.labels import format_label_selector
    meta = np.get("metadata") or {}
    spec = np.get("spec") or {}
    w = PrefixWriter()
    write_name_namespace(w, meta)
    w.write(LEVEL_0, f"Created on:\t{go_time_string(meta.get('creationTimestamp'), ctx)}\n")
    write_labels_annotations(w, meta)
    w.write(LEVEL_0, "Spec:\n")
    w.write(LEVEL_1, "PodSelector: ")
    selector = spec.get("podSelector") or {}
    if not selector.get("matchLabels") and not selector.get("matchExpressions"):
        w.write(LEVEL_2, "<none> (Allowing the specific traffic to all pods in this namespace)\n")
    else:
        w.write(LEVEL_2, f"{format_label_selector(selector)}\n")
    types = [s(t) for t in spec.get("policyTypes") or []]
    if "Ingress" in types:
        w.write(LEVEL_1, "Allowing ingress traffic:\n")
        _peers(spec.get("ingress") or [], "from", "From", "ingress", "source", w)
    else:
        w.write(LEVEL_1, "Not affecting ingress traffic\n")
    if "Egress" in types:
        w.write(LEVEL_1, "Allowing egress traffic:\n")
        _peers(spec.get("egress") or [], "to", "To", "egress", "destination", w)
    else:
        w.write(LEVEL_1, "Not affecting egress traffic\n")
    w.write(LEVEL_1, f"Policy Types: {', '.join(types) or '<none>'}\n")
    return w.text()


# -- Ingress ---------------------------------------------------------------------------------
def _backend(namespace: str, backend: Any, ctx: Context) -> str:
    from minikubectl.printers.describe.service import format_endpoint_slices
    if not isinstance(backend, dict):
        return ""
    service = backend.get("service")
    if isinstance(service, dict):
        port = service.get("port") or {}
        name = s(service.get("name"))
        text = f"{name}:{int(port['number']) if port.get('number') else s(port.get('name'))}"
        svc = ctx.get_object("services", namespace, name)
        if svc is None:
            return f'{text} (<error: services "{name}" not found>)'
        port_name = ""
        for sp in dig(svc, "spec", "ports") or []:
            if port.get("number") and port["number"] == sp.get("port"):
                port_name = s(sp.get("name"))
            elif port.get("name") and port["name"] == sp.get("name"):
                port_name = s(sp.get("name"))
        slices = [es for es in ctx.list_objects("endpointslices.discovery.k8s.io", namespace)
                  if s(dig(es, "metadata", "labels", "kubernetes.io/service-name")) == name]
        return f"{text} ({format_endpoint_slices(slices, port_name)})"
    resource = backend.get("resource")
    if isinstance(resource, dict):
        group = s(resource["apiGroup"]) if resource.get("apiGroup") is not None else "<none>"
        return f"APIGroup: {group}, Kind: {s(resource.get('kind'))}, Name: {s(resource.get('name'))}"
    return ""


def describe_ingress(ing: dict[str, Any], ctx: Context) -> str:
    from minikubectl.printers.columns.services import load_balancer_addresses
    meta = ing.get("metadata") or {}
    spec = ing.get("spec") or {}
    ns = s(meta.get("namespace"))
    events = events_for(ctx, ing)
    w = PrefixWriter()
    w.write(LEVEL_0, f"Name:\t{s(meta.get('name'))}\n")
    print_labels(w, "Labels", meta.get("labels"))
    w.write(LEVEL_0, f"Namespace:\t{ns}\n")
    w.write(LEVEL_0, f"Address:\t{','.join(load_balancer_addresses(dig(ing, 'status', 'loadBalancer', 'ingress')))}\n")
    cls = spec.get("ingressClassName")
    w.write(LEVEL_0, f"Ingress Class:\t{s(cls) if cls is not None else '<none>'}\n")
    default = _backend(ns, spec["defaultBackend"], ctx) if spec.get("defaultBackend") is not None else "<default>"
    w.write(LEVEL_0, f"Default backend:\t{default}\n")
    tls = spec.get("tls") or []
    if tls:
        w.write(LEVEL_0, "TLS:\n")
        for t in tls:
            hosts = ",".join(s(h) for h in t.get("hosts") or [])
            if not t.get("secretName"):
                w.write(LEVEL_1, f"SNI routes {hosts}\n")
            else:
                w.write(LEVEL_1, f"{s(t['secretName'])} terminates {hosts}\n")
    w.write(LEVEL_0, "Rules:\n  Host\tPath\tBackends\n")
    w.write(LEVEL_1, "----\t----\t--------\n")
    count = 0
    for rule in spec.get("rules") or []:
        if not isinstance(rule.get("http"), dict):
            continue
        count += 1
        w.write(LEVEL_1, f"{s(rule.get('host')) or '*'}\t\n")
        for path in rule["http"].get("paths") or []:
            w.write(LEVEL_2, f"\t{s(path.get('path'))} \t{_backend(ns, path.get('backend'), ctx)}\n")
    if count == 0:
        w.write(LEVEL_1, f"*\t*\t{default}\n")
    print_annotations(w, "Annotations", meta.get("annotations"))
    if events is not None:
        describe_events(events, w, ctx)
    return w.text()


# -- Endpoints -------------------------------------------------------------------------------
def describe_endpoints(ep: dict[str, Any], ctx: Context) -> str:
    events = events_for(ctx, ep)
    w = PrefixWriter()
    write_header(w, ep.get("metadata") or {})
    w.write(LEVEL_0, "Subsets:\n")
    for subset in ep.get("subsets") or []:
        ready = ",".join(s(a.get("ip")) for a in subset.get("addresses") or [])
        not_ready = ",".join(s(a.get("ip")) for a in subset.get("notReadyAddresses") or [])
        w.write(LEVEL_1, f"Addresses:\t{ready or '<none>'}\n")
        w.write(LEVEL_1, f"NotReadyAddresses:\t{not_ready or '<none>'}\n")
        ports = subset.get("ports") or []
        if ports:
            w.write(LEVEL_1, "Ports:\n")
            w.write(LEVEL_2, "Name\tPort\tProtocol\n")
            w.write(LEVEL_2, "----\t----\t--------\n")
            for port in ports:
                w.write(LEVEL_2, f"{s(port.get('name')) or '<unset>'}\t{int(port.get('port') or 0)}\t"
                                 f"{s(port.get('protocol'))}\n")
        w.write(LEVEL_0, "\n")
    if events is not None:
        describe_events(events, w, ctx)
    return w.text()
