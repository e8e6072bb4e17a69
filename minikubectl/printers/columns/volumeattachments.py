"""VolumeAttachments: ``NAME ATTACHER PV NODE ATTACHED AGE``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, dig, name_of, s

COLUMNS = (NAME, Column("Attacher", format="name"), Column("PV"), Column("Node"),
           Column("Attached", type="boolean"), AGE)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a volume attachment."""
    return [[
        name_of(obj),
        s(dig(obj, "spec", "attacher")),
        s(dig(obj, "spec", "source", "persistentVolumeName")),
        s(dig(obj, "spec", "nodeName")),
        dig(obj, "status", "attached") is True,
        age_of(obj, now),
    ]]
