"""Builtin template functions (Go's ``funcs.go``) plus kubectl's ``exists`` and ``base64decode``.

Each function receives already-evaluated arguments in the engine's value model
(see :mod:`.values`) and raises :class:`FuncError` with Go's error text; the
executor wraps that as ``error calling <name>: <text>``. Nothing here can reach
Python objects: the functions only look at dict/list/str/number values.
"""

from __future__ import annotations

from typing import Any, Callable
from . import printf
from .strconv import from_bytes, to_bytes
from .values import INVALID, Boxed, GoInt, Uint8, to_iface, type_name, unbox

from minikubectl.golang.structs import dataclass

# Parameter types, as far as argument evaluation cares.
REFLECT = "reflect.Value"
ANY = "interface {}"
STRING = "string"


class FuncError(Exception):
    """An error returned by a template function (its text is Go's)."""


@dataclass(frozen=True)
class FuncSpec:
    """A function's Go signature: fixed params, optional variadic element type."""

    impl: Callable[..., Any]
    params: tuple[str, ...]
    variadic: str | None = None

    @property
    def num_in(self) -> int:
        return len(self.params) + (1 if self.variadic else 0)

    def param_type(self, i: int) -> str:
        return self.params[i] if i < len(self.params) else self.variadic  # type: ignore[return-value]


# -- truth and kinds ---------------------------------------------------------

def is_true(v: Any) -> bool:
    """Go's ``isTrue`` on a concrete value (INVALID is false)."""
    if v is INVALID or v is None:
        return False
    if isinstance(v, Boxed):
        return v.v is not None
    if isinstance(v, (str, list, dict)):
        return len(v) > 0
    if isinstance(v, bool):
        return v
    return v != 0


def truth(v: Any) -> bool:
    return is_true(unbox(v))


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _basic_kind(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, Uint8):
        return "uint"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, complex):
        return "complex"
    if isinstance(v, str):
        return "string"
    return ""


def _reflect_kind(v: Any) -> str:
    if v is INVALID:
        return "invalid"
    if isinstance(v, dict):
        return "map"
    if isinstance(v, list):
        return "slice"
    return _basic_kind(v) or "other"


# -- index / slice / len -----------------------------------------------------

def _index_arg(index: Any, cap: int) -> int:
    if _is_int(index):
        x = int(index)
    elif index is INVALID:
        raise FuncError("cannot index slice/array with nil")
    else:
        raise FuncError(f"cannot index slice/array with type {type_name(index)}")
    if x < 0 or x > cap:
        raise FuncError(f"index out of range: {x}")
    return x


def f_index(item: Any, *indexes: Any) -> Any:
    item = unbox(item)
    if item is INVALID:
        raise FuncError("index of untyped nil")
    for index in indexes:
        index = unbox(index)
        if isinstance(item, Boxed):
            if item.v is None:
                raise FuncError("index of nil pointer")
            item = item.v
        if isinstance(item, (list, str)):
            data = to_bytes(item) if isinstance(item, str) else item
            x = _index_arg(index, len(data))
            if x == len(data):  # Go's reflect panics past the end
                kind = "string" if isinstance(item, str) else "slice"
                raise FuncError(f"reflect: {kind} index out of range")
            item = Uint8(data[x]) if isinstance(item, str) else Boxed(data[x])
        elif isinstance(item, dict):
            if index is INVALID:
                index = ""
            if not isinstance(index, str):
                raise FuncError(f"value has type {type_name(index)}; should be string")
            item = Boxed(item[index]) if index in item else Boxed(None)
        else:
            raise FuncError(f"can't index item of type {type_name(item)}")
    return item


def f_slice(item: Any, *indexes: Any) -> Any:
    item = unbox(item)
    if item is INVALID:
        raise FuncError("slice of untyped nil")
    if len(indexes) > 3:
        raise FuncError(f"too many slice indexes: {len(indexes)}")
    if isinstance(item, str):
        if len(indexes) == 3:
            raise FuncError("cannot 3-index slice a string")
        data: Any = to_bytes(item)
    elif isinstance(item, list):
        data = item
    else:
        raise FuncError(f"can't slice item of type {type_name(item)}")
    cap = len(data)
    idx = [0, len(data), 0]
    for i, index in enumerate(indexes):
        idx[i] = _index_arg(index, cap)
    if idx[0] > idx[1]:
        raise FuncError(f"invalid slice index: {idx[0]} > {idx[1]}")
    if len(indexes) == 3 and idx[1] > idx[2]:
        raise FuncError(f"invalid slice index: {idx[1]} > {idx[2]}")
    part = data[idx[0]:idx[1]]
    return from_bytes(part) if isinstance(item, str) else list(part)


