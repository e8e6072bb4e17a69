"""PersistentVolumes: ``NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS
VOLUMEATTRIBUTESCLASS REASON AGE`` + wide ``VOLUMEMODE``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import (
    AGE, NAME, access_modes, age_of, dig, is_deleting, mp, name_of, quantity_string, s,
)

COLUMNS = (
    NAME,
    Column("Capacity"),
    Column("Access Modes"),
    Column("Reclaim Policy"),
    Column("Status"),
    Column("Claim"),
    Column("StorageClass"),
    Column("VolumeAttributesClass"),
    Column("Reason"),
    AGE,
    Column("VolumeMode", priority=1),
)

_BETA_CLASS = "volume.beta.kubernetes.io/storage-class"


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a persistent volume."""
    spec = mp(obj.get("spec"))
    claim = spec.get("claimRef")
    claim_text = f"{s(mp(claim).get('namespace'))}/{s(mp(claim).get('name'))}" if isinstance(claim, dict) else ""
    # GetPersistentVolumeClass: the beta annotation wins over spec.storageClassName.
    annotations = mp(dig(obj, "metadata", "annotations"))
    storage_class = annotations[_BETA_CLASS] if _BETA_CLASS in annotations else s(spec.get("storageClassName"))
    phase = "Terminating" if is_deleting(obj) else s(dig(obj, "status", "phase"))
    vac = spec.get("volumeAttributesClassName")
    mode = spec.get("volumeMode")
    return [[
        name_of(obj),
        quantity_string(mp(spec.get("capacity")).get("storage")),
        access_modes(spec.get("accessModes")),
        s(spec.get("persistentVolumeReclaimPolicy")),
        phase,
        claim_text,
        storage_class,
        vac if isinstance(vac, str) else "<unset>",
        s(dig(obj, "status", "reason")),
        age_of(obj, now),
        mode if isinstance(mode, str) else "<unset>",
    ]]
