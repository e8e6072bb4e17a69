"""``set image|env|resources|selector|serviceaccount|subject``: against a cluster and ``--local``.

The ``--local`` cases run the same command line through the real kubectl v1.33 (which needs no
server for them) and compare stdout, stderr and exit code; they skip where kubectl is absent.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import CLI

DATA = Path(__file__).parent / "data"
_KINDS = sorted(p.name for p in DATA.glob("set-kind-*.yaml"))

LOCAL_CASES = [
    *[["set", "image", "--local", "-f", k, "c=n2", "-o", out] for k in _KINDS for out in ("json", "yaml")],
    ["set", "image", "--local", "-f", "set-deployment.yaml", "nginx=nginx:2"],
    ["set", "image", "--local", "-f", "set-deployment.yaml", "nginx=nginx"],
    ["set", "image", "--local", "-f", "set-deployment.yaml", "foo=nginx"],
    ["set", "image", "--local", "-f", "set-deployment.yaml", "*=a", "x=b"],
    ["set", "image", "--local", "-f", "set-deployment.yaml"],
    ["set", "image", "--local", "deploy/x", "a=b"],
    ["set", "image", "--local", "-f", "set-service.yaml", "a=b"],
    ["set", "image", "--local", "-f", "set-deployment-minimal.yaml", "web=n:2", "-o", "json"],
    ["set", "image", "--local", "-f", "set-deployment.yaml", "nginx=a", "--dry-run=client"],
    ["set", "image", "--local", "-f", "set-deployment.yaml", "nginx=a", "--dry-run=server"],
    ["set", "image", "--local", "-f", "set-deployment.yaml", "nginx=a", "-o", "name"],
    ["set", "env", "--local", "-f", "set-deployment.yaml", "A=b", "B=c", "-o", "yaml"],
    ["set", "env", "--local", "-f", "set-deployment.yaml", "-e", "X=1", "A=b", "-o", "json"],
    ["set", "env", "--local", "-f", "set-deployment.yaml", "A=b", "--list"],
    ["set", "env", "--local", "-f", "set-deployment.yaml", "1A=b"],
    ["set", "env", "--local", "-f", "set-deployment.yaml", "A=b", "A-"],
    ["set", "env", "--local", "-f", "set-deployment.yaml", "-c", "foo", "A=b"],
    ["set", "env", "--local", "-f", "set-deployment.yaml", "--keys=a", "A=b"],
    ["set", "env", "--local", "-f", "set-deployment.yaml", "--list", "-o", "yaml"],
    ["set", "env", "--local", "-f", "set-deployment.yaml", "A=b", "--prefix=P_", "-o", "yaml"],
    ["set", "env", "--local", "-f", "set-service.yaml", "A=b"],
    ["set", "env", "--local", "-f", "set-deployment.yaml", "-", "-o", "yaml"],
    ["set", "resources", "--local", "-f", "set-deployment.yaml", "--limits=cpu=200m,memory=512Mi",
     "--requests=cpu=100m", "-o", "yaml"],
    ["set", "resources", "--local", "-f", "set-deployment.yaml"],
    ["set", "resources", "--local", "-f", "set-deployment.yaml", "--limits=cpu=abc"],
    ["set", "resources", "--local", "-f", "set-deployment.yaml", "-c", "foo", "--limits=cpu=1"],
    ["set", "resources", "--local", "-f", "set-deployment.yaml", "--limits=cpu=0.5,memory=1G", "-o", "json"],
    ["set", "serviceaccount", "--local", "-f", "set-deployment.yaml"],
    ["set", "sa", "--local", "-f", "set-deployment.yaml", "robot", "-o", "yaml"],
    ["set", "sa", "--local", "-f", "set-service.yaml", "robot"],
    ["set", "selector", "--local", "-f", "set-service.yaml", "app=a"],
    ["set", "selector", "--local", "-f", "set-service.yaml"],
    ["set", "selector", "--local", "-f", "set-service.yaml", "a=b,=x"],
    ["set", "selector", "--local", "-f", "set-service.yaml", "app=b,tier=x", "-o", "json"],
    ["set", "selector", "--local", "-f", "set-service.yaml", "app in (a,b),!x"],
    ["set", "selector", "--local", "-f", "set-service.yaml", "app!=a"],
    ["set", "selector", "--local", "-f", "set-deployment.yaml", "app=a"],
    ["set", "subject", "--local", "-f", "set-rolebinding.yaml"],
    ["set", "subject", "--local", "-f", "set-rolebinding.yaml", "--user=bob", "--user=bob", "-o", "yaml"],
    ["set", "subject", "--local", "-f", "set-rolebinding.yaml", "--serviceaccount=a:b:c"],
    ["set", "subject", "--local", "-f", "set-rolebinding.yaml", "--user=bob", "--group=devs",
     "--serviceaccount=ns1:sa1", "-o", "json"],
    ["set", "subject", "--local", "-f", "set-rolebinding.yaml", "--user=alice"],
    ["set", "subject", "--local", "-f", "set-deployment.yaml", "--user=x"],
    ["set", "subject", "--local", "-f", "set-service.yaml", "--user=x"],
]


@pytest.mark.parametrize("argv", LOCAL_CASES, ids=[" ".join(c[1:]) for c in LOCAL_CASES])
def test_local_set_matches_kubectl(argv: list[str], kubectl: str, cli: CLI, monkeypatch) -> None:
    monkeypatch.chdir(DATA)
    stdin = (DATA / "set-env.txt").read_text() if "-" in argv else ""
    real = subprocess.run([kubectl, *argv], input=stdin, capture_output=True, text=True, cwd=DATA, timeout=60)
    ours = cli(*argv, stdin=stdin)
    assert (ours.stdout, ours.stderr, ours.code) == (real.stdout, real.stderr, real.returncode)


@pytest.fixture
def deployed(cli: CLI) -> CLI:
    cli("create", "deployment", "nginx-deployment", "--image=nginx:1.14.2", "--replicas=2")
    cli("rollout", "status", "deployment/nginx-deployment")
    return cli


def _template(cli: CLI, path: str) -> str:
    return cli("get", "deployment/nginx-deployment", "-o", "jsonpath={.spec.template.spec." + path + "}").stdout


def test_set_image_rolls_out_a_new_revision(deployed: CLI) -> None:
    result = deployed("set", "image", "deployment/nginx-deployment", "nginx=nginx:1.16.1")
    assert (result.code, result.stdout) == (0, "deployment.apps/nginx-deployment image updated\n")
    again = deployed("set", "image", "deployment/nginx-deployment", "nginx=nginx:1.16.1")
    assert (again.code, again.stdout, again.stderr) == (0, "", "")
    assert deployed("rollout", "status", "deployment/nginx-deployment").code == 0
    history = deployed("rollout", "history", "deployment/nginx-deployment").stdout
    assert history.splitlines()[1:4] == ["REVISION  CHANGE-CAUSE", "1         <none>", "2         <none>"]
    deployed.now = "2026-01-01T00:05:00Z"  # past the old pods' grace period
    pods = deployed("get", "pods", "-o", "jsonpath={.items[*].spec.containers[0].image}").stdout.split()
    assert pods == ["nginx:1.16.1", "nginx:1.16.1"]
    missing = deployed("set", "image", "deployment/nginx-deployment", "foo=bar")
    assert (missing.code, missing.stderr) == (1, 'error: unable to find container named "foo"\n')


def test_set_env_resources_and_serviceaccount(deployed: CLI) -> None:
    assert deployed("set", "env", "deployment/nginx-deployment", "FOO=bar").stdout == \
        "deployment.apps/nginx-deployment env updated\n"
    deployed("create", "configmap", "cfg", "--from-literal=log.level=debug")
    listed = deployed("set", "env", "deployment/nginx-deployment", "--from=configmap/cfg", "--list")
    assert listed.stdout == ("# Deployment nginx-deployment, container nginx\nFOO=bar\n"
                             "# LOG_LEVEL from configmap cfg, key log.level\n")
    deployed("set", "env", "deployment/nginx-deployment", "--from=configmap/cfg")
    assert _template(deployed, "containers[0].env[1].valueFrom.configMapKeyRef.key") == "log.level"
    refused = deployed("set", "env", "deployment/nginx-deployment", "FOO=baz", "--overwrite=false")
    assert refused.stderr == ("error: deployments/nginx-deployment 'FOO' already has a value (bar), and "
                              "--overwrite is false\n")
    deployed("set", "env", "deployment/nginx-deployment", "FOO-")
    assert "FOO" not in _template(deployed, "containers[0].env")
    out = deployed("set", "resources", "deployment", "nginx-deployment", "--limits=cpu=200m,memory=512Mi")
    assert out.stdout == "deployment.apps/nginx-deployment resource requirements updated\n"
    assert _template(deployed, "containers[0].resources.limits.memory") == "512Mi"
    dry = deployed("set", "sa", "deployment/nginx-deployment", "robot", "--dry-run=client")
    assert dry.stdout == "deployment.apps/nginx-deployment serviceaccount updated (dry run)\n"
    assert _template(deployed, "serviceAccountName") == ""
    deployed("set", "serviceaccount", "deployment/nginx-deployment", "robot")
    assert _template(deployed, "serviceAccountName") == "robot"


def test_set_selector_and_subject_on_live_objects(cli: CLI) -> None:
    cli("create", "service", "clusterip", "web", "--tcp=80:80")
    assert cli("set", "selector", "service/web", "app=nginx").stdout == "service/web selector updated\n"
    assert cli("get", "svc/web", "-o", "jsonpath={.spec.selector}").stdout == '{"app":"nginx"}'
    cli("apply", "-f", str(DATA / "set-rolebinding.yaml"))
    out = cli("set", "subject", "rolebinding/rb", "--user=bob", "--serviceaccount=default:robot")
    assert out.stdout == "rolebinding.rbac.authorization.k8s.io/rb subjects updated\n"
    names = cli("get", "rolebinding/rb", "-o", "jsonpath={.subjects[*].name}").stdout
    assert names == "alice bob robot"
    wrong = cli("set", "image", "service/web", "a=b")
    assert wrong.stderr == ("error: services/web the object is not a pod or does not have a pod template: "
                            "*v1.Service\n")
