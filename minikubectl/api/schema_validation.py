"""Server-side field validation against the v1.33 schema (kubernetes-validate's definitions).

kubectl v1.33 validates on the server (``--validate=strict`` is the default): the API
server decodes the JSON body into Go structs and reports, in this precedence:

1. a fatal error from a custom unmarshaler (Quantity, IntOrString, Time), which stops
   decoding at once;
2. otherwise the *first* type mismatch (``json: cannot unmarshal string into Go struct
   field ContainerPort.spec.containers.ports.containerPort of type int32``);
3. otherwise, for ``fieldValidation=Strict``, every unknown field in document order
   (kubectl sends keys sorted), joined into one ``strict decoding error: ...``; for
   ``Warn`` the same texts come back as warnings; ``Ignore`` drops them.

Decode errors become ``<Kind> in version "<v>" cannot be handled as a <Kind>: <error>``
(BadRequest). Validation proper (``Required value``, ``Unsupported value``) runs after a
successful decode; :func:`validation_causes` gives the schema-derived part of it.

The schema is compiled once into plain tuples/dicts and cached with ``marshal`` in the
user cache directory (see :func:`load_cached`), keyed by the definitions file's path,
size and mtime, so a CLI call pays ~1 ms instead of parsing 1.4 MB of JSON.
"""

from __future__ import annotations

import importlib.util
import json
import marshal
import math
import os
import re
import zlib
from functools import lru_cache
from pathlib import Path
from collections.abc import Mapping
from typing import Any, Callable, Iterator, TypeVar

from minikubectl.api import errors
from minikubectl.golang.json import decoded_kind
from minikubectl.golang.structs import dataclass

SCHEMA_VERSION_DIR = "v1.33.0-local"
#: Bump when the layout of any cached structure changes.
CACHE_FORMAT = 4

T = TypeVar("T")


# --------------------------------------------------------------------------- source + cache


@lru_cache(maxsize=1)
def definitions_path() -> Path:
    """``_definitions.json`` of the installed kubernetes-validate package (not imported)."""
    env = os.environ.get("MINIKUBECTL_DEFINITIONS")
    if env:
        return Path(env)
    spec = importlib.util.find_spec("kubernetes_validate")
    for location in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(location) / "kubernetes-json-schema" / SCHEMA_VERSION_DIR / "_definitions.json"
        if candidate.is_file():
            return candidate
    raise errors.ClientError("the kubernetes-validate v1.33 schema is not installed")


def load_definitions() -> dict[str, dict]:
    """The raw ``$defs`` mapping (parses the JSON: use :func:`load_cached` where possible)."""
    raw = json.loads(definitions_path().read_text(encoding="utf-8"))
    return raw.get("$defs") or raw.get("definitions") or {}


def cache_dir() -> Path:
    """Where compiled schema caches live: ``$MINIKUBECTL_CACHE_DIR`` or the XDG cache dir."""
    env = os.environ.get("MINIKUBECTL_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "minikubectl"


def load_cached(tag: str, build: Callable[[dict[str, dict]], T]) -> T:
    """``build(definitions)``, memoised on disk with marshal.

    The file name covers the source file (path, size, mtime) and :data:`CACHE_FORMAT`,
    so an upgraded package or a new layout rebuilds. The value must be marshal-able.
    Cache I/O failures are ignored: the freshly built value is returned.
    """
    src = definitions_path()
    st = src.stat()
    key = f"{zlib.crc32(str(src).encode()):08x}-{st.st_size}-{st.st_mtime_ns}-{CACHE_FORMAT}"
    target = cache_dir() / f"{tag}-{key}.marshal"
    try:
        with open(target, "rb") as fh:
            return marshal.loads(fh.read())  # loads(bytes) is ~3x faster than load(file)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build(load_definitions())
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}")
        tmp.write_bytes(marshal.dumps(value))  # type: ignore[arg-type]  # builders return marshal-able data
        os.replace(tmp, target)  # atomic: concurrent CLI calls never read half a file
    except OSError:
        pass
    return value


