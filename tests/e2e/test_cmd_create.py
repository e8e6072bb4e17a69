"""kubectl's own test/cmd/create.sh assertions that apply offline.

Covers run_kubectl_create_dry_run_tests, run_kubectl_create_filter_tests,
run_kubectl_create_error_tests and run_create_job_tests. Left out: -k (kustomize). Fixtures are inline equivalents of
hack/testdata/pod.yaml, hack/testdata/filter/ and the limitrange valid-pod.yaml.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.cmd_support import FILTER_POD, ID, assert_object

CLI = Any
POD = """apiVersion: v1
kind: Pod
metadata:
  name: test-pod
  labels:
    name: test-pod-label
spec:
  containers:
  - name: kubernetes-pause
    image: registry.k8s.io/pause:3.10
"""
VALID_POD = """apiVersion: v1
kind: Pod
metadata:
  name: valid-pod
  labels:
    name: valid-pod
spec:
  containers:
  - name: kubernetes-serve-hostname
    image: registry.k8s.io/serve_hostname
"""


@pytest.fixture
def files(tmp_path: Any) -> Any:
    (tmp_path / "pod.yaml").write_text(POD)
    (tmp_path / "valid-pod.yaml").write_text(VALID_POD)
    (tmp_path / "filter").mkdir()
    (tmp_path / "filter" / "pod-apply-selector.yaml").write_text(
        FILTER_POD.format(name="selector-test-pod", unique="bingbang"))
    (tmp_path / "filter" / "pod-dont-apply.yaml").write_text(
        FILTER_POD.format(name="selector-test-pod-dont-apply", unique="biz"))
    return tmp_path


def test_create_dry_run_creates_nothing(cli: CLI, files: Any) -> None:
    pod = str(files / "pod.yaml")
    assert_object(cli, "pods", ID, "")
    result = cli("create", "--dry-run=client", "-f", pod)
    assert (result.stdout, result.code) == ("pod/test-pod created (dry run)\n", 0)
    result = cli("create", "--dry-run=server", "-f", pod)
    assert (result.stdout, result.code) == ("pod/test-pod created (server dry run)\n", 0)
    assert_object(cli, "pods", ID, "")


def test_create_dry_run_prints_the_object(cli: CLI, files: Any) -> None:
    result = cli("create", "--dry-run=server", "-f", str(files / "pod.yaml"),
                 "-o", "jsonpath={.metadata.name} {.spec.containers[0].terminationMessagePolicy}")
    assert (result.stdout, result.code) == ("test-pod File", 0)
    result = cli("create", "--dry-run=client", "-f", str(files / "pod.yaml"), "-o", "name")
    assert (result.stdout, result.code) == ("pod/test-pod\n", 0)
    assert_object(cli, "pods", ID, "")


def test_create_with_label_selector_only_creates_matching_objects(cli: CLI, files: Any) -> None:
    assert_object(cli, "pods", ID, "")
    result = cli("create", "-l", "unique-label=bingbang", "-f", str(files / "filter"))
    assert (result.stdout, result.code) == ("pod/selector-test-pod created\n", 0)
    assert_object(cli, "pods selector-test-pod", "{{.metadata.labels.name}}", "selector-test-pod")
    result = cli("get", "pods", "selector-test-pod-dont-apply")
    assert result.code == 1
    assert 'pods "selector-test-pod-dont-apply" not found' in result.stderr
    assert cli("delete", "pods", "selector-test-pod").code == 0


def test_create_with_invalid_label_selector(cli: CLI, files: Any) -> None:
    result = cli("create", "-l", "a=(", "-f", str(files / "filter"))
    assert result.code == 1
    assert result.stderr.startswith('error: the provided selector "a=(" is not valid: ')
    assert_object(cli, "pods", ID, "")


def test_create_without_arguments_is_an_error(cli: CLI) -> None:
    result = cli("create")
    assert result.code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("error: must specify one of -f and -k")


@pytest.mark.xfail(strict=True, reason="`create --raw` (posting to an arbitrary API path) is not "
                   "implemented")
def test_create_raw_to_the_wrong_collection(cli: CLI, files: Any) -> None:
    valid = str(files / "valid-pod.yaml")
    out = cli("create", "--raw", "/api/v1/namespaces", "-f", valid)
    assert "the object provided is unrecognized (must be of type Namespace)" in out.stderr
    out = cli("create", "--raw", "/api/v1/namespaces", "-f", valid, "--edit")
    assert "raw and --edit are mutually exclusive" in out.stderr


def test_create_job_and_job_from_cronjob(cli: CLI) -> None:
    image0 = "{{(index .spec.template.spec.containers 0).image}}"
    assert cli("create", "job", "test-job", "--image=registry.k8s.io/nginx:test-cmd").code == 0
    assert_object(cli, "job test-job", image0, "registry.k8s.io/nginx:test-cmd")
    assert cli("delete", "job", "test-job").code == 0
    assert cli("create", "job", "test-job-pi", "--image=registry.k8s.io/perl", "--",
               "perl", "-Mbignum=bpi", "-wle", "print bpi(20)").code == 0
    assert_object(cli, "job test-job-pi", image0, "registry.k8s.io/perl")
    assert cli("create", "cronjob", "test-pi", "--schedule=* */5 * * *",
               "--image=registry.k8s.io/perl", "--", "perl", "-Mbignum=bpi", "-wle",
               "print bpi(10)").code == 0
    assert cli("create", "job", "my-pi", "--from=cronjob/test-pi").code == 0
    out = cli("get", "job", "my-pi", "-o",
              "go-template={{(index .spec.template.spec.containers 0).command}}").stdout
    assert "perl -Mbignum=bpi -wle print bpi(10)" in out
