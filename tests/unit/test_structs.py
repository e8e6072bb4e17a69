"""golang/structs.py: the record classes behave as the dataclasses they replace."""

from __future__ import annotations

import dataclasses

import pytest

from minikubectl.golang import structs


@structs.dataclass
class Mutable:
    name: str
    count: int = 0
    items: list[int] = structs.field(default_factory=list)


@structs.dataclass(frozen=True)
class Frozen:
    a: int
    b: str = "x"


@structs.dataclass(eq=False)
class Identity:
    value: int


@structs.dataclass
class Child(Mutable):
    extra: bool = False

    def __post_init__(self) -> None:
        self.count += 1


@dataclasses.dataclass
class Reference:
    name: str
    count: int = 0
    items: list[int] = dataclasses.field(default_factory=list)


def test_init_repr_eq_as_dataclasses() -> None:
    ours, theirs = Mutable("a", items=[1]), Reference("a", items=[1])
    assert repr(ours) == repr(theirs).replace("Reference", "Mutable")
    assert ours == Mutable("a", 0, [1]) and ours != Mutable("b")
    assert Mutable("a").items is not Mutable("a").items  # a fresh default each time
    with pytest.raises(TypeError):
        Mutable()
    with pytest.raises(TypeError):
        Mutable("a", nope=1)
    with pytest.raises(TypeError):
        hash(ours)  # mutable records are unhashable, as with eq=True dataclasses


def test_frozen_hash_and_replace() -> None:
    first = Frozen(1)
    assert hash(first) == hash(Frozen(1)) and {first: 1}[Frozen(1)] == 1
    with pytest.raises(AttributeError):
        first.a = 2  # type: ignore[misc]
    assert structs.replace(first, b="y") == Frozen(1, "y")
    assert structs.fields(first) == ("a", "b")


def test_identity_records_and_inheritance() -> None:
    assert Identity(1) != Identity(1) and len({Identity(1), Identity(1)}) == 2
    child = Child("c", extra=True)
    assert (child.name, child.count, child.extra) == ("c", 1, True)
    assert structs.fields(Child) == ("name", "count", "items", "extra")
