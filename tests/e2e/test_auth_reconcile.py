"""``auth reconcile``: RBAC roles and bindings created or extended, with kubectl's report.

Flag and argument errors (raised before any request) are compared with the real kubectl.
"""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

CLI = Any
RBAC = """apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
  namespace: team
rules:
- apiGroups: [""]
  resources: ["pods", "pods/log"]
  verbs: [{verbs}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
  namespace: team
subjects:
- kind: User
  name: {user}
roleRef:
  kind: {ref_kind}
  name: reader
  apiGroup: rbac.authorization.k8s.io
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: skipped
  namespace: team
"""
RULE = "{{Verbs:[{verbs}] APIGroups:[] Resources:[{resources}] ResourceNames:[] NonResourceURLs:[]}}"
SUBJECT = "{{Kind:User APIGroup:rbac.authorization.k8s.io Name:{name} Namespace:}}"


def _file(tmp_path: Any, name: str, verbs: str = '"get", "list"', user: str = "alice",
          ref_kind: str = "Role") -> str:
    path = tmp_path / name
    path.write_text(RBAC.format(verbs=verbs, user=user, ref_kind=ref_kind))
    return str(path)


def test_missing_objects_and_namespace_are_created(cli: CLI, tmp_path: Any) -> None:
    result = cli("auth", "reconcile", "-f", _file(tmp_path, "rbac.yaml"))
    assert result.code == 0
    assert result.stdout == ("role.rbac.authorization.k8s.io/reader reconciled\n"
                             "rolebinding.rbac.authorization.k8s.io/read-pods reconciled\n")
    assert result.stderr == (
        "\treconciliation required create\n\tmissing rules added:\n\t\t"
        + RULE.format(verbs="get list", resources="pods pods/log") + "\n"
        "\treconciliation required create\n\tmissing subjects added:\n\t\t" + SUBJECT.format(name="alice") + "\n")
    assert cli("get", "namespace", "team").code == 0
    assert cli("get", "configmap", "skipped", "-n", "team").code == 1  # not RBAC: skipped
    assert cli("auth", "can-i", "list", "pods", "-n", "team", "--as", "alice").stdout == "yes\n"
    again = cli("auth", "reconcile", "-f", str(tmp_path / "rbac.yaml"))
    assert (again.code, again.stderr) == (0, "")


def test_rules_and_subjects_are_added_then_stomped_on_request(cli: CLI, tmp_path: Any) -> None:
    cli("auth", "reconcile", "-f", _file(tmp_path, "rbac.yaml"))
    wider = _file(tmp_path, "wider.yaml", verbs='"get", "list", "watch"', user="bob")
    result = cli("auth", "reconcile", "-f", wider)
    assert result.stderr == (
        "\treconciliation required update\n\tmissing rules added:\n"
        "\t\t" + RULE.format(verbs="watch", resources="pods") + "\n"
        "\t\t" + RULE.format(verbs="watch", resources="pods/log") + "\n"
        "\treconciliation required update\n\tmissing subjects added:\n\t\t" + SUBJECT.format(name="bob") + "\n")
    subjects = json.loads(cli("get", "rolebinding", "read-pods", "-n", "team", "-o", "jsonpath={.subjects}").stdout)
    assert [s["name"] for s in subjects] == ["alice", "bob"]
    dry = cli("auth", "reconcile", "-f", wider, "--remove-extra-subjects", "--dry-run=client")
    assert dry.stdout.endswith("rolebinding.rbac.authorization.k8s.io/read-pods reconciled (dry run)\n")
    assert "\textra subjects removed:\n\t\t" + SUBJECT.format(name="alice") + "\n" in dry.stderr
    cli("auth", "reconcile", "-f", _file(tmp_path, "narrow.yaml", verbs='"get"', user="bob"),
        "--remove-extra-permissions", "--remove-extra-subjects")
    role = json.loads(cli("get", "role", "reader", "-n", "team", "-o", "json").stdout)
    assert role["rules"] == [{"apiGroups": [""], "resources": ["pods", "pods/log"], "verbs": ["get"]}]
    subjects = json.loads(cli("get", "rolebinding", "read-pods", "-n", "team", "-o", "jsonpath={.subjects}").stdout)
    assert [s["name"] for s in subjects] == ["bob"]


def test_a_binding_to_another_role_is_recreated_and_protected_objects_are_left(cli: CLI, tmp_path: Any) -> None:
    cli("auth", "reconcile", "-f", _file(tmp_path, "rbac.yaml"))
    cli("create", "clusterrole", "reader", "--verb=get", "--resource=pods")
    result = cli("auth", "reconcile", "-f", _file(tmp_path, "cluster.yaml", ref_kind="ClusterRole"))
    assert "\treconciliation required recreate\n" in result.stderr
    assert cli("get", "rolebinding", "read-pods", "-n", "team", "-o", "jsonpath={.roleRef.kind}").stdout == \
        "ClusterRole"
    cli("annotate", "role", "reader", "-n", "team", "rbac.authorization.kubernetes.io/autoupdate=false")
    result = cli("auth", "reconcile", "-f", _file(tmp_path, "wider.yaml", verbs='"delete"'))
    assert ("\treconciliation required update, but object opted out "
            "(rbac.authorization.kubernetes.io/autoupdate: false)\n") in result.stderr
    assert "delete" not in cli("get", "role", "reader", "-n", "team", "-o", "jsonpath={.rules}").stdout


def test_output_prints_the_reconciled_objects(cli: CLI, tmp_path: Any) -> None:
    result = cli("auth", "reconcile", "-f", _file(tmp_path, "rbac.yaml"), "-o", "name")
    assert result.stdout == "role.rbac.authorization.k8s.io/reader\nrolebinding.rbac.authorization.k8s.io/read-pods\n"


@pytest.mark.parametrize("args", [[], ["-f", "rbac.yaml", "extra"], ["-f", "rbac.yaml", "--dry-run=server"]])
def test_errors_before_any_request_match_kubectl(cli: CLI, tmp_path: Any, kubectl: str, args: list[str]) -> None:
    _file(tmp_path, "rbac.yaml")
    args = [str(tmp_path / a) if a == "rbac.yaml" else a for a in args]
    ours = cli("auth", "reconcile", *args)
    theirs = subprocess.run([kubectl, "auth", "reconcile", *args], capture_output=True, text=True, timeout=60,
                            env={"PATH": "/usr/bin:/bin", "KUBECONFIG": str(tmp_path / "none")})
    assert (ours.code, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr)
