"""The cluster's network as a container sees it: cluster DNS and Services (kube-proxy).

The sandbox asks two questions of its ``Network`` (see :mod:`minikubectl.sim.sandbox.results`):

* ``resolve(name)``: CoreDNS's answer for a fully qualified name: ``svc.ns.svc.cluster.local``
  is the Service's ClusterIP (a headless Service: the IPs of its ready pods),
  ``hostname.subdomain.ns.svc.cluster.local`` a pod with that hostname and subdomain, and
  ``a-b-c-d.ns.pod.cluster.local`` the pod IP it spells. The sandbox applies the pod's
  ``resolv.conf`` search list before asking.
* ``http(ip, port, path, at_ns)``: a request to a ClusterIP goes, as kube-proxy sends it, to
  one ready endpoint of the Service (the port mapped to its ``targetPort``); a request to a pod
  IP goes to the container listening on that port. The answer is the target container's
  (``runtime.http_get``); None is "connection refused" (no endpoint, nothing listening).

The network reads the cluster as it is when the kubelet asks, and is built lazily: a program
that never touches the network costs nothing. It answers *as of* the instant of the question: a
Service exists from its creationTimestamp, a pod is an endpoint from its Ready transition, so
that replaying a program from its start gives the past it had (an init container that waited for
a Service created later still waited until then). Answers for instants from :attr:`settled_ns`
(the kubelet's present) on cannot change until an object does; the kubelet re-plans the
programs that asked when a pod or Service is written. Requests from one container to another are not
recorded on the target (only port-forward and probes are), and a request that would re-enter a
container already answering one is refused, so that two pods calling each other end.
"""

from __future__ import annotations

import itertools
from typing import Any, Callable

from minikubectl.api.ports import container_port
from minikubectl.sim import runtime
from minikubectl.sim.clock import parse_ms

NS_PER_S = 1_000_000_000
_REVISIONS = itertools.count(1)  # unique across the networks of one process
CLUSTER_DOMAIN = "cluster.local"
MAX_HOPS = 2  # a request answered by a container that itself calls out: at most this deep


def _since_ns(text: Any) -> int:
    """Epoch ns of an object timestamp (0 when absent: known since always)."""
    ms = parse_ms(text) if text else None
    return 0 if ms is None else ms * 1_000_000


def _ready_since_ns(pod: dict[str, Any]) -> int | None:
    """Since when the pod is Ready (None: not ready, or being deleted)."""
    if pod.get("metadata", {}).get("deletionTimestamp"):
        return None
    for cond in (pod.get("status") or {}).get("conditions") or []:
        if cond.get("type") == "Ready":
            return _since_ns(cond.get("lastTransitionTime")) if cond.get("status") == "True" else None
    return None


