"""The container runtime seam: how the kubelet runs a container's program.

The kubelet never interprets a program itself. It builds a *Launch* (see
:mod:`minikubectl.sim.container_env`) and asks a backend what the program does:

* the sandbox interpreter (:mod:`minikubectl.sim.sandbox`) once it provides ``run``;
* until then (and for states written before it), :class:`ModelRuntime`, a thin adaptor over
  the older program model in :mod:`minikubectl.sim.programs` / :mod:`container_logs`.

Both answer the same questions (``start_error``, ``next_exit``, ``run``, ``exec_at``,
``http_get``, ``tcp_open``), with times in nanoseconds since the epoch. Tests can install
another backend with :func:`use`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    # One set of values for every backend: the model's answers have the sandbox's shape.
    from minikubectl.sim.sandbox.results import ExecResult, Launch, Network, RunResult

# Loaded when first used: the sandbox's records import the standard dataclasses (inspect,
# ast...), which a command that starts no container does not pay for.
_RESULT_NAMES = ("ExecResult", "Launch", "Network", "RunResult")


def __getattr__(name: str) -> Any:
    if name in _RESULT_NAMES:
        from minikubectl.sim.sandbox import results
        return getattr(results, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

NS_PER_MS = 1_000_000


class Backend(Protocol):
    """What the kubelet asks of a container runtime (``net``: what the containers can reach)."""

    def resolve_argv(self, image: str, command: list[str] | None, args: list[str] | None) -> list[str]: ...
    def start_error(self, launch: Launch) -> tuple[int, str] | None: ...
    def next_exit(self, launch: Launch, horizon_ns: int, net: Network | None = None) -> tuple[int, int] | None: ...
    def run(self, launch: Launch, until_ns: int, net: Network | None = None) -> RunResult: ...
    def exec_at(self, launch: Launch, argv: list[str], at_ns: int, stdin: str | None = None,
                net: Network | None = None) -> ExecResult: ...
    def http_get(self, launch: Launch, port: int, path: str, at_ns: int,
                 net: Network | None = None) -> tuple[int, str] | None: ...
    def tcp_open(self, launch: Launch, port: int, at_ns: int, net: Network | None = None) -> bool: ...


class Connected:
    """A backend whose containers are on a network: every call carries it."""

    def __init__(self, inner: Backend, net: Network) -> None:
        self.inner = inner
        self.net = net

    def resolve_argv(self, image: str, command: list[str] | None, args: list[str] | None) -> list[str]:
        return self.inner.resolve_argv(image, command, args)

    def start_error(self, launch: Launch) -> tuple[int, str] | None:
        return self.inner.start_error(launch)

    def next_exit(self, launch: Launch, horizon_ns: int) -> tuple[int, int] | None:
        return self.inner.next_exit(launch, horizon_ns, net=self.net)

    def run(self, launch: Launch, until_ns: int) -> RunResult:
        return self.inner.run(launch, until_ns, net=self.net)

    def exec_at(self, launch: Launch, argv: list[str], at_ns: int, stdin: str | None = None) -> ExecResult:
        return self.inner.exec_at(launch, argv, at_ns, stdin, net=self.net)

    def http_get(self, launch: Launch, port: int, path: str, at_ns: int) -> tuple[int, str] | None:
        return self.inner.http_get(launch, port, path, at_ns, net=self.net)

    def tcp_open(self, launch: Launch, port: int, at_ns: int) -> bool:
        return self.inner.tcp_open(launch, port, at_ns, net=self.net)


_override: Backend | None = None


def use(backend: Backend | None) -> None:
    """Install a backend (tests); None restores the default choice."""
    global _override
    _override = backend


def backend(net: Network | None = None) -> Any:
    """The sandbox when it is complete, else the program model; with ``net``, one whose
    containers reach the cluster through it (:class:`Connected`)."""
    chosen = _chosen()
    return chosen if net is None else Connected(chosen, net)


def _chosen() -> Backend:
    if _override is not None:
        return _override
    try:
        from minikubectl.sim import sandbox
    except ImportError:
        return MODEL
    if all(hasattr(sandbox, name) for name in ("run", "next_exit", "exec_at", "start_error", "resolve_argv")):
        return sandbox  # type: ignore[return-value]
    return MODEL


class ModelRuntime:
    """The pre-sandbox program model behind the Backend protocol (no filesystem, no network)."""

    def resolve_argv(self, image: str, command: list[str] | None, args: list[str] | None) -> list[str]:
        if command:
            return list(command) + list(args or [])
        return list(args or [])

    def _container(self, launch: Launch) -> dict[str, Any]:
        return {"image": launch.get("image", ""), "command": launch.get("command"), "args": launch.get("args")}

    def start_error(self, launch: Launch) -> tuple[int, str] | None:
        return None

    def next_exit(self, launch: Launch, horizon_ns: int, net: Network | None = None) -> tuple[int, int] | None:
        from minikubectl.sim import programs
        program = programs.program_for(self._container(launch))
        ends: list[tuple[int, int]] = []
        if program.duration_ms is not None:
            ends.append((int(launch["start_ns"]) + program.duration_ms * NS_PER_MS, program.exit_code))
        for item in launch.get("inputs") or []:
            if item[0] == "signal" and item[2] == "KILL":
                ends.append((int(item[1]), 137))
            elif item[0] == "signal" and not program.ignores_sigterm:
                ends.append((int(item[1]) + programs.TERM_EXIT_MS * NS_PER_MS, 0))
        first = min(ends) if ends else None
        return first if first is not None and first[0] <= horizon_ns else None

    def run(self, launch: Launch, until_ns: int, net: Network | None = None) -> RunResult:
        from minikubectl.sim.container_logs import container_output
        lines = container_output(self._container(launch), int(launch["start_ns"]), until_ns)
        from minikubectl.sim.sandbox.results import RunResult
        return RunResult(output=[(ns, "stdout", text) for ns, text in lines], exit=self.next_exit(launch, until_ns))

    def exec_at(self, launch: Launch, argv: list[str], at_ns: int, stdin: str | None = None,
                net: Network | None = None) -> ExecResult:
        from minikubectl.sim import programs
        program = programs.run_argv(argv) if argv else programs.Program(0, 0)
        if program.duration_ms is None:
            return ExecResult("", "", 0, at_ns)  # a program the model does not know: it just succeeds
        text = "".join(line + "\n" for line in program.output)
        from minikubectl.sim.sandbox.results import ExecResult
        return ExecResult(text, "", program.exit_code, at_ns + program.duration_ms * NS_PER_MS)

    def http_get(self, launch: Launch, port: int, path: str, at_ns: int,
                 net: Network | None = None) -> tuple[int, str] | None:
        return (200, "")  # the model has no network: every container answers

    def tcp_open(self, launch: Launch, port: int, at_ns: int, net: Network | None = None) -> bool:
        return True


MODEL = ModelRuntime()
