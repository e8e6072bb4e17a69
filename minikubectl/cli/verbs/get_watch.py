"""``get -w`` / ``--watch-only``: the initial list, then one row per change.

kubectl prints the list through one tab writer that remembers column widths
(header once, then each change as its own flushed row, never narrower than what was
printed before). Changes come from the simulation:

* fixed clock (``MINIKUBECTL_NOW``): nothing waits; a private copy of the cluster is
  advanced from timer to timer up to ``--request-timeout`` (a Go duration; ``0``, the
  default, stops right after the initial list) and every object it changes is printed,
  stamped with its simulated instant; the state file is not moved into that future;
* real clock: the state file is re-read every half second (without the lock) and
  advanced in memory to the current time, until the timeout or Ctrl-C.

As with a real API server closing the watch at the request timeout, the command then
exits 0 without a message.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from minikubectl.api import errors

POLL_SECONDS = 0.5


class WatchPrinter:
    """Prints objects as kubectl's watch does: table rows through a width-remembering tab writer."""

    def __init__(self, options: Any, env: Any, resource: Any) -> None:
        from minikubectl.printers.tabwriter import TabWriter
        self.options = options
        self.env = env
        self.resource = resource
        self.table = options.table_output
        self.writer = TabWriter()
        self.header_done = options.no_headers
        self.printer = None if self.table else options._printer()

    def print(self, objects: list[dict[str, Any]], now: datetime, event: str = "ADDED") -> None:
        """One batch (the initial list, or one changed object)."""
        if not objects:
            return
        if not self.table:
            for obj in objects:
                item = {"type": event, "object": obj} if self.options.extra.get("watch_events") else obj
                self.printer.print_obj(item, self.env.stdout)
            self.env.stdout.flush()
            return
        from minikubectl.printers.table import TableGroup, TableOptions, build_table
        opts = TableOptions(wide=self.options.wide, no_headers=self.options.no_headers,
                            show_labels=self.options.show_labels, label_columns=list(self.options.label_columns),
                            all_namespaces=self.options.all_namespaces, show_kind=self.options.show_kind)
        group = TableGroup(self.resource.group, self.resource.kind, self.resource.namespaced, objects)
        headers, rows = build_table(group, opts, now, self.options.show_kind)
        if not rows:
            return
        lines = rows if self.header_done else [headers, *rows]
        self.header_done = True
        self.writer.write("".join("\t".join(row) + "\n" for row in lines))
        self.env.stdout.write(self.writer.flush())
        self.env.stdout.flush()


def _timeout_ms(text: str) -> int:
    """``--request-timeout`` as client-go's clientcmd.ParseTimeout reads it, in milliseconds.

    A bare non-negative integer is a number of seconds; anything else must be a Go duration.
    """
    from minikubectl.sim.clock import parse_go_duration
    value = text or "0"
    if value.isascii() and value.lstrip("+").isdigit():
        return int(value) * 1000
    try:
        return max(parse_go_duration(value), 0)
    except ValueError:
        raise errors.ClientError(
            "Invalid timeout value. Timeout must be a single integer in seconds, or an integer "
            "followed by a corresponding time unit (e.g. 1s | 2m | 3h)") from None


def _key(obj: dict[str, Any]) -> tuple[str, str]:
    meta = obj.get("metadata") or {}
    return str(meta.get("namespace") or ""), str(meta.get("name") or "")


def _selected(api: Any, options: Any, target: Any) -> dict[tuple[str, str], dict[str, Any]]:
    """The watched objects now: (namespace, name) -> object."""
    resource = target.resource
    ns = None if options.all_namespaces or not resource.namespaced else options.namespace
    predicate = options.filters.compile(resource) if options.filters else None
    found = {}
    for obj in api.list(resource, ns):
        if target.name is not None and obj.get("metadata", {}).get("name") != target.name:
            continue
        if predicate is None or predicate(obj):
            found[_key(obj)] = obj
    return found


def _changes(before: dict, after: dict) -> list[tuple[str, dict[str, Any]]]:
    """Watch events between two snapshots, in the order the store made them."""
    events = []
    for key, obj in after.items():
        old = before.get(key)
        if old is None:
            events.append(("ADDED", obj))
        elif old.get("metadata", {}).get("resourceVersion") != obj.get("metadata", {}).get("resourceVersion"):
            events.append(("MODIFIED", obj))
    events.sort(key=lambda e: int(e[1].get("metadata", {}).get("resourceVersion") or 0))
    events += [("DELETED", obj) for key, obj in before.items() if key not in after]
    return events


def watch(options: Any, env: Any, api: Any, request: Any) -> int:
    """Run ``get --watch`` / ``--watch-only`` for one resource type or object."""
    if len(request.targets) != 1:
        raise errors.ClientError("watch is only supported on individual resources and resource collections, "
                                 f"but {len(request.targets)} resources were found")
    target = request.targets[0]
    if target.name is not None and target.resource.namespaced:
        from minikubectl.cli.resources import namespace_exists
        if not namespace_exists(api, options.namespace):
            raise errors.not_found("namespaces", options.namespace)
    current = _selected(api, options, target)
    if target.name is not None and not current:
        raise errors.not_found(target.resource.qualified_plural, target.name)
    printer = WatchPrinter(options, env, target.resource)
    if not options.watch_only:
        printer.print(list(current.values()), env.now())
    timeout_ms = _timeout_ms(options.request_timeout)
    if env.fixed_clock:
        _simulate(options, env, api, target, current, printer, timeout_ms)
    else:
        _poll(options, env, target, current, printer, timeout_ms)
    return 0


def _emit(printer: WatchPrinter, before: dict, after: dict, now: datetime) -> None:
    for event, obj in _changes(before, after):
        printer.print([obj], now, event)


def _simulate(options: Any, env: Any, api: Any, target: Any, current: dict, printer: WatchPrinter,
              timeout_ms: int) -> None:
    """Fixed clock: advance a copy of the cluster timer by timer up to the timeout."""
    if not timeout_ms:
        return
    from minikubectl.sim import engine
    from minikubectl.sim.clock import from_ms, to_ms
    start = env.now()
    deadline = to_ms(start) + timeout_ms
    world = api.fork(start)
    engine.advance(world, start)
    after = _selected(world, options, target)  # what the verb's own writes set off at once
    _emit(printer, current, after, start)
    current = after
    while True:
        due = engine.context(world).queue.next_time()
        step = deadline if due is None or due > deadline else max(due, to_ms(world.now))
        moment = from_ms(step)
        engine.advance(world, moment)
        after = _selected(world, options, target)
        _emit(printer, current, after, moment)
        current = after
        if step >= deadline:
            return


def _poll(options: Any, env: Any, target: Any, current: dict, printer: WatchPrinter, timeout_ms: int) -> None:
    """Real clock: re-read the state file every half second until the timeout (0: until Ctrl-C)."""
    import time
    from minikubectl.cli.session import snapshot
    from minikubectl.sim import engine
    deadline = env.now() + timedelta(milliseconds=timeout_ms) if timeout_ms else None
    while True:
        time.sleep(POLL_SECONDS)
        now = datetime.now(timezone.utc)
        if deadline is not None and now > deadline:
            now = deadline
        world = snapshot(env, options.state, now)  # no lock held: one consistent snapshot
        if world is not None:
            engine.advance(world, now)
            after = _selected(world, options, target)
            _emit(printer, current, after, now)
            current = after
        if deadline is not None and now >= deadline:
            return
