"""The images' own programs: web servers, databases, ``pause``, entrypoint wrappers.

A server prints its start-up lines, opens its ports (an HTTP handler per port, used by
``wget``/``curl`` inside the pod, httpGet probes and port-forward) and waits on the clock.
Signals arrive through :meth:`Proc.advance`; what each program does with them follows the
real program (nginx: TERM fast / QUIT graceful shutdown, exit 0; node as PID 1 ignores TERM;
pause exits 0). KILL is the proc's (exit 137).
"""

from __future__ import annotations

import posixpath
import re
from typing import Callable

from minikubectl.sim.sandbox.fs import normpath
from minikubectl.sim.sandbox.applets import strftime
from minikubectl.sim.sandbox.interp import FOREVER, IO, NS, Shell, World, find_program

Handler = Callable[[World, str, int, int], tuple[int, str]]
Program = Callable[[Shell, list[str], IO], int]
SERVERS: dict[str, Program] = {}
_SIGNUM = {"HUP": 1, "INT": 2, "QUIT": 3, "USR1": 10, "USR2": 12, "TERM": 15, "WINCH": 28}
_SIGNAME = {"HUP": "Hangup", "INT": "Interrupt", "QUIT": "Quit", "TERM": "Terminated", "USR1": "User defined signal 1",
            "USR2": "User defined signal 2", "WINCH": "Window changed"}


def server(*names: str) -> Callable[[Program], Program]:
    def register(func: Program) -> Program:
        for name in names:
            SERVERS[name] = func
        return func
    return register


def _stamp(ns: int, fmt: str) -> str:
    return strftime(fmt, ns)


def serve(sh: Shell, ports: dict[int, Handler], stop: Callable[[str], tuple[int, int, list[tuple[str, str]]] | None]) -> int:
    """Listen on ``ports`` and wait; ``stop(signal)`` gives (delay ns, exit code, last lines)
    or None to ignore the signal."""
    world = sh.world
    if sh.is_pid1:
        world.pid1 = None  # not a shell: signals reach this program, not a trap
    for port, handler in ports.items():
        world.server_http[port] = handler
    while True:
        interrupted = sh.proc.advance(FOREVER, interruptible=True)
        if not interrupted:
            continue
        pending, world.signals = world.signals, []
        for sig in pending:
            outcome = stop(sig)
            if outcome is None:
                continue
            delay, code, lines = outcome
            for stream, text in lines:
                world.emit(sh.proc.now, stream, text)
            sh.proc.advance(sh.proc.now + delay)
            for port in ports:
                world.server_http.pop(port, None)
            return code


def _page(world: World, root: str, path: str, not_found: str) -> tuple[int, str]:
    clean = normpath(path.split("?", 1)[0], "/")
    target = normpath(clean.lstrip("/") or ".", root)
    if world.fs.is_dir(target):
        target = normpath("index.html", target)
    data = world.fs.read(target)
    if data is None:
        return 404, not_found
    return 200, data.decode(errors="replace")


# ---- nginx ------------------------------------------------------------------------------------
NGINX_404 = ("<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n"
             "<hr><center>nginx/1.27.5</center>\r\n</body>\r\n</html>\r\n")


def _nginx_handler(world: World, path: str, count: int, now: int) -> tuple[int, str]:
    return _page(world, "/usr/share/nginx/html", path, NGINX_404)


