"""ReplicationControllers: the ReplicaSet columns; only the selector is a plain label map."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell
from minikubectl.printers.columns._common import dig, format_labels
from minikubectl.printers.columns.replicasets import COLUMNS, replica_row

__all__ = ["COLUMNS", "rows"]


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a replication controller."""
    return [replica_row(obj, now, format_labels(dig(obj, "spec", "selector")))]
