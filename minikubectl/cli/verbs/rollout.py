"""``rollout``: status, history, undo, restart, pause and resume of workloads.

The subcommand is the first positional argument (this module dispatches itself).
``rollout status`` follows ``DeploymentStatusViewer`` and, with ``--watch`` (default),
prints each new status line until the rollout is done, advancing simulated time under
a fixed clock (consecutive identical lines are printed once).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from minikubectl.api import errors
from minikubectl.api.timefmt import format_time
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.resources import Filters
from minikubectl.golang.structs import dataclass

SUMMARY = "Manage the rollout of a resource"
SUBCOMMAND_NAMES = ("history", "pause", "restart", "resume", "status", "undo")
_WEEK_MS = 168 * 3_600_000
_HELP = ("Manage the rollout of one or many resources.\n\n Valid resource types include:\n\n"
         "  *  deployments\n  *  daemonsets\n  *  statefulsets\n")


def flags() -> list[Flag]:
    return opt.filename_flags() + opt.print_flags() + [
        Flag("selector", shorthand="l"),
        Flag("watch", "bool", True, shorthand="w"),
        Flag("revision", "int", 0),
        Flag("timeout", "duration", "0s"),
        Flag("to-revision", "int", 0),
        Flag("field-manager", default="kubectl-rollout"),
        opt.dry_run_flag(),
    ]


@dataclass
class RolloutOptions:
    """Bound flags of ``rollout <subcommand>``."""

    sub: str
    args: list[str]
    filenames: list[str]
    recursive: bool
    namespace: str
    selector: str
    watch: bool
    revision: int
    to_revision: int
    timeout_ms: int
    dry_run: str
    state: str | None

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "RolloutOptions":
        from minikubectl.sim.clock import parse_go_duration

        if not parsed.args or parsed.args[0] not in SUBCOMMAND_NAMES:
            if parsed.args:
                raise errors.ClientError(f'unknown command "{parsed.args[0]}" for "kubectl rollout"')
            raise errors.ClientError("You must specify a subcommand: history, pause, restart, resume, status, undo")
        namespace, _ = opt.namespace_of(parsed)
        text = parsed["timeout"] or "0s"
        try:
            timeout = parse_go_duration(text)
        except ValueError as exc:
            raise errors.ClientError(f'invalid argument "{text}" for "--timeout" flag: {exc}') from None
        return cls(sub=parsed.args[0], args=parsed.args[1:], filenames=parsed["filename"],
                   recursive=parsed["recursive"], namespace=namespace, selector=parsed["selector"] or "",
                   watch=parsed["watch"], revision=parsed["revision"], to_revision=parsed["to-revision"],
                   timeout_ms=timeout if timeout > 0 else _WEEK_MS,
                   dry_run=opt.dry_run_strategy(parsed), state=parsed["state"])

    def validate(self) -> None:
        if not self.args and not self.filenames:
            raise errors.ClientError("required resource not specified")
        if self.sub == "history" and self.revision < 0:
            raise errors.ClientError(f"revision must be a positive integer: {self.revision}")

    def run(self, env: Env) -> int:
        from minikubectl.cli.session import open_cluster

        found: list[errors.KubectlError] = []
        with open_cluster(env, self.state) as api:
            for resource, obj in self._targets(api, env, found):
                try:
                    getattr(self, "_" + self.sub)(env, api, resource, obj)
                except errors.KubectlError as exc:
                    found.append(exc)
        from minikubectl.cli.resources import report_errors
        return report_errors(env, found)

    def _targets(self, api: Any, env: Env, found: list) -> list[tuple[Any, dict[str, Any]]]:
        from minikubectl.cli.resources import Selection, select
        fetched = select(api, env.stdin, Selection(self.args, self.filenames, self.recursive, self.namespace,
                                                   filters=Filters(self.selector, ""), select_all=False))
        found.extend(fetched.errors)
        return list(fetched.pairs)

    @staticmethod
    def _require_deployment(resource: Any, action: str) -> None:
        if resource.kind != "Deployment":
            raise errors.ClientError(f"{action} is not supported for {resource.qualified_kind}")

    # -- status ------------------------------------------------------------------------
    def _status(self, env: Env, api: Any, resource: Any, obj: dict[str, Any]) -> None:
        from minikubectl.sim import engine

        viewers = {"Deployment": deployment_status, "StatefulSet": statefulset_status,
                   "DaemonSet": daemonset_status}
        viewer = viewers.get(resource.kind)
        if viewer is None:
            raise errors.ClientError(f"no status viewer has been implemented for {resource.kind}")
        ns, name = obj["metadata"].get("namespace"), obj["metadata"]["name"]
        last = {"line": None}

        def check() -> bool:
            current = api.peek(resource, ns, name)
            if current is None:
                raise errors.not_found(resource.qualified_plural, name)
            line, done = viewer(current)
            if line != last["line"]:
                env.stdout.write(line)
                last["line"] = line
            return done

        if not self.watch:
            check()
            return
        deadline = api.now + timedelta(milliseconds=self.timeout_ms)
        if not engine.run_until(api, check, deadline, env):
            raise errors.ClientError("timed out waiting for the condition")

    # -- history / undo ----------------------------------------------------------------
    def _history(self, env: Env, api: Any, resource: Any, obj: dict[str, Any]) -> None:
        from minikubectl.cli import rollout_revisions

        if resource.kind not in rollout_revisions.SUPPORTED:
            raise errors.ClientError(f'no history viewer has been implemented for "{_group_kind(resource)}"')
        text = rollout_revisions.history_text(api, resource.kind, obj, self.revision)
        heading = f"with revision #{self.revision}" if self.revision > 0 else ""
        env.stdout.write(f"{resource.qualified_kind}/{obj['metadata']['name']} {heading}\n{text}\n")

    def _undo(self, env: Env, api: Any, resource: Any, obj: dict[str, Any]) -> None:
        from minikubectl.cli import rollout_revisions

        if resource.kind not in rollout_revisions.SUPPORTED:
            raise errors.ClientError(f'no rollbacker has been implemented for "{_group_kind(resource)}"')
        result = rollout_revisions.rollback(api, resource, obj, self.to_revision, self.dry_run)
        env.stdout.write(f"{resource.qualified_kind}/{obj['metadata']['name']} {result}"
                         f"{opt.dry_run_suffix(self.dry_run)}\n")

    # -- restart / pause / resume -----------------------------------------------------
    def _patch(self, env: Env, api: Any, resource: Any, obj: dict[str, Any], word: str) -> None:
        if self.dry_run != "client":
            api.update(resource, obj, dry_run=self.dry_run == "server", verb="patch")
        env.stdout.write(f"{resource.qualified_kind}/{obj['metadata']['name']} {word}"
                         f"{opt.dry_run_suffix(self.dry_run)}\n")

    def _restart(self, env: Env, api: Any, resource: Any, obj: dict[str, Any]) -> None:
        self._require_deployment(resource, "restarting")
        name = obj["metadata"]["name"]
        if (obj.get("spec") or {}).get("paused"):
            raise errors.ClientError(f'{resource.qualified_plural} "{name}" can\'t restart paused deployment '
                                     "(run rollout resume first)")
        template = obj["spec"].setdefault("template", {})
        annotations = template.setdefault("metadata", {}).setdefault("annotations", {})
        annotations["kubectl.kubernetes.io/restartedAt"] = format_time(api.now)
        self._patch(env, api, resource, obj, "restarted")

    def _pause(self, env: Env, api: Any, resource: Any, obj: dict[str, Any]) -> None:
        self._require_deployment(resource, "pausing")
        if (obj.get("spec") or {}).get("paused"):
            raise errors.ClientError(f'{resource.qualified_plural} "{obj["metadata"]["name"]}" is already paused')
        obj["spec"]["paused"] = True
        self._patch(env, api, resource, obj, "paused")

    def _resume(self, env: Env, api: Any, resource: Any, obj: dict[str, Any]) -> None:
        self._require_deployment(resource, "resuming")
        if not (obj.get("spec") or {}).get("paused"):
            raise errors.ClientError(f'{resource.qualified_plural} "{obj["metadata"]["name"]}" is not paused')
        obj["spec"].pop("paused", None)
        self._patch(env, api, resource, obj, "resumed")


def _group_kind(resource: Any) -> str:
    """Go's ``GroupKind.String()``: ``ReplicaSet.apps``, ``Pod``."""
    return f"{resource.kind}.{resource.group}" if resource.group else resource.kind


