"""Reading manifests the way kubectl's resource builder does (``-f FILE|DIR|-``, ``-R``).

The pipeline mirrors kubectl v1.33 (cli-runtime resource builder + apimachinery):

* paths are checked up front (``the path "x" does not exist``, empty directories);
* each file is a stream: if its first non-space character is ``{`` it is read as a
  stream of JSON values, falling back to YAML after a syntax error when at most one
  JSON value was read (``YAMLOrJSONDecoder``); otherwise it is cut into documents at
  lines starting with ``---`` and each document goes YAML -> JSON through go-yaml v2
  rules (YAML 1.1 scalars) and sigs.k8s.io/yaml (non-string keys become strings);
* each document is decoded as kubectl's unstructured scheme does: ``items`` makes it a
  list (flattened, typed lists give their items apiVersion/kind), a missing kind is an
  error, and ``metadata`` must decode into ObjectMeta.

Numbers follow kubectl's JSON rule: an integral JSON text that fits int64 is ``int``,
anything else ``float``.

Errors: problems kubectl detects before visiting (missing path, empty directory) are
raised. Later problems are per-document: with ``continue_on_error=True`` they come as
``Document(error=...)`` items in stream order (kubectl's ContinueOnError visitors collect
them and keep going); otherwise the first one is raised where it occurs.

The subjects live beside this module: ``paths`` (expansion), ``go_json`` (the JSON stream
scanner), ``yaml_nodes`` (libyaml node trees), ``yaml_values`` (go-yaml v2 scalar rules)
and ``object_meta`` (ObjectMeta checks).
"""

from __future__ import annotations

import sys
from typing import Any, Iterator, TextIO

from minikubectl.api.errors import KubectlError, ManifestError
from minikubectl.golang.json import decoded_kind
from minikubectl.golang.strconv import quote as go_quote
from minikubectl.golang.structs import dataclass, field
from minikubectl.io.aggregate import ManifestAggregateError, aggregate_message
from minikubectl.io.go_json import JSONSyntaxError, go_json_scan, json_loads
from minikubectl.io.object_meta import validate_object_meta
from minikubectl.io.paths import RECOGNIZED_EXTENSIONS, expand_paths
from minikubectl.io.yaml_values import (YAMLConvertError, format_float32_g, go_parse_int, is_yaml_timestamp,
                                        yaml_resolve, yaml_to_json_value)

# Re-exported: the names callers use from this module.
__all__ = ["Document", "ManifestAggregateError", "RECOGNIZED_EXTENSIONS", "aggregate_message", "format_float32_g",
           "go_parse_int", "go_quote", "is_yaml_timestamp", "iter_bytes", "iter_documents", "load_text",
           "yaml_resolve", "yaml_to_json_value"]





@dataclass
class Document:
    """One object read from a manifest source (or one error, when ``error`` is set).

    ``source`` is the name kubectl uses in messages: the path as given, a file inside a
    directory as ``filepath.Join`` names it, or ``STDIN``. ``index`` counts the objects
    (and errors) yielded for that source.
    """

    obj: dict
    source: str
    index: int = 0
    error: KubectlError | None = None
    from_list: bool = False
    extra: dict = field(default_factory=dict)


# ------------------------------------------------------------------- entry points

def iter_documents(paths: list[str], recursive: bool = False, stdin: TextIO | None = None,
                   continue_on_error: bool = False, validate: bool = False) -> Iterator[Document]:
    """Yield the objects of ``paths`` (``-f`` values) in kubectl's order.

    Raises ManifestError for path problems before yielding anything. With
    ``continue_on_error`` later errors are yielded as ``Document(error=...)`` (a file
    stops at its first stream error, other files continue); otherwise the first one is
    raised at the point kubectl reports it. ``validate`` is kubectl's client-side schema
    check (``--validate`` other than false/ignore): a document without apiVersion or kind
    is refused before it is decoded.
    """
    targets = expand_paths(paths, recursive)
    for source, is_stdin in targets:
        if is_stdin:
            stream = stdin if stdin is not None else sys.stdin
            data = _read_stream(stream)
        else:
            try:
                with open(source, "rb") as handle:
                    data = handle.read()
            except OSError as exc:
                err = ManifestError(f"error reading {source}: {exc.strerror}")
                if not continue_on_error:
                    raise err
                yield Document({}, source, 0, err)
                continue
        for doc in iter_bytes(data, source, validate):
            if doc.error is not None and not continue_on_error:
                raise doc.error
            yield doc