@server("nginx", "nginx-debug")
def nginx(sh: Shell, argv: list[str], io: IO) -> int:
    args = argv[1:]
    version = sh.world.env.get("NGINX_VERSION", "1.27.5")
    if "-v" in args or "-V" in args:
        io.err.write(f"nginx version: nginx/{version}\n")
        return 0
    if "-t" in args or "-T" in args:
        io.err.write("nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\n"
                     "nginx: configuration file /etc/nginx/nginx.conf test is successful\n")
        return 0
    if "-s" in args:
        return 0
    if not sh.world.fs.is_file("/etc/nginx/nginx.conf"):
        io.err.write(f'{_stamp(sh.proc.now, "%Y/%m/%d %H:%M:%S")} [emerg] 1#1: open() "/etc/nginx/nginx.conf" failed '
                     "(2: No such file or directory)\nnginx: [emerg] open() \"/etc/nginx/nginx.conf\" failed (2: No such file or directory)\n")
        return 1
    t = _stamp(sh.proc.now, "%Y/%m/%d %H:%M:%S")
    for line in ('using the "epoll" event method', f"nginx/{version}", "built by gcc 12.2.0 (Debian 12.2.0-14) ",
                 "OS: Linux 6.8.0-minikubectl", "getrlimit(RLIMIT_NOFILE): 1048576:1048576", "start worker processes",
                 "start worker process 29", "start worker process 30"):
        io.err.write(f"{t} [notice] 1#1: {line}\n")
    ports = {80: _nginx_handler}
    conf = (sh.world.fs.read("/etc/nginx/conf.d/default.conf") or b"").decode(errors="replace")
    for m in re.finditer(r"^\s*listen\s+(\d+)", conf, re.M):
        ports[int(m.group(1))] = _nginx_handler

    def stop(sig: str) -> tuple[int, int, list[tuple[str, str]]] | None:
        t2 = _stamp(sh.proc.now, "%Y/%m/%d %H:%M:%S")
        if sig == "QUIT":
            return (NS // 10, 0, [("stderr", f"{t2} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down"),
                                  ("stderr", f"{t2} [notice] 29#29: gracefully shutting down"),
                                  ("stderr", f"{t2} [notice] 29#29: exiting"),
                                  ("stderr", f"{t2} [notice] 29#29: exit"),
                                  ("stderr", f"{t2} [notice] 1#1: exit")])
        if sig in ("TERM", "INT"):
            n = _SIGNUM[sig]
            return (NS // 10, 0, [("stderr", f"{t2} [notice] 1#1: signal {n} (SIG{sig}) received, exiting"),
                                  ("stderr", f"{t2} [notice] 29#29: exiting"),
                                  ("stderr", f"{t2} [notice] 29#29: exit"),
                                  ("stderr", f"{t2} [notice] 1#1: exit")])
        return None
    return serve(sh, ports, stop)


@server("/docker-entrypoint.sh")
def nginx_entrypoint(sh: Shell, argv: list[str], io: IO) -> int:
    """The nginx image's entrypoint: configuration messages, then exec of its arguments."""
    args = argv[1:]
    if not args:
        return 0
    if posixpath.basename(args[0]) in ("nginx", "nginx-debug"):
        for line in ("/docker-entrypoint.d/ is not empty, will attempt to perform configuration",
                     "Looking for shell scripts in /docker-entrypoint.d/",
                     "Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh"):
            io.out.write(f"/docker-entrypoint.sh: {line}\n")
        io.out.write("10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf\n"
                     "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf\n")
        for line in ("Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
                     "Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
                     "Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
                     "Configuration complete; ready for start up"):
            io.out.write(f"/docker-entrypoint.sh: {line}\n")
    return sh.world.commands.run_argv(sh, args, io)


