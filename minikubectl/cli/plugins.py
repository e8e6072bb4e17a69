"""kubectl plugins: ``kubectl-NAME`` (or ``minikubectl-NAME``) executables on PATH.

As kubectl does (``pkg/cmd/cmd.go``, ``pkg/cmd/plugin``): when the first words of a command line
name no built-in command, the longest run of them that names an executable plugin runs, with
the rest of the arguments and this process's environment unchanged, in place of this process.
Dashes inside a word become underscores in the file name (``kubectl foo-bar`` looks for
``kubectl-foo_bar``). ``create`` is the one built-in whose unknown subcommands may be plugins.

A plugin is a program of the user's own choosing; besides the user's editor (``edit``) it is the
only host program minikubectl starts. A plugin that calls ``minikubectl`` back sees the same
environment (``MINIKUBECTL_STATE``, ``KUBECONFIG``, ``MINIKUBECTL_NOW``), so it reaches the same
simulated cluster.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

from minikubectl.api import errors

# File-name prefixes, in lookup order: a minikubectl-specific plugin wins over a kubectl one.
PREFIXES = ("minikubectl", "kubectl")
# Built-ins under which an unknown subcommand may be a plugin (kubectl v1.33: only create).
SUBCOMMAND_PLUGIN_PARENTS = ("create",)

Executor = Callable[[str, list[str], Mapping[str, str]], int]


def search_path(environ: Mapping[str, str]) -> list[str]:
    """The PATH entries, de-duplicated in order (kubectl's uniquePathsList)."""
    seen: set[str] = set()
    dirs: list[str] = []
    for entry in environ.get("PATH", "").split(os.pathsep):
        if entry not in seen:
            seen.add(entry)
            dirs.append(entry)
    return dirs


def is_executable(path: Path) -> bool:
    """A regular file with any execute bit (on Windows, a runnable extension)."""
    if os.name == "nt":
        return path.suffix.lower() in (".bat", ".cmd", ".com", ".exe", ".ps1")
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return path.is_file() and bool(mode & 0o111)


def lookup(name: str, environ: Mapping[str, str]) -> str | None:
    """The first executable ``<prefix>-<name>`` on PATH, for each prefix in turn (exec.LookPath)."""
    from pathlib import Path
    for prefix in PREFIXES:
        for directory in search_path(environ):
            candidate = Path(directory or ".") / f"{prefix}-{name}"
            if is_executable(candidate):
                return str(candidate)
    return None


def _replace_process(path: str, args: list[str], environ: Mapping[str, str]) -> int:
    """Run the plugin in place of this process (syscall.Exec), or as a child on Windows."""
    if os.name == "nt":  # pragma: no cover - no exec(2) on Windows
        import subprocess
        return subprocess.run([path, *args], env=dict(environ)).returncode
    os.execve(path, [path, *args], dict(environ))
    return 0  # pragma: no cover - execve does not return


def handle(argv: list[str], environ: Mapping[str, str], min_words: int = 1,
           execute: Executor | None = None) -> int | None:
    """Run the plugin the leading words of ``argv`` name; None when there is none.

    ``min_words``: how many words the plugin name must keep (2 for ``create <sub>`` plugins,
    so that ``kubectl-create`` is never run for ``create foo``).
    """
    words: list[str] = []
    for arg in argv:
        if arg.startswith("-"):
            break
        words.append(arg.replace("-", "_"))
    if not words:
        raise errors.RawError(f"Error: flags cannot be placed before plugin name: {argv[0]}")
    while len(words) >= min_words:
        found = lookup("-".join(words), environ)
        if found is not None:
            return (execute or _replace_process)(found, argv[len(words):], environ)
        words.pop()
    return None


def plugin_files(environ: Mapping[str, str]) -> Iterable[tuple[Path, str]]:
    """Every file on PATH whose name has a plugin prefix: (path, directory), in PATH order."""
    from pathlib import Path
    for directory in search_path(environ):
        if not directory.strip():
            continue
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir():
                continue
            if any(entry.name.startswith(prefix + "-") for prefix in PREFIXES):
                yield Path(entry.path), directory


# -- shell completion ------------------------------------------------------------------------
def _plugin_words(environ: Mapping[str, str]) -> list[list[str]]:
    """Each plugin's command words (``kubectl-foo-bar_baz`` → ``["foo", "bar-baz"]``)."""
    found: list[list[str]] = []
    for path, _ in plugin_files(environ):
        name = path.name.split("-", 1)[1]
        found.append([word.replace("_", "-") for word in name.split("-")])
    return found


def completion_candidates(typed: list[str], to_complete: str, environ: Mapping[str, str],
                          builtins: set[str]) -> list[str]:
    """Plugin command words that may follow ``typed`` (``[]`` = the root), with cobra's text.

    Plugins named after a built-in command are left out, as kubectl leaves them out.
    """
    names: set[str] = set()
    for words in _plugin_words(environ):
        if not typed and words[0] in builtins:
            continue
        if len(words) > len(typed) and words[:len(typed)] == typed and words[len(typed)].startswith(to_complete):
            names.add(words[len(typed)])
    return [f"{name}\tThe command {name} is a plugin installed by the user" for name in sorted(names)]


def command_path(words: list[str], environ: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """Split ``words`` into the plugin command they reach and that command's arguments.

    Like cobra's Find over the plugin commands kubectl registers: flags are skipped, words are
    followed while some plugin's name continues with them.
    """
    names = _plugin_words(environ)
    path: list[str] = []
    rest: list[str] = []
    for index, word in enumerate(words):
        if word.startswith("-"):
            rest.append(word)
            continue
        deeper = path + [word]
        if not rest and any(n[:len(deeper)] == deeper for n in names):
            path = deeper
            continue
        rest += words[index:]
        break
    return path, rest


def completion_helper(path: list[str], environ: Mapping[str, str]) -> str | None:
    """The plugin's own completion program (``kubectl_complete-foo``) on PATH, if any."""
    from pathlib import Path
    name = "-".join(word.replace("-", "_") for word in path)
    for prefix in PREFIXES:
        for directory in search_path(environ):
            candidate = Path(directory or ".") / f"{prefix}_complete-{name}"
            if is_executable(candidate):
                return str(candidate)
    return None
