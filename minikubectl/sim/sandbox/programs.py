"""Running a command: shell built-ins, ``PATH`` look-up in the simulated filesystem, the shells
themselves (``sh``/``ash``/``bash``/``dash``), applets and the images' server programs."""

from __future__ import annotations

import posixpath
import re

from minikubectl.sim.sandbox import syntax as S
from minikubectl.sim.sandbox.fs import normpath
from minikubectl.sim.sandbox import applets, servers
from minikubectl.sim.sandbox.interp import (IO, NS, Arith, FuncReturn, LoopControl, Shell, ShellError, ShellExit,
                                            StdinReader, StrReader, block_forever, exec_start_error, find_program,
                                            parse_cached, sleep_ns)

SHELLS = {"sh", "ash", "bash", "dash"}
SHELL_APPLETS = {"echo", "printf", "test", "[", "kill", "pwd", "true", "false"}
SIGNALS = {"HUP": 1, "INT": 2, "QUIT": 3, "KILL": 9, "USR1": 10, "USR2": 12, "TERM": 15, "CHLD": 17,
           "WINCH": 28}


def run_argv(sh: Shell, argv: list[str], io: IO) -> int:
    """Execute a program by argv (no shell look-up of functions or built-ins), as exec(2) would."""
    path = find_program(sh.world, argv[0], sh.vars.get("PATH"), sh.cwd)
    if path is None:
        sh.err(io, f"{argv[0]}: not found")
        return 127
    return run_file(sh, path, argv, io)


def run_file(sh: Shell, path: str, argv: list[str], io: IO) -> int:
    """Run an executable file of the image: a shell, an applet, a server or a script."""
    base = posixpath.basename(path)
    if base in SHELLS:
        return run_shell(sh, base, argv, io)
    server = servers.SERVERS.get(path) or servers.SERVERS.get(base)
    if server is not None:
        return server(sh, argv, io)
    func = applets.APPLETS.get(base)
    if func is not None:
        return func(sh, argv, io)
    data = sh.world.fs.read(path) or b""
    if data.startswith(b"#!"):
        first = data.split(b"\n", 1)[0][2:].decode(errors="replace").split()
        interp = first[0] if first else "/bin/sh"
        if posixpath.basename(interp) == "env" and len(first) > 1:
            interp = first[1]
        if posixpath.basename(interp) in SHELLS:
            return run_shell(sh, posixpath.basename(interp), [interp, path] + argv[1:], io)
    if not data:
        return 0  # an image binary the simulation does not model: it runs and succeeds
    sub = sh.subshell()
    return run_script(sub, data.decode(errors="replace"), io)


def run_script(sh: Shell, text: str, io: IO) -> int:
    """Interpret a script; a syntax error ends it with status 2."""
    try:
        tree = parse_cached(text)
    except S.ShellSyntaxError as e:
        sh.err(io, str(e))
        return 2
    try:
        return sh.run_list(tree, io)
    except ShellExit as e:
        return e.code
    except (LoopControl,):
        return sh.status
    except FuncReturn as e:
        return e.code


def run_shell(parent: Shell, name: str, argv: list[str], io: IO) -> int:
    """``sh [-e] [-x] -c SCRIPT [NAME [ARGS...]]``, ``sh FILE ARGS``, or commands from stdin."""
    sh = Shell(parent.world, parent.proc, parent.env(), parent.cwd, "bash" if name == "bash" else "sh")
    sh.is_pid1 = parent.is_pid1
    parent.world.pid1 = sh if parent.is_pid1 else parent.world.pid1
    args = list(argv[1:])
    script: str | None = None
    while args and args[0].startswith("-") and args[0] not in ("-", "--"):
        flag = args.pop(0)
        if flag in ("-c",):
            if not args:
                sh.err(io, "-c requires an argument")
                return 2
            script = args.pop(0)
            break
        if flag in ("-l", "--login", "-i", "-s"):
            if flag == "-i":
                sh.opts.add("i")
            continue
        for ch in flag[1:]:
            if ch == "c":
                if not args:
                    sh.err(io, "-c requires an argument")
                    return 2
                script = args.pop(0)
            elif ch in "eux":
                sh.opts.add(ch)
        if script is not None:
            break
    if args and args[0] == "--":
        args.pop(0)
    if script is not None:
        if args:
            sh.arg0 = args[0]
            sh.positional = args[1:]
        return _with_exit_trap(sh, run_script(sh, script, io), io)
    if args:
        path = normpath(args[0], sh.cwd)
        data = sh.world.fs.read(path)
        if data is None:
            sh.err(io, f"can't open '{args[0]}': No such file or directory" if name != "bash"
                   else f"{args[0]}: No such file or directory")
            return 127 if name == "bash" else 2
        sh.arg0 = args[0]
        sh.positional = args[1:]
        return _with_exit_trap(sh, run_script(sh, data.decode(errors="replace"), io), io)
    return _with_exit_trap(sh, run_interactive(sh, io), io)


