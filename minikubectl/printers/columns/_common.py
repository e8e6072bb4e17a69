"""Helpers shared by the column modules: field access, labels, selectors, containers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from minikubectl.printers.duration import age as _age, human_duration, parse_timestamp
from minikubectl.printers.columns import Column

NAME = Column("Name", format="name")
AGE = Column("Age")


def dig(obj: Any, *path: str | int) -> Any:
    """``obj[p0][p1]...`` or None when any step is missing or of the wrong type."""
    cur = obj
    for key in path:
        if isinstance(key, int):
            if not isinstance(cur, list) or not -len(cur) <= key < len(cur):
                return None
        elif not isinstance(cur, dict):
            return None
        else:
            if key not in cur:
                return None
        cur = cur[key]
    return cur


def s(value: Any) -> str:
    """A Go string field: missing/null is the empty string."""
    return value if isinstance(value, str) else ""


def n(value: Any) -> int:
    """A Go integer field: missing/null is 0."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    return 0


def lst(value: Any) -> list:
    """A Go slice field: missing/null is empty."""
    return value if isinstance(value, list) else []


def mp(value: Any) -> dict:
    """A Go map/struct field: missing/null is empty."""
    return value if isinstance(value, dict) else {}


def name_of(obj: dict) -> str:
    """``metadata.name``."""
    return s(dig(obj, "metadata", "name"))


_AGES: dict[tuple[Any, datetime], str] = {}


def age_of(obj: dict, now: datetime) -> str:
    """The AGE cell: HumanDuration since ``metadata.creationTimestamp``."""
    meta = obj.get("metadata")
    stamp = meta.get("creationTimestamp") if type(meta) is dict else None
    if type(stamp) is not str:
        return _age(dig(obj, "metadata", "creationTimestamp"), now)
    # Objects created together share a timestamp: parse and format each one once.
    key = (stamp, now)
    cell = _AGES.get(key)
    if cell is None:
        cell = _AGES[key] = _age(stamp, now)
    return cell


def since(timestamp: Any, now: datetime) -> str:
    """``translateTimestampSince``: HumanDuration since an RFC 3339 time, ``<unknown>`` if zero."""
    return _age(timestamp if isinstance(timestamp, str) else None, now)


def between(start: Any, end: Any) -> str:
    """HumanDuration of ``end - start`` (both RFC 3339); ``<unknown>`` if either is missing."""
    t0 = parse_timestamp(start if isinstance(start, str) else None)
    t1 = parse_timestamp(end if isinstance(end, str) else None)
    if t0 is None or t1 is None:
        return "<unknown>"
    return human_duration(t1 - t0)


def is_deleting(obj: dict) -> bool:
    """Whether ``metadata.deletionTimestamp`` is set."""
    return bool(dig(obj, "metadata", "deletionTimestamp"))


def format_labels(labels: Any) -> str:
    """``labels.FormatLabels``: sorted ``k=v`` joined by ``,``; ``<none>`` when empty."""
    from minikubectl.api.labels import format_labels as _format  # lazy: only selector/label cells

    return _format(mp(labels))


class InvalidSelector(ValueError):
    """A LabelSelector that ``LabelSelectorAsSelector`` rejects."""


def selector_string(selector: Any) -> str:
    """``metav1.LabelSelectorAsSelector(sel).String()``: requirements sorted by key.

    A nil or empty selector is the empty string. Raises InvalidSelector when unconvertible.
    """
    from minikubectl.api.labels import SelectorParseError, label_selector_as_selector

    try:
        return str(label_selector_as_selector(selector if isinstance(selector, dict) else None))
    except (SelectorParseError, AttributeError, TypeError) as exc:
        raise InvalidSelector(str(exc)) from exc


def format_label_selector(selector: Any) -> str:
    """``metav1.FormatLabelSelector``: the selector string, ``<none>`` if empty, ``<error>`` if bad."""
    try:
        text = selector_string(selector)
    except InvalidSelector:
        return "<error>"
    return text or "<none>"


def container_cells(containers: Any) -> tuple[str, str]:
    """``layoutContainerCells``: container names and images, each joined by ``,``."""
    items = [mp(c) for c in lst(containers)]
    return ",".join(s(c.get("name")) for c in items), ",".join(s(c.get("image")) for c in items)


def template_containers(obj: dict) -> Any:
    """``spec.template.spec.containers`` of a workload."""
    return dig(obj, "spec", "template", "spec", "containers")


def quantity_string(value: Any) -> str:
    """``resource.Quantity.String()`` of a stored quantity.

    Stored quantities are kept as written; the API server would canonicalize them
    (``1.5Gi`` -> ``1536Mi``). TODO: canonicalize through minikubectl.api.quantity.
    """
    if value is None:
        return "0"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        from minikubectl.golang.fmt import format_value
        return format_value(value)
    return str(value)


def int_or_string(value: Any) -> str:
    """``intstr.IntOrString.String()``."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    return s(value)


def access_modes(modes: Any) -> str:
    """``helper.GetAccessModesAsString``: RWO,ROX,RWX,RWOP in that fixed order, deduplicated."""
    present = set(s(m) for m in lst(modes))
    order = (("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"),
             ("ReadWriteOncePod", "RWOP"))
    return ",".join(short for full, short in order if full in present)
