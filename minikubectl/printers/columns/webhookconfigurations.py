"""Mutating/ValidatingWebhookConfigurations: ``NAME WEBHOOKS AGE``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, lst, name_of

COLUMNS = (NAME, Column("Webhooks", type="integer"), AGE)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a webhook configuration."""
    return [[name_of(obj), len(lst(obj.get("webhooks"))), age_of(obj, now)]]
