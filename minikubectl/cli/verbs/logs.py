"""``logs``: print the logs of a container in a pod.

The content comes from the simulated container programs
(:mod:`minikubectl.sim.container_logs`); this module picks the pod and container and
applies kubectl's flags (``--tail``, ``--since``, ``--timestamps``, ``--prefix``...).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass
from minikubectl.sim.container_logs import _ns, _ns_of, container_output, rfc3339_nano

SUMMARY = "Print the logs for a container in a pod"

USAGE = ("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
         "POD or TYPE/NAME is a required argument for the logs command")
SELECTOR_TAIL = 10
# kinds whose pods `logs TYPE/NAME` can pick from (polymorphichelpers.SelectorsForObject)
SELECTOR_KINDS = {"Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController",
                  "Service"}


def flags() -> list[Flag]:
    return [
        Flag("container", shorthand="c"),
        Flag("follow", "bool", False, shorthand="f"),
        Flag("previous", "bool", False, shorthand="p"),
        Flag("tail", "int", -1),
        Flag("since", default="0s"),
        Flag("since-time"),
        Flag("timestamps", "bool", False),
        Flag("prefix", "bool", False),
        Flag("all-containers", "bool", False),
        Flag("all-pods", "bool", False),
        Flag("selector", shorthand="l"),
        Flag("limit-bytes", "int", 0),
        Flag("max-log-requests", "int", 5),
        Flag("pod-running-timeout", default="20s"),
        Flag("ignore-errors", "bool", False),
        Flag("insecure-skip-tls-verify-backend", "bool", False),
    ]


def usage_error(message: str) -> errors.ClientError:
    """cmdutil.UsageErrorf: the message, then the pointer to ``kubectl logs -h``."""
    return errors.ClientError(f"{message}\nSee 'kubectl logs -h' for help and examples")


@dataclass
class LogsOptions:
    """Bound flags of ``logs`` (complete → validate → run)."""

    resource_arg: str
    container: str
    container_flag: bool
    nargs: int
    namespace: str
    follow: bool
    previous: bool
    tail: int
    since_ns: int
    since_time: str
    timestamps: bool
    prefix: bool
    all_containers: bool
    all_pods: bool
    selector: str
    limit_bytes: int
    max_requests: int
    ignore_errors: bool
    state: str | None

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "LogsOptions":
        from minikubectl.sim.clock import parse_go_duration
        args = parsed.args
        selector = parsed["selector"] or ""
        if not args and not selector or len(args) > 2:
            raise usage_error(USAGE)
        if len(args) == 1 and selector:
            raise usage_error("only a selector (-l) or a POD name is allowed")
        try:
            since_ns = parse_go_duration(parsed["since"] or "0s") * 1_000_000
        except ValueError as exc:
            raise errors.ClientError(f'invalid argument "{parsed["since"]}" for "--since" flag: {exc}') from None
        tail = parsed["tail"]
        if selector and tail == -1 and "tail" not in parsed.changed:
            tail = SELECTOR_TAIL
        return cls(resource_arg=args[0] if args else "", container=args[1] if len(args) == 2 else
                   (parsed["container"] or ""), container_flag="container" in parsed.changed, nargs=len(args),
                   namespace=opt.namespace_of(parsed)[0], follow=parsed["follow"], previous=parsed["previous"],
                   tail=tail, since_ns=since_ns, since_time=parsed["since-time"] or "",
                   timestamps=parsed["timestamps"], prefix=parsed["prefix"],
                   all_containers=parsed["all-containers"], all_pods=parsed["all-pods"], selector=selector,
                   limit_bytes=parsed["limit-bytes"], max_requests=parsed["max-log-requests"],
                   ignore_errors=parsed["ignore-errors"], state=parsed["state"])

    def validate(self) -> None:
        if self.since_time and self.since_ns:
            raise errors.ClientError("at most one of `sinceTime` or `sinceSeconds` may be specified")
        if self.all_containers and self.container:
            raise errors.ClientError(f"--all-containers=true should not be specified with container name "
                                     f"{self.container}")
        if self.container_flag and self.nargs == 2:
            raise errors.ClientError("only one of -c or an inline [CONTAINER] arg is allowed")
        if self.limit_bytes < 0:
            raise errors.ClientError("--limit-bytes must be greater than 0")
        if self.since_ns < 0:
            raise errors.ClientError("--since must be greater than 0")
        if self.tail < -1:
            raise errors.ClientError("--tail must be greater than or equal to -1")

    def run(self, env: Env) -> int:
        from minikubectl.cli.session import open_cluster
        with open_cluster(env, self.state) as api:
            streams = self._streams(api, env)
            chunks = [self._render(api, env, pod, name) for pod, name in streams]
        for chunk in chunks:
            env.stdout.write(chunk)
        if self.follow and not env.fixed_clock and streams:
            return self._follow(env, streams)
        return 0

    # -- which pod, which containers ------------------------------------------------------
    def _streams(self, api: Any, env: Env) -> list[tuple[dict[str, Any], str]]:
        """(pod, container) pairs to read, in kubectl's order, with its stderr notes."""
        pods = self._pods(api, env)
        streams: list[tuple[dict[str, Any], str]] = []
        for pod in pods:
            spec = pod.get("spec") or {}
            if self.all_containers:
                for key in ("initContainers", "containers", "ephemeralContainers"):
                    streams += [(pod, str(c.get("name", ""))) for c in spec.get(key) or []]
                continue
            streams.append((pod, self._container_for(pod, env, quiet=bool(self.selector) or self.all_pods)))
        return streams

    def _pods(self, api: Any, env: Env) -> list[dict[str, Any]]:
        from minikubectl.cli.resources import Filters
        pods_res = api.registry.by_qualified_plural("pods")
        if self.selector:
            match = Filters(self.selector, "").compile(pods_res)
            pods = [p for p in api.list(pods_res, self.namespace) if match(p)]
            if not pods:
                env.stderr.write(f"No resources found in {self.namespace} namespace.\n")
            return pods
        type_part, slash, name = self.resource_arg.partition("/")
        resource = api.registry.resolve_single(type_part) if slash else pods_res
        name = name if slash else self.resource_arg
        try:
            obj = api.get(resource, self.namespace, name)
        except errors.StatusError as exc:
            if exc.reason == "NotFound":
                raise errors.ClientError(f'error from server (NotFound): {resource.qualified_plural} "{name}" '
                                         f'not found in namespace "{self.namespace}"') from None
            raise
        if resource.kind == "Pod":
            return [obj]
        return self._pods_of(api, env, resource, obj)

    def _pods_of(self, api: Any, env: Env, resource: Any, obj: dict[str, Any]) -> list[dict[str, Any]]:
        """GetFirstPod: the controller's pods sorted ByLogging; note when there are several."""
        from minikubectl.api import labels
        if resource.kind not in SELECTOR_KINDS:
            raise errors.ClientError(f"cannot get the logs from *{_go_type(resource)}: selector for "
                                     f"*{_go_type(resource)} not implemented")
        spec = obj.get("spec") or {}
        selector = labels.selector_from_set(spec.get("selector")) if resource.kind in (
            "Service", "ReplicationController") else labels.label_selector_as_selector(spec.get("selector"))
        pods_res = api.registry.by_qualified_plural("pods")
        pods = [p for p in api.list(pods_res, self.namespace)
                if selector.matches((p.get("metadata") or {}).get("labels") or {})]
        if not pods:
            raise errors.ClientError("timed out waiting for the condition")
        pods.sort(key=_logging_order)
        if self.all_pods:
            return pods
        if len(pods) > 1:
            env.stderr.write(f"Found {len(pods)} pods, using pod/{pods[0]['metadata']['name']}\n")
        return pods[:1]

    def _container_for(self, pod: dict[str, Any], env: Env, quiet: bool) -> str:
        spec = pod.get("spec") or {}
        meta = pod.get("metadata") or {}
        names = [str(c.get("name", "")) for key in ("initContainers", "containers", "ephemeralContainers")
                 for c in spec.get(key) or []]
        container = self.container
        if not container:
            default = ((meta.get("annotations") or {}).get("kubectl.kubernetes.io/default-container") or "")
            if default and default in names:
                container = default
            elif default:
                env.stderr.write(f'Default container name "{default}" not found in pod {meta.get("name", "")}\n')
        if not container:
            container = str((spec.get("containers") or [{}])[0].get("name", ""))
            if len(names) > 1 and not quiet:
                env.stderr.write(f'Defaulted container "{container}" out of: {", ".join(names)}\n')
        if container not in names:
            # v1.33 words it without the "out of: ..." list later releases add
            raise errors.ClientError(f"container {container} is not valid for pod {meta.get('name', '')}")
        return container

    # -- reading one container ----------------------------------------------------------------
    def _render(self, api: Any, env: Env, pod: dict[str, Any], container: str) -> str:
        lines = self._lines(pod, container, env.now(), api)
        return self._format(pod, container, lines)

    def _lines(self, pod: dict[str, Any], container: str, now: datetime, api: Any = None) -> list[tuple[int, str]]:
        return container_log_lines(pod, container, now, api, self.previous)

    def _format(self, pod: dict[str, Any], container: str, lines: list[tuple[int, str]],
                after_ns: int | None = None) -> str:
        from minikubectl.cli.context import parse_rfc3339
        if after_ns is not None:
            lines = [ln for ln in lines if ln[0] > after_ns]
        else:
            if self.since_ns:
                # kubectl rounds --since to whole seconds; the kubelet keeps lines at or after now - since
                seconds = (self.since_ns + 500_000_000) // 1_000_000_000
                cutoff = self._now_ns - seconds * 1_000_000_000
                lines = [ln for ln in lines if ln[0] >= cutoff]
            elif self.since_time:
                try:
                    cutoff = _ns_of(parse_rfc3339(self.since_time))
                except errors.KubectlError:
                    raise errors.ClientError(f'parsing time "{self.since_time}" as "2006-01-02T15:04:05Z07:00": '
                                             "cannot parse") from None
                lines = [ln for ln in lines if ln[0] >= cutoff]
            if self.tail >= 0:
                lines = lines[len(lines) - self.tail:] if self.tail else []
        prefix = f"[pod/{pod['metadata']['name']}/{container}] " if self.prefix else ""
        text = "".join(prefix + (rfc3339_nano(ts) + " " if self.timestamps else "") + line + "\n"
                       for ts, line in lines)
        if self.limit_bytes and after_ns is None:
            text = text.encode()[:self.limit_bytes].decode(errors="ignore")
        return text

    _now_ns: int = 0

    def _follow(self, env: Env, streams: list[tuple[dict[str, Any], str]]) -> int:
        """Real clock: poll the state every half second and print new lines until the container stops."""
        import time
        from minikubectl.cli.session import open_cluster
        seen = {(p["metadata"]["name"], c): self._last_ns(p, c, env.now()) for p, c in streams}
        while True:
            time.sleep(0.5)
            env.advance_clock(datetime.now(timezone.utc))
            alive = False
            with open_cluster(env, self.state) as api:
                pods_res = api.registry.by_qualified_plural("pods")
                for pod, container in streams:
                    current = api.peek(pods_res, self.namespace, pod["metadata"]["name"])
                    if current is None:
                        continue
                    try:
                        lines = self._lines(current, container, env.now(), api)
                    except errors.KubectlError:
                        continue
                    key = (pod["metadata"]["name"], container)
                    env.stdout.write(self._format(current, container, lines, after_ns=seen[key]))
                    env.stdout.flush()
                    if lines:
                        seen[key] = max(seen[key], lines[-1][0])
                    alive = alive or _is_running(current, container)
            if not alive:
                return 0

    def _last_ns(self, pod: dict[str, Any], container: str, now: datetime) -> int:
        try:
            lines = self._lines(pod, container, now)
        except errors.KubectlError:
            return 0
        return lines[-1][0] if lines else 0


