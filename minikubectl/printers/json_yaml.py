"""kubectl's ``-o json`` and ``-o yaml`` printers, byte for byte.

JSON is Go's ``json.MarshalIndent(obj, "", "    ")``: keys in byte order, ``< > &``
and U+2028/U+2029 escaped, other non-ASCII raw, floats in Go's JSON form.

YAML is what sigs.k8s.io/yaml does: the object is marshalled to JSON, re-read by
go-yaml v2 (so ``2.0`` becomes the int 2 and ``1e20`` a float) and emitted by go-yaml's
libyaml-derived emitter. We build the same event stream (go-yaml's key order and
scalar styles) and let libyaml's emitter (PyYAML's CEmitter, the C original go-yaml was
ported from) lay it out.
"""

from __future__ import annotations

import functools
from typing import Any, TextIO

from minikubectl.api.errors import PrinterError
from minikubectl.golang.strconv import format_float_g, format_float_json

_INT64_MIN = -(1 << 63)
_INT64_MAX = (1 << 63) - 1
_UINT64_MAX = (1 << 64) - 1


# ------------------------------------------------------------------------ JSON

def to_json(obj: Any) -> str:
    """``json.MarshalIndent(obj, "", "    ")`` plus the newline kubectl adds."""
    from minikubectl.golang.json import UnsupportedValueError, marshal

    try:
        return marshal(obj, indent="    ") + "\n"
    except UnsupportedValueError as err:
        raise PrinterError(str(err)) from None


def to_compact_json(obj: Any) -> str:
    """``json.Marshal(obj)``: the same encoding without whitespace (no newline)."""
    from minikubectl.golang.json import UnsupportedValueError, marshal

    try:
        return marshal(obj)
    except UnsupportedValueError as err:
        raise PrinterError(str(err)) from None


# ------------------------------------------------------------------------ YAML

def _yaml_key_less(a: str, b: str) -> bool:
    """go-yaml v2's keyList.Less for two string keys ("natural" order)."""
    ar, br = a, b
    for i in range(min(len(ar), len(br))):
        ca, cb = ar[i], br[i]
        if ca == cb:
            continue
        al, bl = ca.isalpha(), cb.isalpha()
        if al and bl:
            return ca < cb
        if al or bl:
            return bl
        an = bn = 0
        if ca == "0" or cb == "0":
            j = i - 1
            while j >= 0 and ar[j].isdecimal():
                if ar[j] != "0":
                    an = bn = 1
                    break
                j -= 1
        ai = i
        while ai < len(ar) and ar[ai].isdecimal():
            an = _wrap64(an * 10 + ord(ar[ai]) - 48)
            ai += 1
        bi = i
        while bi < len(br) and br[bi].isdecimal():
            bn = _wrap64(bn * 10 + ord(br[bi]) - 48)
            bi += 1
        if an != bn:
            return an < bn
        if ai != bi:
            return ai < bi
        return ca < cb
    return len(ar) < len(br)


def _wrap64(value: int) -> int:
    value &= (1 << 64) - 1
    return value - (1 << 64) if value >= (1 << 63) else value


def _yaml_key_cmp(a: str, b: str) -> int:
    if _yaml_key_less(a, b):
        return -1
    if _yaml_key_less(b, a):
        return 1
    return 0


def yaml_sorted_keys(keys: Any) -> list[str]:
    """Map keys in the order go-yaml v2 emits them."""
    return sorted(keys, key=functools.cmp_to_key(_yaml_key_cmp))


def _is_forbidden_char(ch: str) -> bool:
    """Characters go-yaml's reader refuses (``control characters are not allowed``)."""
    code = ord(ch)
    return (0x7F <= code <= 0x84 or 0x86 <= code <= 0x9F or code in (0xFFFE, 0xFFFF))


class _NeedsReread(Exception):
    """A raw NEL in the JSON text: go-yaml folds it as a line break when re-reading."""


def _check_text(text: str) -> str:
    if "\x85" in text:
        raise _NeedsReread
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        text = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)
    for ch in text:
        if ch >= "\x7f" and _is_forbidden_char(ch):
            raise PrinterError("yaml: control characters are not allowed")
    return text


def _string_style(text: str) -> str | None:
    """go-yaml's requested style for a string: literal, plain (None) or double-quoted."""
    from minikubectl.io.yaml_values import yaml_resolve

    if "\n" in text:
        return "|"
    try:
        rtag, _ = yaml_resolve(text)
    except Exception:  # resolution failures just mean "not a plain string"
        rtag = ""
    if rtag == "tag:yaml.org,2002:str" and not _is_base60_float(text):
        return None
    return '"'


