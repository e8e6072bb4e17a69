"""``cluster-info``: the control plane's address and the services labelled as cluster services.

kubectl colours the names and addresses with ANSI escapes whether or not the output is a
terminal; so does this.
"""

from __future__ import annotations

from typing import Any

from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs

SUMMARY = "Display cluster information"
SUBCOMMANDS = {"dump": "minikubectl.cli.verbs.cluster_info.dump"}
GREEN, YELLOW, RESET = "\x1b[0;32m", "\x1b[0;33m", "\x1b[0m"
CLUSTER_SERVICE_LABEL = "kubernetes.io/cluster-service"


def flags() -> list[Flag]:
    return []


def _line(name: str, link: str) -> str:
    return f"{GREEN}{name}{RESET} is running at {YELLOW}{link}{RESET}\n"


def service_link(host: str, service: dict[str, Any]) -> str:
    """Where kubectl says a cluster service runs (its load balancer, else the API proxy)."""
    spec, meta = service.get("spec") or {}, service.get("metadata") or {}
    ingress = ((service.get("status") or {}).get("loadBalancer") or {}).get("ingress") or []
    if ingress:
        address = ingress[0].get("ip") or ingress[0].get("hostname") or ""
        return "".join(f"http://{address}:{port.get('port')} " for port in spec.get("ports") or [])
    name = meta.get("name", "")
    ports = spec.get("ports") or []
    if ports:
        port = ports[0]
        scheme = "https" if port.get("name") == "https" or port.get("port") == 443 else ""
        port_name = port.get("name") or ""
        name = ":".join(part for part in (scheme, name) if part) + (f":{port_name}" if port_name else "")
        if scheme and not port_name:
            name = f"{scheme}:{meta.get('name', '')}"
    return f"{host}/api/v1/namespaces/{meta.get('namespace', '')}/services/{name}/proxy"


def run(env: Env, parsed: ParsedArgs) -> int:
    """Print the control plane and each cluster service of the namespace (kube-system)."""
    from minikubectl.api import errors
    from minikubectl.cli.session import open_cluster

    if parsed.args:
        raise errors.ClientError(f'unknown command "{parsed.args[0]}" for "kubectl cluster-info"')
    namespace = parsed.get("namespace") or "kube-system"
    host = str(env.connection().cluster_entry.get("server") or "")
    with open_cluster(env, parsed.get("state")) as api:
        services = api.list(api.registry.resolve_single("services"), namespace)
    out = [_line("Kubernetes control plane", host)]
    for service in services:
        labels = (service.get("metadata") or {}).get("labels") or {}
        if labels.get(CLUSTER_SERVICE_LABEL) != "true":
            continue
        out.append(_line(labels.get("kubernetes.io/name") or service["metadata"]["name"],
                         service_link(host, service)))
    out.append("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n")
    env.stdout.write("".join(out))
    return 0
