"""The built wheel, installed into a fresh virtual environment, runs the README's tour.

This tests what a user gets from ``pip install .`` (or pipx), not the checkout: the wheel is
built in an isolated build environment and installed with its dependencies from the package
index pip is configured with. Where no index can be reached the test is skipped, saying so.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import REPO


def _pip(python: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=600)


def _skip_if_offline(result: subprocess.CompletedProcess[str], what: str) -> None:
    text = result.stdout + result.stderr
    if result.returncode != 0 and any(sign in text for sign in (
            "No matching distribution", "Could not find a version", "NewConnectionError",
            "Temporary failure in name resolution", "Network is unreachable")):
        pytest.skip(f"{what}: no package index reachable ({text.strip().splitlines()[-1]})")
    assert result.returncode == 0, text


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh venv holding the wheel built from this checkout."""
    root = tmp_path_factory.mktemp("wheel")
    wheels = root / "wheels"
    _skip_if_offline(_pip(Path(sys.executable), "wheel", "-q", "--no-deps", "-w", str(wheels), str(REPO)),
                     "building the wheel")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    wheel = next(wheels.glob("minikubectl-*.whl"))
    _skip_if_offline(_pip(python, "install", "-q", str(wheel), cwd=root), "installing the wheel")
    return venv / "bin"


def _run(bin_dir: Path, state: Path, *args: str, now: str = "2026-01-01T00:00:00Z"
         ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KUBE", "MINIKUBECTL", "PYTHON"))}
    env.update(MINIKUBECTL_STATE=str(state), MINIKUBECTL_NOW=now,
               PATH=f"{bin_dir}:/usr/bin:/bin", HOME=str(state.parent))
    # Run from a folder without the checkout, so nothing is imported from it by accident.
    return subprocess.run([str(bin_dir / args[0]), *args[1:]], capture_output=True, text=True,
                          env=env, cwd=state.parent, timeout=120)


def test_the_tour_runs_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    applied = _run(installed, state, "minikubectl", "apply", "-f", str(REPO / "manifests"))
    assert applied.returncode == 0, applied.stderr
    assert "pod/kubia-manual created" in applied.stdout
    pods = _run(installed, state, "minikubectl", "get", "pods", "-A", "-o", "wide", now="2026-01-01T00:01:00Z")
    assert pods.returncode == 0 and pods.stdout.startswith("NAMESPACE ")
    assert "kubia-manual" in pods.stdout and "Running" in pods.stdout
    explained = _run(installed, state, "minikubectl", "explain", "pods.spec.containers.image")
    assert explained.returncode == 0 and explained.stdout.startswith("KIND:       Pod\nVERSION:    v1\n"), explained.stderr
    script = _run(installed, state, "minikubectl", "completion", "bash")
    assert script.stdout == (REPO / "completions" / "minikubectl.bash").read_text()
    module = _run(installed, state, "python", "-m", "minikubectl", "get", "pods", "-A", "-o", "name")
    assert module.returncode == 0 and "pod/kubia-manual\n" in module.stdout


def test_version_reports_the_package_version(installed: Path, tmp_path: Path) -> None:
    out = _run(installed, tmp_path / "state.json", "minikubectl", "version", "--client", "-o", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    init = (REPO / "minikubectl" / "__init__.py").read_text()
    expected = init.split('__version__ = "', 1)[1].split('"', 1)[0]
    assert data["minikubectlVersion"] == expected
    assert data["clientVersion"]["gitVersion"] == "v1.33.1"
    assert "version" in tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dynamic"]


def test_installed_files(installed: Path) -> None:
    """The wheel holds the package and its console script, not the tests or benchmarks."""
    python = installed / "python"
    record = subprocess.run([str(python), "-c", "import importlib.metadata as m; "
                             "print('\\n'.join(str(f) for f in m.distribution('minikubectl').files))"],
                            capture_output=True, text=True, check=True).stdout.splitlines()
    tops = {line.split("/", 1)[0] for line in record}
    assert "minikubectl" in tops and "tests" not in tops and "benchmarks" not in tops
    assert (installed / "minikubectl").exists()
