"""kubectl's JSONPath dialect (k8s.io/client-go/util/jsonpath, as shipped in kubectl v1.33).

This is an independent re-implementation of the parser and evaluator, built to reproduce
kubectl's observable behaviour, quirks included:

- ``$`` and ``@`` are no-ops (they do not reset to the root);
- ``['a.b']`` is re-parsed as ``.a.b`` (dots split keys even inside brackets; use ``\\.``);
- a zero-length slice on one input stops the array step (later inputs are dropped);
- ``{range}`` ... ``{end}`` follows the v1.33 state machine (an empty range still skips
  to its ``{end}``; an unclosed ``{range}`` repeats the following nodes once);
- map iteration (``*``, ``..``) is random in Go; here it is sorted by key for determinism.

Values are decoded JSON (dict, list, str, int, float, bool, None). Two extra kinds model Go
values that have no JSON counterpart: ``INVALID`` (a zero ``reflect.Value``, printed as
``<no value>``) and ``GoByte`` (a byte of a string, reached with ``*`` on a string).
"""

from __future__ import annotations

import re
from typing import Any, TextIO

from minikubectl.api.errors import PrinterError
from minikubectl.golang import fmt as gofmt
from minikubectl.golang.strconv import format_float_g, quote as go_quote
from minikubectl.golang.structs import dataclass, field

__all__ = [
    "JSONPathError", "JSONPathParseError", "JSONPathPrinter", "ParsedTemplate", "parse",
    "find_results", "format_result", "INVALID", "GoByte", "go_quote", "go_sharp_v",
]


class JSONPathError(Exception):
    """An execution error; ``str()`` is the Go error text.

    ``partial`` is the value Go returns next to the error (an existence filter keeps it).
    """

    def __init__(self, message: str, partial: list[Any] | None = None) -> None:
        super().__init__(message)
        self.partial = partial if partial is not None else []


class JSONPathParseError(Exception):
    """A parse error; ``str()`` is the Go error text (e.g. ``unclosed action``)."""


class _Invalid:
    """Go's zero ``reflect.Value`` (what a nil range element becomes)."""

    _instance: "_Invalid | None" = None

    def __new__(cls) -> "_Invalid":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "INVALID"


INVALID = _Invalid()


class GoByte(int):
    """A ``uint8`` obtained by indexing a Go string (``{.metadata.name.*}``)."""


# ---------------------------------------------------------------------------
# Nodes

@dataclass
class ListNode:
    nodes: list[Any] = field(default_factory=list)


@dataclass
class TextNode:
    text: str


@dataclass
class FieldNode:
    name: str


@dataclass
class IdentifierNode:
    name: str


@dataclass
class IntNode:
    value: int


@dataclass
class FloatNode:
    value: float


@dataclass
class BoolNode:
    value: bool


@dataclass
class WildcardNode:
    pass


@dataclass
class RecursiveNode:
    pass


@dataclass
class UnionNode:
    lists: list[ListNode]


@dataclass
class Param:
    value: int = 0
    known: bool = False
    derived: bool = False


@dataclass
class ArrayNode:
    params: tuple[Param, Param, Param]


@dataclass
class FilterNode:
    left: ListNode
    right: ListNode
    op: str


@dataclass
class ParsedTemplate:
    """A parsed template: the root nodes (text and action lists)."""

    text: str
    nodes: list[Any]


# ---------------------------------------------------------------------------
# Parser (mirrors parser.go's scanning so that error texts and odd inputs agree)

_EOF = ""
_DICT_KEY_RE = re.compile(r"'([^']*)'\Z")
_SLICE_RE = re.compile(r"(-?[0-9]*)(:-?[0-9]*)?(:-?[0-9]*)?\Z")
_FILTER_RE = re.compile(r"([^!<>=]+)([!<>=]+)(.+?)\Z", re.S)
_INT64_MIN, _INT64_MAX = -(1 << 63), (1 << 63) - 1


def _is_terminator(ch: str) -> bool:
    return ch in (_EOF, " ", "\t", "\r", "\n", ".", ",", "[", "]", "$", "@", "{", "}")


def _is_alnum(ch: str) -> bool:
    return ch == "_" or (ch != "" and (ch.isalpha() or ch.isdecimal()))


def _go_rune_repr(ch: str) -> str:
    """Go's ``%#U`` of a rune."""
    code = f"U+{ord(ch):04X}"
    return f"{code} '{ch}'" if ch.isprintable() else code


