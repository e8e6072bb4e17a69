"""The busybox applets (and their coreutils namesakes) over the simulated filesystem and clock.

Each applet is ``f(sh, argv, io) -> exit status``; messages follow busybox's wording. Time
passes only through the proc's clock (``sleep``, ``tail -f``); output is bounded by the
writers and the proc's step budget (``yes`` cannot spin for ever).
"""

from __future__ import annotations

import base64 as b64
import hashlib
import posixpath
import re
from datetime import datetime, timedelta, timezone
from typing import Callable

from minikubectl.sim.sandbox.fs import FsError, normpath
from minikubectl.sim.sandbox.interp import IO, NS, Shell, block_forever, find_program, http_request, pattern_regex

Applet = Callable[[Shell, list[str], IO], int]
APPLETS: dict[str, Applet] = {}


def applet(*names: str) -> Callable[[Applet], Applet]:
    def register(func: Applet) -> Applet:
        for name in names:
            APPLETS[name] = func
        return func
    return register


def _split_flags(args: list[str], with_value: str = "") -> tuple[set[str], dict[str, str], list[str]]:
    """Short options (bundled), options taking a value, and operands (``--`` ends options)."""
    flags: set[str] = set()
    values: dict[str, str] = {}
    rest: list[str] = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            rest.extend(args[i + 1:])
            break
        if a.startswith("-") and len(a) > 1 and not re.fullmatch(r"-\d+", a):
            j = 1
            while j < len(a):
                ch = a[j]
                if ch in with_value:
                    if j + 1 < len(a):
                        values[ch] = a[j + 1:]
                    elif i + 1 < len(args):
                        i += 1
                        values[ch] = args[i]
                    break
                flags.add(ch)
                j += 1
        else:
            rest.append(a)
        i += 1
    return flags, values, rest


def _path(sh: Shell, p: str) -> str:
    return normpath(p, sh.cwd)


def _read(sh: Shell, name: str, io: IO, tool: str) -> str | None:
    """A file's text, or stdin for ``-``; prints busybox's message and returns None on error."""
    if name == "-":
        return io.stdin.read_all()
    try:
        return sh.world.fs.read_text(_path(sh, name))
    except FsError as e:
        if sh.world.flavor == "debian":
            io.err.write(f"{tool}: {name}: {e.text}\n")
        else:
            io.err.write(f"{tool}: can't open '{name}': {e.text}\n")
        return None


def _inputs(sh: Shell, files: list[str], io: IO, tool: str) -> tuple[list[str], int]:
    if not files:
        return [io.stdin.read_all()], 0
    out, code = [], 0
    for f in files:
        text = _read(sh, f, io, tool)
        if text is None:
            code = 1
        else:
            out.append(text)
    return out, code


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


# ---- output and text --------------------------------------------------------------------
_ESCAPES = {"a": "\a", "b": "\b", "e": "\x1b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}


def _unescape(text: str, stop_at_c: bool = True) -> tuple[str, bool]:
    """Backslash escapes of ``echo -e`` / ``printf %b``; the flag says ``\\c`` was met."""
    out: list[str] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            n = text[i + 1]
            if n in _ESCAPES:
                out.append(_ESCAPES[n])
                i += 2
                continue
            if n == "c" and stop_at_c:
                return "".join(out), True
            if n == "0" or n in "1234567":
                m = re.match(r"0?([0-7]{1,3})", text[i + 1:])
                if m:
                    out.append(chr(int(m.group(1), 8) & 255))
                    i += 1 + len(m.group(0))
                    continue
            if n == "x":
                m = re.match(r"[0-9a-fA-F]{1,2}", text[i + 2:])
                if m:
                    out.append(chr(int(m.group(0), 16)))
                    i += 2 + len(m.group(0))
                    continue
        out.append(c)
        i += 1
    return "".join(out), False


@applet("echo")
def echo(sh: Shell, argv: list[str], io: IO) -> int:
    args = argv[1:]
    newline, escapes = True, False
    while args and re.fullmatch(r"-[neE]+", args[0]):
        for ch in args.pop(0)[1:]:
            if ch == "n":
                newline = False
            elif ch == "e":
                escapes = True
            else:
                escapes = False
    text = " ".join(args)
    if escapes:
        text, stop = _unescape(text)
        if stop:
            newline = False
    io.out.write(text + ("\n" if newline else ""))
    sh.proc.step()
    return 0


_FMT = re.compile(r"%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([diouxXfFeEgGcsb%])")


def _num(text: str, sh: Shell, io: IO, float_ok: bool = False) -> tuple[float | int, bool]:
    t = text.strip()
    if t[:1] in ("'", '"'):
        return (ord(t[1]) if len(t) > 1 else 0), True
    try:
        if float_ok:
            return float(t or 0), True
        if re.fullmatch(r"[-+]?0[xX][0-9a-fA-F]+", t):
            return int(t, 16), True
        if re.fullmatch(r"[-+]?0[0-7]+", t):
            return int(t, 8), True
        return int(t or 0), True
    except ValueError:
        io.err.write(f"printf: invalid number '{text}'\n")
        return 0, False


@applet("printf")
def printf(sh: Shell, argv: list[str], io: IO) -> int:
    if len(argv) < 2:
        io.err.write("printf: usage: printf format [arguments]\n" if sh.name == "bash" else
                     "Usage: printf FORMAT [ARGUMENT]...\n")
        return 1 if sh.name == "bash" else 2
    fmt, args = argv[1], argv[2:]
    code = 0
    out: list[str] = []
    first = True
    while first or args:
        first = False
        consumed = False
        pos = 0
        while pos < len(fmt):
            m = _FMT.search(fmt, pos)
            lit_end = m.start() if m else len(fmt)
            text, stop = _unescape(fmt[pos:lit_end])
            out.append(text)
            if stop:
                io.out.write("".join(out))
                return code
            if not m:
                break
            pos = m.end()
            flags, width, prec, conv = m.group(1), m.group(2), m.group(3), m.group(4)
            if conv == "%":
                out.append("%")
                continue
            if width == "*":
                width = args.pop(0) if args else "0"
                consumed = True
            if prec == "*":
                prec = args.pop(0) if args else "0"
                consumed = True
            arg = args.pop(0) if args else None
            consumed = consumed or arg is not None
            spec = "%" + flags + (width or "") + ("." + prec if prec is not None else "")
            if conv == "s":
                out.append((spec + "s") % (arg or ""))
            elif conv == "b":
                text, stop = _unescape(arg or "")
                out.append((spec + "s") % text)
                if stop:
                    io.out.write("".join(out))
                    return code
            elif conv == "c":
                out.append((spec + "s") % ((arg or "")[:1]))
            elif conv in "diouxX":
                value, ok = _num(arg or "0", sh, io)
                code = code if ok else 1
                c = "d" if conv in "iu" else conv
                out.append((spec + c) % int(value))
            else:
                value, ok = _num(arg or "0", sh, io, float_ok=True)
                code = code if ok else 1
                out.append((spec + conv) % float(value))
        if not consumed:
            break
    io.out.write("".join(out))
    return code


_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> int | None:
    """``sleep``'s operand in ns; ``infinity`` → -1; None when invalid."""
    if text in ("inf", "infinity"):
        return -1
    m = re.fullmatch(r"(\d+(?:\.\d*)?|\.\d+)([smhd]?)", text)
    if not m:
        return None
    return int(float(m.group(1)) * _UNITS[m.group(2)] * NS)


@applet("sleep")
def sleep(sh: Shell, argv: list[str], io: IO) -> int:
    if len(argv) < 2:
        io.err.write("sleep: missing operand\n" if sh.world.flavor == "debian" else "Usage: sleep [N]...\n")
        return 1
    total = 0
    for arg in argv[1:]:
        ns = parse_duration(arg)
        if ns is None:
            io.err.write(f"sleep: invalid number '{arg}'\n")
            return 1
        if ns < 0:
            block_forever(sh)
        total += ns
    sh.proc.advance(sh.proc.now + total)
    return 0


@applet("usleep")
def usleep(sh: Shell, argv: list[str], io: IO) -> int:
    sh.proc.advance(sh.proc.now + int(argv[1] if len(argv) > 1 and argv[1].isdigit() else 0) * 1000)
    return 0


@applet("true", ":")
def true(sh: Shell, argv: list[str], io: IO) -> int:
    return 0


@applet("false")
def false(sh: Shell, argv: list[str], io: IO) -> int:
    return 1


@applet("pwd")
def pwd(sh: Shell, argv: list[str], io: IO) -> int:
    io.out.write(sh.cwd + "\n")
    return 0


# ---- date -------------------------------------------------------------------------------
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAYS_FULL = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS_FULL = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")
BUSYBOX_DATE = "%a %b %e %H:%M:%S %Z %Y"


def strftime(fmt: str, ns: int) -> str:
    """C ``strftime`` in the C locale and UTC, computed from the simulated clock."""
    t = datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(microseconds=ns // 1000)
    frac = ns % NS
    table: dict[str, Callable[[], str]] = {
        "a": lambda: _DAYS[t.weekday()], "A": lambda: _DAYS_FULL[t.weekday()],
        "b": lambda: _MONTHS[t.month - 1], "h": lambda: _MONTHS[t.month - 1], "B": lambda: _MONTHS_FULL[t.month - 1],
        "d": lambda: f"{t.day:02d}", "e": lambda: f"{t.day:2d}", "H": lambda: f"{t.hour:02d}",
        "I": lambda: f"{(t.hour % 12) or 12:02d}", "M": lambda: f"{t.minute:02d}", "S": lambda: f"{t.second:02d}",
        "m": lambda: f"{t.month:02d}", "Y": lambda: str(t.year), "y": lambda: f"{t.year % 100:02d}",
        "C": lambda: f"{t.year // 100:02d}", "j": lambda: f"{t.timetuple().tm_yday:03d}",
        "p": lambda: "AM" if t.hour < 12 else "PM", "Z": lambda: "UTC", "z": lambda: "+0000",
        "s": lambda: str(ns // NS), "N": lambda: f"{frac:09d}", "n": lambda: "\n", "t": lambda: "\t", "%": lambda: "%",
        "u": lambda: str(t.isoweekday()), "w": lambda: str(t.isoweekday() % 7), "k": lambda: f"{t.hour:2d}",
        "l": lambda: f"{(t.hour % 12) or 12:2d}",
        "F": lambda: f"{t.year}-{t.month:02d}-{t.day:02d}", "T": lambda: f"{t.hour:02d}:{t.minute:02d}:{t.second:02d}",
        "D": lambda: f"{t.month:02d}/{t.day:02d}/{t.year % 100:02d}", "R": lambda: f"{t.hour:02d}:{t.minute:02d}",
        "c": lambda: strftime("%a %b %e %H:%M:%S %Y", ns), "x": lambda: strftime("%m/%d/%y", ns),
        "X": lambda: strftime("%H:%M:%S", ns), "r": lambda: strftime("%I:%M:%S %p", ns),
        "V": lambda: f"{t.isocalendar()[1]:02d}", "G": lambda: str(t.isocalendar()[0]),
    }
    out: list[str] = []
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if c == "%" and i + 1 < len(fmt):
            spec = fmt[i + 1]
            func = table.get(spec)
            out.append(func() if func else "%" + spec)
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _parse_date(text: str) -> int | None:
    """``date -d`` operands: ``@SECONDS``, ``YYYY-MM-DD[ HH:MM[:SS]]``, ``HH:MM[:SS]`` (UTC)."""
    if text.startswith("@") and re.fullmatch(r"@-?\d+", text):
        return int(text[1:]) * NS
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d))?)?Z?", text.strip())
    if m:
        y, mo, d, hh, mm, ss = (int(g) if g else 0 for g in m.groups())
        try:
            t = datetime(y, mo, d, hh, mm, ss, tzinfo=timezone.utc)
        except ValueError:
            return None
        return int((t - datetime(1970, 1, 1, tzinfo=timezone.utc)).total_seconds()) * NS
    return None


