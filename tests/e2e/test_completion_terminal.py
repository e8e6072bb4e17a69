"""TAB completion typed into real bash, zsh and fish on a pseudo-terminal.

Each shell starts without the user's configuration, loads the script ``minikubectl completion
<shell>`` prints, and gets keystrokes as a person types them. A completed line is read back by
moving to its start (Ctrl-A), typing ``echo LINE: `` in front (quoted) and pressing Enter; a list of
candidates is read off the screen. A shell that is not installed is skipped (``.ci/run`` installs
them through the README's test command).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PROMPT = "READY> "
pytestmark = pytest.mark.skipif(not (BIN / "minikubectl").exists(), reason="minikubectl not installed")


def _env(state: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KUBE", "MINIKUBECTL"))}
    env.update(MINIKUBECTL_STATE=str(state), MINIKUBECTL_NOW="2026-01-01T00:05:00Z",
               PATH=f"{BIN}:{env.get('PATH', '/usr/bin:/bin')}", LC_ALL="C", TERM="dumb",
               HOME=str(state.parent), XDG_CONFIG_HOME=str(state.parent / "xdg"))
    return env


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Pods kubia-manual and kubia-gpu and a namespace, made with the installed command."""
    folder = tmp_path_factory.mktemp("terminal")
    state = folder / "state.json"
    for args in (["create", "-f", str(REPO / "manifests" / "kubia-manual.yaml")],
                 ["create", "-f", str(REPO / "manifests" / "kubia-gpu.yaml")],
                 ["create", "namespace", "custom-namespace"]):
        subprocess.run([str(BIN / "minikubectl"), *args], env=_env(state), check=True, capture_output=True)
    for shell, name in (("bash", "minikubectl.bash"), ("zsh", "_minikubectl"), ("fish", "minikubectl.fish")):
        out = subprocess.run([str(BIN / "minikubectl"), "completion", shell], env=_env(state), check=True,
                             capture_output=True, text=True)
        (folder / name).write_text(out.stdout)
    return state


class Terminal:
    """One interactive shell on a pty with minikubectl's completion loaded."""

    def __init__(self, shell: str, state: Path) -> None:
        folder = state.parent
        if shell == "bash":
            argv = ["bash", "--norc", "--noprofile", "-i"]
            setup = [f"PS1='{PROMPT}'", "bind 'set completion-query-items 10000'",
                     "bind 'set page-completions off'", "bind 'set bell-style none'",
                     # list the candidates on the first TAB, as many users configure readline
                     "bind 'set show-all-if-ambiguous on'",
                     f"source {folder / 'minikubectl.bash'}"]
        elif shell == "zsh":
            argv = ["zsh", "-f", "-i"]
            # list the candidates on the TAB that inserts their common prefix
            setup = [f"PS1='{PROMPT}'", "bindkey -e", "LISTMAX=10000", "unsetopt LIST_AMBIGUOUS", "autoload -U compinit",
                     "compinit -u -D", f"source {folder / '_minikubectl'}"]
        else:
            argv = ["fish", "--no-config", "-i"]
            setup = [f"function fish_prompt; printf '{PROMPT}'; end", "set -g fish_greeting ''",
                     "set -g fish_autosuggestion_enabled 0", f"source {folder / 'minikubectl.fish'}"]
        self.shell = shell
        env = _env(state)
        if shell == "fish":
            env["TERM"] = "xterm"  # fish shows its pager of candidates only on a capable terminal
        self.child = pexpect.spawn(argv[0], argv[1:], env=env, encoding="utf-8",
                                   dimensions=(50, 200), timeout=20)
        for line in setup:
            self.child.sendline(line)
        self.child.sendline("echo SET''UP-DONE")
        self.child.expect("SETUP-DONE")
        self._prompt()

    def _prompt(self) -> None:
        self.child.expect_exact(PROMPT)

    def completed_line(self, typed: str, tabs: int = 1) -> str:
        """The command line after typing ``typed`` and pressing TAB."""
        self.child.send(typed + "\t" * tabs)
        # The quotes keep the typed text from matching what echo prints.
        self.child.send("\x01echo LI''NE: \r")
        self.child.expect(r"LINE: ([^\r\n]*)\r?\n")
        line = self.child.match.group(1)
        self._prompt()
        return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", line).rstrip()

    def listed(self, typed: str, expected: list[str]) -> None:
        """Typing ``typed`` then TAB shows every one of ``expected``."""
        self.child.send(typed + "\t")
        remaining = list(expected)
        while remaining:  # in whatever order and layout the shell lists them
            index = self.child.expect([r"(?<![\w.-])" + re.escape(name) + r"(?![\w.-])" for name in remaining])
            remaining.pop(index)
        # Ctrl-C drops the line; the echo marks where the shell is ready again.
        self.child.send("\x03")
        self.child.sendline("echo CLE''ARED")
        self.child.expect("CLEARED\r?\n")
        self._prompt()

    def close(self) -> None:
        self.child.sendcontrol("d")
        self.child.close(force=True)


