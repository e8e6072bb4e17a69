"""Liveness, readiness and startup probes (``pkg/kubelet/prober``): one check and its verdict.

A probe runs through the runtime seam against the container instance's Launch:

* exec: success when the command exits 0; the failure text is the command's output;
* httpGet: success for a status from 200 to 399 (``HTTP probe failed with statuscode: N``),
  ``Get "http://IP:PORT/path": dial tcp IP:PORT: connect: connection refused`` when nothing
  listens; each request is recorded as an ``http`` input (programs count their requests);
* tcpSocket: ``dial tcp IP:PORT: connect: connection refused`` when the port is closed;
* grpc: treated as a tcpSocket check of its port.

Defaults are the API's: period 10 s, failureThreshold 3, successThreshold 1, no initial delay.
The kubelet (``kubelet.py``) keeps the counters and acts on the verdicts.
"""

from __future__ import annotations

from typing import Any

from minikubectl.api.ports import container_port

NS_PER_MS = 1_000_000
KINDS = (("startupProbe", "Startup"), ("livenessProbe", "Liveness"), ("readinessProbe", "Readiness"))


def period_ms(probe: dict[str, Any]) -> int:
    """``periodSeconds`` in ms (default 10 s)."""
    return int(probe.get("periodSeconds") or 10) * 1000


def delay_ms(probe: dict[str, Any]) -> int:
    """``initialDelaySeconds`` in ms."""
    return int(probe.get("initialDelaySeconds") or 0) * 1000


def failure_threshold(probe: dict[str, Any]) -> int:
    return int(probe.get("failureThreshold") or 3)


def success_threshold(probe: dict[str, Any]) -> int:
    return int(probe.get("successThreshold") or 1)


def _port(container: dict[str, Any], port: Any) -> int:
    """A numeric port, or the named container port (0 when the container has no such name)."""
    return container_port([container], port) or 0


def check(backend: Any, launch: dict[str, Any], container: dict[str, Any], probe: dict[str, Any],
          at_ns: int) -> tuple[bool, str]:
    """Run the probe once: (success, output for the ``Unhealthy`` event)."""
    ip = str(launch.get("pod_ip") or "")
    if "exec" in probe:
        argv = [str(x) for x in ((probe.get("exec") or {}).get("command") or [])]
        result = backend.exec_at(launch, argv, at_ns, None)
        if result.start_error:
            return False, f"{result.start_error}\r\n"
        return int(result.code) == 0, f"{result.stdout}{result.stderr}"
    if "httpGet" in probe:
        get = probe.get("httpGet") or {}
        port = _port(container, get.get("port", 80))
        path = str(get.get("path") or "/")
        path = path if path.startswith("/") else "/" + path
        host = str(get.get("host") or ip)
        scheme = str(get.get("scheme") or "HTTP").lower()
        answer = backend.http_get(launch, port, path, at_ns)
        launch.setdefault("inputs", []).append(["http", at_ns, port, path])
        if answer is None:
            return False, (f'Get "{scheme}://{host}:{port}{path}": dial tcp {host}:{port}: connect: '
                           "connection refused")
        code = int(answer[0])
        if 200 <= code < 400:
            return True, ""
        return False, f"HTTP probe failed with statuscode: {code}"
    if "tcpSocket" in probe or "grpc" in probe:
        spec = probe.get("tcpSocket") or probe.get("grpc") or {}
        port = _port(container, spec.get("port", 0))
        host = str(spec.get("host") or ip)
        if backend.tcp_open(launch, port, at_ns):
            return True, ""
        return False, f"dial tcp {host}:{port}: connect: connection refused"
    return True, ""
