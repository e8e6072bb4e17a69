"""Recorded kubectl v1.33 cases (json, yaml, name, input) run through the loader and printers.

Each case is ``label|annotate --local -f FIXTURE noop- -o FORMAT``: the objects of the
fixture are read with ``iter_documents``, get kubectl's no-op mutation (an absent
``metadata.labels``/``annotations`` becomes ``{}``), and are printed.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from minikubectl.api.errors import KubectlError
from minikubectl.io.manifests import ManifestAggregateError, iter_documents
from minikubectl.printers.json_yaml import JSONPrinter, YAMLPrinter

CONFORMANCE = Path("/work/shared/conformance/printers")
CASES_FILE = CONFORMANCE / "cases.jsonl"


def _load_cases() -> list[dict]:
    if not CASES_FILE.exists():
        return []
    cases = [json.loads(line) for line in CASES_FILE.read_text().splitlines() if line.strip()]
    return [c for c in cases if c["category"] in ("json", "yaml", "name", "input")]


def _parse_argv(argv: list[str]) -> dict | None:
    """The few flags these cases use; None when the case is not about our modules."""
    opts = {"verb": argv[0], "files": [], "output": "", "managed": False}
    i = 1
    while i < len(argv):
        arg = argv[i]
        if arg in ("-f", "--filename"):
            opts["files"].append(argv[i + 1])
            i += 2
            continue
        if arg.startswith("--filename="):
            opts["files"].append(arg.split("=", 1)[1])
        elif arg in ("-o", "--output"):
            opts["output"] = argv[i + 1]
            i += 2
            continue
        elif arg.startswith("--output=") or arg.startswith("-o="):
            opts["output"] = arg.split("=", 1)[1]
        elif arg.startswith("-o"):
            opts["output"] = arg[2:]
        elif arg == "--show-managed-fields":
            opts["managed"] = True
        i += 1
    if opts["output"] not in ("json", "yaml", "name"):
        return None
    return opts


def _name(obj: dict) -> str:
    kind = obj.get("kind", "").lower()
    group = obj.get("apiVersion", "").rpartition("/")[0] if "/" in obj.get("apiVersion", "") else ""
    return f"{kind}{'.' + group if group else ''}/{obj.get('metadata', {}).get('name', '')}\n"


def _run(case: dict) -> tuple[str, str, int]:
    opts = _parse_argv(case["argv"])
    fixture = str(CONFORMANCE / "fixtures" / case["fixture"])
    files = [fixture if f == "FIXTURE" else f for f in opts["files"]]
    printer = {"json": JSONPrinter, "yaml": YAMLPrinter}.get(opts["output"])
    out = io.StringIO()
    errors: list[KubectlError] = []
    field = "labels" if opts["verb"] == "label" else "annotations"
    try:
        for doc in iter_documents(files, continue_on_error=True):
            if doc.error is not None:
                errors.append(doc.error)
                continue
            obj = doc.obj
            obj.setdefault("metadata", {})
            if obj["metadata"].get(field) is None:
                obj["metadata"][field] = {}
            if printer is None:
                out.write(_name(obj))
                continue
            try:
                printer(show_managed_fields=opts["managed"]).print_obj(obj, out)
            except KubectlError as exc:
                errors.append(exc)
    except KubectlError as exc:
        errors.append(exc)
    if not errors:
        return out.getvalue(), "", 0
    if len(errors) == 1:
        err = errors[0]
        text = err.render() if isinstance(err, ManifestAggregateError) else err.render()
    else:
        text = "\n".join(e.message for e in errors)
    return out.getvalue(), text.replace(fixture, "FIXTURE") + "\n", 1


CASES = [c for c in _load_cases() if _parse_argv(c["argv"]) is not None]


@pytest.mark.skipif(not CASES, reason="conformance cases not available")
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_conformance_case(case: dict) -> None:
    stdout, stderr, code = _run(case)
    assert stdout == case["stdout"]
    assert code == case["exit_code"]
    if case["stderr_match"] == "exact":
        assert stderr == case["stderr"]
    elif case["stderr_match"] == "first-line":
        assert stderr.split("\n")[0] == case["stderr"].split("\n")[0]
    else:
        assert bool(stderr) == bool(case["stderr"])
