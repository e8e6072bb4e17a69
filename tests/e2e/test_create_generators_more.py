"""``create role|clusterrole|rolebinding|clusterrolebinding|poddisruptionbudget|ingress|token``.

The forms that need no discovery are compared with the real kubectl (client dry runs, flag
and validation errors); ``--resource`` needs the REST mapper, so role rules are checked here.
"""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

CLI = Any
OFFLINE = [
    ["rolebinding", "rb", "--role=x", "--user=alice", "--serviceaccount=ci:robot", "--group=g", "-o", "yaml",
     "--dry-run=client"],
    ["rolebinding", "rb", "--clusterrole=x", "--user=alice", "-o", "json", "--dry-run=client"],
    ["rolebinding", "rb", "--role=x", "-n", "team", "-o", "yaml", "--dry-run=client"],
    ["rolebinding", "rb"],
    ["rolebinding", "rb", "--role=a", "--clusterrole=b"],
    ["rolebinding", "rb", "--role=a", "--serviceaccount=nocolon", "--dry-run=client"],
    ["clusterrolebinding", "crb"],
    ["clusterrolebinding", "crb", "--clusterrole=view", "--user=u", "--group=g", "-o", "json", "--dry-run=client"],
    ["clusterrolebinding", "crb", "--clusterrole=view", "--save-config", "--dry-run=client", "-o", "yaml"],
    ["clusterrole", "agg", "--aggregation-rule=a=b,c=d", "--dry-run=client", "-o", "yaml"],
    ["clusterrole", "agg", "--aggregation-rule=ab", "--dry-run=client"],
    ["clusterrole", "agg", "--aggregation-rule=a=b", "--verb=get"],
    ["clusterrole", "cr", "--verb=get", "--non-resource-url=/logs/*", "-o", "yaml", "--dry-run=client"],
    ["clusterrole", "cr", "--verb=get", "--non-resource-url=logs", "--dry-run=client"],
    ["clusterrole", "cr", "--verb=list", "--non-resource-url=/logs", "--dry-run=client"],
    ["clusterrole", "cr", "--verb=get", "--non-resource-url=/a*b", "--dry-run=client"],
    ["clusterrole", "cr", "--verb=get"],
    ["clusterrole", "cr"],
    ["role", "r"],
    ["role", "r", "--verb=get"],
    ["pdb", "my", "--selector=app=web", "--min-available=1", "--dry-run=client", "-o", "yaml"],
    ["poddisruptionbudget", "my", "--selector=app=web,tier in (a,b)", "--max-unavailable=30%",
     "--dry-run=client", "-o", "json"],
    ["pdb", "my", "--selector=a=b", "--min-available=2", "-n", "team", "-o", "yaml", "--dry-run=client"],
    ["pdb", "my"],
    ["pdb", "my", "--selector=a=b"],
    ["pdb", "my", "--selector=a=b", "--min-available=1", "--max-unavailable=2"],
    ["pdb", "my", "--selector=a=b", "--min-available=1x"],
    ["pdb", "my", "--selector=a=b", "--max-unavailable=2Gb"],
    ["ingress", "simple", "--rule=foo.com/bar=svc1:8080,tls=my-cert", "--dry-run=client", "-o", "yaml"],
    ["ingress", "catch-all", "--class=otheringress", "--rule=/path=svc:port", "--dry-run=client", "-o", "json"],
    ["ingress", "annotated", "--class=default", "--rule=foo.com/bar=svc:port", "--annotation",
     "ingress.annotation1=foo", "--annotation", "ingress.annotation2=bla", "--dry-run=client", "-o", "yaml"],
    ["ingress", "multipath", "--rule=foo.com/=svc:port", "--rule=foo.com/admin/=svcadmin:portadmin",
     "--dry-run=client", "-o", "yaml"],
    ["ingress", "ingress1", "--rule=foo.com/path*=svc:8080", "--rule=bar.com/admin*=svc2:http",
     "--dry-run=client", "-o", "json"],
    ["ingress", "ingtls", "--rule=foo.com/=svc:https,tls", "--rule=foo.com/path/subpath*=othersvc:8080",
     "--dry-run=client", "-o", "yaml"],
    ["ingress", "ingsecret", "--rule=foo.com/*=svc:8080,tls=secret1", "--rule=bar.com/*=svc:8080,tls=secret1",
     "--dry-run=client", "-o", "yaml"],
    ["ingress", "ingdefault", "--default-backend=defaultsvc:http", "--rule=foo.com/*=svc:8080,tls=secret1",
     "--dry-run=client", "-o", "json"],
    ["ingress", "x"],
    ["ingress", "x", "--rule=bad"],
    ["ingress", "x", "--rule=a/b=s:1", "--annotation=noeq"],
    ["ingress", "x", "--default-backend=a:b:c"],
    ["ing", "x", "--rule=/=s:80", "-n", "team", "--dry-run=client", "-o", "yaml"],
    ["token"],
    ["token", "default", "--duration=-1s"],
    ["token", "default", "--duration=1500ms"],
    ["token", "default", "--duration=xx"],
    ["token", "default", "--audience="],
    ["token", "default", "--bound-object-name=x"],
    ["token", "default", "--bound-object-uid=x"],
    ["token", "default", "--bound-object-kind=Job"],
    ["token", "default", "--bound-object-kind=Pod"],
]


