"""StorageClasses: ``NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, dig, mp, name_of, s

COLUMNS = (
    NAME,
    Column("Provisioner"),
    Column("ReclaimPolicy"),
    Column("VolumeBindingMode"),
    Column("AllowVolumeExpansion"),
    AGE,
)

_DEFAULT_ANNOTATIONS = ("storageclass.kubernetes.io/is-default-class",
                        "storageclass.beta.kubernetes.io/is-default-class")


def is_default(obj: dict) -> bool:
    """``storageutil.IsDefaultAnnotation``: either annotation set to ``true``."""
    annotations = mp(dig(obj, "metadata", "annotations"))
    return any(annotations.get(key) == "true" for key in _DEFAULT_ANNOTATIONS)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a storage class; the default one is named ``<name> (default)``."""
    name = name_of(obj) + (" (default)" if is_default(obj) else "")
    reclaim, binding, expand = obj.get("reclaimPolicy"), obj.get("volumeBindingMode"), obj.get("allowVolumeExpansion")
    return [[
        name,
        s(obj.get("provisioner")),
        reclaim if isinstance(reclaim, str) else "Delete",
        binding if isinstance(binding, str) else "Immediate",
        expand if isinstance(expand, bool) else False,
        age_of(obj, now),
    ]]
