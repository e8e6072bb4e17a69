"""The parts of Go's ``strconv`` the template parser relies on.

Go strings are byte strings; ours are ``str``. Escapes that produce bytes which
are not valid UTF-8 (``"\\xff"``) are kept as surrogate escapes so they survive a
round trip to bytes (``text.encode("utf-8", "surrogateescape")``).
"""

from __future__ import annotations

import math


class SyntaxErr(ValueError):
    """strconv.ErrSyntax: message ``invalid syntax``."""

    def __init__(self) -> None:
        super().__init__("invalid syntax")


_SIMPLE = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92}


def to_bytes(s: str) -> bytes:
    """The Go byte string for a Python string."""
    return s.encode("utf-8", "surrogateescape")


def from_bytes(b: bytes) -> str:
    """Inverse of :func:`to_bytes`."""
    return b.decode("utf-8", "surrogateescape")


def unquote_char(s: str, quote: str) -> tuple[int, bool, str]:
    """Go's ``strconv.UnquoteChar``: (value, is_multibyte_rune, tail).

    When the second item is False, the value is a single byte.
    """
    if not s:
        raise SyntaxErr()
    c = s[0]
    if c == quote and quote in "'\"":
        raise SyntaxErr()
    if c != "\\":
        return ord(c), True, s[1:]
    if len(s) <= 1:
        raise SyntaxErr()
    c = s[1]
    s = s[2:]
    if c in _SIMPLE:
        return _SIMPLE[c], True, s
    if c in "xuU":
        n = {"x": 2, "u": 4, "U": 8}[c]
        if len(s) < n:
            raise SyntaxErr()
        digits = s[:n]
        if any(d not in "0123456789abcdefABCDEF" for d in digits):
            raise SyntaxErr()
        v = int(digits, 16)
        s = s[n:]
        if c == "x":
            return v, False, s
        if v > 0x10FFFF or 0xD800 <= v <= 0xDFFF:
            raise SyntaxErr()
        return v, True, s
    if c in "01234567":
        if len(s) < 2 or any(d not in "01234567" for d in s[:2]):
            raise SyntaxErr()
        v = int(c + s[:2], 8)
        if v > 255:
            raise SyntaxErr()
        return v, False, s[2:]
    if c in "'\"":
        if c != quote:
            raise SyntaxErr()
        return ord(c), True, s
    raise SyntaxErr()


def unquote(s: str) -> str:
    """Go's ``strconv.Unquote`` for "..." and `...` literals."""
    if len(s) < 2 or s[0] != s[-1]:
        raise SyntaxErr()
    q = s[0]
    body = s[1:-1]
    if q == "`":
        if "`" in body:
            raise SyntaxErr()
        return body.replace("\r", "")
    if q != '"':
        raise SyntaxErr()
    if "\n" in body:
        raise SyntaxErr()
    if "\\" not in body and '"' not in body:
        return body
    out = bytearray()
    while body:
        v, multibyte, body = unquote_char(body, q)
        if multibyte:
            out += chr(v).encode("utf-8", "surrogatepass")
        else:
            out.append(v)
    return from_bytes(bytes(out))


def _underscore_ok(s: str) -> bool:
    """Go's underscoreOK: '_' only between digits or after a base prefix."""
    saw = "^"
    i = 0
    if s and s[0] in "+-":
        s = s[1:]
    hexa = False
    if len(s) >= 2 and s[0] == "0" and s[1].lower() in "box":
        i = 2
        saw = "0"
        hexa = s[1].lower() == "x"
    while i < len(s):
        c = s[i]
        if c.isdigit() or (hexa and c.lower() in "abcdef"):
            saw = "0"
        elif c == "_":
            if saw != "0":
                return False
            saw = "_"
        else:
            if saw == "_":
                return False
            saw = "!"
        i += 1
    return saw != "_"


def parse_int(text: str, signed: bool) -> int | None:
    """``strconv.ParseInt(text, 0, 64)`` / ``ParseUint``; None on any error."""
    s = text
    neg = False
    if s[:1] in ("+", "-"):
        if not signed:
            return None
        neg = s[0] == "-"
        s = s[1:]
    if not s:
        return None
    base = 10
    body = s
    if s[0] == "0" and len(s) > 1:
        p = s[1].lower()
        if p == "x":
            base, body = 16, s[2:]
        elif p == "o":
            base, body = 8, s[2:]
        elif p == "b":
            base, body = 2, s[2:]
        else:
            base, body = 8, s[1:]
    if "_" in body or "_" in s:
        if not _underscore_ok(s):
            return None
        body = body.replace("_", "")
    if not body:
        return None
    try:
        v = int(body, base)
    except ValueError:
        return None
    if any(c in "+- " for c in body):
        return None
    if neg:
        v = -v
    if signed:
        return v if -(1 << 63) <= v < (1 << 63) else None
    return v if 0 <= v < (1 << 64) else None


def parse_float(text: str) -> float | None:
    """``strconv.ParseFloat(text, 64)`` for number literals; None on error or overflow."""
    s = text
    if "_" in s:
        if not _underscore_ok(s):
            return None
        s = s.replace("_", "")
    body = s.lstrip("+-")
    if len(s) - len(body) > 1 or not body:
        return None
    try:
        if body[:2].lower() == "0x":
            if "p" not in body.lower():
                return None
            v = float.fromhex(s)
        else:
            if any(c not in "0123456789.eE+-" for c in body):
                return None
            v = float(s)
    except (ValueError, OverflowError):
        return None
    if math.isinf(v) or math.isnan(v):
        return None
    return v
