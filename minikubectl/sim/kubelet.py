"""The simulated kubelet: starts bound pods, runs their containers, restarts, terminates.

Fixed delays (documented, deterministic):

* ``ADMIT_MS`` 1 s: the kubelet notices a pod bound to its node and posts the first status
  (Pending, containers waiting ``ContainerCreating`` / ``PodInitializing``).
* ``SANDBOX_MS`` 1 s: the pod sandbox and network come up (PodReadyToStartContainers, podIP).
* Image pulls: see :mod:`minikubectl.sim.images` (1-10 s first pull, 0.3-1 s re-pull for
  ``imagePullPolicy: Always``, nothing when present and ``IfNotPresent``/``Never``).
  Containers start one after the other, init containers first, each running to completion.
* postStart hooks run right after the Started event; the container counts as running
  when the hook is done (durations in :func:`minikubectl.sim.programs.hook_ms`).
* ``RESTART_NOTICE_MS`` 1 s after a container exits the kubelet reacts: the first restart is
  immediate, then back-off 10 s doubling to 300 s (``CrashLoopBackOff``, ``BackOff`` event); a
  container that ran 10 minutes resets its back-off.
* Ephemeral containers (``kubectl debug``) start once added to a running pod: image, Created,
  Started, no probes or hooks, never restarted, not part of the pod's phase or readiness.
* Deletion: ``Killing`` event, preStop hook, SIGTERM; a container stops ``TERM_EXIT_MS`` after
  SIGTERM unless its program ignores SIGTERM, in which case it is killed at the grace
  deadline; a preStop still running at the deadline gets a one-time 2 s extension. The pod
  object is removed when its last container stopped.

Events carry source ``kubelet`` / host = node name and ``spec.containers{name}``.
"""

from __future__ import annotations

import hashlib
from typing import Any

from minikubectl.sim import container_env, events, images, lifecycle, probes, runtime
from minikubectl.sim.clock import go_duration, parse_ms, stamp
from minikubectl.sim.context import SimContext, copy_of
from minikubectl.sim.kubelet_status import (conditions, is_sidecar, ordered_status, phase, running_entry,
                                            terminated_entry, waiting_entry)
from minikubectl.sim.nodes import node_ip

ADMIT_MS = 1000
SANDBOX_MS = 1000
RESTART_NOTICE_MS = 1000
BACKOFF_INITIAL_MS = 10_000
BACKOFF_MAX_MS = 300_000
BACKOFF_RESET_MS = 600_000
KILL_MIN_MS = 2000
COMPONENT = "kubelet"
HORIZON_MS = 30 * 86_400_000  # how far ahead the runtime is asked whether a program ends
NS = runtime.NS_PER_MS
# The container "kind" passed where init/regular is a bool: an ephemeral container.
EPHEMERAL = "ephemeral"


# -- records ------------------------------------------------------------------------------
def _records(ctx: SimContext) -> dict[str, dict[str, Any]]:
    return ctx.sim.setdefault("pods", {})


def _order(pod: dict[str, Any]) -> list[tuple[bool, dict[str, Any]]]:
    """Containers in start order: (is_init, spec) for init containers, then regular ones."""
    spec = pod.get("spec") or {}
    return [(True, c) for c in spec.get("initContainers") or []] + \
        [(False, c) for c in spec.get("containers") or []]


def _spec_of(pod: dict[str, Any], name: str) -> tuple[Any, dict[str, Any]] | None:
    for is_init, container in _order(pod):
        if container.get("name") == name:
            return is_init, container
    for container in (pod.get("spec") or {}).get("ephemeralContainers") or []:
        if container.get("name") == name:
            return EPHEMERAL, container
    return None


_STATUS_KEYS = {True: "initContainerStatuses", False: "containerStatuses", EPHEMERAL: "ephemeralContainerStatuses"}


def _statuses(status: dict[str, Any], is_init: Any) -> list[dict[str, Any]]:
    return status.setdefault(_STATUS_KEYS[is_init], [])


def _get_cs(status: dict[str, Any], is_init: bool, name: str) -> dict[str, Any]:
    for cs in _statuses(status, is_init):
        if cs.get("name") == name:
            return cs
    return {}


def _set_cs(status: dict[str, Any], is_init: bool, entry: dict[str, Any]) -> None:
    items = _statuses(status, is_init)
    for i, cs in enumerate(items):
        if cs.get("name") == entry["name"]:
            items[i] = entry
            return
    items.append(entry)


def _field_path(is_init: Any, name: str) -> str:
    field = {True: "initContainers", False: "containers", EPHEMERAL: "ephemeralContainers"}[is_init]
    return f"spec.{field}{{{name}}}"


