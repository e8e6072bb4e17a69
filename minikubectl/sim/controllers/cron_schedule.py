"""Cron schedules as the CronJob controller reads them (robfig/cron ``ParseStandard``).

Five fields (minute hour day-of-month month day-of-week) with ``*``, ``?``, lists, ranges,
steps and month / weekday names, or a descriptor (``@yearly``, ``@annually``, ``@monthly``,
``@weekly``, ``@daily``, ``@midnight``, ``@hourly``). Day-of-month and day-of-week combine
as cron does: when both are restricted either may match, otherwise both must.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo

DESCRIPTORS = {"@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
               "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *"}
MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
DAYS = {d: i for i, d in enumerate("sun mon tue wed thu fri sat".split())}
BOUNDS = ((0, 59, {}), (0, 23, {}), (1, 31, {}), (1, 12, MONTHS), (0, 6, DAYS))
SEARCH_YEARS = 5


class ScheduleError(ValueError):
    """An unparseable schedule."""


class Schedule:
    """A parsed schedule: the allowed values of each field."""

    def __init__(self, fields: list[set[int]], star_dom: bool, star_dow: bool) -> None:
        self.minutes, self.hours, self.doms, self.months, self.dows = fields
        self.star_dom, self.star_dow = star_dom, star_dow

    def day_matches(self, day: datetime) -> bool:
        dom = day.day in self.doms
        dow = (day.isoweekday() % 7) in self.dows
        if self.star_dom or self.star_dow:
            return dom and dow
        return dom or dow

    def next_after(self, moment: datetime, tz: tzinfo = timezone.utc) -> datetime | None:
        """The first scheduled instant strictly after ``moment`` (None within five years)."""
        local = moment.astimezone(tz).replace(second=0, microsecond=0) + timedelta(minutes=1)
        day = local.replace(hour=0, minute=0)
        first = True
        for _ in range(366 * SEARCH_YEARS):
            if day.month in self.months and self.day_matches(day):
                for hour in sorted(self.hours):
                    if first and hour < local.hour:
                        continue
                    for minute in sorted(self.minutes):
                        if first and hour == local.hour and minute < local.minute:
                            continue
                        candidate = datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)
                        return candidate.astimezone(timezone.utc)
            first = False
            nxt = day + timedelta(days=1)
            day = datetime(nxt.year, nxt.month, nxt.day, tzinfo=day.tzinfo)
        return None


def _field(text: str, lo: int, hi: int, names: dict[str, int]) -> tuple[set[int], bool]:
    values: set[int] = set()
    star = False
    for part in text.split(","):
        range_part, _, step_text = part.partition("/")
        step = 1
        if step_text:
            if not step_text.isdigit() or int(step_text) == 0:
                raise ScheduleError(f"bad step: {part}")
            step = int(step_text)
        if range_part in ("*", "?"):
            start, end = lo, hi
            star = star or step == 1
        else:
            first, dash, last = range_part.partition("-")
            start = _value(first, names)
            end = _value(last, names) if dash else (hi if step_text else start)
        if start < lo or end > hi or start > end:
            raise ScheduleError(f"out of range: {part}")
        values.update(range(start, end + 1, step))
    return values, star


def _value(text: str, names: dict[str, int]) -> int:
    lowered = text.lower()
    if lowered in names:
        return names[lowered]
    if not text.isdigit():
        raise ScheduleError(f"bad value: {text}")
    return int(text)


def parse(text: str) -> Schedule:
    """Parse a schedule (raises :class:`ScheduleError`)."""
    spec = DESCRIPTORS.get(text.strip(), text.strip())
    parts = spec.split()
    if len(parts) != 5:
        raise ScheduleError(f"expected exactly 5 fields, found {len(parts)}: {text}")
    fields, stars = [], []
    for part, (lo, hi, names) in zip(parts, BOUNDS):
        values, star = _field(part, lo, hi, names)
        fields.append(values)
        stars.append(star)
    if 7 in fields[4]:
        fields[4].discard(7)
        fields[4].add(0)
    return Schedule(fields, stars[2], stars[4])
