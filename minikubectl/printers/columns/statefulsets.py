"""StatefulSets: ``NAME READY AGE`` + wide ``CONTAINERS IMAGES``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import (
    AGE, NAME, age_of, container_cells, dig, n, name_of, template_containers,
)

COLUMNS = (
    NAME,
    Column("Ready"),
    AGE,
    Column("Containers", priority=1),
    Column("Images", priority=1),
)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a stateful set."""
    names, images = container_cells(template_containers(obj))
    return [[
        name_of(obj),
        f"{n(dig(obj, 'status', 'readyReplicas'))}/{n(dig(obj, 'spec', 'replicas'))}",
        age_of(obj, now),
        names,
        images,
    ]]
