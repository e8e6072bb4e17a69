"""The container sandbox: a container's program run by a POSIX-shell interpreter over a
simulated filesystem and clock. The API the kubelet calls is described in
``/work/team/sandbox-api.md`` (mirrored in ``docs/ARCHITECTURE.md``).

A run is a pure function of its *Launch* (image, argv, env, start time, mounts, inputs):
nothing is persisted mid-interpretation, nothing runs on the host, no host file is read or
written. Times are nanoseconds since the epoch.
"""

from __future__ import annotations

import json

from minikubectl.sim.sandbox.results import ExecResult, ImageInfo, Launch, Network, RunResult


def image_info(image: str) -> ImageInfo:
    """The catalogue entry of an image reference (``known=False`` for an unknown image)."""
    from minikubectl.sim.sandbox import images
    info = images.lookup(image)
    return ImageInfo(info.name, list(info.entrypoint), list(info.cmd), info.env_dict, info.workdir, info.user,
                     info.ports, info.applets, info.known, info.stop_signal)


def resolve_argv(image: str, command: list[str] | None, args: list[str] | None) -> list[str]:
    """Kubernetes' rule: command (+ args); else the image's entrypoint + (args or the image's cmd)."""
    from minikubectl.sim.sandbox import images
    if command:
        return list(command) + list(args or [])
    info = images.lookup(image)
    return list(info.entrypoint) + (list(args) if args else list(info.cmd))


def start_error(launch: Launch) -> tuple[int, str] | None:
    """The runtime's StartError (exit 128 and runc's message) when argv[0] cannot be executed."""
    from minikubectl.sim.sandbox import engine
    return engine.start_error(launch)


def run(launch: Launch, until_ns: int, net: Network | None = None) -> RunResult:
    """Replay the container's program from its start to ``until_ns``."""
    from minikubectl.sim.sandbox import engine
    return engine.run(launch, int(until_ns), net, fast=False)


def next_exit(launch: Launch, horizon_ns: int, net: Network | None = None) -> tuple[int, int] | None:
    """(ns, exit code) when PID 1 ends at or before ``horizon_ns``, else None; cheap for programs
    that provably never end."""
    from minikubectl.sim.sandbox import engine
    # The answer depends on the network too: its revision changes whenever a pod or Service does.
    key = (json.dumps(launch, sort_keys=True, default=str), int(horizon_ns), net.revision if net is not None else None)
    cached = _NEXT_EXIT.get(key)
    if cached is not None:
        return cached[0]
    result = engine.run(launch, int(horizon_ns), net, fast=True).exit
    if len(_NEXT_EXIT) > 1024:
        _NEXT_EXIT.clear()
    _NEXT_EXIT[key] = (result,)
    return result


_NEXT_EXIT: dict[tuple[str, int, int | None], tuple[tuple[int, int] | None]] = {}


def exec_at(launch: Launch, argv: list[str], at_ns: int, stdin: str | None = None,
            net: Network | None = None) -> ExecResult:
    """Run ``argv`` in the container as it is at ``at_ns``; its side effects are not kept
    (append ``["exec", at_ns, argv, stdin]`` to the Launch's inputs to keep them)."""
    from minikubectl.sim.sandbox import engine
    return engine.exec_at(launch, list(argv), int(at_ns), stdin, net)


def http_get(launch: Launch, port: int, path: str, at_ns: int, net: Network | None = None) -> tuple[int, str] | None:
    """(status, body) from the program listening on ``port`` at ``at_ns``; None = refused."""
    from minikubectl.sim.sandbox import engine
    return engine.http_get(launch, int(port), path, int(at_ns), net)


def tcp_open(launch: Launch, port: int, at_ns: int, net: Network | None = None) -> bool:
    """Whether a program listens on ``port`` at ``at_ns`` (tcpSocket probes)."""
    from minikubectl.sim.sandbox import engine
    result = engine.run(launch, int(at_ns), net, fast=False)
    return result.exit is None and int(port) in result.listening


__all__ = ["Launch", "Network", "ExecResult", "RunResult", "ImageInfo", "image_info", "resolve_argv", "start_error",
           "run", "next_exit", "exec_at", "http_get", "tcp_open"]
