"""End-to-end: label and annotate in every form, with kubectl's messages."""

import pytest

from tests.conftest import REPO

MANIFESTS = REPO / "manifests"


@pytest.fixture
def pods(cli):
    for name in ("kubia-manual.yaml", "kubia-manual-with-labels.yaml", "kubia-gpu.yaml"):
        assert cli("create", "-f", str(MANIFESTS / name)).code == 0
    return cli


def test_label_all_and_selector(pods):
    r = pods("label", "pods", "--all", "team=a")
    assert r.stdout == "pod/kubia-gpu labeled\npod/kubia-manual labeled\npod/kubia-manual-v2 labeled\n"
    r = pods("label", "pods", "-l", "env=prod", "tier=web")
    assert r.stdout == "pod/kubia-manual-v2 labeled\n"
    assert pods("label", "pods", "-l", "app=nomatch", "a=b").stdout == ""
    r = pods("get", "pods", "-l", "team=a,tier!=web", "-o", "name")
    assert r.stdout == "pod/kubia-gpu\npod/kubia-manual\n"
    r = pods("get", "pods", "-l", "env in (prod,dev),!gpu", "-o", "name")
    assert r.stdout == "pod/kubia-manual-v2\n"


def test_label_errors(pods):
    r = pods("label", "pod", "kubia-manual")
    assert (r.stderr, r.code) == ("error: at least one label update is required\n", 1)
    r = pods("label", "pods", "kubia-manual", "-l", "a=b", "x=y")
    assert r.stderr == "error: name cannot be provided when a selector is specified\n"
    r = pods("label", "pod", "kubia-manual", "a=b c")
    assert r.stderr.startswith('error: invalid label value: "a=b c": a valid label must be an empty string')
    r = pods("label", "pod", "kubia-manual", "x=1", "kubia-gpu")
    assert r.stderr == "error: all resources must be specified before label changes: kubia-gpu\n"
    r = pods("label", "pod", "kubia-manual", "bad key=1")
    assert r.code == 1 and r.stderr.startswith('The Pod "kubia-manual" is invalid: metadata.labels: '
                                               'Invalid value: "bad key"')
    r = pods("label", "pod", "kubia-manual", "a=1", "--local")
    assert r.stderr == ("error: can only use local files by -f pod.yaml or --filename=pod.json when "
                        "--local=true is set\n")


def test_label_list_and_resource_version(pods):
    r = pods("label", "pod", "kubia-manual-v2", "--list")
    assert sorted(r.stdout.splitlines()[1:]) == [" creation_method=manual", " env=prod"]
    assert r.stdout.splitlines()[0] == "Listing labels for Pod./kubia-manual-v2:"
    rv = pods("get", "pod", "kubia-manual", "-o", "jsonpath={.metadata.resourceVersion}").stdout
    assert pods("label", "pod", "kubia-manual", "a=1", f"--resource-version={rv}").stdout == \
        "pod/kubia-manual labeled\n"
    r = pods("label", "pod", "kubia-manual", "b=1", f"--resource-version={rv}")
    assert r.code == 1
    assert r.stderr == ('Error from server (Conflict): Operation cannot be fulfilled on pods "kubia-manual": '
                        "the object has been modified; please apply your changes to the latest version "
                        "and try again\n")
    r = pods("label", "pods", "--all", "c=1", "--resource-version=1")
    assert r.stderr == "error: --resource-version may only be used with a single resource\n"


def test_label_dry_run_and_output(pods):
    r = pods("label", "pod", "kubia-manual", "x=1", "--dry-run=client")
    assert r.stdout == "pod/kubia-manual labeled (dry run)\n"
    assert pods("get", "pod", "kubia-manual", "-o", "jsonpath={.metadata.labels}").stdout == ""
    r = pods("label", "pod", "kubia-manual", "x=1", "-o", "name")
    assert r.stdout == "pod/kubia-manual\n"
    r = pods("label", "pod", "kubia-manual", "x=2", "--overwrite", "-o", "jsonpath={.metadata.labels.x}")
    assert r.stdout == "2"


def test_label_all_namespaces_and_files(pods):
    pods("create", "namespace", "custom-namespace")
    pods("create", "-f", str(MANIFESTS / "kubia-manual-custom-namespace.yaml"))
    r = pods("label", "pods", "--all", "-A", "z=1", "-o", "name")
    assert r.stdout.count("pod/kubia-manual\n") == 2
    r = pods("label", "-f", str(MANIFESTS / "kubia-manual-custom-namespace.yaml"), "from-file=yes")
    assert r.stdout == "pod/kubia-manual labeled\n"
    r = pods("get", "pods", "-n", "custom-namespace", "-L", "from-file", "--no-headers")
    assert r.stdout.split()[-1] == "yes"


def test_annotate_forms(pods):
    assert pods("annotate", "pod", "kubia-manual", "note=hi").stdout == "pod/kubia-manual annotated\n"
    r = pods("annotate", "pod", "kubia-manual", "note=bye")
    assert r.stderr == ("error: --overwrite is false but found the following declared annotation(s): "
                        "'note' already has a value (hi)\n")
    assert pods("annotate", "pod", "kubia-manual", "note=bye", "--overwrite").code == 0
    assert pods("annotate", "pod", "kubia-manual", "missing-").stdout == "pod/kubia-manual annotated\n"
    assert pods("annotate", "pod", "kubia-manual", "--list").stdout == "note=bye\n"
    r = pods("annotate", "pod", "kubia-manual", "note=x", "extra")
    assert r.stderr == "error: all resources must be specified before annotation changes: extra\n"
    big = "v" * 262144
    r = pods("annotate", "pod", "kubia-manual", f"big={big}")
    assert r.code == 1
    assert r.stderr == ('The Pod "kubia-manual" is invalid: metadata.annotations: Too long: '
                        "must have at most 262144 bytes\n")
