"""ReplicaSets: ``NAME DESIRED CURRENT READY AGE`` + wide ``CONTAINERS IMAGES SELECTOR``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import (
    AGE, NAME, age_of, container_cells, dig, format_label_selector, n, name_of, template_containers,
)

COLUMNS = (
    NAME,
    Column("Desired", type="integer"),
    Column("Current", type="integer"),
    Column("Ready", type="integer"),
    AGE,
    Column("Containers", priority=1),
    Column("Images", priority=1),
    Column("Selector", priority=1),
)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a replica set."""
    return [replica_row(obj, now, format_label_selector(dig(obj, "spec", "selector")))]


def replica_row(obj: dict, now: datetime, selector: str) -> list[Cell]:
    """The cells ReplicaSets and ReplicationControllers share, given the selector text."""
    names, images = container_cells(template_containers(obj))
    return [
        name_of(obj),
        n(dig(obj, "spec", "replicas")),
        n(dig(obj, "status", "replicas")),
        n(dig(obj, "status", "readyReplicas")),
        age_of(obj, now),
        names,
        images,
        selector,
    ]
