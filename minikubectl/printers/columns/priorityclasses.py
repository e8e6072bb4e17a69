"""PriorityClasses: ``NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, n, name_of, s

COLUMNS = (
    NAME,
    Column("Value", type="integer"),
    Column("Global-Default", type="boolean"),
    AGE,
    Column("PreemptionPolicy"),
)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a priority class."""
    return [[name_of(obj), n(obj.get("value")), obj.get("globalDefault") is True, age_of(obj, now),
             s(obj.get("preemptionPolicy"))]]
