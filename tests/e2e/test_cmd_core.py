"""kubectl's own test/cmd/core.sh (run_pod_tests) assertions that apply offline.

Fixtures are inlined copies of the shapes used there (valid-pod, hack/testdata/pod.yaml).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.e2e.cmd_support import ID, VALID_POD

CLI = Any
IMAGE = "{{range.items}}{{(index .spec.containers 0).image}}:{{end}}"
TEST_POD = """apiVersion: v1
kind: Pod
metadata:
  name: test-pod
  labels:
    name: {label}
spec:
  containers:
  - name: kubernetes-pause
    image: registry.k8s.io/pause:3.10
"""
MULTI_POD = VALID_POD + "---\n" + VALID_POD.replace("valid-pod", "redis-master")


@pytest.fixture
def files(tmp_path: Any) -> Any:
    (tmp_path / "valid-pod.yaml").write_text(VALID_POD)
    (tmp_path / "multi-pod.yaml").write_text(MULTI_POD)
    return tmp_path


def names(cli: CLI, *extra: str) -> str:
    result = cli("get", "pods", *extra, "-o", f"go-template={ID}")
    assert result.code == 0, result.stderr
    return result.stdout


def test_create_get_and_delete_valid_pod(cli: CLI, files: Any) -> None:
    pod = str(files / "valid-pod.yaml")
    assert names(cli) == ""
    assert cli("create", "-f", pod).code == 0
    assert names(cli) == "valid-pod:"
    for ref in (("pod", "valid-pod"), ("pod/valid-pod",), ("pods/valid-pod",)):
        assert cli("get", *ref, "-o", "go-template={{.metadata.name}}").stdout == "valid-pod"
        assert cli("get", *ref, "-o", "jsonpath={.metadata.name}").stdout == "valid-pod"
    assert cli("get", "pods", "-o", "jsonpath={.items[*].metadata.name}").stdout == "valid-pod"
    result = cli("delete", "pod", "valid-pod", "--grace-period=0", "--force")
    assert result.code == 0
    assert result.stderr.startswith("Warning: Immediate deletion does not wait for confirmation")
    assert result.stdout == 'pod "valid-pod" force deleted\n'
    assert names(cli) == ""


def test_delete_now_and_grace_period_zero_wait(cli: CLI, files: Any) -> None:
    pod = str(files / "valid-pod.yaml")
    for flags in (("--now",), ("--grace-period=0",)):
        assert cli("create", "-f", pod).code == 0
        assert names(cli) == "valid-pod:"
        assert cli("delete", "pod", "valid-pod", *flags).code == 0
        assert names(cli) == ""


def test_create_from_dumped_yaml_and_delete_from_file(cli: CLI, files: Any) -> None:
    pod = str(files / "valid-pod.yaml")
    assert cli("create", "-f", pod).code == 0
    dumped = cli("get", "pod", "valid-pod", "-o", "yaml").stdout
    assert cli("delete", "pod", "valid-pod", "--grace-period=0", "--force").code == 0
    stripped = "\n".join(line for line in dumped.splitlines() if "namespace:" not in line) + "\n"
    result = cli("create", "-f", "-", stdin=stripped)
    assert result.code == 0, result.stderr
    assert names(cli) == "valid-pod:"
    assert cli("delete", "-f", pod, "--grace-period=0", "--force").code == 0
    assert names(cli) == ""


def test_selectors_and_guarded_deletes(cli: CLI, files: Any) -> None:
    assert cli("create", "-f", str(files / "valid-pod.yaml")).code == 0
    assert names(cli, "-lname in (valid-pod)") == "valid-pod:"
    assert "valid-pod" in cli("get", "pods", "--field-selector", "metadata.name=valid-pod").stdout
    phase = cli("get", "pod", "valid-pod", "-o", "go-template={{ .status.phase }}").stdout
    assert "valid-pod" in cli("get", "pods", "--field-selector", f"status.phase={phase}").stdout
    # delete pods with no parameter mustn't kill everything
    assert cli("delete", "pods").code != 0
    assert names(cli) == "valid-pod:"
    # --all with a label selector is not permitted
    assert cli("delete", "--all", "pods", "-lname in (valid-pod)").code != 0
    assert names(cli) == "valid-pod:"
    assert cli("delete", "pods", "-lname in (valid-pod)", "--grace-period=0", "--force").code == 0
    assert names(cli, "-lname in (valid-pod)") == ""
    assert cli("create", "-f", str(files / "valid-pod.yaml")).code == 0
    assert cli("delete", "--all", "pods", "--grace-period=0", "--force").code == 0
    assert names(cli) == ""


def test_patch_image_and_resource_version_precondition(cli: CLI, files: Any) -> None:
    pod = str(files / "valid-pod.yaml")
    assert cli("create", "-f", pod).code == 0
    result = cli("patch", "-f", pod, "-p",
                 '{"spec":{"containers":[{"name": "kubernetes-serve-hostname", "image": "k8s.gcr.io/pause:3.5"}]}}')
    assert result.code == 0, result.stderr
    assert cli("get", "pods", "-o", f"go-template={IMAGE}").stdout == "k8s.gcr.io/pause:3.5:"
    rv = cli("get", "pod", "valid-pod", "-o", "go-template={{ .metadata.resourceVersion }}").stdout
    patch = ('{"spec":{"containers":[{"name": "kubernetes-serve-hostname", "image": "nginx"}]},'
             '"metadata":{"resourceVersion":"%s"}}')
    assert cli("patch", "pod", "valid-pod", "-p", patch % rv).code == 0
    assert cli("get", "pods", "-o", f"go-template={IMAGE}").stdout == "nginx:"
    rv = cli("get", "pod", "valid-pod", "-o", "go-template={{ .metadata.resourceVersion }}").stdout
    result = cli("patch", "pod", "valid-pod", "-p", patch % (int(rv) + 100))
    assert result.code == 1
    assert "please apply your changes to the latest version and try again" in result.stderr


def test_replace_force_can_change_container_name(cli: CLI, files: Any, tmp_path: Any) -> None:
    assert cli("create", "-f", str(files / "valid-pod.yaml")).code == 0
    live = cli("get", "pod", "valid-pod", "-o", "json").stdout
    path = tmp_path / "tmp-valid-pod.json"
    path.write_text(live.replace('"kubernetes-serve-hostname"', '"replaced-k8s-serve-hostname"'))
    result = cli("replace", "--force", "-f", str(path))
    assert result.code == 0, result.stderr
    assert cli("get", "pod", "valid-pod", "-o", "go-template={{(index .spec.containers 0).name}}").stdout == \
        "replaced-k8s-serve-hostname"
    assert "--grace-period must have --force specified" in cli("replace", "--grace-period=1", "-f", str(path)).stderr
    assert "--timeout must have --force specified" in cli("replace", "--timeout=1s", "-f", str(path)).stderr


NODE = ('{"kind": "Node", "apiVersion": "v1", "metadata": {"name": "node-v1-test"%s}}')
NODE_ANNOTATED = NODE % ', "annotations": {"a":"b"}, "resourceVersion": "0"'


def test_replace_of_a_cluster_scoped_node(cli: CLI) -> None:
    assert cli("create", "-f", "-", stdin=NODE % "").code == 0
    tpl = "{{if .metadata.annotations.a}}found{{end}}:"
    assert cli("get", "node", "node-v1-test", "-o", f"go-template={tpl}").stdout == ":"
    assert cli("replace", "--dry-run=server", "-f", "-", stdin=NODE_ANNOTATED).code == 0
    assert cli("replace", "--dry-run=client", "-f", "-", stdin=NODE_ANNOTATED).code == 0
    assert cli("get", "node", "node-v1-test", "-o", f"go-template={tpl}").stdout == ":"
    result = cli("replace", "-f", "-", stdin=NODE_ANNOTATED)
    assert result.code == 0, result.stderr
    assert cli("get", "node", "node-v1-test", "-o", "go-template={{.metadata.annotations.a}}").stdout == "b"
    assert cli("delete", "node", "node-v1-test").code == 0


def test_label_local_does_not_touch_live_pod(cli: CLI, files: Any, tmp_path: Any) -> None:
    assert cli("create", "-f", str(files / "valid-pod.yaml")).code == 0
    local = tmp_path / "pod.yaml"
    local.write_text(TEST_POD.format(label="test-pod-label"))
    out = cli("label", "--local", "--overwrite", "-f", str(local), "name=localonlyvalue", "-o", "yaml")
    assert "localonlyvalue" in out.stdout
    assert cli("get", "pod", "valid-pod", "-o", "go-template={{.metadata.labels.name}}").stdout == "valid-pod"
    assert cli("label", "pods", "valid-pod", "name=valid-pod-super-sayan").code != 0
    assert cli("label", "--overwrite", "pods", "--all", "name=valid-pod-super-sayan").code == 0
    assert cli("get", "pod", "valid-pod", "-o", "go-template={{.metadata.labels.name}}").stdout == \
        "valid-pod-super-sayan"


def test_two_pods_from_one_file(cli: CLI, files: Any) -> None:
    multi = str(files / "multi-pod.yaml")
    assert cli("create", "-f", multi).code == 0
    assert names(cli) == "redis-master:valid-pod:"
    assert cli("delete", "-f", multi).code == 0
    assert names(cli) == ""


def _annotation(cli: CLI) -> str | None:
    meta = json.loads(cli("get", "pods", "test-pod", "-o", "json").stdout)["metadata"]
    return (meta.get("annotations") or {}).get("kubectl.kubernetes.io/last-applied-configuration")


def test_apply_annotation_only_after_apply(cli: CLI, tmp_path: Any) -> None:
    pod = tmp_path / "pod.yaml"
    pod.write_text(TEST_POD.format(label="test-pod-label"))
    assert cli("create", "-f", str(pod)).code == 0
    assert _annotation(cli) is None
    # replace doesn't set the annotation
    dumped = cli("get", "pods", "test-pod", "-o", "yaml").stdout.replace("test-pod-label", "test-pod-replaced")
    result = cli("replace", "-f", "-", stdin=dumped)
    assert result.code == 0, result.stderr
    assert cli("get", "pods", "test-pod", "-o", "go-template={{.metadata.labels.name}}").stdout == "test-pod-replaced"
    assert _annotation(cli) is None
    # apply sets it
    assert cli("apply", "-f", "-", stdin=TEST_POD.format(label="test-pod-applied")).code == 0
    applied = _annotation(cli)
    assert applied is not None
    # replace updates an existing annotation
    dumped = cli("get", "pods", "test-pod", "-o", "yaml").stdout.replace("test-pod-applied", "test-pod-replaced")
    assert cli("replace", "-f", "-", stdin=dumped).code == 0
    assert cli("get", "pods", "test-pod", "-o", "go-template={{.metadata.labels.name}}").stdout == "test-pod-replaced"
    replaced = _annotation(cli)
    assert replaced is not None and replaced != applied
    assert "test-pod-replaced" in replaced
