"""``describe persistentvolume / persistentvolumeclaim / storageclass``."""

from __future__ import annotations

from typing import Any

from minikubectl.printers.describe.events import describe_events, events_for
from minikubectl.printers.describe.statefulset import claim_class
from minikubectl.printers.describe.writer import (LEVEL_0, LEVEL_1, LEVEL_2, Context, PrefixWriter, dig, go_bool,
                                                  go_string_list, quantity, rfc1123z, s, since, write_header,
                                                  write_labels_annotations, write_name_namespace)

ACCESS_MODES = (("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"),
                ("ReadWriteOncePod", "RWOP"))


def access_modes(modes: Any) -> str:
    """``storageutil.GetAccessModesAsString``."""
    modes = modes or []
    return ",".join(short for mode, short in ACCESS_MODES if mode in modes)


def volume_class(pv: dict[str, Any]) -> str:
    annotation = dig(pv, "metadata", "annotations", "volume.beta.kubernetes.io/storage-class")
    return s(annotation) if annotation is not None else s(dig(pv, "spec", "storageClassName"))


def _status(obj: dict[str, Any], ctx: Context) -> str:
    deleted = dig(obj, "metadata", "deletionTimestamp")
    if deleted:
        return f"Terminating (lasts {since(deleted, ctx)})"
    return s(dig(obj, "status", "phase"))


def _source(spec: dict[str, Any], w: PrefixWriter) -> None:
    if isinstance(spec.get("hostPath"), dict):
        src = spec["hostPath"]
        w.write(LEVEL_2, "Type:\tHostPath (bare host directory volume)\n"
                         f"    Path:\t{s(src.get('path'))}\n"
                         f"    HostPathType:\t{s(src['type']) if src.get('type') is not None else '<none>'}\n")
    elif isinstance(spec.get("nfs"), dict):
        src = spec["nfs"]
        w.write(LEVEL_2, "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n"
                         f"    Server:\t{s(src.get('server'))}\n    Path:\t{s(src.get('path'))}\n"
                         f"    ReadOnly:\t{go_bool(src.get('readOnly'))}\n")
    elif isinstance(spec.get("local"), dict):
        w.write(LEVEL_2, "Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n"
                         f"    Path:\t{s(spec['local'].get('path'))}\n")
    elif isinstance(spec.get("csi"), dict):
        src = spec["csi"]
        w.write(LEVEL_2, "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n"
                         f"    Driver:\t{s(src.get('driver'))}\n    FSType:\t{s(src.get('fsType'))}\n"
                         f"    VolumeHandle:\t{s(src.get('volumeHandle'))}\n"
                         f"    ReadOnly:\t{go_bool(src.get('readOnly'))}\n")
        attrs = src.get("volumeAttributes") or {}
        w.write(LEVEL_2, "VolumeAttributes:\t")
        if not attrs:
            w.write_line("<none>")
        for i, key in enumerate(sorted(attrs)):
            if i:
                w.write(LEVEL_2, "\t")
            line = f"{key}={s(attrs[key])}"
            w.write(LEVEL_2, (line[:140] + "...\n") if len(line) > 140 else line + "\n")
    else:
        w.write(LEVEL_1, "<unknown>\n")


def _node_affinity(w: PrefixWriter, affinity: Any) -> None:
    w.write(LEVEL_0, "Node Affinity:\t")
    required = dig(affinity, "required")
    if not isinstance(required, dict):
        w.write_line("<none>")
        return
    w.write_line("")
    w.write(LEVEL_1, "Required Terms:\t")
    terms = required.get("nodeSelectorTerms") or []
    if not terms:
        w.write_line("<none>")
        return
    w.write_line("")
    for i, term in enumerate(terms):
        w.write(LEVEL_2, f"Term {i}:\t")
        reqs = term.get("matchExpressions") or []
        if not reqs:
            w.write_line("<none>")
        for j, req in enumerate(reqs):
            if j:
                w.write(LEVEL_2, "\t")
            text = f"{s(req.get('key'))} {s(req.get('operator')).lower()}"
            if req.get("values"):
                text += " [" + ", ".join(s(v) for v in req["values"]) + "]"
            w.write(LEVEL_0, text + "\n")


