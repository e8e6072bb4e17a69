"""Lifecycle hook handlers (postStart / preStop), as ``pkg/kubelet/lifecycle/handlers.go`` runs them.

A handler runs against the container through the runtime seam and yields when it is done
and, on failure, the message the kubelet puts into its ``FailedPostStartHook`` /
``FailedPreStopHook`` event:

* exec: ``Exec lifecycle hook ([argv]) for Container "c" in Pod "p_ns(uid)" failed - error:
  command 'argv' exited with N: <stderr>, message: "<output, Go-quoted>"``; a command the image
  lacks exits 126 with the runtime's ``OCI runtime exec failed: ...`` text plus ``\\r\\n``;
* httpGet: ``HTTP lifecycle hook (/path) for Container "c" in Pod "p_ns(uid)" failed - error:
  Get "http://IP:PORT/path": dial tcp IP:PORT: connect: connection refused`` when nothing
  listens (the kubelet does not look at the status code of a hook's answer);
* sleep: always succeeds after its seconds.
"""

from __future__ import annotations

from typing import Any

from minikubectl.api.ports import container_port

from minikubectl.golang.strconv import quote

NS_PER_MS = 1_000_000
HTTP_HOOK_MS = 100


def exec_argv(handler: dict[str, Any]) -> list[str]:
    """The command of an exec handler."""
    return [str(x) for x in ((handler.get("exec") or {}).get("command") or [])]


def pod_ref(pod: dict[str, Any]) -> str:
    """``format.Pod``: ``name_namespace(uid)``."""
    meta = pod.get("metadata") or {}
    return f"{meta.get('name', '')}_{meta.get('namespace', '')}({meta.get('uid', '')})"


def stop_signal(backend: Any, launch: dict[str, Any]) -> str:
    """The image's STOPSIGNAL (TERM unless the image says otherwise)."""
    info = getattr(backend, "image_info", None)
    if info is None:
        return "TERM"
    try:
        return str(getattr(info(str(launch.get("image", ""))), "stop_signal", "TERM") or "TERM")
    except Exception:  # an image the catalogue cannot describe: the default signal
        return "TERM"


def _port(container: dict[str, Any], port: Any) -> int:
    """A numeric port, or the named container port (0 when the container has no such name)."""
    return container_port([container], port) or 0


def run_hook(backend: Any, launch: dict[str, Any], pod: dict[str, Any], container: dict[str, Any],
             handler: dict[str, Any], at_ns: int) -> tuple[int, str | None]:
    """Run one handler at ``at_ns``: (ms when it is done, failure message or None)."""
    at_ms = at_ns // NS_PER_MS
    where = f'for Container {quote(str(container.get("name", "")))} in Pod {quote(pod_ref(pod))}'
    if "exec" in handler:
        argv = exec_argv(handler)
        result = backend.exec_at(launch, argv, at_ns, None)
        done_ms = max(at_ms, -(-int(result.end_ns) // NS_PER_MS))
        code = int(result.code)
        if code == 0 and not result.start_error:
            return done_ms, None
        if result.start_error:
            code = 126 if code in (0, -1) else code
            output, err_text = f"{result.start_error}\r\n", ""
        else:
            output, err_text = f"{result.stdout}{result.stderr}", result.stderr
        error = f"command '{' '.join(argv)}' exited with {code}: {err_text}"
        return done_ms, (f"Exec lifecycle hook ([{' '.join(argv)}]) {where} failed - error: {error}, "
                         f"message: {quote(output)}")
    if "httpGet" in handler:
        get = handler.get("httpGet") or {}
        path = str(get.get("path") or "")
        port = _port(container, get.get("port", 80))
        host = str(get.get("host") or launch.get("pod_ip") or "")
        scheme = str(get.get("scheme") or "HTTP").lower()
        answer = backend.http_get(launch, port, path or "/", at_ns)
        done = at_ms + HTTP_HOOK_MS
        url = f"{scheme}://{host}:{port}{path if path.startswith('/') or not path else '/' + path}"
        if answer is None:
            return done, (f"HTTP lifecycle hook ({path}) {where} failed - error: Get {quote(url)}: "
                          f"dial tcp {host}:{port}: connect: connection refused")
        return done, None
    if "sleep" in handler:
        seconds = float((handler.get("sleep") or {}).get("seconds", 0) or 0)
        return at_ms + int(seconds * 1000), None
    return at_ms, None
