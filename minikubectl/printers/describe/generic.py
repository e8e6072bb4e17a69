"""The generic describer: every field of an unstructured object, as smart labels."""

from __future__ import annotations

import re
from typing import Any

from minikubectl.printers.describe.events import describe_events, events_for
from minikubectl.printers.describe.writer import LEVEL_0, Context, PrefixWriter, write_header

SKIP = (".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels",
        ".metadata.annotations")
ACRONYMS = ("API", "URL", "UID", "GUID")


def describe(obj: dict[str, Any], ctx: Context) -> str:
    events = events_for(ctx, obj)
    meta = obj.get("metadata") or {}
    w = PrefixWriter()
    write_header(w, meta)
    _content(w, LEVEL_0, obj, "")
    if events is not None:
        describe_events(events, w, ctx)
    return w.text()


def go_value(value: Any) -> str:
    """Go's ``%v`` of a JSON scalar (numbers as decoded by encoding/json into interface{})."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "<nil>"
    if isinstance(value, (int, float)):
        from minikubectl.golang.fmt import format_value
        return format_value(value)
    return str(value)


def _content(w: PrefixWriter, level: int, content: dict[str, Any], prefix: str) -> None:
    for key in sorted(content):
        value = content[key]
        path = f"{prefix}.{key}"
        if path in SKIP:
            continue
        if isinstance(value, dict):
            w.write(level, f"{smart_label(key)}:\n")
            _content(w, level + 1, value, path)
        elif isinstance(value, list):
            w.write(level, f"{smart_label(key)}:\n")
            for child in value:
                if isinstance(child, dict):
                    _content(w, level + 1, child, path)
                else:
                    w.write(level + 1, f"{go_value(child)}\n")
        else:
            w.write(level, f"{smart_label(key)}:\t{go_value(value)}\n")


def _camel_split(word: str) -> list[str]:
    """fatih/camelcase.Split for letters: runs of lower, upper (last upper starts a word)."""
    parts = re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[^A-Za-z]+", word)
    return parts or [word]


def smart_label(field: str) -> str:
    """``smartLabelFor``: ``apiVersion`` → ``API Version``; names with other characters stay."""
    if any(not (ch.isalpha() or ch == "-") for ch in field):
        return field
    out = []
    for part in _camel_split(field):
        if part == "_":
            continue
        if part.upper() in ACRONYMS:
            part = part.upper()
        elif part.lower() == part:
            part = part[:1].upper() + part[1:]
        out.append(part)
    return " ".join(out)
