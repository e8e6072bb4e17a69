"""kubectl plugins: ``kubectl-NAME`` / ``minikubectl-NAME`` executables on PATH.

The installed command is run as a process (a plugin replaces it, as with kubectl's exec); where
the real kubectl v1.33 is installed, ``plugin list`` and the dispatch are compared with it.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import real_kubectl

BIN = Path(sys.executable).parent / "minikubectl"
pytestmark = pytest.mark.skipif(not BIN.exists(), reason="minikubectl not installed")

ECHO = '#!/bin/sh\necho "$(basename "$0") args:" "$@"\n'


def _plugin(directory: Path, name: str, text: str = ECHO, mode: int = 0o755) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text)
    path.chmod(mode)
    return path


def _run(program: str, args: list[str], path: str, extra: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KUBE", "MINIKUBECTL"))}
    env.update(PATH=path, LC_ALL="C")
    env.update(extra or {})
    return subprocess.run([program, *args], capture_output=True, text=True, env=env, timeout=60)


@pytest.fixture
def plugin_path(tmp_path: Path) -> str:
    """Two PATH folders: a shadowed plugin, a non-executable one, one over a built-in, and /bin."""
    first, second = tmp_path / "first", tmp_path / "second"
    _plugin(first, "kubectl-hello")
    _plugin(second, "kubectl-hello")
    _plugin(second, "kubectl-broken", mode=0o644)
    _plugin(second, "kubectl-get")
    _plugin(second, "kubectl-create-thing")
    _plugin(second, "kubectl-foo-bar_baz")
    return os.pathsep.join([str(first), str(second), str(tmp_path / "missing"), "/usr/bin", "/bin"])


def test_plugin_runs_with_the_remaining_arguments(plugin_path: str) -> None:
    out = _run(str(BIN), ["hello", "world", "-n", "x"], plugin_path)
    assert (out.returncode, out.stdout, out.stderr) == (0, "kubectl-hello args: world -n x\n", "")


def test_longest_name_wins_and_dashes_become_underscores(plugin_path: str) -> None:
    out = _run(str(BIN), ["foo", "bar-baz", "qux"], plugin_path)
    assert out.stdout == "kubectl-foo-bar_baz args: qux\n"


def test_create_subcommand_plugin(plugin_path: str) -> None:
    out = _run(str(BIN), ["create", "thing", "a"], plugin_path)
    assert out.stdout == "kubectl-create-thing args: a\n"


def test_builtin_commands_are_not_replaced(plugin_path: str, tmp_path: Path) -> None:
    out = _run(str(BIN), ["get", "pods"], plugin_path, {"MINIKUBECTL_STATE": str(tmp_path / "s.json"),
                                                        "MINIKUBECTL_NOW": "2026-01-01T00:00:00Z"})
    assert out.returncode == 0 and "kubectl-get" not in out.stdout


def test_flags_before_a_plugin_name(plugin_path: str) -> None:
    out = _run(str(BIN), ["-n", "x", "hello"], plugin_path)
    assert (out.returncode, out.stdout, out.stderr) == (
        1, "", "Error: flags cannot be placed before plugin name: -n\n")


def test_unknown_command_without_a_plugin(plugin_path: str) -> None:
    out = _run(str(BIN), ["nothere"], plugin_path)
    assert (out.returncode, out.stderr) == (1, 'error: unknown command "nothere" for "kubectl"\n')


def test_minikubectl_prefix_and_calling_back(tmp_path: Path) -> None:
    """A minikubectl-NAME plugin wins over kubectl-NAME and reaches the same cluster when it calls back."""
    folder = tmp_path / "plugins"
    _plugin(folder, "kubectl-pods", ECHO)
    _plugin(folder, "minikubectl-pods", f'#!/bin/sh\nexec "{BIN}" get pods "$@"\n')
    state = tmp_path / "state.json"
    env = {"MINIKUBECTL_STATE": str(state), "MINIKUBECTL_NOW": "2026-01-01T00:00:00Z"}
    path = os.pathsep.join([str(folder), "/usr/bin", "/bin"])
    assert _run(str(BIN), ["create", "namespace", "x"], path, env).returncode == 0
    out = _run(str(BIN), ["pods", "-n", "x"], path, env)
    assert (out.returncode, out.stdout, out.stderr) == (0, "", "No resources found in x namespace.\n")


def test_plugin_list(plugin_path: str, tmp_path: Path) -> None:
    out = _run(str(BIN), ["plugin", "list"], plugin_path)
    first, second = tmp_path / "first", tmp_path / "second"
    assert out.returncode == 1
    assert out.stdout == ("The following compatible plugins are available:\n\n"
                          f"{first}/kubectl-hello\n{second}/kubectl-broken\n{second}/kubectl-create-thing\n"
                          f"{second}/kubectl-foo-bar_baz\n{second}/kubectl-get\n{second}/kubectl-hello\n")
    assert out.stderr == (
        f'Unable to read directory "{tmp_path}/missing" from your PATH: open {tmp_path}/missing: '
        "no such file or directory. Skipping...\n"
        f"  - warning: {second}/kubectl-broken identified as a kubectl plugin, but it is not executable\n"
        '  - warning: kubectl-create-thing overwrites existing command: "kubectl create"\n'
        '  - warning: kubectl-get overwrites existing command: "kubectl get"\n'
        f"  - warning: {second}/kubectl-hello is overshadowed by a similarly named plugin: {first}/kubectl-hello\n"
        "error: 4 plugin warnings were found\n")
    names = _run(str(BIN), ["plugin", "list", "--name-only"], plugin_path)
    assert names.stdout.splitlines()[2:] == ["kubectl-hello", "kubectl-broken", "kubectl-create-thing",
                                             "kubectl-foo-bar_baz", "kubectl-get", "kubectl-hello"]


def test_plugin_list_without_plugins(tmp_path: Path) -> None:
    out = _run(str(BIN), ["plugin", "list"], str(tmp_path))
    assert (out.returncode, out.stdout, out.stderr) == (
        1, "", "error: unable to find any kubectl plugins in your PATH\n")


def test_in_process_execution_hook(tmp_path: Path) -> None:
    """The executor is injected: an in-process caller sees the chosen plugin and its arguments."""
    from minikubectl.cli.context import Env
    from minikubectl.cli.run import main

    _plugin(tmp_path, "kubectl-hello")
    calls: list[tuple[str, list[str]]] = []

    def record(path: str, args: list[str], environ: object) -> int:
        calls.append((path, args))
        return 7

    env = Env(stdout=io.StringIO(), stderr=io.StringIO(), environ={"PATH": str(tmp_path)}, execute=record)
    assert main(["hello", "a", "--b"], env) == 7
    assert calls == [(str(tmp_path / "kubectl-hello"), ["a", "--b"])]


@pytest.mark.parametrize("args", [["plugin", "list"], ["plugin", "list", "--name-only"], ["hello", "x"],
                                  ["foo", "bar-baz", "y"], ["-n", "x", "hello"], ["create", "thing", "1"]])
def test_same_as_kubectl(plugin_path: str, args: list[str]) -> None:
    kubectl = real_kubectl()
    if kubectl is None:
        pytest.skip("kubectl.1.33 not installed")
    ours, theirs = _run(str(BIN), args, plugin_path), _run(kubectl, args, plugin_path)
    assert (ours.returncode, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr)


# -- completion of plugin commands ------------------------------------------------------------
def _complete(path: str, *words: str) -> list[str]:
    out = _run(str(BIN), ["__complete", *words], path)
    return out.stdout.splitlines()


@pytest.fixture
def completing_path(plugin_path: str, tmp_path: Path) -> str:
    """plugin_path plus a completion program for kubectl-hello that echoes what it was given."""
    _plugin(tmp_path / "first", "kubectl_complete-hello", '#!/bin/sh\necho "one"\necho "got $#: $*"\necho ":4"\n')
    return plugin_path


def test_plugins_are_offered_as_commands(completing_path: str) -> None:
    lines = _complete(completing_path, "")
    assert "hello\tThe command hello is a plugin installed by the user" in lines
    assert "foo\tThe command foo is a plugin installed by the user" in lines
    assert not any(line.startswith("get\tThe command") for line in lines)  # a built-in wins
    assert lines[-1] == ":4"


def test_nested_plugins_and_completion_program(completing_path: str) -> None:
    assert _complete(completing_path, "foo", "") == [
        "bar-baz\tThe command bar-baz is a plugin installed by the user", ":0"]
    assert _complete(completing_path, "hello", "x", "") == ["one", "got 2: x", ":4"]


@pytest.mark.parametrize("words", [[""], ["foo", ""], ["foo", "b"], ["foo", "bar-baz", ""], ["hello", ""],
                                   ["hello", "--x", ""], ["nothere", ""]])
def test_plugin_completion_same_as_kubectl(completing_path: str, words: list[str]) -> None:
    kubectl = real_kubectl()
    if kubectl is None:
        pytest.skip("kubectl.1.33 not installed")
    ours = _run(str(BIN), ["__complete", *words], completing_path).stdout.splitlines()
    theirs = _run(kubectl, ["__complete", *words], completing_path).stdout.splitlines()
    if words == [""]:
        # kubectl lists verbs minikubectl does not have; compare the plugin lines and the directive.
        ours = [line for line in ours if "plugin installed" in line or line.startswith(":")]
        theirs = [line for line in theirs if "plugin installed" in line or line.startswith(":")]
    assert ours == theirs
