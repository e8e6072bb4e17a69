"""Issue 13's table: start-up, completion and large states, paired with kubectl v1.33.

Usage: ``python benchmarks/bench_targets.py [--runs N] [--sizes 100,1000,10000,50000]
[--skip-apply]``

Every figure is the median of whole-process runs of the installed console script at a
fixed ``MINIKUBECTL_NOW`` (the cluster at rest), with ``PYTHONDONTWRITEBYTECODE`` removed
from the children's environment and one warm-up run first (so the cached bytecode is
used, as after ``pip install .``). Where kubectl has a counterpart, the two commands run
alternately in the same loop (paired), and the ratio is of the two medians. Peak RSS
and CPU time (user + system, steadier than wall time on a shared machine) come from
``/usr/bin/time``.

States: a 1-pod cluster is built through the real command path (``apply`` then a
``get`` one hour later, so the pod is running); its stored pod is cloned to N pods
(labels ``app`` in web/db/api/cache, ``tier`` in frontend/backend: ``app=web,
tier=backend`` selects one pod in eight) and written in the original single-document
state format, so the first (warm-up) command also exercises the migration.
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOW = "2026-01-01T01:00:00Z"
BUILT = "2026-01-01T00:00:00Z"
TIME = "/usr/bin/time"
APPS = ("web", "db", "api", "cache")
TIERS = ("frontend", "backend")
POD_DOC = """apiVersion: v1
kind: Pod
metadata:
  name: {name}
  labels:
    app: {app}
    tier: {tier}
spec:
  containers:
  - name: c
    image: nginx:1.25
"""


def labels_of(index: int) -> tuple[str, str]:
    return APPS[index % 4], TIERS[(index // 4) % 2]


def pods_manifest(count: int, prefix: str = "pod") -> str:
    """``count`` pod documents named ``<prefix>-00000``..."""
    return "---\n".join(POD_DOC.format(name=f"{prefix}-{i:05d}", app=labels_of(i)[0], tier=labels_of(i)[1])
                        for i in range(count))


def _in_process(args: list[str], state: Path, now: str, stdin: str = "") -> str:
    from minikubectl.cli.context import Env
    from minikubectl.cli.run import main

    out, err = io.StringIO(), io.StringIO()
    env = Env(stdin=io.StringIO(stdin), stdout=out, stderr=err,
              environ={"MINIKUBECTL_STATE": str(state), "MINIKUBECTL_NOW": now})
    if main(args, env) != 0:
        raise SystemExit(f"{args} failed: {err.getvalue()[:500]}")
    return out.getvalue()


def template_pod(work: Path) -> tuple[dict, dict]:
    """A pod as the store keeps it once running (applied, scheduled, started), and the
    simulation's bookkeeping of that cluster."""
    from minikubectl.store.statefile import read_plain

    state = work / "template" / "state.json"
    state.parent.mkdir()
    _in_process(["apply", "-f", "-"], state, BUILT, POD_DOC.format(name="tpl", app="web", tier="backend"))
    # As stored, managedFields included (the table and the reads pay for their size).
    pod = json.loads(_in_process(["get", "pod", "tpl", "-o", "json", "--show-managed-fields"], state, NOW))
    return pod, read_plain(state)["sim"]


