"""Field selectors (``--field-selector``), as apimachinery's ``fields.ParseSelector`` and the
API server's per-kind field label conversion and selectable field sets (v1.33).

Sources (read for behaviour, not copied): ``apimachinery/pkg/fields/selector.go`` (grammar,
escaping, errors), ``apimachinery/pkg/runtime/scheme.go`` (``DefaultMetaV1FieldSelectorConversion``),
``pkg/apis/core/v1/conversion.go`` (which labels each core kind accepts),
``pkg/registry/core/*/strategy.go`` and ``pkg/registry/apps/replicaset/strategy.go``
(``GetAttrs``: the values matched against). apps/v1 registers no conversion, so Deployments and
ReplicaSets accept only the metadata fields (``status.replicas`` on ReplicaSets is rejected).
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from minikubectl.api.labels import go_quote
from minikubectl.golang.structs import dataclass

EQUALS = "="
DOUBLE_EQUALS = "=="
NOT_EQUALS = "!="
_OPERATORS = (NOT_EQUALS, DOUBLE_EQUALS, EQUALS)  # "==" before "=" so no "=" is left on the rhs


class FieldSelectorError(ValueError):
    """A field selector the API server rejects; ``message`` is the server's exact text."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def escape_value(value: str) -> str:
    """``fields.EscapeValue``: backslash-escape ``\\``, ``,`` and ``=``."""
    return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=")


def unescape_value(text: str) -> str:
    """``fields.UnescapeValue``; raises :class:`FieldSelectorError` on a bad escape."""
    if "\\" not in text and "," not in text and "=" not in text:
        return text
    out: list[str] = []
    in_slash = False
    for ch in text:
        if in_slash:
            if ch in "\\,=":
                out.append(ch)
            else:
                raise FieldSelectorError(
                    f"invalid field selector: invalid escape sequence: \\{ch}")
            in_slash = False
        elif ch == "\\":
            in_slash = True
        elif ch in ",=":
            # Go formats the rune with %v, i.e. as its code point number.
            raise FieldSelectorError(
                f"invalid field selector: unescaped character in value: {ord(ch)}")
        else:
            out.append(ch)
    if in_slash:
        raise FieldSelectorError("invalid field selector: invalid escape sequence: \\")
    return "".join(out)


def _split_terms(text: str) -> list[str]:
    # Split on commas not preceded by an escaping backslash; the backslash stays in the term.
    if not text:
        return []
    terms: list[str] = []
    start = 0
    in_slash = False
    for i, ch in enumerate(text):
        if in_slash:
            in_slash = False
        elif ch == "\\":
            in_slash = True
        elif ch == ",":
            terms.append(text[start:i])
            start = i + 1
    terms.append(text[start:])
    return terms


def _split_term(term: str) -> tuple[str, str, str] | None:
    # The first position where any operator starts splits the term (no escaping on the lhs).
    for i in range(len(term)):
        for op in _OPERATORS:
            if term.startswith(op, i):
                return term[:i], op, term[i + len(op):]
    return None


@dataclass(frozen=True)
class FieldRequirement:
    """``field = value`` or ``field != value`` (``==`` is kept only for round-tripping)."""

    field: str
    operator: str
    value: str

    def matches(self, fields: Mapping[str, str]) -> bool:
        """A missing field reads as ``""`` (fields.Set.Get)."""
        equal = fields.get(self.field, "") == self.value
        return not equal if self.operator == NOT_EQUALS else equal

    def __str__(self) -> str:
        op = "!=" if self.operator == NOT_EQUALS else "="
        return f"{self.field}{op}{escape_value(self.value)}"


@dataclass(frozen=True)
class FieldSelector:
    """An AND of field requirements, in the parser's (sorted-term) order."""

    requirements: tuple[FieldRequirement, ...] = ()

    def empty(self) -> bool:
        """True when nothing is required."""
        return not self.requirements

    def matches_fields(self, fields: Mapping[str, str]) -> bool:
        """Match against an already computed field set."""
        return all(r.matches(fields) for r in self.requirements)

    def matches(self, kind: str, obj: Mapping[str, Any]) -> bool:
        """Match ``obj`` (a v1 JSON dict of ``kind``) using the kind's selectable fields.

        The selector is assumed already validated with :func:`validate_for_kind` (the server
        rejects unsupported fields before it lists anything).
        """
        if not self.requirements:
            return True
        return self.matches_fields(selectable_fields(kind, obj))

    def requires_exact_match(self, field: str) -> str | None:
        """The value an ``=`` term pins ``field`` to, if any."""
        for r in self.requirements:
            if r.field == field and r.operator != NOT_EQUALS:
                return r.value
        return None

    def __str__(self) -> str:
        return ",".join(str(r) for r in self.requirements)


