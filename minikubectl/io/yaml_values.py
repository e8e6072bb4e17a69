"""YAML documents to JSON values with go-yaml v2 rules (YAML 1.1 scalars, merge keys) and
sigs.k8s.io/yaml's conversion (non-string keys become strings), with go-yaml's error texts.

The node trees come from yaml_nodes (libyaml); here they become values."""

from __future__ import annotations

import base64
import re
import struct
from typing import Any

from minikubectl.golang.strconv import quote as go_quote
from minikubectl.io.go_json import INT64_MAX, INT64_MIN, UINT64_MAX


from minikubectl.io.yaml_nodes import IMPLICIT as _IMPLICIT, YAMLConvertError, compose as _compose

_YAML_FLOAT_RE = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_GO_FLOAT_RE = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^[-+]?(inf|infinity|nan)$",
                          re.IGNORECASE)
_BOOL_NULL_MAP: dict[str, Any] = {}
for _words, _value in ((("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
                       (("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False)):
    for _w in _words:
        _BOOL_NULL_MAP[_w] = _value
_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))
_SPECIAL_FLOATS = {".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
                   ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
                   "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
                   "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf")}
_MERGE = object()

_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_BINARY_TAG = "tag:yaml.org,2002:binary"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_RESOLVABLE = {"", _STR_TAG, _BOOL_TAG, _INT_TAG, _FLOAT_TAG, _NULL_TAG, _TIMESTAMP_TAG}


def go_parse_int(text: str) -> int | None:
    """``strconv.ParseInt/ParseUint(text, 0, 64)`` without range checks (None if invalid)."""
    body = text
    sign = 1
    if body[:1] in "+-" and body:
        sign = -1 if body[0] == "-" else 1
        body = body[1:]
    if not body:
        return None
    base = 10
    lower = body[:2].lower()
    if lower == "0x":
        base, body = 16, body[2:]
    elif lower == "0o":
        base, body = 8, body[2:]
    elif lower == "0b":
        base, body = 2, body[2:]
    elif body[0] == "0" and len(body) > 1:
        base, body = 8, body[1:]
    if not body:
        return None
    digits = "0123456789abcdef"[:base]
    if any(c not in digits for c in body.lower()):
        return None
    return sign * int(body, base)


_TS_RE = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2}))"
    r"|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?))?$")


def is_yaml_timestamp(text: str) -> bool:
    """go-yaml v2's parseTimestamp: one of its four time.Parse layouts matches."""
    match = _TS_RE.match(text)
    if not match:
        return False
    import calendar
    year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return False
    clock = match.group(4, 5, 6) if match.group(4) else match.group(9, 10, 11)
    if clock[0] is not None:
        hour, minute, sec = (int(x) for x in clock)
        if hour > 23 or minute > 59 or sec > 59:
            return False
        zone = match.group(8)
        if zone and zone != "Z" and (int(zone[1:3]) > 23 or int(zone[4:6]) > 59):
            return False
    return True


def yaml_resolve(text: str, tag: str = "") -> tuple[str, Any]:
    """go-yaml v2's ``resolve(tag, in)``: the resolved tag and Go-like value.

    Integers come back as Python ints (any size: callers apply the int64/uint64 rule),
    floats as floats, timestamps as the string itself.
    """
    if tag not in _RESOLVABLE:
        return tag, text
    rtag, out = _resolve_plain(text, tag)
    if tag in ("", rtag, _STR_TAG, _BINARY_TAG):
        return rtag, out
    if tag == _FLOAT_TAG and rtag == _INT_TAG and INT64_MIN <= out <= INT64_MAX:
        return _FLOAT_TAG, float(out)
    raise YAMLConvertError(f"yaml: cannot decode {_short_tag(rtag)} `{text}` as a {_short_tag(tag)}")


