"""``top pod``: usage of pods (or their containers), as kubectl's top pod prints it."""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.verbs.top import cpu_text, memory_text, write_rows
from minikubectl.golang.structs import dataclass

SUMMARY = "Display resource (CPU/memory) usage of pods"
_CREATION_DELAY_MS = 120_000


def flags() -> list[Flag]:
    return [Flag("all-namespaces", "bool", False, shorthand="A"), Flag("containers", "bool", False),
            Flag("field-selector"), Flag("no-headers", "bool", False), Flag("selector", shorthand="l"),
            Flag("sort-by"), Flag("sum", "bool", False), Flag("use-protocol-buffers", "bool", True)]


@dataclass
class TopPodOptions:
    """Bound flags of ``top pod``."""

    name: str
    namespace: str
    all_namespaces: bool
    containers: bool
    selector: str
    field_selector: str
    no_headers: bool
    sort_by: str
    total: bool
    state: str | None

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "TopPodOptions":
        if len(parsed.args) > 1:
            raise errors.CommandUsageError("pod [NAME | -l label]", "kubectl top pod")
        namespace, _ = opt.namespace_of(parsed)
        return cls(name=parsed.args[0] if parsed.args else "", namespace=namespace,
                   all_namespaces=parsed["all-namespaces"], containers=parsed["containers"],
                   selector=parsed["selector"] or "", field_selector=parsed["field-selector"] or "",
                   no_headers=parsed["no-headers"], sort_by=parsed["sort-by"] or "", total=parsed["sum"],
                   state=parsed["state"])

    def validate(self) -> None:
        if self.sort_by and self.sort_by not in ("cpu", "memory"):
            raise errors.ClientError("--sort-by accepts only cpu or memory")
        if self.name and (self.selector or self.field_selector):
            raise errors.ClientError("only one of NAME or selector can be provided")

    def run(self, env: Env) -> int:
        from minikubectl.cli.resources import Filters
        from minikubectl.cli.session import open_cluster
        from minikubectl.sim.metrics import pod_usages

        with open_cluster(env, self.state) as api:
            pods_res = api.registry.by_qualified_plural("pods")
            services = {(s["metadata"].get("namespace") or "default", s["metadata"]["name"]): s
                        for s in api.list(api.registry.by_qualified_plural("services"), None, copy_objects=False)}
            everything = api.list(pods_res, None, copy_objects=False)
            scope = None if self.all_namespaces else self.namespace
            if self.name:
                chosen = [p for p in everything if p["metadata"]["name"] == self.name
                          and p["metadata"].get("namespace") == scope]
            else:
                predicate = Filters(self.selector, self.field_selector).compile(pods_res)
                chosen = [p for p in everything if (scope is None or p["metadata"].get("namespace") == scope)
                          and (predicate is None or predicate(p))]
            usages = pod_usages(chosen, everything, services)
            if self.name and not usages:
                raise errors.StatusError("NotFound", 404,
                                         f'podmetrics.metrics.k8s.io "{self.namespace}/{self.name}" not found')
            if not usages:
                self._explain_empty(env, api, chosen)
                return 0
            rows = [(pod, usages[f"{pod['metadata'].get('namespace')}/{pod['metadata']['name']}"])
                    for pod in chosen if f"{pod['metadata'].get('namespace')}/{pod['metadata']['name']}" in usages]
        self._print(env, rows)
        return 0

    def _explain_empty(self, env: Env, api: Any, pods: list[dict[str, Any]]) -> None:
        from minikubectl.sim.clock import go_duration, parse_ms, to_ms
        now = to_ms(api.now)
        for pod in pods:
            created = parse_ms(pod["metadata"].get("creationTimestamp")) or now
            if now - created > _CREATION_DELAY_MS:
                raise errors.ClientError(f"Metrics not available for pod {pod['metadata'].get('namespace')}/"
                                         f"{pod['metadata']['name']}, age: {go_duration(now - created)}")
        if pods:
            raise errors.ClientError("metrics not available yet")
        env.stderr.write("No resources found\n" if self.all_namespaces
                         else f"No resources found in {self.namespace} namespace.\n")

    def _print(self, env: Env, rows: list[tuple[dict[str, Any], list[tuple[str, Any]]]]) -> None:
        def total(entry: tuple[dict[str, Any], list[tuple[str, Any]]], field: str) -> int:
            return sum(getattr(u, field) for _, u in entry[1])

        if self.sort_by:
            field = "cpu_m" if self.sort_by == "cpu" else "memory"
            rows.sort(key=lambda r: -total(r, field))
        else:
            rows.sort(key=lambda r: ((r[0]["metadata"].get("namespace") or "") if self.all_namespaces else "",
                                     r[0]["metadata"]["name"]))
        header = (["NAMESPACE"] if self.all_namespaces else []) + (["POD"] if self.containers else []) + \
            ["NAME", "CPU(cores)", "MEMORY(bytes)"]
        table: list[list[str]] = [] if self.no_headers else [header]
        for pod, containers in rows:
            lead = [pod["metadata"].get("namespace") or ""] if self.all_namespaces else []
            if self.containers:
                ordered = list(containers)
                if self.sort_by:
                    field = "cpu_m" if self.sort_by == "cpu" else "memory"
                    ordered.sort(key=lambda c: -getattr(c[1], field))
                else:
                    ordered.sort(key=lambda c: c[0])
                for cname, usage in ordered:
                    table.append(lead + [pod["metadata"]["name"], cname, cpu_text(usage.cpu_m),
                                         memory_text(usage.memory)])
            else:
                table.append(lead + [pod["metadata"]["name"], cpu_text(total((pod, containers), "cpu_m")),
                                     memory_text(total((pod, containers), "memory"))])
        if self.total:
            width = len(header)
            cpu = sum(total(r, "cpu_m") for r in rows)
            memory = sum(total(r, "memory") for r in rows)
            table.append([""] * (width - 2) + ["________", "________"])
            table.append([""] * (width - 3) + ["", cpu_text(cpu), memory_text(memory)])
        write_rows(env.stdout, table)


def run(env: Env, parsed: ParsedArgs) -> int:
    options = TopPodOptions.complete(parsed)
    options.validate()
    return options.run(env)
