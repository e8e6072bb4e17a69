"""Concurrent writers on one state file: every write lands, none is lost."""

from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from typing import Any

ProcessCLI = Any

WRITERS = 25
POD = ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p{index}\nspec:\n  containers:\n"
       "  - name: c\n    image: nginx\n")


def test_25_concurrent_creates_all_succeed_and_none_is_lost(proc_cli: ProcessCLI) -> None:
    import shutil
    import sys
    from pathlib import Path
    exe = str(Path(sys.executable).parent / "minikubectl")
    if not Path(exe).exists():
        exe = shutil.which("minikubectl") or pytest.skip("minikubectl is not installed")
    env = proc_cli.env()
    # Start every process at once, then collect them (real parallel contention on the lock).
    procs = [subprocess.Popen([exe, "create", "-f", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env) for _ in range(WRITERS)]

    def feed(item: tuple[int, subprocess.Popen]) -> tuple[str, str, int]:
        index, proc = item
        out, err = proc.communicate(POD.format(index=index), timeout=120)
        return out, err, proc.returncode

    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        results = list(pool.map(feed, enumerate(procs)))
    for index, (out, err, code) in enumerate(results):
        assert (out, err, code) == (f"pod/p{index} created\n", "", 0)
    names = proc_cli("get", "pods", "-o", "name").stdout.split()
    assert sorted(names) == sorted(f"pod/p{i}" for i in range(WRITERS))
    from minikubectl.store.statefile import read_plain
    state = read_plain(proc_cli.state)
    pods = state["objects"]["pods"]
    assert len([key for key in pods if key.startswith("default/p")]) == WRITERS
    # resourceVersions are all distinct: each write saw the previous one.
    versions = [obj["metadata"]["resourceVersion"] for obj in pods.values()]
    assert len(set(versions)) == len(versions)
    assert not list(proc_cli.state.parent.glob(".state*.tmp"))
