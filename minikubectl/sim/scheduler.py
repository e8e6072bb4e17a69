"""The default scheduler: filter nodes, score the feasible ones, bind or report why not.

Filters run per node in the default profile's order and stop at the first failure
(NodeUnschedulable, TaintToleration, NodeAffinity incl. nodeSelector, NodeResourcesFit);
the failure texts and the FitError layout are those of v1.33
(``pkg/scheduler/framework/types.go``, ``plugins/*``). Among feasible nodes the least
allocated wins (NodeResourcesFit LeastAllocated, cpu and memory weighted equally, with the
scheduler's non-zero defaults of 100m cpu / 200Mi memory for containers without
requests); ties go to the node name that sorts first (the real scheduler picks at random).

An unschedulable pod is retried when any node is created or changes, and every
5 minutes (``podMaxInUnschedulablePodsDuration``), each failure adding to the
FailedScheduling event series.
"""

from __future__ import annotations

from typing import Any

from minikubectl.sim import events
from minikubectl.sim.context import SimContext
from minikubectl.sim.podstatus import is_terminal, set_condition
from minikubectl.sim.resources import allocatable, pod_requests, quantity

SCHEDULER = "default-scheduler"
SCHEDULER_INSTANCE = "default-scheduler-minikube"
RETRY_MS = 300_000
NO_NODES = "no nodes available to schedule pods"
UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable"
_DEFAULT_CPU = 0.1
_DEFAULT_MEMORY = 200 * 1024 * 1024
# Failures preemption cannot resolve (UnschedulableAndUnresolvable in the plugins).
_UNRESOLVABLE_PREFIXES = ("node(s) didn't match", "node(s) were unschedulable", "node(s) had untolerated")


# -- filters -------------------------------------------------------------------------------
def tolerates(tolerations: list[dict[str, Any]], taint: dict[str, Any]) -> bool:
    """``Toleration.ToleratesTaint`` for any of the pod's tolerations."""
    for tol in tolerations:
        effect = tol.get("effect") or ""
        if effect and effect != taint.get("effect"):
            continue
        key = tol.get("key") or ""
        operator = tol.get("operator") or "Equal"
        if key and key != taint.get("key"):
            continue
        if not key and operator != "Exists":
            continue
        if operator == "Exists" or (tol.get("value") or "") == (taint.get("value") or ""):
            return True
    return False


def _match_expression(expr: dict[str, Any], labels: dict[str, str]) -> bool:
    key = expr.get("key", "")
    operator = expr.get("operator", "")
    values = [str(v) for v in expr.get("values") or []]
    present = key in labels
    value = labels.get(key, "")
    if operator == "In":
        return present and value in values
    if operator == "NotIn":
        return not present or value not in values
    if operator == "Exists":
        return present
    if operator == "DoesNotExist":
        return not present
    if operator in ("Gt", "Lt") and present and len(values) == 1:
        try:
            have, want = int(value), int(values[0])
        except ValueError:
            return False
        return have > want if operator == "Gt" else have < want
    return False


def _term_matches(term: dict[str, Any], node: dict[str, Any]) -> bool:
    expressions = term.get("matchExpressions") or []
    fields = term.get("matchFields") or []
    if not expressions and not fields:
        return False  # an empty term matches no node
    labels = node["metadata"].get("labels") or {}
    node_fields = {"metadata.name": node["metadata"]["name"]}
    return all(_match_expression(e, labels) for e in expressions) and \
        all(_match_expression(f, node_fields) for f in fields)


def matches_node_affinity(pod: dict[str, Any], node: dict[str, Any]) -> bool:
    """nodeSelector and requiredDuringSchedulingIgnoredDuringExecution."""
    spec = pod.get("spec") or {}
    labels = node["metadata"].get("labels") or {}
    for key, value in (spec.get("nodeSelector") or {}).items():
        if labels.get(key) != str(value):
            return False
    required = (((spec.get("affinity") or {}).get("nodeAffinity") or {})
                .get("requiredDuringSchedulingIgnoredDuringExecution"))
    if required is not None:
        terms = required.get("nodeSelectorTerms") or []
        if not any(_term_matches(t, node) for t in terms):
            return False
    return True


def _allocatable(node: dict[str, Any]) -> dict[str, float]:
    """``allocatable`` memoized per node version (parsing quantities dominates large clusters)."""
    key = (node["metadata"].get("uid", node["metadata"]["name"]), node["metadata"].get("resourceVersion"))
    found = _ALLOC_CACHE.get(key)
    if found is None:
        if len(_ALLOC_CACHE) > 4096:
            _ALLOC_CACHE.clear()
        found = _ALLOC_CACHE[key] = allocatable(node)
    return found


_ALLOC_CACHE: dict[tuple[str, Any], dict[str, float]] = {}


