"""Validate 1,000 pod/deployment documents: minikubectl's compiled walker vs jsonschema.

Run: ``.venv/bin/python benchmarks/bench_validation.py [--count N]``.
Prints objects per second for each validator, the one-time schema costs, and
checks that both flag the same documents. jsonschema (a dependency of
kubernetes-validate) validates each document against the kind's definition with
``additionalProperties: false`` injected, so that it too reports unknown fields.
"""

from __future__ import annotations

import argparse
import copy
import json
import time

from minikubectl.api import schema_validation as sv


def make_documents(count: int) -> list[dict]:
    """Pods and deployments alike to real manifests; every 10th one has a mistake."""
    docs: list[dict] = []
    for i in range(count):
        container = {
            "name": f"app-{i}", "image": f"nginx:1.{i % 30}",
            "ports": [{"containerPort": 8000 + i % 100, "protocol": "TCP"}],
            "env": [{"name": "MODE", "value": "prod"}, {"name": "N", "value": str(i)}],
            "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": "100m"}},
            "readinessProbe": {"httpGet": {"path": "/healthz", "port": 8080}, "periodSeconds": 5},
        }
        if i % 10 == 3:
            container["imagePullPolcy"] = "Always"  # unknown field
        if i % 10 == 7:
            container["ports"][0]["containerPort"] = "80"  # wrong type
        pod_spec = {"containers": [container], "restartPolicy": "Always", "nodeSelector": {"disk": "ssd"}}
        meta = {"name": f"web-{i}", "namespace": "default", "labels": {"app": "web", "tier": str(i % 3)}}
        if i % 2 == 0:
            docs.append({"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": pod_spec})
        else:
            docs.append({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta,
                         "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
                                  "strategy": {"type": "RollingUpdate",
                                               "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 1}},
                                  "template": {"metadata": {"labels": {"app": "web"}},
                                               "spec": copy.deepcopy(pod_spec)}}})
    return docs


def closed_definitions(defs: dict) -> dict:
    """Definitions with ``additionalProperties: false`` on every struct (strict mode)."""
    out = copy.deepcopy(defs)
    for schema in out.values():
        if "properties" in schema:
            schema.setdefault("additionalProperties", False)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    count = parser.parse_args().count
    docs = make_documents(count)

    t0 = time.perf_counter()
    sv.compiled_schema.cache_clear()
    sv.compiled_schema()
    load_ms = (time.perf_counter() - t0) * 1e3
    t0 = time.perf_counter()
    ours = [bool(sv.validate_object(d)) for d in docs]
    ours_s = time.perf_counter() - t0

    import jsonschema  # noqa: PLC0415 (only the benchmark needs it)

    t0 = time.perf_counter()
    defs = closed_definitions(sv.load_definitions())
    validators = {}
    for kind, ref in (("Pod", "io.k8s.api.core.v1.Pod"), ("Deployment", "io.k8s.api.apps.v1.Deployment")):
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": defs,
                  "$ref": f"#/$defs/{ref}"}
        validators[kind] = jsonschema.Draft202012Validator(schema)
    js_load_ms = (time.perf_counter() - t0) * 1e3
    t0 = time.perf_counter()
    theirs = [any(True for _ in validators[d["kind"]].iter_errors(d)) for d in docs]
    theirs_s = time.perf_counter() - t0

    print(f"documents: {count} ({sum(ours)} with errors)")
    print(f"minikubectl   {count / ours_s:12,.0f} objects/s   (schema load {load_ms:.1f} ms)")
    print(f"jsonschema    {count / theirs_s:12,.0f} objects/s   (schema load {js_load_ms:.1f} ms)")
    print(f"speed-up      {theirs_s / ours_s:12.1f}x")
    print(f"same verdicts: {ours == theirs}")
    json.dumps(ours)  # keep the results alive


if __name__ == "__main__":
    main()
