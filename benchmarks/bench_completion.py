"""Time shell completion (``minikubectl __complete``) on 100- and 10,000-pod states.

Run: ``.venv/bin/python benchmarks/bench_completion.py [--runs N]`` (unset
PYTHONDONTWRITEBYTECODE first so the warm-up run leaves .pyc files, as an installed
package has). Each TAB is one process, so every sample is a whole process run of the
installed console script; the script prints the median wall time per case.

The states are written directly in the state-file format: a fresh cluster plus N pods in
``default`` (named ``web-00000``...; alike to what the API server stores) and one event per
pod, whose keys share the pods' prefixes, so the name scan has decoys to reject.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
STAMP = "2026-01-01T00:00:00Z"


def _pod(name: str, index: int) -> dict:
    """A running pod as the store keeps it (defaults, status, last-applied annotation)."""
    applied = json.dumps({"apiVersion": "v1", "kind": "Pod",
                          "metadata": {"annotations": {}, "labels": {"app": "web"}, "name": name,
                                       "namespace": "default"},
                          "spec": {"containers": [{"image": "nginx", "name": "web"}]}},
                         separators=(",", ":"))
    mount = {"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount",
             "name": "kube-api-access-abcde", "readOnly": True}
    condition = {"status": "True", "lastProbeTime": None, "lastTransitionTime": STAMP}
    return {
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": "default", "uid": f"00000000-0000-4000-8000-{index:012d}",
                     "creationTimestamp": STAMP, "resourceVersion": str(100 + index),
                     "labels": {"app": "web", "tier": str(index % 3)},
                     "annotations": {"kubectl.kubernetes.io/last-applied-configuration": applied + "\n"}},
        "spec": {"containers": [{"image": "nginx", "name": "web",
                                 "ports": [{"containerPort": 8080, "protocol": "TCP"}],
                                 "imagePullPolicy": "Always", "resources": {},
                                 "terminationMessagePath": "/dev/termination-log",
                                 "terminationMessagePolicy": "File", "volumeMounts": [mount]}],
                 "dnsPolicy": "ClusterFirst", "restartPolicy": "Always", "nodeName": "minikube",
                 "schedulerName": "default-scheduler", "serviceAccountName": "default",
                 "securityContext": {}, "terminationGracePeriodSeconds": 30,
                 "tolerations": [{"effect": "NoExecute", "key": "node.kubernetes.io/not-ready",
                                  "operator": "Exists", "tolerationSeconds": 300}],
                 "volumes": [{"name": "kube-api-access-abcde", "projected": {"defaultMode": 420, "sources": [
                     {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                     {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}}]}}]},
        "status": {"phase": "Running",
                   "conditions": [dict(condition, type=t) for t in ("Initialized", "Ready", "ContainersReady",
                                                                     "PodScheduled")],
                   "hostIP": "192.168.49.2", "podIP": f"10.244.{index // 250}.{index % 250 + 2}",
                   "startTime": STAMP, "qosClass": "BestEffort",
                   "containerStatuses": [{"name": "web", "ready": True, "restartCount": 0, "started": True,
                                          "image": "nginx:latest", "imageID": "docker-pullable://nginx@sha256:0",
                                          "state": {"running": {"startedAt": STAMP}}, "lastState": {}}]},
    }


def _event(pod: dict, index: int) -> dict:
    name = pod["metadata"]["name"]
    return {"apiVersion": "v1", "kind": "Event",
            "metadata": {"name": f"{name}.18eb3d9e{index:08x}", "namespace": "default",
                         "creationTimestamp": STAMP, "resourceVersion": str(20000 + index)},
            "involvedObject": {"apiVersion": "v1", "kind": "Pod", "name": name, "namespace": "default",
                               "uid": pod["metadata"]["uid"]},
            "reason": "Scheduled", "message": f"Successfully assigned default/{name} to minikube",
            "type": "Normal", "count": 1, "firstTimestamp": STAMP, "lastTimestamp": STAMP}


def build_state(pods: int) -> dict:
    """A fresh cluster with ``pods`` running pods (and one event each) in ``default``."""
    from minikubectl.store.cluster import fresh_state

    state = fresh_state(NOW)
    objects = state["objects"]
    objects.setdefault("pods", {})
    objects.setdefault("events", {})
    for i in range(pods):
        pod = _pod(f"web-{i:05d}", i)
        objects["pods"][f"default/{pod['metadata']['name']}"] = pod
        event = _event(pod, i)
        objects["events"][f"default/{event['metadata']['name']}"] = event
    state["resourceVersion"] = 20000 + pods
    return copy.deepcopy(state)


def write_state(path: Path, pods: int) -> None:
    """Write a ``pods``-pod state the way the store does (head, indexes, chunks)."""
    from minikubectl.store import statefile

    statefile.write_state(path, build_state(pods))


CASES = {
    "verbs       (minikubectl ge<TAB>)": ["ge"],
    "types       (get po<TAB>)": ["get", "po"],
    "pod names   (get pods web-0000<TAB>)": ["get", "pods", "web-0000"],
    "all pods    (get pods <TAB>)": ["get", "pods", ""],
    "namespaces  (get -n <TAB>)": ["get", "-n", ""],
}


def _command() -> list[str]:
    exe = Path(sys.executable).parent / "minikubectl"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "minikubectl"]


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_case(state: Path, words: list[str], runs: int) -> tuple[float, float, int]:
    """Median wall and CPU seconds of ``runs`` process runs, and the candidates printed.

    CPU time (user + system of the child) is what the process costs; wall time also
    includes waiting for a busy machine.
    """
    env = dict(os.environ, MINIKUBECTL_STATE=str(state))
    argv = _command() + ["__complete", *words]
    walls, cpus = [], []
    lines = 0
    for _ in range(runs):
        cpu = _child_cpu()
        start = time.perf_counter()
        proc = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
        walls.append(time.perf_counter() - start)
        cpus.append(_child_cpu() - cpu)
        lines = len(proc.stdout.splitlines()) - 1
    return statistics.median(walls), statistics.median(cpus), lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--sizes", default="100,10000")
    options = parser.parse_args()
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("note: PYTHONDONTWRITEBYTECODE is set; timings include compiling the sources")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in options.sizes.split(",")):
            state = Path(tmp) / f"state-{size}.json"
            write_state(state, size)
            time_case(state, ["ge"], 2)  # warm-up: page cache and .pyc files
            files = [state, *state.with_name(state.name + ".d").iterdir()]
            size_mb = sum(p.stat().st_size for p in files) / 1e6
            print(f"{size} pods ({size_mb:.1f} MB of state files):")
            for label, words in CASES.items():
                wall, cpu, count = time_case(state, words, options.runs)
                print(f"  {label:<42} wall {wall * 1000:6.1f} ms  cpu {cpu * 1000:6.1f} ms"
                      f"  ({count} candidates)")


if __name__ == "__main__":
    main()