class _Parser:
    def __init__(self, text: str) -> None:
        self.input = text
        self.pos = 0
        self.start = 0
        self.root = ListNode()

    # -- scanning helpers
    def next(self) -> str:
        if self.pos >= len(self.input):
            self.width = 0
            return _EOF
        ch = self.input[self.pos]
        self.width = 1
        self.pos += 1
        return ch

    def backup(self) -> None:
        self.pos -= self.width

    def peek(self) -> str:
        ch = self.next()
        self.backup()
        return ch

    def consume(self) -> str:
        value = self.input[self.start:self.pos]
        self.start = self.pos
        return value

    # -- grammar
    def parse(self) -> ListNode:
        self._parse_text(self.root)
        return self.root

    def _parse_text(self, cur: ListNode) -> None:
        # Iterative over actions to avoid deep recursion on long templates.
        while True:
            idx = self.input.find("{", self.pos)
            if idx < 0:
                self.pos = len(self.input)
                if self.pos > self.start:
                    cur.nodes.append(TextNode(self.consume()))
                return
            self.pos = idx
            if self.pos > self.start:
                cur.nodes.append(TextNode(self.consume()))
            self.pos += 1
            self.consume()
            action = ListNode()
            cur.nodes.append(action)
            if not self._parse_inside_action(action):
                return  # action not closed by "}" (only possible for nested parses)
            cur = self.root

    def _parse_inside_action(self, cur: ListNode) -> bool:
        """Parse one action body; True when its closing brace was consumed."""
        while True:
            rest = self.input[self.pos:]
            if rest.startswith("}"):
                self.pos += 1
                self.consume()
                return True
            if rest.startswith("[?("):
                self._parse_filter(cur)
                continue
            if rest.startswith(".."):
                self._parse_recursive(cur)
                continue
            ch = self.next()
            if ch == _EOF or ch in "\r\n":
                raise JSONPathParseError("unclosed action")
            if ch == " " or ch in "@$":
                self.consume()
            elif ch == "[":
                self._parse_array(cur)
            elif ch in "\"'":
                self._parse_quote(cur, ch)
            elif ch == ".":
                self._parse_field(cur)
            elif ch in "+-" or ch.isdecimal():
                self.backup()
                self._parse_number(cur)
            elif _is_alnum(ch):
                self.backup()
                self._parse_identifier(cur)
            else:
                raise JSONPathParseError(f"unrecognized character in action: {_go_rune_repr(ch)}")

    def _parse_identifier(self, cur: ListNode) -> None:
        while True:
            if _is_terminator(self.next()):
                self.backup()
                break
        value = self.consume()
        if value in ("true", "false"):
            cur.nodes.append(BoolNode(value == "true"))
        else:
            cur.nodes.append(IdentifierNode(value))

    def _parse_recursive(self, cur: ListNode) -> None:
        if cur.nodes and isinstance(cur.nodes[-1], RecursiveNode):
            raise JSONPathParseError("invalid multiple recursive descent")
        self.pos += 2
        self.consume()
        cur.nodes.append(RecursiveNode())
        if _is_alnum(self.peek()):
            self._parse_field(cur)

    def _parse_number(self, cur: ListNode) -> None:
        if self.peek() in ("+", "-"):
            self.next()
        while True:
            ch = self.next()
            if ch != "." and not ch.isdecimal():
                self.backup()
                break
        value = self.consume()
        cur.nodes.append(_number_node(value))

    def _parse_array(self, cur: ListNode) -> None:
        while True:
            ch = self.next()
            if ch == _EOF or ch == "\n":
                raise JSONPathParseError("unterminated array")
            if ch == "]":
                break
        text = self.consume()[1:-1]
        if text == "*":
            text = ":"
        parts = text.split(",")
        if len(parts) > 1:
            lists = [_parse_action(f"[{part.strip(' ')}]") for part in parts]
            cur.nodes.append(UnionNode(lists))
            return
        match = _DICT_KEY_RE.match(text)
        if match:
            cur.nodes.extend(_parse_action("." + match.group(1)).nodes)
            return
        match = _SLICE_RE.match(text)
        if not match:
            raise JSONPathParseError(f"invalid array index {text}")
        groups = [g or "" for g in match.groups()]
        params: list[Param] = []
        for i, raw in enumerate(groups):
            if raw:
                if i > 0:
                    raw = raw[1:]
                if i > 0 and raw == "":
                    params.append(Param(0, False))
                else:
                    params.append(Param(_atoi(raw, f"array index {raw} is not a number"), True))
            elif i == 1:
                params.append(Param(params[0].value + 1, True, True))
            else:
                params.append(Param(0, False))
        cur.nodes.append(ArrayNode((params[0], params[1], params[2])))

    def _parse_filter(self, cur: ListNode) -> None:
        self.pos += 3
        self.consume()
        begin = end = False
        pair = ""
        while True:
            ch = self.next()
            if ch == _EOF or ch == "\n":
                raise JSONPathParseError("unterminated filter")
            if ch in "\"'":
                if not begin:
                    begin, pair = True, ch
                    continue
                if self.input[self.pos - 2] != "\\" and ch == pair:
                    end = True
            elif ch == ")":
                if begin == end:
                    break
        if self.next() != "]":
            raise JSONPathParseError("unclosed array expect ]")
        text = self.consume()[:-2]
        match = _FILTER_RE.match(text)
        if match is None:
            cur.nodes.append(FilterNode(_parse_action(text), ListNode(), "exists"))
        else:
            left = _parse_action(match.group(1))
            right = _parse_action(match.group(3))
            cur.nodes.append(FilterNode(left, right, match.group(2)))

    def _parse_quote(self, cur: ListNode, quote: str) -> None:
        while True:
            ch = self.next()
            if ch == _EOF or ch == "\n":
                raise JSONPathParseError("unterminated quoted string")
            if ch == quote and self.input[self.pos - 2] != "\\":
                break
        value = self.consume()
        try:
            text = _unquote_extend(value)
        except ValueError:
            raise JSONPathParseError(f"unquote string {value} error invalid syntax") from None
        cur.nodes.append(TextNode(text))

    def _parse_field(self, cur: ListNode) -> None:
        self.consume()
        while True:
            ch = self.next()
            if ch == "\\":
                self.next()
            elif _is_terminator(ch):
                self.backup()
                break
        value = self.consume()
        if value == "*":
            cur.nodes.append(WildcardNode())
        else:
            cur.nodes.append(FieldNode(value.replace("\\", "")))


