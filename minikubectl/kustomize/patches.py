"""``patches``, ``patchesStrategicMerge`` and ``patchesJson6902``: targets and the two patch kinds."""

from __future__ import annotations

import re
from typing import Any

from minikubectl.api.errors import ClientError
from minikubectl.kustomize.resources import Resource, group_version


def _full_match(pattern: str, value: str) -> bool:
    try:
        return re.fullmatch(pattern, value) is not None
    except re.error:
        return pattern == value


def select(resources: list[Resource], target: dict[str, Any]) -> list[Resource]:
    """The resources a patch ``target`` selects (name and namespace are anchored regexps)."""
    from minikubectl.api.labels import parse_selector

    chosen = []
    for res in resources:
        if target.get("group") not in (None, "") and target["group"] != res.group:
            continue
        if target.get("version") not in (None, "") and target["version"] != res.version:
            continue
        if target.get("kind") not in (None, "") and target["kind"] != res.kind:
            continue
        if target.get("name") and not any(_full_match(str(target["name"]), n) for n in res.names):
            continue
        if target.get("namespace") and not _full_match(str(target["namespace"]), res.namespace):
            continue
        if target.get("labelSelector") and not parse_selector(str(target["labelSelector"])).matches(
                res.metadata.get("labels") or {}):
            continue
        if target.get("annotationSelector") and not parse_selector(str(target["annotationSelector"])).matches(
                res.metadata.get("annotations") or {}):
            continue
        chosen.append(res)
    return chosen


def strategic_merge(res: Resource, patch: dict[str, Any]) -> bool:
    """Apply one strategic-merge patch; False when the patch deletes the object."""
    from minikubectl.api.merge import apply_patch
    from minikubectl.api.strategic_keys import ROOTS

    if patch.get("$patch") == "delete":
        return False
    body = dict(patch)
    meta = dict(body.get("metadata") or {})
    # the patch's identity fields must not rename or move the target
    meta.pop("name", None)
    meta.pop("namespace", None)
    if meta:
        body["metadata"] = meta
    else:
        body.pop("metadata", None)
    body.pop("apiVersion", None)
    body.pop("kind", None)
    key = (res.group, res.kind)
    merged = apply_patch(res.obj, body, key if key in ROOTS else None)
    res.obj.clear()
    res.obj.update(merged)
    return True


def json6902(res: Resource, operations: list[Any], source: str) -> None:
    """Apply RFC 6902 operations to one resource."""
    from minikubectl.api.jsonpatch import JSONPatchError, apply_json_patch

    try:
        merged = apply_json_patch(res.obj, operations)
    except JSONPatchError as err:
        # kustomize's json-patch library names the path without quotes
        raise ClientError(re.sub(r'path: "([^"]*)"', r"path: \1", str(err))) from None
    res.obj.clear()
    res.obj.update(merged)


def patch_identity(patch: dict[str, Any]) -> dict[str, Any]:
    """The target a strategic-merge patch names by its own apiVersion, kind and name."""
    group, version = group_version(patch)
    meta = patch.get("metadata") or {}
    return {"group": group, "version": version, "kind": patch.get("kind"),
            "name": meta.get("name"), "namespace": meta.get("namespace")}


def identity_text(patch: dict[str, Any]) -> str:
    """kustomize's ResId text of the object a patch names (``Kind.version.group/name.namespace``)."""
    group, version = group_version(patch)
    meta = patch.get("metadata") or {}
    gvk = str(patch.get("kind") or "") + ("." + version if version else "") + "." + (group or "[noGrp]")
    return f"{gvk}/{meta.get('name', '')}.{meta.get('namespace') or '[noNs]'}"


def apply_strategic_patches(resources: list[Resource], patches: list[dict[str, Any]],
                            target: dict[str, Any] | None) -> list[Resource]:
    """Strategic-merge patches on their targets (or on the object each patch names)."""
    for patch in patches:
        if target is not None:
            chosen = select(resources, target)
        else:
            ident = patch_identity(patch)
            chosen = [res for res in resources if res.kind == ident["kind"]
                      and (not ident["group"] or res.group == ident["group"])
                      and ident["name"] in res.names
                      and (not ident["namespace"] or ident["namespace"] in res.namespaces)]
            if not chosen:
                text = identity_text(patch)
                raise ClientError(f"no resource matches strategic merge patch \"{text}\": "
                                  f"no matches for Id {text}; failed to find unique target for patch {text}")
        for res in chosen:
            if not strategic_merge(res, patch):
                resources = [r for r in resources if r is not res]
    return resources
