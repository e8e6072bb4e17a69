"""``config`` against kubectl 1.33: the same commands on two copies of a kubeconfig must print
the same, exit the same and leave the same file. Also contexts selecting simulated clusters."""

from __future__ import annotations

import io
import shlex
import subprocess
from pathlib import Path

import pytest

from minikubectl.cli.context import Env
from minikubectl.cli.run import main

# Each scenario is a sequence: every step is compared right after it runs.
SCENARIOS = {
    "contexts": """
        config view
        config view -o json
        config get-contexts
        config get-clusters
        config get-users
        config current-context
        config set-context ctx --cluster=c1 --user=u1 --namespace=ns
        config use-context ctx
        config set-context ctx2 --namespace=foo
        config view -o json
        config get-contexts
        config get-contexts ctx2 nope
        config get-contexts -o name
        config get-contexts --no-headers
        config get-contexts -o wide
        config view --minify
        config view -o jsonpath={.contexts[*].name}
        config rename-context ctx2 ctx3
        config rename-context ctx2 ctx3
        config rename-context ctx3 ctx
        config use-context nope
        config delete-context ctx3
        config delete-context ctx3
        config delete-cluster c9
        config delete-user u9
        config delete-user
        config use-context
        config current-context extra
        config view extra
        config set-context --current --namespace=other
        config set-context a --current
        config delete-context ctx
        config current-context
        config view --minify
    """,
    "properties": """
        config set
        config set foo bar
        config set current-context x
        config set clusters.c1.server https://s
        config set clusters.c1.insecure-skip-tls-verify maybe
        config set clusters.c1.insecure-skip-tls-verify true
        config set clusters.c1.certificate-authority-data aGk=
        config set clusters.c1.certificate-authority-data hi --set-raw-bytes
        config set contexts.x.namespace n
        config set preferences.colors true
        config unset
        config unset nope
        config unset users.zz
        config unset users.u.token
        config unset clusters.c1.server
        config unset current-context
        config view --raw
    """,
    "entries": """
        config set-cluster
        config set-cluster c2 --server=https://x --embed-certs
        config set-cluster c2 --certificate-authority=missing --embed-certs
        config set-cluster c2 --certificate-authority=ca.crt
        config view --raw
        config set-cluster c2 --insecure-skip-tls-verify
        config set-cluster c3 --tls-server-name=n --proxy-url=http://p
        config set-cluster c4 --certificate-authority=ca.crt --embed-certs --server=https://1.2.3.4
        config set-credentials
        config set-credentials u1 --token=t --client-certificate=ca.crt
        config set-credentials u1 --username=a
        config set-credentials u1 --client-certificate=ca.crt --embed-certs
        config set-credentials u1 --exec-command=foo --exec-arg=a --exec-env=K=V --exec-api-version=v1
        config set-credentials u1 --auth-provider=oidc --auth-provider-arg=a=b
        config set-credentials u2 --token=x --password=y
        config set-credentials u3 --client-key=/nonexist --embed-certs
        config set-credentials u1 --exec-env=K- --exec-arg=b,c
        config set-credentials u1 --auth-provider-arg=a- --auth-provider-arg=c=d
        config set-context ctx --cluster=c4 --user=u1
        config use-context ctx
        config view
        config view --raw --minify
        config view --flatten --minify -o json
    """,
}


def _run_minikubectl(args: list[str], workdir: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str, int]:
    environ = {"HOME": str(workdir), "KUBECONFIG": str(workdir / "k"), "LC_ALL": "C"}
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.chdir(workdir)
    code = main(args, Env(stdin=io.StringIO(""), stdout=out, stderr=err, environ=environ))
    return out.getvalue(), err.getvalue(), code