def deployment_status(d: dict[str, Any]) -> tuple[str, bool]:
    """``DeploymentStatusViewer.Status``: the line to print and whether the rollout is done."""
    name = d["metadata"]["name"]
    spec = d.get("spec") or {}
    status = d.get("status") or {}
    if d["metadata"].get("generation", 0) <= status.get("observedGeneration", 0):
        for cond in status.get("conditions") or []:
            if cond.get("type") == "Progressing" and cond.get("reason") == "ProgressDeadlineExceeded":
                raise errors.ClientError(f'deployment "{name}" exceeded its progress deadline')
        replicas = spec.get("replicas", 1)
        updated = status.get("updatedReplicas", 0)
        if updated < replicas:
            return (f'Waiting for deployment "{name}" rollout to finish: {updated} out of {replicas} new '
                    "replicas have been updated...\n", False)
        if status.get("replicas", 0) > updated:
            return (f'Waiting for deployment "{name}" rollout to finish: {status.get("replicas", 0) - updated} '
                    "old replicas are pending termination...\n", False)
        if status.get("availableReplicas", 0) < updated:
            return (f'Waiting for deployment "{name}" rollout to finish: {status.get("availableReplicas", 0)} of '
                    f"{updated} updated replicas are available...\n", False)
        return f'deployment "{name}" successfully rolled out\n', True
    return "Waiting for deployment spec update to be observed...\n", False