def describe_pv(pv: dict[str, Any], ctx: Context) -> str:
    meta = pv.get("metadata") or {}
    spec = pv.get("spec") or {}
    events = events_for(ctx, pv)
    w = PrefixWriter()
    write_header(w, meta, namespaced=False)
    w.write(LEVEL_0, f"Finalizers:\t{go_string_list(meta.get('finalizers'))}\n")
    w.write(LEVEL_0, f"StorageClass:\t{volume_class(pv)}\n")
    w.write(LEVEL_0, f"Status:\t{_status(pv, ctx)}\n")
    claim = spec.get("claimRef")
    w.write(LEVEL_0, f"Claim:\t{s(claim.get('namespace')) + '/' + s(claim.get('name')) if isinstance(claim, dict) else ''}\n")
    w.write(LEVEL_0, f"Reclaim Policy:\t{s(spec.get('persistentVolumeReclaimPolicy'))}\n")
    w.write(LEVEL_0, f"Access Modes:\t{access_modes(spec.get('accessModes'))}\n")
    if spec.get("volumeMode") is not None:
        w.write(LEVEL_0, f"VolumeMode:\t{s(spec['volumeMode'])}\n")
    w.write(LEVEL_0, f"Capacity:\t{quantity(dig(spec, 'capacity', 'storage'))}\n")
    _node_affinity(w, spec.get("nodeAffinity"))
    w.write(LEVEL_0, f"Message:\t{s(dig(pv, 'status', 'message'))}\n")
    w.write(LEVEL_0, "Source:\n")
    _source(spec, w)
    if events is not None:
        describe_events(events, w, ctx)
    return w.text()


def _pods_for_claim(pvc: dict[str, Any], ctx: Context) -> list[dict[str, Any]]:
    """``getPodsForPVC``: pods mounting the claim, then owner pods not yet listed."""
    name = dig(pvc, "metadata", "name")
    ns_pods = ctx.list_objects("pods", dig(pvc, "metadata", "namespace"))
    pods = []
    for pod in ns_pods:
        for volume in dig(pod, "spec", "volumes") or []:
            if dig(volume, "persistentVolumeClaim", "claimName") == name:
                pods.append(pod)
    for ref in dig(pvc, "metadata", "ownerReferences") or []:
        if ref.get("kind") != "Pod":
            continue
        owner = next((p for p in ns_pods if dig(p, "metadata", "uid") == ref.get("uid")), None)
        if owner is not None and all(dig(p, "metadata", "uid") != ref.get("uid") for p in pods):
            pods.append(owner)
    return pods


