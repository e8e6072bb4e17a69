"""CSINodes: ``NAME DRIVERS AGE``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, dig, lst, name_of

COLUMNS = (NAME, Column("Drivers", type="integer"), AGE)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a CSI node."""
    return [[name_of(obj), len(lst(dig(obj, "spec", "drivers"))), age_of(obj, now)]]
