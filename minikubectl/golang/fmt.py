"""Go's ``fmt`` ``%v`` of decoded JSON values, as kubectl's printers show them.

kubectl decodes objects into Go values (map[string]interface{}, []interface{},
int64, float64, string, bool, nil) and prints them with ``fmt`` or ``strconv``.
These helpers reproduce that text for the equivalent Python values; the ``strconv``
float forms come from :mod:`minikubectl.golang.strconv`.
"""

from __future__ import annotations

from typing import Any

from minikubectl.golang.strconv import format_float_g


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