@server("docker-entrypoint.sh", "/usr/local/bin/docker-entrypoint.sh")
def entrypoint(sh: Shell, argv: list[str], io: IO) -> int:
    """The official images' ``docker-entrypoint.sh``: checks, then exec of its arguments (with the
    image's program put first when the arguments are only options)."""
    args = argv[1:]
    world = sh.world
    default = {"redis-server": "redis-server", "postgres": "postgres", "mysqld": "mysqld", "node": "node"}
    program = next((p for p in default if world.fs.is_file("/usr/bin/" + p) or world.fs.is_file("/usr/sbin/" + p)), "")
    if not args or args[0].startswith("-") or (program == "node" and find_program(world, args[0], sh.vars.get("PATH")) is None):
        args = [program] + args
    if args[0] == "postgres" and not sh.vars.get("POSTGRES_PASSWORD") and sh.vars.get("POSTGRES_HOST_AUTH_METHOD") != "trust":
        io.err.write("Error: Database is uninitialized and superuser password is not specified.\n"
                     "       You must specify POSTGRES_PASSWORD to a non-empty value for the\n"
                     "       superuser. For example, \"-e POSTGRES_PASSWORD=password\" on \"docker run\".\n\n"
                     "       You may also use \"POSTGRES_HOST_AUTH_METHOD=trust\" to allow all\n"
                     "       connections without a password. This is *not* recommended.\n\n"
                     "       See PostgreSQL documentation about \"trust\":\n"
                     "       https://www.postgresql.org/docs/current/auth-trust.html\n")
        return 1
    if args[0] == "mysqld" and not any(sh.vars.get(k) for k in ("MYSQL_ROOT_PASSWORD", "MYSQL_ALLOW_EMPTY_PASSWORD",
                                                               "MYSQL_RANDOM_ROOT_PASSWORD")):
        t = _stamp(sh.proc.now, "%Y-%m-%d %H:%M:%S+00:00")
        version = sh.vars.get("MYSQL_VERSION", "9.2.0-1.el9")
        io.out.write(f"{t} [Note] [Entrypoint]: Entrypoint script for MySQL Server {version} started.\n")
        io.out.write(f"{t} [Note] [Entrypoint]: Switching to dedicated user 'mysql'\n")
        io.out.write(f"{t} [Note] [Entrypoint]: Entrypoint script for MySQL Server {version} started.\n")
        io.err.write(f"{t} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n"
                     "    You need to specify one of the following as an environment variable:\n"
                     "    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n")
        return 1
    return sh.world.commands.run_argv(sh, args, io)


