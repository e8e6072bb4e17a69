"""The object tracker: raw storage of objects with uid and resourceVersion bookkeeping.

Objects live in ``state["objects"][<plural[.group]>]["<namespace>/<name>"]`` (cluster-
scoped: ``"<name>"``). Every write takes the next value of one store-wide counter as
the object's resourceVersion, like etcd's revision. Reads hand out deep copies so
callers can never change stored objects by accident.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Mapping

from minikubectl.api import errors
from minikubectl.api.jsoncopy import clone
from minikubectl.api.registry import ResourceType
from minikubectl.api.timefmt import format_time

__all__ = ["Tracker", "clone", "format_time", "object_key", "RANDOM_ALPHABET"]

RANDOM_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"
LabelPredicate = Callable[[Mapping[str, str]], bool]




def _memoized(predicate: LabelPredicate) -> LabelPredicate:
    """``predicate`` answered once per distinct label set (objects of one workload share theirs)."""
    seen: dict[tuple[tuple[str, str], ...], bool] = {}

    def accepts(labels: Mapping[str, str]) -> bool:
        key = tuple(labels.items())
        try:
            found = seen.get(key)
        except TypeError:  # an unhashable value (never from the index): no memo
            return bool(predicate(labels))
        if found is None:
            found = seen[key] = bool(predicate(labels))
        return found
    return accepts


def object_key(namespace: str | None, name: str) -> str:
    """Storage key of an object within its resource collection."""
    return f"{namespace}/{name}" if namespace else name


class Tracker:
    """CRUD over the state dict; no API semantics beyond uid/resourceVersion."""

    def __init__(self, state: dict[str, Any]) -> None:
        self.state = state
        self.dirty = False

    # -- identity and randomness -------------------------------------------------
    def next_resource_version(self) -> str:
        """Take the next store-wide revision."""
        self.state["resourceVersion"] = int(self.state.get("resourceVersion", 0)) + 1
        return str(self.state["resourceVersion"])

    def _entropy(self, purpose: str) -> bytes:
        self.state["entropy"] = int(self.state.get("entropy", 0)) + 1
        seed = f"{self.state.get('seed', '')}:{self.state['entropy']}:{purpose}"
        import hashlib  # only commands that create objects need it
        return hashlib.sha256(seed.encode()).digest()

    def random_string(self, length: int, purpose: str = "") -> str:
        """Deterministic 'random' characters from the API server's name alphabet."""
        digest = self._entropy(purpose or "name")
        return "".join(RANDOM_ALPHABET[b % len(RANDOM_ALPHABET)] for b in digest[:length])

    def new_uid(self, purpose: str = "") -> str:
        """A deterministic UUID v4-shaped uid."""
        h = bytearray(self._entropy(purpose or "uid")[:16])
        h[6] = (h[6] & 0x0F) | 0x40
        h[8] = (h[8] & 0x3F) | 0x80
        x = h.hex()
        return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"

    # -- storage ---------------------------------------------------------------------
    def _collection(self, resource: ResourceType, create: bool = False) -> dict[str, Any]:
        objects = self.state.setdefault("objects", {})
        if create:
            return objects.setdefault(resource.storage_key, {})
        return objects.get(resource.storage_key, {})

    def get(self, resource: ResourceType, namespace: str | None, name: str) -> dict[str, Any]:
        """A copy of the stored object; NotFound when absent."""
        stored = self.peek(resource, namespace, name)
        if stored is None:
            raise errors.not_found(resource.qualified_plural, name)
        return clone(stored)

    def peek(self, resource: ResourceType, namespace: str | None, name: str) -> dict[str, Any] | None:
        """The stored object itself (no copy) or None: for read-only internal use."""
        ns = namespace if resource.namespaced else None
        return self._collection(resource).get(object_key(ns, name))

    def iter_stored(self, resource: ResourceType, namespace: str | None = None,
                    labels: LabelPredicate | None = None) -> Iterator[dict[str, Any]]:
        """Stored objects (no copies) in storage-key order, optionally in one namespace.

        ``labels`` may skip objects whose labels it rejects without decoding them (from
        the index); callers still check the objects they get.
        """
        collection = self._collection(resource)
        keys = self._keys(collection, resource, namespace, labels)
        load_many = getattr(collection, "load_many", None)
        if load_many is not None:
            load_many(keys)  # chunk by chunk rather than object by object
        for key in keys:
            yield collection[key]

    def table_rows(self, resource: ResourceType, namespace: str | None = None,
                   labels: LabelPredicate | None = None) -> list[dict[str, Any]]:
        """As ``iter_stored``, but only each object's table projection where the type has one
        (api/table_projections): read-only, and much cheaper to decode than whole objects."""
        collection = self._collection(resource)
        keys = self._keys(collection, resource, namespace, labels)
        rows = getattr(collection, "table_rows", None)
        if rows is not None:
            return rows(keys)
        from minikubectl.api.table_projections import project_row, projection_for
        projection = projection_for(resource.storage_key)
        return [collection[key] if projection is None else project_row(projection, collection[key]) for key in keys]

    @staticmethod
    def _keys(collection: Any, resource: ResourceType, namespace: str | None,
              labels: LabelPredicate | None) -> list[str]:
        """The sorted storage keys of ``collection`` in ``namespace``, skipping those whose
        indexed labels ``labels`` rejects."""
        prefix = f"{namespace}/" if namespace and resource.namespaced else None
        labels_of = getattr(collection, "labels_of", None) if labels is not None else None
        if labels_of is not None:
            accepts = _memoized(labels)
            return [key for key in sorted(collection)
                    if (prefix is None or key.startswith(prefix)) and accepts(labels_of(key))]
        return [key for key in sorted(collection) if prefix is None or key.startswith(prefix)]

    def list(self, resource: ResourceType, namespace: str | None = None,
             labels: LabelPredicate | None = None) -> list[dict[str, Any]]:
        """Copies of the objects in storage-key order (bytes of ``namespace/name``)."""
        return [clone(obj) for obj in self.iter_stored(resource, namespace, labels)]

    def put(self, resource: ResourceType, obj: dict[str, Any], copy_back: bool = True) -> dict[str, Any]:
        """Store ``obj`` (already complete), bumping its resourceVersion; returns a copy
        (``copy_back=False``: the stored object itself, for callers that only read it)."""
        meta = obj.setdefault("metadata", {})
        meta["resourceVersion"] = self.next_resource_version()
        ns = meta.get("namespace") if resource.namespaced else None
        self._collection(resource, create=True)[object_key(ns, meta["name"])] = obj
        self.dirty = True
        return clone(obj) if copy_back else obj

    def remove(self, resource: ResourceType, namespace: str | None, name: str) -> dict[str, Any]:
        """Remove an object for good; NotFound when absent."""
        ns = namespace if resource.namespaced else None
        collection = self._collection(resource)
        key = object_key(ns, name)
        if key not in collection:
            raise errors.not_found(resource.qualified_plural, name)
        self.dirty = True
        self.next_resource_version()
        return collection.pop(key)

    def resource_keys(self) -> list[str]:
        """Storage keys of every collection present in the state."""
        return list(self.state.get("objects", {}))
