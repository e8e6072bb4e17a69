"""kubectl v1.33's ``plaintext`` explain template, re-expressed in Python.

Each function mirrors one named template of ``explain/v2/templates/plaintext.tmpl``
(output, fieldList, fieldDetail, description, typeGuess, extractEnum) so that edge
cases (cycles, allOf wrappers, maps and lists) behave the same way. Go template
truthiness applies: an empty map, list or string counts as absent.
"""

from __future__ import annotations

from typing import Any

from minikubectl.explain.schema import ExplainSchema
from minikubectl.explain.wrap import indent, wrap


class FieldNotFound(Exception):
    """The field path leads nowhere (the template's "does not exist" throw)."""


def header(group: str, version: str, kind: str) -> str:
    """``GROUP:``/``KIND:``/``VERSION:`` lines padded to column 12, then a blank line."""
    text = f"GROUP:      {group}\n" if group else ""
    return text + f"KIND:       {kind}\nVERSION:    {version}\n\n"


def _map_value(schema: dict) -> dict | None:
    """``additionalProperties`` when it is a (non-empty) schema rather than a bool."""
    ap = schema.get("additionalProperties")
    return ap if isinstance(ap, dict) and ap else None


class Renderer:
    """Renders one schema; ``recursive`` selects the names-only field tree."""

    def __init__(self, schema: ExplainSchema, recursive: bool) -> None:
        self.schema = schema
        self.recursive = recursive

    # -- "output": follow the field path, then describe what it reaches
    def output(self, node: dict, path: list[str], history: frozenset[str]) -> str:
        ref = node.get("$ref") or ""
        seen = history | {ref}
        resolved = self.schema.resolve(ref) or node
        if not path:
            text = "DESCRIPTION:\n" + indent(wrap(self.description(resolved) or "<empty>", 76), 4) + "\n"
            text += self.external_docs(resolved)
            fields = self.field_list(resolved, 1, frozenset())
            if fields:
                text += "FIELDS:\n" + fields
            return text
        if ref and ref in history:
            return ""  # a cycle
        props = resolved.get("properties") or {}
        sub = props.get(path[0])
        if sub:
            text = ""
            if len(path) == 1:
                text = (f"FIELD: {path[0]} <{self.type_guess(sub)}>\n"
                        + self.enum_text(sub, long_view=True, limit=-1) + "\n\n")
            return text + self.output(sub, path[1:], frozenset())
        if resolved.get("items"):
            return self.output(resolved["items"], path, seen)
        value = _map_value(resolved)
        if value is not None:
            return self.output(value, path, seen)
        for alternative in resolved.get("allOf") or []:
            text = self.output(alternative, path, seen)
            if text:
                return text
        return ""

    # -- "fieldList"
    def field_list(self, node: dict, level: int, history: frozenset[str]) -> str:
        ref = node.get("$ref") or ""
        if ref and ref in history:
            return ""
        seen = history | {ref}
        resolved = self.schema.resolve(ref) or node
        parts: list[str] = []
        props = resolved.get("properties") or {}
        for name in sorted(props):
            parts.append(self.field_detail(name, resolved, level))
            if self.recursive:
                parts.append(self.field_list(props[name], level + 1, seen))
        for alternative in resolved.get("allOf") or []:
            parts.append(self.field_list(alternative, level, seen))
        if resolved.get("items"):
            parts.append(self.field_list(resolved["items"], level, seen))
        value = _map_value(resolved)
        if value is not None:
            parts.append(self.field_list(value, level, seen))
        return "".join(parts)

    # -- "fieldDetail"
    def field_detail(self, name: str, parent: dict, level: int) -> str:
        pad = level * 2
        field = parent["properties"][name]
        text = " " * pad + name + "\t<" + self.type_guess(field) + ">"
        if name in (parent.get("required") or ()):
            text += " -required-"
        text += self.enum_text(field, long_view=False, limit=4, pad=pad) + "\n"
        if self.recursive:
            return text
        text += indent(wrap(field.get("description") or "<no description>", 78 - pad), pad + 2) + "\n"
        docs = field.get("externalDocs")
        if docs:
            text += "\n" + indent("EXTERNAL DOCS:", pad + 2) + "\n"
            if docs.get("description"):
                text += indent(wrap(docs["description"], 76 - pad), pad + 4) + "\n"
            if docs.get("url"):
                text += indent("URL: " + docs["url"], pad + 4) + "\n"
        return text + "\n"

    # -- "description": own text, then allOf / items / map value descriptions
    def description(self, node: dict) -> str:
        resolved = self.schema.resolve(node.get("$ref")) or node
        if not resolved:
            return ""
        text = resolved["description"] + "\n" if resolved.get("description") else ""
        for alternative in resolved.get("allOf") or []:
            text += self.description(alternative)
        if resolved.get("items"):
            text += self.description(resolved["items"])
        value = _map_value(resolved)
        if value is not None:
            text += self.description(value)
        return text

    @staticmethod
    def external_docs(node: dict) -> str:
        docs = node.get("externalDocs")
        if not docs:
            return ""
        text = "EXTERNAL DOCS:\n"
        if docs.get("description"):
            text += indent(wrap(docs["description"], 76), 4) + "\n"
        if docs.get("url"):
            text += indent("URL: " + docs["url"], 4) + "\n"
        return "\n" + text

    # -- "typeGuess"
    def type_guess(self, node: dict) -> str:
        if node.get("items"):
            return "[]" + self.type_guess(node["items"])
        value = _map_value(node)
        if value is not None:
            return "map[string]" + self.type_guess(value)
        all_of = node.get("allOf")
        if all_of and not node.get("properties") and len(all_of) == 1:
            return self.type_guess(all_of[0])
        ref = node.get("$ref")
        if ref:
            target = self.schema.resolve(ref)
            if not target or not target.get("type") or target["type"] == "object":
                return ref.rsplit(".", 1)[-1] or "Object"
            return str(target["type"])
        kind = node.get("type")
        if kind == "object":
            return "Object"
        return str(kind) if kind else "Object"

    # -- "extractEnum"
    @staticmethod
    def enum_text(node: dict, long_view: bool, limit: int, pad: int = 0) -> str:
        values = node.get("enum")
        if not values:
            return ""
        text = "ENUM:" if long_view else "\n" + " " * pad + "enum: "
        for i, value in enumerate(values):
            if limit > -1 and i >= limit:
                text += ", ...."
                break
            if long_view:
                text += "\n    "
            elif i > 0:
                text += ", "
            text += '""' if value == "" else _go_value(value)
        return text


def _go_value(value: Any) -> str:
    """Go's ``%v`` of a decoded JSON scalar."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "<nil>"
    if isinstance(value, float) and value == int(value) and abs(value) < 1e21:
        return str(int(value))
    return str(value)


def render(schema: ExplainSchema, definition: dict, fields: list[str], recursive: bool) -> str:
    """The body after the header; raises FieldNotFound when the path leads nowhere."""
    text = Renderer(schema, recursive).output(definition, fields, frozenset())
    if not text:
        raise FieldNotFound(fields[-1] if fields else "")
    return text + "\n"
