"""Unit tests of the go-template engine that need no kubectl binary."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minikubectl.api.errors import PrinterError
from minikubectl.printers.gotemplate import (GoTemplateExecError, GoTemplatePrinter, TemplateError,
                                             render, render_exec_errors)
from minikubectl.printers.gotemplate.printf import sprintf

DATA = {"kind": "Pod", "metadata": {"name": "web", "labels": {"b": "2", "a": "1"}},
        "spec": {"n": 3, "f": 0.5, "list": ["x", "y"], "null": None}}


@pytest.mark.parametrize("template, expected", [
    ("{{.metadata.name}}", "web"),
    ("{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}", "a=1;b=2;"),
    ("{{.spec.null}} {{.spec.nope}}", "<no value> <no value>"),
    ("{{.spec}}", "map[f:0.5 list:[x y] n:3 null:<nil>]"),
    ("{{range .spec.list}}{{if eq . \"y\"}}{{break}}{{end}}{{.}}{{end}}", "x"),
    ("{{with .spec.nope}}a{{else with .spec.n}}{{.}}{{end}}", "3"),
    ('{{define "x"}}<{{.}}>{{end}}{{template "x" .kind}}', "<Pod>"),
    ("a {{- 1 -}} b", "a1b"),
    ('{{printf "%-4s|%04d|%.1f|%q|%v" "ab" 7 2.25 "q" .spec.list}}', 'ab  |0007|2.2|"q"|[x y]'),
    ("{{.__class__}} {{.metadata.__dict__}}", "<no value> <no value>"),
])
def test_render(template: str, expected: str) -> None:
    assert render(template, DATA) == expected


@pytest.mark.parametrize("template, message", [
    ("{{.x", "template: output:1: unclosed action"),
    ("{{end}}", "template: output:1: unexpected {{end}}"),
    ("{{.a }", 'template: output:1: unexpected "}" in operand'),
    ("{{nosuch}}", 'template: output:1: function "nosuch" not defined'),
    ("{{$x}}", 'template: output:1: undefined variable "$x"'),
    ("{{break}}", "template: output:1: {{break}} outside {{range}}"),
])
def test_parse_errors(template: str, message: str) -> None:
    with pytest.raises(TemplateError) as e:
        render(template, DATA)
    assert str(e.value) == message
    with pytest.raises(PrinterError) as pe:
        GoTemplatePrinter(template)
    assert pe.value.message == f"error parsing template {template}, {message}"


def test_exec_error_contract() -> None:
    p = GoTemplatePrinter("a{{.spec.n.x}}")
    out = io.StringIO()
    with pytest.raises(GoTemplateExecError) as e:
        p.print_obj(DATA, out)
    err = 'template: output:1:8: executing "output" at <.spec.n.x>: can\'t evaluate field x in type interface {}'
    assert e.value.message == f'error executing template "a{{{{.spec.n.x}}}}": {err}'
    text = out.getvalue()
    assert text.startswith(f"aError executing template: {err}. Printing more information")
    assert "\traw data was:\n\t\t" + json.dumps(DATA, separators=(",", ":"), sort_keys=True) in text
    assert text.endswith("\n\n")
    assert render_exec_errors([e.value]) == f"error: {e.value.message}\n"
    assert render_exec_errors([e.value, e.value]) == f"{e.value.message}\n{e.value.message}\n"


def test_strict_missing_key() -> None:
    with pytest.raises(TemplateError) as e:
        render("x{{.spec.nope}}", DATA, allow_missing_keys=False)
    assert str(e.value).endswith('map has no entry for key "nope"')
    assert e.value.partial == "x"


def test_json_round_trip_makes_integral_floats_int() -> None:
    out = io.StringIO()
    GoTemplatePrinter('{{printf "%T %T %T" .a .b .c}}').print_obj({"a": 600.0, "b": -0.0, "c": 1e21}, out)
    assert out.getvalue() == "int64 int64 float64"


@pytest.mark.parametrize("fmt, args, expected", [
    ("%d", ["x"], "%!d(string=x)"),
    ("%s", [], "%!s(MISSING)"),
    ("%s", ["a", 1], "a%!(EXTRA int64=1)"),
    ("%v|%s", [None, None], "<nil>|%!s(<nil>)"),
    ("%6.2f|%-6.1e|%g", [3.14159, 1234.5, 1e-7], "  3.14|1.2e+03|1e-07"),
    ("%x %X %o %b %c %U", [255, 255, 8, 5, 65, 0x1F600], "ff FF 10 101 A U+1F600"),
    ("%#v", [{"a": [1, None]}], 'map[string]interface {}{"a":[]interface {}{1, interface {}(nil)}}'),
    ("%q", [["a", "b"]], '["a" "b"]'),
    ("%5t|%%|%T", [True, 1.5], " true|%|float64"),
])
def test_sprintf(fmt: str, args: list, expected: str) -> None:
    assert sprintf(fmt, args) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("{}().|$\"'`-: \n\tabx1=,/*\\")), max_size=30))
def test_never_a_python_traceback(template: str) -> None:
    """However broken the template, only TemplateError escapes."""
    try:
        render(template, DATA)
    except TemplateError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1) | st.floats(allow_nan=False, allow_infinity=False)
                    | st.text(max_size=5),
                    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=3), c, max_size=3),
                    max_leaves=10),
       st.sampled_from(["{{.}}", "{{printf \"%v %d %s %q %x %#v %T\" . . . . . . .}}", "{{range .}}{{.}}{{end}}",
                        "{{len .}}", "{{index . 0}}", "{{eq . .}}", "{{html .}}{{js .}}{{urlquery .}}"]))
def test_any_data_no_traceback(data, template: str) -> None:
    try:
        render(template, data)
    except TemplateError:
        pass


GET_CASES = Path("/work/shared/conformance/get/cases.jsonl")


def _get_cases() -> list[dict]:
    if not GET_CASES.exists():
        return []
    return [c for c in map(json.loads, GET_CASES.read_text().splitlines()) if c["id"].startswith("gt-")]


@pytest.mark.parametrize("case", _get_cases(), ids=lambda c: c["id"])
def test_get_suite_templates(case: dict) -> None:
    """Parse errors must match exactly; other templates must run over a List without crashing."""
    argv = case["argv"]
    tmpl = next((a.split("=", 1)[1] for a in argv if a.startswith(("go-template=", "--template="))), None)
    if tmpl is None:
        return
    allow = "--allow-missing-template-keys=false" not in argv
    try:
        p = GoTemplatePrinter(tmpl, allow_missing_keys=allow)
    except PrinterError as e:
        assert e.render() + "\n" == case["stderr"]
        return
    lst = {"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""},
           "items": [{"kind": "Pod", "metadata": {"name": "a", "labels": {}}, "spec": {"containers": []},
                      "data": {"password": "czNjcjN0"}}]}
    try:
        p.print_obj(lst, io.StringIO())
    except GoTemplateExecError:
        pass  # the real List comes from the CLI; only crash-freedom is checked here
