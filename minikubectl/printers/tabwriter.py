"""kubectl's tab writer: github.com/liggitt/tabwriter (a fork of Go's text/tabwriter).

kubectl builds it with minwidth 6, tabwidth 4, padding 3, pad char ' ' and the fork's
``RememberWidths`` flag (column widths never shrink for the life of one writer, even
across flushes). Text is split into cells at ``\\t``/``\\v`` and lines at ``\\n``/``\\f``;
tab-terminated cells in consecutive lines form a column block padded to its widest cell
(+ padding); the last cell of a line is never padded. A line holding a single cell
flushes the writer (as in Go), which ends every open column block.
"""

from __future__ import annotations

from itertools import chain

from minikubectl.golang.structs import dataclass, field

MIN_WIDTH = 6
PADDING = 3


@dataclass
class _Cell:
    text: str
    htab: bool


@dataclass
class TabWriter:
    """A buffering writer; call write() any number of times, then flush() to get the text."""

    min_width: int = MIN_WIDTH
    padding: int = PADDING
    remember_widths: bool = True
    _lines: list[list[_Cell]] = field(default_factory=lambda: [[]])
    _cell: str = ""
    _widths: list[int] = field(default_factory=list)
    _max_widths: list[int] = field(default_factory=list)
    _out: list[str] = field(default_factory=list)

    def write(self, text: str) -> None:
        """Feed text; complete blocks may be formatted early (Go flushes on 1-cell lines)."""
        start = 0
        for i, ch in enumerate(text):
            if ch in "\t\v\n\f":
                self._cell += text[start:i]
                start = i + 1
                line = self._lines[-1]
                line.append(_Cell(self._cell, ch == "\t"))
                self._cell = ""
                if ch in "\n\f":
                    self._lines.append([])
                    if ch == "\f" or len(line) == 1:
                        self._flush_internal()
        self._cell += text[start:]

    def flush(self) -> str:
        """Format everything buffered and return all output produced since the last flush()."""
        self._flush_internal()
        out, self._out = "".join(self._out), []
        return out

    # -- internals
    def _flush_internal(self) -> None:
        if self._cell:
            self._lines[-1].append(_Cell(self._cell, False))
            self._cell = ""
        self._format(0, len(self._lines))
        self._lines = [[]]
        self._widths = []

    def _write_lines(self, line0: int, line1: int) -> None:
        for i in range(line0, line1):
            line = self._lines[i]
            for j, cell in enumerate(line):
                self._out.append(cell.text)
                if j < len(self._widths):
                    self._out.append(" " * (self._widths[j] - len(cell.text)))
            if i + 1 < len(self._lines):
                self._out.append("\n")
            # The last buffered line has no newline; its pending text stays in _cell.

    def _format(self, line0: int, line1: int) -> None:
        column = len(self._widths)
        this = line0
        while this < line1:
            line = self._lines[this]
            if column >= len(line) - 1:
                this += 1
                continue
            self._write_lines(line0, this)
            line0 = this
            width = self.min_width
            while this < line1:
                line = self._lines[this]
                if column >= len(line) - 1:
                    break
                width = max(width, len(line[column].text) + self.padding)
                this += 1
            if self.remember_widths:
                width = self._remember(width)
            self._widths.append(width)
            self._format(line0, this)
            self._widths.pop()
            line0 = this
        self._write_lines(line0, line1)

    def _remember(self, width: int) -> int:
        depth = len(self._widths)
        if len(self._max_widths) < depth:
            self._max_widths.extend(self._widths[len(self._max_widths):])
        if len(self._max_widths) == depth:
            self._max_widths.append(width)
        elif self._max_widths[depth] > width:
            width = self._max_widths[depth]
        else:
            self._max_widths[depth] = width
        return width


def format_rows(rows: list[list[str]]) -> str:
    """Rows of cells as kubectl prints them: cells joined by TAB, each row ended by newline,
    through a fresh tab writer (min width 6, padding 3, spaces)."""
    if rows:
        fast = _format_uniform(rows)
        if fast is not None:
            return fast
    writer = TabWriter()
    writer.write("".join("\t".join(row) + "\n" for row in rows))
    return writer.flush()


def _format_uniform(rows: list[list[str]]) -> str | None:
    """:func:`format_rows` for the usual table: every row has the same number (>= 2) of
    cells and no cell holds a tab writer control character (``\t \v \n \f``).

    Then the tab writer forms one column block per column over all lines (one flush at
    the end, so remembered widths never differ from the block's own), and each column's
    width is its widest cell plus padding, at least the minimum width. Anything else
    returns None and goes through the general writer.
    """
    ncols = len(rows[0])
    if ncols < 2:
        return None
    for row in rows:
        if len(row) != ncols:
            return None
    try:
        flat = tuple(chain.from_iterable(rows))
        text = "".join(flat)
    except TypeError:
        return None
    if "\t" in text or "\v" in text or "\n" in text or "\f" in text:
        return None
    widths = [max(MIN_WIDTH, max(map(len, column)) + PADDING) for column in zip(*rows)]
    line = "".join(f"%-{w}s" for w in widths[:-1]) + "%s\n"
    return (line * len(rows)) % flat
