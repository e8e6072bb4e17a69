"""Go ``encoding/json`` output for decoded JSON values (``json.Marshal``/``MarshalIndent``).

Values are what a JSON decoder returns: dict, list (or tuple), str, int, float, bool, None.
Map keys are sorted by their UTF-8 bytes (Go sorts map keys), strings use Go's escapes
(``\\"``, ``\\\\``, ``\\n``, ``\\r``, ``\\t``, ``\\b``, ``\\f``, ``\\u00XX`` for other controls, and,
HTML-safe, ``\\u003c \\u003e \\u0026``, always ``\\u2028 \\u2029``), other non-ASCII raw,
floats in Go's JSON form, integers as they are.
"""

from __future__ import annotations

from typing import Any, Callable

from minikubectl.golang.strconv import format_float_g, format_float_json


class UnsupportedValueError(ValueError):
    """``json.UnsupportedValueError``: NaN or an infinity (``json: unsupported value: NaN``)."""

    def __init__(self, value: float) -> None:
        super().__init__(f"json: unsupported value: {format_float_g(value)}")


def encode_string(text: str, *, html_escape: bool = True, keep_surrogates: bool = False) -> str:
    """Go's quoted JSON string.

    Lone surrogates (text that is not valid UTF-8 in Go terms) become U+FFFD, written raw:
    what Go prints for a value it decoded, since its decoder already replaced them. With
    ``keep_surrogates`` they are left for whoever reads the text back with Python's JSON
    decoder (the last-applied annotation is stored and decoded again, and must compare
    equal to the manifest it came from).
    """
    return _string_encoder(html_escape, keep_surrogates)(text)


def _string_encoder(html_escape: bool, keep_surrogates: bool) -> Callable[[str], str]:
    import re
    from json.encoder import encode_basestring  # the C encoder; escapes as Go does

    surrogates = re.compile("[\ud800-\udfff]")

    def string(text: str) -> str:
        ascii_text = text.isascii()  # the common case: no surrogates, no U+2028/2029
        if not ascii_text and not keep_surrogates and surrogates.search(text):
            text = surrogates.sub("\ufffd", text)
        return _go_escapes(encode_basestring(text), html_escape, ascii_text)

    return string


def _go_escapes(out: str, html_escape: bool, ascii_text: bool) -> str:
    """What Go escapes beyond Python's encoder in JSON text (characters that only occur
    inside strings): ``<``, ``>``, ``&`` (HTML-safe) and U+2028/U+2029 (always)."""
    if html_escape and ("<" in out or ">" in out or "&" in out):
        out = out.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    if not ascii_text and ("\u2028" in out or "\u2029" in out):
        out = out.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return out


def format_float(value: float) -> str:
    """A float64 as encoding/json writes it; NaN and infinities raise UnsupportedValueError."""
    if value != value or value in (float("inf"), float("-inf")):
        raise UnsupportedValueError(value)
    return format_float_json(value)


def marshal(value: Any, *, indent: str | None = None, sort_keys: bool = True,
            html_escape: bool = True, keep_surrogates: bool = False,
            default: Callable[[Any], Any] | None = None,
            float_format: Callable[[float], str] = format_float) -> str:
    """``json.Marshal(value)``, or ``json.MarshalIndent(value, "", indent)`` (no final newline).

    ``sort_keys=False`` keeps dict order (a Go struct's field order); ``html_escape=False`` is
    an Encoder with ``SetEscapeHTML(false)``; ``keep_surrogates``: see :func:`encode_string`.
    ``default`` maps a value of any other type to one that can be encoded (without it, such
    a value is encoded as the string ``str(value)``). Floats go through ``float_format``
    (:func:`format_float`: NaN and infinities raise :class:`UnsupportedValueError`).
    """
    string = _string_encoder(html_escape, keep_surrogates)

    def keys_of(obj: dict) -> list:
        # Code point order of str(key) is the order of its UTF-8 bytes.
        return sorted(obj, key=str) if sort_keys else list(obj)

    parts: list[str] = []
    append = parts.append

    def encode(v: Any, level: int) -> None:
        if isinstance(v, dict):
            if not v:
                append("{}")
                return
            if indent is None:
                append("{")
                for i, key in enumerate(keys_of(v)):
                    if i:
                        append(",")
                    append(string(str(key)))
                    append(":")
                    encode(v[key], 0)
                append("}")
                return
            inner = "\n" + indent * (level + 1)
            append("{")
            for i, key in enumerate(keys_of(v)):
                append(("," if i else "") + inner)
                append(string(str(key)))
                append(": ")
                encode(v[key], level + 1)
            append("\n" + indent * level + "}")
            return
        if isinstance(v, (list, tuple)):
            if not v:
                append("[]")
                return
            if indent is None:
                append("[")
                for i, item in enumerate(v):
                    if i:
                        append(",")
                    encode(item, 0)
                append("]")
                return
            inner = "\n" + indent * (level + 1)
            append("[")
            for i, item in enumerate(v):
                append(("," if i else "") + inner)
                encode(item, level + 1)
            append("\n" + indent * level + "]")
            return
        if v is None:
            append("null")
        elif v is True:
            append("true")
        elif v is False:
            append("false")
        elif isinstance(v, str):
            append(string(v))
        elif isinstance(v, int):
            append(int.__repr__(v))
        elif isinstance(v, float):
            append(float_format(v))
        elif default is not None:
            encode(default(v), level)
        else:
            append(string(str(v)))

    encode(value, 0)
    return "".join(parts)


