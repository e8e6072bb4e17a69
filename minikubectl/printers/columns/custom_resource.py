"""Tables of custom resources from their CRD's ``additionalPrinterColumns``.

As the apiextensions server does (``registry/customresource/tableconvertor``): a
``Name`` column, then one column per printer column with its type, format and
priority, each cell the first result of the column's JSONPath (missing keys allowed).
A CRD version without printer columns gets the defaulted ``Age`` column.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from minikubectl.golang.structs import dataclass
from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import NAME, name_of
from minikubectl.printers.duration import human_duration, parse_timestamp

DEFAULT_PRINTER_COLUMNS = ({"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"},)


def _date_cell(value: str, now: datetime) -> str:
    """``date`` columns: HumanDuration since the time, ``<invalid>`` if it does not parse."""
    if value == "":
        return "<unknown>"
    when = parse_timestamp(value)
    if when is None:
        # Go parses RFC 3339 strictly; a zero time is <unknown>, anything else unparsable <invalid>.
        return "<unknown>" if value.startswith("0001-01-01T00:00:00") else "<invalid>"
    return human_duration(now - when)


def json_cell(column_type: str, value: Any, now: datetime) -> Cell:
    """``cellForJSONValue``: the typed cell of a non-string column, nil when the type mismatches."""
    if value is None:
        return None
    if column_type == "integer":
        if isinstance(value, bool):
            return None
        if isinstance(value, int):
            return value
        if isinstance(value, float):
            return int(value)
    elif column_type == "number":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    elif column_type == "boolean":
        if isinstance(value, bool):
            return value
    elif column_type == "date":
        if isinstance(value, str):
            return _date_cell(value, now)
    return None


@dataclass
class CustomResourceTable:
    """A column module built at run time from printer column definitions."""

    COLUMNS: tuple[Column, ...]
    paths: tuple[Any, ...]
    types: tuple[str, ...]

    def rows(self, obj: dict, now: datetime) -> list[list[Cell]]:
        """One row: the name, then each printer column's cell."""
        from minikubectl.printers import jsonpath

        cells: list[Cell] = [name_of(obj)]
        for parsed, column_type in zip(self.paths, self.types):
            if parsed is None:
                cells.append(None)
                continue
            try:
                results = jsonpath.find_results(parsed, obj, allow_missing_keys=True)
            except Exception:  # an evaluation error leaves the cell empty, as on the server
                cells.append(None)
                continue
            if not results or not results[0]:
                cells.append(None)
                continue
            value = results[0][0]
            if column_type == "string":
                cells.append(jsonpath.format_result(value))
            else:
                cells.append(json_cell(column_type, value, now))
        return [cells]


def crd_table(printer_columns: list[dict] | None) -> CustomResourceTable:
    """The table of one CRD version's ``additionalPrinterColumns`` (defaulted to Age if empty)."""
    from minikubectl.printers import jsonpath

    specs = list(printer_columns or DEFAULT_PRINTER_COLUMNS)
    columns = [NAME]
    paths: list[Any] = []
    types: list[str] = []
    for spec in specs:
        columns.append(Column(str(spec.get("name", "")), priority=int(spec.get("priority") or 0),
                              format=str(spec.get("format") or ""), type=str(spec.get("type") or "string")))
        try:
            paths.append(jsonpath.parse("{" + str(spec.get("jsonPath", "")) + "}"))
        except Exception:  # the CRD would have been rejected; print an empty cell
            paths.append(None)
        types.append(str(spec.get("type") or "string"))
    return CustomResourceTable(tuple(columns), tuple(paths), tuple(types))
