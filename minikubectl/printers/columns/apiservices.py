"""APIServices (kube-aggregator's printer): ``NAME SERVICE AVAILABLE AGE``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, dig, lst, mp, name_of, s

COLUMNS = (NAME, Column("Service"), Column("Available"), AGE)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for an API service: ``Local`` or ``ns/name``; ``False (Reason)`` when unavailable."""
    service = dig(obj, "spec", "service")
    service_text = f"{s(mp(service).get('namespace'))}/{s(mp(service).get('name'))}" if isinstance(service, dict) else "Local"
    available = "Unknown"
    for cond in lst(dig(obj, "status", "conditions")):
        cond = mp(cond)
        if cond.get("type") == "Available":
            status = s(cond.get("status"))
            reason = s(cond.get("reason"))
            available = f"{status} ({reason})" if status != "True" and reason else status
            break
    return [[name_of(obj), service_text, available, age_of(obj, now)]]
