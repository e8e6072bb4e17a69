"""The completion engine (``__complete``): candidates, directives, tables, the state scanner."""

from __future__ import annotations

import importlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from minikubectl.cli import complete
from minikubectl.cli.complete import (DEFAULT, FILTER_DIRS, FILTER_FILE_EXT, NO_FILE_COMP, NO_SPACE,
                                      Completer, Snapshot)

REPO = Path(__file__).resolve().parents[2]
MANIFESTS = REPO / "manifests"


def run_complete(state: Path, *words: str, desc: bool = False) -> tuple[list[str], int, str]:
    """Run the hidden command in-process: (candidate lines, directive, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    command = "__complete" if desc else "__completeNoDesc"
    complete.run([command, *words], out, err, {"MINIKUBECTL_STATE": str(state), "HOME": str(state.parent)})
    lines = out.getvalue().splitlines()
    return lines[:-1], int(lines[-1][1:]), err.getvalue()


@pytest.fixture
def cluster(cli) -> Path:
    """A state with kubia-manual and kubia-gpu in default and a pod in custom-namespace."""
    for manifest in ("kubia-manual.yaml", "kubia-gpu.yaml", "custom-namespace.yaml",
                     "kubia-manual-custom-namespace.yaml"):
        result = cli("create", "-f", str(MANIFESTS / manifest))
        assert result.code == 0, result.stderr
    return cli.state


# -- commands, flags, values ------------------------------------------------------------------
def test_verbs_with_prefix_and_descriptions(tmp_path: Path) -> None:
    comps, directive, err = run_complete(tmp_path / "none.json", "ge", desc=True)
    assert comps == ["get\tDisplay one or many resources"]
    assert directive == NO_FILE_COMP
    assert err == "Completion ended with directive: ShellCompDirectiveNoFileComp\n"


def test_all_verbs_sorted_including_help(tmp_path: Path) -> None:
    comps, _, _ = run_complete(tmp_path / "none.json", "")
    assert comps == sorted(comps) and "help" in comps and "get" in comps and "completion" in comps


def test_resource_types_are_api_resources_names(tmp_path: Path) -> None:
    comps, directive, _ = run_complete(tmp_path / "none.json", "get", "po")
    assert comps == ["pods", "podtemplates", "poddisruptionbudgets.policy"]
    assert directive == NO_FILE_COMP
    comps, _, _ = run_complete(tmp_path / "none.json", "get", "pods,se")
    assert comps == ["pods,secrets", "pods,serviceaccounts", "pods,services",
                     "pods,servicecidrs.networking.k8s.io"]


def test_type_list_matches_api_resources_output(cli) -> None:
    result = cli("api-resources", "-o", "name", "--verbs=get")
    assert result.code == 0
    assert Completer({}).type_list("") == result.stdout.split()


def test_pod_names_and_namespaces(cluster: Path) -> None:
    assert run_complete(cluster, "get", "pods", "k")[:2] == (["kubia-gpu", "kubia-manual"], NO_FILE_COMP)
    assert run_complete(cluster, "get", "po", "kubia-g")[0] == ["kubia-gpu"]
    assert run_complete(cluster, "get", "-n", "custom-namespace", "pods", "")[0] == ["kubia-manual"]
    assert run_complete(cluster, "get", "pods", "--namespace=nope", "")[0] == []
    # names already on the command line are not offered again
    assert run_complete(cluster, "delete", "pod", "kubia-gpu", "k")[0] == ["kubia-manual"]
    namespaces = ["custom-namespace", "default", "kube-node-lease", "kube-public", "kube-system"]
    assert run_complete(cluster, "get", "-n", "")[:2] == (namespaces, NO_FILE_COMP)
    assert run_complete(cluster, "get", "--namespace", "kube-p")[0] == ["kube-public"]
    assert run_complete(cluster, "get", "--namespace=def")[0] == ["default"]
    assert run_complete(cluster, "-n", "")[0] == namespaces


def test_type_slash_name_forms(cluster: Path) -> None:
    assert run_complete(cluster, "get", "pod/kubia-m")[0] == ["pod/kubia-manual"]
    comps, directive, _ = run_complete(cluster, "get", "pod/kubia-gpu", "pod")
    assert comps == ["pods/", "podtemplates/", "poddisruptionbudgets.policy/"]
    assert directive == NO_FILE_COMP | NO_SPACE


def test_logs_pods_and_containers(cluster: Path) -> None:
    comps, directive, _ = run_complete(cluster, "logs", "kubia-")
    assert comps == ["kubia-gpu", "kubia-manual"] and directive == NO_FILE_COMP
    comps, directive, _ = run_complete(cluster, "logs", "d")
    assert comps == ["daemonsets/", "deployments/"] and directive == NO_FILE_COMP | NO_SPACE
    assert run_complete(cluster, "logs", "kubia-manual", "")[0] == ["kubia"]
    assert run_complete(cluster, "logs", "kubia-manual", "-c", "")[0] == ["kubia"]
    assert run_complete(cluster, "logs", "pod/kubia-manual", "-c", "x")[0] == []


def test_nodes_for_cordon(cluster: Path) -> None:
    assert run_complete(cluster, "cordon", "")[0] == ["minikube"]
    assert run_complete(cluster, "cordon", "minikube", "")[0] == []


def test_output_formats(tmp_path: Path) -> None:
    state = tmp_path / "none.json"
    comps, directive, _ = run_complete(state, "get", "-o", "")
    assert comps[:3] == ["json", "yaml", "name"] and "wide" in comps and directive == NO_FILE_COMP
    assert run_complete(state, "get", "-o", "js")[0] == ["json", "jsonpath", "jsonpath-as-json", "jsonpath-file"]
    assert run_complete(state, "get", "--output=y")[0] == ["yaml"]
    assert "wide" not in run_complete(state, "create", "-o", "")[0]
    assert run_complete(state, "version", "-o", "")[0] == ["json", "yaml"]


def test_flag_names(tmp_path: Path) -> None:
    state = tmp_path / "none.json"
    comps, directive, _ = run_complete(state, "get", "--", desc=False)
    assert directive == NO_FILE_COMP
    assert comps[0] == "--all-namespaces" and "--output" in comps and "--namespace" in comps
    assert "-o" not in comps and "--log-dir" not in comps
    local = comps[:comps.index("--as")]
    assert local == sorted(local)  # own flags sorted, then the inherited ones
    comps, _, _ = run_complete(state, "get", "-")
    assert "-o" in comps and "-A" in comps and "-n" in comps
    described, _, _ = run_complete(state, "get", "--all-n", desc=True)
    assert described == ["--all-namespaces\tIf present, list the requested object(s) across all namespaces"]
    # a flag already given is not offered again, a repeatable one is
    comps, _, _ = run_complete(state, "get", "--show-labels", "-f", "x.yaml", "--")
    assert "--show-labels" not in comps and "--filename" in comps


def test_file_and_directory_flags(tmp_path: Path) -> None:
    state = tmp_path / "none.json"
    assert run_complete(state, "apply", "-f", "")[:2] == (["json", "yaml", "yml"], FILTER_FILE_EXT)
    assert run_complete(state, "apply", "-k", "")[:2] == ([], FILTER_DIRS)
    assert run_complete(state, "get", "-l", "")[:2] == ([], DEFAULT)
    assert run_complete(state, "apply", "")[1] == DEFAULT


def test_subcommands_and_shells(tmp_path: Path) -> None:
    state = tmp_path / "none.json"
    assert run_complete(state, "create", "")[:2] == (
        ["clusterrole", "clusterrolebinding", "configmap", "cronjob", "deployment", "ingress", "job", "namespace",
         "poddisruptionbudget", "priorityclass", "quota", "role", "rolebinding", "secret", "service", "serviceaccount", "token"], NO_FILE_COMP)
    assert run_complete(state, "create", "secret", "")[0] == ["docker-registry", "generic", "tls"]
    assert run_complete(state, "create", "svc", "n")[0] == ["nodeport"]
    assert run_complete(state, "rollout", "st")[0] == ["status"]
    assert run_complete(state, "rollout", "status", "")[0] == ["deployment", "daemonset", "statefulset"]
    assert run_complete(state, "scale", "r")[0] == ["replicaset", "replicationcontroller"]
    assert run_complete(state, "completion", "")[:2] == (["bash", "fish", "powershell", "zsh"], NO_FILE_COMP)
    assert run_complete(state, "completion", "bash", "")[0] == []


def test_unknown_command_and_missing_state(tmp_path: Path) -> None:
    state = tmp_path / "none.json"
    assert run_complete(state, "frobnicate", "")[:2] == ([], DEFAULT)
    assert run_complete(state, "get", "pods", "")[:2] == ([], NO_FILE_COMP)
    assert not state.exists()


def test_state_file_is_not_touched(cluster: Path) -> None:
    before = (cluster.read_bytes(), cluster.stat().st_mtime_ns)
    run_complete(cluster, "get", "pods", "")
    assert (cluster.read_bytes(), cluster.stat().st_mtime_ns) == before


def test_directive_text() -> None:
    assert complete.directive_text(0) == "ShellCompDirectiveDefault"
    assert complete.directive_text(6) == "ShellCompDirectiveNoSpace, ShellCompDirectiveNoFileComp"


# -- the scanner for big states ---------------------------------------------------------------
def _big_state(tmp_path: Path, cli) -> Path:
    """A state with odd key orders, a deployment's pods, events that decoy pod names."""
    weird = tmp_path / "weird.yaml"
    weird.write_text(
        "metadata:\n  labels: {a: b}\n  namespace: default\n  name: kubia-weird\nkind: Pod\n"
        "apiVersion: v1\nspec:\n  containers: [{name: c, image: nginx}]\n")
    for path in (MANIFESTS / "kubia-manual.yaml", MANIFESTS / "kubia-gpu.yaml", weird,
                 MANIFESTS / "example-deployment.yaml", MANIFESTS / "custom-namespace.yaml",
                 MANIFESTS / "kubia-manual-custom-namespace.yaml"):
        assert cli("apply", "-f", str(path)).code == 0
    return cli.state  # as the store writes it; the scanner is forced on by the test


