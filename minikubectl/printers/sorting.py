"""``--sort-by=PATH`` (kubectl get/sorter.go), reproducing Go's ``sort.Sort`` exactly.

kubectl's comparator is not a strict weak order ("missing is less" holds both ways for two
objects without the field), so the result depends on the algorithm. Go >= 1.19 sorts with
pattern-defeating quicksort (insertion sort up to 12 items, deterministic otherwise); this
module ports that algorithm so that the outcome matches kubectl for any list size.

Comparison of two found values (the first result of the path): JSON null sorts first;
int64 and float64 numerically (only against the same type); strings by bytes, or as
resource quantities when both parse (``50m < 100m < 1``); anything else is an error.
"""

from __future__ import annotations

import os
import time
from typing import Any, Callable

from minikubectl.api.errors import ClientError, PrinterError, RawError

_MISSING = object()


class SortError(RawError):
    """kubectl dies with a klog fatal line (exit 1) when values cannot be compared."""


def _klog_fatal(message: str) -> SortError:
    now = time.time()
    stamp = time.strftime("%m%d %H:%M:%S", time.localtime(now))
    micros = int((now % 1) * 1_000_000)
    return SortError(f"F{stamp}.{micros:06d} {os.getpid():7d} sorter.go:188] {message}")


def _go_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "map[string]interface {}"
    if isinstance(value, list):
        return "[]interface {}"
    if isinstance(value, bool):
        return "bool"
    return type(value).__name__


def _is_less(a: Any, b: Any) -> bool:
    """sorter.go isLess for two values read from decoded JSON (Go interface values)."""
    from minikubectl.api.quantity import compare_strings

    if a is None and b is None:
        return False
    if a is None:
        return True
    if b is None:
        return False
    if isinstance(a, bool) or isinstance(a, (dict, list)):
        raise ValueError(f"unsortable type: {_go_kind(a)}")
    if isinstance(a, int) and isinstance(b, int) and not isinstance(b, bool):
        return a < b
    if isinstance(a, float) and isinstance(b, float):
        return a < b
    if isinstance(a, str) and isinstance(b, str):
        cmp = compare_strings(a, b)
        if cmp is not None:
            return cmp < 0
        return a.encode("utf-8", "surrogateescape") < b.encode("utf-8", "surrogateescape")
    if isinstance(a, (int, float, str)):
        raise ValueError("unsortable interface: interface")
    raise ValueError(f"unsortable type: {_go_kind(a)}")


def sort_objects(objs: list[dict], path: str) -> list[dict]:
    """The objects in kubectl's ``--sort-by`` order (a new list; the input is untouched).

    Raises ClientError/PrinterError for bad paths and SortError (klog fatal) for values
    that cannot be compared.
    """
    from minikubectl.printers import jsonpath
    from minikubectl.printers.custom_columns import relaxed_jsonpath

    if not objs:
        return []
    field = relaxed_jsonpath(path)
    try:
        parsed = jsonpath.parse(field)
    except jsonpath.JSONPathParseError as err:
        raise PrinterError(str(err)) from None

    keys: list[Any] = []
    for obj in objs:
        try:
            groups = jsonpath.find_results(parsed, obj, allow_missing_keys=True)
        except jsonpath.JSONPathError as err:
            raise ClientError(str(err)) from None
        keys.append(groups[0][0] if groups and groups[0] else _MISSING)
    if all(k is _MISSING for k in keys):
        raise ClientError(f"couldn't find any field with path {jsonpath.go_quote(field)} "
                          "in the list of objects")

    order = list(range(len(objs)))

    def less(i: int, j: int) -> bool:
        ki, kj = keys[order[i]], keys[order[j]]
        if ki is _MISSING:
            return True
        if kj is _MISSING:
            return False
        try:
            return _is_less(ki, kj)
        except ValueError as err:
            raise _klog_fatal(f"Field {field} in *unstructured.Unstructured is an unsortable "
                              f"type: interface, err: {err}") from None

    def swap(i: int, j: int) -> None:
        order[i], order[j] = order[j], order[i]

    go_sort(len(objs), less, swap)
    return [objs[i] for i in order]


# ---------------------------------------------------------------------------
# Go's sort.Sort (pdqsort, Go >= 1.19), driven through less(i, j) / swap(i, j).

Less = Callable[[int, int], bool]
Swap = Callable[[int, int], None]

_UNKNOWN, _INCREASING, _DECREASING = 0, 1, 2
_MASK64 = (1 << 64) - 1


def go_sort(n: int, less: Less, swap: Swap) -> None:
    """Exactly Go's ``sort.Sort`` on an abstract sequence of length n."""
    if n <= 1:
        return
    _pdqsort(less, swap, 0, n, n.bit_length())


def _insertion_sort(less: Less, swap: Swap, a: int, b: int) -> None:
    for i in range(a + 1, b):
        j = i
        while j > a and less(j, j - 1):
            swap(j, j - 1)
            j -= 1


def _sift_down(less: Less, swap: Swap, lo: int, hi: int, first: int) -> None:
    root = lo
    while True:
        child = 2 * root + 1
        if child >= hi:
            return
        if child + 1 < hi and less(first + child, first + child + 1):
            child += 1
        if not less(first + root, first + child):
            return
        swap(first + root, first + child)
        root = child


