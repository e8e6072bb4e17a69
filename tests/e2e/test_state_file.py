"""The state file end to end: corrupt/newer/unreadable files, mode, location, determinism."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from typing import Any

ProcessCLI = Any

POD = """apiVersion: v1
kind: Pod
metadata:
  name: {name}
  labels:
    app: web
spec:
  containers:
  - name: c
    image: nginx:1.25
"""


def _assert_refused(proc_cli: ProcessCLI, state: Path, before: bytes) -> None:
    result = proc_cli("get", "pods")
    assert result.code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")
    assert str(state) in result.stderr
    assert result.stderr.count("\n") == 1
    assert state.read_bytes() == before


def test_corrupt_state_is_reported_and_left_untouched(proc_cli: ProcessCLI) -> None:
    proc_cli.state.write_bytes(b"{ this is not json")
    _assert_refused(proc_cli, proc_cli.state, b"{ this is not json")
    # A write command must not overwrite it either.
    result = proc_cli("create", "-f", "-", stdin=POD.format(name="a"))
    assert result.code == 1 and str(proc_cli.state) in result.stderr
    assert proc_cli.state.read_bytes() == b"{ this is not json"


def test_newer_format_version_is_refused(proc_cli: ProcessCLI) -> None:
    assert proc_cli("get", "ns").code == 0
    data = json.loads(proc_cli.state.read_bytes())
    data["formatVersion"] = 99
    raw = json.dumps(data).encode()
    proc_cli.state.write_bytes(raw)
    _assert_refused(proc_cli, proc_cli.state, raw)
    assert "99" in proc_cli("get", "pods").stderr


def test_json_that_is_not_a_state_file_is_refused(proc_cli: ProcessCLI) -> None:
    proc_cli.state.write_bytes(b'{"kind": "Something"}')
    _assert_refused(proc_cli, proc_cli.state, b'{"kind": "Something"}')


def test_unreadable_state_path_is_reported(proc_cli: ProcessCLI) -> None:
    proc_cli.state.mkdir()  # a directory cannot be read as a file, even by root
    result = proc_cli("get", "pods")
    assert result.code == 1
    assert result.stderr.startswith("error: ") and str(proc_cli.state) in result.stderr
    assert proc_cli.state.is_dir() and not any(proc_cli.state.iterdir())


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_mode_is_reported(proc_cli: ProcessCLI) -> None:
    assert proc_cli("get", "ns").code == 0
    before = proc_cli.state.read_bytes()
    proc_cli.state.chmod(0)
    try:
        result = proc_cli("get", "pods")
        assert result.code == 1 and str(proc_cli.state) in result.stderr
    finally:
        proc_cli.state.chmod(0o600)
    assert proc_cli.state.read_bytes() == before


def test_state_file_is_created_with_mode_0600(proc_cli: ProcessCLI) -> None:
    assert not proc_cli.state.exists()
    assert proc_cli("create", "-f", "-", stdin=POD.format(name="a")).code == 0
    assert stat.S_IMODE(proc_cli.state.stat().st_mode) == 0o600
    # Every rewrite keeps the mode.
    assert proc_cli("label", "pod", "a", "x=y").code == 0
    assert stat.S_IMODE(proc_cli.state.stat().st_mode) == 0o600


def test_state_flag_env_and_home_default(proc_cli: ProcessCLI, tmp_path: Path) -> None:
    flag_path = tmp_path / "flag" / "s.json"
    env_path = tmp_path / "env.json"
    home = tmp_path / "home"
    home.mkdir()
    # --state wins over MINIKUBECTL_STATE.
    proc_cli.state = env_path
    assert proc_cli("--state", str(flag_path), "create", "-f", "-", stdin=POD.format(name="f")).code == 0
    assert flag_path.exists() and not env_path.exists()
    assert proc_cli("get", "pods", "-o", "name", f"--state={flag_path}").stdout == "pod/f\n"
    # MINIKUBECTL_STATE alone.
    assert proc_cli("create", "-f", "-", stdin=POD.format(name="e")).code == 0
    assert proc_cli("get", "pods", "-o", "name").stdout == "pod/e\n"
    # Neither: ~/.minikubectl/state.json under $HOME.
    proc_cli.state = Path("")
    proc_cli.extra_env = {"HOME": str(home), "MINIKUBECTL_STATE": ""}
    assert proc_cli("create", "-f", "-", stdin=POD.format(name="h")).code == 0
    default = home / ".minikubectl" / "state.json"
    assert default.exists()
    assert stat.S_IMODE(default.stat().st_mode) == 0o600
    assert proc_cli("get", "pods", "-o", "name").stdout == "pod/h\n"


SEQUENCE: list[tuple[str, tuple[str, ...], str]] = [
    ("2026-01-01T00:00:00Z", ("create", "-f", "-"), POD.format(name="web-1")),
    ("2026-01-01T00:00:05Z", ("apply", "-f", "-"), POD.format(name="web-2")),
    ("2026-01-01T00:00:30Z", ("get", "pods", "-o", "wide"), ""),
    ("2026-01-01T00:01:00Z", ("label", "pod", "web-1", "tier=fe"), ""),
    ("2026-01-01T00:01:00Z", ("patch", "pod", "web-2", "-p", '{"metadata":{"annotations":{"a":"b"}}}'), ""),
    ("2026-01-01T00:02:00Z", ("create", "namespace", "team"), ""),
    ("2026-01-01T00:02:30Z", ("delete", "pod", "web-1"), ""),
    ("2026-01-01T00:05:00Z", ("get", "pods", "-o", "yaml"), ""),
    ("2026-01-01T00:05:00Z", ("get", "all", "-A"), ""),
]


def _run_sequence(proc_cli: ProcessCLI) -> list[tuple[str, str, int]]:
    outputs = []
    for now, args, stdin in SEQUENCE:
        proc_cli.now = now
        result = proc_cli(*args, stdin=stdin)
        outputs.append((result.stdout, result.stderr, result.code))
    return outputs


def test_same_commands_same_clock_same_outputs_and_state(proc_cli: ProcessCLI, tmp_path: Path) -> None:
    states = []
    outputs = []
    for name in ("one", "two"):
        proc_cli.state = tmp_path / name / "state.json"
        outputs.append(_run_sequence(proc_cli))
        states.append(proc_cli.state.read_bytes())
    assert outputs[0] == outputs[1]
    assert all(code == 0 for _, _, code in outputs[0]), outputs[0]
    assert states[0] == states[1]
