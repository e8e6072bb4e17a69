"""ComponentStatuses: ``NAME STATUS MESSAGE ERROR``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import NAME, lst, mp, name_of, s

COLUMNS = (NAME, Column("Status"), Column("Message"), Column("Error"))


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a component status: the first Healthy condition decides."""
    status, message, error = "Unknown", "", ""
    for cond in lst(obj.get("conditions")):
        cond = mp(cond)
        if cond.get("type") == "Healthy":
            status = "Healthy" if cond.get("status") == "True" else "Unhealthy"
            message, error = s(cond.get("message")), s(cond.get("error"))
            break
    return [[name_of(obj), status, message, error]]
