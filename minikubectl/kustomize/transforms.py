"""kustomize's built-in transformers over accumulated resources (labels, names, images, ...)."""

from __future__ import annotations

import re
from typing import Any, Callable

from minikubectl.kustomize.fieldspecs import NAME_REFERENCES, REPLICAS_KINDS, FieldSpec
from minikubectl.kustomize.resources import Resource


def _split_path(path: str) -> list[str]:
    """Path segments; ``\\/`` stays inside a segment (annotation keys)."""
    parts = re.split(r"(?<!\\)/", path)
    return [part.replace("\\/", "/") for part in parts]


def _spec_matches(spec_kind: str, spec_group: str, res: Resource) -> bool:
    return (not spec_kind or spec_kind == res.kind) and (not spec_group or spec_group == res.group)


def visit_field(node: Any, segments: list[str], create: bool, leaf: Callable[[dict[str, Any], str], None]) -> None:
    """Call ``leaf(parent, key)`` for each place ``segments`` reaches (walking lists)."""
    if isinstance(node, list):
        for item in node:
            visit_field(item, segments, create, leaf)
        return
    if not isinstance(node, dict):
        return
    key = segments[0]
    is_list = key.endswith("[]")
    key = key[:-2] if is_list else key
    if len(segments) == 1:
        leaf(node, key)
        return
    child = node.get(key)
    if child is None:
        if not create or is_list:
            return
        child = node[key] = {}
    visit_field(child, segments[1:], create, leaf)


def merge_map_field(resources: list[Resource], specs: list[FieldSpec], values: dict[str, str]) -> None:
    """Labels or annotations: set ``values`` in the map at each matching field spec."""
    for res in resources:
        for path, kind, group, create in specs:
            if not _spec_matches(kind, group, res):
                continue

            def leaf(parent: dict[str, Any], key: str) -> None:
                current = parent.get(key)
                if current is None:
                    if not create:
                        return
                    current = parent[key] = {}
                if isinstance(current, dict):
                    current.update(values)

            visit_field(res.obj, _split_path(path), create, leaf)


