"""Fallback ``NAME AGE``: custom resources without printer columns and unknown kinds."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell
from minikubectl.printers.columns._common import AGE, NAME, age_of, name_of

COLUMNS = (NAME, AGE)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row: name and age."""
    return [[name_of(obj), age_of(obj, now)]]
