"""``describe priorityclass``: value, global default, preemption policy, description."""

from __future__ import annotations

from typing import Any

from minikubectl.printers.describe.events import describe_events, events_for
from minikubectl.printers.describe.writer import LEVEL_0, Context, PrefixWriter, go_bool, go_int, s


def describe(pc: dict[str, Any], ctx: Context) -> str:
    from minikubectl.api.labels import format_labels
    meta = pc.get("metadata") or {}
    events = events_for(ctx, pc)
    w = PrefixWriter()
    w.write(LEVEL_0, f"Name:\t{s(meta.get('name'))}\n")
    w.write(LEVEL_0, f"Value:\t{go_int(pc.get('value'))}\n")
    w.write(LEVEL_0, f"GlobalDefault:\t{go_bool(pc.get('globalDefault'))}\n")
    w.write(LEVEL_0, f"PreemptionPolicy:\t{s(pc.get('preemptionPolicy'))}\n")
    w.write(LEVEL_0, f"Description:\t{s(pc.get('description'))}\n")
    w.write(LEVEL_0, f"Annotations:\t{format_labels(meta.get('annotations'))}\n")
    if events is not None:
        describe_events(events, w, ctx)
    return w.text()
