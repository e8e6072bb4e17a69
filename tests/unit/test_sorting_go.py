"""Go sort.Sort port and --sort-by semantics."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, strategies as st

from minikubectl.api.errors import ClientError
from minikubectl.printers.sorting import go_sort, sort_objects


def _sorted_with_go(values: list[int]) -> list[int]:
    data = list(values)

    def less(i: int, j: int) -> bool:
        return data[i] < data[j]

    def swap(i: int, j: int) -> None:
        data[i], data[j] = data[j], data[i]

    go_sort(len(data), less, swap)
    return data


@given(st.lists(st.integers(min_value=-50, max_value=50), max_size=300))
def test_go_sort_sorts(values: list[int]) -> None:
    assert _sorted_with_go(values) == sorted(values)


def test_go_sort_patterns() -> None:
    rng = random.Random(1)
    for n in (13, 49, 50, 51, 100, 1000):
        for data in (list(range(n)), list(range(n, 0, -1)), [rng.randrange(5) for _ in range(n)]):
            assert _sorted_with_go(data) == sorted(data)


def _pod(name: str, **labels: str) -> dict:
    return {"kind": "Pod", "metadata": {"name": name, "labels": labels}}


def test_missing_first_in_reverse_for_small_lists() -> None:
    pods = [_pod("a"), _pod("b", v="2"), _pod("c"), _pod("d", v="1")]
    assert [p["metadata"]["name"] for p in sort_objects(pods, ".metadata.labels.v")] == \
        ["c", "a", "d", "b"]


def test_quantities_and_bytes() -> None:
    pods = [_pod("x", q="1"), _pod("y", q="100m"), _pod("z", q="50m")]
    assert [p["metadata"]["name"] for p in sort_objects(pods, "{.metadata.labels.q}")] == \
        ["z", "y", "x"]
    pods = [_pod("web-2"), _pod("web-10"), _pod("web-1")]
    assert [p["metadata"]["name"] for p in sort_objects(pods, "metadata.name")] == \
        ["web-1", "web-10", "web-2"]


def test_errors() -> None:
    with pytest.raises(ClientError, match='couldn\'t find any field with path "{.spec.nope}"'):
        sort_objects([_pod("a")], ".spec.nope")
    with pytest.raises(Exception, match="unsortable"):
        sort_objects([_pod("a", x="1"), _pod("b", x="2")], ".metadata.labels")
