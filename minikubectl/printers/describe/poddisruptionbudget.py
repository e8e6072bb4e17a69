"""``describe poddisruptionbudget``: min available / max unavailable, selector, status counts."""

from __future__ import annotations

from typing import Any

from minikubectl.printers.describe.events import describe_events, events_for
from minikubectl.printers.describe.writer import (LEVEL_0, LEVEL_2, Context, PrefixWriter, go_int, write_field,
                                                  write_name_namespace)


def describe(pdb: dict[str, Any], ctx: Context) -> str:
    from minikubectl.api.labels import format_label_selector
    spec = pdb.get("spec") or {}
    status = pdb.get("status") or {}
    events = events_for(ctx, pdb)
    w = PrefixWriter()
    write_name_namespace(w, pdb.get("metadata") or {})
    if spec.get("minAvailable") is not None:
        write_field(w, "Min available", spec["minAvailable"])
    else:
        write_field(w, "Max unavailable", spec.get("maxUnavailable"))
    write_field(w, "Selector", spec.get("selector"), format_label_selector, unset="<unset>")
    w.write(LEVEL_0, "Status:\n")
    for title, key in (("Allowed disruptions", "disruptionsAllowed"), ("Current", "currentHealthy"),
                       ("Desired", "desiredHealthy"), ("Total", "expectedPods")):
        write_field(w, title, go_int(status.get(key)), level=LEVEL_2)
    if events is not None:
        describe_events(events, w, ctx)
    return w.text()
