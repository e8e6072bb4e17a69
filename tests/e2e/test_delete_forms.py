"""End-to-end: every form of ``delete`` with kubectl's messages and exit codes."""

import pytest

from tests.conftest import REPO

MANIFESTS = REPO / "manifests"


@pytest.fixture
def pods(cli):
    cli("create", "-f", str(MANIFESTS / "kubia-manual.yaml"))
    cli("create", "-f", str(MANIFESTS / "kubia-manual-with-labels.yaml"))
    cli("create", "-f", str(MANIFESTS / "kubia-gpu.yaml"))
    cli("create", "namespace", "custom-namespace")
    cli("create", "-f", str(MANIFESTS / "kubia-manual-custom-namespace.yaml"))
    return cli


def test_delete_by_label_selector(pods):
    r = pods("delete", "pods", "-l", "creation_method=manual")
    assert (r.stdout, r.code) == ('pod "kubia-manual-v2" deleted\n', 0)
    assert pods("get", "pods", "-o", "name").stdout == "pod/kubia-gpu\npod/kubia-manual\n"


def test_delete_all_and_no_match(pods):
    r = pods("delete", "pods", "-l", "app=nothing")
    assert (r.stdout, r.stderr, r.code) == ("No resources found\n", "", 0)
    r = pods("delete", "pods", "--all")
    assert r.stdout == ('pod "kubia-gpu" deleted\npod "kubia-manual" deleted\npod "kubia-manual-v2" deleted\n')
    assert pods("get", "pods", "-n", "custom-namespace", "-o", "name").stdout == "pod/kubia-manual\n"


def test_delete_all_namespaces_and_names_errors(pods):
    r = pods("delete", "pods", "--all", "--all-namespaces", "-o", "name")
    assert r.stdout == "pod/kubia-manual\npod/kubia-gpu\npod/kubia-manual\npod/kubia-manual-v2\n"
    r = pods("delete", "pod")
    assert (r.stderr, r.code) == ("error: resource(s) were provided, but no name was specified\n", 1)
    r = pods("delete")
    assert r.stderr.startswith("error: You must provide one or more resources by argument or filename.\n")


def test_delete_not_found_and_ignore(pods):
    r = pods("delete", "pod", "nope")
    assert (r.stderr, r.code) == ('Error from server (NotFound): pods "nope" not found\n', 1)
    r = pods("delete", "pod", "nope", "--ignore-not-found")
    assert (r.stdout, r.stderr, r.code) == ("", "", 0)


def test_grace_period_flag_rules(pods):
    r = pods("delete", "pod", "kubia-gpu", "--force", "--grace-period=5")
    assert r.stderr == "error: --force and --grace-period greater than 0 cannot be specified together\n"
    r = pods("delete", "pod", "kubia-gpu", "--now", "--grace-period=3")
    assert r.stderr == "error: --now and --grace-period cannot be specified together\n"
    r = pods("delete", "pods", "--all", "-l", "a=b")
    assert r.stderr == "error: setting 'all' parameter but found a non empty selector. \n"
    r = pods("delete", "pod", "kubia-gpu", "-o", "json")
    assert r.stderr == "error: unexpected -o output mode: json. We only support '-o name'\n"
    r = pods("delete", "pod", "kubia-gpu", "--now")
    assert r.stdout == 'pod "kubia-gpu" deleted\n'


def test_dry_run_changes_nothing(pods):
    r = pods("delete", "pod", "kubia-manual", "--dry-run=client")
    assert r.stdout == 'pod "kubia-manual" deleted (dry run)\n'
    r = pods("delete", "pod", "kubia-manual", "--dry-run=server")
    assert r.stdout == 'pod "kubia-manual" deleted (server dry run)\n'
    assert "pod/kubia-manual\n" in pods("get", "pods", "-o", "name").stdout


def test_delete_all_category_keeps_configmaps(pods):
    r = pods("delete", "all", "--all")
    assert 'pod "kubia-manual" deleted\n' in r.stdout
    assert 'service "kubernetes" deleted\n' in r.stdout
    assert pods("get", "cm", "kube-root-ca.crt", "-o", "name").stdout == "configmap/kube-root-ca.crt\n"


def test_field_selector(pods):
    r = pods("delete", "pods", "--field-selector", "metadata.name=kubia-gpu")
    assert r.stdout == 'pod "kubia-gpu" deleted\n'
    r = pods("delete", "pods", "--field-selector", "spec.nope=x")
    assert r.code == 1 and "field label not supported: spec.nope" in r.stderr


def test_protected_and_terminating_namespaces(pods):
    r = pods("delete", "ns", "default")
    assert r.stderr == ('Error from server (Forbidden): namespaces "default" is forbidden: '
                        "this namespace may not be deleted\n")
    pods.now = "2026-01-01T00:01:00Z"  # the pod in custom-namespace is running by now
    r = pods("delete", "ns", "custom-namespace", "--wait=false")
    assert r.stdout == 'namespace "custom-namespace" deleted\n'
    assert pods("get", "ns", "custom-namespace", "--no-headers").stdout.split()[1] == "Terminating"
    r = pods("create", "-f", str(MANIFESTS / "kubia-manual-custom-namespace.yaml"))
    assert r.code == 1
    assert r.stderr == ('Error from server (Forbidden): error when creating '
                        f'"{MANIFESTS / "kubia-manual-custom-namespace.yaml"}": pods "kubia-manual" is '
                        "forbidden: unable to create new content in namespace custom-namespace because "
                        "it is being terminated\n")
    pods.now = "2026-01-01T00:05:00Z"
    r = pods("get", "ns", "custom-namespace")
    assert r.stderr == 'Error from server (NotFound): namespaces "custom-namespace" not found\n'
