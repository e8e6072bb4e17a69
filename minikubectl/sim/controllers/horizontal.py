"""The HorizontalPodAutoscaler controller (autoscaling/v2), every 15 s of simulated time.

As ``pkg/controller/podautoscaler``: for each Resource metric the ready pods' usage (from
the simulated metrics pipeline) against their requests gives a ratio to the target; outside
the 10 % tolerance the recommendation is ``ceil(ratio * ready pods)`` (``AverageValue``
targets divide the total usage by the target). The largest recommendation wins, scale-ups
are limited by the behavior policies, scale-downs take the highest recommendation of the
stabilization window, and the result is kept within ``minReplicas``..``maxReplicas``.
"""

from __future__ import annotations

import math
from typing import Any

from minikubectl.api.labels import SelectorParseError, label_selector_as_selector
from minikubectl.sim import events
from minikubectl.sim.context import SimContext, copy_of
from minikubectl.sim.controllers import workload_common as wc
from minikubectl.sim.podstatus import is_ready

PLURAL = "horizontalpodautoscalers.autoscaling"
COMPONENT = "horizontal-pod-autoscaler"
SYNC_MS = 15_000
TOLERANCE = 0.1
_TARGETS = {"Deployment": "deployments.apps", "ReplicaSet": "replicasets.apps", "StatefulSet": "statefulsets.apps",
            "ReplicationController": "replicationcontrollers"}
_RESOURCE_TEXT = {"cpu": "cpu resource utilization (percentage of request)",
                  "memory": "memory resource utilization (percentage of request)"}


def _milli(value: Any) -> int | None:
    from minikubectl.api.quantity import QuantityError, parse_quantity
    try:
        return parse_quantity(str(value)).milli_value()
    except (QuantityError, ValueError):
        return None


def _condition(kind: str, ok: bool, reason: str, message: str, old: list[dict[str, Any]], stamp: str) -> dict[str, Any]:
    status = "True" if ok else "False"
    previous = next((c for c in old if c.get("type") == kind), None)
    since = previous.get("lastTransitionTime") if previous and previous.get("status") == status else stamp
    return {"type": kind, "status": status, "lastTransitionTime": since, "reason": reason, "message": message}


def _usage(ctx: SimContext, namespace: str, pods: list[dict[str, Any]]) -> dict[str, Any]:
    from minikubectl.sim.metrics import pod_usages

    everything = list(ctx.api.tracker.iter_stored(ctx.res("pods")))
    services = {(s["metadata"].get("namespace") or "default", s["metadata"]["name"]): s
                for s in ctx.api.tracker.iter_stored(ctx.res("services"))}
    return pod_usages(pods, everything, services)


