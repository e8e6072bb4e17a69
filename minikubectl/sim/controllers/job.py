"""The Job controller: pods until enough succeed, back-off after failures, conditions.

Follows ``pkg/controller/job`` (job_controller.go, backoff_utils.go, indexed_job_utils.go)
as v1.33 runs it, simplified where the simulation has no races:

* Pods are ``<job>-<5 chars>`` (``<job>-<index>-<5 chars>`` for ``completionMode: Indexed``,
  with the ``batch.kubernetes.io/job-completion-index`` annotation and label and hostname
  ``<job>-<index>``), labelled from the template (the API server put ``controller-uid``,
  ``job-name`` and their ``batch.kubernetes.io/`` twins there).
* Up to ``parallelism`` pods run while fewer than ``completions`` succeeded; with no
  ``completions`` (a work queue) no pod is added after the first success.
* A failed pod is replaced after a back-off of 10 s doubling per consecutive failure,
  capped at 6 minutes. ``failed > backoffLimit`` (or, with ``restartPolicy: OnFailure``,
  container restarts reaching ``backoffLimit``) fails the job: ``FailureTarget``, active pods
  deleted, then ``Failed`` once none is left (reason ``BackoffLimitExceeded``);
  ``activeDeadlineSeconds`` does the same with ``DeadlineExceeded``.
* Success: ``SuccessCriteriaMet`` then ``Complete`` (reason ``CompletionsReached``) with
  ``completionTime``; event ``Completed`` ``Job completed``.
* Terminated pods are counted once (the real controller uses the
  ``batch.kubernetes.io/job-tracking`` finalizer and ``uncountedTerminatedPods``; the
  simulation keeps the counted uids in its bookkeeping instead, so pods carry no finalizer
  and ``uncountedTerminatedPods`` stays ``{}``).
* ``spec.suspend`` deletes active pods (``Suspended`` condition, events ``Suspended`` /
  ``Resumed``); ``ttlSecondsAfterFinished`` deletes a finished job (ttl-after-finished controller).
"""

from __future__ import annotations

import copy
from typing import Any

from minikubectl.sim import events
from minikubectl.sim.clock import parse_ms, stamp
from minikubectl.sim.context import SimContext
from minikubectl.sim.controllers import workload_common as wc
from minikubectl.sim.podstatus import is_ready

COMPONENT = "job-controller"
PLURAL = "jobs.batch"
BACKOFF_MS = 10_000
MAX_BACKOFF_MS = 360_000
INDEX_KEY = "batch.kubernetes.io/job-completion-index"
SUCCESS_MESSAGE = "Reached expected number of succeeded pods"


def _cond(status: dict[str, Any], ctype: str) -> dict[str, Any] | None:
    return next((c for c in status.get("conditions") or [] if c.get("type") == ctype), None)


def _true(status: dict[str, Any], ctype: str) -> bool:
    cond = _cond(status, ctype)
    return bool(cond and cond.get("status") == "True")


def is_finished(job: dict[str, Any]) -> bool:
    """Complete or Failed."""
    status = job.get("status") or {}
    return _true(status, "Complete") or _true(status, "Failed")


def _set(status: dict[str, Any], ctype: str, value: str, reason: str, message: str, now: str) -> None:
    conditions = status.setdefault("conditions", [])
    current = _cond(status, ctype)
    new = {"type": ctype, "status": value, "lastProbeTime": now, "lastTransitionTime": now,
           "reason": reason, "message": message}
    if current is None:
        conditions.append(new)
        return
    if current.get("status") == value and current.get("reason") == reason:
        return
    conditions[conditions.index(current)] = new


def _record(ctx: SimContext, job: dict[str, Any]) -> dict[str, Any]:
    return ctx.sim.setdefault("jobs", {}).setdefault(job["metadata"]["uid"], {"c": [], "a": []})


def forget(ctx: SimContext, job: dict[str, Any]) -> None:
    """The job is gone or finished: drop its bookkeeping."""
    records = ctx.sim.get("jobs")
    if records and job["metadata"].get("uid") in records:
        del records[job["metadata"]["uid"]]
        if not records:
            ctx.sim.pop("jobs", None)
        ctx.touch()


def _int(value: Any, default: int) -> int:
    return default if value is None else int(value)


def _pod_index(pod: dict[str, Any]) -> int | None:
    value = (pod["metadata"].get("annotations") or {}).get(INDEX_KEY)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _format_indexes(indexes: set[int]) -> str:
    out, ordered = [], sorted(indexes)
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        out.append(str(ordered[i]) if i == j else f"{ordered[i]}-{ordered[j]}")
        i = j + 1
    return ",".join(out)


def _parse_indexes(text: str) -> set[int]:
    out: set[int] = set()
    for part in filter(None, (text or "").split(",")):
        lo, _, hi = part.partition("-")
        out.update(range(int(lo), int(hi or lo) + 1))
    return out


