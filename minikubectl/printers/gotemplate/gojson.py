"""Compact Go ``encoding/json`` output and the JSON round trip kubectl applies.

kubectl marshals the object to JSON, prints that text as "raw data" when a
template fails, and hands the template the JSON decoded again: so a float
whose JSON text is integral (``600``, ``-0``) reaches the template as int64.
"""

from __future__ import annotations

from typing import Any

from minikubectl.golang.json import marshal
from minikubectl.golang.strconv import format_float_json


def encode(v: Any) -> str:
    """``json.Marshal`` of a decoded JSON value: sorted keys, HTML-safe escapes."""
    return marshal(v)


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
