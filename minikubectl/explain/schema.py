"""The OpenAPI v3 view of the v1.33 definitions, as an API server serves it to explain.

kubernetes-validate ships JSON-schema definitions; the recorded explain output came from
the same definitions converted the way the API server shapes OpenAPI v3 (see the
conformance ``fakeapi.py``): ``type: [T, "null"]`` becomes ``T``, a ``$ref`` with
sibling keys (a description) moves into ``allOf: [{$ref}]`` so that explain prints the
field's description and then the referenced type's, and the one-value ``enum`` pinned
on ``apiVersion``/``kind`` is dropped. ``$ref`` values keep only the definition name.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Mapping

from minikubectl.api.schema_validation import LazyTable, gvk_index, load_cached, ref_name
from minikubectl.golang.structs import dataclass

_NESTED = ("items", "additionalProperties", "not", "oneOf", "anyOf", "allOf")


def convert(node: Any) -> Any:
    """One JSON-schema node in OpenAPI v3 shape (see the module docstring)."""
    if isinstance(node, list):
        return [convert(x) for x in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$ref" and isinstance(value, str):
            out[key] = ref_name(value)
        elif key == "type" and isinstance(value, list):
            kept = [t for t in value if t != "null"]
            if len(kept) == 1:
                out[key] = kept[0]
            elif kept:
                out[key] = kept
        elif key == "properties" and isinstance(value, dict):
            # keys here are field names, not keywords (JSONSchemaProps has "$ref", "enum")
            out[key] = {name: convert(sub) for name, sub in value.items()}
        elif key in _NESTED:
            out[key] = convert(value)
        else:
            out[key] = value
    if "$ref" in out and len(out) > 1:
        ref = out.pop("$ref")
        out = {"allOf": [{"$ref": ref}], **out}
    return out


def convert_definition(definition: dict) -> dict:
    """A top-level definition, without the pinned enum on apiVersion/kind."""
    out = convert(definition)
    for prop in ("apiVersion", "kind"):
        sub = out.get("properties", {}).get(prop)
        if isinstance(sub, dict):
            sub.pop("enum", None)
    return out


def _build(defs: dict[str, dict]) -> dict[str, Any]:
    return {"gvk": gvk_index(defs),
            "defs": LazyTable.pack({name: convert_definition(d) for name, d in defs.items()})}


@dataclass(frozen=True)
class ExplainSchema:
    """Converted definitions (decoded lazily) and the GVK -> definition index."""

    definitions: Mapping[str, dict]
    by_gvk: dict[str, str]

    def resolve(self, ref: Any) -> dict | None:
        """The definition a ``$ref`` names (None for no/unknown ref), like resolveRef."""
        if not isinstance(ref, str) or not ref:
            return None
        return self.definitions.get(ref)

    def for_gvk(self, group: str, version: str, kind: str) -> dict | None:
        """The definition carrying this x-kubernetes-group-version-kind."""
        name = self.by_gvk.get(f"{group}/{version}/{kind}")
        return None if name is None else self.definitions[name]


@lru_cache(maxsize=1)
def explain_schema() -> ExplainSchema:
    """Load (from the disk cache when fresh) the explain view of the schema."""
    data = load_cached("explain", _build)
    return ExplainSchema(LazyTable(data["defs"]), data["gvk"])