def sync(ctx: SimContext, job: dict[str, Any]) -> None:
    """One reconcile of a Job."""
    meta = job["metadata"]
    if meta.get("deletionTimestamp"):
        return
    spec = job.get("spec") or {}
    if is_finished(job):
        forget(ctx, job)
        _ttl(ctx, job)
        return
    now = ctx.stamp()
    status = copy.deepcopy(job.get("status") or {})
    pods = wc.owned(ctx, job, "pods")
    rec = _record(ctx, job)
    counted = set(rec["c"])
    live = {p["metadata"]["uid"] for p in pods}
    indexed = spec.get("completionMode") == "Indexed"
    completions = spec.get("completions")
    parallelism = _int(spec.get("parallelism"), 1)
    done_indexes = _parse_indexes(status.get("completedIndexes", ""))

    # -- count newly terminated pods (and active pods that vanished) --------------------
    succeeded = _int(status.get("succeeded"), 0)
    failed = _int(status.get("failed"), 0)
    new_failures = 0
    for pod in pods:
        uid = pod["metadata"]["uid"]
        phase = (pod.get("status") or {}).get("phase")
        if uid in counted or phase not in ("Succeeded", "Failed"):
            continue
        counted.add(uid)
        if phase == "Succeeded":
            index = _pod_index(pod)
            if indexed and (index is None or index in done_indexes):
                continue
            succeeded += 1
            rec["bo"] = 0
            if index is not None:
                done_indexes.add(index)
        else:
            failed += 1
            new_failures += 1
    for uid in rec["a"]:
        if uid not in live and uid not in counted:
            failed += 1
            new_failures += 1
    if new_failures:
        rec["bo"] = int(rec.get("bo", 0)) + new_failures
        rec["lf"] = ctx.now_ms
    rec["c"] = sorted(u for u in counted if u in live)
    active = [p for p in pods if (p.get("status") or {}).get("phase") not in ("Succeeded", "Failed")
              and not p["metadata"].get("deletionTimestamp")]
    terminating = [p for p in pods if p["metadata"].get("deletionTimestamp")
                   and (p.get("status") or {}).get("phase") not in ("Succeeded", "Failed")]
    if succeeded:
        status["succeeded"] = succeeded
    if failed:
        status["failed"] = failed
    if indexed:
        text = _format_indexes(done_indexes)
        if text:
            status["completedIndexes"] = text
        else:
            status.pop("completedIndexes", None)

    # -- suspension -------------------------------------------------------------------------
    if spec.get("suspend"):
        if not _true(status, "Suspended"):
            _set(status, "Suspended", "True", "JobSuspended", "Job suspended", now)
            events.record(ctx, job, "Normal", "Suspended", "Job suspended", COMPONENT)
        for pod in active:
            _delete_pod(ctx, job, pod)
        status.pop("startTime", None)
        active = []
    else:
        if _true(status, "Suspended"):
            _set(status, "Suspended", "False", "JobResumed", "Job resumed", now)
            events.record(ctx, job, "Normal", "Resumed", "Job resumed", COMPONENT)
            status["startTime"] = now
        status.setdefault("startTime", now)

    # -- terminal criteria ---------------------------------------------------------------
    if not spec.get("suspend") and not _true(status, "FailureTarget") and not _true(status, "SuccessCriteriaMet"):
        failure = _failure(ctx, job, spec, status, failed, active)
        if failure is not None:
            reason, message = failure
            _set(status, "FailureTarget", "True", reason, message, now)
            events.record(ctx, job, "Warning", reason, message, COMPONENT)
        elif _succeeded(spec, succeeded, active, indexed, done_indexes):
            _set(status, "SuccessCriteriaMet", "True", "CompletionsReached", SUCCESS_MESSAGE, now)
    if _true(status, "FailureTarget") or _true(status, "SuccessCriteriaMet"):
        for pod in active:
            _delete_pod(ctx, job, pod)
        terminating += active
        active = []
        if not terminating:
            if _true(status, "FailureTarget"):
                target = _cond(status, "FailureTarget") or {}
                _set(status, "Failed", "True", target.get("reason", ""), target.get("message", ""), now)
            else:
                _set(status, "Complete", "True", "CompletionsReached", SUCCESS_MESSAGE, now)
                status["completionTime"] = now
                events.record(ctx, job, "Normal", "Completed", "Job completed", COMPONENT)
    elif not spec.get("suspend"):
        active = _manage(ctx, job, spec, rec, active, succeeded, completions, parallelism, indexed,
                         done_indexes, pods)

    status["active"] = len(active)
    if not status["active"]:
        del status["active"]
    status["ready"] = sum(1 for p in active if is_ready(p))
    status["terminating"] = len(terminating)
    status["uncountedTerminatedPods"] = {}
    rec["a"] = [p["metadata"]["uid"] for p in active + terminating]
    ctx.touch()
    stored = wc.write_status(ctx, PLURAL, job, status)
    if is_finished(stored):
        forget(ctx, stored)
        _ttl(ctx, stored)