def node_failures(pod: dict[str, Any], node: dict[str, Any], usage: dict[str, float],
                  requests: dict[str, float]) -> list[str]:
    """Reasons from the first failing filter plugin (empty when the node fits)."""
    spec = pod.get("spec") or {}
    tolerations = spec.get("tolerations") or []
    if (node.get("spec") or {}).get("unschedulable") and not tolerates(
            tolerations, {"key": UNSCHEDULABLE_TAINT, "effect": "NoSchedule"}):
        return ["node(s) were unschedulable"]
    for taint in (node.get("spec") or {}).get("taints") or []:
        if taint.get("effect") not in ("NoSchedule", "NoExecute"):
            continue
        if not tolerates(tolerations, taint):
            return [f"node(s) had untolerated taint {{{taint.get('key', '')}: {taint.get('value', '')}}}"]
    if not matches_node_affinity(pod, node):
        return ["node(s) didn't match Pod's node affinity/selector"]
    alloc = _allocatable(node)
    reasons = []
    if usage.get("pods", 0) + 1 > alloc.get("pods", 110):
        reasons.append("Too many pods")
    for name, amount in requests.items():
        if amount <= 0:
            continue
        if usage.get(name, 0.0) + amount > alloc.get(name, 0.0) + 1e-9:
            reasons.append(f"Insufficient {name}")
    return reasons


# -- node usage ----------------------------------------------------------------------------
def _nonzero(pod: dict[str, Any]) -> tuple[float, float]:
    cpu = mem = 0.0
    for container in (pod.get("spec") or {}).get("containers") or []:
        req = (container.get("resources") or {}).get("requests") or {}
        cpu += quantity(req["cpu"]) if "cpu" in req else _DEFAULT_CPU
        mem += quantity(req["memory"]) if "memory" in req else _DEFAULT_MEMORY
    return cpu, mem


def _add_usage(usage: dict[str, dict[str, float]], node: str, pod: dict[str, Any]) -> None:
    entry = usage.setdefault(node, {})
    entry["pods"] = entry.get("pods", 0) + 1
    for name, amount in pod_requests(pod).items():
        entry[name] = entry.get(name, 0.0) + amount
    cpu, mem = _nonzero(pod)
    entry["nz.cpu"] = entry.get("nz.cpu", 0.0) + cpu
    entry["nz.memory"] = entry.get("nz.memory", 0.0) + mem


def node_usage(ctx: SimContext) -> dict[str, dict[str, float]]:
    """Requests of the pods bound to each node (built once per command, then kept current)."""
    if ctx.node_usage is None:
        usage: dict[str, dict[str, float]] = {}
        for pod in ctx.api.tracker.iter_stored(ctx.res("pods")):
            node = (pod.get("spec") or {}).get("nodeName")
            if node and not is_terminal(pod):
                _add_usage(usage, node, pod)
        ctx.node_usage = usage
    return ctx.node_usage


def _score(node: dict[str, Any], usage: dict[str, float], pod_nz: tuple[float, float]) -> float:
    alloc = _allocatable(node)
    total = 0.0
    for name, extra in (("cpu", pod_nz[0]), ("memory", pod_nz[1])):
        capacity = alloc.get(name, 0.0)
        requested = usage.get("nz." + name, 0.0) + extra
        total += 0.0 if capacity <= 0 or requested > capacity else (capacity - requested) * 100 / capacity
    return total / 2


# -- the scheduling cycle ------------------------------------------------------------------
def _preferred_taint_count(pod: dict[str, Any], node: dict[str, Any]) -> int:
    """Untolerated ``PreferNoSchedule`` taints of a node (the TaintToleration score's input)."""
    tolerations = [t for t in (pod.get("spec") or {}).get("tolerations") or []
                   if t.get("effect") in (None, "", "PreferNoSchedule")]
    return sum(1 for taint in (node.get("spec") or {}).get("taints") or []
               if taint.get("effect") == "PreferNoSchedule" and not tolerates(tolerations, taint))


def fit_error(num_nodes: int, failures: dict[str, list[str]]) -> str:
    """``FitError.Error()`` with the preemption post-filter message (v1.33 wording)."""
    def histogram(reason_lists: list[list[str]]) -> str:
        counts: dict[str, int] = {}
        for reasons in reason_lists:
            for reason in reasons:
                counts[reason] = counts.get(reason, 0) + 1
        return ", ".join(sorted(f"{count} {reason}" for reason, count in counts.items()))

    preemption = []
    for reasons in failures.values():
        if all(r.startswith(_UNRESOLVABLE_PREFIXES) for r in reasons):
            preemption.append(["Preemption is not helpful for scheduling"])
        else:
            preemption.append(["No preemption victims found for incoming pod"])
    return (f"0/{num_nodes} nodes are available: {histogram(list(failures.values()))}. "
            f"preemption: 0/{num_nodes} nodes are available: {histogram(preemption)}.")


