"""Revisions of Deployments, DaemonSets and StatefulSets: ``rollout history`` and ``rollout undo``.

A Deployment's revisions are its ReplicaSets (annotation ``deployment.kubernetes.io/revision``);
a DaemonSet's and a StatefulSet's are the ControllerRevisions it controls (field ``revision``,
``data`` a strategic-merge patch that replaces ``spec.template``). The texts follow kubectl's
``polymorphichelpers`` history viewers and rollbackers.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from minikubectl.api import errors

if TYPE_CHECKING:
    from minikubectl.api.registry import ResourceType
    from minikubectl.store.apiserver import ApiServer

REVISION = "deployment.kubernetes.io/revision"
CHANGE_CAUSE = "kubernetes.io/change-cause"
HASH_LABEL = "pod-template-hash"
# Kept from the Deployment, never copied from the ReplicaSet, when rolling back.
_KEEP_ON_DEPLOYMENT = frozenset({
    "kubectl.kubernetes.io/last-applied-configuration", REVISION, "deployment.kubernetes.io/revision-history",
    "deployment.kubernetes.io/desired-replicas", "deployment.kubernetes.io/max-replicas",
    "deprecated.deployment.rollback.to"})
SUPPORTED = ("Deployment", "DaemonSet", "StatefulSet")


def _controlled_by(obj: dict[str, Any], owner: dict[str, Any]) -> bool:
    uid = owner["metadata"].get("uid")
    return any(ref.get("uid") == uid and ref.get("controller") for ref in obj["metadata"].get("ownerReferences") or [])


def _owned(api: "ApiServer", plural: str, owner: dict[str, Any]) -> list[dict[str, Any]]:
    resource = api.registry.by_qualified_plural(plural)
    return [obj for obj in api.list(resource, owner["metadata"].get("namespace"), copy_objects=False)
            if _controlled_by(obj, owner)]


def revisions(api: "ApiServer", kind: str, owner: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """Revision number → the pod template of that revision, with its change-cause annotation."""
    found: dict[int, dict[str, Any]] = {}
    if kind == "Deployment":
        for rs in _owned(api, "replicasets.apps", owner):
            try:
                number = int((rs["metadata"].get("annotations") or {}).get(REVISION, ""))
            except ValueError:
                continue
            template = copy.deepcopy((rs.get("spec") or {}).get("template") or {})
            cause = (rs["metadata"].get("annotations") or {}).get(CHANGE_CAUSE)
            if cause:
                template.setdefault("metadata", {}).setdefault("annotations", {})[CHANGE_CAUSE] = cause
            found[number] = {"template": template, "cause": cause, "source": rs}
        return found
    for rev in _owned(api, "controllerrevisions.apps", owner):
        template = copy.deepcopy(((rev.get("data") or {}).get("spec") or {}).get("template") or {})
        template.pop("$patch", None)
        cause = (rev["metadata"].get("annotations") or {}).get(CHANGE_CAUSE)
        found[int(rev.get("revision", 0) or 0)] = {"template": template, "cause": cause, "source": rev}
    return found


def describe_template(template: dict[str, Any], now: Any) -> str:
    """kubectl's ``printTemplate``: ``DescribePodTemplate`` onto a plain prefix writer."""
    from minikubectl.printers.describe.containers import describe_pod_template
    from minikubectl.printers.describe.writer import Context, PlainPrefixWriter

    writer = PlainPrefixWriter()
    describe_pod_template(template, writer, Context(now=now))
    return writer.text()


def history_text(api: "ApiServer", kind: str, owner: dict[str, Any], revision: int) -> str:
    """What ``ViewHistory`` returns: the revision table, or one revision's pod template."""
    from minikubectl.printers.tabwriter import TabWriter

    found = revisions(api, kind, owner)
    if not found:
        return "No rollout history found."
    if revision:
        if revision not in found:
            raise errors.ClientError("unable to find the specified revision")
        return describe_template(found[revision]["template"], api.now)
    table = TabWriter(min_width=0, padding=2, remember_widths=False)
    if kind == "StatefulSet":
        table.write("REVISION\n" + "".join(f"{number}\n" for number in sorted(found)))
    else:
        table.write("REVISION\tCHANGE-CAUSE\n" + "".join(
            f"{number}\t{found[number]['cause'] or '<none>'}\n" for number in sorted(found)))
    return table.flush()


