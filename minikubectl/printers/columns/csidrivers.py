"""CSIDrivers: ``NAME ATTACHREQUIRED PODINFOONMOUNT STORAGECAPACITY TOKENREQUESTS
REQUIRESREPUBLISH MODES AGE``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, lst, mp, name_of, s

COLUMNS = (
    NAME,
    Column("AttachRequired", type="boolean"),
    Column("PodInfoOnMount", type="boolean"),
    Column("StorageCapacity", type="boolean"),
    Column("TokenRequests"),
    Column("RequiresRepublish", type="boolean"),
    Column("Modes"),
    AGE,
)


def _flag(value: object, default: bool) -> bool:
    return value if isinstance(value, bool) else default


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a CSI driver."""
    spec = mp(obj.get("spec"))
    tokens = spec.get("tokenRequests")
    token_text = ",".join(s(mp(t).get("audience")) for t in tokens) if isinstance(tokens, list) else "<unset>"
    modes = ",".join(s(m) for m in lst(spec.get("volumeLifecycleModes"))) or "<none>"
    return [[
        name_of(obj),
        _flag(spec.get("attachRequired"), True),
        _flag(spec.get("podInfoOnMount"), False),
        _flag(spec.get("storageCapacity"), False),
        token_text,
        _flag(spec.get("requiresRepublish"), False),
        modes,
        age_of(obj, now),
    ]]
