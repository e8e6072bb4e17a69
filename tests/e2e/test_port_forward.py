"""End-to-end: ``port-forward`` listens on 127.0.0.1/::1 and answers from the simulated pod.

In-process tests use the fake runtime (``fake_runtime.py``: nginx answers on 80, kubia-unhealthy
on 8080 with 500 from the sixth request); the forwarder runs in a thread and ends when a
connection finds nothing listening (kubectl's ``lost connection to pod``). One subprocess test
checks Ctrl-C with the default runtime.
"""

from __future__ import annotations

import io
import re
import signal
import socket
import subprocess
import threading
import time

import pytest

from minikubectl.sim import runtime
from tests.conftest import installed_cli
from tests.e2e.fake_runtime import FakeRuntime

NGINX = """apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers:
  - name: nginx
    image: nginx
    ports:
    - {name: http, containerPort: 80}
"""

SERVICE = """apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - {name: front, port: 8000, targetPort: http}
  - {name: spare, port: 9000, targetPort: 81}
"""

KUBIA = """apiVersion: v1
kind: Pod
metadata:
  name: kubia
spec:
  containers:
  - name: kubia
    image: luksa/kubia-unhealthy
"""

PENDING = """apiVersion: v1
kind: Pod
metadata:
  name: waiting
spec:
  nodeSelector: {disktype: none}
  containers:
  - name: c
    image: nginx
"""


LATER = "2026-01-01T00:01:00Z"  # a minute after creation: the containers run


@pytest.fixture
def fake(cli):
    runtime.use(FakeRuntime())
    yield cli
    runtime.use(None)


def create(cli, *manifests: str) -> None:
    for manifest in manifests:
        assert cli("create", "-f", "-", stdin=manifest).code == 0
    cli.now = LATER


class Forwarder:
    """``minikubectl port-forward`` running in a thread with live stdout/stderr."""

    def __init__(self, cli, *args: str) -> None:
        from minikubectl.cli.context import Env
        from minikubectl.cli.run import main
        self.out, self.err = io.StringIO(), io.StringIO()
        env = Env(stdin=io.StringIO(""), stdout=self.out, stderr=self.err, environ=cli.env())
        self.code: int | None = None

        def target() -> None:
            self.code = main(["port-forward", *args], env)

        self.thread = threading.Thread(target=target, daemon=True)
        self.thread.start()

    def local_ports(self, count: int) -> list[int]:
        """The local ports it printed (waits until ``count`` 127.0.0.1 lines are out)."""
        for _ in range(500):
            ports = [int(p) for p in re.findall(r"Forwarding from 127\.0\.0\.1:(\d+) ->", self.out.getvalue())]
            if len(ports) >= count:
                return ports
            if not self.thread.is_alive():
                break
            time.sleep(0.01)
        raise AssertionError(f"no listener: {self.out.getvalue()!r} {self.err.getvalue()!r}")

    def join(self) -> int | None:
        self.thread.join(10)
        return self.code


def http_get(port: int, path: str = "/") -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        data = b""
        while chunk := conn.recv(4096):
            data += chunk
    return data


def test_forwards_http_to_the_listening_container_then_loses_the_pod(fake):
    create(fake, NGINX)
    forwarder = Forwarder(fake, "pod/web", ":80", ":81")
    web, closed = forwarder.local_ports(2)
    out = forwarder.out.getvalue()
    assert f"Forwarding from 127.0.0.1:{web} -> 80\n" in out
    assert re.search(rf"Forwarding from \[::1\]:{web} -> 80\n", out) or "::1" not in out
    answer = http_get(web)
    assert answer.startswith(b"HTTP/1.1 200 OK\r\n") and answer.endswith(b"\r\n\r\nok"), answer
    assert f"Handling connection for {web}\n" in forwarder.out.getvalue()
    assert http_get(closed) == b""  # nothing listens on 81 in the pod
    assert forwarder.join() == 1
    err = forwarder.err.getvalue()
    assert '"Unhandled Error" err="an error occurred forwarding ' + f"{closed} -> 81: error forwarding port 81" in err
    assert "connect: connection refused" in err
    assert err.endswith("error: lost connection to pod\n")


