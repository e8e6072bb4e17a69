"""The human-readable table printer of ``kubectl get`` (default and ``-o wide`` output).

It does what kubectl does with the tables the API server sends
(``cli-runtime/pkg/printers/tableprinter.go``, ``kubectl/pkg/cmd/get/get.go``): it
takes each resource type's columns and cells, decorates them (NAMESPACE column for
``-A``, kind prefix, ``-L`` and ``--show-labels`` columns), hides priority-1
columns unless wide, and pads each type's table with the tab writer. It knows
nothing about particular kinds: cells come from ``printers/columns``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable, Sequence, TextIO

from minikubectl.golang.structs import dataclass, field
from minikubectl.printers.columns import Cell, Column, KindTable, table_for
from minikubectl.printers.tabwriter import format_rows

_NAMESPACE = Column("Namespace")
_LABELS = Column("Labels")
_BREAK_CHARS = "\f\n\r"


@dataclass
class TableOptions:
    """The flags that shape table output."""

    wide: bool = False
    no_headers: bool = False
    show_labels: bool = False
    label_columns: list[str] = field(default_factory=list)
    all_namespaces: bool = False
    """``-A``: namespaced kinds get a leading NAMESPACE column."""
    show_kind: bool = False
    """``--show-kind``, or several resource types requested: ``kind/name`` in the NAME column."""


@dataclass
class TableGroup:
    """One resource type's objects, already filtered and sorted, printed as one table."""

    group: str
    kind: str
    namespaced: bool
    objects: Sequence[dict]
    table: KindTable | None = None
    """Columns to use instead of the kind's own (e.g. a CRD's printer columns)."""


def kind_prefix(group: str, kind: str) -> str:
    """``pod``, ``deployment.apps``: the lower-cased GroupKind that prefixes names."""
    return f"{kind}.{group}".lower() if group else kind.lower()


def label_header(key: str) -> str:
    """``-L`` column header: last ``/`` segment of the key, upper-cased."""
    return key.rsplit("/", 1)[-1].upper()


def format_cell(cell: Cell) -> str:
    """A cell as ``printTable`` writes it.

    Strings are cut at the first line break (then ``...``); ``nil`` is empty; other
    values print as Go's ``fmt.Sprint``; ESC is made visible as ``^[``.
    """
    if type(cell) is str and cell.isprintable():
        return cell  # no line break, no ESC: the common case
    if cell is None:
        return ""
    if isinstance(cell, str):
        text = cell
        cut = min((i for i in (text.find(c) for c in _BREAK_CHARS) if i >= 0), default=-1)
        if cut >= 0:
            text = text[:cut] + "..."
    elif cell is True:
        text = "true"
    elif cell is False:
        text = "false"
    elif isinstance(cell, int):
        text = str(cell)
    else:
        from minikubectl.golang.fmt import format_value  # rare: floats, lists, maps

        text = format_value(cell)
    return text.replace("\x1b", "^[") if "\x1b" in text else text


def _labels_of(obj: dict) -> dict:
    labels = (obj.get("metadata") or {}).get("labels")
    return labels if isinstance(labels, dict) else {}


