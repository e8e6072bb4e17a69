"""Runs the go-template engine over every recorded go-template conformance case.

The CLI is not involved: the case's argv is reduced to (template, allow-missing-keys),
the fixture is loaded (kubectl-compatible loader if present, else yaml.safe_load),
each object is printed with GoTemplatePrinter, and stdout/stderr/exit code are
compared as the conformance README describes.
"""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import pytest

from minikubectl.api.errors import PrinterError
from minikubectl.printers.gotemplate import GoTemplateExecError, GoTemplatePrinter, render_exec_errors

ROOT = Path("/work/shared/conformance/printers")
CASES = ROOT / "cases.jsonl"


def _cases() -> list[dict]:
    if not CASES.exists():
        return []
    out = []
    for line in CASES.read_text().splitlines():
        c = json.loads(line)
        if c["category"] == "go-template":
            out.append(c)
    return out


def _template_from_argv(argv: list[str], fixture: str) -> tuple[str | None, str | None, bool]:
    """(template text, template file, allow_missing_keys) from a recorded command line."""
    tdir = str(ROOT / "fixtures" / "templates")
    argv = [a.replace("TEMPLATE_DIR", tdir).replace("FIXTURE", fixture) for a in argv]
    fmt = None
    tmpl = None
    allow = True
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-o", "--output"):
            fmt = argv[i + 1]
            i += 2
            continue
        if a.startswith("-o") and not a.startswith("--"):
            fmt = a[2:].lstrip("=")
        elif a.startswith("--output="):
            fmt = a.split("=", 1)[1]
        elif a == "--template":
            tmpl = argv[i + 1]
            i += 2
            continue
        elif a.startswith("--template="):
            tmpl = a.split("=", 1)[1]
        elif a.startswith("--allow-missing-template-keys="):
            allow = a.split("=", 1)[1] == "true"
        i += 1
    is_file = False
    if fmt is not None and "=" in fmt:
        kind, tmpl = fmt.split("=", 1)
        is_file = kind in ("go-template-file", "templatefile")
    elif fmt in ("go-template-file", "templatefile"):
        is_file = True
    if is_file:
        return None, tmpl, allow
    return tmpl, None, allow


def _plain(v):
    if isinstance(v, dict):
        return {str(k).lower() if isinstance(k, bool) else str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v


def _load_objects(path: Path) -> list[dict]:
    try:
        from minikubectl.io.manifests import iter_documents  # type: ignore
    except ImportError:
        iter_documents = None
    docs: list = []
    if iter_documents is not None:
        docs = [d for d in iter_documents([str(path)])]
        docs = [getattr(d, "obj", d) for d in docs]
    else:
        import yaml
        text = path.read_text()
        if path.suffix == ".json":
            docs = [json.loads(text)]
        else:
            docs = [_plain(d) for d in yaml.safe_load_all(text) if d is not None]
    objs = []
    for d in docs:
        if isinstance(d, dict) and isinstance(d.get("items"), list):
            objs.extend(d["items"])
        elif isinstance(d, dict):
            objs.append(d)
    return objs


def run_case(case: dict) -> tuple[str, str, int]:
    """Reproduce kubectl's stdout, stderr and exit code for one case."""
    fixture = ROOT / "fixtures" / case["fixture"]
    tmpl, tfile, allow = _template_from_argv(case["argv"], str(fixture))
    if tfile is not None:
        try:
            tmpl = Path(tfile).read_text()
        except OSError:
            # The CLI's message (kubectl reads the file before building the printer).
            return "", f"error: error reading --template {tfile}, open {tfile}: no such file or directory\n", 1
    if not tmpl:
        return "", "error: template format specified but no template given\n", 1
    try:
        printer = GoTemplatePrinter(tmpl, allow_missing_keys=allow)
    except PrinterError as e:
        return "", e.render() + "\n", 1
    out = io.StringIO()
    errors: list[GoTemplateExecError] = []
    for obj in _load_objects(fixture):
        try:
            printer.print_obj(obj, out)
        except GoTemplateExecError as e:
            errors.append(e)
    if not errors:
        return out.getvalue(), "", 0
    return out.getvalue(), render_exec_errors(errors), 1


def compare(case: dict, stdout: str, stderr: str, code: int) -> list[str]:
    """Differences between what we produced and the recording (empty list = pass)."""
    problems = []
    fix = str(ROOT / "fixtures" / case["fixture"])
    tdir = str(ROOT / "fixtures" / "templates")
    stdout = stdout.replace(fix, "FIXTURE").replace(tdir, "TEMPLATE_DIR")
    stderr = stderr.replace(fix, "FIXTURE").replace(tdir, "TEMPLATE_DIR")
    exp = case["stdout"]
    m = case["stdout_match"]
    marker = "Error executing template:"
    if m == "exact" and stdout != exp:
        problems.append(f"stdout {stdout!r} != {exp!r}")
    elif m == "sorted-words" and sorted(stdout.split()) != sorted(exp.split()):
        problems.append(f"stdout words {stdout!r} != {exp!r}")
    elif m == "until-error":
        if marker not in stdout or stdout.split(marker)[0] != exp.split(marker)[0]:
            problems.append(f"stdout(until error) {stdout[:300]!r} != {exp[:300]!r}")
    sm = case["stderr_match"]
    if sm == "exact" and stderr != case["stderr"]:
        problems.append(f"stderr {stderr!r} != {case['stderr']!r}")
    elif sm == "first-line" and stderr.split("\n")[0] != case["stderr"].split("\n")[0]:
        problems.append(f"stderr first line {stderr!r} != {case['stderr']!r}")
    elif sm == "nonempty" and not stderr:
        problems.append("stderr empty")
    if code != case["exit_code"]:
        problems.append(f"exit {code} != {case['exit_code']}")
    return problems


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["id"])
def test_conformance_case(case: dict) -> None:
    stdout, stderr, code = run_case(case)
    problems = compare(case, stdout, stderr, code)
    assert not problems, "\n".join(problems)


if __name__ == "__main__":  # quick report: python tests/unit/test_gotemplate_conformance.py
    cs = _cases()
    bad = 0
    for c in cs:
        p = compare(c, *run_case(c))
        if p:
            bad += 1
            print(c["id"], "\n   ", "\n    ".join(x[:400] for x in p))
    print(f"{len(cs) - bad} passed, {bad} failed")
