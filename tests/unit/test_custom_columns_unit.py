"""custom-columns spec/file parsing and cell rules (tables.md §9)."""

from __future__ import annotations

import io

import pytest

from minikubectl.api.errors import PrinterError
from minikubectl.printers.custom_columns import CustomColumnsPrinter, relaxed_jsonpath
from minikubectl.printers.tabwriter import TabWriter, format_rows

COLUMNS = "/work/shared/conformance/get/columns/"


@pytest.mark.parametrize("path,want", [(".a.b", "{.a.b}"), ("a.b", "{.a.b}"),
                                       ("{a.b}", "{.a.b}"), ("{.a.b}", "{.a.b}"), ("", "")])
def test_relaxed(path: str, want: str) -> None:
    assert relaxed_jsonpath(path) == want


def test_spec_errors() -> None:
    with pytest.raises(PrinterError, match="unexpected custom-columns spec: NAME, expected"):
        CustomColumnsPrinter.from_spec("NAME")
    with pytest.raises(PrinterError, match="unexpected path string"):
        CustomColumnsPrinter.from_spec("A:{.metadata.labels")


@pytest.mark.parametrize("name,message", [
    ("empty.txt", "invalid template, missing header line."),
    ("headers-only.txt", "invalid template, missing spec line."),
    ("mismatched.txt", "number of headers (3) and field specifications (2) don't match"),
])
def test_file_errors(name: str, message: str) -> None:
    with pytest.raises(PrinterError) as info:
        CustomColumnsPrinter.from_file(COLUMNS + name)
    assert info.value.message.startswith(message)


def test_file_extra_lines_and_cells() -> None:
    printer = CustomColumnsPrinter.from_file(COLUMNS + "extra-lines.txt", no_headers=True)
    out = io.StringIO()
    printer.print_objects([{"metadata": {"name": "a"}, "spec": {"containers": [
        {"resources": {"requests": {"cpu": "1"}}}]}}, {"metadata": {"name": "b\x1bc\rd"}}], out)
    assert out.getvalue() == "NAME      CPU\na         1\nb^[c\\rd   <none>\n"


def test_values_and_bad_path_header() -> None:
    printer = CustomColumnsPrinter.from_spec("N:.n,L:.l,M:.m,F:.f,Z:.z")
    out = io.StringIO()
    printer.print_objects([{"n": None, "l": [1, "a"], "m": {"b": 1, "a": True}, "f": 1.5e-07,
                            "z": 0}], out)
    assert out.getvalue() == ("N       L       M                 F         Z\n"
                              "<nil>   [1 a]   map[a:true b:1]   1.5e-07   0\n")
    bad = CustomColumnsPrinter.from_spec("NAME:.a,BAD:.b[0")
    out = io.StringIO()
    with pytest.raises(PrinterError, match="unterminated array"):
        bad.print_objects([{}], out)
    assert out.getvalue() == "NAME   BAD\n"


def test_tabwriter_rules() -> None:
    assert format_rows([["a", "b"], ["ccc", "d"]]) == "a     b\nccc   d\n"
    # A single-cell line flushes; RememberWidths keeps the wider column afterwards.
    writer = TabWriter()
    writer.write("longer-name\tx\nsolo\nab\ty\n")
    assert writer.flush() == "longer-name   x\nsolo\nab            y\n"
