"""``describe cronjob``: schedule, policies, the job template, last schedule, active jobs."""

from __future__ import annotations

from typing import Any

from minikubectl.printers.describe.events import describe_events, events_for
from minikubectl.printers.describe.job import describe_job_template
from minikubectl.printers.describe.writer import (LEVEL_0, Context, PrefixWriter, go_int, print_bool, rfc1123z, s,
                                                  write_labels_annotations, write_name_namespace)


def describe(cj: dict[str, Any], ctx: Context) -> str:
    meta = cj.get("metadata") or {}
    spec = cj.get("spec") or {}
    status = cj.get("status") or {}
    events = events_for(ctx, cj)
    w = PrefixWriter()
    write_name_namespace(w, meta)
    write_labels_annotations(w, meta)
    w.write(LEVEL_0, f"Schedule:\t{s(spec.get('schedule'))}\n")
    w.write(LEVEL_0, f"Concurrency Policy:\t{s(spec.get('concurrencyPolicy'))}\n")
    suspend = spec.get("suspend")
    w.write(LEVEL_0, f"Suspend:\t{print_bool(suspend) if suspend is not None else '<unset>'}\n")
    for title, key in (("Successful Job History Limit", "successfulJobsHistoryLimit"),
                       ("Failed Job History Limit", "failedJobsHistoryLimit")):
        value = spec.get(key)
        w.write(LEVEL_0, f"{title}:\t{go_int(value) if value is not None else '<unset>'}\n")
    deadline = spec.get("startingDeadlineSeconds")
    w.write(LEVEL_0, "Starting Deadline Seconds:\t"
                     f"{str(go_int(deadline)) + 's' if deadline is not None else '<unset>'}\n")
    describe_job_template(spec.get("jobTemplate"), w, ctx)
    last = status.get("lastScheduleTime")
    w.write(LEVEL_0, f"Last Schedule Time:\t{rfc1123z(last, ctx) if last is not None else '<unset>'}\n")
    _active_jobs(w, status.get("active") or [])
    if events is not None:
        describe_events(events, w, ctx)
    return w.text()


def _active_jobs(w: PrefixWriter, jobs: list[Any]) -> None:
    w.write(LEVEL_0, "Active Jobs:\t")
    if not jobs:
        w.write_line("<none>")
        return
    w.write(LEVEL_0, ", ".join(s((j or {}).get("name")) for j in jobs))
    w.write_line("")
