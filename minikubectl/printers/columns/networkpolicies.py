"""NetworkPolicies: ``NAME POD-SELECTOR AGE``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, dig, format_label_selector, name_of

COLUMNS = (NAME, Column("Pod-Selector"), AGE)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a network policy (an empty pod selector selects all: ``<none>``)."""
    selector = dig(obj, "spec", "podSelector")
    return [[name_of(obj), format_label_selector(selector if isinstance(selector, dict) else {}),
             age_of(obj, now)]]
