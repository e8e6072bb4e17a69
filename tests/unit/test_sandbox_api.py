"""The sandbox API the kubelet calls: images, start errors, exec, HTTP, signals, inputs."""

from __future__ import annotations

import base64

from minikubectl.sim import sandbox

S = 1_000_000_000
T0 = 1767225600 * S
RUNC = ("failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: "
        "unable to start container process: ")


def launch(image: str, argv: list[str], **extra: object) -> dict:
    base = {"image": image, "argv": argv, "env": {"HOSTNAME": "demo"}, "hostname": "demo", "start_ns": T0, "inputs": []}
    base.update(extra)
    return base


def lines(result: sandbox.RunResult, stream: str | None = None) -> list[str]:
    return [line for _ns, s, line in result.output if stream is None or s == stream]


def test_resolve_argv_follows_the_kubernetes_rule():
    assert sandbox.resolve_argv("nginx:1.27", None, None) == ["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"]
    assert sandbox.resolve_argv("nginx", None, ["nginx-debug"]) == ["/docker-entrypoint.sh", "nginx-debug"]
    assert sandbox.resolve_argv("busybox", ["sh", "-c"], ["echo hi"]) == ["sh", "-c", "echo hi"]
    assert sandbox.resolve_argv("busybox", None, None) == ["sh"]
    assert sandbox.resolve_argv("docker.io/luksa/kubia:latest", None, None) == ["node", "app.js"]
    assert sandbox.resolve_argv("example.com/unknown/app:1", None, None) == []


def test_image_info():
    info = sandbox.image_info("nginx:1.27")
    assert info.known and info.ports == (80,) and info.stop_signal == "QUIT" and "ping" not in info.applets
    assert "ping" in sandbox.image_info("busybox").applets
    assert not sandbox.image_info("registry.example/x/y:3").known


def test_start_error_for_a_missing_or_unexecutable_program():
    assert sandbox.start_error(launch("busybox", ["x"])) == (
        128, RUNC + 'exec: "x": executable file not found in $PATH: unknown')
    assert sandbox.start_error(launch("busybox", ["/etc"])) == (128, RUNC + 'exec: "/etc": permission denied: unknown')
    assert sandbox.start_error(launch("nginx", ["ping", "x"]))[0] == 128
    assert sandbox.start_error(launch("busybox", ["sh", "-c", "echo"])) is None
    assert sandbox.start_error(launch("registry.example/app:1", ["app-server"])) is None
    assert sandbox.run(launch("busybox", ["x"]), T0 + S).exit == (T0, 128)


def test_unknown_image_without_command_runs_silently():
    result = sandbox.run(launch("registry.example/app:1", []), T0 + 60 * S)
    assert result.exit is None and result.output == []


def test_nginx_starts_listens_serves_and_exec_reads_its_config():
    nginx = launch("nginx:1.27", sandbox.resolve_argv("nginx", None, None))
    result = sandbox.run(nginx, T0 + 5 * S)
    assert result.exit is None and result.listening == frozenset({80})
    assert lines(result, "stdout")[-1] == "/docker-entrypoint.sh: Configuration complete; ready for start up"
    assert "2026/01/01 00:00:00 [notice] 1#1: nginx/1.27.5" in lines(result, "stderr")
    conf = sandbox.exec_at(nginx, ["cat", "/etc/nginx/nginx.conf"], T0 + 2 * S)
    assert conf.code == 0 and conf.stdout.startswith("user  nginx;\n") and "worker_processes" in conf.stdout
    status, body = sandbox.http_get(nginx, 80, "/", T0 + 3 * S)
    assert status == 200 and "<title>Welcome to nginx!</title>" in body
    assert sandbox.http_get(nginx, 80, "/missing", T0 + 3 * S)[0] == 404
    assert sandbox.http_get(nginx, 8080, "/", T0 + 3 * S) is None
    assert sandbox.tcp_open(nginx, 80, T0 + 3 * S) and not sandbox.tcp_open(nginx, 81, T0 + 3 * S)
    assert sandbox.exec_at(nginx, ["ping", "x"], T0 + S).start_error == (
        'OCI runtime exec failed: exec failed: unable to start container process: exec: "ping": executable file not '
        'found in $PATH: unknown')