def test_requests_reach_the_program_and_are_counted(fake):
    """kubia-unhealthy answers 500 from the sixth request on: port-forwarded requests count."""
    create(fake, KUBIA)
    forwarder = Forwarder(fake, "kubia", ":8080", ":1")
    local, closed = forwarder.local_ports(2)
    statuses = [http_get(local).split(b"\r\n", 1)[0] for _ in range(6)]
    assert statuses == [b"HTTP/1.1 200 OK"] * 5 + [b"HTTP/1.1 500 Internal Server Error"]
    http_get(closed)
    assert forwarder.join() == 1


def test_service_port_translates_to_the_named_target_port(fake):
    create(fake, NGINX, SERVICE)
    forwarder = Forwarder(fake, "svc/web", ":front", ":8000", "0:9000")
    ports = forwarder.local_ports(3)
    assert re.findall(r"127\.0\.0\.1:\d+ -> (\d+)", forwarder.out.getvalue()) == ["80", "80", "81"]
    assert http_get(ports[0]).endswith(b"ok")
    http_get(ports[2])
    assert forwarder.join() == 1


def test_argument_and_pod_errors_match_kubectl(fake):
    create(fake, NGINX, SERVICE, PENDING)
    cases = {
        ("web",): "error: TYPE/NAME and list of ports are required for port-forward\n"
                  "See 'kubectl port-forward -h' for help and examples\n",
        ("web", "nope"): "error: Pod 'web' does not have a named port 'nope'\n",
        ("web", "8080:0"): "error: remote port must be > 0\n",
        ("web", "x:80"): "error: Error parsing local port 'x': strconv.ParseUint: parsing \"x\": invalid syntax\n",
        ("web", "70000"): "error: Error parsing local port '70000': strconv.ParseUint: parsing \"70000\": "
                          "value out of range\n",
        ("svc/web", "9999"): "error: Service web does not have a service port 9999\n",
        ("svc/web", "back"): "error: Service 'web' does not have a named port 'back'\n",
        ("missing", "80"): 'Error from server (NotFound): pods "missing" not found\n',
        ("waiting", "80"): "error: unable to forward port because pod is not running. Current status=Pending\n",
        ("web", "80", "--address", "nowhere"): "error: nowhere is not a valid IP\n",
    }
    for args, message in cases.items():
        r = fake("port-forward", *args)
        assert (r.code, r.stdout, r.stderr) == (1, "", message), args


def test_address_in_use_is_reported_per_port(fake):
    create(fake, NGINX)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        r = fake("port-forward", "web", f"{port}:80", "--address", "127.0.0.1")
    assert r.code == 1
    assert r.stderr == (f"Unable to listen on port {port}: Listeners failed to create with the following errors: "
                        f"[unable to create listener: Error listen tcp4 127.0.0.1:{port}: bind: address already in "
                        f"use]\nerror: unable to listen on any of the requested ports: [{{{port} 80}}]\n")


@pytest.mark.parametrize("started_with", ["default", "ignored"])
def test_ctrl_c_ends_port_forward_with_exit_code_0(proc_cli, started_with):
    """Also when the shell started it with SIGINT ignored (a background job of a script):
    kubectl's signal.Notify(os.Interrupt) takes Ctrl-C back, and so does minikubectl."""
    exe = installed_cli()
    if exe is None:
        pytest.skip("minikubectl is not installed")
    create(proc_cli, NGINX)
    disposition = signal.SIG_IGN if started_with == "ignored" else signal.SIG_DFL
    proc = subprocess.Popen([exe, "port-forward", "web", ":80", "--address", "127.0.0.1"], env=proc_cli.env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, disposition))
    try:
        line = proc.stdout.readline()
        match = re.fullmatch(r"Forwarding from 127\.0\.0\.1:(\d+) -> 80\n", line)
        assert match, line
        assert http_get(int(match.group(1))).startswith(b"HTTP/1.1 200 OK\r\n")
        assert proc.stdout.readline() == f"Handling connection for {match.group(1)}\n"
        proc.send_signal(signal.SIGINT)
        assert proc.wait(30) == 0
        assert proc.stderr.read() == ""
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