EVERYTHING = FieldSelector()


def parse_field_selector(text: str) -> FieldSelector:
    """``fields.ParseSelector``; raises :class:`FieldSelectorError` with the server's text.

    Terms are sorted as strings before parsing (so the first error reported is that of the
    smallest bad term); empty terms are skipped.
    """
    requirements: list[FieldRequirement] = []
    for part in sorted(_split_terms(text)):
        if part == "":
            continue
        split = _split_term(part)
        if split is None:
            raise FieldSelectorError(f"invalid selector: '{text}'; can't understand '{part}'")
        lhs, op, rhs = split
        requirements.append(FieldRequirement(lhs, op, unescape_value(rhs)))
    return FieldSelector(tuple(requirements))


# --------------------------------------------------------------------------------------------
# Per-kind support.
# --------------------------------------------------------------------------------------------

_META = ("metadata.name", "metadata.namespace")

# Field labels each kind's conversion function accepts (core/v1 conversion.go). Kinds absent here
# use DefaultMetaV1FieldSelectorConversion (metadata.name / metadata.namespace only).
SUPPORTED_FIELDS: dict[str, tuple[str, ...]] = {
    "Pod": _META + ("spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
                    "spec.serviceAccountName", "spec.hostNetwork", "status.phase",
                    "status.podIP", "status.podIPs", "status.nominatedNodeName"),
    "Node": ("metadata.name", "spec.unschedulable"),
    "ReplicationController": _META + ("status.replicas",),
    "Event": ("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
              "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
              "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type") + _META,
    "Namespace": ("status.phase", "metadata.name"),
    "Secret": ("type",) + _META,
    "Service": _META + ("spec.clusterIP", "spec.type"),
}

# Field labels a conversion function renames (kept for old clients).
_ALIASES: dict[str, dict[str, str]] = {"Pod": {"spec.host": "spec.nodeName"}}


def supported_fields(kind: str) -> tuple[str, ...]:
    """The field labels the API server accepts for ``kind``."""
    return SUPPORTED_FIELDS.get(kind, _META)


def convert_field_label(kind: str, label: str) -> str:
    """The server's field label conversion: the internal label, or raise with its message."""
    allowed = SUPPORTED_FIELDS.get(kind)
    if allowed is None:
        if label in _META:
            return label
        raise FieldSelectorError(f"{go_quote(label)} is not a known field selector: only "
                                 f'"metadata.name", "metadata.namespace"')
    if label in allowed:
        return label
    alias = _ALIASES.get(kind, {}).get(label)
    if alias is not None:
        return alias
    raise FieldSelectorError(f"field label not supported: {label}")


def validate_for_kind(kind: str, selector: FieldSelector) -> FieldSelector:
    """Transform ``selector`` through the kind's label conversion (``Selector.Transform``).

    Returns the converted selector (``spec.host`` becomes ``spec.nodeName``); raises
    :class:`FieldSelectorError` with the server's message for the first unsupported term.
    """
    converted = tuple(FieldRequirement(convert_field_label(kind, r.field), r.operator, r.value)
                      for r in selector.requirements)
    return FieldSelector(converted)


def _get(obj: Mapping[str, Any], *path: str) -> Any:
    node: Any = obj
    for key in path:
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
    return node


def _s(value: Any) -> str:
    # Absent / null string fields read as "" (Go zero value).
    return value if isinstance(value, str) else ""


def _go_bool(value: Any) -> str:
    return "true" if value is True else "false"


def _meta_fields(obj: Mapping[str, Any], namespaced: bool) -> dict[str, str]:
    fields = {"metadata.name": _s(_get(obj, "metadata", "name"))}
    if namespaced:
        fields["metadata.namespace"] = _s(_get(obj, "metadata", "namespace"))
    return fields


