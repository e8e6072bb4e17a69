"""``create <generator> --dry-run=client -o yaml|json|name`` over generated arguments.

These generators build the object on the client, so kubectl.1.33 renders them offline.
A seeded generator draws names, images, ports and literals, valid and invalid.
"""

from __future__ import annotations

import random

import pytest

from tests.differential.harness import describe_difference, kubectl_many, run_minikubectl

NAMES = ["web", "a-b", "x1", "Bad_Name", "n" * 64, "app.v2"]
IMAGES = ["nginx", "busybox:1.36", "reg.io:5000/t/app:v1", "nginx@sha256:" + "c" * 64]
OUTPUTS = [("-o", "yaml"), ("-o", "json"), ("-o", "name"), ()]


def cases(count: int = 48, seed: int = 33) -> list[tuple[str, ...]]:
    rng = random.Random(seed)
    out: list[tuple[str, ...]] = []
    while len(out) < count:
        name = rng.choice(NAMES)
        kind = rng.choice(["deployment", "configmap", "namespace", "serviceaccount", "quota",
                           "priorityclass", "job", "service clusterip", "secret generic"])
        args: list[str] = ["create", *kind.split(), name]
        if kind == "deployment":
            args += [f"--image={rng.choice(IMAGES)}"] + ([f"--replicas={rng.randint(0, 3)}"] if rng.random() < .5 else [])
            if rng.random() < 0.4:
                args.append(f"--port={rng.choice(['80', '8080', '0', 'x'])}")
        elif kind in ("configmap", "secret generic"):
            args += [f"--from-literal={k}={rng.choice(['1', 'v', '', 'a=b'])}" for k in rng.sample(["a", "b.c", "k-1"], 2)]
        elif kind == "quota":
            args.append(f"--hard=pods={rng.randint(1, 9)},cpu={rng.choice(['1', '500m', 'x'])}")
        elif kind == "priorityclass":
            args += [f"--value={rng.randint(-5, 1000)}", f"--description=d{rng.randint(0, 9)}"]
        elif kind == "job":
            args.append(f"--image={rng.choice(IMAGES)}")
        elif kind == "service clusterip":
            args.append(f"--tcp={rng.choice(['80:8080', '443', '5678:8080', 'x'])}")
        args += ["--dry-run=client", *rng.choice(OUTPUTS)]
        case = tuple(args)
        if case not in out:
            out.append(case)
    return out


CASES = cases()


@pytest.fixture(scope="module")
def oracle(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("create")
    return cwd, kubectl_many(CASES, cwd)


@pytest.mark.parametrize("args", CASES, ids=lambda c: " ".join(c)[:90])
def test_create_dry_run_matches_kubectl(oracle, tmp_path, args):
    cwd, answers = oracle
    theirs = answers[args]
    mine = run_minikubectl(args, cwd, tmp_path / "state.json")
    assert mine == theirs, describe_difference(args, mine, theirs)