class LazyTable(Mapping[str, Any]):
    """A name -> value table stored as marshalled blobs, decoded on first access.

    A command touches a few dozen of the ~700 definitions, so decoding only those
    keeps a cached load well under a millisecond.
    """

    __slots__ = ("_blobs", "_done")

    def __init__(self, blobs: dict[str, bytes]) -> None:
        self._blobs = blobs
        self._done: dict[str, Any] = {}

    @staticmethod
    def pack(values: dict[str, Any]) -> dict[str, bytes]:
        """The blob form of ``values`` (what a cache stores)."""
        return {name: marshal.dumps(value) for name, value in values.items()}

    def __getitem__(self, name: str) -> Any:
        try:
            return self._done[name]
        except KeyError:
            value = self._done[name] = marshal.loads(self._blobs[name])
            return value

    def __contains__(self, name: object) -> bool:
        return name in self._blobs

    def __iter__(self) -> Iterator[str]:
        return iter(self._blobs)

    def __len__(self) -> int:
        return len(self._blobs)


def ref_name(ref: str) -> str:
    """``#/$defs/io.k8s.api.core.v1.Pod`` -> ``io.k8s.api.core.v1.Pod``."""
    return ref.rsplit("/", 1)[-1]


def gvk_index(defs: dict[str, dict]) -> dict[str, str]:
    """``group/version/kind`` -> definition name (the first in sorted order, as explain does)."""
    index: dict[str, str] = {}
    for name in sorted(defs):
        for gvk in defs[name].get("x-kubernetes-group-version-kind", []):
            index.setdefault(f"{gvk.get('group', '')}/{gvk.get('version', '')}/{gvk.get('kind', '')}", name)
    return index


# --------------------------------------------------------------------------- compiled schema
#
# A compiled node is a tuple whose first item says what Go type decodes the value:
#   ("str", gotype) ("int", gotype, bits) ("num", gotype) ("bool", gotype)
#   ("bytes",) base64 []byte   ("any",) free-form   ("obj", defname)
#   ("arr", gotype, item)      ("map", gotype, value)
#   ("qty",) Quantity  ("ios",) IntOrString  ("time", layout) metav1.Time/MicroTime
# A struct is (go_name, props{name: node}, required tuple, enums{name: values}).

_SPECIAL = {
    "io.k8s.apimachinery.pkg.api.resource.Quantity": ("qty",),
    "io.k8s.apimachinery.pkg.util.intstr.IntOrString": ("ios",),
    "io.k8s.apimachinery.pkg.apis.meta.v1.Time": ("time", "2006-01-02T15:04:05Z07:00"),
    "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime": ("time", "2006-01-02T15:04:05.000000Z07:00"),
}

# Go named types the schema cannot tell (they only show in type-mismatch messages).
_NAMED_TYPES = {
    ("PodSpec", "restartPolicy"): "v1.RestartPolicy",
    ("PodSpec", "dnsPolicy"): "v1.DNSPolicy",
    ("PodSpec", "preemptionPolicy"): "v1.PreemptionPolicy",
    ("Container", "imagePullPolicy"): "v1.PullPolicy",
    ("Container", "terminationMessagePolicy"): "v1.TerminationMessagePolicy",
    ("ContainerPort", "protocol"): "v1.Protocol",
    ("ServicePort", "protocol"): "v1.Protocol",
    ("ServiceSpec", "type"): "v1.ServiceType",
    ("ServiceSpec", "sessionAffinity"): "v1.ServiceAffinity",
    ("ServiceSpec", "externalTrafficPolicy"): "v1.ServiceExternalTrafficPolicy",
    ("ServiceSpec", "internalTrafficPolicy"): "v1.ServiceInternalTrafficPolicy",
    ("ServiceSpec", "ipFamilyPolicy"): "v1.IPFamilyPolicy",
    ("DeploymentStrategy", "type"): "v1.DeploymentStrategyType",
    ("ObjectMeta", "uid"): "types.UID",
    ("OwnerReference", "uid"): "types.UID",
    ("Secret", "type"): "v1.SecretType",
    ("Toleration", "operator"): "v1.TolerationOperator",
    ("Toleration", "effect"): "v1.TaintEffect",
}
_NAMED_MAPS = {("ResourceRequirements", "limits"): "v1.ResourceList",
               ("ResourceRequirements", "requests"): "v1.ResourceList"}

