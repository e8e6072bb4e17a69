"""``-o custom-columns=SPEC`` and ``-o custom-columns-file=FILE`` (kubectl get/customcolumn.go).

The column paths go through kubectl's RelaxedJSONPathExpression (``metadata.name``,
``.metadata.name``, ``{metadata.name}`` and ``{.metadata.name}`` all become
``{.metadata.name}``) when the printer is built; they are parsed as JSONPath only when
printing, after the header was written, so a bad path prints the header line first.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

from minikubectl.api.errors import PrinterError
from minikubectl.golang import fmt as gofmt
from minikubectl.golang.structs import dataclass
from minikubectl.printers.tabwriter import TabWriter

_RELAXED_RE = re.compile(r"\{\.?([^{}]+)\}\Z|\.?([^{}]+)\Z", re.S)
_TEMPLATE_FORMAT = ("Expected format is one line of space separated headers, "
                    "one line of space separated column specs.")


@dataclass(frozen=True)
class Column:
    """One column: its header text and its JSONPath template (``{.a.b}``)."""

    header: str
    field_spec: str


def relaxed_jsonpath(path: str) -> str:
    """kubectl's RelaxedJSONPathExpression; raises PrinterError on paths with stray braces."""
    if path == "":
        return path
    match = _RELAXED_RE.match(path)
    if match is None:
        raise PrinterError("unexpected path string, expected a 'name1.name2' or '.name1.name2' "
                           "or '{name1.name2}' or '{.name1.name2}'")
    return "{.%s}" % (match.group(1) or match.group(2))


def _escape_terminal(text: str) -> str:
    # printers.EscapeTerminal: ESC and CR would corrupt a terminal.
    return text.replace("\x1b", "^[").replace("\r", "\\r")


def _cell(groups: list[list[Any]]) -> str:
    values: list[str] = []
    if not groups or not groups[0]:
        values.append("<none>")
    for group in groups:
        for value in group:
            values.append(_escape_terminal(gofmt.format_value(value)))
    return ",".join(values)


class CustomColumnsPrinter:
    """Prints objects as a table of user-chosen columns."""

    def __init__(self, columns: list[Column], no_headers: bool = False) -> None:
        self.columns = columns
        self.no_headers = no_headers

    @classmethod
    def from_spec(cls, spec: str, no_headers: bool = False) -> "CustomColumnsPrinter":
        """Build from ``HEADER:PATH[,HEADER:PATH...]``."""
        if spec == "":
            raise PrinterError("custom-columns format specified but no custom columns given")
        columns = []
        for part in spec.split(","):
            header, sep, path = part.partition(":")
            if not sep:
                raise PrinterError(f"unexpected custom-columns spec: {part}, "
                                   "expected <header>:<json-path-expr>")
            columns.append(Column(header, relaxed_jsonpath(path)))
        return cls(columns, no_headers)

    @classmethod
    def from_text(cls, text: str) -> "CustomColumnsPrinter":
        """Build from a columns file's contents (line 1 headers, line 2 paths).

        ``--no-headers`` does not apply to this form (kubectl ignores it).
        """
        lines = _scan_lines(text)
        if not lines:
            raise PrinterError(f"invalid template, missing header line. {_TEMPLATE_FORMAT}")
        if len(lines) < 2:
            raise PrinterError(f"invalid template, missing spec line. {_TEMPLATE_FORMAT}")
        headers, specs = lines[0].split(), lines[1].split()
        if len(headers) != len(specs):
            raise PrinterError(f"number of headers ({len(headers)}) and field specifications "
                               f"({len(specs)}) don't match")
        return cls([Column(h, relaxed_jsonpath(s)) for h, s in zip(headers, specs)], False)

    @classmethod
    def from_file(cls, path: str, no_headers: bool = False) -> "CustomColumnsPrinter":
        """Build from ``-o custom-columns-file=PATH`` (no_headers is ignored, as in kubectl)."""
        if not path:
            raise PrinterError("custom-columns format specified but no custom columns given")
        try:
            with open(path, encoding="utf-8", errors="surrogateescape") as fh:
                text = fh.read()
        except OSError as err:
            # kubectl's message ends in a newline of its own, so no second one is added.
            raise PrinterError(f"error reading template {path}, open {path}: "
                               f"{_os_error_text(err)}\n") from None
        return cls.from_text(text)

    def print_obj(self, obj: dict, out: TextIO) -> None:
        """The printer seam: one object, or the items of a List, as one table."""
        items = obj.get("items") if obj.get("kind") == "List" else None
        self.print_objects(items if isinstance(items, list) else [obj], out)

    def print_objects(self, objs: list[dict], out: TextIO) -> None:
        """Header (unless no_headers) then one row per object, padded by the tab writer.

        A path that does not parse raises PrinterError after the header was written.
        """
        from minikubectl.printers import jsonpath

        writer = TabWriter()
        try:
            if not self.no_headers:
                writer.write("\t".join(c.header for c in self.columns) + "\n")
            parsed = []
            for column in self.columns:
                try:
                    parsed.append(jsonpath.parse(column.field_spec))
                except jsonpath.JSONPathParseError as err:
                    raise PrinterError(str(err)) from None
            for obj in objs:
                cells = []
                for template in parsed:
                    try:
                        groups = jsonpath.find_results(template, obj, allow_missing_keys=True)
                    except jsonpath.JSONPathError as err:
                        raise PrinterError(str(err)) from None
                    cells.append(_cell(groups))
                writer.write("\t".join(cells) + "\n")
        finally:
            out.write(writer.flush())


def _scan_lines(text: str) -> list[str]:
    """bufio.Scanner lines: split on \\n, drop a trailing \\r, no final empty line."""
    if text == "":
        return []
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def _os_error_text(err: OSError) -> str:
    import errno

    if err.errno == errno.ENOENT:
        return "no such file or directory"
    if err.errno == errno.EACCES:
        return "permission denied"
    if err.errno == errno.EISDIR:
        return "is a directory"
    return (err.strerror or str(err)).lower()
