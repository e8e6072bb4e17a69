"""Scale (``--subresource=scale``): ``NAME DESIRED AVAILABLE AGE``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, dig, n, name_of

COLUMNS = (NAME, Column("Desired", type="integer"), Column("Available", type="integer"),
           AGE)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row: spec.replicas and status.replicas."""
    return [[name_of(obj), n(dig(obj, "spec", "replicas")), n(dig(obj, "status", "replicas")),
             age_of(obj, now)]]
