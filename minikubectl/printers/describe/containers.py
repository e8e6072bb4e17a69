"""Containers, volumes and pod templates: the parts of a pod shared by several describers."""

from __future__ import annotations

from typing import Any

from minikubectl.printers.describe.writer import (LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, Context, PrefixWriter,
                                                  dig, print_bool, print_labels, print_annotations,
                                                  print_tolerations, quantity, rfc1123z, s, string_or_none)


def describe_containers(label: str, containers: list[dict[str, Any]], statuses: list[dict[str, Any]] | None,
                        pod: dict[str, Any] | None, w: PrefixWriter, ctx: Context, space: str = "") -> None:
    """``describeContainers``: one block per container; status parts only when known."""
    by_name = {s(st.get("name")): st for st in (statuses or []) if isinstance(st, dict)}
    w.write(LEVEL_0, f"{space}{label}:{'' if containers else ' <none>'}\n")
    for container in containers:
        status = by_name.get(s(container.get("name")))
        _basic_info(container, status, space, w)
        _command(container, w)
        if status is not None:
            _state(status, w, ctx)
        describe_resources(container.get("resources"), w, LEVEL_2)
        _probes(container, w)
        if container.get("envFrom"):
            _env_from(container, w)
        _env(container, pod, w)
        _mounts(container, w)


def _ports(ports: list[dict[str, Any]], key: str) -> str:
    parts = []
    for port in ports:
        # v1.33 prints no port names (later releases add " (name)").
        parts.append(f"{int(port.get(key) or 0)}/{s(port.get('protocol'))}")
    return ", ".join(parts)


def _basic_info(container: dict[str, Any], status: dict[str, Any] | None, space: str, w: PrefixWriter) -> None:
    w.write(LEVEL_1, f"{' ' if space else ''}{s(container.get('name'))}:\n")
    if status is not None:
        w.write(LEVEL_2, f"Container ID:\t{s(status.get('containerID'))}\n")
    w.write(LEVEL_2, f"Image:\t{s(container.get('image'))}\n")
    if status is not None:
        w.write(LEVEL_2, f"Image ID:\t{s(status.get('imageID'))}\n")
    ports = [p for p in container.get("ports") or [] if isinstance(p, dict)]
    port_text = _ports(ports, "containerPort")
    if "," in port_text:
        w.write(LEVEL_2, f"Ports:\t{port_text}\n")
    else:
        w.write(LEVEL_2, f"Port:\t{string_or_none(port_text)}\n")
    host_text = _ports(ports, "hostPort")
    if "," in host_text:
        w.write(LEVEL_2, f"Host Ports:\t{host_text}\n")
    else:
        w.write(LEVEL_2, f"Host Port:\t{string_or_none(host_text)}\n")
    seccomp = dig(container, "securityContext", "seccompProfile")
    if isinstance(seccomp, dict):
        w.write(LEVEL_2, f"SeccompProfile:\t{s(seccomp.get('type'))}\n")
        if seccomp.get("type") == "Localhost":
            w.write(LEVEL_3, f"LocalhostProfile:\t{s(seccomp.get('localhostProfile'))}\n")


def _command(container: dict[str, Any], w: PrefixWriter) -> None:
    for title, key in (("Command", "command"), ("Args", "args")):
        values = container.get(key) or []
        if values:
            w.write(LEVEL_2, f"{title}:\n")
            for value in values:
                for line in s(value).split("\n"):
                    w.write(LEVEL_3, f"{line}\n")


def describe_resources(resources: Any, w: PrefixWriter, level: int) -> None:
    """Limits then Requests, each sorted by resource name."""
    if not isinstance(resources, dict):
        return
    for title, key in (("Limits", "limits"), ("Requests", "requests")):
        values = resources.get(key) or {}
        if values:
            w.write(level, f"{title}:\n")
        for name in sorted(values):
            w.write(level + 1, f"{name}:\t{quantity(values[name])}\n")


