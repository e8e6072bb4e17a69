"""Formats 2 and 3 of the state: a small head file, per-collection indexes, objects in chunk files.

The head (``state.json``) holds the counters, the simulation's next due time and the
name of each collection's index file; the files live in the directory beside it
(``state.json.d/``). An index lists, per stored object, its chunk, the byte range of its line
in the chunk file, its resourceVersion and its labels; a chunk file holds up to ``CHUNK_SIZE``
objects of one namespace, one compact JSON object per line. A command decodes the head,
the indexes of the collections it touches and only the lines of the objects it reads;
a save rewrites only the chunks that changed, copying the untouched lines as bytes.

Every file but the head carries the generation of the save that wrote it in its name and
is never changed afterwards: a save writes new files, then replaces the head (the commit
point), then removes the files it superseded. A writer killed before the head's rename
leaves files newer than the head's generation; killed after it, the head lists the files
to remove under ``obsolete``. The next writer removes both under the lock.
See docs/STATE_FORMAT.md.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any, Callable, Iterator

from minikubectl.api import errors

CHUNK_SIZE = 500
DIR_SUFFIX = ".d"
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def _read_at(fd: int, length: int, offset: int) -> bytes:
    """``length`` bytes at ``offset`` (one pread where the OS has it)."""
    pread = getattr(os, "pread", None)
    if pread is not None:
        return pread(fd, length, offset)
    os.lseek(fd, offset, os.SEEK_SET)  # pragma: no cover - Windows
    return os.read(fd, length)


# Below this size the standard library's decoder is used: importing orjson (it imports
# uuid, platform, dataclasses) costs more than it saves on small files.
ORJSON_FROM_BYTES = 256 * 1024
_orjson: Any = None


def prefer_orjson() -> Any:
    """Load orjson for the rest of the process (None-like False when it is missing)."""
    global _orjson
    if _orjson is None:
        try:
            import orjson
        except ImportError:  # pragma: no cover - orjson is a declared dependency
            orjson = False
        _orjson = orjson
    return _orjson


def loads(raw: bytes) -> Any:
    """Decode JSON (orjson for large payloads: several times faster)."""
    if len(raw) >= ORJSON_FROM_BYTES or _orjson:
        fast = prefer_orjson()
        if fast:
            return fast.loads(raw)
    import json
    return json.loads(raw)


def dumps(data: Any) -> bytes:
    """Compact JSON bytes, non-ASCII kept as UTF-8 (orjson once it is loaded)."""
    fast = _orjson
    if fast:
        return fast.dumps(data)
    import json
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def data_dir(path: Path) -> Path:
    """The directory of a head's files: ``<state>.d`` beside it."""
    return path.with_name(path.name + DIR_SUFFIX)


def generation_of(name: str) -> int | None:
    """The save generation a data file name carries (``<stem>.<gen>.<ext>``)."""
    parts = name.split(".")
    if len(parts) < 3:
        return None
    try:
        return int(parts[-2])
    except ValueError:
        return None


def safe_name(text: str) -> str:
    """``text`` usable in a file name (letters, digits, ``-`` and ``.``; the rest ``_``)."""
    return "".join(ch if ch.isalnum() or ch in "-." else "_" for ch in text) or "_"


class Files:
    """Reads the immutable data files of one state, reporting problems as StateFileError."""

    def __init__(self, head_path: Path) -> None:
        self.head_path = head_path
        self.dir = data_dir(head_path)

    def read(self, name: str) -> bytes:
        """The bytes of data file ``name``."""
        try:
            return (self.dir / name).read_bytes()
        except OSError as exc:
            raise errors.StateFileError(
                f'cannot read "{self.dir / name}" of state file "{self.head_path}": '
                f"{exc.strerror}") from None

    def decode(self, name: str) -> Any:
        """Data file ``name`` decoded."""
        raw = self.read(name)
        try:
            return loads(raw)
        except ValueError as exc:
            raise errors.StateFileError(
                f'"{self.dir / name}" of state file "{self.head_path}" is not valid JSON ({exc})') from None


