"""``apply view-last-applied``: print the last-applied-configuration annotations (YAML or JSON)."""

from __future__ import annotations


from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass

SUMMARY = "View the latest last-applied-configuration annotations of a resource/object"
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"


def flags() -> list[Flag]:
    return [Flag("output", shorthand="o", default="yaml"), Flag("all", "bool", False)] + \
        opt.filename_flags() + [Flag("selector", shorthand="l")]


@dataclass
class ViewLastAppliedOptions:
    """Bound flags of ``apply view-last-applied``."""

    args: list[str]
    filenames: list[str]
    recursive: bool
    kustomize: str
    namespace: str
    selector: str
    select_all: bool
    output: str
    state: str | None

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "ViewLastAppliedOptions":
        namespace, _ = opt.namespace_of(parsed)
        return cls(args=list(parsed.args), filenames=parsed["filename"], recursive=parsed["recursive"],
                   kustomize=parsed["kustomize"] or "", namespace=namespace,
                   selector=parsed["selector"] or "", select_all=parsed["all"],
                   output=parsed["output"], state=parsed["state"])

    def run(self, env: Env) -> int:
        from minikubectl.cli.resources import Filters, Selection, add_source, select
        from minikubectl.cli.session import open_cluster

        configs: list[str] = []
        with open_cluster(env, self.state) as api:
            fetched = select(api, env.stdin, Selection(self.args, self.filenames, self.recursive, self.namespace,
                                                       filters=Filters(self.selector, ""),
                                                       select_all=self.select_all, kustomize=self.kustomize),
                             read_only=True)
            if fetched.errors:
                raise fetched.errors[0]
            for (_, obj), source in zip(fetched.pairs, fetched.sources):
                meta = obj.get("metadata") or {}
                config = (meta.get("annotations") or {}).get(LAST_APPLIED)
                if config is None:
                    raise add_source(errors.ClientError(
                        f"no last-applied-configuration annotation found on resource: {meta.get('name', '')}\n"),
                        "", source)
                configs.append(config)
        for config in configs:
            env.stdout.write(self._render(config))
        return 0

    def _render(self, config: str) -> str:
        if self.output == "json":
            from minikubectl.golang.json import indent
            return indent(config)
        if self.output == "yaml":
            import json

            from minikubectl.printers.json_yaml import to_yaml
            return to_yaml(json.loads(config))
        raise errors.CommandUsageError(f"Unexpected -o output mode: {self.output}, the flag 'output' must be "
                                       "one of yaml|json", "kubectl apply view-last-applied")


def run(env: Env, parsed: ParsedArgs) -> int:
    return ViewLastAppliedOptions.complete(parsed).run(env)
