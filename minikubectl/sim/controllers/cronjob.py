"""The CronJob controller (v2): a Job per scheduled time, concurrency, history limits.

Follows ``pkg/controller/cronjob`` (cronjob_controllerv2.go, utils.go): jobs are named
``<cronjob>-<scheduled time in minutes since the epoch>``, carry the job template's labels
and annotations plus ``batch.kubernetes.io/cronjob-scheduled-timestamp``, and are owned by
the CronJob. ``status.active`` lists the running jobs (ObjectReferences),
``lastScheduleTime`` / ``lastSuccessfulTime`` follow. Events from ``cronjob-controller``:
``SuccessfulCreate`` (``Created job x``), ``SawCompletedJob``, ``SuccessfulDelete``
(``Deleted job x``, history limits and ``Replace``), ``JobAlreadyActive`` (``Forbid``),
``MissSchedule`` (past ``startingDeadlineSeconds``), ``UnparseableSchedule``.

The simulation wakes the controller exactly at each scheduled instant (a timer), so the
job's creationTimestamp is the scheduled time. Schedules are evaluated in
``spec.timeZone`` when the zone is known, else UTC (the controller manager's zone).
"""

from __future__ import annotations

import copy
from datetime import datetime, timezone, tzinfo
from typing import Any

from minikubectl.sim import events
from minikubectl.sim.clock import from_ms, parse_ms, stamp, to_ms
from minikubectl.sim.context import SimContext
from minikubectl.sim.controllers import cron_schedule, job as job_controller
from minikubectl.sim.controllers import workload_common as wc
from minikubectl.sim.controllers.common import owner_reference

COMPONENT = "cronjob-controller"
PLURAL = "cronjobs.batch"
SCHEDULED = "batch.kubernetes.io/cronjob-scheduled-timestamp"
MAX_MISSED = 100


def forget(ctx: SimContext, cj: dict[str, Any]) -> None:
    """Nothing is kept per CronJob besides timers (which resync harmlessly)."""


def _zone(cj: dict[str, Any]) -> tzinfo:
    name = (cj.get("spec") or {}).get("timeZone")
    if not name:
        return timezone.utc
    try:
        from zoneinfo import ZoneInfo
        return ZoneInfo(name)
    except Exception:  # unknown zone or no tz database: the validation already passed
        return timezone.utc


def _ref(job: dict[str, Any]) -> dict[str, Any]:
    meta = job["metadata"]
    return {"apiVersion": "batch/v1", "kind": "Job", "name": meta["name"], "namespace": meta["namespace"],
            "resourceVersion": meta.get("resourceVersion", ""), "uid": meta.get("uid", "")}


def _condition(job: dict[str, Any]) -> str | None:
    for cond in (job.get("status") or {}).get("conditions") or []:
        if cond.get("type") in ("Complete", "Failed") and cond.get("status") == "True":
            return cond["type"]
    return None


def sync(ctx: SimContext, cj: dict[str, Any]) -> None:
    """One reconcile of a CronJob."""
    if cj["metadata"].get("deletionTimestamp"):
        return
    spec = cj.get("spec") or {}
    status = copy.deepcopy(cj.get("status") or {})
    jobs = wc.owned(ctx, cj, "jobs.batch")
    by_uid = {j["metadata"].get("uid"): j for j in jobs}
    active = []
    for ref in status.get("active") or []:
        found = by_uid.get(ref.get("uid"))
        if found is None:
            events.record(ctx, cj, "Normal", "MissingJob", f"Active job went missing: {ref.get('name')}", COMPONENT)
            continue
        active.append(ref)
    known = {r.get("uid") for r in active}
    for job in jobs:
        finished = _condition(job)
        uid = job["metadata"].get("uid")
        if finished is None and uid not in known and not job["metadata"].get("deletionTimestamp"):
            active.append(_ref(job))
            known.add(uid)
        elif finished is not None and uid in known:
            active = [r for r in active if r.get("uid") != uid]
            events.record(ctx, cj, "Normal", "SawCompletedJob",
                          f"Saw completed job: {job['metadata']['name']}, condition: {finished}", COMPONENT)
            if finished == "Complete":
                done = (job.get("status") or {}).get("completionTime")
                if done and (status.get("lastSuccessfulTime") is None
                             or parse_ms(done) > (parse_ms(status.get("lastSuccessfulTime")) or 0)):
                    status["lastSuccessfulTime"] = done
    _cleanup(ctx, cj, jobs)
    if not spec.get("suspend"):
        active = _schedule(ctx, cj, spec, status, active)
    if active:
        status["active"] = active
    else:
        status.pop("active", None)
    wc.write_status(ctx, PLURAL, cj, status)


