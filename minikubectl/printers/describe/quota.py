"""``describe resourcequota`` and ``describe limitrange``."""

from __future__ import annotations

from typing import Any

from minikubectl.printers.describe.writer import LEVEL_0, Context, PrefixWriter, quantity, s, write_name_namespace

SCOPE_HELP = {
    "Terminating": "Matches all pods that have an active deadline. These pods have a limited lifespan on a node "
                   "before being actively terminated by the system.",
    "NotTerminating": "Matches all pods that do not have an active deadline. These pods usually include long "
                      "running pods whose container command is not expected to terminate.",
    "BestEffort": "Matches all pods that do not have resource requirements set. These pods have a best effort "
                  "quality of service.",
    "NotBestEffort": "Matches all pods that have at least one resource requirement set. These pods have a "
                     "burstable or guaranteed quality of service.",
}


def _used_like_hard(used: Any, hard: Any) -> str:
    """``usedQuantity`` re-expressed in the hard limit's format when they differ (integer value)."""
    import math
    from fractions import Fraction

    from minikubectl.api.quantity import QuantityError, format_quantity, parse_quantity
    try:
        h = parse_quantity(s(hard))
        u = parse_quantity(s(used)) if used is not None else None
    except QuantityError:
        return s(used)
    if u is None:
        return format_quantity(Fraction(0), h.format)
    if u.format != h.format:
        return format_quantity(Fraction(math.ceil(u.value)), h.format)
    return u.canonical()


def describe_quota(rq: dict[str, Any], ctx: Context) -> str:
    spec = rq.get("spec") or {}
    status = rq.get("status") or {}
    w = PrefixWriter()
    write_name_namespace(w, rq.get("metadata") or {})
    scopes = sorted(s(x) for x in spec.get("scopes") or [])
    if scopes:
        w.write(LEVEL_0, f"Scopes:\t{', '.join(scopes)}\n")
        for scope in scopes:
            if SCOPE_HELP.get(scope):
                w.write(LEVEL_0, f" * {SCOPE_HELP[scope]}\n")
    w.write(LEVEL_0, "Resource\tUsed\tHard\n")
    w.write(LEVEL_0, "--------\t----\t----\n")
    hard = status.get("hard") or {}
    used = status.get("used") or {}
    for name in sorted(hard):
        w.write(LEVEL_0, f"{name}\t{_used_like_hard(used.get(name), hard[name])}\t{quantity(hard[name])}\n")
    return w.text()


def describe_limit_range_spec(spec: dict[str, Any], prefix: str, w: PrefixWriter) -> None:
    """``describeLimitRangeSpec`` (resources in sorted order: Go iterates a map here)."""
    for item in spec.get("limits") or []:
        sections = {key: item.get(key) or {} for key in ("max", "min", "default", "defaultRequest",
                                                        "maxLimitRequestRatio")}
        names = sorted({name for values in sections.values() for name in values})
        for name in names:
            cells = [quantity(sections[k][name]) if name in sections[k] else "-"
                     for k in ("min", "max", "defaultRequest", "default", "maxLimitRequestRatio")]
            w.write(LEVEL_0, f"{prefix}{s(item.get('type'))}\t{name}\t" + "\t".join(cells) + "\n")


def describe_limit_range(lr: dict[str, Any], ctx: Context) -> str:
    w = PrefixWriter()
    write_name_namespace(w, lr.get("metadata") or {})
    w.write(LEVEL_0, "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n")
    w.write(LEVEL_0, "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n")
    describe_limit_range_spec(lr.get("spec") or {}, "", w)
    return w.text()
