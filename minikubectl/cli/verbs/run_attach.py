"""``run -i`` / ``--attach`` / ``--rm``: create the pod, stream its container, clean up.

As kubectl's ``run.go``: wait (up to ``--pod-running-timeout``) for the pod to run, attach to
the container (stdin, when ``-i``, becomes the program's standard input, closed at its end),
print what the program writes until it ends, delete the pod with ``--rm``
(``pod "NAME" deleted``), and for ``--restart=Never|OnFailure`` end with the container's exit
code (``pod NS/NAME terminated (Reason)`` and its message on stderr when it is not 0).
Simulated time moves through the clock only: with ``MINIKUBECTL_NOW`` the command jumps from
timer to timer.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.generator import Generator

ATTACH_LIMIT = timedelta(hours=1)  # a program that never ends is followed for one simulated hour


def _status(api: Any, namespace: str, name: str) -> dict[str, Any] | None:
    pods = api.registry.by_qualified_plural("pods")
    pod = api.peek(pods, namespace, name)
    if pod is None:
        return None
    return pod


def _container_status(pod: dict[str, Any] | None, container: str) -> dict[str, Any]:
    status = (pod or {}).get("status") or {}
    for key in ("containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses"):
        for entry in status.get(key) or []:
            if entry.get("name") == container:
                return entry
    return {}


def _container_state(pod: dict[str, Any] | None, container: str) -> dict[str, Any]:
    return _container_status(pod, container).get("state") or {}


def warn_without_terminal(env: Env, tty: bool, quiet: bool) -> None:
    """kubectl's note when a TTY is asked for but stdin is not a terminal."""
    if tty and not quiet and not _is_terminal(env.stdin):
        env.stderr.write("Unable to use a TTY - input is not a terminal or the right kind of file\n")


def stream_container(env: Env, api: Any, namespace: str, name: str, container: str, text: str | None,
                     timeout_ms: int) -> dict[str, Any] | None:
    """Attach to one container: wait (``timeout_ms``) until it runs, give it ``text`` as its
    standard input, follow it until it ends (or for ``ATTACH_LIMIT``) and print its output.

    Returns the pod as it is then.
    """
    from minikubectl.sim import engine, kubelet_server
    from minikubectl.sim.clock import to_ms

    start = api.now

    def started() -> bool:
        state = _container_state(_status(api, namespace, name), container)
        return "running" in state or "terminated" in state
    if not engine.run_until(api, started, start + timedelta(milliseconds=timeout_ms), env):
        raise errors.ClientError("timed out waiting for the condition")
    current = _status(api, namespace, name)
    if current is None:
        return None
    if text is not None and "running" in _container_state(current, container):
        kubelet_server.send_stdin(api, current, container, text)
    cid = _container_status(current, container).get("containerID", "")

    def ended() -> bool:
        return "running" not in _container_state(_status(api, namespace, name), container)
    engine.run_until(api, ended, api.now + ATTACH_LIMIT, env)
    final = _status(api, namespace, name) or current
    lines = kubelet_server.log_lines(api, final, container, str(cid), to_ms(api.now) * 1_000_000) or []
    env.stdout.write("".join(line + "\n" for _, line in lines))
    return final


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class ExitCodeError(errors.RawError):
    """The attached pod failed: kubectl prints the reason and exits with the container's code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.exit_code = code


def run_attached(env: Env, gen: Generator, pod: dict[str, Any], restart: str, remove: bool,
                 stdin: bool, timeout_ms: int, quiet: bool) -> int:
    """Create ``pod`` and attach to its container (see the module docstring)."""
    from minikubectl.cli.session import open_cluster
    from minikubectl.sim import engine

    warn_without_terminal(env, bool(pod["spec"]["containers"][0].get("tty")), quiet)
    text = env.stdin.read() if stdin else None
    name = pod["metadata"]["name"]
    container = pod["spec"]["containers"][0]["name"]
    with open_cluster(env, gen.parsed.get("state")) as api:
        created = gen.post(api, pod)
        namespace = created["metadata"].get("namespace") or gen.namespace
        final = stream_container(env, api, namespace, name, container, text, timeout_ms) or created
        if restart in ("Never", "OnFailure"):
            def completed() -> bool:
                phase = ((_status(api, namespace, name) or {}).get("status") or {}).get("phase")
                return phase in ("Succeeded", "Failed")
            engine.run_until(api, completed, api.now + ATTACH_LIMIT, env)
        final = _status(api, namespace, name) or final
        if remove:
            pods = api.registry.by_qualified_plural("pods")
            try:
                api.delete(pods, namespace, name)
            except errors.StatusError:
                pass
    if remove:
        env.stdout.write(f'pod "{name}" deleted\n')
    if restart not in ("Never", "OnFailure"):
        return 0
    status = final.get("status") or {}
    if status.get("phase") == "Failed":
        terminated = _container_state(final, container).get("terminated")
        code = int((terminated or {}).get("exitCode") or 0)
        if not code:
            raise errors.ClientError(f"pod {namespace}/{name} failed with unknown exit code")
        raise ExitCodeError(f"pod {namespace}/{name} terminated ({terminated.get('reason', '')})\n"
                            f"{terminated.get('message', '')}", code)
    return 0