def _heap_sort(less: Less, swap: Swap, a: int, b: int) -> None:
    first, lo, hi = a, 0, b - a
    for i in range((hi - 1) // 2, -1, -1):
        _sift_down(less, swap, i, hi, first)
    for i in range(hi - 1, -1, -1):
        swap(first, first + i)
        _sift_down(less, swap, lo, i, first)


def _pdqsort(less: Less, swap: Swap, a: int, b: int, limit: int) -> None:
    was_balanced, was_partitioned = True, True
    while True:
        length = b - a
        if length <= 12:
            _insertion_sort(less, swap, a, b)
            return
        if limit == 0:
            _heap_sort(less, swap, a, b)
            return
        if not was_balanced:
            _break_patterns(swap, a, b)
            limit -= 1
        pivot, hint = _choose_pivot(less, a, b)
        if hint == _DECREASING:
            _reverse_range(swap, a, b)
            pivot = (b - 1) - (pivot - a)
            hint = _INCREASING
        if was_balanced and was_partitioned and hint == _INCREASING:
            if _partial_insertion_sort(less, swap, a, b):
                return
        if a > 0 and not less(a - 1, pivot):
            a = _partition_equal(less, swap, a, b, pivot)
            continue
        mid, already = _partition(less, swap, a, b, pivot)
        was_partitioned = already
        left_len, right_len = mid - a, b - mid
        threshold = length // 8
        if left_len < right_len:
            was_balanced = left_len >= threshold
            _pdqsort(less, swap, a, mid, limit)
            a = mid + 1
        else:
            was_balanced = right_len >= threshold
            _pdqsort(less, swap, mid + 1, b, limit)
            b = mid


def _partition(less: Less, swap: Swap, a: int, b: int, pivot: int) -> tuple[int, bool]:
    swap(a, pivot)
    i, j = a + 1, b - 1
    while i <= j and less(i, a):
        i += 1
    while i <= j and not less(j, a):
        j -= 1
    if i > j:
        swap(j, a)
        return j, True
    swap(i, j)
    i += 1
    j -= 1
    while True:
        while i <= j and less(i, a):
            i += 1
        while i <= j and not less(j, a):
            j -= 1
        if i > j:
            break
        swap(i, j)
        i += 1
        j -= 1
    swap(j, a)
    return j, False


def _partition_equal(less: Less, swap: Swap, a: int, b: int, pivot: int) -> int:
    swap(a, pivot)
    i, j = a + 1, b - 1
    while True:
        while i <= j and not less(a, i):
            i += 1
        while i <= j and less(a, j):
            j -= 1
        if i > j:
            break
        swap(i, j)
        i += 1
        j -= 1
    return i


def _partial_insertion_sort(less: Less, swap: Swap, a: int, b: int) -> bool:
    i = a + 1
    for _ in range(5):
        while i < b and not less(i, i - 1):
            i += 1
        if i == b:
            return True
        if b - a < 50:
            return False
        swap(i, i - 1)
        if i - a >= 2:
            j = i - 1
            while j >= 1:
                if not less(j, j - 1):
                    break
                swap(j, j - 1)
                j -= 1
        if b - i >= 2:
            j = i + 1
            while j < b:
                if not less(j, j - 1):
                    break
                swap(j, j - 1)
                j += 1
    return False


def _break_patterns(swap: Swap, a: int, b: int) -> None:
    length = b - a
    if length >= 8:
        state = length  # xorshift seeded with the length
        modulus = 1 << length.bit_length()
        for idx in range(a + (length // 4) * 2 - 1, a + (length // 4) * 2 + 2):
            state ^= (state << 13) & _MASK64
            state ^= state >> 7
            state ^= (state << 17) & _MASK64
            other = state & (modulus - 1)
            if other >= length:
                other -= length
            swap(idx, a + other)


def _choose_pivot(less: Less, a: int, b: int) -> tuple[int, int]:
    length = b - a
    swaps = [0]
    i, j, k = a + length // 4 * 1, a + length // 4 * 2, a + length // 4 * 3
    if length >= 8:
        if length >= 50:
            i = _median(less, i - 1, i, i + 1, swaps)
            j = _median(less, j - 1, j, j + 1, swaps)
            k = _median(less, k - 1, k, k + 1, swaps)
        j = _median(less, i, j, k, swaps)
    if swaps[0] == 0:
        return j, _INCREASING
    if swaps[0] == 12:
        return j, _DECREASING
    return j, _UNKNOWN


def _order2(less: Less, a: int, b: int, swaps: list[int]) -> tuple[int, int]:
    if less(b, a):
        swaps[0] += 1
        return b, a
    return a, b


def _median(less: Less, a: int, b: int, c: int, swaps: list[int]) -> int:
    a, b = _order2(less, a, b, swaps)
    b, c = _order2(less, b, c, swaps)
    a, b = _order2(less, a, b, swaps)
    return b


def _reverse_range(swap: Swap, a: int, b: int) -> None:
    i, j = a, b - 1
    while i < j:
        swap(i, j)
        i += 1
        j -= 1
