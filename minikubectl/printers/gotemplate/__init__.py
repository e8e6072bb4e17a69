"""kubectl's ``-o go-template`` printer: a Go text/template engine reproducing Go 1.24.

Public API
----------
``GoTemplatePrinter(template: str, allow_missing_keys: bool = True)``
    Parses the template as kubectl does (template name ``output``, Go builtins plus
    ``exists`` and ``base64decode``). On a parse error raises :class:`PrinterError`
    with kubectl's message: ``error parsing template <template>, template: output:1: ...``
    (``render()`` adds the ``error: `` prefix). An empty template is *not* rejected
    here: kubectl's "template format specified but no template given" is a flag check.

``GoTemplatePrinter.print_obj(obj: dict, out: TextIO) -> None``
    Renders one object (a decoded JSON dict) to ``out``. The object goes through
    kubectl's JSON round trip first (integral floats become int64, ``-0.0`` becomes 0).
    On an execution error it writes, like kubectl, the partial output followed by
    ``Error executing template: <err>. Printing more information for debugging the
    template:`` and the template / raw JSON / Go ``%+v`` dump to ``out``, then raises
    :class:`GoTemplateExecError` whose ``message`` is
    ``error executing template "<template>": <err>``.
    kubectl then goes on with the next object; with one failure it prints
    ``error: <message>`` on stderr, with two or more it prints each message on its
    own line without the ``error: `` prefix (the CLI's aggregate printing). Exit 1.

``render_exec_errors(errors: list[GoTemplateExecError]) -> str``
    kubectl's stderr text for the execution errors of one command: one error gives
    ``error: <message>`` plus a newline unless the message already ends with one;
    several give each message followed by a newline, without the prefix.

``render(template, data, allow_missing_keys=True) -> str``
    Lower-level: parse and execute over ``data`` as is (no round trip); raises
    :class:`TemplateError` (``str()`` is Go's error text, ``partial`` the output so far).

Security: templates only read map keys and list items of the data and call the
whitelisted functions in :mod:`.funcs`; there is no attribute access or call into
Python objects.
"""

from __future__ import annotations

from typing import Any, TextIO

from ...api.errors import PrinterError

TEMPLATE_NAME = "output"


class TemplateError(Exception):
    """A parse or execution error from :func:`render`; ``partial`` is the output so far."""

    def __init__(self, message: str, partial: str = "", parse: bool = False) -> None:
        super().__init__(message)
        self.partial = partial
        self.parse = parse


class GoTemplateExecError(PrinterError):
    """An execution error; the debugging dump was already written to the output."""


class _Parsed:
    def __init__(self, text: str) -> None:
        from .funcs import FUNC_NAMES
        from .parser import TemplateParseError, parse
        try:
            self.trees = parse(text, TEMPLATE_NAME, FUNC_NAMES)
        except TemplateParseError as e:
            raise TemplateError(str(e), parse=True) from None
        self.text = text

    def execute(self, data: Any, allow_missing_keys: bool) -> str:
        from .executor import ExecError, execute
        out: list[str] = []
        try:
            execute(self.trees, self.text, TEMPLATE_NAME, data, not allow_missing_keys, out)
        except ExecError as e:
            raise TemplateError(str(e), "".join(out)) from None
        return "".join(out)


def render_exec_errors(errors: list[GoTemplateExecError]) -> str:
    """kubectl's stderr for the failed objects of one command (see the module docstring)."""
    if not errors:
        return ""
    if len(errors) == 1:
        msg = errors[0].render()
        return msg if msg.endswith("\n") else msg + "\n"
    return "".join(e.message + "\n" for e in errors)


def render(template: str, data: Any, allow_missing_keys: bool = True) -> str:
    """Parse and execute ``template`` over ``data`` (no JSON round trip)."""
    return _Parsed(template).execute(data, allow_missing_keys)


class GoTemplatePrinter:
    """kubectl's GoTemplatePrinter (see the module docstring for the contract)."""

    def __init__(self, template: str, allow_missing_keys: bool = True) -> None:
        self.template = template
        self.allow_missing_keys = allow_missing_keys
        try:
            self._parsed = _Parsed(template)
        except TemplateError as e:
            raise PrinterError(f"error parsing template {template}, {e}") from None

    def print_obj(self, obj: dict, out: TextIO) -> None:
        """Write ``obj`` through the template; see the module docstring on errors."""
        from .fastround import roundtrip_shared
        data = roundtrip_shared(obj)
        try:
            text = self._parsed.execute(data, self.allow_missing_keys)
        except TemplateError as e:
            from .gojson import encode
            from .printf import quote_string, sprint
            out.write(e.partial)
            out.write(f"Error executing template: {e}. Printing more information for debugging the template:\n")
            out.write(f"\ttemplate was:\n\t\t{self.template}\n")
            out.write(f"\traw data was:\n\t\t{encode(obj)}\n")
            out.write(f"\tobject given to template engine was:\n\t\t{sprint([data])}\n\n")
            raise GoTemplateExecError(
                f"error executing template {quote_string(self.template)}: {e}") from None
        out.write(text)
