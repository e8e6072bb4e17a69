"""The API server's field manager: ``metadata.managedFields`` on every write, and apply.

Each entry names a manager, an operation (``Update`` for create/update/patch, ``Apply``
for server-side apply), the API version and, for status writes, the subresource; its
FieldsV1 lists the fields that manager set last. An update gives the writer the fields it
changed and takes them from everyone else; an apply gives the applier exactly the fields
of its configuration, refuses (unless forced) to change a field another manager set to a
different value, and removes the fields it stops applying that nobody else manages.
The rules follow k8s.io/apimachinery's fieldmanager and sigs.k8s.io/structured-merge-diff.
"""

from __future__ import annotations

import json
from typing import Any

from minikubectl.api import errors
from minikubectl.api import field_sets as fs
from minikubectl.api.field_sets import FieldSet, Path
from minikubectl.api.jsoncopy import clone

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
LAST_APPLIED_PATH: Path = ("f:metadata", "f:annotations", "f:" + LAST_APPLIED)
# Fields the server owns: never part of any manager's set.
_STRIPPED_META = ("name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName",
                  "generation", "managedFields", "resourceVersion", "deletionTimestamp",
                  "deletionGracePeriodSeconds")
_IGNORED_TOP = ("f:apiVersion", "f:kind")
_OPERATION_ORDER = {"Apply": 0, "Update": 1}

Key = tuple[str, str, str, str]  # manager, operation, subresource, apiVersion ("" for Apply)


def _ignored(path: Path) -> bool:
    if not path:
        return True
    if path[0] in _IGNORED_TOP:
        return True
    return path[0] == "f:metadata" and (len(path) == 1 or path[1][2:] in _STRIPPED_META)


def _without_server_fields(obj: dict[str, Any] | None) -> Any:
    if obj is None:
        return fs.MISSING
    out = {k: v for k, v in obj.items() if k not in ("apiVersion", "kind")}
    meta = out.get("metadata")
    if isinstance(meta, dict):
        out["metadata"] = {k: v for k, v in meta.items() if k not in _STRIPPED_META}
    return out


class ManagedFields:
    """An object's managedFields, decoded: key -> (field set, time)."""

    def __init__(self, entries: list[dict[str, Any]] | None) -> None:
        self.sets: dict[Key, FieldSet] = {}
        self.times: dict[Key, str | None] = {}
        # An Apply entry's key has no version (an applier keeps one entry): it is kept here.
        self.apply_versions: dict[Key, str] = {}
        for entry in entries or []:
            if not isinstance(entry, dict):
                continue
            key = _key(entry)
            self.sets[key] = self.sets.get(key, set()) | fs.from_fields_v1(entry.get("fieldsV1"))
            self.times[key] = entry.get("time")
            if key[1] == "Apply":
                self.apply_versions[key] = str(entry.get("apiVersion", ""))

    def _drop_empty(self) -> None:
        for key in [k for k, s in self.sets.items() if not s]:
            del self.sets[key]
            self.times.pop(key, None)

    def union(self, excluding: Key | None = None) -> FieldSet:
        """Every path some manager (other than ``excluding``) owns."""
        out: FieldSet = set()
        for key, paths in self.sets.items():
            if key != excluding:
                out |= paths
        return out

    def encode(self) -> list[dict[str, Any]]:
        """The stored form, in the API server's order (Apply first, then by time and manager)."""
        entries = []
        for key, paths in self.sets.items():
            manager, operation, subresource, api_version = key
            entry: dict[str, Any] = {"apiVersion": api_version or self.apply_versions.get(key, ""),
                                     "fieldsType": "FieldsV1", "fieldsV1": fs.to_fields_v1(paths),
                                     "manager": manager, "operation": operation}
            if subresource:
                entry["subresource"] = subresource
            if self.times.get(key):
                entry["time"] = self.times[key]
            entries.append(entry)
        entries.sort(key=_order)
        return entries

    def owners_of(self, path: Path, operation: str) -> list[str]:
        """The managers of ``operation`` whose set holds ``path``."""
        return [key[0] for key, paths in self.sets.items() if key[1] == operation and path in paths]


def _key(entry: dict[str, Any]) -> Key:
    operation = str(entry.get("operation", ""))
    return (str(entry.get("manager", "")), operation, str(entry.get("subresource", "") or ""),
            "" if operation == "Apply" else str(entry.get("apiVersion", "")))


def _apply_key(manager: str) -> Key:
    return (manager, "Apply", "", "")


def _decoded(obj: dict[str, Any] | None) -> ManagedFields:
    entries = ((obj or {}).get("metadata") or {}).get("managedFields")
    return ManagedFields(entries if isinstance(entries, list) else None)


def _store(obj: dict[str, Any], managed: ManagedFields) -> None:
    _set_entries(obj, managed.encode())


