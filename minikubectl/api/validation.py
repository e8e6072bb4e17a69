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


def _enum_causes(obj: dict[str, Any]) -> list[Cause]:
    """``Unsupported value`` causes for enum fields (restartPolicy, protocol, ...)."""
    from minikubectl.api import schema_validation

    return schema_validation.validation_causes(schema_validation.enum_findings(obj))


_SCALED_KINDS = ("Deployment", "ReplicaSet", "StatefulSet", "ReplicationController")


def _replicas_causes(resource: ResourceType, obj: dict[str, Any]) -> list[Cause]:
    """``ValidateNonnegativeField`` of ``spec.replicas`` for the scalable workloads."""
    replicas = (obj.get("spec") or {}).get("replicas") if isinstance(obj.get("spec"), dict) else None
    if resource.kind in _SCALED_KINDS and isinstance(replicas, int) and not isinstance(replicas, bool) \
            and replicas < 0:
        return [Cause("spec.replicas", f"Invalid value: {replicas}: must be greater than or equal to 0")]
    return []


def validate_object(resource: ResourceType, obj: dict[str, Any]) -> list[Cause]:
    """All causes that make the API server refuse ``obj``."""
    causes = _metadata_causes(resource, obj) + _enum_causes(obj) + _replicas_causes(resource, obj)
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
            + labels.validate_annotations(meta.get("annotations"), "metadata.annotations")
            + _replicas_causes(resource, obj))


POD_UPDATE_FORBIDDEN = (
    "Forbidden: pod updates may not change fields other than `spec.containers[*].image`,"
    "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions "
    "to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was "
    "previously negative)")


def _mutable_fields_masked(spec: dict[str, Any], old: dict[str, Any]) -> dict[str, Any]:
    """The new spec with every field a pod update may change copied from the old one."""
    import copy

    masked = copy.deepcopy(spec)
    for key in ("containers", "initContainers"):
        new_list, old_list = masked.get(key) or [], old.get(key) or []
        if len(new_list) == len(old_list):
            for new_c, old_c in zip(new_list, old_list):
                if isinstance(new_c, dict) and isinstance(old_c, dict) and "image" in old_c:
                    new_c["image"] = old_c["image"]
    for key in ("activeDeadlineSeconds", "terminationGracePeriodSeconds"):
        if key in old:
            masked[key] = old[key]
        else:
            masked.pop(key, None)
    old_tolerations = old.get("tolerations") or []
    new_tolerations = masked.get("tolerations") or []
    if new_tolerations[:len(old_tolerations)] == old_tolerations:
        if old_tolerations:
            masked["tolerations"] = old_tolerations
        else:
            masked.pop("tolerations", None)
    return masked


def validate_pod_update(old: dict[str, Any], new: dict[str, Any]) -> list[Cause]:
    """ValidatePodUpdate's spec check: only images, deadlines and new tolerations may change."""
    old_spec = old.get("spec") or {}
    new_spec = new.get("spec") or {}
    if _mutable_fields_masked(new_spec, old_spec) == old_spec:
        return []
    import difflib
    import json

    before = json.dumps(old_spec, indent=2, sort_keys=True).splitlines()
    after = json.dumps(_mutable_fields_masked(new_spec, old_spec), indent=2, sort_keys=True).splitlines()
    diff = "\n".join(line for line in difflib.unified_diff(before, after, lineterm="", n=1)
                     if not line.startswith(("---", "+++")))
    return [Cause("spec", f"{POD_UPDATE_FORBIDDEN}\n{diff}\n")]


def normalize_service_cluster_ips(old: dict[str, Any], new: dict[str, Any]) -> None:
    """The service strategy's normalizeClusterIPs on update: keep ``clusterIPs`` in step with a
    client (an old one, or a patch) that only sent or changed the singular ``clusterIP``."""
    old_spec = old.get("spec") or {}
    new_spec = new.get("spec")
    if not isinstance(new_spec, dict):
        return
    old_ips = old_spec.get("clusterIPs") or []
    if old_ips and not new_spec.get("clusterIPs") \
            and old_spec.get("clusterIP") == new_spec.get("clusterIP"):
        new_spec["clusterIPs"] = list(old_ips)
    old_ip, new_ip = old_spec.get("clusterIP") or "", new_spec.get("clusterIP") or ""
    if old_ip != new_ip:
        same_ips = (old_spec.get("clusterIPs") or []) == (new_spec.get("clusterIPs") or [])
        if old_ip and not new_ip:
            if same_ips:
                new_spec.pop("clusterIPs", None)
        elif same_ips:
            new_spec["clusterIPs"] = [new_ip]


def validate_service_update(old: dict[str, Any], new: dict[str, Any]) -> list[Cause]:
    """validateUpgradeDowngradeClusterIPs: the primary (and an existing secondary) cluster IP
    may not change once set, unless the service is or was of type ExternalName."""
    from minikubectl.api.labels import go_string_slice

    old_spec = old.get("spec") or {}
    new_spec = new.get("spec") or {}
    if "ExternalName" in (old_spec.get("type"), new_spec.get("type")):
        return []
    old_ips = old_spec.get("clusterIPs") or []
    new_ips = new_spec.get("clusterIPs")
    if not old_ips:
        return []
    shown = go_string_slice([str(ip) for ip in new_ips] if new_ips else None)
    causes = []
    if not new_ips or old_ips[0] != new_ips[0]:
        causes.append(Cause("spec.clusterIPs[0]", f"Invalid value: {shown}: may not change once set"))
    if len(old_ips) > 1 and new_ips and len(new_ips) > 1 and old_ips[1] != new_ips[1]:
        causes.append(Cause("spec.clusterIPs[1]", f"Invalid value: {shown}: may not change once set"))
    return causes
