"""An oracle for ``describe``: serve what our store holds to the real kubectl 1.33.

kubectl renders ``describe`` on the client, so serving our objects (as ``get -o json``
returns them) through the fake API server of the get conformance suite and running
``kubectl.1.33 describe`` against it gives the exact expected text. The fake server
serves a fixed resource list; :func:`served` extends it for the kinds described here,
and the store keeps our metadata (uids, timestamps) so event lookups match.
"""

from __future__ import annotations

import json
import os
import re
import time
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterator

KUBECTL = Path("/usr/lib/google-cloud-sdk/bin/kubectl.1.33")
FAKEAPI_DIR = Path(os.environ.get("FAKEAPI_DIR") or
                   Path(__file__).resolve().parents[3] / "shared" / "conformance" / "get")

# (group, version, kind, plural, namespaced)
EXTRA = (
    ("", "v1", "Endpoints", "endpoints", True),
    ("", "v1", "LimitRange", "limitranges", True),
    ("", "v1", "PersistentVolume", "persistentvolumes", False),
    ("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", True),
    ("", "v1", "ResourceQuota", "resourcequotas", True),
    ("apps", "v1", "DaemonSet", "daemonsets", True),
    ("apps", "v1", "StatefulSet", "statefulsets", True),
    ("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", True),
    ("batch", "v1", "CronJob", "cronjobs", True),
    ("batch", "v1", "Job", "jobs", True),
    ("coordination.k8s.io", "v1", "Lease", "leases", True),
    ("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", True),
    ("networking.k8s.io", "v1", "Ingress", "ingresses", True),
    ("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", True),
    ("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", True),
    ("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", False),
    ("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", False),
    ("rbac.authorization.k8s.io", "v1", "Role", "roles", True),
    ("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", True),
    ("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", False),
    ("storage.k8s.io", "v1", "StorageClass", "storageclasses", False),
)


def available() -> bool:
    return KUBECTL.exists() and (FAKEAPI_DIR / "fakeapi.py").exists()


def _fakeapi() -> Any:
    if str(FAKEAPI_DIR) not in sys.path:
        sys.path.insert(0, str(FAKEAPI_DIR))
    import fakeapi  # noqa: E402  (beside the get conformance suite)
    return fakeapi


@contextmanager
def served(objects: list[dict[str, Any]]) -> Iterator[Any]:
    """A started fake API server holding ``objects`` exactly (metadata kept)."""
    fakeapi = _fakeapi()
    saved = fakeapi.RESOURCES
    known = {(r.group, r.version, r.kind) for r in saved}
    extra = tuple(fakeapi.Resource(g, v, k, p, k.lower(), ns) for g, v, k, p, ns in EXTRA
                  if (g, v, k) not in known)
    fakeapi.RESOURCES = saved + extra
    try:
        server = fakeapi.FakeAPIServer()
        store = server.store
        for res in fakeapi.RESOURCES:
            store._objects.setdefault(res, {})
        store._objects[fakeapi.resource_for_manifest(
            {"apiVersion": "v1", "kind": "Namespace"})].clear()
        for obj in objects:
            res = fakeapi.resource_for_manifest(obj)
            meta = obj["metadata"]
            store._objects[res][store._key(meta.get("namespace", "") if res.namespaced else "", meta["name"])] = obj
        with server:
            yield server
    finally:
        fakeapi.RESOURCES = saved


def dump(cli: Any, plurals: list[str]) -> list[dict[str, Any]]:
    """Every object of these resources in our store, as ``get -o json`` returns them."""
    objects = []
    for plural in plurals:
        result = cli("get", plural, "-A", "-o", "json")
        assert result.code == 0, result.stderr
        objects.extend(json.loads(result.stdout)["items"])
    return objects


BASE = ["namespaces", "nodes", "pods", "events", "services", "leases.coordination.k8s.io"]


_STAMP = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z$")
_GO_TIME = re.compile(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)( [+-]\d{4} [A-Z]+)")
_RFC1123Z = re.compile(r"[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}")


def _shift(value: Any, delta: timedelta) -> Any:
    """Every RFC 3339 timestamp in an object moved by ``delta`` (fraction digits kept)."""
    if isinstance(value, dict):
        return {k: _shift(v, delta) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift(v, delta) for v in value]
    if isinstance(value, str):
        m = _STAMP.match(value)
        if m:
            moved = datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S") + delta
            return moved.strftime("%Y-%m-%dT%H:%M:%S") + (m.group(2) or "") + "Z"
    return value


def _unshift_text(text: str, delta: timedelta) -> str:
    """Absolute times kubectl printed (RFC 1123Z), moved back by ``delta``."""
    def back(m: re.Match[str]) -> str:
        moment = datetime.strptime(m.group(0), "%a, %d %b %Y %H:%M:%S %z") - delta
        return moment.strftime("%a, %d %b %Y %H:%M:%S %z")
    def back_go(m: re.Match[str]) -> str:  # time.Time.String() (NetworkPolicy's "Created on")
        moment = datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S") - delta
        return moment.strftime("%Y-%m-%d %H:%M:%S") + m.group(2)
    return _GO_TIME.sub(back_go, _RFC1123Z.sub(back, text))


def kubectl_describe(cli: Any, argv: list[str], plurals: list[str]) -> tuple[str, str, int]:
    """What kubectl 1.33 prints for ``describe ARGV`` over our objects (TZ=UTC), at ``cli.now``.

    kubectl computes ages from the real clock: every timestamp served is moved by
    (real now - cli.now), taken just after a second boundary so that the whole seconds
    kubectl sees elapsed equal ours, and the absolute times it prints are moved back.
    """
    objects = dump(cli, BASE + [p for p in plurals if p not in BASE])
    time.sleep(1.02 - time.time() % 1)
    real = datetime.fromtimestamp(int(time.time()), timezone.utc).replace(tzinfo=None)
    delta = real - datetime.strptime(cli.now, "%Y-%m-%dT%H:%M:%SZ")
    stdout, stderr, code = _run_kubectl([_shift(o, delta) for o in objects], argv)
    return _unshift_text(stdout, delta), stderr, code


def _run_kubectl(objects: list[dict[str, Any]], argv: list[str]) -> tuple[str, str, int]:
    with served(objects) as server, tempfile.TemporaryDirectory(prefix="describe-oracle-") as tmp:
        kubeconfig = Path(tmp) / "kubeconfig"
        kubeconfig.write_text("")
        env = {k: v for k, v in os.environ.items() if not k.startswith("KUBE")}
        env.update(KUBECONFIG=str(kubeconfig), LC_ALL="C", HOME=tmp, TZ="UTC")
        proc = subprocess.run([str(KUBECTL), "--kubeconfig", str(kubeconfig), "--cache-dir", f"{tmp}/cache",
                               "--server", server.url, "describe", *argv],
                              capture_output=True, text=True, env=env, timeout=60)
        return proc.stdout, proc.stderr, proc.returncode
