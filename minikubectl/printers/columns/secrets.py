"""Secrets: ``NAME TYPE DATA AGE``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, mp, name_of, s

COLUMNS = (NAME, Column("Type"), Column("Data"), AGE)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a secret (``stringData`` is merged into ``data`` on write, never stored)."""
    return [[name_of(obj), s(obj.get("type")), len(mp(obj.get("data"))), age_of(obj, now)]]
