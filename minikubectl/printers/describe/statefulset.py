"""``describe statefulset``: replicas, update strategy, pod phases, pod and volume claim templates."""

from __future__ import annotations

from typing import Any

from minikubectl.printers.describe.containers import describe_pod_template
from minikubectl.printers.describe.events import describe_events, events_for
from minikubectl.printers.describe.replicaset import pod_phase_counts
from minikubectl.printers.describe.writer import (LEVEL_0, LEVEL_1, Context, PrefixWriter, dig, go_int,
                                                  go_string_list, quantity, rfc1123z, s, write_labels_annotations,
                                                  write_name_namespace)


def describe(sts: dict[str, Any], ctx: Context) -> str:
    from minikubectl.api.labels import label_selector_as_selector
    meta = sts.get("metadata") or {}
    spec = sts.get("spec") or {}
    status = sts.get("status") or {}
    selector = label_selector_as_selector(spec.get("selector"))
    running, waiting, succeeded, failed = pod_phase_counts(sts, selector, ctx)
    events = events_for(ctx, sts)
    w = PrefixWriter()
    write_name_namespace(w, meta)
    w.write(LEVEL_0, f"CreationTimestamp:\t{rfc1123z(meta.get('creationTimestamp'), ctx)}\n")
    w.write(LEVEL_0, f"Selector:\t{selector}\n")
    write_labels_annotations(w, meta)
    w.write(LEVEL_0, f"Replicas:\t{go_int(spec.get('replicas'), 1)} desired | {go_int(status.get('replicas'))} total\n")
    strategy = spec.get("updateStrategy") or {}
    w.write(LEVEL_0, f"Update Strategy:\t{s(strategy.get('type'))}\n")
    rolling = strategy.get("rollingUpdate")
    if isinstance(rolling, dict) and rolling.get("partition") is not None:
        w.write(LEVEL_1, f"Partition:\t{go_int(rolling['partition'])}\n")
        if rolling.get("maxUnavailable") is not None:
            w.write(LEVEL_1, f"MaxUnavailable:\t{s(rolling['maxUnavailable'])}\n")
    w.write(LEVEL_0, f"Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / "
                     f"{failed} Failed\n")
    describe_pod_template(spec.get("template"), w, ctx)
    describe_volume_claim_templates(spec.get("volumeClaimTemplates") or [], w)
    if events is not None:
        describe_events(events, w, ctx)
    return w.text()


def claim_class(pvc: dict[str, Any]) -> str:
    """``storageutil.GetPersistentVolumeClaimClass``: spec field, else the beta annotation."""
    annotation = dig(pvc, "metadata", "annotations", "volume.beta.kubernetes.io/storage-class")
    if annotation is not None:
        return s(annotation)
    return s(dig(pvc, "spec", "storageClassName"))


def describe_volume_claim_templates(templates: list[dict[str, Any]], w: PrefixWriter) -> None:
    """``describeVolumeClaimTemplates``."""
    from minikubectl.printers.describe.writer import print_labels as labels
    if not templates:
        w.write(LEVEL_0, "Volume Claims:\t<none>\n")
        return
    w.write(LEVEL_0, "Volume Claims:\n")
    for pvc in templates:
        w.write(LEVEL_1, f"Name:\t{s(dig(pvc, 'metadata', 'name'))}\n")
        w.write(LEVEL_1, f"StorageClass:\t{claim_class(pvc)}\n")
        labels(w, "Labels", dig(pvc, "metadata", "labels"), initial_indent="  ")
        labels(w, "Annotations", dig(pvc, "metadata", "annotations"), initial_indent="  ")
        storage = dig(pvc, "spec", "resources", "requests", "storage")
        w.write(LEVEL_1, f"Capacity:\t{quantity(storage) if storage is not None else '<default>'}\n")
        w.write(LEVEL_1, f"Access Modes:\t{go_string_list(dig(pvc, 'spec', 'accessModes'))}\n")
