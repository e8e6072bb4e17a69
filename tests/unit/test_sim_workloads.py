"""Units of the workload controllers: cron schedules, index formatting."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from minikubectl.sim.controllers import cron_schedule
from minikubectl.sim.controllers.job import _format_indexes, _parse_indexes


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.mark.parametrize("schedule,after,expected", [
    ("*/1 * * * *", "2026-01-01T00:00:30Z", "2026-01-01T00:01:00Z"),
    ("*/15 * * * *", "2026-01-01T00:15:00Z", "2026-01-01T00:30:00Z"),
    ("@hourly", "2026-01-01T00:01:00Z", "2026-01-01T01:00:00Z"),
    ("@daily", "2026-01-01T00:01:00Z", "2026-01-02T00:00:00Z"),
    ("@weekly", "2026-01-01T00:00:00Z", "2026-01-04T00:00:00Z"),
    ("@monthly", "2026-01-15T00:00:00Z", "2026-02-01T00:00:00Z"),
    ("@yearly", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
    ("30 9 * * mon-fri", "2026-01-02T10:00:00Z", "2026-01-05T09:30:00Z"),
    ("0 0 13 * 5", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"),
    ("0 12 29 feb *", "2026-01-01T00:00:00Z", "2028-02-29T12:00:00Z"),
])
def test_next_after(schedule, after, expected):
    assert cron_schedule.parse(schedule).next_after(_at(after)) == _at(expected)


@pytest.mark.parametrize("bad", ["", "* * * *", "61 * * * *", "* * * * mon-xyz", "*/0 * * * *"])
def test_bad_schedules(bad):
    with pytest.raises(cron_schedule.ScheduleError):
        cron_schedule.parse(bad)


def test_completed_indexes_round_trip():
    assert _format_indexes({0, 1, 2, 4, 6, 7}) == "0-2,4,6-7"
    assert _parse_indexes("0-2,4,6-7") == {0, 1, 2, 4, 6, 7}
    assert _format_indexes(set()) == ""
