"""Pods: ``NAME READY STATUS RESTARTS AGE`` + wide ``IP NODE NOMINATED NODE READINESS GATES``.

The STATUS cell follows ``printPod``: phase (or ``status.reason``), then init
containers, then regular containers walked last to first, then deletion.
"""

from __future__ import annotations

from datetime import datetime

from minikubectl.golang.structs import dataclass
from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, dig, lst, mp, n, s
from minikubectl.printers.duration import human_duration, parse_timestamp

COLUMNS = (
    NAME,
    Column("Ready"),
    Column("Status"),
    Column("Restarts"),
    AGE,
    Column("IP", priority=1),
    Column("Node", priority=1),
    Column("Nominated Node", priority=1),
    Column("Readiness Gates", priority=1),
)


@dataclass
class PodSummary:
    """The computed READY / STATUS / RESTARTS parts of a pod row."""

    ready: int
    total: int
    reason: str
    restarts: int
    last_restart: datetime | None


def _is_sidecar(container: dict | None) -> bool:
    """An init container with ``restartPolicy: Always`` (a restartable sidecar)."""
    return container is not None and container.get("restartPolicy") == "Always"


def _later(current: datetime | None, candidate: object) -> datetime | None:
    """The later of ``current`` and the ``finishedAt`` time ``candidate``."""
    when = parse_timestamp(candidate if isinstance(candidate, str) else None)
    if when is None:
        return current
    return when if current is None or when > current else current


def _has_condition(status: dict, ctype: str) -> bool:
    """Whether condition ``ctype`` is present with status True."""
    return any(mp(c).get("type") == ctype and mp(c).get("status") == "True"
               for c in lst(status.get("conditions")))


def _initialized_true(status: dict) -> bool:
    """``isPodInitializedConditionTrue``: the first Initialized condition decides."""
    for cond in lst(status.get("conditions")):
        cond = mp(cond)
        if cond.get("type") == "Initialized":
            return cond.get("status") == "True"
    return False


def _terminated_reason(term: dict, prefix: str) -> str:
    """``<prefix><reason>``, else ``<prefix>Signal:<n>`` or ``<prefix>ExitCode:<n>``."""
    if s(term.get("reason")):
        return prefix + term["reason"]
    if n(term.get("signal")) != 0:
        return f"{prefix}Signal:{n(term.get('signal'))}"
    return f"{prefix}ExitCode:{n(term.get('exitCode'))}"


def pod_summary(pod: dict) -> PodSummary:
    """READY counts, the STATUS reason and the RESTARTS data of a pod (``printPod``)."""
    return PodSummary(*_summary(pod, mp(pod.get("spec")), mp(pod.get("status"))))


