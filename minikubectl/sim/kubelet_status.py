"""The kubelet's pod status generation: container status entries, phase, conditions.

Follows ``pkg/kubelet/kubelet_pods.go`` (``getPhase``) and ``pkg/kubelet/status/generate.go``;
conditions are written in the kubelet's order: PodReadyToStartContainers, Initialized,
Ready, ContainersReady, then PodScheduled and any others. Dicts are built in the Go
struct field order so that ``-o json`` reads like a real API server's answer.
"""

from __future__ import annotations

from typing import Any

from minikubectl.sim import images
from minikubectl.sim.podstatus import set_condition

KUBELET_CONDITIONS = ("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady")


def is_sidecar(container: dict[str, Any]) -> bool:
    """An init container with ``restartPolicy: Always``."""
    return container.get("restartPolicy") == "Always"


def volume_mounts(container: dict[str, Any]) -> list[dict[str, Any]]:
    """``containerStatuses[].volumeMounts`` as the kubelet reports them."""
    out = []
    for mount in container.get("volumeMounts") or []:
        entry: dict[str, Any] = {"name": mount.get("name"), "mountPath": mount.get("mountPath")}
        if mount.get("readOnly"):
            entry["readOnly"] = True
            entry["recursiveReadOnly"] = "Disabled"
        out.append(entry)
    return out


