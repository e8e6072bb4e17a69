"""``plugin list``: the plugin executables on PATH, with kubectl's warnings.

A plugin that shares its name with another one earlier on PATH, is not executable, or would
stand where a built-in command is, gets a ``  - warning: ...`` line on stderr; warnings make
the command fail, as they do in kubectl.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from minikubectl.api import errors
from minikubectl.cli import plugins
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass

SUMMARY = "List all visible plugin executables on a user's PATH"


def flags() -> list[Flag]:
    return [Flag("name-only", "bool", False,
                 help="If true, display only the binary name of each plugin, rather than its full path")]


def builtin_command_path(words: list[str]) -> str | None:
    """The deepest built-in command that ``words`` reach (cobra's Find), or None."""
    from minikubectl.cli.run import VERBS

    if not words or (words[0] not in VERBS and words[0] != "help"):
        return None
    path = f"kubectl {words[0]}"
    if words[0] == "help":
        return path
    module = importlib.import_module(f"minikubectl.cli.verbs.{VERBS[words[0]]}")
    for word in words[1:]:
        subs = getattr(module, "SUBCOMMANDS", None)
        if not subs or word not in subs or subs[word] == module.__name__:
            break
        module = importlib.import_module(subs[word])
        path += " " + next(name for name, target in subs.items() if target == subs[word])
    return path


@dataclass
class PluginListOptions:
    """``plugin list [--name-only]``."""

    name_only: bool

    def run(self, env: Env) -> int:
        from minikubectl.golang.strconv import quote

        out: list[str] = []
        warnings: list[str] = []
        seen: dict[str, str] = {}
        for directory in plugins.search_path(env.environ):
            if directory.strip() and not Path(directory).is_dir():
                env.stderr.write(f"Unable to read directory {quote(directory)} from your PATH: open "
                                 f"{directory}: no such file or directory. Skipping...\n")
        for path, _ in plugins.plugin_files(env.environ):
            if not out:
                out.append("The following compatible plugins are available:\n\n")
            out.append((path.name if self.name_only else str(path)) + "\n")
            warnings += self._verify(path, seen)
        env.stdout.write("".join(out))
        env.stdout.flush()
        problems: list[str] = []
        for warning in warnings:
            env.stderr.write(f"  - {warning}\n")
        if not out:
            problems.append("error: unable to find any kubectl plugins in your PATH")
        if warnings:
            problems.append("error: one plugin warning was found" if len(warnings) == 1
                            else f"error: {len(warnings)} plugin warnings were found")
        if problems:
            raise errors.RawError("\n".join(problems))
        return 0

    @staticmethod
    def _verify(path: Path, seen: dict[str, str]) -> list[str]:
        """kubectl's CommandOverrideVerifier: not executable, overshadowed, overwrites a built-in."""
        found: list[str] = []
        if not plugins.is_executable(path):
            found.append(f"warning: {path} identified as a kubectl plugin, but it is not executable")
        name = path.name
        if name in seen:
            found.append(f"warning: {path} is overshadowed by a similarly named plugin: {seen[name]}")
        else:
            seen[name] = str(path)
        builtin = builtin_command_path(name.split("-")[1:])
        if builtin is not None:
            found.append(f'warning: {name} overwrites existing command: "{builtin}"')
        return found


def run(env: Env, parsed: ParsedArgs) -> int:
    # Like kubectl, extra arguments are ignored.
    return PluginListOptions(name_only=bool(parsed["name-only"])).run(env)