def test_poststart_hook_side_effects_persist_through_inputs():
    """The pods chapter's lifecycle-demo: a postStart exec writes /usr/share/message."""
    hook = ["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"]
    nginx = launch("nginx", sandbox.resolve_argv("nginx", None, None), inputs=[["exec", T0, hook, None]])
    result = sandbox.run(nginx, T0 + S)
    assert result.exec_results[0].code == 0
    got = sandbox.exec_at(nginx, ["cat", "/usr/share/message"], T0 + 5 * S)
    assert (got.stdout, got.code) == ("Hello from the postStart handler\n", 0)
    # without the input the file does not exist: exec_at alone keeps no side effects
    plain = launch("nginx", sandbox.resolve_argv("nginx", None, None))
    sandbox.exec_at(plain, hook, T0)
    assert sandbox.exec_at(plain, ["cat", "/usr/share/message"], T0 + S).code == 1


def test_badcommand_hook_is_a_start_error_with_code_126():
    nginx = launch("nginx", sandbox.resolve_argv("nginx", None, None))
    got = sandbox.exec_at(nginx, ["badcommand"], T0)
    assert got.code == 126 and 'exec: "badcommand": executable file not found in $PATH' in (got.start_error or "")


def test_exec_when_the_container_is_not_running():
    done = launch("busybox", ["sh", "-c", "exit 0"])
    assert sandbox.exec_at(done, ["ls"], T0 + S).start_error == "container not running"


def test_exec_failing_command_and_stdin():
    box = launch("busybox", ["sleep", "3600"])
    got = sandbox.exec_at(box, ["sh", "-c", "echo out; echo err >&2; exit 3"], T0 + S)
    assert (got.stdout, got.stderr, got.code) == ("out\n", "err\n", 3)
    got = sandbox.exec_at(box, ["cat"], T0 + S, stdin="piped\n")
    assert got.stdout == "piped\n"
    got = sandbox.exec_at(box, ["sh", "-c", "sleep 2; date +%S"], T0 + S)
    assert (got.stdout, got.end_ns) == ("03\n", T0 + 3 * S)


def test_pid1_shell_ignores_term_without_a_trap_and_dies_by_kill():
    loop = ["sh", "-c", "while true; do sleep 1; done"]
    inputs = [["signal", T0 + 5 * S, "TERM"], ["signal", T0 + 35 * S, "KILL"]]
    assert sandbox.next_exit(launch("busybox", loop, inputs=inputs), T0 + 100 * S) == (T0 + 35 * S, 137)


def test_trap_term_runs_when_the_foreground_command_returns():
    script = "trap 'echo got TERM; exit 0' TERM; while true; do sleep 10; done"
    inputs = [["signal", T0 + 3 * S, "TERM"], ["signal", T0 + 33 * S, "KILL"]]
    result = sandbox.run(launch("busybox", ["sh", "-c", script], inputs=inputs), T0 + 100 * S)
    assert result.exit == (T0 + 10 * S, 0) and lines(result) == ["got TERM"]
    # `wait` is interrupted at once
    script = "trap 'echo bye; exit 7' TERM; sleep 3600 & wait"
    result = sandbox.run(launch("busybox", ["sh", "-c", script], inputs=inputs), T0 + 100 * S)
    assert result.exit == (T0 + 3 * S, 7) and lines(result) == ["bye"]


def test_servers_and_term():
    nginx = launch("nginx", sandbox.resolve_argv("nginx", None, None), inputs=[["signal", T0 + 4 * S, "QUIT"]])
    ended = sandbox.next_exit(nginx, T0 + 60 * S)
    assert ended is not None and ended[1] == 0 and T0 + 4 * S <= ended[0] < T0 + 5 * S
    kubia = launch("luksa/kubia", ["node", "app.js"], inputs=[["signal", T0 + 4 * S, "TERM"]])
    assert sandbox.next_exit(kubia, T0 + 60 * S) is None  # node as PID 1: no handler, TERM ignored
    pause = launch("registry.k8s.io/pause:3.10", ["/pause"], inputs=[["signal", T0 + 4 * S, "TERM"]])
    result = sandbox.run(pause, T0 + 60 * S)
    assert result.exit == (T0 + 4 * S, 0) and lines(result) == ["Shutting down, got signal: Terminated"]


def test_kubia_and_kubia_unhealthy_answer_http():
    kubia = launch("luksa/kubia", ["node", "app.js"], hostname="kubia-abc")
    assert lines(sandbox.run(kubia, T0 + S)) == ["Kubia server starting..."]
    assert sandbox.http_get(kubia, 8080, "/", T0 + S) == (200, "You've hit kubia-abc\n")
    probes = [["http", T0 + n * 10 * S, 8080, "/"] for n in range(1, 6)]
    sick = launch("luksa/kubia-unhealthy", ["node", "app.js"], inputs=probes)
    result = sandbox.run(sick, T0 + 60 * S)
    assert [r[0] for r in result.http_results] == [200] * 5
    assert sandbox.http_get(sick, 8080, "/", T0 + 60 * S) == (500, "I'm not well. Please restart me!")


