"""Compact Go ``encoding/json`` output and the JSON round trip kubectl applies.

kubectl marshals the object to JSON, prints that text as "raw data" when a
template fails, and hands the template the JSON decoded again: so a float
whose JSON text is integral (``600``, ``-0``) reaches the template as int64.
"""

from __future__ import annotations

from typing import Any

from ..gofmt import format_float_json

_ESC = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f",
        "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _string(s: str) -> str:
    out = ['"']
    for c in s:
        e = _ESC.get(c)
        if e is not None:
            out.append(e)
        elif c < " ":
            out.append(f"\\u{ord(c):04x}")
        elif "\udc80" <= c <= "\udcff" or "\ud800" <= c <= "\udfff":
            out.append("\\ufffd")
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def encode(v: Any) -> str:
    """``json.Marshal`` of a decoded JSON value: sorted keys, HTML-safe escapes."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, str):
        return _string(v)
    if isinstance(v, int):
        return str(int(v))
    if isinstance(v, float):
        return format_float_json(v)
    if isinstance(v, dict):
        return "{" + ",".join(_string(k) + ":" + encode(v[k]) for k in sorted(v)) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ",".join(encode(x) for x in v) + "]"
    return _string(str(v))


def roundtrip(v: Any) -> Any:
    """The value as kubectl's JSON decoder would return it after re-encoding."""
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, int):
        # JSON integers beyond int64 decode as float64 in kubectl.
        return int(v) if -(1 << 63) <= v < (1 << 63) else float(v)
    if isinstance(v, float):
        text = format_float_json(v)
        if not any(c in text for c in ".eE"):
            n = int(text)
            if -(1 << 63) <= n < (1 << 63):
                return n
        return v
    if isinstance(v, dict):
        return {str(k): roundtrip(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [roundtrip(x) for x in v]
    return v
