"""``events``: list events sorted by time (kubectl events, not ``get events``).

Columns ``LAST SEEN TYPE REASON OBJECT MESSAGE`` (``NAMESPACE`` first with ``-A``), OBJECT
as ``Kind/name``; sorted by series.lastObservedTime, else lastTimestamp, else eventTime.
``-w`` prints the events as they come (the simulation, as ``get -w`` drives it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass

SUMMARY = "List events"


def flags() -> list[Flag]:
    return opt.print_flags() + [
        Flag("all-namespaces", "bool", False, shorthand="A"),
        Flag("for"),
        Flag("types", "slice", []),
        Flag("watch", "bool", False, shorthand="w"),
        Flag("no-headers", "bool", False),
        Flag("chunk-size", "int", 500),
    ]


def event_time(ev: dict[str, Any]) -> datetime | None:
    """The instant events sort by (kubectl events' eventTime())."""
    from minikubectl.printers.duration import parse_timestamp
    series = ev.get("series")
    if isinstance(series, dict):
        return parse_timestamp(series.get("lastObservedTime"))
    return parse_timestamp(ev.get("lastTimestamp")) or parse_timestamp(ev.get("eventTime"))


def interval(ev: dict[str, Any], now: datetime) -> str:
    """LAST SEEN: age, or ``<last> (xN over <first>)`` for repeated events."""
    from minikubectl.printers.describe.writer import Context, since
    ctx = Context(now=now)
    first = since(ev.get("eventTime"), ctx) if ev.get("eventTime") else since(ev.get("firstTimestamp"), ctx)
    series = ev.get("series")
    count = ev.get("count") or 0
    if isinstance(series, dict):
        return f"{since(series.get('lastObservedTime'), ctx)} (x{series.get('count', 0)} over {first})"
    if isinstance(count, int) and count > 1:
        return f"{since(ev.get('lastTimestamp'), ctx)} (x{count} over {first})"
    return first


def _cell(text: Any) -> str:
    value = "" if text is None else str(text)
    cut = min((i for i in (value.find(c) for c in "\f\n\r") if i >= 0), default=-1)
    if cut >= 0:
        value = value[:cut] + "..."
    return value.replace("\x1b", "^[").replace("\r", "\\r")


@dataclass
class EventsOptions:
    """Bound flags of ``events``."""

    namespace: str
    all_namespaces: bool
    for_arg: str
    types: list[str]
    watch: bool
    no_headers: bool
    output: str
    print_opts: Any
    request_timeout: str
    state: str | None

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "EventsOptions":
        if parsed.args:
            raise errors.ClientError(f"unknown command {parsed.args[0]!r} for \"kubectl events\"")
        output = parsed["output"] or ""
        return cls(namespace=opt.namespace_of(parsed)[0], all_namespaces=parsed["all-namespaces"],
                   for_arg=parsed["for"] or "", types=sorted(set(parsed["types"])), watch=parsed["watch"],
                   no_headers=parsed["no-headers"], output=output,
                   print_opts=opt.print_options(parsed),
                   request_timeout=parsed["request-timeout"] or "0", state=parsed["state"])

    def validate(self) -> None:
        for value in self.types:
            if value.lower() not in ("normal", "warning"):
                raise errors.ClientError("valid --types are Normal or Warning")

    def run(self, env: Env) -> int:
        from minikubectl.cli.session import open_cluster
        with open_cluster(env, self.state) as api:
            kind, name = self._for(api)
            events = self._events(api, kind, name)
            if self.watch:
                return self._watch(env, api, events, kind, name)
        if not events:
            env.stderr.write("No events found.\n" if self.all_namespaces
                             else f"No events found in {self.namespace} namespace.\n")
            return 0
        events.sort(key=lambda ev: event_time(ev) or datetime.min.replace(tzinfo=env.now().tzinfo))
        self._print(env, events, env.now(), header=not self.no_headers)
        return 0

    def _for(self, api: Any) -> tuple[str, str]:
        if not self.for_arg:
            return "", ""
        type_part, slash, name = self.for_arg.partition("/")
        if not slash:
            raise errors.ClientError("--for must be in resource/name form")
        if "/" in name:
            raise errors.ClientError("arguments in resource/name form may not have more than one slash")
        return api.registry.resolve_single(type_part).kind, name

    def _events(self, api: Any, kind: str, name: str) -> list[dict[str, Any]]:
        resource = api.registry.by_qualified_plural("events")
        items = api.list(resource, None if self.all_namespaces else self.namespace)
        return [ev for ev in items if self._keep(ev, kind, name)]

    def _keep(self, ev: dict[str, Any], kind: str, name: str) -> bool:
        ref = ev.get("involvedObject") or {}
        if kind and (ref.get("kind") != kind or ref.get("name") != name):
            return False
        return not self.types or str(ev.get("type", "")).lower() in (t.lower() for t in self.types)

    def _print(self, env: Env, events: list[dict[str, Any]], now: datetime, header: bool,
               writer: Any = None) -> None:
        if self.output:
            from minikubectl.printers.flags import make_printer
            printer = make_printer(self.print_opts, with_tables=False)
            for ev in events:
                printer.print_obj(ev, env.stdout)
            return
        from minikubectl.printers.tabwriter import TabWriter
        writer = writer or TabWriter()
        lines = []
        if header:
            lines.append(("NAMESPACE\t" if self.all_namespaces else "") + "LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE")
        for ev in events:
            ref = ev.get("involvedObject") or {}
            ns = f"{ev.get('metadata', {}).get('namespace', '')}\t" if self.all_namespaces else ""
            lines.append(f"{ns}{interval(ev, now)}\t{_cell(ev.get('type'))}\t{_cell(ev.get('reason'))}\t"
                         f"{_cell(ref.get('kind'))}/{_cell(ref.get('name'))}\t"
                         f"{_cell(str(ev.get('message') or '').strip())}")
        writer.write("".join(line + "\n" for line in lines))
        env.stdout.write(writer.flush())
        env.stdout.flush()

    def _watch(self, env: Env, api: Any, events: list[dict[str, Any]], kind: str, name: str) -> int:
        """Every event (existing ones first, unsorted, as a watch lists them), then new ones."""
        from minikubectl.cli.verbs.get_watch import _timeout_ms
        from minikubectl.printers.tabwriter import TabWriter
        writer = TabWriter()
        header = [not self.no_headers]

        def show(batch: list[dict[str, Any]], now: datetime) -> None:
            if batch:
                self._print(env, batch, now, header[0], writer)
                header[0] = False

        show(events, env.now())
        timeout_ms = _timeout_ms(self.request_timeout)
        if not env.fixed_clock or not timeout_ms:
            return 0
        from minikubectl.sim import engine
        from minikubectl.sim.clock import from_ms, to_ms
        seen = {ev["metadata"]["name"]: ev["metadata"].get("resourceVersion") for ev in events}
        world = api.fork(env.now())
        deadline = to_ms(env.now()) + timeout_ms
        step = to_ms(env.now())
        while True:
            moment = from_ms(step)
            engine.advance(world, moment)
            fresh = [ev for ev in self._events(world, kind, name)
                     if seen.get(ev["metadata"]["name"]) != ev["metadata"].get("resourceVersion")]
            fresh.sort(key=lambda ev: int(ev["metadata"].get("resourceVersion") or 0))
            for ev in fresh:
                seen[ev["metadata"]["name"]] = ev["metadata"].get("resourceVersion")
            show(fresh, moment)
            if step >= deadline:
                return 0
            due = engine.context(world).queue.next_time()
            step = deadline if due is None or due > deadline else max(due, step + 1)


def run(env: Env, parsed: ParsedArgs) -> int:
    """Bind flags, validate, run."""
    options = EventsOptions.complete(parsed)
    options.validate()
    return options.run(env)