class Collection(MutableMapping):
    """One resource collection, ``"<namespace>/<name>"`` (or ``"<name>"``) -> object.

    Objects are decoded on first access and kept (reads hand out the same dict, as a
    plain dict would); ``labels_of`` and membership come from the index alone.
    """

    def __init__(self, storage_key: str, files: Files | None, index: dict[str, Any] | None = None,
                 index_file: str | None = None) -> None:
        self.storage_key = storage_key
        self.files = files
        self.index_file = index_file
        index = index or {}
        # chunk number -> {"file": name or None (not written yet), "namespace": ns, "count": n}
        self.chunks: dict[int, dict[str, Any]] = {int(k): v for k, v in (index.get("chunks") or {}).items()}
        # key -> [chunk, byte offset, byte length, resourceVersion, labels
        #         (, byte offset, byte length of its table projection)]
        self.entries: dict[str, list[Any]] = index.get("items") or {}
        self.cache: dict[str, dict[str, Any]] = {}
        self.dirty_keys: set[str] = set()
        self.dirty_chunks: set[int] = set()
        from minikubectl.api.table_projections import projection_for
        self.projection = projection_for(storage_key)
        self._filling: dict[str, int] = {}  # namespace -> chunk new objects went to last

    # -- reading ---------------------------------------------------------------------
    def _chunk_path(self, chunk: int) -> Path | None:
        name = self.chunks[chunk].get("file")
        return self.files.dir / name if name and self.files else None

    def _chunk_bytes(self, chunk: int) -> bytes:
        name = self.chunks[chunk].get("file")
        return self.files.read(name) if name and self.files else b""

    def _decode(self, key: str, entry: list[Any], raw: bytes) -> dict[str, Any]:
        try:
            obj = loads(raw)
        except ValueError:
            obj = None
        if not isinstance(obj, dict) or len(raw) != entry[2]:
            raise self._damaged(key)
        self.cache[key] = obj
        return obj

    def _damaged(self, key: str) -> errors.StateFileError:
        return errors.StateFileError(
            f'the state file "{self.files.head_path if self.files else ""}" is damaged: object '
            f'"{key}" of {self.storage_key} is missing from its chunk')

    def _span(self, key: str) -> tuple[int, int, int]:
        """(chunk, byte offset, byte length) of an indexed object; an index entry of another
        shape (a hand-edited or foreign file) is damage, reported as such."""
        entry = self.entries[key]
        try:
            chunk, offset, length = entry[0], entry[1], entry[2]
        except (TypeError, IndexError, KeyError):
            raise self._damaged(key) from None
        if type(offset) is not int or type(length) is not int or chunk not in self.chunks:
            raise self._damaged(key)
        return chunk, offset, length

    def __getitem__(self, key: str) -> dict[str, Any]:
        found = self.cache.get(key)
        if found is not None:
            return found
        entry = self.entries[key]
        chunk, offset, length = self._span(key)
        path = self._chunk_path(chunk)
        try:
            fd = os.open(str(path), os.O_RDONLY | _BINARY)
            try:
                data = _read_at(fd, length, offset)
            finally:
                os.close(fd)
        except (OSError, TypeError):
            data = b""
        return self._decode(key, entry, data)

    def load_many(self, keys: list[str]) -> None:
        """Decode the objects of ``keys`` not decoded yet, reading a chunk whole when many."""
        by_chunk: dict[int, list[str]] = {}
        for key in keys:
            if key not in self.cache:
                by_chunk.setdefault(self._span(key)[0], []).append(key)
        for chunk, wanted in by_chunk.items():
            if len(wanted) < 2:
                continue
            if len(wanted) * 4 >= (self.chunks[chunk].get("count") or 0):
                raw = self._chunk_bytes(chunk)  # not kept: decoded objects are what stays
                for key in wanted:
                    entry = self.entries[key]
                    self._decode(key, entry, raw[entry[1]:entry[1] + entry[2]])
                continue
            # A few objects of a big chunk (a selector's matches): one open, a read each.
            path = self._chunk_path(chunk)
            try:
                fd = os.open(str(path), os.O_RDONLY | _BINARY)
            except (OSError, TypeError):
                continue  # __getitem__ reports it
            try:
                for key in sorted(wanted, key=lambda k: self.entries[k][1]):
                    entry = self.entries[key]
                    self._decode(key, entry, _read_at(fd, entry[2], entry[1]))
            finally:
                os.close(fd)

    def table_rows(self, keys: list[str]) -> list[dict[str, Any]]:
        """The table projections of ``keys`` (api/table_projections), in order.

        Read from the chunks' projection files where they are current; an object decoded
        already, changed, or without a current projection is projected from the object.
        """
        from minikubectl.api.table_projections import project_row

        projection = self.projection
        if projection is None:
            self.load_many(keys)
            return [self[key] for key in keys]
        found: dict[str, dict[str, Any]] = {}
        by_chunk: dict[int, list[str]] = {}
        for key in keys:
            entry = self.entries[key]
            if key in self.cache or len(entry) < 7 or not self.chunks.get(entry[0], {}).get("table"):
                continue
            by_chunk.setdefault(entry[0], []).append(key)
        for chunk, wanted in by_chunk.items():
            try:
                raw = self.files.read(self.chunks[chunk]["table"]) if self.files else b""
            except errors.StateFileError:
                continue  # projected from the objects below
            spans = [self.entries[key] for key in wanted]
            if any(type(e[5]) is not int or type(e[6]) is not int or e[5] + e[6] > len(raw) for e in spans):
                continue
            # One decode per chunk: the lines joined into one JSON array.
            try:
                decoded = loads(b"[" + b",".join(raw[e[5]:e[5] + e[6]] for e in spans) + b"]")
            except ValueError:
                continue
            for key, entry, row in zip(wanted, spans, decoded):
                meta = row.get("metadata") if isinstance(row, dict) else None
                if isinstance(meta, dict) and str(meta.get("resourceVersion", "")) == entry[3]:
                    found[key] = row  # current: written with the object it projects
        rest = [key for key in keys if key not in found]
        if rest:
            self.load_many(rest)
            for key in rest:
                found[key] = project_row(projection, self[key])
        return [found[key] for key in keys]

    def get(self, key: str, default: Any = None) -> Any:
        if key in self.cache:
            return self.cache[key]
        if key not in self.entries:
            return default
        return self[key]

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def labels_of(self, key: str) -> dict[str, str]:
        """The labels the index holds for ``key`` (current as of the last save or write)."""
        if key in self.dirty_keys:
            return ((self.cache[key].get("metadata") or {}).get("labels")) or {}
        return self.entries[key][4] or {}

    def resource_version_of(self, key: str) -> str:
        """The resourceVersion of ``key`` without decoding the object."""
        if key in self.dirty_keys:
            return str((self.cache[key].get("metadata") or {}).get("resourceVersion", ""))
        return self.entries[key][3]

    # -- writing ---------------------------------------------------------------------
    def _chunk_for(self, namespace: str) -> int:
        """The chunk a new object of ``namespace`` goes to (the newest with room, else a new one)."""
        filling = self._filling.get(namespace)
        if filling is not None:
            meta = self.chunks.get(filling)
            if meta is not None and meta.get("namespace") == namespace and meta.get("count", 0) < CHUNK_SIZE:
                return filling  # the one the last new object went to: the newest with room
        best = None
        for number, meta in self.chunks.items():
            if meta.get("namespace") == namespace and meta.get("count", 0) < CHUNK_SIZE:
                if best is None or number > best:
                    best = number
        if best is None:
            best = max(self.chunks, default=-1) + 1
            self.chunks[best] = {"file": None, "namespace": namespace, "count": 0}
        self._filling[namespace] = best
        return best

    def __setitem__(self, key: str, obj: dict[str, Any]) -> None:
        entry = self.entries.get(key)
        if entry is None:
            chunk = self._chunk_for(key.rpartition("/")[0])
            self.chunks[chunk]["count"] = self.chunks[chunk].get("count", 0) + 1
            entry = self.entries[key] = [chunk, -1, 0, "", {}]
            if self.projection is not None:
                entry += [-1, 0]
        self.cache[key] = obj
        self.dirty_keys.add(key)
        self.dirty_chunks.add(entry[0])

    def __delitem__(self, key: str) -> None:
        entry = self.entries.pop(key)
        self._filling.clear()  # another chunk may have room now: look again
        self.cache.pop(key, None)
        self.dirty_keys.discard(key)
        self.dirty_chunks.add(entry[0])
        meta = self.chunks.get(entry[0])
        if meta is not None:
            meta["count"] = max(0, meta.get("count", 1) - 1)

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, Any]:
        import copy
        return {key: copy.deepcopy(self[key], memo) for key in self.entries}

    def add_table_projections(self) -> None:
        """Have the next save write the table projections that chunks lack (a format-3 state)."""
        if self.projection is not None:
            self.dirty_chunks.update(number for number, meta in self.chunks.items() if not meta.get("table"))

    @property
    def changed(self) -> bool:
        return bool(self.dirty_chunks) or self.index_file is None

    def save(self, directory: Path, generation: int, written: list[Path], superseded: list[str]) -> str:
        """Write the changed chunks and a new index; return the index file name."""
        if not self.changed and self.index_file:
            return self.index_file
        if len(self.dirty_keys) > 64:
            prefer_orjson()  # many objects to encode: orjson's import pays for itself
        stem = safe_name(self.storage_key)
        members: dict[int, list[tuple[int, str]]] = {chunk: [] for chunk in self.dirty_chunks}
        if members:
            for key, entry in self.entries.items():
                if entry[0] in members:
                    members[entry[0]].append((entry[1] if entry[1] >= 0 else 1 << 62, key))
        projection = self.projection
        if projection is not None:
            from minikubectl.api.table_projections import project_row
        for chunk, keyed in sorted(members.items()):
            keyed.sort(key=lambda pair: pair[0])  # stable: new objects keep their order at the end
            meta = self.chunks[chunk]
            old = self._chunk_bytes(chunk) if any(key not in self.dirty_keys for _, key in keyed) else b""
            old_table = b""
            if projection is not None and old and meta.get("table"):
                try:
                    old_table = self.files.read(meta["table"]) if self.files else b""
                except errors.StateFileError:
                    old_table = b""  # lost: projected again from the objects
            parts: list[bytes] = []
            table: list[bytes] = []
            offset = table_offset = 0
            for _, key in keyed:
                entry = self.entries[key]
                if key in self.dirty_keys:
                    obj = self.cache[key]
                    obj_meta = obj.get("metadata") or {}
                    entry[3] = str(obj_meta.get("resourceVersion", ""))
                    entry[4] = dict(obj_meta.get("labels") or {})
                    line = dumps(obj)
                    row = dumps(project_row(projection, obj)) if projection is not None else b""
                else:
                    line = old[entry[1]:entry[1] + entry[2]]  # unchanged: copied, not re-encoded
                    row = b""
                    if projection is not None:
                        if old_table and len(entry) >= 7 and entry[5] >= 0:
                            row = old_table[entry[5]:entry[5] + entry[6]]
                        if not row:  # no projection yet (an older format): made once
                            row = dumps(project_row(projection, self.cache.get(key) or loads(line)))
                parts.append(line)
                entry[1], entry[2] = offset, len(line)
                offset += len(line) + 1
                if projection is not None:
                    table.append(row)
                    entry[5:] = [table_offset, len(row)]
                    table_offset += len(row) + 1
            for kind in ("file", "table"):
                if meta.get(kind):
                    superseded.append(meta.pop(kind))
            if not parts:
                del self.chunks[chunk]
                continue
            name = f"{stem}.{chunk}.{generation}.jsonl"
            payload = b"\n".join(parts) + b"\n"
            write_new(directory / name, payload)
            written.append(directory / name)
            meta["file"] = name
            meta["count"] = len(parts)
            if projection is not None:
                name = f"{stem}.{chunk}.table.{generation}.ndjson"
                write_new(directory / name, b"\n".join(table) + b"\n")
                written.append(directory / name)
                meta["table"] = name
        index = {"chunks": {str(k): self.chunks[k] for k in sorted(self.chunks)}, "items": self.entries}
        name = f"{stem}.index.{generation}.json"
        write_new(directory / name, dumps(index))
        written.append(directory / name)
        if self.index_file:
            superseded.append(self.index_file)
        self.index_file = name
        self.dirty_keys.clear()
        self.dirty_chunks.clear()
        return name