def _with_exit_trap(sh: Shell, code: int, io: IO) -> int:
    """Run an EXIT trap once when the shell ends normally."""
    action = sh.traps.pop("EXIT", None)
    if action:
        sh.status = code
        try:
            sh.eval_text(action, io)
        except ShellExit as e:
            return e.code
    return code


def run_interactive(sh: Shell, io: IO) -> int:
    """Commands read from stdin line by line (``kubectl run -i -- sh``, ``exec -i ... sh``)."""
    buf = ""
    while True:
        line = io.stdin.read_line()
        if line is None:
            return sh.status
        buf += line
        try:
            tree = parse_cached(buf)
        except S.ShellSyntaxError as e:
            if "end of file" in str(e) or "unterminated" in str(e):
                continue  # an unfinished construct: read the next line
            sh.err(io, str(e))
            buf = ""
            sh.status = 2
            continue
        buf = ""
        try:
            sh.run_list(tree, io)
        except ShellExit as e:
            return e.code
        except (LoopControl, FuncReturn):
            pass


def run_command(sh: Shell, words: list[str], io: IO, env_over: dict[str, str]) -> int:
    """A simple command after expansion: regular built-ins first, then ``PATH``."""
    name = words[0]
    builtin = REGULAR_BUILTINS.get(name)
    if builtin is not None:
        return builtin(sh, words, io)
    if name in SHELL_APPLETS or (name == "sleep" and sh.world.flavor == "busybox"):
        # ash and bash have these built in: they work even when the image has no such file
        return applets.APPLETS[name](_with_env(sh, env_over), words, io)
    path = find_program(sh.world, name, env_over.get("PATH", sh.vars.get("PATH")), sh.cwd)
    if path is None:
        if "/" in name:
            sh.err(io, f"{name}: not found" if sh.name != "bash" else f"{name}: No such file or directory")
        elif sh.name == "bash":
            sh.err(io, f"{name}: command not found")
        else:
            sh.err(io, f"{name}: not found")
        return 127
    if not sh.world.fs.is_executable(path):
        sh.err(io, f"{name}: Permission denied")
        return 126
    return run_file(_with_env(sh, env_over), path, words, io)


def _with_env(sh: Shell, env_over: dict[str, str]) -> Shell:
    if not env_over:
        return sh
    sub = sh.subshell()
    sub.is_pid1 = sh.is_pid1
    for k, v in env_over.items():
        sub.vars[k] = v
        sub.exported.add(k)
    return sub


# ---- built-ins ------------------------------------------------------------------------------
def run_builtin(sh: Shell, words: list[str], io: IO) -> int:
    """A special built-in (its variable assignments persist)."""
    return SPECIAL[words[0]](sh, words, io)


def _colon(sh: Shell, w: list[str], io: IO) -> int:
    return 0


def _exit(sh: Shell, w: list[str], io: IO) -> int:
    code = sh.status
    if len(w) > 1:
        try:
            code = int(w[1]) & 255
        except ValueError:
            sh.err(io, f"exit: Illegal number: {w[1]}")
            code = 2
    raise ShellExit(code)


def _return(sh: Shell, w: list[str], io: IO) -> int:
    raise FuncReturn(int(w[1]) & 255 if len(w) > 1 and w[1].lstrip("-").isdigit() else sh.status)


def _loopctl(sh: Shell, w: list[str], io: IO) -> int:
    n = int(w[1]) if len(w) > 1 and w[1].isdigit() else 1
    raise LoopControl(w[0], max(n, 1))


def _export(sh: Shell, w: list[str], io: IO) -> int:
    if len(w) == 1 or w[1:] == ["-p"]:
        for k in sorted(sh.exported):
            if k in sh.vars:
                io.out.write(f"export {k}='{sh.vars[k]}'\n")
        return 0
    for arg in w[1:]:
        if arg == "-n":
            continue
        name, eq, value = arg.partition("=")
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            sh.err(io, f"export: {name}: bad variable name")
            return 2
        if eq:
            sh.set_var(name, value)
        sh.exported.add(name)
    return 0


def _readonly(sh: Shell, w: list[str], io: IO) -> int:
    for arg in w[1:]:
        name, eq, value = arg.partition("=")
        if eq:
            sh.set_var(name, value)
        sh.readonly.add(name)
    return 0


def _unset(sh: Shell, w: list[str], io: IO) -> int:
    funcs = "-f" in w
    for name in w[1:]:
        if name.startswith("-"):
            continue
        if funcs:
            sh.funcs.pop(name, None)
        elif name in sh.readonly:
            sh.err(io, f"unset: {name}: readonly variable" if sh.name == "bash" else f"{name}: is read only")
            return 1
        else:
            sh.vars.pop(name, None)
            sh.exported.discard(name)
    return 0


