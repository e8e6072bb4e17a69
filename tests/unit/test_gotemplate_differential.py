"""Differential tests: the go-template engine against the real kubectl v1.33.

Each template is rendered by ``kubectl label --local -f FIXTURE noop- -o go-template=T``
and by GoTemplatePrinter over the same object (taken from kubectl's own ``-o json``),
comparing stdout, stderr and exit code byte for byte. Besides hand-picked templates,
a seeded random generator builds templates from the fixtures' fields, literals,
builtin functions, printf formats and control structures.
Skipped when the kubectl binary is absent.
"""

from __future__ import annotations

import functools
import io
import json
import random
import subprocess
from pathlib import Path

import pytest

from minikubectl.api.errors import PrinterError
from minikubectl.printers.gotemplate import GoTemplateExecError, GoTemplatePrinter, render_exec_errors

KUBECTL = Path("/usr/lib/google-cloud-sdk/bin/kubectl.1.33")
FIXTURES = Path("/work/shared/conformance/printers/fixtures")

pytestmark = pytest.mark.skipif(not KUBECTL.exists() or not FIXTURES.exists(),
                                reason="real kubectl or fixtures not available")


def kubectl(fixture: str, template: str, allow: bool = True) -> tuple[str, str, int]:
    argv = [str(KUBECTL), "label", "--local", "-f", str(FIXTURES / fixture), "noop-",
            "-o", "go-template=" + template]
    if not allow:
        argv.append("--allow-missing-template-keys=false")
    p = subprocess.run(argv, capture_output=True, timeout=30,
                       env={"KUBECONFIG": "/dev/null", "PATH": "/usr/bin:/bin"})
    return (p.stdout.decode("utf-8", "surrogateescape"),
            p.stderr.decode("utf-8", "surrogateescape"), p.returncode)


def _parse_int(text: str):
    if text == "-0":
        return -0.0
    n = int(text)
    return n if -(1 << 63) <= n < (1 << 63) else float(text)


@functools.lru_cache(maxsize=None)
def objects(fixture: str) -> str:
    """The fixture's objects as kubectl holds them (JSON text, parsed per use)."""
    argv = [str(KUBECTL), "label", "--local", "-f", str(FIXTURES / fixture), "noop-", "-o", "json"]
    out = subprocess.run(argv, capture_output=True, check=True, env={"KUBECONFIG": "/dev/null"}).stdout
    return out.decode()


def ours(fixture: str, template: str, allow: bool = True) -> tuple[str, str, int]:
    if not template:
        return "", "error: template format specified but no template given\n", 1
    try:
        printer = GoTemplatePrinter(template, allow_missing_keys=allow)
    except PrinterError as e:
        return "", e.render() + "\n", 1
    doc = json.loads(objects(fixture), parse_int=_parse_int)
    objs = doc["items"] if doc.get("kind") == "List" and "items" in doc else [doc]
    out = io.StringIO()
    errs = []
    for obj in objs:
        try:
            printer.print_obj(obj, out)
        except GoTemplateExecError as e:
            errs.append(e)
    if not errs:
        return out.getvalue(), "", 0
    return out.getvalue(), render_exec_errors(errs), 1


