"""A flag parser with pflag's grammar, so command lines parse exactly as kubectl's do.

kubectl uses spf13/pflag: ``--name=value``, ``--name value``, ``-o json``, ``-ojson``,
``-o=json``, combined short booleans (``-Ai``), bool flags that never consume the next
argument, ``--`` ends flags, and flags interspersed with positional arguments.
Error texts are pflag's, so the CLI edge can print them as kubectl does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any, Callable


class FlagError(Exception):
    """A command line pflag rejects; the message is pflag's text."""


class Flag:
    """One flag: its names, kind and default.

    kind is one of ``string``, ``bool``, ``int``, ``slice`` (comma-split, repeatable),
    ``array`` (repeatable, not split), ``duration`` (Go duration text kept as a string).
    ``no_opt_default``: a string flag may be given without a value (pflag's NoOptDefVal).
    (Plain classes here and in ParsedArgs: importing dataclasses costs ~10 ms a command.)
    """

    __slots__ = ("name", "kind", "default", "shorthand", "help", "no_opt_default", "hidden")

    def __init__(self, name: str, kind: str = "string", default: Any = None, shorthand: str = "",
                 help: str = "", no_opt_default: str | None = None, hidden: bool = False) -> None:
        self.name = name
        self.kind = kind
        self.default = default
        self.shorthand = shorthand
        self.help = help
        self.no_opt_default = no_opt_default
        self.hidden = hidden

    def _fields(self) -> tuple[Any, ...]:
        return (self.name, self.kind, self.default, self.shorthand, self.help, self.no_opt_default,
                self.hidden)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass was

    def __repr__(self) -> str:
        return ("Flag(name={!r}, kind={!r}, default={!r}, shorthand={!r}, help={!r}, "
                "no_opt_default={!r}, hidden={!r})".format(*self._fields()))

    def display(self) -> str:
        return f"-{self.shorthand}, --{self.name}" if self.shorthand else f"--{self.name}"


class ParsedArgs:
    """The result of parsing: flag values by name, positional args, what was set, and the
    positional arguments after a literal ``--`` (``dash_args``)."""

    def __init__(self, values: dict[str, Any], args: list[str], changed: set[str] | None = None,
                 dash_args: list[str] | None = None) -> None:
        self.values = values
        self.args = args
        self.changed = changed if changed is not None else set()
        self.dash_args = dash_args if dash_args is not None else []

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.values, self.args, self.changed, self.dash_args) == \
            (other.values, other.args, other.changed, other.dash_args)  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (f"ParsedArgs(values={self.values!r}, args={self.args!r}, changed={self.changed!r}, "
                f"dash_args={self.dash_args!r})")

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


_BOOL_TEXT = {"1": True, "t": True, "T": True, "TRUE": True, "true": True, "True": True,
              "0": False, "f": False, "F": False, "FALSE": False, "false": False, "False": False}


def _parse_int(flag: Flag, text: str) -> int:
    try:
        if text.strip() != text or not text:
            raise ValueError
        return int(text, 0) if text.lower().startswith(("0x", "-0x", "0o", "0b")) else int(text)
    except ValueError:
        raise FlagError(f'invalid argument "{text}" for "{flag.display()}" flag: '
                        f'strconv.ParseInt: parsing "{text}": invalid syntax') from None


def _parse_bool(flag: Flag, text: str) -> bool:
    if text not in _BOOL_TEXT:
        raise FlagError(f'invalid argument "{text}" for "{flag.display()}" flag: '
                        f'strconv.ParseBool: parsing "{text}": invalid syntax')
    return _BOOL_TEXT[text]