def f_len(item: Any) -> Any:
    if isinstance(item, Boxed):
        if item.v is None:
            raise FuncError("len of nil pointer")
        item = item.v
    if item is INVALID:
        raise FuncError("reflect: call of reflect.Value.Type on zero Value")
    if isinstance(item, str):
        return GoInt(len(to_bytes(item)))
    if isinstance(item, (list, dict)):
        return GoInt(len(item))
    raise FuncError(f"len of type {type_name(item)}")


def f_not(arg: Any) -> Any:
    return not truth(arg)


# -- comparisons ---------------------------------------------------------------

def _cmp_values(k: str, a: Any, b: Any) -> tuple[Any, Any]:
    if k == "string":
        return to_bytes(a), to_bytes(b)
    return a, b


def f_eq(arg1: Any, *arg2: Any) -> Any:
    arg1 = unbox(arg1)
    if not arg2:
        raise FuncError("missing argument for comparison")
    k1 = _basic_kind(arg1)
    for arg in arg2:
        arg = unbox(arg)
        k2 = _basic_kind(arg)
        result = False
        if k1 != k2:
            if {k1, k2} == {"int", "uint"}:
                result = int(arg1) == int(arg)
            elif arg1 is not INVALID and arg is not INVALID:
                raise FuncError("incompatible types for comparison")
        elif k1:
            result = arg1 == arg
        else:
            r1, r2 = _reflect_kind(arg1), _reflect_kind(arg)
            if r1 != r2 and r1 != "invalid" and r2 != "invalid":
                raise FuncError(f"non-comparable types {printf.sprintf('%s', [arg1])}: {type_name(arg1)}, "
                                f"{type_name(arg)}: {printf.sprint([arg])}")
            if arg1 is INVALID or arg is INVALID:
                result = (arg1 is INVALID) == (arg is INVALID)
            else:
                raise FuncError(f"non-comparable type {printf.sprintf('%s', [arg])}: {type_name(arg)}")
        if result:
            return True
    return False


def f_ne(arg1: Any, arg2: Any) -> Any:
    return not f_eq(arg1, arg2)


def f_lt(arg1: Any, arg2: Any) -> Any:
    arg1 = unbox(arg1)
    k1 = _basic_kind(arg1)
    if not k1:
        raise FuncError("invalid type for comparison")
    arg2 = unbox(arg2)
    k2 = _basic_kind(arg2)
    if not k2:
        raise FuncError("invalid type for comparison")
    if k1 != k2:
        if {k1, k2} == {"int", "uint"}:
            return int(arg1) < int(arg2)
        raise FuncError("incompatible types for comparison")
    if k1 in ("bool", "complex"):
        raise FuncError("invalid type for comparison")
    a, b = _cmp_values(k1, arg1, arg2)
    return a < b


def f_le(arg1: Any, arg2: Any) -> Any:
    return f_lt(arg1, arg2) or f_eq(arg1, arg2)


def f_gt(arg1: Any, arg2: Any) -> Any:
    return not f_le(arg1, arg2)


def f_ge(arg1: Any, arg2: Any) -> Any:
    return not f_lt(arg1, arg2)


# -- printing and escaping -------------------------------------------------------

def _ifaces(args: tuple[Any, ...]) -> list[Any]:
    return [to_iface(a) for a in args]


def f_print(*args: Any) -> Any:
    return printf.sprint(_ifaces(args))


def f_println(*args: Any) -> Any:
    return printf.sprintln(_ifaces(args))


def f_printf(fmt: Any, *args: Any) -> Any:
    return printf.sprintf(fmt, _ifaces(args))


def eval_args(args: tuple[Any, ...]) -> str:
    """Go's ``evalArgs``: one string as is, else Sprint with nil shown as <no value>."""
    vals = _ifaces(args)
    if len(vals) == 1 and isinstance(vals[0], str):
        return vals[0]
    return printf.sprint(["<no value>" if v is None else v for v in vals])


_HTML = {"\0": "\ufffd", '"': "&#34;", "'": "&#39;", "&": "&amp;", "<": "&lt;", ">": "&gt;"}


def f_html(*args: Any) -> Any:
    s = eval_args(args)
    return "".join(_HTML.get(c, c) for c in s)


_JS = {"\\": "\\\\", "'": "\\'", '"': '\\"', "<": "\\u003C", ">": "\\u003E", "&": "\\u0026", "=": "\\u003D"}


def f_js(*args: Any) -> Any:
    s = eval_args(args)
    out = []
    for c in s:
        if c in _JS:
            out.append(_JS[c])
        elif c < " ":
            out.append(f"\\u00{ord(c):02X}")
        elif ord(c) < 0x80 or "\udc80" <= c <= "\udcff" or printf.is_print(c):
            out.append(c)
        else:
            out.append(f"\\u{ord(c):04X}")
    return "".join(out)


