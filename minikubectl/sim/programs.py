"""What a container's program does, without running anything on the host.

A tiny, documented model: the container's ``command`` + ``args`` (or the image's
default entrypoint) is interpreted only when it is one of a few well-known
short-lived programs; everything else is a long-running server.

* ``echo ARGS`` prints ARGS and exits 0; ``true`` exits 0; ``false`` exits 1;
  ``sleep N`` (seconds; ``s``/``m``/``h``/``d`` suffixes; ``infinity`` = forever) exits 0 after N.
* ``sh|bash|ash|dash -c SCRIPT``: statements separated by ``;``, ``&&``, ``||`` or newlines,
  each one of ``echo``, ``true``, ``false``, ``sleep N``, ``exit [N]``, ``:``. The first
  statement outside that subset (loops, pipes, other programs) makes the program run
  forever from that point (after printing what came before).
* No command: the images ``busybox``, ``alpine``, ``ubuntu``, ``debian``, ``bash`` run ``sh``,
  which exits 0 at once without a terminal; any other image runs forever.

Signals: shells and ``sleep`` running as PID 1 ignore SIGTERM (the kernel gives PID 1 no
default handlers), so they stop only at SIGKILL, i.e. at the end of the grace period; any
other program stops ``TERM_EXIT_MS`` after SIGTERM (nginx and most images exit promptly).
"""

from __future__ import annotations

import shlex

from minikubectl.golang.structs import dataclass, field
from minikubectl.sim.images import base_name

TERM_EXIT_MS = 1000
SHELLS = {"sh", "bash", "ash", "dash"}
SHELL_IMAGES = {"busybox", "alpine", "ubuntu", "debian", "bash"}
# Lines a few well-known images print when they start (anything else prints nothing).
STARTUP_OUTPUT = {"kubia": ["Kubia server starting..."]}


@dataclass
class Program:
    """The modelled behaviour of one container run."""

    duration_ms: int | None  # None: runs until stopped
    exit_code: int = 0
    output: list[str] = field(default_factory=list)
    ignores_sigterm: bool = False


def _sleep_ms(arg: str) -> int | None:
    """Milliseconds of ``sleep ARG``; None for infinity; raises ValueError when not a number."""
    if arg == "infinity":
        return None
    factor = {"s": 1, "m": 60, "h": 3600, "d": 86400}.get(arg[-1:], 0)
    number = arg[:-1] if factor else arg
    seconds = float(number) * (factor or 1)
    if seconds < 0:
        raise ValueError(arg)
    return int(seconds * 1000)


def _run_script(script: str) -> Program:
    """Interpret a shell script in the supported subset."""
    try:
        lexer = shlex.shlex(script.replace("\n", ";"), posix=True, punctuation_chars=";&|")
        lexer.whitespace_split = True
        tokens = list(lexer)
    except ValueError:
        return Program(None, ignores_sigterm=True)
    statements: list[tuple[str, list[str]]] = []  # (operator before, words)
    words: list[str] = []
    op = ";"
    for token in tokens:
        if token in (";", "&&", "||"):
            statements.append((op, words))
            words, op = [], token
        elif token and set(token) <= set(";&|"):
            return Program(None, ignores_sigterm=True)  # pipes, background jobs
        else:
            words.append(token)
    statements.append((op, words))
    output: list[str] = []
    elapsed = 0
    status = 0
    for op, argv in statements:
        if not argv:
            continue
        if (op == "&&" and status != 0) or (op == "||" and status == 0):
            continue
        name = argv[0]
        if name == "echo":
            output.append(" ".join(argv[1:]))
            status = 0
        elif name in ("true", ":"):
            status = 0
        elif name == "false":
            status = 1
        elif name == "exit":
            try:
                code = int(argv[1]) & 255 if len(argv) > 1 else status
            except ValueError:
                code = 2
            return Program(elapsed, code, output, ignores_sigterm=True)
        elif name == "sleep" and len(argv) == 2:
            try:
                ms = _sleep_ms(argv[1])
            except ValueError:
                return Program(None, output=output, ignores_sigterm=True)
            if ms is None:
                return Program(None, output=output, ignores_sigterm=True)
            elapsed += ms
            status = 0
        else:
            return Program(None, output=output, ignores_sigterm=True)
    return Program(elapsed, status, output, ignores_sigterm=True)


def program_for(container: dict) -> Program:
    """The modelled run of a container (see the module docstring)."""
    command = [str(x) for x in (container.get("command") or [])]
    args = [str(x) for x in (container.get("args") or [])]
    image = base_name(str(container.get("image", "")))
    argv = command + args if command else args
    if not argv:
        if image in SHELL_IMAGES:
            return Program(0, 0, ignores_sigterm=True)
        return Program(None, output=list(STARTUP_OUTPUT.get(image, [])))
    if not command and image not in SHELL_IMAGES:
        # args only: the image's own entrypoint receives them; assume a server.
        return Program(None, output=list(STARTUP_OUTPUT.get(image, [])))
    return run_argv(argv)


def run_argv(argv: list[str]) -> Program:
    """Interpret an argv (also used for exec hooks)."""
    name = argv[0].rsplit("/", 1)[-1]
    if name in SHELLS:
        if len(argv) >= 3 and argv[1] == "-c":
            return _run_script(argv[2])
        if len(argv) == 1:
            return Program(0, 0, ignores_sigterm=True)
        return Program(None, ignores_sigterm=True)
    if name == "echo":
        return Program(0, 0, [" ".join(argv[1:])])
    if name == "true":
        return Program(0, 0)
    if name == "false":
        return Program(0, 1)
    if name == "sleep" and len(argv) == 2:
        try:
            ms = _sleep_ms(argv[1])
        except ValueError:
            return Program(0, 1, ignores_sigterm=True)
        return Program(ms, 0, ignores_sigterm=True)
    return Program(None)


def hook_ms(handler: dict | None) -> int:
    """How long a lifecycle hook handler runs (exec: the program model; unknown commands 1 s;
    httpGet 100 ms; sleep: its seconds)."""
    if not handler:
        return 0
    if "sleep" in handler:
        return int(float((handler.get("sleep") or {}).get("seconds", 0)) * 1000)
    if "exec" in handler:
        argv = [str(x) for x in ((handler.get("exec") or {}).get("command") or [])]
        if not argv:
            return 0
        program = run_argv(argv)
        return program.duration_ms if program.duration_ms is not None else 1000
    if "httpGet" in handler:
        return 100
    return 0
