"""ResourceQuotas: ``NAME REQUEST LIMIT AGE`` (``res: used/hard`` lists)."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, dig, mp, name_of, quantity_string

COLUMNS = (NAME, Column("Request"), Column("Limit"), AGE)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a quota: ``limits.*`` resources go to LIMIT, everything else to REQUEST."""
    hard, used = mp(dig(obj, "status", "hard")), mp(dig(obj, "status", "used"))
    request: list[str] = []
    limit: list[str] = []
    for resource in sorted(hard):
        pieces = resource.split(".")
        target = limit if len(pieces) > 1 and pieces[0] == "limits" else request
        target.append(f"{resource}: {quantity_string(used.get(resource))}/{quantity_string(hard[resource])}")
    return [[name_of(obj), ", ".join(request), ", ".join(limit), age_of(obj, now)]]
