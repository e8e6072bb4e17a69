"""End-to-end: the kubelet runs containers through the runtime seam: hooks, exec, logs.

The runtime is the small fake in ``fake_runtime.py`` (the sandbox interpreter is tested on
its own); what is checked here is the kubelet's and kubectl's side: events, restarts,
messages, exit codes.
"""

from __future__ import annotations

import pytest

from minikubectl.sim import runtime
from tests.e2e.fake_runtime import FakeRuntime

GOOD = """apiVersion: v1
kind: Pod
metadata:
  name: lifecycle-demo
spec:
  containers:
  - name: lifecycle-demo-container
    image: nginx
    lifecycle:
      postStart:
        exec:
          command: ["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"]
      preStop:
        exec:
          command: ["/bin/sh", "-c", "nginx -s quit"]
"""

BAD = GOOD.replace('["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"]',
                   '["badcommand"]')

TWO = """apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  restartPolicy: Never
  containers:
  - name: main
    image: busybox
    command: ["sh", "-c", "sleep 3600"]
    env:
    - name: WHO
      value: world
    - name: GREETING
      value: hello $(WHO) $$(WHO)
  - name: side
    image: nginx
"""


@pytest.fixture
def fake(cli):
    runtime.use(FakeRuntime())
    yield cli
    runtime.use(None)


def at(cli, seconds):
    cli.now = f"2026-01-01T00:{seconds // 60:02d}:{seconds % 60:02d}Z"
    return cli


def test_poststart_hook_writes_file_exec_reads_it(fake):
    assert fake("create", "-f", "-", stdin=GOOD).code == 0
    at(fake, 30)
    r = fake("exec", "lifecycle-demo", "--", "cat", "/usr/share/message")
    assert (r.stdout, r.stderr, r.code) == ("Hello from the postStart handler\n", "", 0)
    r = fake("get", "pod", "lifecycle-demo", "--no-headers")
    assert r.stdout.split()[1:3] == ["1/1", "Running"]


def test_poststart_badcommand_events_restart_backoff(fake):
    assert fake("create", "-f", "-", stdin=BAD).code == 0
    at(fake, 20)
    uid = fake("get", "pod", "lifecycle-demo", "-o", "jsonpath={.metadata.uid}").stdout
    events = fake("get", "events", "-o", "jsonpath={range .items[*]}{.reason}|{.message}{'\\n'}{end}").stdout
    expected = ('FailedPostStartHook|Exec lifecycle hook ([badcommand]) for Container "lifecycle-demo-container" '
                f'in Pod "lifecycle-demo_default({uid})" failed - error: command \'badcommand\' exited with 126: , '
                'message: "OCI runtime exec failed: exec failed: unable to start container process: exec: '
                '\\"badcommand\\": executable file not found in $PATH: unknown\\r\\n"')
    assert expected in events.splitlines()
    assert "Killing|FailedPostStartHook" in events.splitlines()
    at(fake, 200)
    r = fake("get", "pod", "lifecycle-demo", "-o",
             "jsonpath={.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].state.waiting.reason}")
    restarts, reason = r.stdout.split()
    assert int(restarts) >= 3 and reason == "CrashLoopBackOff"
    assert "BackOff|Back-off restarting failed container lifecycle-demo-container in pod " \
           f"lifecycle-demo_default({uid})" in fake("get", "events", "-o",
                                                     "jsonpath={range .items[*]}{.reason}|{.message}{'\\n'}{end}").stdout


def test_exec_messages_and_exit_codes(fake):
    assert fake("create", "-f", "-", stdin=TWO).code == 0
    at(fake, 30)
    r = fake("exec", "two", "--", "sh", "-c", "exit 3")
    assert (r.stderr, r.code) == ('Defaulted container "main" out of: main, side\ncommand terminated with exit code 3\n', 3)
    r = fake("exec", "two", "-c", "side", "--", "cat", "/nope")
    assert r.code == 1 and r.stderr.endswith("cat: can't open '/nope': No such file or directory\n"
                                             "command terminated with exit code 1\n")
    r = fake("exec", "two", "-c", "nope", "--", "ls")
    assert (r.stderr, r.code) == ("Error from server (BadRequest): container nope is not valid for pod two\n", 1)
    r = fake("exec", "-q", "two", "--", "echo", "hi")
    assert (r.stdout, r.stderr, r.code) == ("hi\n", "", 0)
    r = fake("exec", "-i", "two", "-c", "main", "--", "sh", stdin="echo from stdin > /tmp/f")
    assert r.code == 0
    assert fake("exec", "two", "-c", "main", "--", "cat", "/tmp/f").stdout == "from stdin\n"
    r = fake("exec", "two", "-c", "main", "--", "nosuch")
    assert r.code == 1 and r.stderr.startswith("error: Internal error occurred: Internal error occurred: error "
                                               "executing command in container: failed to exec in container: ")
    assert r.stderr.endswith('exec: "nosuch": executable file not found in $PATH: unknown\n')
    r = fake("exec", "missing", "--", "ls")
    assert (r.stderr, r.code) == ('Error from server (NotFound): pods "missing" not found\n', 1)