def is_cluster_scoped(res: Resource) -> bool:
    """Whether the kind is cluster-scoped (built-in kinds as the registry knows them)."""
    from minikubectl.api.registry import builtin_registry

    rtype = builtin_registry().for_kind(str(res.obj.get("apiVersion") or ""), res.kind)
    if rtype is None:
        return res.kind in ("Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding",
                            "PersistentVolume", "StorageClass", "PriorityClass", "APIService",
                            "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "Node")
    return not rtype.namespaced


def set_namespace(resources: list[Resource], namespace: str) -> None:
    """The ``namespace`` field: every namespaced object, Namespace names, RBAC subjects."""
    for res in resources:
        if res.kind == "Namespace":
            res.rename(namespace)
            continue
        if not is_cluster_scoped(res):
            res.set_namespace(namespace)
        if res.kind in ("RoleBinding", "ClusterRoleBinding"):
            for subject in res.obj.get("subjects") or []:
                if isinstance(subject, dict) and subject.get("kind") == "ServiceAccount" \
                        and subject.get("name") == "default":
                    subject["namespace"] = namespace
        if res.kind == "APIService":
            service = (res.obj.get("spec") or {}).get("service")
            if isinstance(service, dict):
                service["namespace"] = namespace
        if res.kind == "CustomResourceDefinition":
            service = (((res.obj.get("spec") or {}).get("conversion") or {}).get("webhook") or {}) \
                .get("clientConfig", {}).get("service") if isinstance(res.obj.get("spec"), dict) else None
            if isinstance(service, dict):
                service["namespace"] = namespace


_NOT_RENAMED = ("Namespace", "CustomResourceDefinition")


def add_prefix_suffix(resources: list[Resource], prefix: str, suffix: str) -> None:
    """``namePrefix`` / ``nameSuffix`` on every name (not Namespaces or CRDs)."""
    for res in resources:
        if res.kind in _NOT_RENAMED:
            continue
        res.rename(prefix + res.name + suffix)
        if prefix:
            res.prefixes.append(prefix)
        if suffix:
            res.suffixes.append(suffix)


def split_image(image: str) -> tuple[str, str, str]:
    """(name, tag, digest) of an image reference; a registry's ``:port`` is not a tag."""
    slash = image.find("/")
    offset = slash if slash > 0 else 0
    search = image[offset:]
    at, colon = search.find("@"), search.find(":")
    if at < 0 and colon < 0:
        return image, "", ""
    if at >= 0 and (colon < 0 or at < colon):
        return image[:offset + at], "", image[offset + at + 1:]
    if at >= 0:
        return image[:offset + colon], image[offset + colon + 1:offset + at], image[offset + at + 1:]
    return image[:offset + colon], image[offset + colon + 1:], ""


def _new_image(value: str, entry: dict[str, Any]) -> str | None:
    name, tag, digest = split_image(value)
    if name != entry.get("name"):
        return None
    new_tag, new_digest = str(entry.get("newTag") or ""), str(entry.get("digest") or "")
    name = str(entry.get("newName") or "") or name
    if new_tag and new_digest:
        tag, digest = new_tag, new_digest
    elif new_tag:
        tag, digest = new_tag, ""
    elif new_digest:
        tag, digest = "", new_digest
    return name + (":" + tag if tag else "") + ("@" + digest if digest else "")


def _walk_containers(node: Any, entry: dict[str, Any]) -> None:
    if isinstance(node, list):
        for item in node:
            _walk_containers(item, entry)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key in ("containers", "initContainers") and isinstance(value, list):
            for container in value:
                if isinstance(container, dict) and isinstance(container.get("image"), str):
                    new = _new_image(container["image"], entry)
                    if new is not None:
                        container["image"] = new
        else:
            _walk_containers(value, entry)


def set_images(resources: list[Resource], images: list[dict[str, Any]]) -> None:
    """``images``: new name, tag or digest for every container image of that name."""
    for entry in images:
        for res in resources:
            _walk_containers(res.obj, entry)


def set_replicas(resources: list[Resource], replicas: list[dict[str, Any]]) -> None:
    """``replicas``: spec.replicas of the workloads of that (current or former) name."""
    for entry in replicas:
        for res in resources:
            if res.kind in REPLICAS_KINDS and entry.get("name") in res.names:
                spec = res.obj.setdefault("spec", {})
                if isinstance(spec, dict):
                    spec["replicas"] = entry.get("count")


def fix_name_references(resources: list[Resource]) -> None:
    """Rewrite fields naming a renamed object (prefix, suffix, hash) to its final name."""
    for referral_kind, specs in NAME_REFERENCES.items():
        candidates = [res for res in resources if res.kind == referral_kind
                      and (len(res.names) > 1 or len(res.namespaces) > 1)]
        if not candidates:
            continue
        for referrer in resources:
            for path, kind, group in specs:
                if not _spec_matches(kind, group, referrer):
                    continue
                visit_field(referrer.obj, _split_path(path), False,
                            _reference_fixer(referrer, candidates, referral_kind))


def _pick(referrer: Resource, candidates: list[Resource], name: str, namespace: str | None) -> Resource | None:
    matching = [c for c in candidates if name in c.names[:-1] or name == c.name]
    if not matching:
        return None
    if namespace is not None:
        in_ns = [c for c in matching if c.namespace == namespace or namespace in c.namespaces]
        matching = in_ns or matching
    scoped = [c for c in matching if c.prefixes == referrer.prefixes and c.suffixes == referrer.suffixes]
    return (scoped or matching)[0]


def _reference_fixer(referrer: Resource, candidates: list[Resource], referral_kind: str
                     ) -> Callable[[dict[str, Any], str], None]:
    ns = referrer.namespace

    def fix(parent: dict[str, Any], key: str) -> None:
        value = parent.get(key)
        if isinstance(value, str):
            target = _pick(referrer, candidates, value, ns)
            if target is not None:
                parent[key] = target.name
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    target = _pick(referrer, candidates, item, None)
                    if target is not None:
                        value[i] = target.name
                elif isinstance(item, dict):
                    _fix_named_map(item, referral_kind, referrer, candidates)
        elif isinstance(value, dict):
            _fix_named_map(value, referral_kind, referrer, candidates)

    return fix


def _fix_named_map(item: dict[str, Any], referral_kind: str, referrer: Resource,
                   candidates: list[Resource]) -> None:
    if "kind" in item and item.get("kind") != referral_kind:
        return
    name = item.get("name")
    if not isinstance(name, str):
        return
    target = _pick(referrer, candidates, name, item.get("namespace") if "namespace" in item else None)
    if target is None:
        return
    item["name"] = target.name
    if target.namespace and ("namespace" in item or referral_kind == "ServiceAccount"):
        item["namespace"] = target.namespace
