"""Leases: ``NAME HOLDER AGE``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, dig, name_of, s

COLUMNS = (NAME, Column("Holder"), AGE)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a lease."""
    return [[name_of(obj), s(dig(obj, "spec", "holderIdentity")), age_of(obj, now)]]
