"""Simulation cost at scale: a 10,000-pod cluster advanced by one hour.

Builds, in memory, a cluster of 100 nodes and 10 Deployments of 1,000 replicas each
through the simulation itself (scheduler, kubelet, controllers), lets it reach steady
state, then times ``engine.advance`` + ``settle`` over one simulated hour (during which
the start-up events reach their one-hour TTL and expire) and over a second, idle hour.
Prints wall times; work is proportional to due timers, not to the number of objects.

``--loops``: instead, 1,000 bare pods each running its own shell loop (the docs' counter pod, with
a distinct script per pod) on busybox, advanced by one hour (issue 10's figure: under 1 s), and the
cost of reading one pod's hour of logs.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from minikubectl.sim import engine  # noqa: E402
from minikubectl.store.apiserver import ApiServer  # noqa: E402
from minikubectl.store.cluster import fresh_state  # noqa: E402
from minikubectl.store.tracker import Tracker  # noqa: E402

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
NODES = 100
DEPLOYMENTS = int(__import__("os").environ.get("BENCH_DEPLOYMENTS", "10"))
REPLICAS = 1000


def step(state: dict, seconds: float, fn=None) -> float:
    """One command's worth of simulation at T0+seconds; returns its wall time."""
    now = T0 + timedelta(seconds=seconds)
    started = time.perf_counter()
    api = ApiServer(Tracker(state), now)
    engine.advance(api, now)
    if fn is not None:
        fn(api)
    engine.settle(api)
    return time.perf_counter() - started


def build() -> dict:
    state = fresh_state(T0)

    def populate(api: ApiServer) -> None:
        nodes = api.registry.by_qualified_plural("nodes")
        for i in range(1, NODES):
            api.create(nodes, {"apiVersion": "v1", "kind": "Node", "metadata": {"name": f"node-{i:03d}"}}, "")
        deployments = api.registry.by_qualified_plural("deployments.apps")
        for i in range(DEPLOYMENTS):
            api.create(deployments, {
                "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": f"app{i}"},
                "spec": {"replicas": REPLICAS, "selector": {"matchLabels": {"app": f"app{i}"}},
                         "template": {"metadata": {"labels": {"app": f"app{i}"}},
                                      "spec": {"containers": [{"name": "c", "image": f"nginx:1.{i}"}]}}}},
                "default")

    step(state, 0, populate)
    step(state, 60)
    return state


LOOPS = 1000


def loop_pods() -> None:
    """1,000 distinct running shell loops: start them, then advance the simulation by one hour."""
    state = fresh_state(T0)

    def populate(api: ApiServer) -> None:
        nodes = api.registry.by_qualified_plural("nodes")
        for i in range(1, LOOPS // 100 + 1):  # room for every pod (110 per node)
            api.create(nodes, {"apiVersion": "v1", "kind": "Node", "metadata": {"name": f"node-{i:03d}"}}, "")
        pods = api.registry.by_qualified_plural("pods")
        for i in range(LOOPS):
            script = f'i=0; while true; do echo "{i} $i: $(date)"; i=$((i+1)); sleep 1; done'
            api.create(pods, {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": f"counter-{i}"},
                              "spec": {"containers": [{"name": "count", "image": "busybox:1.28",
                                                       "args": ["/bin/sh", "-c", script]}]}}, "default")

    started = step(state, 0, populate)
    warm = step(state, 60)
    pods = state["objects"]["pods"]
    running = sum(1 for p in pods.values() if p.get("status", {}).get("phase") == "Running")
    print(f"create {LOOPS} loop pods: {started:.2f} s; first minute (scheduling, starting): {warm:.2f} s "
          f"({running} Running)")
    hour = step(state, 60 + 3600)
    running = sum(1 for p in pods.values() if p.get("status", {}).get("phase") == "Running")
    print(f"advance {LOOPS} running shell loops by 1 h: {hour * 1000:.0f} ms ({running} still Running)")
    from minikubectl.sim import sandbox
    pod = pods["default/counter-0"] if "default/counter-0" in pods else next(iter(pods.values()))
    launch = {"image": "busybox:1.28", "argv": pod["spec"]["containers"][0]["args"], "env": {},
              "hostname": "counter-0", "start_ns": int(T0.timestamp()) * 1_000_000_000, "inputs": []}
    t = time.perf_counter()
    lines = len(sandbox.run(launch, int((T0 + timedelta(seconds=3660)).timestamp()) * 1_000_000_000).output)
    print(f"one pod's logs for that hour (full replay): {(time.perf_counter() - t) * 1000:.0f} ms, {lines} lines")


def main() -> None:
    if "--loops" in sys.argv[1:]:
        loop_pods()
        return
    started = time.perf_counter()
    state = build()
    built = time.perf_counter() - started
    pods = state["objects"]["pods"]
    running = sum(1 for p in pods.values() if p.get("status", {}).get("phase") == "Running")
    print(f"built {len(pods)} pods ({running} Running) on {NODES} nodes in {built:.1f} s "
          f"(timers pending: {len(state['sim']['queue'])}, events: {len(state['objects'].get('events', {}))})")
    first = step(state, 60 + 3600)
    print(f"advance 1 h (start-up events expire): {first * 1000:.0f} ms "
          f"(events left: {len(state['objects'].get('events', {}))})")
    second = step(state, 60 + 7200)
    print(f"advance 1 h more (idle cluster):      {second * 1000:.1f} ms")


if __name__ == "__main__":
    main()