def _set_entries(obj: dict[str, Any], entries: list[dict[str, Any]]) -> None:
    """``metadata.managedFields`` set to ``entries`` (dropped when there are none)."""
    meta = obj.setdefault("metadata", {})
    if entries:
        meta["managedFields"] = entries
    else:
        meta.pop("managedFields", None)


def record_update(old: dict[str, Any] | None, new: dict[str, Any], manager: str, now: str, *,
                  status_write: bool = False, subresource: str = "") -> None:
    """Give ``manager`` the fields ``new`` changes from ``old`` (in place on ``new``).

    The entries ``new`` carries are the base (a client that sends managedFields replaces
    the stored ones); without any, the stored ones are kept. ``status_write``: a
    controller's write, whose status changes are recorded under the ``status``
    subresource; a client's write never owns status (the server resets it).
    ``subresource``: the endpoint of a client's write (``scale``).
    Works on the FieldsV1 trees: the cost follows the changed fields, not the object.
    """
    sent = (new.get("metadata") or {}).get("managedFields")
    if isinstance(sent, list):
        entries = [e for e in sent if isinstance(e, dict)]
    else:
        stored = ((old or {}).get("metadata") or {}).get("managedFields")
        entries = clone(stored) if isinstance(stored, list) else []  # the stored object's stay as they were
    api_version = str(new.get("apiVersion", ""))
    node = fs.root_node(api_version, str(new.get("kind", "")))
    before = _without_server_fields(old) if old is not None else {}
    after = _without_server_fields(new)
    if not status_write:  # a client's write never owns status: not even compared
        before.pop("status", None)
        after.pop("status", None)
    changed, removed = fs.change_trees(before, after, node)
    status_changed = changed.pop("f:status", None)
    status_removed = removed.pop("f:status", None)
    _take(entries, (manager, "Update", subresource, api_version), changed, removed, now)
    if status_write and (status_changed or status_removed):
        _take(entries, (manager, "Update", "status", api_version),
              {"f:status": status_changed} if status_changed else {},
              {"f:status": status_removed} if status_removed else {}, now)
    _set_entries(new, entries)


def _take(entries: list[dict[str, Any]], key: Key, changed: dict[str, Any], gone: dict[str, Any],
          now: str) -> None:
    """An Update by ``key``: it gets ``changed``; every other entry loses ``changed``, all lose ``gone``."""
    if not changed and not gone:
        return
    mine = None
    for entry in entries:
        tree = entry.get("fieldsV1")
        if not isinstance(tree, dict):
            continue
        if mine is None and _key(entry) == key:
            mine = entry
        if gone:
            fs.tree_difference(tree, gone)
        if changed and entry is not mine:
            fs.tree_difference(tree, changed)
    if changed:
        if mine is None:
            manager, operation, subresource, api_version = key
            mine = {"apiVersion": api_version, "fieldsType": "FieldsV1", "fieldsV1": {},
                    "manager": manager, "operation": operation}
            if subresource:
                mine["subresource"] = subresource
            entries.append(mine)
        fs.tree_union(mine["fieldsV1"], changed)
        mine["time"] = now
    entries[:] = [e for e in entries if e.get("fieldsV1")]
    entries.sort(key=_order)


def _order(entry: dict[str, Any]) -> tuple:
    return (_OPERATION_ORDER.get(str(entry.get("operation")), 2), str(entry.get("time") or ""),
            str(entry.get("manager", "")), str(entry.get("apiVersion", "")), str(entry.get("subresource", "")))


def apply(live: dict[str, Any] | None, config: dict[str, Any], manager: str, now: str,
          force: bool) -> dict[str, Any]:
    """Server-side apply of ``config`` onto ``live`` (None: create); the merged object.

    Raises the API server's Conflict when another manager set a field to another value.
    """
    api_version = str(config.get("apiVersion", ""))
    node = fs.root_node(api_version, str(config.get("kind", "")))
    applied = _without_server_fields(config)
    applied_set = {p for p in fs.field_set(applied, node) if not _ignored(p) and p[0] != "f:status"}
    before = _without_server_fields(live) if live is not None else {}
    merged = fs.merge(before, applied, node)
    managed = _decoded(live)
    key = _apply_key(manager)
    last = managed.sets.get(key)
    changed, removed = fs.compare(before, merged, node)
    changed = {p for p in changed if not _ignored(p)}
    conflicts = _conflicts(managed, key, changed)
    if conflicts and not force:
        allowed = _allowed_by_last_applied(live, node) if manager == "kubectl" else set()
        remaining = [(owner, path) for owner, path in conflicts if path not in allowed]
        if remaining:
            raise _conflict_error(remaining)
    for other in list(managed.sets):
        if other != key:
            managed.sets[other] = managed.sets[other] - changed - removed
    managed._drop_empty()
    managed.sets[key] = applied_set
    managed.apply_versions[key] = api_version
    if last:
        owned = applied_set | managed.union(excluding=key)
        # A map or item stays while anything under it is still owned.
        kept = owned | {path[:i] for path in owned for i in range(1, len(path))}
        fs.remove_paths(merged, last - kept)
    if merged != before or live is None:
        managed.times[key] = now
    else:
        managed.times.setdefault(key, now)
    if not applied_set:
        del managed.sets[key]
    result = {**merged, "apiVersion": config.get("apiVersion"), "kind": config.get("kind")}
    meta = result.setdefault("metadata", {})
    # Identity comes from the live object (or, on create, the configuration's name/namespace).
    source = (live if live is not None else config).get("metadata") or {}
    for name in _STRIPPED_META:
        if name in source and name != "managedFields":
            meta[name] = source[name]
    if manager == "kubectl" and LAST_APPLIED in (meta.get("annotations") or {}):
        # The server keeps a client-side apply annotation in step with kubectl's applies.
        meta["annotations"] = {**meta["annotations"], LAST_APPLIED: _last_applied_of(config)}
    _store(result, managed)
    return result