HAND_PICKED = [
    "{{.metadata.name}", "{{.a }", "{{index .spec.tags 3}}", "{{index .metadata.name 5}}",
    "{{len .spec.nothing}}", '{{printf "%05s|%-05d|%+.2e|%x|%#o|%U|%#U|%c" "ab" 3 1234.5 -255 8 65 65 66}}',
    "{{slice .spec.tags 1 2}}", "{{.spec.nothing.x}}", "{{range $i, $v := 3}}{{end}}",
    '{{printf "%v %T" (slice .metadata.name 1) (index .metadata.name 1)}}',
    "{{eq .spec.tags .spec.tags}}", "{{eq .spec.nested .spec.tags}}",
    '{{html nil}} {{print nil}} {{js "\\x01é\\u2028"}}',
    '{{printf "%6.3v|%-8q|%08.3f|% d|%x" 3.14159 "a" -3.5 5 3.5}}',
    "{{$x := 1}}{{$x = .spec.tags}}{{range $x}}{{.}}{{end}}",
    "{{range $i, $e := .spec.tags}}{{if eq $i 1}}{{break}}{{end}}{{$e}}{{end}}",
    '{{define "t"}}[{{.}}]{{end}}{{template "t" .spec.replicas}}{{template "t"}}',
    '{{template "nope"}}', "{{with .spec.nothing}}x{{else with .spec.tags}}{{.}}{{end}}",
    "{{.spec.tags.x}}", "{{$.spec.tags | len}}", "{{(index .spec.tags 0).x}}",
    "{{range .spec.tags}}{{.x}}{{end}}", "{{range .spec.ratio}}{{end}}",
    "{{printf \"%s %d\" 1}}", "{{printf \"%[2]d %[1]s %[3]v\" \"a\" 2}}", "{{printf \"%*d|%.*f\" 5 3 2 1.5}}",
    "{{printf \"%!\"}}", "{{printf \"%\"}}", "{{printf \"%z\" 1}}", "{{printf \"%d\" nil}}",
    "{{print 1 2 \"a\" 3 nil .spec.tags}}", "{{println 1 \"a\"}}", "{{urlquery .spec.tags}}",
    "{{not .spec.nothing}} {{not 0}} {{and 1 .spec.tags}} {{or .spec.missing nil}}",
    "{{lt 1 2.0}}", "{{lt \"a\" \"b\"}} {{ge 2 2}} {{le 1.5 1.5}}", "{{lt true false}}",
    "{{lt .spec.tags 1}}", "{{eq 1}}", "{{ne 1 2 3}}", "{{call .spec.nothing}}", "{{call}}",
    "{{.metadata.name 1}}", "{{1 | printf \"%d\"}}", "{{\"x\" | .metadata.name}}", "{{. | 1}}",
    "{{$x}}", "{{$x := 1}}{{$x 2}}", "{{range $i := .spec.tags}}{{$i}}{{end}}",
    "{{range $i, $v, $w := .spec.tags}}{{end}}", "{{with $x, $y := 1}}{{end}}",
    "{{if}}{{end}}", "{{range .spec.tags}}{{else}}{{else}}{{end}}", "{{if 1}}{{else if}}{{end}}",
    "{{(1).x}}", "{{nil.x}}", "{{'ab'}}", "{{'\\z'}}", "{{\"\\z\"}}", "{{1e400}}", "{{99999999999999999999}}",
    "{{0x1p4}} {{0o17}} {{0b101}} {{017}} {{1_000}} {{.5}} {{1i}} {{1+2i}}", "{{-0x10}} {{+5}}",
    "{{3 | printf \"%d %d\" 2}}", "{{\"a\" | and}}", "{{base64decode .spec.replicas}}",
    "{{base64decode \"YQ\"}}", "{{base64decode \"YQ==\"}}", "{{base64decode \"YQ=\\n=\"}}",
    "{{exists .spec \"tags\" 1}} {{exists .spec \"tags\" 9}} {{exists .spec \"nothing\"}}",
    "a\n{{/* c */}}\nb {{- 1 -}} \n c {{- /* x */}} d", "{{.spec.replicas -}}\n\n{{- .spec.ratio}}",
    "{{- 3}}", "{{/* unclosed", "{{/* x */ }}", "{{\n.spec.replicas\n}}", "{{.spec\n.replicas",
    "line1\nline2 {{.a\n\n", "{{range .spec.tags}}\n{{.}}\n", "x{{end}}", "{{define \"a\"}}{{end}}",
    "{{define \"output\"}}A{{end}}B", "{{define \"output\"}}A{{end}}", "{{block \"b\" 1}}{{.}}{{end}}{{template \"b\" 2}}",
    "{{printf \"%08.3e|%-8.2g|%+g|%G|%E\" 1234.5678 0.000012345 1e21 1e-7 5.0}}",
    "{{printf \"%#v|%#v|%#v|%+v\" .spec.mixed .spec.nothing 3.0 .spec.nested}}",
    "{{printf \"%x|%X|% x|%#x|% #X\" \"héllo\" .spec.tags \"ab\" \"ab\" \"ab\"}}",
    "{{printf \"%q|%+q|%#q|%q\" \"é\\t\" \"é\" \"`a\" 233}}", "{{printf \"%c|%U|%#U\" 0x1F680 0x1F680 0x1F680}}",
    "{{printf \"%t|%t|%v\" true 1 false}}", "{{printf \"%5t|%-7v|%07v\" true .spec.tags .spec.replicas}}",
    "{{printf \"%.2s|%.0d|%5.0d|%.3x\" \"héllo\" 0 0 7}}", "{{printf \"%b|%o|%O|%#b\" 5 -8 8 5}}",
    "{{printf \"%e|%f|%g\" .spec.tiny .spec.tiny .spec.tiny}}", "{{printf \"%v\" .spec}}",
    "{{index .spec.tags -1}}", "{{index .spec \"tags\" 1.5}}", "{{index .spec 1}}", "{{index 1 1}}",
    "{{index .spec.tags}}", "{{index nil}}", "{{slice .spec.tags 2 1}}", "{{slice .spec.tags 0 1 2}}",
    "{{slice .metadata.name 0 1 2}}", "{{slice 1}}", "{{slice .spec.tags 1 2 3 4}}", "{{slice .metadata.name 1 3}}",
    "{{len 3}}", "{{len .spec.nested}}", "{{len nil}}", "{{len}}", "{{len 1 2}}",
]


