"""End-to-end: ``logs`` output from the simulated container programs, and its errors."""

from __future__ import annotations

import pytest

MULTI = """apiVersion: v1
kind: Pod
metadata:
  name: multi
spec:
  containers:
  - name: a
    image: busybox
    command: ["sh", "-c", "echo starting; while true; do echo tick; sleep 5; done"]
  - name: b
    image: nginx
"""


@pytest.fixture
def pods(cli):
    assert cli("create", "-f", "manifests/kubia-manual.yaml").code == 0
    assert cli("create", "-f", "-", stdin=MULTI).code == 0
    cli.now = "2026-01-01T00:00:30Z"
    return cli


def test_logs_running_pod(pods):
    r = pods("logs", "kubia-manual")
    assert (r.stdout, r.stderr, r.code) == ("Kubia server starting...\n", "", 0)


def test_logs_loop_with_timestamps_and_default_container(pods):
    r = pods("logs", "multi", "--timestamps")
    assert r.code == 0
    assert r.stderr == 'Defaulted container "a" out of: a, b\n'
    lines = r.stdout.splitlines()
    assert lines[0].endswith("Z starting")
    assert [ln.split(" ", 1)[1] for ln in lines[1:]] == ["tick"] * (len(lines) - 1)
    assert all(ln[:4] == "2026" and ln.split(" ")[0].endswith("Z") for ln in lines)
    r2 = pods("logs", "multi", "-c", "a", "--tail", "2", "--prefix")
    assert r2.stdout == "[pod/multi/a] tick\n[pod/multi/a] tick\n" and r2.stderr == ""


def test_logs_nginx_and_since(pods):
    r = pods("logs", "multi", "b", "--tail=1")
    assert r.stdout.endswith("[notice] 1#1: start worker process 30\n")
    r = pods("logs", "multi", "-c", "b", "--since=1s")
    assert (r.stdout, r.code) == ("", 0)


def test_logs_errors(pods):
    cases = [
        (("logs", "nope"), 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n'),
        (("logs", "multi", "-c", "zz"), "error: container zz is not valid for pod multi\n"),
        (("logs", "kubia-manual", "-p"),
         'Error from server (BadRequest): previous terminated container "kubia" in pod "kubia-manual" not found\n'),
        (("logs",), "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
                    "POD or TYPE/NAME is a required argument for the logs command\n"
                    "See 'kubectl logs -h' for help and examples\n"),
        (("logs", "kubia-manual", "--since=1s", "--since-time=2026-01-01T00:00:00Z"),
         "error: at most one of `sinceTime` or `sinceSeconds` may be specified\n"),
    ]
    for argv, stderr in cases:
        r = pods(*argv)
        assert (r.stdout, r.stderr, r.code) == ("", stderr, 1), argv


def test_logs_waiting_and_unscheduled(cli):
    assert cli("create", "-f", "manifests/kubia-manual.yaml").code == 0
    cli.now = "2026-01-01T00:00:01Z"
    r = cli("logs", "kubia-manual")
    assert (r.stderr, r.code) == (
        'Error from server (BadRequest): container "kubia" in pod "kubia-manual" is waiting to start: '
        "ContainerCreating\n", 1)
    assert cli("create", "-f", "manifests/kubia-gpu.yaml").code == 0
    r = cli("logs", "kubia-gpu")
    assert (r.stderr, r.code) == ("Error from server (BadRequest): pod kubia-gpu does not have a host assigned\n", 1)


def test_logs_deployment_picks_a_pod(cli):
    assert cli("apply", "-f", "manifests/example-deployment.yaml").code == 0
    cli.now = "2026-01-01T00:01:00Z"
    r = cli("logs", "deployment/nginx-deployment", "--tail=1")
    assert r.code == 0
    assert r.stderr.startswith("Found 3 pods, using pod/nginx-deployment-")
    assert r.stdout.endswith("start worker process 30\n")
