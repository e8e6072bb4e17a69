"""``drain``: cordon nodes, then evict (or delete) their pods, as kubectl's drain helper does.

The pods of a node pass kubectl's filters in order (deleted long ago, DaemonSet-managed,
mirror, local storage, unreplicated); any refusal stops the node with kubectl's texts. Pods
are evicted through the API server's eviction subresource, which honours disruption budgets:
a refused eviction is retried every 5 s of simulated time until ``--timeout``. Each pod is
reported when it is gone. Time moves only on the simulated clock.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass, field

SUMMARY = "Drain node in preparation for maintenance"
_RETRY_MS = 5_000
_POLL_MS = 1_000
# With no --timeout kubectl waits forever; the simulation stops after a simulated day.
_FOREVER_MS = 86_400_000

DAEMONSET_FATAL = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)"
DAEMONSET_WARNING = "ignoring DaemonSet-managed Pods"
LOCAL_STORAGE_FATAL = "Pods with local storage (use --delete-emptydir-data to override)"
LOCAL_STORAGE_WARNING = "deleting Pods with local storage"
UNMANAGED_FATAL = "cannot delete Pods that declare no controller (use --force to override)"
UNMANAGED_WARNING = "deleting Pods that declare no controller"


def flags() -> list[Flag]:
    return [
        Flag("chunk-size", "int", 500),
        Flag("delete-emptydir-data", "bool", False),
        Flag("disable-eviction", "bool", False),
        opt.dry_run_flag(),
        Flag("force", "bool", False),
        Flag("grace-period", "int", -1),
        Flag("ignore-daemonsets", "bool", False),
        Flag("pod-selector"),
        Flag("selector", shorthand="l"),
        Flag("skip-wait-for-delete-timeout", "int", 0),
        Flag("timeout", "duration", "0s"),
    ]


@dataclass
class PodVerdict:
    """What the filters decided for one pod (``PodDeleteStatus``)."""

    pod: dict[str, Any]
    delete: bool
    reason: str = "Okay"   # Okay, Skip, Warning, Error
    message: str = ""


@dataclass
class DrainOptions:
    """Bound flags of ``drain``."""

    nodes: list[str]
    selector: str
    pod_selector: str
    force: bool
    ignore_daemonsets: bool
    delete_emptydir_data: bool
    disable_eviction: bool
    grace_period: int
    timeout_ms: int
    skip_wait_seconds: int
    dry_run: str
    state: str | None
    timeout_text: str = "0s"
    found: list[str] = field(default_factory=list)

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "DrainOptions":
        from minikubectl.sim.clock import parse_go_duration

        if not parsed.args and not parsed["selector"]:
            raise errors.CommandUsageError("USAGE: drain NODE [flags]", "kubectl drain")
        if parsed.args and parsed["selector"]:
            raise errors.CommandUsageError("cannot specify both a node name and a --selector option",
                                           "kubectl drain")
        text = parsed["timeout"] or "0s"
        try:
            timeout = parse_go_duration(text)
        except ValueError as exc:
            raise errors.ClientError(f'invalid argument "{text}" for "--timeout" flag: {exc}') from None
        if parsed["pod-selector"]:
            from minikubectl.api.labels import SelectorParseError, parse_selector
            try:
                parse_selector(parsed["pod-selector"])
            except SelectorParseError:
                raise errors.ClientError("--pod-selector=<pod_selector> must be a valid label selector") from None
        return cls(nodes=list(parsed.args), selector=parsed["selector"] or "", pod_selector=parsed["pod-selector"] or "",
                   force=parsed["force"], ignore_daemonsets=parsed["ignore-daemonsets"],
                   delete_emptydir_data=parsed["delete-emptydir-data"], disable_eviction=parsed["disable-eviction"],
                   grace_period=parsed["grace-period"], timeout_ms=timeout, timeout_text=text,
                   skip_wait_seconds=parsed["skip-wait-for-delete-timeout"], dry_run=opt.dry_run_strategy(parsed),
                   state=parsed["state"])

    # -- running ---------------------------------------------------------------------
    def run(self, env: Env) -> int:
        from minikubectl.cli.resources import Filters, Request, TypedName, fetch
        from minikubectl.cli.session import open_cluster

        with open_cluster(env, self.state) as api:
            nodes = api.registry.by_qualified_plural("nodes")
            if self.selector:
                request = Request([TypedName(nodes, None)])
            else:
                request = Request([TypedName(nodes, name) for name in self.nodes])
            fetched = fetch(api, request, "default", False, Filters(self.selector, ""))
            if fetched.errors:
                raise fetched.errors[0]
            infos = [node for _, node in fetched.pairs]
            for node in infos:
                self._cordon(env, api, nodes, node)
            failures: list[list[str]] = []
            remaining: list[str] = []
            for node in infos:
                name = node["metadata"]["name"]
                problems = self._drain_node(env, api, name)
                if not problems:
                    env.stdout.write(f"node/{name} drained{opt.dry_run_suffix(self.dry_run)}\n")
                    continue
                shown = problems[0] if len(problems) == 1 else "[" + ", ".join(problems) + "]"
                env.stderr.write(f'error: unable to drain node "{name}" due to error: {shown}, '
                                 "continuing command...\n")
                failures.append(problems)
                remaining.append(name)
        if not remaining:
            return 0
        env.stderr.write("There are pending nodes to be drained:\n" + "".join(f" {n}\n" for n in remaining))
        # kubectl's CheckErr: one node's single error keeps its text; a list prints one per line.
        if len(failures) == 1 and len(failures[0]) > 1:
            raise errors.RawError("\n".join(failures[0]))
        flat = [p for problems in failures for p in problems]
        if len(failures) == 1:
            raise errors.RawError(flat[0])
        raise errors.RawError("\n".join("[" + ", ".join(p) + "]" if len(p) > 1 else p[0] for p in failures))

    def _cordon(self, env: Env, api: Any, nodes: Any, node: dict[str, Any]) -> None:
        import copy
        name = node["metadata"]["name"]
        suffix = opt.dry_run_suffix(self.dry_run)
        if (node.get("spec") or {}).get("unschedulable"):
            env.stdout.write(f"node/{name} already cordoned{suffix}\n")
            return
        if self.dry_run != "client":
            changed = copy.deepcopy(node)
            changed.setdefault("spec", {})["unschedulable"] = True
            api.update(nodes, changed, dry_run=self.dry_run == "server", verb="patch")
        env.stdout.write(f"node/{name} cordoned{suffix}\n")

    def verdicts(self, api: Any, node_name: str) -> list[PodVerdict]:
        """Every pod on the node through kubectl's filters, in list order."""
        from minikubectl.api.labels import parse_selector
        pods = api.registry.by_qualified_plural("pods")
        selector = parse_selector(self.pod_selector) if self.pod_selector else None
        found = []
        for pod in api.list(pods, None, copy_objects=False):
            if (pod.get("spec") or {}).get("nodeName") != node_name:
                continue
            if selector is not None and not selector.matches(pod["metadata"].get("labels")):
                continue
            verdict = PodVerdict(pod, True)
            for check in (self._skip_deleted, self._daemonset, self._mirror, self._local_storage, self._unreplicated):
                verdict = check(api, pod)
                if not verdict.delete:
                    break
            found.append(verdict)
        return found

    def _skip_deleted(self, api: Any, pod: dict[str, Any]) -> PodVerdict:
        from minikubectl.sim.clock import parse_ms, to_ms
        deleted = parse_ms(pod["metadata"].get("deletionTimestamp"))
        if self.skip_wait_seconds > 0 and deleted is not None and \
                (to_ms(api.now) - deleted) // 1000 > self.skip_wait_seconds:
            return PodVerdict(pod, False, "Skip")
        return PodVerdict(pod, True)

    def _daemonset(self, api: Any, pod: dict[str, Any]) -> PodVerdict:
        ref = _controller(pod)
        if ref is None or ref.get("kind") != "DaemonSet" or _finished(pod):
            return PodVerdict(pod, True)
        owner = api.peek(api.registry.by_qualified_plural("daemonsets.apps"),
                                 pod["metadata"].get("namespace"), ref.get("name", ""))
        if owner is None:
            message = f'daemonsets.apps "{ref.get("name", "")}" not found'
            return PodVerdict(pod, True, "Warning", message) if self.force else PodVerdict(pod, False, "Error", message)
        if not self.ignore_daemonsets:
            return PodVerdict(pod, False, "Error", DAEMONSET_FATAL)
        return PodVerdict(pod, False, "Warning", DAEMONSET_WARNING)

    @staticmethod
    def _mirror(api: Any, pod: dict[str, Any]) -> PodVerdict:
        if "kubernetes.io/config.mirror" in (pod["metadata"].get("annotations") or {}):
            return PodVerdict(pod, False, "Skip")
        return PodVerdict(pod, True)

    def _local_storage(self, api: Any, pod: dict[str, Any]) -> PodVerdict:
        volumes = (pod.get("spec") or {}).get("volumes") or []
        if not any(isinstance(v, dict) and "emptyDir" in v for v in volumes) or _finished(pod):
            return PodVerdict(pod, True)
        if not self.delete_emptydir_data:
            return PodVerdict(pod, False, "Error", LOCAL_STORAGE_FATAL)
        return PodVerdict(pod, True, "Warning", LOCAL_STORAGE_WARNING)

    def _unreplicated(self, api: Any, pod: dict[str, Any]) -> PodVerdict:
        if _finished(pod) or _controller(pod) is not None:
            return PodVerdict(pod, True)
        if self.force:
            return PodVerdict(pod, True, "Warning", UNMANAGED_WARNING)
        return PodVerdict(pod, False, "Error", UNMANAGED_FATAL)

    def _drain_node(self, env: Env, api: Any, node_name: str) -> list[str]:
        """Evict or delete the node's pods; the errors that stopped it (none when drained)."""
        verdicts = self.verdicts(api, node_name)
        problems = _grouped(verdicts, "Error")
        if problems:
            return [msg if msg.lower().startswith("cannot delete") else f"cannot delete {msg}"
                    for msg in problems]
        warnings = _grouped(verdicts, "Warning")
        if warnings:
            env.stderr.write("Warning: " + "; ".join(warnings) + "\n")
        targets = [v.pod for v in verdicts if v.delete]
        if self.dry_run == "client":
            for pod in targets:
                env.stdout.write(f"evicting pod {pod['metadata'].get('namespace')}/{pod['metadata']['name']} (dry run)\n")
            return []
        error = self._evict_all(env, api, targets)
        if error is None:
            return []
        pending = [v.pod for v in self.verdicts(api, node_name) if v.delete]
        if pending:
            env.stderr.write(f'There are pending pods in node "{node_name}" when an error occurred: {error}\n'
                             + "".join(f"pod/{p['metadata']['name']}\n" for p in pending))
        return [error]

    def _evict_all(self, env: Env, api: Any, targets: list[dict[str, Any]]) -> str | None:
        """Evict every target, retrying refused evictions; wait until each is gone."""
        from minikubectl.sim import engine
        from minikubectl.sim.clock import go_duration, to_ms

        if not targets:
            return None
        start = to_ms(api.now)
        limit = start + (self.timeout_ms if self.timeout_ms > 0 else _FOREVER_MS)
        timeout_text = go_duration(self.timeout_ms) if self.timeout_ms > 0 else "2562047h47m16.854775807s"
        pods = api.registry.by_qualified_plural("pods")
        to_evict = list(targets)
        waiting: list[dict[str, Any]] = []
        verb = "deleted" if self.disable_eviction else "evicted"
        grace = None if self.grace_period < 0 else self.grace_period
        errors_seen: list[str] = []
        next_retry = start
        while to_evict or waiting:
            now = to_ms(api.now)
            if to_evict and now >= next_retry:
                still: list[dict[str, Any]] = []
                for pod in to_evict:
                    ns, name = pod["metadata"].get("namespace"), pod["metadata"]["name"]
                    server = " (server dry run)" if self.dry_run == "server" else ""
                    if not self.disable_eviction:
                        env.stdout.write(f"evicting pod {ns}/{name}{server}\n")
                    try:
                        if self.disable_eviction:
                            api.delete(pods, ns, name, grace_period=grace, dry_run=self.dry_run == "server")
                        else:
                            api.evict(ns, name, grace, dry_run=self.dry_run == "server")
                    except errors.StatusError as exc:
                        if exc.reason == "NotFound":
                            continue
                        if exc.reason == "TooManyRequests":
                            env.stderr.write(f'error when evicting pods/"{name}" -n "{ns}" (will retry after 5s): '
                                             f"{exc.message}\n")
                            still.append(pod)
                            continue
                        errors_seen.append(f'error when evicting pods/"{name}" -n "{ns}": {exc.message}')
                        continue
                    if self.dry_run != "server":
                        waiting.append(pod)
                to_evict = still
                next_retry = now + _RETRY_MS
            for pod in list(waiting):
                meta = pod["metadata"]
                current = api.peek(pods, meta.get("namespace"), meta["name"])
                if current is None or current["metadata"].get("uid") != meta.get("uid"):
                    waiting.remove(pod)
                    env.stdout.write(f"pod/{meta['name']} {verb}\n")
            if errors_seen:
                return errors_seen[0] if len(errors_seen) == 1 else "[" + ", ".join(errors_seen) + "]"
            if not to_evict and not waiting:
                return None
            target = min(next_retry if to_evict else limit, now + _POLL_MS) if waiting else next_retry
            if target > limit:
                if to_evict:
                    pod = to_evict[0]
                    return (f'error when evicting pods/"{pod["metadata"]["name"]}" -n '
                            f'"{pod["metadata"].get("namespace")}": global timeout reached: {timeout_text}')
                pod = waiting[0]
                return (f'error when waiting for pod "{pod["metadata"]["name"]}" in namespace '
                        f'"{pod["metadata"].get("namespace")}" to terminate: global timeout reached: {timeout_text}')
            engine.run_until(api, lambda: False, api.now + timedelta(milliseconds=target - now), env)
        return None


def _controller(pod: dict[str, Any]) -> dict[str, Any] | None:
    return next((r for r in pod["metadata"].get("ownerReferences") or [] if r.get("controller")), None)


def _finished(pod: dict[str, Any]) -> bool:
    return (pod.get("status") or {}).get("phase") in ("Succeeded", "Failed")


def _grouped(verdicts: list[PodVerdict], reason: str) -> list[str]:
    """``message: ns/a, ns/b`` per message, in the order messages first appear."""
    groups: dict[str, list[str]] = {}
    for verdict in verdicts:
        if verdict.reason == reason:
            meta = verdict.pod["metadata"]
            groups.setdefault(verdict.message or "unexpected error", []).append(
                f"{meta.get('namespace')}/{meta['name']}")
    return [f"{message}: {', '.join(pods)}" for message, pods in groups.items()]


def run(env: Env, parsed: ParsedArgs) -> int:
    return DrainOptions.complete(parsed).run(env)