def _go_type(resource: Any) -> str:
    group = resource.group.split(".")[0] if resource.group else "core"
    return f"{group}{resource.version}.{resource.kind}" if resource.group else f"v1.{resource.kind}"


def _logging_order(pod: dict[str, Any]) -> tuple:
    """podutils.ByLogging as a sort key: bound, Running, ready (longest), restarts, oldest."""
    spec = pod.get("spec") or {}
    status = pod.get("status") or {}
    phase_rank = {"Running": 0, "Unknown": 1, "Pending": 2}.get(status.get("phase", ""), 3)
    ready = next((c for c in status.get("conditions") or [] if c.get("type") == "Ready"), None)
    is_ready = bool(ready and ready.get("status") == "True")
    ready_since = str(ready.get("lastTransitionTime") or "~") if is_ready else "~"
    restarts = max([int(cs.get("restartCount") or 0) for cs in status.get("containerStatuses") or []] or [0])
    created = str((pod.get("metadata") or {}).get("creationTimestamp") or "~")
    return (not spec.get("nodeName"), phase_rank, not is_ready, ready_since, -restarts, created)


def _container_spec(pod: dict[str, Any], name: str) -> dict[str, Any]:
    spec = pod.get("spec") or {}
    for key in ("initContainers", "containers", "ephemeralContainers"):
        for c in spec.get(key) or []:
            if c.get("name") == name:
                return c
    return {}