def sync(ctx: SimContext, hpa: dict[str, Any]) -> None:
    """One reconcile of a HorizontalPodAutoscaler; the next one in 15 s."""
    meta = hpa["metadata"]
    if meta.get("deletionTimestamp"):
        return
    wc.resync(ctx, PLURAL, hpa, (ctx.now_ms // SYNC_MS + 1) * SYNC_MS)
    last = (ctx.sim.setdefault("hpaLastSync", {})).get(f"{meta.get('namespace')}/{meta['name']}")
    if last is not None and ctx.now_ms - last < SYNC_MS:
        return
    ctx.sim["hpaLastSync"][f"{meta.get('namespace')}/{meta['name']}"] = ctx.now_ms
    spec = hpa.get("spec") or {}
    status = copy_of(hpa.get("status") or {})
    old_conditions = status.get("conditions") or []
    stamp = ctx.stamp()
    ref = spec.get("scaleTargetRef") or {}
    plural = _TARGETS.get(ref.get("kind", ""))
    target = ctx.peek(plural, meta.get("namespace"), ref.get("name", "")) if plural else None
    if target is None:
        message = f'{plural or ref.get("kind", "")} "{ref.get("name", "")}" not found'
        events.record(ctx, hpa, "Warning", "FailedGetScale", message, COMPONENT)
        status["conditions"] = [_condition("AbleToScale", False, "FailedGetScale",
                                           f"the HPA controller was unable to get the target's current scale: {message}",
                                           old_conditions, stamp)]
        wc.write_status(ctx, PLURAL, hpa, status)
        return
    current = int((target.get("spec") or {}).get("replicas", 1) if (target.get("spec") or {}).get("replicas")
                  is not None else 1)
    minimum = int(spec.get("minReplicas", 1) or 1)
    maximum = int(spec.get("maxReplicas", 1) or 1)
    if current == 0 and minimum != 0:
        status.update(currentReplicas=0, desiredReplicas=0)
        status["conditions"] = [
            _condition("AbleToScale", True, "SucceededGetScale", "the HPA controller was able to get the target's "
                       "current scale", old_conditions, stamp),
            _condition("ScalingActive", False, "ScalingDisabled", "scaling is disabled since the replica count of "
                       "the target is zero", old_conditions, stamp)]
        wc.write_status(ctx, PLURAL, hpa, status)
        return
    try:
        selector = label_selector_as_selector((target.get("spec") or {}).get("selector"))
    except SelectorParseError:
        return
    pods = [p for p in ctx.api.tracker.iter_stored(ctx.res("pods"), meta.get("namespace"))
            if selector.matches(p["metadata"].get("labels")) and not p["metadata"].get("deletionTimestamp")
            and (p.get("status") or {}).get("phase") not in ("Failed", "Succeeded")]
    usages = _usage(ctx, meta.get("namespace"), pods)
    recommendation, reason, metrics, failure = _recommend(spec, current, pods, usages)
    if failure:
        events.record(ctx, hpa, "Warning", "FailedGetResourceMetric", failure, COMPONENT)
        status.update(currentReplicas=current, desiredReplicas=current)
        status["currentMetrics"] = metrics or None
        if not status["currentMetrics"]:
            status.pop("currentMetrics")
        status["conditions"] = [
            _condition("AbleToScale", True, "SucceededGetScale", "the HPA controller was able to get the target's "
                       "current scale", old_conditions, stamp),
            _condition("ScalingActive", False, "FailedGetResourceMetric",
                       f"the HPA was unable to compute the replica count: {failure}", old_conditions, stamp)]
        wc.write_status(ctx, PLURAL, hpa, status)
        return
    desired = _stabilize(ctx, hpa, spec, current, recommendation)
    limited = "DesiredWithinRange"
    if desired > maximum:
        desired, limited = maximum, "TooManyReplicas"
    elif desired < minimum:
        desired, limited = minimum, "TooFewReplicas"
    able = ("ReadyForNewScale", "recommended size matches current size")
    if desired != current:
        scaled = copy_of(target)
        scaled["spec"]["replicas"] = desired
        ctx.api.update(ctx.res(plural), scaled, check_version=False, subresource="scale")
        why = reason if desired > current else "All metrics below target"
        events.record(ctx, hpa, "Normal", "SuccessfulRescale", f"New size: {desired}; reason: {why}", COMPONENT)
        status["lastScaleTime"] = stamp
        able = ("SucceededRescale", f"the HPA controller was able to update the target scale to {desired}")
    status.update(currentReplicas=current, desiredReplicas=desired, currentMetrics=metrics)
    limit_messages = {"DesiredWithinRange": "the desired count is within the acceptable range",
                      "TooManyReplicas": "the desired replica count is more than the maximum replica count",
                      "TooFewReplicas": "the desired replica count is less than the minimum replica count"}
    status["conditions"] = [
        _condition("AbleToScale", True, able[0], able[1], old_conditions, stamp),
        _condition("ScalingActive", True, "ValidMetricFound", "the HPA was able to successfully calculate a replica "
                   f"count from {reason.replace(' above target', '')}", old_conditions, stamp),
        _condition("ScalingLimited", limited != "DesiredWithinRange", limited, limit_messages[limited],
                   old_conditions, stamp)]
    wc.write_status(ctx, PLURAL, hpa, status)


def _recommend(spec: dict[str, Any], current: int, pods: list[dict[str, Any]], usages: dict[str, Any]) \
        -> tuple[int, str, list[dict[str, Any]], str]:
    """(replicas, reason, currentMetrics, failure) over every Resource metric."""
    from minikubectl.api.quantity import format_quantity
    from fractions import Fraction

    best, best_reason = 0, ""
    current_metrics: list[dict[str, Any]] = []
    for metric in spec.get("metrics") or []:
        if metric.get("type") != "Resource":
            continue
        source = metric.get("resource") or {}
        name = source.get("name", "cpu")
        target = source.get("target") or {}
        ready = [p for p in pods if is_ready(p) and f"{p['metadata'].get('namespace')}/{p['metadata']['name']}" in usages]
        if not ready:
            return current, "", current_metrics, (f"failed to get {name} utilization: unable to get metrics for "
                                                  f"resource {name}: no metrics returned from resource metrics API")
        used = requested = 0
        for pod in ready:
            per_container = dict(usages[f"{pod['metadata'].get('namespace')}/{pod['metadata']['name']}"])
            for container in (pod.get("spec") or {}).get("containers") or []:
                usage = per_container.get(str(container.get("name", "")))
                if usage is None:
                    continue
                used += usage.cpu_m if name == "cpu" else usage.memory * 1000
                request = _milli(((container.get("resources") or {}).get("requests") or {}).get(name))
                if request is None and target.get("type") == "Utilization":
                    return current, "", current_metrics, (
                        f"failed to get {name} utilization: missing request for {name} in container "
                        f"{container.get('name')} of Pod {pod['metadata']['name']}")
                requested += request or 0
        average_milli = used // len(ready)
        value_text = format_quantity(Fraction(average_milli, 1000))
        if target.get("type") == "AverageValue":
            goal = _milli(target.get("averageValue")) or 1
            ratio = average_milli / goal
            replicas = current if abs(ratio - 1.0) <= TOLERANCE else math.ceil(used / goal)
            current_metrics.append({"type": "Resource", "resource": {"name": name, "current": {
                "averageValue": value_text}}})
            reason = f"{name} resource above target"
        else:
            utilization = int(used * 100 / requested) if requested else 0
            goal = int(target.get("averageUtilization", 80) or 80)
            ratio = utilization / goal
            replicas = current if abs(ratio - 1.0) <= TOLERANCE else math.ceil(ratio * len(ready))
            current_metrics.append({"type": "Resource", "resource": {"name": name, "current": {
                "averageUtilization": utilization, "averageValue": value_text}}})
            reason = f"{_RESOURCE_TEXT.get(name, name + ' resource utilization (percentage of request)')} above target"
        if replicas > best or not best_reason:
            best, best_reason = replicas, reason
    return best, best_reason, current_metrics, ""


def _stabilize(ctx: SimContext, hpa: dict[str, Any], spec: dict[str, Any], current: int, wanted: int) -> int:
    """Behavior: scale-down stabilization window and scale-up/down rate policies."""
    behavior = spec.get("behavior") or {}
    key = f"{hpa['metadata'].get('namespace')}/{hpa['metadata']['name']}"
    history: list[list[int]] = ctx.sim.setdefault("hpaRecommendations", {}).setdefault(key, [])
    history.append([ctx.now_ms, wanted])
    down_window = int((behavior.get("scaleDown") or {}).get("stabilizationWindowSeconds", 300) or 0) * 1000
    up_window = int((behavior.get("scaleUp") or {}).get("stabilizationWindowSeconds", 0) or 0) * 1000
    keep = max(down_window, up_window)
    history[:] = [h for h in history if ctx.now_ms - h[0] <= keep]
    desired = wanted
    if wanted < current:
        desired = max(h[1] for h in history if ctx.now_ms - h[0] <= down_window)
        desired = min(desired, current)
    elif wanted > current and up_window:
        desired = min(h[1] for h in history if ctx.now_ms - h[0] <= up_window)
        desired = max(desired, current)
    if desired > current:
        limit = _policy_limit((behavior.get("scaleUp") or {}), current, up=True)
        desired = min(desired, limit)
    elif desired < current:
        limit = _policy_limit((behavior.get("scaleDown") or {}), current, up=False)
        desired = max(desired, limit)
    return desired


def _policy_limit(rules: dict[str, Any], current: int, up: bool) -> int:
    policies = rules.get("policies") or []
    if not policies:
        return 10 ** 9 if up else 0
    limits = []
    for policy in policies:
        value = int(policy.get("value", 0) or 0)
        if policy.get("type") == "Pods":
            limits.append(current + value if up else current - value)
        else:
            change = math.ceil(current * value / 100) if up else math.floor(current * value / 100)
            limits.append(current + change if up else current - change)
    select = rules.get("selectPolicy", "Max")
    if select == "Disabled":
        return current
    if up:
        return max(limits) if select == "Max" else min(limits)
    return min(limits) if select == "Max" else max(limits)