def _status_block(title: str, state: Any, w: PrefixWriter, ctx: Context) -> None:
    state = state if isinstance(state, dict) else {}
    if isinstance(state.get("running"), dict):
        w.write(LEVEL_2, f"{title}:\tRunning\n")
        w.write(LEVEL_3, f"Started:\t{rfc1123z(state['running'].get('startedAt'), ctx)}\n")
    elif isinstance(state.get("waiting"), dict):
        w.write(LEVEL_2, f"{title}:\tWaiting\n")
        if state["waiting"].get("reason"):
            w.write(LEVEL_3, f"Reason:\t{s(state['waiting']['reason'])}\n")
    elif isinstance(state.get("terminated"), dict):
        term = state["terminated"]
        w.write(LEVEL_2, f"{title}:\tTerminated\n")
        if term.get("reason"):
            w.write(LEVEL_3, f"Reason:\t{s(term['reason'])}\n")
        if term.get("message"):
            w.write(LEVEL_3, f"Message:\t{s(term['message'])}\n")
        w.write(LEVEL_3, f"Exit Code:\t{int(term.get('exitCode') or 0)}\n")
        if int(term.get("signal") or 0) > 0:
            w.write(LEVEL_3, f"Signal:\t{int(term['signal'])}\n")
        w.write(LEVEL_3, f"Started:\t{rfc1123z(term.get('startedAt'), ctx)}\n")
        w.write(LEVEL_3, f"Finished:\t{rfc1123z(term.get('finishedAt'), ctx)}\n")
    else:
        w.write(LEVEL_2, f"{title}:\tWaiting\n")


def _state(status: dict[str, Any], w: PrefixWriter, ctx: Context) -> None:
    _status_block("State", status.get("state"), w, ctx)
    if isinstance(dig(status, "lastState", "terminated"), dict):
        _status_block("Last State", status.get("lastState"), w, ctx)
    w.write(LEVEL_2, f"Ready:\t{print_bool(status.get('ready'))}\n")
    w.write(LEVEL_2, f"Restart Count:\t{int(status.get('restartCount') or 0)}\n")


def _int_or_string(value: Any) -> str:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else s(value)


def describe_probe(probe: dict[str, Any]) -> str:
    """``DescribeProbe`` with the API defaults the server fills in."""
    attrs = (f"delay={int(probe.get('initialDelaySeconds') or 0)}s timeout={int(probe.get('timeoutSeconds') or 0)}s "
             f"period={int(probe.get('periodSeconds') or 0)}s #success={int(probe.get('successThreshold') or 0)} "
             f"#failure={int(probe.get('failureThreshold') or 0)}")
    if isinstance(probe.get("exec"), dict):
        return f"exec [{' '.join(s(c) for c in probe['exec'].get('command') or [])}] {attrs}"
    if isinstance(probe.get("httpGet"), dict):
        http = probe["httpGet"]
        port = _int_or_string(http.get("port"))
        host = s(http.get("host"))
        hostport = (f"[{host}]:{port}" if ":" in host else f"{host}:{port}") if port else host
        return f"http-get {s(http.get('scheme')).lower()}://{hostport}{s(http.get('path'))} {attrs}"
    if isinstance(probe.get("tcpSocket"), dict):
        tcp = probe["tcpSocket"]
        return f"tcp-socket {s(tcp.get('host'))}:{_int_or_string(tcp.get('port'))} {attrs}"
    if isinstance(probe.get("grpc"), dict):
        return f"grpc <pod>:{int(probe['grpc'].get('port') or 0)} {s(probe['grpc'].get('service'))} {attrs}"
    return f"unknown {attrs}"


def _probes(container: dict[str, Any], w: PrefixWriter) -> None:
    for title, key in (("Liveness", "livenessProbe"), ("Readiness", "readinessProbe"), ("Startup", "startupProbe")):
        if isinstance(container.get(key), dict):
            w.write(LEVEL_2, f"{title}:\t{describe_probe(container[key])}\n")


def _env_from(container: dict[str, Any], w: PrefixWriter) -> None:
    w.write(LEVEL_2, "Environment Variables from:\n")
    for item in container.get("envFrom") or []:
        source, name, optional = "", "", False
        for key, label in (("configMapRef", "ConfigMap"), ("secretRef", "Secret")):
            ref = item.get(key)
            if isinstance(ref, dict):
                source, name, optional = label, s(ref.get("name")), bool(ref.get("optional"))
                break
        opt = "true" if optional else "false"
        if item.get("prefix"):
            w.write(LEVEL_3, f"{name}\t{source} with prefix '{s(item['prefix'])}'\tOptional: {opt}\n")
        else:
            w.write(LEVEL_3, f"{name}\t{source}\tOptional: {opt}\n")


def _field_value(pod: dict[str, Any] | None, path: str) -> str:
    """The downward-API value of a pod field (what EnvValueRetriever resolves)."""
    if pod is None:
        return ""
    simple = {"metadata.name": ("metadata", "name"), "metadata.namespace": ("metadata", "namespace"),
              "metadata.uid": ("metadata", "uid"), "spec.nodeName": ("spec", "nodeName"),
              "spec.serviceAccountName": ("spec", "serviceAccountName"), "status.hostIP": ("status", "hostIP"),
              "status.podIP": ("status", "podIP")}
    if path in simple:
        return s(dig(pod, *simple[path]))
    for prefix, key in (("metadata.labels['", "labels"), ("metadata.annotations['", "annotations")):
        if path.startswith(prefix) and path.endswith("']"):
            return s(dig(pod, "metadata", key, path[len(prefix):-2]))
    return ""