def _short_tag(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


# The first characters of every plain scalar that may resolve to something else than a string.
_RESOLVE_HINTS = frozenset("+-0123456789yYnNtTfFoO~.")


def _resolve_plain(text: str, tag: str) -> tuple[str, Any]:
    hint = text[0] if text else "N"
    if tag in (_STR_TAG, _BINARY_TAG):
        return _STR_TAG, text
    if not (hint in _RESOLVE_HINTS or hint == "N" and not text):
        return _STR_TAG, text
    if text in _BOOL_NULL_MAP:
        return _BOOL_TAG, _BOOL_NULL_MAP[text]
    if text in _NULL_WORDS:
        return _NULL_TAG, None
    if text in _SPECIAL_FLOATS:
        return _FLOAT_TAG, _SPECIAL_FLOATS[text]
    if text == "<<":
        return _MERGE_TAG, _MERGE
    if hint == ".":
        if _GO_FLOAT_RE.match(text):
            try:
                number = float(text)
            except ValueError:
                number = float("inf")
            if number not in (float("inf"), float("-inf")):  # Go: ErrRange -> not a float
                return _FLOAT_TAG, number
        return _STR_TAG, text
    if hint in "+-0123456789":
        if tag in ("", _TIMESTAMP_TAG) and is_yaml_timestamp(text):
            return _TIMESTAMP_TAG, text
        plain = text.replace("_", "")
        value = go_parse_int(plain)
        if value is not None:
            if INT64_MIN <= value <= INT64_MAX:
                return _INT_TAG, value
            if value <= UINT64_MAX and plain[:1] not in "+-":
                return _INT_TAG, value  # ParseUint
        if _YAML_FLOAT_RE.match(plain) and float(plain) not in (float("inf"), float("-inf")):
            return _FLOAT_TAG, float(plain)
        if plain.startswith("0b") or plain.startswith("-0b"):
            neg = plain.startswith("-")
            digits = plain[3:] if neg else plain[2:]
            if digits and all(c in "01" for c in digits):
                number = int(digits, 2) * (-1 if neg else 1)
                if INT64_MIN <= number <= (INT64_MAX if neg else UINT64_MAX):
                    return _INT_TAG, number
    return _STR_TAG, text


def yaml_to_json_value(chunk: str) -> Any:
    """One YAML document converted the way ``yaml.YAMLToJSON`` + kubectl's JSON decoding do.

    Returns None for an empty document. Raises YAMLConvertError with the text that
    follows ``error converting YAML to JSON: ``.
    """
    node = _compose(chunk)
    if node is None:
        return None
    try:
        return _plain_value(node)
    except _Unusual:
        pass  # tags, merge keys, non-string keys...: the general construction below
    value = _construct(node)
    return _jsonify(value)


class _Unusual(Exception):
    """A document the one-pass construction leaves to the general one."""


_NODE_CLASSES: tuple[Any, Any, Any] | None = None  # yaml.ScalarNode, SequenceNode, MappingNode


def _plain_value(node: Any) -> Any:
    """``_jsonify(_construct(node))`` in one pass, for the documents nearly all manifests are:
    untagged scalars, string keys, no merge keys (anything else raises :class:`_Unusual`)."""
    global _NODE_CLASSES
    if _NODE_CLASSES is None:
        import yaml
        _NODE_CLASSES = (yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode)
    scalar_class, sequence_class, mapping_class = _NODE_CLASSES

    def value_of(node: Any) -> Any:
        cls = type(node)
        if cls is scalar_class:
            if node.tag != _IMPLICIT:
                raise _Unusual
            text = node.value
            if node.style not in (None, "") or (text and text[0] not in _RESOLVE_HINTS):
                return text  # quoted, block, or plain text no other type can start with
            value = _resolve_plain(text, "")[1]
            if value is _MERGE:
                raise _Unusual
            if type(value) is int:
                return value if INT64_MIN <= value <= INT64_MAX else float(value)
            if type(value) is float:
                if value != value or value in (float("inf"), float("-inf")):
                    raise _Unusual  # an error: reported in the general construction's order
                return _json_number(value)
            return value
        if cls is mapping_class:
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if type(key_node) is not scalar_class or key_node.tag != _IMPLICIT:
                    raise _Unusual
                key = key_node.value
                if key_node.style in (None, "") and key and key[0] in _RESOLVE_HINTS:
                    if type(_resolve_plain(key, "")[1]) is not str:
                        raise _Unusual  # a bool, number or null key: converted by _key_string
                elif key == "<<" and key_node.style in (None, ""):
                    raise _Unusual
                out[key] = value_of(value_node)
            return out
        if cls is sequence_class:
            return [value_of(child) for child in node.value]
        raise _Unusual

    try:
        return value_of(node)
    finally:
        value_of = None  # type: ignore[assignment]  # no closure cycle left behind


def _construct(node: Any) -> Any:
    """A Python value shaped like go-yaml v2's decoding into interface{}."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return _construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_construct(child) for child in node.value]
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        _construct_mapping(node, out)
        return out
    return None  # pragma: no cover


def _construct_scalar(node: Any) -> Any:
    tag = "" if node.tag == _IMPLICIT else node.tag
    if node.tag == _IMPLICIT and node.style not in (None, ""):
        return node.value  # quoted and block scalars are strings
    rtag, value = yaml_resolve(node.value, tag)
    if rtag == _BINARY_TAG or tag == _BINARY_TAG:
        try:
            return base64.b64decode(node.value.encode(), validate=False).decode("utf-8", "replace")
        except Exception:
            raise YAMLConvertError("yaml: !!binary value contains invalid base64 data") from None
    if value is _MERGE:
        return "<<"
    return value


def _is_merge_key(node: Any) -> bool:
    import yaml

    return (isinstance(node, yaml.ScalarNode) and node.value == "<<"
            and ((node.tag == _IMPLICIT and node.style in (None, "")) or node.tag == _MERGE_TAG))


def _construct_mapping(node: Any, out: dict) -> None:
    for key_node, value_node in node.value:
        if _is_merge_key(key_node):
            _merge(value_node, out)
            continue
        key = _construct(key_node)
        if isinstance(key, (dict, list)):
            raise YAMLConvertError("yaml: invalid map key: " + repr(key))
        value = _construct(value_node)
        out[_key_string(key, value)] = value


def _merge(node: Any, out: dict) -> None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        _construct_mapping(node, out)
        return
    if isinstance(node, yaml.SequenceNode):
        for child in reversed(node.value):
            if not isinstance(child, yaml.MappingNode):
                raise YAMLConvertError("yaml: map merge requires map or sequence of maps as the value")
            _construct_mapping(child, out)
        return
    raise YAMLConvertError("yaml: map merge requires map or sequence of maps as the value")


def _go_value_repr(value: Any) -> str:
    """An approximation of Go's ``%+#v`` for decoded YAML values."""
    if value is None:
        return "<nil>"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return go_quote(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return "[]interface {}{" + ", ".join(_go_value_repr(v) for v in value) + "}"
    if isinstance(value, dict):
        return "map[interface {}]interface {}{" + ", ".join(
            f"{go_quote(k)}:{_go_value_repr(v)}" for k, v in value.items()) + "}"
    return str(value)


def _key_string(key: Any, value: Any) -> str:
    """sigs.k8s.io/yaml's conversion of a YAML map key to a JSON key."""
    if isinstance(key, str):
        return key
    if key is True:
        return "true"
    if key is False:
        return "false"
    if isinstance(key, int):
        if INT64_MIN <= key <= INT64_MAX:
            return str(key)
        type_name = "uint64" if 0 <= key <= UINT64_MAX else "*big.Int"
        raise YAMLConvertError(f"unsupported map key of type: {type_name}, key: {key}, "
                                f"value: {_go_value_repr(value)}")
    if isinstance(key, float):
        return format_float32_g(key)
    raise YAMLConvertError("unsupported map key of type: %!s(<nil>), key: <nil>, value: "
                            + _go_value_repr(value))


def format_float32_g(value: float) -> str:
    """``strconv.FormatFloat(v, 'g', -1, 32)`` with go-yaml's .inf/.nan spellings."""
    if value != value:
        return ".nan"
    try:
        f32 = struct.unpack("f", struct.pack("f", value))[0]
    except OverflowError:
        f32 = value * float("inf")
    if f32 in (float("inf"), float("-inf")):
        return ".inf" if f32 > 0 else "-.inf"
    if f32 == 0:
        return "-0" if str(f32).startswith("-") else "0"
    for precision in range(1, 10):
        text = f"{f32:.{precision - 1}e}"
        if struct.unpack("f", struct.pack("f", float(text)))[0] == f32:
            break
    return _g_format(text)


def _g_format(sci: str) -> str:
    """Go's shortest 'g' layout from Python ``%e`` text (exponent form outside [-4, 6))."""
    mantissa, exp_text = sci.split("e")
    exponent = int(exp_text)
    sign = "-" if mantissa.startswith("-") else ""
    digits = mantissa.lstrip("-").replace(".", "").rstrip("0") or "0"
    if exponent < -4 or exponent >= 6:
        head = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{sign}{head}e{'-' if exponent < 0 else '+'}{abs(exponent):02d}"
    point = exponent + 1
    if point <= 0:
        return sign + "0." + "0" * (-point) + digits
    if point >= len(digits):
        return sign + digits + "0" * (point - len(digits))
    return sign + digits[:point] + "." + digits[point:]


def _json_number(value: float) -> int | float:
    """A float after Go's json.Marshal and kubectl's int64-or-float64 decoding."""
    if value != value or value in (float("inf"), float("-inf")):
        text = "NaN" if value != value else ("+Inf" if value > 0 else "-Inf")
        raise YAMLConvertError(f"json: unsupported value: {text}")
    if value.is_integer() and INT64_MIN <= value <= INT64_MAX:
        return int(value)
    return value


def _jsonify(value: Any) -> Any:
    """Go values -> JSON -> kubectl's decoded form (int64 or float64 numbers)."""
    if isinstance(value, dict):
        return {k: _jsonify(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonify(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value if INT64_MIN <= value <= INT64_MAX else float(value)
    if isinstance(value, float):
        return _json_number(value)
    return value

