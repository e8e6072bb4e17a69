"""``replace -f``: PUT of whole manifests, --force, --save-config, dry runs, -o."""

from __future__ import annotations

import json
from typing import Any

CLI = Any
CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n{extra}data:\n  k: {value}\n"
POD = ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n"
       "  - name: c\n    image: nginx\n")


def _get(cli: CLI, *args: str) -> dict:
    return json.loads(cli("get", *args, "-o", "json").stdout)


def test_replace_existing_object(cli: CLI) -> None:
    assert cli("create", "-f", "-", stdin=CM.format(extra="", value="a")).code == 0
    before = _get(cli, "cm", "cfg")
    result = cli("replace", "-f", "-", stdin=CM.format(extra="", value="b"))
    assert (result.stdout, result.stderr, result.code) == ("configmap/cfg replaced\n", "", 0)
    after = _get(cli, "cm", "cfg")
    assert after["data"] == {"k": "b"}
    assert after["metadata"]["uid"] == before["metadata"]["uid"]
    assert int(after["metadata"]["resourceVersion"]) > int(before["metadata"]["resourceVersion"])


def test_replace_drops_fields_absent_from_the_manifest(cli: CLI) -> None:
    assert cli("create", "-f", "-", stdin=CM.format(extra="", value="a")).code == 0
    assert cli("label", "cm", "cfg", "extra=1").code == 0
    assert cli("replace", "-f", "-", stdin=CM.format(extra="", value="a")).code == 0
    assert "labels" not in _get(cli, "cm", "cfg")["metadata"]


def test_replace_missing_object_is_not_found_with_context(cli: CLI, tmp_path: Any) -> None:
    path = tmp_path / "cm.yaml"
    path.write_text(CM.format(extra="", value="a"))
    result = cli("replace", "-f", str(path))
    assert result.code == 1 and result.stdout == ""
    assert result.stderr == f'Error from server (NotFound): error when replacing "{path}": configmaps "cfg" not found\n'


def test_replace_stale_resource_version_conflicts(cli: CLI) -> None:
    assert cli("create", "-f", "-", stdin=CM.format(extra="", value="a")).code == 0
    stale = CM.format(extra="  resourceVersion: \"1\"\n", value="b").replace("  name: cfg\n", "  name: cfg\n")
    result = cli("replace", "-f", "-", stdin=stale)
    assert result.code == 1
    assert result.stderr.startswith('Error from server (Conflict): error when replacing "STDIN": '
                                    'Operation cannot be fulfilled on configmaps "cfg"')


def test_replace_save_config_writes_annotation(cli: CLI) -> None:
    assert cli("create", "-f", "-", stdin=CM.format(extra="", value="a")).code == 0
    assert cli("replace", "--save-config", "-f", "-", stdin=CM.format(extra="", value="b")).code == 0
    annotation = _get(cli, "cm", "cfg")["metadata"]["annotations"][
        "kubectl.kubernetes.io/last-applied-configuration"]
    assert annotation == ('{"apiVersion":"v1","data":{"k":"b"},"kind":"ConfigMap","metadata":'
                          '{"annotations":{},"name":"cfg","namespace":"default"}}\n')
    # Without --save-config, an object whose manifest has no annotation loses it.
    assert cli("replace", "-f", "-", stdin=CM.format(extra="", value="c")).code == 0
    assert "annotations" not in _get(cli, "cm", "cfg")["metadata"]


def test_replace_dry_runs_change_nothing(cli: CLI) -> None:
    assert cli("create", "-f", "-", stdin=CM.format(extra="", value="a")).code == 0
    before = cli.state.read_bytes()
    assert cli("replace", "--dry-run=client", "-f", "-", stdin=CM.format(extra="", value="b")).stdout == \
        "configmap/cfg replaced (dry run)\n"
    assert cli("replace", "--dry-run=server", "-f", "-", stdin=CM.format(extra="", value="b")).stdout == \
        "configmap/cfg replaced (server dry run)\n"
    assert cli.state.read_bytes() == before


def test_replace_output_formats(cli: CLI) -> None:
    assert cli("create", "-f", "-", stdin=CM.format(extra="", value="a")).code == 0
    assert cli("replace", "-o", "name", "-f", "-", stdin=CM.format(extra="", value="b")).stdout == \
        "configmap/cfg\n"
    out = cli("replace", "-o", "jsonpath={.data.k}", "-f", "-", stdin=CM.format(extra="", value="c")).stdout
    assert out == "c"


def test_replace_force_deletes_then_creates(cli: CLI) -> None:
    assert cli("create", "-f", "-", stdin=POD).code == 0
    uid = _get(cli, "pod", "x")["metadata"]["uid"]
    result = cli("replace", "--force", "-f", "-", stdin=POD.replace("nginx", "busybox"))
    assert (result.stdout, result.code) == ('pod "x" deleted\npod/x replaced\n', 0), result.stderr
    pod = _get(cli, "pod", "x")
    assert pod["metadata"]["uid"] != uid and pod["spec"]["containers"][0]["image"] == "busybox"


def test_replace_force_on_missing_object_just_creates(cli: CLI) -> None:
    result = cli("replace", "--force", "-f", "-", stdin=CM.format(extra="", value="a"))
    assert (result.stdout, result.code) == ("configmap/cfg replaced\n", 0)


def test_replace_flag_errors(cli: CLI) -> None:
    assert cli("replace").stderr == "error: must specify one of -f and -k\n"
    result = cli("replace", "--grace-period=1", "-f", "-", stdin=CM.format(extra="", value="a"))
    assert (result.stderr, result.code) == ("error: --grace-period must have --force specified\n", 1)
    result = cli("replace", "--timeout=1s", "-f", "-", stdin=CM.format(extra="", value="a"))
    assert result.stderr == "error: --timeout must have --force specified\n"


def test_replace_pod_keeps_status(cli: CLI) -> None:
    assert cli("create", "-f", "-", stdin=POD).code == 0
    live = _get(cli, "pod", "x")
    live["spec"]["containers"][0]["image"] = "nginx:2"
    live["status"] = {"phase": "Failed"}
    result = cli("replace", "-f", "-", stdin=json.dumps(live))
    assert result.stdout == "pod/x replaced\n", result.stderr
    after = _get(cli, "pod", "x")
    assert after["spec"]["containers"][0]["image"] == "nginx:2"
    assert after["status"]["phase"] != "Failed"
