"""Shared test fixtures: run minikubectl in-process or as the installed command."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DEFAULT_NOW = "2026-01-01T00:00:00Z"


def _hypothesis_profile() -> None:
    """Property tests draw the same examples on every run: CI results are reproducible.

    Set HYPOTHESIS_PROFILE=explore to search with fresh random examples instead.
    """
    try:
        from hypothesis import settings
    except ImportError:  # pragma: no cover - hypothesis is a test extra
        return
    settings.register_profile("repeatable", derandomize=True, deadline=None, print_blob=True)
    settings.register_profile("explore", deadline=None, max_examples=500)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


_hypothesis_profile()


def pytest_sessionstart(session) -> None:
    """Compile the package once, so the many subprocess starts of the suite find bytecode.

    Shells with PYTHONDONTWRITEBYTECODE=1 would otherwise recompile every module in every
    process the end-to-end tests start.
    """
    import compileall

    compileall.compile_dir(str(REPO / "minikubectl"), quiet=1)


@dataclass
class Result:
    """What one command printed and returned."""

    stdout: str
    stderr: str
    code: int


class CLI:
    """Runs minikubectl commands against one temp state file with a settable clock."""

    def __init__(self, state: Path, now: str = DEFAULT_NOW) -> None:
        self.state = state
        self.now = now
        self.extra_env: dict[str, str] = {}

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("KUBE", "MINIKUBECTL"))}
        env.update(MINIKUBECTL_STATE=str(self.state), LC_ALL="C")
        if self.now:
            env["MINIKUBECTL_NOW"] = self.now
        env.update(self.extra_env)
        return env

    def __call__(self, *args: str, stdin: str = "") -> Result:
        """Run in-process (fast); same code path as the console script."""
        from minikubectl.cli.context import Env
        from minikubectl.cli.run import main

        out, err = io.StringIO(), io.StringIO()
        env = Env(stdin=io.StringIO(stdin), stdout=out, stderr=err, environ=self.env())
        code = main(list(args), env)
        return Result(out.getvalue(), err.getvalue(), code)


def installed_cli() -> str | None:
    """Path of the installed ``minikubectl`` console script, if any."""
    candidate = Path(sys.executable).parent / "minikubectl"
    if candidate.exists():
        return str(candidate)
    return shutil.which("minikubectl")


class ProcessCLI(CLI):
    """Runs the installed console script as a subprocess (end-to-end)."""

    def __call__(self, *args: str, stdin: str = "") -> Result:
        exe = installed_cli()
        if exe is None:
            pytest.skip("minikubectl is not installed")
        proc = subprocess.run([exe, *args], input=stdin, capture_output=True, text=True,
                              env=self.env(), timeout=120)
        return Result(proc.stdout, proc.stderr, proc.returncode)


@pytest.fixture
def cli(tmp_path: Path) -> CLI:
    """In-process minikubectl over a fresh temp state file."""
    return CLI(tmp_path / "state.json")


@pytest.fixture
def proc_cli(tmp_path: Path) -> ProcessCLI:
    """The installed minikubectl as a subprocess over a fresh temp state file."""
    return ProcessCLI(tmp_path / "state.json")


def real_kubectl() -> str | None:
    """The real kubectl v1.33 binary (an offline oracle for printers), if present."""
    found = shutil.which("kubectl")
    if not found:
        return None
    candidate = Path(os.path.realpath(found)).parent / "kubectl.1.33"
    return str(candidate) if candidate.exists() else None


@pytest.fixture
def kubectl() -> str:
    """Path of the real kubectl 1.33, or skip."""
    path = real_kubectl()
    if path is None:
        pytest.skip("real kubectl 1.33 not available")
    return path