def _read_stream(stream: Any) -> bytes:
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return buffer.read()
    data = stream.read()
    return data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data


def load_text(text: str, source: str = "STDIN") -> list[dict]:
    """All objects of one manifest text; raises the first error as kubectl would."""
    out = []
    for doc in iter_bytes(text.encode("utf-8", "surrogatepass"), source):
        if doc.error is not None:
            raise doc.error
        out.append(doc.obj)
    return out


def iter_bytes(data: bytes, source: str, validate: bool = False) -> Iterator[Document]:
    """Objects (and error documents) of one file's bytes, in kubectl's order.

    After a stream error nothing more is read from this source.
    """
    index = 0
    for raw, err in _iter_raw_documents(data, source):
        if err is not None:
            yield Document({}, source, index, err)
            return
        assert raw is not None  # a document without an error has a value
        missing = type_meta_errors(raw.value) if validate else []
        if missing:
            detail = missing[0] if len(missing) == 1 else "[" + ", ".join(missing) + "]"
            yield Document({}, source, index, ManifestError(
                f"error validating {go_quote(source)}: error validating data: {detail}; if you "
                "choose to ignore these errors, turn validation off with --validate=false"))
            index += 1
            continue
        for obj, item_err, from_list in _decode_document(raw, source):
            yield Document(obj if obj is not None else {}, source, index, item_err, from_list)
            index += 1


# ---------------------------------------------------------------- stream reading

_GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007" \
            "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


class _Raw:
    """A decoded document before object decoding: its value plus how to show it."""

    __slots__ = ("value", "json_text", "sorted_keys")

    def __init__(self, value: Any, json_text: str | None, sorted_keys: bool) -> None:
        self.value = value
        self.json_text = json_text
        self.sorted_keys = sorted_keys


def _iter_raw_documents(data: bytes, source: str) -> Iterator[tuple[_Raw | None, ManifestError | None]]:
    text = data.decode("utf-8", "replace")
    head = text[:4096].lstrip(_GO_SPACE)
    if head.startswith("{"):
        yield from _iter_json_stream(text, source)
    else:
        yield from _iter_yaml_stream(text, source)


def _parse_error(source: str, message: str) -> ManifestError:
    return ManifestError(f"error parsing {source}: {message}")


def _iter_json_stream(text: str, source: str) -> Iterator[tuple[_Raw | None, ManifestError | None]]:
    """kubectl's YAMLOrJSONDecoder on a stream that starts like JSON."""
    pos = 0
    count = 0
    length = len(text)
    while True:
        start = pos
        while start < length and text[start] in " \t\r\n":
            start += 1
        if start >= length:
            return
        try:
            end = go_json_scan(text, start)
        except JSONSyntaxError as exc:
            json_error = exc.render(text)
        else:
            raw_text = text[start:end]
            value = json_loads(raw_text)
            count += 1
            pos = end
            if value is not None:
                yield _Raw(value, raw_text.strip(), False), None
            continue
        if count > 1:
            yield None, _parse_error(source, json_error)
            return
        # Fall back to YAML from the end of the last JSON value, after eating blanks
        # up to and including the first newline.
        rest = pos
        while rest < length and text[rest] in _GO_SPACE:
            rest += 1
            if text[rest - 1] == "\n":
                break
        first = True
        for raw, err in _iter_yaml_stream(text[rest:], source):
            if err is not None and first:
                yield None, _parse_error(source, json_error)
                return
            first = False
            yield raw, err
            if err is not None:
                return
        return


