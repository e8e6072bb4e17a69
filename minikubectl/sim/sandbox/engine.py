"""Building a container instance from its Launch and replaying its program (see the package doc)."""

from __future__ import annotations

import posixpath
from typing import Any

from minikubectl.sim.sandbox import images, programs
from minikubectl.sim.sandbox.fs import FileSystem, FsError, normpath
from minikubectl.sim.sandbox.interp import (IO, Bound, FuncReturn, Killed, LoopControl, Proc, Shell, ShellExit,
                                            SinkWriter, StdinReader, Stop, StrReader, World, find_program)
from minikubectl.sim.sandbox.results import ExecResult, RunResult

_BASE_FS: dict[str, FileSystem] = {}
RUNC_CREATE = ("failed to create containerd task: failed to create shim task: OCI runtime create failed: "
               "runc create failed: unable to start container process: ")


def _base_fs(info: images.ImageInfo, launch: dict[str, Any]) -> FileSystem:
    """The image's filesystem (cached per process) plus the pod's files (hostname, hosts, resolv.conf)."""
    hostname = str(launch.get("hostname") or "localhost")
    hosts = launch.get("hosts") or []
    nameserver = str(launch.get("nameserver") or "10.96.0.10")
    search = list(launch.get("search") or [])
    cached = _BASE_FS.get(info.name)
    if cached is None:
        cached = FileSystem()
        files: dict[str, str | bytes] = dict(images.base_files(info, "localhost", [], nameserver, []))
        applets = info.applets if info.known else images.BUSYBOX
        executable = set()
        for name in sorted(applets):
            path = images.program_path(info if info.known else images.CATALOGUE["busybox"], name)
            paths = [path]
            if info.base == "debian" and not name.startswith("/"):
                paths += ["/bin/" + name, "/usr/bin/" + name]  # merged /usr: /bin is /usr/bin
            for p in paths:
                files.setdefault(p, b"")
                executable.add(p)
        cached.add_tree(files, 0, frozenset(executable))
        for path in executable:
            cached.modes[path] = 0o755
        if len(_BASE_FS) > 64:
            _BASE_FS.clear()
        _BASE_FS[info.name] = cached
    fs = cached.copy()
    pod_files = images.base_files(info, hostname, hosts, nameserver, search)
    for path in ("/etc/hostname", "/etc/hosts", "/etc/resolv.conf"):
        fs.write(path, pod_files[path].encode())
    return fs


def build(launch: dict[str, Any], until_ns: int, net: Any, fast: bool) -> tuple[World, Proc, images.ImageInfo]:
    """A fresh instance of the container at its start."""
    info = images.lookup(str(launch.get("image", "")))
    start = int(launch.get("start_ns") or 0)
    fs = _base_fs(info, launch)
    for path, content in sorted((launch.get("mounts") or {}).items()):
        try:
            fs.add_tree({normpath(str(path)): content if content is not None else ""}, start)
        except FsError:
            continue
    env = dict(launch.get("env") or {})
    for key, value in info.env:
        env.setdefault(key, value)
    env.setdefault("HOME", "/root")
    env.setdefault("HOSTNAME", str(launch.get("hostname") or "localhost"))
    workdir = str(launch.get("workdir") or info.workdir or "/")
    if not fs.is_dir(workdir):
        try:
            fs.mkdir(workdir, True, start)
        except FsError:
            workdir = "/"
    inputs = sorted((list(item) for item in launch.get("inputs") or []), key=lambda item: int(item[1]))
    world = World(fs=fs, env=env, workdir=workdir, hostname=str(launch.get("hostname") or "localhost"),
                  applets=info.applets, flavor="debian" if info.base == "debian" else "busybox", inputs=inputs,
                  commands=programs, stdin_open=bool(launch.get("stdin_open")), net=net, fast=fast)
    world.stdin_eof = not world.stdin_open
    argv = [str(a) for a in launch.get("argv") or []]
    uid = launch.get("uid")
    if uid is None and info.user:
        first = info.user.split(":", 1)[0]
        uid = int(first) if first.isdigit() else 0
    world.meta.update({"__POD_IP": str(launch.get("pod_ip") or ""), "__SEARCH": " ".join(launch.get("search") or []),
                       "__NAMESERVER": str(launch.get("nameserver") or "10.96.0.10"), "__CMDLINE": " ".join(argv),
                       "__ARGV0": argv[0] if argv else "", "__IMAGE": info.name, "__UID": str(uid or 0),
                       "__START_NS": str(start)})
    proc = Proc(world, start, until_ns, inputs, pid1=True)
    return world, proc, info


