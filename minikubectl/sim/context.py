"""The simulation's working context for one command: API server, clock, queue, dirty set.

The API server calls :meth:`SimContext.on_write` after every write. The context
remembers which objects changed (the "watch" of the controllers) so that the
reconcile loop only looks at what changed, never at every object. Writes that
bypass the API server hooks are detected by comparing the store's resourceVersion
counter with the number of notifications seen; then one full scan catches up.
"""

from __future__ import annotations

from typing import Any

from minikubectl.api.registry import ResourceType
from minikubectl.golang.structs import dataclass, field
from minikubectl.sim.clock import TimerQueue, from_ms, stamp, to_ms
from minikubectl.store.apiserver import ApiServer

# Kinds the simulation reacts to (storage keys).
WATCHED = ("namespaces", "nodes", "deployments.apps", "replicasets.apps", "pods", "jobs.batch", "cronjobs.batch",
           "statefulsets.apps", "daemonsets.apps", "poddisruptionbudgets.policy",
           "horizontalpodautoscalers.autoscaling")

Key = tuple[str, str | None, str]  # (storage_key, namespace, name)


@dataclass
class SimContext:
    """Everything the controllers share while the simulation runs inside one command."""

    api: ApiServer
    sim: dict[str, Any]
    queue: TimerQueue
    now_ms: int
    dirty: dict[Key, None] = field(default_factory=dict)
    deleted: list[tuple[ResourceType, dict[str, Any]]] = field(default_factory=list)
    notifications: int = 0
    rv_mark: int = 0
    owner_index: dict[str, dict[Key, None]] | None = None
    node_usage: dict[str, dict[str, float]] | None = None
    forced: set[str] = field(default_factory=set)  # pod keys whose scheduling retry is due
    _resources: dict[str, ResourceType] = field(default_factory=dict)
    _network: Any = None
    _network_replan_due: bool = False

    # -- resources and time -----------------------------------------------------------
    def res(self, plural: str) -> ResourceType:
        """The resource type of a built-in storage key (cached)."""
        found = self._resources.get(plural)
        if found is None:
            found = self.api.registry.by_qualified_plural(plural)
            assert found is not None, plural
            self._resources[plural] = found
        return found

    def network(self) -> Any:
        """The cluster network the containers reach (DNS, Services); built on first use."""
        if self._network is None:
            from minikubectl.sim.cluster_network import ClusterNetwork

            def list_objects(plural: str) -> list[dict[str, Any]]:
                return self.api.list(self.res(plural), None, copy_objects=False)

            def launch_of(pod: dict[str, Any], container: str) -> dict[str, Any] | None:
                rec = (self.sim.get("pods") or {}).get(pod["metadata"].get("uid", "")) or {}
                return ((rec.get("c") or {}).get(container) or {}).get("launch")

            self._network = ClusterNetwork(list_objects, launch_of, lambda: self.now_ms * 1_000_000)
        return self._network

    def set_time(self, ms: int) -> None:
        """Move the simulated instant (the API server stamps writes with it)."""
        self.now_ms = ms
        self.api.now = from_ms(ms)

    def stamp(self) -> str:
        """The current instant as an object timestamp."""
        return stamp(self.now_ms)

    def schedule(self, at_ms: int, payload: dict[str, Any]) -> None:
        """Add a timer to the persisted queue."""
        self.queue.push(max(int(at_ms), self.now_ms), payload)
        self.api.tracker.dirty = True

    def touch(self) -> None:
        """Mark the state as changed (sim bookkeeping outside objects)."""
        self.api.tracker.dirty = True

    # -- the watch ------------------------------------------------------------------
    def on_write(self, event: str, resource: ResourceType, obj: dict[str, Any]) -> None:
        """API server hook: remember the changed object; keep indexes current."""
        self.notifications += 1
        meta = obj.get("metadata", {})
        key: Key = (resource.storage_key, meta.get("namespace"), meta.get("name", ""))
        if event == "delete":
            self.deleted.append((resource, obj))
            self._unindex(key)
        else:
            self._index(key, obj)
        if resource.storage_key in WATCHED or event == "delete" or meta.get("deletionTimestamp"):
            self.dirty[key] = None
        if resource.storage_key == "pods" and event == "delete":
            self.node_usage = None  # a bound pod left its node; rebuild usage lazily
        if resource.storage_key in ("pods", "services"):
            if self._network is not None:
                self._network.forget()  # DNS and endpoints follow the cluster
            if self.sim.get("netwait") and not self._network_replan_due:
                # Programs waiting on the network may take another course: the kubelet plans
                # them again once this instant's writes are done.
                self._network_replan_due = True
                self.schedule(self.now_ms, {"k": "netwait"})

    def network_replan_started(self) -> None:
        """The re-planning timer runs: later writes need a new one."""
        self._network_replan_due = False

    def put_raw(self, resource: ResourceType, obj: dict[str, Any]) -> dict[str, Any]:
        """Store an object directly (events), keeping the resourceVersion accounting right.

        Returns the stored object itself: read it, never change it."""
        self.notifications += 1
        return self.api.tracker.put(resource, obj, copy_back=False)

    def remove_raw(self, resource: ResourceType, namespace: str | None, name: str) -> dict[str, Any]:
        """Remove an object directly without notifying controllers (events)."""
        self.notifications += 1
        return self.api.tracker.remove(resource, namespace, name)

    def expected_rv(self) -> int:
        """The store revision if every write went through the hooks."""
        return self.rv_mark + self.notifications

    def store_rv(self) -> int:
        """The store's current revision counter."""
        return int(self.api.tracker.state.get("resourceVersion", 0))

    def full_scan(self) -> None:
        """Mark every watched object dirty (after writes the hooks did not see)."""
        for plural in WATCHED:
            resource = self.res(plural)
            for obj in self.api.tracker.iter_stored(resource):
                meta = obj["metadata"]
                self.dirty[(plural, meta.get("namespace"), meta["name"])] = None
        self.owner_index = None
        self.node_usage = None
        self.rv_mark = self.store_rv()
        self.notifications = 0

    # -- owner index ------------------------------------------------------------------
    def _index(self, key: Key, obj: dict[str, Any]) -> None:
        if self.owner_index is None:
            return
        self._unindex(key)
        for ref in obj.get("metadata", {}).get("ownerReferences") or []:
            uid = ref.get("uid")
            if uid:
                self.owner_index.setdefault(uid, {})[key] = None

    def _unindex(self, key: Key) -> None:
        if self.owner_index is None:
            return
        for owned in self.owner_index.values():
            owned.pop(key, None)

    def dependents(self, owner_uid: str) -> list[tuple[ResourceType, dict[str, Any]]]:
        """Stored objects whose ownerReferences name ``owner_uid`` (index built once per command)."""
        if self.owner_index is None:
            index: dict[str, dict[Key, None]] = {}
            for plural in self.api.tracker.resource_keys():
                resource = self.api.registry.by_qualified_plural(plural)
                if resource is None or plural == "events":
                    continue
                for obj in self.api.tracker.iter_stored(resource):
                    meta = obj["metadata"]
                    for ref in meta.get("ownerReferences") or []:
                        if ref.get("uid"):
                            index.setdefault(ref["uid"], {})[(plural, meta.get("namespace"), meta["name"])] = None
            self.owner_index = index
        found = []
        for plural, ns, name in list(self.owner_index.get(owner_uid, {})):
            resource = self.api.registry.by_qualified_plural(plural)
            obj = self.api.tracker.peek(resource, ns, name) if resource else None
            if obj is not None:
                found.append((resource, obj))
        return found

    # -- object helpers ---------------------------------------------------------------
    def peek(self, plural: str, namespace: str | None, name: str) -> dict[str, Any] | None:
        """The stored object itself (read-only) or None."""
        return self.api.tracker.peek(self.res(plural), namespace, name)

    def write_status(self, plural: str, obj: dict[str, Any],
                     manager: str | None = "kube-controller-manager", *, handed_over: bool = False) -> dict[str, Any]:
        """Store a controller's change to an object (status or bookkeeping fields).

        ``manager``: the component recorded in managedFields (None for a binding).
        ``handed_over``: see ApiServer.write_status (no copies made; read the result only).
        """
        return self.api.write_status(self.res(plural), obj, manager, handed_over=handed_over)


def copy_of(obj: dict[str, Any]) -> dict[str, Any]:
    """A deep copy (controllers never edit stored objects in place)."""
    from minikubectl.store.tracker import clone
    return clone(obj)


def now_ms_of(api: ApiServer) -> int:
    """The API server's current instant in epoch milliseconds."""
    return to_ms(api.now)
