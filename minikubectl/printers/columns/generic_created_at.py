"""Fallback ``NAME CREATED AT``: the API server's default table for built-in kinds without a
printer (roles, clusterroles, limitranges, customresourcedefinitions...)."""

from __future__ import annotations

from datetime import datetime, timezone

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import NAME, dig, name_of
from minikubectl.printers.duration import parse_timestamp

COLUMNS = (NAME, Column("Created At", type="date"))


def created_at(obj: dict) -> str:
    """``creationTimestamp`` in UTC RFC 3339 (Go's zero time when unset)."""
    when = parse_timestamp(dig(obj, "metadata", "creationTimestamp"))
    if when is None:
        return "0001-01-01T00:00:00Z"
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row: name and creation time."""
    return [[name_of(obj), created_at(obj)]]
