"""API-server semantics over the tracker: namespaces, names, defaults, deletion rules.

This is what a real API server does on each request, minus HTTP: checks that the
namespace exists and is not terminating, fills in defaults and identity, refuses
duplicates and stale writes, and turns a delete into graceful deletion where the
kind calls for it. Controllers and the kubelet live in ``minikubectl.sim``.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Callable, Iterator

from minikubectl.api import errors
from minikubectl.api.omitempty import drop_empty
from minikubectl.api.registry import Registry, ResourceType, builtin_registry
from minikubectl.golang.structs import dataclass
from minikubectl.store import field_manager
from minikubectl.store.tracker import Tracker, clone, format_time

if TYPE_CHECKING:
    from minikubectl.store import rbac
    from minikubectl.store.rbac import Authorizer

SYSTEM_NAMESPACES = ("default", "kube-node-lease", "kube-public", "kube-system")
# Kinds whose metadata.generation the API server maintains.
_GENERATION_KINDS = {"Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob",
                     "ReplicationController", "HorizontalPodAutoscaler", "PodDisruptionBudget",
                     "Ingress", "NetworkPolicy", "CustomResourceDefinition"}
FOREGROUND_FINALIZER = "foregroundDeletion"
CONTROLLER_MANAGER = "kube-controller-manager"
ORPHAN_FINALIZER = "orphan"


def _placed(resource: ResourceType, obj: dict[str, Any], namespace: str) -> dict[str, Any]:
    """A copy of ``obj`` with the resource's apiVersion/kind and its namespace (the object's
    own, else ``namespace``; none for a cluster-scoped kind)."""
    obj = clone(obj)
    obj["apiVersion"] = resource.api_version
    obj["kind"] = resource.kind
    meta = obj.get("metadata")
    if not isinstance(meta, dict):
        meta = obj["metadata"] = {}
    if resource.namespaced:
        meta["namespace"] = meta.get("namespace") or namespace
    else:
        meta.pop("namespace", None)
    return obj


@dataclass
class DeferredWrites:
    """Writes made before the simulation was loaded, replayed to it when it starts.

    ``revision`` is the store's revision when deferral began (the simulation had seen
    every write up to it).
    """

    revision: int
    events: list[tuple[str, ResourceType, dict[str, Any]]]


@dataclass
class DeleteResult:
    """What a delete did: ``gone`` when the object no longer exists."""

    obj: dict[str, Any]
    gone: bool


class ApiServer:
    """Requests against the stored cluster, with the API server's rules."""

    def __init__(self, tracker: Tracker, now: datetime, registry: Registry | None = None) -> None:
        self.tracker = tracker
        self.now = now
        self.registry = registry or builtin_registry()
        # The requesting user's RBAC check while a verb runs (None: unrestricted, as for
        # cluster-admin and for the simulation's own controllers).
        self.authorizer: "Authorizer | None" = None
        # Called after every successful write; the simulation uses it to react.
        self.on_write: list[Callable[[str, ResourceType, dict[str, Any]], None]] = []
        # Set while the simulation is deferred (nothing was due when the command began).
        self.deferred_writes: DeferredWrites | None = None
        # Who writes, for managedFields: the client's field manager while a verb runs,
        # else the simulation's controllers.
        self.field_manager: str = CONTROLLER_MANAGER

    def defer_simulation(self) -> None:
        """Record writes for the simulation instead of running it now (see DeferredWrites)."""
        self.deferred_writes = DeferredWrites(int(self.tracker.state.get("resourceVersion", 0)), [])

    # -- helpers ---------------------------------------------------------------------
    def resource_for(self, obj: dict[str, Any]) -> ResourceType:
        """The resource serving an object's apiVersion/kind (kubectl's mapping error if none)."""
        api_version = obj.get("apiVersion", "")
        kind = obj.get("kind", "")
        resource = self.registry.for_kind(api_version, kind)
        if resource is None:
            raise errors.ClientError(
                f'no matches for kind "{kind}" in version "{api_version}"')
        return resource

    def namespace_of(self, resource: ResourceType, obj: dict[str, Any], default: str) -> str | None:
        """The namespace an object lands in (None for cluster-scoped kinds)."""
        if not resource.namespaced:
            return None
        return obj.get("metadata", {}).get("namespace") or default

    def _check_namespace(self, resource: ResourceType, namespace: str | None, creating: bool) -> None:
        if not resource.namespaced:
            return
        ns_res = self.registry.by_qualified_plural("namespaces")
        assert ns_res is not None
        ns = self.tracker.peek(ns_res, None, namespace or "")
        if ns is None:
            raise errors.not_found("namespaces", namespace or "")
        if creating and ns.get("status", {}).get("phase") == "Terminating":
            raise errors.forbidden(
                f'{resource.qualified_plural} "{{name}}" is forbidden: unable to create new content in '
                f"namespace {namespace} because it is being terminated")

    def _notify(self, event: str, resource: ResourceType, obj: dict[str, Any]) -> None:
        if self.deferred_writes is not None:
            self.deferred_writes.events.append((event, resource, obj))
        for hook in self.on_write:
            hook(event, resource, obj)

    # -- reads -----------------------------------------------------------------------
    def get(self, resource: ResourceType, namespace: str | None, name: str) -> dict[str, Any]:
        """GET one object (NotFound when absent)."""
        if self.authorizer is not None:
            self.authorizer.check("get", resource, namespace, name)
        obj = self.tracker.get(resource, namespace if resource.namespaced else None, name)
        obj.setdefault("kind", resource.kind)
        obj.setdefault("apiVersion", resource.api_version)
        return obj

    def fork(self, now: datetime) -> "ApiServer":
        """A private API server over a copy of this one's state (for simulating ahead: watches)."""
        return ApiServer(Tracker(copy.deepcopy(self.tracker.state)), now, self.registry)

    @contextmanager
    def random_draws_undone(self) -> Iterator[None]:
        """Undo the random draws (names, IPs) made inside: dry runs leave the state as found."""
        entropy = self.tracker.state.get("entropy")
        try:
            yield
        finally:
            if entropy is None:
                self.tracker.state.pop("entropy", None)
            else:
                self.tracker.state["entropy"] = entropy

    def random_suffix(self, length: int = 5, purpose: str = "client") -> str:
        """Characters from the name alphabet for a client-chosen name, reproducible under the state's seed."""
        return self.tracker.random_string(length, purpose)

    def update_ephemeral_containers(self, namespace: str, name: str,
                                    containers: list[dict[str, Any]]) -> dict[str, Any]:
        """PUT pods/NAME/ephemeralcontainers: ephemeral containers may be added, never changed or removed."""
        pods = self.registry.by_qualified_plural("pods")
        assert pods is not None
        current = self.get(pods, namespace, name)
        existing = (current.get("spec") or {}).get("ephemeralContainers") or []
        if containers[:len(existing)] != existing:
            raise errors.invalid("Pod", name, [errors.Cause(
                "spec.ephemeralContainers", "Forbidden: existing ephemeral containers may not be changed")])
        seen = {c.get("name") for c in (current["spec"].get("containers") or []) +
                (current["spec"].get("initContainers") or []) + existing}
        for index, container in enumerate(containers[len(existing):], start=len(existing)):
            if container.get("name") in seen:
                raise errors.invalid("Pod", name, [errors.Cause(
                    f"spec.ephemeralContainers[{index}].name", f'Duplicate value: "{container.get("name")}"')])
            seen.add(container.get("name"))
        changed = copy.deepcopy(current)
        changed["spec"]["ephemeralContainers"] = copy.deepcopy(containers)
        return self.write_status(pods, changed)

    def peek(self, resource: ResourceType, namespace: str | None, name: str) -> dict[str, Any] | None:
        """GET one object for reading only (the stored object itself, not a copy); None when absent."""
        return self.tracker.peek(resource, namespace if resource.namespaced else None, name)

    def list(self, resource: ResourceType, namespace: str | None = None,
             copy_objects: bool = True, labels: Callable[[Any], bool] | None = None,
             table_rows: bool = False) -> list[dict[str, Any]]:
        """LIST in storage order; every item carries apiVersion and kind.

        ``copy_objects=False`` hands out the stored objects themselves: only for callers
        that never change them (printing a large list without copying it is much faster).
        ``labels`` (a label selector's ``matches``) lets storage skip objects by their
        indexed labels without decoding them; the result may still hold non-matching ones.
        ``table_rows=True`` (read-only as well) asks, like kubectl's ``as=Table`` request, only
        for what a table or name listing prints: each item is its type's table projection.
        """
        if self.authorizer is not None:
            self.authorizer.check("list", resource, namespace)
        ns = namespace if resource.namespaced else None
        if table_rows:
            items = self.tracker.table_rows(resource, ns, labels)
        elif copy_objects:
            items = self.tracker.list(resource, ns, labels)
        else:
            items = list(self.tracker.iter_stored(resource, ns, labels))
        for obj in items:
            obj.setdefault("kind", resource.kind)
            obj.setdefault("apiVersion", resource.api_version)
        return items

    # -- reviews ---------------------------------------------------------------------
    def access_review(self, user: str, groups: tuple[str, ...], request: "rbac.Request") -> bool:
        """A SelfSubjectAccessReview: may this user do the request? (Anyone may ask.)"""
        from minikubectl.store import rbac

        return rbac.review(self.tracker, rbac.Subject(user, groups), request)

    def rules_review(self, user: str, groups: tuple[str, ...], namespace: str) -> list[dict[str, Any]]:
        """A SelfSubjectRulesReview: the rules that apply to the user in the namespace."""
        from minikubectl.store import rbac

        return rbac.effective_rules(self.tracker, rbac.Subject(user, groups), namespace)

    # -- writes ----------------------------------------------------------------------
    def create(self, resource: ResourceType, obj: dict[str, Any], namespace: str,
               dry_run: bool = False, *, managed_fields: list[dict[str, Any]] | None = None,
               copy_result: bool = True) -> dict[str, Any]:
        """POST: validate, default, identify and store a new object.

        ``managed_fields``: set by server-side apply (else the writer's Update entry is recorded).
        ``copy_result=False``: the stored object itself is returned, for a caller that only
        reads it (prints it), as ``list(copy_objects=False)`` does.
        """
        if self.authorizer is not None:
            self.authorizer.check("create", resource, self.namespace_of(resource, obj, namespace))
        obj = _placed(resource, obj, namespace)
        meta = obj["metadata"]
        if not meta.get("name") and meta.get("generateName"):
            meta["name"] = str(meta["generateName"]) + self.tracker.random_string(5, "generateName")
        self._validate_create(resource, obj)
        name = meta["name"]
        ns = meta.get("namespace")
        try:
            self._check_namespace(resource, ns, creating=True)
        except errors.StatusError as exc:
            if exc.reason == "Forbidden":
                raise errors.forbidden(exc.message.replace("{name}", name)) from None
            raise
        if self.tracker.peek(resource, ns, name) is not None:
            raise errors.already_exists(resource.qualified_plural, name)
        meta = obj["metadata"]
        for key in ("uid", "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds",
                    "creationTimestamp", "generation", "managedFields"):
            meta.pop(key, None)
        # The uid comes first: a Job's generated selector is built from it.
        meta["uid"] = self.tracker.new_uid(f"{resource.storage_key}/{ns}/{name}")
        meta["creationTimestamp"] = format_time(self.now)
        obj = self._defaulted(resource, obj)
        meta = obj["metadata"]
        if resource.kind in _GENERATION_KINDS:
            meta["generation"] = 1
        drop_empty(obj)
        if managed_fields is not None:
            meta["managedFields"] = managed_fields
        else:
            field_manager.record_update(None, obj, self.field_manager, format_time(self.now))
        if dry_run:
            return clone(obj)
        stored = self.tracker.put(resource, obj, copy_back=copy_result)
        if resource.kind == "Namespace":
            self._populate_namespace(name)
        self._notify("create", resource, stored)
        return stored

    def _populate_namespace(self, namespace: str) -> None:
        """What the service-account and root-CA controllers add to a new namespace."""
        from minikubectl.store.cluster import namespace_children

        for plural, child in namespace_children(namespace):
            resource = self.registry.by_qualified_plural(plural)
            meta = child["metadata"]
            if resource is None or self.tracker.peek(resource, namespace, meta["name"]) is not None:
                continue
            meta["uid"] = self.tracker.new_uid(f"{plural}/{namespace}/{meta['name']}")
            meta["creationTimestamp"] = format_time(self.now)
            self.tracker.put(resource, child)

    def _validate_create(self, resource: ResourceType, obj: dict[str, Any]) -> None:
        from minikubectl.store import admission

        causes = admission.validate(resource, obj)
        if causes:
            raise errors.invalid(resource.kind, str(obj["metadata"].get("name", "")), causes)

    def _defaulted(self, resource: ResourceType, obj: dict[str, Any]) -> dict[str, Any]:
        from minikubectl.store import admission

        return admission.default(resource, obj, self)

    def update(self, resource: ResourceType, obj: dict[str, Any], dry_run: bool = False,
               check_version: bool = True, *, applied: bool = False,
               subresource: str = "", verb: str = "update") -> dict[str, Any]:
        """PUT: replace the stored object, refusing a stale resourceVersion.

        ``applied``: the object is server-side apply's result, managedFields already set.
        ``subresource``: the endpoint written (``scale``), as recorded in managedFields.
        ``verb``: what RBAC authorizes: ``patch`` for a client's PATCH computed into this update.
        """
        obj = clone(obj)
        meta = obj.setdefault("metadata", {})
        ns = meta.get("namespace") if resource.namespaced else None
        name = meta.get("name", "")
        if self.authorizer is not None:
            self.authorizer.check(verb, resource, ns, name, subresource)
        current = self.tracker.peek(resource, ns, name)
        if current is None:
            raise errors.not_found(resource.qualified_plural, name)
        wanted = meta.get("resourceVersion")
        # "0" is no precondition at all, as for the API server.
        if check_version and wanted and wanted != "0" and wanted != current["metadata"].get("resourceVersion"):
            raise errors.conflict(resource.qualified_plural, name)
        from minikubectl.api import validation

        causes = validation.validate_update(resource, obj)
        if resource.kind == "Pod":
            causes += validation.validate_pod_update(current, obj)
        elif resource.kind == "Service" and not resource.group:
            validation.normalize_service_cluster_ips(current, obj)
            causes += validation.validate_service_update(current, obj)
        if causes:
            raise errors.invalid(resource.kind, name, causes)
        cur_meta = current["metadata"]
        # Identity and server-owned metadata cannot be changed by a client.
        for key in ("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds"):
            if key in cur_meta:
                meta[key] = cur_meta[key]
            else:
                meta.pop(key, None)
        if "generation" in cur_meta:
            changed = {k: v for k, v in obj.items() if k not in ("metadata", "status")} != \
                {k: v for k, v in current.items() if k not in ("metadata", "status")}
            meta["generation"] = cur_meta["generation"] + (1 if changed else 0)
        obj["apiVersion"] = resource.api_version
        obj["kind"] = resource.kind
        from minikubectl.api.defaults import apply_scheme_defaults
        obj = drop_empty(apply_scheme_defaults(obj))
        if not applied:
            field_manager.record_update(current, obj, self.field_manager, format_time(self.now),
                                        subresource=subresource)
        if dry_run:
            return obj
        stored = self.tracker.put(resource, obj)
        self._notify("update", resource, stored)
        # An object whose last finalizer was removed during deletion goes away now.
        if stored["metadata"].get("deletionTimestamp") and not stored["metadata"].get("finalizers") \
                and resource.kind not in ("Pod", "Namespace"):
            self.tracker.remove(resource, ns, name)
            self._notify("delete", resource, stored)
        return stored

    def server_side_apply(self, resource: ResourceType, config: dict[str, Any], namespace: str, *,
                          manager: str, force: bool = False, dry_run: bool = False) -> dict[str, Any]:
        """PATCH with an apply configuration (server-side apply): create, or merge into the
        live object with field ownership; a Conflict when another manager's field would change."""
        config = _placed(resource, config, namespace)
        meta = config["metadata"]
        ns = meta.get("namespace") if resource.namespaced else None
        name = str(meta.get("name") or "")
        if self.authorizer is not None:
            self.authorizer.check("patch", resource, ns, name)
        live = self.tracker.peek(resource, ns, name)
        now = format_time(self.now)
        if live is None:
            merged = field_manager.apply(None, config, manager, now, force)
            fields = merged["metadata"].pop("managedFields", None) or []
            return self.create(resource, merged, namespace, dry_run, managed_fields=fields)
        merged = field_manager.apply(clone(live), config, manager, now, force)
        return self.update(resource, merged, dry_run=dry_run, check_version=False, applied=True)

    def create_token(self, namespace: str, name: str, audiences: list[str], seconds: int | None,
                     bound: dict[str, str] | None) -> dict[str, Any]:
        """POST to a service account's ``token`` subresource: a TokenRequest with its token."""
        from minikubectl.api import tokens

        accounts = self.registry.by_qualified_plural("serviceaccounts")
        assert accounts is not None
        if self.authorizer is not None:
            self.authorizer.check("create", accounts, namespace, name, "token")
        account = self.tracker.peek(accounts, namespace, name)
        if account is None:
            raise errors.not_found("serviceaccounts", name)
        ref: dict[str, str] | None = None
        if bound:
            target = self.registry.by_qualified_plural(bound["kind"].lower() + "s")
            scope = namespace if target is not None and target.namespaced else None
            live = self.tracker.peek(target, scope, bound["name"]) if target is not None else None
            if live is None:
                raise errors.not_found(bound["kind"].lower() + "s", bound["name"])
            uid = str(live["metadata"].get("uid", ""))
            if bound.get("uid") and bound["uid"] != uid:
                raise errors.conflict(bound["kind"].lower() + "s", bound["name"])
            ref = {"kind": bound["kind"], "apiVersion": "v1", "name": bound["name"], "uid": uid}
        lifetime = seconds or tokens.DEFAULT_SECONDS
        issued = int(self.now.timestamp())
        token = tokens.service_account_token(
            namespace, name, account_uid=str(account["metadata"].get("uid", "")),
            audiences=audiences or None, issued_at=issued, seconds=lifetime,
            bound={"kind": ref["kind"], "name": ref["name"], "uid": ref["uid"]} if ref else None,
            token_id=self.tracker.new_uid(f"tokenrequest/{namespace}/{name}/{issued}"))
        spec: dict[str, Any] = {"audiences": audiences or [tokens.ISSUER], "expirationSeconds": lifetime}
        if ref:
            spec["boundObjectRef"] = ref
        return {"kind": "TokenRequest", "apiVersion": "authentication.k8s.io/v1",
                "metadata": {"name": name, "namespace": namespace, "creationTimestamp": format_time(self.now)},
                "spec": spec,
                "status": {"token": token,
                           "expirationTimestamp": format_time(self.now + timedelta(seconds=lifetime))}}

    def write_status(self, resource: ResourceType, obj: dict[str, Any],
                     manager: str | None = CONTROLLER_MANAGER, *, handed_over: bool = False) -> dict[str, Any]:
        """Store a controller's/kubelet's change as is (no generation bump, no checks).

        ``manager``: who is recorded in managedFields (None: not recorded, as for a binding).
        ``handed_over``: the caller gives ``obj`` to the store (a copy it made for this write)
        and gets the stored object back, both only to read from then on: no copies are made.
        """
        if not handed_over:
            obj = clone(obj)
        if manager is not None:
            meta = obj.get("metadata") or {}
            old = self.tracker.peek(resource, meta.get("namespace") if resource.namespaced else None,
                                    str(meta.get("name", "")))
            if old is not None:
                field_manager.record_update(old, obj, manager, format_time(self.now), status_write=True)
        stored = self.tracker.put(resource, obj, copy_back=not handed_over)
        self._notify("update", resource, stored)
        return stored

    def evict(self, namespace: str, name: str, grace_period: int | None = None, dry_run: bool = False) -> None:
        """POST to a pod's ``eviction`` subresource (a delete that honours disruption budgets)."""
        from minikubectl.store import eviction
        eviction.evict(self, namespace, name, grace_period, dry_run)

    def delete(self, resource: ResourceType, namespace: str | None, name: str, *,
               grace_period: int | None = None, propagation: str | None = None,
               dry_run: bool = False) -> DeleteResult:
        """DELETE with graceful deletion for pods, finalizers, and namespace protection."""
        ns = namespace if resource.namespaced else None
        if self.authorizer is not None:
            self.authorizer.check("delete", resource, ns, name)
        current = self.tracker.peek(resource, ns, name)
        if current is None:
            raise errors.not_found(resource.qualified_plural, name)
        if resource.kind == "Namespace" and name in SYSTEM_NAMESPACES[0:1] + SYSTEM_NAMESPACES[2:]:
            raise errors.forbidden(
                f'namespaces "{name}" is forbidden: this namespace may not be deleted')
        obj = clone(current)
        if dry_run:
            return DeleteResult(obj, gone=True)
        meta = obj["metadata"]
        if propagation == "Orphan":
            self._orphan_dependents(meta.get("uid"))
        graceful = self._grace_seconds(resource, obj, grace_period)
        finalizers = list(meta.get("finalizers") or [])
        if propagation == "Foreground" and self._has_dependents(meta.get("uid")):
            if FOREGROUND_FINALIZER not in finalizers:
                finalizers.append(FOREGROUND_FINALIZER)
        if graceful is None and not finalizers and resource.kind != "Namespace":
            removed = self.tracker.remove(resource, ns, name)
            self._notify("delete", resource, removed)
            return DeleteResult(removed, gone=True)
        # Graceful: mark the object; the simulation finishes the job.
        if not meta.get("deletionTimestamp"):
            grace = graceful or 0
            meta["deletionTimestamp"] = format_time(self.now + timedelta(seconds=grace))
            meta["deletionGracePeriodSeconds"] = grace
        elif graceful is not None and graceful < meta.get("deletionGracePeriodSeconds", graceful + 1):
            # A shorter grace period on a second delete moves the deadline earlier.
            meta["deletionTimestamp"] = format_time(self.now + timedelta(seconds=graceful))
            meta["deletionGracePeriodSeconds"] = graceful
        if finalizers:
            meta["finalizers"] = finalizers
        if resource.kind == "Namespace":
            obj.setdefault("status", {})["phase"] = "Terminating"
        stored = self.tracker.put(resource, obj)
        self._notify("delete-requested", resource, stored)
        return DeleteResult(stored, gone=False)

    def finalize(self, resource: ResourceType, namespace: str | None, name: str) -> dict[str, Any]:
        """Finish a deletion whose finalization is done (the namespace controller's last step)."""
        removed = self.tracker.remove(resource, namespace if resource.namespaced else None, name)
        self._notify("delete", resource, removed)
        return removed

    def _grace_seconds(self, resource: ResourceType, obj: dict[str, Any],
                       requested: int | None) -> int | None:
        """Grace period for a pod that is bound to a node; None means delete at once."""
        if resource.kind != "Pod":
            return None
        spec = obj.get("spec", {})
        status = obj.get("status", {})
        grace = requested if requested is not None and requested >= 0 else \
            spec.get("terminationGracePeriodSeconds", 30)
        if not spec.get("nodeName") or status.get("phase") in ("Succeeded", "Failed") or grace == 0:
            return None
        return int(grace)

    def dependents(self, owner_uid: str | None) -> list[tuple[ResourceType, dict[str, Any]]]:
        """Stored objects whose ownerReferences name ``owner_uid``."""
        found: list[tuple[ResourceType, dict[str, Any]]] = []
        if not owner_uid:
            return found
        for key in self.tracker.resource_keys():
            resource = self.registry.by_qualified_plural(key)
            if resource is None:
                continue
            for obj in self.tracker.iter_stored(resource):
                refs = obj.get("metadata", {}).get("ownerReferences") or []
                if any(ref.get("uid") == owner_uid for ref in refs):
                    found.append((resource, obj))
        return found

    def _has_dependents(self, owner_uid: str | None) -> bool:
        return bool(self.dependents(owner_uid))

    def _orphan_dependents(self, owner_uid: str | None) -> None:
        for resource, obj in self.dependents(owner_uid):
            changed = clone(obj)
            refs = [r for r in changed["metadata"].get("ownerReferences", []) if r.get("uid") != owner_uid]
            if refs:
                changed["metadata"]["ownerReferences"] = refs
            else:
                changed["metadata"].pop("ownerReferences", None)
            self.write_status(resource, changed)
