"""``rollout history`` and ``rollout undo`` for Deployments, DaemonSets and StatefulSets."""

from __future__ import annotations

from tests.conftest import CLI

_PATCH = '{"spec":{"template":{"spec":{"containers":[{"name":"%s","image":"%s"}]}}}}'
_WORKLOADS = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fluentd}
spec:
  selector: {matchLabels: {app: fluentd}}
  template:
    metadata: {labels: {app: fluentd}}
    spec: {containers: [{name: f, image: "fluentd:v1"}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: web
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: w, image: "nginx:1"}]}
"""


def _deployment_with_two_revisions(cli: CLI) -> None:
    assert cli("create", "deployment", "nginx", "--image=nginx:1.14.2").code == 0
    assert cli("rollout", "status", "deployment/nginx").code == 0
    cli("patch", "deployment", "nginx", "-p", _PATCH % ("nginx", "nginx:1.16.1"))
    cli("annotate", "deployment/nginx", "kubernetes.io/change-cause=image updated to 1.16.1", "--overwrite")
    assert cli("rollout", "status", "deployment/nginx").code == 0


def _image(cli: CLI, ref: str) -> str:
    return cli("get", ref, "-o", "jsonpath={.spec.template.spec.containers[0].image}").stdout


def test_deployment_history_lists_revisions_with_change_cause(cli: CLI) -> None:
    _deployment_with_two_revisions(cli)
    out = cli("rollout", "history", "deployment/nginx").stdout
    assert out == ("deployment.apps/nginx \nREVISION  CHANGE-CAUSE\n1         <none>\n"
                   "2         image updated to 1.16.1\n\n")


def test_history_of_one_revision_prints_its_pod_template_with_raw_tabs(cli: CLI) -> None:
    _deployment_with_two_revisions(cli)
    out = cli("rollout", "history", "deployment/nginx", "--revision=1").stdout
    assert out.startswith("deployment.apps/nginx with revision #1\nPod Template:\n  Labels:\tapp=nginx\n"
                          "\tpod-template-hash=")
    assert "    Image:\tnginx:1.14.2\n" in out
    missing = cli("rollout", "history", "deployment/nginx", "--revision=7")
    assert (missing.code, missing.stderr) == (1, "error: unable to find the specified revision\n")


def test_undo_restores_the_previous_template_and_makes_a_new_revision(cli: CLI) -> None:
    _deployment_with_two_revisions(cli)
    result = cli("rollout", "undo", "deployment/nginx")
    assert (result.code, result.stdout) == (0, "deployment.apps/nginx rolled back\n")
    assert _image(cli, "deployment/nginx") == "nginx:1.14.2"
    assert cli("rollout", "status", "deployment/nginx").code == 0
    out = cli("rollout", "history", "deployment/nginx").stdout
    assert out.splitlines()[2:4] == ["2         image updated to 1.16.1", "3         <none>"]
    again = cli("rollout", "undo", "deployment/nginx", "--to-revision=2")
    assert again.stdout == "deployment.apps/nginx rolled back\n"
    assert _image(cli, "deployment/nginx") == "nginx:1.16.1"


def test_undo_errors_and_dry_run(cli: CLI) -> None:
    cli("create", "deployment", "solo", "--image=nginx")
    cli("rollout", "status", "deployment/solo")
    alone = cli("rollout", "undo", "deployment/solo")
    assert (alone.code, alone.stderr) == (1, 'error: no rollout history found for deployment "solo"\n')
    _deployment_with_two_revisions(cli)
    missing = cli("rollout", "undo", "deployment/nginx", "--to-revision=9")
    assert missing.stderr == "error: unable to find specified revision 9 in history\n"
    same = cli("rollout", "undo", "deployment/nginx", "--to-revision=2")
    assert same.stdout == "deployment.apps/nginx skipped rollback (current template already matches revision 2)\n"
    dry = cli("rollout", "undo", "deployment/nginx", "--dry-run=client")
    assert dry.stdout.startswith("deployment.apps/nginx Pod Template:\n  Labels:\tapp=nginx\n")
    assert dry.stdout.endswith(" (dry run)\n")
    assert _image(cli, "deployment/nginx") == "nginx:1.16.1"
    cli("rollout", "pause", "deployment/nginx")
    paused = cli("rollout", "undo", "deployment/nginx")
    assert paused.stderr == ("error: you cannot rollback a paused deployment; resume it first with "
                             "'kubectl rollout resume deployment/nginx' and try again\n")
    cli("create", "deployment", "x", "--image=nginx")
    unsupported = cli("rollout", "undo", "replicasets", "-l", "app=x")
    assert 'no rollbacker has been implemented for "ReplicaSet.apps"' in unsupported.stderr


def test_daemonset_and_statefulset_revisions(cli: CLI) -> None:
    cli("apply", "-f", "-", stdin=_WORKLOADS)
    first = cli("rollout", "undo", "ds/fluentd")
    assert (first.code, first.stderr) == (1, "error: no last revision to roll back to\n")
    cli("patch", "ds", "fluentd", "-p", _PATCH % ("f", "fluentd:v2"))
    cli("patch", "sts", "web", "-p", _PATCH % ("w", "nginx:2"))
    cli("get", "pods")  # let the controllers record the new revisions
    assert cli("rollout", "history", "ds/fluentd").stdout == (
        "daemonset.apps/fluentd \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n")
    assert cli("rollout", "history", "sts/web").stdout == "statefulset.apps/web \nREVISION\n1\n2\n\n"
    dry = cli("rollout", "undo", "ds/fluentd", "--dry-run=client")
    assert dry.stdout.startswith("daemonset.apps/fluentd will roll back to Pod Template:\n")
    assert "fluentd:v1" in dry.stdout
    assert cli("rollout", "undo", "ds/fluentd").stdout == "daemonset.apps/fluentd rolled back\n"
    assert _image(cli, "ds/fluentd") == "fluentd:v1"
    assert cli("rollout", "undo", "sts/web", "--to-revision=1").stdout == "statefulset.apps/web rolled back\n"
    assert _image(cli, "sts/web") == "nginx:1"
    cli.now = "2026-01-01T00:01:00Z"
    # The controllers renumber the restored revision as the newest one.
    assert cli("rollout", "history", "sts/web").stdout == "statefulset.apps/web \nREVISION\n2\n3\n\n"