def _atoi(text: str, message: str) -> int:
    """Go ``strconv.Atoi`` (ASCII digits, optional sign, int64 range)."""
    body = text[1:] if text[:1] in ("+", "-") else text
    if not body or not body.isascii() or not body.isdigit():
        raise JSONPathParseError(message)
    value = int(text)
    if not _INT64_MIN <= value <= _INT64_MAX:
        raise JSONPathParseError(message)
    return value


def _number_node(text: str) -> IntNode | FloatNode:
    body = text[1:] if text[:1] in ("+", "-") else text
    if body.isascii():
        if body.isdigit():
            value = int(text)
            if _INT64_MIN <= value <= _INT64_MAX:
                return IntNode(value)
        # strconv.ParseFloat accepts "1.", ".5" and "1.5"; Python float does too.
        if re.fullmatch(r"[0-9]*\.?[0-9]*", body) and any(c.isdigit() for c in body):
            return FloatNode(float(text))
    raise JSONPathParseError(f"cannot parse number {text}")


def _parse_action(text: str) -> ListNode:
    """parser.go's parseAction: parse ``{text}`` and return its first action list."""
    parser = _Parser("{" + text + "}")
    root = parser.parse()
    first = root.nodes[0]
    return first if isinstance(first, ListNode) else ListNode([first])


_SIMPLE_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t",
                   "v": "\v", "\\": "\\"}