@pytest.fixture(scope="module", params=["bash", "zsh", "fish"])
def term(request: pytest.FixtureRequest, cluster: Path) -> Iterator[Terminal]:
    if shutil.which(request.param) is None:
        pytest.skip(f"{request.param} not installed")
    terminal = Terminal(request.param, cluster)
    yield terminal
    terminal.close()


def test_verb(term: Terminal) -> None:
    assert term.completed_line("minikubectl ge") == "minikubectl get"


def test_resource_type_unique_and_ambiguous(term: Terminal) -> None:
    assert term.completed_line("minikubectl get namespa") == "minikubectl get namespaces"
    term.listed("minikubectl get po", ["pods", "podtemplates", "poddisruptionbudgets.policy"])


def test_pod_names(term: Terminal) -> None:
    assert term.completed_line("minikubectl get pods kubia-m") == "minikubectl get pods kubia-manual"
    term.listed("minikubectl get pods kubia-", ["kubia-gpu", "kubia-manual"])


def test_type_slash_name(term: Terminal) -> None:
    assert term.completed_line("minikubectl describe pod/kubia-g") == "minikubectl describe pod/kubia-gpu"


def test_namespaces(term: Terminal) -> None:
    assert term.completed_line("minikubectl get pods -n custom") == "minikubectl get pods -n custom-namespace"
    term.listed("minikubectl get pods -n kube-", ["kube-node-lease", "kube-public", "kube-system"])


def test_output_formats(term: Terminal) -> None:
    assert term.completed_line("minikubectl get pods -o ya") == "minikubectl get pods -o yaml"
    term.listed("minikubectl get pods -o json", ["json", "jsonpath", "jsonpath-as-json", "jsonpath-file"])


def test_logs_container(term: Terminal) -> None:
    assert term.completed_line("minikubectl logs kubia-manual -c ku") == "minikubectl logs kubia-manual -c kubia"


def test_flags(term: Terminal) -> None:
    assert term.completed_line("minikubectl get --show-l") == "minikubectl get --show-labels"
    term.listed("minikubectl get --all", ["--all-namespaces"])


def test_explain_field_path(term: Terminal) -> None:
    assert term.completed_line("minikubectl explain pods.spec.contai") == "minikubectl explain pods.spec.containers"


# -- PowerShell: no pwsh here, so its protocol is checked as the script uses it -----------------
def _powershell_protocol(state: Path, *words: str) -> tuple[list[str], int]:
    """What the PowerShell completer receives: ``__complete <words before> <current word>``.

    The script keeps each line's name (before the tab), then filters by the typed prefix.
    """
    out = subprocess.run([str(BIN / "minikubectl"), "__complete", *words], env=_env(state),
                         capture_output=True, text=True, timeout=60)
    lines = out.stdout.splitlines()
    assert lines and re.fullmatch(r":\d+", lines[-1]), out.stdout
    return [line.split("\t", 1)[0] for line in lines[:-1] if line], int(lines[-1][1:])


@pytest.mark.parametrize("words, expected", [
    (("ge",), ["get"]),
    (("get", "po"), ["pods", "podtemplates", "poddisruptionbudgets.policy"]),
    (("get", "pods", "kubia-"), ["kubia-gpu", "kubia-manual"]),
    (("get", "pods", "-n", "custom"), ["custom-namespace"]),
    (("get", "pods", "--namespace=kube-s"), ["kube-system"]),
    (("get", "pods", "-o", "ya"), ["yaml"]),
    (("logs", "kubia-manual", "-c", ""), ["kubia"]),
    (("describe", "pod/kubia-g"), ["pod/kubia-gpu"]),
    (("explain", "pods.spec.contai"), ["pods.spec.containers"]),
])
def test_powershell_protocol(cluster: Path, words: tuple[str, ...], expected: list[str]) -> None:
    names, directive = _powershell_protocol(cluster, *words)
    assert sorted(n for n in names if n.startswith(words[-1].split("=", 1)[-1])) == sorted(expected)
    assert directive & 1 == 0  # not an error: the script shows the candidates


def test_powershell_script_is_the_checked_in_one(cluster: Path) -> None:
    out = subprocess.run([str(BIN / "minikubectl"), "completion", "powershell"], env=_env(cluster),
                         capture_output=True, text=True, check=True)
    assert out.stdout == (REPO / "completions" / "minikubectl.ps1").read_text()
    assert "Register-ArgumentCompleter -CommandName 'minikubectl'" in out.stdout
    assert "__complete @before" in out.stdout
