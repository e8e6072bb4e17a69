"""``debug``: ephemeral containers, debugging copies of pods, node debugging pods."""

from __future__ import annotations

import json

from tests.conftest import CLI

LEGACY = ('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly '
          'specify a profile, for example "--profile=general".\n')


def _running_pod(cli: CLI) -> CLI:
    cli("run", "web", "--image=nginx")
    cli.now = "2026-01-01T00:00:30Z"
    return cli


def test_debug_adds_an_ephemeral_container(cli: CLI) -> None:
    _running_pod(cli)
    result = cli("debug", "web", "--image=busybox", "--", "sleep", "3600")
    assert result.code == 0 and result.stderr == LEGACY
    assert result.stdout.startswith("Defaulting debug container name to debugger-")
    name = result.stdout.split()[-1].rstrip(".")
    ephemeral = json.loads(cli("get", "pod", "web", "-o", "jsonpath={.spec.ephemeralContainers}").stdout)
    assert [(c["name"], c["image"], c["command"]) for c in ephemeral] == [(name, "busybox", ["sleep", "3600"])]
    described = cli("describe", "pod", "web").stdout
    assert f"Ephemeral Containers:\n  {name}:\n    Container ID:  \n    Image:         busybox\n" in described
    named = cli("debug", "web", "--image=busybox", "-c", "web", "--profile=general")
    assert named.code == 1 and 'Duplicate value: "web"' in named.stderr
    quiet = cli("debug", "web", "--image=busybox", "-c", "shell", "-q", "--profile=general")
    assert (quiet.code, quiet.stdout, quiet.stderr) == (0, "", "")


def test_debug_copy_and_node_pods(cli: CLI) -> None:
    _running_pod(cli)
    copy = cli("debug", "web", "--copy-to=web-debug", "--set-image=*=nginx:1.25", "--profile=general")
    assert (copy.code, copy.stdout) == (0, "")
    assert cli("get", "pod", "web-debug", "-o", "jsonpath={.spec.containers[*].image}").stdout == "nginx:1.25"
    node = cli("debug", "node/minikube", "--image=ubuntu", "--profile=general")
    assert node.stdout.startswith("Creating debugging pod node-debugger-minikube-")
    assert node.stdout.endswith(" with container debugger on node minikube.\n")
    pod = node.stdout.split()[3]
    spec = json.loads(cli("get", "pod", pod, "-o", "jsonpath={.spec}").stdout)
    assert (spec["nodeName"], spec["hostPID"], spec["volumes"][0]["hostPath"]["path"]) == ("minikube", True, "/")
    assert spec["containers"][0]["volumeMounts"][0] == {"mountPath": "/host", "name": "host-root"}


def test_debug_checks_its_flags_as_kubectl(cli: CLI) -> None:
    _running_pod(cli)
    cases = {
        ("debug", "web"): "error: you must specify --image when not using --copy-to.\n",
        ("debug", "web", "--replace"): "error: --replace may only be used with --copy-to.\n",
        ("debug", "web", "--copy-to=x"): "error: you must specify --image, --set-image or command arguments.\n",
        ("debug", "--image=busybox"): "error: NAME or filename is required for debug\n",
        ("debug", "web", "--image=busybox", "-t"): "error: -i/--stdin is required for containers with "
                                                   "-t/--tty=true\n",
        ("debug", "web", "--image=busybox", "--copy-to=x", "--target=web"):
            "error: --target is incompatible with --copy-to. Use --share-processes instead.\n",
    }
    for argv, message in cases.items():
        result = cli(*argv)
        assert (result.code, result.stderr) == (1, message), argv


def _ephemeral(cli: CLI, profile: str) -> dict:
    cli("debug", "web", "--image=busybox", f"-c={profile}", f"--profile={profile}", "-q")
    containers = json.loads(cli("get", "pod", "web", "-o", "jsonpath={.spec.ephemeralContainers}").stdout)
    return next(c for c in containers if c["name"] == profile)


def test_profiles_shape_the_debug_container(cli: CLI) -> None:
    _running_pod(cli)
    assert "securityContext" not in _ephemeral(cli, "legacy")
    assert _ephemeral(cli, "general")["securityContext"] == {"capabilities": {"add": ["SYS_PTRACE"]}}
    assert "securityContext" not in _ephemeral(cli, "baseline")
    assert _ephemeral(cli, "restricted")["securityContext"] == {
        "allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]}, "runAsNonRoot": True,
        "seccompProfile": {"type": "RuntimeDefault"}}
    assert _ephemeral(cli, "netadmin")["securityContext"] == {"capabilities": {"add": ["NET_ADMIN", "NET_RAW"]}}
    assert _ephemeral(cli, "sysadmin")["securityContext"] == {"privileged": True}


def test_profiles_on_node_pods(cli: CLI) -> None:
    def node_spec(profile: str) -> dict:
        out = cli("debug", "node/minikube", "--image=ubuntu", f"--profile={profile}").stdout
        return json.loads(cli("get", "pod", out.split()[3], "-o", "jsonpath={.spec}").stdout)
    general, baseline, sysadmin = node_spec("general"), node_spec("baseline"), node_spec("sysadmin")
    assert general["hostNetwork"] and general["volumes"][0]["hostPath"]["path"] == "/"
    def host_paths(spec: dict) -> list:
        return [v for v in spec.get("volumes", []) if "hostPath" in v]
    assert "hostNetwork" not in baseline and not host_paths(baseline)  # isolated, no host root
    assert sysadmin["hostPID"] and sysadmin["containers"][0]["securityContext"] == {"privileged": True}
    netadmin = node_spec("netadmin")
    assert netadmin["hostNetwork"] and not host_paths(netadmin)


