"""Containers reach each other through cluster DNS and Services (the sandbox's wget, curl and
nslookup over :mod:`minikubectl.sim.cluster_network`)."""

from __future__ import annotations

from tests.conftest import CLI

CLIENT = ("nslookup web; wget -q -O- http://web.default.svc.cluster.local | head -4; "
          "for i in 1 2 3 4 5 6; do wget -q -O- kubia; sleep 1; done; "
          "wget -q -O- http://nothere; wget -q -O- http://empty; echo done")


def _at(cli: CLI, clock: str) -> CLI:
    cli.now = f"2026-01-01T{clock}Z"
    return cli


def test_a_pod_reaches_services_by_name_and_requests_spread_over_endpoints(cli: CLI) -> None:
    cli("create", "deployment", "web", "--image=nginx")
    cli("expose", "deployment", "web", "--port=80")
    cli("create", "deployment", "kubia", "--image=luksa/kubia", "--replicas=3")
    cli("expose", "deployment", "kubia", "--port=80", "--target-port=8080")
    cli("create", "service", "clusterip", "empty", "--tcp=80:80")  # selects nothing
    _at(cli, "00:01:00")
    cli("run", "client", "--image=busybox", "--restart=Never", "--", "sh", "-c", CLIENT)
    _at(cli, "00:02:00")
    assert cli("get", "pod", "client", "-o", "jsonpath={.status.phase}").stdout == "Succeeded"
    web_ip = cli("get", "svc", "web", "-o", "jsonpath={.spec.clusterIP}").stdout
    kubia_pods = set(cli("get", "pods", "-l", "app=kubia", "-o", "name").stdout.replace("pod/", "").split())
    lines = cli("logs", "client").stdout.splitlines()
    assert "Name:\tweb.default.svc.cluster.local" in lines and f"Address: {web_ip}" in lines
    assert "<title>Welcome to nginx!</title>" in lines
    hits = [line.removeprefix("You've hit ") for line in lines if line.startswith("You've hit ")]
    assert len(hits) == 6 and set(hits) <= kubia_pods and len(set(hits)) > 1
    assert "wget: bad address 'nothere'" in lines
    assert "wget: can't connect to remote host (" in "\n".join(lines)  # no endpoint: refused
    assert lines[-1] == "done"
    # The same clock and commands give the same answers (replays agree).
    assert cli("logs", "client").stdout.splitlines() == lines


def test_an_init_container_waits_for_its_service_when_it_exists(cli: CLI) -> None:
    cli("create", "deployment", "db", "--image=redis")
    cli("expose", "deployment", "db", "--port=6379")
    manifest = """\
apiVersion: v1
kind: Pod
metadata: {name: app}
spec:
  initContainers:
  - name: wait-for-db
    image: busybox
    command: [sh, -c, "until nslookup db; do echo waiting for db; sleep 2; done"]
  containers:
  - {name: app, image: busybox, command: [sh, -c, "echo started; sleep 3600"]}
"""
    _at(cli, "00:00:30")
    cli("apply", "-f", "-", stdin=manifest)
    _at(cli, "00:01:00")
    assert cli("get", "pod", "app", "--no-headers").stdout.split()[1:3] == ["1/1", "Running"]
    assert cli("logs", "app").stdout == "started\n"
    assert "waiting for db" not in cli("logs", "app", "-c", "wait-for-db").stdout
