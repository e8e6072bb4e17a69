"""The state file: locked read-modify-write, atomic replacement, format versioning.

Writers hold an exclusive lock on ``<state>.lock`` from load to save, so concurrent
processes never lose an update. Format 4 (store/layout.py, docs/STATE_FORMAT.md) keeps a
small head at the state path and immutable data files beside it (formats 2 and 3 are the
same without table projections, 2 without sharded simulation parts; both are read as they
are and upgraded by the first command); a save writes the new
data files, fsyncs them, then replaces the head atomically (temp + fsync + rename), so
a reader sees the old state or the new one, never a mix. A format-1 file (one JSON
document) is migrated by the first save; a corrupt file or one of a newer format is
reported and never overwritten. Leftovers of a killed writer are removed by the next.
"""

from __future__ import annotations

import errno
import os
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from minikubectl.api import errors

if TYPE_CHECKING:
    from datetime import datetime

    from minikubectl.store.layout import SimState, State

FORMAT_VERSION = 4
# Versions with a head and data files (3 adds sharded simulation parts, 4 the chunks'
# table projections).
LAYOUT_VERSIONS = (2, 3, 4)
# Simulation parts stored as shards (a mapping shard -> file in the head), read lazily.
SHARDED_PARTS = ("pods",)
STATE_KIND = "MinikubectlState"
LOCK_TIMEOUT_SECONDS = 60
# Head keys that describe files rather than cluster data (not part of the in-memory state).
_LAYOUT_KEYS = ("generation", "collections", "simulation", "obsolete")
_NOT_SCALARS = ("objects", "sim", "kind", "formatVersion") + _LAYOUT_KEYS


def _decode(raw: bytes, path: Path) -> dict[str, Any]:
    from minikubectl.store.layout import loads

    try:
        data = loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise errors.StateFileError(
            f'state file "{path}" is not valid JSON ({exc}); it was left untouched. '
            "Move it away to start a fresh cluster.") from None
    if not isinstance(data, dict) or data.get("kind") != STATE_KIND:
        raise errors.StateFileError(
            f'state file "{path}" is not a minikubectl state file; it was left untouched')
    version = data.get("formatVersion")
    if not isinstance(version, int) or isinstance(version, bool) or version > FORMAT_VERSION or version < 1:
        raise errors.StateFileError(
            f'state file "{path}" has format version {version!r}, but this minikubectl reads '
            f"versions 1 to {FORMAT_VERSION}; it was left untouched")
    return data


def read_head(path: Path) -> dict[str, Any] | None:
    """The decoded head document (any supported version), or None when there is none."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise errors.StateFileError(f'cannot read state file "{path}": {exc.strerror}') from None
    return _decode(raw, path)


def read_state(path: Path) -> "State | None":
    """The state (objects and simulation decoded lazily), or None when there is none yet.

    A format-1 file (one JSON document) is decoded whole and marked ``migrated``: the
    next save writes it in format 4; so is a format-2 or -3 head, whose next save adds the
    table projections its chunks lack.
    """
    from minikubectl.store.layout import Files, Objects, State

    head = read_head(path)
    if head is None:
        return None
    if head["formatVersion"] == 1:
        state = adopt(head, path)
        state.migrated = True
        return state
    files = Files(path)
    scalars = {k: v for k, v in head.items() if k not in _NOT_SCALARS}
    state = State({"kind": STATE_KIND, "formatVersion": FORMAT_VERSION, **scalars,
                   "objects": Objects(files, head.get("collections"))}, files)
    state.layout = {k: head.get(k) for k in _LAYOUT_KEYS}
    state.migrated = head["formatVersion"] < FORMAT_VERSION
    sim_meta = head.get("simulation") or {}
    if "values" in sim_meta:
        state.loaders["sim"] = lambda: (_sim_state(files, sim_meta), b"")
    return state


def _sim_state(files: Any, meta: dict[str, Any]) -> "SimState":
    """The simulation's dict: scalars from the head, every container part loaded lazily."""
    from minikubectl.store.layout import SimState

    from minikubectl.store.layout import ShardedDict

    def loader(name: str) -> Any:
        def load() -> tuple[Any, bytes]:
            raw = files.read(name)
            return _sim_decode(raw, files, name), raw
        return load

    def sharded(shards: dict[str, str]) -> Any:
        def load() -> tuple[Any, bytes]:
            return ShardedDict({shard: loader(name) for shard, name in shards.items()}), b""
        return load
    parts = meta.get("parts") or {}
    loaders = {key: sharded(name) if isinstance(name, dict) else loader(name) for key, name in parts.items()}
    return SimState(dict(meta.get("values") or {}), loaders, meta.get("nextDue"))


def read_plain(path: Path, attempts: int = 3) -> dict[str, Any] | None:
    """The whole state as one plain document (format 1's shape), everything decoded.

    Safe without the lock: when a writer removed a file meanwhile, it reads again.
    """
    for attempt in range(attempts):
        try:
            state = read_state(path)
            return None if state is None else state.to_plain()
        except errors.StateFileError:
            if attempt == attempts - 1:
                raise
    return None