def _status_of(pod: dict[str, Any], container: str) -> dict[str, Any]:
    status = pod.get("status") or {}
    for key in ("initContainerStatuses", "containerStatuses", "ephemeralContainerStatuses"):
        for cs in status.get(key) or []:
            if cs.get("name") == container:
                return cs
    return {}


def _is_running(pod: dict[str, Any], container: str) -> bool:
    status = pod.get("status") or {}
    for key in ("initContainerStatuses", "containerStatuses"):
        for cs in status.get(key) or []:
            if cs.get("name") == container:
                return isinstance((cs.get("state") or {}).get("running"), dict)
    return False


def container_log_lines(pod: dict[str, Any], container: str, now: datetime, api: Any = None,
                        previous: bool = False) -> list[tuple[int, str]]:
    """The kubelet's view of one container's log: its state validated (BadRequest when there is
    no log to read), then the (timestamp ns, line) pairs of the instance."""
    instance = log_instance(pod, container, previous)
    start_ns = _ns(instance.get("startedAt"))
    end_ns = _ns(instance.get("finishedAt")) if instance.get("finishedAt") else _ns_of(now)
    if api is not None:
        from minikubectl.sim import kubelet_server
        cid = str(instance.get("containerID") or _status_of(pod, container).get("containerID") or "")
        # finishedAt is whole seconds: the program's own end lies within that second
        until = end_ns + 999_999_999 if instance.get("finishedAt") else end_ns
        lines = kubelet_server.log_lines(api, pod, container, cid, until)
        if lines is not None:
            return lines
    spec = _container_spec(pod, container)
    return container_output(spec, start_ns, end_ns)


