"""Wall time and peak memory of typical minikubectl commands on 100- and 10,000-pod states.

Usage: ``python benchmarks/bench.py [--runs N] [--quick]``

States are built in-process through the real command path (one ``apply -f`` of a
multi-document file), then one warm-up run lets the simulation catch up and writes the
``.pyc`` files. Every measured run is the installed console script as a child process
(``PYTHONDONTWRITEBYTECODE`` removed from its environment, so it uses the cached
bytecode), at a fixed ``MINIKUBECTL_NOW`` (the simulated cluster is at rest). Reported:
the median wall time over the runs and the peak RSS of the child (``os.wait4`` rusage).
For comparison, the real ``kubectl label --local`` (v1.33) over the same 100 pods.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
NOW = "2026-01-01T00:00:00Z"
POD = """apiVersion: v1
kind: Pod
metadata:
  name: {name}
  labels:
    app: {app}
spec:
  containers:
  - name: c
    image: nginx:1.25
"""


@dataclass
class Row:
    """One measured command."""

    label: str
    state: str
    median_ms: float
    min_ms: float
    cpu_ms: float
    peak_rss_mb: float
    runs: int
    note: str = ""


def pods_manifest(count: int, prefix: str = "pod") -> str:
    """``count`` pod documents; every other one has ``app=web``."""
    return "---\n".join(POD.format(name=f"{prefix}-{i:05d}", app="web" if i % 2 == 0 else "db")
                        for i in range(count))


def child_env(state: Path) -> dict[str, str]:
    """The child's environment: fixed clock, this state, bytecode caching allowed."""
    env = {k: v for k, v in os.environ.items()
           if k != "PYTHONDONTWRITEBYTECODE" and not k.startswith(("KUBE", "MINIKUBECTL"))}
    env.update(MINIKUBECTL_STATE=str(state), MINIKUBECTL_NOW=NOW, LC_ALL="C")
    return env


def build_state(path: Path, pods: int) -> None:
    """A state holding ``pods`` pods, built in-process via ``apply -f`` (the real code path)."""
    from minikubectl.cli.context import Env
    from minikubectl.cli.run import main

    manifest = path.parent / f"pods-{pods}.yaml"
    manifest.write_text(pods_manifest(pods))
    out, err = io.StringIO(), io.StringIO()
    env = Env(stdin=io.StringIO(""), stdout=out, stderr=err,
              environ={"MINIKUBECTL_STATE": str(path), "MINIKUBECTL_NOW": NOW})
    code = main(["apply", "-f", str(manifest)], env)
    if code != 0:
        raise SystemExit(f"building the {pods}-pod state failed: {err.getvalue()[:500]}")


TIME = "/usr/bin/time"


def run_once(argv: list[str], env: dict[str, str], stdin: bytes | None = None) -> tuple[float, int, int, float]:
    """(wall seconds, peak RSS KiB, exit code, CPU seconds) of one child process.

    CPU time (user + system, from RUSAGE_CHILDREN before and after) is steadier than
    wall time on a shared machine.

    The peak RSS comes from ``/usr/bin/time -f %M`` when present: a child exec'd straight
    from this (large) Python process would inherit our high-water mark through vfork+exec.
    """
    report = None
    if os.path.exists(TIME):
        fd, report = tempfile.mkstemp(prefix="rss-")
        os.close(fd)
        argv = [TIME, "-f", "%M", "-o", report, *argv]
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_before = usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, err = proc.communicate(stdin)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime - cpu_before
    if proc.returncode != 0:
        sys.stderr.write(f"warning: {' '.join(argv)} exited {proc.returncode}: {err[:300]!r}\n")
    peak = 0
    if report is not None:
        text = Path(report).read_text().strip().splitlines()
        os.unlink(report)
        peak = int(text[-1]) if text and text[-1].isdigit() else 0
    else:
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, peak, proc.returncode, cpu


def measure(label: str, state_label: str, argv: list[str], env: dict[str, str], runs: int,
            before: Callable[[], None] | None = None, note: str = "") -> Row:
    """Warm up once, then time ``runs`` runs (``before`` resets state outside the timing)."""
    if before:
        before()
    run_once(argv, env)
    times, rss, cpus = [], [], []
    for _ in range(runs):
        if before:
            before()
        wall, peak, _, cpu = run_once(argv, env)
        times.append(wall)
        rss.append(peak)
        cpus.append(cpu)
    return Row(label, state_label, statistics.median(times) * 1000, min(times) * 1000,
               statistics.median(cpus) * 1000, max(rss) / 1024, runs, note)


def minikubectl_exe() -> str:
    candidate = Path(sys.executable).parent / "minikubectl"
    found = str(candidate) if candidate.exists() else shutil.which("minikubectl")
    if not found:
        raise SystemExit("the minikubectl console script is not installed (pip install -e .)")
    return found


