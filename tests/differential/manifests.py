"""Generated manifests for the differential harness: repeatable, varied, small.

A seeded random generator draws objects of several kinds with labels and annotations
whose keys and values exercise quoting (numbers, booleans, empty strings, dots, slashes,
long and non-ASCII annotation values), written as YAML or JSON, one or several per file.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

LABEL_VALUES = ["a", "1", "true", "", "v1.2", "x-y_z", "0123", "null", "yes"]
ANNOTATION_VALUES = LABEL_VALUES + ["with space", "line\nbreak", "ünïcode", '{"json": [1, 2]}', "x" * 90,
                                    "colon: here", "#hash", "'quoted'"]
KEYS = ["app", "tier", "example.com/team", "a.b/c-d", "k8s.io/x", "z"]


def _meta(rng: random.Random, name: str) -> dict:
    meta: dict = {"name": name}
    if rng.random() < 0.8:
        meta["labels"] = {k: rng.choice(LABEL_VALUES) for k in rng.sample(KEYS, rng.randint(1, 3))}
    if rng.random() < 0.6:
        meta["annotations"] = {k: rng.choice(ANNOTATION_VALUES) for k in rng.sample(KEYS, rng.randint(1, 2))}
    if rng.random() < 0.3:
        meta["namespace"] = "team"
    return meta


def _object(rng: random.Random, index: int) -> dict:
    kind = rng.choice(["Pod", "Deployment", "Service", "ConfigMap", "Secret", "Namespace", "Job"])
    name = f"{kind.lower()}-{index}"
    meta = _meta(rng, name)
    container = {"name": "c", "image": rng.choice(["nginx", "busybox:1.36", "reg.io:5000/a/b@sha256:" + "ab" * 32])}
    if rng.random() < 0.5:
        container["ports"] = [{"containerPort": rng.choice([80, 8080, 443])}]
    if kind == "Namespace":
        meta.pop("namespace", None)
        return {"apiVersion": "v1", "kind": kind, "metadata": meta}
    if kind == "Pod":
        return {"apiVersion": "v1", "kind": kind, "metadata": meta, "spec": {"containers": [container]}}
    if kind == "Deployment":
        sel = {"app": name}
        return {"apiVersion": "apps/v1", "kind": kind, "metadata": meta,
                "spec": {"replicas": rng.randint(0, 3), "selector": {"matchLabels": sel},
                         "template": {"metadata": {"labels": sel}, "spec": {"containers": [container]}}}}
    if kind == "Job":
        return {"apiVersion": "batch/v1", "kind": kind, "metadata": meta,
                "spec": {"template": {"spec": {"restartPolicy": "Never", "containers": [container]}}}}
    if kind == "Service":
        return {"apiVersion": "v1", "kind": kind, "metadata": meta,
                "spec": {"selector": {"app": "x"}, "ports": [{"port": 80, "targetPort": rng.choice([80, "http"])}]}}
    if kind == "Secret":
        return {"apiVersion": "v1", "kind": kind, "metadata": meta, "type": "Opaque",
                "data": {"k": "dmFsdWU="}}
    return {"apiVersion": "v1", "kind": kind, "metadata": meta,
            "data": {"a": rng.choice(LABEL_VALUES + ["multi\nline\n"])}}


def write_manifests(directory: Path, count: int, seed: int = 16) -> list[str]:
    """``count`` manifest files (names relative to ``directory``), same for the same seed."""
    import yaml

    rng = random.Random(seed)
    names = []
    for index in range(count):
        objs = [_object(rng, index * 10 + i) for i in range(rng.choice([1, 1, 1, 2]))]
        if rng.random() < 0.3:
            name = f"m{index}.json"
            text = json.dumps(objs[0] if len(objs) == 1 else {"apiVersion": "v1", "kind": "List", "items": objs},
                              indent=2)
        else:
            name = f"m{index}.yaml"
            text = "---\n".join(yaml.safe_dump(o, sort_keys=rng.random() < 0.5, allow_unicode=True) for o in objs)
        (directory / name).write_text(text, encoding="utf-8")
        names.append(name)
    return names
