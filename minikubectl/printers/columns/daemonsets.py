"""DaemonSets: ``NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE`` + wide."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import (
    AGE, NAME, age_of, container_cells, dig, format_label_selector, format_labels, n, name_of,
    template_containers,
)

COLUMNS = (
    NAME,
    Column("Desired", type="integer"),
    Column("Current", type="integer"),
    Column("Ready", type="integer"),
    Column("Up-to-date", type="integer"),
    Column("Available", type="integer"),
    Column("Node Selector"),
    AGE,
    Column("Containers", priority=1),
    Column("Images", priority=1),
    Column("Selector", priority=1),
)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a daemon set."""
    status = dig(obj, "status") or {}
    names, images = container_cells(template_containers(obj))
    return [[
        name_of(obj),
        n(status.get("desiredNumberScheduled")),
        n(status.get("currentNumberScheduled")),
        n(status.get("numberReady")),
        n(status.get("updatedNumberScheduled")),
        n(status.get("numberAvailable")),
        format_labels(dig(obj, "spec", "template", "spec", "nodeSelector")),
        age_of(obj, now),
        names,
        images,
        format_label_selector(dig(obj, "spec", "selector")),
    ]]
