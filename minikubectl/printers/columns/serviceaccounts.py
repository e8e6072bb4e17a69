"""ServiceAccounts: ``NAME SECRETS AGE``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, lst, name_of

COLUMNS = (NAME, Column("Secrets"), AGE)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a service account."""
    return [[name_of(obj), len(lst(obj.get("secrets"))), age_of(obj, now)]]