def _selects(selector: dict[str, str], pod: dict[str, Any]) -> bool:
    labels = pod.get("metadata", {}).get("labels") or {}
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def _spread(at_ns: int, count: int) -> int:
    """Which of ``count`` endpoints takes the request at ``at_ns``: kube-proxy picks at random;
    here a fixed mix of the instant, so that replays agree and requests spread."""
    return ((at_ns // 1000) * 2654435761 >> 7) % count


class ClusterNetwork:
    """DNS and Services of one simulated cluster (see the module doc)."""

    def __init__(self, list_objects: Callable[[str], list[dict[str, Any]]],
                 launch_of: Callable[[dict[str, Any], str], dict[str, Any] | None],
                 now_ns: Callable[[], int] = lambda: 0) -> None:
        """``list_objects(plural)`` lists a built-in resource in every namespace;
        ``launch_of(pod, container)`` is the kubelet's Launch of its running instance;
        ``now_ns()`` the simulation's present."""
        self._list = list_objects
        self._launch_of = launch_of
        self._now_ns = now_ns
        self.revision = next(_REVISIONS)  # new whenever what was read may have changed (cache keys use it)
        self._services: list[dict[str, Any]] | None = None
        self._pods: list[dict[str, Any]] | None = None
        self._answers: dict[tuple[str, int, str, int], tuple[int, str] | None] = {}
        self._hops = 0

    def forget(self) -> None:
        """Drop what was read of the cluster (a pod or Service changed)."""
        self._services = self._pods = None
        self._answers.clear()
        self.revision = next(_REVISIONS)

    @property
    def settled_ns(self) -> int:
        """From this instant on, answers stay as they are until an object changes."""
        return self._now_ns()

    # -- indexes ------------------------------------------------------------------------
    def _all_services(self) -> list[tuple[int, dict[str, Any]]]:
        """(since when it exists, Service) pairs."""
        if self._services is None:
            self._services = [(_since_ns(s["metadata"].get("creationTimestamp")), s) for s in self._list("services")]
        return self._services

    def _services_at(self, at_ns: int | None) -> list[dict[str, Any]]:
        return [svc for since, svc in self._all_services() if at_ns is None or since <= at_ns]

    def _all_pods(self) -> list[dict[str, Any]]:
        if self._pods is None:
            self._pods = [p for p in self._list("pods") if (p.get("status") or {}).get("podIP")]
        return self._pods

    def _endpoints(self, service: dict[str, Any], at_ns: int | None) -> list[dict[str, Any]]:
        namespace = service["metadata"].get("namespace") or "default"
        selector = (service.get("spec") or {}).get("selector") or {}
        found = []
        for pod in self._all_pods():
            if (pod["metadata"].get("namespace") or "default") != namespace or not _selects(selector, pod):
                continue
            since = _ready_since_ns(pod)
            if since is not None and (at_ns is None or since <= at_ns):
                found.append(pod)
        return found

    # -- Network ------------------------------------------------------------------------
    def resolve(self, name: str, at_ns: int | None = None) -> list[str]:
        """The A records of a fully qualified name at ``at_ns`` (None: now); [] is NXDOMAIN."""
        labels = name.rstrip(".").lower().split(".")
        suffix = CLUSTER_DOMAIN.split(".")
        if labels[-len(suffix):] != suffix:
            return []
        labels = labels[:-len(suffix)]
        if len(labels) == 3 and labels[2] == "pod":
            ip = labels[0].replace("-", ".")
            return [ip] if any(p["status"]["podIP"] == ip for p in self._all_pods()) else []
        if len(labels) == 3 and labels[2] == "svc":
            return self._service_records(labels[0], labels[1], at_ns)
        if len(labels) == 4 and labels[3] == "svc":
            host, subdomain, namespace = labels[0], labels[1], labels[2]
            return [p["status"]["podIP"] for p in self._all_pods()
                    if (p["metadata"].get("namespace") or "default") == namespace
                    and (p.get("spec") or {}).get("hostname") == host
                    and (p.get("spec") or {}).get("subdomain") == subdomain]
        return []

    def _service_records(self, name: str, namespace: str, at_ns: int | None) -> list[str]:
        for svc in self._services_at(at_ns):
            meta = svc["metadata"]
            if meta.get("name") != name or (meta.get("namespace") or "default") != namespace:
                continue
            spec = svc.get("spec") or {}
            if spec.get("type") == "ExternalName":
                return []
            cluster_ip = spec.get("clusterIP")
            if cluster_ip and cluster_ip != "None":
                return [str(cluster_ip)]
            return sorted(str(p["status"]["podIP"]) for p in self._endpoints(svc, at_ns))
        return []

    def http(self, host: str, port: int, path: str, at_ns: int) -> tuple[int, str] | None:
        """The answer to ``GET http://host:port/path`` at ``at_ns`` (host: an IP); None = refused."""
        if self._hops >= MAX_HOPS:
            return None
        for svc in self._services_at(at_ns):
            spec = svc.get("spec") or {}
            if host not in (spec.get("clusterIPs") or [spec.get("clusterIP")]):
                continue
            for entry in spec.get("ports") or []:
                if int(entry.get("port", 0)) == int(port):
                    backends = self._endpoints(svc, at_ns)
                    if not backends:
                        return None
                    pod = backends[_spread(at_ns, len(backends))]
                    return self._pod_http(pod, entry.get("targetPort", port), path, at_ns)
            return None
        for pod in self._all_pods():
            if pod["status"]["podIP"] == host:
                return self._pod_http(pod, port, path, at_ns)
        return None

    def _pod_http(self, pod: dict[str, Any], target: Any, path: str, at_ns: int) -> tuple[int, str] | None:
        """The pod's answer on a port (a number, or a container port's name)."""
        containers = (pod.get("spec") or {}).get("containers") or []
        port = container_port(containers, target)
        if port is None:
            return None
        for container in containers:
            name = str(container.get("name", ""))
            launch = self._launch_of(pod, name)
            if launch is None:
                continue
            # One answer per container, port, path and second: replays of a chatty client
            # (a load generator) do not replay the server once per request.
            key = (str(launch.get("cid") or pod["metadata"].get("uid", "") + name), port, path,
                   at_ns // NS_PER_S)
            if key not in self._answers:
                self._hops += 1
                try:
                    self._answers[key] = runtime.backend(self).http_get(launch, port, path, at_ns)
                finally:
                    self._hops -= 1
            answer = self._answers[key]
            if answer is not None:
                return answer
        return None


