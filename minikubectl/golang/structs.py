"""Record classes declared like ``dataclasses`` (Go structs: named, typed fields), without them.

``@dataclass`` here builds ``__init__`` (positional or keyword, defaults and
``field(default_factory=...)``), ``__repr__``, ``__eq__`` (not with ``eq=False``: identity, as
for plain objects), and for ``frozen=True`` a hash and read-only attributes; ``__post_init__`` runs after ``__init__``; ``replace`` copies with
changes. That is all the package uses. Importing the standard ``dataclasses`` imports
``inspect`` (and with it ``ast``, ``dis``, ``tokenize``): about 8 ms on every command.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar, dataclass_transform, overload

T = TypeVar("T")
_MISSING: Any = object()


class FrozenInstanceError(AttributeError):
    """Assignment to a field of a frozen record."""


class _Field:
    __slots__ = ("default", "default_factory")

    def __init__(self, default: Any, default_factory: Any) -> None:
        self.default = default
        self.default_factory = default_factory


def field(*, default: Any = _MISSING, default_factory: Callable[[], Any] | Any = _MISSING) -> Any:
    """A field's default (``default_factory`` is called for each new record)."""
    return _Field(default, default_factory)


def _fields_of(cls: type) -> list[tuple[str, Any, Any]]:
    """(name, default, factory) of every field, base classes' first, as dataclasses orders them."""
    found: dict[str, tuple[str, Any, Any]] = {}
    for klass in reversed(cls.__mro__):
        if klass is not cls and "__record_fields__" not in klass.__dict__:
            continue
        if klass is not cls:
            for entry in klass.__dict__["__record_fields__"]:
                found[entry[0]] = entry
            continue
        for name, kind in klass.__dict__.get("__annotations__", {}).items():
            if str(kind).startswith(("ClassVar", "typing.ClassVar")):
                continue
            value = klass.__dict__.get(name, _MISSING)
            if isinstance(value, _Field):
                found[name] = (name, value.default, value.default_factory)
                if value.default is _MISSING:
                    delattr(klass, name)
                else:
                    setattr(klass, name, value.default)
            else:
                found[name] = (name, value, _MISSING)
    return list(found.values())


def _build(cls: type, frozen: bool, eq: bool = True) -> type:
    fields = _fields_of(cls)
    names = tuple(name for name, _, _ in fields)
    setter = object.__setattr__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(fields):
            raise TypeError(f"{cls.__name__}() takes {len(fields)} arguments, {len(args)} given")
        for index, (name, default, factory) in enumerate(fields):
            if index < len(args):
                if name in kwargs:
                    raise TypeError(f"{cls.__name__}() got multiple values for argument '{name}'")
                value = args[index]
            elif name in kwargs:
                value = kwargs.pop(name)
            elif factory is not _MISSING:
                value = factory()
            elif default is not _MISSING:
                value = default
            else:
                raise TypeError(f"{cls.__name__}() missing required argument: '{name}'")
            setter(self, name, value)
        if kwargs:
            raise TypeError(f"{cls.__name__}() got an unexpected keyword argument '{next(iter(kwargs))}'")
        post = getattr(self, "__post_init__", None)
        if post is not None:
            post()

    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{cls.__qualname__}({inner})"

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in names)

    cls.__record_fields__ = tuple(fields)  # type: ignore[attr-defined]
    cls.__init__ = __init__  # type: ignore[misc]
    if "__repr__" not in cls.__dict__:
        cls.__repr__ = __repr__  # type: ignore[method-assign,assignment]
    if not eq:
        pass  # identity equality and hashing, as object's
    elif "__eq__" not in cls.__dict__:
        cls.__eq__ = __eq__  # type: ignore[method-assign,assignment]
    if frozen:
        def __setattr__(self: Any, name: str, value: Any) -> None:
            raise FrozenInstanceError(f"cannot assign to field '{name}'")

        def __delattr__(self: Any, name: str) -> None:
            raise FrozenInstanceError(f"cannot delete field '{name}'")

        def __hash__(self: Any) -> int:
            return hash(tuple(getattr(self, name) for name in names))
        cls.__setattr__ = __setattr__  # type: ignore[method-assign,assignment]
        cls.__delattr__ = __delattr__  # type: ignore[method-assign,assignment]
        cls.__hash__ = __hash__  # type: ignore[method-assign,assignment]
    elif eq and ("__hash__" not in cls.__dict__ or cls.__dict__["__hash__"] is None):
        cls.__hash__ = None  # type: ignore[assignment]  # mutable records are unhashable
    return cls


@overload
def dataclass(cls: type[T], /) -> type[T]: ...


@overload
def dataclass(*, frozen: bool = False, eq: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(field_specifiers=(field,))
def dataclass(cls: Any = None, /, *, frozen: bool = False, eq: bool = True) -> Any:
    """Make ``cls`` a record (see the module docstring)."""
    if cls is None:
        return lambda klass: _build(klass, frozen, eq)
    return _build(cls, frozen, eq)


def replace(record: T, **changes: Any) -> T:
    """A copy of ``record`` with some fields changed."""
    values = {name: getattr(record, name) for name, _, _ in record.__record_fields__}  # type: ignore[attr-defined]
    values.update(changes)
    return record.__class__(**values)


def fields(record: Any) -> tuple[str, ...]:
    """The field names of a record (or record class), in order."""
    return tuple(name for name, _, _ in record.__record_fields__)
