"""A container's simulated filesystem: an in-memory tree of paths, bounded in size.

Paths are absolute and normalised (``/a/b``). Files hold bytes; directories are a set of
paths. Nothing here touches the host: the image's files come from the catalogue and the
Launch's mounts. Copy-on-fork is shallow: a copy shares no mutable state with the original.
"""

from __future__ import annotations

import posixpath

MAX_FS_BYTES = 64 * 1024 * 1024
MAX_FILES = 20_000


class FsError(Exception):
    """A filesystem error; ``text`` is the strerror busybox prints (``No such file or directory``)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


NOENT = "No such file or directory"
ISDIR = "Is a directory"
NOTDIR = "Not a directory"
EXISTS = "File exists"
NOSPC = "No space left on device"
NOTEMPTY = "Directory not empty"
ROFS = "Read-only file system"


def normpath(path: str, cwd: str = "/") -> str:
    """Absolute, normalised form of ``path`` relative to ``cwd``."""
    if not path.startswith("/"):
        path = cwd.rstrip("/") + "/" + path
    out = posixpath.normpath(path)
    if out.startswith("//"):
        out = "/" + out.lstrip("/")
    return out


class FileSystem:
    """The tree (see module doc). ``modes`` keeps the executable bit for ``ls -l`` and exec checks."""

    __slots__ = ("files", "dirs", "mtimes", "modes", "size", "readonly")

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.dirs: set[str] = {"/"}
        self.mtimes: dict[str, int] = {}
        self.modes: dict[str, int] = {}
        self.size = 0
        self.readonly: set[str] = set()

    def copy(self) -> "FileSystem":
        """An independent copy (exec_at works on one so its side effects can be dropped)."""
        other = FileSystem()
        other.files = dict(self.files)
        other.dirs = set(self.dirs)
        other.mtimes = dict(self.mtimes)
        other.modes = dict(self.modes)
        other.size = self.size
        other.readonly = set(self.readonly)
        return other

    # ---- queries ----------------------------------------------------------
    def exists(self, path: str) -> bool:
        return path in self.files or path in self.dirs

    def is_dir(self, path: str) -> bool:
        return path in self.dirs

    def is_file(self, path: str) -> bool:
        return path in self.files

    def read(self, path: str) -> bytes | None:
        """The bytes of a file, None when it is not a file."""
        return self.files.get(path)

    def read_text(self, path: str) -> str:
        """A file's text; raises FsError as ``open`` would."""
        data = self.files.get(path)
        if data is None:
            raise FsError(ISDIR if path in self.dirs else NOENT)
        return data.decode("utf-8", "replace")

    def listdir(self, path: str) -> list[str]:
        """Sorted names directly under a directory."""
        if path not in self.dirs:
            raise FsError(NOTDIR if path in self.files else NOENT)
        prefix = path.rstrip("/") + "/"
        names = set()
        for p in self.files:
            if p.startswith(prefix) and "/" not in p[len(prefix):]:
                names.add(p[len(prefix):])
        for p in self.dirs:
            if p != path and p.startswith(prefix) and "/" not in p[len(prefix):]:
                names.add(p[len(prefix):])
        return sorted(names)

    def walk(self, path: str) -> list[tuple[str, bytes]]:
        """Every file at or below ``path`` as (path, bytes), sorted (for ``kubectl cp``)."""
        if path in self.files:
            return [(path, self.files[path])]
        prefix = path.rstrip("/") + "/"
        return sorted((p, d) for p, d in self.files.items() if p.startswith(prefix))

    def is_executable(self, path: str) -> bool:
        return path in self.files and bool(self.modes.get(path, 0o644) & 0o111)

    # ---- changes ------------------------------------------------------------
    def _check_parent(self, path: str) -> None:
        parent = posixpath.dirname(path)
        if parent not in self.dirs:
            raise FsError(NOTDIR if parent in self.files else NOENT)
        if any(path == ro or path.startswith(ro.rstrip("/") + "/") for ro in self.readonly):
            raise FsError(ROFS)

    def write(self, path: str, data: bytes, append: bool = False, now_ns: int = 0, mode: int | None = None) -> None:
        """Create/replace (or append to) a file; bounded by :data:`MAX_FS_BYTES`."""
        if path in self.dirs:
            raise FsError(ISDIR)
        self._check_parent(path)
        old = self.files.get(path)
        if old is None and len(self.files) >= MAX_FILES:
            raise FsError(NOSPC)
        new = (old + data) if (append and old is not None) else data
        grow = len(new) - (len(old) if old is not None else 0)
        if self.size + grow > MAX_FS_BYTES:
            raise FsError(NOSPC)
        self.files[path] = new
        self.size += grow
        self.mtimes[path] = now_ns
        if mode is not None:
            self.modes[path] = mode
        elif old is None:
            self.modes.setdefault(path, 0o644)

    def mkdir(self, path: str, parents: bool = False, now_ns: int = 0) -> None:
        if path in self.dirs:
            if parents:
                return
            raise FsError(EXISTS)
        if path in self.files:
            raise FsError(EXISTS)
        parent = posixpath.dirname(path)
        if parents and parent not in self.dirs:
            self.mkdir(parent, True, now_ns)
        self._check_parent(path)
        if len(self.dirs) >= MAX_FILES:
            raise FsError(NOSPC)
        self.dirs.add(path)
        self.mtimes[path] = now_ns

    def remove(self, path: str, recursive: bool = False) -> None:
        if path in self.files:
            self._check_parent(path)
            self.size -= len(self.files.pop(path))
            self.mtimes.pop(path, None)
            self.modes.pop(path, None)
            return
        if path not in self.dirs:
            raise FsError(NOENT)
        prefix = path.rstrip("/") + "/"
        inside = [p for p in self.files if p.startswith(prefix)] + [d for d in self.dirs if d.startswith(prefix)]
        if inside and not recursive:
            raise FsError(NOTEMPTY)
        if path == "/":
            raise FsError("Device or resource busy")
        for p in [p for p in self.files if p.startswith(prefix)]:
            self.size -= len(self.files.pop(p))
        self.dirs -= {d for d in self.dirs if d.startswith(prefix)}
        self.dirs.discard(path)

    def add_tree(self, files: dict[str, str | bytes], now_ns: int = 0, executable: frozenset[str] = frozenset()) -> None:
        """Install files (image content, mounts), creating their directories."""
        for raw, content in files.items():
            path = normpath(raw)
            if raw.endswith("/") or content is None:
                self.mkdir(path, True, now_ns)
                continue
            self.mkdir(posixpath.dirname(path), True, now_ns)
            data = content.encode() if isinstance(content, str) else content
            if path in self.dirs:
                continue
            self.write(path, data, now_ns=now_ns, mode=0o755 if path in executable else None)