def _set(sh: Shell, w: list[str], io: IO) -> int:
    args = w[1:]
    if not args:
        for k in sorted(sh.vars):
            io.out.write(f"{k}='{sh.vars[k]}'\n")
        return 0
    while args and args[0][:1] in ("-", "+") and args[0] not in ("-", "--"):
        flag = args.pop(0)
        on = flag[0] == "-"
        if flag[1:] == "o" and args:
            opt = {"errexit": "e", "nounset": "u", "xtrace": "x", "pipefail": "p"}.get(args.pop(0), "")
            chars = opt
        else:
            chars = flag[1:]
        for ch in chars:
            (sh.opts.add if on else sh.opts.discard)(ch)
    if args and args[0] in ("-", "--"):
        args.pop(0)
        sh.positional = args
    elif args:
        sh.positional = args
    return 0


def _shift(sh: Shell, w: list[str], io: IO) -> int:
    n = int(w[1]) if len(w) > 1 and w[1].isdigit() else 1
    if n > len(sh.positional):
        sh.err(io, "shift: can't shift that many")
        return 2 if sh.name != "bash" else 1
    sh.positional = sh.positional[n:]
    return 0


def _trap(sh: Shell, w: list[str], io: IO) -> int:
    args = w[1:]
    if not args:
        for sig, action in sorted(sh.traps.items()):
            io.out.write(f"trap -- '{action}' {sig}\n")
        return 0
    if args[0] == "-p":
        return _trap(sh, [w[0]], io)
    if len(args) == 1 or args[0] == "-" or args[0].isdigit() and len(args) >= 1 and False:
        action = None
        sigs = args[1:] if args[0] == "-" else args
    else:
        action, sigs = args[0], args[1:]
    if action == "-":
        action = None
    for sig in sigs:
        s = sig.upper()
        s = s[3:] if s.startswith("SIG") else s
        if s.isdigit():
            s = {v: k for k, v in SIGNALS.items()}.get(int(s), "EXIT" if s == "0" else s)
        if s not in SIGNALS and s != "EXIT":
            sh.err(io, f"trap: {sig}: bad trap" if sh.name != "bash" else f"trap: {sig}: invalid signal specification")
            return 1
        if action is None:
            sh.traps.pop(s, None)
        else:
            sh.traps[s] = action
    return 0


def _eval(sh: Shell, w: list[str], io: IO) -> int:
    return sh.eval_text(" ".join(w[1:]), io) if len(w) > 1 else 0


def _exec(sh: Shell, w: list[str], io: IO) -> int:
    if len(w) == 1:
        return 0
    path = find_program(sh.world, w[1], sh.vars.get("PATH"), sh.cwd)
    if path is None:
        sh.err(io, f"exec: {w[1]}: not found")
        raise ShellExit(127)
    code = run_file(sh, path, w[1:], io)
    raise ShellExit(code)


def _source(sh: Shell, w: list[str], io: IO) -> int:
    if len(w) < 2:
        return 0
    path = normpath(w[1], sh.cwd)
    data = sh.world.fs.read(path)
    if data is None:
        sh.err(io, f"{w[0]}: can't open '{w[1]}': No such file or directory")
        raise ShellExit(2) if sh.name != "bash" else ShellExit(1)
    try:
        return sh.run_list(parse_cached(data.decode(errors="replace")), io)
    except S.ShellSyntaxError as e:
        sh.err(io, str(e))
        return 2


def _times(sh: Shell, w: list[str], io: IO) -> int:
    io.out.write("0m0.000000s 0m0.000000s\n0m0.000000s 0m0.000000s\n")
    return 0


SPECIAL = {":": _colon, "exit": _exit, "return": _return, "break": _loopctl, "continue": _loopctl,
           "export": _export, "readonly": _readonly, "unset": _unset, "set": _set, "shift": _shift,
           "trap": _trap, "eval": _eval, "exec": _exec, ".": _source, "source": _source, "times": _times}


def _cd(sh: Shell, w: list[str], io: IO) -> int:
    target = w[1] if len(w) > 1 else sh.vars.get("HOME", "/")
    if target == "-":
        target = sh.vars.get("OLDPWD", sh.cwd)
    path = normpath(target, sh.cwd)
    if not sh.world.fs.is_dir(path):
        why = "Not a directory" if sh.world.fs.is_file(path) else "No such file or directory"
        sh.err(io, f"cd: can't cd to {target}: {why}" if sh.name != "bash" else f"cd: {target}: {why}")
        return 2 if sh.name != "bash" else 1
    sh.vars["OLDPWD"] = sh.cwd
    sh.cwd = path
    sh.vars["PWD"] = path
    return 0


