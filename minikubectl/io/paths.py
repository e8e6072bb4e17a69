"""``-f`` paths as kubectl's resource builder expands them: files, directories (``-R``), ``-``.

Paths are checked up front (``the path "x" does not exist``); a directory contributes its
files with a recognized extension, in ``filepath.Walk`` order.
"""

from __future__ import annotations

import os

from minikubectl.api.errors import ManifestError
from minikubectl.golang.strconv import quote as go_quote
from minikubectl.io.aggregate import ManifestAggregateError, aggregate_message

RECOGNIZED_EXTENSIONS = (".json", ".yaml", ".yml")


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


def expand_paths(paths: list[str], recursive: bool) -> list[tuple[str, bool]]:
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
