"""``port-forward``: listen on local ports and answer them from a simulated pod.

kubectl's rules (``staging/src/k8s.io/kubectl/pkg/cmd/portforward/portforward.go`` and
``client-go/tools/portforward``): the first argument is a pod name or TYPE/NAME (a service's
port is translated to the pod's target port), then ``[LOCAL]:REMOTE`` pairs (an empty local
port picks a free one); ``--address localhost`` binds 127.0.0.1 and ::1. Each accepted
connection prints ``Handling connection for N``. Ctrl-C ends it with exit code 0.

The pod side is the simulated container: the local sockets are real (only on the addresses the
user names), and each connection carries one HTTP request, answered by the program listening on
the remote port (:func:`minikubectl.sim.kubelet_server.forward_http`). Nothing is forwarded to
any real network address.
"""

from __future__ import annotations

import hashlib
from typing import Any

from minikubectl.api import errors
from minikubectl.api.ports import container_port
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass, field

SUMMARY = "Forward one or more local ports to a pod"
LOST = "lost connection to pod"
REQUEST_LIMIT = 64 * 1024
READ_TIMEOUT_S = 5.0


def flags() -> list[Flag]:
    return [
        Flag("address", "slice", ["localhost"]),
        Flag("pod-running-timeout", default="1m0s"),
    ]


def usage_error(message: str) -> errors.ClientError:
    """cmdutil.UsageErrorf: the message and the pointer to the verb's help."""
    return errors.ClientError(f"{message}\nSee 'kubectl port-forward -h' for help and examples")


@dataclass
class Forward:
    """One local → remote pair (local 0: a free port, chosen when listening)."""

    local: int
    remote: int


def split_port(text: str) -> tuple[str, str]:
    """``[LOCAL]:REMOTE`` → (local, remote); a single number is both."""
    parts = text.split(":")
    if len(parts) == 2:
        return parts[0], parts[1]
    return parts[0], parts[0]


def container_port_by_name(pod: dict[str, Any], name: str) -> int:
    """The number of a named container port of the pod."""
    number = container_port((pod.get("spec") or {}).get("containers") or [], name)
    if number is not None:
        return number
    raise errors.ClientError(f"Pod '{pod['metadata'].get('name', '')}' does not have a named port '{name}'")


def pod_ports(ports: list[str], pod: dict[str, Any]) -> list[str]:
    """Named remote ports of a pod replaced by their numbers (convertPodNamedPortToNumber)."""
    converted = []
    for text in ports:
        local, remote = split_port(text)
        if remote == "":
            raise errors.ClientError("remote port cannot be empty")
        number = remote if remote.isdigit() else str(container_port_by_name(pod, remote))
        converted.append(f"{local}:{number}" if local != remote else number)
    return converted


def service_ports(ports: list[str], svc: dict[str, Any], pod: dict[str, Any]) -> list[str]:
    """Service ports replaced by the pod's target ports (translateServicePortToTargetPort)."""
    name = svc["metadata"].get("name", "")
    spec_ports = (svc.get("spec") or {}).get("ports") or []
    translated = []
    for text in ports:
        local, remote = split_port(text)
        if remote.isdigit():
            number = int(remote)
        else:
            match = [p for p in spec_ports if p.get("name") == remote]
            if not match:
                raise errors.ClientError(f"Service '{name}' does not have a named port '{remote}'")
            number = int(match[0].get("port", 0))
            if local == remote:
                local = str(number)
        target = _target_port(svc, pod, number)
        translated.append(f"{local}:{target}" if local != str(target) else str(target))
    return translated


def _target_port(svc: dict[str, Any], pod: dict[str, Any], number: int) -> int:
    spec = svc.get("spec") or {}
    if spec.get("clusterIP") == "None":
        return number  # headless: the port is the container port
    for port in spec.get("ports") or []:
        if int(port.get("port", 0)) != number:
            continue
        target = port.get("targetPort")
        if target in (None, "", 0):
            return number
        if isinstance(target, int) or str(target).isdigit():
            return int(target)
        return container_port_by_name(pod, str(target))
    raise errors.ClientError(f"Service {svc['metadata'].get('name', '')} does not have a service port {number}")


def parse_forwards(ports: list[str]) -> list[Forward]:
    """client-go's parsePorts: each ``[LOCAL:]REMOTE`` as numbers in 0..65535 (remote > 0)."""
    forwards = []
    for text in ports:
        parts = text.split(":")
        if len(parts) == 1:
            local_text = remote_text = parts[0]
        elif len(parts) == 2:
            local_text, remote_text = parts[0] or "0", parts[1]
        else:
            raise errors.ClientError(f"invalid port format '{text}'")
        local = _uint16(local_text, "local")
        remote = _uint16(remote_text, "remote")
        if remote == 0:
            raise errors.ClientError("remote port must be > 0")
        forwards.append(Forward(local, remote))
    return forwards