def _unquote_extend(text: str) -> str:
    """Go ``UnquoteExtend``: strconv.Unquote that also accepts single quotes."""
    if len(text) < 2 or text[0] != text[-1] or text[0] not in "\"'":
        raise ValueError("invalid syntax")
    quote, body = text[0], text[1:-1]
    if "\\" not in body and quote not in body:
        return body
    out = bytearray()
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == quote:
            raise ValueError("invalid syntax")
        if ch != "\\":
            out += ch.encode("utf-8", "surrogateescape")
            i += 1
            continue
        i += 1
        if i >= len(body):
            raise ValueError("invalid syntax")
        esc = body[i]
        i += 1
        if esc in _SIMPLE_ESCAPES:
            out += _SIMPLE_ESCAPES[esc].encode()
        elif esc in "'\"":
            if esc != quote:
                raise ValueError("invalid syntax")
            out += esc.encode()
        elif esc in "xuU":
            size = {"x": 2, "u": 4, "U": 8}[esc]
            digits = body[i:i + size]
            if len(digits) != size or not all(c in "0123456789abcdefABCDEF" for c in digits):
                raise ValueError("invalid syntax")
            i += size
            code = int(digits, 16)
            if esc == "x":
                out.append(code)
            else:
                if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                    raise ValueError("invalid syntax")
                out += chr(code).encode()
        elif esc in "01234567":
            digits = body[i - 1:i + 2]
            if len(digits) != 3 or not all(c in "01234567" for c in digits):
                raise ValueError("invalid syntax")
            code = int(digits, 8)
            if code > 255:
                raise ValueError("invalid syntax")
            i += 2
            out.append(code)
        else:
            raise ValueError("invalid syntax")
    return out.decode("utf-8", "surrogateescape")


def parse(template: str) -> ParsedTemplate:
    """Parse a JSONPath template; raises JSONPathParseError with Go's message."""
    return ParsedTemplate(template, _Parser(template).parse().nodes)


# ---------------------------------------------------------------------------
# Evaluator

def _go_type_name(value: Any) -> str:
    if isinstance(value, dict):
        return "map[string]interface {}"
    if isinstance(value, list):
        return "[]interface {}"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, GoByte):
        return "uint8"
    if isinstance(value, int):
        return "int64"
    if isinstance(value, float):
        return "float64"
    if isinstance(value, str):
        return "string"
    return "interface {}"


def _children(value: Any) -> list[Any]:
    """What ``*`` and ``..`` iterate: map values, list items, string bytes."""
    if isinstance(value, dict):
        return [value[k] for k in sorted(value)]
    if isinstance(value, list):
        return list(value)
    if isinstance(value, str):
        return [GoByte(b) for b in value.encode("utf-8", "surrogateescape")]
    return []


_BOOL, _INT, _UINT, _FLOAT, _STRING = "bool", "int", "uint", "float", "string"


def _basic_kind(value: Any) -> str:
    if isinstance(value, bool):
        return _BOOL
    if isinstance(value, GoByte):
        return _UINT
    if isinstance(value, int):
        return _INT
    if isinstance(value, float):
        return _FLOAT
    if isinstance(value, str):
        return _STRING
    raise JSONPathError("invalid type for comparison")


def _go_equal(a: Any, b: Any) -> bool:
    ka, kb = _basic_kind(a), _basic_kind(b)
    if ka != kb and not {ka, kb} == {_INT, _UINT}:
        raise JSONPathError("incompatible types for comparison")
    return a == b


def _go_less(a: Any, b: Any) -> bool:
    ka, kb = _basic_kind(a), _basic_kind(b)
    if ka != kb:
        if {ka, kb} == {_INT, _UINT}:
            return a < b
        raise JSONPathError("incompatible types for comparison")
    if ka == _BOOL:
        raise JSONPathError("invalid type for comparison")
    if ka == _STRING:
        return a.encode("utf-8", "surrogateescape") < b.encode("utf-8", "surrogateescape")
    return a < b


def _compare(op: str, left: Any, right: Any) -> bool:
    if op == "<":
        return _go_less(left, right)
    if op == ">":
        return not (_go_less(left, right) or _go_equal(left, right))
    if op == "==":
        return _go_equal(left, right)
    if op == "!=":
        return not _go_equal(left, right)
    if op == "<=":
        return _go_less(left, right) or _go_equal(left, right)
    if op == ">=":
        return not _go_less(left, right)
    raise JSONPathError(f"unrecognized filter operator {op}")