def _sim_decode(raw: bytes, files: Any, name: str) -> Any:
    from minikubectl.store.layout import loads
    try:
        return loads(raw)
    except ValueError as exc:
        raise errors.StateFileError(f'"{files.dir / name}" of state file "{files.head_path}" '
                                    f"is not valid JSON ({exc})") from None


def adopt(plain: dict[str, Any], path: Path) -> "State":
    """A State over a plain single-document state (a fresh cluster or format 1): all new."""
    from minikubectl.store.layout import Files, Objects, State

    files = Files(path)
    objects = Objects(files)
    for key, collection in (plain.get("objects") or {}).items():
        objects[key] = collection
    scalars = {k: v for k, v in plain.items() if k not in _NOT_SCALARS}
    state = State({"kind": STATE_KIND, "formatVersion": FORMAT_VERSION, **scalars, "objects": objects}, files)
    state.layout = {"generation": 0, "collections": {}, "simulation": None, "obsolete": []}
    if isinstance(plain.get("sim"), dict):
        dict.__setitem__(state, "sim", plain["sim"])
    return state


def simulation_due(state: dict[str, Any], now: "datetime") -> bool:
    """True when the simulation must run before a command at ``now``.

    It need not when its bookkeeping saw every write (its revision is the store's) and no
    timer is due by then: read from the head alone, without loading the simulation.
    """
    layout = getattr(state, "layout", None)
    if layout is None or getattr(state, "migrated", False) or getattr(state, "sim_loaded", True):
        return True
    sim_meta = layout.get("simulation") or {}
    if "values" not in sim_meta or sim_meta.get("revision") != int(state.get("resourceVersion", 0)):
        return True
    due = sim_meta.get("nextDue")
    if due is None:
        return False
    from datetime import datetime, timezone
    delta = now - datetime(1970, 1, 1, tzinfo=timezone.utc)
    now_ms = (delta.days * 86400 + delta.seconds) * 1000 + delta.microseconds // 1000
    return due <= now_ms


def remove_leftovers(path: Path, head: dict[str, Any] | None) -> None:
    """Remove what killed writers left: temp heads, unpublished and superseded data files.

    Called by writers under the lock: a file newer than the head's generation was never
    published, and the head lists the files its own save superseded.
    """
    from minikubectl.store.layout import data_dir, generation_of

    prefix = f".{path.name}."
    try:
        for entry in os.scandir(path.parent):
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                _unlink(entry.path)
    except OSError:
        pass
    directory = data_dir(path)
    if not directory.is_dir():
        return
    version = (head or {}).get("formatVersion")
    generation = int((head or {}).get("generation") or 0) if version in LAYOUT_VERSIONS else 0
    obsolete = set((head or {}).get("obsolete") or []) if version in LAYOUT_VERSIONS else set()
    for entry in os.scandir(directory):
        gen = generation_of(entry.name)
        if entry.name in obsolete or (gen is not None and gen > generation) or entry.name.endswith(".tmp"):
            _unlink(entry.path)


