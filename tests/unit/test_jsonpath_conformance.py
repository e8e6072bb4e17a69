"""Drive JSONPathPrinter over the recorded kubectl cases (printers + get conformance)."""

from __future__ import annotations

import io

import pytest

from minikubectl.api.errors import PrinterError
from minikubectl.printers.jsonpath import JSONPathPrinter

from tests.unit.test_jsonpath_support import GET, PRINTERS, load_cases, load_documents, noop_label

CASES = load_cases(PRINTERS / "cases.jsonl",
                   lambda c: c["category"] in ("jsonpath", "jsonpath-as-json"))


def _template(argv: list[str]) -> tuple[str, bool, bool] | None:
    """(template, as_json, allow_missing) from a label/annotate argv; None if unsupported."""
    allow = "--allow-missing-template-keys=false" not in argv
    fmt = None
    for i, arg in enumerate(argv):
        if arg in ("-o", "--output"):
            fmt = argv[i + 1]
        elif arg.startswith(("-o=", "--output=")):
            fmt = arg.split("=", 1)[1]
    if fmt is None:
        return None
    kind, _, tmpl = fmt.partition("=")
    if kind == "jsonpath-file" or "--template" in " ".join(argv):
        return None
    return tmpl, kind == "jsonpath-as-json", allow


def _run(case: dict) -> tuple[str, str]:
    parsed = _template(case["argv"])
    if parsed is None:
        pytest.skip("template file / --template form is the CLI's job")
    template, as_json, allow = parsed
    try:
        printer = JSONPathPrinter(template, allow_missing_keys=allow, as_json=as_json)
    except PrinterError as err:
        return "", err.render() + "\n"
    out, errs = io.StringIO(), []
    for obj in load_documents(PRINTERS / "fixtures" / case["fixture"]):
        try:
            printer.print_obj(noop_label(obj), out)
        except PrinterError as err:
            errs.append(err.render() + "\n")
    return out.getvalue(), "".join(errs)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_printer_case(case: dict) -> None:
    if not (PRINTERS / "fixtures" / case["fixture"]).exists():
        pytest.skip("missing fixture")
    stdout, stderr = _run(case)
    if case["stdout_match"] == "sorted-words":
        assert sorted(stdout.split()) == sorted(case["stdout"].split())
    else:
        assert stdout == case["stdout"]
    if case["stderr_match"] == "first-line":
        assert stderr.split("\n")[0] == case["stderr"].split("\n")[0]
        assert stderr.endswith("\n\n\n")
    else:
        assert stderr == case["stderr"]
