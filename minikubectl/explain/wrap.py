"""Word wrapping exactly as kubectl's explain does it (github.com/mitchellh/go-wordwrap).

Differences from :mod:`textwrap` that matter for byte-exact output: widths count runes,
existing newlines are kept, a word is never broken (an over-long word sits alone on its
line), and whitespace before a wrap point is dropped while runs of spaces inside a
line are kept.
"""

from __future__ import annotations

_NBSP = "\u00a0"


def wrap(text: str, limit: int) -> str:
    """``text`` wrapped so that lines hold at most ``limit`` runes where words allow."""
    out: list[str] = []
    current = 0
    word: list[str] = []
    space: list[str] = []
    for ch in text:
        if ch == "\n":
            if not word:
                if current + len(space) <= limit:
                    out.extend(space)
            else:
                out.extend(space)
                out.extend(word)
                word.clear()
            space.clear()
            out.append("\n")
            current = 0
        elif ch.isspace() and ch != _NBSP:
            if not space or word:
                current += len(space) + len(word)
                out.extend(space)
                out.extend(word)
                space.clear()
                word.clear()
            space.append(ch)
        else:
            word.append(ch)
            if current + len(space) + len(word) > limit and len(word) < limit:
                out.append("\n")
                current = 0
                space.clear()
    if not word:
        if current + len(space) <= limit:
            out.extend(space)
    else:
        out.extend(space)
        out.extend(word)
    return "".join(out)


def indent(text: str, amount: int) -> str:
    """The template's ``indent``: pad the first line and every line after a newline."""
    pad = " " * amount
    return pad + text.replace("\n", "\n" + pad)