def write_v1_state(path: Path, pods: int, template: tuple[dict, dict]) -> None:
    """A state of ``pods`` running pods, written in the format-1 single JSON document.

    The simulation's bookkeeping knows every pod (as the kubelet left it once started) and
    has seen every write; the pods' start-up events have expired (their one-hour TTL).
    """
    template, template_sim = template
    from datetime import datetime, timezone

    from minikubectl.store.cluster import fresh_state

    state = fresh_state(datetime(2026, 1, 1, tzinfo=timezone.utc))
    if hasattr(state, "to_plain"):
        state = state.to_plain()
    state["formatVersion"] = 1
    objects = state["objects"]
    collection = objects.setdefault("pods", {})
    rv = int(state["resourceVersion"])
    (record,) = template_sim["pods"].values()
    sim = {"lastEventNanos": template_sim["lastEventNanos"], "seq": template_sim["seq"], "queue": [],
           "pods": {}, "ipam": template_sim["ipam"], "images": template_sim["images"], "eventIndex": {},
           "logs": {}, "unschedulable": {}}
    for i in range(pods):
        pod = copy.deepcopy(template)
        name = f"pod-{i:05d}"
        app, tier = labels_of(i)
        meta = pod["metadata"]
        meta["name"] = name
        meta["uid"] = f"00000000-0000-4000-8000-{i:012d}"
        meta["labels"] = {"app": app, "tier": tier}
        annotations = meta.get("annotations") or {}
        if "kubectl.kubernetes.io/last-applied-configuration" in annotations:
            applied = json.loads(annotations["kubectl.kubernetes.io/last-applied-configuration"])
            applied["metadata"]["name"] = name
            applied["metadata"]["labels"] = {"app": app, "tier": tier}
            annotations["kubectl.kubernetes.io/last-applied-configuration"] = \
                json.dumps(applied, separators=(",", ":")) + "\n"
        rv += 1
        meta["resourceVersion"] = str(rv)
        ip = f"10.244.{i // 250}.{i % 250 + 2}"
        pod.get("status", {})["podIP"] = ip
        pod["status"]["podIPs"] = [{"ip": ip}]
        collection[f"default/{name}"] = pod
        sim["pods"][meta["uid"]] = dict(copy.deepcopy(record), name=name, ip=ip)
        sim["logs"][meta["uid"]] = {"c": []}
    state["resourceVersion"] = rv
    sim["rv"] = rv
    state["sim"] = sim
    state["simTime"] = NOW
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(state, separators=(",", ":"), ensure_ascii=False))


