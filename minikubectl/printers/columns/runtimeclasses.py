"""RuntimeClasses: ``NAME HANDLER AGE``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, name_of, s

COLUMNS = (NAME, Column("Handler"), AGE)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a runtime class."""
    return [[name_of(obj), s(obj.get("handler")), age_of(obj, now)]]
