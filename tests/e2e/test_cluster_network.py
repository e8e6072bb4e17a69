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


INIT_TUTORIAL = """\
apiVersion: v1
kind: Pod
metadata:
  name: myapp-pod
  labels:
    app.kubernetes.io/name: MyApp
spec:
  containers:
  - name: myapp-container
    image: busybox:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
  initContainers:
  - name: init-myservice
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done"]
  - name: init-mydb
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup mydb.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for mydb; sleep 2; done"]
"""


def _service(name: str, target: int) -> str:
    return (f"apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\nspec:\n  ports:\n"
            f"  - protocol: TCP\n    port: 80\n    targetPort: {target}\n")


def test_init_containers_wait_for_services_created_later(cli: CLI) -> None:
    """The Kubernetes docs' init-containers walkthrough: the pod stays Init:0/2 until myservice
    exists, Init:1/2 until mydb does, then runs; the waiting was logged meanwhile."""
    cli("apply", "-f", "-", stdin=INIT_TUTORIAL)
    _at(cli, "00:01:00")
    assert cli("get", "pod", "myapp-pod", "--no-headers").stdout.split()[1:3] == ["0/1", "Init:0/2"]
    waiting = cli("logs", "myapp-pod", "-c", "init-myservice").stdout
    assert "** server can't find myservice.default.svc.cluster.local: NXDOMAIN" in waiting
    assert waiting.count("waiting for myservice") > 20
    cli("apply", "-f", "-", stdin=_service("myservice", 9376))
    _at(cli, "00:01:05")
    assert cli("get", "pod", "myapp-pod", "--no-headers").stdout.split()[1:3] == ["0/1", "Init:1/2"]
    _at(cli, "00:02:00")
    assert cli("get", "pod", "myapp-pod", "--no-headers").stdout.split()[1:3] == ["0/1", "Init:1/2"]
    cli("apply", "-f", "-", stdin=_service("mydb", 9377))
    _at(cli, "00:02:10")
    assert cli("get", "pod", "myapp-pod", "--no-headers").stdout.split()[1:3] == ["1/1", "Running"]
    assert cli("logs", "myapp-pod", "-c", "myapp-container").stdout == "The app is running!\n"
    mydb = cli("logs", "myapp-pod", "-c", "init-mydb").stdout
    assert mydb.rstrip("\n").endswith("Name:\tmydb.default.svc.cluster.local\n"
                                      + "Address: " + cli("get", "svc", "mydb", "-o", "jsonpath={.spec.clusterIP}").stdout)
    # Replays agree: the earlier waiting is still in the log after the Service appeared.
    assert cli("logs", "myapp-pod", "-c", "init-myservice").stdout.startswith(waiting)


def test_the_service_account_token_volume_is_mounted(cli: CLI) -> None:
    cli("run", "sa", "--image=busybox", "--restart=Never", "--", "sh", "-c",
        "cat /var/run/secrets/kubernetes.io/serviceaccount/namespace; echo; "
        "ls /var/run/secrets/kubernetes.io/serviceaccount; "
        "head -c 20 /var/run/secrets/kubernetes.io/serviceaccount/ca.crt; echo")
    _at(cli, "00:01:00")
    assert cli("logs", "sa").stdout.splitlines() == ["default", "ca.crt", "namespace", "token", "-----BEGIN CERTIFICA"]
