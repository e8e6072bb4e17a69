"""CronJobs: ``NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE`` + wide."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import (
    AGE, NAME, age_of, container_cells, dig, format_label_selector, lst, name_of, s, since,
)

COLUMNS = (
    NAME,
    Column("Schedule"),
    Column("Timezone"),
    Column("Suspend", type="boolean"),
    Column("Active", type="integer"),
    Column("Last Schedule"),
    AGE,
    Column("Containers", priority=1),
    Column("Images", priority=1),
    Column("Selector", priority=1),
)


def _bool_ptr(value: object) -> str:
    """``printBoolPtr``: ``True`` / ``False``, ``<unset>`` when nil."""
    if isinstance(value, bool):
        return "True" if value else "False"
    return "<unset>"


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a cron job."""
    last = dig(obj, "status", "lastScheduleTime")
    tz = dig(obj, "spec", "timeZone")
    job_spec = dig(obj, "spec", "jobTemplate", "spec")
    names, images = container_cells(dig(job_spec, "template", "spec", "containers"))
    return [[
        name_of(obj),
        s(dig(obj, "spec", "schedule")),
        tz if isinstance(tz, str) else "<none>",
        _bool_ptr(dig(obj, "spec", "suspend")),
        len(lst(dig(obj, "status", "active"))),
        since(last, now) if last else "<none>",
        age_of(obj, now),
        names,
        images,
        format_label_selector(dig(job_spec, "selector")),
    ]]
