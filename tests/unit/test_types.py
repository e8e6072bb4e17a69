"""The type checker holds the packages that are clean; the set grows as others are cleaned."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CLEAN = ["minikubectl/golang", "minikubectl/io", "minikubectl/api", "minikubectl/explain", "minikubectl/printers"]


def test_clean_packages_type_check() -> None:
    pytest.importorskip("mypy")
    proc = subprocess.run([sys.executable, "-m", "mypy", *CLEAN], cwd=REPO, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
