"""``top node``: usage of nodes against their allocatable (or capacity) resources."""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.verbs.top import cpu_text, memory_text, write_rows
from minikubectl.golang.structs import dataclass

SUMMARY = "Display resource (CPU/memory) usage of nodes"


def flags() -> list[Flag]:
    return [Flag("no-headers", "bool", False), Flag("selector", shorthand="l"), Flag("show-capacity", "bool", False),
            Flag("sort-by"), Flag("use-protocol-buffers", "bool", True)]


@dataclass
class TopNodeOptions:
    """Bound flags of ``top node``."""

    name: str
    selector: str
    no_headers: bool
    show_capacity: bool
    sort_by: str
    state: str | None

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "TopNodeOptions":
        if len(parsed.args) > 1:
            raise errors.CommandUsageError("node [NAME | -l label]", "kubectl top node")
        return cls(name=parsed.args[0] if parsed.args else "", selector=parsed["selector"] or "",
                   no_headers=parsed["no-headers"], show_capacity=parsed["show-capacity"],
                   sort_by=parsed["sort-by"] or "", state=parsed["state"])

    def validate(self) -> None:
        if self.sort_by and self.sort_by not in ("cpu", "memory"):
            raise errors.ClientError("--sort-by accepts only cpu or memory")
        if self.name and self.selector:
            raise errors.ClientError("only one of NAME or --selector can be provided")

    def run(self, env: Env) -> int:
        from minikubectl.cli.resources import Filters
        from minikubectl.cli.session import open_cluster
        from minikubectl.sim.metrics import NODE_OVERHEAD, pod_usages

        with open_cluster(env, self.state) as api:
            nodes_res = api.registry.by_qualified_plural("nodes")
            if self.name:
                nodes = [api.get(nodes_res, None, self.name)]
            else:
                predicate = Filters(self.selector, "").compile(nodes_res)
                nodes = [n for n in api.list(nodes_res, None, copy_objects=False)
                         if predicate is None or predicate(n)]
            pods = api.list(api.registry.by_qualified_plural("pods"), None, copy_objects=False)
            services = {(s["metadata"].get("namespace") or "default", s["metadata"]["name"]): s
                        for s in api.list(api.registry.by_qualified_plural("services"), None, copy_objects=False)}
            usages = pod_usages(pods, pods, services)
            rows = []
            for node in nodes:
                name = node["metadata"]["name"]
                cpu, memory = NODE_OVERHEAD.cpu_m, NODE_OVERHEAD.memory
                for pod in pods:
                    if (pod.get("spec") or {}).get("nodeName") == name:
                        for _, usage in usages.get(f"{pod['metadata'].get('namespace')}/{pod['metadata']['name']}", []):
                            cpu += usage.cpu_m
                            memory += usage.memory
                rows.append((node, cpu, memory))
        if not rows:
            env.stderr.write("No resources found\n")
            return 0
        if self.sort_by == "cpu":
            rows.sort(key=lambda r: -r[1])
        elif self.sort_by == "memory":
            rows.sort(key=lambda r: -r[2])
        else:
            rows.sort(key=lambda r: r[0]["metadata"]["name"])
        table = [] if self.no_headers else [["NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"]]
        for node, cpu, memory in rows:
            available = _available(node, "capacity" if self.show_capacity else "allocatable")
            table.append([node["metadata"]["name"], cpu_text(cpu), _percent(cpu, available.get("cpu_m")),
                          memory_text(memory), _percent(memory * 1000, available.get("memory_milli"))])
        write_rows(env.stdout, table)
        return 0


def _available(node: dict[str, Any], field: str) -> dict[str, int]:
    from minikubectl.api.quantity import QuantityError, parse_quantity
    values = (node.get("status") or {}).get(field) or {}
    found: dict[str, int] = {}
    try:
        if "cpu" in values:
            found["cpu_m"] = parse_quantity(str(values["cpu"])).milli_value()
        if "memory" in values:
            found["memory_milli"] = parse_quantity(str(values["memory"])).milli_value()
    except QuantityError:
        pass
    return found


def _percent(used_milli: int, available_milli: int | None) -> str:
    if not available_milli:
        return "0%"
    return f"{int(used_milli / available_milli * 100)}%"


def run(env: Env, parsed: ParsedArgs) -> int:
    options = TopNodeOptions.complete(parsed)
    options.validate()
    return options.run(env)
