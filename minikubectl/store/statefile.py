"""The state file: locked read-modify-write, atomic replacement, format versioning.

Writers hold an exclusive ``filelock`` on ``<state>.lock`` from load to save, so
concurrent processes never lose an update. A save writes a temp file in the same
directory, fsyncs it and renames it over the old one, so readers never see a partial
file. A file that is corrupt or of a newer format is reported and never overwritten.
"""

from __future__ import annotations

import errno
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from minikubectl.api import errors

FORMAT_VERSION = 1
STATE_KIND = "MinikubectlState"
LOCK_TIMEOUT_SECONDS = 60


def _loads(raw: bytes) -> Any:
    """Decode JSON with orjson when installed (several times faster on large states)."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - orjson is a declared dependency
        import json
        return json.loads(raw)
    return orjson.loads(raw)


def _dumps(data: Any) -> bytes:
    try:
        import orjson
    except ImportError:  # pragma: no cover
        import json
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return orjson.dumps(data)


def _decode(raw: bytes, path: Path) -> dict[str, Any]:
    try:
        data = _loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise errors.StateFileError(
            f'state file "{path}" is not valid JSON ({exc}); it was left untouched. '
            "Move it away to start a fresh cluster.") from None
    if not isinstance(data, dict) or data.get("kind") != STATE_KIND:
        raise errors.StateFileError(
            f'state file "{path}" is not a minikubectl state file; it was left untouched')
    version = data.get("formatVersion")
    if not isinstance(version, int) or version > FORMAT_VERSION or version < 1:
        raise errors.StateFileError(
            f'state file "{path}" has format version {version!r}, but this minikubectl reads '
            f"version {FORMAT_VERSION}; it was left untouched")
    return data


def read_state(path: Path) -> dict[str, Any] | None:
    """The decoded state, or None when the file does not exist yet."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise errors.StateFileError(f'cannot read state file "{path}": {exc.strerror}') from None
    return _decode(raw, path)


def write_state(path: Path, data: dict[str, Any]) -> None:
    """Atomically replace the state file with ``data`` (mode 0600)."""
    import tempfile  # only writers need it

    payload = _dumps(data)
    fd, tmp_name = tempfile.mkstemp(prefix=".state-", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o600)
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise
    try:
        dir_fd = os.open(str(path.parent), os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def _ensure_parent(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise errors.StateFileError(
            f'cannot create the directory of state file "{path}": {exc.strerror}') from None


LOCK_POLL_SECONDS = 0.05


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the exclusive lock of the state file at ``path``.

    An ``flock`` on ``<state>.lock`` (created 0666 less the umask, never removed), polled
    every 50 ms up to the timeout: what ``filelock.FileLock`` does on Unix, without the
    cost of importing it on every command.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not Unix
        yield from _locked_portable(path)
        return

    _ensure_parent(path)
    lock_path = str(path) + ".lock"
    deadline = None
    while True:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NONBLOCK, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno not in (errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK):
                raise
            import time

            now = time.monotonic()
            if deadline is None:
                deadline = now + LOCK_TIMEOUT_SECONDS
            if now >= deadline:
                raise errors.StateFileError(
                    f'timed out waiting for the lock on state file "{path}"') from None
            time.sleep(LOCK_POLL_SECONDS)
            continue
        if os.fstat(fd).st_nlink == 0:  # the lock file was removed meanwhile: lock the new one
            os.close(fd)
            continue
        break
    try:
        yield
    finally:
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def _locked_portable(path: Path) -> Iterator[None]:  # pragma: no cover - not Unix
    from filelock import FileLock, Timeout

    _ensure_parent(path)
    lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_SECONDS)
    try:
        with lock:
            yield
    except Timeout:
        raise errors.StateFileError(
            f'timed out waiting for the lock on state file "{path}"') from None