class Objects(MutableMapping):
    """``state["objects"]``: storage key -> Collection, each loaded on first access."""

    def __init__(self, files: Files | None, collections: dict[str, Any] | None = None) -> None:
        self.files = files
        self.meta: dict[str, dict[str, Any]] = dict(collections or {})
        self.loaded: dict[str, Collection] = {}
        self.removed: list[str] = []

    def __getitem__(self, key: str) -> Collection:
        found = self.loaded.get(key)
        if found is not None:
            return found
        meta = self.meta[key]
        index = self.files.decode(meta["index"]) if self.files and meta.get("index") else {}
        found = self.loaded[key] = Collection(key, self.files, index, meta.get("index"))
        return found

    def __setitem__(self, key: str, value: Any) -> None:
        if not isinstance(value, Collection):
            collection = Collection(key, self.files)
            for name, obj in value.items():
                collection[name] = obj
            value = collection
        if key in self.meta and self.meta[key].get("index") and value.index_file != self.meta[key]["index"]:
            self._drop_files(key)
        self.loaded[key] = value
        self.meta.setdefault(key, {})

    def setdefault(self, key: str, default: Any = None) -> Any:
        if key not in self.meta:
            self[key] = default if default is not None else {}
        return self[key]

    def _drop_files(self, key: str) -> None:
        """Supersede every file of the stored collection ``key`` (it is replaced or deleted)."""
        old = self[key]
        if old.index_file:
            self.removed.append(old.index_file)
        self.removed.extend(chunk["file"] for chunk in old.chunks.values() if chunk.get("file"))

    def __delitem__(self, key: str) -> None:
        if self.meta[key].get("index"):
            self._drop_files(key)
        self.meta.pop(key)
        self.loaded.pop(key, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self.meta)

    def __len__(self) -> int:
        return len(self.meta)

    def __contains__(self, key: object) -> bool:
        return key in self.meta

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, Any]:
        import copy
        return {key: copy.deepcopy(self[key], memo) for key in self.meta}