def _pruned(value: Any) -> Any:
    """The value with empty maps and lists dropped, as Go's semantic equality ignores nil vs empty."""
    if isinstance(value, dict):
        out = {k: _pruned(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in ({}, [], None)}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


def _without_hash(template: dict[str, Any]) -> dict[str, Any]:
    template = copy.deepcopy(template)
    labels = (template.get("metadata") or {}).get("labels")
    if isinstance(labels, dict):
        labels.pop(HASH_LABEL, None)
    return template


def rollback(api: "ApiServer", resource: "ResourceType", owner: dict[str, Any], to_revision: int,
             dry_run: str) -> str:
    """Roll ``owner`` back; return kubectl's operation text (``rolled back``, ``skipped rollback ...``)."""
    kind = resource.kind
    name = owner["metadata"]["name"]
    if to_revision < 0:
        raise errors.ClientError(f"unable to find specified revision {to_revision} in history")
    found = revisions(api, kind, owner)
    if kind == "Deployment":
        return _rollback_deployment(api, resource, owner, found, to_revision, dry_run)
    if to_revision == 0 and len(found) <= 1:
        raise errors.ClientError("no last revision to roll back to")
    number = sorted(found)[-2] if to_revision == 0 else to_revision
    if number not in found:
        raise errors.ClientError(f"unable to find specified revision {to_revision} in history")
    template = found[number]["template"]
    if dry_run == "client":
        return "will roll back to " + describe_template(template, api.now)
    if _pruned((owner.get("spec") or {}).get("template") or {}) == _pruned(template):
        return f"skipped rollback (current template already matches revision {to_revision})"
    changed = copy.deepcopy(owner)
    changed["spec"]["template"] = copy.deepcopy(template)
    _store(api, resource, changed, name, number, dry_run)
    return "rolled back"


def _rollback_deployment(api: "ApiServer", resource: "ResourceType", deployment: dict[str, Any],
                         found: dict[int, dict[str, Any]], to_revision: int, dry_run: str) -> str:
    name = deployment["metadata"]["name"]
    if to_revision > 0:
        if to_revision not in found:
            raise errors.ClientError(f"unable to find specified revision {to_revision} in history")
        chosen = found[to_revision]
    else:
        ordered = sorted(found)
        if len(ordered) < 2:
            raise errors.ClientError(f'no rollout history found for deployment "{name}"')
        chosen = found[ordered[-2]]
    source = chosen["source"]
    template = copy.deepcopy((source.get("spec") or {}).get("template") or {})
    if dry_run == "client":
        return describe_template(template, api.now)
    if (deployment.get("spec") or {}).get("paused"):
        raise errors.ClientError("you cannot rollback a paused deployment; resume it first with "
                                 f"'kubectl rollout resume deployment/{name}' and try again")
    if _pruned(_without_hash(template)) == _pruned(_without_hash((deployment.get("spec") or {}).get("template")
                                                                or {})):
        return f"skipped rollback (current template already matches revision {to_revision})"
    template = _without_hash(template)
    current = deployment["metadata"].get("annotations") or {}
    annotations = {k: v for k, v in current.items() if k in _KEEP_ON_DEPLOYMENT}
    annotations.update({k: v for k, v in (source["metadata"].get("annotations") or {}).items()
                        if k not in _KEEP_ON_DEPLOYMENT})
    changed = copy.deepcopy(deployment)
    changed["spec"]["template"] = template
    changed["metadata"]["annotations"] = annotations
    _store(api, resource, changed, name, to_revision, dry_run)
    return "rolled back"


def _store(api: "ApiServer", resource: "ResourceType", changed: dict[str, Any], name: str, number: int,
           dry_run: str) -> None:
    try:
        api.update(resource, changed, dry_run=dry_run == "server", verb="patch")
    except errors.KubectlError as exc:
        raise errors.ClientError(f"failed restoring revision {number}: {exc}") from None
