"""ConfigMaps: ``NAME DATA AGE`` (DATA counts ``data`` plus ``binaryData`` keys)."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, mp, name_of

COLUMNS = (NAME, Column("Data"), AGE)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a config map."""
    return [[name_of(obj), len(mp(obj.get("data"))) + len(mp(obj.get("binaryData"))), age_of(obj, now)]]
