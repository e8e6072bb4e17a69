"""duration.HumanDuration / ShortHumanDuration / AGE cells, boundary by boundary."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from minikubectl.printers.duration import age, human_duration, parse_timestamp, short_human_duration

M, H, D, Y = 60, 3600, 86400, 365 * 86400


@pytest.mark.parametrize("seconds, expected", [
    # future by 2 s or more: invalid; up to 1 s (truncated) is tolerated as 0s
    (-3, "<invalid>"), (-2, "<invalid>"), (-2.5, "<invalid>"),
    (-1.999, "0s"), (-1, "0s"), (-0.5, "0s"), (0, "0s"), (0.999, "0s"),
    (1, "1s"), (59, "59s"), (60, "60s"), (119, "119s"), (119.999, "119s"),
    (120, "2m"), (121, "2m1s"), (125, "2m5s"), (179, "2m59s"), (180, "3m"),
    (9 * M + 59, "9m59s"), (10 * M, "10m"), (10 * M + 59, "10m"),
    (179 * M + 59, "179m"), (180 * M, "3h"), (3 * H + 60, "3h1m"), (3 * H + 59, "3h"),
    (7 * H + 59 * M, "7h59m"), (7 * H + 59 * M + 59, "7h59m"), (8 * H, "8h"), (47 * H + 59 * M, "47h"),
    (48 * H, "2d"), (48 * H + 3599, "2d"), (49 * H, "2d1h"), (7 * D + 23 * H, "7d23h"),
    (7 * D + 23 * H + 3599, "7d23h"), (8 * D, "8d"), (8 * D + 23 * H, "8d"), (364 * D, "364d"),
    (365 * D, "365d"), (729 * D + 23 * H, "729d"), (730 * D, "2y"), (731 * D, "2y1d"),
    (3 * Y + 100 * D, "3y100d"), (8 * Y - D, "7y364d"), (8 * Y, "8y"), (8 * Y + 200 * D, "8y"),
    (20 * Y, "20y"),
])
def test_human_duration_boundaries(seconds, expected):
    assert human_duration(seconds) == expected


def test_human_duration_accepts_timedelta():
    assert human_duration(timedelta(minutes=2, seconds=5)) == "2m5s"
    assert human_duration(timedelta(microseconds=-1_500_000)) == "0s"
    assert human_duration(timedelta(seconds=-2)) == "<invalid>"
    assert human_duration(timedelta(days=3, hours=4, microseconds=999_999)) == "3d4h"


@pytest.mark.parametrize("seconds, expected", [
    (-2, "<invalid>"), (-1, "0s"), (-0.1, "0s"), (0, "0s"), (59, "59s"), (59.9, "59s"),
    (60, "1m"), (3599, "59m"), (3600, "1h"), (23 * H + 3599, "23h"), (24 * H, "1d"),
    (364 * D + 23 * H, "364d"), (365 * D, "1y"), (3 * Y + 10 * D, "3y"),
])
def test_short_human_duration(seconds, expected):
    assert short_human_duration(seconds) == expected


NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize("stamp, expected", [
    (None, "<unknown>"), ("", "<unknown>"), ("0001-01-01T00:00:00Z", "<unknown>"),
    ("not a time", "<unknown>"),
    ("2026-01-01T00:00:00Z", "0s"), ("2025-12-31T23:59:01Z", "59s"),
    ("2025-12-31T23:55:00Z", "5m"), ("2025-12-31T00:00:00Z", "24h"),
    ("2025-12-01T00:00:00Z", "31d"), ("2026-01-01T00:00:01Z", "0s"), ("2026-01-01T00:00:02Z", "<invalid>"),
    ("2026-01-01T01:00:00+01:00", "0s"),           # offsets are honoured
    ("2025-12-31T23:57:59.5Z", "2m"),               # 2m0.5s
    ("2025-12-31T23:57:58.123456789Z", "2m1s"),     # nanosecond MicroTime-like fractions
])
def test_age(stamp, expected):
    assert age(stamp, NOW) == expected


def test_parse_timestamp_naive_is_utc():
    assert parse_timestamp("2026-01-01T00:00:00") == NOW
