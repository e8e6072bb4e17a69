"""The generated completion scripts, run in a real bash (and zsh when installed).

Each case sources ``minikubectl completion bash``, sets COMP_WORDS/COMP_CWORD/COMP_LINE/
COMP_POINT as readline would for the typed line, calls the completion function and prints
COMPREPLY: the whole path a TAB takes, including one ``minikubectl __complete`` process.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MANIFESTS = REPO / "manifests"
BIN = Path(sys.executable).parent

pytestmark = pytest.mark.skipif(not (BIN / "minikubectl").exists(), reason="minikubectl not installed")


def _env(state: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KUBE", "MINIKUBECTL"))}
    env.update(MINIKUBECTL_STATE=str(state), PATH=f"{BIN}:{env.get('PATH', '/usr/bin:/bin')}", LC_ALL="C")
    return env


@pytest.fixture
def state(tmp_path: Path) -> Path:
    """A state with pods kubia-manual and kubia-gpu, made with the real command."""
    path = tmp_path / "state.json"
    for manifest in ("kubia-manual.yaml", "kubia-gpu.yaml"):
        subprocess.run([str(BIN / "minikubectl"), "create", "-f", str(MANIFESTS / manifest)],
                       env=_env(path), check=True, capture_output=True)
    return path


@pytest.fixture
def bash_script(tmp_path: Path) -> Path:
    out = subprocess.run([str(BIN / "minikubectl"), "completion", "bash"], capture_output=True,
                         text=True, check=True, env=_env(tmp_path / "unused.json"))
    path = tmp_path / "minikubectl.bash"
    path.write_text(out.stdout)
    return path


def bash_complete(script: Path, state: Path, line: str, command: str = "minikubectl") -> list[str]:
    """COMPREPLY after TAB at the end of ``line`` (words split as readline does)."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash not installed")
    program = f"""
        source {shlex.quote(str(script))}
        COMP_LINE={shlex.quote(line)}
        COMP_POINT=${{#COMP_LINE}}
        read -r -a COMP_WORDS <<< "$COMP_LINE"
        # readline splits '=' into its own word; a trailing blank starts an empty word
        words=()
        for w in "${{COMP_WORDS[@]}}"; do
            if [[ $w == -*=* ]]; then words+=("${{w%%=*}}" "=" "${{w#*=}}"); else words+=("$w"); fi
        done
        [[ ${{words[-1]}} == "" ]] && unset 'words[-1]'
        [[ $COMP_LINE == *" " ]] && words+=("")
        COMP_WORDS=("${{words[@]}}")
        COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
        {"alias kubectl=minikubectl; complete -F __start_minikubectl kubectl" if command != "minikubectl" else ""}
        __start_minikubectl
        printf '%s\\n' "${{COMPREPLY[@]}}"
    """
    out = subprocess.run([bash, "--norc", "--noprofile", "-O", "expand_aliases", "-c", program],
                         capture_output=True, text=True, env=_env(state), timeout=60)
    assert out.returncode == 0, out.stderr
    return [line for line in out.stdout.splitlines() if line]


def test_verbs(bash_script: Path, state: Path) -> None:
    assert bash_complete(bash_script, state, "minikubectl ge") == ["get"]


def test_resource_types(bash_script: Path, state: Path) -> None:
    assert bash_complete(bash_script, state, "minikubectl get po") == [
        "pods", "podtemplates", "poddisruptionbudgets.policy"]


def test_pod_names(bash_script: Path, state: Path) -> None:
    assert bash_complete(bash_script, state, "minikubectl get pods k") == ["kubia-gpu", "kubia-manual"]
    assert bash_complete(bash_script, state, "minikubectl get pods kubia-m") == ["kubia-manual"]


def test_namespaces(bash_script: Path, state: Path) -> None:
    assert bash_complete(bash_script, state, "minikubectl get pods -n ") == [
        "default", "kube-node-lease", "kube-public", "kube-system"]
    assert bash_complete(bash_script, state, "minikubectl get pods --namespace=kube-s") == ["kube-system"]


def test_output_formats(bash_script: Path, state: Path) -> None:
    formats = bash_complete(bash_script, state, "minikubectl get pods -o ")
    assert formats[:3] == ["json", "yaml", "name"] and "wide" in formats and "jsonpath" in formats
    assert bash_complete(bash_script, state, "minikubectl get pods -o ya") == ["yaml"]


def test_flags(bash_script: Path, state: Path) -> None:
    flags = bash_complete(bash_script, state, "minikubectl get --")
    assert "--all-namespaces" in flags and "--output" in flags and "--namespace" in flags
    assert all(flag.startswith("--") for flag in flags)
    assert bash_complete(bash_script, state, "minikubectl get --show-l") == ["--show-labels"]


def test_alias_kubectl(bash_script: Path, state: Path) -> None:
    assert bash_complete(bash_script, state, "kubectl get pods kubia-g", command="kubectl") == ["kubia-gpu"]


def test_zsh_script(tmp_path: Path, state: Path) -> None:
    zsh = shutil.which("zsh")
    if zsh is None:
        pytest.skip("zsh not installed")
    script = tmp_path / "_minikubectl"
    script.write_text(subprocess.run([str(BIN / "minikubectl"), "completion", "zsh"], capture_output=True,
                                     text=True, check=True, env=_env(state)).stdout)
    # Outside the completion system words/CURRENT are plain variables; stub the zsh helpers.
    program = f"""
        compdef() {{ : }}
        _describe() {{ print -rl -- "${{comps[@]}}" }}
        _files() {{ print -r -- FILES }}
        compset() {{ : }}
        source {shlex.quote(str(script))}
        words=(minikubectl get pods k)
        CURRENT=4
        _minikubectl
    """
    out = subprocess.run([zsh, "-f", "-c", program], capture_output=True, text=True, env=_env(state), timeout=60)
    assert out.stdout.split() == ["kubia-gpu", "kubia-manual"], out.stderr