def _event(ctx: SimContext, pod: dict[str, Any], rec: dict[str, Any], event_type: str, reason: str,
           message: str, is_init: Any = False, cname: str = "") -> None:
    path = _field_path(is_init, cname) if cname else ""
    events.record(ctx, pod, event_type, reason, message, COMPONENT, rec["node"], path)


def _container_id(uid: str, name: str, instance: int) -> str:
    digest = hashlib.sha256(f"{uid}/{name}/{instance}".encode()).hexdigest()
    return f"containerd://{digest}"


def _write(ctx: SimContext, rec: dict[str, Any], pod: dict[str, Any]) -> dict[str, Any]:
    """Recompute phase and conditions, then store the pod's status."""
    status = pod.setdefault("status", {})
    new_phase = phase(pod)
    if rec.get("failed"):
        new_phase = "Failed"
    status["phase"] = new_phase
    sandbox = bool(rec.get("sandbox")) and new_phase not in ("Succeeded", "Failed")
    status["conditions"] = conditions(pod, new_phase, sandbox, ctx.stamp())
    pod["status"] = ordered_status(status)
    if new_phase in ("Succeeded", "Failed"):
        ctx.node_usage = None  # terminal pods free their requests
        _note_terminal(ctx)
    return ctx.write_status("pods", pod, "kubelet")


def _note_terminal(ctx: SimContext) -> None:
    from minikubectl.sim.controllers import podgc
    podgc.note_terminated(ctx)


# -- entry points --------------------------------------------------------------------------
def sync(ctx: SimContext, pod: dict[str, Any]) -> None:
    """React to a bound pod: admit it once; start termination when it is being deleted."""
    meta = pod["metadata"]
    uid = meta.get("uid", "")
    node_name = pod["spec"].get("nodeName")
    if ctx.peek("nodes", None, node_name) is None:
        return  # no kubelet: PodGC removes pods of vanished nodes
    recs = _records(ctx)
    rec = recs.get(uid)
    if rec is None:
        rec = {"ns": meta.get("namespace"), "name": meta["name"], "node": node_name, "tok": 1,
               "chain": 0, "c": {}}
        recs[uid] = rec
        ctx.touch()
        if not meta.get("deletionTimestamp"):
            ctx.schedule(ctx.now_ms + ADMIT_MS, _timer(rec, uid, "admit"))
    if meta.get("deletionTimestamp"):
        _begin_termination(ctx, rec, uid, pod)
    elif rec.get("sandbox"):
        _notice_ephemeral(ctx, rec, uid, pod)


def _notice_ephemeral(ctx: SimContext, rec: dict[str, Any], uid: str, pod: dict[str, Any]) -> None:
    """Ephemeral containers added to a running pod are started (once each)."""
    for container in pod["spec"].get("ephemeralContainers") or []:
        name = container.get("name")
        if name and name not in rec["c"]:
            rec["c"][name] = {"n": 0, "bo": 0, "inst": 0, "eph": 1}
            ctx.touch()
            ctx.schedule(ctx.now_ms, _timer(rec, uid, "ephemeral", c=name))


def _ephemeral(ctx: SimContext, rec: dict[str, Any], uid: str, pod: dict[str, Any], payload: dict) -> None:
    found = _spec_of(pod, payload["c"])
    if found is None or found[0] != EPHEMERAL:
        return
    container = found[1]
    _set_cs(pod.setdefault("status", {}), EPHEMERAL, waiting_entry(container, "ContainerCreating"))
    pod = copy_of(_write(ctx, rec, pod))
    _acquire_image(ctx, rec, uid, pod, EPHEMERAL, container)


def forget(ctx: SimContext, pod: dict[str, Any]) -> None:
    """The pod object is gone: drop the record and release its IP."""
    uid = pod.get("metadata", {}).get("uid", "")
    rec = _records(ctx).pop(uid, None)
    if rec and rec.get("ip"):
        pool = ctx.sim.setdefault("ipam", {}).get(rec["node"], {})
        pool.get("used", {}).pop(rec["ip"], None)
    if rec:
        ctx.touch()


def _timer(rec: dict[str, Any], uid: str, action: str, **extra: Any) -> dict[str, Any]:
    return {"k": "kubelet", "uid": uid, "tok": rec["tok"], "a": action, **extra}


