"""``autoscale``: create a HorizontalPodAutoscaler for a scalable workload (kubectl v1.33).

kubectl v1.33 builds an ``autoscaling/v1`` object (``targetCPUUtilizationPercentage``); that is
what a client dry run prints. The API server stores it as ``autoscaling/v2`` (one cpu
Utilization metric), which is what is created here.
"""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass

SUMMARY = "Auto-scale a deployment, replica set, stateful set, or replication controller"
SCALABLE = ("Deployment", "ReplicaSet", "StatefulSet", "ReplicationController")


def flags() -> list[Flag]:
    return opt.print_flags() + opt.filename_flags() + [
        Flag("cpu-percent", "int", -1), Flag("max", "int", -1), Flag("min", "int", -1), Flag("name"),
        opt.dry_run_flag(), Flag("save-config", "bool", False), Flag("field-manager", default="kubectl-autoscale"),
        Flag("record", "bool", False, hidden=True),
    ]


def v1_object(name: str, namespace: str, target: dict[str, Any], max_replicas: int, min_replicas: int,
              cpu_percent: int) -> dict[str, Any]:
    """The autoscaling/v1 HorizontalPodAutoscaler kubectl builds, in struct order."""
    spec: dict[str, Any] = {"scaleTargetRef": {"kind": target["kind"], "name": target["metadata"]["name"],
                                               "apiVersion": target["apiVersion"]}}
    if min_replicas > 0:
        spec["minReplicas"] = min_replicas
    spec["maxReplicas"] = max_replicas
    if cpu_percent >= 0:
        spec["targetCPUUtilizationPercentage"] = cpu_percent
    meta: dict[str, Any] = {"name": name}
    if namespace:
        meta["namespace"] = namespace
    meta["creationTimestamp"] = None
    return {"kind": "HorizontalPodAutoscaler", "apiVersion": "autoscaling/v1", "metadata": meta, "spec": spec,
            "status": {"currentReplicas": 0, "desiredReplicas": 0}}


def to_v2(hpa: dict[str, Any]) -> dict[str, Any]:
    """The API server's conversion of an autoscaling/v1 object to autoscaling/v2."""
    spec = dict(hpa["spec"])
    percent = spec.pop("targetCPUUtilizationPercentage", None)
    if percent is not None:
        spec["metrics"] = [{"type": "Resource", "resource": {
            "name": "cpu", "target": {"type": "Utilization", "averageUtilization": percent}}}]
    meta = {k: v for k, v in hpa["metadata"].items() if k != "creationTimestamp"}
    return {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": meta, "spec": spec}


@dataclass
class AutoscaleOptions:
    """Bound flags of ``autoscale``."""

    args: list[str]
    filenames: list[str]
    recursive: bool
    namespace: str
    explicit_namespace: bool
    name: str
    max_replicas: int
    min_replicas: int
    cpu_percent: int
    dry_run: str
    save_config: bool
    print_opts: Any
    state: str | None

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "AutoscaleOptions":
        if "max" not in parsed.changed:
            raise errors.RawError('error: required flag(s) "max" not set')
        namespace, explicit = opt.namespace_of(parsed)
        return cls(args=parsed.args, filenames=parsed["filename"], recursive=parsed["recursive"], namespace=namespace,
                   explicit_namespace=explicit, name=parsed["name"] or "", max_replicas=parsed["max"],
                   min_replicas=parsed["min"], cpu_percent=parsed["cpu-percent"], dry_run=opt.dry_run_strategy(parsed),
                   save_config=parsed["save-config"], print_opts=opt.print_options(parsed), state=parsed["state"])

    def validate(self) -> None:
        if self.max_replicas < 1:
            raise errors.ClientError(f"--max=MAXPODS is required and must be at least 1, max: {self.max_replicas}")
        if self.max_replicas < self.min_replicas:
            raise errors.ClientError(f"--max=MAXPODS must be larger or equal to --min=MINPODS, max: "
                                     f"{self.max_replicas}, min: {self.min_replicas}")

    def run(self, env: Env) -> int:
        from minikubectl.cli.resources import Selection, report_errors, select
        from minikubectl.cli.session import open_cluster

        printer = None
        if self.print_opts.output or self.print_opts.template:
            from minikubectl.printers.flags import make_printer
            printer = make_printer(self.print_opts)
        found: list[errors.KubectlError] = []
        count = 0
        with open_cluster(env, self.state) as api:
            fetched = select(api, env.stdin, Selection(self.args, self.filenames, self.recursive, self.namespace))
            found.extend(fetched.errors)
            hpas = api.registry.by_qualified_plural("horizontalpodautoscalers.autoscaling")
            for resource, target in fetched.pairs:
                if resource.kind not in SCALABLE:
                    gvr = f"{resource.group}/{resource.version}, Resource={resource.plural}"
                    found.append(errors.ClientError(f"cannot autoscale a {resource.kind}: could not find scale "
                                                    f"subresource for {gvr} in discovery information"))
                    continue
                hpa = v1_object(self.name or target["metadata"]["name"],
                                self.namespace if self.explicit_namespace else "", target, self.max_replicas,
                                self.min_replicas, self.cpu_percent)
                count += 1
                if self.dry_run == "client":
                    self._print(env, printer, hpa, "created")
                    continue
                body = to_v2(hpa)
                if self.save_config:
                    from minikubectl.cli.generator import add_last_applied
                    add_last_applied(hpa)
                    body["metadata"]["annotations"] = hpa["metadata"]["annotations"]
                try:
                    stored = api.create(hpas, body, self.namespace, dry_run=self.dry_run == "server")
                except errors.KubectlError as exc:
                    found.append(exc)
                    continue
                self._print(env, printer, stored, "autoscaled")
        if not found and count == 0:
            raise errors.ClientError("no objects passed to autoscale")
        return report_errors(env, found)

    def _print(self, env: Env, printer: Any, obj: dict[str, Any], word: str) -> None:
        opt.print_result(env.stdout, printer, obj, word, self.dry_run)


def run(env: Env, parsed: ParsedArgs) -> int:
    options = AutoscaleOptions.complete(parsed)
    options.validate()
    return options.run(env)