class FlagSet:
    """The flags one command accepts (its own plus the global ones)."""

    def __init__(self, flags: list[Flag]) -> None:
        self.flags: dict[str, Flag] = {}
        self.short: dict[str, Flag] = {}
        for flag in flags:
            self.add(flag)

    def add(self, flag: Flag) -> None:
        """Register a flag (a later registration of the same name wins)."""
        self.flags[flag.name] = flag
        if flag.shorthand:
            self.short[flag.shorthand] = flag

    def parse(self, argv: list[str]) -> ParsedArgs:
        """Parse argv the way pflag does (interspersed positionals allowed)."""
        values: dict[str, Any] = {}
        for name, flag in self.flags.items():
            default = flag.default
            values[name] = list(default) if isinstance(default, (list, tuple)) else default
        parsed = ParsedArgs(values, [])
        i = 0
        while i < len(argv):
            arg = argv[i]
            i += 1
            if arg == "--":
                parsed.dash_args = argv[i:]
                parsed.args.extend(argv[i:])
                break
            if arg.startswith("--") and len(arg) > 2:
                i = self._long(arg, argv, i, parsed)
            elif arg.startswith("-") and len(arg) > 1:
                i = self._shorts(arg, argv, i, parsed)
            else:
                parsed.args.append(arg)
        return parsed

    def _long(self, arg: str, argv: list[str], i: int, parsed: ParsedArgs) -> int:
        body = arg[2:]
        name, has_value, value = body.partition("=")
        flag = self.flags.get(name)
        if flag is None:
            raise FlagError(f"unknown flag: --{name}")
        if has_value:
            self._set(flag, value, parsed)
        elif flag.kind == "bool":
            self._set(flag, "true", parsed)
        elif flag.no_opt_default is not None:
            self._set(flag, flag.no_opt_default, parsed)
        elif i < len(argv):
            self._set(flag, argv[i], parsed)
            i += 1
        else:
            raise FlagError(f"flag needs an argument: --{name}")
        return i

    def _shorts(self, arg: str, argv: list[str], i: int, parsed: ParsedArgs) -> int:
        shorts = arg[1:]
        while shorts:
            char, shorts = shorts[0], shorts[1:]
            flag = self.short.get(char)
            if flag is None:
                raise FlagError(f"unknown shorthand flag: '{char}' in {arg}")
            if shorts.startswith("="):
                self._set(flag, shorts[1:], parsed)
                return i
            if flag.kind == "bool":
                self._set(flag, "true", parsed)
                continue
            if shorts:
                self._set(flag, shorts, parsed)
                return i
            if flag.no_opt_default is not None:
                self._set(flag, flag.no_opt_default, parsed)
                return i
            if i < len(argv):
                self._set(flag, argv[i], parsed)
                return i + 1
            raise FlagError(f"flag needs an argument: '{char}' in -{char}")
        return i

    def _set(self, flag: Flag, text: str, parsed: ParsedArgs) -> None:
        name = flag.name
        first = name not in parsed.changed
        parsed.changed.add(name)
        if flag.kind == "bool":
            parsed.values[name] = _parse_bool(flag, text)
        elif flag.kind == "int":
            parsed.values[name] = _parse_int(flag, text)
        elif flag.kind in ("slice", "array"):
            items = _split_slice(text) if flag.kind == "slice" else [text]
            parsed.values[name] = (items if first else parsed.values[name] + items)
        else:
            parsed.values[name] = text


def _split_slice(text: str) -> list[str]:
    """pflag's StringSlice reads its value as one CSV record."""
    if text == "":
        return []
    import csv
    import io
    try:
        return next(csv.reader(io.StringIO(text)))
    except (csv.Error, StopIteration):
        return text.split(",")


# Options common to every kubectl command (a subset that matters offline).
def global_flags() -> list[Flag]:
    """kubectl's persistent flags, plus minikubectl's ``--state``."""
    strings = ["kubeconfig", "context", "cluster", "user", "server", "token", "as", "as-uid",
               "certificate-authority", "client-certificate", "client-key", "tls-server-name",
               "cache-dir", "log-file", "username", "password", "profile", "profile-output",
               "vmodule", "log-backtrace-at", "log-dir"]
    flags = [Flag(name) for name in strings]
    flags += [
        Flag("namespace", shorthand="n", help="If present, the namespace scope for this CLI request"),
        Flag("request-timeout", default="0"),
        Flag("v", shorthand="v", default="0"),
        Flag("insecure-skip-tls-verify", "bool", False),
        Flag("match-server-version", "bool", False),
        Flag("disable-compression", "bool", False),
        Flag("warnings-as-errors", "bool", False),
        Flag("as-group", "array", []),
        Flag("state", help="Path of minikubectl's state file (the simulated cluster)"),
    ]
    return flags


if TYPE_CHECKING:
    FlagFactory = Callable[[], list[Flag]]
