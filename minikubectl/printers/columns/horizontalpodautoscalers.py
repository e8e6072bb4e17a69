"""HorizontalPodAutoscalers: ``NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE``.

Accepts autoscaling/v2 objects (``spec.metrics``) and autoscaling/v1 ones
(``targetCPUUtilizationPercentage``), which the API server converts to one cpu metric.
"""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import (
    AGE, NAME, age_of, dig, lst, mp, n, name_of, quantity_string, s,
)

COLUMNS = (
    NAME,
    Column("Reference"),
    Column("Targets"),
    Column("MinPods"),
    Column("MaxPods"),
    Column("Replicas"),
    AGE,
)

_MAX = 2
_SOURCE_KEYS = {"External": "external", "Pods": "pods", "Object": "object", "Resource": "resource",
                "ContainerResource": "containerResource"}


def _metric_text(spec: dict, status: dict | None) -> str:
    """One entry of ``formatHPAMetrics``."""
    mtype = spec.get("type")
    key = _SOURCE_KEYS.get(mtype) if isinstance(mtype, str) else None
    if key is None:
        return "<unknown type>"
    source = mp(spec.get(key))
    target = mp(source.get("target"))
    current_src = mp(status.get(key)) if isinstance(status, dict) and isinstance(status.get(key), dict) else None
    current = mp(current_src.get("current")) if current_src is not None else {}
    if mtype in ("External", "Object"):
        if target.get("averageValue") is not None:
            cur = "<unknown>"
            if current_src is not None and current.get("averageValue") is not None:
                cur = quantity_string(current["averageValue"])
            return f"{cur}/{quantity_string(target['averageValue'])} (avg)"
        cur = quantity_string(current.get("value")) if current_src is not None else "<unknown>"
        return f"{cur}/{quantity_string(target.get('value'))}"
    if mtype == "Pods":
        cur = quantity_string(current.get("averageValue")) if current_src is not None else "<unknown>"
        return f"{cur}/{quantity_string(target.get('averageValue'))}"
    resource = s(source.get("name"))
    if target.get("averageValue") is not None:
        cur = quantity_string(current.get("averageValue")) if current_src is not None else "<unknown>"
        return f"{resource}: {cur}/{quantity_string(target['averageValue'])}"
    cur = "<unknown>"
    if current_src is not None and isinstance(current.get("averageUtilization"), int):
        cur = f"{current['averageUtilization']}%"
    goal = f"{target['averageUtilization']}%" if isinstance(target.get("averageUtilization"), int) else "<auto>"
    return f"{resource}: {cur}/{goal}"


def _v1_as_v2(obj: dict) -> tuple[list, list]:
    """The metric specs and statuses of an autoscaling/v1 object, in v2 form."""
    target = dig(obj, "spec", "targetCPUUtilizationPercentage")
    if not isinstance(target, int):
        return [], []
    specs = [{"type": "Resource", "resource": {"name": "cpu", "target": {
        "type": "Utilization", "averageUtilization": target}}}]
    current = dig(obj, "status", "currentCPUUtilizationPercentage")
    statuses = []
    if isinstance(current, int):
        statuses = [{"type": "Resource", "resource": {"name": "cpu", "current": {
            "averageUtilization": current}}}]
    return specs, statuses


def format_metrics(obj: dict) -> str:
    """``formatHPAMetrics``: at most two entries, then ``+ N more...``; ``<none>`` without metrics."""
    if "metrics" in mp(obj.get("spec")) or not str(obj.get("apiVersion", "")).endswith("/v1"):
        specs = lst(dig(obj, "spec", "metrics"))
        statuses = lst(dig(obj, "status", "currentMetrics"))
    else:
        specs, statuses = _v1_as_v2(obj)
    if not specs:
        return "<none>"
    texts = [_metric_text(mp(spec), statuses[i] if i < len(statuses) else None)
             for i, spec in enumerate(specs)]
    if len(texts) > _MAX:
        return f"{', '.join(texts[:_MAX])} + {len(texts) - _MAX} more..."
    return ", ".join(texts)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for an HPA."""
    ref = mp(dig(obj, "spec", "scaleTargetRef"))
    low = dig(obj, "spec", "minReplicas")
    return [[
        name_of(obj),
        f"{s(ref.get('kind'))}/{s(ref.get('name'))}",
        format_metrics(obj),
        str(low) if isinstance(low, int) else "<unset>",
        n(dig(obj, "spec", "maxReplicas")),
        n(dig(obj, "status", "currentReplicas")),
        age_of(obj, now),
    ]]