def _pod_fields(obj: Mapping[str, Any]) -> dict[str, str]:
    spec = _get(obj, "spec") or {}
    status = _get(obj, "status") or {}
    sa_name = _s(spec.get("serviceAccountName")) or _s(spec.get("serviceAccount"))
    pod_ips = status.get("podIPs") or []
    if pod_ips and isinstance(pod_ips[0], Mapping):
        pod_ip = _s(pod_ips[0].get("ip"))
    else:
        pod_ip = _s(status.get("podIP"))  # v1 → internal conversion fills podIPs from podIP
    fields = _meta_fields(obj, True)
    fields.update({
        "spec.nodeName": _s(spec.get("nodeName")),
        "spec.restartPolicy": _s(spec.get("restartPolicy")),
        "spec.schedulerName": _s(spec.get("schedulerName")),
        "spec.serviceAccountName": sa_name,
        "spec.hostNetwork": _go_bool(spec.get("hostNetwork")),
        "status.phase": _s(status.get("phase")),
        "status.podIP": pod_ip,
        "status.nominatedNodeName": _s(status.get("nominatedNodeName")),
        # status.podIPs is accepted by the conversion but not in the set: it reads as "".
    })
    return fields


def _event_fields(obj: Mapping[str, Any]) -> dict[str, str]:
    involved = _get(obj, "involvedObject") or {}
    fields = _meta_fields(obj, True)
    for name in ("kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"):
        fields[f"involvedObject.{name}"] = _s(involved.get(name))
    fields["reason"] = _s(obj.get("reason"))
    fields["reportingComponent"] = _s(obj.get("reportingComponent"))
    fields["source"] = _s(_get(obj, "source", "component"))
    fields["type"] = _s(obj.get("type"))
    return fields


def _namespace_fields(obj: Mapping[str, Any]) -> dict[str, str]:
    fields = _meta_fields(obj, False)
    fields["status.phase"] = _s(_get(obj, "status", "phase"))
    fields["name"] = fields["metadata.name"]  # kept by the server for compatibility
    return fields


def _node_fields(obj: Mapping[str, Any]) -> dict[str, str]:
    fields = _meta_fields(obj, False)
    fields["spec.unschedulable"] = _go_bool(_get(obj, "spec", "unschedulable"))
    return fields


def _secret_fields(obj: Mapping[str, Any]) -> dict[str, str]:
    fields = _meta_fields(obj, True)
    fields["type"] = _s(obj.get("type"))
    return fields


def _service_fields(obj: Mapping[str, Any]) -> dict[str, str]:
    fields = _meta_fields(obj, True)
    fields["spec.clusterIP"] = _s(_get(obj, "spec", "clusterIP"))
    fields["spec.type"] = _s(_get(obj, "spec", "type"))
    return fields


def _replicas_fields(obj: Mapping[str, Any]) -> dict[str, str]:
    fields = _meta_fields(obj, True)
    replicas = _get(obj, "status", "replicas")
    fields["status.replicas"] = str(replicas if isinstance(replicas, int) else 0)
    return fields


_FIELD_SETS: dict[str, Callable[[Mapping[str, Any]], dict[str, str]]] = {
    "Pod": _pod_fields,
    "Event": _event_fields,
    "Namespace": _namespace_fields,
    "Node": _node_fields,
    "Secret": _secret_fields,
    "Service": _service_fields,
    "ReplicaSet": _replicas_fields,
    "ReplicationController": _replicas_fields,
}

CLUSTER_SCOPED_KINDS = frozenset({"Namespace", "Node", "PersistentVolume", "ClusterRole",
                                  "ClusterRoleBinding", "StorageClass", "PriorityClass",
                                  "CustomResourceDefinition", "APIService"})


def selectable_fields(kind: str, obj: Mapping[str, Any]) -> dict[str, str]:
    """The field set the server matches against (``GetAttrs``) for ``obj`` of ``kind``."""
    builder = _FIELD_SETS.get(kind)
    if builder is not None:
        return builder(obj)
    return _meta_fields(obj, kind not in CLUSTER_SCOPED_KINDS)


def compile_for_kind(kind: str, text: str) -> FieldSelector:
    """Parse and validate in one step, as the server does for a list request."""
    return validate_for_kind(kind, parse_field_selector(text))


__all__ = [
    "FieldRequirement", "FieldSelector", "FieldSelectorError", "EVERYTHING",
    "parse_field_selector", "validate_for_kind", "compile_for_kind", "convert_field_label",
    "supported_fields", "selectable_fields", "escape_value", "unescape_value",
]