_COMPACT_ENCODER: Any = None
_ORJSON_DUMPS: Any = None
_STRING_TOKEN: Any = None
_SURROGATE: Any = None
_FLOAT_MARK: Any = None


def marshal_decoded(value: Any, *, keep_surrogates: bool = False) -> str:
    """``json.Marshal`` of a value a JSON decoder returned (string keys only): :func:`marshal`
    with its defaults, by the standard library's C encoder where that writes the same text.

    It does for everything but floats (Python's repr is not Go's form), so a text with a
    number token holding ``.`` or an exponent is encoded again by :func:`marshal`. HTML
    characters and U+2028/U+2029 only occur inside strings, where Go escapes them.
    """
    global _COMPACT_ENCODER, _STRING_TOKEN, _SURROGATE, _FLOAT_MARK, _ORJSON_DUMPS
    if _COMPACT_ENCODER is None:
        import json
        import re
        _COMPACT_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                                            allow_nan=False, check_circular=False).encode
        _STRING_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
        _SURROGATE = re.compile("[\ud800-\udfff]")
        _FLOAT_MARK = re.compile("[0-9][.eE]")
    if _ORJSON_DUMPS is None:
        # orjson is several times faster again (and escapes as Go does), but importing it
        # costs more than a few documents: used once something else has loaded it.
        import sys
        orjson = sys.modules.get("orjson")
        if orjson is not None:
            option = orjson.OPT_SORT_KEYS
            _ORJSON_DUMPS = lambda value: orjson.dumps(value, option=option).decode()  # noqa: E731
    try:
        out = _ORJSON_DUMPS(value) if _ORJSON_DUMPS is not None else _COMPACT_ENCODER(value)
        if _ORJSON_DUMPS is not None and "null" in out:
            out = _COMPACT_ENCODER(value)  # orjson writes NaN and infinities as null: refused here
    except (TypeError, ValueError, RecursionError, OverflowError):  # orjson: JSONEncodeError is a TypeError
        out = None
    if out is not None:
        ascii_text = out.isascii()
        if not ascii_text and not keep_surrogates and _SURROGATE.search(out):
            out = None
        elif any(ch in out for ch in ".eE") and _FLOAT_MARK.search(_STRING_TOKEN.sub("", out)):
            out = None  # a number with a fraction or an exponent, outside the strings
    if out is None:
        return marshal(value, keep_surrogates=keep_surrogates)
    return _go_escapes(out, True, ascii_text)



def decoded_kind(value: Any) -> str:
    """How Go's decoder names a JSON value in ``json: cannot unmarshal <kind> into ...``."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


def indent(src: str, prefix: str = "", step: str = "  ") -> str:
    """Go's ``json.Indent`` of valid JSON text: tokens kept as written, insignificant space
    dropped, empty objects and arrays compact, leading space dropped, trailing space kept."""
    body = src.lstrip(" \t\r\n")
    stripped = body.rstrip(" \t\r\n")
    trailing = body[len(stripped):]
    out: list[str] = []
    depth = 0
    need_indent = False
    in_string = False
    escaped = False
    for ch in stripped:
        if in_string:
            out.append(ch)
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        if ch in " \t\r\n":
            continue
        if need_indent and ch not in "]}":
            need_indent = False
            depth += 1
            out.append("\n" + prefix + step * depth)
        if ch in "[{":
            need_indent = True
            out.append(ch)
        elif ch in "]}":
            if need_indent:
                need_indent = False  # an empty object or array stays "{}" / "[]"
            else:
                depth -= 1
                out.append("\n" + prefix + step * depth)
            out.append(ch)
        elif ch == ",":
            out.append(",\n" + prefix + step * depth)
        elif ch == ":":
            out.append(": ")
        else:
            if ch == '"':
                in_string = True
            out.append(ch)
    return "".join(out) + trailing
