"""Flag groups shared by several verbs (one definition each, as kubectl's *Flags structs)."""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli.flags import Flag, ParsedArgs


def print_flags(with_template: bool = True) -> list[Flag]:
    """``-o`` and its companions (PrintFlags)."""
    flags = [Flag("output", shorthand="o", help="Output format.")]
    if with_template:
        flags += [
            Flag("template", help="Template string or path to template file to use when -o=go-template."),
            Flag("allow-missing-template-keys", "bool", True),
            Flag("show-managed-fields", "bool", False),
        ]
    return flags


def print_options(parsed: ParsedArgs) -> Any:
    """The PrintOptions the ``print_flags()`` of a command were set to."""
    from minikubectl.printers.flags import PrintOptions

    return PrintOptions(output=parsed.get("output") or "", template=parsed.get("template") or "",
                        allow_missing_template_keys=parsed.get("allow-missing-template-keys", True),
                        show_managed_fields=parsed.get("show-managed-fields", False),
                        no_headers=parsed.get("no-headers", False))


def filename_flags() -> list[Flag]:
    """``-f``, ``-R``, ``-k`` (FilenameOptions)."""
    return [Flag("filename", "slice", [], shorthand="f"),
            Flag("recursive", "bool", False, shorthand="R"),
            Flag("kustomize", shorthand="k")]


def selector_flags() -> list[Flag]:
    """``-l`` and ``--field-selector``."""
    return [Flag("selector", shorthand="l"), Flag("field-selector")]


def dry_run_flag() -> Flag:
    """``--dry-run[=none|client|server]`` (bare flag means client)."""
    return Flag("dry-run", default="none", no_opt_default="unchanged")


def dry_run_strategy(parsed: ParsedArgs) -> str:
    """``none``, ``client`` or ``server`` from ``--dry-run`` (kubectl's GetDryRunStrategy)."""
    value = parsed.get("dry-run") or "none"
    if value in ("client", "server", "none"):
        return value
    as_bool = {"1": True, "t": True, "T": True, "true": True, "TRUE": True, "True": True,
               "0": False, "f": False, "F": False, "false": False, "FALSE": False, "False": False}
    if value in as_bool:
        return "client" if as_bool[value] else "none"
    raise errors.ClientError(f'Invalid dry-run value ({value}). Must be "none", "server", or "client".')


def dry_run_suffix(strategy: str) -> str:
    """`` (dry run)`` / `` (server dry run)`` after an operation word."""
    return {"client": " (dry run)", "server": " (server dry run)"}.get(strategy, "")


def print_result(out: Any, printer: Any, obj: dict[str, Any], word: str, dry_run: str = "none") -> None:
    """An object through ``-o`` when asked, else kubectl's ``kind/name <word>[ (dry run)]`` line."""
    if printer is not None:
        printer.print_obj(obj, out)
        return
    from minikubectl.printers.name import object_name
    out.write(f"{object_name(obj)} {word}{dry_run_suffix(dry_run)}\n")


def namespace_of(parsed: ParsedArgs) -> tuple[str, bool]:
    """The namespace to use and whether ``-n`` was given explicitly."""
    value = parsed.get("namespace")
    if value:
        return value, True
    return "default", False


def option(parsed: ParsedArgs, name: str, default: Any = None) -> Any:
    """A flag's value (``default`` when absent)."""
    value = parsed.get(name)
    return default if value is None else value
