"""JSON text as Go's ``encoding/json`` decodes a stream: the scanner that finds where a value
ends and how a syntax error is worded, and kubectl's number rule (int64 or float)."""

from __future__ import annotations

from typing import Any

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1
UINT64_MAX = (1 << 64) - 1


def _json_int(text: str) -> int | float:
    value = int(text)
    return value if INT64_MIN <= value <= INT64_MAX else float(text)


def json_loads(text: str) -> Any:
    """Python value of a JSON text already validated by the Go scanner."""
    import json
    return json.loads(text, parse_int=_json_int)


class JSONSyntaxError(Exception):
    """A Go encoding/json syntax error (message and byte offset) or unexpected EOF."""

    def __init__(self, message: str, index: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.index = index

    def render(self, text: str) -> str:
        if self.index is None:
            return "unexpected EOF"
        offset = len(text[: self.index + 1].encode("utf-8", "surrogatepass"))
        return f"json: offset {offset}: {self.message}"


def _quote_char(ch: str) -> str:
    """Go encoding/json's quoteChar of one input byte (as text)."""
    if ch == "'":
        return "'\\''"
    if ch == '"':
        return "'\"'"
    code = ord(ch)
    if ch == "\\":
        return "'\\\\'"
    if ch == "\n":
        return "'\\n'"
    if ch == "\t":
        return "'\\t'"
    if ch == "\r":
        return "'\\r'"
    if code < 0x20 or code == 0x7F:
        return f"'\\x{code:02x}'"
    if code > 0x7F:
        # Go reports the first UTF-8 byte as a Latin-1 rune.
        first = ch.encode("utf-8", "surrogatepass")[0]
        if 0x80 <= first < 0xA0:
            return f"'\\u{first:04x}'"
        return "'" + chr(first) + "'"
    return "'" + ch + "'"


def go_json_scan(text: str, i: int) -> int:
    """End index of the JSON value at ``i``; raises JSONSyntaxError like Go's scanner."""
    n = len(text)

    def bad(j: int, context: str) -> JSONSyntaxError:
        return JSONSyntaxError(f"invalid character {_quote_char(text[j])} {context}", j)

    def ws(j: int) -> int:
        while j < n and text[j] in " \t\r\n":
            j += 1
        return j

    def value(j: int, context: str) -> int:
        j = ws(j)
        if j >= n:
            raise JSONSyntaxError("unexpected EOF", None)
        ch = text[j]
        if ch == "{":
            return obj(j + 1)
        if ch == "[":
            return arr(j + 1)
        if ch == '"':
            return string(j + 1)
        if ch == "-" or "0" <= ch <= "9":
            return number(j)
        for word in ("true", "false", "null"):
            if ch == word[0]:
                return literal(j, word)
        raise bad(j, context)

    def literal(j: int, word: str) -> int:
        for k, expected in enumerate(word[1:], start=1):
            if j + k >= n:
                raise JSONSyntaxError("unexpected EOF", None)
            if text[j + k] != expected:
                raise bad(j + k, f"in literal {word} (expecting {_quote_char(expected)})")
        return j + len(word)

    def number(j: int) -> int:
        if text[j] == "-":
            j += 1
            if j >= n:
                raise JSONSyntaxError("unexpected EOF", None)
            if not ("0" <= text[j] <= "9"):
                raise bad(j, "in numeric literal")
        if text[j] == "0":
            j += 1
        else:
            while j < n and "0" <= text[j] <= "9":
                j += 1
        if j < n and text[j] == ".":
            j += 1
            if j >= n:
                raise JSONSyntaxError("unexpected EOF", None)
            if not ("0" <= text[j] <= "9"):
                raise bad(j, "after decimal point in numeric literal")
            while j < n and "0" <= text[j] <= "9":
                j += 1
        if j < n and text[j] in "eE":
            j += 1
            if j < n and text[j] in "+-":
                j += 1
            if j >= n:
                raise JSONSyntaxError("unexpected EOF", None)
            if not ("0" <= text[j] <= "9"):
                raise bad(j, "in exponent of numeric literal")
            while j < n and "0" <= text[j] <= "9":
                j += 1
        return j

    def string(j: int) -> int:
        while True:
            if j >= n:
                raise JSONSyntaxError("unexpected EOF", None)
            ch = text[j]
            if ch == '"':
                return j + 1
            if ch == "\\":
                j += 1
                if j >= n:
                    raise JSONSyntaxError("unexpected EOF", None)
                esc = text[j]
                if esc == "u":
                    for k in range(1, 5):
                        if j + k >= n:
                            raise JSONSyntaxError("unexpected EOF", None)
                        if text[j + k] not in "0123456789abcdefABCDEF":
                            raise bad(j + k, "in \\u hexadecimal character escape")
                    j += 5
                    continue
                if esc not in '"\\/bfnrt':
                    raise bad(j, "in string escape code")
                j += 1
                continue
            if ord(ch) < 0x20:
                raise bad(j, "in string literal")
            j += 1

    def obj(j: int) -> int:
        j = ws(j)
        if j >= n:
            raise JSONSyntaxError("unexpected EOF", None)
        if text[j] == "}":
            return j + 1
        while True:
            if j >= n:
                raise JSONSyntaxError("unexpected EOF", None)
            if text[j] != '"':
                raise bad(j, "looking for beginning of object key string")
            j = ws(string(j + 1))
            if j >= n:
                raise JSONSyntaxError("unexpected EOF", None)
            if text[j] != ":":
                raise bad(j, "after object key")
            j = ws(value(j + 1, "looking for beginning of value"))
            if j >= n:
                raise JSONSyntaxError("unexpected EOF", None)
            if text[j] == "}":
                return j + 1
            if text[j] != ",":
                raise bad(j, "after object key:value pair")
            j = ws(j + 1)

    def arr(j: int) -> int:
        j = ws(j)
        if j >= n:
            raise JSONSyntaxError("unexpected EOF", None)
        if text[j] == "]":
            return j + 1
        while True:
            j = ws(value(j, "looking for beginning of value"))
            if j >= n:
                raise JSONSyntaxError("unexpected EOF", None)
            if text[j] == "]":
                return j + 1
            if text[j] != ",":
                raise bad(j, "after array element")
            j += 1

    try:
        return value(i, "looking for beginning of value")
    except RecursionError:
        raise JSONSyntaxError("exceeded max depth", i) from None
