"""``debug --profile``: what each profile changes in the debugging pod (kubectl's profiles.go).

A profile is applied to the pod that will be written (the target pod with its new ephemeral
container, a copy of the pod, or a node-debugging pod) and to the debug container in it.
``legacy`` is v1.23's behaviour; ``general``, ``baseline``, ``restricted``, ``netadmin`` and
``sysadmin`` follow the Pod Security levels. The ``--keep-*`` flags say what a pod copy keeps.
"""

from __future__ import annotations

from typing import Any, Callable

from minikubectl.golang.structs import dataclass

EPHEMERAL, POD_COPY, NODE = "ephemeral", "podCopy", "node"
PROFILES = ("legacy", "general", "baseline", "restricted", "netadmin", "sysadmin")


@dataclass
class KeepFlags:
    """What a pod copy keeps of the original (``--keep-labels`` ... ``--keep-init-containers``)."""

    labels: bool = False
    annotations: bool = False
    liveness: bool = False
    readiness: bool = False
    startup: bool = False
    init_containers: bool = True

    def trim_copy(self, pod: dict[str, Any]) -> None:
        """Drop from a pod copy what is not kept."""
        meta = pod.setdefault("metadata", {})
        if not self.labels:
            meta.pop("labels", None)
        if not self.annotations:
            meta.pop("annotations", None)
        spec = pod.setdefault("spec", {})
        for container in spec.get("containers") or []:
            for keep, probe in ((self.liveness, "livenessProbe"), (self.readiness, "readinessProbe"),
                                (self.startup, "startupProbe")):
                if not keep:
                    container.pop(probe, None)
        if not self.init_containers:
            spec.pop("initContainers", None)


def _containers(pod: dict[str, Any], regular_only: bool = False) -> list[dict[str, Any]]:
    spec = pod.get("spec") or {}
    keys = ("containers",) if regular_only else ("containers", "initContainers", "ephemeralContainers")
    return [c for key in keys for c in spec.get(key) or [] if isinstance(c, dict)]


def _on(pod: dict[str, Any], name: str, change: Callable[[dict[str, Any]], None], regular_only: bool = False) -> None:
    for container in _containers(pod, regular_only):
        if container.get("name") == name:
            change(container)
            return


def _security(container: dict[str, Any]) -> dict[str, Any]:
    context = container.get("securityContext")
    if not isinstance(context, dict):
        context = container["securityContext"] = {}
    return context


def _add_capability(container: dict[str, Any], capability: str) -> None:
    capabilities = _security(container).setdefault("capabilities", {})
    capabilities.setdefault("add", []).append(capability)


def _mount_root(pod: dict[str, Any], name: str) -> None:
    spec = pod.setdefault("spec", {})
    spec.setdefault("volumes", []).append({"name": "host-root", "hostPath": {"path": "/"}})
    _on(pod, name, lambda c: c.setdefault("volumeMounts", []).append({"mountPath": "/host", "name": "host-root"}),
        regular_only=True)


def _host_namespaces(pod: dict[str, Any]) -> None:
    pod.setdefault("spec", {}).update(hostNetwork=True, hostPID=True, hostIPC=True)


def _share_processes(pod: dict[str, Any]) -> None:
    pod.setdefault("spec", {}).setdefault("shareProcessNamespace", True)


def _restrict(container: dict[str, Any]) -> None:
    container.pop("securityContext", None)
    context = _security(container)
    context["runAsNonRoot"] = True
    context["capabilities"] = {"drop": ["ALL"]}
    context["allowPrivilegeEscalation"] = False
    context["seccompProfile"] = {"type": "RuntimeDefault"}


def apply_profile(profile: str, pod: dict[str, Any], name: str, style: str, keep: KeepFlags) -> None:
    """Change ``pod`` (and its container ``name``) as ``profile`` does for ``style``."""
    if profile == "legacy":
        if style == NODE:
            _mount_root(pod, name)
            _host_namespaces(pod)
        elif style == POD_COPY:
            KeepFlags(labels=False, annotations=True, liveness=True, readiness=True, startup=True,
                      init_containers=True).trim_copy(pod)
        return
    if style == POD_COPY:
        keep.trim_copy(pod)
    if profile == "general":
        if style == NODE:
            _mount_root(pod, name)
            _on(pod, name, lambda c: c.pop("securityContext", None))
            _host_namespaces(pod)
        else:
            _on(pod, name, lambda c: _add_capability(c, "SYS_PTRACE"))
            if style == POD_COPY:
                _share_processes(pod)
    elif profile == "baseline":
        _on(pod, name, lambda c: c.pop("securityContext", None))
        if style == POD_COPY:
            _share_processes(pod)
    elif profile == "restricted":
        _on(pod, name, _restrict)
        if style == POD_COPY:
            _share_processes(pod)
    elif profile == "netadmin":
        _on(pod, name, lambda c: (_add_capability(c, "NET_ADMIN"), _add_capability(c, "NET_RAW")))
        if style == NODE:
            _host_namespaces(pod)
        elif style == POD_COPY:
            _share_processes(pod)
    elif profile == "sysadmin":
        _on(pod, name, lambda c: _security(c).__setitem__("privileged", True))
        if style == NODE:
            _host_namespaces(pod)
            _mount_root(pod, name)
        elif style == POD_COPY:
            _share_processes(pod)
