"""Server-side apply and managedFields through the real verbs.

Field ownership as the API server keeps it: every write records its manager, ``apply
--server-side`` conflicts with another manager's different value (kubectl's text and
advice), ``--force-conflicts`` takes the field, fields an applier stops applying go away,
and a client-side-applied object migrates to server-side apply as kubectl v1.33 does it.
The flag checks that need no server are compared with the real kubectl where present.
"""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

CLI = Any
DEPLOY = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web{extra_label}
spec:{replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: {image}
        ports:
        - containerPort: 80
"""
ADVICE_START = "\nPlease review the fields above--they currently have other managers. Here\n"


def _manifest(tmp_path: Any, name: str, image: str = "nginx:1.25", replicas: int | None = None,
              tier: bool = False) -> str:
    text = DEPLOY.format(image=image, replicas=f"\n  replicas: {replicas}" if replicas else "",
                         extra_label="\n    tier: fe" if tier else "")
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def _ok(cli: CLI, *args: str) -> str:
    result = cli(*args)
    assert result.code == 0, result.stderr
    return result.stdout


def _managers(cli: CLI) -> list[tuple[str, str, str]]:
    out = _ok(cli, "get", "deployment", "web", "--show-managed-fields", "-o", "json")
    return [(e["manager"], e["operation"], e.get("subresource", ""))
            for e in json.loads(out)["metadata"]["managedFields"]]


def _fields_of(cli: CLI, manager: str, operation: str = "Apply") -> dict:
    out = _ok(cli, "get", "deployment", "web", "--show-managed-fields", "-o", "json")
    for entry in json.loads(out)["metadata"]["managedFields"]:
        if entry["manager"] == manager and entry["operation"] == operation:
            return entry["fieldsV1"]
    raise AssertionError(f"no {manager} {operation} entry")


def test_server_side_apply_creates_and_records_the_applied_fields_only(cli: CLI, tmp_path: Any) -> None:
    manifest = _manifest(tmp_path, "d.yaml")
    assert _ok(cli, "apply", "--server-side", "-f", manifest) == "deployment.apps/web serverside-applied\n"
    fields = _fields_of(cli, "kubectl")
    container = fields["f:spec"]["f:template"]["f:spec"]["f:containers"]['k:{"name":"nginx"}']
    assert container == {".": {}, "f:image": {}, "f:name": {}, "f:ports": {
        'k:{"containerPort":80,"protocol":"TCP"}': {".": {}, "f:containerPort": {}}}}
    assert "f:replicas" not in fields["f:spec"]  # defaulted, not applied
    assert ("kubectl", "Apply", "") in _managers(cli)
    assert ("kube-controller-manager", "Update", "status") in _managers(cli)
    # hidden unless asked for
    assert "managedFields" not in _ok(cli, "get", "deployment", "web", "-o", "yaml")


def test_conflict_with_another_manager_then_forced(cli: CLI, tmp_path: Any) -> None:
    _ok(cli, "apply", "--server-side", "-f", _manifest(tmp_path, "d.yaml", replicas=2))
    _ok(cli, "scale", "deployment", "web", "--replicas=5")
    assert ("kubectl", "Update", "scale") in _managers(cli)
    changed = _manifest(tmp_path, "d2.yaml", replicas=3)
    result = cli("apply", "--server-side", "-f", changed, "--field-manager=ci")
    assert result.code == 1
    assert result.stderr.startswith('error: Apply failed with 1 conflict: conflict with "kubectl" with '
                                    'subresource "scale" using apps/v1: .spec.replicas' + ADVICE_START)
    assert result.stderr.endswith("See https://kubernetes.io/docs/reference/using-api/server-side-apply/"
                                  "#conflicts\n")
    assert _ok(cli, "get", "deployment", "web", "-o", "jsonpath={.spec.replicas}") == "5"
    _ok(cli, "apply", "--server-side", "--force-conflicts", "-f", changed, "--field-manager=ci")
    assert _ok(cli, "get", "deployment", "web", "-o", "jsonpath={.spec.replicas}") == "3"
    assert ("kubectl", "Update", "scale") not in _managers(cli)  # its only field was taken
    # now an Apply manager holds it: named without a version
    result = cli("apply", "--server-side", "-f", _manifest(tmp_path, "d3.yaml", replicas=4))
    assert result.stderr.startswith('error: Apply failed with 1 conflict: conflict with "ci": .spec.replicas\n')
    _ok(cli, "apply", "--server-side", "--force-conflicts", "-f", str(tmp_path / "d3.yaml"))
    assert _ok(cli, "get", "deployment", "web", "-o", "jsonpath={.spec.replicas}") == "4"
    assert "f:replicas" not in _fields_of(cli, "ci")["f:spec"]


def test_a_conflict_with_an_update_manager_names_its_version(cli: CLI, tmp_path: Any) -> None:
    _ok(cli, "create", "-f", _manifest(tmp_path, "d.yaml"))
    result = cli("apply", "--server-side", "-f", _manifest(tmp_path, "d2.yaml", image="nginx:1.26", replicas=2))
    assert result.stderr.startswith(
        'error: Apply failed with 2 conflicts: conflicts with "kubectl-create" using apps/v1:\n'
        '- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image\n'
        "Please review the fields above")


def test_fields_no_longer_applied_are_removed(cli: CLI, tmp_path: Any) -> None:
    _ok(cli, "apply", "--server-side", "-f", _manifest(tmp_path, "d.yaml", tier=True))
    assert json.loads(_ok(cli, "get", "deployment", "web", "-o", "jsonpath={.metadata.labels}")) == \
        {"app": "web", "tier": "fe"}
    _ok(cli, "apply", "--server-side", "-f", _manifest(tmp_path, "d2.yaml"))
    assert json.loads(_ok(cli, "get", "deployment", "web", "-o", "jsonpath={.metadata.labels}")) == \
        {"app": "web"}


def test_client_side_apply_migrates_to_server_side(cli: CLI, tmp_path: Any) -> None:
    _ok(cli, "apply", "-f", _manifest(tmp_path, "d.yaml", tier=True))
    assert ("kubectl-client-side-apply", "Update", "") in _managers(cli)
    _ok(cli, "apply", "--server-side", "-f", _manifest(tmp_path, "d2.yaml", image="nginx:1.26"))
    managers = _managers(cli)
    assert ("kubectl-client-side-apply", "Update", "") not in managers
    assert ("kubectl", "Apply", "") in managers and ("kubectl-last-applied", "Apply", "") in managers
    live = json.loads(_ok(cli, "get", "deployment", "web", "-o", "json"))
    assert live["metadata"]["labels"] == {"app": "web"}  # dropped from the configuration
    assert live["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.26"
    # the last-applied annotation follows kubectl's server-side applies, so client-side
    # apply still works afterwards
    last = json.loads(live["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"])
    assert last["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.26"
    result = cli("apply", "-f", str(tmp_path / "d.yaml"))
    assert result.code == 0 and result.stderr == ""


def test_server_dry_run_and_output(cli: CLI, tmp_path: Any) -> None:
    manifest = _manifest(tmp_path, "d.yaml")
    assert _ok(cli, "apply", "--server-side", "--dry-run=server", "-f", manifest) == \
        "deployment.apps/web serverside-applied (server dry run)\n"
    assert cli("get", "deployment", "web").code == 1
    assert _ok(cli, "apply", "--server-side", "-f", manifest, "-o", "name") == "deployment.apps/web\n"
    result = cli("apply", "--server-side", "-f", manifest, "-n", "missing")
    assert (result.code, result.stderr) == (1, 'Error from server (NotFound): namespaces "missing" not found\n')


def test_diff_server_side_shows_the_applied_change(cli: CLI, tmp_path: Any) -> None:
    _ok(cli, "apply", "--server-side", "-f", _manifest(tmp_path, "d.yaml"))
    assert cli("diff", "--server-side", "-f", str(tmp_path / "d.yaml")).code == 0
    result = cli("diff", "--server-side", "-f", _manifest(tmp_path, "d2.yaml", image="nginx:1.26"))
    assert result.code == 1
    assert "-      - image: nginx:1.25\n+      - image: nginx:1.26\n" in result.stdout


def test_every_write_records_its_manager(cli: CLI, tmp_path: Any) -> None:
    _ok(cli, "create", "-f", _manifest(tmp_path, "d.yaml"))
    _ok(cli, "label", "deployment", "web", "team=a")
    _ok(cli, "annotate", "deployment", "web", "note=x")
    out = _ok(cli, "get", "deployment", "web", "--show-managed-fields", "-o", "json")
    entries = {e["manager"]: e for e in json.loads(out)["metadata"]["managedFields"]}
    assert entries["kubectl-label"]["fieldsV1"] == {"f:metadata": {"f:labels": {"f:team": {}}}}
    assert entries["kubectl-annotate"]["fieldsV1"] == {"f:metadata": {"f:annotations": {"f:note": {}}}}
    assert entries["kubectl-create"]["operation"] == "Update"
    assert entries["kubectl-create"]["apiVersion"] == "apps/v1"


@pytest.mark.parametrize("flags", [["--force-conflicts"], ["--server-side", "--dry-run=client"],
                                   ["--server-side", "--force"], ["--dry-run=server", "--force"]])
def test_flag_checks_match_kubectl(cli: CLI, tmp_path: Any, kubectl: str, flags: list[str]) -> None:
    manifest = _manifest(tmp_path, "d.yaml")
    ours = cli("apply", *flags, "-f", manifest)
    theirs = subprocess.run([kubectl, "apply", *flags, "-f", manifest], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "KUBECONFIG": str(tmp_path / "none")}, timeout=60)
    assert (ours.code, ours.stderr) == (theirs.returncode, theirs.stderr)
