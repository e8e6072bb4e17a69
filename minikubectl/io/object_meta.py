"""Whether a decoded ``metadata`` fits ObjectMeta's Go types, with the decoder's error text."""

from __future__ import annotations

import re
from typing import Any

from minikubectl.golang.json import decoded_kind
from minikubectl.golang.strconv import format_float_json as go_json_number
from minikubectl.golang.strconv import quote as go_quote

_ABSENT = object()


_STRING = "string"
_INT64 = "int64"
_TIME = "time"
_BOOL = "bool"
_RAW = "raw"

_OWNER_REF = ("OwnerReference", {"apiVersion": _STRING, "kind": _STRING, "name": _STRING,
                                 "uid": _STRING, "controller": _BOOL,
                                 "blockOwnerDeletion": _BOOL})
_MANAGED = ("ManagedFieldsEntry", {"manager": _STRING, "operation": _STRING,
                                   "apiVersion": _STRING, "time": _TIME, "fieldsType": _STRING,
                                   "fieldsV1": _RAW, "subresource": _STRING})
_OBJECT_META = ("ObjectMeta", {
    "name": _STRING, "generateName": _STRING, "namespace": _STRING, "selfLink": _STRING,
    "uid": _STRING, "resourceVersion": _STRING, "generation": _INT64,
    "creationTimestamp": _TIME, "deletionTimestamp": _TIME,
    "deletionGracePeriodSeconds": _INT64, "labels": ("map", _STRING),
    "annotations": ("map", _STRING), "ownerReferences": ("list", _OWNER_REF),
    "finalizers": ("list", _STRING), "managedFields": ("list", _MANAGED)})
_GO_TYPE_NAMES = {_STRING: "string", _INT64: "int64", _BOOL: "bool"}
_RFC3339_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _go_type_name(spec: Any) -> str:
    if isinstance(spec, str):
        return _GO_TYPE_NAMES.get(spec, "v1.Time")
    if spec[0] == "map":
        return "map[string]" + _go_type_name(spec[1])
    if spec[0] == "list":
        return "[]" + _go_type_name(spec[1])
    return "v1." + spec[0]


def validate_object_meta(obj: dict, sorted_keys: bool = True) -> str | None:
    """kubectl's metadataValidatingDecoder: the first error decoding into ObjectMeta.

    Returns Go's message (``json: cannot unmarshal string into Go struct field
    ObjectMeta.metadata.labels of type map[string]string``) or None.
    """
    metadata = _lookup_fold(obj, "metadata", sorted_keys)
    if metadata is _ABSENT or metadata is None:
        return None
    if not isinstance(metadata, dict):
        return (f"json: cannot unmarshal {decoded_kind(metadata)} into Go struct field "
                "metadataOnlyObject.metadata of type v1.ObjectMeta")
    return _check_struct(metadata, _OBJECT_META, "metadata", sorted_keys)


def _lookup_fold(obj: dict, name: str, sorted_keys: bool) -> Any:
    found = _ABSENT
    for key in (sorted(obj) if sorted_keys else obj):
        if key == name or key.lower() == name.lower():
            found = obj[key]
    return found


def _check_struct(value: dict, struct_spec: tuple, path: str, sorted_keys: bool) -> str | None:
    struct_name, fields = struct_spec
    lowered = {name.lower(): name for name in fields}
    for key in (sorted(value) if sorted_keys else value):
        name = key if key in fields else lowered.get(key.lower())
        if name is None:
            continue
        error = _check_value(value[key], fields[name], struct_name, f"{path}.{name}", sorted_keys)
        if error is not None:
            return error
    return None


def _check_value(value: Any, spec: Any, struct_name: str, path: str, sorted_keys: bool) -> str | None:
    if value is None:
        return None

    def mismatch(shown: str | None = None) -> str:
        return (f"json: cannot unmarshal {shown or decoded_kind(value)} into Go struct field "
                f"{struct_name}.{path} of type {_go_type_name(spec)}")

    if spec == _RAW:
        return None
    if spec == _STRING:
        return None if isinstance(value, str) else mismatch()
    if spec == _BOOL:
        return None if isinstance(value, bool) else mismatch()
    if spec == _INT64:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return mismatch()
        if isinstance(value, float):
            return mismatch("number " + go_json_number(value))
        return None
    if spec == _TIME:
        if not isinstance(value, str):
            return f"json: cannot unmarshal {decoded_kind(value)} into Go value of type string"
        if not _RFC3339_RE.match(value):
            return f'parsing time {go_quote(value)} as "2006-01-02T15:04:05Z07:00": cannot parse ' \
                   f'{go_quote(value)} as "2006"'
        return None
    kind = spec[0]
    if kind == "map":
        if not isinstance(value, dict):
            return mismatch()
        for key in (sorted(value) if sorted_keys else value):
            error = _check_value(value[key], spec[1], struct_name, path, sorted_keys)
            if error is not None:
                return error
        return None
    if kind == "list":
        if not isinstance(value, list):
            return mismatch()
        for item in value:
            error = _check_value(item, spec[1], struct_name, path, sorted_keys)
            if error is not None:
                return error
        return None
    # a nested struct
    if not isinstance(value, dict):
        return mismatch()
    return _check_struct(value, spec, path, sorted_keys)
