"""``auth can-i``/``whoami``, impersonation on every verb, and ``cluster-info``."""

from __future__ import annotations

import json
import subprocess

import pytest

RBAC = """
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-reader, namespace: default}
rules:
- apiGroups: [""]
  resources: ["pods", "pods/log"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: read-pods, namespace: default}
subjects:
- {kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}
- {kind: Group, name: readers, apiGroup: rbac.authorization.k8s.io}
roleRef: {kind: Role, name: pod-reader, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: node-viewer}
rules:
- {apiGroups: [""], resources: ["nodes"], verbs: ["get", "list"], resourceNames: []}
- {apiGroups: ["apps"], resources: ["deployments/scale"], verbs: ["update"]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: view-nodes}
subjects:
- {kind: ServiceAccount, name: robot, namespace: ci}
roleRef: {kind: ClusterRole, name: node-viewer, apiGroup: rbac.authorization.k8s.io}
"""


@pytest.fixture
def rbac_cli(cli):
    assert cli("apply", "-f", "-", stdin=RBAC).code == 0
    return cli


def test_default_user_is_cluster_admin(cli) -> None:
    assert (cli("auth", "can-i", "delete", "nodes").stdout, cli("auth", "can-i", "delete", "nodes").code) == ("yes\n", 0)
    assert cli("auth", "whoami").stdout == (
        "ATTRIBUTE   VALUE\nUsername    minikube-user\nGroups      [system:masters system:authenticated]\n")


def test_can_i_follows_bindings(rbac_cli) -> None:
    cli = rbac_cli
    assert cli("auth", "can-i", "list", "pods", "--as=jane").stdout == "yes\n"
    denied = cli("auth", "can-i", "create", "pods", "--as=jane")
    assert (denied.stdout, denied.code) == ("no\n", 1)
    assert cli("auth", "can-i", "list", "pods", "--as=jane", "-n", "kube-system").code == 1
    assert cli("auth", "can-i", "get", "pods", "--subresource=log", "--as=jane").code == 0
    assert cli("auth", "can-i", "get", "pods", "--as=bob", "--as-group=readers").code == 0
    assert cli("auth", "can-i", "get", "pods", "--as=bob").code == 1
    sa = cli("auth", "can-i", "list", "nodes", "--as=system:serviceaccount:ci:robot")
    assert (sa.stdout, sa.stderr) == ("yes\n", "Warning: resource 'nodes' is not namespace scoped\n")
    assert cli("auth", "can-i", "update", "deployments.apps", "--subresource=scale", "-A",
               "--as=system:serviceaccount:ci:robot").stdout == "yes\n"
    assert cli("auth", "can-i", "get", "/healthz", "--as=jane").stdout == "yes\n"
    quiet = cli("auth", "can-i", "create", "pods", "--as=jane", "-q")
    assert (quiet.stdout, quiet.code) == ("", 1)
    unknown = cli("auth", "can-i", "get", "foos")
    assert unknown.stderr == "Warning: the server doesn't have a resource type 'foos'\n"


def test_can_i_list(rbac_cli) -> None:
    out = rbac_cli("auth", "can-i", "--list", "--as=jane").stdout.splitlines()
    assert out[0].split() == ["Resources", "Non-Resource", "URLs", "Resource", "Names", "Verbs"]
    assert any(line.split() == ["pods", "[]", "[]", "[get", "list", "watch]"] for line in out)
    assert any(line.split() == ["pods/log", "[]", "[]", "[get", "list", "watch]"] for line in out)
    assert not any(line.startswith("*.*") for line in out)


@pytest.mark.parametrize("args, message", [
    (["auth", "can-i"], "error: you must specify two arguments: verb resource or verb "
                        "resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n"),
    (["auth", "can-i", "get", "pods", "--list"], "error: list option must be specified with no arguments\n"),
    (["auth", "can-i", "--list", "-q"], "error: list option can't be specified with neither quiet, "
                                        "all-namespaces nor subresource options\n"),
])
def test_can_i_errors_match_kubectl(cli, kubectl: str, tmp_path, args, message) -> None:
    result = cli(*args)
    assert (result.stderr, result.code) == (message, 1)
    done = subprocess.run([kubectl, *args], capture_output=True, text=True,
                          env={"KUBECONFIG": str(tmp_path / "none"), "PATH": "/usr/bin:/bin"})
    assert (done.stderr, done.returncode) == (message, 1)


def test_impersonation_applies_to_every_verb(rbac_cli) -> None:
    cli = rbac_cli
    assert cli("get", "pods", "--as=jane").code == 0
    assert cli("run", "p", "--image=nginx").code == 0
    cases = [
        (["get", "pods", "-A", "--as=jane"], 'Error from server (Forbidden): pods is forbidden: User "jane" '
         'cannot list resource "pods" in API group "" at the cluster scope\n'),
        (["get", "deployments", "--as=jane"], 'Error from server (Forbidden): deployments.apps is forbidden: '
         'User "jane" cannot list resource "deployments" in API group "apps" in the namespace "default"\n'),
        (["get", "pods", "-n", "kube-system", "--as=jane"], 'Error from server (Forbidden): pods is forbidden: '
         'User "jane" cannot list resource "pods" in API group "" in the namespace "kube-system"\n'),
        (["delete", "pod", "p", "--as=jane"], 'Error from server (Forbidden): pods "p" is forbidden: '
         'User "jane" cannot delete resource "pods" in API group "" in the namespace "default"\n'),
    ]
    for args, stderr in cases:
        result = cli(*args)
        assert (result.stderr, result.code) == (stderr, 1), args
    created = cli("create", "configmap", "c", "--as=jane")
    assert "configmaps is forbidden: User \"jane\" cannot create resource" in created.stderr
    # A denied write changes nothing; the default user still sees no configmap "c".
    assert cli("get", "configmap", "c").code == 1
    # Controllers are not the user: a deployment created by the admin still gets its pods.
    assert cli("create", "deployment", "web", "--image=nginx").code == 0
    assert "web-" in cli("get", "pods", "--as=jane").stdout


