"""``-o name``: ``<kind>[.<group>]/<name>`` per object."""

from __future__ import annotations

from typing import Any, TextIO


def qualified_kind(obj: dict[str, Any]) -> str:
    """``pod``, ``deployment.apps``, ``widget.example.com`` from apiVersion/kind."""
    kind = str(obj.get("kind", "")).lower()
    api_version = str(obj.get("apiVersion", ""))
    group = api_version.rpartition("/")[0] if "/" in api_version else ""
    return f"{kind}.{group}" if group else kind


def object_name(obj: dict[str, Any]) -> str:
    """The ``-o name`` line of one object (without newline)."""
    return f"{qualified_kind(obj)}/{obj.get('metadata', {}).get('name', '')}"


class NamePrinter:
    """Prints ``kind[.group]/name`` for an object, or for each item of a List."""

    def print_obj(self, obj: dict[str, Any], out: TextIO) -> None:
        items = obj.get("items") if obj.get("kind") == "List" else None
        for item in items if isinstance(items, list) else [obj]:
            out.write(object_name(item) + "\n")
