"""API-server validation of an object on create/update: names, metadata, required fields.

Returns field causes (``Cause(field, detail)``) in the order the API server reports
them; the store turns them into ``The Pod "x" is invalid: ...``.
"""

from __future__ import annotations

from typing import Any

from minikubectl.api.errors import Cause
from minikubectl.api.registry import ResourceType

def _metadata_causes(resource: ResourceType, obj: dict[str, Any]) -> list[Cause]:
    from minikubectl.api import labels

    meta = obj.get("metadata") or {}
    if not meta.get("name"):
        return [Cause("metadata.name", "Required value: name or generateName is required")]
    return labels.validate_object_meta(resource.kind, meta, resource.namespaced)


def _pod_spec_causes(spec: Any, path: str) -> list[Cause]:
    from minikubectl.api.labels import go_quote, is_dns1123_label

    causes: list[Cause] = []
    if not isinstance(spec, dict):
        return [Cause(path, "Required value")]
    containers = spec.get("containers")
    if not containers:
        causes.append(Cause(f"{path}.containers", "Required value"))
        return causes
    seen: set[str] = set()
    for index, container in enumerate(containers):
        where = f"{path}.containers[{index}]"
        if not isinstance(container, dict):
            continue
        cname = container.get("name")
        if not cname:
            causes.append(Cause(f"{where}.name", "Required value"))
        elif cname in seen:
            causes.append(Cause(f"{where}.name", f"Duplicate value: {go_quote(cname)}"))
        else:
            seen.add(cname)
            for problem in is_dns1123_label(str(cname)):
                causes.append(Cause(f"{where}.name", f"Invalid value: {go_quote(cname)}: {problem}"))
        if not container.get("image"):
            causes.append(Cause(f"{where}.image", "Required value"))
    return causes


def validate_object(resource: ResourceType, obj: dict[str, Any]) -> list[Cause]:
    """All causes that make the API server refuse ``obj``."""
    causes = _metadata_causes(resource, obj)
    if resource.kind == "Pod":
        causes += _pod_spec_causes(obj.get("spec"), "spec")
    elif resource.kind in ("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job"):
        template = (obj.get("spec") or {}).get("template") or {}
        causes += _pod_spec_causes(template.get("spec"), "spec.template.spec")
    return causes


def validate_update(resource: ResourceType, obj: dict[str, Any]) -> list[Cause]:
    """Causes that make the API server refuse an update (metadata rules)."""
    from minikubectl.api import labels

    meta = obj.get("metadata") or {}
    return (labels.validate_labels(meta.get("labels"), "metadata.labels")
            + labels.validate_annotations(meta.get("annotations"), "metadata.annotations"))