@applet("date")
def date(sh: Shell, argv: list[str], io: IO) -> int:
    ns = sh.proc.now
    fmt = BUSYBOX_DATE if sh.world.flavor != "debian" else "%a %b %e %H:%M:%S %Z %Y"
    args = argv[1:]
    while args:
        a = args.pop(0)
        if a in ("-u", "--utc", "--universal"):
            continue
        if a in ("-d", "--date") and args or a.startswith("--date=") or (a.startswith("-d") and len(a) > 2):
            value = args.pop(0) if a in ("-d", "--date") else a.split("=", 1)[1] if a.startswith("--date=") else a[2:]
            parsed = _parse_date(value)
            if parsed is None:
                io.err.write(f"date: invalid date '{value}'\n")
                return 1
            ns = parsed
        elif a == "-R" or a == "--rfc-2822":
            fmt = "%a, %d %b %Y %H:%M:%S +0000"
        elif a.startswith("-I") or a.startswith("--iso-8601"):
            unit = a.split("=", 1)[1] if "=" in a else a[2:]
            fmt = {"": "%Y-%m-%d", "date": "%Y-%m-%d", "hours": "%Y-%m-%dT%H+00:00",
                   "minutes": "%Y-%m-%dT%H:%M+00:00", "seconds": "%Y-%m-%dT%H:%M:%S+00:00",
                   "ns": "%Y-%m-%dT%H:%M:%S,%N+00:00"}.get(unit, "%Y-%m-%d")
        elif a.startswith("+"):
            fmt = a[1:]
        elif a.startswith("-"):
            io.err.write(f"date: unrecognized option '{a}'\n")
            return 1
        else:
            io.err.write("date: can't set date: Operation not permitted\n")
            return 1
    io.out.write(strftime(fmt, ns) + "\n")
    return 0


