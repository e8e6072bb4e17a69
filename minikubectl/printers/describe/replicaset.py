"""``describe replicaset``: replicas, pod phase counts, pod template, conditions."""

from __future__ import annotations

from typing import Any

from minikubectl.printers.describe.containers import describe_pod_template
from minikubectl.printers.describe.deployment import write_conditions
from minikubectl.printers.describe.events import describe_events, events_for
from minikubectl.printers.describe.writer import (LEVEL_0, Context, PrefixWriter, controller_of, dig, s,
                                                  write_labels_annotations, write_name_namespace)


def pod_phase_counts(obj: dict[str, Any], selector: Any, ctx: Context) -> tuple[int, int, int, int]:
    """``getPodStatusForController``: running, waiting, succeeded, failed pods it controls."""
    uid = dig(obj, "metadata", "uid")
    counts = {"Running": 0, "Pending": 0, "Succeeded": 0, "Failed": 0}
    for pod in ctx.list_objects("pods", dig(obj, "metadata", "namespace")):
        if not selector.matches(dig(pod, "metadata", "labels") or {}):
            continue
        refs = dig(pod, "metadata", "ownerReferences") or []
        if not any(r.get("controller") and r.get("uid") == uid for r in refs):
            continue
        phase = s(dig(pod, "status", "phase"))
        if phase in counts:
            counts[phase] += 1
    return counts["Running"], counts["Pending"], counts["Succeeded"], counts["Failed"]


def describe(rs: dict[str, Any], ctx: Context) -> str:
    from minikubectl.api.labels import format_label_selector, label_selector_as_selector
    meta = rs.get("metadata") or {}
    spec = rs.get("spec") or {}
    running, waiting, succeeded, failed = pod_phase_counts(
        rs, label_selector_as_selector(spec.get("selector")), ctx)
    events = events_for(ctx, rs)
    w = PrefixWriter()
    write_name_namespace(w, meta)
    w.write(LEVEL_0, f"Selector:\t{format_label_selector(spec.get('selector'))}\n")
    write_labels_annotations(w, meta)
    controlled_by = controller_of(rs)
    if controlled_by:
        w.write(LEVEL_0, f"Controlled By:\t{controlled_by}\n")
    w.write(LEVEL_0, f"Replicas:\t{int(dig(rs, 'status', 'replicas') or 0)} current / "
                     f"{int(spec.get('replicas', 1) or 0)} desired\n")
    w.write(LEVEL_0, "Pods Status:\t")
    w.write(LEVEL_0, f"{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n")
    describe_pod_template(spec.get("template"), w, ctx)
    write_conditions(dig(rs, "status", "conditions") or [], w)
    if events is not None:
        describe_events(events, w, ctx)
    return w.text()