def test_exec_argument_errors_match_kubectl(fake):
    assert fake("exec").stderr == "error: pod, type/name or --filename must be specified\n"
    assert fake("exec", "foo").stderr == "error: you must specify at least one command for the container\n"
    r = fake("exec", "foo", "ls")
    assert (r.stderr, r.code) == ("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- "
                                  "[COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n", 1)


def test_exec_completed_pod(fake):
    pod = TWO.replace("sleep 3600", "sleep 5").replace("  - name: side\n    image: nginx\n", "")
    assert fake("create", "-f", "-", stdin=pod).code == 0
    at(fake, 59)
    r = fake("exec", "two", "--", "ls")
    assert (r.stderr, r.code) == ("error: cannot exec into a container in a completed pod; current phase is "
                                  "Succeeded\n", 1)


def test_logs_come_from_the_runtime(fake):
    assert fake("create", "-f", "-", stdin=TWO).code == 0
    at(fake, 30)
    r = fake("logs", "two", "-c", "main", "--tail=2")
    assert (r.stdout, r.code) == ("tick\ntick\n", 0)
    r = fake("logs", "two", "-c", "main", "--timestamps", "--tail=1")
    assert r.stdout.endswith("Z tick\n") and r.stdout.startswith("2026-01-01T00:00:")


def test_environment_and_var_expansion():
    from minikubectl.sim.container_env import environment, expand
    pod = {"metadata": {"name": "p", "namespace": "ns1", "uid": "u"}, "spec": {}, "status": {"podIP": "10.0.0.9"}}
    container = {"env": [{"name": "A", "value": "x"}, {"name": "B", "value": "$(A)-$(Z)-$$(A)"},
                         {"name": "IP", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}}],
                 "envFrom": [{"configMapRef": {"name": "cm"}, "prefix": "CM_"}]}
    lookup = lambda plural, ns, name: {"data": {"k": "v"}} if (plural, ns, name) == ("configmaps", "ns1", "cm") else None
    env = environment(pod, container, lookup)
    assert (env["B"], env["IP"], env["CM_k"], env["HOSTNAME"]) == ("x-$(Z)-$(A)", "10.0.0.9", "v", "p")
    assert env["KUBERNETES_SERVICE_HOST"] == "10.96.0.1"
    assert expand("echo $(A) $$ $(", {"A": "1"}) == "echo 1 $ $("


KUBIA_LIVENESS = """apiVersion: v1
kind: Pod
metadata:
  name: kubia-liveness
spec:
  containers:
  - image: luksa/kubia-unhealthy
    name: kubia
    livenessProbe:
      httpGet:
        path: /
        port: 8080
"""

READINESS = """apiVersion: v1
kind: Pod
metadata:
  name: ready
spec:
  containers:
  - name: web
    image: nginx
    readinessProbe:
      tcpSocket:
        port: 81
      periodSeconds: 5
"""


def _events(cli):
    return cli("get", "events", "-o", "jsonpath={range .items[*]}{.reason}|{.count}|{.message}{'\\n'}{end}").stdout


def test_liveness_probe_restarts_kubia_unhealthy(fake):
    assert fake("create", "-f", "-", stdin=KUBIA_LIVENESS).code == 0
    fake.now = "2026-01-01T00:02:00Z"
    r = fake("get", "pod", "kubia-liveness", "--no-headers")
    assert r.stdout.split()[1:4] == ["1/1", "Running", "1"], r.stdout
    events = _events(fake).splitlines()
    assert "Unhealthy|3|Liveness probe failed: HTTP probe failed with statuscode: 500" in events
    assert "Killing|1|Container kubia failed liveness probe, will be restarted" in events


