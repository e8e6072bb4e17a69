"""End-to-end: create, get, apply, delete, label, annotate with kubectl's exact output."""

from pathlib import Path

from tests.conftest import REPO

MANIFESTS = REPO / "manifests"


def test_create_get_delete_pod(cli):
    r = cli("create", "-f", str(MANIFESTS / "kubia-manual.yaml"))
    assert (r.stdout, r.stderr, r.code) == ("pod/kubia-manual created\n", "", 0)
    r = cli("create", "-f", str(MANIFESTS / "kubia-manual.yaml"))
    assert r.code == 1
    assert r.stderr == ('Error from server (AlreadyExists): error when creating "'
                        f'{MANIFESTS / "kubia-manual.yaml"}": pods "kubia-manual" already exists\n')
    r = cli("get", "pods", "-o", "name")
    assert r.stdout == "pod/kubia-manual\n"
    r = cli("get", "pod", "nope")
    assert (r.stdout, r.stderr, r.code) == ("", 'Error from server (NotFound): pods "nope" not found\n', 1)
    r = cli("delete", "pod", "kubia-manual", "--grace-period=0", "--force")
    assert r.stdout == 'pod "kubia-manual" force deleted\n'
    assert r.stderr.startswith("Warning: Immediate deletion does not wait")
    r = cli("get", "pods")
    assert (r.stdout, r.stderr, r.code) == ("", "No resources found in default namespace.\n", 0)


def test_namespace_errors(cli):
    r = cli("create", "-f", str(MANIFESTS / "kubia-manual-custom-namespace.yaml"))
    assert r.code == 1
    assert r.stderr.endswith('namespaces "custom-namespace" not found\n')
    r = cli("create", "-f", str(MANIFESTS / "kubia-manual-custom-namespace.yaml"), "-n", "other")
    assert r.stderr == ('error: the namespace from the provided object "custom-namespace" does not match '
                        "the namespace \"other\". You must pass '--namespace=custom-namespace' to perform "
                        "this operation.\n")
    assert cli("create", "namespace", "custom-namespace").stdout == "namespace/custom-namespace created\n"
    r = cli("create", "-f", str(MANIFESTS / "kubia-manual-custom-namespace.yaml"))
    assert r.stdout == "pod/kubia-manual created\n"
    assert cli("get", "pods", "-n", "nope").stderr == "No resources found in nope namespace.\n"


def test_apply_is_idempotent_and_three_way(cli, tmp_path: Path):
    manifest = tmp_path / "pod.yaml"
    manifest.write_text("apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  labels:\n    a: '1'\n"
                        "    b: '2'\nspec:\n  containers:\n  - name: c\n    image: nginx:1.25\n")
    assert cli("apply", "-f", str(manifest)).stdout == "pod/app created\n"
    assert cli("apply", "-f", str(manifest)).stdout == "pod/app unchanged\n"
    assert cli("label", "pod", "app", "other=x").stdout == "pod/app labeled\n"
    manifest.write_text(manifest.read_text().replace("    b: '2'\n", "").replace("1.25", "1.26"))
    assert cli("apply", "-f", str(manifest)).stdout == "pod/app configured\n"
    labels = cli("get", "pod", "app", "-o", "jsonpath={.metadata.labels}").stdout
    assert labels == '{"a":"1","other":"x"}'
    assert cli("get", "pod", "app", "-o", "jsonpath={.spec.containers[0].image}").stdout == "nginx:1.26"


def test_label_and_annotate_messages(cli):
    cli("create", "-f", str(MANIFESTS / "kubia-manual-with-labels.yaml"))
    r = cli("label", "pod", "kubia-manual-v2", "env=debug")
    assert r.code == 1
    assert r.stderr == "error: 'env' already has a value (prod), and --overwrite is false\n"
    assert cli("label", "pod", "kubia-manual-v2", "env=debug", "--overwrite").stdout == \
        "pod/kubia-manual-v2 labeled\n"
    assert cli("label", "pod", "kubia-manual-v2", "env=debug").stdout == "pod/kubia-manual-v2 not labeled\n"
    r = cli("label", "pod", "kubia-manual-v2", "nope-")
    assert r.stdout == 'label "nope" not found.\npod/kubia-manual-v2 not labeled\n'
    assert cli("label", "pod", "kubia-manual-v2", "env-").stdout == "pod/kubia-manual-v2 unlabeled\n"
    r = cli("annotate", "pod", "kubia-manual-v2", "mycompany.com/someannotation=foo bar")
    assert r.stdout == "pod/kubia-manual-v2 annotated\n"
    r = cli("get", "pods", "-l", "creation_method=manual", "-o", "name")
    assert r.stdout == "pod/kubia-manual-v2\n"
    r = cli("get", "pods", "-l", "creation_method in (manual", "-o", "name")
    assert r.code == 1 and r.stderr.startswith("Error from server (BadRequest): Unable to find")


def test_unknown_flag_and_command(cli):
    r = cli("get", "pods", "--foo")
    assert (r.stderr, r.code) == ("error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n", 1)
    r = cli("gett", "pods")
    assert r.stderr.startswith('error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tget\n')


def test_version(cli):
    r = cli("version", "--client")
    assert r.stdout == "Client Version: v1.33.1\nKustomize Version: v5.6.0\n"
    assert "Server Version: v1.33.1\n" in cli("version").stdout
