"""kubectl's own test/cmd/apply.sh (run_kubectl_apply_tests) assertions that apply offline.

Fixtures are small inline equivalents of hack/testdata/pod.yaml, pod-apply.yaml,
retainKeys/deployment/, filter/, service-revision1/2.yaml and multi-resource-1..4.yaml.
Left out: --prune, -k/--kustomize and the server-side apply section. The CRD of the CR
dry-run test is apiextensions.k8s.io/v1 (v1beta1 is no longer served by v1.33).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.cmd_support import FILTER_POD, ID, LAST_APPLIED, assert_object

CLI = Any
POD = """apiVersion: v1
kind: Pod
metadata:
  name: test-pod
  labels:
    name: {label}
spec:
  containers:
  - name: kubernetes-pause
    image: registry.k8s.io/pause:{tag}
"""
DEPLOY_BEFORE = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: test-deployment-retainkeys
  labels:
    app: nginx
spec:
  replicas: 1
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
      volumes:
      - name: test-volume
"""
DEPLOY_AFTER = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: test-deployment-retainkeys
  labels:
    app: nginx
spec:
  strategy:
    type: Recreate
  replicas: 1
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
      volumes:
      - name: test-volume
        hostPath:
          path: /data
"""
SERVICE = """apiVersion: v1
kind: Service
metadata:
  name: a
spec:
  selector:
    app: test
  clusterIP: {ip}
  ports:
  - port: 80
"""
PRUNE_B = """apiVersion: v1
kind: Pod
metadata:
  name: b
  namespace: nsb
  labels:
    prune-group: "true"
spec:
  containers:
  - name: kubernetes-pause
    image: registry.k8s.io/pause:3.10
"""
PAUSE = """spec:
  containers:
  - name: kubernetes-pause
    image: registry.k8s.io/pause:3.10
