"""Custom resources printed with their CRD's additionalPrinterColumns."""

from __future__ import annotations

import io
from datetime import datetime, timezone

from minikubectl.printers.columns.custom_resource import crd_table, json_cell
from minikubectl.printers.table import TableGroup, TableOptions, print_tables

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)

COLUMNS = [
    {"name": "Replicas", "type": "integer", "jsonPath": ".spec.replicas"},
    {"name": "Ready", "type": "string", "jsonPath": '.status.conditions[?(@.type=="Ready")].status'},
    {"name": "Size", "type": "string", "jsonPath": ".spec.size", "priority": 1},
    {"name": "Enabled", "type": "boolean", "jsonPath": ".spec.enabled"},
    {"name": "Started", "type": "date", "jsonPath": ".status.startTime"},
]

WIDGET = {"apiVersion": "example.com/v1", "kind": "Widget",
          "metadata": {"name": "w1", "namespace": "default", "creationTimestamp": "2025-12-31T23:00:00Z"},
          "spec": {"replicas": 3, "size": {"cpu": 2}, "enabled": True},
          "status": {"conditions": [{"type": "Ready", "status": "True"}], "startTime": "2025-12-31T23:59:00Z"}}
BARE = {"apiVersion": "example.com/v1", "kind": "Widget",
        "metadata": {"name": "w2", "namespace": "default", "creationTimestamp": "2025-12-31T23:00:00Z"}}


def test_cells():
    table = crd_table(COLUMNS)
    assert [c.name for c in table.COLUMNS] == ["Name", "Replicas", "Ready", "Size", "Enabled", "Started"]
    assert table.rows(WIDGET, NOW) == [["w1", 3, "True", '{"cpu":2}', True, "60s"]]
    assert table.rows(BARE, NOW) == [["w2", None, None, None, None, None]]


def test_default_age_column():
    table = crd_table(None)
    assert [c.name for c in table.COLUMNS] == ["Name", "Age"]
    assert table.rows(BARE, NOW) == [["w2", "60m"]]


def test_json_cell_types():
    assert json_cell("integer", 2.7, NOW) == 2
    assert json_cell("integer", "3", NOW) is None
    assert json_cell("number", 2, NOW) == 2.0
    assert json_cell("boolean", "true", NOW) is None
    assert json_cell("date", "yesterday", NOW) == "<invalid>"
    assert json_cell("date", "", NOW) == "<unknown>"


def test_printed_table():
    out = io.StringIO()
    group = TableGroup("example.com", "Widget", True, [WIDGET, BARE], table=crd_table(COLUMNS))
    print_tables(out, [group], TableOptions(), NOW)
    assert out.getvalue() == (
        "NAME   REPLICAS   READY   ENABLED   STARTED\n"
        "w1     3          True    true      60s\n"
        "w2                                  \n"
    )
