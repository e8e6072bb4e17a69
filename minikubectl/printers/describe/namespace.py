"""``describe namespace``: status, conditions, resource quotas and limit ranges."""

from __future__ import annotations

from typing import Any

from minikubectl.printers.describe.writer import (LEVEL_0, LEVEL_1, Context, PrefixWriter, quantity, rfc1123z, s,
                                                  write_labels_annotations)


def describe(ns: dict[str, Any], ctx: Context) -> str:
    meta = ns.get("metadata") or {}
    name = s(meta.get("name"))
    w = PrefixWriter()
    w.write(LEVEL_0, f"Name:\t{name}\n")
    write_labels_annotations(w, meta)
    w.write(LEVEL_0, f"Status:\t{s((ns.get('status') or {}).get('phase'))}\n")
    conditions = (ns.get("status") or {}).get("conditions") or []
    if conditions:
        w.write(LEVEL_0, "Conditions:\n")
        w.write(LEVEL_1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n")
        w.write(LEVEL_1, "----\t------\t------------------\t------\t-------\n")
        for c in conditions:
            w.write(LEVEL_1, f"{s(c.get('type'))}\t{s(c.get('status'))}\t"
                             f"{rfc1123z(c.get('lastTransitionTime'), ctx)}\t{s(c.get('reason'))}\t"
                             f"{s(c.get('message'))}\n")
    w.write(LEVEL_0, "\n")
    _quotas(ctx.list_objects("resourcequotas", name), w)
    w.write(LEVEL_0, "\n")
    _limit_ranges(ctx.list_objects("limitranges", name), w)
    return w.text()


def _quotas(quotas: list[dict[str, Any]], w: PrefixWriter) -> None:
    if not quotas:
        w.write(LEVEL_0, "No resource quota.\n")
        return
    w.write(LEVEL_0, "Resource Quotas\n")
    for q in sorted(quotas, key=lambda q: s((q.get("metadata") or {}).get("name"))):
        w.write(LEVEL_1, f"Name:\t{s((q.get('metadata') or {}).get('name'))}\n")
        scopes = sorted(s(x) for x in (q.get("spec") or {}).get("scopes") or [])
        if scopes:
            w.write(LEVEL_1, f"Scopes:\t{', '.join(scopes)}\n")
        w.write(LEVEL_1, "Resource\tUsed\tHard\n")
        w.write(LEVEL_1, "--------\t---\t---\n")
        hard = (q.get("status") or {}).get("hard") or {}
        used = (q.get("status") or {}).get("used") or {}
        for res in sorted(hard):
            w.write(LEVEL_1, f"{res}\t{quantity(used.get(res))}\t{quantity(hard[res])}\n")


def _limit_ranges(ranges: list[dict[str, Any]], w: PrefixWriter) -> None:
    if not ranges:
        w.write(LEVEL_0, "No LimitRange resource.\n")
        return
    w.write(LEVEL_0, "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\t"
                     "Max Limit/Request Ratio\n")
    w.write(LEVEL_0, " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n")
    for lr in ranges:
        for item in (lr.get("spec") or {}).get("limits") or []:
            fields = ("min", "max", "defaultRequest", "default", "maxLimitRequestRatio")
            names = sorted({k for f in fields for k in (item.get(f) or {})})
            for res in names:
                cells = [quantity(item[f][res]) if res in (item.get(f) or {}) else "-" for f in fields]
                w.write(LEVEL_0, f" {s(item.get('type'))}\t{res}\t" + "\t".join(cells) + "\n")