def f_urlquery(*args: Any) -> Any:
    from urllib.parse import quote_plus
    return quote_plus(to_bytes(eval_args(args)), safe="")


# -- kubectl's additions -----------------------------------------------------------

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_B64MAP = {ord(c): i for i, c in enumerate(_B64)}


def go_base64_decode(src: bytes) -> bytes:
    """``base64.StdEncoding.DecodeString`` with Go's error offsets (ValueError(offset))."""
    out = bytearray()
    si = 0
    n = len(src)
    while True:
        dbuf = [0, 0, 0, 0]
        dlen = 4
        j = 0
        err = None
        while j < 4:
            if si == n:
                if j == 0:
                    return bytes(out)
                raise ValueError(si - j)
            c = src[si]
            si += 1
            if c in _B64MAP:
                dbuf[j] = _B64MAP[c]
                j += 1
                continue
            if c in (10, 13):
                continue
            if c != 61:  # '='
                raise ValueError(si - 1)
            if j in (0, 1):
                raise ValueError(si - 1)
            if j == 2:
                while si < n and src[si] in (10, 13):
                    si += 1
                if si == n:
                    raise ValueError(n)
                if src[si] != 61:
                    raise ValueError(si - 1)
                si += 1
            while si < n and src[si] in (10, 13):
                si += 1
            if si < n:
                err = si
            dlen = j
            break
        val = dbuf[0] << 18 | dbuf[1] << 12 | dbuf[2] << 6 | dbuf[3]
        chunk = bytes([(val >> 16) & 0xFF, (val >> 8) & 0xFF, val & 0xFF])
        out += chunk[:dlen - 1]
        if err is not None:
            raise ValueError(err)
        if dlen < 4:
            return bytes(out)


def f_base64decode(v: Any) -> Any:
    try:
        return from_bytes(go_base64_decode(to_bytes(v)))
    except ValueError as e:
        raise FuncError(f"base64 decode failed: illegal base64 data at input byte {e.args[0]}") from None


def f_exists(item: Any, *indices: Any) -> Any:
    v = INVALID if item is None else item
    for i in indices:
        index = INVALID if i is None else i
        if isinstance(v, Boxed):
            if v.v is None:
                return False
            v = v.v
        if isinstance(v, (list, str)):
            data = to_bytes(v) if isinstance(v, str) else v
            if not _is_int(index):
                return False
            x = int(index)
            if x < 0 or x >= len(data):
                return False
            v = Uint8(data[x]) if isinstance(v, str) else Boxed(data[x])
        elif isinstance(v, dict):
            if index is INVALID:
                index = ""
            if not isinstance(index, str):
                return False
            v = Boxed(v[index]) if index in v else Boxed(None)
        else:
            return False
    return not (isinstance(v, Boxed) and v.v is None)


def _unreachable(*_: Any) -> Any:
    raise AssertionError("handled by the executor")


def f_call(name: Any, fn: Any, *args: Any) -> Any:
    fn = unbox(fn)
    if fn is INVALID:
        raise FuncError("call of nil")
    raise FuncError(f"non-function {name} of type {type_name(fn)}")


BUILTINS: dict[str, FuncSpec] = {
    "and": FuncSpec(_unreachable, (REFLECT,), REFLECT),
    "or": FuncSpec(_unreachable, (REFLECT,), REFLECT),
    "call": FuncSpec(f_call, (REFLECT,), REFLECT),
    "html": FuncSpec(f_html, (), ANY),
    "index": FuncSpec(f_index, (REFLECT,), REFLECT),
    "slice": FuncSpec(f_slice, (REFLECT,), REFLECT),
    "js": FuncSpec(f_js, (), ANY),
    "len": FuncSpec(f_len, (REFLECT,)),
    "not": FuncSpec(f_not, (REFLECT,)),
    "print": FuncSpec(f_print, (), ANY),
    "printf": FuncSpec(f_printf, (STRING,), ANY),
    "println": FuncSpec(f_println, (), ANY),
    "urlquery": FuncSpec(f_urlquery, (), ANY),
    "eq": FuncSpec(f_eq, (REFLECT,), REFLECT),
    "ge": FuncSpec(f_ge, (REFLECT, REFLECT)),
    "gt": FuncSpec(f_gt, (REFLECT, REFLECT)),
    "le": FuncSpec(f_le, (REFLECT, REFLECT)),
    "lt": FuncSpec(f_lt, (REFLECT, REFLECT)),
    "ne": FuncSpec(f_ne, (REFLECT, REFLECT)),
    # kubectl's GoTemplatePrinter adds these two.
    "exists": FuncSpec(f_exists, (ANY,), ANY),
    "base64decode": FuncSpec(f_base64decode, (STRING,)),
}

FUNC_NAMES = frozenset(BUILTINS)
