"""The sandbox is a security boundary: nothing runs on the host, no host file is touched, every
hostile program ends within bounds."""

from __future__ import annotations

import ast
import builtins
import os
import pathlib
import socket
import subprocess

import pytest

from minikubectl.sim import sandbox

PACKAGE = pathlib.Path(sandbox.__file__).parent
S = 1_000_000_000
T0 = 1767225600 * S
FORBIDDEN_NAMES = {"eval", "exec", "compile", "open", "__import__", "globals", "locals", "vars", "getattr", "setattr",
                   "delattr", "breakpoint", "input", "memoryview"}
FORBIDDEN_MODULES = {"os", "subprocess", "socket", "shutil", "pathlib", "io", "sys", "ctypes", "importlib", "pty",
                     "signal", "multiprocessing", "threading", "asyncio", "tempfile", "glob", "urllib", "http",
                     "pickle", "marshal", "builtins", "time", "fcntl", "select", "mmap", "runpy", "code"}


def _modules() -> list[pathlib.Path]:
    files = sorted(PACKAGE.glob("*.py"))
    assert len(files) >= 8
    return files


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.name)
def test_sandbox_source_uses_no_host_facility(path: pathlib.Path):
    tree = ast.parse(path.read_text(), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                assert alias.name.split(".")[0] not in FORBIDDEN_MODULES, (path.name, alias.name)
        elif isinstance(node, ast.ImportFrom):
            assert (node.module or "").split(".")[0] not in FORBIDDEN_MODULES, (path.name, node.module)
            if node.module and node.module.startswith("minikubectl"):
                # only the sandbox itself: no way back to the state file, the CLI or the host
                assert node.module.startswith("minikubectl.sim.sandbox"), (path.name, node.module)
        elif isinstance(node, ast.Name):
            assert node.id not in FORBIDDEN_NAMES, (path.name, node.id, node.lineno)
        elif isinstance(node, ast.Attribute):
            assert node.attr not in {"system", "popen", "spawn", "execv", "fork", "__subclasses__", "__globals__",
                                     "__builtins__", "__code__"}, (path.name, node.attr, node.lineno)


def _refuse(*args, **kwargs):
    raise AssertionError(f"host access: {args!r}")


def run(script: str, seconds: int = 2, image: str = "busybox") -> sandbox.RunResult:
    """Run a script with every way to the host (files, processes, sockets) made to fail the test."""
    mp = pytest.MonkeyPatch()
    try:
        for owner, name in ((builtins, "open"), (os, "system"), (os, "popen"), (os, "open"), (os, "listdir"),
                            (os, "scandir"), (os, "stat"), (os, "remove"), (os, "unlink"), (os, "mkdir"),
                            (subprocess, "Popen"), (socket, "socket")):
            mp.setattr(owner, name, _refuse)
        return sandbox.run({"image": image, "argv": ["sh", "-c", script], "env": {}, "hostname": "evil",
                            "start_ns": T0, "inputs": []}, T0 + seconds * S)
    finally:
        mp.undo()


def test_cat_etc_passwd_reads_the_images_file():
    out = [line for _n, _s, line in run("cat /etc/passwd").output]
    assert out[0] == "root:x:0:0:root:/root:/bin/sh" and "nobody:x:65534:65534:nobody:/home:/bin/false" in out


def test_writes_stay_in_the_simulated_filesystem(tmp_path):
    target = tmp_path / "should-not-exist"
    result = run(f"mkdir -p {tmp_path}; echo pwned > {target}; cat {target}; ls /home /proc /sys")
    assert result.fs.read(str(target)) == b"pwned\n"
    assert [line for _n, s, line in result.output if s == "stdout"][0] == "pwned"
    assert not target.exists()


def test_host_paths_and_files_are_not_visible():
    here = str(pathlib.Path(__file__).resolve())
    result = run(f"cat {here}; ls {PACKAGE}; ls /work")
    assert all(s == "stderr" for _n, s, _l in result.output)
    assert result.exit[1] == 1


def test_no_host_file_touched_end_to_end(tmp_path):
    target = tmp_path / "x"
    run(f"echo a > {target}; rm -rf /; touch {tmp_path}/y")
    assert not target.exists() and not (tmp_path / "y").exists() and pathlib.Path("/etc/passwd").exists()


@pytest.mark.parametrize("script, error", [
    ("while :; do :; done", "step budget exceeded"),                 # spin without sleeping
    ("f() { f; }; f", "function call depth exceeded"),                # deep recursion
    ("x=a; while true; do x=$x$x; done", "variable too large"),       # memory
    ("while true; do echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa >> /tmp/f; done", "step budget exceeded"),
    ("yes | cat", "step budget exceeded"),                           # endless pipe
    ("f() { f | f & }; f", None),                                     # fork bomb: contained, the shell goes on
    ("eval \"$(printf 'echo %.0s' $(seq 1 20000))\"", None),          # a huge generated command
])
def test_hostile_programs_end_within_bounds(script: str, error: str | None):
    result = run(script, seconds=5)
    assert result.exit is not None
    if error:
        assert result.exit[1] == 2 and (result.error or "").startswith(error)
    assert sum(len(line) for _n, _s, line in result.output) <= 11 * 1024 * 1024
    assert result.fs.size <= 64 * 1024 * 1024


def test_deeply_nested_syntax_is_bounded():
    result = run("(" * 500 + "echo x" + ")" * 500)
    assert result.exit is not None and result.exit[1] == 2
