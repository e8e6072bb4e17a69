"""The kubelet's streaming API (``/containerLogs``, ``/exec``, ``/attach``) for the CLI.

kubectl reaches a container through the API server's ``pods/log`` and ``pods/exec``
subresources, which the kubelet serves. Here the CLI calls these functions with the
API server of its command; they read the kubelet's record of the container instance
(its Launch) and ask the runtime seam (:mod:`minikubectl.sim.runtime`).

Errors are the kubelet's: a container without a running instance is
``container not found ("name")`` (kubectl shows it as ``unable to upgrade connection: ...``).
"""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.sim import runtime
from minikubectl.sim.clock import to_ms

NS = runtime.NS_PER_MS


def _crec(api: Any, pod: dict[str, Any], container: str) -> dict[str, Any] | None:
    from minikubectl.sim.engine import context
    uid = (pod.get("metadata") or {}).get("uid", "")
    rec = (context(api).sim.get("pods") or {}).get(uid)
    if not rec:
        return None
    return (rec.get("c") or {}).get(container)


def _network(api: Any) -> Any:
    """The cluster network of this API server's simulation (what a container can reach)."""
    from minikubectl.sim.engine import context
    return context(api).network()


def instance_launch(api: Any, pod: dict[str, Any], container: str, container_id: str = "") -> dict[str, Any] | None:
    """The Launch of the instance with that container ID (default: the latest); None when unknown."""
    crec = _crec(api, pod, container)
    if not crec:
        return None
    for key in ("launch", "prev"):
        launch = crec.get(key)
        if launch and (not container_id or launch.get("cid") == container_id):
            return launch
    return None


def log_lines(api: Any, pod: dict[str, Any], container: str, container_id: str,
              end_ns: int) -> list[tuple[int, str]] | None:
    """(ns, line) the instance printed up to ``end_ns`` (stdout and stderr interleaved, as the CRI log).

    None when the kubelet holds no Launch for it (a state written before containers ran programs).
    """
    launch = instance_launch(api, pod, container, container_id)
    if launch is None:
        return None
    result = runtime.backend(_network(api)).run(launch, end_ns)
    return [(int(ns), str(line)) for ns, _stream, line in result.output if int(ns) <= end_ns]


def _running(pod: dict[str, Any], container: str) -> bool:
    status = pod.get("status") or {}
    for key in ("containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses"):
        for cs in status.get(key) or []:
            if cs.get("name") == container:
                return isinstance((cs.get("state") or {}).get("running"), dict)
    return False


def exec_in(api: Any, pod: dict[str, Any], container: str, argv: list[str], stdin: str | None) -> runtime.ExecResult:
    """Run ``argv`` in the running container now; its file changes persist in the instance."""
    launch = instance_launch(api, pod, container)
    if launch is None or not _running(pod, container):
        raise errors.ClientError(f'unable to upgrade connection: container not found ("{container}")')
    at_ns = to_ms(api.now) * NS
    result = runtime.backend(_network(api)).exec_at(launch, argv, at_ns, stdin)
    if not getattr(result, "start_error", None):
        launch.setdefault("inputs", []).append(["exec", at_ns, list(argv), stdin])
        api.tracker.dirty = True
    return result


def send_stdin(api: Any, pod: dict[str, Any], container: str, text: str) -> None:
    """Attach's stdin: ``text`` then end-of-file to PID 1, now; the kubelet re-plans the program's end."""
    from minikubectl.sim import kubelet
    from minikubectl.sim.engine import context
    at_ns = to_ms(api.now) * NS
    uid = (pod.get("metadata") or {}).get("uid", "")
    kubelet.send_input(context(api), uid, container, [["stdin", at_ns, text], ["stdin", at_ns, ""]])


def _current_fs(api: Any, pod: dict[str, Any], container: str) -> Any:
    launch = instance_launch(api, pod, container)
    if launch is None or not _running(pod, container):
        raise errors.ClientError(f'unable to upgrade connection: container not found ("{container}")')
    return runtime.backend(_network(api)).run(launch, to_ms(api.now) * NS).fs


def read_tree(api: Any, pod: dict[str, Any], container: str, path: str) -> list[tuple[str, bytes]] | None:
    """Files at or under ``path`` in the container now, as (path, content); None when it does not exist."""
    fs = _current_fs(api, pod, container)
    if fs is None:
        return None
    if fs.is_dir(path):
        return [(str(p), bytes(data)) for p, data in fs.walk(path)]
    data = fs.read(path)
    return None if data is None else [(path, bytes(data))]


def is_dir(api: Any, pod: dict[str, Any], container: str, path: str) -> bool:
    """Whether ``path`` is a directory in the container now."""
    fs = _current_fs(api, pod, container)
    return bool(fs is not None and fs.is_dir(path))


def put_files(api: Any, pod: dict[str, Any], container: str, files: list[tuple[str, bytes]]) -> None:
    """``kubectl cp`` into the container: the files appear now and stay for this instance."""
    import base64
    launch = instance_launch(api, pod, container)
    if launch is None or not _running(pod, container):
        raise errors.ClientError(f'unable to upgrade connection: container not found ("{container}")')
    at_ns = to_ms(api.now) * NS
    for path, data in files:
        launch.setdefault("inputs", []).append(["put", at_ns, path, base64.b64encode(data).decode("ascii")])
    api.tracker.dirty = True


def forward_http(api: Any, pod: dict[str, Any], port: int, path: str) -> tuple[int, str] | None:
    """``/portForward``: one HTTP GET to ``port`` inside the pod's network namespace, now.

    Every container shares the pod's network, so the first running container whose program
    listens on ``port`` answers. The request is recorded on that instance (programs that count
    requests, such as kubia-unhealthy, see it later). None when nothing listens (refused).
    Requests on a frozen clock are kept in order: each comes 1 ns after the instance's last input.
    """
    now_ns = to_ms(api.now) * NS
    for container in (pod.get("spec") or {}).get("containers") or []:
        name = str(container.get("name", ""))
        launch = instance_launch(api, pod, name)
        if launch is None or not _running(pod, name):
            continue
        inputs = launch.get("inputs") or []
        at_ns = max([now_ns] + [int(item[1]) + 1 for item in inputs])
        answer = runtime.backend(_network(api)).http_get(launch, port, path, at_ns)
        if answer is not None:
            launch.setdefault("inputs", []).append(["http", at_ns, port, path])
            api.tracker.dirty = True
            return int(answer[0]), str(answer[1])
    return None
