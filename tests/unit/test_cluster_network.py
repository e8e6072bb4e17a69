"""Cluster DNS and Service routing as a container sees them (pure: fake cluster, fake runtime)."""

from __future__ import annotations

from typing import Any

import pytest

from minikubectl.sim import runtime
from minikubectl.sim.cluster_network import ClusterNetwork


def _pod(name: str, ip: str, labels: dict[str, str], ready: bool = True, **spec: Any) -> dict[str, Any]:
    return {"metadata": {"name": name, "namespace": "default", "uid": name, "labels": labels},
            "spec": {"containers": [{"name": "c", "ports": [{"name": "http", "containerPort": 8080}]}], **spec},
            "status": {"podIP": ip, "conditions": [{"type": "Ready", "status": "True" if ready else "False"}]}}


def _svc(name: str, ip: str, selector: dict[str, str], target: Any = 8080) -> dict[str, Any]:
    return {"metadata": {"name": name, "namespace": "default"},
            "spec": {"clusterIP": ip, "clusterIPs": [ip] if ip != "None" else ["None"], "selector": selector,
                     "ports": [{"port": 80, "targetPort": target}]}}


class Answering:
    """A runtime whose every container answers with its pod's name on 8080."""

    def http_get(self, launch: dict[str, Any], port: int, path: str, at_ns: int,
                 net: Any = None) -> tuple[int, str] | None:
        return (200, launch["pod"] + path) if port == 8080 else None


@pytest.fixture
def network() -> ClusterNetwork:
    pods = [_pod("a", "10.244.0.5", {"app": "web"}), _pod("b", "10.244.0.6", {"app": "web"}),
            _pod("c", "10.244.0.7", {"app": "web"}, ready=False),
            _pod("web-0", "10.244.0.8", {"app": "db"}, hostname="web-0", subdomain="db")]
    services = [_svc("web", "10.96.0.20", {"app": "web"}), _svc("named", "10.96.0.21", {"app": "web"}, "http"),
                _svc("db", "None", {"app": "db"}), _svc("empty", "10.96.0.22", {"app": "none"})]
    objects = {"pods": pods, "services": services}
    runtime.use(Answering())  # type: ignore[arg-type]
    yield ClusterNetwork(lambda plural: objects[plural], lambda pod, name: {"pod": pod["metadata"]["name"]})
    runtime.use(None)


def test_dns_names(network: ClusterNetwork) -> None:
    assert network.resolve("web.default.svc.cluster.local") == ["10.96.0.20"]
    assert network.resolve("db.default.svc.cluster.local") == ["10.244.0.8"]  # headless: ready pods
    assert network.resolve("web-0.db.default.svc.cluster.local") == ["10.244.0.8"]
    assert network.resolve("10-244-0-5.default.pod.cluster.local") == ["10.244.0.5"]
    assert network.resolve("web.other.svc.cluster.local") == []
    assert network.resolve("example.com") == []


def test_services_route_to_ready_endpoints_on_the_target_port(network: ClusterNetwork) -> None:
    answers = {network.http("10.96.0.20", 80, "/", s * 10**9) for s in range(40)}
    assert answers == {(200, "a/"), (200, "b/")}  # spread, never the unready pod
    assert network.http("10.96.0.21", 80, "/x", 0) in {(200, "a/x"), (200, "b/x")}  # named targetPort
    assert network.http("10.96.0.22", 80, "/", 0) is None  # no endpoints: refused
    assert network.http("10.96.0.20", 81, "/", 0) is None  # not a Service port
    assert network.http("10.244.0.6", 8080, "/", 0) == (200, "b/")  # a pod IP directly
    assert network.http("10.9.9.9", 80, "/", 0) is None


def test_answers_are_as_of_the_instant_asked() -> None:
    """A Service exists from its creationTimestamp and a pod serves from its Ready transition:
    replaying a program from its start sees the past it had."""
    pod = _pod("a", "10.244.0.5", {"app": "web"})
    pod["status"]["conditions"][0]["lastTransitionTime"] = "2026-01-01T00:00:30Z"
    svc = _svc("web", "10.96.0.20", {"app": "web"})
    svc["metadata"]["creationTimestamp"] = "2026-01-01T00:00:10Z"
    objects = {"pods": [pod], "services": [svc]}
    t0 = 1767225600 * 1_000_000_000
    network = ClusterNetwork(lambda plural: objects[plural], lambda pod, name: {"pod": pod["metadata"]["name"]},
                             lambda: t0 + 60 * 1_000_000_000)
    runtime.use(Answering())  # type: ignore[arg-type]
    try:
        assert network.resolve("web.default.svc.cluster.local", t0 + 9 * 1_000_000_000) == []
        assert network.resolve("web.default.svc.cluster.local", t0 + 10 * 1_000_000_000) == ["10.96.0.20"]
        assert network.http("10.96.0.20", 80, "/", t0 + 20 * 1_000_000_000) is None  # no endpoint yet
        assert network.http("10.96.0.20", 80, "/", t0 + 30 * 1_000_000_000) == (200, "a/")
        assert network.settled_ns == t0 + 60 * 1_000_000_000
        before = network.revision
        network.forget()
        assert network.revision != before
    finally:
        runtime.use(None)
