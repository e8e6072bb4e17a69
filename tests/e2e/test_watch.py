"""End-to-end: ``get -w`` under a fixed clock: initial list, then the simulation's changes."""

from __future__ import annotations


def test_watch_pod_until_request_timeout(cli):
    assert cli("create", "-f", "manifests/kubia-manual.yaml").code == 0
    r = cli("get", "pods", "-w", "--request-timeout=10s")
    assert (r.stderr, r.code) == ("", 0)
    assert r.stdout == (
        "NAME           READY   STATUS    RESTARTS   AGE\n"
        "kubia-manual   0/1     Pending   0          0s\n"
        "kubia-manual   0/1     ContainerCreating   0          1s\n"
        "kubia-manual   0/1     ContainerCreating   0          2s\n"
        "kubia-manual   1/1     Running             0          8s\n")
    # the watch looked ahead on a copy: the stored cluster is still at the command's instant
    assert "Pending" in cli("get", "pods").stdout


def test_watch_only_and_without_timeout(cli):
    assert cli("create", "-f", "manifests/kubia-manual.yaml").code == 0
    r = cli("get", "pods", "--watch-only", "--request-timeout=3s")
    assert r.stdout == ("NAME           READY   STATUS              RESTARTS   AGE\n"
                        "kubia-manual   0/1     ContainerCreating   0          1s\n"
                        "kubia-manual   0/1     ContainerCreating   0          2s\n")
    r = cli("get", "pods", "-w")
    assert r.stdout == "NAME           READY   STATUS    RESTARTS   AGE\nkubia-manual   0/1     Pending   0          0s\n"


def test_watch_rejects_several_types(cli):
    r = cli("get", "pods,svc", "-w")
    assert (r.stderr, r.code) == ("error: watch is only supported on individual resources and resource "
                                  "collections, but 2 resources were found\n", 1)
