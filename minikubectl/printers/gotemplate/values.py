"""The template engine's model of Go ``reflect.Value``s over decoded JSON.

Concrete values are plain Python objects: ``str`` (string), ``bool``, ``int``
(int64, the type of JSON integers), ``float`` (float64), ``complex``
(complex128), ``dict`` (map[string]interface {}), ``list`` ([]interface {}),
plus :class:`GoInt` (Go ``int``: literals, ``len``, range indexes) and
:class:`Uint8` (a byte from ``index`` on a string).

Two extra states matter for Go-exact behaviour:

* :data:`INVALID` is the zero ``reflect.Value`` (a missing map key, ``nil``):
  printed as ``<no value>``.
* :class:`Boxed` is a value of static type ``interface {}`` as it comes out of
  a map or slice, possibly holding nil (JSON null). Go unwraps these after each
  pipeline command; before that they change error texts (``in type interface
  {}``) and nil handling.
"""

from __future__ import annotations

from typing import Any


class GoInt(int):
    """A Go ``int`` (as opposed to ``int64``, the JSON integer type)."""

    __slots__ = ()


class Uint8(int):
    """A Go ``uint8`` (byte)."""

    __slots__ = ()


class _Invalid:
    __slots__ = ()

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()


class Boxed:
    """A value whose static type is ``interface {}``; ``v`` is None for a nil interface."""

    __slots__ = ("v",)

    def __init__(self, v: Any) -> None:
        self.v = v

    def __repr__(self) -> str:
        return f"Boxed({self.v!r})"


def type_name(v: Any) -> str:
    """Go's ``reflect.Type.String()`` of a concrete value (or of a box)."""
    if isinstance(v, Boxed):
        return "interface {}"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, GoInt):
        return "int"
    if isinstance(v, Uint8):
        return "uint8"
    if isinstance(v, int):
        return "int64"
    if isinstance(v, float):
        return "float64"
    if isinstance(v, str):
        return "string"
    if isinstance(v, dict):
        return "map[string]interface {}"
    if isinstance(v, list):
        return "[]interface {}"
    if isinstance(v, complex):
        return "complex128"
    return "interface {}"


def unbox(v: Any) -> Any:
    """Go's ``indirectInterface``: the value inside a box, INVALID for a nil box."""
    if isinstance(v, Boxed):
        return INVALID if v.v is None else v.v
    return v


def to_iface(v: Any) -> Any:
    """The Go ``interface{}`` a function receives: None for nil/invalid, else the concrete value."""
    if isinstance(v, Boxed):
        return v.v
    if v is INVALID:
        return None
    return v
