"""The one place explain asks the resource registry about type names.

kubectl's explain resolves only the part before the first dot (``pods`` in
``pods.spec``) with ``RESTMapper.ResourcesFor`` and gets every matching resource in
priority order (core first); the served group-versions decide which OpenAPI
documents exist.
"""

from __future__ import annotations

from minikubectl.api.registry import ResourceType, builtin_registry


def candidates(name: str) -> list[ResourceType]:
    """Resources whose plural, singular, kind or short name is ``name`` (any case)."""
    lower = name.lower()
    return [r for r in builtin_registry().resources
            if lower in (r.plural, r.singular, r.kind.lower()) or lower in r.short_names]


def served_group_versions() -> set[tuple[str, str]]:
    """(group, version) pairs that have an OpenAPI v3 document."""
    return {(r.group, r.version) for r in builtin_registry().resources}


def served(group: str, version: str, plural: str) -> ResourceType | None:
    """The resource at this GVR, if the registry serves it."""
    for r in builtin_registry().resources:
        if (r.group, r.version, r.plural) == (group, version, plural):
            return r
    return None
