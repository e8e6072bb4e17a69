"""``cordon``: mark a node unschedulable (also the engine of ``uncordon``)."""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.resources import Filters
from minikubectl.golang.structs import dataclass

SUMMARY = "Mark node as unschedulable"


def flags() -> list[Flag]:
    return [Flag("selector", shorthand="l"), opt.dry_run_flag()]


@dataclass
class CordonOptions:
    """Bound flags of ``cordon``/``uncordon``."""

    args: list[str]
    selector: str
    dry_run: str
    state: str | None
    desired: bool

    @classmethod
    def complete(cls, parsed: ParsedArgs, desired: bool) -> "CordonOptions":
        return cls(args=parsed.args, selector=parsed["selector"] or "", dry_run=opt.dry_run_strategy(parsed),
                   state=parsed["state"], desired=desired)

    def validate(self) -> None:
        verb = "cordon" if self.desired else "uncordon"
        if not self.args and not self.selector:
            raise errors.CommandUsageError("USAGE: " + verb + " NODE [flags]", f"kubectl {verb}")
        if self.args and self.selector:
            raise errors.ClientError("cannot specify both a node name and a --selector option")

    def run(self, env: Env) -> int:
        from minikubectl.cli.resources import Request, TypedName, fetch
        from minikubectl.cli.session import open_cluster

        word = "cordoned" if self.desired else "uncordoned"
        found: list[errors.KubectlError] = []
        with open_cluster(env, self.state) as api:
            nodes = api.registry.by_qualified_plural("nodes")
            if self.selector:
                request = Request([TypedName(nodes, None)])
            else:
                request = Request([TypedName(nodes, name) for name in self.args])
            fetched = fetch(api, request, "default", False, Filters(self.selector, ""))
            found.extend(fetched.errors)
            for _, node in fetched.pairs:
                self._one(env, api, nodes, node, word)
        from minikubectl.cli.resources import report_errors
        return report_errors(env, found)

    def _one(self, env: Env, api: Any, nodes: Any, node: dict[str, Any], word: str) -> None:
        name = node["metadata"]["name"]
        spec = node.setdefault("spec", {})
        if bool(spec.get("unschedulable")) == self.desired:
            env.stdout.write(f"node/{name} already {word}\n")
            return
        if self.desired:
            spec["unschedulable"] = True
        else:
            spec.pop("unschedulable", None)
        if self.dry_run != "client":
            api.update(nodes, node, dry_run=self.dry_run == "server", verb="patch")
        env.stdout.write(f"node/{name} {word}{opt.dry_run_suffix(self.dry_run)}\n")


def run(env: Env, parsed: ParsedArgs) -> int:
    options = CordonOptions.complete(parsed, desired=True)
    options.validate()
    return options.run(env)
