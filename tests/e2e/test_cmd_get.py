"""kubectl's own test/cmd/get.sh assertions that apply offline.

Covers run_kubectl_get_tests, run_retrieve_multiple_tests, run_kubectl_sort_by_tests and
run_kubectl_all_namespace_tests. The fixtures are small inline equivalents of
test/fixtures/doc-yaml/admin/limitrange/valid-pod.yaml, .../user-guide/multi-pod.yaml and
hack/testdata/sorted-pods/. Left out: the ``--v=6``/``--v=8`` request-URL assertions (no HTTP
here), kustomize (-k) and the removed PodSecurityPolicy API.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.cmd_support import ID, VALID_POD, assert_object

CLI = Any
REDIS_MASTER = """apiVersion: v1
kind: Pod
metadata:
  name: redis-master
  labels:
    app: redis
spec:
  containers:
  - name: master
    image: registry.k8s.io/redis:e2e
    ports:
    - containerPort: 6379
"""
# sorted-pod1/2 carry a creationTimestamp the API server overwrites; names, labels, container
# names and resources are chosen so that each sort key gives a different order.
SORTED_POD = """apiVersion: v1
kind: Pod
metadata:
  name: {name}
  creationTimestamp: "{stamp}"
  labels:
    name: {label}
spec:
  containers:
  - name: {container}
    image: registry.k8s.io/pause:3.10
{resources}"""
SORTED = {
    "sorted-pod1": dict(stamp="2018-08-30T14:10:58Z", label="sorted-pod3-label",
                        container="kubernetes-pause2",
                        resources="    resources:\n      requests:\n        memory: 64Mi\n"
                                  "        cpu: 250m\n      limits:\n        memory: 128Mi\n"
                                  "        cpu: 500m\n"),
    "sorted-pod2": dict(stamp="2018-08-30T14:10:55Z", label="sorted-pod2-label",
                        container="kubernetes-pause1",
                        resources="    resources:\n      requests:\n        memory: 1G\n"
                                  "        cpu: \"0.5\"\n      limits:\n        memory: 2G\n"
                                  "        cpu: \"1\"\n"),
    "sorted-pod3": dict(stamp="2018-08-30T14:10:50Z", label="sorted-pod1-label",
                        container="kubernetes-pause3", resources=""),
}


@pytest.fixture
def files(tmp_path: Any) -> Any:
    (tmp_path / "valid-pod.yaml").write_text(VALID_POD)
    (tmp_path / "multi-pod.yaml").write_text(REDIS_MASTER + "---\n" + VALID_POD)
    for name, fields in SORTED.items():
        (tmp_path / f"{name}.yaml").write_text(SORTED_POD.format(name=name, **fields))
    return tmp_path


def combined(cli: CLI, *args: str) -> tuple[str, int]:
    """Like the script's ``$(kubectl ... 2>&1)``."""
    result = cli(*args)
    return result.stdout + result.stderr, result.code


def sort_order(output: str) -> str:
    """kube::test::if_sort_by_has_correct_order: first column of every row after the header."""
    return "".join(line.split()[0] + ":" for line in output.splitlines()[1:])


def test_get_missing_pod_reports_not_found_for_every_output(cli: CLI) -> None:
    assert_object(cli, "pods", ID, "")
    for extra in ((), ("-o", "name"), ("-o", "json")):
        out, code = combined(cli, "get", "pods", "abc", *extra)
        assert code == 1
        assert 'pods "abc" not found' in out
        assert "List" not in out
    assert cli("get", "pods", "abc").stderr == 'Error from server (NotFound): pods "abc" not found\n'


def test_no_resources_found_only_for_human_readable_output(cli: CLI) -> None:
    for output in ("json", "yaml", "name", "jsonpath={.items}", "go-template={{.items}}",
                   "custom-columns=NAME:.metadata.name"):
        out, code = combined(cli, "get", "pods", "-o", output)
        assert code == 0
        assert "No resources found" not in out
    out, code = combined(cli, "get", "foobar")
    assert code == 1
    assert "No resources found" not in out
    assert out == 'error: the server doesn\'t have a resource type "foobar"\n'
    result = cli("get", "pods")
    assert (result.stdout, result.stderr, result.code) == (
        "", "No resources found in default namespace.\n", 0)
    out, code = combined(cli, "get", "pods", "--ignore-not-found")
    assert (out, code) == ("", 0)
    out, code = combined(cli, "get", "pods", "-o", "wide")
    assert "No resources found" in out and code == 0


