"""Label selectors and label/annotation/name validation, as apimachinery v1.33 does them.

Sources (read for behaviour, not copied): ``apimachinery/pkg/labels/selector.go`` (lexer,
parser, ``Requirement``), ``apimachinery/pkg/util/validation/validation.go`` (qualified names,
label values, DNS names), ``apimachinery/pkg/util/validation/field`` (how a field error and an
aggregate render), ``apimachinery/pkg/api/validation/{objectmeta,generic,path/name}.go`` and
``apimachinery/pkg/apis/meta/v1/{helpers,validation/validation}.go``.

Everything here is pure: parse errors are :class:`SelectorParseError` carrying the exact text
the API server puts in its BadRequest; validation returns lists of :class:`Cause`.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Mapping, Sequence

from minikubectl.api.errors import Cause, ClientError
from minikubectl.golang.strconv import quote as go_quote
from minikubectl.golang.structs import dataclass

# --------------------------------------------------------------------------------------------
# Go formatting helpers (the server's messages are produced with fmt %q / %#v).
# --------------------------------------------------------------------------------------------


def go_string_slice(values: Sequence[str] | None) -> str:
    """``%#v`` of a ``[]string`` (``[]string(nil)`` for nil, ``[]string{"a", "b"}``)."""
    if values is None:
        return "[]string(nil)"
    return "[]string{" + ", ".join(go_quote(v) for v in values) + "}"


def field_invalid(path: str, value: str, detail: str) -> str:
    """``field.Invalid(path, value, detail).Error()`` for a string value."""
    return f"{path}: Invalid value: {go_quote(value)}: {detail}"


def aggregate(messages: Sequence[str]) -> str:
    """``utilerrors.NewAggregate(...).Error()``: one message as is, several as ``[a, b]``.

    Duplicates are dropped (ErrorList.ToAggregate and the aggregate both dedupe).
    """
    seen: list[str] = []
    for message in messages:
        if message not in seen:
            seen.append(message)
    if len(seen) == 1:
        return seen[0]
    return "[" + ", ".join(seen) + "]"


# --------------------------------------------------------------------------------------------
# Content validation: the []string message lists of util/validation.
# --------------------------------------------------------------------------------------------

_QNAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
_QNAME_ERR = ("must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
              "with an alphanumeric character")
_LABEL_VALUE_FMT = "(" + _QNAME_FMT + ")?"
_LABEL_VALUE_ERR = ("a valid label must be an empty string or consist of alphanumeric characters, "
                    "'-', '_' or '.', and must start and end with an alphanumeric character")
_DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
_DNS1123_LABEL_ERR = ("a lowercase RFC 1123 label must consist of lower case alphanumeric "
                      "characters or '-', and must start and end with an alphanumeric character")
_DNS1123_SUBDOMAIN_FMT = _DNS1123_LABEL_FMT + "(\\." + _DNS1123_LABEL_FMT + ")*"
_DNS1123_SUBDOMAIN_ERR = ("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
                          "characters, '-' or '.', and must start and end with an alphanumeric "
                          "character")
_DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?"
_DNS1035_LABEL_ERR = ("a DNS-1035 label must consist of lower case alphanumeric characters or "
                      "'-', start with an alphabetic character, and end with an alphanumeric "
                      "character")

# ASCII-only classes; fullmatch mirrors Go's "^...$" (Go's $ has no trailing-newline quirk).
_QNAME_RE = re.compile(_QNAME_FMT)
_LABEL_VALUE_RE = re.compile(_LABEL_VALUE_FMT)
_DNS1123_LABEL_RE = re.compile(_DNS1123_LABEL_FMT)
_DNS1123_SUBDOMAIN_RE = re.compile(_DNS1123_SUBDOMAIN_FMT)
_DNS1035_LABEL_RE = re.compile(_DNS1035_LABEL_FMT)

QUALIFIED_NAME_MAX_LENGTH = 63
LABEL_VALUE_MAX_LENGTH = 63
DNS1123_LABEL_MAX_LENGTH = 63
DNS1123_SUBDOMAIN_MAX_LENGTH = 253
DNS1035_LABEL_MAX_LENGTH = 63
TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024


def _blen(text: str) -> int:
    """Go's len(): the UTF-8 byte length."""
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def regex_error(msg: str, fmt: str, *examples: str) -> str:
    """``validation.RegexError`` (note the ``', `` + `` or `` double space between examples)."""
    if not examples:
        return f"{msg} (regex used for validation is '{fmt}')"
    parts = " or ".join(f"'{example}', " for example in examples)
    return f"{msg} (e.g. {parts}regex used for validation is '{fmt}')"


def max_len_error(length: int) -> str:
    """``validation.MaxLenError`` (v1.33 says characters, later releases bytes)."""
    return f"must be no more than {length} characters"


