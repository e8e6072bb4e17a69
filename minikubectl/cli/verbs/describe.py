"""``describe``: show details of a specific resource or group of resources."""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.resources import Filters
from minikubectl.golang.structs import dataclass

SUMMARY = "Show details of a specific resource or group of resources"

NO_TYPE_MESSAGE = ('You must specify the type of resource to describe. Use "kubectl api-resources" for a '
                   "complete list of supported resources.\n")


def flags() -> list[Flag]:
    return opt.filename_flags() + [
        Flag("selector", shorthand="l"),
        Flag("all-namespaces", "bool", False, shorthand="A"),
        Flag("show-events", "bool", True),
        Flag("chunk-size", "int", 500),
    ]


@dataclass
class DescribeOptions:
    """Bound flags of ``describe`` (complete → validate → run)."""

    args: list[str]
    filenames: list[str]
    recursive: bool
    namespace: str
    explicit_namespace: bool
    all_namespaces: bool
    selector: str
    show_events: bool
    show_events_set: bool
    chunk_size: int
    state: str | None

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "DescribeOptions":
        namespace, explicit = opt.namespace_of(parsed)
        return cls(args=parsed.args, filenames=parsed["filename"], recursive=parsed["recursive"],
                   namespace=namespace, explicit_namespace=explicit, all_namespaces=parsed["all-namespaces"],
                   selector=parsed["selector"] or "", show_events=parsed["show-events"],
                   show_events_set="show-events" in parsed.changed, chunk_size=parsed["chunk-size"],
                   state=parsed["state"])

    def validate(self) -> None:
        if not self.args and not self.filenames:
            raise errors.ClientError(NO_TYPE_MESSAGE)

    def run(self, env: Env) -> int:
        from minikubectl.cli.resources import report_errors
        from minikubectl.cli.session import open_cluster

        with open_cluster(env, self.state) as api:
            pairs, found_errors = self._visit(api, env)
            # v1.33 shows events for every object unless --show-events=false (later releases
            # turn them off by default for several objects and prefix matches).
            show = self.show_events
            if found_errors and len(self.args) == 2 and _all_not_found(found_errors):
                return self._describe_matching(env, api, found_errors, show)
            texts = [self._describe(env, api, obj, show) for _, obj in pairs]
        if texts:
            env.stdout.write(texts[0] + "".join("\n\n" + t for t in texts[1:]))
        if not pairs and not found_errors:
            env.stderr.write("No resources found\n" if self.all_namespaces
                             else f"No resources found in {self.namespace} namespace.\n")
        return report_errors(env, found_errors)

    # -- steps ---------------------------------------------------------------------
    def _visit(self, api: Any, env: Env) -> tuple[list[tuple[Any, dict[str, Any]]], list[errors.KubectlError]]:
        """The objects the arguments name, and the errors met (the builder's ContinueOnError).

        A bare type selects every object of it, as kubectl's describe allows.
        """
        from minikubectl.cli.resources import Selection, select
        fetched = select(api, env.stdin, Selection(
            self.args, self.filenames, self.recursive, self.namespace, self.all_namespaces,
            Filters(self.selector, ""), select_all=True), error_verb="retrieving")
        return fetched.pairs, list(fetched.errors)

    def _describe_matching(self, env: Env, api: Any, original: list[errors.KubectlError], show: bool) -> int:
        """``TYPE NAME`` with no exact match: describe every object whose name starts with NAME."""
        from minikubectl.cli.resources import report_errors
        resource = api.registry.resolve_single(self.args[0])
        prefix = self.args[1]
        ns = self.namespace if resource.namespaced else None
        matches = [obj for obj in api.list(resource, ns)
                   if str(obj.get("metadata", {}).get("name", "")).startswith(prefix)]
        if not matches:
            return report_errors(env, original)
        for obj in matches:
            env.stdout.write(self._describe(env, api, obj, show) + "\n")
        return 0

    def _describe(self, env: Env, api: Any, obj: dict[str, Any], show_events: bool) -> str:
        from minikubectl.printers.describe import Context, describe
        from minikubectl.printers.describe.writer import local_zone
        return describe(obj, Context(now=env.now(), show_events=show_events, chunk_size=self.chunk_size,
                                     list_objects=lambda key, ns: _list(api, key, ns),
                                     get_object=lambda key, ns, name: _get(api, key, ns, name),
                                     tz=local_zone(env.environ)))


def _all_not_found(found: list[errors.KubectlError]) -> bool:
    return all(isinstance(e, errors.StatusError) and e.reason == "NotFound" for e in found)


def _list(api: Any, key: str, namespace: str | None) -> list[dict[str, Any]]:
    resource = api.registry.by_qualified_plural(key)
    return api.list(resource, namespace) if resource is not None else []


def _get(api: Any, key: str, namespace: str | None, name: str) -> dict[str, Any] | None:
    resource = api.registry.by_qualified_plural(key)
    if resource is None:
        return None
    return api.peek(resource, namespace if resource.namespaced else None, name)


def run(env: Env, parsed: ParsedArgs) -> int:
    """Bind flags, validate, run."""
    options = DescribeOptions.complete(parsed)
    options.validate()
    return options.run(env)