@pytest.mark.parametrize("words", [
    ("get", "pods", ""), ("get", "pods", "kubia"), ("get", "pods", "kubia-w"), ("get", "-n", ""),
    ("get", "-n", "custom-namespace", "pods", ""), ("get", "deploy", ""), ("get", "rs", ""),
    ("get", "events", ""), ("get", "nodes", ""), ("get", "sa", ""), ("get", "cm", "kube"),
    ("logs", "kubia-weird", ""), ("get", "all", ""), ("get", "pods,deploy", ""),
])
def test_scanner_agrees_with_full_decode(tmp_path: Path, cli, monkeypatch, words) -> None:
    state = _big_state(tmp_path, cli)
    exact = run_complete(state, *words)
    monkeypatch.setattr(complete, "SMALL_STATE_BYTES", 0)
    scanned = run_complete(state, *words)
    assert scanned == exact
    assert exact[0] or words[-2:] == ("events", "")


def test_scanner_rejects_decoys() -> None:
    raw = json.dumps({"kind": "MinikubectlState", "objects": {
        "events": {"default/kubia.1": {"apiVersion": "v1", "kind": "Event",
                                       "involvedObject": {"kind": "Pod", "name": "kubia"}}},
        "pods": {"default/kubia": {"metadata": {"name": "kubia", "annotations": {"x": "{\"a\":{}}"}},
                                   "spec": {"template": {"kind": "Deployment"}},
                                   "kind": "Pod", "apiVersion": "v1"}},
        "deployments.apps": {"default/kubia-d": {"apiVersion": "apps/v1", "kind": "Deployment"}},
    }}, separators=(",", ":")).encode()
    snapshot = Snapshot(b"")
    snapshot.raw, snapshot.data = raw, None
    pods = [r for r in complete.builtin_types() if r.plural == "pods"][0]
    assert snapshot.names(pods, "default", "kub") == ["kubia"]
    assert snapshot.get(pods, "default", "kubia")["kind"] == "Pod"