@pytest.mark.parametrize("args", OFFLINE, ids=lambda a: " ".join(a))
def test_offline_forms_match_kubectl(cli: CLI, kubectl: str, tmp_path: Any, args: list[str]) -> None:
    ours = cli("create", *args)
    theirs = subprocess.run([kubectl, "create", *args], capture_output=True, text=True, timeout=60,
                            env={"PATH": "/usr/bin:/bin", "KUBECONFIG": str(tmp_path / "none")})
    assert (ours.code, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr)


def test_role_rules_group_resources_by_api_group(cli: CLI) -> None:
    out = cli("create", "role", "pod-reader", "--verb=get,list,watch,get", "--resource=pods,deploy,pods/log,rs.apps",
              "--resource-name=a", "--resource-name=a", "-o", "json", "--dry-run=client").stdout
    assert json.loads(out)["rules"] == [
        {"verbs": ["get", "list", "watch"], "apiGroups": [""], "resources": ["pods", "pods/log"], "resourceNames": ["a"]},
        {"verbs": ["get", "list", "watch"], "apiGroups": ["apps"], "resources": ["deployments", "replicasets"],
         "resourceNames": ["a"]}]
    star = json.loads(cli("create", "role", "all", "--verb=*,get", "--resource=*", "-o", "json",
                          "--dry-run=client").stdout)
    assert star["rules"] == [{"verbs": ["*"], "apiGroups": [""], "resources": ["*"]}]


def test_role_validation(cli: CLI) -> None:
    cases = {
        ("--verb=bind", "--resource=pods"): "error: can not perform 'bind' on 'pods' in group ''\n",
        ("--verb=get", "--resource=widgets"): "error: no matches for /, Resource=widgets\n",
        ("--verb=get", "--resource=.apps"): "error: resource must be specified if apiGroup/subresource specified\n",
    }
    for flags, message in cases.items():
        result = cli("create", "role", "r", *flags)
        assert (result.code, result.stderr) == (1, message), flags
    frob = cli("create", "role", "r", "--verb=frob", "--resource=pods")
    assert (frob.code, frob.stdout, frob.stderr) == (0, "role.rbac.authorization.k8s.io/r created\n",
                                                     "Warning: 'frob' is not a standard resource verb\n")
    assert cli("create", "role", "b", "--verb=bind", "--resource=clusterroles").code == 0


def test_a_created_budget_guards_evictions(cli: CLI) -> None:
    assert cli("create", "pdb", "web", "--selector=app=web", "--min-available=1").stdout == \
        "poddisruptionbudget.policy/web created\n"
    assert cli("get", "pdb", "web", "-o", "jsonpath={.spec.minAvailable}").stdout == "1"


def test_a_created_ingress_is_listed(cli: CLI) -> None:
    assert cli("create", "ingress", "web", "--class=nginx", "--rule=foo.com/*=web:80").stdout == \
        "ingress.networking.k8s.io/web created\n"
    table = cli("get", "ingress").stdout.splitlines()
    assert table[0].split() == ["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"]
    assert table[1].split()[:3] == ["web", "nginx", "foo.com"]


def test_a_token_names_its_service_account_and_binding(cli: CLI) -> None:
    import base64

    def claims(token: str) -> dict:
        body = token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    plain = cli("create", "token", "default", "--duration=10m", "--audience=api")
    assert plain.code == 0 and not plain.stdout.endswith("\n")
    found = claims(plain.stdout)
    assert (found["sub"], found["aud"], found["exp"] - found["iat"]) == ("system:serviceaccount:default:default",
                                                                       ["api"], 600)
    cli("run", "web", "--image=nginx")
    bound = claims(cli("create", "token", "default", "--bound-object-kind=Pod", "--bound-object-name=web").stdout)
    assert bound["kubernetes.io"]["pod"]["name"] == "web"
    missing = cli("create", "token", "robot")
    assert (missing.code, missing.stderr) == (1, 'error: failed to create token: serviceaccounts "robot" not found\n')
    request = json.loads(cli("create", "token", "default", "-o", "json").stdout)
    assert request["kind"] == "TokenRequest" and request["spec"]["expirationSeconds"] == 3600


def test_created_bindings_grant_access(cli: CLI) -> None:
    assert cli("create", "role", "reader", "--verb=get,list", "--resource=pods").stdout == \
        "role.rbac.authorization.k8s.io/reader created\n"
    assert cli("create", "rolebinding", "read", "--role=reader", "--user=ann").stdout == \
        "rolebinding.rbac.authorization.k8s.io/read created\n"
    assert cli("auth", "can-i", "list", "pods", "--as=ann").stdout == "yes\n"
    assert cli("create", "clusterrolebinding", "ops", "--clusterrole=cluster-admin", "--group=ops").code == 0
    assert cli("auth", "can-i", "delete", "nodes", "--as=bob", "--as-group=ops").stdout == "yes\n"
    again = cli("create", "clusterrolebinding", "ops", "--clusterrole=cluster-admin")
    assert again.stderr == ("error: failed to create clusterrolebinding: clusterrolebindings.rbac.authorization.k8s.io "
                            '"ops" already exists\n')
