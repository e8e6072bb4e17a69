"""``create <generator>``: our client dry run against the real kubectl 1.33, byte for byte.

Client dry runs, printer errors and flag errors need no server, so the real binary renders
them offline (KUBECONFIG=/dev/null). Each case compares stdout, stderr and the exit code.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

DRY = ["--dry-run=client"]

CASES: list[list[str]] = [
    # deployment
    ["create", "deployment", "web", "--image=nginx"],
    ["create", "deploy", "web", "--image=nginx", "--image=busybox:1.36", "-r", "3"],
    ["create", "deployment", "web", "--image=reg.io:5000/team/app:v1", "--port=8080"],
    ["create", "deployment", "web", "--image=nginx@sha256:" + "a" * 64, "--port=0"],
    ["create", "deployment", "web", "--image=nginx", "--", "nginx", "-g", "daemon off;"],
    ["create", "deployment", "web", "--image=a", "--image=b", "--", "sleep", "1"],
    ["create", "deployment", "web"],
    ["create", "deployment", "--image=nginx"],
    ["create", "deployment", "a", "b", "--image=nginx"],
    ["create", "deployment", "web", "--image=nginx", "--port=x"],
    ["create", "deployment", "web", "--image=nginx", "-n", "team", "--save-config"],
    # configmap
    ["create", "configmap", "cfg", "--from-literal=a=b", "--from-literal=c=d=e"],
    ["create", "cm", "cfg"],
    ["create", "cm", "cfg", "--from-literal=a"],
    ["create", "cm", "cfg", "--from-literal=a/b=c"],
    ["create", "cm", "cfg", "--from-literal=..a=c"],
    ["create", "cm", "cfg", "--from-literal=a=b", "--from-literal=a=c"],
    ["create", "cm", "cfg", "--from-file={dir}/f1", "--from-file=key={dir}/f2"],
    ["create", "cm", "cfg", "--from-file={dir}/sub"],
    ["create", "cm", "cfg", "--from-file=k={dir}/sub"],
    ["create", "cm", "cfg", "--from-file={dir}/bin"],
    ["create", "cm", "cfg", "--from-file={dir}/missing"],
    ["create", "cm", "cfg", "--from-file==x"],
    ["create", "cm", "cfg", "--from-file=k="],
    ["create", "cm", "cfg", "--from-file=a=b=c"],
    ["create", "cm", "cfg", "--from-env-file={dir}/env"],
    ["create", "cm", "cfg", "--from-env-file={dir}/badenv"],
    ["create", "cm", "cfg", "--from-env-file={dir}/sub"],
    ["create", "cm", "cfg", "--from-env-file={dir}/env", "--from-literal=a=b"],
    ["create", "cm", "cfg", "--from-literal=a=b", "--append-hash"],
    ["create", "cm", "cfg", "--from-file={dir}/bin", "--append-hash", "--save-config"],
    # secrets
    ["create", "secret", "generic", "s", "--from-literal=a=b", "--from-file={dir}/f1"],
    ["create", "secret", "generic", "s", "--type=kubernetes.io/basic-auth",
     "--from-literal=username=u", "--from-literal=password=p", "--append-hash"],
    ["create", "secret", "generic", "s", "--from-literal=a/b=c"],
    ["create", "secret", "generic", "s", "--from-literal=a=b", "--from-literal=a=c"],
    ["create", "secret", "generic", "s", "--from-env-file={dir}/env"],
    ["create", "secret", "generic", "s", "--from-env-file={dir}/sub"],
    ["create", "secret", "generic", "s"],
    ["create", "secret", "docker-registry", "r", "--docker-username=u", "--docker-password=p",
     "--docker-email=u@example.com"],
    ["create", "secret", "docker-registry", "r", "--docker-username=u", "--docker-password=p",
     "--docker-server=registry.example.com:5000", "--append-hash"],
    ["create", "secret", "docker-registry", "r", "--docker-username=u"],
    ["create", "secret", "docker-registry", "r", "--from-file={dir}/f1"],
    ["create", "secret", "docker-registry", "r", "--from-file=k={dir}/f1", "--from-file={dir}/f2"],
    ["create", "secret", "tls", "t"],
    ["create", "secret", "tls", "t", "--cert={dir}/f1"],
    ["create", "secret", "tls", "t", "--cert={dir}/f1", "--key={dir}/f2"],
    ["create", "secret", "tls", "t", "--cert={dir}/missing", "--key={dir}/f2"],
    # services
    ["create", "service", "clusterip", "web", "--tcp=80:8080"],
    ["create", "svc", "clusterip", "web", "--tcp=80:http,443"],
    ["create", "svc", "clusterip", "web", "--clusterip=None"],
    ["create", "svc", "clusterip", "web", "--clusterip=10.96.0.50", "--tcp=80"],
    ["create", "svc", "clusterip", "web"],
    ["create", "svc", "clusterip", "web", "--tcp=x"],
    ["create", "svc", "clusterip", "web", "--tcp=70000"],
    ["create", "svc", "clusterip", "web", "--tcp=80:70000"],
    ["create", "svc", "clusterip", "web", "--tcp=80:Bad_Name"],
    ["create", "svc", "clusterip", "web", "--tcp=80:a--b"],
    ["create", "svc", "nodeport", "web", "--tcp=80:8080", "--node-port=30080"],
    ["create", "svc", "loadbalancer", "web", "--tcp=80:8080,443:8443"],
    ["create", "svc", "loadbalancer", "web"],
    ["create", "svc", "externalname", "db", "--external-name=db.example.com"],
    ["create", "svc", "externalname", "db", "--external-name=db.example.com", "--tcp=5432"],
    ["create", "svc", "externalname", "db", "--external-name=Bad_Name"],
    ["create", "svc", "externalname", "db"],
    # serviceaccount, job, cronjob
    ["create", "serviceaccount", "bot"],
    ["create", "sa", "bot", "-n", "team"],
    ["create", "job", "pi", "--image=perl"],
    ["create", "job", "pi", "--image=perl", "--", "perl", "-Mbignum=bpi", "-wle", "print bpi(20)"],
    ["create", "job", "pi"],
    ["create", "job", "pi", "--image=perl", "--from=cronjob/x"],
    ["create", "job", "pi", "--from=cronjob/x", "--", "echo"],
    ["create", "cronjob", "hello", "--image=busybox", "--schedule=*/1 * * * *", "--", "date"],
    ["create", "cj", "hello", "--image=busybox", "--schedule=@hourly", "--restart=Never"],
    ["create", "cronjob", "hello", "--image=busybox"],
    ["create", "cronjob", "hello", "--schedule=@daily"],
    # quota, priorityclass
    ["create", "quota", "q", "--hard=pods=10,cpu=1000m,memory=1Gi,requests.storage=5e3"],
    ["create", "quota", "q", "--hard=pods=2", "--scopes=BestEffort,NotTerminating"],
    ["create", "quota", "q"],
    ["create", "quota", "q", "--hard=pods"],
    ["create", "quota", "q", "--hard=pods=x"],
    ["create", "priorityclass", "high", "--value=1000", "--global-default",
     "--description=important pods"],
    ["create", "pc", "low", "--preemption-policy=Never"],
]

OUTPUTS = [["-o", "yaml"], ["-o", "json"], ["-o", "name"], [],
           ["-o", "jsonpath={.metadata.name}"]]
FLAG_ERRORS: list[list[str]] = [
    ["create", "deployment", "web", "--image=nginx", "-o", "wide"],
    ["create", "deployment", "web", "--image=nginx", "--dry-run=bogus"],
    ["create", "deployment", "web", "--image=nginx", "--validate=bogus"],
    ["create", "deployment", "web", "--image=nginx", "--bogus"],
    ["create", "cm", "cfg", "--dry-run=client", "-o", "wide"],
    ["create", "service", "nodeport", "web", "--tcp=80", "--node-port=x"],
    ["create", "service", "nodeport", "web", "--tcp=80", "--clusterip=None"],
    ["create", "secret", "tls", "t", "--dry-run=client", "--validate=nope"],
    ["create", "job", "j", "--image=i", "--dry-run=client", "-o", "go-template={{.metadata.name}}"],
    ["create", "sa", "--dry-run=client"],
]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: Any) -> Path:
    root = tmp_path_factory.mktemp("gen")
    (root / "f1").write_text("one\n")
    (root / "f2").write_text("two")
    (root / "bin").write_bytes(b"\xff\xfe\x00binary")
    (root / "sub").mkdir()
    (root / "sub" / "k1").write_text("v1")
    (root / "sub" / "k2").write_text("v2")
    (root / "env").write_text("\ufeffA=1\n# comment\n\n  B = two\nC=x=y\nUNSET_VAR_FOR_TEST\n")
    (root / "badenv").write_text("1BAD=x\n")
    return root


def _expand(args: list[str], root: Path) -> list[str]:
    return [a.replace("{dir}", str(root)) for a in args]


def _real(kubectl: str, args: list[str], cwd: Path) -> tuple[str, str, int]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KUBE", "MINIKUBECTL"))}
    env.update(KUBECONFIG="/dev/null", LC_ALL="C")
    env.pop("UNSET_VAR_FOR_TEST", None)
    proc = subprocess.run([kubectl, *args], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=60)
    return proc.stdout, proc.stderr, proc.returncode


def _ids(cases: list[list[str]]) -> list[str]:
    return [" ".join(c)[:90] for c in cases]


@pytest.mark.parametrize("output", OUTPUTS, ids=lambda o: "-".join(o) or "default")
@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_client_dry_run_matches_kubectl(cli: Any, kubectl: str, data_dir: Path,
                                        case: list[str], output: list[str]) -> None:
    args = _expand(case, data_dir) + DRY + output
    if "--" in args:  # flags go before the command
        i = args.index("--")
        args = args[:i] + DRY + output + args[i:len(args) - len(DRY) - len(output)]
    expected = _real(kubectl, args, data_dir)
    got = cli(*args)
    assert (got.stdout, got.stderr, got.code) == expected


@pytest.mark.parametrize("case", FLAG_ERRORS, ids=_ids(FLAG_ERRORS))
def test_flag_errors_match_kubectl(cli: Any, kubectl: str, data_dir: Path, case: list[str]) -> None:
    expected = _real(kubectl, case, data_dir)
    got = cli(*case)
    assert (got.stdout, got.stderr, got.code) == expected


def test_bare_dry_run_is_a_client_dry_run_with_a_warning(cli: Any, kubectl: str,
                                                          data_dir: Path) -> None:
    args = ["create", "job", "j", "--image=i", "--dry-run", "-o", "name"]
    out, err, code = _real(kubectl, args, data_dir)
    got = cli(*args)
    assert (got.stdout, got.code) == (out, code)
    assert got.stderr.split("] ", 1)[1] == err.split("] ", 1)[1]
