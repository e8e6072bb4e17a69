"""``describe job``: parallelism, completions, timing, pod statuses, pod template."""

from __future__ import annotations

from typing import Any

from minikubectl.printers.describe.containers import describe_pod_template
from minikubectl.printers.describe.events import describe_events, events_for
from minikubectl.printers.describe.writer import (LEVEL_0, Context, PrefixWriter, controller_of, dig, go_bool,
                                                  go_int, parse_time, rfc1123z, s, selector_text,
                                                  write_field, write_labels_annotations, write_name_namespace)


def describe(job: dict[str, Any], ctx: Context) -> str:
    from minikubectl.printers.duration import human_duration
    meta = job.get("metadata") or {}
    spec = job.get("spec") or {}
    status = job.get("status") or {}
    events = events_for(ctx, job)
    w = PrefixWriter()
    write_name_namespace(w, meta)
    w.write(LEVEL_0, f"Selector:\t{selector_text(spec.get('selector'))}\n")
    write_labels_annotations(w, meta)
    controlled_by = controller_of(job)
    if controlled_by:
        w.write(LEVEL_0, f"Controlled By:\t{controlled_by}\n")
    write_field(w, "Parallelism", spec.get("parallelism"), go_int)
    write_field(w, "Completions", spec.get("completions"), go_int, unset="<unset>")
    write_field(w, "Completion Mode", spec.get("completionMode"))
    write_field(w, "Suspend", spec.get("suspend"), go_bool)
    write_field(w, "Backoff Limit", spec.get("backoffLimit"), go_int)
    write_field(w, "TTL Seconds After Finished", spec.get("ttlSecondsAfterFinished"), go_int)
    start, done = status.get("startTime"), status.get("completionTime")
    if start is not None:
        w.write(LEVEL_0, f"Start Time:\t{rfc1123z(start, ctx)}\n")
    if done is not None:
        w.write(LEVEL_0, f"Completed At:\t{rfc1123z(done, ctx)}\n")
    if start is not None and done is not None:
        a, b = parse_time(start), parse_time(done)
        if a is not None and b is not None:
            w.write(LEVEL_0, f"Duration:\t{human_duration(b - a)}\n")
    if spec.get("activeDeadlineSeconds") is not None:
        w.write(LEVEL_0, f"Active Deadline Seconds:\t{go_int(spec['activeDeadlineSeconds'])}s\n")
    active, succeeded, failed = (go_int(status.get(k)) for k in ("active", "succeeded", "failed"))
    if status.get("ready") is None:
        w.write(LEVEL_0, f"Pods Statuses:\t{active} Active / {succeeded} Succeeded / {failed} Failed\n")
    else:
        w.write(LEVEL_0, f"Pods Statuses:\t{active} Active ({go_int(status['ready'])} Ready) / "
                         f"{succeeded} Succeeded / {failed} Failed\n")
    if spec.get("completionMode") == "Indexed":
        w.write(LEVEL_0, f"Completed Indexes:\t{cap_indexes(s(status.get('completedIndexes')), 50)}\n")
    describe_pod_template(spec.get("template"), w, ctx)
    if events is not None:
        describe_events(events, w, ctx)
    return w.text()


def cap_indexes(indexes: str, soft_limit: int) -> str:
    """``capIndexesListOrNone``."""
    if not indexes:
        return "<none>"
    ix = soft_limit
    while ix < len(indexes) and indexes[ix] != ",":
        ix += 1
    if ix >= len(indexes):
        return indexes
    return indexes[:ix + 1] + "..."


def describe_job_template(template: Any, w: PrefixWriter, ctx: Context) -> None:
    """``describeJobTemplate`` (a cron job's job template)."""
    spec = dig(template, "spec") or {}
    if spec.get("selector") is not None:
        w.write(LEVEL_0, f"Selector:\t{selector_text(spec['selector'])}\n")
    else:
        w.write(LEVEL_0, "Selector:\t<unset>\n")
    for title, key in (("Parallelism", "parallelism"), ("Completions", "completions")):
        value = spec.get(key)
        w.write(LEVEL_0, f"{title}:\t{go_int(value) if value is not None else '<unset>'}\n")
    if spec.get("activeDeadlineSeconds") is not None:
        w.write(LEVEL_0, f"Active Deadline Seconds:\t{go_int(spec['activeDeadlineSeconds'])}s\n")
    describe_pod_template(spec.get("template") or {}, w, ctx)