def describe_pvc(pvc: dict[str, Any], ctx: Context) -> str:
    meta = pvc.get("metadata") or {}
    spec = pvc.get("spec") or {}
    status = pvc.get("status") or {}
    pods = _pods_for_claim(pvc, ctx)
    events = events_for(ctx, pvc)
    w = PrefixWriter()
    write_name_namespace(w, meta)
    w.write(LEVEL_0, f"StorageClass:\t{claim_class(pvc)}\n")
    w.write(LEVEL_0, f"Status:\t{_status(pvc, ctx)}\n")
    w.write(LEVEL_0, f"Volume:\t{s(spec.get('volumeName'))}\n")
    write_labels_annotations(w, meta)
    w.write(LEVEL_0, f"Finalizers:\t{go_string_list(meta.get('finalizers'))}\n")
    capacity = modes = ""
    if spec.get("volumeName"):
        modes = access_modes(status.get("accessModes"))
        capacity = quantity(dig(status, "capacity", "storage"))
    w.write(LEVEL_0, f"Capacity:\t{capacity}\n")
    w.write(LEVEL_0, f"Access Modes:\t{modes}\n")
    if spec.get("volumeMode") is not None:
        w.write(LEVEL_0, f"VolumeMode:\t{s(spec['volumeMode'])}\n")
    source = spec.get("dataSource")
    if isinstance(source, dict):
        w.write(LEVEL_0, "DataSource:\n")
        if source.get("apiGroup") is not None:
            w.write(LEVEL_1, f"APIGroup:\t{s(source['apiGroup'])}\n")
        w.write(LEVEL_1, f"Kind:\t{s(source.get('kind'))}\n")
        w.write(LEVEL_1, f"Name:\t{s(source.get('name'))}\n")
    w.write(LEVEL_0, "Used By:\t")
    if not pods:
        w.write_line("<none>")
    for i, pod in enumerate(sorted(pods, key=lambda p: s(dig(p, "metadata", "name")))):
        if i:
            w.write(LEVEL_0, "\t")
        w.write(LEVEL_0, f"{s(dig(pod, 'metadata', 'name'))}\n")
    conditions = status.get("conditions") or []
    if conditions:
        w.write(LEVEL_0, "Conditions:\n")
        w.write(LEVEL_1, "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n")
        w.write(LEVEL_1, "----\t------\t-----------------\t------------------\t------\t-------\n")
        for c in conditions:
            w.write(LEVEL_1, f"{s(c.get('type'))} \t{s(c.get('status'))} \t{rfc1123z(c.get('lastProbeTime'), ctx)} \t"
                             f"{rfc1123z(c.get('lastTransitionTime'), ctx)} \t{s(c.get('reason'))} \t"
                             f"{s(c.get('message'))}\n")
    if events is not None:
        describe_events(events, w, ctx)
    return w.text()


def is_default_class(meta: dict[str, Any]) -> str:
    """``storageutil.IsDefaultAnnotationText``."""
    annotations = meta.get("annotations") or {}
    for key in ("storageclass.kubernetes.io/is-default-class", "storageclass.beta.kubernetes.io/is-default-class"):
        if annotations.get(key) == "true":
            return "Yes"
    return "No"


def describe_storageclass(sc: dict[str, Any], ctx: Context) -> str:
    from minikubectl.api.labels import format_labels
    meta = sc.get("metadata") or {}
    events = events_for(ctx, sc)
    w = PrefixWriter()
    w.write(LEVEL_0, f"Name:\t{s(meta.get('name'))}\n")
    w.write(LEVEL_0, f"IsDefaultClass:\t{is_default_class(meta)}\n")
    w.write(LEVEL_0, f"Annotations:\t{format_labels(meta.get('annotations'))}\n")
    w.write(LEVEL_0, f"Provisioner:\t{s(sc.get('provisioner'))}\n")
    w.write(LEVEL_0, f"Parameters:\t{format_labels(sc.get('parameters'))}\n")
    expand = sc.get("allowVolumeExpansion")
    w.write(LEVEL_0, f"AllowVolumeExpansion:\t{('True' if expand else 'False') if expand is not None else '<unset>'}\n")
    options = sc.get("mountOptions") or []
    if not options:
        w.write(LEVEL_0, "MountOptions:\t<none>\n")
    else:
        w.write(LEVEL_0, "MountOptions:\n")
        for option in options:
            w.write(LEVEL_1, f"{s(option)}\n")
    if sc.get("reclaimPolicy") is not None:
        w.write(LEVEL_0, f"ReclaimPolicy:\t{s(sc['reclaimPolicy'])}\n")
    if sc.get("volumeBindingMode") is not None:
        w.write(LEVEL_0, f"VolumeBindingMode:\t{s(sc['volumeBindingMode'])}\n")
    if events is not None:
        describe_events(events, w, ctx)
    return w.text()
