"""``describe daemonset``: node scheduling counts, pod phases, pod template."""

from __future__ import annotations

from typing import Any

from minikubectl.printers.describe.containers import describe_pod_template
from minikubectl.printers.describe.events import describe_events, events_for
from minikubectl.printers.describe.replicaset import pod_phase_counts
from minikubectl.printers.describe.writer import (LEVEL_0, Context, PrefixWriter, dig, go_int,
                                                  write_labels_annotations, write_name_namespace)


def describe(ds: dict[str, Any], ctx: Context) -> str:
    from minikubectl.api.labels import format_labels, label_selector_as_selector
    meta = ds.get("metadata") or {}
    spec = ds.get("spec") or {}
    status = ds.get("status") or {}
    selector = label_selector_as_selector(spec.get("selector"))
    running, waiting, succeeded, failed = pod_phase_counts(ds, selector, ctx)
    events = events_for(ctx, ds)
    w = PrefixWriter()
    write_name_namespace(w, meta)
    w.write(LEVEL_0, f"Selector:\t{selector}\n")
    w.write(LEVEL_0, f"Node-Selector:\t{format_labels(dig(spec, 'template', 'spec', 'nodeSelector'))}\n")
    write_labels_annotations(w, meta)
    for title, key in (("Desired Number of Nodes Scheduled", "desiredNumberScheduled"),
                       ("Current Number of Nodes Scheduled", "currentNumberScheduled"),
                       ("Number of Nodes Scheduled with Up-to-date Pods", "updatedNumberScheduled"),
                       ("Number of Nodes Scheduled with Available Pods", "numberAvailable"),
                       ("Number of Nodes Misscheduled", "numberMisscheduled")):
        w.write(LEVEL_0, f"{title}: {go_int(status.get(key))}\n")
    w.write(LEVEL_0, f"Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / "
                     f"{failed} Failed\n")
    describe_pod_template(spec.get("template"), w, ctx)
    if events is not None:
        describe_events(events, w, ctx)
    return w.text()