def schedule(ctx: SimContext, pod: dict[str, Any]) -> bool:
    """One scheduling attempt for a pending pod; True when it was bound."""
    spec = pod.get("spec") or {}
    if spec.get("schedulingGates"):
        return False
    nodes = list(ctx.api.tracker.iter_stored(ctx.res("nodes")))
    usage = node_usage(ctx)
    requests = pod_requests(pod)
    feasible = []
    failures: dict[str, list[str]] = {}
    for node in nodes:
        if node["metadata"].get("deletionTimestamp"):
            continue
        name = node["metadata"]["name"]
        reasons = node_failures(pod, node, usage.get(name, {}), requests)
        if reasons:
            failures[name] = reasons
        else:
            feasible.append(node)
    if not feasible:
        message = fit_error(len(nodes), failures) if nodes else NO_NODES
        _unschedulable(ctx, pod, message)
        return False
    pod_nz = _nonzero(pod)
    preferred = {n["metadata"]["name"]: _preferred_taint_count(pod, n) for n in feasible}
    most = max(preferred.values())

    def total(node: dict[str, Any]) -> float:
        name = node["metadata"]["name"]
        # TaintToleration (weight 3): fewer untolerated PreferNoSchedule taints score higher.
        taint_score = 100.0 if most == 0 else 100.0 * (most - preferred[name]) / most
        return _score(node, usage.get(name, {}), pod_nz) + 3 * taint_score

    best = min(feasible, key=lambda n: (-total(n), n["metadata"]["name"]))
    bind(ctx, pod, best["metadata"]["name"])
    return True


def _with_conditions(pod: dict[str, Any], conditions: list[dict[str, Any]]) -> dict[str, Any]:
    """A new version of a stored pod with other status conditions, for the store to take
    over: metadata and status are new maps, the rest is shared with the stored version
    (which nothing changes in place)."""
    changed = dict(pod)
    changed["metadata"] = dict(pod["metadata"])
    changed["status"] = dict(pod.get("status") or {})
    changed["status"]["conditions"] = conditions
    return changed


def bind(ctx: SimContext, pod: dict[str, Any], node_name: str) -> None:
    """The Binding subresource: nodeName, PodScheduled True, and the Scheduled event."""
    meta = pod["metadata"]
    status = pod.get("status") or {}
    bound = _with_conditions(pod, set_condition(status.get("conditions") or [], "PodScheduled", "True",
                                                ctx.stamp()))
    bound["spec"] = dict(pod.get("spec") or {}, nodeName=node_name)
    # A binding is not a field manager's write: no managedFields entry.
    stored = ctx.write_status("pods", bound, None, handed_over=True)
    _add_usage(node_usage(ctx), node_name, stored)
    ctx.sim.setdefault("unschedulable", {}).pop(f"{meta.get('namespace')}/{meta['name']}", None)
    events.record_new_api(ctx, stored, "Normal", "Scheduled", "Binding",
                          f"Successfully assigned {meta.get('namespace')}/{meta['name']} to {node_name}",
                          SCHEDULER, SCHEDULER_INSTANCE)


def _unschedulable(ctx: SimContext, pod: dict[str, Any], message: str) -> None:
    meta = pod["metadata"]
    key = f"{meta.get('namespace')}/{meta['name']}"
    status = pod.get("status") or {}
    conditions = set_condition(status.get("conditions") or [], "PodScheduled", "False", ctx.stamp(),
                               "Unschedulable", message)
    stored = pod
    if conditions != (status.get("conditions") or []):
        stored = ctx.write_status("pods", _with_conditions(pod, conditions), "kube-scheduler", handed_over=True)
    events.record_new_api(ctx, stored, "Warning", "FailedScheduling", "Scheduling", message,
                          SCHEDULER, SCHEDULER_INSTANCE)
    pending = ctx.sim.setdefault("unschedulable", {})
    token = int(pending.get(key, {}).get("tok", 0)) + 1
    pending[key] = {"uid": meta.get("uid"), "tok": token, "at": ctx.now_ms}
    ctx.schedule(ctx.now_ms + RETRY_MS, {"k": "sched-retry", "key": key, "tok": token})


def on_retry_timer(ctx: SimContext, payload: dict[str, Any]) -> None:
    """Timer: the 5-minute flush of an unschedulable pod back to the active queue."""
    entry = ctx.sim.get("unschedulable", {}).get(payload["key"])
    if entry and entry.get("tok") == payload["tok"]:
        ns, _, name = payload["key"].partition("/")
        ctx.forced.add(payload["key"])
        ctx.dirty[("pods", ns, name)] = None


def retry_all(ctx: SimContext) -> None:
    """A node appeared or changed: every unschedulable pod gets another attempt now."""
    for key in list(ctx.sim.get("unschedulable", {})):
        ns, _, name = key.partition("/")
        ctx.forced.add(key)
        ctx.dirty[("pods", ns, name)] = None


def should_attempt(ctx: SimContext, pod: dict[str, Any]) -> bool:
    """Not again at the instant of the last failure, unless a retry was triggered."""
    meta = pod["metadata"]
    key = f"{meta.get('namespace')}/{meta['name']}"
    entry = ctx.sim.get("unschedulable", {}).get(key)
    if key in ctx.forced:
        ctx.forced.discard(key)
        return True
    return not (entry and entry.get("uid") == meta.get("uid") and entry.get("at") == ctx.now_ms)


def forget(ctx: SimContext, pod: dict[str, Any]) -> None:
    """A pod left the cluster: stop retrying it."""
    meta = pod.get("metadata", {})
    ctx.sim.get("unschedulable", {}).pop(f"{meta.get('namespace')}/{meta.get('name')}", None)