def build_table(group: TableGroup, options: TableOptions, now: datetime,
                with_kind: bool = False) -> tuple[list[str], list[list[str]]]:
    """Header names and string rows of one group, decorated and with hidden columns dropped."""
    module = group.table if group.table is not None else table_for(group.group, group.kind)
    columns: tuple[Column, ...] = module.COLUMNS
    with_namespace = options.all_namespaces and group.namespaced
    name_index = -1
    if with_kind:
        name_index = next((i for i, c in enumerate(columns)
                           if c.format == "name" and c.type == "string"), -1)
    prefix = kind_prefix(group.group, group.kind) + "/"

    all_columns = ([_NAMESPACE] if with_namespace else []) + list(columns)
    all_columns += [Column(label_header(k)) for k in options.label_columns]
    if options.show_labels:
        all_columns.append(_LABELS)
    visible = [i for i, c in enumerate(all_columns) if c.priority == 0 or options.wide]
    headers = [all_columns[i].name.upper() for i in visible]

    rows: list[list[str]] = []
    decorated = name_index >= 0 or with_namespace or options.label_columns or options.show_labels
    if not decorated:
        # The common case: the kind's own cells, some hidden. A row whose visible cells are
        # all printable strings (no line break, no ESC, so format_cell returns each as is)
        # is taken as it is; others go through format_cell.
        ncols = len(all_columns)
        every = len(visible) == ncols
        rows_of = module.rows
        for obj in group.objects:
            for cells in rows_of(obj, now):
                if type(cells) is not list:
                    cells = list(cells)
                if len(cells) == ncols:
                    picked: list[Any] = cells if every else [cells[i] for i in visible]
                    try:
                        if "".join(picked).isprintable():
                            rows.append(picked)
                            continue
                    except TypeError:  # a None, number, list... cell
                        pass
                rows.append([format_cell(cells[i]) if i < len(cells) else "" for i in visible])
        return headers, rows
    for obj in group.objects:
        for cells in module.rows(obj, now):
            cells = list(cells)
            if name_index >= 0:
                cells[name_index] = prefix + format_cell(cells[name_index])
            if with_namespace:
                cells.insert(0, (obj.get("metadata") or {}).get("namespace") or "")
            if options.label_columns or options.show_labels:
                labels = _labels_of(obj)
                cells.extend(labels.get(k, "") for k in options.label_columns)
                if options.show_labels:
                    from minikubectl.printers.columns._common import format_labels

                    cells.append(format_labels(labels))
            rows.append([format_cell(cells[i]) if i < len(cells) else "" for i in visible])
    return headers, rows


class TablePrinter:
    """Prints groups of objects as kubectl's tables, one table per resource type.

    Between two tables one empty line is written, lazily: only before a table that
    prints something, only if something was printed before, and never with
    ``--no-headers``. ``wrote`` tells the caller whether to say "No resources found".
    """

    def __init__(self, out: TextIO, options: TableOptions, now: datetime) -> None:
        self.out = out
        self.options = options
        self.now = now
        self.wrote = False
        self._groups_seen = 0
        self._separator_pending = False

    def print_group(self, group: TableGroup, with_kind: bool | None = None) -> bool:
        """Print one type's table; returns whether it printed anything.

        ``with_kind`` defaults to ``options.show_kind``; :meth:`print_groups` also sets
        it when several groups are printed together.
        """
        if with_kind is None:
            with_kind = self.options.show_kind
        if self._groups_seen and not self.options.no_headers and self.wrote:
            self._separator_pending = True
        self._groups_seen += 1
        text = self.render_group(group, with_kind)
        if not text:
            return False
        if self._separator_pending:
            self.out.write("\n")
            self._separator_pending = False
        self.out.write(text)
        self.wrote = True
        return True

    def print_groups(self, groups: Iterable[TableGroup]) -> bool:
        """Print every group (one per requested type, empty ones included, in order).

        Names get the kind prefix when more than one group is given or with
        ``show_kind``. Returns whether anything was printed.
        """
        groups = list(groups)
        with_kind = self.options.show_kind or len(groups) > 1
        for group in groups:
            self.print_group(group, with_kind)
        return self.wrote

    def render_group(self, group: TableGroup, with_kind: bool = False) -> str:
        """The padded text of one group's table: empty when it has no rows."""
        headers, rows = build_table(group, self.options, self.now, with_kind)
        if not rows:
            return ""
        lines = rows if self.options.no_headers else [headers, *rows]
        return format_rows(lines)


def print_tables(out: TextIO, groups: Iterable[TableGroup], options: TableOptions,
                 now: datetime) -> bool:
    """Print ``groups`` as ``kubectl get`` does; returns whether anything was written."""
    return TablePrinter(out, options, now).print_groups(groups)
