"""``-h`` of the container verbs equals kubectl.1.33's (differential, needs the oracle)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

HELPTEXTS = Path(__file__).resolve().parents[2] / "minikubectl" / "cli" / "helptexts"


def _oracle() -> str | None:
    found = shutil.which("kubectl")
    if found:
        candidate = Path(os.path.realpath(found)).parent / "kubectl.1.33"
        if candidate.exists():
            return str(candidate)
    return shutil.which("kubectl.1.33")


@pytest.mark.parametrize("verb", ["exec", "attach", "cp", "logs", "run"])
def test_help_matches_kubectl(cli, verb):
    oracle = _oracle()
    if oracle is None:
        pytest.skip("kubectl.1.33 not installed")
    if not (HELPTEXTS / f"{verb}.txt").exists():
        pytest.skip("recorded kubectl help texts (cli/helptexts, fidelity branch) not merged here yet")
    env = {"PATH": "/usr/bin:/bin", "KUBECONFIG": "/dev/null", "HOME": "/nonexistent"}
    expected = subprocess.run([oracle, verb, "-h"], capture_output=True, text=True, env=env, check=True).stdout
    assert cli(verb, "-h").stdout == expected