# Values the API server's validation accepts (it sorts them in its message). The schema
# from kubernetes-validate carries no enums, so the common ones are listed here.
_ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("PodSpec", "restartPolicy"): ("Always", "Never", "OnFailure"),
    ("PodSpec", "dnsPolicy"): ("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"),
    ("PodSpec", "preemptionPolicy"): ("Never", "PreemptLowerPriority"),
    ("Container", "imagePullPolicy"): ("Always", "IfNotPresent", "Never"),
    ("Container", "terminationMessagePolicy"): ("FallbackToLogsOnError", "File"),
    ("ContainerPort", "protocol"): ("SCTP", "TCP", "UDP"),
    ("ServicePort", "protocol"): ("SCTP", "TCP", "UDP"),
    ("ServiceSpec", "type"): ("ClusterIP", "ExternalName", "LoadBalancer", "NodePort"),
    ("ServiceSpec", "sessionAffinity"): ("ClientIP", "None"),
    ("ServiceSpec", "externalTrafficPolicy"): ("Cluster", "Local"),
    ("ServiceSpec", "internalTrafficPolicy"): ("Cluster", "Local"),
    ("ServiceSpec", "ipFamilyPolicy"): ("PreferDualStack", "RequireDualStack", "SingleStack"),
    ("DeploymentStrategy", "type"): ("Recreate", "RollingUpdate"),
    ("Toleration", "operator"): ("Equal", "Exists"),
    ("Toleration", "effect"): ("NoExecute", "NoSchedule", "PreferNoSchedule"),
}


def _go_struct_type(defname: str) -> str:
    """``io.k8s.api.core.v1.PodSpec`` -> ``v1.PodSpec`` (reflect.Type.String())."""
    parts = defname.split(".")
    return f"{parts[-2]}.{parts[-1]}"


def _types_of(schema: dict) -> str | None:
    t = schema.get("type")
    if isinstance(t, list):
        t = next((x for x in t if x != "null"), None)
    return t


def _compile_node(schema: dict, defs: dict[str, dict], owner: str, prop: str) -> tuple:
    ref = schema.get("$ref")
    if ref:
        name = ref_name(ref)
        if name in _SPECIAL:
            return _SPECIAL[name]
        target = defs.get(name, {})
        if "properties" not in target:
            t = _types_of(target)
            if t in (None, "object"):
                return ("any",)  # RawExtension, FieldsV1, JSON, Patch...: free-form
            return _compile_node(target, defs, owner, prop)
        return ("obj", name)
    t = _types_of(schema)
    if t == "array":
        item = _compile_node(schema.get("items") or {}, defs, owner, prop)
        return ("arr", "[]" + _go_type(item), item)
    if t == "object" or "additionalProperties" in schema:
        ap = schema.get("additionalProperties")
        if not isinstance(ap, dict) or not ap:
            return ("any",)
        value = _compile_node(ap, defs, owner, prop)
        gotype = _NAMED_MAPS.get((owner, prop)) or "map[string]" + _go_type(value)
        return ("map", gotype, value)
    if t == "string":
        if schema.get("format") == "byte":
            return ("bytes",)
        return ("str", _NAMED_TYPES.get((owner, prop), "string"))
    if t == "integer":
        bits = 32 if schema.get("format") == "int32" else 64
        return ("int", f"int{bits}", bits)
    if t == "number":
        return ("num", "float64")
    if t == "boolean":
        return ("bool", "bool")
    return ("any",)


def _go_type(node: tuple) -> str:
    kind = node[0]
    if kind in ("str", "int", "num", "bool", "arr", "map"):
        return node[1]
    if kind == "obj":
        return _go_struct_type(node[1])
    return {"bytes": "[]uint8", "any": "interface {}", "qty": "resource.Quantity",
            "ios": "intstr.IntOrString", "time": "v1.Time"}.get(kind, "interface {}")