def _exit_on(signals: set[str], lines: Callable[[str], list[tuple[str, str]]] = lambda s: [],
             delay: int = NS // 10) -> Callable[[str], tuple[int, int, list[tuple[str, str]]] | None]:
    def stop(sig: str) -> tuple[int, int, list[tuple[str, str]]] | None:
        return (delay, 0, lines(sig)) if sig in signals else None
    return stop


@server("redis-server")
def redis(sh: Shell, argv: list[str], io: IO) -> int:
    def t() -> str:
        return _stamp(sh.proc.now, "%d %b %Y %H:%M:%S.000")
    version = "7.4.2"
    io.out.write(f"1:C {t()} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n"
                 f"1:C {t()} * Redis version={version}, bits=64, commit=00000000, modified=0, pid=1, just started\n"
                 f"1:C {t()} # Warning: no config file specified, using the default config. In order to specify a "
                 "config file use redis-server /path/to/redis.conf\n"
                 f"1:M {t()} * monotonic clock: POSIX clock_gettime\n"
                 f"1:M {t()} * Running mode=standalone, port=6379.\n"
                 f"1:M {t()} * Server initialized\n"
                 f"1:M {t()} * Ready to accept connections tcp\n")

    def lines(sig: str) -> list[tuple[str, str]]:
        return [("stdout", f"1:signal-handler ({sh.proc.now // NS}) Received SIG{sig} scheduling shutdown..."),
                ("stdout", f"1:M {t()} * User requested shutdown..."),
                ("stdout", f"1:M {t()} # Redis is now ready to exit, bye bye...")]
    return serve(sh, {6379: lambda w, p, c, n: (400, "")}, _exit_on({"TERM", "INT"}, lines))


@server("postgres")
def postgres(sh: Shell, argv: list[str], io: IO) -> int:
    def t() -> str:
        return _stamp(sh.proc.now, "%Y-%m-%d %H:%M:%S.000 UTC")
    io.out.write("PostgreSQL init process complete; ready for start up.\n\n")
    io.err.write(f"{t()} [1] LOG:  starting PostgreSQL 17.4 (Debian 17.4-1.pgdg120+2) on x86_64-pc-linux-gnu, "
                 "compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit\n"
                 f"{t()} [1] LOG:  listening on IPv4 address \"0.0.0.0\", port 5432\n"
                 f"{t()} [1] LOG:  listening on IPv6 address \"::\", port 5432\n"
                 f"{t()} [1] LOG:  listening on Unix socket \"/var/run/postgresql/.s.PGSQL.5432\"\n"
                 f"{t()} [1] LOG:  database system is ready to accept connections\n")
    return serve(sh, {5432: lambda w, p, c, n: (400, "")},
                 _exit_on({"TERM", "INT", "QUIT"}, lambda s: [("stderr", f"{t()} [1] LOG:  received fast shutdown request"),
                                                              ("stderr", f"{t()} [1] LOG:  database system is shut down")]))


@server("mysqld")
def mysqld(sh: Shell, argv: list[str], io: IO) -> int:
    t = _stamp(sh.proc.now, "%Y-%m-%dT%H:%M:%S.000000Z")
    io.err.write(f"{t} 0 [System] [MY-015015] [Server] MySQL Server - start.\n"
                 f"{t} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '9.2.0'  "
                 "socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.\n")
    return serve(sh, {3306: lambda w, p, c, n: (400, ""), 33060: lambda w, p, c, n: (400, "")},
                 _exit_on({"TERM", "INT", "QUIT"}))


@server("httpd-foreground", "httpd")
def httpd(sh: Shell, argv: list[str], io: IO) -> int:
    if posixpath.basename(argv[0]) == "httpd" and sh.world.flavor == "busybox":
        return _busybox_httpd(sh, argv, io)
    ip = sh.world.meta.get("__POD_IP", "127.0.0.1") or "127.0.0.1"
    t = _stamp(sh.proc.now, "%a %b %d %H:%M:%S.000000 %Y")
    msg = (f"AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {ip}. "
           "Set the 'ServerName' directive globally to suppress this message\n")
    io.err.write(msg + msg)
    io.err.write(f"[{t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.63 (Unix) configured -- resuming normal operations\n"
                 f"[{t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\n")

    def handler(world: World, path: str, count: int, now: int) -> tuple[int, str]:
        return _page(world, "/usr/local/apache2/htdocs", path,
                     "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n"
                     "</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n")
    return serve(sh, {80: handler}, _exit_on({"WINCH", "TERM", "INT"}, lambda s: [
        ("stderr", f"[{_stamp(sh.proc.now, '%a %b %d %H:%M:%S.000000 %Y')}] [mpm_event:notice] [pid 1:tid 1] AH00492: "
                   "caught SIGWINCH, shutting down gracefully" if s == "WINCH" else
                   f"[{_stamp(sh.proc.now, '%a %b %d %H:%M:%S.000000 %Y')}] [mpm_event:notice] [pid 1:tid 1] AH00491: "
                   "caught SIGTERM, shutting down")]))


def _busybox_httpd(sh: Shell, argv: list[str], io: IO) -> int:
    args = argv[1:]
    port = 80
    root = sh.cwd
    foreground = "-f" in args
    for i, a in enumerate(args):
        if a == "-p" and i + 1 < len(args):
            port = int(args[i + 1].rsplit(":", 1)[-1] or 80)
        if a == "-h" and i + 1 < len(args):
            root = normpath(args[i + 1], sh.cwd)

    def handler(world: World, path: str, count: int, now: int) -> tuple[int, str]:
        return _page(world, root, path, "<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\n"
                                        "The requested URL was not found\n</BODY></HTML>\n")
    sh.world.server_http[port] = handler
    if not foreground:
        return 0  # daemonises: the port stays open
    return serve(sh, {port: handler}, _exit_on({"TERM", "INT"}))


# ---- node, python, small servers -------------------------------------------------------------
def _kubia_handler(unhealthy: bool) -> Handler:
    def handler(world: World, path: str, count: int, now: int) -> tuple[int, str]:
        world.emit(now, "stdout", "Received request from ::ffff:10.244.0.1")
        if unhealthy and count > 5:
            return 500, "I'm not well. Please restart me!"
        return 200, f"You've hit {world.hostname}\n"
    return handler


@server("node", "nodejs")
def node(sh: Shell, argv: list[str], io: IO) -> int:
    args = [a for a in argv[1:] if not a.startswith("-")]
    if not args:
        text = io.stdin.read_all()  # the REPL without a terminal reads a script from stdin
        return 0 if not text.strip() else 0
    script = normpath(args[0], sh.cwd)
    source = sh.world.fs.read(script)
    if source is None:
        io.err.write(f"node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module '{script}'\n")
        return 1
    text = source.decode(errors="replace")
    for m in re.finditer(r"console\.log\(\s*\"([^\"]*)\"\s*\)", text.split("var handler")[0]):
        io.out.write(m.group(1) + "\n")
    listen = re.search(r"\.listen\((\d+)\)", text)
    ports = {}
    if listen:
        ports[int(listen.group(1))] = _kubia_handler("I'm not well" in text)
    return serve(sh, ports, lambda sig: None)  # node as PID 1 installs no handlers: TERM is ignored


@server("python", "python3")
def python(sh: Shell, argv: list[str], io: IO) -> int:
    args = argv[1:]
    if not args:
        io.stdin.read_all()
        return 0
    if args[:2] == ["-m", "http.server"]:
        port = int(args[2]) if len(args) > 2 and args[2].isdigit() else 8000
        io.out.write(f"Serving HTTP on 0.0.0.0 port {port} (http://0.0.0.0:{port}/) ...\n")
        root = sh.cwd

        def handler(world: World, path: str, count: int, now: int) -> tuple[int, str]:
            return _page(world, root, path, "Error response\nError code: 404\nMessage: File not found.\n")
        return serve(sh, {port: handler}, _exit_on({"INT"}))
    if args[0] in ("-V", "--version"):
        io.out.write(f"Python {sh.vars.get('PYTHON_VERSION', '3.13.2')}\n")
        return 0
    if args[0] == "-c" and len(args) > 1:
        prints = re.fullmatch(r"\s*(?:print\((['\"])(.*?)\1\)\s*;?\s*)+", args[1])
        if prints:
            for m in re.finditer(r"print\((['\"])(.*?)\1\)", args[1]):
                io.out.write(m.group(2) + "\n")
            return 0
    return serve(sh, {}, lambda sig: (0, 0, []) if sig == "INT" else None)  # a program the simulation cannot run


@server("/pause", "pause")
def pause(sh: Shell, argv: list[str], io: IO) -> int:
    if any(a.lower() == "-v" for a in argv[1:]):
        io.out.write("pause.c 3.10\n")
        return 0
    return serve(sh, {}, lambda sig: (0, 0, [("stderr", f"Shutting down, got signal: {_SIGNAME[sig]}")])
                 if sig in ("TERM", "INT") else None)


@server("/http-echo", "http-echo")
def http_echo(sh: Shell, argv: list[str], io: IO) -> int:
    text, listen = "", ":5678"
    args = argv[1:]
    i = 0
    while i < len(args):
        a = args[i].lstrip("-")
        key, eq, value = a.partition("=")
        if not eq and i + 1 < len(args):
            value = args[i + 1]
            i += 1
        if key == "text":
            text = value
        elif key == "listen":
            listen = value
        i += 1
    if not text:
        io.err.write("Missing -text option!\n")
        return 127
    port = int(listen.rsplit(":", 1)[-1] or 5678)
    io.err.write(f"{_stamp(sh.proc.now, '%Y/%m/%d %H:%M:%S')} [INFO] server is listening on {listen}\n")
    return serve(sh, {port: lambda w, p, c, n: (200, text + "\n")}, _exit_on({"TERM", "INT"}, lambda s: [
        ("stderr", f"{_stamp(sh.proc.now, '%Y/%m/%d %H:%M:%S')} [INFO] server is shutting down")]))


def _echo_handler(world: World, path: str, count: int, now: int) -> tuple[int, str]:
    return 200, (f"\n\nHostname: {world.hostname}\n\nPod Information:\n\t-no pod information available-\n\n"
                 "Server values:\n\tserver_version=nginx: 1.10.0 - lua: 10001\n\nRequest Information:\n"
                 f"\tclient_address=10.244.0.1\n\tmethod=GET\n\treal path={path}\n\tquery=\n\trequest_version=1.1\n"
                 f"\trequest_uri=http://{world.hostname}:8080{path}\n\nRequest Headers:\n\taccept=*/*\n\n"
                 "Request Body:\n\t-no body in request-\n\n")


@server("/usr/sbin/nginx")
def echoserver_or_nginx(sh: Shell, argv: list[str], io: IO) -> int:
    if sh.world.meta.get("__IMAGE") == "echoserver":
        return serve(sh, {8080: _echo_handler}, _exit_on({"TERM", "INT", "QUIT"}))
    return nginx(sh, argv, io)
