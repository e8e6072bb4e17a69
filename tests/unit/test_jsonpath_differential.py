"""Differential tests: generated JSONPath templates, minikubectl vs the real kubectl v1.33.

Skipped when the kubectl binary is absent. The generator walks the fixtures' real paths and
mixes in kubectl's odd corners (missing keys, out-of-range and negative indexes, slices with
steps, unions, bracket keys, filters, recursive descent, range/end, literals).
"""

from __future__ import annotations

import io
import json
import random
import subprocess
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from minikubectl.api.errors import PrinterError
from minikubectl.printers.jsonpath import JSONPathPrinter

from tests.unit.test_jsonpath_support import KUBECTL, PRINTERS, have_kubectl, load_documents, noop_label

pytestmark = pytest.mark.skipif(not have_kubectl(), reason="kubectl 1.33 not installed")

FIXTURES = ["pod-web.yaml", "widget.yaml", "node.yaml", "deployment.yaml", "pod-debug.yaml"]


def _segment_for(rng: random.Random, value: Any) -> tuple[str, Any]:
    """One path step valid (mostly) for value; returns (text, next value or None)."""
    if isinstance(value, dict) and value and rng.random() < 0.85:
        key = rng.choice(sorted(value))
        escaped = key.replace(".", "\\.")
        if rng.random() < 0.15 and "'" not in key and "," not in key and "]" not in key:
            return f"['{key}']", value[key]
        return "." + escaped, value[key]
    if isinstance(value, list) and value:
        n = len(value)
        choice = rng.random()
        if choice < 0.35:
            i = rng.randrange(-n, n)
            return f"[{i}]", value[i]
        if choice < 0.5:
            return "[*]", rng.choice(value)
        if choice < 0.6:
            a, b = sorted(rng.sample(range(-n - 1, n + 2), 2))
            step = rng.choice(["", ":1", ":2", ":3"])
            return f"[{a}:{b}{step}]", value[0]
        if choice < 0.7:
            return f"[{rng.randrange(0, n)},{rng.randrange(-n, n + 1)}]", value[0]
        if choice < 0.8 and isinstance(value[0], dict) and value[0]:
            key = rng.choice(sorted(value[0]))
            probe = value[0][key]
            if isinstance(probe, (str, int, bool)) and not isinstance(probe, float):
                lit = json.dumps(probe) if isinstance(probe, str) else str(probe).lower()
                if isinstance(probe, str) and ('"' in probe or "\\" in probe or ")" in probe):
                    lit = "0"
                op = rng.choice(["==", "!=", "<", ">", "<=", ">="])
                return f"[?(@.{key}{op}{lit})]", value[0]
            return f"[?(@.{key})]", value[0]
        return f"[{n + rng.randrange(0, 3)}]", None
    extras = [".nothere", "[0]", ".*", "..name", "[*]", "[:]", ""]
    return rng.choice(extras), None


def _path(rng: random.Random, obj: dict) -> str:
    text, value = "", obj
    for _ in range(rng.randrange(1, 6)):
        seg, value = _segment_for(rng, value)
        text += seg
        if value is None:
            break
    if rng.random() < 0.1:
        text += rng.choice([".nope", "..", "[0]", ".*"])
    return text or "."


def _template(rng: random.Random, obj: dict) -> str:
    kind = rng.random()
    if kind < 0.55:
        return "{" + _path(rng, obj) + "}"
    if kind < 0.75:
        return "{" + _path(rng, obj) + "}|" + "{" + _path(rng, obj) + '}{"\\n"}'
    if kind < 0.9:
        inner = _path(rng, {})  # relative paths inside the range are usually missing/odd
        return "{range " + _path(rng, obj) + "}[{@}]{" + inner + "};{end}after"
    return rng.choice(["{$}", "{..}", "{.metadata.*}", '{"lit"}{3}{-1.5}{true}',
                       "{range .spec.containers[*]}{.name}{end}{end}",
                       "{.spec.containers[?(@.name=='nginx')].ports[*].containerPort}"])


def _kubectl(fixture: str, template: str, allow: bool) -> tuple[str, str, int]:
    argv = [KUBECTL, "label", "--local", "-f", str(PRINTERS / "fixtures" / fixture), "noop-",
            "-o", "jsonpath=" + template]
    if not allow:
        argv.append("--allow-missing-template-keys=false")
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=30,
                          env={"KUBECONFIG": "/dev/null", "PATH": "/usr/bin:/bin"})
    return proc.stdout, proc.stderr, proc.returncode


def _ours(fixture: str, template: str, allow: bool) -> tuple[str, str, int]:
    try:
        printer = JSONPathPrinter(template, allow_missing_keys=allow)
    except PrinterError as err:
        return "", err.render() + "\n", 1
    out, errs = io.StringIO(), ""
    for obj in load_documents(PRINTERS / "fixtures" / fixture):
        try:
            printer.print_obj(noop_label(obj), out)
        except PrinterError as err:
            errs += err.render() + "\n"
    return out.getvalue(), errs, 1 if errs else 0


def _generate(seed: int, count: int) -> list[tuple[str, str, bool]]:
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        fixture = rng.choice(FIXTURES)
        obj = noop_label(load_documents(PRINTERS / "fixtures" / fixture)[0])
        cases.append((fixture, _template(rng, obj), rng.random() < 0.8))
    return cases


GENERATED = _generate(20260101, 240)


@pytest.fixture(scope="module")
def kubectl_results() -> dict:
    with ThreadPoolExecutor(max_workers=8) as pool:
        outs = list(pool.map(lambda c: _kubectl(*c), GENERATED))
    return dict(zip(GENERATED, outs))


@pytest.mark.parametrize("case", GENERATED, ids=[f"{i}:{c[1]}" for i, c in enumerate(GENERATED)])
def test_generated_against_kubectl(case, kubectl_results) -> None:
    want_out, want_err, want_rc = kubectl_results[case]
    if want_rc == 2 and "panic" in want_err:
        pytest.skip("kubectl panics on this template")
    got_out, got_err, got_rc = _ours(*case)
    template = case[1]
    if ".." in template or "*" in template:
        assert sorted(got_out) == sorted(want_out)  # Go map order is random: same characters
    else:
        assert got_out == want_out
    assert got_rc == want_rc
    assert got_err.split("\n")[0] == want_err.split("\n")[0]
