"""What the API server's typed round trip drops: empty maps and lists tagged ``omitempty``.

The API server decodes a written object into Go structs and encodes it back, so a map or
slice field tagged ``omitempty`` that is empty (or null) disappears: removing the last
label leaves no ``metadata.labels`` at all, and ``-o jsonpath='{.metadata.labels}'`` then
prints nothing. Go structs are kept even when empty (``securityContext: {}``), and so are
free-form fields (RawExtension, FieldsV1) and maps inside maps.

Which fields are map/slice comes from the compiled v1.33 schema (schema_validation).
Nearly every such field is ``omitempty``; the exceptions are the schema's required
fields and the few optional ones listed in :data:`KEPT_WHEN_EMPTY`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: (Go struct, field) pairs whose json tag has no ``omitempty`` although the field is optional.
KEPT_WHEN_EMPTY = frozenset({("Role", "rules"), ("ClusterRole", "rules")})


def drop_empty(obj: dict[str, Any]) -> dict[str, Any]:
    """Remove, in place, the empty omitempty maps and lists of a typed object; returns it.

    Objects of kinds the schema does not know (custom resources) are left as they are:
    their server keeps the JSON as sent.
    """
    from minikubectl.api.schema_validation import compiled_schema, definition_name

    try:
        defname = definition_name(obj)
    except (OSError, ValueError):  # no schema installed: nothing to go by
        return obj
    if defname is not None:
        _struct(obj, defname, compiled_schema()["structs"])
    return obj


# Definition -> the names of its fields that are maps, lists or structs: the only ones that
# can be dropped or hold something to drop (a struct's other fields need no look).
_CONTAINER_FIELDS: dict[str, frozenset[str]] = {}


def _container_fields(defname: str, props: Mapping[str, tuple]) -> frozenset[str]:
    found = _CONTAINER_FIELDS.get(defname)
    if found is None:
        found = _CONTAINER_FIELDS[defname] = frozenset(
            key for key, node in props.items() if node[0] in ("map", "arr", "obj"))
    return found


def _struct(obj: dict[str, Any], defname: str, structs: Mapping[str, tuple]) -> None:
    entry = structs.get(defname)
    if entry is None:
        return
    short, props, required, _enums = entry
    for key in obj.keys() & _container_fields(defname, props):
        node = props[key]
        value = obj[key]
        kind = node[0]
        if kind in ("map", "arr") and not value and (value is None or isinstance(value, (dict, list))):
            if key not in required and (short, key) not in KEPT_WHEN_EMPTY:
                del obj[key]
            continue
        _value(value, node, structs)


def _value(value: Any, node: tuple, structs: Mapping[str, tuple]) -> None:
    kind = node[0]
    if kind == "obj" and isinstance(value, dict):
        _struct(value, node[1], structs)
    elif kind == "arr" and isinstance(value, list):
        for item in value:
            _value(item, node[2], structs)
    elif kind == "map" and isinstance(value, dict):
        for item in value.values():
            _value(item, node[2], structs)
