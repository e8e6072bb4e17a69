"""``DescribeEvents`` and ``searchEvents``: the Events section shared by describers."""

from __future__ import annotations

from typing import Any

from minikubectl.printers.describe.writer import (LEVEL_0, LEVEL_1, Context, PrefixWriter, dig, parse_time,
                                                  s, since)


def search_events(ctx: Context, namespace: str | None, name: str, kind: str | None,
                  uid: str | None) -> list[dict[str, Any]]:
    """Events whose involvedObject matches (the field selector kubectl sends), storage order."""
    found = []
    for ev in ctx.list_objects("events", namespace or None):
        ref = ev.get("involvedObject") or {}
        if s(ref.get("name")) != name or s(ref.get("namespace")) != (namespace or ""):
            continue
        if kind and s(ref.get("kind")) != kind:
            continue
        if uid and s(ref.get("uid")) != uid:
            continue
        found.append(ev)
    return found


def events_for(ctx: Context, obj: dict[str, Any], *, with_kind: bool = True) -> list[dict[str, Any]] | None:
    """``searchEvents`` for an object (None when events are not shown)."""
    if not ctx.show_events:
        return None
    meta = obj.get("metadata") or {}
    return search_events(ctx, meta.get("namespace"), s(meta.get("name")),
                         s(obj.get("kind")) if with_kind else None, s(meta.get("uid")) or None)


def _last_timestamp_key(ev: dict[str, Any]) -> float:
    moment = parse_time(ev.get("lastTimestamp"))
    return moment.timestamp() if moment is not None else float("-inf")


def describe_events(events: list[dict[str, Any]], w: PrefixWriter, ctx: Context) -> None:
    """The ``Events:`` table: sorted by lastTimestamp, ``(xN over T)`` for repeats."""
    if not events:
        w.write(LEVEL_0, "Events:\t<none>\n")
        return
    w.flush()
    w.write(LEVEL_0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
    w.write(LEVEL_1, "----\t------\t----\t----\t-------\n")
    for ev in sorted(events, key=_last_timestamp_key):
        first = since(ev.get("eventTime"), ctx)
        if parse_time(ev.get("eventTime")) is None:
            first = since(ev.get("firstTimestamp"), ctx)
        series = ev.get("series")
        count = ev.get("count") or 0
        if isinstance(series, dict):
            age = f"{since(series.get('lastObservedTime'), ctx)} (x{series.get('count', 0)} over {first})"
        elif isinstance(count, int) and count > 1:
            age = f"{since(ev.get('lastTimestamp'), ctx)} (x{count} over {first})"
        else:
            age = first
        source = s(dig(ev, "source", "component")) or s(ev.get("reportingComponent"))
        message = s(ev.get("message")).strip()
        w.write(LEVEL_1, f"{s(ev.get('type'))}\t{s(ev.get('reason'))}\t{age}\t{source}\t{message}\n")
