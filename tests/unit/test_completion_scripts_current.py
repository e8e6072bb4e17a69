"""completions/ holds the scripts `minikubectl completion <shell>` prints; they must not drift."""

import io

import pytest

from tests.conftest import REPO


@pytest.mark.parametrize("shell, filename", [("bash", "minikubectl.bash"), ("zsh", "_minikubectl"),
                                             ("fish", "minikubectl.fish"),
                                             ("powershell", "minikubectl.ps1")])
def test_checked_in_script_is_what_the_verb_prints(shell, filename):
    from minikubectl.cli.context import Env
    from minikubectl.cli.run import main

    out = io.StringIO()
    assert main(["completion", shell], Env(stdout=out, stderr=io.StringIO(), environ={})) == 0
    assert (REPO / "completions" / filename).read_text() == out.getvalue(), (
        f"regenerate with: minikubectl completion {shell} > completions/{filename}")
