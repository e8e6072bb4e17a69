"""Helpers shared by the workload controllers: owner references, selectors, hashing."""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

from minikubectl.api.labels import SelectorParseError, label_selector_as_selector

SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"


def owner_reference(owner: dict[str, Any]) -> dict[str, Any]:
    """A controller ownerReference to ``owner`` (blockOwnerDeletion, as controllers set it)."""
    meta = owner["metadata"]
    return {"apiVersion": owner.get("apiVersion", ""), "kind": owner.get("kind", ""), "name": meta["name"],
            "uid": meta.get("uid", ""), "controller": True, "blockOwnerDeletion": True}


def selector_matches(selector: dict[str, Any] | None, labels: dict[str, str] | None) -> bool:
    """Whether a LabelSelector dict selects ``labels`` (an invalid selector selects nothing)."""
    try:
        return label_selector_as_selector(selector).matches(labels or {})
    except SelectorParseError:
        return False


def template_hash(template: dict[str, Any], collision_count: int = 0) -> str:
    """``pod-template-hash``: a deterministic hash of the pod template, safe-encoded.

    The real controller hashes the Go struct dump with FNV-32a; this hashes the canonical
    JSON of the template (same role: equal templates give equal names), then encodes the
    32-bit value with ``rand.SafeEncodeString`` like the real one (8-10 characters).
    """
    canonical = json.dumps(template, sort_keys=True, separators=(",", ":"))
    if collision_count:
        canonical += f"/{collision_count}"
    value = int.from_bytes(hashlib.sha256(canonical.encode()).digest()[:4], "big")
    text = str(value)
    return "".join(SAFE_ALPHABET[ord(ch) % len(SAFE_ALPHABET)] for ch in text)


def strip_hash(template: dict[str, Any]) -> dict[str, Any]:
    """The template without the pod-template-hash label (``EqualIgnoreHash``)."""
    out = copy.deepcopy(template or {})
    labels = (out.get("metadata") or {}).get("labels")
    if isinstance(labels, dict):
        labels.pop("pod-template-hash", None)
        if not labels:
            out["metadata"].pop("labels")
    return out


def int_or_percent(value: Any, total: int, round_up: bool) -> int:
    """``intstr.GetScaledValueFromIntOrPercent``."""
    if isinstance(value, str) and value.endswith("%"):
        try:
            percent = int(value[:-1])
        except ValueError:
            return 0
        scaled = percent * total
        return -(-scaled // 100) if round_up else scaled // 100
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