def _conflicts(managed: ManagedFields, key: Key, changed: FieldSet) -> list[tuple[Key, Path]]:
    out = []
    for other, paths in managed.sets.items():
        if other == key:
            continue
        for path in sorted(paths & changed):
            out.append((other, path))
    return out


def _allowed_by_last_applied(live: dict[str, Any] | None, node: fs.TypeNode) -> FieldSet:
    """Fields kubectl's client-side apply set that still hold their applied values."""
    annotation = (((live or {}).get("metadata") or {}).get("annotations") or {}).get(LAST_APPLIED)
    if not annotation:
        return set()
    try:
        last = json.loads(annotation)
    except ValueError:
        return set()
    if not isinstance(last, dict):
        return set()
    last = _without_server_fields(last)
    # What live added is not in the applied set anyway: taking all changes away is the same.
    changed, _ = fs.compare(last, _without_server_fields(live), node)
    return fs.field_set(last, node) - changed


def _last_applied_of(config: dict[str, Any]) -> str:
    from minikubectl.golang.json import marshal
    config = clone(config)
    annotations = (config.get("metadata") or {}).get("annotations")
    if isinstance(annotations, dict):
        annotations.pop(LAST_APPLIED, None)
        if not annotations:
            config["metadata"].pop("annotations")
    return marshal(config)


def _describe(key: Key) -> str:
    manager, operation, subresource, api_version = key
    text = json.dumps(manager)
    if subresource:
        text += f" with subresource {json.dumps(subresource)}"
    if operation == "Update":
        text += f" using {api_version}"
    return text


def _conflict_error(conflicts: list[tuple[Key, Path]]) -> errors.StatusError:
    if len(conflicts) == 1:
        owner, path = conflicts[0]
        message = (f"Apply failed with 1 conflict: conflict with {_describe(owner)}: "
                   f"{fs.path_string(path)}")
    else:
        lines = []
        for owner in sorted({o for o, _ in conflicts}, key=lambda k: _identifier(k)):
            lines.append(f"conflicts with {_describe(owner)}:")
            lines.extend(f"- {fs.path_string(p)}" for o, p in conflicts if o == owner)
        message = f"Apply failed with {len(conflicts)} conflicts: " + "\n".join(lines)
    return errors.StatusError("Conflict", 409, message)


def _identifier(key: Key) -> str:
    """The encoded manager identifier the server sorts conflicting managers by."""
    manager, operation, subresource, api_version = key
    fields = {"manager": manager, "operation": operation}
    if api_version:
        fields["apiVersion"] = api_version
    if subresource:
        fields["subresource"] = subresource
    return json.dumps(fields, separators=(",", ":"))


def upgrade_client_side_managers(obj: dict[str, Any], ssa_manager: str) -> bool:
    """kubectl's migration to server-side apply (csaupgrade): the Update managers that own
    the last-applied annotation hand their fields to ``ssa_manager``'s Apply entry.

    Changes ``obj``'s managedFields in place; False when there was nothing to migrate.
    """
    managed = _decoded(obj)
    owners = [key for key, paths in managed.sets.items()
              if key[1] == "Update" and not key[2] and LAST_APPLIED_PATH in paths]
    if not owners:
        return False
    target = _apply_key(ssa_manager)
    versions = managed.apply_versions
    merged = set(managed.sets.get(target, set()))
    for key in owners:
        merged |= managed.sets.pop(key)
        time = managed.times.pop(key, None)
        managed.times.setdefault(target, time)
        versions.setdefault(target, key[3])
    managed.sets[target] = merged
    _store(obj, managed)
    return True


def owns_last_applied_by_apply(obj: dict[str, Any]) -> bool:
    """Whether some Apply manager owns the last-applied annotation."""
    return bool(_decoded(obj).owners_of(LAST_APPLIED_PATH, "Apply"))