def on_timer(ctx: SimContext, payload: dict[str, Any]) -> None:
    """Dispatch a kubelet timer (stale ones, from before a deletion began, are ignored)."""
    uid = payload["uid"]
    rec = _records(ctx).get(uid)
    if rec is None or rec.get("tok") != payload.get("tok"):
        return
    pod = ctx.peek("pods", rec["ns"], rec["name"])
    if pod is None or pod["metadata"].get("uid") != uid:
        return
    pod = copy_of(pod)
    action = payload["a"]
    handler = _HANDLERS[action]
    handler(ctx, rec, uid, pod, payload)


# -- start-up ----------------------------------------------------------------------------
def _admit(ctx: SimContext, rec: dict[str, Any], uid: str, pod: dict[str, Any], _: dict) -> None:
    node = ctx.peek("nodes", None, rec["node"])
    status = pod.setdefault("status", {})
    host = node_ip(node)
    if host:
        status["hostIP"] = host
        status["hostIPs"] = [{"ip": host}]
    status["startTime"] = ctx.stamp()
    has_init = any(not is_sidecar(c) for c in (pod["spec"].get("initContainers") or []))
    for is_init, container in _order(pod):
        reason = "PodInitializing" if is_init or has_init else "ContainerCreating"
        _set_cs(status, is_init, waiting_entry(container, reason))
    _write(ctx, rec, pod)
    ctx.schedule(ctx.now_ms + SANDBOX_MS, _timer(rec, uid, "sandbox"))


def _allocate_ip(ctx: SimContext, rec: dict[str, Any], uid: str) -> str:
    node = ctx.peek("nodes", None, rec["node"]) or {}
    cidr = (node.get("spec") or {}).get("podCIDR") or "10.244.0.0/24"
    prefix = ".".join(cidr.split("/")[0].split(".")[:3])
    pool = ctx.sim.setdefault("ipam", {}).setdefault(rec["node"], {"last": 1, "used": {}})
    host = int(pool.get("last", 1))
    for _ in range(253):
        host = host + 1 if host < 254 else 2
        ip = f"{prefix}.{host}"
        if ip not in pool["used"]:
            pool["used"][ip] = uid
            pool["last"] = host
            return ip
    return ""  # pool exhausted: the sandbox never gets an address


def _sandbox(ctx: SimContext, rec: dict[str, Any], uid: str, pod: dict[str, Any], _: dict) -> None:
    rec["sandbox"] = True
    ip = _allocate_ip(ctx, rec, uid)
    rec["ip"] = ip
    status = pod["status"]
    if ip:
        status["podIP"] = ip
        status["podIPs"] = [{"ip": ip}]
    pod = copy_of(_write(ctx, rec, pod))
    _next_in_chain(ctx, rec, uid, pod)


def _next_in_chain(ctx: SimContext, rec: dict[str, Any], uid: str, pod: dict[str, Any]) -> None:
    order = _order(pod)
    if rec["chain"] >= len(order):
        return
    is_init, container = order[rec["chain"]]
    _acquire_image(ctx, rec, uid, pod, is_init, container)


def _acquire_image(ctx: SimContext, rec: dict[str, Any], uid: str, pod: dict[str, Any], is_init: bool,
                   container: dict[str, Any]) -> None:
    image = str(container.get("image", ""))
    policy = images.pull_policy(container)
    node_images = ctx.sim.setdefault("images", {}).setdefault(rec["node"], {})
    key = images.normalized(image)
    ready_at = node_images.get(key)
    present = ready_at is not None and ready_at <= ctx.now_ms
    name = container["name"]
    if policy == "Never" or (policy == "IfNotPresent" and present):
        if policy == "Never" and not present:
            message = f'Container image "{image}" is not present with pull policy of Never'
            status = pod["status"]
            _set_cs(status, is_init, waiting_entry(container, "ErrImageNeverPull", message,
                                                   _get_cs(status, is_init, name)))
            _event(ctx, pod, rec, "Warning", "ErrImageNeverPull", message, is_init, name)
            _write(ctx, rec, pod)
            return
        _event(ctx, pod, rec, "Normal", "Pulled", f'Container image "{image}" already present on machine',
               is_init, name)
        _create(ctx, rec, uid, pod, is_init, container)
        return
    _event(ctx, pod, rec, "Normal", "Pulling", f'Pulling image "{image}"', is_init, name)
    if ready_at is not None and ready_at > ctx.now_ms:
        done, pull = ready_at, images.pull_ms(image)  # another pod is pulling it: wait for that pull
    elif present:
        done = ctx.now_ms + images.repull_ms(image)
        pull = done - ctx.now_ms
    else:
        done = ctx.now_ms + images.pull_ms(image)
        pull = done - ctx.now_ms
        node_images[key] = done
    ctx.schedule(done, _timer(rec, uid, "pulled", c=name, req=ctx.now_ms, pull=pull))


