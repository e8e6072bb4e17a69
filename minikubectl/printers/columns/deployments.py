"""Deployments: ``NAME READY UP-TO-DATE AVAILABLE AGE`` + wide ``CONTAINERS IMAGES SELECTOR``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import (
    AGE, NAME, InvalidSelector, age_of, container_cells, dig, n, name_of, selector_string,
    template_containers,
)

COLUMNS = (
    NAME,
    Column("Ready"),
    Column("Up-to-date"),
    Column("Available"),
    AGE,
    Column("Containers", priority=1),
    Column("Images", priority=1),
    Column("Selector", priority=1),
)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a deployment."""
    status = dig(obj, "status") or {}
    try:
        # Not FormatLabelSelector: an empty selector stays empty here, a bad one is <invalid>.
        selector = selector_string(dig(obj, "spec", "selector"))
    except InvalidSelector:
        selector = "<invalid>"
    names, images = container_cells(template_containers(obj))
    return [[
        name_of(obj),
        f"{n(status.get('readyReplicas'))}/{n(dig(obj, 'spec', 'replicas'))}",
        n(status.get("updatedReplicas")),
        n(status.get("availableReplicas")),
        age_of(obj, now),
        names,
        images,
        selector,
    ]]