def statefulset_status(sts: dict[str, Any]) -> tuple[str, bool]:
    """``StatefulSetStatusViewer.Status``."""
    spec = sts.get("spec") or {}
    status = sts.get("status") or {}
    strategy = spec.get("updateStrategy") or {}
    if strategy.get("type") != "RollingUpdate":
        raise errors.ClientError("rollout status is only available for RollingUpdate strategy type")
    if status.get("observedGeneration", 0) == 0 or \
            sts["metadata"].get("generation", 0) > status.get("observedGeneration", 0):
        return "Waiting for statefulset spec update to be observed...\n", False
    replicas = spec.get("replicas", 1)
    if replicas is not None and status.get("readyReplicas", 0) < replicas:
        return (f"Waiting for {replicas - status.get('readyReplicas', 0)} pods to be ready...\n", False)
    partition = (strategy.get("rollingUpdate") or {}).get("partition") or 0
    if partition:
        if replicas is not None and status.get("updatedReplicas", 0) < replicas - partition:
            return (f"Waiting for partitioned roll out to finish: {status.get('updatedReplicas', 0)} out of "
                    f"{replicas - partition} new pods have been updated...\n", False)
        return (f"partitioned roll out complete: {status.get('updatedReplicas', 0)} new pods have been "
                "updated...\n", True)
    if status.get("updateRevision") != status.get("currentRevision"):
        return (f"waiting for statefulset rolling update to complete {status.get('updatedReplicas', 0)} pods at "
                f"revision {status.get('updateRevision', '')}...\n", False)
    return (f"statefulset rolling update complete {status.get('currentReplicas', 0)} pods at revision "
            f"{status.get('currentRevision', '')}...\n", True)


def daemonset_status(ds: dict[str, Any]) -> tuple[str, bool]:
    """``DaemonSetStatusViewer.Status``."""
    name = ds["metadata"]["name"]
    status = ds.get("status") or {}
    if ((ds.get("spec") or {}).get("updateStrategy") or {}).get("type") != "RollingUpdate":
        raise errors.ClientError("rollout status is only available for RollingUpdate strategy type")
    if ds["metadata"].get("generation", 0) <= status.get("observedGeneration", 0):
        desired = status.get("desiredNumberScheduled", 0)
        updated = status.get("updatedNumberScheduled", 0)
        if updated < desired:
            return (f'Waiting for daemon set "{name}" rollout to finish: {updated} out of {desired} new pods have '
                    "been updated...\n", False)
        available = status.get("numberAvailable", 0)
        if available < desired:
            return (f'Waiting for daemon set "{name}" rollout to finish: {available} of {desired} updated pods are '
                    "available...\n", False)
        return f'daemon set "{name}" successfully rolled out\n', True
    return "Waiting for daemon set spec update to be observed...\n", False


def run(env: Env, parsed: ParsedArgs) -> int:
    if not parsed.args or parsed.args[0] not in SUBCOMMAND_NAMES:
        import sys

        from minikubectl.cli.help import default_subcommand_run
        return default_subcommand_run(env, "kubectl rollout", sys.modules[__name__],
                                      parsed.args[0] if parsed.args else None, to_stdout=True)
    options = RolloutOptions.complete(parsed)
    options.validate()
    return options.run(env)