def _pulled(ctx: SimContext, rec: dict[str, Any], uid: str, pod: dict[str, Any], payload: dict) -> None:
    found = _spec_of(pod, payload["c"])
    if found is None:
        return
    is_init, container = found
    image = str(container.get("image", ""))
    total = ctx.now_ms - int(payload["req"])
    pull = min(int(payload["pull"]), total)
    _event(ctx, pod, rec, "Normal", "Pulled",
           f'Successfully pulled image "{image}" in {go_duration(pull)} ({go_duration(total)} including '
           f"waiting). Image size: {images.size_bytes(image)} bytes.", is_init, container["name"])
    _create(ctx, rec, uid, pod, is_init, container)


def _lookup(ctx: SimContext) -> Any:
    def lookup(plural: str, namespace: str, name: str) -> dict[str, Any] | None:
        return ctx.peek(plural, namespace, name)
    return lookup


def _create(ctx: SimContext, rec: dict[str, Any], uid: str, pod: dict[str, Any], is_init: bool,
            container: dict[str, Any]) -> None:
    name = container["name"]
    crec = rec["c"].setdefault(name, {"n": 0, "bo": 0, "inst": 0})
    crec["inst"] = int(crec.get("inst", 0)) + 1
    crec["start"] = ctx.now_ms
    backend = runtime.backend(ctx.network())
    if crec.get("launch"):
        crec["prev"] = crec["launch"]  # what `logs --previous` replays
    launch = container_env.launch_for(pod, container, ctx.now_ms * NS, _lookup(ctx), backend.resolve_argv)
    cid = _container_id(uid, name, crec["inst"])
    launch["cid"] = cid
    crec["launch"] = launch
    _event(ctx, pod, rec, "Normal", "Created", f"Created container: {name}", is_init, name)
    failure = backend.start_error(launch)
    if failure is not None:
        code, message = failure
        _event(ctx, pod, rec, "Warning", "Failed", f"Error: {message}", is_init, name)
        ctx.schedule(ctx.now_ms, _timer(rec, uid, "exit", c=name, inst=crec["inst"], plan=int(crec.get("inst_plan", 0)), code=code,
                                        reason="StartError", msg=message, cid=cid, never=True))
        return
    _event(ctx, pod, rec, "Normal", "Started", f"Started container {name}", is_init, name)
    hook = ((container.get("lifecycle") or {}).get("postStart"))
    if hook:
        done_ms, message = lifecycle.run_hook(backend, launch, pod, container, hook, ctx.now_ms * NS)
        if message is None and "exec" in hook:
            launch["inputs"].append(["exec", ctx.now_ms * NS, lifecycle.exec_argv(hook), None])
        ctx.schedule(max(done_ms, ctx.now_ms), _timer(rec, uid, "poststart", c=name, inst=crec["inst"],
                                                       failed=message))
        return
    _running(ctx, rec, uid, pod, is_init, container)


def _poststart(ctx: SimContext, rec: dict[str, Any], uid: str, pod: dict[str, Any], payload: dict) -> None:
    found = _spec_of(pod, payload["c"])
    if found is None:
        return
    crec = rec["c"].get(payload["c"], {})
    if payload.get("inst") is not None and crec.get("inst") != payload["inst"]:
        return
    message = payload.get("failed")
    if message is None:
        _running(ctx, rec, uid, pod, found[0], found[1])
        return
    # The hook failed: the kubelet reports it, kills the container (FailedPostStartHook) and
    # lets the restart policy decide what comes next.
    is_init, container = found
    name = container["name"]
    _event(ctx, pod, rec, "Warning", "FailedPostStartHook", message, is_init, name)
    _event(ctx, pod, rec, "Normal", "Killing", "FailedPostStartHook", is_init, name)
    grace_ms = int((pod["spec"].get("terminationGracePeriodSeconds", 30) or 0) * 1000)
    at_ms, code = _stop_container(ctx, crec, container, ctx.now_ms, max(grace_ms, KILL_MIN_MS))
    ctx.schedule(at_ms, _timer(rec, uid, "exit", c=name, inst=crec["inst"], plan=int(crec.get("inst_plan", 0)), code=code,
                               cid=_container_id(uid, name, crec["inst"])))


