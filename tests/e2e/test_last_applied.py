"""``apply view-last-applied`` and ``apply set-last-applied``."""

from __future__ import annotations

import json
from typing import Any

CLI = Any
CM = """apiVersion: v1
kind: ConfigMap
metadata:
  name: app
data:
  mode: "{mode}"
"""


def _file(tmp_path: Any, name: str, mode: str) -> str:
    path = tmp_path / name
    path.write_text(CM.format(mode=mode))
    return str(path)


def test_view_prints_the_annotation_as_yaml_or_indented_json(cli: CLI, tmp_path: Any) -> None:
    manifest = _file(tmp_path, "cm.yaml", "fast")
    assert cli("apply", "-f", manifest).code == 0
    yaml_out = cli("apply", "view-last-applied", "configmap/app")
    assert yaml_out.stdout == ("apiVersion: v1\ndata:\n  mode: fast\nkind: ConfigMap\nmetadata:\n"
                               "  annotations: {}\n  name: app\n  namespace: default\n")
    json_out = cli("apply", "view-last-applied", "-f", manifest, "-o", "json").stdout
    assert json_out.startswith('{\n  "apiVersion": "v1",\n  "data": {\n    "mode": "fast"\n  },\n')
    assert json_out.endswith("}\n") and json.loads(json_out)["data"] == {"mode": "fast"}
    bad = cli("apply", "view-last-applied", "configmap/app", "-o", "wide")
    assert (bad.code, bad.stderr) == (1, "error: Unexpected -o output mode: wide, the flag 'output' must be one "
                                         "of yaml|json\nSee 'kubectl apply view-last-applied -h' for help and "
                                         "examples\n")


def test_view_without_the_annotation_fails(cli: CLI) -> None:
    cli("create", "configmap", "plain", "--from-literal=a=b")
    result = cli("apply", "view-last-applied", "configmap", "plain")
    assert (result.code, result.stderr) == (1, "error: no last-applied-configuration annotation found on "
                                               "resource: plain\n")


def test_set_replaces_the_annotation_only(cli: CLI, tmp_path: Any) -> None:
    cli("apply", "-f", _file(tmp_path, "cm.yaml", "fast"))
    newer = _file(tmp_path, "cm2.yaml", "slow")
    assert cli("apply", "set-last-applied", "-f", newer).stdout == "configmap/app configured\n"
    assert cli("get", "configmap", "app", "-o", "jsonpath={.data.mode}").stdout == "fast"
    assert "mode: slow" in cli("apply", "view-last-applied", "configmap/app").stdout
    assert cli("apply", "set-last-applied", "-f", newer).stdout == "set-last-applied app: no changes required.\n"
    cli("create", "configmap", "plain", "--from-literal=a=b")
    plain = tmp_path / "plain.yaml"
    plain.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n")
    result = cli("apply", "set-last-applied", "-f", str(plain))
    assert result.stderr == ("error: no last-applied-configuration annotation found on resource: plain, to create "
                             "the annotation, run the command with --create-annotation\n")


def test_edit_last_applied_rewrites_only_the_annotation(cli: CLI, tmp_path: Any) -> None:
    cli("apply", "-f", _file(tmp_path, "cm.yaml", "fast"))
    cli.extra_env["KUBE_EDITOR"] = "sed -i s/fast/slow/"
    result = cli("apply", "edit-last-applied", "configmap/app")
    assert (result.code, result.stdout) == (0, "configmap/app edited\n")
    assert "mode: slow" in cli("apply", "view-last-applied", "configmap/app").stdout
    assert cli("get", "configmap", "app", "-o", "jsonpath={.data.mode}").stdout == "fast"
    cli.extra_env["KUBE_EDITOR"] = "true"
    unchanged = cli("apply", "edit-last-applied", "configmap/app")
    assert (unchanged.code, unchanged.stderr) == (0, "Edit cancelled, no changes made.\n")
    cli("create", "configmap", "plain")
    missing = cli("apply", "edit-last-applied", "configmap/plain")
    assert (missing.code, missing.stderr) == (1, "error: no last-applied-configuration annotation found on "
                                                 "resources, to create the annotation, use command `kubectl apply "
                                                 "set-last-applied --create-annotation`\n")
