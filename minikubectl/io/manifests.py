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
"""

from __future__ import annotations

import base64
import os
import re
import struct
import sys
from dataclasses import dataclass, field
from typing import Any, Iterator, TextIO

from minikubectl.golang.json import decoded_kind
from minikubectl.api.errors import KubectlError, ManifestError
from minikubectl.golang.strconv import format_float_json as go_json_number
from minikubectl.golang.strconv import quote as go_quote

RECOGNIZED_EXTENSIONS = (".json", ".yaml", ".yml")
_INT64_MIN = -(1 << 63)
_INT64_MAX = (1 << 63) - 1
_UINT64_MAX = (1 << 64) - 1


class ManifestAggregateError(ManifestError):
    """Errors of the items of one list (kubectl's utilerrors.Aggregate).

    ``message`` is Go's Aggregate text (duplicates dropped, ``[a, b]`` for several);
    ``render()`` is what kubectl prints when this is the only error: one line per item
    error, without the ``error: `` prefix.
    """

    def __init__(self, messages: list[str]) -> None:
        self.messages = list(messages)
        super().__init__(aggregate_message(self.messages))

    def render(self) -> str:
        return "\n".join(self.messages)


def aggregate_message(messages: list[str]) -> str:
    """Go's ``utilerrors.Aggregate.Error()``: de-duplicated, bracketed when several."""
    if len(messages) == 1:
        return messages[0]
    seen: list[str] = []
    for msg in messages:
        if msg not in seen:
            seen.append(msg)
    if len(seen) == 1:
        return seen[0]
    return "[" + ", ".join(seen) + "]"


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


# --------------------------------------------------------------------------- paths

def _go_clean_join(root: str, name: str) -> str:
    """``filepath.Join(root, name)`` (Join cleans the result)."""
    return os.path.normpath(os.path.join(root, name))


def _walk_dir(root: str, recursive: bool) -> list[str]:
    """Files under ``root`` in filepath.Walk's lexical order, filtered by extension."""
    found: list[str] = []

    def walk(directory: str, shown: str, top: bool) -> None:
        try:
            names = sorted(os.listdir(directory))
        except OSError:
            return
        for name in names:
            full = os.path.join(directory, name)
            shown_path = _go_clean_join(shown, name)
            if os.path.isdir(full):
                if recursive:
                    walk(full, shown_path, False)
                continue
            if os.path.splitext(name)[1] in RECOGNIZED_EXTENSIONS:
                found.append(shown_path)

    walk(root, root, True)
    return found


def _expand_paths(paths: list[str], recursive: bool) -> list[tuple[str, bool]]:
    """(path, is_stdin) pairs to read; raises kubectl's up-front path errors."""
    expanded: list[tuple[str, bool]] = []
    errors: list[str] = []
    for path in paths:
        if path == "-":
            expanded.append(("STDIN", True))
            continue
        if not os.path.exists(path):
            errors.append(f"the path {go_quote(path)} does not exist")
            continue
        if os.path.isdir(path):
            files = _walk_dir(path, recursive)
            if not files:
                errors.append(f"error reading [{path}]: recognized file extensions are "
                              "[.json .yaml .yml]")
                continue
            expanded.extend((f, False) for f in files)
        else:
            expanded.append((path, False))
    if errors:
        # kubectl collects builder errors and prints the aggregate.
        raise ManifestError(aggregate_message(errors)) if len(errors) == 1 else \
            ManifestAggregateError(errors)
    return expanded


# ------------------------------------------------------------------- entry points

def iter_documents(paths: list[str], recursive: bool = False, stdin: TextIO | None = None,
                   continue_on_error: bool = False) -> Iterator[Document]:
    """Yield the objects of ``paths`` (``-f`` values) in kubectl's order.

    Raises ManifestError for path problems before yielding anything. With
    ``continue_on_error`` later errors are yielded as ``Document(error=...)`` (a file
    stops at its first stream error, other files continue); otherwise the first one is
    raised at the point kubectl reports it.
    """
    targets = _expand_paths(paths, recursive)
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
        for doc in iter_bytes(data, source):
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


def iter_bytes(data: bytes, source: str) -> Iterator[Document]:
    """Objects (and error documents) of one file's bytes, in kubectl's order.

    After a stream error nothing more is read from this source.
    """
    index = 0
    for raw, err in _iter_raw_documents(data, source):
        if err is not None:
            yield Document({}, source, index, err)
            return
        assert raw is not None  # a document without an error has a value
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
            end = _go_json_scan(text, start)
        except _JSONSyntax as exc:
            json_error = exc.render(text)
        else:
            raw_text = text[start:end]
            value = _json_loads(raw_text)
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
        except _YAMLConvertError as exc:
            yield None, _parse_error(source, "error converting YAML to JSON: " + str(exc))
            return
        if value is None:
            continue
        yield _Raw(value, None, True), None


# ---------------------------------------------------------------- JSON decoding

def _json_int(text: str) -> int | float:
    value = int(text)
    return value if _INT64_MIN <= value <= _INT64_MAX else float(text)


def _json_loads(text: str) -> Any:
    """Python value of a JSON text already validated by the Go scanner."""
    import json
    return json.loads(text, parse_int=_json_int)


class _JSONSyntax(Exception):
    """A Go encoding/json syntax error (message and byte offset) or unexpected EOF."""

    def __init__(self, message: str, index: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.index = index

    def render(self, text: str) -> str:
        if self.index is None:
            return "unexpected EOF"
        offset = len(text[: self.index + 1].encode("utf-8", "surrogatepass"))
        return f"json: offset {offset}: {self.message}"


def _quote_char(ch: str) -> str:
    """Go encoding/json's quoteChar of one input byte (as text)."""
    if ch == "'":
        return "'\\''"
    if ch == '"':
        return "'\"'"
    code = ord(ch)
    if ch == "\\":
        return "'\\\\'"
    if ch == "\n":
        return "'\\n'"
    if ch == "\t":
        return "'\\t'"
    if ch == "\r":
        return "'\\r'"
    if code < 0x20 or code == 0x7F:
        return f"'\\x{code:02x}'"
    if code > 0x7F:
        # Go reports the first UTF-8 byte as a Latin-1 rune.
        first = ch.encode("utf-8", "surrogatepass")[0]
        if 0x80 <= first < 0xA0:
            return f"'\\u{first:04x}'"
        return "'" + chr(first) + "'"
    return "'" + ch + "'"


def _go_json_scan(text: str, i: int) -> int:
    """End index of the JSON value at ``i``; raises _JSONSyntax like Go's scanner."""
    n = len(text)

    def bad(j: int, context: str) -> _JSONSyntax:
        return _JSONSyntax(f"invalid character {_quote_char(text[j])} {context}", j)

    def ws(j: int) -> int:
        while j < n and text[j] in " \t\r\n":
            j += 1
        return j

    def value(j: int, context: str) -> int:
        j = ws(j)
        if j >= n:
            raise _JSONSyntax("unexpected EOF", None)
        ch = text[j]
        if ch == "{":
            return obj(j + 1)
        if ch == "[":
            return arr(j + 1)
        if ch == '"':
            return string(j + 1)
        if ch == "-" or "0" <= ch <= "9":
            return number(j)
        for word in ("true", "false", "null"):
            if ch == word[0]:
                return literal(j, word)
        raise bad(j, context)

    def literal(j: int, word: str) -> int:
        for k, expected in enumerate(word[1:], start=1):
            if j + k >= n:
                raise _JSONSyntax("unexpected EOF", None)
            if text[j + k] != expected:
                raise bad(j + k, f"in literal {word} (expecting {_quote_char(expected)})")
        return j + len(word)

    def number(j: int) -> int:
        if text[j] == "-":
            j += 1
            if j >= n:
                raise _JSONSyntax("unexpected EOF", None)
            if not ("0" <= text[j] <= "9"):
                raise bad(j, "in numeric literal")
        if text[j] == "0":
            j += 1
        else:
            while j < n and "0" <= text[j] <= "9":
                j += 1
        if j < n and text[j] == ".":
            j += 1
            if j >= n:
                raise _JSONSyntax("unexpected EOF", None)
            if not ("0" <= text[j] <= "9"):
                raise bad(j, "after decimal point in numeric literal")
            while j < n and "0" <= text[j] <= "9":
                j += 1
        if j < n and text[j] in "eE":
            j += 1
            if j < n and text[j] in "+-":
                j += 1
            if j >= n:
                raise _JSONSyntax("unexpected EOF", None)
            if not ("0" <= text[j] <= "9"):
                raise bad(j, "in exponent of numeric literal")
            while j < n and "0" <= text[j] <= "9":
                j += 1
        return j

    def string(j: int) -> int:
        while True:
            if j >= n:
                raise _JSONSyntax("unexpected EOF", None)
            ch = text[j]
            if ch == '"':
                return j + 1
            if ch == "\\":
                j += 1
                if j >= n:
                    raise _JSONSyntax("unexpected EOF", None)
                esc = text[j]
                if esc == "u":
                    for k in range(1, 5):
                        if j + k >= n:
                            raise _JSONSyntax("unexpected EOF", None)
                        if text[j + k] not in "0123456789abcdefABCDEF":
                            raise bad(j + k, "in \\u hexadecimal character escape")
                    j += 5
                    continue
                if esc not in '"\\/bfnrt':
                    raise bad(j, "in string escape code")
                j += 1
                continue
            if ord(ch) < 0x20:
                raise bad(j, "in string literal")
            j += 1

    def obj(j: int) -> int:
        j = ws(j)
        if j >= n:
            raise _JSONSyntax("unexpected EOF", None)
        if text[j] == "}":
            return j + 1
        while True:
            if j >= n:
                raise _JSONSyntax("unexpected EOF", None)
            if text[j] != '"':
                raise bad(j, "looking for beginning of object key string")
            j = ws(string(j + 1))
            if j >= n:
                raise _JSONSyntax("unexpected EOF", None)
            if text[j] != ":":
                raise bad(j, "after object key")
            j = ws(value(j + 1, "looking for beginning of value"))
            if j >= n:
                raise _JSONSyntax("unexpected EOF", None)
            if text[j] == "}":
                return j + 1
            if text[j] != ",":
                raise bad(j, "after object key:value pair")
            j = ws(j + 1)

    def arr(j: int) -> int:
        j = ws(j)
        if j >= n:
            raise _JSONSyntax("unexpected EOF", None)
        if text[j] == "]":
            return j + 1
        while True:
            j = ws(value(j, "looking for beginning of value"))
            if j >= n:
                raise _JSONSyntax("unexpected EOF", None)
            if text[j] == "]":
                return j + 1
            if text[j] != ",":
                raise bad(j, "after array element")
            j += 1

    try:
        return value(i, "looking for beginning of value")
    except RecursionError:
        raise _JSONSyntax("exceeded max depth", i) from None


# ---------------------------------------------------------------- YAML decoding

class _YAMLConvertError(Exception):
    """A YAML -> JSON conversion failure, worded as sigs.k8s.io/yaml words it."""


_IMPLICIT = "?implicit"
_YAML_FLOAT_RE = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_GO_FLOAT_RE = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^[-+]?(inf|infinity|nan)$",
                          re.IGNORECASE)
_BOOL_NULL_MAP: dict[str, Any] = {}
for _words, _value in ((("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
                       (("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False)):
    for _w in _words:
        _BOOL_NULL_MAP[_w] = _value
_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))
_SPECIAL_FLOATS = {".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
                   ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
                   "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
                   "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf")}
_MERGE = object()

_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_BINARY_TAG = "tag:yaml.org,2002:binary"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_RESOLVABLE = {"", _STR_TAG, _BOOL_TAG, _INT_TAG, _FLOAT_TAG, _NULL_TAG, _TIMESTAMP_TAG}


def go_parse_int(text: str) -> int | None:
    """``strconv.ParseInt/ParseUint(text, 0, 64)`` without range checks (None if invalid)."""
    body = text
    sign = 1
    if body[:1] in "+-" and body:
        sign = -1 if body[0] == "-" else 1
        body = body[1:]
    if not body:
        return None
    base = 10
    lower = body[:2].lower()
    if lower == "0x":
        base, body = 16, body[2:]
    elif lower == "0o":
        base, body = 8, body[2:]
    elif lower == "0b":
        base, body = 2, body[2:]
    elif body[0] == "0" and len(body) > 1:
        base, body = 8, body[1:]
    if not body:
        return None
    digits = "0123456789abcdef"[:base]
    if any(c not in digits for c in body.lower()):
        return None
    return sign * int(body, base)


_TS_RE = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2}))"
    r"|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?))?$")