def _read(sh: Shell, w: list[str], io: IO) -> int:
    args = w[1:]
    raw = False
    prompt = ""
    while args and args[0].startswith("-") and len(args[0]) > 1:
        flag = args.pop(0)
        if flag == "-r":
            raw = True
        elif flag == "-p" and args:
            prompt = args.pop(0)
        elif flag in ("-t", "-n", "-u") and args:
            args.pop(0)
    if prompt:
        io.err.write(prompt)
    line = io.stdin.read_line()
    if line is None:
        for name in args or ["REPLY"]:
            sh.set_var(name, "")
        return 1
    text = line[:-1] if line.endswith("\n") else line
    if not raw:
        text = re.sub(r"\\(.)", r"\1", text)
    names = args or ["REPLY"]
    if names == ["REPLY"]:
        sh.set_var("REPLY", text)
        return 0
    ifs = sh.vars.get("IFS", " \t\n")
    fields = text.strip(" \t").split(None) if ifs == " \t\n" else re.split("[" + re.escape(ifs) + "]", text)
    for i, name in enumerate(names):
        if i == len(names) - 1:
            rest = fields[i:]
            sh.set_var(name, (" " if ifs == " \t\n" else ifs[:1]).join(rest))
        else:
            sh.set_var(name, fields[i] if i < len(fields) else "")
    return 0


def _wait(sh: Shell, w: list[str], io: IO) -> int:
    """``wait``: until the background jobs end; a signal with a trap interrupts it at once."""
    if not sh.jobs:
        return 0
    end = max(sh.jobs)
    interrupted = sh.proc.advance(end, interruptible=sh.is_pid1)
    if interrupted:
        return 128 + SIGNALS.get(sh.world.signals[0], 15) if sh.world.signals else 143
    sh.jobs = []
    return 0


def _local(sh: Shell, w: list[str], io: IO) -> int:
    if not sh.locals_stack:
        sh.err(io, "local: not in a function")
        return 2
    frame = sh.locals_stack[-1]
    for arg in w[1:]:
        name, eq, value = arg.partition("=")
        if name not in frame:
            frame[name] = sh.vars.get(name)
        if eq:
            sh.set_var(name, value)
    return 0


def _type(sh: Shell, w: list[str], io: IO) -> int:
    verbose = w[0] == "type"
    args = w[1:]
    if w[0] == "command":
        if not args:
            return 0
        if args[0] in ("-v", "-V"):
            verbose = args[0] == "-V"
            args = args[1:]
        else:
            from minikubectl.sim.sandbox.interp import SPECIAL_BUILTINS
            if args[0] in SPECIAL_BUILTINS:
                return run_builtin(sh, args, io)
            return run_command(sh, args, io, {})
    code = 0
    for name in args:
        if name in sh.funcs:
            io.out.write(f"{name} is a function\n" if verbose else f"{name}\n")
        elif name in SPECIAL or name in REGULAR_BUILTINS:
            io.out.write(f"{name} is a shell builtin\n" if verbose else f"{name}\n")
        else:
            path = find_program(sh.world, name, sh.vars.get("PATH"), sh.cwd)
            if path:
                io.out.write(f"{name} is {path}\n" if verbose else f"{path}\n")
            else:
                if verbose:
                    io.out.write(f"{name}: not found\n")
                code = 127 if verbose else 1
    return code


def _noop(sh: Shell, w: list[str], io: IO) -> int:
    return 0


def _let(sh: Shell, w: list[str], io: IO) -> int:
    value = 0
    for expr in w[1:]:
        value = Arith(expr, sh).value()
    return int(value == 0)


def _ulimit(sh: Shell, w: list[str], io: IO) -> int:
    if len(w) == 1 or w[1] in ("-f", "-n"):
        io.out.write("unlimited\n" if len(w) == 1 or w[1] == "-f" else "1048576\n")
    return 0


def _umask(sh: Shell, w: list[str], io: IO) -> int:
    if len(w) == 1:
        io.out.write("0022\n")
    return 0


def _jobs(sh: Shell, w: list[str], io: IO) -> int:
    return 0


REGULAR_BUILTINS = {"cd": _cd, "read": _read, "wait": _wait, "local": _local, "type": _type, "command": _type,
                    "getopts": _noop, "umask": _umask, "ulimit": _ulimit, "hash": _noop, "alias": _noop,
                    "unalias": _noop, "jobs": _jobs, "let": _let, "declare": _local, "typeset": _local}


__all__ = ["run_argv", "run_command", "run_builtin", "exec_start_error", "find_program", "block_forever",
           "sleep_ns", "NS", "StdinReader", "StrReader", "ShellError"]