def test_a_copy_keeps_what_the_keep_flags_say(cli: CLI) -> None:
    _running_pod(cli)
    cli("label", "pod", "web", "tier=fe")
    cli("annotate", "pod", "web", "note=x")
    cli("debug", "web", "--copy-to=legacy-copy", "--set-image=*=nginx:1.25")
    legacy = json.loads(cli("get", "pod", "legacy-copy", "-o", "json").stdout)
    assert "labels" not in legacy["metadata"] and legacy["metadata"]["annotations"] == {"note": "x"}
    cli("debug", "web", "--copy-to=general-copy", "--image=busybox", "-c", "dbg", "--profile=general",
        "--keep-labels")
    general = json.loads(cli("get", "pod", "general-copy", "-o", "json").stdout)
    assert general["metadata"]["labels"]["tier"] == "fe" and "annotations" not in general["metadata"]
    assert general["spec"]["shareProcessNamespace"] is True
    debug = next(c for c in general["spec"]["containers"] if c["name"] == "dbg")
    assert debug["securityContext"] == {"capabilities": {"add": ["SYS_PTRACE"]}}


def test_an_ephemeral_container_runs_and_is_never_restarted(cli: CLI) -> None:
    _running_pod(cli)
    cli("debug", "web", "--image=busybox", "-c", "once", "-q", "--profile=general", "--",
        "sh", "-c", "echo hello from debug; hostname")
    cli.now = "2026-01-01T00:01:00Z"
    assert cli("logs", "web", "-c", "once").stdout == "hello from debug\nweb\n"
    status = json.loads(cli("get", "pod", "web", "-o", "jsonpath={.status.ephemeralContainerStatuses[0]}").stdout)
    assert status["state"]["terminated"]["reason"] == "Completed" and status["restartCount"] == 0
    assert cli("get", "pod", "web", "-o", "jsonpath={.status.phase}").stdout == "Running"
    events = cli("get", "events", "--field-selector", "involvedObject.name=web").stdout
    assert "Started container once" in events


def test_debug_attaches_with_stdin(cli: CLI) -> None:
    _running_pod(cli)
    script = "wget -qO- localhost:80 | head -4\necho bye\n"
    result = cli("debug", "-i", "web", "--image=busybox", "-c", "dbg", "--profile=general", "-q", stdin=script)
    assert result.code == 0
    assert result.stdout == "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\nbye\n"
    tty = cli("debug", "-it", "web", "--image=busybox", "-c", "dbg2", "--profile=general", stdin="echo hi\n")
    assert (tty.stdout, tty.stderr) == ("hi\n", "Unable to use a TTY - input is not a terminal or the right kind "
                                                "of file\n")


def test_debug_attaches_to_copies_and_node_pods(cli: CLI) -> None:
    _running_pod(cli)
    copy = cli("debug", "web", "-i", "--copy-to=web-copy", "--image=busybox", "-c", "sh", "--profile=general",
               "--", "sh", stdin="hostname\n")
    assert (copy.code, copy.stdout) == (0, "web-copy\n")
    node = cli("debug", "-i", "node/minikube", "--image=busybox", "--profile=general", "-q",
               stdin="cat /host/etc/hostname\nls /host\n")
    assert node.stdout == "minikube\netc\nvar\n"
    baseline = cli("debug", "-i", "node/minikube", "--image=busybox", "--profile=baseline", "-q",
                   stdin="ls /host 2>&1\n")
    assert baseline.stdout == "ls: /host: No such file or directory\n"


def test_custom_profile_merges_into_the_debug_container(cli: CLI, tmp_path) -> None:
    _running_pod(cli)
    custom = tmp_path / "custom.yaml"
    custom.write_text("env:\n- name: MODE\n  value: debug\nsecurityContext:\n  runAsUser: 1000\n")
    cli("debug", "web", "--image=busybox", "-c", "dbg", "--profile=general", f"--custom={custom}", "-q")
    container = json.loads(cli("get", "pod", "web", "-o", "jsonpath={.spec.ephemeralContainers[0]}").stdout)
    assert container["env"] == [{"name": "MODE", "value": "debug"}]
    assert container["securityContext"] == {"capabilities": {"add": ["SYS_PTRACE"]}, "runAsUser": 1000}
    as_json = tmp_path / "custom.json"
    as_json.write_text('{"env": [{"name": "X", "value": "1"}]}')
    node = cli("debug", "-i", "node/minikube", "--image=busybox", "--profile=general", f"--custom={as_json}", "-q",
               stdin="echo $X\n")
    assert node.stdout == "1\n"
    missing = cli("debug", "web", "--image=busybox", "--profile=general", "--custom=nope.json")
    assert missing.stderr == ("error: must pass a container spec json file for custom profile: open nope.json: "
                              "no such file or directory\n")
