"""Open the simulated cluster for one command: lock, load, catch up with the clock, save.

Every invocation first lets the simulation process what happened between the last
command and now (under the lock), then runs the verb, then lets controllers react to
the verb's writes at the same instant, and saves once if anything changed.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

from minikubectl.cli.context import Env
from minikubectl.store.apiserver import CONTROLLER_MANAGER, ApiServer

if TYPE_CHECKING:
    from datetime import datetime

    from minikubectl.store.rbac import Authorizer
    from minikubectl.store.tracker import Tracker


@contextmanager
def open_cluster(env: Env, state_flag: str | None = None, *, simulate: bool = True) -> Iterator[ApiServer]:
    """Yield the API server over the state file; save it afterwards when it changed."""
    from minikubectl.store import statefile
    from minikubectl.store.cluster import fresh_state
    from minikubectl.store.tracker import Tracker

    path = env.state_path(state_flag)
    now = env.now()
    with statefile.locked(path):
        state = statefile.read_state(path)
        created = state is None
        if state is None:
            state = fresh_state(now)
        tracker = Tracker(state)
        tracker.dirty = created or bool(getattr(state, "migrated", False))
        api = ApiServer(tracker, now, _registry_for(state))
        engine = None
        if simulate:
            if statefile.simulation_due(state, now):
                from minikubectl.sim import engine as engine_module
                engine = engine_module
                engine.advance(api, now)
            else:
                # Nothing is due: the simulation is not even imported unless the verb writes.
                api.defer_simulation()
        api.authorizer = _authorizer(env, tracker)
        # The verb's writes are the client's (kubectl's user agent names it "kubectl").
        api.field_manager = env.field_manager or "kubectl"
        try:
            yield api
        finally:
            # The controllers reacting to the verb act as the system, not as the user.
            api.authorizer = None
            api.field_manager = CONTROLLER_MANAGER
        if engine is not None or getattr(api, "_sim_context", None) is not None:
            # Run eagerly, or started by the verb itself (wait, delete --wait...).
            from minikubectl.sim import engine as engine_module
            engine_module.settle(api)
        elif api.deferred_writes is not None and (api.deferred_writes.events or tracker.dirty):
            from minikubectl.sim import engine as engine_module
            engine_module.settle_deferred(api, now)
        if tracker.dirty:
            statefile.write_state(path, state)
        import minikubectl
        if minikubectl.one_shot:
            minikubectl.keep_until_exit.append(state)


def snapshot(env: Env, state_flag: str | None, now: "datetime") -> ApiServer | None:
    """A read-only API server over one consistent snapshot of the state file (no lock, nothing saved).

    ``get --watch`` under the real clock re-reads the cluster this way, as a watch would see it.
    """
    from minikubectl.store import statefile
    from minikubectl.store.tracker import Tracker

    state = statefile.read_plain(env.state_path(state_flag))
    return None if state is None else ApiServer(Tracker(state), now, _registry_for(state))


def _authorizer(env: Env, tracker: "Tracker") -> "Authorizer | None":
    """The RBAC check for this invocation's user; None for cluster-admin (the default)."""
    if env.is_default_admin():
        return None
    identity = env.identity()
    from minikubectl.store.rbac import MASTERS_GROUP, Authorizer, Subject

    if MASTERS_GROUP in identity.groups:
        return None
    return Authorizer(tracker, Subject(identity.name, identity.groups))


def _registry_for(state: dict) -> "object":
    """The built-in registry plus the custom resources of established CRDs in this state."""
    from minikubectl.api.registry import Registry, builtin_registry

    crds = state.get("objects", {}).get("customresourcedefinitions.apiextensions.k8s.io")
    if not crds:
        return builtin_registry()
    from minikubectl.api.crd import resources_from_crd

    registry = Registry()
    for crd in crds.values():
        for resource in resources_from_crd(crd):
            registry.add_custom(resource)
    return registry