EMPTY_ERROR = "must be non-empty"

_QNAME_REGEX_MSG = regex_error(_QNAME_ERR, _QNAME_FMT, "MyName", "my.name", "123-abc")


# Label and annotation keys and values repeat across objects: each is checked once.
_QUALIFIED_NAME_PROBLEMS: dict[str, tuple[str, ...]] = {}
_LABEL_VALUE_PROBLEMS: dict[str, tuple[str, ...]] = {}
_REMEMBERED_MAX = 4096


def _remembered(cache: dict[str, tuple[str, ...]], check: Callable[[str], list[str]], value: str) -> list[str]:
    if type(value) is not str:
        return check(value)
    found = cache.get(value)
    if found is None:
        if len(cache) >= _REMEMBERED_MAX:
            cache.clear()
        found = cache[value] = tuple(check(value))
    return list(found)


def is_qualified_name(value: str) -> list[str]:
    """``IsQualifiedName``: label keys, annotation keys, finalizers (``[prefix/]name``)."""
    return _remembered(_QUALIFIED_NAME_PROBLEMS, _qualified_name_problems, value)


def _qualified_name_problems(value: str) -> list[str]:
    errs: list[str] = []
    parts = value.split("/")
    if len(parts) == 1:
        name = parts[0]
    elif len(parts) == 2:
        prefix, name = parts
        if not prefix:
            errs.append("prefix part " + EMPTY_ERROR)
        else:
            errs.extend("prefix part " + msg for msg in is_dns1123_subdomain(prefix))
    else:
        return ["a qualified name " + _QNAME_REGEX_MSG
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
    if not name:
        errs.append("name part " + EMPTY_ERROR)
    elif _blen(name) > QUALIFIED_NAME_MAX_LENGTH:
        errs.append("name part " + max_len_error(QUALIFIED_NAME_MAX_LENGTH))
    if not _QNAME_RE.fullmatch(name):
        errs.append("name part " + _QNAME_REGEX_MSG)
    return errs


def is_valid_label_value(value: str) -> list[str]:
    """``IsValidLabelValue``: may be empty, at most 63, alphanumeric ends."""
    return _remembered(_LABEL_VALUE_PROBLEMS, _label_value_problems, value)


def _label_value_problems(value: str) -> list[str]:
    errs: list[str] = []
    if _blen(value) > LABEL_VALUE_MAX_LENGTH:
        errs.append(max_len_error(LABEL_VALUE_MAX_LENGTH))
    if not _LABEL_VALUE_RE.fullmatch(value):
        errs.append(regex_error(_LABEL_VALUE_ERR, _LABEL_VALUE_FMT, "MyValue", "my_value", "12345"))
    return errs


def is_dns1123_label(value: str) -> list[str]:
    """``IsDNS1123Label`` (a valid subdomain with dots gets ``must not contain dots``)."""
    errs: list[str] = []
    if _blen(value) > DNS1123_LABEL_MAX_LENGTH:
        errs.append(max_len_error(DNS1123_LABEL_MAX_LENGTH))
    if not _DNS1123_LABEL_RE.fullmatch(value):
        if _DNS1123_SUBDOMAIN_RE.fullmatch(value):
            errs.append("must not contain dots")
        else:
            errs.append(regex_error(_DNS1123_LABEL_ERR, _DNS1123_LABEL_FMT, "my-name", "123-abc"))
    return errs


def is_dns1123_subdomain(value: str) -> list[str]:
    """``IsDNS1123Subdomain``: at most 253, lower-case labels joined by dots."""
    errs: list[str] = []
    if _blen(value) > DNS1123_SUBDOMAIN_MAX_LENGTH:
        errs.append(max_len_error(DNS1123_SUBDOMAIN_MAX_LENGTH))
    if not _DNS1123_SUBDOMAIN_RE.fullmatch(value):
        errs.append(regex_error(_DNS1123_SUBDOMAIN_ERR, _DNS1123_SUBDOMAIN_FMT, "example.com"))
    return errs


def is_dns1035_label(value: str) -> list[str]:
    """``IsDNS1035Label``: like a DNS-1123 label but must start with a letter."""
    errs: list[str] = []
    if _blen(value) > DNS1035_LABEL_MAX_LENGTH:
        errs.append(max_len_error(DNS1035_LABEL_MAX_LENGTH))
    if not _DNS1035_LABEL_RE.fullmatch(value):
        errs.append(regex_error(_DNS1035_LABEL_ERR, _DNS1035_LABEL_FMT, "my-name", "abc-123"))
    return errs


def is_valid_path_segment_name(name: str, prefix: bool = False) -> list[str]:
    """``path.ValidatePathSegmentName``: the API server's floor for every object name."""
    if not prefix:
        for illegal in (".", ".."):
            if name == illegal:
                return [f"may not be '{illegal}'"]
    return [f"may not contain '{bad}'" for bad in ("/", "%") if bad in name]


# --------------------------------------------------------------------------------------------
# Object names, generateName.
# --------------------------------------------------------------------------------------------

NameFunc = Callable[[str, bool], list[str]]


def _mask_trailing_dash(name: str) -> str:
    # generic.go's maskTrailingDash: "abc-" is checked as "aba" (it drops two characters).
    if len(name) > 1 and name.endswith("-"):
        return name[:-2] + "a"
    return name


def name_is_dns_subdomain(name: str, prefix: bool) -> list[str]:
    """``NameIsDNSSubdomain`` (prefix=True for generateName)."""
    return is_dns1123_subdomain(_mask_trailing_dash(name) if prefix else name)


def name_is_dns_label(name: str, prefix: bool) -> list[str]:
    """``NameIsDNSLabel`` (namespaces)."""
    return is_dns1123_label(_mask_trailing_dash(name) if prefix else name)


def name_is_dns1035_label(name: str, prefix: bool) -> list[str]:
    """``NameIsDNS1035Label`` (services)."""
    return is_dns1035_label(_mask_trailing_dash(name) if prefix else name)


def name_is_path_segment(name: str, prefix: bool) -> list[str]:
    """``path.ValidatePathSegmentName``: core/v1 events and kinds without their own rule."""
    return is_valid_path_segment_name(name, prefix)


# Which name rule each kind's strategy validates with (pkg/apis/core/validation,
# pkg/apis/apps/validation). core/v1 Events skip ObjectMeta validation in their strategy, so only
# the generic path-segment check of rest.BeforeCreate applies to them.
NAME_VALIDATORS: dict[str, NameFunc] = {
    "Pod": name_is_dns_subdomain,
    "ConfigMap": name_is_dns_subdomain,
    "Secret": name_is_dns_subdomain,
    "ServiceAccount": name_is_dns_subdomain,
    "Node": name_is_dns_subdomain,
    "Deployment": name_is_dns_subdomain,
    "ReplicaSet": name_is_dns_subdomain,
    "ReplicationController": name_is_dns_subdomain,
    "DaemonSet": name_is_dns_subdomain,
    "StatefulSet": name_is_dns_subdomain,
    "Job": name_is_dns_subdomain,
    "CronJob": name_is_dns_subdomain,
    "Endpoints": name_is_dns_subdomain,
    "PersistentVolumeClaim": name_is_dns_subdomain,
    "LimitRange": name_is_dns_subdomain,
    "ResourceQuota": name_is_dns_subdomain,
    "Namespace": name_is_dns_label,
    "Service": name_is_dns1035_label,
    "Event": name_is_path_segment,
}


def name_validator(kind: str) -> NameFunc:
    """The name rule for ``kind`` (path segment for kinds not listed)."""
    return NAME_VALIDATORS.get(kind, name_is_path_segment)


def validate_name(kind: str, name: str, path: str = "metadata.name") -> list[Cause]:
    """Causes for an object name (``Required`` when empty), as the kind's strategy reports them."""
    if not name:
        return [Cause(path, "Required value: name or generateName is required")]
    return [Cause(path, f"Invalid value: {go_quote(name)}: {msg}")
            for msg in name_validator(kind)(name, False)]


def validate_generate_name(kind: str, generate_name: str,
                           path: str = "metadata.generateName") -> list[Cause]:
    """Causes for ``metadata.generateName`` (validated as a prefix: a trailing dash is fine)."""
    if not generate_name:
        return []
    return [Cause(path, f"Invalid value: {go_quote(generate_name)}: {msg}")
            for msg in name_validator(kind)(generate_name, True)]


MAX_GENERATED_NAME_BASE = 58  # names.SimpleNameGenerator: 63 - 5 random characters
GENERATED_NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"  # util/rand: no vowels, no 0/1/3


def generate_name(base: str, suffix: str) -> str:
    """The name the server generates from ``generateName`` and a 5-character random suffix."""
    if _blen(base) > MAX_GENERATED_NAME_BASE:
        base = base.encode("utf-8", "surrogatepass")[:MAX_GENERATED_NAME_BASE].decode(
            "utf-8", "ignore")
    return base + suffix


def random_name_suffix(rng: object | None = None, length: int = 5) -> str:
    """Five random characters from the generator's alphabet (``rng`` is a ``random.Random``)."""
    if rng is None:
        import random  # lazy: keep module import cheap
        rng = random.Random()
    return "".join(rng.choice(GENERATED_NAME_ALPHABET) for _ in range(length))  # type: ignore[attr-defined]


# --------------------------------------------------------------------------------------------
# Labels, annotations, object metadata.
# --------------------------------------------------------------------------------------------


def validate_label_key(key: str, path: str) -> list[Cause]:
    """``ValidateLabelName``: one cause per message, the bad value being the key."""
    return [Cause(path, f"Invalid value: {go_quote(key)}: {msg}") for msg in is_qualified_name(key)]


def validate_labels(labels: Mapping[str, str] | None,
                    path: str = "metadata.labels") -> list[Cause]:
    """``ValidateLabels``: key errors then value errors, per label (keys in sorted order)."""
    causes: list[Cause] = []
    for key in sorted(labels or {}):  # Go iterates a map: any order is faithful, sorted is stable
        causes.extend(validate_label_key(key, path))
        value = labels[key]  # type: ignore[index]
        causes.extend(Cause(path, f"Invalid value: {go_quote(value)}: {msg}")
                      for msg in is_valid_label_value(value))
    return causes


def annotations_size(annotations: Mapping[str, str] | None) -> int:
    """Sum of key and value byte lengths, as ``ValidateAnnotationsSize`` counts."""
    return sum(_blen(k) + _blen(v) for k, v in (annotations or {}).items())


def validate_annotations(annotations: Mapping[str, str] | None,
                         path: str = "metadata.annotations") -> list[Cause]:
    """``ValidateAnnotations``: lower-cased keys must be qualified names; total ≤ 256 KiB."""
    causes: list[Cause] = []
    for key in sorted(annotations or {}):
        causes.extend(Cause(path, f"Invalid value: {go_quote(key)}: {msg}")
                      for msg in is_qualified_name(key.lower()))
    if annotations_size(annotations) > TOTAL_ANNOTATION_SIZE_LIMIT:
        causes.append(Cause(path, f"Too long: must have at most {TOTAL_ANNOTATION_SIZE_LIMIT} bytes"))
    return causes


def validate_object_meta(kind: str, metadata: Mapping[str, object], namespaced: bool,
                         path: str = "metadata") -> list[Cause]:
    """``ValidateObjectMeta`` on create, in the server's order.

    generateName, name, namespace, generation, labels, annotations, finalizers (qualified-name
    check only). Owner references and managed fields are not checked here.
    """
    causes: list[Cause] = []
    gen = metadata.get("generateName") or ""
    name = metadata.get("name") or ""
    namespace = metadata.get("namespace") or ""
    causes.extend(validate_generate_name(kind, str(gen), f"{path}.generateName"))
    causes.extend(validate_name(kind, str(name), f"{path}.name"))
    if namespaced:
        if not namespace:
            causes.append(Cause(f"{path}.namespace", "Required value"))
        else:
            causes.extend(Cause(f"{path}.namespace", f"Invalid value: {go_quote(str(namespace))}: {m}")
                          for m in name_is_dns_label(str(namespace), False))
    elif namespace:
        causes.append(Cause(f"{path}.namespace", "Forbidden: not allowed on this type"))
    generation = metadata.get("generation")
    if isinstance(generation, int) and generation < 0:
        causes.append(Cause(f"{path}.generation",
                            f"Invalid value: {generation}: must be greater than or equal to 0"))
    causes.extend(validate_labels(metadata.get("labels"), f"{path}.labels"))  # type: ignore[arg-type]
    causes.extend(validate_annotations(metadata.get("annotations"),  # type: ignore[arg-type]
                                       f"{path}.annotations"))
    for finalizer in metadata.get("finalizers") or []:  # type: ignore[union-attr, attr-defined]
        causes.extend(Cause(f"{path}.finalizers", f"Invalid value: {go_quote(str(finalizer))}: {m}")
                      for m in is_qualified_name(str(finalizer)))
    return causes


# --------------------------------------------------------------------------------------------
# kubectl label's client-side argument parsing.
# --------------------------------------------------------------------------------------------


def parse_label_changes(specs: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """kubectl label's ``parseLabels``: ``k=v`` sets, ``k-`` removes; values checked locally.

    Raises :class:`ClientError` with kubectl's exact texts (keys are not validated here).
    """
    labels: dict[str, str] = {}
    remove: list[str] = []
    for spec in specs:
        if "=" in spec:
            parts = spec.split("=")
            if len(parts) != 2:
                raise ClientError(f"invalid label spec: {spec}")
            errs = is_valid_label_value(parts[1])
            if errs:
                raise ClientError(f"invalid label value: {go_quote(spec)}: {';'.join(errs)}")
            labels[parts[0]] = parts[1]
        elif spec.endswith("-"):
            remove.append(spec[:-1])
        else:
            raise ClientError(f"unknown label spec: {spec}")
    for key in remove:
        if key in labels:
            raise ClientError("can not both modify and remove a label in the same command")
    return labels, remove


# --------------------------------------------------------------------------------------------
# Selectors.
# --------------------------------------------------------------------------------------------

# selection.Operator values.
EQUALS = "="
DOUBLE_EQUALS = "=="
NOT_EQUALS = "!="
IN = "in"
NOT_IN = "notin"
EXISTS = "exists"
DOES_NOT_EXIST = "!"
GREATER_THAN = "gt"
LESS_THAN = "lt"

_BINARY_OPERATORS = (IN, NOT_IN, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, GREATER_THAN, LESS_THAN)
_VALID_OPERATORS = _BINARY_OPERATORS + (EXISTS, DOES_NOT_EXIST)
_INT64_RE = re.compile(r"[+-]?[0-9]+")


class SelectorParseError(ValueError):
    """A selector the API server rejects; ``message`` is the server's exact text."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _parse_int64(text: str) -> int | None:
    # strconv.ParseInt(s, 10, 64): optional sign, ASCII digits, in range.
    if not _INT64_RE.fullmatch(text):
        return None
    value = int(text)
    return value if -(1 << 63) <= value < (1 << 63) else None


@dataclass(frozen=True)
class Requirement:
    """One ``key <op> values`` term; ``values`` keep their given order (String() sorts)."""

    key: str
    operator: str
    values: tuple[str, ...] = ()

    def matches(self, labels: Mapping[str, str]) -> bool:
        """``Requirement.Matches``: NotIn / != also match when the key is absent."""
        op = self.operator
        if op in (IN, EQUALS, DOUBLE_EQUALS):
            return self.key in labels and labels[self.key] in self.values
        if op in (NOT_IN, NOT_EQUALS):
            return self.key not in labels or labels[self.key] not in self.values
        if op == EXISTS:
            return self.key in labels
        if op == DOES_NOT_EXIST:
            return self.key not in labels
        if op in (GREATER_THAN, LESS_THAN):
            if self.key not in labels or len(self.values) != 1:
                return False
            have = _parse_int64(labels[self.key])
            want = _parse_int64(self.values[0])
            if have is None or want is None:
                return False
            return have > want if op == GREATER_THAN else have < want
        return False

    def __str__(self) -> str:
        op = self.operator
        if op == EXISTS:
            return self.key
        if op == DOES_NOT_EXIST:
            return "!" + self.key
        symbol = {EQUALS: "=", DOUBLE_EQUALS: "==", NOT_EQUALS: "!=", IN: " in ",
                  NOT_IN: " notin ", GREATER_THAN: ">", LESS_THAN: "<"}.get(op, "")
        values = self.values[0] if len(self.values) == 1 else ",".join(sorted(self.values))
        if op in (IN, NOT_IN):
            values = f"({values})"
        return self.key + symbol + values


def new_requirement(key: str, operator: str, values: Sequence[str] | None,
                    path: str = "") -> Requirement:
    """``labels.NewRequirement``: validates and raises :class:`SelectorParseError` on failure.

    ``values=None`` stands for a Go nil slice (only visible in error texts). ``path`` is the
    field path prefix (empty for the parser's nil path).
    """
    vals = list(values) if values is not None else []
    key_path = f"{path}.key" if path else "key"
    values_path = f"{path}.values" if path else "values"
    errs: list[str] = []
    key_errs = is_qualified_name(key)
    if key_errs:
        errs.append(field_invalid(key_path, key, "; ".join(key_errs)))
    if operator in (IN, NOT_IN):
        if not vals:
            errs.append(f"{values_path}: Invalid value: {go_string_slice(values)}: "
                        "for 'in', 'notin' operators, values set can't be empty")
    elif operator in (EQUALS, DOUBLE_EQUALS, NOT_EQUALS):
        if len(vals) != 1:
            errs.append(f"{values_path}: Invalid value: {go_string_slice(values)}: "
                        "exact-match compatibility requires one single value")
    elif operator in (EXISTS, DOES_NOT_EXIST):
        if vals:
            errs.append(f"{values_path}: Invalid value: {go_string_slice(values)}: "
                        "values set must be empty for exists and does not exist")
    elif operator in (GREATER_THAN, LESS_THAN):
        if len(vals) != 1:
            errs.append(f"{values_path}: Invalid value: {go_string_slice(values)}: "
                        "for 'Gt', 'Lt' operators, exactly one value is required")
        for i, value in enumerate(vals):
            if _parse_int64(value) is None:
                errs.append(field_invalid(f"{values_path}[{i}]", value,
                                          "for 'Gt', 'Lt' operators, the value must be an integer"))
    else:
        supported = ", ".join(go_quote(o) for o in _VALID_OPERATORS)
        op_path = f"{path}.operator" if path else "operator"
        errs.append(f"{op_path}: Unsupported value: {go_quote(operator)}: supported values: {supported}")
    for i, value in enumerate(vals):
        value_errs = is_valid_label_value(value)
        if value_errs:
            errs.append(field_invalid(f"{values_path}[{i}][{key}]", value, "; ".join(value_errs)))
    if errs:
        raise SelectorParseError(aggregate(errs))
    return Requirement(key, operator, tuple(vals))


@dataclass(frozen=True)
class Selector:
    """An AND of requirements, kept sorted by key (stable), like ``internalSelector``.

    ``nothing=True`` is ``labels.Nothing()``: matches no object, formats as ``""``.
    """

    requirements: tuple[Requirement, ...] = ()
    nothing: bool = False

    def matches(self, labels: Mapping[str, str] | None) -> bool:
        """True when every requirement matches ``labels`` (None = no labels)."""
        if self.nothing:
            return False
        present = labels or {}
        return all(r.matches(present) for r in self.requirements)

    def empty(self) -> bool:
        """True when the selector does not restrict anything (``Everything()``)."""
        return not self.nothing and not self.requirements

    def add(self, *requirements: Requirement) -> "Selector":
        """A copy with more requirements, re-sorted by key."""
        if self.nothing:
            return self
        merged = sorted(self.requirements + tuple(requirements), key=lambda r: r.key)
        return Selector(tuple(merged))

    def requires_exact_match(self, key: str) -> str | None:
        """The single value ``key`` must have, if the first requirement on it pins one."""
        for r in self.requirements:
            if r.key == key:
                if r.operator in (EQUALS, DOUBLE_EQUALS, IN) and len(r.values) == 1:
                    return r.values[0]
                return None
        return None

    def __str__(self) -> str:
        return ",".join(str(r) for r in self.requirements)


EVERYTHING = Selector()
NOTHING = Selector(nothing=True)

# ---- lexer -----------------------------------------------------------------------------------

_T_ERROR, _T_EOS, _T_CLOSE, _T_COMMA, _T_NOT, _T_DEQ, _T_EQ, _T_GT, _T_ID, _T_IN, _T_LT, \
    _T_NEQ, _T_NOTIN, _T_OPEN = range(14)
_STRING_TO_TOKEN = {")": _T_CLOSE, ",": _T_COMMA, "!": _T_NOT, "==": _T_DEQ, "=": _T_EQ,
                    ">": _T_GT, "in": _T_IN, "<": _T_LT, "!=": _T_NEQ, "notin": _T_NOTIN,
                    "(": _T_OPEN}
_SPECIAL = frozenset("=!(),><")
_WHITESPACE = frozenset(" \t\r\n")


def _lex(text: str) -> list[tuple[int, str]]:
    """Tokenise like selector.go's Lexer, including its treatment of NUL as end of input."""
    items: list[tuple[int, str]] = []
    pos = 0
    n = len(text)

    def read() -> str:
        nonlocal pos
        if pos < n:
            pos += 1
            return text[pos - 1]
        return "\0"

    while True:
        ch = read()
        while ch in _WHITESPACE:
            ch = read()
        if ch == "\0":
            items.append((_T_EOS, ""))
            return items
        pos -= 1
        buf: list[str] = []
        if ch in _SPECIAL:
            last: tuple[int, str] | None = None
            while True:
                c = read()
                if c == "\0":
                    break
                if c in _SPECIAL:
                    buf.append(c)
                    tok = _STRING_TO_TOKEN.get("".join(buf))
                    if tok is not None:
                        last = (tok, "".join(buf))
                    elif last is not None:
                        pos -= 1
                        break
                else:
                    pos -= 1
                    break
            # Every single special character is a token, so ``last`` is always set here.
            items.append(last if last is not None
                         else (_T_ERROR, f"error expected: keyword found '{''.join(buf)}'"))
        else:
            while True:
                c = read()
                if c == "\0":
                    break
                if c in _SPECIAL or c in _WHITESPACE:
                    pos -= 1
                    break
                buf.append(c)
            word = "".join(buf)
            items.append((_STRING_TO_TOKEN.get(word, _T_ID), word))


# ---- parser ----------------------------------------------------------------------------------

class _Parser:
    """Recursive-descent parser mirroring selector.go's Parser (same error texts, same order)."""

    def __init__(self, text: str) -> None:
        self.items = _lex(text)
        self.position = 0

    def lookahead(self, values_ctx: bool) -> tuple[int, str]:
        tok, lit = self.items[self.position]
        if values_ctx and tok in (_T_IN, _T_NOTIN):
            tok = _T_ID
        return tok, lit

    def consume(self, values_ctx: bool) -> tuple[int, str]:
        tok, lit = self.lookahead(values_ctx)
        self.position += 1
        return tok, lit

    def parse(self) -> list[Requirement]:
        requirements: list[Requirement] = []
        while True:
            tok, lit = self.lookahead(True)
            if tok in (_T_ID, _T_NOT):
                try:
                    requirements.append(self.parse_requirement())
                except SelectorParseError as err:
                    raise SelectorParseError(f"unable to parse requirement: {err.message}") from None
                tok, lit = self.consume(True)
                if tok == _T_EOS:
                    return requirements
                if tok == _T_COMMA:
                    tok2, lit2 = self.lookahead(True)
                    if tok2 not in (_T_ID, _T_NOT):
                        raise SelectorParseError(f"found '{lit2}', expected: identifier after ','")
                else:
                    raise SelectorParseError(f"found '{lit}', expected: ',' or 'end of string'")
            elif tok == _T_EOS:
                return requirements
            else:
                raise SelectorParseError(
                    f"found '{lit}', expected: !, identifier, or 'end of string'")

    def parse_requirement(self) -> Requirement:
        key, operator = self.parse_key_and_infer_operator()
        if operator in (EXISTS, DOES_NOT_EXIST):
            return new_requirement(key, operator, [])
        operator = self.parse_operator()
        if operator in (IN, NOT_IN):
            values = self.parse_values()
        else:
            values = self.parse_exact_value()
        return new_requirement(key, operator, sorted(values))

    def parse_key_and_infer_operator(self) -> tuple[str, str]:
        operator = ""
        tok, lit = self.consume(True)
        if tok == _T_NOT:
            operator = DOES_NOT_EXIST
            tok, lit = self.consume(True)
        if tok != _T_ID:
            raise SelectorParseError(f"found '{lit}', expected: identifier")
        key_errs = is_qualified_name(lit)
        if key_errs:
            # The parser's path is nil, which field.Path renders as "<nil>".
            raise SelectorParseError(field_invalid("<nil>", lit, "; ".join(key_errs)))
        nxt, _ = self.lookahead(True)
        if nxt in (_T_EOS, _T_COMMA) and operator != DOES_NOT_EXIST:
            operator = EXISTS
        return lit, operator

    def parse_operator(self) -> str:
        tok, lit = self.consume(False)
        op = {_T_IN: IN, _T_EQ: EQUALS, _T_DEQ: DOUBLE_EQUALS, _T_GT: GREATER_THAN,
              _T_LT: LESS_THAN, _T_NOTIN: NOT_IN, _T_NEQ: NOT_EQUALS}.get(tok)
        if op is None:
            raise SelectorParseError(f"found '{lit}', expected: {', '.join(_BINARY_OPERATORS)}")
        return op

    def parse_values(self) -> set[str]:
        tok, lit = self.consume(True)
        if tok != _T_OPEN:
            raise SelectorParseError(f"found '{lit}' expected: '('")
        tok, lit = self.lookahead(True)
        if tok in (_T_ID, _T_COMMA):
            values = self.parse_identifiers_list()
            tok, _ = self.consume(True)
            if tok != _T_CLOSE:
                raise SelectorParseError(f"found '{lit}', expected: ')'")
            return values
        if tok == _T_CLOSE:
            self.consume(True)
            return {""}
        raise SelectorParseError(f"found '{lit}', expected: ',', ')' or identifier")

    def parse_identifiers_list(self) -> set[str]:
        values: set[str] = set()
        while True:
            tok, lit = self.consume(True)
            if tok == _T_ID:
                values.add(lit)
                tok2, lit2 = self.lookahead(True)
                if tok2 == _T_COMMA:
                    continue
                if tok2 == _T_CLOSE:
                    return values
                raise SelectorParseError(f"found '{lit2}', expected: ',' or ')'")
            if tok == _T_COMMA:
                if not values:
                    values.add("")  # "(,"
                tok2, _ = self.lookahead(True)
                if tok2 in (_T_CLOSE, _T_COMMA):
                    values.add("")  # ",)" and ",,"
                if tok2 == _T_CLOSE:
                    return values
                continue
            raise SelectorParseError(f"found '{lit}', expected: ',', or identifier")

    def parse_exact_value(self) -> set[str]:
        tok, _ = self.lookahead(True)
        if tok in (_T_EOS, _T_COMMA):
            return {""}
        tok, lit = self.consume(True)
        if tok == _T_ID:
            return {lit}
        raise SelectorParseError(f"found '{lit}', expected: identifier")


def parse_selector(text: str) -> Selector:
    """``labels.Parse``: the ``-l`` grammar; raises :class:`SelectorParseError`.

    The error's ``message`` is the text the API server returns in its BadRequest.
    """
    requirements = _Parser(text).parse()
    # sort.Sort on a handful of items is an insertion sort, i.e. stable.
    return Selector(tuple(sorted(requirements, key=lambda r: r.key)))


def selector_from_set(labels: Mapping[str, str] | None) -> Selector:
    """``SelectorFromSet`` (no validation): ``k=v`` per entry, sorted; empty = everything."""
    if not labels:
        return EVERYTHING
    return Selector(tuple(Requirement(k, EQUALS, (labels[k],)) for k in sorted(labels)))


def format_labels(labels: Mapping[str, str] | None) -> str:
    """``labels.FormatLabels``: ``k=v,...`` sorted by key, ``<none>`` when empty."""
    text = ",".join(f"{k}={labels[k]}" for k in sorted(labels or {}))  # type: ignore[index]
    return text or "<none>"


_LS_OPERATORS = {"In": IN, "NotIn": NOT_IN, "Exists": EXISTS, "DoesNotExist": DOES_NOT_EXIST}


def label_selector_as_selector(selector: Mapping[str, object] | None) -> Selector:
    """``metav1.LabelSelectorAsSelector`` for a ``{matchLabels, matchExpressions}`` dict.

    None → nothing; ``{}`` → everything. Raises :class:`SelectorParseError` if unconvertible.
    """
    if selector is None:
        return NOTHING
    match_labels = selector.get("matchLabels") or {}
    expressions = selector.get("matchExpressions") or []
    if not match_labels and not expressions:
        return EVERYTHING
    requirements: list[Requirement] = []
    for key, value in match_labels.items():  # type: ignore[union-attr, attr-defined]
        requirements.append(new_requirement(key, EQUALS, [value]))
    for expr in expressions:  # type: ignore[union-attr, attr-defined]
        operator = expr.get("operator", "")
        op = _LS_OPERATORS.get(operator)
        if op is None:
            raise SelectorParseError(f"{go_quote(str(operator))} is not a valid label selector operator")
        values = expr.get("values")
        requirements.append(new_requirement(expr.get("key", ""), op,
                                            list(values) if values else None))
    return Selector(tuple(sorted(requirements, key=lambda r: r.key)))


def format_label_selector(selector: Mapping[str, object] | None) -> str:
    """``metav1.FormatLabelSelector``: ``<error>`` if unconvertible, ``<none>`` if empty."""
    try:
        text = str(label_selector_as_selector(selector))
    except SelectorParseError:
        return "<error>"
    return text or "<none>"


def enhance_list_error_message(resource: str, label_selector: str, field_selector: str,
                               message: str) -> str:
    """cli-runtime's ``EnhanceListError`` text for a BadRequest/NotFound on list.

    ``resource`` is the GroupVersionResource string, e.g. ``/v1, Resource=pods`` or
    ``apps/v1, Resource=deployments``.
    """
    if not label_selector and not field_selector:
        return f"Unable to list {go_quote(resource)}: {message}"
    return (f"Unable to find {go_quote(resource)} that match label selector "
            f"{go_quote(label_selector)}, field selector {go_quote(field_selector)}: {message}")


__all__ = [
    "Requirement", "Selector", "SelectorParseError", "EVERYTHING", "NOTHING",
    "parse_selector", "new_requirement", "selector_from_set", "label_selector_as_selector",
    "format_label_selector", "format_labels", "enhance_list_error_message",
    "is_qualified_name", "is_valid_label_value", "is_dns1123_label", "is_dns1123_subdomain",
    "is_dns1035_label", "is_valid_path_segment_name", "name_validator", "validate_name",
    "validate_generate_name", "validate_labels", "validate_annotations", "validate_object_meta",
    "annotations_size", "parse_label_changes", "generate_name", "random_name_suffix", "go_quote",
]


_SELECTOR_OPERATORS = {"in": "In", "notin": "NotIn", "exists": "Exists", "!": "DoesNotExist"}


def to_label_selector(text: str) -> dict[str, Any]:
    """``ParseToLabelSelector``: ``=``/``==`` terms become matchLabels, the rest matchExpressions."""
    try:
        parsed = parse_selector(text)
    except SelectorParseError as exc:
        raise ClientError(f'couldn\'t parse the selector string "{text}": {exc.message}') from None
    labels: dict[str, str] = {}
    expressions: list[dict[str, Any]] = []
    for req in parsed.requirements:
        op = req.operator
        if op in ("=", "=="):
            labels[req.key] = req.values[0]
        elif op in ("in", "notin", "exists", "!"):
            expressions.append({"key": req.key, "operator": _SELECTOR_OPERATORS[op], "values": sorted(req.values)})
        elif op in ("gt", "lt"):
            raise ClientError(f'"{op}" isn\'t supported in label selectors')
        else:
            raise ClientError(f'"{op}" is not a valid label selector operator')
    return {"matchLabels": labels, "matchExpressions": expressions}