def _assert_same(fixture: str, template: str, allow: bool = True) -> None:
    expected = kubectl(fixture, template, allow)
    got = ours(fixture, template, allow)
    if got != expected:
        marker = "\traw data was:"
        short = [tuple(x.split(marker)[0] if isinstance(x, str) else x for x in r) for r in (got, expected)]
        assert got == expected, f"template {template!r}\nours:    {short[0]!r}\nkubectl: {short[1]!r}"


@pytest.mark.parametrize("template", HAND_PICKED)
def test_hand_picked(template: str) -> None:
    _assert_same("widget.yaml", template)


@pytest.mark.parametrize("template", ["{{.spec.missing}}", "{{.spec.nothing}}", "{{.spec.nothing.x}}",
                                      "{{range .spec.parts}}{{.optional}}{{end}}", "{{.missing.x}}",
                                      "{{index .spec \"missing\"}}", "{{$.x}}"])
def test_strict_missing_keys(template: str) -> None:
    _assert_same("widget.yaml", template, allow=False)


# -- generated templates ----------------------------------------------------------------

FIELDS = [".spec.replicas", ".spec.ratio", ".spec.tags", ".spec.nothing", ".spec.nested", ".metadata.name",
          ".spec.emptyString", ".spec.missing", ".spec.enabled", ".spec.mixed", ".spec.emptyList",
          ".spec.emptyMap", ".spec.tiny", ".spec.negative", ".status.score", ".spec.parts", ".metadata",
          ".", "$", ".spec.nested.level1", ".metadata.labels"]
LITERALS = ["1", "-2", "0", "1.5", "2.0", '"a"', '""', '"tags"', "'x'", "true", "false", "nil", "0x1F", "3"]
FUNCS = ["and", "or", "not", "len", "index", "slice", "print", "println", "html", "js", "urlquery",
         "eq", "ne", "lt", "le", "gt", "ge", "exists", "base64decode", "printf"]
VERBS = "vdsqxXtfegcUbo%T"


def _fmt(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 3)):
        flags = "".join(rng.choice(["", "", "-", "+", "#", "0", " "]) for _ in range(rng.randint(0, 2)))
        width = rng.choice(["", "", "3", "8"])
        prec = rng.choice(["", "", ".0", ".2"])
        parts.append(rng.choice(["", "|", " ", "x"]) + "%" + flags + width + prec + rng.choice(VERBS))
    return '"' + "".join(parts) + '"'


def _operand(rng: random.Random, depth: int) -> str:
    r = rng.random()
    if depth > 0 and r < 0.3:
        return "(" + _command(rng, depth - 1) + ")"
    if r < 0.7:
        return rng.choice(FIELDS)
    return rng.choice(LITERALS)


def _command(rng: random.Random, depth: int) -> str:
    fn = rng.choice(FUNCS)
    args = [_operand(rng, depth) for _ in range(rng.randint(0, 3))]
    if fn == "printf":
        args.insert(0, _fmt(rng))
    return " ".join([fn] + args)


def _pipeline(rng: random.Random, depth: int = 2) -> str:
    r = rng.random()
    if r < 0.25:
        return _operand(rng, depth)
    if r < 0.4:
        return _operand(rng, depth) + " | " + rng.choice(["len", "print", "printf \"%v\"", "html", "not",
                                                          "index .spec.tags", "eq 1", "and 1", "or 0"])
    return _command(rng, depth)


def _template(rng: random.Random) -> str:
    body = "{{" + _pipeline(rng) + "}}"
    r = rng.random()
    if r < 0.15:
        body = "{{if " + _pipeline(rng) + "}}T" + body + "{{else}}F{{end}}"
    elif r < 0.3:
        body = "{{range " + rng.choice(["$i, $v := ", "", "$v := "]) + _operand(rng, 1) + "}}<" + body + ">{{else}}E{{end}}"
    elif r < 0.4:
        body = "{{with " + _pipeline(rng) + "}}W" + body + "{{end}}"
    return body + rng.choice(["", " {{.kind}}", "{{$x := 1}}{{$x}}"])


GENERATED = [_template(random.Random(seed)) for seed in range(160)]


@pytest.mark.parametrize("template", GENERATED)
def test_generated(template: str) -> None:
    _assert_same("widget.yaml", template)


@pytest.mark.parametrize("seed", range(20))
def test_generated_other_fixture(seed: int) -> None:
    rng = random.Random(1000 + seed)
    _assert_same("pod-web.yaml", _template(rng))
