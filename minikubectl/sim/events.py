"""Event recording with the two recorders a v1.33 cluster uses.

* Legacy (``core/v1``) recorder, used by the kubelet and the controller manager:
  ``source``/``firstTimestamp``/``lastTimestamp``/``count``; an identical event
  (same object, source, type, reason, message) is aggregated: ``count`` goes up and
  ``lastTimestamp`` moves, under the same event name.
* ``events.k8s.io/v1`` recorder, used by the scheduler: ``eventTime`` (MicroTime),
  ``action``, ``reportingController``/``reportingInstance``; repeats become a
  ``series`` with ``count`` and ``lastObservedTime``. Read back through ``core/v1`` it
  shows ``firstTimestamp: null``, ``lastTimestamp: null`` and ``source: {}``.

Event names are ``<object name>.<hex of the UnixNano instant>`` as client-go builds
them. Events expire one hour after their last update (the API server's ``--event-ttl``).
"""

from __future__ import annotations

import hashlib
from typing import Any

from minikubectl.sim.clock import micro_stamp, stamp
from minikubectl.sim.context import SimContext

EVENT_TTL_MS = 3_600_000


def involved(obj: dict[str, Any], field_path: str = "") -> dict[str, Any]:
    """The ObjectReference of an event's subject."""
    meta = obj.get("metadata", {})
    ref: dict[str, Any] = {"apiVersion": obj.get("apiVersion", "v1"), "kind": obj.get("kind", "")}
    if field_path:
        ref["fieldPath"] = field_path
    ref["name"] = meta.get("name", "")
    if meta.get("namespace"):
        ref["namespace"] = meta["namespace"]
    if meta.get("resourceVersion"):
        ref["resourceVersion"] = meta["resourceVersion"]
    ref["uid"] = meta.get("uid", "")
    return ref


def _event_namespace(obj: dict[str, Any]) -> str:
    # Events about cluster-scoped objects (nodes) land in "default".
    return obj.get("metadata", {}).get("namespace") or "default"


def _name_for(ctx: SimContext, subject_name: str) -> str:
    """``<name>.<%x of UnixNano>``, nudged by a nanosecond when two events share an instant."""
    nanos = ctx.now_ms * 1_000_000
    last = int(ctx.sim.get("lastEventNanos", 0))
    if nanos <= last:
        nanos = last + 1
    ctx.sim["lastEventNanos"] = nanos
    return f"{subject_name}.{nanos:x}"


def _aggregation_key(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:24]


def record(ctx: SimContext, obj: dict[str, Any], event_type: str, reason: str, message: str,
           component: str, host: str = "", field_path: str = "") -> None:
    """A core/v1 event from the kubelet or a controller, aggregated when repeated."""
    ref = involved(obj, field_path)
    namespace = _event_namespace(obj)
    key = _aggregation_key(namespace, ref.get("uid", ""), ref["name"], field_path, component, host,
                           event_type, reason, message)
    index: dict[str, str] = ctx.sim.setdefault("eventIndex", {})
    resource = ctx.res("events")
    existing_name = index.get(key)
    existing = ctx.api.tracker.peek(resource, namespace, existing_name) if existing_name else None
    if existing is not None:
        updated = dict(existing)
        updated["count"] = int(existing.get("count", 1)) + 1
        updated["lastTimestamp"] = ctx.stamp()
        updated["metadata"] = dict(existing["metadata"])
        stored = ctx.put_raw(resource, updated)
        _expire_later(ctx, namespace, existing_name, stored["metadata"]["resourceVersion"], key)
        return
    name = _name_for(ctx, ref["name"])
    event = {
        "apiVersion": "v1", "kind": "Event",
        "count": 1,
        "eventTime": None,
        "firstTimestamp": ctx.stamp(),
        "involvedObject": ref,
        "lastTimestamp": ctx.stamp(),
        "message": message,
        "metadata": {"creationTimestamp": ctx.stamp(), "name": name, "namespace": namespace,
                     "uid": ctx.api.tracker.new_uid(f"events/{namespace}/{name}")},
        "reason": reason,
        "reportingComponent": component,
        "reportingInstance": host,
        "source": {"component": component, **({"host": host} if host else {})},
        "type": event_type,
    }
    stored = ctx.put_raw(resource, event)
    index[key] = name
    _expire_later(ctx, namespace, name, stored["metadata"]["resourceVersion"], key)


def record_new_api(ctx: SimContext, obj: dict[str, Any], event_type: str, reason: str, action: str,
                   message: str, controller: str, instance: str) -> None:
    """An events.k8s.io/v1 event (the scheduler's); a repeat becomes/extends a series."""
    ref = involved(obj)
    namespace = _event_namespace(obj)
    key = _aggregation_key("series", namespace, ref.get("uid", ""), controller, event_type, reason,
                           action, message)
    index: dict[str, str] = ctx.sim.setdefault("eventIndex", {})
    resource = ctx.res("events")
    existing_name = index.get(key)
    existing = ctx.api.tracker.peek(resource, namespace, existing_name) if existing_name else None
    if existing is not None:
        updated = dict(existing)
        series = dict(existing.get("series") or {"count": 1})
        series["count"] = int(series.get("count", 1)) + 1
        series["lastObservedTime"] = micro_stamp(ctx.now_ms)
        updated["series"] = series
        stored = ctx.put_raw(resource, updated)
        _expire_later(ctx, namespace, existing_name, stored["metadata"]["resourceVersion"], key)
        return
    name = _name_for(ctx, ref["name"])
    event = {
        "action": action,
        "apiVersion": "v1", "kind": "Event",
        "eventTime": micro_stamp(ctx.now_ms),
        "firstTimestamp": None,
        "involvedObject": ref,
        "lastTimestamp": None,
        "message": message,
        "metadata": {"creationTimestamp": stamp(ctx.now_ms), "name": name, "namespace": namespace,
                     "uid": ctx.api.tracker.new_uid(f"events/{namespace}/{name}")},
        "reason": reason,
        "reportingComponent": controller,
        "reportingInstance": instance,
        "source": {},
        "type": event_type,
    }
    stored = ctx.put_raw(resource, event)
    index[key] = name
    _expire_later(ctx, namespace, name, stored["metadata"]["resourceVersion"], key)


def _expire_later(ctx: SimContext, namespace: str, name: str, rv: str, key: str) -> None:
    ctx.schedule(ctx.now_ms + EVENT_TTL_MS,
                 {"k": "event-ttl", "ns": namespace, "name": name, "rv": rv, "key": key})


def expire(ctx: SimContext, payload: dict[str, Any]) -> None:
    """Timer: drop an event whose TTL ran out (unless it was updated since)."""
    resource = ctx.res("events")
    current = ctx.api.tracker.peek(resource, payload["ns"], payload["name"])
    if current is None or current["metadata"].get("resourceVersion") != payload["rv"]:
        return
    ctx.remove_raw(resource, payload["ns"], payload["name"])
    index: dict[str, str] = ctx.sim.setdefault("eventIndex", {})
    if index.get(payload.get("key", "")) == payload["name"]:
        del index[payload["key"]]