def child_env(state: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k != "PYTHONDONTWRITEBYTECODE" and not k.startswith(("KUBE", "MINIKUBECTL"))}
    env.update(MINIKUBECTL_STATE=str(state), MINIKUBECTL_NOW=NOW, LC_ALL="C")
    return env


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int, float]:
    """(wall seconds, peak RSS KiB, CPU seconds: user + system) of one child process."""
    fd, report = tempfile.mkstemp(prefix="rss-")
    os.close(fd)
    start = time.perf_counter()
    proc = subprocess.run([TIME, "-f", "%M %U %S", "-o", report, *argv], stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - start
    lines = Path(report).read_text().strip().splitlines()
    os.unlink(report)
    if proc.returncode != 0:
        sys.stderr.write(f"warning: {' '.join(argv[:6])} exited {proc.returncode}: {proc.stderr[:300]!r}\n")
    fields = lines[-1].split() if lines else []
    if len(fields) != 3:
        return wall, 0, 0.0
    return wall, int(fields[0]), float(fields[1]) + float(fields[2])


class Case:
    """One command, optionally reset before each run (outside the timing)."""

    def __init__(self, argv: list[str], env: dict[str, str], reset=None) -> None:
        self.argv, self.env, self.reset = argv, env, reset
        self.walls: list[float] = []
        self.peaks: list[int] = []
        self.cpus: list[float] = []

    def run(self) -> None:
        if self.reset:
            self.reset()
        wall, peak, cpu = run_once(self.argv, self.env)
        self.walls.append(wall)
        self.peaks.append(peak)
        self.cpus.append(cpu)

    @property
    def cpu_ms(self) -> float:
        return statistics.median(self.cpus) * 1000

    @property
    def median_ms(self) -> float:
        return statistics.median(self.walls) * 1000

    @property
    def peak_mib(self) -> float:
        return max(self.peaks) / 1024


def measure(runs: int, *cases: Case) -> None:
    """Warm up each case once, then run them alternately ``runs`` times (paired)."""
    for case in cases:
        case.run()
        case.walls.clear()
        case.peaks.clear()
        case.cpus.clear()
    for _ in range(runs):
        for case in cases:
            case.run()


def installed_copy(work: Path, tree: Path = REPO) -> str:
    """A venv holding a non-editable copy of this tree (as ``pip install .``): its script.

    An editable install imports a path finder (pathlib, re, ...) at every start-up, which
    a user's installed package does not; dependencies come from this venv's site-packages
    through a plain ``.pth`` path line (no code runs for it).
    """
    import sysconfig

    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    # What ``pip install .`` leaves: the package's files and their compiled bytecode.
    shutil.copytree(tree / "minikubectl", Path(purelib) / "minikubectl",
                    ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([str(python), "-m", "compileall", "-q", str(Path(purelib) / "minikubectl")],
                   check=True, capture_output=True)
    Path(purelib, "zz-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    script = venv / "bin" / "minikubectl"
    script.write_text(f"#!{python}\nimport sys\nfrom minikubectl.__main__ import main\nsys.exit(main())\n")
    script.chmod(0o755)
    return str(script)


def real_kubectl() -> str | None:
    found = shutil.which("kubectl")
    if not found:
        return None
    candidate = Path(os.path.realpath(found)).parent / "kubectl.1.33"
    return str(candidate) if candidate.exists() else None


def state_copier(source: Path, target: Path):
    """A reset that restores the state (file and anything beside it) from ``source``."""
    def reset() -> None:
        if target.parent.exists():
            shutil.rmtree(target.parent)
        shutil.copytree(source.parent, target.parent)
    return reset


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="100,1000,10000,50000")
    parser.add_argument("--skip-apply", action="store_true")
    parser.add_argument("--tree", type=Path, default=REPO,
                        help="time the minikubectl of another checkout (e.g. ../main for the figures before)")
    parser.add_argument("--editable", action="store_true",
                        help="time this venv's (editable) console script instead of a pip-installed copy")
    opts = parser.parse_args()
    kubectl = real_kubectl()
    work = Path(tempfile.mkdtemp(prefix="minikubectl-targets-"))
    exe = str(Path(sys.executable).parent / "minikubectl") if opts.editable else installed_copy(work, opts.tree.resolve())
    sizes = [int(s) for s in opts.sizes.split(",")]
    results: list[tuple[str, str, str, str, str]] = []

    def row(command: str, mine: Case, theirs: Case | None = None, target: str = "", memory: bool = False) -> None:
        figure = f"{mine.median_ms:.0f} ms (cpu {mine.cpu_ms:.0f})" + (f", {mine.peak_mib:.0f} MiB" if memory else "")
        if theirs is not None:
            results.append((command, figure, f"{theirs.median_ms:.0f} ms (cpu {theirs.cpu_ms:.0f})",
                            f"{mine.median_ms / theirs.median_ms:.2f}x", target))
        else:
            results.append((command, figure, "-", "-", target))
        print(f"  {command}: {figure}" + (f" vs kubectl {theirs.median_ms:.0f} ms" if theirs else ""), flush=True)

    try:
        print(f"minikubectl: {exe}", flush=True)
        template = template_pod(work)
        states: dict[int, Path] = {}
        migrations = []
        for size in sorted(set(sizes) | {100, 10_000}):
            path = work / f"s{size}" / "state.json"
            write_v1_state(path, size, template)
            states[size] = path
            # First use migrates the format-1 file (and lets the simulation catch up).
            wall, peak, cpu = run_once([exe, "get", "pods", "-o", "name"], child_env(path))
            migrations.append((size, wall, peak))
        manifest100 = work / "pods-100.yaml"
        manifest100.write_text(pods_manifest(100))
        runs = opts.runs
        print(f"runs per case: {runs} (medians); kubectl: {kubectl or 'not found'}", flush=True)

        get100 = Case([exe, "get", "pods"], child_env(states[100]))
        if kubectl:
            k_label = Case([kubectl, "label", "--local", "-f", str(manifest100), "x=y", "-o", "name"],
                           child_env(states[100]))
            measure(runs, get100, k_label)
            row("get pods, 100 pods", get100, k_label, "<= 1.0x kubectl")
            version = Case([exe, "version", "--client"], child_env(work / "none" / "state.json"))
            k_version = Case([kubectl, "version", "--client"], child_env(work / "none" / "state.json"))
            measure(runs, version, k_version)
            row("version --client", version, k_version, "<= 0.8x kubectl")
        else:
            measure(runs, get100)
            row("get pods, 100 pods", get100, None, "<= 1.0x kubectl")
        big = child_env(states[10_000])
        for label, words in (("TAB: pod names by prefix (get pods pod-000<TAB>), 10,000 pods",
                              ["get", "pods", "pod-000"]),
                             ("TAB: all pod names (get pods <TAB>), 10,000 pods", ["get", "pods", ""])):
            case = Case([exe, "__complete", *words], big)
            measure(runs, case)
            row(label, case, None, "<= 25 ms")
        case = Case([exe, "get", "pods"], big)
        measure(runs, case)
        row("get pods, 10,000 pods", case, None, "<= 150 ms, <= 120 MiB", memory=True)
        case = Case([exe, "get", "pods", "-l", "app=web,tier=backend", "-o", "name"], big)
        measure(runs, case)
        row("get pods -l app=web,tier=backend -o name, 10,000 pods", case, None, "<= 100 ms")
        scratch = work / "scratch" / "state.json"
        case = Case([exe, "label", "pod", "pod-05000", "k=v"], child_env(scratch),
                    state_copier(states[10_000], scratch))
        measure(runs, case)
        row("label pod X k=v (a write), 10,000 pods", case, None, "<= 150 ms")
        if not opts.skip_apply:
            for count, target, n in ((1000, "<= 300 ms", runs), (10_000, "<= 2 s", max(3, runs // 2))):
                manifest = work / f"apply-{count}.yaml"
                manifest.write_text(pods_manifest(count, "applied"))
                fresh = work / f"fresh-{count}" / "state.json"

                def reset(fresh: Path = fresh) -> None:
                    if fresh.parent.exists():
                        shutil.rmtree(fresh.parent)
                    fresh.parent.mkdir()
                case = Case([exe, "apply", "-f", str(manifest)], child_env(fresh), reset)
                measure(n, case)
                row(f"apply -f {count:,} pod documents, fresh state", case, None, target, memory=True)

        print("\ngrowth (median ms; peak MiB of get pods):", flush=True)
        growth = []
        for size in sizes:
            env = child_env(states[size])
            get = Case([exe, "get", "pods"], env)
            sel = Case([exe, "get", "pods", "-l", "app=web,tier=backend", "-o", "name"], env)
            one = Case([exe, "get", "pod", "pod-00042", "-o", "name"], env)
            tab = Case([exe, "__complete", "get", "pods", "pod-000"], env)
            scratch = work / f"scratch-{size}" / "state.json"
            write = Case([exe, "label", "pod", "pod-00042", "k=v"], child_env(scratch),
                         state_copier(states[size], scratch))
            n = runs if size <= 10_000 else max(3, runs // 2)
            measure(n, get, sel, one, tab, write)
            growth.append((size, get, sel, one, tab, write))
            print(f"  {size}: get {get.median_ms:.0f} ({get.peak_mib:.0f} MiB), -l {sel.median_ms:.0f}, "
                  f"get one {one.median_ms:.0f}, TAB {tab.median_ms:.0f}, label {write.median_ms:.0f}", flush=True)

        def cell(case: Case) -> str:
            return f"{case.median_ms:.0f} ms ({case.cpu_ms:.0f})"

        print("\n| command | minikubectl | kubectl v1.33 | ratio | target |")
        print("|---|---|---|---|---|")
        for command, figure, theirs, ratio, target in results:
            print(f"| {command} | {figure} | {theirs} | {ratio} | {target} |")
        print("\nfirst use of a format-1 state (migration + simulation catching up), one run:")
        for size, wall, peak in migrations:
            print(f"  {size:,} pods: {wall * 1000:.0f} ms, {peak / 1024:.0f} MiB")
        print("\nwall median (cpu median), ms")
        print("\n| pods | get pods | peak MiB | get -l ... -o name | get pod X | TAB pod names | label pod X |")
        print("|---|---|---|---|---|---|---|")
        for size, get, sel, one, tab, write in growth:
            print(f"| {size:,} | {cell(get)} | {get.peak_mib:.0f} | {cell(sel)} | "
                  f"{cell(one)} | {cell(tab)} | {cell(write)} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    raise SystemExit(main())
