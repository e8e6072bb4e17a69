"""Every explain case of the shared get/explain conformance file, run through run_explain."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from minikubectl.api.errors import KubectlError
from minikubectl.explain import run_explain

CASES = Path("/work/shared/conformance/get/cases.jsonl")


def _explain_cases() -> list[dict]:
    if not CASES.is_file():
        return []
    cases = [json.loads(line) for line in CASES.read_text().splitlines() if line.strip()]
    return [c for c in cases if "explain" in c["id"] or (c["argv"] and c["argv"][0] == "explain")]


def parse_argv(argv: list[str]) -> tuple[list[str], bool, str | None, str | None]:
    """A minimal stand-in for the CLI's flag parser (explain's three flags only)."""
    args: list[str] = []
    recursive, api_version, output = False, None, None
    it = iter(argv)
    for token in it:
        if token == "--recursive":
            recursive = True
        elif token.startswith("--recursive="):
            recursive = token.split("=", 1)[1] == "true"
        elif token.startswith("--api-version"):
            api_version = token.split("=", 1)[1] if "=" in token else next(it)
        elif token.startswith("--output"):
            output = token.split("=", 1)[1] if "=" in token else next(it)
        else:
            args.append(token)
    return args, recursive, api_version, output


def run(argv: list[str]) -> tuple[str, str, int]:
    args, recursive, api_version, output = parse_argv(argv)
    out = io.StringIO()
    try:
        run_explain(args, recursive, api_version, output, out)
    except KubectlError as err:
        return out.getvalue(), err.render() + "\n", err.exit_code
    return out.getvalue(), "", 0


@pytest.mark.parametrize("case", _explain_cases(), ids=lambda c: c["id"])
def test_case(case: dict) -> None:
    stdout, stderr, code = run(case["argv"][1:])
    assert code == case["exit_code"]
    assert stderr == case["stderr"]
    if case["compare"] == "exact":
        assert stdout == case["stdout"]