class _LoadOnUse(dict):
    """A dict whose parts wait in files: key operations load what they need (``_load``),
    whole-dict operations load everything (``_load_all``)."""

    def _load(self, key: Any) -> None:
        raise NotImplementedError

    def _load_all(self) -> None:
        raise NotImplementedError

    def __getitem__(self, key: Any) -> Any:
        self._load(key)
        return dict.__getitem__(self, key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._load(key)
        return dict.get(self, key, default)

    def setdefault(self, key: Any, default: Any = None) -> Any:
        self._load(key)
        return dict.setdefault(self, key, default)

    def pop(self, key: Any, *default: Any) -> Any:
        self._load(key)
        return dict.pop(self, key, *default)

    def __delitem__(self, key: Any) -> None:
        self._load(key)
        dict.__delitem__(self, key)

    def __iter__(self) -> Iterator[Any]:
        self._load_all()
        return dict.__iter__(self)

    def keys(self):  # type: ignore[override]
        self._load_all()
        return dict.keys(self)

    def items(self):  # type: ignore[override]
        self._load_all()
        return dict.items(self)

    def values(self):  # type: ignore[override]
        self._load_all()
        return dict.values(self)

    def copy(self) -> dict[str, Any]:  # type: ignore[override]
        self._load_all()
        return dict(dict.items(self))

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, Any]:
        import copy
        self._load_all()
        return {key: copy.deepcopy(value, memo) for key, value in dict.items(self)}