def test_empty_list_outputs(cli: CLI) -> None:
    assert cli("get", "pods", "-o", "jsonpath={.items}").stdout == "[]"
    assert cli("get", "pods", "-o", "go-template={{.items}}").stdout == "[]"
    assert cli("get", "pods", "-o", "name").stdout == ""
    assert cli("get", "pods", "-o", "custom-columns=NAME:.metadata.name").stdout == "NAME\n"


def test_get_all_and_chunk_sizes(cli: CLI) -> None:
    result = cli("--namespace", "default", "get", "all", "--chunk-size=0")
    assert result.code == 0, result.stderr
    assert "service/kubernetes" in result.stdout
    for size in ("10", "500"):
        result = cli("get", "clusterrole", f"--chunk-size={size}")
        assert result.code == 0, result.stderr
    result = cli("get", "namespaces", "--chunk-size=1", "--no-headers")
    assert result.code == 0
    for ns in ("default", "kube-public", "kube-system"):
        assert ns in result.stdout
    assert "NAME" not in result.stdout


def test_chunked_list_can_be_watched(cli: CLI) -> None:
    for name in ("one", "two", "three"):
        tmpl = f'{{{{range.items}}}}{{{{ if eq .metadata.name "{name}" }}}}found{{{{end}}}}{{{{end}}}}:'
        assert_object(cli, "configmaps", tmpl, ":")
    manifest = "".join(f"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {n}\n"
                       for n in ("one", "two", "three"))
    assert cli("create", "-f", "-", stdin=manifest).code == 0
    for flag in ("--watch", "--watch-only"):
        out, code = combined(cli, "get", "configmap", "--chunk-size=1", flag, "--request-timeout=1s")
        assert code == 0
        assert "watch is only supported on individual resources" not in out
    out, _ = combined(cli, "get", "configmap", "--chunk-size=1", "--watch", "--request-timeout=1s")
    for name in ("one", "two", "three"):
        assert f"\n{name} " in out


def test_allow_missing_template_keys(cli: CLI, files: Any) -> None:
    assert_object(cli, "pods", ID, "")
    assert cli("create", "-f", str(files / "valid-pod.yaml")).code == 0
    assert cli("get", "pods", "-o", "json").code == 0
    assert_object(cli, "pods", ID, "valid-pod:")
    result = cli("get", "pod", "valid-pod", "-o", "jsonpath={.missing}")
    assert (result.stdout, result.stderr, result.code) == ("", "", 0)
    result = cli("get", "pod", "valid-pod", "-o", "go-template={{.missing}}")
    assert (result.stdout, result.stderr, result.code) == ("<no value>", "", 0)
    result = cli("get", "pod", "valid-pod", "--template={{.metadata.name}}:")
    assert (result.stdout, result.code) == ("valid-pod:", 0)
    out, code = combined(cli, "get", "pod", "valid-pod", "--allow-missing-template-keys=false",
                         "-o", "jsonpath={.missing}")
    assert code == 1 and "missing is not found" in out
    out, code = combined(cli, "get", "pod", "valid-pod", "--allow-missing-template-keys=false",
                         "-o", "go-template={{.missing}}")
    assert code == 1 and 'map has no entry for key "missing"' in out


def test_subresource(cli: CLI, files: Any) -> None:
    assert cli("create", "-f", str(files / "valid-pod.yaml")).code == 0
    result = cli("get", "pod", "valid-pod", "--subresource=status")
    assert result.code == 0, result.stderr
    assert result.stdout.startswith("NAME ")
    assert "\nvalid-pod " in result.stdout
    out, code = combined(cli, "get", "pod", "valid-pod", "--subresource=scale")
    assert code == 1
    assert "the server could not find the requested resource" in out


