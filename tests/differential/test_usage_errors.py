"""Flag and usage errors of every command path, against kubectl v1.33.

pflag rejects a bad flag before kubectl looks for a server, so these need none. Each
command path gets an unknown long flag, an unknown shorthand, a flag missing its
argument and a bad number for a global flag; a few offline usage errors follow.
"""

from __future__ import annotations

import pytest

from tests.differential.harness import describe_difference, kubectl_many, run_minikubectl
from tests.differential.test_help import PATHS

FLAG_ERRORS: list[tuple[str, ...]] = [
    ("--no-such-flag=1",),
    ("-Z",),
    ("--namespace",),
    ("--v=x",),
]

USAGE: list[tuple[str, ...]] = [
    ("get",),
    ("describe",),
    ("delete",),
    ("logs",),
    ("scale", "deploy/x"),
    ("explain",),
    ("wait",),
    ("rollout",),
    ("create", "deployment"),
    ("create", "deployment", "x"),
    ("create", "namespace"),
    ("create", "configmap"),
    ("create", "secret"),
    ("create", "secret", "generic"),
    ("create", "service", "clusterip"),
    ("create", "job", "j"),
    ("create", "cronjob", "c", "--image=busybox"),
    ("run",),
    ("run", "x"),
    ("label", "pods", "x", "--all", "-l", "a=b", "k=v"),
    ("annotate", "pods", "x", "--all", "--field-selector", "a=b", "k=v"),
    ("completion",),
    ("completion", "tcsh"),
    ("version", "--output=xml"),
    ("patch", "pod", "x"),
    ("apply",),
    ("replace",),
    ("diff",),
    ("cordon",),
    ("expose",),
    ("get", "pods", "-o", "nope"),
    ("get", "pods", "--watch", "--watch-only", "-o", "bad"),
    ("delete", "pods", "--all", "-l", "a=b"),
    ("delete", "pods", "x", "--now", "--grace-period=3"),
    ("delete", "pods", "x", "-o", "yaml"),
    ("apply", "-f", "x.yaml", "--prune"),
    ("api-resources", "-o", "json"),
    ("events", "--types=Bad"),
    ("plugin", "nope"),
]


# Differences the harness found and that are not fixed yet (strict: a fix must remove them).
KNOWN = {
    ("wait",): "wait's validation order: kubectl parses the empty --for first",
    ("expose",): "the usage error lacks kubectl's -h hint line",
    ("apply", "-f", "x.yaml", "--prune"): "kubectl checks --prune flags before reading files",
}


def cases() -> list:
    plain = [path + flags for path in PATHS for flags in FLAG_ERRORS] + USAGE
    return [pytest.param(c, marks=pytest.mark.xfail(reason=KNOWN[c], strict=True)) if c in KNOWN else c
            for c in plain]


CASES = cases()


@pytest.fixture(scope="module")
def oracle(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("usage")
    return cwd, kubectl_many([c.values[0] if hasattr(c, "values") else c for c in CASES], cwd)


@pytest.mark.parametrize("args", CASES, ids=lambda c: " ".join(c))
def test_usage_error_matches_kubectl(oracle, tmp_path, args):
    cwd, answers = oracle
    theirs = answers[args]
    if "connect: connection refused" in theirs.stderr or "localhost:8080" in theirs.stderr:
        pytest.skip("kubectl needs a server for this one")
    mine = run_minikubectl(args, cwd, tmp_path / "state.json")
    assert mine == theirs, describe_difference(args, mine, theirs)