class LazyDict(_LoadOnUse):
    """A dict whose listed keys are decoded from their files on first access.

    ``loaders`` maps a key to a function returning ``(value, raw bytes)``; membership
    of a key not loaded yet needs no decoding. Whole-dict operations load everything.
    """

    def __init__(self, data: dict[str, Any], loaders: dict[str, Callable[[], tuple[Any, bytes]]] | None = None) -> None:
        super().__init__(data)
        self.loaders = dict(loaders or {})
        self.raw: dict[str, bytes] = {}

    def is_loaded(self, key: str) -> bool:
        """False while ``key`` still waits in its file."""
        return key not in self.loaders

    def _load(self, key: Any) -> None:
        loader = self.loaders.pop(key, None) if self.loaders else None
        if loader is not None:
            value, raw = loader()
            dict.__setitem__(self, key, value)
            self.raw[key] = raw

    def _load_all(self) -> None:
        for key in list(self.loaders):
            self._load(key)


    def __contains__(self, key: object) -> bool:
        return key in self.loaders or dict.__contains__(self, key)


    def __setitem__(self, key: Any, value: Any) -> None:
        if self.loaders:
            self.loaders.pop(key, None)
        dict.__setitem__(self, key, value)


    def __len__(self) -> int:
        return dict.__len__(self) + len(self.loaders)



SHARDS = 16


def shard_of(key: str) -> str:
    """The shard (one of ``SHARDS``, a hex digit) a record key belongs to: a checksum of it,
    so that any naming of the keys spreads evenly."""
    import zlib
    return format(zlib.crc32(key.encode("utf-8", "surrogatepass")) % SHARDS, "x")


