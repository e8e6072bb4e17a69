"""Human-readable durations, as ``k8s.io/apimachinery/pkg/util/duration`` prints them.

Go durations are integer nanoseconds and every unit conversion truncates toward
zero, so the arithmetic here is done on integer nanoseconds as well: a float
``seconds`` argument is rounded to the nearest nanosecond first, exactly once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

_NS = 1_000_000_000
_MINUTE = 60 * _NS
_HOUR = 60 * _MINUTE

Elapsed = int | float | timedelta


def _to_ns(d: Elapsed) -> int:
    """A duration in nanoseconds (Go's ``time.Duration``)."""
    if isinstance(d, timedelta):
        micros = (d.days * 86_400 + d.seconds) * 1_000_000 + d.microseconds
        return micros * 1000
    if isinstance(d, int):
        return d * _NS
    return round(d * _NS)


def _trunc_div(a: int, b: int) -> int:
    """Integer division truncating toward zero, as Go's ``/`` on integers does."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def human_duration(d: Elapsed) -> str:
    """``duration.HumanDuration``: ``45s``, ``2m5s``, ``10m``, ``3h2m``, ``2d4h``, ``1y30d``...

    ``d`` is seconds (int or float) or a timedelta; more than 1 s in the future is
    ``<invalid>``, up to 1 s in the future is ``0s`` (clock skew tolerance).
    """
    ns = _to_ns(d)
    seconds = _trunc_div(ns, _NS)
    if seconds < -1:
        return "<invalid>"
    if seconds < 0:
        return "0s"
    if seconds < 120:
        return f"{seconds}s"
    minutes = ns // _MINUTE
    if minutes < 10:
        s = seconds % 60
        return f"{minutes}m" if s == 0 else f"{minutes}m{s}s"
    if minutes < 180:
        return f"{minutes}m"
    hours = ns // _HOUR
    if hours < 8:
        m = minutes % 60
        return f"{hours}h" if m == 0 else f"{hours}h{m}m"
    if hours < 48:
        return f"{hours}h"
    if hours < 24 * 8:
        h = hours % 24
        return f"{hours // 24}d" if h == 0 else f"{hours // 24}d{h}h"
    if hours < 24 * 365 * 2:
        return f"{hours // 24}d"
    if hours < 24 * 365 * 8:
        days = (hours // 24) % 365
        years = hours // 24 // 365
        return f"{years}y" if days == 0 else f"{years}y{days}d"
    return f"{hours // 24 // 365}y"


def short_human_duration(d: Elapsed) -> str:
    """``duration.ShortHumanDuration``: one unit only (``59s``, ``5m``, ``23h``, ``364d``, ``2y``)."""
    ns = _to_ns(d)
    seconds = _trunc_div(ns, _NS)
    if seconds < -1:
        return "<invalid>"
    if seconds < 0:
        return "0s"
    if seconds < 60:
        return f"{seconds}s"
    minutes = ns // _MINUTE
    if minutes < 60:
        return f"{minutes}m"
    hours = ns // _HOUR
    if hours < 24:
        return f"{hours}h"
    if hours < 24 * 365:
        return f"{hours // 24}d"
    return f"{hours // 24 // 365}y"


def parse_timestamp(text: str | None) -> datetime | None:
    """An RFC 3339 timestamp as an aware datetime; None for missing/zero (see api.timefmt)."""
    from minikubectl.api.timefmt import parse_time
    return parse_time(text)


def since(timestamp: datetime, now: datetime) -> str:
    """HumanDuration of ``now - timestamp``."""
    return human_duration(now - timestamp)


def age(timestamp_str: str | None, now: datetime) -> str:
    """The AGE cell: HumanDuration since ``timestamp_str``, ``<unknown>`` when it is missing."""
    parsed = parse_timestamp(timestamp_str)
    if parsed is None:
        return "<unknown>"
    return human_duration(now - parsed)