# -- the tables mirror the modules they stand in for ------------------------------------------
def test_resource_table_mirrors_registry() -> None:
    from minikubectl.api.registry import builtin_resources

    expected = [(r.plural, r.group, r.kind, r.namespaced, r.short_names, r.categories)
                for r in builtin_resources() if "get" in r.verbs]
    got = [(r.plural, r.group, r.kind, r.namespaced, r.short_names, r.categories)
           for r in complete.builtin_types()]
    assert got == expected


def test_verb_table_mirrors_run() -> None:
    from minikubectl.cli.run import VERBS

    assert set(VERBS) | {"help"} == set(complete.VERBS)
    create = importlib.import_module("minikubectl.cli.verbs.create")
    names = set(complete.SUBCOMMANDS["create"]) | set(complete.ALIASES["create"])
    assert set(create.SUBCOMMANDS) == names


def _module_flags(verb_module: str) -> dict[str, tuple[str, bool]] | None:
    try:
        module = importlib.import_module(f"minikubectl.cli.verbs.{verb_module}")
    except ImportError:
        return None
    if not hasattr(module, "flags"):
        return None
    return {f.name: (f.shorthand, f.kind != "bool" and f.no_opt_default is None)
            for f in module.flags() if not f.hidden}


@pytest.mark.parametrize("verb", sorted(set(complete.VERBS) - {"help"}))
def test_flag_table_mirrors_verb_modules(verb: str) -> None:
    from minikubectl.cli.run import VERBS

    flags = _module_flags(VERBS[verb])
    if flags is None:
        pytest.skip(f"minikubectl.cli.verbs for {verb} is not written yet")
    table = {f.name: (f.shorthand, f.takes_value) for f in complete.parse_specs(complete.COMMAND_FLAGS[verb])}
    assert table == flags