def is_yaml_timestamp(text: str) -> bool:
    """go-yaml v2's parseTimestamp: one of its four time.Parse layouts matches."""
    match = _TS_RE.match(text)
    if not match:
        return False
    import calendar
    year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return False
    clock = match.group(4, 5, 6) if match.group(4) else match.group(9, 10, 11)
    if clock[0] is not None:
        hour, minute, sec = (int(x) for x in clock)
        if hour > 23 or minute > 59 or sec > 59:
            return False
        zone = match.group(8)
        if zone and zone != "Z" and (int(zone[1:3]) > 23 or int(zone[4:6]) > 59):
            return False
    return True


def yaml_resolve(text: str, tag: str = "") -> tuple[str, Any]:
    """go-yaml v2's ``resolve(tag, in)``: the resolved tag and Go-like value.

    Integers come back as Python ints (any size: callers apply the int64/uint64 rule),
    floats as floats, timestamps as the string itself.
    """
    if tag not in _RESOLVABLE:
        return tag, text
    rtag, out = _resolve_plain(text, tag)
    if tag in ("", rtag, _STR_TAG, _BINARY_TAG):
        return rtag, out
    if tag == _FLOAT_TAG and rtag == _INT_TAG and _INT64_MIN <= out <= _INT64_MAX:
        return _FLOAT_TAG, float(out)
    raise _YAMLConvertError(f"yaml: cannot decode {_short_tag(rtag)} `{text}` as a {_short_tag(tag)}")


