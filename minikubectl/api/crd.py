"""Custom resources: what a CustomResourceDefinition makes the API server serve."""

from __future__ import annotations

from typing import Any

from minikubectl.api.registry import ResourceType


def resources_from_crd(crd: dict[str, Any]) -> list[ResourceType]:
    """One ResourceType per served version of the CRD (storage uses the first served)."""
    spec = crd.get("spec") or {}
    names = spec.get("names") or {}
    group = spec.get("group", "")
    kind = names.get("kind", "")
    plural = names.get("plural", "")
    if not (group and kind and plural):
        return []
    found = []
    for version in spec.get("versions") or []:
        if not version.get("served", True):
            continue
        found.append(ResourceType(
            group=group, version=version.get("name", "v1"), kind=kind, plural=plural,
            singular=names.get("singular") or kind.lower(),
            namespaced=spec.get("scope", "Namespaced") == "Namespaced",
            short_names=tuple(names.get("shortNames") or ()),
            categories=tuple(names.get("categories") or ())))
    return found