class ShardedDict(_LoadOnUse):
    """A dict stored as shards (by :func:`shard_of` of the key), each decoded on first use.

    The simulation's per-pod records are looked up by uid: a command that touches one pod
    decodes one shard, not ten thousand records. Whole-dict operations load every shard.
    """

    def __init__(self, loaders: dict[str, Callable[[], tuple[Any, bytes]]] | None = None) -> None:
        super().__init__()
        self.loaders = dict(loaders or {})
        self.raw: dict[str, bytes] = {}

    def _load(self, key: Any) -> None:
        if self.loaders:
            loader = self.loaders.pop(shard_of(str(key)), None)
            if loader is not None:
                self._merge(shard_of(str(key)), loader)

    def _merge(self, shard: str, loader: Callable[[], tuple[Any, bytes]]) -> None:
        value, raw = loader()
        if isinstance(value, dict):
            dict.update(self, value)
        self.raw[shard] = raw

    def _load_all(self) -> None:
        for shard in list(self.loaders):
            self._merge(shard, self.loaders.pop(shard))

    def is_loaded(self, shard: str) -> bool:
        """False while ``shard`` still waits in its file."""
        return shard not in self.loaders

    def shards(self) -> dict[str, dict[str, Any]]:
        """The loaded records, grouped by shard (every loaded shard present, maybe empty)."""
        out: dict[str, dict[str, Any]] = {shard: {} for shard in self.raw}
        for key, value in dict.items(self):
            out.setdefault(shard_of(key), {})[key] = value
        return out


    def __contains__(self, key: object) -> bool:
        self._load(key)
        return dict.__contains__(self, key)


    def __setitem__(self, key: Any, value: Any) -> None:
        self._load(key)
        dict.__setitem__(self, key, value)


    def __len__(self) -> int:
        self._load_all()
        return dict.__len__(self)

    def __bool__(self) -> bool:
        return bool(self.loaders) or dict.__len__(self) > 0

    def __eq__(self, other: object) -> bool:
        self._load_all()
        return dict.__eq__(self, other)

    __hash__ = None  # type: ignore[assignment]



class SimState(LazyDict):
    """``state["sim"]``: scalars from the head, each container from its own part file.

    ``due_hint`` is the earliest timer as of the last save (the head's ``nextDue``):
    true as long as the queue has not been loaded, since only loading it can change it.
    """

    def __init__(self, data: dict[str, Any], loaders: dict[str, Callable[[], tuple[Any, bytes]]] | None = None,
                 due_hint: int | None = None) -> None:
        super().__init__(data, loaders)
        self.due_hint = due_hint


class State(LazyDict):
    """The decoded head as a dict; ``"objects"`` is lazy and ``"sim"`` loads on first use.

    Code written for the plain single-document state (``state["objects"][plural][key]``,
    ``state.get("sim")``) works unchanged over it.
    """

    def __init__(self, head: dict[str, Any], files: Files | None,
                 loaders: dict[str, Callable[[], tuple[Any, bytes]]] | None = None) -> None:
        super().__init__(head, loaders)
        self.files = files
        self.migrated = False
        # What the head says about files: generation, collections, simulation, obsolete.
        self.layout: dict[str, Any] = {"generation": 0, "collections": {}, "simulation": None, "obsolete": []}

    @property
    def sim_loaded(self) -> bool:
        """True when the simulation's bookkeeping is in memory (it may have changed)."""
        return self.is_loaded("sim")

    def to_plain(self) -> dict[str, Any]:
        """A plain single-document copy (everything decoded)."""
        import copy
        return copy.deepcopy(self)


class _BackgroundSyncs:
    """fsyncs of a save's new data files, run by a thread while the save encodes the next
    ones (fsync waits for the disk without holding the interpreter)."""

    def __init__(self) -> None:
        import threading
        from queue import SimpleQueue

        self.queue: SimpleQueue[int | None] = SimpleQueue()
        self.failures: list[OSError] = []
        self.thread = threading.Thread(target=self._run, name="fsync", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            fd = self.queue.get()
            if fd is None:
                return
            try:
                os.fsync(fd)
            except OSError as exc:
                self.failures.append(exc)
            finally:
                os.close(fd)

    def finish(self) -> None:
        """Wait until every file handed over is on disk; raise the first failure."""
        self.queue.put(None)
        self.thread.join()
        if self.failures:
            raise self.failures[0]


_syncs: _BackgroundSyncs | None = None


def begin_background_syncs() -> None:
    """From now on ``write_new`` leaves its fsync to a background thread (a save's many files)."""
    global _syncs
    if _syncs is None:
        _syncs = _BackgroundSyncs()


def finish_background_syncs() -> None:
    """Every file ``write_new`` wrote is on disk (called before the head is replaced)."""
    global _syncs
    syncs, _syncs = _syncs, None
    if syncs is not None:
        syncs.finish()


def write_new(path: Path, payload: bytes) -> None:
    """Write a file that nothing references yet (the head's rename publishes it)."""
    fd = os.open(str(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _BINARY, 0o600)
    try:
        view = memoryview(payload)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        if _syncs is not None:
            _syncs.queue.put(fd)  # it fsyncs and closes
            return
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        raise
    os.close(fd)