def start_error(launch: dict[str, Any], world: World | None = None) -> tuple[int, str] | None:
    """runc's create error for an argv[0] that is missing or not executable (exit 128)."""
    argv = [str(a) for a in launch.get("argv") or []]
    if not argv:
        return None
    info = images.lookup(str(launch.get("image", "")))
    if not info.known and info.name and not argv[0].startswith("/"):
        return None  # an unknown image: assume its command exists
    if world is None:
        world, _proc, _info = build(launch, int(launch.get("start_ns") or 0), None, True)
    name = argv[0]
    path = find_program(world, name, world.env.get("PATH"), world.workdir)
    if path is None:
        full = normpath(name, world.workdir)
        if "/" in name and world.fs.is_dir(full):
            return 128, RUNC_CREATE + f'exec: "{name}": permission denied: unknown'
        if "/" in name:
            return 128, RUNC_CREATE + f"exec: \"{name}\": stat {name}: no such file or directory: unknown"
        return 128, RUNC_CREATE + f'exec: "{name}": executable file not found in $PATH: unknown'
    if not world.fs.is_executable(path):
        return 128, RUNC_CREATE + f'exec: "{name}": permission denied: unknown'
    return None


def run(launch: dict[str, Any], until_ns: int, net: Any, fast: bool):
    """Replay PID 1 up to ``until_ns`` (see :func:`minikubectl.sim.sandbox.run`)."""
    world, proc, _info = build(launch, until_ns, net, fast)
    start = proc.now
    if until_ns < start:
        return RunResult([], None, fs=world.fs)
    if launch.get("argv") and start_error(launch, world) is not None:
        return RunResult([], (start, 128), fs=world.fs)
    argv = [str(a) for a in launch.get("argv") or []]
    out, err = SinkWriter(world, "stdout", proc), SinkWriter(world, "stderr", proc)
    stdin = StdinReader(proc) if world.stdin_open else StrReader("")
    sh = Shell(world, proc, dict(world.env), world.workdir)
    sh.is_pid1 = True
    exit_: tuple[int, int] | None = None
    error = None
    try:
        if not argv:
            programs.block_forever(sh)  # an unknown image without a command: runs silently
        code = programs.run_argv(sh, argv, IO(stdin, out, err))
        exit_ = (proc.now, code)
    except Stop:
        exit_ = None
    except Killed as e:
        exit_ = (proc.now, e.code)
    except ShellExit as e:
        exit_ = (proc.now, e.code)
    except (LoopControl, FuncReturn):
        exit_ = (proc.now, sh.status)
    except Bound as e:
        error = str(e)
        out.flush()
        err.write(f"sh: {e}\n")
        exit_ = (proc.now, 2)
    except RecursionError:
        error = "recursion too deep"
        err.write("sh: recursion too deep\n")
        exit_ = (proc.now, 2)
    out.flush()
    err.flush()
    output = sorted(world.output, key=lambda item: item[0])
    if exit_ is not None:
        output = [item for item in output if item[0] <= exit_[0]]
    else:
        output = [item for item in output if item[0] <= until_ns]
    execs = [ExecResult(r.stdout, r.stderr, r.code, r.end_ns, r.start_error) for r in world.exec_results]
    listening = frozenset(world.server_http) if exit_ is None else frozenset()
    return RunResult(output, exit_, execs, list(world.http_results), listening, world.fs, error)


def exec_at(launch: dict[str, Any], argv: list[str], at_ns: int, stdin: str | None, net: Any):
    """One command in the container as it is at ``at_ns`` (its effects are not kept)."""
    probe = dict(launch)
    probe["inputs"] = list(launch.get("inputs") or []) + [["exec", at_ns, list(argv), stdin]]
    result = run(probe, at_ns, net, fast=False)
    if result.exit is not None or len(result.exec_results) < len([i for i in probe["inputs"] if i[0] == "exec"
                                                                  and int(i[1]) <= at_ns]):
        return ExecResult("", "", -1, at_ns, "container not running")
    return result.exec_results[-1]


def http_get(launch: dict[str, Any], port: int, path: str, at_ns: int, net: Any) -> tuple[int, str] | None:
    """An HTTP request to the container at ``at_ns`` (counted with the earlier "http" inputs)."""
    probe = dict(launch)
    probe["inputs"] = list(launch.get("inputs") or []) + [["http", at_ns, port, path]]
    result = run(probe, at_ns, net, fast=False)
    if result.exit is not None or not result.http_results:
        return None
    return result.http_results[-1]


def basename(path: str) -> str:
    return posixpath.basename(path)