def _short_tag(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


def _resolve_plain(text: str, tag: str) -> tuple[str, Any]:
    hint = text[0] if text else "N"
    if tag in (_STR_TAG, _BINARY_TAG):
        return _STR_TAG, text
    if not (hint in "+-0123456789yYnNtTfFoO~." or hint == "N" and not text):
        return _STR_TAG, text
    if text in _BOOL_NULL_MAP:
        return _BOOL_TAG, _BOOL_NULL_MAP[text]
    if text in _NULL_WORDS:
        return _NULL_TAG, None
    if text in _SPECIAL_FLOATS:
        return _FLOAT_TAG, _SPECIAL_FLOATS[text]
    if text == "<<":
        return _MERGE_TAG, _MERGE
    if hint == ".":
        if _GO_FLOAT_RE.match(text):
            try:
                number = float(text)
            except ValueError:
                number = float("inf")
            if number not in (float("inf"), float("-inf")):  # Go: ErrRange -> not a float
                return _FLOAT_TAG, number
        return _STR_TAG, text
    if hint in "+-0123456789":
        if tag in ("", _TIMESTAMP_TAG) and is_yaml_timestamp(text):
            return _TIMESTAMP_TAG, text
        plain = text.replace("_", "")
        value = go_parse_int(plain)
        if value is not None:
            if _INT64_MIN <= value <= _INT64_MAX:
                return _INT_TAG, value
            if value <= _UINT64_MAX and plain[:1] not in "+-":
                return _INT_TAG, value  # ParseUint
        if _YAML_FLOAT_RE.match(plain) and float(plain) not in (float("inf"), float("-inf")):
            return _FLOAT_TAG, float(plain)
        if plain.startswith("0b") or plain.startswith("-0b"):
            neg = plain.startswith("-")
            digits = plain[3:] if neg else plain[2:]
            if digits and all(c in "01" for c in digits):
                number = int(digits, 2) * (-1 if neg else 1)
                if _INT64_MIN <= number <= (_INT64_MAX if neg else _UINT64_MAX):
                    return _INT_TAG, number
    return _STR_TAG, text


def _loader_class() -> type:
    """A libyaml-backed composer whose implicit scalars keep the marker _IMPLICIT."""
    import yaml

    try:
        from yaml._yaml import CParser as parser_base  # libyaml: go-yaml's messages
    except ImportError:  # pragma: no cover - pure-Python fallback
        parser_base = None

    class _Resolver(yaml.resolver.BaseResolver):
        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:  # noqa: D401
            return _IMPLICIT

    if parser_base is not None:
        class _CLoader(parser_base, _Resolver):  # type: ignore[misc, valid-type]
            def __init__(self, stream: Any) -> None:
                parser_base.__init__(self, stream)
                _Resolver.__init__(self)

        return _CLoader

    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _PyLoader(Reader, Scanner, Parser, Composer, _Resolver):  # type: ignore[misc]
        def __init__(self, stream: Any) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            _Resolver.__init__(self)

    return _PyLoader


_LOADER: type | None = None


def _compose(chunk: str) -> Any:
    """The node of the first YAML document of ``chunk`` (None when there is none)."""
    global _LOADER
    import yaml

    if _LOADER is None:
        _LOADER = _loader_class()
    loader = _LOADER(chunk)
    try:
        return _compose_events(loader)
    except yaml.MarkedYAMLError as exc:
        raise _YAMLConvertError(_go_yaml_message(exc)) from None
    except yaml.YAMLError as exc:
        raise _YAMLConvertError(_go_yaml_message(exc)) from None
    finally:
        try:
            loader.dispose()
        except Exception:  # pragma: no cover - cleanup only
            pass


def _compose_events(loader: Any) -> Any:
    """Build the first document's node tree from parser events.

    Done here rather than with PyYAML's composer because go-yaml v2 lets an anchor be
    redefined (an alias refers to the latest definition) where PyYAML refuses.
    """
    import yaml

    loader.get_event()  # StreamStart
    if loader.check_event(yaml.StreamEndEvent):
        return None
    loader.get_event()  # DocumentStart
    anchors: dict[str, Any] = {}

    def node() -> Any:
        event = loader.get_event()
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchors:
                raise _YAMLConvertError(f"yaml: unknown anchor '{event.anchor}' referenced")
            return anchors[event.anchor]
        tag = _IMPLICIT if event.tag in (None, "!") else event.tag
        if isinstance(event, yaml.ScalarEvent):
            result = yaml.ScalarNode(tag, event.value, style=event.style)
        elif isinstance(event, yaml.SequenceStartEvent):
            result = yaml.SequenceNode(tag, [])
            if event.anchor is not None:
                anchors[event.anchor] = result
            while not loader.check_event(yaml.SequenceEndEvent):
                result.value.append(node())
            loader.get_event()
        else:
            result = yaml.MappingNode(tag, [])
            if event.anchor is not None:
                anchors[event.anchor] = result
            while not loader.check_event(yaml.MappingEndEvent):
                key = node()
                result.value.append((key, node()))
            loader.get_event()
        if event.anchor is not None:
            anchors[event.anchor] = result
        return result

    return node()


def _go_yaml_message(exc: Any) -> str:
    """go-yaml v2's parser failure text for a PyYAML (libyaml) error."""
    import yaml

    if isinstance(exc, yaml.reader.ReaderError):
        return "yaml: control characters are not allowed"
    problem = getattr(exc, "problem", None) or ""
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    if isinstance(exc, yaml.composer.ComposerError) and "undefined alias" in problem:
        name = problem.rsplit(" ", 1)[-1].strip("'\"")
        return f"yaml: unknown anchor '{name}' referenced"
    line = 0
    if problem_mark is not None and problem_mark.line != 0:
        line = problem_mark.line
        if isinstance(exc, yaml.scanner.ScannerError):
            line += 1  # go-yaml: scanner errors are not advanced to the next line
    elif context_mark is not None and context_mark.line != 0:
        line = context_mark.line
    where = f"line {line}: " if line else ""
    if "control characters" in problem or "special characters" in problem:
        return "yaml: control characters are not allowed"
    return f"yaml: {where}{problem or 'unknown problem parsing YAML content'}"


def yaml_to_json_value(chunk: str) -> Any:
    """One YAML document converted the way ``yaml.YAMLToJSON`` + kubectl's JSON decoding do.

    Returns None for an empty document. Raises _YAMLConvertError with the text that
    follows ``error converting YAML to JSON: ``.
    """
    node = _compose(chunk)
    if node is None:
        return None
    value = _construct(node)
    return _jsonify(value)


def _construct(node: Any) -> Any:
    """A Python value shaped like go-yaml v2's decoding into interface{}."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return _construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_construct(child) for child in node.value]
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        _construct_mapping(node, out)
        return out
    return None  # pragma: no cover


def _construct_scalar(node: Any) -> Any:
    tag = "" if node.tag == _IMPLICIT else node.tag
    if node.tag == _IMPLICIT and node.style not in (None, ""):
        return node.value  # quoted and block scalars are strings
    rtag, value = yaml_resolve(node.value, tag)
    if rtag == _BINARY_TAG or tag == _BINARY_TAG:
        try:
            return base64.b64decode(node.value.encode(), validate=False).decode("utf-8", "replace")
        except Exception:
            raise _YAMLConvertError("yaml: !!binary value contains invalid base64 data") from None
    if value is _MERGE:
        return "<<"
    return value


def _is_merge_key(node: Any) -> bool:
    import yaml

    return (isinstance(node, yaml.ScalarNode) and node.value == "<<"
            and ((node.tag == _IMPLICIT and node.style in (None, "")) or node.tag == _MERGE_TAG))


def _construct_mapping(node: Any, out: dict) -> None:
    for key_node, value_node in node.value:
        if _is_merge_key(key_node):
            _merge(value_node, out)
            continue
        key = _construct(key_node)
        if isinstance(key, (dict, list)):
            raise _YAMLConvertError("yaml: invalid map key: " + repr(key))
        value = _construct(value_node)
        out[_key_string(key, value)] = value


def _merge(node: Any, out: dict) -> None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        _construct_mapping(node, out)
        return
    if isinstance(node, yaml.SequenceNode):
        for child in reversed(node.value):
            if not isinstance(child, yaml.MappingNode):
                raise _YAMLConvertError("yaml: map merge requires map or sequence of maps as the value")
            _construct_mapping(child, out)
        return
    raise _YAMLConvertError("yaml: map merge requires map or sequence of maps as the value")


def _go_value_repr(value: Any) -> str:
    """An approximation of Go's ``%+#v`` for decoded YAML values."""
    if value is None:
        return "<nil>"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return go_quote(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return "[]interface {}{" + ", ".join(_go_value_repr(v) for v in value) + "}"
    if isinstance(value, dict):
        return "map[interface {}]interface {}{" + ", ".join(
            f"{go_quote(k)}:{_go_value_repr(v)}" for k, v in value.items()) + "}"
    return str(value)


def _key_string(key: Any, value: Any) -> str:
    """sigs.k8s.io/yaml's conversion of a YAML map key to a JSON key."""
    if isinstance(key, str):
        return key
    if key is True:
        return "true"
    if key is False:
        return "false"
    if isinstance(key, int):
        if _INT64_MIN <= key <= _INT64_MAX:
            return str(key)
        type_name = "uint64" if 0 <= key <= _UINT64_MAX else "*big.Int"
        raise _YAMLConvertError(f"unsupported map key of type: {type_name}, key: {key}, "
                                f"value: {_go_value_repr(value)}")
    if isinstance(key, float):
        return format_float32_g(key)
    raise _YAMLConvertError("unsupported map key of type: %!s(<nil>), key: <nil>, value: "
                            + _go_value_repr(value))


def format_float32_g(value: float) -> str:
    """``strconv.FormatFloat(v, 'g', -1, 32)`` with go-yaml's .inf/.nan spellings."""
    if value != value:
        return ".nan"
    try:
        f32 = struct.unpack("f", struct.pack("f", value))[0]
    except OverflowError:
        f32 = value * float("inf")
    if f32 in (float("inf"), float("-inf")):
        return ".inf" if f32 > 0 else "-.inf"
    if f32 == 0:
        return "-0" if str(f32).startswith("-") else "0"
    for precision in range(1, 10):
        text = f"{f32:.{precision - 1}e}"
        if struct.unpack("f", struct.pack("f", float(text)))[0] == f32:
            break
    return _g_format(text)


def _g_format(sci: str) -> str:
    """Go's shortest 'g' layout from Python ``%e`` text (exponent form outside [-4, 6))."""
    mantissa, exp_text = sci.split("e")
    exponent = int(exp_text)
    sign = "-" if mantissa.startswith("-") else ""
    digits = mantissa.lstrip("-").replace(".", "").rstrip("0") or "0"
    if exponent < -4 or exponent >= 6:
        head = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{sign}{head}e{'-' if exponent < 0 else '+'}{abs(exponent):02d}"
    point = exponent + 1
    if point <= 0:
        return sign + "0." + "0" * (-point) + digits
    if point >= len(digits):
        return sign + digits + "0" * (point - len(digits))
    return sign + digits[:point] + "." + digits[point:]


def _json_number(value: float) -> int | float:
    """A float after Go's json.Marshal and kubectl's int64-or-float64 decoding."""
    if value != value or value in (float("inf"), float("-inf")):
        text = "NaN" if value != value else ("+Inf" if value > 0 else "-Inf")
        raise _YAMLConvertError(f"json: unsupported value: {text}")
    if value.is_integer() and _INT64_MIN <= value <= _INT64_MAX:
        return int(value)
    return value


def _jsonify(value: Any) -> Any:
    """Go values -> JSON -> kubectl's decoded form (int64 or float64 numbers)."""
    if isinstance(value, dict):
        return {k: _jsonify(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonify(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value if _INT64_MIN <= value <= _INT64_MAX else float(value)
    if isinstance(value, float):
        return _json_number(value)
    return value


# ---------------------------------------------------------------- object decoding

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


# ------------------------------------------------------- ObjectMeta type checks

_STRING = "string"
_INT64 = "int64"
_TIME = "time"
_BOOL = "bool"
_RAW = "raw"

_OWNER_REF = ("OwnerReference", {"apiVersion": _STRING, "kind": _STRING, "name": _STRING,
                                 "uid": _STRING, "controller": _BOOL,
                                 "blockOwnerDeletion": _BOOL})
_MANAGED = ("ManagedFieldsEntry", {"manager": _STRING, "operation": _STRING,
                                   "apiVersion": _STRING, "time": _TIME, "fieldsType": _STRING,
                                   "fieldsV1": _RAW, "subresource": _STRING})
_OBJECT_META = ("ObjectMeta", {
    "name": _STRING, "generateName": _STRING, "namespace": _STRING, "selfLink": _STRING,
    "uid": _STRING, "resourceVersion": _STRING, "generation": _INT64,
    "creationTimestamp": _TIME, "deletionTimestamp": _TIME,
    "deletionGracePeriodSeconds": _INT64, "labels": ("map", _STRING),
    "annotations": ("map", _STRING), "ownerReferences": ("list", _OWNER_REF),
    "finalizers": ("list", _STRING), "managedFields": ("list", _MANAGED)})
_GO_TYPE_NAMES = {_STRING: "string", _INT64: "int64", _BOOL: "bool"}
_RFC3339_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _go_type_name(spec: Any) -> str:
    if isinstance(spec, str):
        return _GO_TYPE_NAMES.get(spec, "v1.Time")
    if spec[0] == "map":
        return "map[string]" + _go_type_name(spec[1])
    if spec[0] == "list":
        return "[]" + _go_type_name(spec[1])
    return "v1." + spec[0]


def validate_object_meta(obj: dict, sorted_keys: bool = True) -> str | None:
    """kubectl's metadataValidatingDecoder: the first error decoding into ObjectMeta.

    Returns Go's message (``json: cannot unmarshal string into Go struct field
    ObjectMeta.metadata.labels of type map[string]string``) or None.
    """
    metadata = _lookup_fold(obj, "metadata", sorted_keys)
    if metadata is _ABSENT or metadata is None:
        return None
    if not isinstance(metadata, dict):
        return (f"json: cannot unmarshal {decoded_kind(metadata)} into Go struct field "
                "metadataOnlyObject.metadata of type v1.ObjectMeta")
    return _check_struct(metadata, _OBJECT_META, "metadata", sorted_keys)


def _lookup_fold(obj: dict, name: str, sorted_keys: bool) -> Any:
    found = _ABSENT
    for key in (sorted(obj) if sorted_keys else obj):
        if key == name or key.lower() == name.lower():
            found = obj[key]
    return found


def _check_struct(value: dict, struct_spec: tuple, path: str, sorted_keys: bool) -> str | None:
    struct_name, fields = struct_spec
    lowered = {name.lower(): name for name in fields}
    for key in (sorted(value) if sorted_keys else value):
        name = key if key in fields else lowered.get(key.lower())
        if name is None:
            continue
        error = _check_value(value[key], fields[name], struct_name, f"{path}.{name}", sorted_keys)
        if error is not None:
            return error
    return None


def _check_value(value: Any, spec: Any, struct_name: str, path: str, sorted_keys: bool) -> str | None:
    if value is None:
        return None

    def mismatch(shown: str | None = None) -> str:
        return (f"json: cannot unmarshal {shown or decoded_kind(value)} into Go struct field "
                f"{struct_name}.{path} of type {_go_type_name(spec)}")

    if spec == _RAW:
        return None
    if spec == _STRING:
        return None if isinstance(value, str) else mismatch()
    if spec == _BOOL:
        return None if isinstance(value, bool) else mismatch()
    if spec == _INT64:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return mismatch()
        if isinstance(value, float):
            return mismatch("number " + go_json_number(value))
        return None
    if spec == _TIME:
        if not isinstance(value, str):
            return f"json: cannot unmarshal {decoded_kind(value)} into Go value of type string"
        if not _RFC3339_RE.match(value):
            return f'parsing time {go_quote(value)} as "2006-01-02T15:04:05Z07:00": cannot parse ' \
                   f'{go_quote(value)} as "2006"'
        return None
    kind = spec[0]
    if kind == "map":
        if not isinstance(value, dict):
            return mismatch()
        for key in (sorted(value) if sorted_keys else value):
            error = _check_value(value[key], spec[1], struct_name, path, sorted_keys)
            if error is not None:
                return error
        return None
    if kind == "list":
        if not isinstance(value, list):
            return mismatch()
        for item in value:
            error = _check_value(item, spec[1], struct_name, path, sorted_keys)
            if error is not None:
                return error
        return None
    # a nested struct
    if not isinstance(value, dict):
        return mismatch()
    return _check_struct(value, spec, path, sorted_keys)