"""
MULTI_1 = ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: test-pod\n  namespace: multi-resource-ns\n"
           + PAUSE + "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: multi-resource-ns\n")
MULTI_2 = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: foo\n---\n"
           "apiVersion: example.com/v1\nkind: Bogus\nmetadata:\n  name: foo\n")
MULTI_3 = "---\n".join(f"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {n}\n" + PAUSE
                       for n in ("pod-a", "POD-B", "pod-c"))
CRD = """apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: {plural}.{group}
spec:
  group: {group}
  scope: Namespaced
  names:
    plural: {plural}
    singular: {singular}
    kind: {kind}
  versions:
  - name: {version}
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
"""
WIDGET_CRD = CRD.format(plural="widgets", singular="widget", group="example.com", kind="Widget",
                        version="v1")
MULTI_4 = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: foo\n---\n" + WIDGET_CRD


@pytest.fixture
def files(tmp_path: Any) -> Any:
    (tmp_path / "pod.yaml").write_text(POD.format(label="test-pod-label", tag="3.10"))
    (tmp_path / "pod-apply.yaml").write_text(POD.format(label="test-pod-applied", tag="3.9"))
    (tmp_path / "deployment-before.yaml").write_text(DEPLOY_BEFORE)
    (tmp_path / "deployment-after.yaml").write_text(DEPLOY_AFTER)
    (tmp_path / "filter").mkdir()
    (tmp_path / "filter" / "pod-apply-selector.yaml").write_text(
        FILTER_POD.format(name="selector-test-pod", unique="bingbang"))
    (tmp_path / "filter" / "pod-dont-apply.yaml").write_text(
        FILTER_POD.format(name="selector-test-pod-dont-apply", unique="biz"))
    (tmp_path / "service-revision1.yaml").write_text(SERVICE.format(ip="None"))
    (tmp_path / "service-revision2.yaml").write_text(SERVICE.format(ip="10.0.0.12"))
    (tmp_path / "b.yaml").write_text(PRUNE_B)
    for number, text in enumerate((MULTI_1, MULTI_2, MULTI_3, MULTI_4), start=1):
        (tmp_path / f"multi-resource-{number}.yaml").write_text(text)
    return tmp_path


def ok(cli: CLI, *args: str, stdin: str = "") -> str:
    result = cli(*args, stdin=stdin)
    assert result.code == 0, result.stderr
    return result.stdout


def fails(cli: CLI, *args: str) -> str:
    """``$(! kubectl ... 2>&1)``."""
    result = cli(*args)
    assert result.code != 0, result.stdout
    return result.stdout + result.stderr


def test_apply_creates_with_last_applied_annotation(cli: CLI, files: Any) -> None:
    assert_object(cli, "pods", ID, "")
    assert ok(cli, "apply", "-f", str(files / "pod.yaml")) == "pod/test-pod created\n"
    assert_object(cli, "pods test-pod", "{{.metadata.labels.name}}", "test-pod-label")
    assert LAST_APPLIED in ok(cli, "get", "pods", "test-pod", "-o", "yaml")
    ok(cli, "delete", "pods", "test-pod")


def test_apply_records_client_side_field_manager(cli: CLI, files: Any) -> None:
    ok(cli, "apply", "-f", str(files / "pod.yaml"))
    out = ok(cli, "get", "--show-managed-fields", "-f", str(files / "pod.yaml"),
             "-o=jsonpath={.metadata.managedFields[*].manager}")
    assert "kubectl-client-side-apply" in out


def test_create_has_no_last_applied_annotation(cli: CLI, files: Any) -> None:
    ok(cli, "create", "-f", str(files / "pod.yaml"))
    assert_object(cli, "pods test-pod", "{{.metadata.labels.name}}", "test-pod-label")
    assert LAST_APPLIED not in ok(cli, "get", "pods", "test-pod", "-o", "yaml")


def test_set_last_applied(cli: CLI, files: Any) -> None:
    pod = str(files / "pod.yaml")
    ok(cli, "create", "-f", pod)
    for dry in ("--dry-run=client", "--dry-run=server"):
        ok(cli, "apply", "set-last-applied", dry, "-f", pod, "--create-annotation=true")
    assert LAST_APPLIED not in ok(cli, "get", "pods", "test-pod", "-o", "yaml")
    ok(cli, "apply", "set-last-applied", "-f", pod, "--create-annotation=true")
    assert LAST_APPLIED in ok(cli, "get", "pods", "test-pod", "-o", "yaml")


def test_apply_clears_defaulted_fields(cli: CLI, files: Any) -> None:
    assert_object(cli, "deployments", ID, "")
    ok(cli, "apply", "-f", str(files / "deployment-before.yaml"))
    assert_object(cli, "deployments", "{{range.items}}{{.metadata.name}}{{end}}",
                  "test-deployment-retainkeys")
    live = ok(cli, "get", "deployments", "test-deployment-retainkeys", "-o", "yaml")
    for text in ("RollingUpdate", "maxSurge", "maxUnavailable", "emptyDir"):
        assert text in live
    assert ok(cli, "apply", "-f", str(files / "deployment-after.yaml"))
    live = ok(cli, "get", "deployments", "test-deployment-retainkeys", "-o", "yaml")
    assert "Recreate" in live and "hostPath" in live
    assert "RollingUpdate" not in live and "emptyDir" not in live
    ok(cli, "delete", "deployments", "test-deployment-retainkeys")


@pytest.mark.parametrize("verb", ["apply", "create"])
def test_label_selector_filters_file_objects(cli: CLI, files: Any, verb: str) -> None:
    assert_object(cli, "pods", ID, "")
    out = ok(cli, verb, "-l", "unique-label=bingbang", "-f", str(files / "filter"))
    assert out == "pod/selector-test-pod created\n"
    assert_object(cli, "pods selector-test-pod", "{{.metadata.labels.name}}", "selector-test-pod")
    out = fails(cli, "get", "pods", "selector-test-pod-dont-apply")
    assert 'pods "selector-test-pod-dont-apply" not found' in out
    ok(cli, "delete", "pods", "selector-test-pod")
    result = cli(verb, "-l", "unique-label=none", "-f", str(files / "filter"))
    assert (result.stderr, result.code) == (f"error: no objects passed to {verb}\n", 1)


def test_apply_dry_run_does_not_persist(cli: CLI, files: Any) -> None:
    pod, pod_apply = str(files / "pod.yaml"), str(files / "pod-apply.yaml")
    assert_object(cli, "pods", ID, "")
    assert ok(cli, "apply", "--dry-run=client", "-f", pod) == "pod/test-pod created (dry run)\n"
    assert ok(cli, "apply", "--dry-run=server", "-f", pod) == "pod/test-pod created (server dry run)\n"
    assert_object(cli, "pods", ID, "")
    ok(cli, "apply", "-f", pod)
    initial = ok(cli, "get", "-f", pod, "-o", "go-template={{ .metadata.resourceVersion }}")
    assert ok(cli, "apply", "--dry-run=client", "-f", pod_apply) == \
        "pod/test-pod configured (dry run)\n"
    assert ok(cli, "apply", "--dry-run=server", "-f", pod_apply) == \
        "pod/test-pod configured (server dry run)\n"
    assert_object(cli, "pods test-pod", "{{.metadata.labels.name}}", "test-pod-label")
    assert ok(cli, "get", "-f", pod, "-o", "go-template={{ .metadata.resourceVersion }}") == initial
    ok(cli, "delete", "-f", pod)


def test_apply_server_dry_run_of_custom_resource(cli: CLI) -> None:
    ok(cli, "create", "-f", "-", stdin=CRD.format(plural="resources", singular="resource",
                                                  group="mygroup.example.com", kind="Kind",
                                                  version="v1alpha1"))
    out = ok(cli, "api-resources", "--api-group", "mygroup.example.com", "-oname")
    assert "resources.mygroup.example.com" in out
    cr = ("apiVersion: mygroup.example.com/v1alpha1\nkind: Kind\nmetadata:\n  name: myobj\n"
          "spec:\n  key: value\n")
    assert ok(cli, "apply", "--dry-run=server", "-f", "-", stdin=cr) == \
        "kind.mygroup.example.com/myobj created (server dry run)\n"
    assert cli("get", "resource/myobj").code == 1
    ok(cli, "delete", "customresourcedefinition", "resources.mygroup.example.com")


def test_apply_namespace_must_match_the_object(cli: CLI, files: Any) -> None:
    out = fails(cli, "apply", "-n", "foo", "-f", str(files / "b.yaml"))
    assert 'the namespace from the provided object "nsb" does not match the namespace "foo".' in out


def test_apply_force_recreates_on_immutable_field(cli: CLI, files: Any) -> None:
    rev1, rev2 = str(files / "service-revision1.yaml"), str(files / "service-revision2.yaml")
    assert_object(cli, "services", ID, "kubernetes:")  # the script's namespace has no services
    ok(cli, "apply", "-f", rev1)
    assert_object(cli, "services a", "{{.metadata.name}}", "a")
    out = fails(cli, "apply", "-f", rev2)
    assert "may not change once set" in out
    assert out == ('The Service "a" is invalid: spec.clusterIPs[0]: Invalid value: '
                   '[]string{"10.0.0.12"}: may not change once set\n')
    assert ok(cli, "apply", "-f", rev2, "--force") == "service/a configured\n"
    assert_object(cli, "services a", "{{.spec.clusterIP}}", "10.0.0.12")
    ok(cli, "delete", "-f", rev2)


def test_apply_continues_after_a_failure_in_the_apply_phase(cli: CLI, files: Any) -> None:
    out = fails(cli, "get", "namespace", "multi-resource-ns")
    assert 'namespaces "multi-resource-ns" not found' in out
    assert_object(cli, "pods", ID, "")
    multi = str(files / "multi-resource-1.yaml")
    out = fails(cli, "apply", "-f", multi)
    assert 'namespaces "multi-resource-ns" not found' in out
    assert 'pods "test-pod" not found' in fails(cli, "get", "pods", "test-pod", "-n",
                                                 "multi-resource-ns")
    ok(cli, "apply", "-f", multi)
    assert_object(cli, "pods test-pod -n multi-resource-ns", "{{.metadata.name}}", "test-pod")
    ok(cli, "delete", "-f", multi)


def test_apply_continues_after_a_failure_in_the_builder_phase(cli: CLI, files: Any) -> None:
    assert_object(cli, "configmaps --field-selector=metadata.name=foo", ID, "")
    out = fails(cli, "apply", "-f", str(files / "multi-resource-2.yaml"))
    assert 'no matches for kind "Bogus" in version "example.com/v1"' in out
    assert_object(cli, "configmaps foo", "{{.metadata.name}}", "foo")
    ok(cli, "delete", "configmaps", "foo")


def test_apply_continues_after_an_invalid_object(cli: CLI, files: Any) -> None:
    assert_object(cli, "pods", ID, "")
    out = fails(cli, "apply", "-f", str(files / "multi-resource-3.yaml"))
    assert 'The Pod "POD-B" is invalid' in out
    assert_object(cli, "pods pod-a", "{{.metadata.name}}", "pod-a")
    assert_object(cli, "pods pod-c", "{{.metadata.name}}", "pod-c")
    ok(cli, "delete", "pod", "pod-a", "pod-c")
    assert_object(cli, "pods", ID, "")


def test_apply_custom_resource_after_its_crd(cli: CLI, files: Any) -> None:
    multi = str(files / "multi-resource-4.yaml")
    assert_object(cli, "crds", ID, "")
    out = fails(cli, "apply", "-f", multi)
    assert 'no matches for kind "Widget" in version "example.com/v1"' in out
    assert 'widgets.example.com "foo" not found' in fails(cli, "get", "widgets", "foo")
    assert_object(cli, "crds widgets.example.com", "{{.metadata.name}}", "widgets.example.com")
    ok(cli, "apply", "-f", multi)
    assert_object(cli, "widget foo", "{{.metadata.name}}", "foo")
    ok(cli, "delete", "-f", multi)
