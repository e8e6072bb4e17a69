"""``diff -f``: LIVE vs MERGED YAML trees through the system ``diff -u -N``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from typing import Any

CLI = ProcessCLI = Any

pytestmark = pytest.mark.skipif(shutil.which("diff") is None, reason="no diff program")

POD = """apiVersion: v1
kind: Pod
metadata:
  name: app
  labels:
    a: b
spec:
  containers:
  - name: c
    image: {image}
"""
HEADER = re.compile(r"^(diff -u -N|---|\+\+\+) ")


def _normalized(text: str) -> str:
    """Temp directory names and mtimes replaced by fixed text."""
    text = re.sub(r"/[^ \t\n]*/(LIVE|MERGED)-\d+/", r"/TMP/\1/", text)
    return re.sub(r"\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ [+-]\d{4}", "\tTIME", text)


def test_no_difference_exits_0_silently(cli: CLI) -> None:
    assert cli("apply", "-f", "-", stdin=POD.format(image="nginx")).code == 0
    result = cli("diff", "-f", "-", stdin=POD.format(image="nginx"))
    assert (result.stdout, result.stderr, result.code) == ("", "", 0)


def test_changed_field_exits_1_with_unified_diff(cli: CLI, tmp_path: Path) -> None:
    assert cli("apply", "-f", "-", stdin=POD.format(image="nginx")).code == 0
    before = cli.state.read_bytes()
    result = cli("diff", "-f", "-", stdin=POD.format(image="nginx:1.25"))
    assert result.code == 1 and result.stderr == ""
    lines = _normalized(result.stdout).splitlines()
    assert lines[:3] == [
        "diff -u -N /TMP/LIVE/v1.Pod.default.app /TMP/MERGED/v1.Pod.default.app",
        "--- /TMP/LIVE/v1.Pod.default.app\tTIME",
        "+++ /TMP/MERGED/v1.Pod.default.app\tTIME",
    ]
    assert "-  - image: nginx" in lines and "+  - image: nginx:1.25" in lines
    changed = [line for line in lines[3:] if line[:1] in "+-"]
    assert changed == ["-  - image: nginx", "+  - image: nginx:1.25"]
    # A dry run: nothing stored changed.
    assert cli.state.read_bytes() == before
    assert not list(tmp_path.glob("LIVE-*"))


def test_new_object_diffs_against_empty_live_file(cli: CLI) -> None:
    result = cli("diff", "-f", "-", stdin=POD.format(image="nginx"))
    assert result.code == 1
    lines = _normalized(result.stdout).splitlines()
    assert lines[0] == "diff -u -N /TMP/LIVE/v1.Pod.default.app /TMP/MERGED/v1.Pod.default.app"
    assert lines[3].startswith("@@ -0,0 +1,")
    assert lines[4:7] == ["+apiVersion: v1", "+kind: Pod", "+metadata:"]
    body = "\n".join(lines)
    assert "+  uid: " in body and "resourceVersion" not in body
    assert "last-applied-configuration" not in body  # kubectl dry-run-creates the raw manifest
    assert cli("get", "pods", "-o", "name").stdout == ""


def test_removed_label_shows_as_deleted(cli: CLI) -> None:
    assert cli("apply", "-f", "-", stdin=POD.format(image="nginx")).code == 0
    result = cli("diff", "-f", "-", stdin=POD.format(image="nginx").replace("  labels:\n    a: b\n", ""))
    assert result.code == 1
    changed = [line for line in _normalized(result.stdout).splitlines()[3:] if line[:1] in "+-"]
    assert changed == ["-  labels:", "-    a: b"]


def test_file_names_carry_group_version_kind_namespace_name(cli: CLI) -> None:
    deploy = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: kube-public\n"
              "spec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n"
              "      labels: {app: web}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n")
    ns = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n"
    result = cli("diff", "-f", "-", stdin=deploy + "---\n" + ns)
    assert result.code == 1
    heads = [line for line in _normalized(result.stdout).splitlines() if line.startswith("diff ")]
    assert heads == [
        "diff -u -N /TMP/LIVE/apps.v1.Deployment.kube-public.web /TMP/MERGED/apps.v1.Deployment.kube-public.web",
        "diff -u -N /TMP/LIVE/v1.Namespace..team /TMP/MERGED/v1.Namespace..team",
    ]


def test_secret_data_is_masked(cli: CLI) -> None:
    secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  k: {value}\n  same: eA==\n"
    assert cli("apply", "-f", "-", stdin=secret.format(value="YQ==")).code == 0
    result = cli("diff", "-f", "-", stdin=secret.format(value="Yg=="))
    assert result.code == 1
    changed = [line for line in result.stdout.splitlines()[3:] if line[:1] in "+-"]
    assert changed == ["-  k: '*** (before)'", "+  k: '*** (after)'"]
    assert "YQ==" not in result.stdout and "eA==" not in result.stdout


def test_external_diff_program_and_exit_code(cli: CLI, tmp_path: Path) -> None:
    assert cli("apply", "-f", "-", stdin=POD.format(image="nginx")).code == 0
    cli.extra_env = {"KUBECTL_EXTERNAL_DIFF": "diff -q"}
    result = cli("diff", "-f", "-", stdin=POD.format(image="nginx:2"))
    assert result.code == 1
    assert re.fullmatch(r"Files /\S+/LIVE-\d+/v1.Pod.default.app and /\S+/MERGED-\d+/v1.Pod.default.app "
                        r"differ\n", result.stdout), result.stdout


def test_diff_program_failure_exits_above_1(cli: CLI) -> None:
    cli.extra_env = {"KUBECTL_EXTERNAL_DIFF": "no-such-diff-program-xyz"}
    result = cli("diff", "-f", "-", stdin=POD.format(image="nginx"))
    assert result.code > 1
    assert result.stderr.startswith('error: failed to run "no-such-diff-program-xyz"')


def test_errors_exit_2(cli: CLI, tmp_path: Path) -> None:
    result = cli("diff")
    assert (result.stderr, result.code) == ("error: must specify one of -f and -k\n", 2)
    result = cli("diff", "-f", str(tmp_path / "missing.yaml"))
    assert (result.stderr, result.code) == (f'error: the path "{tmp_path / "missing.yaml"}" does not exist\n', 2)
    result = cli("diff", "-f", "-", "extra", stdin=POD.format(image="nginx"))
    assert result.code == 2
    assert result.stderr == "error: Unexpected args: [extra]\nSee 'kubectl diff -h' for help and examples\n"


def test_flag_error_exits_2(cli: CLI) -> None:
    # Checked against the real kubectl 1.33 (flag parsing needs no server).
    result = cli("diff", "--no-such-flag", "-f", "x")
    assert result.code == 2
    assert result.stderr == ("error: unknown flag: --no-such-flag\n"
                             "See 'kubectl diff -h' for help and examples\n")


def test_directory_and_recursive(cli: CLI, tmp_path: Path) -> None:
    root = tmp_path / "m"
    (root / "sub").mkdir(parents=True)
    (root / "a.yaml").write_text(POD.format(image="nginx"))
    (root / "sub" / "b.yaml").write_text(POD.format(image="nginx").replace("name: app", "name: other"))
    flat = cli("diff", "-f", str(root))
    assert [line for line in _normalized(flat.stdout).splitlines() if line.startswith("diff ")] == [
        "diff -u -N /TMP/LIVE/v1.Pod.default.app /TMP/MERGED/v1.Pod.default.app"]
    deep = cli("diff", "-R", "-f", str(root))
    assert len([line for line in deep.stdout.splitlines() if line.startswith("diff ")]) == 2


def test_selector_filters_manifest_objects(cli: CLI) -> None:
    result = cli("diff", "-l", "a=zzz", "-f", "-", stdin=POD.format(image="nginx"))
    assert (result.stdout, result.code) == ("", 0)


def test_deterministic_body_under_fixed_clock(cli: CLI, tmp_path: Path) -> None:
    bodies = []
    for name in ("one", "two"):
        cli.state = tmp_path / name / "state.json"
        run = cli
        run("apply", "-f", "-", stdin=POD.format(image="nginx"))
        bodies.append(_normalized(run("diff", "-f", "-", stdin=POD.format(image="nginx:9")).stdout))
    assert bodies[0] == bodies[1]


def test_installed_command_writes_diff_output(proc_cli: ProcessCLI) -> None:
    assert proc_cli("apply", "-f", "-", stdin=POD.format(image="nginx")).code == 0
    result = proc_cli("diff", "-f", "-", stdin=POD.format(image="busybox"))
    assert result.code == 1
    assert "+  - image: busybox" in result.stdout
