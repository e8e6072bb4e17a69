"""Field-path candidates for TAB completion of ``explain RESOURCE.field.sub<TAB>``.

The walk follows the schema as ``explain`` itself does: ``$ref`` links, then ``properties``,
list ``items``, map values and ``allOf`` alternatives.
"""

from __future__ import annotations

from minikubectl.api import errors
from minikubectl.explain.command import split_request
from minikubectl.explain.resources import served
from minikubectl.explain.schema import ExplainSchema, explain_schema


def _properties(schema: ExplainSchema, node: dict, seen: frozenset[str] = frozenset()) -> dict[str, dict]:
    """The fields a value of this schema node has (empty for scalars)."""
    ref = node.get("$ref") or ""
    if ref in seen:
        return {}
    resolved = schema.resolve(ref) or node
    seen = seen | {ref}
    found: dict[str, dict] = dict(resolved.get("properties") or {})
    for nested in [resolved.get("items")] + [resolved.get("additionalProperties")] + list(resolved.get("allOf") or []):
        if isinstance(nested, dict) and nested:
            for name, sub in _properties(schema, nested, seen).items():
                found.setdefault(name, sub)
    return found


def field_path_candidates(word: str) -> list[str]:
    """Completions of ``word`` (``pods.spec.con``): every ``pods.spec.<field>`` starting so."""
    if "." not in word:
        return []
    try:
        (group, version, plural), fields = split_request(word.rsplit(".", 1)[0] + ".", with_prefix=True)
    except errors.KubectlError:
        return []
    res = served(group, version, plural)
    if res is None:
        return []
    schema = explain_schema()
    node = schema.for_gvk(res.group, res.version, res.kind)
    if node is None:
        return []
    for name in fields:
        node = _properties(schema, node).get(name)
        if node is None:
            return []
    stem, prefix = word.rsplit(".", 1)
    return [f"{stem}.{name}" for name in sorted(_properties(schema, node)) if name.startswith(prefix)]
