"""``describe deployment``: replicas, strategy, pod template, conditions, old/new replica sets."""

from __future__ import annotations

import copy
from typing import Any

from minikubectl.printers.describe.containers import describe_pod_template
from minikubectl.printers.describe.events import describe_events, events_for
from minikubectl.printers.describe.writer import (LEVEL_0, LEVEL_1, Context, PrefixWriter, dig, rfc1123z, s,
                                                  write_labels_annotations, write_name_namespace)

HASH_LABEL = "pod-template-hash"


def describe(d: dict[str, Any], ctx: Context) -> str:
    from minikubectl.api.labels import label_selector_as_selector
    meta = d.get("metadata") or {}
    spec = d.get("spec") or {}
    status = d.get("status") or {}
    events = events_for(ctx, d)
    old, new = replica_sets(d, ctx)
    w = PrefixWriter()
    write_name_namespace(w, meta)
    w.write(LEVEL_0, f"CreationTimestamp:\t{rfc1123z(meta.get('creationTimestamp'), ctx)}\n")
    write_labels_annotations(w, meta)
    w.write(LEVEL_0, f"Selector:\t{label_selector_as_selector(spec.get('selector'))}\n")
    w.write(LEVEL_0, f"Replicas:\t{int(spec.get('replicas', 1) or 0)} desired | "
                     f"{int(status.get('updatedReplicas') or 0)} updated | {int(status.get('replicas') or 0)} total | "
                     f"{int(status.get('availableReplicas') or 0)} available | "
                     f"{int(status.get('unavailableReplicas') or 0)} unavailable\n")
    strategy = spec.get("strategy") or {}
    w.write(LEVEL_0, f"StrategyType:\t{s(strategy.get('type'))}\n")
    w.write(LEVEL_0, f"MinReadySeconds:\t{int(spec.get('minReadySeconds') or 0)}\n")
    rolling = strategy.get("rollingUpdate")
    if isinstance(rolling, dict):
        w.write(LEVEL_0, f"RollingUpdateStrategy:\t{_intstr(rolling.get('maxUnavailable'))} max unavailable, "
                         f"{_intstr(rolling.get('maxSurge'))} max surge\n")
    describe_pod_template(spec.get("template"), w, ctx)
    _conditions(status.get("conditions") or [], w)
    if old or new:
        w.write(LEVEL_0, f"OldReplicaSets:\t{_rs_list(old)}\n")
        w.write(LEVEL_0, f"NewReplicaSet:\t{_rs_list(new)}\n")
    if events is not None:
        describe_events(events, w, ctx)
    return w.text()


def _intstr(value: Any) -> str:
    if value is None:
        return "0"
    return str(value) if isinstance(value, int) else s(value)


def _conditions(conditions: list[dict[str, Any]], w: PrefixWriter) -> None:
    """The ``Type Status Reason`` table of workload conditions."""
    if not conditions:
        return
    w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tReason\n")
    w.write(LEVEL_1, "----\t------\t------\n")
    for c in conditions:
        w.write(LEVEL_1, f"{s(c.get('type'))} \t{s(c.get('status'))}\t{s(c.get('reason'))}\n")


write_conditions = _conditions


def _rs_list(items: list[dict[str, Any]]) -> str:
    parts = [f"{s(dig(rs, 'metadata', 'name'))} ({int(dig(rs, 'status', 'replicas') or 0)}/"
             f"{int(dig(rs, 'spec', 'replicas') or 0)} replicas created)" for rs in items]
    return ", ".join(parts) or "<none>"


def _without_hash(template: Any) -> Any:
    template = copy.deepcopy(template) if isinstance(template, dict) else {}
    labels = dig(template, "metadata", "labels")
    if isinstance(labels, dict):
        labels.pop(HASH_LABEL, None)
        if not labels:
            template["metadata"].pop("labels")
    return template


def replica_sets(d: dict[str, Any], ctx: Context) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(all old, [new]) replica sets controlled by the deployment (deploymentutil's rules)."""
    from minikubectl.api.labels import label_selector_as_selector
    meta = d.get("metadata") or {}
    try:
        selector = label_selector_as_selector(dig(d, "spec", "selector"))
    except ValueError:
        return [], []
    owned = []
    for rs in ctx.list_objects("replicasets.apps", meta.get("namespace")):
        if not selector.matches(dig(rs, "metadata", "labels") or {}):
            continue
        refs = dig(rs, "metadata", "ownerReferences") or []
        if any(r.get("controller") and r.get("uid") == meta.get("uid") for r in refs):
            owned.append(rs)
    owned.sort(key=lambda rs: (s(dig(rs, "metadata", "creationTimestamp")), s(dig(rs, "metadata", "name"))))
    wanted = _without_hash(dig(d, "spec", "template"))
    new = next((rs for rs in owned if _without_hash(dig(rs, "spec", "template")) == wanted), None)
    old = [rs for rs in owned if rs is not new]
    return old, [new] if new is not None else []