def _run_kubectl(kubectl: str, args: list[str], workdir: Path) -> tuple[str, str, int]:
    environ = {"HOME": str(workdir), "KUBECONFIG": str(workdir / "k"), "LC_ALL": "C",
               "PATH": "/usr/bin:/bin"}
    done = subprocess.run([kubectl, *args], cwd=workdir, env=environ, capture_output=True,
                          text=True, timeout=30)
    return done.stdout, done.stderr, done.returncode


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_config_matches_kubectl(scenario: str, kubectl: str, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    theirs, ours = tmp_path / "kubectl", tmp_path / "minikubectl"
    for workdir in (theirs, ours):
        workdir.mkdir()
        (workdir / "ca.crt").write_text("Y2E=\n")
    for line in SCENARIOS[scenario].strip().splitlines():
        args = shlex.split(line)
        expected = _run_kubectl(kubectl, args, theirs)
        got = _run_minikubectl(args, ours, monkeypatch)
        normalized = tuple(x.replace(str(ours), str(theirs)) if isinstance(x, str) else x
                           for x in got)
        assert normalized == expected, line
        theirs_file, ours_file = theirs / "k", ours / "k"
        assert ours_file.exists() == theirs_file.exists(), line
        if theirs_file.exists():
            assert ours_file.read_text() == theirs_file.read_text(), line


@pytest.mark.parametrize("path", ["config", "config view", "config get-contexts",
                                  "config set-context", "config set-credentials", "config set",
                                  "config unset", "config use-context", "config set-cluster",
                                  "config delete-user", "config rename-context"])
def test_config_help_matches_kubectl(path: str, kubectl: str, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    args = path.split() + ["-h"]
    assert _run_minikubectl(args, tmp_path, monkeypatch) == _run_kubectl(kubectl, args, tmp_path)


def test_contexts_select_side_by_side_clusters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without MINIKUBECTL_STATE, each context's cluster is its own simulated cluster."""
    environ = {"HOME": str(tmp_path), "LC_ALL": "C", "MINIKUBECTL_NOW": "2026-01-01T00:00:00Z"}

    def run(*args: str) -> tuple[str, str, int]:
        out, err = io.StringIO(), io.StringIO()
        code = main(list(args), Env(stdin=io.StringIO(""), stdout=out, stderr=err, environ=environ))
        return out.getvalue(), err.getvalue(), code

    assert run("create", "configmap", "first")[2] == 0
    assert run("config", "set-cluster", "second", "--server=https://10.0.0.2:8443")[2] == 0
    assert run("config", "set-context", "second", "--cluster=second", "--user=minikube",
               "--namespace=kube-public")[0] == 'Context "second" created.\n'
    assert run("--context", "second", "create", "configmap", "other")[0] == "configmap/other created\n"
    assert "first" in run("get", "cm")[0]
    assert "other" not in run("get", "cm")[0]
    # The context's namespace is the default namespace; -n still wins.
    assert "other" in run("--context", "second", "get", "cm")[0]
    assert "other" not in run("--context", "second", "get", "cm", "-n", "default")[0]
    assert run("config", "use-context", "second")[0] == 'Switched to context "second".\n'
    assert "other" in run("get", "cm")[0]
    assert (tmp_path / ".minikubectl" / "clusters" / "second" / "state.json").exists()
    assert run("--context", "nope", "get", "cm") == (
        "", "Error in configuration: context was not found for specified context: nope\n", 1)
    assert run("--user", "nope", "get", "cm") == ("", 'error: auth info "nope" does not exist\n', 1)
    assert run("--kubeconfig", str(tmp_path / "none"), "get", "cm") == (
        "", f"error: stat {tmp_path / 'none'}: no such file or directory\n", 1)


def test_no_kubeconfig_keeps_default_state(cli) -> None:
    """With MINIKUBECTL_STATE and no kubeconfig file, nothing changes: no file is written."""
    assert cli("create", "configmap", "x").code == 0
    assert cli("config", "current-context").stdout == "minikube\n"
    assert not (cli.state.parent / "config").exists()
    assert "x" in cli("get", "cm").stdout
