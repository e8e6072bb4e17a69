"""Run one command line through minikubectl and through the real kubectl v1.33.

kubectl runs with no kubeconfig (``KUBECONFIG=/dev/null``), so only what it can do without
a server is compared: ``--local`` edits, client dry runs, help, flag and usage errors.
minikubectl runs in-process over a fresh state file. Both run in the same directory so
that file names in messages agree. The oracle's answers are computed in parallel threads
(each a process start) before the comparisons, which keeps the harness fast.
"""

from __future__ import annotations

import io
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import DEFAULT_NOW, real_kubectl


@dataclass(frozen=True)
class Outcome:
    """What one command printed and returned."""

    stdout: str
    stderr: str
    code: int


def oracle_env(home: Path) -> dict[str, str]:
    """A fixed environment for kubectl: no kubeconfig, no plugins on PATH, C locale."""
    return {"PATH": "/usr/bin:/bin", "KUBECONFIG": "/dev/null", "HOME": str(home), "LC_ALL": "C"}


def run_kubectl(args: tuple[str, ...], cwd: Path, stdin: str = "") -> Outcome:
    """The real kubectl's answer (the caller has checked that it is installed)."""
    kubectl = real_kubectl()
    assert kubectl is not None
    proc = subprocess.run([kubectl, *args], cwd=cwd, input=stdin, capture_output=True, text=True,
                          env=oracle_env(cwd), timeout=60)
    return Outcome(proc.stdout, proc.stderr, proc.returncode)


def kubectl_many(cases: list[tuple[str, ...]], cwd: Path) -> dict[tuple[str, ...], Outcome]:
    """kubectl's answers for many command lines, four processes at a time."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(cases, pool.map(lambda args: run_kubectl(args, cwd), cases)))


def run_minikubectl(args: tuple[str, ...], cwd: Path, state: Path, stdin: str = "") -> Outcome:
    """minikubectl in-process, in ``cwd``, over ``state``."""
    from minikubectl.cli.context import Env
    from minikubectl.cli.run import main

    environ = {k: v for k, v in os.environ.items() if not k.startswith(("KUBE", "MINIKUBECTL"))}
    environ.update(MINIKUBECTL_STATE=str(state), MINIKUBECTL_NOW=DEFAULT_NOW, LC_ALL="C",
                   PATH="/usr/bin:/bin", HOME=str(cwd))
    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        code = main(list(args), Env(stdin=io.StringIO(stdin), stdout=out, stderr=err, environ=environ))
    finally:
        os.chdir(old)
    return Outcome(out.getvalue(), err.getvalue(), code)


def describe_difference(args: tuple[str, ...], mine: Outcome, theirs: Outcome) -> str:
    """A short, readable account of how two outcomes differ (for assertion messages)."""
    import difflib

    parts = [f"command: kubectl {' '.join(args)}"]
    if mine.code != theirs.code:
        parts.append(f"exit code: minikubectl {mine.code}, kubectl {theirs.code}")
    for name in ("stdout", "stderr"):
        a, b = getattr(theirs, name), getattr(mine, name)
        if a != b:
            diff = difflib.unified_diff(a.splitlines(True), b.splitlines(True), "kubectl", "minikubectl", n=1)
            parts.append(f"{name}:\n" + "".join(list(diff)[:40]))
    return "\n".join(parts)