def test_global_flags_mirror_flag_module() -> None:
    from minikubectl.cli.flags import global_flags

    expected = {f.name: (f.shorthand, f.kind != "bool" and f.no_opt_default is None) for f in global_flags()}
    table = {f.name: (f.shorthand, f.takes_value) for f in complete.global_specs()}
    assert table == expected


def test_formats_mirror_printer_flags() -> None:
    from minikubectl.printers import flags

    assert sorted(complete.PRINT_FORMATS + complete.TABLE_FORMATS) == flags.allowed_formats(True)
    assert sorted(complete.PRINT_FORMATS) == flags.allowed_formats(False)


def test_fast_path_imports_no_verbs_or_printers(tmp_path: Path) -> None:
    code = ("import sys, io\n"
            "from minikubectl.__main__ import main\n"
            "sys.stdout = io.StringIO(); sys.stderr = io.StringIO()\n"
            "main(['__complete', 'get', 'pods', ''])\n"
            "heavy = [m for m in sys.modules if m.startswith(('minikubectl.cli.verbs', 'minikubectl.printers',"
            " 'minikubectl.cli.run', 'minikubectl.api', 'minikubectl.store', 'minikubectl.sim', 'dataclasses'))]\n"
            "sys.__stdout__.write(repr(heavy))\n")
    env = {"MINIKUBECTL_STATE": str(tmp_path / "none.json"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO)
    assert out.stdout == "[]", out.stderr


# -- the completion command -------------------------------------------------------------------
def test_completion_command_errors(cli) -> None:
    result = cli("completion")
    assert (result.code, result.stdout) == (1, "")
    assert result.stderr == "error: Shell not specified.\nSee 'kubectl completion -h' for help and examples\n"
    result = cli("completion", "tcsh")
    assert result.stderr == ('error: Unsupported shell type "tcsh".\n'
                             "See 'kubectl completion -h' for help and examples\n")
    result = cli("completion", "bash", "zsh")
    assert result.stderr == ("error: Too many arguments. Expected only the shell type.\n"
                             "See 'kubectl completion -h' for help and examples\n")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_completion_scripts_call_complete(cli, shell: str) -> None:
    result = cli("completion", shell)
    assert result.code == 0 and result.stderr == ""
    assert "__complete" in result.stdout and "minikubectl" in result.stdout
    assert "alias kubectl=minikubectl" in result.stdout or "-Name kubectl" in result.stdout