def test_get_watch_forms(cli: CLI, files: Any) -> None:
    assert cli("create", "-f", str(files / "valid-pod.yaml")).code == 0
    result = cli("get", "pods", "-w", "--request-timeout=1")
    assert result.code == 0
    assert "STATUS" in result.stdout and "valid-pod" in result.stdout
    result = cli("get", "pods/valid-pod", "-o", "name", "-w", "--request-timeout=1")
    assert "STATUS" not in result.stdout and "pod/valid-pod" in result.stdout
    result = cli("get", "pods/valid-pod", "-o", "yaml", "-w", "--request-timeout=1")
    assert "STATUS" not in result.stdout and "name: valid-pod" in result.stdout
    out, code = combined(cli, "get", "pods/invalid-pod", "-w", "--request-timeout=1")
    assert code == 1 and '"invalid-pod" not found' in out
    assert cli("delete", "pods", "valid-pod").code == 0


def test_get_from_file_prints_every_item(cli: CLI, files: Any) -> None:
    assert_object(cli, "pods", ID, "")
    multi = str(files / "multi-pod.yaml")
    assert cli("create", "-f", multi).code == 0
    result = cli("get", "-f", multi, "-o", "jsonpath={..metadata.name}")
    assert (result.stdout, result.code) == ("redis-master valid-pod", 0)
    assert cli("delete", "pods", "redis-master", "valid-pod").code == 0
    assert_object(cli, "pods", ID, "")


def test_retrieve_multiple_types_by_slash_names(cli: CLI) -> None:
    assert_object(cli, "nodes/minikube service/kubernetes", ID, "minikube:kubernetes:")


def test_sort_by_without_pods_does_not_fail(cli: CLI) -> None:
    for key in ("{metadata.name}", "{metadata.creationTimestamp}"):
        result = cli("get", "pods", f"--sort-by={key}")
        assert (result.stderr, result.code) == ("No resources found in default namespace.\n", 0)


def test_sort_by_single_pod(cli: CLI, files: Any) -> None:
    assert cli("create", "-f", str(files / "valid-pod.yaml")).code == 0
    assert "valid-pod" in cli("get", "pods", "--sort-by={metadata.name}").stdout
    result = cli("delete", "pod", "valid-pod", "--grace-period=0", "--force")
    assert result.code == 0
    assert_object(cli, "pods", ID, "")


def test_sort_by_orders(cli: CLI, files: Any) -> None:
    expected_after = ["sorted-pod1:", "sorted-pod1:sorted-pod2:",
                      "sorted-pod1:sorted-pod2:sorted-pod3:"]
    for second, name in enumerate(SORTED):
        cli.now = f"2026-01-01T00:00:0{second}Z"
        assert cli("create", "-f", str(files / f"{name}.yaml")).code == 0
        assert_object(cli, "pods", ID, expected_after[second])
    cases = {
        "{metadata.name}": "sorted-pod1:sorted-pod2:sorted-pod3:",
        "{metadata.labels.name}": "sorted-pod3:sorted-pod2:sorted-pod1:",
        "{spec.containers[0].name}": "sorted-pod2:sorted-pod1:sorted-pod3:",
        "{metadata.creationTimestamp}": "sorted-pod1:sorted-pod2:sorted-pod3:",
        "{.spec.containers[0].resources.requests.memory}": "sorted-pod3:sorted-pod1:sorted-pod2:",
        "{.spec.containers[0].resources.requests.cpu}": "sorted-pod3:sorted-pod1:sorted-pod2:",
        "{.spec.containers[0].resources.limits.memory}": "sorted-pod3:sorted-pod1:sorted-pod2:",
        "{.spec.containers[0].resources.limits.cpu}": "sorted-pod3:sorted-pod1:sorted-pod2:",
    }
    for key, order in cases.items():
        result = cli("get", "pods", f"--sort-by={key}")
        assert result.code == 0, result.stderr
        assert sort_order(result.stdout) == order, key
    result = cli("get", "pods", "--sort-by={spec.containers[0].name}", "--server-print=false")
    assert sort_order(result.stdout) == "sorted-pod2:sorted-pod1:sorted-pod3:"
    assert "Table" not in result.stdout + result.stderr
    result = cli("delete", "pod", "--grace-period=0", "--force", "--all")
    assert result.code == 0
    assert_object(cli, "pods", ID, "")


