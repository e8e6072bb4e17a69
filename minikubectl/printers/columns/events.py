"""Events: ``LAST SEEN TYPE REASON OBJECT MESSAGE``; wide adds SUBOBJECT, SOURCE, FIRST SEEN, COUNT, NAME.

Serves both core ``v1`` events and ``events.k8s.io`` ones (the API server keeps
them in one storage, so both print the same table). For the latter the fields are
mapped: ``regarding`` -> involvedObject, ``note`` -> message,
``deprecatedFirstTimestamp``... -> the core timestamps.
"""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import dig, mp, n, name_of, s, since

COLUMNS = (
    Column("Last Seen"),
    Column("Type"),
    Column("Reason"),
    Column("Object"),
    Column("Subobject", priority=1),
    Column("Source", priority=1),
    Column("Message"),
    Column("First Seen", priority=1),
    Column("Count", priority=1),
    Column("Name", priority=1, format="name"),
)


def _core_view(obj: dict) -> dict:
    """The core/v1 field names of an events.k8s.io/v1 event (a shallow mapping)."""
    if not str(obj.get("apiVersion", "")).startswith("events.k8s.io/"):
        return obj
    return {
        "metadata": obj.get("metadata"),
        "involvedObject": obj.get("regarding"),
        "reason": obj.get("reason"),
        "message": obj.get("note"),
        "type": obj.get("type"),
        "source": obj.get("deprecatedSource"),
        "firstTimestamp": obj.get("deprecatedFirstTimestamp"),
        "lastTimestamp": obj.get("deprecatedLastTimestamp"),
        "count": obj.get("deprecatedCount"),
        "eventTime": obj.get("eventTime"),
        "series": obj.get("series"),
        "reportingComponent": obj.get("reportingController"),
        "reportingInstance": obj.get("reportingInstance"),
    }


def event_source(ev: dict) -> str:
    """``formatEventSource``: component (or reportingComponent), then ``, host``."""
    component = s(dig(ev, "source", "component")) or s(ev.get("reportingComponent"))
    host = s(dig(ev, "source", "host")) or s(ev.get("reportingInstance"))
    return f"{component}, {host}" if host else component


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for an event."""
    ev = _core_view(obj)
    first_ts = ev.get("firstTimestamp")
    first = since(first_ts, now) if first_ts else since(ev.get("eventTime"), now)
    last = since(ev.get("lastTimestamp"), now) if ev.get("lastTimestamp") else first
    count = n(ev.get("count"))
    series = ev.get("series")
    if isinstance(series, dict):
        last = since(series.get("lastObservedTime"), now)
        count = n(series.get("count"))
    elif count == 0:
        count = 1  # singleton events of the new API carry no count
    involved = mp(ev.get("involvedObject"))
    kind = s(involved.get("kind")).lower()
    target = f"{kind}/{involved['name']}" if s(involved.get("name")) else kind
    return [[
        last,
        s(ev.get("type")),
        s(ev.get("reason")),
        target,
        s(involved.get("fieldPath")),
        event_source(ev),
        s(ev.get("message")).strip(),
        first,
        count,
        name_of(obj),
    ]]
