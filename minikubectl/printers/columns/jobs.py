"""Jobs: ``NAME STATUS COMPLETIONS DURATION AGE`` + wide ``CONTAINERS IMAGES SELECTOR``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import (
    AGE, NAME, age_of, between, container_cells, dig, format_label_selector, is_deleting, lst, mp,
    n, name_of, since, template_containers,
)

COLUMNS = (
    NAME,
    Column("Status"),
    Column("Completions"),
    Column("Duration"),
    AGE,
    Column("Containers", priority=1),
    Column("Images", priority=1),
    Column("Selector", priority=1),
)


def _condition(obj: dict, ctype: str) -> bool:
    """``hasJobCondition``: the first condition of that type decides."""
    for cond in lst(dig(obj, "status", "conditions")):
        cond = mp(cond)
        if cond.get("type") == ctype:
            return cond.get("status") == "True"
    return False


def job_status(obj: dict) -> str:
    """Complete, Failed, Terminating, Suspended, FailureTarget or Running."""
    if _condition(obj, "Complete"):
        return "Complete"
    if _condition(obj, "Failed"):
        return "Failed"
    if is_deleting(obj):
        return "Terminating"
    if _condition(obj, "Suspended"):
        return "Suspended"
    if _condition(obj, "FailureTarget"):
        return "FailureTarget"
    return "Running"


def completions(obj: dict) -> str:
    """``<succeeded>/<completions>``, or ``/1`` (``of <parallelism>`` when parallel)."""
    succeeded = n(dig(obj, "status", "succeeded"))
    wanted = dig(obj, "spec", "completions")
    if isinstance(wanted, int):
        return f"{succeeded}/{wanted}"
    parallelism = n(dig(obj, "spec", "parallelism"))
    if parallelism > 1:
        return f"{succeeded}/1 of {parallelism}"
    return f"{succeeded}/1"


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a job."""
    start, end = dig(obj, "status", "startTime"), dig(obj, "status", "completionTime")
    if not start:
        duration = ""
    elif not end:
        duration = since(start, now)
    else:
        duration = between(start, end)
    names, images = container_cells(template_containers(obj))
    return [[
        name_of(obj),
        job_status(obj),
        completions(obj),
        duration,
        age_of(obj, now),
        names,
        images,
        format_label_selector(dig(obj, "spec", "selector")),
    ]]
