"""``edit``: kubectl's edit loop with the user's editor (here small shell scripts)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import CLI


def _editor(tmp_path: Path, name: str, body: str) -> str:
    path = tmp_path / name
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(0o755)
    return str(path)


@pytest.fixture
def deployed(cli: CLI) -> CLI:
    cli("create", "deployment", "web", "--image=nginx")
    return cli


def _field(cli: CLI, path: str) -> str:
    return cli("get", "deploy/web", "-o", "jsonpath={" + path + "}").stdout


def test_edit_patches_the_object(deployed: CLI, tmp_path: Path) -> None:
    deployed.extra_env["EDITOR"] = _editor(tmp_path, "ed", "sed -i 's/image: nginx$/image: nginx:1.25/' \"$1\"")
    result = deployed("edit", "deploy/web", "--output-patch")
    assert result.code == 0
    assert result.stdout == ('Patch: {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],'
                             '"containers":[{"image":"nginx:1.25","name":"nginx"}]}}}}\n'
                             "deployment.apps/web edited\n")
    assert _field(deployed, ".spec.template.spec.containers[0].image") == "nginx:1.25"


def test_kube_editor_wins_and_a_command_with_arguments_runs_through_the_shell(deployed: CLI, tmp_path: Path) -> None:
    deployed.extra_env["EDITOR"] = _editor(tmp_path, "never", "exit 3")
    deployed.extra_env["KUBE_EDITOR"] = "sed -i s/replicas:\\ 1$/replicas:\\ 4/"
    deployed.extra_env["SHELL"] = "/bin/sh"
    assert deployed("edit", "deployment", "web").stdout == "deployment.apps/web edited\n"
    assert _field(deployed, ".spec.replicas") == "4"


def test_unchanged_and_empty_files_cancel(deployed: CLI, tmp_path: Path) -> None:
    deployed.extra_env["EDITOR"] = _editor(tmp_path, "noop", "exit 0")
    result = deployed("edit", "deploy/web")
    assert (result.code, result.stdout, result.stderr) == (0, "", "Edit cancelled, no changes made.\n")
    deployed.extra_env["EDITOR"] = _editor(tmp_path, "empty", ": > \"$1\"")
    result = deployed("edit", "deploy/web")
    assert (result.code, result.stderr) == (0, "Edit cancelled, saved file was empty.\n")


def test_an_invalid_edit_reopens_the_editor_with_the_reasons(deployed: CLI, tmp_path: Path) -> None:
    seen = tmp_path / "seen.txt"
    deployed.extra_env["EDITOR"] = _editor(tmp_path, "fix", f"""
head -7 "$1" >> {seen}
if grep -q "was not valid" "$1"; then sed -i 's/replicas: -1$/replicas: 3/' "$1"
else sed -i 's/replicas: 1$/replicas: -1/' "$1"; fi""")
    result = deployed("edit", "deploy/web")
    assert (result.code, result.stdout) == (0, "deployment.apps/web edited\n")
    assert result.stderr == 'error: deployments.apps "web" is invalid\n'
    second = seen.read_text().splitlines()[11:14]
    assert second == ['# deployments.apps "web" was not valid:',
                      "# * spec.replicas: Invalid value: -1: must be greater than or equal to 0", "#"]
    assert _field(deployed, ".spec.replicas") == "3"


def test_the_same_invalid_edit_twice_gives_up_and_keeps_a_copy(deployed: CLI, tmp_path: Path) -> None:
    deployed.extra_env["EDITOR"] = _editor(tmp_path, "bad", "sed -i 's/replicas: 1$/replicas: -1/' \"$1\"")
    result = deployed("edit", "deploy/web")
    assert result.code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == 'error: deployments.apps "web" is invalid'
    assert lines[1].startswith('A copy of your changes has been stored to "') and lines[1].endswith('.yaml"')
    assert lines[2] == "error: Edit cancelled, no valid changes were saved."
    kept = lines[1].split('"')[1]
    assert os.path.basename(kept).startswith("minikubectl-edit-") and "replicas: -1" in Path(kept).read_text()
    os.remove(kept)
    assert _field(deployed, ".spec.replicas") == "1"


def test_syntax_errors_reopen_and_renames_are_refused(deployed: CLI, tmp_path: Path) -> None:
    seen = tmp_path / "seen.txt"
    deployed.extra_env["EDITOR"] = _editor(tmp_path, "syntax", f"""
if grep -q "syntax error" "$1"; then grep "syntax error" "$1" >> {seen}
  sed -i -e 's/^  name: web$/  name: other/' -e '/^a: [[]$/d' "$1"
else printf 'a: [\\n' >> "$1"; fi""")
    result = deployed("edit", "deploy/web")
    assert result.code == 1
    assert seen.read_text().startswith("# The edited file had a syntax error: error parsing edited-file: "
                                       "error converting YAML to JSON: yaml: line ")
    assert result.stderr.splitlines()[-1] == "error: At least one of apiVersion, kind and name was changed"
    for line in result.stderr.splitlines():
        if line.startswith("A copy"):
            os.remove(line.split('"')[1])


def test_editor_that_cannot_start(deployed: CLI) -> None:
    deployed.extra_env["EDITOR"] = "/nonexistent/editor"
    result = deployed("edit", "deploy/web")
    assert (result.code, result.stderr) == (1, 'error: unable to launch the editor "/nonexistent/editor"\n')


def test_edit_several_objects_as_a_list(cli: CLI, tmp_path: Path) -> None:
    cli("create", "configmap", "a", "--from-literal=k=1")
    cli("create", "configmap", "b", "--from-literal=k=1")
    cli.extra_env["EDITOR"] = _editor(tmp_path, "ed", "grep -q '^kind: List' \"$1\" && sed -i 's/k: \"1\"/k: \"2\"/' \"$1\"")
    result = cli("edit", "configmap", "a", "b")
    assert result.stdout == "configmap/a edited\nconfigmap/b edited\n"
    assert cli("get", "cm", "-o", "jsonpath={.items[*].data.k}").stdout == "2 2"