def compile_schema(defs: dict[str, dict]) -> dict[str, Any]:
    """The validator's index: ``structs`` by definition name and ``gvk`` -> definition."""
    structs: dict[str, tuple] = {}
    for name, schema in defs.items():
        props = schema.get("properties")
        if props is None:
            continue
        short = name.rsplit(".", 1)[-1]
        compiled = {p: _compile_node(s, defs, short, p) for p, s in props.items()}
        enums = {p: v for (owner, p), v in _ENUMS.items() if owner == short and p in props}
        structs[name] = (short, compiled, tuple(schema.get("required", ())), enums)
    return {"structs": LazyTable.pack(structs), "gvk": gvk_index(defs)}


@lru_cache(maxsize=1)
def compiled_schema() -> dict[str, Any]:
    """The compiled validator index (disk-cached; see :func:`load_cached`)."""
    index = load_cached("validation", compile_schema)
    return {"structs": LazyTable(index["structs"]), "gvk": index["gvk"]}


# --------------------------------------------------------------------------- the walk


@dataclass(frozen=True)
class FieldError:
    """One finding. ``kind``: ``unknown`` | ``type`` | ``decode`` | ``required`` | ``enum``.

    ``field`` is the API server's path (``spec.containers[0].name``); ``detail`` is the
    text the server prints for it (``unknown field "..."``, ``json: cannot unmarshal ...``,
    ``Required value``, ``Unsupported value: ...``). ``fatal`` marks a decode error that
    stopped decoding (it wins over everything found before it).
    """

    kind: str
    field: str
    detail: str
    fatal: bool = False

    @property
    def message(self) -> str:
        """``field: detail`` for validation causes; the detail alone for decode errors."""
        if self.kind in ("required", "enum"):
            return f"{self.field}: {self.detail}"
        return self.detail


class _Walk:
    """One document's traversal; keys are visited sorted, as kubectl serializes them."""

    __slots__ = ("structs", "found", "fatal")

    def __init__(self, structs: Mapping[str, tuple]) -> None:
        self.structs = structs
        self.found: list[FieldError] = []
        self.fatal = False

    def struct(self, obj: dict, defname: str, path: str, stack: str) -> None:
        short, props, required, enums = self.structs[defname]
        for key in required:
            value = obj.get(key)
            if value is None or value == "":
                self.found.append(FieldError("required", _join(path, key), "Required value"))
        for key in sorted(obj):
            node = props.get(key)
            if node is None:
                kpath = _join(path, key)
                self.found.append(FieldError("unknown", kpath, f'unknown field "{kpath}"'))
                continue
            value = obj[key]
            if value is None:
                continue
            kind = node[0]
            # The common cases, fine as they are: no call, no paths built (only an enum to check).
            if kind == "bool" and type(value) is bool:
                continue
            if kind == "str" and type(value) is str:
                allowed = enums.get(key) if value else None
                if allowed and value not in allowed:
                    self.found.append(_unsupported(_join(path, key), value, allowed))
                continue
            kpath = _join(path, key)
            self.value(value, node, kpath, _join(stack, key), short)
            if self.fatal:
                return
            allowed = enums.get(key)
            if allowed and isinstance(value, str) and value and value not in allowed:
                self.found.append(_unsupported(kpath, value, allowed))

    def value(self, value: Any, node: tuple, path: str, stack: str, owner: str) -> None:
        kind = node[0]
        if kind == "obj":
            if isinstance(value, dict):
                self.struct(value, node[1], path, stack)
            else:
                self.mismatch(value, _go_struct_type(node[1]), path, stack, owner)
        elif kind == "str":
            if not isinstance(value, str):
                self.mismatch(value, node[1], path, stack, owner)
        elif kind == "int":
            self.integer(value, node, path, stack, owner)
        elif kind == "arr":
            if not isinstance(value, list):
                self.mismatch(value, node[1], path, stack, owner)
                return
            item = node[2]
            for i, elem in enumerate(value):
                if elem is not None:
                    self.value(elem, item, f"{path}[{i}]", stack, owner)
                    if self.fatal:
                        return
        elif kind == "map":
            if not isinstance(value, dict):
                self.mismatch(value, node[1], path, stack, owner)
                return
            item = node[2]
            for key in sorted(value):
                elem = value[key]
                if elem is not None:
                    self.value(elem, item, f"{path}.{key}", stack, owner)
                    if self.fatal:
                        return
        elif kind == "bool":
            if not isinstance(value, bool):
                self.mismatch(value, "bool", path, stack, owner)
        elif kind == "num":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.mismatch(value, "float64", path, stack, owner)
        elif kind == "bytes":
            if isinstance(value, str):
                bad = go_base64_error(value)
                if bad is not None:
                    self.found.append(FieldError("type", path, f"illegal base64 data at input byte {bad}"))
            elif not isinstance(value, list):
                self.mismatch(value, "[]uint8", path, stack, owner)
        elif kind == "qty":
            self.quantity(value, path)
        elif kind == "ios":
            if not isinstance(value, str):
                text = _int_parse_error(value, 32)
                if text is not None:
                    self.found.append(FieldError("decode", path, _type_error(text, "int32", owner, stack), True))
                    self.fatal = True
        elif kind == "time":
            if not isinstance(value, str):
                self.found.append(FieldError("decode", path, _type_error(
                    decoded_kind(value), "string", owner, stack), True))
                self.fatal = True
            elif not _RFC3339.match(value):
                self.found.append(FieldError("decode", path, _time_error(value, node[1]), True))
                self.fatal = True

    def integer(self, value: Any, node: tuple, path: str, stack: str, owner: str) -> None:
        text = _int_parse_error(value, node[2])
        if text is not None:
            self.found.append(FieldError("type", path, _type_error(text, node[1], owner, stack)))

    def mismatch(self, value: Any, gotype: str, path: str, stack: str, owner: str) -> None:
        self.found.append(FieldError("type", path, _type_error(decoded_kind(value), gotype, owner, stack)))

    def quantity(self, value: Any, path: str) -> None:
        if isinstance(value, str):
            text = value.strip()
        elif isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, (int, float)):
            text = go_number_literal(value)
        else:
            text = "{"  # an object/array body never parses as a quantity
        problem = quantity_error(text)
        if problem:
            self.found.append(FieldError("decode", path, problem, True))
            self.fatal = True


