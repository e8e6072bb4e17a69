"""The simulated metrics pipeline (what metrics-server would report): CPU and memory per container.

Usage is a deterministic function of the cluster, so ``top`` and the HorizontalPodAutoscaler
give the same figures under the same clock:

- an idle container uses a few millicores and its image's resident memory;
- a container that burns CPU (``stress``, ``yes``, a loop without ``sleep``) uses its CPU limit
  (one core without a limit); ``stress --vm-bytes N`` holds N of memory;
- a Service under load from a client pod running ``wget``/``curl`` against it in a loop gets
  ``1/sleep`` requests a second (100 at most), shared by its ready endpoints, each request
  costing its image's CPU per request.

Only Running pods have metrics, as metrics-server reports only scraped containers.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Iterable

from minikubectl.golang.structs import dataclass

MI = 1024 * 1024
_IMAGE_MEMORY_MI = {"nginx": 3, "httpd": 6, "redis": 3, "postgres": 25, "mysql": 360, "mariadb": 80,
                    "python": 9, "node": 32, "busybox": 0, "alpine": 0, "ubuntu": 1, "debian": 1, "pause": 0,
                    "kubia": 10, "echoserver": 4, "http-echo": 2, "hpa-example": 11, "stress": 1, "mongo": 70}
# CPU (millicores) one request a second costs in each image.
_REQUEST_COST_M = {"hpa-example": 5.0, "php-apache": 5.0}
_DEFAULT_REQUEST_COST_M = 0.2
_MAX_RATE = 100.0
_URL = re.compile(r"https?://([A-Za-z0-9.-]+)")
_SLEEP = re.compile(r"\bsleep\s+([0-9]*\.?[0-9]+)")


@dataclass(frozen=True)
class Usage:
    """One container's usage: CPU in millicores, memory in bytes."""

    cpu_m: int
    memory: int


def image_name(image: str) -> str:
    """``registry.k8s.io/hpa-example:latest`` → ``hpa-example``."""
    base = image.rsplit("/", 1)[-1]
    return base.split("@", 1)[0].split(":", 1)[0]


def _jitter(*parts: str) -> int:
    return hashlib.sha256("/".join(parts).encode()).digest()[0]


def _quantity(value: Any) -> float | None:
    from minikubectl.api.quantity import QuantityError, parse_quantity
    try:
        return float(parse_quantity(str(value)).value)
    except (QuantityError, ValueError):
        return None


def _command_line(container: dict[str, Any]) -> str:
    return " ".join(str(a) for a in (container.get("command") or []) + (container.get("args") or []))


def _burns_cpu(line: str, image: str) -> float | None:
    """Cores a CPU-burning program wants (None: not burning)."""
    if image == "stress" or re.search(r"\bstress\b", line):
        match = re.search(r"-cpus?\s+(\d+)", line)
        if match:
            return float(match.group(1))
        if "--vm" in line and "--cpu" not in line:
            return None
        return 1.0
    if re.search(r"\byes\b", line) or "/dev/zero" in line and re.search(r"\b(md5sum|sha\w*sum|dd|cat)\b", line):
        return 1.0
    if re.search(r"\b(while|until)\b", line) and not _SLEEP.search(line) and "wget" not in line \
            and "curl" not in line:
        return 1.0
    return None


def _held_memory(line: str) -> int | None:
    match = re.search(r"--vm-bytes\s+(\d+)([KMGkmg]?)", line)
    if not match:
        return None
    factor = {"": 1, "k": 1024, "m": MI, "g": 1024 * MI}[match.group(2).lower()]
    return int(match.group(1)) * factor


def _limit(container: dict[str, Any], name: str) -> float | None:
    limits = (container.get("resources") or {}).get("limits") or {}
    return _quantity(limits[name]) if name in limits else None


