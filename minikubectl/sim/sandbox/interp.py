"""The shell interpreter: runs parsed scripts over the simulated filesystem and clock.

A *World* is one container instance: its filesystem, its output (``(ns, stream, line)``),
the ports it listens on and what happened to its inputs. A *Proc* is one line of simulated
time inside it (PID 1, an exec'd command, a background job): its clock only moves through
:meth:`Proc.advance` (``sleep``, ``wait``, blocking reads), which also applies the inputs
(signals, execs, stdin, ``kubectl cp``, HTTP requests) whose time has come. A *Shell* holds
variables, functions, positional parameters, traps and the working directory.

Bounds: a step budget between two advances of the clock (a loop that never sleeps ends with a
``sh:`` error instead of hanging), a total step budget per run, a call-depth bound, an output
bound (the last :data:`MAX_OUTPUT` bytes are kept) and the filesystem's size bound.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from typing import Callable, Protocol

from minikubectl.sim.sandbox import syntax as S
from minikubectl.sim.sandbox.fs import FileSystem, FsError, normpath
from minikubectl.sim.sandbox.results import Network

NS = 1_000_000_000
STEP_BUDGET = 100_000          # steps allowed without the clock moving
TOTAL_STEPS = 20_000_000       # steps allowed in one run
MAX_CALL_DEPTH = 100
MAX_PROCS = 1024               # background jobs per container (a pids limit)
MAX_OUTPUT = 10 * 1024 * 1024
MAX_BUFFER = 8 * 1024 * 1024   # a pipe or $(...) holds at most this much
FOREVER = 1 << 62


class Stop(Exception):
    """The clock reached the end of the run: the program is still running."""


class Killed(Exception):
    """PID 1 ended by a signal (``code`` 128+n) at the proc's current time."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class Bound(Exception):
    """A sandbox bound was hit; the text is printed after ``sh: ``."""


