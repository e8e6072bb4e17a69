"""Differential tests against the real kubectl v1.33 (skipped when it is absent).

Generated objects are written as one JSON ``List`` file, printed by kubectl with
``label --local -f FILE noop- -o json|yaml`` and by our loader + printers.
"""

from __future__ import annotations

import io
import json
import os
import string
import subprocess
import tempfile

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from minikubectl.io.manifests import iter_documents, load_text
from minikubectl.printers.json_yaml import _yaml_key_less, to_json, to_yaml, yaml_sorted_keys

KUBECTL = "/usr/lib/google-cloud-sdk/bin/kubectl.1.33"
pytestmark = pytest.mark.skipif(not os.path.exists(KUBECTL), reason="kubectl 1.33 not installed")

_ALPHABET = (string.ascii_letters + string.digits + " \t\n-_:#'\"{}[],&*!|>%@`?.~+=/\\<"
             + "é中\u00a0\u2028\ufeff\U0001F680\u0085\x1b\x00")
_WORDS = ["true", "yes", "no", "y", "N", "on", "OFF", "null", "~", "", "1.10", "0644", "0x1F",
          "1e3", "1_000", "+12", ".5", "2024-01-01", "2024-1-2 3:4:5", "1:30", "-", "- a", "a: b",
          "a #b", "#x", "  lead", "trail ", "x\n", "x\n\n", "\nx", "a\n b", "a \nb", ".inf",
          "-.Inf", ".nan", "0b101", "0o17", "08", "-0", "1.", "3.14e+5", "<<", "=", "@x", "`x"]

strings_ = st.one_of(st.sampled_from(_WORDS), st.text(_ALPHABET, max_size=120),
                     st.lists(st.sampled_from(_WORDS + ["word", "x" * 30]), max_size=25)
                     .map(" ".join))
numbers = st.one_of(st.integers(min_value=-(1 << 63), max_value=(1 << 63) - 1),
                    st.floats(allow_nan=False, allow_infinity=False),
                    st.sampled_from([0.0, -0.0, 1e20, 1e21, 1.5e-7, 1e-6, 2.0 ** 63, 1e19, 0.1]))
scalars = st.one_of(strings_, numbers, st.booleans(), st.none())
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(strings_, inner, max_size=4)), max_leaves=12)


def _kubectl(path: str, fmt: str) -> tuple[str, str, int]:
    proc = subprocess.run([KUBECTL, "label", "--local", "-f", path, "noop-", "-o", fmt],
                          capture_output=True, text=True, env={"KUBECONFIG": "/dev/null"})
    return proc.stdout, proc.stderr, proc.returncode


def _consistent_order(value: object) -> bool:
    """False when go-yaml's key order is not transitive (kubectl's output is then random)."""
    if isinstance(value, dict):
        keys = yaml_sorted_keys(value)
        if any(_yaml_key_less(keys[j], keys[i])
               for i in range(len(keys)) for j in range(i + 1, len(keys))):
            return False
        return all(_consistent_order(v) for v in value.values())
    if isinstance(value, list):
        return all(_consistent_order(v) for v in value)
    return True


def _ours(path: str, fmt: str) -> str:
    out = io.StringIO()
    for doc in iter_documents([path]):
        doc.obj["metadata"].setdefault("labels", {})
        out.write(to_json(doc.obj) if fmt == "json" else to_yaml(doc.obj))
    return out.getvalue()


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.dictionaries(strings_, values, max_size=6), min_size=1, max_size=8))
def test_generated_objects_match_kubectl(datas: list[dict]) -> None:
    assume(_consistent_order(datas))
    items = [{"apiVersion": "v1", "kind": "Thing", "metadata": {"name": f"t{i}"}, "data": d}
             for i, d in enumerate(datas)]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "in.json")
        with open(path, "w", encoding="utf-8") as handle:
            json.dump({"apiVersion": "v1", "kind": "List", "items": items}, handle)
        for fmt in ("json", "yaml"):
            stdout, stderr, code = _kubectl(path, fmt)
            if code != 0:
                from minikubectl.api.errors import KubectlError
                with pytest.raises(KubectlError):
                    _ours(path, fmt)
                continue
            assert _ours(path, fmt) == stdout


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(_WORDS + ["a", "é", "[1, 2]", "{a: 1}", "'q'", '"q"', "|\n  x",
                                          "!!str 5", "!!int 7", "&a 1", "*a", "12345678901234567890",
                                          "1e400", "-0.0", "2.0", "0.1"]), min_size=1, max_size=6))
def test_generated_yaml_scalars_match_kubectl(words: list[str]) -> None:
    lines = ["apiVersion: v1", "kind: Thing", "metadata:", "  name: t", "data:"]
    lines += [f"  k{i}: {w}" for i, w in enumerate(words)]
    text = "\n".join(lines) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "in.yaml")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        stdout, stderr, code = _kubectl(path, "json")
        if code != 0:
            from minikubectl.api.errors import KubectlError
            with pytest.raises(KubectlError):
                load_text(text, path)
            return
        assert _ours(path, "json") == stdout
