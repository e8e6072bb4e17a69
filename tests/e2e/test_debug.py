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
    assert f"Ephemeral Containers:\n  {name}:\n    Image:      busybox\n" in cli("describe", "pod", "web").stdout
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