def test_put_input_writes_into_the_container():
    data = base64.b64encode(b"copied\n").decode()
    box = launch("busybox", ["sleep", "3600"], inputs=[["put", T0 + S, "/tmp/in/file.txt", data]])
    assert sandbox.exec_at(box, ["cat", "/tmp/in/file.txt"], T0 + 2 * S).stdout == "copied\n"
    assert sandbox.run(box, T0 + 2 * S).fs.read("/tmp/in/file.txt") == b"copied\n"


def test_mounts_env_and_workdir():
    box = launch("busybox", ["sh", "-c", "cat /etc/config/key; echo $GREETING; pwd; cat /etc/hostname"],
                 mounts={"/etc/config/key": "value\n"}, env={"GREETING": "hi"}, workdir="/work")
    assert lines(sandbox.run(box, T0 + S)) == ["value", "hi", "/work", "demo"]


def test_network_hooks_for_wget_and_nslookup():
    class Net:
        revision = 1
        settled_ns = None

        def resolve(self, name: str, at_ns: int | None = None) -> list[str]:
            return ["10.96.0.20"] if name == "web.default.svc.cluster.local" else []

        def http(self, host: str, port: int, path: str, at_ns: int) -> tuple[int, str] | None:
            return (200, "hello from web\n") if port == 80 else None

    box = launch("busybox", ["sh", "-c", "wget -qO- web; wget -qO- web:81; nslookup nope; echo $?"],
                 search=["default.svc.cluster.local", "svc.cluster.local", "cluster.local"])
    result = sandbox.run(box, T0 + S, net=Net())
    assert lines(result, "stdout")[0] == "hello from web"
    assert "wget: can't connect to remote host (10.96.0.20): Connection refused" in lines(result, "stderr")
    assert lines(result, "stdout")[-1] == "1"
    assert "wget: bad address 'web'" in lines(sandbox.run(box, T0 + S), "stderr")


def test_ps_shows_pid1():
    box = launch("busybox", ["sh", "-c", "ps"])
    assert lines(sandbox.run(box, T0 + S)) == ["PID   USER     TIME  COMMAND", "    1 root      0:00 sh -c ps",
                                               "    7 root      0:00 ps"]


def test_postgres_without_password_fails_like_the_image():
    pg = launch("postgres:17", sandbox.resolve_argv("postgres", None, None))
    result = sandbox.run(pg, T0 + S)
    assert result.exit == (T0, 1)
    assert lines(result, "stderr")[0] == "Error: Database is uninitialized and superuser password is not specified."


def test_a_loop_waiting_on_the_network_ends_when_the_answer_comes_or_is_settled():
    """``until nslookup NAME; do ...; sleep 2; done``: the name appears at T0+11 s, so the loop
    ends at the first try after it; with no such name the run stops at the settled instant
    instead of replaying the horizon (the kubelet re-plans when the cluster changes)."""
    script = "until nslookup mysvc.default.svc.cluster.local; do echo waiting; sleep 2; done; echo up"

    class Net:
        settled_ns = T0 + 60 * S

        def __init__(self, since: int | None) -> None:
            self.since = since
            self.revision = 100 + (since or 0) // S  # results are cached by revision

        def resolve(self, name: str, at_ns: int | None = None) -> list[str]:
            found = self.since is not None and (at_ns is None or at_ns >= self.since)
            return ["10.96.0.9"] if found and name == "mysvc.default.svc.cluster.local" else []

        def http(self, host: str, port: int, path: str, at_ns: int) -> tuple[int, str] | None:
            return None

    box = launch("busybox", ["sh", "-c", script])
    assert sandbox.next_exit(box, T0 + 30 * 86400 * S, net=Net(T0 + 11 * S)) == (T0 + 12 * S, 0)
    assert sandbox.next_exit(box, T0 + 30 * 86400 * S, net=Net(None)) is None
    replay = sandbox.run(box, T0 + 13 * S, net=Net(T0 + 11 * S))
    assert lines(replay, "stdout").count("waiting") == 6 and lines(replay, "stdout")[-1] == "up"