# Kinds whose decoding failure stops the API server's decoder.
_FATAL_KINDS = frozenset(("ios", "time", "qty"))
# Definition -> whether a value of it can hold an enum field or a field that stops decoding.
_REACHES: dict[str, bool] = {}


def _struct_reaches(defname: str, structs: Mapping[str, tuple]) -> bool:
    found = _REACHES.get(defname)
    if found is not None:
        return found
    _REACHES[defname] = True  # meanwhile (a recursive definition): assumed; visiting more is safe
    entry = structs.get(defname)
    result = entry is not None and (bool(entry[3]) or any(_node_reaches(n, structs) for n in entry[1].values()))
    _REACHES[defname] = result
    return result


def _node_reaches(node: tuple, structs: Mapping[str, tuple]) -> bool:
    kind = node[0]
    if kind in _FATAL_KINDS:
        return True
    if kind == "obj":
        return _struct_reaches(node[1], structs)
    if kind == "arr" or kind == "map":
        return _node_reaches(node[2], structs)
    return False


_RELEVANT: dict[str, frozenset[str]] = {}


def _relevant_fields(defname: str, structs: Mapping[str, tuple]) -> frozenset[str]:
    """The fields of a definition that hold an enum or can reach one (or a decode stop)."""
    found = _RELEVANT.get(defname)
    if found is None:
        _short, props, _required, enums = structs[defname]
        found = _RELEVANT[defname] = frozenset(
            key for key, node in props.items() if enums.get(key) or _node_reaches(node, structs))
    return found


class _EnumWalk(_Walk):
    """:class:`_Walk` through only the fields that can hold an enum or stop decoding: the same
    enum findings in the same order, and the same stop, for a fraction of the visits."""

    __slots__ = ()

    def struct(self, obj: dict, defname: str, path: str, stack: str) -> None:
        short, props, _required, enums = self.structs[defname]
        for key in sorted(obj.keys() & _relevant_fields(defname, self.structs)):
            node = props[key]
            value = obj[key]
            if value is None:
                continue
            allowed = enums.get(key)
            kpath = _join(path, key)
            self.value(value, node, kpath, _join(stack, key), short)
            if self.fatal:
                return
            if allowed and isinstance(value, str) and value and value not in allowed:
                self.found.append(_unsupported(kpath, value, allowed))