def real_kubectl() -> str | None:
    found = shutil.which("kubectl")
    if not found:
        return None
    candidate = Path(os.path.realpath(found)).parent / "kubectl.1.33"
    return str(candidate) if candidate.exists() else None


def import_profile(state: Path, top: int = 15) -> list[tuple[int, int, str]]:
    """(self µs, cumulative µs, module) of the heaviest imports of ``get pods``."""
    env = child_env(state)
    code = "import sys; from minikubectl.__main__ import main; sys.exit(main(['get', 'pods']))"
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", code], env=env,
                          capture_output=True, text=True)
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        parts = line[len("import time:"):].split("|")
        rows.append((int(parts[0]), int(parts[1]), parts[2].rstrip()))
    rows.sort(key=lambda r: -r[0])
    return rows[:top]


def print_table(rows: list[Row]) -> None:
    head = (f"{'command':<58} {'state':>8} {'median ms':>10} {'min ms':>8} {'cpu ms':>8} "
            f"{'peak RSS MB':>12} {'runs':>5}")
    print(head)
    print("-" * len(head))
    for r in rows:
        print(f"{r.label[:58]:<58} {r.state:>8} {r.median_ms:>10.1f} {r.min_ms:>8.1f} {r.cpu_ms:>8.1f} "
              f"{r.peak_rss_mb:>12.1f} {r.runs:>5}" + (f"  {r.note}" if r.note else ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="skip the 10,000-pod state")
    opts = parser.parse_args()
    runs = max(opts.runs, 5)
    exe = minikubectl_exe()
    work = Path(tempfile.mkdtemp(prefix="minikubectl-bench-"))
    rows: list[Row] = []
    try:
        sizes = [100] if opts.quick else [100, 10_000]
        states = {}
        for size in sizes:
            path = work / f"state-{size}.json"
            start = time.perf_counter()
            build_state(path, size)
            print(f"built {size}-pod state in {time.perf_counter() - start:.1f}s "
                  f"({path.stat().st_size / 1e6:.1f} MB)", flush=True)
            states[size] = path
        get_cmds = [
            ("get pods", ["get", "pods"]),
            ("get pods -o name", ["get", "pods", "-o", "name"]),
            ("get pods -o jsonpath={.items[*].metadata.name}",
             ["get", "pods", "-o", "jsonpath={.items[*].metadata.name}"]),
            ("get pods -o go-template={{range .items}}...", [
                "get", "pods", "-o", 'go-template={{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}']),
            ("get pods -l app=web", ["get", "pods", "-l", "app=web"]),
        ]
        for size, path in states.items():
            env = child_env(path)
            for label, args in get_cmds:
                rows.append(measure(label, f"{size}", [exe, *args], env, runs))
        rows.append(measure("version --client (start-up floor)", "-", [exe, "version", "--client"],
                            child_env(work / "unused.json"), runs))
        # apply -f of 1,000 documents on an empty state (state removed before every run).
        thousand = work / "pods-1000.yaml"
        thousand.write_text(pods_manifest(1000, "applied"))
        empty = work / "empty.json"

        def reset_empty() -> None:
            for leftover in (empty, Path(str(empty) + ".lock")):
                leftover.unlink(missing_ok=True)
        rows.append(measure("apply -f <1,000 pods> (empty state)", "0", [exe, "apply", "-f", str(thousand)],
                            child_env(empty), runs, before=reset_empty))
        if 10_000 in states:
            scratch = work / "scratch-10000.json"
            one = work / "one.yaml"
            one.write_text(POD.format(name="extra", app="web"))

            def reset_big() -> None:
                shutil.copyfile(states[10_000], scratch)
            rows.append(measure("create -f <1 pod>", "10000", [exe, "create", "-f", str(one)],
                                child_env(scratch), runs, before=reset_big))
        kubectl = real_kubectl()
        hundred = work / "pods-100.yaml"
        if kubectl and hundred.exists():
            rows.append(measure("REAL kubectl 1.33 label --local -f <100 pods> x=y -o name", "file",
                                [kubectl, "label", "--local", "-f", str(hundred), "x=y", "-o", "name"],
                                child_env(work / "unused.json"), runs))
        else:
            print("(real kubectl 1.33 not found: comparison skipped)")
        print()
        print("Children ran with PYTHONDONTWRITEBYTECODE removed, after one warm-up run each "
              "(cached .pyc files); MINIKUBECTL_NOW fixed. cpu ms: median user+sys time of the child "
              "(steadier than wall time on a busy machine). Peak RSS: "
              + ("/usr/bin/time -f %M." if os.path.exists(TIME) else "RUSAGE_CHILDREN (upper bound)."))
        print_table(rows)
        print()
        print("Heaviest imports of `get pods` (100-pod state), python -X importtime, self time:")
        print(f"{'self ms':>8} {'cumul ms':>9}  module")
        for self_us, cumul_us, module in import_profile(states[100]):
            print(f"{self_us / 1000:>8.1f} {cumul_us / 1000:>9.1f}  {module}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    raise SystemExit(main())
