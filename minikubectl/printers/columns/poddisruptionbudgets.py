"""PodDisruptionBudgets: ``NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, dig, int_or_string, n, name_of

COLUMNS = (
    NAME,
    Column("Min Available"),
    Column("Max Unavailable"),
    Column("Allowed Disruptions", type="integer"),
    AGE,
)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a PDB: ``N/A`` for an unset bound."""
    low, high = dig(obj, "spec", "minAvailable"), dig(obj, "spec", "maxUnavailable")
    return [[
        name_of(obj),
        "N/A" if low is None else int_or_string(low),
        "N/A" if high is None else int_or_string(high),
        n(dig(obj, "status", "disruptionsAllowed")),
        age_of(obj, now),
    ]]