def enum_findings(obj: dict) -> list[FieldError]:
    """The ``enum`` findings of :func:`validate_object` (decoding stops where it stops)."""
    defname = _definition_for(obj)
    if defname is None:
        return []
    walk = _EnumWalk(compiled_schema()["structs"])
    walk.struct(obj, defname, "", "")
    return [f for f in walk.found if f.kind == "enum"]


def _unsupported(path: str, value: str, allowed: Any) -> FieldError:
    """The ``enum`` finding for a value outside a field's supported values."""
    supported = ", ".join(f'"{v}"' for v in allowed)
    return FieldError("enum", path, f'Unsupported value: "{value}": supported values: {supported}')


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _type_error(what: str, gotype: str, owner: str, stack: str) -> str:
    return f"json: cannot unmarshal {what} into Go struct field {owner}.{stack} of type {gotype}"


def _int_parse_error(value: Any, bits: int) -> str | None:
    """None if Go's decoder stores ``value`` in an int<bits>, else the ``<X>`` it reports."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return decoded_kind(value)
    literal = go_number_literal(value)
    try:
        number = int(literal)  # ParseInt: "1.5" or "1e+21" fail
    except ValueError:
        return f"number {literal}"
    limit = 1 << (bits - 1)
    if not -limit <= number < limit:
        return f"number {literal}"
    return None


def go_number_literal(value: int | float) -> str:
    """How Go's encoding/json writes a float64/int64 (kubectl re-encodes YAML numbers)."""
    if isinstance(value, int):
        return str(value)
    if math.isinf(value) or math.isnan(value):
        return str(value)
    if value == int(value) and abs(value) < 1e21:
        return str(int(value))
    text = repr(value)
    if "e" in text and 1e-6 <= abs(value) < 1e21:
        text = format(value, "f").rstrip("0").rstrip(".")
    return text


