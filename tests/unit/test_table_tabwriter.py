"""The shared tab writer as the table printer uses it: min width 6, padding 3, last cell unpadded, Go's column blocks."""

from __future__ import annotations

from minikubectl.printers.tabwriter import format_rows as render


def test_min_width_and_padding():
    assert render([["a", "bb", "c"], ["dddddd", "e", "f"]]) == (
        "a        bb    c\n"
        "dddddd   e     f\n"
    )


def test_last_cell_never_padded_but_empty_cells_are():
    assert render([["x", "", ""], ["y", "z", ""]]) == "x           \ny     z     \n"


def test_runes_not_bytes():
    assert render([["héllo", "1"], ["a", "2"]]) == "héllo   1\na       2\n"  # 5 runes, 6 bytes


def test_column_blocks_remember_widths():
    # The second line has no terminated cell in column 1, which ends that column block;
    # the fork's RememberWidths flag makes the next block reuse the wider width.
    lines = [["a", "wide-cell", "1"], ["b", "2"], ["c", "x", "3"]]
    assert render(lines) == (
        "a     wide-cell   1\n"
        "b     2\n"
        "c     x           3\n"
    )


def test_empty_input():
    assert render([]) == ""
