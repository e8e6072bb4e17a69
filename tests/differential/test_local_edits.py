"""``label``/``annotate --local -f FILE`` with every printer over generated manifests.

Each case is one command line run by both programs; stdout, stderr and the exit code must
be the same bytes. The edits and printers rotate over the files so that every printer
meets every kind of edit without the full product.
"""

from __future__ import annotations

import pytest

from tests.differential.harness import Outcome, describe_difference, kubectl_many, run_minikubectl
from tests.differential.manifests import write_manifests

FILES = 12
PRINTERS: list[tuple[str, ...]] = [
    (),
    ("-o", "json"),
    ("-o", "yaml"),
    ("-o", "name"),
    ("-o", "jsonpath={.metadata.labels}"),
    ("-o", 'jsonpath={.metadata.name}{"\\n"}{.metadata.annotations}'),
    ("-o", "jsonpath={range .spec.template.spec.containers[*]}{.image}{\"\\t\"}{end}"),
    ("-o", "jsonpath-as-json={.metadata}"),
    ("-o", "go-template={{.metadata.name}}:{{range $k, $v := .metadata.labels}}{{$k}}={{$v}},{{end}}"),
    ("-o", "template={{.kind}} {{.metadata.annotations}}"),
    ("--template={{len .metadata}}",),
    ("-o", "jsonpath={.nope}", "--allow-missing-template-keys=false"),
    ("-o", "go-template={{.nope.deeper}}", "--allow-missing-template-keys=false"),
    ("-o", "wide"),
]
EDITS: list[tuple[str, ...]] = [
    ("label", "new=1"),
    ("label", "app-"),
    ("label", "app=changed", "--overwrite"),
    ("label", "app=changed"),
    ("annotate", "note=hello world"),
    ("annotate", "z-", "tier-"),
    ("annotate", "z=2", "--overwrite"),
    ("label", "--list"),
    ("label", "bad key=1"),
]


def cases() -> list[tuple[str, ...]]:
    out = []
    for index in range(FILES):
        for p, printer in enumerate(PRINTERS):
            edit = EDITS[(index + p) % len(EDITS)]
            out.append((edit[0], "--local", "-f", _name(index)) + edit[1:] + printer)
    return out


def _name(index: int) -> str:
    # write_manifests picks .json or .yaml; the harness resolves the name after writing.
    return f"@{index}"


CASES = cases()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("local")
    names = write_manifests(cwd, FILES)
    resolved = [tuple(names[int(a[1:])] if a.startswith("@") else a for a in case) for case in CASES]
    return cwd, dict(zip(CASES, resolved)), kubectl_many(resolved, cwd)


@pytest.mark.parametrize("case", CASES, ids=lambda c: " ".join(c)[:80])
def test_local_edit_matches_kubectl(workspace, tmp_path, case):
    cwd, resolved, answers = workspace
    args = resolved[case]
    mine = run_minikubectl(args, cwd, tmp_path / "state.json")
    theirs = answers[args]
    if "--list" in args:
        # kubectl lists a Go map: its order is random, so the lines are compared as a set.
        mine = Outcome("".join(sorted(mine.stdout.splitlines(True))), mine.stderr, mine.code)
        theirs = Outcome("".join(sorted(theirs.stdout.splitlines(True))), theirs.stderr, theirs.code)
    assert mine == theirs, describe_difference(args, mine, theirs)