def _unlink(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def write_state(path: Path, data: dict[str, Any]) -> None:
    """Save ``data`` (a State or a plain document) atomically: changed files, then the head."""
    from minikubectl.store.layout import State, begin_background_syncs, data_dir, dumps, finish_background_syncs

    state = data if isinstance(data, State) else adopt(data, path)
    _ensure_parent(path)
    on_disk = read_head(path) if path.exists() else None
    remove_leftovers(path, on_disk)
    layout = state.layout
    generation = int(layout.get("generation") or 0) + 1
    if on_disk is not None and on_disk.get("formatVersion") in LAYOUT_VERSIONS:
        generation = max(generation, int(on_disk.get("generation") or 0) + 1)
    directory = data_dir(path)
    try:
        directory.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise errors.StateFileError(f'cannot create "{directory}" for state file "{path}": {exc.strerror}') from None
    written: list[Path] = []
    superseded: list[str] = []
    objects = dict.get(state, "objects")
    sim_meta = dict(layout.get("simulation") or {})
    collections: dict[str, Any] = {}
    begin_background_syncs()
    try:
        if getattr(state, "migrated", False):
            from minikubectl.api.table_projections import projection_for
            for key in list(objects):
                if projection_for(key) is not None:
                    objects[key].add_table_projections()
        for key in objects:
            if key in objects.loaded:
                collection = objects.loaded[key]
                name = collection.save(directory, generation, written, superseded)
                collections[key] = {"index": name, "count": len(collection)}
            else:
                collections[key] = objects.meta[key]
        superseded.extend(objects.removed)
        if state.sim_loaded and isinstance(dict.get(state, "sim"), dict):
            sim_meta = _save_sim(dict.get(state, "sim"), sim_meta, directory, generation, written, superseded)
    finally:
        finish_background_syncs()  # every new file is on disk before the head names it
    head: dict[str, Any] = {"kind": STATE_KIND, "formatVersion": FORMAT_VERSION}
    head.update((k, v) for k, v in dict.items(state) if k not in _NOT_SCALARS)
    head["generation"] = generation
    head["collections"] = collections
    if sim_meta:
        head["simulation"] = sim_meta
    head["obsolete"] = sorted(set(superseded))
    _fsync_dir(directory)
    _replace_atomically(path, dumps(head))
    for name in superseded:
        _unlink(str(directory / name))
    layout.update(generation=generation, collections=collections, simulation=sim_meta or None,
                  obsolete=head["obsolete"])
    objects.meta = dict(collections)
    objects.removed = []
    state.migrated = False


def _save_sim(sim: dict[str, Any], old: dict[str, Any], directory: Path, generation: int,
              written: list[Path], superseded: list[str]) -> dict[str, Any]:
    """Write the simulation's changed parts; return the head's new ``simulation`` entry.

    Scalars go into the head; each container (the timer queue, the kubelets' memory, the
    event index...) is a part file, rewritten only when its encoding changed.
    """
    from minikubectl.store.layout import ORJSON_FROM_BYTES, LazyDict, dumps, prefer_orjson, safe_name, write_new

    old_parts = dict(old.get("parts") or {})
    lazy = isinstance(sim, LazyDict)
    raws = sim.raw if lazy else {}
    values: dict[str, Any] = {}
    parts: dict[str, str] = {}
    keys = list(dict.keys(sim)) + (list(sim.loaders) if lazy else [])
    for key in keys:
        if lazy and not sim.is_loaded(key):
            parts[key] = old_parts[key]
            continue
        value = dict.__getitem__(sim, key)
        if not isinstance(value, (dict, list)):
            values[key] = value
            continue
        if key in SHARDED_PARTS and isinstance(value, dict):
            parts[key] = _save_shards(key, value, old_parts.get(key), directory, generation, written)
            continue
        raw = raws.get(key)
        if raw is not None and len(raw) >= ORJSON_FROM_BYTES:
            prefer_orjson()
        payload = dumps(value)
        if key in old_parts and payload == raw:
            parts[key] = old_parts[key]
            continue
        name = f"sim.{safe_name(key)}.{generation}.json"
        write_new(directory / name, payload)
        written.append(directory / name)
        if lazy:
            raws[key] = payload
        parts[key] = name
    for key, name in old_parts.items():
        kept = parts.get(key)
        if isinstance(name, dict):
            kept_names = set(kept.values()) if isinstance(kept, dict) else set()
            superseded.extend(n for n in name.values() if n not in kept_names)
        elif kept != name:
            superseded.append(name)
    if lazy and not sim.is_loaded("queue"):
        due = old.get("nextDue")
    else:
        due = min((int(item[0]) for item in (dict.get(sim, "queue") or [])), default=None)
        if lazy:
            sim.due_hint = due
    return {"values": values, "parts": parts, "nextDue": due, "revision": int(values.get("rv", -1))}


def _save_shards(key: str, value: dict[str, Any], old: Any, directory: Path, generation: int,
                 written: list[Path]) -> dict[str, str]:
    """Write the changed shards of a sharded part; its shard -> file map.

    Shards never loaded keep their files; a part stored whole before (format 2) is split.
    """
    from minikubectl.store.layout import ShardedDict, dumps, safe_name, shard_of, write_new

    old_shards = old if isinstance(old, dict) else {}
    if isinstance(value, ShardedDict):
        groups, raws = value.shards(), value.raw
        kept = {shard: name for shard, name in old_shards.items() if not value.is_loaded(shard)}
    else:
        groups, raws, kept = {}, {}, {}
        for record_key, record in value.items():
            groups.setdefault(shard_of(record_key), {})[record_key] = record
    out = dict(kept)
    for shard, records in sorted(groups.items()):
        if not records:
            continue
        payload = dumps(records)
        if shard in old_shards and payload == raws.get(shard):
            out[shard] = old_shards[shard]
            continue
        name = f"sim.{safe_name(key)}-{shard}.{generation}.json"
        write_new(directory / name, payload)
        written.append(directory / name)
        if isinstance(value, ShardedDict):
            value.raw[shard] = payload
        out[shard] = name
    return out


def _replace_atomically(path: Path, payload: bytes) -> None:
    """Temp file beside ``path``, fsync, rename over it, fsync the directory (mode 0600)."""
    # Not tempfile.mkstemp: importing tempfile (shutil, random...) costs a write ~8 ms.
    while True:
        tmp_name = str(path.parent / f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            fd = os.open(tmp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
            break
        except FileExistsError:
            continue
        except OSError as exc:
            raise errors.StateFileError(f'cannot write state file "{path}": {exc.strerror}') from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o600)
        os.replace(tmp_name, path)
    except BaseException:
        _unlink(tmp_name)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    try:
        dir_fd = os.open(str(directory), os.O_RDONLY)
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