_QTY_RE = re.compile(r"^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$")
_QTY_SUFFIXES = {"", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"}
_QTY_FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"


def quantity_error(text: str) -> str | None:
    """resource.ParseQuantity's error text for ``text``, or None when it parses."""
    match = _QTY_RE.match(text)
    if not text or not match or match.group(1).count(".") > 1 or match.group(1).strip("+-") in ("", "."):
        return _QTY_FORMAT
    suffix = match.group(2)
    if suffix not in _QTY_SUFFIXES and not re.fullmatch(r"[eE][-+]?[0-9]+", suffix):
        return "unable to parse quantity's suffix"
    return None


_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _time_error(value: str, layout: str) -> str:
    # Only the common shape (a value that is no date at all) is worded exactly like Go.
    return f'parsing time "{value}" as "{layout}": cannot parse "{value}" as "2006"'


_B64 = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def go_base64_error(text: str) -> int | None:
    """Offset Go's base64.StdEncoding reports as corrupt (``illegal base64 data at input
    byte N``), or None if it decodes. CR and LF are skipped, as Go does."""
    src = text.encode("utf-8")
    n, si = len(src), 0
    while True:
        j = 0
        while j < 4:
            if si == n:
                if j == 0:
                    return None
                return si - j
            ch = src[si]
            si += 1
            if ch in _B64:
                j += 1
                continue
            if ch in (10, 13):
                continue
            if ch != 61 or j < 2:  # '=' is padding only after two symbols
                return si - 1
            if j == 2:
                while si < n and src[si] in (10, 13):
                    si += 1
                if si == n:
                    return n
                if src[si] != 61:
                    return si - 1
                si += 1
            while si < n and src[si] in (10, 13):
                si += 1
            return si if si < n else None


# --------------------------------------------------------------------------- public API


def _definition_for(obj: dict) -> str | None:
    api_version = obj.get("apiVersion")
    kind = obj.get("kind")
    if not isinstance(api_version, str) or not isinstance(kind, str):
        return None
    group, _, version = api_version.rpartition("/")
    return compiled_schema()["gvk"].get(f"{group}/{version}/{kind}")


def definition_name(obj: dict) -> str | None:
    """The schema definition of ``obj``'s apiVersion and kind (None for unknown kinds)."""
    return _definition_for(obj)


def validate_object(obj: dict) -> list[FieldError]:
    """Every schema finding for ``obj`` in document order (decoding stops at a fatal one).

    Objects of a kind the schema does not know yield ``[]``. :func:`field_validation`
    applies the API server's precedence to this list.
    """
    defname = _definition_for(obj)
    if defname is None:
        return []
    walk = _Walk(compiled_schema()["structs"])
    walk.struct(obj, defname, "", "")
    return walk.found


def parse_validate_flag(value: str) -> str:
    """kubectl's ``--validate`` value -> ``Strict`` | ``Warn`` | ``Ignore``."""
    if value in ("1", "t", "T", "TRUE", "true", "True"):
        return "Strict"
    if value in ("0", "f", "F", "FALSE", "false", "False"):
        return "Ignore"
    directive = {"strict": "Strict", "warn": "Warn", "ignore": "Ignore"}.get(value)
    if directive is None:
        raise errors.ClientError(
            f'invalid - validate option "{value}"; must be one of: strict (or true), warn, ignore (or false)')
    return directive


def decode_error(obj: dict, detail: str) -> errors.StatusError:
    """``<Kind> in version "<v>" cannot be handled as a <Kind>: <detail>`` (BadRequest)."""
    kind = obj.get("kind", "")
    version = str(obj.get("apiVersion", "")).rpartition("/")[2]
    return errors.bad_request(f'{kind} in version "{version}" cannot be handled as a {kind}: {detail}')


def field_validation(obj: dict, directive: str = "Strict",
                     found: list[FieldError] | None = None) -> list[str]:
    """Apply the API server's decode step for a create/update/apply of ``obj``.

    Raises the BadRequest StatusError the server returns (callers add kubectl's
    ``error when creating "<file>": `` context with ``with_context``). Returns the
    warnings to print as ``Warning: <text>`` (``Warn`` only). ``directive`` is a value
    from :func:`parse_validate_flag`.
    """
    found = validate_object(obj) if found is None else found
    fatal = next((e for e in found if e.fatal), None)
    first = fatal or next((e for e in found if e.kind in ("type", "decode")), None)
    if first is not None:
        raise decode_error(obj, first.detail)
    unknown: list[str] = []
    for e in found:
        if e.kind == "unknown" and e.detail not in unknown and len(unknown) < 100:
            unknown.append(e.detail)
    if not unknown or directive == "Ignore":
        return []
    if directive == "Warn":
        return unknown
    raise decode_error(obj, "strict decoding error: " + ", ".join(unknown))


def validation_causes(found: list[FieldError]) -> list[errors.Cause]:
    """The ``Required value`` / ``Unsupported value`` causes of an Invalid error.

    Only meaningful once :func:`field_validation` passed; the caller merges them with
    its own semantic checks and raises ``errors.invalid(kind, name, causes)``.
    """
    return [errors.Cause(e.field, e.detail) for e in found if e.kind in ("required", "enum")]


def warning_lines(warnings: list[str]) -> str:
    """What kubectl prints on stderr for server warnings (one ``Warning: `` line each)."""
    return "".join(f"Warning: {w}\n" for w in warnings)


def check_for_cli(obj: dict, source: str, validate_mode: str, stderr: Any) -> None:
    """The CLI hook for create/apply/replace: the server's decode step for one object.

    ``validate_mode`` is the raw ``--validate`` value. Warnings (``--validate=warn``)
    are written to ``stderr`` as kubectl prints them; errors are raised as the
    BadRequest StatusError (the caller adds ``error when creating "<source>": ``).
    Type errors are reported even with ``--validate=ignore``/``false``: the server
    always decodes, so callers should not skip this hook for those values.
    """
    del source  # the caller's add_source() owns the file context
    warnings = field_validation(obj, parse_validate_flag(validate_mode))
    if warnings:
        stderr.write(warning_lines(warnings))
