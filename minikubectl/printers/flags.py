"""``-o`` resolution: ask each printer family in turn, as cli-runtime's PrintFlags does.

Each family lists the formats it accepts; the same lists feed the unknown-format
error and shell completion. Printer modules are imported only once chosen.
"""

from __future__ import annotations

from typing import Any, Protocol, TextIO

from minikubectl.api import errors
from minikubectl.golang.structs import dataclass

JSON_YAML_FORMATS = ("json", "yaml")
NAME_FORMATS = ("name",)
TEMPLATE_FORMATS = ("go-template", "go-template-file", "jsonpath", "jsonpath-as-json", "jsonpath-file",
                    "template", "templatefile")
CUSTOM_COLUMN_FORMATS = ("custom-columns", "custom-columns-file")
TABLE_FORMATS = ("wide",)


class Printer(Protocol):
    """The one printer seam: print one object (which may be a List) to ``out``."""

    def print_obj(self, obj: dict[str, Any], out: TextIO) -> None: ...


@dataclass
class PrintOptions:
    """What shapes the chosen printer (from ``-o`` and its companion flags)."""

    output: str = ""
    template: str = ""
    allow_missing_template_keys: bool = True
    show_managed_fields: bool = False
    no_headers: bool = False


def allowed_formats(with_tables: bool) -> list[str]:
    """Every ``-o`` value a command accepts, sorted as kubectl lists them."""
    formats = list(JSON_YAML_FORMATS + NAME_FORMATS + TEMPLATE_FORMATS)
    if with_tables:
        formats += list(CUSTOM_COLUMN_FORMATS + TABLE_FORMATS)
    return sorted(formats)


def _no_match(output: str, with_tables: bool) -> errors.PrinterError:
    return errors.PrinterError(
        f'unable to match a printer suitable for the output format "{output}", '
        f"allowed formats are: {','.join(allowed_formats(with_tables))}")


def split_output(output: str, template: str) -> tuple[str, str]:
    """``jsonpath={.x}`` → (``jsonpath``, ``{.x}``); ``--template`` fills a bare format.

    With ``--template`` given, kubectl does not split ``-o`` at all, so ``-o jsonpath={.x}
    --template=...`` names no printer.
    """
    if not output:
        return ("go-template" if template else ""), template
    if template:
        return output, template
    fmt, _, arg = output.partition("=")
    return fmt, arg


def is_table_output(output: str, template: str = "") -> bool:
    """True when the table printer handles this ``-o`` (default or wide)."""
    return output in ("", "wide") and not template


def make_printer(opts: PrintOptions, *, with_tables: bool = False) -> Printer:
    """The printer for a non-table ``-o``; PrinterError for unknown formats or bad specs."""
    fmt, arg = split_output(opts.output, opts.template)
    if fmt == "json":
        from minikubectl.printers.json_yaml import JSONPrinter
        return JSONPrinter(show_managed_fields=opts.show_managed_fields)
    if fmt == "yaml":
        from minikubectl.printers.json_yaml import YAMLPrinter
        return YAMLPrinter(show_managed_fields=opts.show_managed_fields)
    if fmt == "name":
        from minikubectl.printers.name import NamePrinter
        return NamePrinter()
    if fmt in ("jsonpath", "jsonpath-as-json", "jsonpath-file"):
        text = _template_text(fmt, arg, "jsonpath-file")
        from minikubectl.printers.jsonpath import JSONPathPrinter
        return JSONPathPrinter(text, allow_missing_keys=opts.allow_missing_template_keys,
                               as_json=fmt == "jsonpath-as-json")
    if fmt in ("go-template", "template", "go-template-file", "templatefile"):
        text = _template_text(fmt, arg, "go-template-file", "templatefile")
        from minikubectl.printers.gotemplate import GoTemplatePrinter
        return GoTemplatePrinter(text, allow_missing_keys=opts.allow_missing_template_keys)
    if with_tables and fmt == "custom-columns":
        from minikubectl.printers.custom_columns import CustomColumnsPrinter
        return CustomColumnsPrinter.from_spec(arg, opts.no_headers)
    if with_tables and fmt == "custom-columns-file":
        from minikubectl.printers.custom_columns import CustomColumnsPrinter
        return CustomColumnsPrinter.from_file(arg, opts.no_headers)
    raise _no_match(opts.output, with_tables)


def _template_text(fmt: str, arg: str, *file_formats: str) -> str:
    if not arg:
        raise errors.PrinterError("template format specified but no template given")
    if fmt not in file_formats:
        return arg
    try:
        with open(arg, encoding="utf-8") as handle:
            return handle.read()
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        raise errors.PrinterError(f"error reading --template {arg}, open {arg}: {reason}") from None
