"""Kubernetes time text: metav1.Time (RFC 3339, whole seconds) in and out.

One home for reading and writing timestamps, used by the store, the simulation, the
printers and the CLI's clock.
"""

from __future__ import annotations

from datetime import datetime, timezone

ZERO_TIME = datetime(1, 1, 1, tzinfo=timezone.utc)


_last_formatted: tuple[datetime, str] | None = None


def format_time(moment: datetime) -> str:
    """RFC 3339 with whole seconds in UTC, as the API server writes metav1.Time."""
    global _last_formatted
    last = _last_formatted
    # A command's writes mostly share one instant (the clock is fixed): format it once.
    if last is not None and last[0] == moment:  # the same instant: the same UTC text
        return last[1]
    text = moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    _last_formatted = (moment, text)
    return text


def parse_time(text: object) -> datetime | None:
    """An RFC 3339 timestamp (``metav1.Time`` / ``MicroTime``, any offset) as aware UTC.

    None for a missing, empty, unparsable or zero (``0001-01-01T00:00:00Z``) value:
    Go's ``IsZero`` check treats all of those as "no time".
    """
    if not text or not isinstance(text, str):
        return None
    value = text.strip()
    if value[-1:] in ("Z", "z"):
        value = value[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(_trim_fraction(value))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    parsed = parsed.astimezone(timezone.utc)
    return None if parsed == ZERO_TIME else parsed


def _trim_fraction(text: str) -> str:
    """Cut a fractional second to 6 digits: Python's parser takes at most microseconds."""
    dot = text.find(".")
    if dot < 0:
        return text
    end = dot + 1
    while end < len(text) and text[end].isdigit():
        end += 1
    digits = text[dot + 1:end][:6]
    return text[:dot] + ("." + digits.ljust(6, "0") if digits else "") + text[end:]
