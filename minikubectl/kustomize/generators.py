"""configMapGenerator / secretGenerator and the content hash suffix (kustomize's hasher)."""

from __future__ import annotations

import base64
import hashlib
import os
from typing import Any

from minikubectl.api.errors import ClientError
from minikubectl.golang.json import marshal


def hash_suffix(obj: dict[str, Any]) -> str:
    """The ten-character suffix kustomize appends to a generated ConfigMap or Secret name.

    kustomize's hasher JSON-encodes (sorted keys) the kind, the data maps and, for Secrets,
    the type; its name lookup never finds the name, so the name always counts as "". The
    first ten hex digits of the SHA-256 then have 0, 1, 3, a, e swapped for g, h, k, m, t.
    """
    encoded: dict[str, Any] = {"kind": obj["kind"], "name": ""}
    maps = ("data", "binaryData") if obj["kind"] == "ConfigMap" else ("data", "stringData")
    encoded["data"] = obj["data"] if isinstance(obj.get("data"), dict) else ""
    if isinstance(obj.get(maps[1]), dict):
        encoded[maps[1]] = obj[maps[1]]
    if obj["kind"] == "Secret":
        encoded["type"] = obj.get("type") if isinstance(obj.get("type"), str) else ""
    digest = hashlib.sha256(marshal(encoded).encode("utf-8")).hexdigest()[:10]
    return digest.translate(str.maketrans("013ae", "ghkmt"))


def _read_file(root: str, path: str) -> bytes:
    full = os.path.join(root, path)
    try:
        with open(full, "rb") as handle:
            return handle.read()
    except OSError:
        raise ClientError(f"evalsymlink failure on '{full}' : lstat {full}: no such file or directory") from None


def _env_pairs(text: str, source: str) -> list[tuple[str, str]]:
    pairs = []
    for line in text.splitlines():
        line = line.lstrip("\ufeff").lstrip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        if not sep:  # a bare key takes its value from the environment
            value = os.environ.get(key, "")
        pairs.append((key, value))
    return pairs


def collect_data(spec: dict[str, Any], root: str) -> list[tuple[str, bytes]]:
    """The (key, value) pairs a generator entry names: envs, then files, then literals."""
    items: list[tuple[str, bytes]] = []
    envs = list(spec.get("envs") or [])
    if spec.get("env"):
        envs.append(spec["env"])
    for env in envs:
        text = _read_file(root, env).decode("utf-8", "replace")
        items += [(k, v.encode()) for k, v in _env_pairs(text, env)]
    files = [str(entry) for entry in spec.get("files") or []]
    for entry in files:
        key, sep, path = entry.partition("=")
        if not sep:
            path, key = key, os.path.basename(key)
        try:
            items.append((key, _read_file(root, path)))
        except ClientError as err:
            raise ClientError(f"loading KV pairs: file sources: [{' '.join(files)}]: {err.message}") from None
    literals = [str(literal) for literal in spec.get("literals") or []]
    for literal in literals:
        key, sep, value = literal.partition("=")
        if not sep:
            raise ClientError(f"loading KV pairs: literal sources [{' '.join(literals)}]: invalid literal "
                              f"source {literal}, expected key=value")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        items.append((key, value.encode()))
    return items


def generate(kind: str, spec: dict[str, Any], root: str, options: dict[str, Any]) -> dict[str, Any]:
    """One generated object (without its hash suffix), from a generator entry."""
    meta: dict[str, Any] = {"name": spec.get("name", "")}
    ns = spec.get("namespace")
    if ns:
        meta["namespace"] = ns
    labels = {**(options.get("labels") or {}), **((spec.get("options") or {}).get("labels") or {})}
    annotations = {**(options.get("annotations") or {}),
                   **((spec.get("options") or {}).get("annotations") or {})}
    if labels:
        meta["labels"] = labels
    if annotations:
        meta["annotations"] = annotations
    obj: dict[str, Any] = {"apiVersion": "v1", "kind": kind, "metadata": meta}
    data: dict[str, str] = {}
    binary: dict[str, str] = {}
    for key, value in collect_data(spec, root):
        if key in data or key in binary:
            raise ClientError(f"configmap {spec.get('name', '')} illegally repeats the key `{key}`")
        if kind == "Secret":
            data[key] = base64.b64encode(value).decode()
            continue
        try:
            data[key] = value.decode("utf-8")
        except UnicodeDecodeError:
            binary[key] = base64.b64encode(value).decode()
    if kind == "Secret":
        obj["type"] = spec.get("type") or "Opaque"
    if data or kind == "Secret" or not binary:
        obj["data"] = data
    if binary:
        obj["binaryData"] = binary
    if (spec.get("options") or {}).get("immutable") or options.get("immutable"):
        obj["immutable"] = True
    return obj
