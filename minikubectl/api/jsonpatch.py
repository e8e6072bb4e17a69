"""RFC 6902 JSON patch, as the API server applies ``--type=json`` patches.

Error texts follow evanphx/json-patch v4, which the API server uses.
"""

from __future__ import annotations

import copy
from typing import Any


class JSONPatchError(Exception):
    """A JSON patch that cannot be decoded or applied (evanphx/json-patch v4 wording)."""


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def _split_pointer(path: str) -> list[str]:
    if path == "":
        return []
    if not path.startswith("/"):
        raise JSONPatchError(f'add operation does not apply: doc is missing path: "{path}": missing value')
    return [_unescape(part) for part in path[1:].split("/")]


def _parent(doc: Any, parts: list[str], op: str, path: str) -> Any:
    """The container holding the last token of ``parts``."""
    node = doc
    for token in parts[:-1]:
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list):
            index = _index(token, len(node), op, allow_end=False)
            node = node[index]
        else:
            node = None
        if not isinstance(node, (dict, list)):
            break
    if not isinstance(node, (dict, list)):
        raise JSONPatchError(f'{op} operation does not apply: doc is missing path: "{path}": missing value')
    return node


def _index(token: str, length: int, op: str, allow_end: bool) -> int:
    if allow_end and token == "-":
        return length
    try:
        if token.strip() != token or (len(token) > 1 and token.startswith("0")) or token.startswith("+"):
            raise ValueError
        index = int(token)
    except ValueError:
        raise JSONPatchError(f'strconv.Atoi: parsing "{token}": invalid syntax') from None
    limit = length if allow_end else length - 1
    if index < 0 or index > limit:
        raise JSONPatchError(f"Unable to access invalid index: {index}: invalid index referenced")
    return index


def _get(doc: Any, path: str, op: str) -> Any:
    parts = _split_pointer(path)
    if not parts:
        return doc
    container = _parent(doc, parts, op, path)
    key = parts[-1]
    if isinstance(container, dict):
        if key not in container:
            return _MISSING
        return container[key]
    return container[_index(key, len(container), op, allow_end=False)]


_MISSING = object()


def _add(doc: Any, path: str, value: Any) -> Any:
    parts = _split_pointer(path)
    if not parts:
        return value
    container = _parent(doc, parts, "add", path)
    key = parts[-1]
    if isinstance(container, dict):
        container[key] = value
    else:
        container.insert(_index(key, len(container), "add", allow_end=True), value)
    return doc


def _remove(doc: Any, path: str, op: str = "remove") -> tuple[Any, Any]:
    parts = _split_pointer(path)
    if not parts:
        raise JSONPatchError(f'{op} operation does not apply: doc is missing path: "{path}": missing value')
    container = _parent(doc, parts, op, path)
    key = parts[-1]
    if isinstance(container, dict):
        if key not in container:
            raise JSONPatchError(f"Unable to remove nonexistent key: {key}: missing value")
        return doc, container.pop(key)
    return doc, container.pop(_index(key, len(container), op, allow_end=False))


def _replace(doc: Any, path: str, value: Any) -> Any:
    parts = _split_pointer(path)
    if not parts:
        return value
    container = _parent(doc, parts, "replace", path)
    key = parts[-1]
    if isinstance(container, dict):
        if key not in container:
            raise JSONPatchError(f"replace operation does not apply: doc is missing key: {path}: missing value")
        container[key] = value
    else:
        container[_index(key, len(container), "replace", allow_end=False)] = value
    return doc


def _json_equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b if isinstance(a, bool) and isinstance(b, bool) else False
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_json_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_json_equal(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def decode_json_patch(raw: Any) -> list[dict[str, Any]]:
    """The operations of a JSON patch document (a JSON array of objects)."""
    if not isinstance(raw, list):
        kind = {dict: "object", str: "string", bool: "bool"}.get(type(raw), "number")
        raise JSONPatchError(f"json: cannot unmarshal {kind} into Go value of type jsonpatch.Patch")
    for item in raw:
        if not isinstance(item, dict):
            kind = {list: "array", str: "string", bool: "bool"}.get(type(item), "number")
            raise JSONPatchError(f"json: cannot unmarshal {kind} into Go value of type jsonpatch.Operation")
    return raw


def _path_of(operation: dict[str, Any], key: str = "path") -> str:
    value = operation.get(key)
    if not isinstance(value, str):
        raise JSONPatchError(f"operation missing {key} field: missing value" if key == "path"
                             else f"operation, missing {key} field: missing value")
    return value


def apply_json_patch(doc: Any, operations: list[dict[str, Any]]) -> Any:
    """Apply RFC 6902 operations to a copy of ``doc``."""
    doc = copy.deepcopy(doc)
    for operation in operations:
        op = operation.get("op")
        if op == "add":
            doc = _add(doc, _path_of(operation), _value_of(operation, "add"))
        elif op == "remove":
            doc, _ = _remove(doc, _path_of(operation))
        elif op == "replace":
            doc = _replace(doc, _path_of(operation), _value_of(operation, "replace"))
        elif op == "move":
            source = _path_of(operation, "from")
            doc, value = _remove(doc, source, "move")
            doc = _add(doc, _path_of(operation), value)
        elif op == "copy":
            value = _get(doc, _path_of(operation, "from"), "copy")
            if value is _MISSING:
                raise JSONPatchError(f'copy operation does not apply: doc is missing from path: '
                                     f'"{operation["from"]}": missing value')
            doc = _add(doc, _path_of(operation), copy.deepcopy(value))
        elif op == "test":
            path = _path_of(operation)
            current = _get(doc, path, "test")
            expected = operation.get("value")
            if current is _MISSING:
                current = None
            if not _json_equal(current, expected):
                raise JSONPatchError(f"testing value {path} failed: test failed")
        else:
            raise JSONPatchError(f"Unexpected kind: {op if isinstance(op, str) else 'unknown'}")
    return doc


def _value_of(operation: dict[str, Any], op: str) -> Any:
    if "value" not in operation:
        raise JSONPatchError(f"{op} operation, missing value field: missing value"
                             if op == "replace" else "add operation, missing value field: missing value")
    return copy.deepcopy(operation["value"])