def log_instance(pod: dict[str, Any], container: str, previous: bool) -> dict[str, Any]:
    """The container run whose log is read (kubelet's validateContainerLogStatus), or BadRequest."""
    meta = pod.get("metadata") or {}
    pod_name = meta.get("name", "")
    if not (pod.get("spec") or {}).get("nodeName"):
        raise errors.bad_request(f"pod {pod_name} does not have a host assigned")
    status = pod.get("status") or {}
    cs = next((c for key in ("containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses")
               for c in status.get(key) or [] if c.get("name") == container), None)
    where = f'container "{container}" in pod "{pod_name}"'
    if cs is None:
        raise errors.bad_request(f"{where} is not available")
    state = cs.get("state") or {}
    last = (cs.get("lastState") or {}).get("terminated")
    if previous:
        if not isinstance(last, dict) or not last.get("containerID"):
            raise errors.bad_request(f'previous terminated container "{container}" in pod "{pod_name}" not found')
        return last
    if isinstance(state.get("running"), dict):
        return state["running"]
    if isinstance(state.get("terminated"), dict):
        if state["terminated"].get("containerID"):
            return state["terminated"]
        if isinstance(last, dict) and last.get("containerID"):
            return last
        raise errors.bad_request(f"{where} is terminated")
    if isinstance(last, dict):
        if not last.get("containerID"):
            raise errors.bad_request(f"{where} is terminated")
        return last
    if isinstance(state.get("waiting"), dict):
        reason = state["waiting"].get("reason", "")
        text = {"ErrImagePull": "image can't be pulled",
                "ImagePullBackOff": "trying and failing to pull image"}.get(reason, reason)
        raise errors.bad_request(f"{where} is waiting to start: {text}")
    raise errors.bad_request(f"{where} is waiting to start - no logs yet")


def run(env: Env, parsed: ParsedArgs) -> int:
    """Bind flags, validate, run."""
    options = LogsOptions.complete(parsed)
    options.validate()
    options._now_ns = _ns_of(env.now())
    return options.run(env)
