"""ControllerRevisions: ``NAME CONTROLLER REVISION AGE``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, dig, lst, mp, n, name_of, s

COLUMNS = (NAME, Column("Controller"), Column("Revision"), AGE)


def controller_name(obj: dict) -> str:
    """``kind.group/name`` of the controlling owner (lower-cased kind), ``<none>`` without one."""
    for ref in lst(dig(obj, "metadata", "ownerReferences")):
        ref = mp(ref)
        if ref.get("controller") is True:
            api_version = s(ref.get("apiVersion"))
            group = api_version.rpartition("/")[0] if "/" in api_version else ""
            kind = s(ref.get("kind"))
            if not kind and not group:
                return s(ref.get("name"))
            qualified = f"{kind}.{group}" if group else kind
            return f"{qualified.lower()}/{s(ref.get('name'))}"
    return "<none>"


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a controller revision."""
    return [[name_of(obj), controller_name(obj), n(obj.get("revision")), age_of(obj, now)]]