def _summary(pod: dict, spec: dict, status: dict) -> tuple[int, int, str, int, datetime | None]:
    """``pod_summary`` as a tuple, given the pod's ``spec`` and ``status`` maps.

    The helpers (``s``, ``lst``, ``mp``...) are inlined on the hot path: a table of
    10,000 pods calls this 10,000 times.
    """
    init = spec.get("initContainers")
    init_specs = [c if isinstance(c, dict) else {} for c in init] if isinstance(init, list) and init else []
    containers = spec.get("containers")
    total = len(containers) if isinstance(containers, list) else 0
    if init_specs:
        total += sum(1 for c in init_specs if _is_sidecar(c))
    ready = 0
    restarts = 0
    sidecar_restarts = 0
    last_restart: datetime | None = None
    last_sidecar_restart: datetime | None = None

    phase = status.get("phase")
    if not isinstance(phase, str):
        phase = ""
    reason = status.get("reason")
    if not isinstance(reason, str) or not reason:
        reason = phase
    conditions = status.get("conditions")
    if not isinstance(conditions, list):
        conditions = ()
    for cond in conditions:
        if isinstance(cond, dict) and cond.get("type") == "PodScheduled" \
                and cond.get("reason") == "SchedulingGated":
            reason = "SchedulingGated"

    initializing = False
    init_statuses = status.get("initContainerStatuses")
    if isinstance(init_statuses, list) and init_statuses:
        by_name = {s(c.get("name")): c for c in init_specs}
        for i, cs in enumerate(init_statuses):
            cs = mp(cs)
            restarts += n(cs.get("restartCount"))
            finished = dig(cs, "lastState", "terminated", "finishedAt")
            last_restart = _later(last_restart, finished)
            sidecar = _is_sidecar(by_name.get(s(cs.get("name"))))
            if sidecar:
                sidecar_restarts += n(cs.get("restartCount"))
                last_sidecar_restart = _later(last_sidecar_restart, finished)
            state = mp(cs.get("state"))
            term = state.get("terminated")
            waiting = state.get("waiting")
            if isinstance(term, dict) and n(term.get("exitCode")) == 0:
                continue
            if sidecar and cs.get("started") is True:
                if cs.get("ready") is True:
                    ready += 1
                continue
            if isinstance(term, dict):
                reason = _terminated_reason(term, "Init:")
            elif isinstance(waiting, dict) and s(waiting.get("reason")) and waiting["reason"] != "PodInitializing":
                reason = "Init:" + waiting["reason"]
            else:
                reason = f"Init:{i}/{len(init_specs)}"
            initializing = True
            break

    if not initializing or _initialized_true(status):
        restarts = sidecar_restarts
        last_restart = last_sidecar_restart
        has_running = False
        statuses = status.get("containerStatuses")
        for cs in reversed(statuses) if isinstance(statuses, list) else ():
            if not isinstance(cs, dict):
                continue  # a null status: nothing counts, nothing changes
            count = cs.get("restartCount")
            if count:
                restarts += n(count)
            last_state = cs.get("lastState")
            if last_state:
                last_restart = _later(last_restart, dig(last_state, "terminated", "finishedAt"))
            state = cs.get("state")  # type: ignore[assignment]  # checked just below
            if not isinstance(state, dict):
                state = {}
            waiting, term = state.get("waiting"), state.get("terminated")
            if isinstance(waiting, dict) and isinstance(waiting.get("reason"), str) and waiting["reason"]:
                reason = waiting["reason"]
            elif isinstance(term, dict):
                reason = _terminated_reason(term, "")
            elif cs.get("ready") is True and isinstance(state.get("running"), dict):
                has_running = True
                ready += 1
        # Some container still runs after another completed: not really "Completed".
        if reason == "Completed" and has_running:
            reason = "Running" if _has_condition(status, "Ready") else "NotReady"

    meta = pod.get("metadata")
    if isinstance(meta, dict) and meta.get("deletionTimestamp"):
        if status.get("reason") == "NodeLost":
            reason = "Unknown"
        elif phase not in ("Succeeded", "Failed"):
            reason = "Terminating"
    return ready, total, reason, restarts, last_restart


def _restarts_cell(summary: PodSummary, now: datetime) -> str:
    """``5`` or ``5 (2m3s ago)`` when a last termination time is known."""
    return _restarts_text(summary.restarts, summary.last_restart, now)


def _restarts_text(restarts: int, last_restart: datetime | None, now: datetime) -> str:
    if restarts != 0 and last_restart is not None:
        return f"{restarts} ({human_duration(now - last_restart)} ago)"
    return str(restarts)


def _readiness_gates(spec: dict, status: dict) -> str:
    """``<true>/<total>`` over ``spec.readinessGates``; ``<none>`` without gates."""
    gates = lst(spec.get("readinessGates"))
    if not gates:
        return "<none>"
    conditions = [mp(c) for c in lst(status.get("conditions"))]
    true_count = 0
    for gate in gates:
        wanted = mp(gate).get("conditionType")
        for cond in conditions:
            if cond.get("type") == wanted:
                true_count += cond.get("status") == "True"
                break
    return f"{true_count}/{len(gates)}"


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a pod."""
    spec = obj.get("spec")
    if not isinstance(spec, dict):
        spec = {}
    status = obj.get("status")
    if not isinstance(status, dict):
        status = {}
    ready, total, reason, restarts, last_restart = _summary(obj, spec, status)
    pod_ip = s(dig(status, "podIPs", 0, "ip")) or "<none>"
    meta = obj.get("metadata")
    name = meta.get("name") if isinstance(meta, dict) else None
    node = spec.get("nodeName")
    nominated = status.get("nominatedNodeName")
    return [[
        name if isinstance(name, str) else "",
        f"{ready}/{total}",
        reason,
        _restarts_text(restarts, last_restart, now),
        age_of(obj, now),
        pod_ip,
        node if isinstance(node, str) and node else "<none>",
        nominated if isinstance(nominated, str) and nominated else "<none>",
        _readiness_gates(spec, status) if spec.get("readinessGates") else "<none>",
    ]]