class _Evaluator:
    """One execution of a parsed template (Go's JSONPath struct state)."""

    def __init__(self, nodes: list[Any], allow_missing_keys: bool) -> None:
        self.all_nodes = nodes
        self.allow_missing = allow_missing_keys
        self.begin_range = 0
        self.in_range = 0
        self.end_range = 0
        self.last_end: int | None = None  # absolute index of the last {end} met

    def find_results(self, data: Any, start: int = 0) -> list[list[Any]]:
        cur = [INVALID if data is None else data]
        full: list[list[Any]] = []
        i = start
        nodes = self.all_nodes
        while i < len(nodes):
            results = self.walk(cur, nodes[i])
            if self.end_range > 0 and self.end_range <= self.in_range:
                self.end_range -= 1
                self.last_end = i
                break
            if self.begin_range > 0:
                self.begin_range -= 1
                self.in_range += 1
                if results:
                    for value in results:
                        full.extend(self.find_results(value, i + 1))
                else:
                    self.find_results(None, i + 1)
                self.in_range -= 1
                # Resume after the most recent {end}, if it lies ahead.
                if self.last_end is not None and self.last_end > i:
                    i = self.last_end
                i += 1
                continue
            full.append(results)
            i += 1
        return full

    def walk(self, values: list[Any], node: Any) -> list[Any]:
        if isinstance(node, ListNode):
            return self.eval_list(values, node)
        if isinstance(node, TextNode):
            return [node.text]
        if isinstance(node, FieldNode):
            return self.eval_field(values, node)
        if isinstance(node, ArrayNode):
            return self.eval_array(values, node)
        if isinstance(node, FilterNode):
            return self.eval_filter(values, node)
        if isinstance(node, (IntNode, FloatNode, BoolNode)):
            return [node.value for _ in values]
        if isinstance(node, WildcardNode):
            return [c for v in values if v is not None for c in _children(v)]
        if isinstance(node, RecursiveNode):
            return self.eval_recursive(values)
        if isinstance(node, UnionNode):
            out: list[Any] = []
            for lst in node.lists:
                out.extend(self.eval_list(values, lst))
            return out
        if isinstance(node, IdentifierNode):
            return self.eval_identifier(values, node)
        raise JSONPathError(f"unexpected Node {node}")

    def eval_list(self, values: list[Any], node: ListNode) -> list[Any]:
        for child in node.nodes:
            values = self.walk(values, child)
        return values

    def eval_identifier(self, values: list[Any], node: IdentifierNode) -> list[Any]:
        if node.name == "range":
            self.begin_range += 1
            return values
        if node.name == "end":
            if self.in_range > 0:
                self.end_range += 1
                return []
            raise JSONPathError("not in range, nothing to end")
        raise JSONPathError(f"unrecognized identifier {node.name}", values)

    def eval_field(self, values: list[Any], node: FieldNode) -> list[Any]:
        if not values:
            return []
        results = [v[node.name] for v in values if isinstance(v, dict) and node.name in v]
        if not results and not self.allow_missing:
            raise JSONPathError(f"{node.name} is not found")
        return results

    def eval_array(self, values: list[Any], node: ArrayNode) -> list[Any]:
        result: list[Any] = []
        for value in values:
            if value is None:
                continue
            if value is INVALID:
                # kubectl panics here (reflect.Value.Type on zero Value).
                raise JSONPathError("reflect: call of reflect.Value.Type on zero Value")
            if not isinstance(value, list):
                raise JSONPathError(f"{_go_type_name(value)} is not array or slice", values)
            length = len(value)
            p0, p1, p2 = node.params
            start = p0.value if p0.known else 0
            if start < 0:
                start += length
            end = p1.value if p1.known else length
            if end < 0 or (end == 0 and p1.derived):
                end += length
            if end == start:
                return result  # Go returns early here, dropping later inputs
            if start >= length or start < 0:
                raise JSONPathError(f"array index out of bounds: index {start}, length {length}", values)
            if end > length or end < 0:
                raise JSONPathError(f"array index out of bounds: index {end - 1}, length {length}", values)
            if start > end:
                raise JSONPathError(f"starting index {start} is greater than ending index {end}", values)
            step = 1
            if p2.known:
                if p2.value <= 0:
                    raise JSONPathError("step must be > 0", values)
                step = p2.value
            result.extend(value[start:end:step])
        return result

    def eval_recursive(self, values: list[Any]) -> list[Any]:
        result: list[Any] = []
        for value in values:
            if value is None:
                continue
            kids = _children(value)
            if kids:
                result.append(value)
                result.extend(self.eval_recursive(kids))
        return result

    def eval_filter(self, values: list[Any], node: FilterNode) -> list[Any]:
        results: list[Any] = []
        for value in values:
            if not isinstance(value, list):
                shown = "<invalid reflect.Value>" if value is INVALID else gofmt.format_value(value)
                raise JSONPathError(f"{shown} is not array or slice and cannot be filtered", values)
            for item in value:
                if node.op == "exists":
                    try:
                        lefts = self.eval_list([item], node.left)
                    except JSONPathError as err:
                        lefts = err.partial  # Go ignores the error but keeps the value
                    if lefts:
                        results.append(item)
                    continue
                lefts = self.eval_list([item], node.left)
                if not lefts:
                    continue
                if len(lefts) > 1:
                    raise JSONPathError("can only compare one element at a time", values)
                rights = self.eval_list([item], node.right)
                if not rights:
                    continue
                if len(rights) > 1:
                    raise JSONPathError("can only compare one element at a time", values)
                try:
                    passed = _compare(node.op, lefts[0], rights[0])
                except JSONPathError as err:
                    raise JSONPathError(str(err), results) from None
                if passed:
                    results.append(item)
        return results


