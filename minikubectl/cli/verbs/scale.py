"""``scale``: set a new size for a deployment, replica set, replication controller or stateful set."""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.resources import Filters
from minikubectl.golang.structs import dataclass

SUMMARY = "Set a new size for a deployment, replica set, or replication controller"
SCALABLE = ("Deployment", "ReplicaSet", "ReplicationController", "StatefulSet")


def flags() -> list[Flag]:
    return opt.filename_flags() + opt.print_flags() + [
        Flag("selector", shorthand="l"),
        Flag("all", "bool", False),
        Flag("replicas", "int", -1, required=True),
        Flag("current-replicas", "int", -1),
        Flag("resource-version"),
        Flag("timeout", "duration", "0s"),
        opt.dry_run_flag(),
    ]


@dataclass
class ScaleOptions:
    """Bound flags of ``scale``."""

    args: list[str]
    filenames: list[str]
    recursive: bool
    namespace: str
    selector: str
    all: bool
    replicas: int
    current_replicas: int
    resource_version: str
    output: str
    dry_run: str
    state: str | None

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "ScaleOptions":
        namespace, _ = opt.namespace_of(parsed)
        return cls(args=parsed.args, filenames=parsed["filename"], recursive=parsed["recursive"],
                   namespace=namespace, selector=parsed["selector"] or "", all=parsed["all"],
                   replicas=parsed["replicas"], current_replicas=parsed["current-replicas"],
                   resource_version=parsed["resource-version"] or "", output=parsed["output"] or "",
                   dry_run=opt.dry_run_strategy(parsed), state=parsed["state"])

    def validate(self) -> None:
        if self.replicas < 0:
            raise errors.ClientError("The --replicas=COUNT flag is required, and COUNT must be greater "
                                     "than or equal to 0")
        if self.current_replicas < -1:
            raise errors.ClientError("The --current-replicas must specify an integer of -1 or greater")
        if not self.args and not self.filenames:
            raise errors.ClientError("required resource not specified")
        if self.output not in ("", "name"):
            raise errors.ClientError(f"unable to match a printer suitable for the output format "
                                     f'"{self.output}", allowed formats are: name')

    def run(self, env: Env) -> int:
        from minikubectl.cli.session import open_cluster

        found: list[errors.KubectlError] = []
        with open_cluster(env, self.state) as api:
            targets = self._targets(api, env, found)
            if not targets and not found:
                raise errors.ClientError("no objects passed to scale")
            for resource, obj in targets:
                try:
                    self._scale_one(env, api, resource, obj)
                except errors.KubectlError as exc:
                    found.append(exc)
        from minikubectl.cli.resources import report_errors
        return report_errors(env, found)

    def _targets(self, api: Any, env: Env, found: list) -> list[tuple[Any, dict[str, Any]]]:
        from minikubectl.cli.resources import Selection, select
        fetched = select(api, env.stdin, Selection(self.args, self.filenames, self.recursive, self.namespace,
                                                   filters=Filters(self.selector, ""), select_all=self.all))
        found.extend(fetched.errors)
        return list(fetched.pairs)

    def _scale_one(self, env: Env, api: Any, resource: Any, obj: dict[str, Any]) -> None:
        meta = obj["metadata"]
        if resource.kind not in SCALABLE:
            raise errors.StatusError("NotFound", 404, "the server could not find the requested resource")
        spec = obj.setdefault("spec", {})
        current = spec.get("replicas", 1)
        if self.current_replicas >= 0 and current != self.current_replicas:
            raise errors.ClientError(f"Expected replicas to be {self.current_replicas}, was {current}")
        if self.resource_version and self.resource_version != meta.get("resourceVersion"):
            raise errors.conflict(resource.qualified_plural, meta["name"])
        spec["replicas"] = self.replicas
        if self.dry_run != "client":
            api.update(resource, obj, dry_run=self.dry_run == "server", subresource="scale", verb="patch")
        name = f"{resource.qualified_kind}/{meta['name']}"
        if self.output == "name":
            env.stdout.write(name + "\n")
        else:
            env.stdout.write(f"{name} scaled{opt.dry_run_suffix(self.dry_run)}\n")


def run(env: Env, parsed: ParsedArgs) -> int:
    options = ScaleOptions.complete(parsed)
    options.validate()
    return options.run(env)
