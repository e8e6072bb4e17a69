"""``minikubectl kustomize DIR`` against ``kubectl.1.33 kustomize DIR`` on the kustomizations
under ``tests/e2e/data/kustomize`` (stdout, stderr and exit code), plus ``-k`` on the verbs.

The oracle runs once per test session for every directory (a few seconds); without the
real binary the comparisons skip and the ``-k`` end-to-end tests still run.
"""

from __future__ import annotations

import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import CLI, Result, real_kubectl

DATA = Path(__file__).resolve().parent / "data" / "kustomize"
CASES = sorted(p.name for p in DATA.iterdir() if p.is_dir() and not p.name.startswith("_"))
# kustomize prints a Go pointer in generator conflicts; it differs on every run.
_POINTER = re.compile(r"&\{0x[0-9a-f]+ <nil>\}")
# kustomize really fetches remote resources (git / HTTP) and prints the network's failure;
# minikubectl refuses them up front, so only the message's head (which names the URL) compares.
_REMOTE_HEAD = re.compile(r"^(error: accumulating resources: accumulation err='accumulating resources from '[^']*': )")


def _normalize(result: Result) -> Result:
    err = _POINTER.sub("&{POINTER <nil>}", result.stderr)
    head = _REMOTE_HEAD.match(err)
    if head and "://" in head.group(1):
        err = head.group(1) + "<remote fetch failed>\n"
    return Result(result.stdout, err, result.code)


def _oracle_run(kubectl: str, case: str) -> Result:
    proc = subprocess.run([kubectl, "kustomize", str(DATA / case)], capture_output=True, text=True,
                          timeout=60, env={"PATH": "/usr/bin:/bin", "HOME": "/nonexistent"})
    return Result(proc.stdout, proc.stderr, proc.returncode)


@pytest.fixture(scope="session")
def oracle_outputs() -> dict[str, Result]:
    """kubectl.1.33's output for every case, computed once (in parallel)."""
    kubectl = real_kubectl()
    if kubectl is None:
        pytest.skip("real kubectl 1.33 not available")
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda case: _oracle_run(kubectl, case), CASES))
    return dict(zip(CASES, results))


def test_enough_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES)
def test_kustomize_matches_kubectl(case: str, oracle_outputs: dict[str, Result], tmp_path: Path) -> None:
    ours = CLI(tmp_path / "state.json")("kustomize", str(DATA / case))
    expected = _normalize(oracle_outputs[case])
    got = _normalize(ours)
    assert (got.stdout, got.stderr, got.code) == (expected.stdout, expected.stderr, expected.code)


def test_error_cases_fail(oracle_outputs: dict[str, Result]) -> None:
    """Every error-* directory is an error for kubectl too (the suite tests what it means to)."""
    for case in CASES:
        if case.startswith("error-"):
            assert oracle_outputs[case].code == 1, case
            assert oracle_outputs[case].stderr.startswith("error: "), case


@pytest.mark.parametrize("args", [
    ["kustomize", str(DATA / "resources-files"), str(DATA / "components")],
    ["apply", "-f", str(DATA / "resources-files"), "-k", str(DATA / "resources-files")],
    ["apply", "-R", "-k", str(DATA / "resources-files")],
    ["get", "-f", str(DATA / "resources-files"), "-k", str(DATA / "resources-files")],
])
def test_flag_errors_match_kubectl(args: list[str], kubectl: str, cli: CLI) -> None:
    proc = subprocess.run([kubectl, *args], capture_output=True, text=True, timeout=60)
    ours = cli(*args)
    assert (ours.stdout, ours.stderr, ours.code) == (proc.stdout, proc.stderr, proc.returncode)


def test_kustomize_output_flag_writes_file(cli: CLI, tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    printed = cli("kustomize", str(DATA / "overlay-full"))
    written = cli("kustomize", str(DATA / "overlay-full"), "-o", str(target))
    assert written.code == 0 and written.stdout == ""
    assert target.read_text() == printed.stdout and "staging-web" in printed.stdout


def test_apply_k_creates_then_unchanged(cli: CLI) -> None:
    overlay = str(DATA / "overlay-full")
    assert cli("create", "namespace", "staging").code == 0  # the overlay's namespace, as on a cluster
    first = cli("apply", "-k", overlay)
    assert first.code == 0, first.stderr
    lines = first.stdout.splitlines()
    assert "deployment.apps/staging-web created" in lines
    assert any(re.fullmatch(r"configmap/staging-settings-[a-z0-9]{10} created", line) for line in lines)
    second = cli("apply", "-k", overlay)
    assert second.code == 0
    assert second.stdout.splitlines() == [line.replace(" created", " unchanged") for line in lines]
    got = cli("get", "-k", overlay, "-o", "name")
    assert "deployment.apps/staging-web" in got.stdout.splitlines()
    live = cli("get", "deployment", "staging-web", "-n", "staging", "-o",
               "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}"
               " {.spec.template.spec.volumes[0].configMap.name}")
    replicas, image, config = live.stdout.split()
    assert (replicas, image) == ("2", "nginx:1.27") and config.startswith("staging-settings-")
    assert cli("diff", "-k", overlay).code == 0
    deleted = cli("delete", "-k", overlay)
    assert deleted.code == 0 and 'deployment.apps "staging-web" deleted' in deleted.stdout


def test_create_and_replace_k(cli: CLI) -> None:
    case = str(DATA / "configmap-literals")
    assert cli("create", "-k", case).stdout.startswith("configmap/app-")
    again = cli("create", "-k", case)
    assert again.code == 1 and "already exists" in again.stderr
    replaced = cli("replace", "-k", case)
    assert replaced.code == 0 and replaced.stdout.endswith(" replaced\n")


def test_diff_k_reports_a_change(cli: CLI) -> None:
    assert cli("apply", "-k", str(DATA / "resources-files")).code == 0
    changed = cli("diff", "-k", str(DATA / "replicas"))
    assert changed.code == 1 and "+  replicas: 5" in changed.stdout


def test_k_build_error_is_reported(cli: CLI) -> None:
    missing = cli("apply", "-k", str(DATA / "error-missing-kustomization"))
    assert missing.code == 1
    assert missing.stderr.startswith("error: unable to find one of 'kustomization.yaml'")
    assert cli("diff", "-k", str(DATA / "error-missing-kustomization")).code == 2