def find_results(parsed: ParsedTemplate, obj: Any,
                 allow_missing_keys: bool = True) -> list[list[Any]]:
    """Evaluate a parsed template: one list of values per ``{}`` action (range bodies repeat).

    Raises JSONPathError with Go's message on execution errors.
    """
    return _Evaluator(parsed.nodes, allow_missing_keys).find_results(obj)


# ---------------------------------------------------------------------------
# Output

def _json_default(value: Any) -> Any:
    return None if value is INVALID else str(value)


def _go_json(value: Any, indent: str | None = None) -> str:
    """Go encoding/json: Marshal (indent None) or MarshalIndent("", indent)."""
    from minikubectl.golang.json import marshal

    return marshal(value, indent=indent, default=_json_default)


def format_result(value: Any) -> str:
    """How kubectl's jsonpath prints one result: maps/lists as compact JSON, else Go %v."""
    if value is INVALID:
        return "<no value>"
    if value is None:
        return "null"
    if isinstance(value, (dict, list)):
        return _go_json(value)
    return gofmt.format_value(value)


def go_sharp_v(value: Any) -> str:
    """Go ``%#v`` of a decoded JSON value (kubectl's debugging dump)."""
    if value is INVALID:
        return "<invalid reflect.Value>"
    if value is None:
        return "interface {}(nil)"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, GoByte):
        return f"0x{int(value):x}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_float_g(value)
    if isinstance(value, str):
        return go_quote(value)
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: k.encode("utf-8", "surrogateescape"))
        inner = ", ".join(f"{go_quote(k)}:{go_sharp_v(value[k])}" for k in keys)
        return "map[string]interface {}{" + inner + "}"
    if isinstance(value, list):
        return "[]interface {}{" + ", ".join(go_sharp_v(v) for v in value) + "}"
    return go_quote(str(value))


class JSONPathPrinter:
    """``-o jsonpath=TEMPLATE`` / ``-o jsonpath-as-json=TEMPLATE``."""

    def __init__(self, template: str, allow_missing_keys: bool = True,
                 as_json: bool = False) -> None:
        if template == "":
            raise PrinterError("template format specified but no template given")
        self.template = template
        self.allow_missing_keys = allow_missing_keys
        self.as_json = as_json
        try:
            self.parsed = parse(template)
        except JSONPathParseError as err:
            # jsonpath_flags.go: fmt.Errorf("error parsing jsonpath %s, %v\n", ...)
            raise PrinterError(f"error parsing jsonpath {template}, {err}") from None

    def render(self, obj: Any) -> str:
        """The text printed for one object; raises PrinterError like kubectl."""
        try:
            groups = find_results(self.parsed, obj, self.allow_missing_keys)
        except JSONPathError as err:
            debug = (f"Error executing template: {err}. Printing more information for "
                     f"debugging the template:\n\ttemplate was:\n\t\t{self.template}\n"
                     f"\tobject given to jsonpath engine was:\n\t\t{go_sharp_v(obj)}\n\n")
            message = f"error executing jsonpath {go_quote(self.template)}: {debug}\n"
            raise PrinterError(message) from None
        except RecursionError:
            raise PrinterError("error executing jsonpath: template too deeply nested") from None
        if self.as_json:
            return "".join(_go_json(list(group), "    ") + "\n" for group in groups)
        return "".join(" ".join(format_result(v) for v in group) for group in groups)

    def print_obj(self, obj: dict, out: TextIO) -> None:
        """Print one object; nothing is written when execution fails."""
        out.write(self.render(obj))
