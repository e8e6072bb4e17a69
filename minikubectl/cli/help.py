"""Help texts for ``--help`` (a short form of kubectl's; not byte-exact)."""

from __future__ import annotations

from types import ModuleType
from typing import Any


def root_help(verbs: dict[str, str]) -> str:
    """The root command's help: each verb with its one-line summary."""
    recorded = recorded_root_help(verbs)
    if recorded is not None:
        return recorded
    import importlib

    lines = ["minikubectl controls a simulated Kubernetes cluster kept in a local state file.", "",
             "Commands:"]
    width = max(len(v) for v in verbs) + 2
    for verb, module in verbs.items():
        try:
            summary = importlib.import_module(f"minikubectl.cli.verbs.{module}").SUMMARY
        except (ImportError, AttributeError):
            continue
        lines.append(f"  {verb.ljust(width)}{summary}")
    lines += ["", "Usage:", "  minikubectl [flags] [options]", "",
              "Use \"minikubectl <command> --help\" for more information about a given command."]
    return "\n".join(lines) + "\n"


def recorded_help(path: str) -> str | None:
    """kubectl's exact help text for ``path`` when minikubectl carries it (``helptexts/``)."""
    from pathlib import Path

    name = path.removeprefix("kubectl ").replace(" ", "_")
    try:
        return (Path(__file__).parent / "helptexts" / f"{name}.txt").read_text(encoding="utf-8")
    except OSError:
        return None


def command_help(path: str, module: ModuleType) -> str:
    """A command's help: kubectl's text when recorded, else summary, subcommands, flags."""
    recorded = recorded_help(path)
    if recorded is not None:
        return recorded
    lines = [getattr(module, "SUMMARY", ""), ""]
    subs = getattr(module, "SUBCOMMANDS", None)
    if subs:
        lines.append("Available Commands:")
        for name in subs:
            lines.append(f"  {name}")
        lines.append("")
    if hasattr(module, "flags"):
        lines.append("Options:")
        for flag in module.flags():
            if flag.hidden:
                continue
            names = f"-{flag.shorthand}, --{flag.name}" if flag.shorthand else f"    --{flag.name}"
            default = flag.default
            shown = "" if default in (None, "", [], False) else f"={default}"
            lines.append(f"    {names}{shown}:")
            if flag.help:
                lines.append(f"\t{flag.help}")
            lines.append("")
    lines.append(f"Usage:\n  {path.replace('kubectl', 'minikubectl', 1)} [options]")
    return "\n".join(lines) + "\n"


def recorded_root_help(verbs: dict[str, str]) -> str | None:
    """kubectl's root help listing only the commands minikubectl has.

    Command lines keep kubectl's padding; a section left without commands is dropped
    with its blank line.
    """
    text = recorded_help("kubectl")
    if text is None:
        return None
    out: list[str] = []
    section: list[str] = []
    for line in text.splitlines(keepends=True):
        if line.endswith("Commands:\n") or line.endswith("Commands (Beginner):\n") \
                or line.endswith("Commands (Intermediate):\n"):
            section = [line]
            continue
        if section:
            if line.strip():
                name = line.split()[0]
                if name in verbs:
                    section.append(line)
                continue
            if len(section) > 1:
                out += section + [line]
            section = []
            continue
        out.append(line)
    return "".join(out)


def default_subcommand_run(env: Any, path: str, module: ModuleType, sub: str | None,
                           to_stdout: bool = False) -> int:
    """kubectl's DefaultSubCommandRun for a group command given no (known) subcommand.

    No argument: the help on the command's chosen stream (stderr for most, stdout for
    rollout), exit 1; an unknown one: a usage error.
    """
    from minikubectl.api import errors

    if sub is not None:
        raise errors.ClientError(f'unknown command "{sub}"\nSee \'{path} -h\' for help and examples')
    (env.stdout if to_stdout else env.stderr).write(command_help(path, module))
    return 1