def _schedule(ctx: SimContext, cj: dict[str, Any], spec: dict[str, Any], status: dict[str, Any],
              active: list[dict[str, Any]]) -> list[dict[str, Any]]:
    try:
        sched = cron_schedule.parse(str(spec.get("schedule", "")))
    except cron_schedule.ScheduleError as exc:
        events.record(ctx, cj, "Warning", "UnparseableSchedule",
                      f"unparseable schedule: {spec.get('schedule', '')!r} : {exc}", COMPONENT)
        return active
    tz = _zone(cj)
    now = from_ms(ctx.now_ms)
    earliest_text = status.get("lastScheduleTime") or cj["metadata"].get("creationTimestamp")
    earliest = from_ms(parse_ms(earliest_text) or ctx.now_ms)
    scheduled = None
    cursor = sched.next_after(earliest, tz)
    for _ in range(MAX_MISSED * 10):
        if cursor is None or cursor > now:
            break
        scheduled = cursor
        cursor = sched.next_after(cursor, tz)
    if cursor is not None:
        wc.resync(ctx, PLURAL, cj, to_ms(cursor))
    if scheduled is None:
        return active
    deadline = spec.get("startingDeadlineSeconds")
    if deadline is not None and (now - scheduled).total_seconds() > int(deadline):
        events.record(ctx, cj, "Warning", "MissSchedule", "Missed scheduled time to start a job: "
                      + scheduled.strftime("%a, %d %b %Y %H:%M:%S +0000"), COMPONENT)
        return active
    policy = spec.get("concurrencyPolicy") or "Allow"
    if policy == "Forbid" and active:
        events.record(ctx, cj, "Normal", "JobAlreadyActive",
                      "Not starting job because prior execution is running and concurrency policy is Forbid",
                      COMPONENT)
        return active
    if policy == "Replace":
        for ref in active:
            job = ctx.peek("jobs.batch", ref.get("namespace"), ref.get("name", ""))
            if job is not None and wc.delete(ctx, "jobs.batch", job, propagation="Background"):
                events.record(ctx, cj, "Normal", "SuccessfulDelete", f"Deleted job {ref.get('name')}", COMPONENT)
        active = []
    name = f"{cj['metadata']['name']}-{int(scheduled.timestamp()) // 60}"
    existing = ctx.peek("jobs.batch", cj["metadata"]["namespace"], name)
    if existing is None:
        created = wc.create(ctx, "jobs.batch", _job_for(cj, name, scheduled, tz), cj, COMPONENT,
                            "Error creating job: {}")
        if created is None:
            return active
        events.record(ctx, cj, "Normal", "SuccessfulCreate", f"Created job {name}", COMPONENT)
        if not any(r.get("uid") == created["metadata"].get("uid") for r in active):
            active.append(_ref(created))
    status["lastScheduleTime"] = stamp(to_ms(scheduled))
    return active


def _job_for(cj: dict[str, Any], name: str, scheduled: datetime, tz: tzinfo) -> dict[str, Any]:
    template = copy.deepcopy((cj.get("spec") or {}).get("jobTemplate") or {})
    tmeta = template.get("metadata") or {}
    annotations = dict(tmeta.get("annotations") or {})
    local = scheduled.astimezone(tz)
    text = local.strftime("%Y-%m-%dT%H:%M:%S")
    offset = local.strftime("%z")
    annotations[SCHEDULED] = text + ("Z" if offset in ("", "+0000") else f"{offset[:3]}:{offset[3:]}")
    meta: dict[str, Any] = {"name": name, "namespace": cj["metadata"]["namespace"]}
    if tmeta.get("labels"):
        meta["labels"] = dict(tmeta["labels"])
    meta["annotations"] = annotations
    meta["ownerReferences"] = [owner_reference(cj)]
    return {"apiVersion": "batch/v1", "kind": "Job", "metadata": meta, "spec": template.get("spec") or {}}


def _cleanup(ctx: SimContext, cj: dict[str, Any], jobs: list[dict[str, Any]]) -> None:
    """``cleanupFinishedJobs``: keep the newest successful / failed jobs up to the limits."""
    spec = cj.get("spec") or {}
    for ctype, key in (("Complete", "successfulJobsHistoryLimit"), ("Failed", "failedJobsHistoryLimit")):
        limit = spec.get(key)
        if limit is None:
            continue
        finished = [j for j in jobs if _condition(j) == ctype and not j["metadata"].get("deletionTimestamp")]
        if len(finished) <= int(limit):
            continue
        finished.sort(key=lambda j: ((j.get("status") or {}).get("startTime") or j["metadata"].get(
            "creationTimestamp", ""), j["metadata"]["name"]))
        for job in finished[:len(finished) - int(limit)]:
            if wc.delete(ctx, "jobs.batch", job, propagation="Background"):
                events.record(ctx, cj, "Normal", "SuccessfulDelete", f"Deleted job {job['metadata']['name']}",
                              COMPONENT)


__all__ = ["sync", "forget", "job_controller"]