def test_patching_verbs_need_patch_permission(cli) -> None:
    cli("run", "p", "--image=nginx")
    cli("create", "deployment", "web", "--image=nginx")
    cli("create", "role", "updater", "--verb=get,list,update", "--resource=pods,deployments,deployments/scale")
    cli("create", "rolebinding", "ann", "--role=updater", "--user=ann")
    label = cli("label", "pod", "p", "a=b", "--as=ann")
    assert (label.code, label.stderr) == (1, 'Error from server (Forbidden): pods "p" is forbidden: User "ann" '
                                             'cannot patch resource "pods" in API group "" in the namespace '
                                             '"default"\n')
    scale = cli("scale", "deployment", "web", "--replicas=2", "--as=ann")
    assert 'cannot patch resource "deployments/scale" in API group "apps"' in scale.stderr
    cli("create", "role", "patcher", "--verb=patch", "--resource=pods,deployments/scale")
    cli("create", "rolebinding", "ann-patch", "--role=patcher", "--user=ann")
    assert cli("label", "pod", "p", "a=b", "--as=ann").code == 0
    assert cli("scale", "deployment", "web", "--replicas=2", "--as=ann").code == 0


def test_whoami_impersonated_json(cli) -> None:
    doc = json.loads(cli("auth", "whoami", "--as=jane", "--as-group=dev", "-o", "json").stdout)
    assert doc["status"]["userInfo"] == {"username": "jane", "groups": ["dev", "system:authenticated"]}


def test_cluster_info(cli) -> None:
    result = cli("cluster-info")
    assert result.stdout == ("\x1b[0;32mKubernetes control plane\x1b[0m is running at "
                             "\x1b[0;33mhttps://192.168.49.2:8443\x1b[0m\n\nTo further debug and diagnose "
                             "cluster problems, use 'kubectl cluster-info dump'.\n")
    svc = {"apiVersion": "v1", "kind": "Service",
           "metadata": {"name": "kube-dns", "namespace": "kube-system",
                        "labels": {"kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS"}},
           "spec": {"ports": [{"name": "dns", "port": 53, "protocol": "UDP"}], "selector": {"k8s-app": "kube-dns"}}}
    assert cli("apply", "-f", "-", stdin=json.dumps(svc)).code == 0
    assert ("\x1b[0;32mCoreDNS\x1b[0m is running at \x1b[0;33mhttps://192.168.49.2:8443/api/v1/namespaces/"
            "kube-system/services/kube-dns:dns/proxy\x1b[0m\n") in cli("cluster-info").stdout


def test_cluster_info_dump(cli, tmp_path) -> None:
    out = cli("cluster-info", "dump").stdout
    assert out.startswith('{\n    "apiVersion": "v1",\n    "items": [')
    assert out.count('"kind": "PodList"') == 2
    target = tmp_path / "dump"
    assert cli("cluster-info", "dump", f"--output-directory={target}").stdout == f"Cluster info dumped to {target}\n"
    assert json.loads((target / "nodes.json").read_text())["items"][0]["metadata"]["name"] == "minikube"
    assert (target / "kube-system" / "pods.json").exists()


def test_cluster_info_dump_includes_container_logs(cli, tmp_path) -> None:
    cli("run", "counter", "--image=busybox", "--", "sh", "-c", 'i=0; while true; do echo "$i"; i=$((i+1)); sleep 10; done')
    cli("run", "pending", "--image=nginx", "--overrides", '{"spec": {"nodeSelector": {"disk": "none"}}}')
    cli.now = "2026-01-01T00:00:35Z"
    out = cli("cluster-info", "dump").stdout
    assert ("==== START logs for container counter of pod default/counter ====\n0\n1\n2\n3\n"
            "==== END logs for container counter of pod default/counter ====\n") in out
    assert ("==== START logs for container pending of pod default/pending ====\n"
            "Request log error: pod pending does not have a host assigned\n"
            "==== END logs for container pending of pod default/pending ====\n") in out
    target = tmp_path / "dump"
    cli("cluster-info", "dump", f"--output-directory={target}")
    assert (target / "default" / "counter" / "logs.txt").read_text().splitlines()[1:3] == ["0", "1"]


@pytest.mark.parametrize("path", ["auth", "auth can-i", "auth whoami", "cluster-info", "cluster-info dump"])
def test_help_matches_kubectl(cli, kubectl: str, path: str) -> None:
    args = path.split() + ["-h"]
    done = subprocess.run([kubectl, *args], capture_output=True, text=True)
    assert cli(*args).stdout == done.stdout