def _env(container: dict[str, Any], pod: dict[str, Any] | None, w: PrefixWriter) -> None:
    env = [e for e in container.get("env") or [] if isinstance(e, dict)]
    w.write(LEVEL_2, "Environment:" + ("" if env else "\t<none>") + "\n")
    for item in env:
        name = s(item.get("name"))
        source = item.get("valueFrom")
        if not isinstance(source, dict):
            for i, line in enumerate(s(item.get("value")).split("\n")):
                w.write(LEVEL_3, f"{name}:\t{line}\n" if i == 0 else f"\t{line}\n")
            continue
        if isinstance(source.get("fieldRef"), dict):
            ref = source["fieldRef"]
            value = _field_value(pod, s(ref.get("fieldPath")))
            w.write(LEVEL_3, f"{name}:\t{value} ({s(ref.get('apiVersion'))}:{s(ref.get('fieldPath'))})\n")
        elif isinstance(source.get("resourceFieldRef"), dict):
            resource = s(source["resourceFieldRef"].get("resource"))
            w.write(LEVEL_3, f"{name}:\t{_resource_field(container, resource)} ({resource})\n")
        elif isinstance(source.get("secretKeyRef"), dict):
            ref = source["secretKeyRef"]
            opt = "true" if ref.get("optional") else "false"
            w.write(LEVEL_3, f"{name}:\t<set to the key '{s(ref.get('key'))}' in secret '{s(ref.get('name'))}'>"
                             f"\tOptional: {opt}\n")
        elif isinstance(source.get("configMapKeyRef"), dict):
            ref = source["configMapKeyRef"]
            opt = "true" if ref.get("optional") else "false"
            w.write(LEVEL_3, f"{name}:\t<set to the key '{s(ref.get('key'))}' of config map "
                             f"'{s(ref.get('name'))}'>\tOptional: {opt}\n")