def test_all_namespaces(cli: CLI, files: Any) -> None:
    tmpl = '{{range.items}}{{if eq .metadata.name "default"}}{{.metadata.name}}:{{end}}{{end}}'
    assert_object(cli, "namespaces", tmpl, "default:")
    assert cli("create", "-f", str(files / "valid-pod.yaml")).code == 0
    assert_object(cli, "pods", ID, "valid-pod:")
    result = cli("get", "pods", "--all-namespaces", "--namespace=default")
    assert result.code == 0 and result.stdout.startswith("NAMESPACE ")
    assert "\ndefault     valid-pod " in result.stdout
    for ns in ("all-ns-test-1", "all-ns-test-2"):
        assert cli("create", "namespace", ns).code == 0
        sa = f"apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: test\n  namespace: {ns}\n"
        assert cli("create", "-f", "-", stdin=sa).code == 0
    for flag in ("--all-namespaces", "-A"):
        out = cli("get", "serviceaccounts", flag).stdout
        assert "all-ns-test-1" in out and "all-ns-test-2" in out
    for ns in ("all-ns-test-1", "all-ns-test-2"):
        assert cli("delete", "namespace", ns).code == 0
    assert_object(cli, "pods", ID, "valid-pod:")
    assert cli("delete", "pod", "valid-pod", "--grace-period=0", "--force").code == 0
    assert_object(cli, "pods", ID, "")
    assert_object(cli, "nodes", ID, "minikube:")
    out, code = combined(cli, "get", "nodes", "--all-namespaces")
    assert code == 0 and "NAMESPACE" not in out


def test_subresource_scale_and_validation(cli: CLI) -> None:
    """Beyond get.sh: the scale subresource of a Deployment and kubectl's own validations."""
    deploy = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
"""
    assert cli("create", "-f", "-", stdin=deploy).code == 0
    result = cli("get", "deployment", "web", "--subresource=scale")
    assert result.stdout.splitlines()[0].split() == ["NAME", "DESIRED", "AVAILABLE", "AGE"]
    result = cli("get", "deployment", "web", "--subresource=scale",
                 "-o", "jsonpath={.kind} {.apiVersion} {.spec.replicas} {.status.selector}")
    assert (result.stdout, result.code) == ("Scale autoscaling/v1 2 app=web", 0)
    result = cli("get", "deployments", "--subresource=status")
    assert (result.stderr, result.code) == (
        "error: subresource cannot be used when bulk resources are specified\n", 1)
    result = cli("get", "deployment", "web", "--subresource=foo")
    assert (result.stderr, result.code) == (
        'error: invalid subresource value: "foo". Must be one of [status scale]\n', 1)
    result = cli("get", "configmap", "kube-root-ca.crt", "--subresource=status")
    assert (result.stderr, result.code) == (
        "Error from server (NotFound): the server could not find the requested resource\n", 1)


def test_request_timeout_values(cli: CLI) -> None:
    """client-go's ParseTimeout: bare integers are seconds; other text must be a duration."""
    assert cli("get", "pods", "-w", "--request-timeout=2").code == 0
    result = cli("get", "pods", "-w", "--request-timeout=soon")
    assert result.code == 1
    assert result.stderr == ("error: Invalid timeout value. Timeout must be a single integer in "
                             "seconds, or an integer followed by a corresponding time unit "
                             "(e.g. 1s | 2m | 3h)\n")


def test_single_named_object_errors_print_no_list(cli: CLI) -> None:
    """printGeneric: an implied single item returns its error alone; --ignore-not-found prints
    nothing at all for an empty result."""
    for output in ("json", "yaml", "name", "jsonpath={.items}"):
        result = cli("get", "pods", "abc", "-o", output)
        assert (result.stdout, result.code) == ("", 1)
        result = cli("get", "pods", "abc", "-o", output, "--ignore-not-found")
        assert (result.stdout, result.stderr, result.code) == ("", "", 0)
        result = cli("get", "pods", "-o", output, "--ignore-not-found")
        assert (result.stdout, result.stderr, result.code) == ("", "", 0)
    result = cli("get", "pods", "abc", "def", "-o", "json")
    assert result.code == 1 and '"kind": "List"' in result.stdout