def _is_base60_float(text: str) -> bool:
    import re

    if not text or not (text[0] in "+-" or "0" <= text[0] <= "9") or ":" not in text:
        return False
    return re.match(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$", text) is not None


def _number_text(json_text: str) -> str:
    """How go-yaml re-reads a JSON number and prints it again."""
    from minikubectl.io.yaml_values import go_parse_int

    value = go_parse_int(json_text) if "." not in json_text and "e" not in json_text.lower() else None
    if value is not None and (_INT64_MIN <= value <= _INT64_MAX
                              or (0 <= value <= _UINT64_MAX and json_text[0] != "-")):
        return str(value)
    return format_float_g(float(json_text))


_TAG = "tag:minikubectl,yaml"


_YAML_ESCAPES = {0x00: "\\0", 0x07: "\\a", 0x08: "\\b", 0x09: "\\t", 0x0A: "\\n",
                 0x0B: "\\v", 0x0C: "\\f", 0x0D: "\\r", 0x1B: "\\e", 0x22: '\\"',
                 0x5C: "\\\\", 0x85: "\\N", 0xA0: "\\_", 0x2028: "\\L", 0x2029: "\\P"}


def _bom_quoted(text: str) -> str:
    """go-yaml's double-quoted form of a string starting with U+FEFF.

    Its is_bom() looks at the start of the string, not the current character, so
    every character of such a string is escaped (and nothing is folded).
    """
    out = ['"']
    for ch in text:
        code = ord(ch)
        if code in _YAML_ESCAPES:
            out.append(_YAML_ESCAPES[code])
        elif code <= 0xFF:
            out.append(f"\\x{code:02X}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04X}")
        else:
            out.append(f"\\U{code:08X}")
    out.append('"')
    return "".join(out)


def _scalar(text: str, substitutions: dict[str, str]) -> Any:
    import yaml

    if text.startswith("\ufeff"):
        # A placeholder the emitter quotes predictably; a line break in it keeps the emitter's
        # decisions that depend on one (a multi-line mapping key is written "? key").
        multiline = any(ch in text for ch in "\n\r\x85\u2028\u2029")
        number = str(len(substitutions))
        token = f"\x00{number}\x00" + ("\n" if multiline else "")
        substitutions['"\\0' + number + '\\0' + ("\\n" if multiline else "") + '"'] = _bom_quoted(text)
        return yaml.ScalarNode(_TAG, token, style='"')
    return yaml.ScalarNode(_TAG, text, style=_string_style(text))


def _node(value: Any, subs: dict[str, str]) -> Any:
    """A PyYAML node tree producing go-yaml v2's events for a JSON-decoded value."""
    import yaml

    if isinstance(value, dict):
        pairs = []
        checked = {_check_text(str(k)): v for k, v in value.items()}
        for key in yaml_sorted_keys(checked):
            pairs.append((_scalar(key, subs), _node(checked[key], subs)))
        return yaml.MappingNode(_TAG, pairs, flow_style=False)
    if isinstance(value, (list, tuple)):
        return yaml.SequenceNode(_TAG, [_node(v, subs) for v in value], flow_style=False)
    if isinstance(value, str):
        return _scalar(_check_text(value), subs)
    if value is None:
        text = "null"
    elif value is True:
        text = "true"
    elif value is False:
        text = "false"
    elif isinstance(value, int):
        text = _number_text(str(value))
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise PrinterError(f"json: unsupported value: {format_float_g(value)}")
        text = _number_text(format_float_json(value))
    else:
        return _scalar(_check_text(str(value)), subs)
    return yaml.ScalarNode(_TAG, text, style=None)


_DUMPER: type | None = None


def _dumper_class() -> type:
    import yaml

    base = getattr(yaml, "CDumper", None) or yaml.Dumper

    class _Dumper(base):  # type: ignore[misc, valid-type]
        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:  # noqa: D401
            return _TAG  # every scalar is "implicit": go-yaml emits no tags

    return _Dumper


def to_yaml(obj: Any) -> str:
    """What ``kubectl -o yaml`` prints for one object (JSON -> go-yaml v2 -> YAML)."""
    import yaml

    global _DUMPER
    if _DUMPER is None:
        _DUMPER = _dumper_class()
    subs: dict[str, str] = {}
    try:
        node = _node(obj, subs)
    except _NeedsReread:
        node = _node(_reread(obj), subs)
    text = yaml.serialize(node, Dumper=_DUMPER, allow_unicode=True, width=80, indent=2,
                          explicit_start=False, explicit_end=False, version=None, tags=None)
    for token, quoted in subs.items():
        text = text.replace(token, quoted, 1)
    if "\u2028" in text or "\u2029" in text:
        # libyaml >= 0.2.5 indents before the closing quote of a single-quoted scalar
        # ending in a line break (U+2028/U+2029); go-yaml writes the quote right after.
        import re
        text = re.sub("([\u2028\u2029]) +'(?=\n)", "\\1'", text)
    if text.endswith("\n...\n"):
        # libyaml >= 0.2.5 closes a document ending in a "|+" scalar with "...";
        # go-yaml's encoder resets open_ended first and never writes it.
        text = text[:-4]
    return text


def _reread(obj: Any) -> Any:
    """The object as go-yaml reads its JSON text (NEL folding, multi-line key errors)."""
    from minikubectl.io import yaml_values

    try:
        return yaml_values.yaml_to_json_value(to_compact_json(obj))
    except yaml_values.YAMLConvertError as exc:  # same failure text go-yaml gives
        raise PrinterError(str(exc)) from None


# -------------------------------------------------------------------- printers

def _without_managed_fields(obj: dict) -> dict:
    metadata = obj.get("metadata")
    if isinstance(metadata, dict) and "managedFields" in metadata:
        metadata = {k: v for k, v in metadata.items() if k != "managedFields"}
        return {**obj, "metadata": metadata}
    return obj


class JSONPrinter:
    """``-o json``: one indented JSON document per object."""

    def __init__(self, show_managed_fields: bool = False) -> None:
        self.show_managed_fields = show_managed_fields

    def print_obj(self, obj: dict, out: TextIO) -> None:
        """Write ``obj`` as kubectl's JSON printer does."""
        if not self.show_managed_fields:
            obj = _without_managed_fields(obj)
        out.write(to_json(obj))


class YAMLPrinter:
    """``-o yaml``: one YAML document per object (no ``---`` separators)."""

    def __init__(self, show_managed_fields: bool = False) -> None:
        self.show_managed_fields = show_managed_fields

    def print_obj(self, obj: dict, out: TextIO) -> None:
        """Write ``obj`` as kubectl's YAML printer does; nothing on error."""
        if not self.show_managed_fields:
            obj = _without_managed_fields(obj)
        out.write(to_yaml(obj))
