"""``describe horizontalpodautoscaler`` (autoscaling/v2 layout; v1 objects are read as v2)."""

from __future__ import annotations

from typing import Any

from minikubectl.printers.describe.events import describe_events, events_for
from minikubectl.printers.describe.writer import (LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, Context, PrefixWriter, dig,
                                                  go_int, quantity, rfc1123z, s, write_labels_annotations,
                                                  write_name_namespace)


def _q(value: Any) -> str:
    return quantity(value) if value is not None else "<nil>"


def _current(status: dict[str, Any], i: int, kind: str, field: str) -> str:
    metrics = status.get("currentMetrics") or []
    if len(metrics) > i and isinstance(metrics[i].get(kind), dict):
        value = dig(metrics[i], kind, "current", field)
        if value is not None:
            return quantity(value)
    return "<unknown>"


def _resource_metric(title: str, source: dict[str, Any], status: dict[str, Any], i: int, kind: str,
                     w: PrefixWriter) -> None:
    target = source.get("target") or {}
    w.write(LEVEL_1, title)
    if target.get("averageValue") is not None:
        w.write(LEVEL_0, f":\t{_current(status, i, kind, 'averageValue')} / {_q(target['averageValue'])}\n")
        return
    current = "<unknown>"
    metrics = status.get("currentMetrics") or []
    if len(metrics) > i and isinstance(metrics[i].get(kind), dict):
        cur = dig(metrics[i], kind, "current") or {}
        if cur.get("averageUtilization") is not None:
            current = f"{go_int(cur['averageUtilization'])}% ({_q(cur.get('averageValue'))})"
    goal = f"{go_int(target['averageUtilization'])}%" if target.get("averageUtilization") is not None else "<auto>"
    w.write(LEVEL_1, f"(as a percentage of request):\t{current} / {goal}\n")


def _metric(metric: dict[str, Any], status: dict[str, Any], i: int, w: PrefixWriter) -> None:
    kind = s(metric.get("type"))
    if kind == "Resource":
        src = metric.get("resource") or {}
        _resource_metric(f"resource {s(src.get('name'))} on pods", src, status, i, "resource", w)
    elif kind == "ContainerResource":
        src = metric.get("containerResource") or {}
        _resource_metric(f'resource {s(src.get("name"))} of container "{s(src.get("container"))}" on pods',
                         src, status, i, "containerResource", w)
    elif kind == "Pods":
        src = metric.get("pods") or {}
        w.write(LEVEL_1, f'"{s(dig(src, "metric", "name"))}" on pods:\t'
                         f"{_current(status, i, 'pods', 'averageValue')} / {_q(dig(src, 'target', 'averageValue'))}\n")
    elif kind == "Object":
        src = metric.get("object") or {}
        target = src.get("target") or {}
        w.write(LEVEL_1, f'"{s(dig(src, "metric", "name"))}" on {s(dig(src, "describedObject", "kind"))}/'
                         f'{s(dig(src, "describedObject", "name"))} ')
        if target.get("type") == "AverageValue":
            w.write(LEVEL_0, f"(target average value):\t{_current(status, i, 'object', 'averageValue')} / "
                             f"{_q(target.get('averageValue'))}\n")
        else:
            w.write(LEVEL_0, f"(target value):\t{_current(status, i, 'object', 'value')} / {_q(target.get('value'))}\n")
    elif kind == "External":
        src = metric.get("external") or {}
        target = src.get("target") or {}
        name = s(dig(src, "metric", "name"))
        if target.get("averageValue") is not None:
            w.write(LEVEL_1, f'"{name}" (target average value):\t{_current(status, i, "external", "averageValue")} / '
                             f"{_q(target['averageValue'])}\n")
        else:
            w.write(LEVEL_1, f'"{name}" (target value):\t{_current(status, i, "external", "value")} / '
                             f"{_q(target.get('value'))}\n")
    else:
        w.write(LEVEL_1, f'<unknown metric type "{kind}">\n')


def _direction(w: PrefixWriter, title: str, rules: Any) -> None:
    if not isinstance(rules, dict):
        return
    w.write(LEVEL_1, f"{title}:\n")
    if rules.get("stabilizationWindowSeconds") is not None:
        w.write(LEVEL_2, f"Stabilization Window: {go_int(rules['stabilizationWindowSeconds'])} seconds\n")
    policies = rules.get("policies") or []
    if policies:
        w.write(LEVEL_2, f"Select Policy: {s(rules.get('selectPolicy')) or 'Max'}\n")
        w.write(LEVEL_2, "Policies:\n")
        for p in policies:
            w.write(LEVEL_3, f"- Type: {s(p.get('type'))}\tValue: {go_int(p.get('value'))}\t"
                             f"Period: {go_int(p.get('periodSeconds'))} seconds\n")


def describe(hpa: dict[str, Any], ctx: Context) -> str:
    meta = hpa.get("metadata") or {}
    spec = hpa.get("spec") or {}
    status = hpa.get("status") or {}
    ref = spec.get("scaleTargetRef") or {}
    events = events_for(ctx, hpa)
    w = PrefixWriter()
    write_name_namespace(w, meta)
    write_labels_annotations(w, meta)
    w.write(LEVEL_0, f"CreationTimestamp:\t{rfc1123z(meta.get('creationTimestamp'), ctx)}\n")
    w.write(LEVEL_0, f"Reference:\t{s(ref.get('kind'))}/{s(ref.get('name'))}\n")
    w.write(LEVEL_0, "Metrics:\t( current / target )\n")
    for i, metric in enumerate(spec.get("metrics") or []):
        _metric(metric, status, i, w)
    low = spec.get("minReplicas")
    w.write(LEVEL_0, f"Min replicas:\t{go_int(low) if low is not None else '<unset>'}\n")
    w.write(LEVEL_0, f"Max replicas:\t{go_int(spec.get('maxReplicas'))}\n")
    behavior = spec.get("behavior")
    if isinstance(behavior, dict):
        w.write(LEVEL_0, "Behavior:\n")
        _direction(w, "Scale Up", behavior.get("scaleUp"))
        _direction(w, "Scale Down", behavior.get("scaleDown"))
    w.write(LEVEL_0, f"{s(ref.get('kind'))} pods:\t")
    w.write(LEVEL_0, f"{go_int(status.get('currentReplicas'))} current / {go_int(status.get('desiredReplicas'))} desired\n")
    conditions = status.get("conditions") or []
    if conditions:
        w.write(LEVEL_0, "Conditions:\n")
        w.write(LEVEL_1, "Type\tStatus\tReason\tMessage\n")
        w.write(LEVEL_1, "----\t------\t------\t-------\n")
        for c in conditions:
            w.write(LEVEL_1, f"{s(c.get('type'))}\t{s(c.get('status'))}\t{s(c.get('reason'))}\t{s(c.get('message'))}\n")
    if events is not None:
        describe_events(events, w, ctx)
    return w.text()
