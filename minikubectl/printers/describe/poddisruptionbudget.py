"""``describe poddisruptionbudget``: min available / max unavailable, selector, status counts."""

from __future__ import annotations

from typing import Any

from minikubectl.printers.describe.events import describe_events, events_for
from minikubectl.printers.describe.writer import (LEVEL_0, LEVEL_2, Context, PrefixWriter, go_int, s,
                                                  write_name_namespace)


def describe(pdb: dict[str, Any], ctx: Context) -> str:
    from minikubectl.api.labels import format_label_selector
    spec = pdb.get("spec") or {}
    status = pdb.get("status") or {}
    events = events_for(ctx, pdb)
    w = PrefixWriter()
    write_name_namespace(w, pdb.get("metadata") or {})
    if spec.get("minAvailable") is not None:
        w.write(LEVEL_0, f"Min available:\t{s(spec['minAvailable'])}\n")
    elif spec.get("maxUnavailable") is not None:
        w.write(LEVEL_0, f"Max unavailable:\t{s(spec['maxUnavailable'])}\n")
    if spec.get("selector") is not None:
        w.write(LEVEL_0, f"Selector:\t{format_label_selector(spec['selector'])}\n")
    else:
        w.write(LEVEL_0, "Selector:\t<unset>\n")
    w.write(LEVEL_0, "Status:\n")
    for title, key in (("Allowed disruptions", "disruptionsAllowed"), ("Current", "currentHealthy"),
                       ("Desired", "desiredHealthy"), ("Total", "expectedPods")):
        w.write(LEVEL_2, f"{title}:\t{go_int(status.get(key))}\n")
    if events is not None:
        describe_events(events, w, ctx)
    return w.text()
