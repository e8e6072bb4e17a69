"""The values the sandbox API takes and returns (see the package doc), in a module of their own so
that the engine can build them without importing the package's entry points."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

Launch = dict[str, Any]


class Network(Protocol):
    """The cluster as seen from inside a pod (DNS and HTTP to other pods/services).

    ``revision`` changes whenever the answers may have (results are cached by it); from
    ``settled_ns`` on, the answers stay as they are (None: no such promise)."""

    revision: int
    settled_ns: int | None

    def resolve(self, name: str, at_ns: int | None = None) -> list[str]: ...
    def http(self, host: str, port: int, path: str, at_ns: int) -> tuple[int, str] | None: ...


@dataclass
class ExecResult:
    """One command run inside the container (``kubectl exec``, exec hook, exec probe)."""

    stdout: str
    stderr: str
    code: int
    end_ns: int
    start_error: str | None = None


@dataclass
class RunResult:
    """What the container's program did up to ``until_ns`` (see the API doc)."""

    output: list[tuple[int, str, str]]
    exit: tuple[int, int] | None
    exec_results: list[ExecResult] = field(default_factory=list)
    http_results: list[tuple[int, str] | None] = field(default_factory=list)
    listening: frozenset[int] = frozenset()
    fs: Any = None
    error: str | None = None


@dataclass(frozen=True)
class ImageInfo:
    """An image's configuration as the catalogue knows it."""

    name: str
    entrypoint: list[str]
    cmd: list[str]
    env: dict[str, str]
    workdir: str
    user: str
    ports: tuple[int, ...]
    applets: frozenset[str]
    known: bool
    stop_signal: str