def _uint16(text: str, which: str) -> int:
    if text.isdigit() and int(text) <= 0xFFFF:
        return int(text)
    reason = "value out of range" if text.isdigit() else "invalid syntax"
    raise errors.ClientError(f"Error parsing {which} port '{text}': strconv.ParseUint: parsing "
                             f'"{text}": {reason}')


def listen_addresses(addresses: list[str]) -> list[tuple[str, int, str]]:
    """(address, family, failure mode) sorted by address; ``localhost`` is 127.0.0.1 and ::1."""
    import ipaddress
    import socket
    parsed: dict[str, tuple[str, int, str]] = {}
    for address in addresses:
        if address == "localhost":
            parsed.setdefault("127.0.0.1", ("127.0.0.1", socket.AF_INET, "all"))
            parsed.setdefault("::1", ("::1", socket.AF_INET6, "all"))
            continue
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            raise errors.ClientError(f"{address} is not a valid IP") from None
        parsed[address] = (address, socket.AF_INET if ip.version == 4 else socket.AF_INET6, "any")
    return [parsed[key] for key in sorted(parsed)]


def _join(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


@dataclass
class PortForwardOptions:
    """Bound flags of ``port-forward`` (complete → validate → run)."""

    resource: str
    ports: list[str]
    addresses: list[str]
    namespace: str
    state: str | None
    forwards: list[Forward] = field(default_factory=list)

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "PortForwardOptions":
        args = parsed.args
        if len(args) < 2:
            raise usage_error("TYPE/NAME and list of ports are required for port-forward")
        return cls(resource=args[0], ports=list(args[1:]), addresses=list(parsed["address"] or []),
                   namespace=opt.namespace_of(parsed)[0], state=parsed["state"])

    def validate(self) -> None:
        if not self.resource:
            raise errors.ClientError("pod name or resource type/name must be specified")
        if not self.ports:
            raise errors.ClientError("at least 1 PORT is required for port-forward")

    def run(self, env: Env) -> int:
        pod_name = self._resolve(env)
        addresses = listen_addresses(self.addresses) if self.addresses else []
        if not addresses:
            raise errors.ClientError("you must specify at least 1 address")
        listeners = self._listen(env, addresses)
        try:
            return self._serve(env, pod_name, listeners)
        finally:
            for sock, _forward in listeners:
                sock.close()

    def _resolve(self, env: Env) -> str:
        """Complete's server part: the pod, the translated ports, and the Running check."""
        from minikubectl.cli.session import open_cluster
        from minikubectl.cli.verbs.exec import pick_pod
        with open_cluster(env, self.state) as api:
            pod = pick_pod(api, self.namespace, self.resource)
            type_part, slash, name = self.resource.partition("/")
            resource = api.registry.resolve_single(type_part) if slash else None
            if resource is not None and resource.kind == "Service":
                svc = api.get(resource, self.namespace, name)
                ports = service_ports(self.ports, svc, pod)
            else:
                ports = pod_ports(self.ports, pod)
            self.forwards = parse_forwards(ports)
            phase = (pod.get("status") or {}).get("phase") or ""
            if phase != "Running":
                raise errors.ClientError(f"unable to forward port because pod is not running. Current status={phase}")
            return str(pod["metadata"]["name"])

    def _listen(self, env: Env, addresses: list[tuple[str, int, str]]) -> list[tuple[Any, Forward]]:
        import socket
        listeners: list[tuple[Any, Forward]] = []
        for forward in self.forwards:
            problems: list[str] = []
            fails = {"all": 0, "any": 0}
            wins = {"all": 0, "any": 0}
            for host, family, mode in addresses:
                sock = socket.socket(family, socket.SOCK_STREAM)
                try:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                    if family == socket.AF_INET6:
                        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                    sock.bind((host, forward.local))
                    sock.listen(16)
                except OSError as exc:
                    sock.close()
                    net = "tcp6" if family == socket.AF_INET6 else "tcp4"
                    problems.append(f"unable to create listener: Error listen {net} {_join(host, forward.local)}: "
                                    f"bind: {_errno_text(exc)}")
                    fails[mode] += 1
                    continue
                forward.local = int(sock.getsockname()[1])
                env.stdout.write(f"Forwarding from {_join(host, forward.local)} -> {forward.remote}\n")
                listeners.append((sock, forward))
                wins[mode] += 1
            if (wins["all"] == 0 and fails["all"] > 0) or fails["any"] > 0:
                env.stderr.write(f"Unable to listen on port {forward.local}: Listeners failed to create with the "
                                 f"following errors: [{' '.join(problems)}]\n")
        env.stdout.flush()
        if not listeners:
            pairs = " ".join(f"{{{f.local} {f.remote}}}" for f in self.forwards)
            raise errors.ClientError(f"unable to listen on any of the requested ports: [{pairs}]")
        return listeners

    def _serve(self, env: Env, pod_name: str, listeners: list[tuple[Any, Forward]]) -> int:
        """Accept connections until Ctrl-C; each carries one HTTP request to the pod."""
        import selectors
        import signal
        selector = selectors.DefaultSelector()
        for sock, forward in listeners:
            selector.register(sock, selectors.EVENT_READ, forward)
        try:
            # Ctrl-C ends it even when the shell started it with SIGINT ignored (a background
            # job of a script), as kubectl's signal.Notify does.
            previous = signal.signal(signal.SIGINT, signal.default_int_handler)
        except ValueError:  # not the main thread (tests run it in one): nothing to change
            previous = None
        try:
            while True:
                for key, _events in selector.select():
                    conn, _peer = key.fileobj.accept()  # type: ignore[union-attr]
                    with conn:
                        env.stdout.write(f"Handling connection for {key.data.local}\n")
                        env.stdout.flush()
                        if not self._answer(env, pod_name, conn, key.data):
                            raise errors.ClientError(LOST)
        except KeyboardInterrupt:
            return 0
        finally:
            selector.close()
            if previous is not None:
                signal.signal(signal.SIGINT, previous)

    def _answer(self, env: Env, pod_name: str, conn: Any, forward: Forward) -> bool:
        """Read one request, ask the pod, write the answer; False when the pod refused the port."""
        from minikubectl.cli.session import open_cluster
        from minikubectl.sim import kubelet_server
        path = read_request_path(conn)
        with open_cluster(env, self.state) as api:
            pods = api.registry.by_qualified_plural("pods")
            try:
                pod = api.get(pods, self.namespace, pod_name)
            except errors.KubectlError:
                pod = None
            answer = kubelet_server.forward_http(api, pod, forward.remote, path or "/") if pod else None
            now = api.now
        if answer is None:
            env.stderr.write(refused_line(now, pod or {}, forward) + "\n")
            return False
        if path is not None:
            conn.sendall(http_response(*answer))
        return True


def read_request_path(conn: Any) -> str | None:
    """The path of the HTTP request on ``conn`` (None when it is not HTTP or never completes)."""
    import socket
    conn.settimeout(READ_TIMEOUT_S)
    data = b""
    try:
        while b"\r\n\r\n" not in data and b"\n\n" not in data and len(data) < REQUEST_LIMIT:
            chunk = conn.recv(4096)
            if not chunk:
                break
            data += chunk
    except (socket.timeout, OSError):
        pass
    words = data.split(b"\n", 1)[0].split()
    if len(words) < 2 or not words[1].startswith(b"/"):
        return None
    return words[1].decode("latin-1")


def http_response(status: int, body: str) -> bytes:
    """The simulated server's answer as HTTP/1.1 bytes (the connection closes after it)."""
    from http import HTTPStatus
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = ""
    payload = body.encode("utf-8")
    head = (f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html\r\nContent-Length: {len(payload)}\r\n"
            "Connection: close\r\n\r\n")
    return head.encode("latin-1") + payload


def refused_line(now: Any, pod: dict[str, Any], forward: Forward) -> str:
    """klog's line for the kubelet's error stream when nothing listens on the remote port.

    The process id of klog's header is written as 1 so the output stays deterministic.
    """
    meta = pod.get("metadata") or {}
    sandbox = hashlib.sha256(f"sandbox/{meta.get('uid', '')}".encode()).hexdigest()
    netns = hashlib.sha256(f"netns/{meta.get('uid', '')}".encode()).hexdigest()
    netns_id = f"{netns[:8]}-{netns[8:12]}-{netns[12:16]}-{netns[16:20]}-{netns[20:32]}"
    remote = forward.remote
    err = (f"error forwarding port {remote} to pod {sandbox}, uid : failed to execute portforward in network "
           f'namespace "/var/run/netns/cni-{netns_id}": failed to connect to localhost:{remote} inside namespace '
           f'"{sandbox}", IPv4: dial tcp4 127.0.0.1:{remote}: connect: connection refused IPv6 dial tcp6 '
           f"[::1]:{remote}: connect: connection refused ")
    stamp = now.strftime("%m%d %H:%M:%S.%f")
    quoted = err.replace('"', '\\"')
    return (f'E{stamp}       1 portforward.go:424] "Unhandled Error" err="an error occurred forwarding '
            f'{forward.local} -> {remote}: {quoted}"')


def _errno_text(exc: OSError) -> str:
    import errno
    texts = {errno.EADDRINUSE: "address already in use", errno.EACCES: "permission denied",
             errno.EADDRNOTAVAIL: "cannot assign requested address"}
    return texts.get(exc.errno or 0, (exc.strerror or str(exc)).lower())


def run(env: Env, parsed: ParsedArgs) -> int:
    """Bind flags, validate, run."""
    options = PortForwardOptions.complete(parsed)
    options.validate()
    return options.run(env)