def _resource_field(container: dict[str, Any], resource: str) -> str:
    """``ExtractContainerResourceValue`` (divisor 1): limits default to node allocatable."""
    from minikubectl.api.quantity import QuantityError, parse_quantity
    section, _, name = resource.partition(".")
    value = dig(container, "resources", section, name)
    if value is None:
        return "node allocatable" if section == "limits" and name in ("cpu", "memory") else "0"
    try:
        q = parse_quantity(s(value))
    except QuantityError:
        return ""
    return str(-(-q.milli_value() // 1000)) if name == "cpu" else str(q.int_value())


def _mounts(container: dict[str, Any], w: PrefixWriter) -> None:
    mounts = [m for m in container.get("volumeMounts") or [] if isinstance(m, dict)]
    w.write(LEVEL_2, "Mounts:" + ("" if mounts else "\t<none>") + "\n")
    for mount in sorted(mounts, key=lambda m: s(m.get("mountPath"))):
        flags = ["ro" if mount.get("readOnly") else "rw"]
        if mount.get("subPath"):
            flags.append(f'path="{s(mount["subPath"])}"')
        w.write(LEVEL_3, f"{s(mount.get('mountPath'))} from {s(mount.get('name'))} ({','.join(flags)})\n")
    devices = [d for d in container.get("volumeDevices") or [] if isinstance(d, dict)]
    if devices:
        w.write(LEVEL_2, "Devices:\n")
        for dev in sorted(devices, key=lambda d: s(d.get("devicePath"))):
            w.write(LEVEL_3, f"{s(dev.get('devicePath'))} from {s(dev.get('name'))}\n")


# -- volumes ---------------------------------------------------------------------------------
def _opt(value: Any) -> str:
    return "true" if value else "false"


def _volume(volume: dict[str, Any], w: PrefixWriter) -> None:
    """One volume's source lines (the common kinds; others print ``<unknown>``)."""
    if isinstance(volume.get("hostPath"), dict):
        src = volume["hostPath"]
        w.write(LEVEL_2, "Type:\tHostPath (bare host directory volume)\n"
                         f"    Path:\t{s(src.get('path'))}\n    HostPathType:\t{s(src['type']) if src.get('type') is not None else '<none>'}\n")
    elif isinstance(volume.get("emptyDir"), dict):
        src = volume["emptyDir"]
        limit = src.get("sizeLimit")
        size = quantity(limit) if limit not in (None, "", 0, "0") else "<unset>"
        w.write(LEVEL_2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n"
                         f"    Medium:\t{s(src.get('medium'))}\n    SizeLimit:\t{size}\n")
    elif isinstance(volume.get("secret"), dict):
        src = volume["secret"]
        w.write(LEVEL_2, "Type:\tSecret (a volume populated by a Secret)\n"
                         f"    SecretName:\t{s(src.get('secretName'))}\n    Optional:\t{_opt(src.get('optional'))}\n")
    elif isinstance(volume.get("configMap"), dict):
        src = volume["configMap"]
        w.write(LEVEL_2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n"
                         f"    Name:\t{s(src.get('name'))}\n    Optional:\t{_opt(src.get('optional'))}\n")
    elif isinstance(volume.get("persistentVolumeClaim"), dict):
        src = volume["persistentVolumeClaim"]
        w.write(LEVEL_2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same "
                         f"namespace)\n    ClaimName:\t{s(src.get('claimName'))}\n"
                         f"    ReadOnly:\t{_opt(src.get('readOnly'))}\n")
    elif isinstance(volume.get("nfs"), dict):
        src = volume["nfs"]
        w.write(LEVEL_2, "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n"
                         f"    Server:\t{s(src.get('server'))}\n    Path:\t{s(src.get('path'))}\n"
                         f"    ReadOnly:\t{_opt(src.get('readOnly'))}\n")
    elif isinstance(volume.get("downwardAPI"), dict):
        w.write(LEVEL_2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n")
        for item in volume["downwardAPI"].get("items") or []:
            if isinstance(item.get("fieldRef"), dict):
                w.write(LEVEL_3, f"{s(item['fieldRef'].get('fieldPath'))} -> {s(item.get('path'))}\n")
            if isinstance(item.get("resourceFieldRef"), dict):
                w.write(LEVEL_3, f"{s(item['resourceFieldRef'].get('resource'))} -> {s(item.get('path'))}\n")
    elif isinstance(volume.get("projected"), dict):
        _projected(volume["projected"], w)
    else:
        w.write(LEVEL_1, "<unknown>\n")


def _projected(projected: dict[str, Any], w: PrefixWriter) -> None:
    w.write(LEVEL_2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n")
    for source in projected.get("sources") or []:
        if isinstance(source.get("secret"), dict):
            w.write(LEVEL_2, f"SecretName:\t{s(source['secret'].get('name'))}\n"
                             f"    Optional:\t{_opt(source['secret'].get('optional'))}\n")
        elif isinstance(source.get("downwardAPI"), dict):
            w.write(LEVEL_2, "DownwardAPI:\ttrue\n")
        elif isinstance(source.get("configMap"), dict):
            w.write(LEVEL_2, f"ConfigMapName:\t{s(source['configMap'].get('name'))}\n"
                             f"    Optional:\t{_opt(source['configMap'].get('optional'))}\n")
        elif isinstance(source.get("serviceAccountToken"), dict):
            seconds = source["serviceAccountToken"].get("expirationSeconds")
            w.write(LEVEL_2, f"TokenExpirationSeconds:\t{int(seconds if seconds is not None else 3600)}\n")


def describe_volumes(volumes: Any, w: PrefixWriter, space: str = "") -> None:
    """``describeVolumes``."""
    items = [v for v in volumes or [] if isinstance(v, dict)]
    if not items:
        w.write(LEVEL_0, f"{space}Volumes:\t<none>\n")
        return
    w.write(LEVEL_0, f"{space}Volumes:\n")
    for volume in items:
        w.write(LEVEL_1, f"{' ' if space else ''}{s(volume.get('name'))}:\n")
        _volume(volume, w)


def describe_pod_template(template: Any, w: PrefixWriter, ctx: Context) -> None:
    """``DescribePodTemplate`` (controllers' ``Pod Template:`` section)."""
    w.write(LEVEL_0, "Pod Template:\n")
    if not isinstance(template, dict):
        w.write(LEVEL_1, "<unset>")
        return
    meta = template.get("metadata") or {}
    spec = template.get("spec") or {}
    print_labels(w, "  Labels", meta.get("labels"))
    if meta.get("annotations"):
        print_annotations(w, "  Annotations", meta.get("annotations"))
    if spec.get("serviceAccountName"):
        w.write(LEVEL_1, f"Service Account:\t{s(spec['serviceAccountName'])}\n")
    if spec.get("initContainers"):
        describe_containers("Init Containers", spec["initContainers"], None, None, w, ctx, "  ")
    describe_containers("Containers", spec.get("containers") or [], None, None, w, ctx, "  ")
    describe_volumes(spec.get("volumes"), w, "  ")
    if spec.get("priorityClassName"):
        w.write(LEVEL_1, f"Priority Class Name:\t{s(spec['priorityClassName'])}\n")
    print_labels(w, "  Node-Selectors", spec.get("nodeSelector"))
    print_tolerations(w, "  Tolerations", spec.get("tolerations"))
