"""The parts of Go's ``strconv`` that kubectl's text is made of: float and string forms.

Floats are the Python ``float`` (IEEE double, Go's float64). Strings are ``str``; a lone
surrogate in U+DC80..U+DCFF stands for a byte that is not valid UTF-8 (Python's
``surrogateescape``, the way argv and Go byte strings reach us), any other lone surrogate
for text Go would not see as valid UTF-8 either.
"""

from __future__ import annotations

import math

# ------------------------------------------------------------------------ floats


def shortest_digits(value: float) -> tuple[str, int]:
    """Shortest round-trip decimal digits of |value| and the decimal point position.

    Returns (digits, dp) such that |value| == 0.<digits> * 10**dp (value finite, not 0).
    """
    text = repr(abs(value))
    mantissa, _, exp = text.partition("e")
    exponent = int(exp) if exp else 0
    int_part, _, frac_part = mantissa.partition(".")
    if frac_part == "0":
        frac_part = ""
    digits = (int_part + frac_part).lstrip("0")
    if not digits:
        return "0", 1
    leading_zeros = len(int_part + frac_part) - len((int_part + frac_part).lstrip("0"))
    dp = len(int_part) + exponent - leading_zeros
    return digits.rstrip("0") or "0", dp


def _exp_form(digits: str, dp: int, min_exp_digits: int = 2) -> str:
    exponent = dp - 1
    head = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    sign = "-" if exponent < 0 else "+"
    return f"{head}e{sign}{abs(exponent):0{min_exp_digits}d}"


def _plain_form(digits: str, dp: int) -> str:
    if dp <= 0:
        return "0." + "0" * (-dp) + digits
    if dp >= len(digits):
        return digits + "0" * (dp - len(digits))
    return digits[:dp] + "." + digits[dp:]


def format_float_g(value: float) -> str:
    """``strconv.FormatFloat(v, 'g', -1, 64)``, which is also ``fmt``'s ``%v``.

    Exponent form when the decimal exponent is < -4 or >= 6 (strconv's rule for the
    shortest precision): ``1e+06``, ``1.5e-07``, ``100000``; ``NaN``, ``+Inf``, ``-Inf``.
    """
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    sign = "-" if math.copysign(1.0, value) < 0 else ""
    if value == 0:
        return sign + "0"
    digits, dp = shortest_digits(value)
    exponent = dp - 1
    if exponent < -4 or exponent >= 6:
        return sign + _exp_form(digits, dp)
    return sign + _plain_form(digits, dp)


def format_float_json(value: float) -> str:
    """Go ``encoding/json``'s float64 text (ES6-like: ``1e+21``, ``1e-7``, ``0.000001``, ``-0``).

    The value must be finite (json.Marshal refuses NaN and infinities).
    """
    if value == 0:
        return "-0" if math.copysign(1.0, value) < 0 else "0"
    sign = "-" if value < 0 else ""
    digits, dp = shortest_digits(value)
    magnitude = abs(value)
    if magnitude < 1e-6 or magnitude >= 1e21:
        return sign + _exp_form(digits, dp, min_exp_digits=1)
    return sign + _plain_form(digits, dp)


# ------------------------------------------------------------------------ quoting

_ESC = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}


def is_print(r: str) -> bool:
    """Go's ``unicode.IsPrint`` (letters, marks, numbers, punctuation, symbols, ASCII space)."""
    if r == " ":
        return True
    if "\udc80" <= r <= "\udcff":
        return False
    import unicodedata

    return unicodedata.category(r)[0] in "LMNPS"


def _quote_rune_body(r: str, quote: str, ascii_only: bool) -> str:
    if r == quote or r == "\\":
        return "\\" + r
    if "\udc80" <= r <= "\udcff":  # a byte that was not valid UTF-8
        return f"\\x{ord(r) - 0xDC00:02x}"
    if ascii_only:
        if " " <= r <= "~":
            return r
    elif is_print(r):
        return r
    if r in _ESC:
        return _ESC[r]
    o = ord(r)
    if o < 0x20 or o == 0x7F:
        return f"\\x{o:02x}"
    if 0xD800 <= o <= 0xDFFF:
        return "\\ufffd"
    if o < 0x10000:
        return f"\\u{o:04x}"
    return f"\\U{o:08x}"


def quote(s: str, ascii_only: bool = False) -> str:
    """``strconv.Quote`` (``%q`` of a string), or ``QuoteToASCII`` with ``ascii_only``.

    Printable runes stay as they are (only ASCII ones with ``ascii_only``); ``"`` and ``\\``
    are escaped, then ``\\a \\b \\f \\n \\r \\t \\v``, ``\\xNN`` for other ASCII controls and for
    bytes that are not UTF-8, ``\\uNNNN``/``\\UNNNNNNNN`` for the rest.
    """
    if s.isascii() and s.isprintable() and '"' not in s and "\\" not in s:
        return f'"{s}"'  # fast path: the overwhelmingly common case
    return '"' + "".join(_quote_rune_body(r, '"', ascii_only) for r in s) + '"'


def quote_rune(v: int, ascii_only: bool = False) -> str:
    """``strconv.QuoteRune`` (``%q`` of a rune): invalid code points become U+FFFD."""
    if v < 0 or v > 0x10FFFF or 0xD800 <= v <= 0xDFFF:
        v = 0xFFFD
    return "'" + _quote_rune_body(chr(v), "'", ascii_only) + "'"
