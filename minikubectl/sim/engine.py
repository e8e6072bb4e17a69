"""The simulation engine: a discrete-event simulation driven by the command's clock.

``advance(api, now)`` processes every timer due between the last step and ``now`` in
time order, each at its own instant (objects get the simulated timestamps), letting the
controllers react after each instant; ``settle(api)`` lets them react to what the verb
just wrote; ``run_until(api, predicate, deadline, env)`` moves time forward for
``delete --wait`` and ``wait``. Work is proportional to due timers and changed objects:
a cluster at rest costs nothing to advance, however many pods it holds.
"""

from __future__ import annotations

import time as _time
import weakref
from datetime import datetime
from typing import Any, Callable

from minikubectl.sim.clock import TimerQueue, from_ms, stamp, to_ms
from minikubectl.sim.context import SimContext

MAX_ROUNDS = 200
WAIT_LIMIT_MS = 3_600_000  # delete --wait never simulates more than an hour


def context(api: Any) -> SimContext:
    """The simulation context attached to this API server (created on first use)."""
    ctx = getattr(api, "_sim_context", None)
    if ctx is None:
        state = api.tracker.state
        sim = state.get("sim")
        fresh = not isinstance(sim, dict)
        if fresh:
            sim = state["sim"] = {}
        # The API server holds its context (and the write hook); the context sees the server
        # through a weak proxy. Without a reference cycle the whole decoded state is freed as
        # soon as the command lets go of the server, instead of surviving (the cyclic GC is
        # off) to a full collection over millions of objects at interpreter exit.
        ctx = SimContext(api=weakref.proxy(api), sim=sim, queue=TimerQueue(sim), now_ms=to_ms(api.now))
        api._sim_context = ctx
        api.on_write.append(ctx.on_write)
        deferred = getattr(api, "deferred_writes", None)
        if deferred is not None and not fresh and int(sim.get("rv", -1)) == deferred.revision:
            # The simulation starts mid-command: it had seen everything up to the deferral,
            # and now sees the writes made since, as if it had been running all along.
            api.deferred_writes = None
            _set_sim_time(api, to_ms(api.now))
            ctx.rv_mark = deferred.revision
            for event, resource, obj in deferred.events:
                ctx.on_write(event, resource, obj)
        elif fresh or int(sim.get("rv", -1)) != ctx.store_rv():
            api.deferred_writes = None
            ctx.full_scan()
            api.tracker.dirty = True
        else:
            api.deferred_writes = None
            ctx.rv_mark = ctx.store_rv()
    return ctx


def settle_deferred(api: Any, now: datetime) -> None:
    """End of a command whose simulation was deferred and that wrote: catch up, then settle."""
    context(api)  # replays the deferred writes
    settle(api)


def advance(api: Any, now: datetime) -> None:
    """Bring the simulated cluster from its last time up to ``now``."""
    ctx = context(api)
    target = to_ms(now)
    sim_time = _sim_time(api)
    start = min(sim_time, target) if sim_time is not None else target
    ctx.set_time(start)
    _reconcile(ctx)
    _run_timers(ctx, target)
    ctx.set_time(target)
    _reconcile(ctx)
    _set_sim_time(api, target)
    api.now = now


def settle(api: Any) -> None:
    """React, at the current instant, to writes made by the verb; save the bookkeeping."""
    ctx = context(api)
    now = to_ms(api.now)
    ctx.set_time(now)
    if api.tracker.dirty:
        # The kubelets' heartbeats, lazily: leases are renewed when the state is written
        # anyway (a 10 s timer per node would make every command on an idle cluster write).
        from minikubectl.sim.nodes import renew_leases
        renew_leases(ctx)
    if ctx.store_rv() != ctx.expected_rv():
        ctx.full_scan()  # something wrote around the API server's hooks
    _reconcile(ctx)
    _run_timers(ctx, now)
    ctx.sim["rv"] = ctx.store_rv()
    ctx.rv_mark = ctx.store_rv()
    ctx.notifications = 0


def run_until(api: Any, done: Callable[[], bool], deadline: datetime, env: Any = None) -> bool:
    """Move time forward until ``done()`` or ``deadline``; True when done.

    With a fixed clock (``MINIKUBECTL_NOW``) simulated time jumps from timer to timer
    and nothing sleeps; with the real clock the command sleeps until each timer is due.
    """
    ctx = context(api)
    settle(api)
    limit = to_ms(deadline)
    real_clock = env is not None and not getattr(env, "fixed_clock", True)
    while not done():
        nxt = ctx.queue.next_time()
        if nxt is None or nxt > limit:
            if real_clock and ctx.now_ms < limit:
                _time.sleep((limit - ctx.now_ms) / 1000)
            _step_to(api, ctx, max(ctx.now_ms, limit), env)
            return done()
        if real_clock and nxt > ctx.now_ms:
            _time.sleep((nxt - ctx.now_ms) / 1000)
        _step_to(api, ctx, max(nxt, ctx.now_ms), env)
    return True


def _step_to(api: Any, ctx: SimContext, ms: int, env: Any) -> None:
    moment = from_ms(ms)
    if env is not None and hasattr(env, "advance_clock"):
        env.advance_clock(moment)
    advance(api, moment)
    settle(api)


def wait_until_gone(api: Any, pending: list, env: Any) -> None:
    """``delete --wait``: advance until every pending object is gone (or its uid changed)."""
    def gone() -> bool:
        for resource, obj in pending:
            meta = obj.get("metadata", {})
            current = api.tracker.peek(resource, meta.get("namespace"), meta.get("name", ""))
            if current is not None and current["metadata"].get("uid") == meta.get("uid"):
                return False
        return True

    run_until(api, gone, from_ms(to_ms(api.now) + WAIT_LIMIT_MS), env)


# -- internals ------------------------------------------------------------------------------
def _sim_time(api: Any) -> int | None:
    from minikubectl.sim.clock import parse_ms
    return parse_ms(api.tracker.state.get("simTime"))


def _set_sim_time(api: Any, ms: int) -> None:
    current = _sim_time(api)
    if current is None or ms > current:
        # Not a reason to save on its own: timers carry absolute times.
        api.tracker.state["simTime"] = stamp(ms)


def _run_timers(ctx: SimContext, until_ms: int) -> None:
    from minikubectl.sim import dispatch

    while True:
        due = ctx.queue.pop_due(until_ms)
        if due is None:
            return
        at, batch = due
        ctx.touch()
        ctx.set_time(max(at, ctx.now_ms))
        for payload in batch:
            dispatch.on_timer(ctx, payload)
        _reconcile(ctx)


def _reconcile(ctx: SimContext) -> None:
    from minikubectl.sim import dispatch

    for _ in range(MAX_ROUNDS):
        if not ctx.dirty and not ctx.deleted:
            return
        deleted, ctx.deleted = ctx.deleted, []
        for resource, obj in deleted:
            dispatch.on_deleted(ctx, resource, obj)
        batch = list(ctx.dirty)
        ctx.dirty.clear()
        batch.sort(key=lambda key: dispatch.PRIORITY.get(key[0], 9))
        for key in batch:
            dispatch.on_changed(ctx, key)