def test_readiness_tcp_probe_keeps_pod_unready(fake):
    assert fake("create", "-f", "-", stdin=READINESS).code == 0
    fake.now = "2026-01-01T00:01:00Z"
    r = fake("get", "pod", "ready", "--no-headers")
    assert r.stdout.split()[1:3] == ["0/1", "Running"]
    ip = fake("get", "pod", "ready", "-o", "jsonpath={.status.podIP}").stdout
    assert any(line.startswith(f"Unhealthy|") and line.endswith(
        f"|Readiness probe failed: dial tcp {ip}:81: connect: connection refused") for line in _events(fake).splitlines())
    fixed = READINESS.replace("name: ready", "name: ready2").replace("port: 81", "port: 80")
    assert fake("create", "-f", "-", stdin=fixed).code == 0
    fake.now = "2026-01-01T00:02:00Z"
    assert fake("get", "pod", "ready2", "--no-headers").stdout.split()[1:3] == ["1/1", "Running"]


def test_run_interactive_rm_prints_output_and_deletes(fake):
    r = fake("run", "once", "--image=busybox", "-i", "--rm", "--restart=Never", "--", "sh", "-c", "sleep 12")
    assert (r.stdout, r.stderr, r.code) == ("started\ntick\ntick\npod \"once\" deleted\n", "", 0)
    assert fake("get", "pod", "once").code == 1
    r = fake("run", "fails", "--image=busybox", "-i", "--restart=Never", "--", "sh", "-c", "sleep 1; exit 4")
    assert (r.stdout, r.stderr, r.code) == ("started\n", "pod default/fails terminated (Error)\n", 4)
    r = fake("run", "piped", "--image=busybox", "-i", "--rm", "--restart=Never", "--", "sh", stdin="echo hi\n")
    assert r.code == 0 and r.stdout.endswith('pod "piped" deleted\n')


def test_cp_into_and_out_of_a_container(fake, tmp_path):
    assert fake("create", "-f", "-", stdin=TWO).code == 0
    at(fake, 30)
    local = tmp_path / "notes.txt"
    local.write_text("written on the host\n")
    r = fake("cp", str(local), "two:/tmp/notes.txt", "-c", "main")
    assert (r.stdout, r.stderr, r.code) == ("", "", 0)
    assert fake("exec", "two", "-c", "main", "--", "cat", "/tmp/notes.txt").stdout == "written on the host\n"
    folder = tmp_path / "conf"
    folder.mkdir()
    (folder / "a.conf").write_text("a\n")
    assert fake("cp", str(folder), "default/two:/etc", "-c", "main").code == 0
    assert fake("exec", "two", "-c", "main", "--", "cat", "/etc/conf/a.conf").stdout == "a\n"
    out = tmp_path / "hostname"
    r = fake("cp", "two:/etc/hostname", str(out), "-c", "main")
    assert (r.stderr, r.code) == ("tar: removing leading '/' from member names\n", 0)
    assert out.read_text() == "two\n"
    back = tmp_path / "back"
    assert fake("cp", "two:/etc/conf", str(back), "-c", "main").code == 0
    assert (back / "a.conf").read_text() == "a\n"


def test_cp_and_attach_argument_errors(fake, tmp_path):
    assert fake("cp").stderr == "error: source and destination are required\n"
    assert fake("cp", "a", "b").stderr == "error: one of src or dest must be a remote file specification\n"
    assert fake("cp", "a:x", "b:y").stderr == "error: one of src or dest must be a local file specification\n"
    assert fake("cp", "a:", "b").stderr == "error: filepath can not be empty\n"
    assert fake("cp", ":x", "b").stderr == ("error: filespec must match the canonical format: "
                                           "[[namespace/]pod:]file/path\n")
    assert fake("cp", str(tmp_path / "nope"), "p:/x").stderr == f"error: {tmp_path / 'nope'} doesn't exist in local filesystem\n"
    assert fake("attach").stderr == "error: at least 1 argument is required for attach\n"


def test_attach_streams_until_the_container_ends(fake):
    assert fake("run", "napper", "--image=busybox", "--restart=Never", "--", "sh", "-c", "sleep 20").code == 0
    at(fake, 14)
    r = fake("attach", "napper")
    logged = fake("logs", "napper", "--timestamps").stdout.splitlines()
    after = [line.split(" ", 1)[1] for line in logged if float(line[17:line.index("Z")]) > 14]
    assert r.code == 0 and r.stdout.splitlines() == after and after == ["tick"] * len(after) and len(after) >= 2
    r = fake("attach", "napper")
    assert r.stderr == "error: cannot attach a container in a completed pod; current phase is Succeeded\n"