class ShellExit(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class LoopControl(Exception):
    def __init__(self, kind: str, n: int) -> None:
        super().__init__(kind)
        self.kind = kind
        self.n = n


class FuncReturn(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class ShellError(Exception):
    """An expansion or redirection error: message printed, command fails (status 1 or 2)."""

    def __init__(self, text: str, code: int = 1, fatal: bool = False) -> None:
        super().__init__(text)
        self.text = text
        self.code = code
        self.fatal = fatal


# ---- streams ----------------------------------------------------------------------------
class Writer:
    """Where a command's output goes."""

    def write(self, text: str) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class NullWriter(Writer):
    def write(self, text: str) -> None:
        pass


class BufWriter(Writer):
    """Collects text (pipes, command substitution, exec results), bounded."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def write(self, text: str) -> None:
        self.size += len(text)
        if self.size > MAX_BUFFER:
            raise Bound("output buffer limit exceeded")
        self.parts.append(text)

    def text(self) -> str:
        return "".join(self.parts)


class SinkWriter(Writer):
    """The container's log stream: complete lines stamped with the writer's clock."""

    def __init__(self, world: "World", stream: str, proc: "Proc") -> None:
        self.world = world
        self.stream = stream
        self.proc = proc
        self.pending = ""

    def write(self, text: str) -> None:
        if not text:
            return
        data = self.pending + text
        lines = data.split("\n")
        self.pending = lines.pop()
        for line in lines:
            self.world.emit(self.proc.now, self.stream, line)
        if len(self.pending) > MAX_BUFFER:
            self.world.emit(self.proc.now, self.stream, self.pending)
            self.pending = ""

    def flush(self) -> None:
        if self.pending:
            self.world.emit(self.proc.now, self.stream, self.pending)
            self.pending = ""


class FileWriter(Writer):
    """Appends to a file of the simulated filesystem."""

    def __init__(self, sh: "Shell", path: str) -> None:
        self.sh = sh
        self.path = path

    def write(self, text: str) -> None:
        if text:
            try:
                self.sh.world.fs.write(self.path, text.encode(), append=True, now_ns=self.sh.proc.now)
            except FsError as e:
                raise ShellError(f"write error: {e.text}") from None


class Reader:
    """A command's standard input."""

    def read_all(self) -> str:
        out = []
        while True:
            line = self.read_line()
            if line is None:
                return "".join(out)
            out.append(line)

    def read_line(self) -> str | None:  # pragma: no cover - interface
        raise NotImplementedError


class StrReader(Reader):
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def read_all(self) -> str:
        out, self.pos = self.text[self.pos:], len(self.text)
        return out

    def read_line(self) -> str | None:
        if self.pos >= len(self.text):
            return None
        end = self.text.find("\n", self.pos)
        end = len(self.text) if end < 0 else end + 1
        out, self.pos = self.text[self.pos:end], end
        return out


class StdinReader(Reader):
    """PID 1's standard input (attach / run -i): blocks on the clock until text or EOF arrives."""

    def __init__(self, proc: "Proc") -> None:
        self.proc = proc
        self.buf = ""

    def read_line(self) -> str | None:
        world = self.proc.world
        while True:
            self.buf += world.take_stdin()
            if "\n" in self.buf:
                line, _, self.buf = self.buf.partition("\n")
                return line + "\n"
            if world.stdin_eof:
                out, self.buf = self.buf, ""
                return out or None
            self.proc.advance_to_next_input()


@dataclass
class IO:
    stdin: Reader
    out: Writer
    err: Writer


# ---- results ----------------------------------------------------------------------------
@dataclass
class ExecOutcome:
    stdout: str
    stderr: str
    code: int
    end_ns: int
    start_error: str | None = None


class Commands(Protocol):
    """How a shell runs a command once it is expanded: the command layer (``programs``), handed to
    the World by the engine so that the interpreter does not import what it dispatches to."""

    def run_builtin(self, sh: "Shell", words: list[str], io: "IO") -> int: ...
    def run_command(self, sh: "Shell", words: list[str], io: "IO", env_over: dict[str, str]) -> int: ...
    def run_argv(self, sh: "Shell", argv: list[str], io: "IO") -> int: ...
    def run_file(self, sh: "Shell", path: str, argv: list[str], io: "IO") -> int: ...


@dataclass
class World:
    """One container instance (see module doc)."""

    fs: FileSystem
    env: dict[str, str]
    workdir: str
    hostname: str
    applets: frozenset[str]
    flavor: str                      # "busybox" | "debian": wording of a few messages
    inputs: list[list]
    commands: Commands
    stdin_open: bool = False
    net: Network | None = None
    server_http: dict[int, Callable[["World", str, int, int], tuple[int, str]]] = field(default_factory=dict)
    output: list[tuple[int, str, str]] = field(default_factory=list)
    out_bytes: int = 0
    exec_results: list[ExecOutcome] = field(default_factory=list)
    http_results: list[tuple[int, str] | None] = field(default_factory=list)
    http_counts: dict[int, int] = field(default_factory=dict)
    signals: list[str] = field(default_factory=list)  # delivered to PID 1, not yet handled
    stdin_text: str = ""
    stdin_eof: bool = True
    total_steps: int = 0
    spawned: int = 0                 # background jobs started (bounded like a pids limit)
    fast: bool = False               # next_exit mode: stop at a provably endless loop
    net_missed: bool = False         # a name did not resolve / a connection was refused
    pid1: "Shell | None" = None
    meta: dict[str, str] = field(default_factory=dict)   # pod IP, DNS search, PID 1's command line...
    trace: list[str] = field(default_factory=list)

    def emit(self, ns: int, stream: str, line: str) -> None:
        self.output.append((ns, stream, line))
        self.out_bytes += len(line) + 1
        if self.out_bytes > MAX_OUTPUT * 2:
            self._rotate()

    def _rotate(self) -> None:
        keep, size = [], 0
        for item in reversed(self.output):
            size += len(item[2]) + 1
            if size > MAX_OUTPUT:
                break
            keep.append(item)
        keep.reverse()
        self.output = keep
        self.out_bytes = size

    def take_stdin(self) -> str:
        out, self.stdin_text = self.stdin_text, ""
        return out


class Proc:
    """One line of simulated time in the world (see module doc)."""

    def __init__(self, world: World, now: int, until: int, inputs: list[list], pid1: bool) -> None:
        self.world = world
        self.now = now
        self.until = until
        self.inputs = inputs
        self.pos = 0
        self.steps = 0
        self.pid1 = pid1

    def step(self, n: int = 1) -> None:
        self.steps += n
        self.world.total_steps += n
        if self.steps > STEP_BUDGET:
            raise Bound("step budget exceeded (a loop that never sleeps?)")
        if self.world.total_steps > TOTAL_STEPS:
            raise Bound("step budget exceeded for this simulation")

    def pending_inputs(self) -> bool:
        """Whether an input that can change the program's course is still to come."""
        return any(item[0] in ("signal", "exec", "stdin") for item in self.inputs[self.pos:])

    def only_signals_pending(self) -> bool:
        """Whether the inputs still to come are only signals, copied files and HTTP requests (nothing
        a provably endless loop reacts to: no exec, no stdin)."""
        return all(item[0] in ("signal", "put", "http") for item in self.inputs[self.pos:])

    def advance(self, target: int, interruptible: bool = False) -> bool:
        """Let time pass until ``target``, applying inputs on the way; True if a handled signal
        interrupted the wait (only when ``interruptible``). Raises Stop at the end of the run."""
        limit = min(target, self.until)
        while self.pos < len(self.inputs) and int(self.inputs[self.pos][1]) <= limit:
            item = self.inputs[self.pos]
            self.pos += 1
            if int(item[1]) > self.now:
                self.now = int(item[1])
                self.steps = 0
            self.apply(item)
            if interruptible and self.world.signals and (self.world.pid1 is None
                                                         or self.world.pid1.has_trap(self.world.signals)):
                return True
        if target > self.until:
            self.now = max(self.now, self.until)
            raise Stop()
        if target > self.now:
            self.now = target
            self.steps = 0
        return False

    def advance_to_next_input(self) -> None:
        """Block until the next input arrives (or the run ends)."""
        if self.pos < len(self.inputs):
            self.advance(max(self.now, int(self.inputs[self.pos][1])))
        else:
            self.advance(FOREVER)

    def apply(self, item: list) -> None:
        kind = item[0]
        world = self.world
        if not self.pid1:
            return
        if kind == "signal":
            sig = str(item[2])
            if sig == "KILL":
                raise Killed(137)
            world.signals.append(sig)
        elif kind == "exec":
            world.exec_results.append(run_exec(world, list(item[2]), self.now, item[3] if len(item) > 3 else None))
        elif kind == "stdin":
            if item[2] == "" or item[2] is None:
                world.stdin_eof = True
            else:
                world.stdin_text += str(item[2])
        elif kind == "put":
            path = normpath(str(item[2]))
            try:
                world.fs.mkdir(path.rsplit("/", 1)[0] or "/", True, self.now)
                world.fs.write(path, base64.b64decode(item[3]), now_ns=self.now)
            except (FsError, ValueError):
                pass
        elif kind == "http":
            port = int(item[2])
            world.http_results.append(http_request(world, port, str(item[3]), self.now))


def find_program(world: World, name: str, path_var: str | None, cwd: str = "/") -> str | None:
    """The executable a command name resolves to in the simulated filesystem, or None."""
    fs = world.fs
    if "/" in name:
        path = normpath(name, cwd)
        return path if fs.is_file(path) else None
    for d in (path_var if path_var is not None else world.env.get("PATH", "")).split(":"):
        if not d:
            continue
        p = normpath(name, d)
        if fs.is_executable(p):
            return p
    return None


def exec_start_error(world: World, argv: list[str]) -> str | None:
    """runc's message when an exec'd command cannot start (exec hooks, probes, kubectl exec)."""
    if not argv:
        return 'OCI runtime exec failed: exec failed: unable to start container process: exec: "": executable file not found in $PATH: unknown'
    name = argv[0]
    found = find_program(world, name, world.env.get("PATH"))
    prefix = "OCI runtime exec failed: exec failed: unable to start container process: "
    if found is None:
        if "/" in name:
            if world.fs.is_dir(normpath(name)):
                return prefix + f'exec: "{name}": permission denied: unknown'
            return prefix + f"exec: \"{name}\": stat {name}: no such file or directory: unknown"
        return prefix + f'exec: "{name}": executable file not found in $PATH: unknown'
    if not world.fs.is_executable(found):
        return prefix + f'exec: "{name}": permission denied: unknown'
    return None


def block_forever(sh: Shell) -> None:
    """A program that waits for ever (``sleep infinity``, ``tail -f``): only the end of the run or a
    kill ends it."""
    sh.proc.advance(FOREVER)
    raise Bound("unreachable")  # pragma: no cover


def sleep_ns(sh: Shell, ns: int) -> None:
    sh.proc.advance(sh.proc.now + max(ns, 0))


def http_request(world: World, port: int, path: str, now: int) -> tuple[int, str] | None:
    """Serve one HTTP request from the program listening on ``port``; counts it."""
    handler = world.server_http.get(port)
    if handler is None:
        return None
    count = world.http_counts.get(port, 0) + 1
    world.http_counts[port] = count
    return handler(world, path, count, now)


def run_exec(world: World, argv: list[str], now: int, stdin: str | None, limit_ns: int = 3600 * NS) -> ExecOutcome:
    """A command run inside the container (kubectl exec, exec hook or probe) on its own clock."""
    proc = Proc(world, now, now + limit_ns, [], pid1=False)
    out, err = BufWriter(), BufWriter()
    sh = Shell(world, proc, dict(world.env), world.workdir)
    missing = exec_start_error(world, argv)
    if missing:
        return ExecOutcome("", "", 126, now, missing)
    try:
        code = world.commands.run_argv(sh, argv, IO(StrReader(stdin or ""), out, err))
    except Stop:
        code = 137
    except Bound as e:
        err.parts.append(f"sh: {e}\n")
        code = 2
    except Killed as e:
        code = e.code
    return ExecOutcome(out.text(), err.text(), code, proc.now)


# ---- patterns -----------------------------------------------------------------------------
def pattern_regex(segments: list[tuple[str, bool]]) -> str:
    """A regex for a shell pattern; segments are (text, active) where quoted text is literal."""
    out: list[str] = []
    for text, active in segments:
        if not active:
            out.append(re.escape(text))
            continue
        i = 0
        while i < len(text):
            c = text[i]
            if c == "*":
                out.append(".*")
            elif c == "?":
                out.append(".")
            elif c == "[":
                j = i + 1
                if j < len(text) and text[j] in "!^":
                    j += 1
                if j < len(text) and text[j] == "]":
                    j += 1
                while j < len(text) and text[j] != "]":
                    j += 1
                if j >= len(text):
                    out.append("\\[")
                else:
                    body = text[i + 1:j]
                    neg = body[:1] in ("!", "^")
                    if neg:
                        body = body[1:]
                    body = body.replace("\\", "\\\\")
                    out.append("[" + ("^" if neg else "") + body + "]")
                    i = j
            elif c == "\\" and i + 1 < len(text):
                i += 1
                out.append(re.escape(text[i]))
            else:
                out.append(re.escape(c))
            i += 1
    return "".join(out)


def has_glob(text: str) -> bool:
    return any(c in text for c in "*?[")


# ---- arithmetic -------------------------------------------------------------------------------
_ARITH_TOKEN = re.compile(r"\s*(0[xX][0-9a-fA-F]+|\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*=?|<<=|>>=|\+\+|--|&&|\|\||"
                          r"[=!<>]=|<<|>>|[-+*/%&|^]=|[-+*/%<>=!~&|^?:()])")


class Arith:
    """``$((...))``: a small Pratt parser over C integer expressions (64-bit wrap-around)."""

    BINARY = {"||": 1, "&&": 2, "|": 3, "^": 4, "&": 5, "==": 6, "!=": 6, "<": 7, ">": 7, "<=": 7, ">=": 7,
              "<<": 8, ">>": 8, "+": 9, "-": 9, "*": 10, "/": 10, "%": 10, "**": 11}

    def __init__(self, text: str, sh: "Shell") -> None:
        self.sh = sh
        self.text = text
        self.toks: list[str] = []
        pos = 0
        stripped = text.rstrip()
        while pos < len(stripped):
            m = _ARITH_TOKEN.match(stripped, pos)
            if not m:
                raise ShellError("arithmetic syntax error", 2, fatal=True)
            self.toks.append(m.group(1))
            pos = m.end()
        self.i = 0

    def error(self) -> ShellError:
        return ShellError("arithmetic syntax error", 2, fatal=True)

    def peek(self) -> str | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> str:
        if self.i >= len(self.toks):
            raise self.error()
        t = self.toks[self.i]
        self.i += 1
        return t

    def value(self) -> int:
        if not self.toks:
            return 0
        v = self.assign(True)
        if self.i != len(self.toks):
            raise self.error()
        return v

    @staticmethod
    def wrap(v: int) -> int:
        v &= (1 << 64) - 1
        return v - (1 << 64) if v >> 63 else v

    def var(self, name: str) -> int:
        raw = self.sh.get_var(name)
        if raw is None or raw == "":
            if "u" in self.sh.opts and raw is None:
                raise ShellError(f"{name}: parameter not set", 2, fatal=True)
            return 0
        return self.sh.to_int(raw.strip(), arith=True)

    def assign(self, live: bool) -> int:
        t = self.peek()
        if t is not None and re.match(r"[A-Za-z_]", t) and self.i + 1 < len(self.toks):
            op = self.toks[self.i + 1]
            if op == "=" or (op.endswith("=") and op not in ("==", "!=", "<=", ">=")):
                self.i += 2
                rhs = self.assign(live)
                if op != "=":
                    rhs = self.binop(op[:-1], self.var(t), rhs)
                if live:
                    self.sh.set_var(t, str(rhs))
                return rhs
        return self.ternary(live)

    def ternary(self, live: bool) -> int:
        cond = self.binary(0, live)
        if self.peek() == "?":
            self.take()
            a = self.assign(live and cond != 0)
            if self.take() != ":":
                raise self.error()
            b = self.assign(live and cond == 0)
            return a if cond else b
        return cond

    def binary(self, min_prec: int, live: bool) -> int:
        left = self.unary(live)
        while True:
            op = self.peek()
            prec = self.BINARY.get(op or "")
            if prec is None or prec <= min_prec - 1 or prec < min_prec:
                return left
            self.take()
            if op == "&&":
                right = self.binary(prec + 1, live and left != 0)
                left = int(bool(left) and bool(right))
            elif op == "||":
                right = self.binary(prec + 1, live and left == 0)
                left = int(bool(left) or bool(right))
            else:
                right = self.binary(prec if op == "**" else prec + 1, live)
                left = self.binop(op, left, right) if live else 0

    def binop(self, op: str, a: int, b: int) -> int:
        if op in ("/", "%"):
            if b == 0:
                raise ShellError("divide by zero", 2, fatal=True)
            q = abs(a) // abs(b)
            q = q if (a >= 0) == (b >= 0) else -q
            return self.wrap(q if op == "/" else a - q * b)
        if op == "**":
            if b < 0:
                raise ShellError("exponent less than 0", 2, fatal=True)
            if b > 64 and abs(a) > 1:
                return 0
            return self.wrap(a ** b)
        table: dict[str, Callable[[int, int], int]] = {
            "+": lambda x, y: x + y, "-": lambda x, y: x - y, "*": lambda x, y: x * y,
            "<<": lambda x, y: x << (y & 63), ">>": lambda x, y: x >> (y & 63), "&": lambda x, y: x & y,
            "|": lambda x, y: x | y, "^": lambda x, y: x ^ y, "==": lambda x, y: int(x == y),
            "!=": lambda x, y: int(x != y), "<": lambda x, y: int(x < y), ">": lambda x, y: int(x > y),
            "<=": lambda x, y: int(x <= y), ">=": lambda x, y: int(x >= y)}
        if op not in table:
            raise self.error()
        return self.wrap(table[op](a, b))

    def unary(self, live: bool) -> int:
        t = self.take()
        if t in ("+", "-", "!", "~"):
            v = self.unary(live)
            return {"+": v, "-": self.wrap(-v), "!": int(v == 0), "~": self.wrap(~v)}[t]
        if t in ("++", "--"):
            name = self.take()
            if not re.match(r"[A-Za-z_]", name):
                raise self.error()
            v = self.var(name) + (1 if t == "++" else -1)
            if live:
                self.sh.set_var(name, str(v))
            return v
        if t == "(":
            v = self.assign(live)
            if self.take() != ")":
                raise self.error()
            return v
        if re.match(r"[A-Za-z_]", t):
            v = self.var(t)
            if self.peek() in ("++", "--"):
                op = self.take()
                if live:
                    self.sh.set_var(t, str(v + (1 if op == "++" else -1)))
            return v
        if t[0].isdigit():
            return self.sh.to_int(t, arith=True)
        raise self.error()


# ---- the shell ------------------------------------------------------------------------------
SPECIAL_BUILTINS = {":", "break", "continue", "eval", "exec", "exit", "export", "readonly", "return", "set",
                    "shift", "trap", "unset", ".", "source", "times"}


class Shell:
    """Shell state (see module doc); ``name`` is ``sh`` or ``bash`` for messages."""

    def __init__(self, world: World, proc: Proc, env: dict[str, str], cwd: str, name: str = "sh") -> None:
        self.world = world
        self.proc = proc
        self.vars: dict[str, str] = dict(env)
        self.exported: set[str] = set(env)
        self.readonly: set[str] = set()
        self.funcs: dict[str, object] = {}
        self.positional: list[str] = []
        self.arg0 = name
        self.name = name
        self.cwd = cwd or "/"
        self.status = 0
        self.opts: set[str] = set()
        self.traps: dict[str, str] = {}
        self.depth = 0
        self.jobs: list[int] = []      # end times of background jobs
        self.last_bg = 0
        self.line = 0
        self.locals_stack: list[dict[str, str | None]] = []
        self.is_pid1 = False

    # ---- variables -------------------------------------------------------------------------
    def subshell(self) -> "Shell":
        """A subshell: copies of variables and functions; same world and clock."""
        other = Shell.__new__(Shell)
        other.__dict__.update(self.__dict__)
        other.vars = dict(self.vars)
        other.exported = set(self.exported)
        other.readonly = set(self.readonly)
        other.funcs = dict(self.funcs)
        other.positional = list(self.positional)
        other.opts = set(self.opts)
        other.traps = {}
        other.jobs = []
        other.locals_stack = []
        other.is_pid1 = False
        return other

    def get_var(self, name: str) -> str | None:
        return self.vars.get(name)

    def set_var(self, name: str, value: str) -> None:
        if name in self.readonly:
            raise ShellError(f"{name}: is read only", 2, fatal=True)
        if len(value) > MAX_BUFFER:
            raise Bound("variable too large")
        self.vars[name] = value

    def env(self) -> dict[str, str]:
        return {k: v for k, v in self.vars.items() if k in self.exported}

    def to_int(self, text: str, arith: bool = False) -> int:
        t = text.strip()
        try:
            if re.fullmatch(r"[-+]?0[xX][0-9a-fA-F]+", t):
                return int(t, 16)
            if arith and re.fullmatch(r"[-+]?0[0-7]+", t):
                return int(t, 8)
            return int(t, 10)
        except ValueError:
            if arith and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", t):
                return Arith(t, self).value()
            raise ShellError(f"illegal number: {text}" if not arith else "arithmetic syntax error", 2,
                             fatal=arith) from None

    def has_trap(self, signals: list[str]) -> bool:
        return any(sig in self.traps for sig in signals)

    def err(self, io: IO, text: str) -> None:
        """A shell diagnostic (``sh: ...``) in the wording of the image's shell."""
        if self.name == "bash":
            io.err.write(f"bash: line {self.line}: {text}\n")
        elif self.world.flavor == "debian" and self.name == "sh":
            io.err.write(f"sh: {self.line}: {text}\n")
        else:
            io.err.write(f"sh: {text}\n")

    # ---- signals ---------------------------------------------------------------------------
    def run_traps(self, io: IO) -> None:
        """Run the handlers of signals delivered to PID 1 (called between commands)."""
        if not self.is_pid1 or not self.world.signals:
            return
        pending, self.world.signals = self.world.signals, []
        for sig in pending:
            action = self.traps.get(sig)
            if action is None:
                continue  # PID 1 ignores signals without a handler
            if action == "":
                continue
            saved = self.status
            self.eval_text(action, io)
            self.status = saved

    def eval_text(self, text: str, io: IO) -> int:
        try:
            tree = parse_cached(text)
        except S.ShellSyntaxError as e:
            self.err(io, str(e))
            return 2
        return self.run_list(tree, io)

    # ---- execution -------------------------------------------------------------------------
    def run_list(self, node: S.CmdList, io: IO) -> int:
        for item, background in node.items:
            self.proc.step()
            if background:
                self.status = self.start_job(item, io)
            else:
                self.status = self.run_and_or(item, io)
            self.run_traps(io)
        return self.status

    def start_job(self, node: object, io: IO) -> int:
        """``cmd &``: the job runs on its own clock (from now), sharing the world; ``wait``
        waits until its end."""
        self.world.spawned += 1
        if self.world.spawned > MAX_PROCS:
            raise Bound("can't fork: too many processes")
        sub = self.subshell()
        proc = Proc(self.world, self.proc.now, self.proc.until, [], pid1=False)
        proc.steps = self.proc.steps  # a job does not get a fresh budget
        sub.proc = proc
        end = FOREVER
        try:
            sub.run_and_or(node, IO(StrReader(""), io.out, io.err) if isinstance(io.out, SinkWriter) is False
                           else IO(StrReader(""), SinkWriter(self.world, "stdout", proc), SinkWriter(self.world, "stderr", proc)))
            end = proc.now
        except (ShellExit, FuncReturn, LoopControl):
            end = proc.now
        except Stop:
            end = FOREVER
        except Bound:
            end = proc.now
        self.jobs.append(end)
        self.last_bg = len(self.jobs) + 100
        return 0

    def run_and_or(self, node: S.AndOr, io: IO) -> int:
        status = self.run_pipeline(node.first, io)
        for op, pipe in node.rest:
            if (op == "&&") == (status == 0):
                status = self.run_pipeline(pipe, io)
        self.status = status
        return status

    def run_pipeline(self, node: S.Pipeline, io: IO) -> int:
        if len(node.cmds) == 1:
            status = self.run_command(node.cmds[0], io)
            if "e" in self.opts and status != 0 and not node.negate:
                self.status = status
                raise ShellExit(status)
        else:
            data: str | None = None
            status = 0
            for idx, cmd in enumerate(node.cmds):
                last = idx == len(node.cmds) - 1
                stdin = io.stdin if data is None else StrReader(data)
                out: Writer = io.out if last else BufWriter()
                sub = self if last else self.subshell()
                try:
                    status = sub.run_command(cmd, IO(stdin, out, io.err))
                except ShellExit as e:
                    status = e.code
                    if last:
                        raise
                if not last:
                    assert isinstance(out, BufWriter)
                    data = out.text()
        return int(status == 0) if node.negate else status

    def run_command(self, node: object, io: IO) -> int:
        self.proc.step()
        if isinstance(node, S.Simple):
            return self.run_simple(node, io)
        redirs = node.redirs if isinstance(node, (S.Group, S.Subshell, S.If, S.Loop, S.For, S.Case)) else []
        if redirs:
            try:
                io = self.redirect(redirs, io)
            except ShellError as e:
                self.err(io, e.text)
                return e.code
        if isinstance(node, S.Group):
            return self.run_list(node.body, io)
        if isinstance(node, S.Subshell):
            sub = self.subshell()
            try:
                return sub.run_list(node.body, io)
            except ShellExit as e:
                return e.code
        if isinstance(node, S.If):
            for cond, body in node.clauses:
                if self.run_cond(cond, io) == 0:
                    return self.run_list(body, io)
            return self.run_list(node.orelse, io) if node.orelse is not None else 0
        if isinstance(node, S.Loop):
            return self.run_loop(node, io)
        if isinstance(node, S.For):
            return self.run_for(node, io)
        if isinstance(node, S.Case):
            return self.run_case(node, io)
        if isinstance(node, S.FuncDef):
            self.funcs[node.name] = node.body
            return 0
        raise Bound("unknown node")

    def run_cond(self, cond: S.CmdList, io: IO) -> int:
        saved = "e" in self.opts
        self.opts.discard("e")
        try:
            return self.run_list(cond, io)
        finally:
            if saved:
                self.opts.add("e")

    def _endless_from_here(self) -> None:
        """next_exit mode, at a loop that provably goes on forever: end the run now, unless an
        input to come (attach stdin, exec, a signal with a handler) can change its course."""
        if not self.proc.pending_inputs():
            raise Stop()
        if self.proc.only_signals_pending() and not self.traps and not (self.world.pid1 and self.world.pid1.traps):
            # PID 1 without a handler ignores every signal but KILL: the loop goes on until
            # a KILL arrives (Killed) or the run ends (Stop).
            self.proc.advance(FOREVER)

    def run_loop(self, node: S.Loop, io: IO) -> int:
        status = 0
        fast = self.world.fast and self.proc.pid1
        if fast and endless(node, self):
            self._endless_from_here()
        net = self.world.net
        settled = net.settled_ns if fast and net is not None else None
        while True:
            self.world.net_missed = False
            c = self.run_cond(node.cond, io)
            if (c == 0) == node.until:
                return status
            if (settled is not None and self.world.net_missed and self.proc.now >= settled
                    and waits_on_network(node, self)):
                # The cluster's answers no longer change by themselves: the program waits until
                # a pod or Service changes, and then the kubelet plans it again.
                self._endless_from_here()
            try:
                status = self.run_list(node.body, io)
            except LoopControl as e:
                if e.n > 1:
                    e.n -= 1
                    raise
                if e.kind == "break":
                    return 0
                status = 0

    def run_for(self, node: S.For, io: IO) -> int:
        values = list(self.positional) if node.words is None else self.expand_words(node.words, io)
        status = 0
        for value in values:
            self.set_var(node.var, value)
            try:
                status = self.run_list(node.body, io)
            except LoopControl as e:
                if e.n > 1:
                    e.n -= 1
                    raise
                if e.kind == "break":
                    return 0
        return status

    def run_case(self, node: S.Case, io: IO) -> int:
        subject = self.expand_str(node.word, io)
        for patterns, body in node.items:
            for pat in patterns:
                if re.fullmatch(pattern_regex(self.expand_pattern(pat, io)), subject, re.S):
                    return self.run_list(body, io)
        return 0

    def call_function(self, name: str, args: list[str], io: IO) -> int:
        if self.depth >= MAX_CALL_DEPTH:
            raise Bound("function call depth exceeded")
        saved_pos, saved_depth = self.positional, self.depth
        self.positional = list(args)
        self.depth += 1
        self.locals_stack.append({})
        try:
            return self.run_command(self.funcs[name], io)
        except FuncReturn as e:
            return e.code
        finally:
            frame = self.locals_stack.pop()
            for var, old in frame.items():
                if old is None:
                    self.vars.pop(var, None)
                else:
                    self.vars[var] = old
            self.positional, self.depth = saved_pos, saved_depth

    def run_simple(self, node: S.Simple, io: IO) -> int:
        self.line = node.line
        self.subst_status: int | None = None
        try:
            words = self.expand_words(node.words, io)
            if not words:
                for name, value in node.assigns:
                    self.set_var(name, self.expand_str(value, io, assign=True))
                if node.redirs:
                    self.redirect(node.redirs, io)
                return self.subst_status or 0
            assigns = [(name, self.expand_str(value, io, assign=True)) for name, value in node.assigns]
            cmd_io = self.redirect(node.redirs, io) if node.redirs else io
        except ShellError as e:
            self.err(io, e.text)
            if e.fatal and not self.is_interactive():
                raise ShellExit(e.code) from None
            return e.code
        name = words[0]
        if name in SPECIAL_BUILTINS:
            for var, value in assigns:
                self.set_var(var, value)
            return self.world.commands.run_builtin(self, words, cmd_io)
        if name in self.funcs:
            saved = {var: self.vars.get(var) for var, _ in assigns}
            for var, value in assigns:
                self.vars[var] = value
            try:
                return self.call_function(name, words[1:], cmd_io)
            finally:
                for var, old in saved.items():
                    if old is None:
                        self.vars.pop(var, None)
                    else:
                        self.vars[var] = old
        env_over = dict(assigns)
        return self.world.commands.run_command(self, words, cmd_io, env_over)

    def is_interactive(self) -> bool:
        return "i" in self.opts

    # ---- redirections ----------------------------------------------------------------------
    def redirect(self, redirs: list[S.Redir], io: IO) -> IO:
        fds: dict[int, object] = {0: io.stdin, 1: io.out, 2: io.err}
        for r in redirs:
            if r.op in ("<<", "<<-"):
                body = r.heredoc or ""
                if not r.heredoc_quoted:
                    body = self.expand_heredoc(body, io)
                fds[r.fd] = StrReader(body)
                continue
            target = self.expand_str(r.target, io) if r.target is not None else ""
            if r.op in (">&", "<&"):
                if target == "-":
                    fds[r.fd] = NullWriter() if r.fd else StrReader("")
                elif target.isdigit() and int(target) in fds:
                    fds[r.fd] = fds[int(target)]
                elif target.isdigit():
                    raise ShellError(f"{target}: bad file descriptor" if self.name == "bash" else f"can't create {target}: Bad file descriptor" if False else f"{target}: bad file descriptor")
                else:
                    fds[r.fd] = self.open_write(target, False)
                    if r.op == ">&" and r.fd == 1:
                        fds[2] = fds[1]
                continue
            if r.op in ("<", "<>"):
                fds[r.fd] = self.open_read(target)
                continue
            special = normpath(target, self.cwd)
            if special in ("/dev/stdout", "/proc/self/fd/1"):
                fds[r.fd] = fds[1]
            elif special in ("/dev/stderr", "/proc/self/fd/2"):
                fds[r.fd] = fds[2]
            else:
                fds[r.fd] = self.open_write(target, r.op == ">>")
        stdin = fds[0] if isinstance(fds[0], Reader) else StrReader("")
        out = fds[1] if isinstance(fds[1], Writer) else NullWriter()
        err = fds[2] if isinstance(fds[2], Writer) else NullWriter()
        return IO(stdin, out, err)

    def open_write(self, target: str, append: bool) -> Writer:
        path = normpath(target, self.cwd)
        if path == "/dev/null":
            return NullWriter()
        if path == "/proc/1/fd/1":
            return SinkWriter(self.world, "stdout", self.proc)
        if path == "/proc/1/fd/2":
            return SinkWriter(self.world, "stderr", self.proc)
        fs = self.world.fs
        try:
            if fs.is_dir(path):
                raise FsError("Is a directory")
            if not append or not fs.is_file(path):
                fs.write(path, b"", now_ns=self.proc.now)
        except FsError as e:
            raise ShellError(f"can't create {target}: {e.text}" if self.name != "bash" else f"{target}: {e.text}") from None
        return FileWriter(self, path)

    def open_read(self, target: str) -> Reader:
        path = normpath(target, self.cwd)
        if path == "/dev/null":
            return StrReader("")
        try:
            return StrReader(self.world.fs.read_text(path))
        except FsError as e:
            raise ShellError(f"can't open {target}: {e.text}" if self.name != "bash" else f"{target}: {e.text}") from None

    # ---- expansion -------------------------------------------------------------------------
    def expand_heredoc(self, body: str, io: IO) -> str:
        parser = S.Parser(body)
        parser.i = 0
        parts: list[tuple] = []
        buf: list[str] = []
        s = body
        while parser.i < len(s):
            c = s[parser.i]
            if c == "\\" and parser.i + 1 < len(s) and s[parser.i + 1] in "$`\\\n":
                if s[parser.i + 1] != "\n":
                    buf.append(s[parser.i + 1])
                parser.i += 2
            elif c in "$`":
                if buf:
                    parts.append(("q", "".join(buf)))
                    buf = []
                try:
                    parts.append(parser._read_dollar(True) if c == "$" else parser._read_backtick(True))
                except S.ShellSyntaxError as e:
                    raise ShellError(str(e), 2) from None
            else:
                buf.append(c)
                parser.i += 1
        if buf:
            parts.append(("q", "".join(buf)))
        return self.expand_str(tuple(parts), io)

    def expand_words(self, words: list[S.Word], io: IO) -> list[str]:
        out: list[str] = []
        for w in words:
            out.extend(self.expand_word(w, io))
        return out

    def expand_str(self, word: S.Word | None, io: IO, assign: bool = False) -> str:
        """A word expanded to one string: no field splitting, no globbing."""
        if word is None:
            return ""
        segs = self.segments(word, io, tilde=True, assign=assign)
        return "".join(text for text, _kind in segs if _kind != "break")

    def expand_pattern(self, word: S.Word, io: IO) -> list[tuple[str, bool]]:
        segs = self.segments(word, io, tilde=True)
        return [(text, kind in ("lit", "exp")) for text, kind in segs if kind != "break"]

    def expand_word(self, word: S.Word, io: IO) -> list[str]:
        if len(word) == 2 and word[0][0] == "param" and word[0][1] == "@" and word[0][4] and word[1] == ("q", "") \
                and not self.positional:
            return []
        segs = self.segments(word, io, tilde=True)
        ifs = self.vars.get("IFS", " \t\n")
        fields: list[list[tuple[str, bool]]] = []
        cur: list[tuple[str, bool]] = []
        keep = False  # the current field exists even if empty (quoted part)

        def close() -> None:
            nonlocal cur, keep
            if cur or keep:
                fields.append(cur)
            cur, keep = [], False

        for text, kind in segs:
            if kind == "break":
                fields.append(cur)
                cur, keep = [], True
                continue
            if kind == "q":
                cur.append((text, False))
                keep = True
            elif kind == "lit":
                cur.append((text, True))
            else:  # unquoted expansion: field splitting
                if not ifs:
                    cur.append((text, True))
                    continue
                white = "".join(c for c in ifs if c in " \t\n")
                piece: list[str] = []
                i = 0
                while i < len(text):
                    c = text[i]
                    if c in ifs:
                        if piece:
                            cur.append(("".join(piece), True))
                            piece = []
                        if c in white:
                            while i + 1 < len(text) and text[i + 1] in white:
                                i += 1
                            if i + 1 < len(text) and text[i + 1] in ifs and text[i + 1] not in white:
                                i += 1
                            close()
                        else:
                            keep = True
                            fields.append(cur)
                            cur, keep = [], False
                    else:
                        piece.append(c)
                    i += 1
                if piece:
                    cur.append(("".join(piece), True))
        close()
        out: list[str] = []
        for f in fields:
            text = "".join(t for t, _ in f)
            if any(active and has_glob(t) for t, active in f):
                matches = self.glob(f)
                if matches:
                    out.extend(matches)
                    continue
            out.append(text)
        return out

    def glob(self, segs: list[tuple[str, bool]]) -> list[str]:
        # split the pattern into path components, keeping each char's quoting
        chars: list[tuple[str, bool]] = [(c, active) for t, active in segs for c in t]
        comps: list[list[tuple[str, bool]]] = [[]]
        for c, active in chars:
            if c == "/":
                comps.append([])
            else:
                comps[-1].append((c, active))
        absolute = bool(chars) and chars[0][0] == "/"
        if absolute:
            comps = comps[1:]
        fs = self.world.fs
        current = [("/" if absolute else "", "/" if absolute else self.cwd)]
        for n, comp in enumerate(comps):
            text = "".join(c for c, _ in comp)
            nxt: list[tuple[str, str]] = []
            if not any(a and c in "*?[" for c, a in comp):
                for shown, real in current:
                    path = normpath(text, real) if text else real
                    if n == len(comps) - 1 and not fs.exists(path) and text:
                        continue
                    nxt.append((shown + text + ("/" if n < len(comps) - 1 else ""), path))
            else:
                rx = re.compile(pattern_regex([(c, a) for c, a in comp]), re.S)
                for shown, real in current:
                    if not fs.is_dir(real):
                        continue
                    for name in fs.listdir(real):
                        if name.startswith(".") and not text.startswith("."):
                            continue
                        if rx.fullmatch(name):
                            path = normpath(name, real)
                            if n < len(comps) - 1 and not fs.is_dir(path):
                                continue
                            nxt.append((shown + name + ("/" if n < len(comps) - 1 else ""), path))
            current = nxt
            if not current:
                return []
        return sorted(shown for shown, _ in current)

    def segments(self, word: S.Word, io: IO, tilde: bool = False, assign: bool = False) -> list[tuple[str, str]]:
        """A word's parts expanded: (text, kind) with kind lit | q | exp | break."""
        out: list[tuple[str, str]] = []
        for idx, part in enumerate(word):
            kind = part[0]
            if kind == "lit":
                text = part[1]
                if idx == 0 and tilde and text.startswith("~"):
                    user, slash, rest = text[1:].partition("/")
                    if not user:
                        out.append((self.vars.get("HOME", "/root"), "q"))
                        text = slash + rest
                    elif user == "root":
                        out.append(("/root", "q"))
                        text = slash + rest
                out.append((text, "lit"))
            elif kind == "q":
                out.append((part[1], "q"))
            elif kind == "param":
                self.param_segments(part, io, out)
            elif kind == "cmd":
                text = self.command_subst(part[1], io)
                out.append((text, "q" if part[2] else "exp"))
            elif kind == "arith":
                text = self.expand_str(part[1], io)
                out.append((str(Arith(text, self).value()), "q" if part[2] else "exp"))
        return out

    def command_subst(self, node: S.CmdList, io: IO) -> str:
        sub = self.subshell()
        buf = BufWriter()
        try:
            status = sub.run_list(node, IO(StrReader(""), buf, io.err))
        except ShellExit as e:
            status = e.code
        self.subst_status = status
        self.status = status
        return buf.text().rstrip("\n")

    def param_value(self, name: str) -> str | None:
        if name.isdigit():
            n = int(name)
            if n == 0:
                return self.arg0
            return self.positional[n - 1] if n <= len(self.positional) else None
        if name == "?":
            return str(self.status)
        if name == "$":
            return "1"
        if name == "#":
            return str(len(self.positional))
        if name == "!":
            return str(self.last_bg) if self.last_bg else None
        if name == "-":
            return "".join(sorted(self.opts))
        if name in ("@", "*"):
            if not self.positional:
                return None
            sep = self.vars.get("IFS", " \t\n")[:1] if name == "*" else " "
            return sep.join(self.positional)
        return self.vars.get(name)

    def param_segments(self, part: tuple, io: IO, out: list[tuple[str, str]]) -> None:
        _kind, name, op, arg, quoted = part
        if name == "@" and quoted and not op:
            for n, value in enumerate(self.positional):
                if n:
                    out.append(("", "break"))
                out.append((value, "q"))
            return
        value = self.param_value(name)
        kind = "q" if quoted else "exp"
        if op == "len":
            out.append((str(len(value or "")), kind))
            return
        if op in ("-", ":-", "=", ":=", "?", ":?", "+", ":+"):
            unset = value is None or (op.startswith(":") and value == "")
            base = op[-1]
            if base == "-":
                if unset:
                    out.extend((t, k if k != "lit" else ("q" if quoted else "exp")) for t, k in self.segments(arg, io))
                    return
            elif base == "=":
                if unset:
                    value = self.expand_str(arg, io)
                    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                        raise ShellError(f"{name}: bad variable name" if False else f"${{{name}}}: can't assign", 2)
                    self.set_var(name, value)
            elif base == "?":
                if unset:
                    msg = self.expand_str(arg, io) or "parameter null or not set" if op == ":?" else (
                        self.expand_str(arg, io) or "parameter not set")
                    raise ShellError(f"{name}: {msg}", 2, fatal=True)
            elif base == "+":
                if not unset:
                    out.extend((t, k if k != "lit" else ("q" if quoted else "exp")) for t, k in self.segments(arg, io))
                return
            out.append((value or "", kind))
            return
        if value is None and "u" in self.opts and name not in ("@", "*", "!"):
            raise ShellError(f"{name}: parameter not set", 2, fatal=True)
        if op in ("#", "##", "%", "%%"):
            text = value or ""
            rx = pattern_regex(self.expand_pattern(arg, io)) if arg else ""
            value = strip_pattern(text, rx, op)
        out.append((value or "", kind))


def strip_pattern(text: str, rx: str, op: str) -> str:
    """``${x#p}``, ``${x##p}``, ``${x%p}``, ``${x%%p}``."""
    compiled = re.compile(rx, re.S)
    n = len(text)
    if op in ("#", "##"):
        rng = range(0, n + 1) if op == "#" else range(n, -1, -1)
        for k in rng:
            if compiled.fullmatch(text, 0, k):
                return text[k:]
        return text
    rng = range(n, -1, -1) if op == "%" else range(0, n + 1)
    for k in rng:
        if compiled.fullmatch(text, k, n):
            return text[:k]
    return text


_PARSE_CACHE: dict[str, S.CmdList] = {}


def parse_cached(text: str) -> S.CmdList:
    """Parse trees are pure: cache them per process (bounded)."""
    tree = _PARSE_CACHE.get(text)
    if tree is None:
        tree = S.parse(text)
        if len(_PARSE_CACHE) > 512:
            _PARSE_CACHE.clear()
        _PARSE_CACHE[text] = tree
    return tree


# ---- endless loops (next_exit's shortcut) --------------------------------------------------
_SAFE_COMMANDS = {"echo", "printf", "date", "sleep", "true", ":", "hostname", "cat", "env", "printenv", "uname",
                  "wget", "curl", "nslookup"}
_ENDLESS_CACHE: dict[object, bool] = {}  # keyed by id(node) (and ("net", id) for network waits)


def endless(node: S.Loop, sh: Shell) -> bool:
    """Whether a loop provably never ends (``while true; do ...; sleep N; done`` with a body
    that cannot exit, break, fail the shell or fall into a function)."""
    if "e" in sh.opts or "u" in sh.opts or any(name in sh.funcs for name in _SAFE_COMMANDS):
        return False
    key = id(node)
    cached = _ENDLESS_CACHE.get(key)
    if cached is None:
        cached = _endless(node)
        if len(_ENDLESS_CACHE) > 4096:
            _ENDLESS_CACHE.clear()
        _ENDLESS_CACHE[key] = cached
    return cached


_NETWORK_PROBES = {"nslookup", "wget", "curl", "nc", "ping"}
_CONSTANT_SUBSTITUTIONS = {"cat", "hostname", "echo", "printf"}


def _constant_word(word: S.Word) -> bool:
    """A word with the same value on every iteration: no parameters, only ``$(cat FILE)``-like
    substitutions of constant words."""
    for part in word:
        if part[0] in ("lit", "q"):
            continue
        if part[0] != "cmd":
            return False
        simples = _simple_of(part[1])
        if not simples or any(s.assigns or s.redirs or not s.words
                              or S.word_text(s.words[0]) not in _CONSTANT_SUBSTITUTIONS
                              or not all(_constant_word(w) for w in s.words) for s in simples):
            return False
    return True


def waits_on_network(node: S.Loop, sh: Shell) -> bool:
    """Whether a loop only waits for the network: ``until nslookup NAME; do ...; sleep N; done``
    (or ``while ! wget ...``), its probe's words constant and its body harmless. Its course then
    depends only on the cluster's answers."""
    if "e" in sh.opts or "u" in sh.opts or any(name in sh.funcs for name in _NETWORK_PROBES | _SAFE_COMMANDS):
        return False
    key = ("net", id(node))
    cached = _ENDLESS_CACHE.get(key)
    if cached is None:
        cached = _waits_on_network(node)
        _ENDLESS_CACHE[key] = cached
    return bool(cached)


def _waits_on_network(node: S.Loop) -> bool:
    items = node.cond.items
    if len(items) != 1 or items[0][1] or not isinstance(items[0][0], S.AndOr) or items[0][0].rest:
        return False
    pipe = items[0][0].first
    if len(pipe.cmds) != 1 or not isinstance(pipe.cmds[0], S.Simple):
        return False
    probe = pipe.cmds[0]
    if node.until == pipe.negate or probe.assigns or not probe.words:
        return False  # the loop must go on while the probe fails
    if S.word_text(probe.words[0]) not in _NETWORK_PROBES or not all(_constant_word(w) for w in probe.words):
        return False
    for r in probe.redirs:
        if not (r.op in (">", ">>") and r.target is not None and _constant_word(r.target)) and \
                not (r.op == ">&" and r.target is not None and S.word_text(r.target) in ("1", "2")):
            return False
    body = _simple_of(node.body)
    if not body or not all(_safe_simple(c) and not c.redirs for c in body):
        return False
    return any(_sleeps(c) for c in body)


def _simple_of(lst: S.CmdList) -> list[S.Simple] | None:
    out: list[S.Simple] = []
    for item, background in lst.items:
        if background or not isinstance(item, S.AndOr) or item.rest:
            return None
        pipe = item.first
        if pipe.negate or len(pipe.cmds) != 1 or not isinstance(pipe.cmds[0], S.Simple):
            return None
        out.append(pipe.cmds[0])
    return out


def _safe_word(word: S.Word) -> bool:
    for part in word:
        if part[0] == "arith":
            text = "".join(p[1] for p in part[1] if p[0] in ("q", "lit"))
            if "/" in text or "%" in text or not all(p[0] in ("q", "lit", "param") for p in part[1]):
                return False
        elif part[0] == "cmd":
            simples = _simple_of(part[1])
            if simples is None or not all(_safe_simple(s, allow_sleep=False) for s in simples):
                return False
        elif part[0] == "param" and part[2] and part[2] not in ("-", ":-", "+", ":+", "len"):
            return False
    return True


def _safe_simple(cmd: S.Simple, allow_sleep: bool = True) -> bool:
    if cmd.words:
        name = S.word_text(cmd.words[0])
        if name not in _SAFE_COMMANDS or (name == "sleep" and not allow_sleep):
            return False
        if name == "cat" and len(cmd.words) == 1:
            return False
    for r in cmd.redirs:
        if r.op not in (">", ">>") or r.fd not in (1, 2) or r.target is None or not _safe_word(r.target):
            return False
    return all(_safe_word(w) for w in cmd.words) and all(_safe_word(v) for _n, v in cmd.assigns)


def _endless(node: S.Loop) -> bool:
    cond = _simple_of(node.cond)
    if not cond or len(cond) != 1 or cond[0].assigns or cond[0].redirs:
        return False
    if not node.until and _sleeps(cond[0]):
        body = _simple_of(node.body)  # ``while sleep 1; do ...``: the condition moves the clock
        return body is not None and all(_safe_simple(c) for c in body)
    if len(cond[0].words) != 1:
        return False
    word = S.word_text(cond[0].words[0])
    if not ((not node.until and word in ("true", ":")) or (node.until and word == "false")):
        return False
    body = _simple_of(node.body)
    if not body or not all(_safe_simple(c) for c in body):
        return False
    return any(_sleeps(c) for c in body)  # one positive, literal sleep keeps the clock moving


def _sleeps(cmd: S.Simple) -> bool:
    """``sleep N`` with a positive literal N (always succeeds, always moves the clock)."""
    if len(cmd.words) != 2 or cmd.assigns or cmd.redirs or S.word_text(cmd.words[0]) != "sleep":
        return False
    arg = S.word_text(cmd.words[1]) or ""
    return bool(re.fullmatch(r"\d+(\.\d+)?[smhd]?", arg)) and float(re.sub(r"[smhd]$", "", arg)) > 0
