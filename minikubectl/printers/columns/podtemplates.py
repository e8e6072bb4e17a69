"""PodTemplates: ``NAME CONTAINERS IMAGES POD LABELS``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import NAME, container_cells, dig, format_labels, name_of

COLUMNS = (NAME, Column("Containers"), Column("Images"), Column("Pod Labels"))


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a pod template."""
    names, images = container_cells(dig(obj, "template", "spec", "containers"))
    return [[name_of(obj), names, images, format_labels(dig(obj, "template", "metadata", "labels"))]]
