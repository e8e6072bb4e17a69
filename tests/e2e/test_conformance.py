"""The shared conformance suites, run against the installed minikubectl."""

import subprocess
import sys

import pytest

from tests.conftest import SHARED, installed_cli


@pytest.mark.parametrize("suite", ["get", "printers"])
def test_conformance_suite(suite):
    runner = SHARED / "conformance" / suite / "run.py"
    if not runner.exists():
        pytest.skip("shared conformance suites not present")
    cli = installed_cli()
    if cli is None:
        pytest.skip("minikubectl is not installed")
    proc = subprocess.run([sys.executable, str(runner), "--cli", cli], capture_output=True, text=True,
                          timeout=900)
    last = proc.stdout.strip().splitlines()[-1]
    assert last.endswith(" 0 failed"), proc.stdout[-4000:]
