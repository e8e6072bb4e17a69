"""Go's formatting of decoded JSON values, as kubectl's printers show them.

kubectl decodes objects into Go values (map[string]interface{}, []interface{},
int64, float64, string, bool, nil) and prints them with ``fmt`` or ``strconv``.
These helpers reproduce that text for the equivalent Python values.
"""

from __future__ import annotations

import math
from typing import Any


def _shortest_digits(value: float) -> tuple[str, int]:
    """Shortest round-trip decimal digits of |value| and the decimal point position.

    Returns (digits, dp) such that |value| == 0.<digits> * 10**dp.
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
    shortest precision): ``1e+06``, ``1.5e-07``, ``100000``.
    """
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    sign = "-" if math.copysign(1.0, value) < 0 else ""
    if value == 0:
        return sign + "0"
    digits, dp = _shortest_digits(value)
    exponent = dp - 1
    if exponent < -4 or exponent >= 6:
        return sign + _exp_form(digits, dp)
    return sign + _plain_form(digits, dp)


def format_float_json(value: float) -> str:
    """Go ``encoding/json``'s float64 text (ES6-like: ``1e+21``, ``1e-7``, ``0.000001``)."""
    if value == 0:
        return "-0" if math.copysign(1.0, value) < 0 else "0"
    sign = "-" if value < 0 else ""
    digits, dp = _shortest_digits(value)
    magnitude = abs(value)
    if magnitude < 1e-6 or magnitude >= 1e21:
        text = _exp_form(digits, dp, min_exp_digits=1)
        return sign + text
    return sign + _plain_form(digits, dp)


def format_value(value: Any) -> str:
    """``fmt.Sprint`` / ``%v`` of a decoded JSON value.

    Maps print as ``map[k:v k2:v2]`` with sorted keys, lists as ``[a b]``, nil as
    ``<nil>``, floats in %v form.
    """
    if value is None:
        return "<nil>"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_float_g(value)
    if isinstance(value, dict):
        return "map[" + " ".join(f"{k}:{format_value(value[k])}" for k in sorted(value)) + "]"
    if isinstance(value, (list, tuple)):
        return "[" + " ".join(format_value(v) for v in value) + "]"
    return str(value)