def _split_yaml_documents(text: str) -> Iterator[tuple[str | None, str | None]]:
    """kubectl's YAMLReader: (chunk, None) per document or (None, error message)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    buffer: list[str] = []
    for line in lines:
        if line.endswith("\r"):
            line = line[:-1]  # bufio.ReadLine drops "\r\n"
        if line.startswith("---"):
            trimmed = line[3:].strip(_GO_SPACE)
            if trimmed and trimmed[0] != "#":
                yield None, f"invalid Yaml document separator: {trimmed}"
                return
            if buffer:
                yield "".join(buffer), None
                buffer = []
            continue
        buffer.append(line + "\n")
    if buffer:
        yield "".join(buffer), None


def _iter_yaml_stream(text: str, source: str) -> Iterator[tuple[_Raw | None, ManifestError | None]]:
    for chunk, err in _split_yaml_documents(text):
        if err is not None:
            yield None, _parse_error(source, err)
            return
        try:
            value = yaml_to_json_value(chunk or "")
        except YAMLConvertError as exc:
            yield None, _parse_error(source, "error converting YAML to JSON: " + str(exc))
            return
        if value is None:
            continue
        yield _Raw(value, None, True), None


# ---------------------------------------------------------------- object decoding

def type_meta_errors(value: Any) -> list[str]:
    """The validator's first check of a document: apiVersion and kind set.

    Against a server with field validation (every v1.33 server) kubectl checks no more on
    the client; a list's items are checked when they are decoded.
    """
    if not isinstance(value, dict):
        return []
    return [f"{key} not set" for key in ("apiVersion", "kind")
            if not isinstance(value.get(key), str) or not value.get(key)]


def _decode_document(raw: _Raw, source: str) -> Iterator[tuple[dict | None, KubectlError | None, bool]]:
    """kubectl's infoForData + FlattenListVisitor for one decoded document."""
    value = raw.value
    kinds = {dict: "object", list: "array", str: "string", bool: "bool"}
    if not isinstance(value, dict):
        json_kind = "number" if isinstance(value, (int, float)) and not isinstance(value, bool) \
            else kinds.get(type(value), "object")
        yield None, ManifestError(f"unable to decode {go_quote(source)}: json: cannot unmarshal "
                                  f"{json_kind} into Go value of type unstructured.detector"), False
        return
    has_items = "items" in value
    items: Any = value.get("items")
    if has_items and not isinstance(items, list) and items is not None:
        json_kind = decoded_kind(items)
        yield None, ManifestError(f"unable to decode {go_quote(source)}: json: cannot unmarshal "
                                  f"{json_kind} into Go struct field decodeList.items of type "
                                  "[]json.RawMessage"), False
        return
    if has_items:
        for item in items or []:
            if not isinstance(item, dict):
                yield None, ManifestError(
                    f"unable to decode {go_quote(source)}: json: cannot unmarshal "
                    f"{decoded_kind(item)} into Go value of type map[string]interface {{}}"), False
                return
    kind = value.get("kind")
    if not isinstance(kind, str) or not kind:
        if raw.json_text is not None:
            text = raw.json_text
        else:
            from minikubectl.golang.json import marshal
            text = marshal(value)
        yield None, ManifestError(f"unable to decode {go_quote(source)}: Object 'Kind' is missing "
                                  f"in '{text}'"), False
        return
    meta_error = validate_object_meta(value, sorted_keys=raw.sorted_keys)
    if meta_error is not None:
        yield None, ManifestError(f"unable to decode {go_quote(source)}: {meta_error}"), False
        return
    if not has_items:
        yield value, None, False
        return
    yield from _flatten_list(value, items or [])


_ABSENT = object()


def _flatten_list(lst: dict, items: list) -> Iterator[tuple[dict | None, KubectlError | None, bool]]:
    """Items of a list with typed-list defaults; item errors are aggregated at the end."""
    api_version = lst.get("apiVersion") if isinstance(lst.get("apiVersion"), str) else ""
    list_kind: str = lst["kind"] if isinstance(lst.get("kind"), str) else ""
    item_kind = list_kind[:-4] if list_kind.endswith("List") else list_kind
    prepared: list[dict] = []
    queue: list[dict] = []
    for item in items:
        item = dict(item)
        kind = item.get("kind") if isinstance(item.get("kind"), str) else ""
        version = item.get("apiVersion") if isinstance(item.get("apiVersion"), str) else ""
        if not kind and not version:
            item["kind"] = item_kind
            item["apiVersion"] = api_version
        queue.append(item)
    for item in queue:
        if isinstance(item.get("items"), list):
            yield None, ManifestError("*unstructured.Unstructured is not a list: no Items field "
                                      "in this object"), False
            return
        prepared.append(item)
    errors: list[str] = []
    prefix = 'unable to get type info from the object "*unstructured.Unstructured": '
    for item in prepared:
        kind = item.get("kind") if isinstance(item.get("kind"), str) else ""
        version = item.get("apiVersion") if isinstance(item.get("apiVersion"), str) else ""
        if not kind:
            errors.append(prefix + "Object 'Kind' is missing in 'object has no kind field '")
        elif not version:
            errors.append(prefix + "Object 'apiVersion' is missing in 'object has no apiVersion field'")
        else:
            yield item, None, True
    if errors:
        yield None, ManifestAggregateError(errors), False
