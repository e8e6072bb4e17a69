"""Simulated time: millisecond instants and the persisted queue of due timers.

The simulation keeps time as integer milliseconds since the Unix epoch so that
sub-second delays (image pulls) order correctly, while objects carry the
second-precision timestamps the API server writes. Timers live in the state file
(``state["sim"]["queue"]``) as a binary heap of ``[at_ms, seq, payload]``; ``seq``
makes the order total and deterministic for timers due at the same instant.
"""

from __future__ import annotations

import heapq
from datetime import datetime, timezone
from typing import Any

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def to_ms(moment: datetime) -> int:
    """Milliseconds since the epoch of an aware datetime."""
    delta = moment - _EPOCH
    return (delta.days * 86400 + delta.seconds) * 1000 + delta.microseconds // 1000


def from_ms(ms: int) -> datetime:
    """The aware UTC datetime of an epoch-milliseconds instant."""
    from datetime import timedelta

    return _EPOCH + timedelta(milliseconds=ms)


def stamp(ms: int) -> str:
    """metav1.Time text (RFC 3339, whole seconds) of an instant."""
    from minikubectl.api.timefmt import format_time
    return format_time(from_ms(ms))


_last_micro_stamp: tuple[int, str] = (-1, "")


def micro_stamp(ms: int) -> str:
    """metav1.MicroTime text (six fractional digits), as events.k8s.io writes eventTime."""
    global _last_micro_stamp
    if _last_micro_stamp[0] == ms:  # a command's events mostly share one instant
        return _last_micro_stamp[1]
    text = from_ms(ms).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    _last_micro_stamp = (ms, text)
    return text


def parse_ms(text: str | None) -> int | None:
    """Epoch milliseconds of an RFC 3339 timestamp (None when absent or unparsable)."""
    from minikubectl.api.timefmt import parse_time
    parsed = parse_time(text)
    return None if parsed is None else to_ms(parsed)


def go_duration(ms: int) -> str:
    """Go's ``time.Duration.String()`` of a millisecond-truncated duration (``850ms``, ``2.5s``, ``1m2.003s``)."""
    if ms == 0:
        return "0s"
    if ms < 1000:
        return f"{ms}ms"
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    sec_text = str(seconds) + (("." + f"{millis:03d}".rstrip("0")) if millis else "") + "s"
    if hours:
        return f"{hours}h{minutes}m{sec_text}"
    if minutes:
        return f"{minutes}m{sec_text}"
    return sec_text


class TimerQueue:
    """A min-heap of due timers stored in (and mutating) a list inside the state."""

    def __init__(self, sim: dict[str, Any]) -> None:
        self.sim = sim
        self._heap: list[list[Any]] | None = None
        # A state decoded lazily knows the earliest timer without decoding the queue.
        is_loaded = getattr(sim, "is_loaded", None)
        if is_loaded is None or is_loaded("queue") or not hasattr(sim, "due_hint"):
            self._load()

    def _load(self) -> list[list[Any]]:
        heap: list[list[Any]] = self.sim.setdefault("queue", [])
        heapq.heapify(heap)
        self._heap = heap
        return heap

    @property
    def heap(self) -> list[list[Any]]:
        """The heap itself (decoded on first use)."""
        return self._heap if self._heap is not None else self._load()

    def push(self, at_ms: int, payload: dict[str, Any]) -> None:
        """Add a timer; timers at the same instant fire in push order."""
        seq = int(self.sim.get("seq", 0)) + 1
        self.sim["seq"] = seq
        heapq.heappush(self.heap, [int(at_ms), seq, payload])

    def next_time(self) -> int | None:
        """When the earliest timer is due (None when the queue is empty)."""
        if self._heap is None:
            return self.sim.due_hint  # type: ignore[attr-defined]
        return self._heap[0][0] if self._heap else None

    def pop_due(self, until_ms: int) -> tuple[int, list[dict[str, Any]]] | None:
        """All timers due at the earliest instant, if that instant is <= ``until_ms``."""
        if self._heap is None:
            due = self.sim.due_hint  # type: ignore[attr-defined]
            if due is None or due > until_ms:
                return None
        if not self.heap or self.heap[0][0] > until_ms:
            return None
        at = self.heap[0][0]
        batch = []
        while self.heap and self.heap[0][0] == at:
            batch.append(heapq.heappop(self.heap)[2])
        return at, batch

    def __len__(self) -> int:
        return len(self.heap)


_DURATION_UNITS = {"ns": 1e-6, "us": 1e-3, "µs": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def parse_go_duration(text: str) -> int:
    """Milliseconds of a Go duration (``30s``, ``1m30s``, ``-1s``, ``0``); ValueError when invalid."""
    import re

    value = text.strip()
    if value in ("0", "+0", "-0"):
        return 0
    sign = -1 if value.startswith("-") else 1
    body = value.lstrip("+-")
    parts = re.findall(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)", body)
    if not body or "".join(n + u for n, u in parts) != body:
        raise ValueError(f'time: invalid duration "{text}"')
    return sign * int(sum(float(n) * _DURATION_UNITS[u] for n, u in parts))