# ---- files --------------------------------------------------------------------------------
@applet("cat")
def cat(sh: Shell, argv: list[str], io: IO) -> int:
    flags, _v, files = _split_flags(argv[1:])
    code = 0
    for f in files or ["-"]:
        text = _read(sh, f, io, "cat")
        if text is None:
            code = 1
            continue
        if "n" in flags:
            text = "".join(f"{n:6d}\t{line}" for n, line in enumerate(_lines(text), 1))
        io.out.write(text)
        sh.proc.step(1 + len(text) // 4096)
    return code


def _mode_string(sh: Shell, path: str) -> str:
    fs = sh.world.fs
    if fs.is_dir(path):
        return "drwxr-xr-x"
    mode = fs.modes.get(path, 0o644)
    bits = "".join(ch if mode & (1 << (8 - i)) else "-" for i, ch in enumerate("rwxrwxrwx"))
    return "-" + bits


@applet("ls")
def ls(sh: Shell, argv: list[str], io: IO) -> int:
    flags, _v, targets = _split_flags(argv[1:])
    fs = sh.world.fs
    code = 0
    show_all = "a" in flags or "A" in flags
    many = len(targets) > 1
    files_first: list[str] = []
    dirs: list[str] = []
    for t in targets or ["."]:
        p = _path(sh, t)
        if fs.is_dir(p) and "d" not in flags:
            dirs.append(t)
        elif fs.exists(p):
            files_first.append(t)
        else:
            io.err.write(f"ls: {t}: No such file or directory\n" if sh.world.flavor != "debian"
                         else f"ls: cannot access '{t}': No such file or directory\n")
            code = 1 if sh.world.flavor != "debian" else 2

    def entry(name: str, path: str) -> str:
        if "l" in flags:
            size = len(fs.read(path) or b"") if fs.is_file(path) else 4096
            return f"{_mode_string(sh, path)}    1 root     root     {size:>8} {strftime('%b %e %H:%M', fs.mtimes.get(path, 0))} {name}"
        return name + ("/" if "p" in flags and fs.is_dir(path) else "")

    out: list[str] = []
    for t in sorted(files_first):
        out.append(entry(t, _path(sh, t)) + "\n")
    for n, t in enumerate(sorted(dirs)):
        p = _path(sh, t)
        names = fs.listdir(p)
        if not show_all:
            names = [x for x in names if not x.startswith(".")]
        if "a" in flags:
            names = [".", ".."] + names
        if "r" in flags:
            names.reverse()
        if many or files_first:
            out.append(("\n" if out else "") + f"{t}:\n")
        if "l" in flags:
            out.append(f"total {len(names) * 4}\n")
        for name in names:
            out.append(entry(name, normpath(name, p)) + "\n")
    io.out.write("".join(out))
    return code


@applet("mkdir")
def mkdir(sh: Shell, argv: list[str], io: IO) -> int:
    flags, _v, dirs = _split_flags(argv[1:], "m")
    code = 0
    for d in dirs:
        try:
            sh.world.fs.mkdir(_path(sh, d), "p" in flags, sh.proc.now)
        except FsError as e:
            io.err.write(f"mkdir: can't create directory '{d}': {e.text}\n")
            code = 1
    return code


@applet("rmdir")
def rmdir(sh: Shell, argv: list[str], io: IO) -> int:
    code = 0
    for d in argv[1:]:
        p = _path(sh, d)
        try:
            if not sh.world.fs.is_dir(p):
                raise FsError("Not a directory" if sh.world.fs.is_file(p) else "No such file or directory")
            sh.world.fs.remove(p)
        except FsError as e:
            io.err.write(f"rmdir: '{d}': {e.text}\n")
            code = 1
    return code


@applet("rm")
def rm(sh: Shell, argv: list[str], io: IO) -> int:
    flags, _v, paths = _split_flags(argv[1:])
    code = 0
    for p in paths:
        path = _path(sh, p)
        fs = sh.world.fs
        if fs.is_dir(path) and not ({"r", "R"} & flags):
            io.err.write(f"rm: '{p}' is a directory\n")
            code = 1
            continue
        try:
            fs.remove(path, recursive=True)
        except FsError as e:
            if "f" in flags and e.text == "No such file or directory":
                continue
            io.err.write(f"rm: can't remove '{p}': {e.text}\n")
            code = 1
    return code


@applet("touch")
def touch(sh: Shell, argv: list[str], io: IO) -> int:
    _f, _v, paths = _split_flags(argv[1:], "dtr")
    code = 0
    for p in paths:
        path = _path(sh, p)
        fs = sh.world.fs
        try:
            if fs.exists(path):
                fs.mtimes[path] = sh.proc.now
            else:
                fs.write(path, b"", now_ns=sh.proc.now)
        except FsError as e:
            io.err.write(f"touch: {p}: {e.text}\n")
            code = 1
    return code


def _copy(sh: Shell, argv: list[str], io: IO, move: bool) -> int:
    tool = "mv" if move else "cp"
    flags, _v, paths = _split_flags(argv[1:])
    if len(paths) < 2:
        io.err.write(f"{tool}: missing destination file operand\n" if paths else f"{tool}: missing file operand\n")
        return 1
    fs = sh.world.fs
    dest = _path(sh, paths[-1])
    code = 0
    for src_name in paths[:-1]:
        src = _path(sh, src_name)
        target = normpath(posixpath.basename(src), dest) if fs.is_dir(dest) else dest
        try:
            if fs.is_dir(src):
                if not move and not ({"r", "R", "a"} & flags):
                    io.err.write(f"cp: omitting directory '{src_name}'\n")
                    code = 1
                    continue
                fs.mkdir(target, True, sh.proc.now)
                prefix = src.rstrip("/") + "/"
                for d in sorted(x for x in fs.dirs if x.startswith(prefix)):
                    fs.mkdir(target + "/" + d[len(prefix):], True, sh.proc.now)
                for path, data in fs.walk(src):
                    fs.write(target + "/" + path[len(prefix):], data, now_ns=sh.proc.now, mode=fs.modes.get(path))
            elif fs.is_file(src):
                fs.write(target, fs.files[src], now_ns=sh.proc.now, mode=fs.modes.get(src))
            else:
                raise FsError("No such file or directory")
            if move:
                fs.remove(src, recursive=True)
        except FsError as e:
            io.err.write(f"{tool}: can't stat '{src_name}': {e.text}\n" if e.text.startswith("No such")
                         else f"{tool}: can't create '{paths[-1]}': {e.text}\n")
            code = 1
    return code


@applet("cp")
def cp(sh: Shell, argv: list[str], io: IO) -> int:
    return _copy(sh, argv, io, move=False)


@applet("mv")
def mv(sh: Shell, argv: list[str], io: IO) -> int:
    return _copy(sh, argv, io, move=True)


@applet("ln")
def ln(sh: Shell, argv: list[str], io: IO) -> int:
    return _copy(sh, [argv[0]] + [a for a in argv[1:] if not a.startswith("-")], io, move=False)


@applet("chmod")
def chmod(sh: Shell, argv: list[str], io: IO) -> int:
    args = [a for a in argv[1:] if a not in ("-R",)]
    if len(args) < 2:
        io.err.write("chmod: missing operand\n")
        return 1
    mode, paths = args[0], args[1:]
    fs = sh.world.fs
    code = 0
    for p in paths:
        path = _path(sh, p)
        if not fs.exists(path):
            io.err.write(f"chmod: {p}: No such file or directory\n")
            code = 1
            continue
        old = fs.modes.get(path, 0o644)
        if re.fullmatch(r"[0-7]{3,4}", mode):
            fs.modes[path] = int(mode, 8)
        elif "+x" in mode:
            fs.modes[path] = old | 0o111
        elif "-x" in mode:
            fs.modes[path] = old & ~0o111
    return code


@applet("chown", "sync", "mount", "dmesg")
def no_op(sh: Shell, argv: list[str], io: IO) -> int:
    return 0


@applet("head", "tail")
def head_tail(sh: Shell, argv: list[str], io: IO) -> int:
    tool = posixpath.basename(argv[0])
    args = list(argv[1:])
    count, bytes_mode, follow, from_start = 10, False, False, False
    files: list[str] = []
    while args:
        a = args.pop(0)
        if a in ("-n", "-c") and args:
            v = args.pop(0)
            bytes_mode = a == "-c"
            from_start = v.startswith("+")
            count = int(v.lstrip("+-") or 0)
        elif re.fullmatch(r"-[nc]\+?\d+", a):
            bytes_mode = a[1] == "c"
            from_start = "+" in a
            count = int(a[2:].lstrip("+"))
        elif re.fullmatch(r"-\d+", a):
            count = int(a[1:])
        elif a in ("-f", "-F"):
            follow = True
        elif a in ("-q", "-s", "-v"):
            continue
        else:
            files.append(a)
    texts, code = _inputs(sh, files, io, tool)
    for text in texts:
        if bytes_mode:
            out = text[:count] if tool == "head" else (text[count - 1:] if from_start else text[-count:] if count else "")
        else:
            lines = _lines(text)
            if tool == "head":
                out = "".join(lines[:count])
            elif from_start:
                out = "".join(lines[max(count - 1, 0):])
            else:
                out = "".join(lines[-count:]) if count else ""
        io.out.write(out)
    if follow and tool == "tail" and code == 0:
        block_forever(sh)
    return code


@applet("wc")
def wc(sh: Shell, argv: list[str], io: IO) -> int:
    flags, _v, files = _split_flags(argv[1:])
    texts, code = _inputs(sh, files, io, "wc")
    wanted = [c for c in "lwc" if c in flags] or ["l", "w", "c"]
    if "m" in flags:
        wanted = ["c"]
    totals = [0, 0, 0]
    rows = []
    for i, text in enumerate(texts):
        counts = [text.count("\n"), len(text.split()), len(text.encode())]
        totals = [a + b for a, b in zip(totals, counts)]
        rows.append((counts, files[i] if files and i < len(files) else ""))
    if len(rows) > 1:
        rows.append((totals, "total"))
    single = len(wanted) == 1 and not files
    for counts, name in rows:
        vals = [counts["lwc".index(c)] for c in wanted]
        line = " ".join(str(v) if single else f"{v:>7}" for v in vals) if sh.world.flavor != "debian" else \
            " ".join(str(v) for v in vals)
        io.out.write(line + (" " + name if name else "") + "\n")
    return code


@applet("grep", "egrep", "fgrep")
def grep(sh: Shell, argv: list[str], io: IO) -> int:
    tool = posixpath.basename(argv[0])
    flags, values, rest = _split_flags(argv[1:], "emA")
    patterns = [values["e"]] if "e" in values else []
    if not patterns:
        if not rest:
            io.err.write("Usage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n")
            return 2
        patterns = [rest.pop(0)]
    fixed = "F" in flags or tool == "fgrep"
    extended = "E" in flags or tool == "egrep"
    rx_text = "|".join(re.escape(p) if fixed else _bre_to_re(p, extended) for p in patterns)
    try:
        rx = re.compile(rx_text, re.I if "i" in flags else 0)
    except re.error:
        io.err.write(f"grep: bad regex '{patterns[0]}'\n")
        return 2
    files = rest
    show_name = len(files) > 1 and "h" not in flags or "H" in flags
    found = False
    code = 0
    for name in files or ["-"]:
        text = _read(sh, name, io, "grep") if name != "-" else io.stdin.read_all()
        if text is None:
            code = 2
            continue
        count = 0
        for n, line in enumerate(_lines(text), 1):
            body = line.rstrip("\n")
            m = rx.search(body)
            if "w" in flags and m:
                m = re.search(r"(?<!\w)(?:" + rx_text + r")(?!\w)", body, re.I if "i" in flags else 0)
            if "x" in flags:
                m = rx.fullmatch(body)
            if bool(m) == ("v" in flags):
                continue
            found = True
            count += 1
            if "q" in flags:
                return 0
            if "l" in flags or "c" in flags:
                continue
            prefix = (f"{name if name != '-' else '(standard input)'}:" if show_name else "") + (f"{n}:" if "n" in flags else "")
            io.out.write(prefix + (m.group(0) if "o" in flags and m else body) + "\n")
        if "l" in flags and count:
            io.out.write((name if name != "-" else "(standard input)") + "\n")
        if "c" in flags:
            io.out.write((f"{name}:" if show_name else "") + f"{count}\n")
    if code:
        return code if not found else code
    return 0 if found else 1


def _bre_to_re(p: str, extended: bool) -> str:
    """POSIX basic/extended regex to Python's (character classes, ``\\(\\)``, ``\\{\\}``)."""
    classes = {"[:alpha:]": "a-zA-Z", "[:digit:]": "0-9", "[:alnum:]": "a-zA-Z0-9", "[:space:]": " \\t\\n\\r\\f\\v",
               "[:upper:]": "A-Z", "[:lower:]": "a-z", "[:punct:]": "!-/:-@\\[-`{-~", "[:xdigit:]": "0-9A-Fa-f",
               "[:blank:]": " \\t"}
    for k, v in classes.items():
        p = p.replace(k, v)
    if extended:
        return p
    out: list[str] = []
    i = 0
    while i < len(p):
        c = p[i]
        if c == "\\" and i + 1 < len(p):
            n = p[i + 1]
            out.append(n if n in "(){}|+?" else "\\" + n)
            i += 2
            continue
        out.append("\\" + c if c in "(){}|+?" else c)
        i += 1
    return "".join(out)


@applet("sed")
def sed(sh: Shell, argv: list[str], io: IO) -> int:
    args = list(argv[1:])
    scripts: list[str] = []
    quiet = in_place = extended = False
    files: list[str] = []
    while args:
        a = args.pop(0)
        if a == "-n":
            quiet = True
        elif a == "-e" and args:
            scripts.append(args.pop(0))
        elif a.startswith("-i"):
            in_place = True
        elif a in ("-E", "-r"):
            extended = True
        elif not scripts and not a.startswith("-"):
            scripts.append(a)
        else:
            files.append(a)
    commands = []
    for script in scripts:
        for part in _split_sed(script):
            cmd = _parse_sed(part.strip(), extended)
            if cmd is None:
                io.err.write(f"sed: bad command '{part.strip()}'\n" if False else f"sed: unsupported command {part.strip()}\n")
                return 1
            commands.append(cmd)
    targets = files or ["-"]
    code = 0
    for name in targets:
        text = _read(sh, name, io, "sed") if name != "-" else io.stdin.read_all()
        if text is None:
            code = 1
            continue
        out: list[str] = []
        lines = _lines(text)
        for n, line in enumerate(lines, 1):
            body = line.rstrip("\n")
            nl = line.endswith("\n")
            deleted = False
            for addr, op, arg in commands:
                if addr is not None and not _sed_addr(addr, n, body, len(lines)):
                    continue
                if op == "s":
                    rx, repl, count, printflag = arg
                    new, k = rx.subn(repl, body, count=count)
                    body = new
                    if k and printflag:
                        out.append(body + "\n")
                elif op == "d":
                    deleted = True
                    break
                elif op == "p":
                    out.append(body + "\n")
                elif op == "q":
                    out.append(body + ("\n" if nl else ""))
                    io.out.write("".join(out))
                    return code
            if not deleted and not quiet:
                out.append(body + ("\n" if nl else ""))
        result = "".join(out)
        if in_place and name != "-":
            sh.world.fs.write(_path(sh, name), result.encode(), now_ns=sh.proc.now)
        else:
            io.out.write(result)
    return code


def _split_sed(script: str) -> list[str]:
    parts, buf, i = [], [], 0
    in_s = 0
    delim = ""
    while i < len(script):
        c = script[i]
        if in_s == 0 and c in ";\n":
            parts.append("".join(buf))
            buf = []
            i += 1
            continue
        if in_s == 0 and c == "s" and not "".join(buf).strip(" 0123456789,$/^.*[]\\") and i + 1 < len(script):
            in_s = 3
            delim = script[i + 1]
            buf.append(c)
            buf.append(delim)
            i += 2
            continue
        if in_s and c == "\\" and i + 1 < len(script):
            buf.append(script[i:i + 2])
            i += 2
            continue
        if in_s and c == delim:
            in_s -= 1
        buf.append(c)
        i += 1
    parts.append("".join(buf))
    return [p for p in parts if p.strip()]


def _parse_sed(cmd: str, extended: bool):
    addr = None
    m = re.match(r"(\d+|\$|/(?:[^/\\]|\\.)*/)(?:,(\d+|\$|/(?:[^/\\]|\\.)*/))?", cmd)
    if m and not cmd.startswith("s"):
        addr = (m.group(1), m.group(2))
        cmd = cmd[m.end():].strip()
    if cmd.startswith("s") and len(cmd) > 1:
        d = cmd[1]
        pieces = re.split(r"(?<!\\)" + re.escape(d), cmd[2:])
        if len(pieces) < 3:
            return None
        pat, repl, fl = pieces[0], pieces[1], pieces[2]
        py_repl = re.sub(r"\\(\d)", r"\\\1", repl.replace("\\" + d, d))
        py_repl = re.sub(r"(?<!\\)&", r"\\g<0>", py_repl)
        try:
            rx = re.compile(_bre_to_re(pat.replace("\\" + d, d), extended), re.I if "I" in fl or "i" in fl else 0)
        except re.error:
            return None
        return addr, "s", (rx, py_repl, 0 if "g" in fl else 1, "p" in fl)
    if cmd in ("d", "p", "q"):
        return addr, cmd, None
    return None


def _sed_addr(addr, n: int, body: str, total: int) -> bool:
    def hit(a: str) -> bool:
        if a == "$":
            return n == total
        if a.isdigit():
            return n == int(a)
        return re.search(_bre_to_re(a[1:-1], False), body) is not None
    start, end = addr
    if end is None:
        return hit(start)
    lo = int(start) if start.isdigit() else 1
    hi = total if end == "$" else int(end) if end.isdigit() else total
    return lo <= n <= hi


@applet("tee")
def tee(sh: Shell, argv: list[str], io: IO) -> int:
    flags, _v, files = _split_flags(argv[1:])
    text = io.stdin.read_all()
    io.out.write(text)
    for f in files:
        sh.world.fs.write(_path(sh, f), text.encode(), append="a" in flags, now_ns=sh.proc.now)
    return 0


@applet("tr")
def tr(sh: Shell, argv: list[str], io: IO) -> int:
    flags, _v, sets = _split_flags(argv[1:])
    text = io.stdin.read_all()

    def expand(s: str) -> str:
        s = _unescape(s, stop_at_c=False)[0]
        for k, v in {"[:upper:]": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "[:lower:]": "abcdefghijklmnopqrstuvwxyz",
                     "[:digit:]": "0123456789", "[:space:]": " \t\n\r\f\v"}.items():
            s = s.replace(k, v)
        return re.sub(r"(.)-(.)", lambda m: "".join(chr(c) for c in range(ord(m.group(1)), ord(m.group(2)) + 1)), s)
    a = expand(sets[0]) if sets else ""
    if "d" in flags:
        io.out.write("".join(c for c in text if c not in a))
        return 0
    b = expand(sets[1]) if len(sets) > 1 else ""
    if b:
        b = b + b[-1] * max(0, len(a) - len(b))
        text = text.translate({ord(x): y for x, y in zip(a, b)})
    if "s" in flags:
        squeeze = b or a
        text = re.sub("([" + re.escape(squeeze) + "])\\1+", r"\1", text) if squeeze else text
    io.out.write(text)
    return 0


@applet("sort")
def sort(sh: Shell, argv: list[str], io: IO) -> int:
    flags, _v, files = _split_flags(argv[1:], "kt")
    texts, code = _inputs(sh, files, io, "sort")
    lines = [ln.rstrip("\n") for t in texts for ln in _lines(t)]
    if "n" in flags:
        def key(s: str) -> float:
            m = re.match(r"\s*-?\d+(\.\d+)?", s)
            return float(m.group(0)) if m else 0.0
        lines.sort(key=key, reverse="r" in flags)
    else:
        lines.sort(reverse="r" in flags)
    if "u" in flags:
        lines = list(dict.fromkeys(lines))
    io.out.write("".join(ln + "\n" for ln in lines))
    return code


@applet("uniq")
def uniq(sh: Shell, argv: list[str], io: IO) -> int:
    flags, _v, files = _split_flags(argv[1:])
    texts, code = _inputs(sh, files[:1], io, "uniq")
    out: list[tuple[str, int]] = []
    for line in (ln.rstrip("\n") for t in texts for ln in _lines(t)):
        if out and out[-1][0] == line:
            out[-1] = (line, out[-1][1] + 1)
        else:
            out.append((line, 1))
    for line, n in out:
        if "d" in flags and n < 2 or "u" in flags and n > 1:
            continue
        io.out.write((f"{n:7d} " if "c" in flags else "") + line + "\n")
    return code


@applet("cut")
def cut(sh: Shell, argv: list[str], io: IO) -> int:
    flags, values, files = _split_flags(argv[1:], "dfc")
    texts, code = _inputs(sh, files, io, "cut")
    spec = values.get("f") or values.get("c") or ""
    picks: list[tuple[int, int]] = []
    for piece in spec.split(","):
        lo, dash, hi = piece.partition("-")
        a = int(lo) if lo.isdigit() else 1
        b = int(hi) if hi.isdigit() else (a if not dash else 1 << 30)
        picks.append((a, b))
    delim = values.get("d", "\t")
    for line in (ln.rstrip("\n") for t in texts for ln in _lines(t)):
        if "f" in values:
            if delim not in line:
                io.out.write(line + "\n")
                continue
            fields = line.split(delim)
            chosen = [f for i, f in enumerate(fields, 1) if any(a <= i <= b for a, b in picks)]
            io.out.write(delim.join(chosen) + "\n")
        else:
            io.out.write("".join(c for i, c in enumerate(line, 1) if any(a <= i <= b for a, b in picks)) + "\n")
    return code


@applet("seq")
def seq(sh: Shell, argv: list[str], io: IO) -> int:
    flags, values, nums = _split_flags(argv[1:], "s")
    try:
        vals = [float(x) if "." in x else int(x) for x in nums]
    except ValueError:
        io.err.write(f"seq: invalid number '{nums[0] if nums else ''}'\n")
        return 1
    if not vals or len(vals) > 3:
        io.err.write("Usage: seq [-w] [-s SEP] [FIRST [INC]] LAST\n")
        return 1
    first, inc, last = (1, 1, vals[0]) if len(vals) == 1 else (vals[0], 1, vals[1]) if len(vals) == 2 else vals
    if inc == 0:
        return 1
    out = []
    x = first
    while (inc > 0 and x <= last) or (inc < 0 and x >= last):
        out.append(str(x))
        x += inc
        if len(out) % 1000 == 0:
            sh.proc.step(1000)
    sep = values.get("s", "\n")
    io.out.write(sep.join(out) + ("\n" if out else ""))
    return 0


@applet("yes")
def yes(sh: Shell, argv: list[str], io: IO) -> int:
    text = (" ".join(argv[1:]) or "y") + "\n"
    while True:  # ends through the step budget, or a closed pipe's bound
        io.out.write(text * 256)
        sh.proc.step(256)


@applet("basename")
def basename(sh: Shell, argv: list[str], io: IO) -> int:
    if len(argv) < 2:
        io.err.write("basename: missing operand\n")
        return 1
    name = posixpath.basename(argv[1].rstrip("/")) or "/"
    if len(argv) > 2 and name.endswith(argv[2]) and name != argv[2]:
        name = name[:-len(argv[2])]
    io.out.write(name + "\n")
    return 0


@applet("dirname")
def dirname(sh: Shell, argv: list[str], io: IO) -> int:
    if len(argv) < 2:
        io.err.write("dirname: missing operand\n")
        return 1
    io.out.write((posixpath.dirname(argv[1].rstrip("/")) or ".") + "\n")
    return 0


@applet("base64")
def base64(sh: Shell, argv: list[str], io: IO) -> int:
    flags, _v, files = _split_flags(argv[1:])
    texts, code = _inputs(sh, files, io, "base64")
    data = "".join(texts)
    if "d" in flags:
        try:
            io.out.write(b64.b64decode(data.strip()).decode(errors="replace"))
        except ValueError:
            io.err.write("base64: invalid input\n")
            return 1
    else:
        enc = b64.b64encode(data.encode()).decode()
        io.out.write("".join(enc[i:i + 76] + "\n" for i in range(0, len(enc), 76)) or "\n")
    return code


@applet("md5sum", "sha256sum", "sha1sum")
def checksum(sh: Shell, argv: list[str], io: IO) -> int:
    algo = posixpath.basename(argv[0])[:-3]
    files = argv[1:] or ["-"]
    code = 0
    for name in files:
        text = _read(sh, name, io, algo + "sum")
        if text is None:
            code = 1
            continue
        io.out.write(f"{hashlib.new(algo, text.encode()).hexdigest()}  {name}\n")
    return code


@applet("find")
def find(sh: Shell, argv: list[str], io: IO) -> int:
    args = argv[1:]
    roots = []
    while args and not args[0].startswith("-"):
        roots.append(args.pop(0))
    name_rx = None
    kind = None
    while args:
        a = args.pop(0)
        if a == "-name" and args:
            name_rx = re.compile(pattern_regex([(args.pop(0), True)]))
        elif a == "-type" and args:
            kind = args.pop(0)
    fs = sh.world.fs
    for root in roots or ["."]:
        base = _path(sh, root)
        if not fs.exists(base):
            io.err.write(f"find: {root}: No such file or directory\n")
            continue
        prefix = base.rstrip("/") + "/"
        items = sorted({base} | {p for p in fs.dirs if p.startswith(prefix)} | {p for p in fs.files if p.startswith(prefix)})
        for p in items:
            shown = root.rstrip("/") + p[len(base.rstrip("/")):] if p != base else root
            if kind == "f" and not fs.is_file(p) or kind == "d" and not fs.is_dir(p):
                continue
            if name_rx is not None and not name_rx.fullmatch(posixpath.basename(p) or "/"):
                continue
            io.out.write(shown + "\n")
    return 0


@applet("stat")
def stat(sh: Shell, argv: list[str], io: IO) -> int:
    code = 0
    for p in [a for a in argv[1:] if not a.startswith("-")]:
        path = _path(sh, p)
        fs = sh.world.fs
        if not fs.exists(path):
            io.err.write(f"stat: can't stat '{p}': No such file or directory\n")
            code = 1
            continue
        size = len(fs.read(path) or b"")
        io.out.write(f"  File: {p}\n  Size: {size}\n")
    return code


@applet("mktemp")
def mktemp(sh: Shell, argv: list[str], io: IO) -> int:
    n = sum(1 for p in sh.world.fs.files if p.startswith("/tmp/tmp.")) + 1
    path = f"/tmp/tmp.{n:06d}"
    if "-d" in argv:
        sh.world.fs.mkdir(path, True, sh.proc.now)
    else:
        sh.world.fs.write(path, b"", now_ns=sh.proc.now)
    io.out.write(path + "\n")
    return 0


# ---- environment and identity --------------------------------------------------------------
@applet("env", "printenv")
def env(sh: Shell, argv: list[str], io: IO) -> int:
    tool = posixpath.basename(argv[0])
    args = argv[1:]
    environ = sh.env()
    if tool == "printenv":
        if not args:
            io.out.write("".join(f"{k}={v}\n" for k, v in environ.items()))
            return 0
        code = 0
        for name in args:
            if name in environ:
                io.out.write(environ[name] + "\n")
            else:
                code = 1
        return code
    while args and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", args[0]) or args and args[0] in ("-i", "-"):
        a = args.pop(0)
        if a in ("-i", "-"):
            environ = {}
            continue
        k, _, v = a.partition("=")
        environ[k] = v
    if not args:
        io.out.write("".join(f"{k}={v}\n" for k, v in environ.items()))
        return 0
    sub = sh.subshell()
    sub.vars = dict(environ)
    sub.exported = set(environ)
    path = find_program(sh.world, args[0], environ.get("PATH", ""), sh.cwd)
    if path is None:
        io.err.write(f"env: can't execute '{args[0]}': No such file or directory\n")
        return 127
    return sh.world.commands.run_file(sub, path, args, io)


def _uid(sh: Shell) -> int:
    return int(sh.world.meta.get("__UID", "0") or 0)


@applet("id")
def id_(sh: Shell, argv: list[str], io: IO) -> int:
    uid = _uid(sh)
    name = "root" if uid == 0 else str(uid)
    if "-u" in argv:
        io.out.write(f"{uid}\n")
    elif "-un" in argv or "-nu" in argv:
        io.out.write(f"{name}\n")
    elif "-g" in argv:
        io.out.write(f"{uid}\n")
    elif uid == 0:
        groups = "0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)" \
            if sh.world.flavor == "busybox" else "0(root)"
        io.out.write(f"uid=0(root) gid=0(root) groups={groups}\n")
    else:
        io.out.write(f"uid={uid} gid={uid} groups={uid}\n")
    return 0


@applet("whoami")
def whoami(sh: Shell, argv: list[str], io: IO) -> int:
    uid = _uid(sh)
    if uid != 0:
        io.err.write(f"whoami: unknown uid {uid}\n")
        return 1
    io.out.write("root\n")
    return 0


@applet("hostname")
def hostname(sh: Shell, argv: list[str], io: IO) -> int:
    if "-i" in argv:
        io.out.write(sh.world.meta.get("__POD_IP", "") + "\n")
        return 0
    io.out.write(sh.world.hostname + "\n")
    return 0


@applet("uname")
def uname(sh: Shell, argv: list[str], io: IO) -> int:
    parts = {"s": "Linux", "n": sh.world.hostname, "r": "6.8.0-minikubectl", "v": "#1 SMP", "m": "x86_64"}
    flags, _v, _r = _split_flags(argv[1:])
    if "a" in flags:
        io.out.write(f"Linux {sh.world.hostname} 6.8.0-minikubectl #1 SMP x86_64 GNU/Linux\n")
        return 0
    io.out.write(" ".join(parts[c] for c in "snrvm" if c in flags or (not flags and c == "s")) + "\n")
    return 0


@applet("nproc")
def nproc(sh: Shell, argv: list[str], io: IO) -> int:
    io.out.write("2\n")
    return 0


@applet("uptime")
def uptime(sh: Shell, argv: list[str], io: IO) -> int:
    up = (sh.proc.now - int(sh.world.meta.get("__START_NS", "0") or 0)) // NS
    io.out.write(f" {strftime('%H:%M:%S', sh.proc.now)} up {up // 60} min,  0 users,  load average: 0.00, 0.00, 0.00\n")
    return 0


@applet("free")
def free(sh: Shell, argv: list[str], io: IO) -> int:
    io.out.write("              total        used        free      shared  buff/cache   available\n"
                 "Mem:        8000000      500000     7000000        1000      500000     7400000\n"
                 "Swap:             0           0           0\n")
    return 0


@applet("df")
def df(sh: Shell, argv: list[str], io: IO) -> int:
    used = sh.world.fs.size // 1024
    io.out.write("Filesystem           1K-blocks      Used Available Use% Mounted on\n"
                 f"overlay               65536 {used:>9} {65536 - used:>9} {used * 100 // 65536:>3}% /\n")
    return 0


@applet("du")
def du(sh: Shell, argv: list[str], io: IO) -> int:
    _f, _v, paths = _split_flags(argv[1:])
    for p in paths or ["."]:
        size = sum(len(d) for _p, d in sh.world.fs.walk(_path(sh, p)))
        io.out.write(f"{(size + 1023) // 1024}\t{p}\n")
    return 0


@applet("which")
def which(sh: Shell, argv: list[str], io: IO) -> int:
    code = 0
    for name in argv[1:]:
        path = find_program(sh.world, name, sh.vars.get("PATH"), sh.cwd)
        if path:
            io.out.write(path + "\n")
        else:
            code = 1
    return code


# ---- test and expr ----------------------------------------------------------------------------
class _TestError(Exception):
    pass


@applet("test", "[", "[[")
def test(sh: Shell, argv: list[str], io: IO) -> int:
    args = argv[1:]
    if argv[0] in ("[", "[["):
        close = "]" if argv[0] == "[" else "]]"
        if not args or args[-1] != close:
            io.err.write(f"sh: missing {close}\n" if sh.name != "bash" else f"bash: line {sh.line}: [: missing `]'\n")
            return 2
        args = args[:-1]
    try:
        return 0 if _test_eval(sh, args) else 1
    except _TestError as e:
        io.err.write(f"sh: {e}\n" if sh.name != "bash" else f"bash: line {sh.line}: test: {e}\n")
        return 2


def _int(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise _TestError(f"{text}: bad number" if text else "bad number") from None


def _test_eval(sh: Shell, args: list[str]) -> bool:
    pos = 0

    def or_expr() -> bool:
        nonlocal pos
        v = and_expr()
        while pos < len(args) and args[pos] == "-o":
            pos += 1
            v = and_expr() or v
        return v

    def and_expr() -> bool:
        nonlocal pos
        v = not_expr()
        while pos < len(args) and args[pos] == "-a":
            pos += 1
            v = not_expr() and v
        return v

    def not_expr() -> bool:
        nonlocal pos
        if pos < len(args) and args[pos] == "!" and pos + 1 < len(args):
            pos += 1
            return not not_expr()
        return primary()

    def primary() -> bool:
        nonlocal pos
        if pos >= len(args):
            raise _TestError("argument expected")
        a = args[pos]
        if a == "(" and pos + 1 < len(args):
            pos += 1
            v = or_expr()
            if pos >= len(args) or args[pos] != ")":
                raise _TestError("closing paren expected")
            pos += 1
            return v
        if pos + 2 < len(args) + 0 and args[pos + 1] in _BINARY or pos + 2 <= len(args) - 1 and args[pos + 1] in _BINARY:
            op, b = args[pos + 1], args[pos + 2]
            pos += 3
            return _binary(sh, a, op, b)
        if a in _UNARY and pos + 1 < len(args):
            pos += 2
            return _unary(sh, a, args[pos - 1])
        pos += 1
        return a != ""

    if not args:
        return False
    v = or_expr()
    if pos != len(args):
        raise _TestError(f"{args[pos]}: unknown operand")
    return v


_BINARY = {"=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "<", ">", "-nt", "-ot"}
_UNARY = {"-e", "-f", "-d", "-s", "-r", "-w", "-x", "-n", "-z", "-L", "-h", "-p", "-S", "-b", "-c", "-t", "-a"}


def _binary(sh: Shell, a: str, op: str, b: str) -> bool:
    if op in ("=", "=="):
        return a == b
    if op == "!=":
        return a != b
    if op == "<":
        return a < b
    if op == ">":
        return a > b
    if op in ("-nt", "-ot"):
        return False
    x, y = _int(a), _int(b)
    return {"-eq": x == y, "-ne": x != y, "-lt": x < y, "-le": x <= y, "-gt": x > y, "-ge": x >= y}[op]


def _unary(sh: Shell, op: str, arg: str) -> bool:
    fs = sh.world.fs
    if op == "-n":
        return arg != ""
    if op == "-z":
        return arg == ""
    if op == "-t":
        return False
    path = _path(sh, arg) if arg else ""
    if op in ("-e", "-a"):
        return bool(arg) and fs.exists(path)
    if op == "-f":
        return fs.is_file(path)
    if op == "-d":
        return fs.is_dir(path)
    if op == "-s":
        return fs.is_dir(path) or bool(fs.read(path))
    if op in ("-r", "-w"):
        return fs.exists(path)
    if op == "-x":
        return fs.is_dir(path) or fs.is_executable(path)
    return False


@applet("expr")
def expr(sh: Shell, argv: list[str], io: IO) -> int:
    args = argv[1:]
    pos = 0

    def val(x: str | int) -> str:
        return str(x)

    def num(x: str | int) -> int:
        try:
            return int(x)
        except ValueError:
            raise _TestError("non-integer argument") from None

    def atom() -> str | int:
        nonlocal pos
        if pos >= len(args):
            raise _TestError("syntax error")
        a = args[pos]
        pos += 1
        if a == "(":
            v = or_()
            if pos >= len(args) or args[pos] != ")":
                raise _TestError("syntax error")
            pos += 1
            return v
        if a == "length" and pos < len(args):
            pos += 1
            return len(args[pos - 1])
        return a

    def colon() -> str | int:
        nonlocal pos
        v = atom()
        while pos < len(args) and args[pos] == ":":
            pos += 1
            pat = atom()
            m = re.match(_bre_to_re(str(pat), False), str(v))
            if m and m.groups():
                v = m.group(1) or ""
            else:
                v = len(m.group(0)) if m else 0
        return v

    def mul() -> str | int:
        nonlocal pos
        v = colon()
        while pos < len(args) and args[pos] in ("*", "/", "%"):
            op = args[pos]
            pos += 1
            r = num(colon())
            if op != "*" and r == 0:
                raise _TestError("division by zero")
            a = num(v)
            v = a * r if op == "*" else int(a / r) if op == "/" else a - int(a / r) * r
        return v

    def add() -> str | int:
        nonlocal pos
        v = mul()
        while pos < len(args) and args[pos] in ("+", "-"):
            op = args[pos]
            pos += 1
            r = num(mul())
            v = num(v) + r if op == "+" else num(v) - r
        return v

    def cmp() -> str | int:
        nonlocal pos
        v = add()
        while pos < len(args) and args[pos] in ("=", "!=", "<", "<=", ">", ">="):
            op = args[pos]
            pos += 1
            r = add()
            try:
                a, b = int(v), int(r)
                res = {"=": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
            except ValueError:
                sa, sb = val(v), val(r)
                res = {"=": sa == sb, "!=": sa != sb, "<": sa < sb, "<=": sa <= sb, ">": sa > sb, ">=": sa >= sb}[op]
            v = int(res)
        return v

    def and_() -> str | int:
        nonlocal pos
        v = cmp()
        while pos < len(args) and args[pos] == "&":
            pos += 1
            r = cmp()
            v = v if (str(v) not in ("", "0") and str(r) not in ("", "0")) else 0
        return v

    def or_() -> str | int:
        nonlocal pos
        v = and_()
        while pos < len(args) and args[pos] == "|":
            pos += 1
            r = and_()
            v = v if str(v) not in ("", "0") else r
        return v

    try:
        result = or_()
        if pos != len(args):
            raise _TestError("syntax error")
    except _TestError as e:
        io.err.write(f"expr: {e}\n")
        return 2
    io.out.write(f"{result}\n")
    return 1 if str(result) in ("", "0") else 0


# ---- processes ------------------------------------------------------------------------------
@applet("kill")
def kill(sh: Shell, argv: list[str], io: IO) -> int:
    args = argv[1:]
    sig = "TERM"
    if args and args[0] == "-l":
        io.out.write(" ".join(sorted(_SIGNUMS, key=_SIGNUMS.get)) + "\n")
        return 0
    if args and args[0].startswith("-"):
        s = args.pop(0)[1:]
        if s == "s" and args:
            s = args.pop(0)
        s = s.upper().removeprefix("SIG")
        sig = {str(v): k for k, v in _SIGNUMS.items()}.get(s, s)
    if not args:
        io.err.write("kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n"
                     if sh.name == "bash" else "Usage: kill [-l] [-SIG] PID...\n")
        return 1
    code = 0
    for pid in args:
        if pid in ("1", "-1"):
            pid1 = sh.world.pid1
            # PID 1 gets only the signals it handles (the kernel's rule for init)
            if sig not in ("KILL", "STOP") and (pid1 is None or sig in pid1.traps):
                sh.world.signals.append(sig)
        elif pid.isdigit() or pid.startswith("%"):
            continue
        else:
            io.err.write(f"sh: kill: illegal number: {pid}\n" if False else f"kill: can't kill pid {pid}: No such process\n")
            code = 1
    return code


_SIGNUMS = {"HUP": 1, "INT": 2, "QUIT": 3, "KILL": 9, "USR1": 10, "USR2": 12, "TERM": 15, "CHLD": 17, "WINCH": 28}


@applet("killall", "pkill")
def killall(sh: Shell, argv: list[str], io: IO) -> int:
    names = [a for a in argv[1:] if not a.startswith("-")]
    sig = next((a[1:].upper() for a in argv[1:] if a.startswith("-")), "TERM")
    pid1_name = posixpath.basename((sh.world.meta.get("__ARGV0") or ""))
    code = 0
    for name in names:
        if name == pid1_name:
            if sh.world.pid1 is None or sig in sh.world.pid1.traps:
                sh.world.signals.append(sig)
        else:
            io.err.write(f"killall: {name}: no process killed\n")
            code = 1
    return code


@applet("ps")
def ps(sh: Shell, argv: list[str], io: IO) -> int:
    cmdline = sh.world.meta.get("__CMDLINE", "")
    me = " ".join(argv)
    if sh.world.flavor == "debian":
        io.out.write("    PID TTY          TIME CMD\n      1 ?        00:00:00 "
                     f"{posixpath.basename(cmdline.split(' ')[0]) if cmdline else 'sh'}\n"
                     f"     {7:>2} ?        00:00:00 ps\n")
        return 0
    io.out.write("PID   USER     TIME  COMMAND\n")
    io.out.write(f"{1:>5} root      0:00 {cmdline}\n")
    io.out.write(f"{7:>5} root      0:00 {me}\n")
    return 0


@applet("timeout")
def timeout(sh: Shell, argv: list[str], io: IO) -> int:
    args = [a for a in argv[1:] if not a.startswith("-")]
    if len(args) < 2:
        io.err.write("Usage: timeout [-s SIG] SECS PROG ARGS\n")
        return 1
    return sh.world.commands.run_argv(sh, args[1:], io)


@applet("xargs")
def xargs(sh: Shell, argv: list[str], io: IO) -> int:
    items = io.stdin.read_all().split()
    cmd = argv[1:] or ["echo"]
    return sh.world.commands.run_argv(sh, cmd + items, io) if items or not cmd else sh.world.commands.run_argv(sh, cmd, io)


# ---- network ---------------------------------------------------------------------------------
def _resolve(sh: Shell, host: str) -> list[str]:
    if host in ("localhost", "127.0.0.1", "::1", sh.world.hostname, sh.world.meta.get("__POD_IP", "")):
        return ["127.0.0.1"]
    if re.fullmatch(r"\d+\.\d+\.\d+\.\d+", host):
        return [host]
    net = sh.world.net
    if net is None:
        return []
    names = [host]
    if "." not in host.rstrip(".") or host.count(".") < 5:
        search = sh.world.meta.get("__SEARCH", "").split()
        names = ([host] if host.endswith(".") else []) + [f"{host}.{d}" for d in search] + [host]
    for name in names:
        ips = net.resolve(name.rstrip("."), sh.proc.now)
        if ips:
            return list(ips)
    sh.world.net_missed = True
    return []


def http_fetch(sh: Shell, url: str) -> tuple[str, int, str, tuple[int, str] | None, str]:
    """(host, port, path, answer, ip); answer None = connection refused; ip "" = unresolved."""
    m = re.match(r"(?:(https?)://)?([^/:]+)(?::(\d+))?(/.*)?$", url)
    if not m:
        return url, 80, "/", None, ""
    scheme, host, port_text, path = m.groups()
    port = int(port_text) if port_text else (443 if scheme == "https" else 80)
    ips = _resolve(sh, host)
    if not ips:
        return host, port, path or "/", None, ""
    ip = ips[0]
    if ip == "127.0.0.1":
        answer = http_request(sh.world, port, path or "/", sh.proc.now)
        pod_ip = sh.world.meta.get("__POD_IP", "")
        if answer is None and pod_ip and sh.world.net is not None:
            # The containers of a pod share its network: another one may serve the port.
            answer = sh.world.net.http(pod_ip, port, path or "/", sh.proc.now)
        return host, port, path or "/", answer, ip
    net = sh.world.net
    answer = net.http(ip, port, path or "/", sh.proc.now) if net is not None else None
    if answer is None:
        sh.world.net_missed = True
    return host, port, path or "/", answer, ip


_REASONS = {200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Found",
            400: "Bad Request", 403: "Forbidden", 404: "Not Found", 500: "Internal Server Error",
            502: "Bad Gateway", 503: "Service Unavailable"}


@applet("wget")
def wget(sh: Shell, argv: list[str], io: IO) -> int:
    flags, values, urls = _split_flags(argv[1:], "OTtU")
    args = argv[1:]
    quiet = "q" in flags or "-q" in args
    spider = "--spider" in args
    urls = [u for u in urls if not u.startswith("--")]
    if not urls:
        io.err.write("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n")
        return 1
    url = urls[0]
    host, port, path, answer, ip = http_fetch(sh, url)
    if not ip:
        io.err.write(f"wget: bad address '{host}'\n")
        return 1
    if not quiet:
        io.err.write(f"Connecting to {host}{':' + str(port) if port != 80 else ''} ({ip}:{port})\n")
    if answer is None:
        io.err.write(f"wget: can't connect to remote host ({ip}): Connection refused\n")
        return 1
    status, body = answer
    if status >= 400:
        io.err.write(f"wget: server returned error: HTTP/1.1 {status} {_REASONS.get(status, '')}\n")
        return 1
    if spider:
        if not quiet:
            io.err.write("remote file exists\n")
        return 0
    target = values.get("O") or (posixpath.basename(path) or "index.html")
    if target == "-":
        if not quiet:
            io.err.write("writing to stdout\n")
        io.out.write(body)
        if not quiet:
            io.err.write(f"-                    100% |********************************| {len(body):>5}  0:00:00 ETA\n"
                         "written to stdout\n")
        return 0
    sh.world.fs.write(_path(sh, target), body.encode(), now_ns=sh.proc.now)
    if not quiet:
        io.err.write(f"saving to '{target}'\n{target:<20} 100% |********************************| {len(body):>5}  0:00:00 ETA\n"
                     f"'{target}' saved\n")
    return 0


@applet("curl")
def curl(sh: Shell, argv: list[str], io: IO) -> int:
    args = argv[1:]
    out_file = None
    fail = silent = include = head = False
    write_out = None
    urls = []
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("-o", "--output") and i + 1 < len(args):
            out_file = args[i + 1]
            i += 1
        elif a in ("-w", "--write-out") and i + 1 < len(args):
            write_out = args[i + 1]
            i += 1
        elif a in ("-H", "--header", "-X", "--request", "-d", "--data", "-m", "--max-time", "--connect-timeout", "-A"):
            i += 1
        elif a.startswith("--"):
            fail = fail or a == "--fail"
            silent = silent or a == "--silent"
            include = include or a == "--include"
            head = head or a == "--head"
        elif a.startswith("-") and len(a) > 1:
            fail = fail or "f" in a
            silent = silent or "s" in a
            include = include or "i" in a
            head = head or "I" in a
        else:
            urls.append(a)
        i += 1
    if not urls:
        io.err.write("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n")
        return 2
    host, port, path, answer, ip = http_fetch(sh, urls[0])
    if not ip:
        if not silent or "-S" in args or "-sS" in args:
            io.err.write(f"curl: (6) Could not resolve host: {host}\n")
        return 6
    if answer is None:
        if not silent or "-sS" in args:
            io.err.write(f"curl: (7) Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server\n")
        return 7
    status, body = answer
    if fail and status >= 400:
        if not silent:
            io.err.write(f"curl: (22) The requested URL returned error: {status}\n")
        return 22
    head_text = f"HTTP/1.1 {status} {_REASONS.get(status, '')}\r\nContent-Length: {len(body)}\r\n\r\n"
    text = head_text if head else (head_text + body if include else body)
    if write_out:
        text += write_out.replace("%{http_code}", str(status)).replace("\\n", "\n")
    if out_file:
        sh.world.fs.write(_path(sh, out_file), body.encode(), now_ns=sh.proc.now)
    else:
        io.out.write(text)
    return 0


@applet("nslookup")
def nslookup(sh: Shell, argv: list[str], io: IO) -> int:
    names = [a for a in argv[1:] if not a.startswith("-")]
    if not names:
        io.err.write("Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n")
        return 1
    server = sh.world.meta.get("__NAMESERVER", "10.96.0.10")
    io.out.write(f"Server:\t\t{server}\nAddress:\t{server}:53\n\n")
    host = names[0]
    net = sh.world.net
    search = sh.world.meta.get("__SEARCH", "").split()
    candidates = [host] if host.endswith(".") or host.count(".") >= 5 else [f"{host}.{d}" for d in search] + [host]
    for name in candidates:
        ips = net.resolve(name.rstrip("."), sh.proc.now) if net is not None else []
        if ips:
            io.out.write(f"Name:\t{name.rstrip('.')}\n" + "".join(f"Address: {ip}\n" for ip in ips) + "\n")
            return 0
    for name in candidates:
        io.out.write(f"** server can't find {name.rstrip('.')}: NXDOMAIN\n\n")
    sh.world.net_missed = True
    return 1


@applet("ping")
def ping(sh: Shell, argv: list[str], io: IO) -> int:
    flags, values, hosts = _split_flags(argv[1:], "cWwi")
    if not hosts:
        io.err.write("Usage: ping [OPTIONS] HOST\n")
        return 1
    ips = _resolve(sh, hosts[0])
    if not ips:
        io.err.write(f"ping: bad address '{hosts[0]}'\n")
        return 1
    count = int(values.get("c", "0") or 0)
    io.out.write(f"PING {hosts[0]} ({ips[0]}): 56 data bytes\n")
    n = 0
    while count == 0 or n < count:
        io.out.write(f"64 bytes from {ips[0]}: seq={n} ttl=64 time=0.080 ms\n")
        n += 1
        if count == 0 or n < count:
            sh.proc.advance(sh.proc.now + NS)
    io.out.write(f"\n--- {hosts[0]} ping statistics ---\n{n} packets transmitted, {n} packets received, 0% packet loss\n"
                 "round-trip min/avg/max = 0.080/0.080/0.080 ms\n")
    return 0


@applet("nc")
def nc(sh: Shell, argv: list[str], io: IO) -> int:
    flags, values, rest = _split_flags(argv[1:], "pw")
    if "l" in flags:
        port = int(values.get("p") or (rest[0] if rest else "0") or 0)
        sh.world.server_http.setdefault(port, lambda world, path, count, now: (200, ""))
        block_forever(sh)
    if len(rest) >= 2 and rest[1].isdigit():
        ips = _resolve(sh, rest[0])
        ok = bool(ips) and (ips[0] != "127.0.0.1" or int(rest[1]) in sh.world.server_http)
        if not ok and "z" not in flags:
            io.err.write(f"nc: can't connect to remote host ({ips[0] if ips else rest[0]}): Connection refused\n")
        return 0 if ok else 1
    return 1