def load_by_service(pods: Iterable[dict[str, Any]], services: dict[tuple[str, str], dict[str, Any]]) \
        -> dict[tuple[str, str], float]:
    """Requests a second each Service receives from client loops in Running pods."""
    rates: dict[tuple[str, str], float] = {}
    for pod in pods:
        if (pod.get("status") or {}).get("phase") != "Running":
            continue
        namespace = pod["metadata"].get("namespace") or "default"
        for container in (pod.get("spec") or {}).get("containers") or []:
            line = _command_line(container)
            if not ("wget" in line or "curl" in line) or not re.search(r"\b(while|until|for)\b", line):
                continue
            for host in _URL.findall(line):
                parts = host.split(".")
                key = (parts[1] if len(parts) > 1 and parts[1] != "svc" else namespace, parts[0])
                if key not in services:
                    continue
                sleep = _SLEEP.search(line)
                interval = float(sleep.group(1)) if sleep else 0.0
                rate = _MAX_RATE if interval <= 0 else min(_MAX_RATE, 1.0 / interval)
                rates[key] = rates.get(key, 0.0) + rate
    return rates


def container_usage(pod: dict[str, Any], container: dict[str, Any], load_rate: float) -> Usage:
    """The usage of one container of a Running pod receiving ``load_rate`` requests a second."""
    image = image_name(str(container.get("image", "")))
    line = _command_line(container)
    uid = pod["metadata"].get("uid", pod["metadata"].get("name", ""))
    name = str(container.get("name", ""))
    jitter = _jitter(uid, name)
    cpu = 1.0 + jitter % 3
    burn = _burns_cpu(line, image)
    if burn is not None:
        cpu = burn * 1000
    cpu += load_rate * _REQUEST_COST_M.get(image, _DEFAULT_REQUEST_COST_M)
    limit = _limit(container, "cpu")
    if limit is not None:
        cpu = min(cpu, limit * 1000)
    memory = _IMAGE_MEMORY_MI.get(image, 5) * MI + (jitter * 4096) + (_held_memory(line) or 0)
    mem_limit = _limit(container, "memory")
    if mem_limit is not None:
        memory = min(memory, int(mem_limit))
    return Usage(int(round(cpu)), int(memory))


def pod_usages(pods: list[dict[str, Any]], all_pods: Iterable[dict[str, Any]],
               services: dict[tuple[str, str], dict[str, Any]]) -> dict[str, list[tuple[str, Usage]]]:
    """Per Running pod (``namespace/name``): each container's name and usage."""
    from minikubectl.api.labels import selector_from_set
    from minikubectl.sim.podstatus import is_ready

    all_pods = list(all_pods)
    rates = load_by_service(all_pods, services)
    share: dict[str, float] = {}
    for key, rate in rates.items():
        selector = ((services[key].get("spec") or {}).get("selector")) or {}
        if not selector:
            continue
        matcher = selector_from_set(selector)
        endpoints = [p for p in all_pods if (p["metadata"].get("namespace") or "default") == key[0]
                     and matcher.matches(p["metadata"].get("labels")) and is_ready(p)]
        for pod in endpoints:
            ident = f"{key[0]}/{pod['metadata']['name']}"
            share[ident] = share.get(ident, 0.0) + rate / len(endpoints)
    found: dict[str, list[tuple[str, Usage]]] = {}
    for pod in pods:
        if (pod.get("status") or {}).get("phase") != "Running" or pod["metadata"].get("deletionTimestamp"):
            continue
        ident = f"{pod['metadata'].get('namespace')}/{pod['metadata']['name']}"
        containers = (pod.get("spec") or {}).get("containers") or []
        rate = share.get(ident, 0.0) / max(1, len(containers))
        found[ident] = [(str(c.get("name", "")), container_usage(pod, c, rate)) for c in containers]
    return found


# The node's own daemons (kubelet, container runtime, system pods not simulated).
NODE_OVERHEAD = Usage(cpu_m=95, memory=512 * MI)
