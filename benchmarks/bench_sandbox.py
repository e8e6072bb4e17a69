"""Sandbox figures: next_exit over 1,000 distinct shell loops for one simulated hour (the kubelet's
question), and a full replay (what `kubectl logs` costs) of one loop for an hour."""

from __future__ import annotations

import time

from minikubectl.sim import sandbox

S = 1_000_000_000
T0 = 1767225600 * S
HOUR = 3600 * S


def loop(n: int, distinct: bool = True) -> dict:
    script = f'i=0; while true; do echo "{n if distinct else 0} $i: $(date)"; i=$((i+1)); sleep 1; done'
    return {"image": "busybox", "argv": ["sh", "-c", script], "env": {}, "hostname": f"p{n}", "start_ns": T0, "inputs": []}


def main() -> None:
    launches = [loop(n) for n in range(1000)]
    t = time.perf_counter()
    ended = sum(sandbox.next_exit(item, T0 + HOUR) is not None for item in launches)
    print(f"next_exit, 1000 distinct loops advanced by 1 h: {time.perf_counter() - t:.3f} s (ended: {ended})")
    replicas = [loop(n, distinct=False) | {"hostname": f"r{n}"} for n in range(1000)]
    t = time.perf_counter()
    ended = sum(sandbox.next_exit(item, T0 + HOUR) is not None for item in replicas)
    print(f"next_exit, 1000 replicas of one loop advanced by 1 h: {time.perf_counter() - t:.3f} s (ended: {ended})")
    t = time.perf_counter()
    result = sandbox.run(loop(0), T0 + HOUR)
    print(f"run (full replay) of one loop for 1 h: {time.perf_counter() - t:.3f} s, {len(result.output)} lines")
    nginx = {"image": "nginx", "argv": sandbox.resolve_argv("nginx", None, None), "env": {}, "hostname": "web",
             "start_ns": T0, "inputs": []}
    t = time.perf_counter()
    for k in range(100):
        sandbox.exec_at(nginx, ["cat", "/etc/nginx/nginx.conf"], T0 + k * S)
    print(f"exec_at on nginx: {(time.perf_counter() - t) * 10:.2f} ms each")


if __name__ == "__main__":
    main()
