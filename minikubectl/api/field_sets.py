"""Field sets as the API server's structured merge tracks them (``managedFields``' FieldsV1).

A field set is a set of paths; a path is a tuple of FieldsV1 path elements:
``f:<field>`` (a struct field or a map key), ``k:<json>`` (an item of an associative
list, named by its key fields), ``v:<json>`` (an item of a set list), ``i:<n>`` (by index).
How a value is walked comes from the v1.33 OpenAPI definitions: ``x-kubernetes-list-type``
``map`` lists are keyed, ``set`` lists hold values, other lists and ``map-type: atomic``
structs are single leaves; kinds without a definition (custom resources) are *deduced*,
maps granular and lists atomic, as structured-merge-diff does.

A compiled type node is a marshal-able tuple:
``("s",)`` leaf, ``("o", defname)`` struct, ``("m", value_node)`` map, ``("d",)`` deduced,
``("l", keys, item_node)`` associative list, ``("v",)`` set list.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Iterable

from minikubectl.api.jsoncopy import clone

Path = tuple[str, ...]
FieldSet = set[Path]
TypeNode = tuple
TypeTable = dict[str, dict[str, TypeNode]]

LEAF: TypeNode = ("s",)
DEDUCED: TypeNode = ("d",)
#: Absent, as opposed to present with a JSON null.
MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()

_SCALAR_DEFS = ("io.k8s.apimachinery.pkg.api.resource.Quantity",
                "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
                "io.k8s.apimachinery.pkg.apis.meta.v1.Time",
                "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime")

# Struct fields present in a Go zero value: non-pointer structs and collections without
# omitempty. They exist "before" a create, so creating them is a change to their
# members, not an addition of the node itself (FieldsV1 then has no "." entry for them).
_ZERO_FIELDS: dict[str, tuple[str, ...]] = {
    "io.k8s.api.apps.v1.DeploymentSpec": ("template", "strategy"),
    "io.k8s.api.apps.v1.ReplicaSetSpec": ("template",),
    "io.k8s.api.apps.v1.StatefulSetSpec": ("template", "updateStrategy"),
    "io.k8s.api.apps.v1.DaemonSetSpec": ("template", "updateStrategy"),
    "io.k8s.api.batch.v1.JobSpec": ("template",),
    "io.k8s.api.batch.v1.CronJobSpec": ("jobTemplate",),
    "io.k8s.api.batch.v1.JobTemplateSpec": ("metadata", "spec"),
    "io.k8s.api.core.v1.PodTemplateSpec": ("metadata", "spec"),
    "io.k8s.api.core.v1.PodSpec": ("containers",),
    "io.k8s.api.core.v1.ServiceStatus": ("loadBalancer",),
    "io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerSpec": ("scaleTargetRef",),
    "io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec": ("scaleTargetRef",),
    "io.k8s.api.networking.v1.NetworkPolicySpec": ("podSelector",),
    "io.k8s.api.rbac.v1.RoleBinding": ("roleRef",),
    "io.k8s.api.rbac.v1.ClusterRoleBinding": ("roleRef",),
}
_TOP_LEVEL_ZERO = ("metadata", "spec", "status")


# --------------------------------------------------------------------------- types


def _ref_of(prop: dict[str, Any]) -> str | None:
    ref = prop.get("$ref")
    if ref is None:
        for sub in prop.get("allOf") or ():
            if isinstance(sub, dict) and sub.get("$ref"):
                ref = sub["$ref"]
                break
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _type_of(prop: dict[str, Any]) -> str:
    kind = prop.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "")
    return kind or ""


def _node(prop: dict[str, Any], defs: dict[str, dict]) -> TypeNode:
    ref = _ref_of(prop)
    if ref is not None:
        target = defs.get(ref) or {}
        if ref in _SCALAR_DEFS or target.get("x-kubernetes-map-type") == "atomic":
            return LEAF
        if isinstance(target.get("properties"), dict):
            return ("o", ref)
        return _node({k: v for k, v in target.items() if k != "$ref"}, defs) if target else DEDUCED
    kind = _type_of(prop)
    if kind == "array":
        list_type = prop.get("x-kubernetes-list-type")
        if list_type == "map":
            return ("l", tuple(prop.get("x-kubernetes-list-map-keys") or ()),
                    _node(prop.get("items") or {}, defs))
        if list_type == "set":
            return ("v",)
        return LEAF
    if kind == "object" or "additionalProperties" in prop or "properties" in prop:
        if prop.get("x-kubernetes-map-type") == "atomic":
            return LEAF
        extra = prop.get("additionalProperties")
        if isinstance(extra, dict):
            return ("m", _node(extra, defs))
        return DEDUCED
    if not kind and not prop:
        return DEDUCED
    return LEAF


def _build(defs: dict[str, dict]) -> dict[str, Any]:
    types: TypeTable = {}
    for name, definition in defs.items():
        props = definition.get("properties")
        if isinstance(props, dict):
            types[name] = {field: _node(sub, defs) for field, sub in props.items()
                           if isinstance(sub, dict)}
    kinds: dict[str, str] = {}
    for name in sorted(defs):
        for gvk in defs[name].get("x-kubernetes-group-version-kind", []):
            kinds.setdefault(f"{gvk.get('group', '')}/{gvk.get('version', '')}/{gvk.get('kind', '')}", name)
    return {"types": types, "kinds": kinds}


@lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    from minikubectl.api.schema_validation import load_cached
    try:
        return load_cached("fieldtypes", _build)
    except Exception:  # no schema installed: every kind is deduced
        return {"types": {}, "kinds": {}}


def root_node(api_version: str, kind: str) -> TypeNode:
    """The type node of a top-level object of ``apiVersion``/``kind``."""
    group, _, version = api_version.rpartition("/")
    name = _tables()["kinds"].get(f"{group}/{version}/{kind}")
    return ("o", name) if name else DEDUCED


def _fields(node: TypeNode) -> dict[str, TypeNode] | None:
    if node[0] != "o":
        return None
    return _tables()["types"].get(node[1])


@lru_cache(maxsize=None)
def always_present(node: TypeNode, top: bool) -> dict[str, Any]:
    """The members a Go zero value of the struct always serializes, with their zero forms.

    Our stored JSON drops them when empty; compared as the API server compares typed
    objects, an absent one stands for its zero form on either side.
    """
    fields = _fields(node)
    if fields is None:
        return {}
    present = _TOP_LEVEL_ZERO if top else _ZERO_FIELDS.get(node[1], ())
    out: dict[str, Any] = {}
    if node[1] == "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta":
        out["creationTimestamp"] = None  # a metav1.Time value, serialized as null
    for name in present:
        sub = fields.get(name)
        if sub is None:
            continue
        if sub[0] == "o":
            out[name] = {}
        elif sub[0] in ("l", "v", "s"):
            out[name] = None
    return out


# --------------------------------------------------------------------------- path elements


# One encoder for every path element (``json.dumps`` with options builds one per call).
_ENCODE = json.JSONEncoder(separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode


def _json(value: Any) -> str:
    return _ENCODE(value)


_QUOTE = json.encoder.encode_basestring  # what the encoder writes for a str (non-ASCII kept)


def _item_element(node: TypeNode, item: Any) -> str | None:
    if node[0] == "v":
        return "v:" + _json(item)
    if not isinstance(item, dict):
        return None
    names = node[1]
    if len(names) == 1 and names[0] != "protocol":
        value = item.get(names[0])
        if type(value) is str:  # the common key (a name): written without the encoder
            return "k:{" + _QUOTE(names[0]) + ":" + _QUOTE(value) + "}"
    key = {name: item[name] for name in names if name in item}
    if key and "protocol" in node[1] and "protocol" not in key:
        key["protocol"] = "TCP"  # the schema's default for a key field completes the key
    return "k:" + _json(key) if key else None


def path_string(path: Path) -> str:
    """A path as the API server prints it in conflicts: ``.spec.containers[name="x"].image``."""
    out = []
    for element in path:
        kind, _, rest = element.partition(":")
        if kind == "f":
            out.append("." + rest)
        elif kind == "k":
            key = json.loads(rest)
            out.append("[" + ",".join(f"{k}={_value_string(key[k])}" for k in sorted(key)) + "]")
        elif kind == "v":
            out.append("[=" + _value_string(json.loads(rest)) + "]")
        else:
            out.append(f"[{rest}]")
    return "".join(out)


def _value_string(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return _json(value)


# --------------------------------------------------------------------------- walks


def _is_leaf(node: TypeNode, lhs: Any, rhs: Any) -> bool:
    kind = node[0]
    if kind == "s":
        return True
    collection = list if kind in ("l", "v") else dict
    if kind == "d" and (isinstance(lhs, list) or isinstance(rhs, list)):
        return True  # deduced lists are atomic
    for side in (lhs, rhs):
        if side is not MISSING and side is not None and not isinstance(side, collection):
            return True
    return not (lhs not in (MISSING, None) and len(lhs)) and not (rhs not in (MISSING, None) and len(rhs))


def compare(lhs: Any, rhs: Any, node: TypeNode) -> tuple[FieldSet, FieldSet]:
    """The paths changed (added or modified) and removed going from ``lhs`` to ``rhs``."""
    changed, removed = change_trees(lhs, rhs, node)
    return from_fields_v1(changed), from_fields_v1(removed)


def _index(node: TypeNode, items: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if isinstance(items, list):
        for item in items:
            element = _item_element(node, item)
            if element is not None and element not in out:
                out[element] = item
    return out


def field_set(value: Any, node: TypeNode, path: Path = ()) -> FieldSet:
    """Every path an applied configuration sets (structured-merge-diff's ToFieldSet)."""
    out: FieldSet = set()
    _field_set(value, node, path, out)
    return out


def _field_set(value: Any, node: TypeNode, path: Path, out: FieldSet) -> None:
    kind = node[0]
    if kind == "s" or (kind == "d" and isinstance(value, list)):
        out.add(path)
    elif kind in ("l", "v"):
        if not isinstance(value, list):
            out.add(path)
            return
        item_node = node[2] if kind == "l" else LEAF
        for item in value:
            element = _item_element(node, item)
            if element is None:
                continue
            _field_set(item, item_node, path + (element,), out)
            out.add(path + (element,))
    elif isinstance(value, dict):
        fields = _fields(node)
        child = _child_of(node)
        for key, sub in value.items():
            child_path = path + ("f:" + key,)
            _field_set(sub, child(key), child_path, out)
            if sub is None or (isinstance(sub, dict) and not sub) or fields is None or key not in fields:
                out.add(child_path)
    else:
        out.add(path)


def merge(lhs: Any, rhs: Any, node: TypeNode) -> Any:
    """``rhs`` (an applied configuration) merged into ``lhs`` (the live object)."""
    kind = node[0]
    if kind == "s" or lhs is MISSING or lhs is None or rhs is None:
        return clone(rhs)
    if kind in ("l", "v"):
        if not isinstance(lhs, list) or not isinstance(rhs, list):
            return clone(rhs)
        item_node = node[2] if kind == "l" else LEAF
        wanted = _index(node, rhs)
        out = []
        seen = set()
        for item in lhs:
            element = _item_element(node, item)
            if element in wanted:
                out.append(merge(item, wanted[element], item_node))
                seen.add(element)
            else:
                out.append(item)
        out.extend(clone(item) for element, item in wanted.items() if element not in seen)
        return out
    if not isinstance(lhs, dict) or not isinstance(rhs, dict):
        return clone(rhs)  # also a deduced list: atomic
    merged = dict(lhs)
    child = _child_of(node)
    for key, sub in rhs.items():
        merged[key] = merge(lhs.get(key, MISSING), sub, child(key))
    return merged


def remove_paths(obj: dict[str, Any], paths: Iterable[Path]) -> None:
    """Delete each path's node from ``obj`` in place (paths that are not there are skipped)."""
    for path in sorted(paths, key=len):
        parent: Any = obj
        for element in path[:-1]:
            parent = _step(parent, element)
            if parent is MISSING:
                break
        else:
            _delete(parent, path[-1])


def _step(value: Any, element: str) -> Any:
    kind, _, rest = element.partition(":")
    if kind == "f":
        return value.get(rest, MISSING) if isinstance(value, dict) else MISSING
    if isinstance(value, list):
        for index, item in enumerate(value):
            if _matches(item, index, kind, rest):
                return item
    return MISSING


def _matches(item: Any, index: int, kind: str, rest: str) -> bool:
    if kind == "k":
        key = json.loads(rest)
        return isinstance(item, dict) and all(item.get(k) == v for k, v in key.items())
    if kind == "v":
        return item == json.loads(rest)
    return kind == "i" and str(index) == rest


def _delete(parent: Any, element: str) -> None:
    kind, _, rest = element.partition(":")
    if kind == "f":
        if isinstance(parent, dict):
            parent.pop(rest, None)
    elif isinstance(parent, list):
        parent[:] = [item for index, item in enumerate(parent) if not _matches(item, index, kind, rest)]


# --------------------------------------------------------------------------- FieldsV1


def to_fields_v1(paths: Iterable[Path]) -> dict[str, Any]:
    """The FieldsV1 form: nested objects, ``{}`` for a member leaf, ``".": {}`` for a member
    that also has members below it."""
    root: dict[str, Any] = {}
    for path in paths:
        node = root
        for element in path:
            node = node.setdefault(element, {})
        node["."] = {}
    _tidy(root)
    root.pop(".", None)
    return root


def _tidy(node: dict[str, Any]) -> None:
    for key, child in node.items():
        if key == ".":
            continue
        if list(child) == ["."]:
            child.clear()
        else:
            _tidy(child)


def change_trees(lhs: Any, rhs: Any, node: TypeNode) -> tuple[dict[str, Any], dict[str, Any]]:
    """What changed (added or modified) and what was removed from ``lhs`` to ``rhs``, as
    FieldsV1 trees (the same members :func:`compare` finds, without building paths)."""
    changed, removed = _changes(lhs, rhs, node, True)
    return changed or {}, removed or {}


def _child_of(node: TypeNode) -> Any:
    """A function giving the type node of a member of ``node`` (looked up once per node)."""
    kind = node[0]
    if kind == "m":
        value = node[1]
        return lambda key: value
    fields = _fields(node) if kind == "o" else None
    if fields is None:
        return lambda key: DEDUCED
    return lambda key: fields.get(key, DEDUCED)


def _changes(lhs: Any, rhs: Any, node: TypeNode, top: bool = False) -> tuple[dict | None, dict | None]:
    if lhs is not MISSING and rhs is not MISSING and lhs == rhs:
        return None, None
    if lhs is MISSING:
        return _whole(rhs, node, top, False), None
    if rhs is MISSING:
        return None, _whole(lhs, node, top, True)
    if _is_leaf(node, lhs, rhs):
        return {}, None
    changed: dict[str, Any] = {}
    removed: dict[str, Any] = {}
    if node[0] in ("l", "v"):
        item_node = node[2] if node[0] == "l" else LEAF
        left, right = _index(node, lhs), _index(node, rhs)
        for element in {**left, **right}:
            c, r = _changes(left.get(element, MISSING), right.get(element, MISSING), item_node)
            if c is not None:
                changed[element] = c
            if r is not None:
                removed[element] = r
    else:
        left_map = lhs if isinstance(lhs, dict) else {}
        right_map = rhs if isinstance(rhs, dict) else {}
        present = always_present(node, top) if node[0] == "o" else {}
        child = _child_of(node)
        for key in {**left_map, **right_map}:
            left_value, right_value = left_map.get(key, MISSING), right_map.get(key, MISSING)
            if left_value is not MISSING and right_value is not MISSING and left_value == right_value:
                continue  # the common case, decided before any call
            if key in present:
                left_value = present[key] if left_value is MISSING else left_value
                right_value = present[key] if right_value is MISSING else right_value
            if left_value is MISSING and type(right_value) is not dict and type(right_value) is not list:
                changed["f:" + key] = {}  # a scalar appears: a leaf, whatever the type says
                continue
            if right_value is MISSING and type(left_value) is not dict and type(left_value) is not list:
                removed["f:" + key] = {}
                continue
            c, r = _changes(left_value, right_value, child(key))
            if c is not None:
                changed["f:" + key] = c
            if r is not None:
                removed["f:" + key] = r
    return (changed or None), (removed or None)


def _whole(value: Any, node: TypeNode, top: bool, removing: bool) -> dict[str, Any]:
    """The tree of a value that appears (or, ``removing``, disappears) as a whole."""
    kind = node[0]
    out: dict[str, Any] = {}
    if kind in ("l", "v"):
        if isinstance(value, list) and value:
            item_node = node[2] if kind == "l" else LEAF
            for element, item in _index(node, value).items():
                out[element] = _whole(item, item_node, False, removing)
    elif kind != "s" and isinstance(value, dict) and value:
        present = always_present(node, top) if kind == "o" else {}
        child = _child_of(node)
        for key, sub in value.items():
            if key in present:
                c, r = _changes(sub, present[key], child(key)) if removing else \
                    _changes(present[key], sub, child(key))
                found = r if removing else c
                if found is not None:
                    out["f:" + key] = found
            elif type(sub) is dict or type(sub) is list:
                out["f:" + key] = _whole(sub, child(key), False, removing) if sub else {}
            else:
                out["f:" + key] = {}  # a scalar is a leaf of any type: no call needed
    if out:
        out["."] = {}
    return out


def _is_member(tree: dict[str, Any]) -> bool:
    return not tree or "." in tree


def _has_children(tree: dict[str, Any]) -> bool:
    return any(key != "." for key in tree)


def tree_union(dst: dict[str, Any], src: dict[str, Any]) -> None:
    """Add the members of FieldsV1 tree ``src`` to ``dst`` (in place; ``src``'s nodes are
    taken over, so pass a tree nothing else holds)."""
    for key, sub in src.items():
        if key == ".":
            continue
        into = dst.get(key)
        if into is None:
            dst[key] = sub
            continue
        member = _is_member(into) or _is_member(sub)
        if _has_children(sub):
            tree_union(into, sub)
        if _has_children(into):
            if member:
                into["."] = {}
        else:
            into.clear()


def tree_difference(dst: dict[str, Any], src: dict[str, Any]) -> None:
    """Remove the members of FieldsV1 tree ``src`` from ``dst`` (in place)."""
    for key, sub in src.items():
        if key == "." or key not in dst:
            continue
        into = dst[key]
        member = _is_member(into) and not _is_member(sub)
        if _has_children(sub) and _has_children(into):
            tree_difference(into, sub)
        if _has_children(into):
            if member:
                into["."] = {}
            else:
                into.pop(".", None)
        elif member:
            into.clear()
        else:
            del dst[key]


def tree_add(tree: dict[str, Any], path: Path) -> None:
    """Make ``path`` a member of a FieldsV1 tree (in place)."""
    tree_union(tree, to_fields_v1([path]))


def tree_remove(tree: dict[str, Any], path: Path) -> None:
    """Make ``path`` no longer a member of a FieldsV1 tree (in place; members below it stay)."""
    tree_difference(tree, to_fields_v1([path]))


def from_fields_v1(tree: Any, path: Path = ()) -> FieldSet:
    """The paths of a FieldsV1 tree."""
    out: FieldSet = set()
    if not isinstance(tree, dict):
        return out
    for key, child in tree.items():
        if key == ".":
            out.add(path)
        elif isinstance(child, dict) and child:
            out |= from_fields_v1(child, path + (key,))
        else:
            out.add(path + (key,))
    return out