def waiting_entry(container: dict[str, Any], reason: str, message: str = "",
                  previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """A container that has not started (or is waiting to restart)."""
    waiting: dict[str, Any] = {"reason": reason}
    if message:
        waiting["message"] = message
    prev = previous or {}
    entry: dict[str, Any] = {
        "name": container["name"],
        "state": {"waiting": waiting},
        "lastState": prev.get("lastState") or {},
        "ready": False,
        "restartCount": int(prev.get("restartCount", 0)),
        "image": prev.get("image") or container.get("image", ""),
        "imageID": prev.get("imageID", ""),
    }
    if prev.get("containerID"):
        entry["containerID"] = prev["containerID"]
    entry["started"] = False
    mounts = volume_mounts(container)
    if mounts:
        entry["volumeMounts"] = mounts
    return entry


def running_entry(container: dict[str, Any], container_id: str, started_at: str, ready: bool,
                  restarts: int, last_state: dict[str, Any]) -> dict[str, Any]:
    """A running container."""
    entry: dict[str, Any] = {
        "name": container["name"],
        "state": {"running": {"startedAt": started_at}},
        "lastState": last_state,
        "ready": ready,
        "restartCount": restarts,
        "image": images.normalized(str(container.get("image", ""))),
        "imageID": images.image_id(str(container.get("image", ""))),
        "containerID": container_id,
        "started": True,
    }
    mounts = volume_mounts(container)
    if mounts:
        entry["volumeMounts"] = mounts
    return entry


def terminated_state(exit_code: int, started_at: str, finished_at: str, container_id: str,
                     reason: str | None = None) -> dict[str, Any]:
    """``state.terminated`` (Completed for 0, Error otherwise)."""
    return {"terminated": {"exitCode": exit_code,
                           "reason": reason or ("Completed" if exit_code == 0 else "Error"),
                           "startedAt": started_at, "finishedAt": finished_at,
                           "containerID": container_id}}


def terminated_entry(running: dict[str, Any], container: dict[str, Any], exit_code: int,
                     finished_at: str, ready: bool = False, reason: str | None = None) -> dict[str, Any]:
    """A container status after its process exited."""
    started_at = ((running.get("state") or {}).get("running") or {}).get("startedAt") or finished_at
    container_id = running.get("containerID", "")
    entry = dict(running)
    entry["state"] = terminated_state(exit_code, started_at, finished_at, container_id, reason)
    entry["ready"] = ready
    entry["started"] = False
    return entry


def phase(pod: dict[str, Any]) -> str:
    """``getPhase`` from the current container statuses."""
    spec = pod.get("spec") or {}
    status = pod.get("status") or {}
    policy = spec.get("restartPolicy") or "Always"
    init_statuses = {s["name"]: s for s in status.get("initContainerStatuses") or []}
    pending_init = failed_init = 0
    for container in spec.get("initContainers") or []:
        if is_sidecar(container):
            continue
        cs = init_statuses.get(container["name"])
        state = (cs or {}).get("state") or {}
        if "terminated" in state:
            if state["terminated"].get("exitCode") != 0:
                failed_init += 1
        elif "waiting" in state and ((cs or {}).get("lastState") or {}).get("terminated", {}).get("exitCode", 0):
            failed_init += 1
        elif not ("terminated" in state and state["terminated"].get("exitCode") == 0):
            pending_init += 1
    if failed_init and policy == "Never":
        return "Failed"
    if pending_init or failed_init:
        return "Pending"
    running = waiting = stopped = succeeded = 0
    statuses = {s["name"]: s for s in status.get("containerStatuses") or []}
    for container in spec.get("containers") or []:
        cs = statuses.get(container["name"])
        state = (cs or {}).get("state") or {}
        if "running" in state:
            running += 1
        elif "terminated" in state:
            stopped += 1
            if state["terminated"].get("exitCode") == 0:
                succeeded += 1
        elif "waiting" in state and ((cs or {}).get("lastState") or {}).get("terminated"):
            stopped += 1
            if cs["lastState"]["terminated"].get("exitCode") == 0:
                succeeded += 1
        else:
            waiting += 1
    if waiting:
        return "Pending"
    if running:
        return "Running"
    if stopped:
        if policy == "Always":
            return "Running"
        if stopped == succeeded:
            return "Succeeded"
        return "Running" if policy == "OnFailure" else "Failed"
    return "Pending"


def conditions(pod: dict[str, Any], pod_phase: str, sandbox_ready: bool, now: str) -> list[dict[str, Any]]:
    """The pod's conditions after a kubelet status update (kubelet order first)."""
    spec = pod.get("spec") or {}
    status = pod.get("status") or {}
    existing = status.get("conditions") or []
    init_statuses = {s["name"]: s for s in status.get("initContainerStatuses") or []}
    statuses = {s["name"]: s for s in status.get("containerStatuses") or []}
    # Initialized
    incomplete = []
    for container in spec.get("initContainers") or []:
        cs = init_statuses.get(container["name"]) or {}
        done = cs.get("started") if is_sidecar(container) else cs.get("ready")
        if not done:
            incomplete.append(container["name"])
    any_started = any("running" in (s.get("state") or {}) or "terminated" in (s.get("state") or {})
                      or (s.get("lastState") or {}).get("terminated") for s in statuses.values())
    if pod_phase == "Succeeded":
        initialized = ("True", "PodCompleted", "")
    elif any_started or not incomplete:
        initialized = ("True", "", "")
    else:
        initialized = ("False", "ContainersNotInitialized",
                       f"containers with incomplete status: [{' '.join(incomplete)}]")
    # ContainersReady / Ready
    if pod_phase in ("Succeeded", "Failed"):
        reason = "PodCompleted" if pod_phase == "Succeeded" else "PodFailed"
        ready = ("False", reason, "")
    else:
        unready = [c["name"] for c in spec.get("initContainers") or []
                   if is_sidecar(c) and not (init_statuses.get(c["name"]) or {}).get("ready")]
        unready += [c["name"] for c in spec.get("containers") or []
                    if not (statuses.get(c["name"]) or {}).get("ready")]
        if unready:
            ready = ("False", "ContainersNotReady", f"containers with unready status: [{' '.join(unready)}]")
        else:
            ready = ("True", "", "")
    values = {
        "PodReadyToStartContainers": ("True" if sandbox_ready else "False", "", ""),
        "Initialized": initialized,
        "Ready": ready,
        "ContainersReady": ready,
    }
    out: list[dict[str, Any]] = []
    by_type = {c.get("type"): c for c in existing}
    for ctype in KUBELET_CONDITIONS:
        value, reason, message = values[ctype]
        prior = [by_type[ctype]] if ctype in by_type else []
        out += set_condition(prior, ctype, value, now, reason, message)
    scheduled = by_type.get("PodScheduled") or {"type": "PodScheduled", "status": "True", "lastProbeTime": None,
                                                  "lastTransitionTime": now}
    out.append(scheduled)
    out += [c for c in existing if c.get("type") not in KUBELET_CONDITIONS + ("PodScheduled",)]
    return out


def ordered_status(status: dict[str, Any]) -> dict[str, Any]:
    """PodStatus fields in Go struct order (unknown keys kept at the end)."""
    order = ("observedGeneration", "phase", "conditions", "message", "reason", "nominatedNodeName",
             "hostIP", "hostIPs", "podIP", "podIPs", "startTime", "initContainerStatuses",
             "containerStatuses", "qosClass", "ephemeralContainerStatuses", "resize",
             "resourceClaimStatuses")
    out = {k: status[k] for k in order if k in status}
    out.update({k: v for k, v in status.items() if k not in out})
    return out
