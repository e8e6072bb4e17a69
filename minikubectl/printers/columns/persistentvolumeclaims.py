"""PersistentVolumeClaims: ``NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS
VOLUMEATTRIBUTESCLASS AGE`` + wide ``VOLUMEMODE``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import (
    AGE, NAME, access_modes, age_of, dig, is_deleting, mp, name_of, quantity_string, s,
)

COLUMNS = (
    NAME,
    Column("Status"),
    Column("Volume"),
    Column("Capacity"),
    Column("Access Modes"),
    Column("StorageClass"),
    Column("VolumeAttributesClass"),
    AGE,
    Column("VolumeMode", priority=1),
)

_BETA_CLASS = "volume.beta.kubernetes.io/storage-class"


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a claim: capacity and modes only once bound to a volume."""
    spec, status = mp(obj.get("spec")), mp(obj.get("status"))
    volume = s(spec.get("volumeName"))
    capacity = modes = ""
    if volume:
        modes = access_modes(status.get("accessModes"))
        capacity = quantity_string(mp(status.get("capacity")).get("storage"))
    annotations = mp(dig(obj, "metadata", "annotations"))
    storage_class = annotations[_BETA_CLASS] if _BETA_CLASS in annotations else s(spec.get("storageClassName"))
    vac = spec.get("volumeAttributesClassName")
    mode = spec.get("volumeMode")
    return [[
        name_of(obj),
        "Terminating" if is_deleting(obj) else s(status.get("phase")),
        volume,
        capacity,
        modes,
        storage_class,
        vac if isinstance(vac, str) else "<unset>",
        age_of(obj, now),
        mode if isinstance(mode, str) else "<unset>",
    ]]