def _stop_container(ctx: SimContext, crec: dict[str, Any], container: dict[str, Any], at_ms: int, grace_ms: int) -> tuple[int, int]:
    """Send the stop signal at ``at_ms``; KILL at the end of the grace period. -> (exit ms, code)."""
    launch = crec.get("launch")
    if not launch:
        return at_ms, 137
    backend = runtime.backend(ctx.network())
    launch["inputs"].append(["signal", at_ms * NS, lifecycle.stop_signal(backend, launch)])
    crec["inst_plan"] = int(crec.get("inst_plan", 0)) + 1  # exits planned before the signal are void
    ended = backend.next_exit(launch, (at_ms + grace_ms) * NS)
    if ended is not None and ended[0] >= at_ms * NS:
        return -(-ended[0] // NS), int(ended[1])
    launch["inputs"].append(["signal", (at_ms + grace_ms) * NS, "KILL"])
    return at_ms + grace_ms, 137


def _running(ctx: SimContext, rec: dict[str, Any], uid: str, pod: dict[str, Any], is_init: bool,
             container: dict[str, Any]) -> None:
    name = container["name"]
    crec = rec["c"][name]
    status = pod["status"]
    previous = _get_cs(status, is_init, name)
    last_state = previous.get("lastState") or {}
    if "terminated" in (previous.get("state") or {}):
        last_state = {"terminated": previous["state"]["terminated"]}
    probe = container.get("readinessProbe")
    ready = not probe and not (is_init and not is_sidecar(container))
    entry = running_entry(container, _container_id(uid, name, crec["inst"]), stamp(crec["start"]),
                          ready, int(crec.get("n", 0)), last_state)
    _set_cs(status, is_init, entry)
    pod = copy_of(_write(ctx, rec, pod))
    crec["pr"] = {}
    for key, _label in probes.KINDS:
        if container.get(key) and (key == "startupProbe" or not container.get("startupProbe")):
            _schedule_probe(ctx, rec, uid, crec, name, key, container[key], first=True)
    _schedule_exit(ctx, rec, uid, crec, name)
    order = _order(pod)
    if rec["chain"] < len(order) and order[rec["chain"]][1].get("name") == name:
        if is_init and not is_sidecar(container):
            return  # the next container waits for this init container to complete
        rec["chain"] += 1
        _next_in_chain(ctx, rec, uid, pod)


def _schedule_exit(ctx: SimContext, rec: dict[str, Any], uid: str, crec: dict[str, Any], name: str) -> None:
    """Ask the runtime when the program ends on its own (within the horizon) and plan that exit."""
    launch = crec.get("launch")
    if not launch:
        return
    horizon_ms = ctx.now_ms + HORIZON_MS
    ended = runtime.backend(ctx.network()).next_exit(launch, horizon_ms * NS)
    if _may_use_network(launch):
        crec["netwait"] = True
        ctx.sim.setdefault("netwait", {})[uid] = 1
    else:
        crec.pop("netwait", None)
    if ended is not None:
        at_ms = max(ctx.now_ms, -(-int(ended[0]) // NS))
        ctx.schedule(at_ms, _timer(rec, uid, "exit", c=name, inst=crec["inst"], code=int(ended[1]),
                                   plan=int(crec.get("inst_plan", 0))))
    # else: the program runs past the horizon; treated as never ending, so that an idle
    # cluster holds no timers (a later input, e.g. attach stdin or a signal, re-plans it)


# Words of a command line that reach other pods: its course may change when pods or Services do.
_NETWORK_WORDS = ("nslookup", "wget", "curl", "nc ", "ping", "dig ", "host ", "http")


def _may_use_network(launch: dict[str, Any]) -> bool:
    text = " ".join(str(word) for word in launch.get("argv") or [])
    return any(word in text for word in _NETWORK_WORDS)


def replan_network_waiters(ctx: SimContext) -> None:
    """A pod or Service changed: plan again when the running programs that talk to the network
    end (an init container's ``until nslookup myservice`` ends once the Service exists)."""
    waiting = ctx.sim.get("netwait") or {}
    records = _records(ctx)
    for uid in sorted(waiting):
        rec = records.get(uid)
        names = [name for name, crec in (rec or {}).get("c", {}).items() if crec.get("netwait")]
        if rec is None or not names:
            waiting.pop(uid, None)
            continue
        pod = ctx.peek("pods", rec["ns"], rec["name"])
        if pod is None or pod["metadata"].get("deletionTimestamp"):
            continue
        status = pod.get("status") or {}
        current = {cs.get("name"): cs for cs in (status.get("initContainerStatuses") or [])
                   + (status.get("containerStatuses") or [])}
        for name in names:
            crec = rec["c"][name]
            cs = current.get(name) or {}
            if "running" not in (cs.get("state") or {}) or cs.get("containerID") != _container_id(uid, name, crec["inst"]):
                continue  # not this instance, or not running: nothing to re-plan
            crec["inst_plan"] = int(crec.get("inst_plan", 0)) + 1
            _schedule_exit(ctx, rec, uid, crec, name)
    ctx.touch()


def send_input(ctx: SimContext, uid: str, name: str, items: list[list[Any]]) -> None:
    """Deliver inputs (attach stdin) to a running container and re-plan when its program ends."""
    rec = _records(ctx).get(uid)
    crec = (rec or {}).get("c", {}).get(name)
    if not rec or not crec or not crec.get("launch"):
        return
    crec["launch"].setdefault("inputs", []).extend(items)
    crec["inst_plan"] = int(crec.get("inst_plan", 0)) + 1
    ctx.touch()
    _schedule_exit(ctx, rec, uid, crec, name)


def _horizon(ctx: SimContext, rec: dict[str, Any], uid: str, pod: dict[str, Any], payload: dict) -> None:
    crec = rec["c"].get(payload["c"], {})
    if crec.get("inst") == payload["inst"] and int(payload.get("plan", 0)) == int(crec.get("inst_plan", 0)):
        _schedule_exit(ctx, rec, uid, crec, payload["c"])


def _ready(ctx: SimContext, rec: dict[str, Any], uid: str, pod: dict[str, Any], payload: dict) -> None:
    found = _spec_of(pod, payload["c"])
    if found is None or rec["c"].get(payload["c"], {}).get("inst") != payload["inst"]:
        return
    status = pod["status"]
    cs = _get_cs(status, found[0], payload["c"])
    if "running" in (cs.get("state") or {}):
        cs["ready"] = True
        _write(ctx, rec, pod)


def _schedule_probe(ctx: SimContext, rec: dict[str, Any], uid: str, crec: dict[str, Any], name: str, key: str,
                    probe: dict[str, Any], first: bool = False) -> None:
    at = max(ctx.now_ms, crec["start"] + probes.delay_ms(probe)) if first else ctx.now_ms + probes.period_ms(probe)
    ctx.schedule(at, _timer(rec, uid, "probe", c=name, inst=crec["inst"], p=key))


def _probe(ctx: SimContext, rec: dict[str, Any], uid: str, pod: dict[str, Any], payload: dict) -> None:
    """One probe run: count, report ``Unhealthy``, flip readiness, or kill for a restart."""
    name, key = payload["c"], payload["p"]
    found = _spec_of(pod, name)
    crec = rec["c"].get(name, {})
    if found is None or crec.get("inst") != payload["inst"] or not crec.get("launch"):
        return
    is_init, container = found
    probe = container.get(key) or {}
    status = pod["status"]
    cs = _get_cs(status, is_init, name)
    if not probe or "running" not in (cs.get("state") or {}):
        return
    ok, output = probes.check(runtime.backend(ctx.network()), crec["launch"], container, probe, ctx.now_ms * NS)
    successes, failures = crec.setdefault("pr", {}).get(key, [0, 0])
    successes, failures = (successes + 1, 0) if ok else (0, failures + 1)
    crec["pr"][key] = [successes, failures]
    ctx.touch()
    label = dict(probes.KINDS)[key]
    if not ok:
        _event(ctx, pod, rec, "Warning", "Unhealthy", f"{label} probe failed: {output}", is_init, name)
    if key == "readinessProbe":
        if ok and successes >= probes.success_threshold(probe) and not cs.get("ready"):
            cs["ready"] = True
            _write(ctx, rec, pod)
        elif not ok and failures >= probes.failure_threshold(probe) and cs.get("ready"):
            cs["ready"] = False
            _write(ctx, rec, pod)
        _schedule_probe(ctx, rec, uid, crec, name, key, probe)
        return
    if ok and key == "startupProbe":
        if successes >= probes.success_threshold(probe):
            for other in ("livenessProbe", "readinessProbe"):
                if container.get(other):
                    _schedule_probe(ctx, rec, uid, crec, name, other, container[other], first=True)
            return
    if not ok and failures >= probes.failure_threshold(probe):
        _event(ctx, pod, rec, "Normal", "Killing",
               f"Container {name} failed {label.lower()} probe, will be restarted", is_init, name)
        grace = probe.get("terminationGracePeriodSeconds")
        if grace is None:
            grace = pod["spec"].get("terminationGracePeriodSeconds", 30)
        at_ms, code = _stop_container(ctx, crec, container, ctx.now_ms, max(int(grace or 0) * 1000, KILL_MIN_MS))
        ctx.schedule(at_ms, _timer(rec, uid, "exit", c=name, inst=crec["inst"], plan=int(crec.get("inst_plan", 0)), code=code))
        return
    _schedule_probe(ctx, rec, uid, crec, name, key, probe)


# -- exits and restarts -------------------------------------------------------------------
def _exit(ctx: SimContext, rec: dict[str, Any], uid: str, pod: dict[str, Any], payload: dict) -> None:
    name = payload["c"]
    found = _spec_of(pod, name)
    crec = rec["c"].get(name, {})
    if found is None or crec.get("inst") != payload["inst"]:
        return
    if "plan" in payload and int(payload["plan"]) != int(crec.get("inst_plan", 0)):
        return  # planned before later inputs changed the program's course
    is_init, container = found
    code = int(payload["code"])
    status = pod["status"]
    running = _get_cs(status, is_init, name)
    if is_init == EPHEMERAL:
        # An ephemeral container ends for good: terminated, never restarted.
        _set_cs(status, is_init, terminated_entry(running, container, code, ctx.stamp(), ready=False,
                                                  reason=payload.get("reason")))
        _write(ctx, rec, pod)
        return
    success_init = is_init and not is_sidecar(container) and code == 0
    if payload.get("cid"):
        # never reported running (failed start or postStart hook): the instance's own ID and start
        started = {"running": {"startedAt": stamp(int(crec.get("start", ctx.now_ms)))}}
        running = {**running, "containerID": payload["cid"], "state": started,
                   "restartCount": int(crec.get("n", 0))}
    entry = terminated_entry(running, container, code, ctx.stamp(), ready=success_init, reason=payload.get("reason"))
    if payload.get("msg"):
        entry["state"]["terminated"]["message"] = payload["msg"]
    if payload.get("never"):
        entry["state"]["terminated"]["startedAt"] = "1970-01-01T00:00:00Z"
    _set_cs(status, is_init, entry)
    policy = pod["spec"].get("restartPolicy") or "Always"
    restart = policy == "Always" or (policy == "OnFailure" and code != 0)
    if is_init and not is_sidecar(container):
        if code == 0:
            pod = copy_of(_write(ctx, rec, pod))
            rec["chain"] += 1
            _next_in_chain(ctx, rec, uid, pod)
            return
        restart = policy != "Never"
        if not restart:
            rec["failed"] = True
    elif is_sidecar(container):
        restart = True
    if ctx.now_ms - int(crec.get("start", ctx.now_ms)) >= BACKOFF_RESET_MS:
        crec["bo"] = 0
    if not restart:
        if not any(_is_active(s) for s in status.get("containerStatuses") or []):
            rec["sandbox"] = False
        _write(ctx, rec, pod)
        return
    _write(ctx, rec, pod)
    level = int(crec.get("bo", 0))
    delay = 0 if level == 0 else min(BACKOFF_INITIAL_MS * 2 ** (level - 1), BACKOFF_MAX_MS)
    crec["bo"] = level + 1
    if delay == 0:
        ctx.schedule(ctx.now_ms + RESTART_NOTICE_MS, _timer(rec, uid, "restart", c=name))
        return
    ctx.schedule(ctx.now_ms + RESTART_NOTICE_MS, _timer(rec, uid, "crashloop", c=name, delay=delay))
    ctx.schedule(ctx.now_ms + max(delay, RESTART_NOTICE_MS), _timer(rec, uid, "restart", c=name))


def _is_active(cs: dict[str, Any]) -> bool:
    state = cs.get("state") or {}
    return "running" in state or ("waiting" in state and bool(cs.get("lastState")))


def _crashloop(ctx: SimContext, rec: dict[str, Any], uid: str, pod: dict[str, Any], payload: dict) -> None:
    found = _spec_of(pod, payload["c"])
    if found is None:
        return
    is_init, container = found
    name = container["name"]
    status = pod["status"]
    previous = _get_cs(status, is_init, name)
    state = previous.get("state") or {}
    if "terminated" not in state:
        return
    meta = pod["metadata"]
    pod_ref = f"{meta['name']}_{meta.get('namespace')}({meta.get('uid')})"
    message = f"back-off {go_duration(int(payload['delay']))} restarting failed container={name} pod={pod_ref}"
    entry = waiting_entry(container, "CrashLoopBackOff", message,
                          {**previous, "lastState": {"terminated": state["terminated"]}})
    _set_cs(status, is_init, entry)
    _write(ctx, rec, pod)
    _event(ctx, pod, rec, "Warning", "BackOff", f"Back-off restarting failed container {name} in pod {pod_ref}",
           is_init, name)


def _restart(ctx: SimContext, rec: dict[str, Any], uid: str, pod: dict[str, Any], payload: dict) -> None:
    found = _spec_of(pod, payload["c"])
    if found is None:
        return
    is_init, container = found
    crec = rec["c"].setdefault(container["name"], {"n": 0, "bo": 0, "inst": 0})
    crec["n"] = int(crec.get("n", 0)) + 1
    status = pod["status"]
    previous = _get_cs(status, is_init, container["name"])
    if "terminated" in (previous.get("state") or {}):
        # Keep the exit visible as lastState while the new instance comes up.
        previous = {**previous, "lastState": {"terminated": previous["state"]["terminated"]}}
        previous["state"] = previous["lastState"]
        _set_cs(status, is_init, previous)
    _acquire_image(ctx, rec, uid, pod, is_init, container)


# -- termination -----------------------------------------------------------------------------
def _begin_termination(ctx: SimContext, rec: dict[str, Any], uid: str, pod: dict[str, Any]) -> None:
    deadline = parse_ms(pod["metadata"].get("deletionTimestamp")) or ctx.now_ms
    if rec.get("dl") == deadline:
        return
    first = rec.get("dl") is None
    rec["dl"] = deadline
    rec["tok"] = int(rec.get("tok", 0)) + 1  # cancels pending start-up and earlier stop timers
    ctx.touch()
    grace = max(deadline - ctx.now_ms, 0)
    stop_all = ctx.now_ms
    status = pod.get("status") or {}
    for is_init, container in _order(pod):
        cs = _get_cs(status, is_init, container["name"])
        if "running" not in (cs.get("state") or {}):
            continue
        if first:
            _event(ctx, pod, rec, "Normal", "Killing", f"Stopping container {container['name']}",
                   is_init, container["name"])
        pre = _pre_stop(ctx, rec, pod, is_init, container) if first else 0
        exit_after = _term_exit_after(ctx, rec, container["name"], ctx.now_ms + min(pre, grace))
        if pre < grace:
            window = max(grace - pre, KILL_MIN_MS)
            stop = pre + (window if exit_after is None else min(exit_after, window))
        else:
            stop = grace + (KILL_MIN_MS if exit_after is None else min(exit_after, KILL_MIN_MS))
        stop_all = max(stop_all, ctx.now_ms + stop)
    if stop_all <= ctx.now_ms:
        _gone(ctx, rec, uid, copy_of(pod), {})
        return
    ctx.schedule(stop_all, _timer(rec, uid, "gone"))


def _pre_stop(ctx: SimContext, rec: dict[str, Any], pod: dict[str, Any], is_init: bool,
              container: dict[str, Any]) -> int:
    """Run the preStop hook now; its duration in ms (a failure is reported, termination goes on)."""
    hook = (container.get("lifecycle") or {}).get("preStop")
    crec = rec["c"].get(container["name"], {})
    if not hook or not crec.get("launch"):
        return 0
    backend = runtime.backend(ctx.network())
    done_ms, message = lifecycle.run_hook(backend, crec["launch"], pod, container, hook, ctx.now_ms * NS)
    if message is not None:
        _event(ctx, pod, rec, "Warning", "FailedPreStopHook", message, is_init, container["name"])
    elif "exec" in hook:
        crec["launch"]["inputs"].append(["exec", ctx.now_ms * NS, lifecycle.exec_argv(hook), None])
    return max(done_ms - ctx.now_ms, 0)


def _term_exit_after(ctx: SimContext, rec: dict[str, Any], name: str, signal_ms: int) -> int | None:
    """How long after the stop signal the program ends by itself (None: only SIGKILL stops it)."""
    crec = rec["c"].get(name, {})
    launch = crec.get("launch")
    if not launch:
        return None
    backend = runtime.backend(ctx.network())
    probe = {**launch, "inputs": list(launch["inputs"]) + [["signal", signal_ms * NS,
                                                             lifecycle.stop_signal(backend, launch)]]}
    ended = backend.next_exit(probe, (signal_ms + 3_600_000) * NS)
    if ended is None:
        return None
    return max(-(-int(ended[0]) // NS) - signal_ms, 0)


def _gone(ctx: SimContext, rec: dict[str, Any], uid: str, pod: dict[str, Any], _: dict) -> None:
    """All containers stopped: the kubelet deletes the pod with grace 0."""
    from minikubectl.api import errors

    try:
        ctx.api.delete(ctx.res("pods"), rec["ns"], rec["name"], grace_period=0)
    except errors.StatusError:
        pass


_HANDLERS = {
    "admit": _admit,
    "sandbox": _sandbox,
    "ephemeral": _ephemeral,
    "pulled": _pulled,
    "poststart": _poststart,
    "horizon": _horizon,
    "probe": _probe,
    "ready": _ready,
    "exit": _exit,
    "crashloop": _crashloop,
    "restart": _restart,
    "gone": _gone,
}