def _failure(ctx: SimContext, job: dict[str, Any], spec: dict[str, Any], status: dict[str, Any], failed: int,
             active: list[dict[str, Any]]) -> tuple[str, str] | None:
    backoff_limit = _int(spec.get("backoffLimit"), 6)
    if failed > backoff_limit:
        return "BackoffLimitExceeded", "Job has reached the specified backoff limit"
    template_spec = (spec.get("template") or {}).get("spec") or {}
    if template_spec.get("restartPolicy") == "OnFailure" and active:
        restarts = sum(int(cs.get("restartCount", 0) or 0) for p in active
                       for cs in ((p.get("status") or {}).get("containerStatuses") or [])
                       + ((p.get("status") or {}).get("initContainerStatuses") or []))
        if backoff_limit == 0 and restarts > 0 or backoff_limit > 0 and restarts >= backoff_limit:
            return "BackoffLimitExceeded", "Job has reached the specified backoff limit"
    deadline = spec.get("activeDeadlineSeconds")
    start = parse_ms(status.get("startTime"))
    if deadline is not None and start is not None:
        due = start + int(deadline) * 1000
        if ctx.now_ms >= due:
            return "DeadlineExceeded", "Job was active longer than specified deadline"
        wc.resync(ctx, PLURAL, job, due)
    return None


def _succeeded(spec: dict[str, Any], succeeded: int, active: list[dict[str, Any]], indexed: bool,
               done_indexes: set[int]) -> bool:
    completions = spec.get("completions")
    if completions is None:
        return succeeded > 0 and not active
    if indexed:
        return len(done_indexes) >= int(completions)
    return succeeded >= int(completions)


def _manage(ctx: SimContext, job: dict[str, Any], spec: dict[str, Any], rec: dict[str, Any],
            active: list[dict[str, Any]], succeeded: int, completions: Any, parallelism: int, indexed: bool,
            done_indexes: set[int], pods: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``manageJob``: create or delete pods toward the wanted number of active ones."""
    if completions is None:
        want = 0 if succeeded > 0 else parallelism
    else:
        done = len(done_indexes) if indexed else succeeded
        want = max(min(int(completions) - done, parallelism), 0)
    if len(active) > want:
        ranked = sorted(active, key=lambda p: (is_ready(p), bool(p["spec"].get("nodeName")),
                                               p["metadata"].get("creationTimestamp", "")))
        extra = len(active) - want
        for pod in ranked[:extra]:
            _delete_pod(ctx, job, pod)
        return [p for p in active if p not in ranked[:extra]]
    if len(active) == want:
        return active
    failures = int(rec.get("bo", 0))
    if failures:
        delay = min(BACKOFF_MS * 2 ** (failures - 1), MAX_BACKOFF_MS)
        due = int(rec.get("lf", ctx.now_ms)) + delay
        if due > ctx.now_ms:
            wc.resync(ctx, PLURAL, job, due)
            return active
    indexes: list[int | None] = [None] * (want - len(active))
    if indexed:
        busy = {_pod_index(p) for p in active}
        free = [i for i in range(int(completions)) if i not in done_indexes and i not in busy]
        indexes = list(free[:want - len(active)])
    out = list(active)
    for index in indexes:
        created = _create_pod(ctx, job, index)
        if created is None:
            break
        out.append(created)
    return out


def _create_pod(ctx: SimContext, job: dict[str, Any], index: int | None) -> dict[str, Any] | None:
    name = job["metadata"]["name"]
    pod = wc.pod_from_template(job, (job.get("spec") or {}).get("template") or {})
    pmeta = pod["metadata"]
    pmeta["generateName"] = f"{name}-" if index is None else f"{name}-{index}-"
    if index is not None:
        pmeta.setdefault("annotations", {})[INDEX_KEY] = str(index)
        pmeta.setdefault("labels", {})[INDEX_KEY] = str(index)
        pod["spec"]["hostname"] = f"{name}-{index}"
    created = wc.create(ctx, "pods", pod, job, COMPONENT)
    if created is not None:
        events.record(ctx, job, "Normal", "SuccessfulCreate", f"Created pod: {created['metadata']['name']}",
                      COMPONENT)
    return created


def _delete_pod(ctx: SimContext, job: dict[str, Any], pod: dict[str, Any]) -> None:
    if wc.delete(ctx, "pods", pod):
        events.record(ctx, job, "Normal", "SuccessfulDelete", f"Deleted pod: {pod['metadata']['name']}", COMPONENT)


def _ttl(ctx: SimContext, job: dict[str, Any]) -> None:
    """The ttl-after-finished controller."""
    ttl = (job.get("spec") or {}).get("ttlSecondsAfterFinished")
    if ttl is None:
        return
    status = job.get("status") or {}
    finished = _cond(status, "Complete") if _true(status, "Complete") else _cond(status, "Failed")
    at = parse_ms((finished or {}).get("lastTransitionTime")) or ctx.now_ms
    due = at + int(ttl) * 1000
    if due > ctx.now_ms:
        wc.resync(ctx, PLURAL, job, due)
        return
    wc.delete(ctx, PLURAL, job, propagation="Foreground")


def finished_at(job: dict[str, Any]) -> str | None:
    """When the job finished (for the CronJob controller)."""
    status = job.get("status") or {}
    for ctype in ("Complete", "Failed"):
        if _true(status, ctype):
            return (_cond(status, ctype) or {}).get("lastTransitionTime")
    return None


__all__ = ["sync", "forget", "is_finished", "finished_at", "stamp"]
