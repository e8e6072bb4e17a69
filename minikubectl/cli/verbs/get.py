"""``get``: display one or many resources."""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.resources import Filters, Group, Request
from minikubectl.golang.structs import dataclass, field

SUMMARY = "Display one or many resources"

NO_TYPE_MESSAGE = ('You must specify the type of resource to get. Use "kubectl api-resources" for a '
                   "complete list of supported resources.\n\n")


def flags() -> list[Flag]:
    return opt.print_flags() + opt.filename_flags() + opt.selector_flags() + [
        Flag("all-namespaces", "bool", False, shorthand="A"),
        Flag("no-headers", "bool", False),
        Flag("show-labels", "bool", False),
        Flag("show-kind", "bool", False),
        Flag("label-columns", "slice", [], shorthand="L"),
        Flag("sort-by"),
        Flag("watch", "bool", False, shorthand="w"),
        Flag("watch-only", "bool", False),
        Flag("output-watch-events", "bool", False),
        Flag("ignore-not-found", "bool", False),
        Flag("chunk-size", "int", 500),
        Flag("server-print", "bool", True),
        Flag("raw"),
        Flag("subresource"),
    ]


@dataclass
class GetOptions:
    """Everything ``get`` needs, bound from flags (complete → validate → run)."""

    args: list[str]
    namespace: str
    all_namespaces: bool
    filenames: list[str]
    recursive: bool
    filters: Filters
    output: str
    template: str
    print_opts: Any
    wide: bool
    no_headers: bool
    show_labels: bool
    show_kind: bool
    label_columns: list[str]
    sort_by: str
    ignore_not_found: bool
    watch: bool
    watch_only: bool
    request_timeout: str
    state: str | None
    subresource: str = ""
    explicit_namespace: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    kustomize: str = ""

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "GetOptions":
        namespace, explicit = opt.namespace_of(parsed)
        output = parsed["output"] or ""
        return cls(
            args=parsed.args, namespace=namespace, explicit_namespace=explicit,
            all_namespaces=parsed["all-namespaces"], filenames=parsed["filename"],
            recursive=parsed["recursive"],
            filters=Filters(parsed["selector"] or "", parsed["field-selector"] or ""),
            output=output, template=parsed["template"] or "",
            print_opts=opt.print_options(parsed),
            wide=output == "wide", no_headers=parsed["no-headers"], show_labels=parsed["show-labels"],
            show_kind=parsed["show-kind"], label_columns=parsed["label-columns"],
            sort_by=parsed["sort-by"] or "", ignore_not_found=parsed["ignore-not-found"],
            watch=parsed["watch"], watch_only=parsed["watch-only"],
            request_timeout=parsed["request-timeout"] or "0", state=parsed["state"],
            subresource=parsed["subresource"] or "",
            extra={"watch_events": parsed["output-watch-events"]}, kustomize=parsed["kustomize"] or "")

    @property
    def table_output(self) -> bool:
        from minikubectl.printers.flags import is_table_output
        return is_table_output(self.output, self.template)

    def validate(self, env: Env) -> None:
        from minikubectl.cli.resources import check_filename_flags
        check_filename_flags(self.filenames, self.kustomize, self.recursive)
        if not self.args and not self.filenames and not self.kustomize:
            env.stderr.write(NO_TYPE_MESSAGE)
            raise errors.ClientError("Required resource not specified.\n"
                                     'Use "kubectl explain <resource>" for a detailed description of '
                                     "that resource (e.g. kubectl explain pods).\n"
                                     "See 'kubectl get -h' for help and examples")
        if self.show_labels and not self.table_output:
            raise errors.ClientError(f"--show-labels option cannot be used with {self.output} printer")
        from minikubectl.api import subresources
        if self.subresource and self.subresource not in subresources.SUPPORTED:
            raise errors.ClientError(f'invalid subresource value: "{self.subresource}". '
                                     f"Must be one of [{' '.join(subresources.SUPPORTED)}]")

    def run(self, env: Env) -> int:
        from minikubectl.cli.session import open_cluster

        printer = None if self.table_output else self._printer()
        with open_cluster(env, self.state) as api:
            request, read_errors = self._request(api, env)
            if self.subresource and any(t.name is None for t in request.targets):
                raise errors.ClientError("subresource cannot be used when bulk resources are specified")
            if self.watch or self.watch_only:
                from minikubectl.cli.verbs import get_watch
                return get_watch.watch(self, env, api, request)
            fetched = self._fetch(api, request)
            if self.subresource:
                fetched = _read_subresource(api, fetched, self.subresource)
            pairs = fetched.pairs
            groups = fetched.groups
            found_errors = read_errors + fetched.errors
            custom_tables = _custom_resource_tables(api, groups) if self.table_output else {}
        if self.ignore_not_found:
            found_errors = [e for e in found_errors
                            if not (isinstance(e, errors.StatusError) and e.reason == "NotFound")]
        if self.table_output:
            printed = self._print_tables(env, groups, custom_tables)
        elif (found_errors and request.single_item) or (not pairs and self.ignore_not_found):
            # kubectl's printGeneric: a lookup of one named object that failed returns its error
            # with nothing printed, and an empty result under --ignore-not-found prints nothing.
            printed = True
        else:
            self._print_objects(env, printer, request, pairs)
            printed = True
        if found_errors:
            from minikubectl.cli.resources import report_errors
            return report_errors(env, found_errors)
        if not printed and not self.ignore_not_found:
            env.stderr.write(self._no_resources_message(request) + "\n")
        return 0

    # -- steps -------------------------------------------------------------------
    def _printer(self) -> Any:
        from minikubectl.printers.flags import make_printer
        return make_printer(self.print_opts, with_tables=True)

    def _request(self, api: Any, env: Env) -> tuple[Request, list[errors.KubectlError]]:
        from minikubectl.cli.resources import parse_resource_args, request_from_files
        if self.filenames or self.kustomize:
            return request_from_files(api, self.filenames, self.recursive, env.stdin, self.namespace,
                                      self.kustomize)
        request = parse_resource_args(self.args, api.registry)
        if self.all_namespaces and any(t.name is not None for t in request.targets):
            raise errors.ClientError("a resource cannot be retrieved by name across all namespaces")
        return request, []

    def _fetch(self, api: Any, request: Request) -> Any:
        from minikubectl.cli.resources import fetch
        # A table or name listing, unsorted, needs only what those printers read.
        rows_only = not self.sort_by and (self.table_output or self.output == "name")
        return fetch(api, request, self.namespace, self.all_namespaces, self.filters, read_only=True,
                     table_rows=rows_only)

    def _print_tables(self, env: Env, groups: list[Group], custom_tables: dict[Any, Any]) -> bool:
        from minikubectl.printers.table import TableGroup, TableOptions, TablePrinter

        if self.sort_by:
            groups = [Group(g.resource, self._sort_table_rows(g.objects)) for g in groups]
        table_opts = TableOptions(
            wide=self.wide, no_headers=self.no_headers, show_labels=self.show_labels,
            label_columns=list(self.label_columns), all_namespaces=self.all_namespaces,
            show_kind=self.show_kind)
        printer = TablePrinter(env.stdout, table_opts, env.now())
        return printer.print_groups(
            TableGroup(*_table_kind(g), g.resource.namespaced, g.objects,
                       table=custom_tables.get(g.resource)) for g in groups)

    def _sort_table_rows(self, objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """kubectl sorts a table only when it has two or more rows; errors say so."""
        if len(objects) < 2:
            return objects
        from minikubectl.printers.sorting import sort_objects
        try:
            return sort_objects(objects, self.sort_by)
        except errors.PrinterError as exc:
            # Only a path that does not parse gets the prefix (kubectl's NewTableSorter).
            raise errors.ClientError(f"sorting error: {exc.message}") from None

    def _print_objects(self, env: Env, printer: Any, request: Request,
                       pairs: list[tuple[Any, dict[str, Any]]]) -> None:
        objects = [obj for _, obj in pairs]
        if self.sort_by:
            from minikubectl.printers.sorting import sort_objects
            objects = sort_objects(objects, self.sort_by)
        if hasattr(printer, "print_objects"):
            printer.print_objects(objects, env.stdout)
            return
        if request.single_item and len(objects) == 1:
            printer.print_obj(objects[0], env.stdout)
            return
        printer.print_obj({"apiVersion": "v1", "items": objects, "kind": "List",
                           "metadata": {"resourceVersion": ""}}, env.stdout)

    def _no_resources_message(self, request: Request) -> str:
        namespaced = all(t.resource.namespaced for t in request.targets)
        if namespaced and not self.all_namespaces and request.targets:
            return f"No resources found in {self.namespace} namespace."
        return "No resources found"


def _table_kind(group: Group) -> tuple[str, str]:
    """The (API group, kind) whose columns print a group: a Scale prints as a Scale."""
    objects = group.objects
    if objects and objects[0].get("kind") == "Scale" and group.resource.kind != "Scale":
        return "autoscaling", "Scale"
    return group.resource.group, group.resource.kind


def _serves_subresource(api: Any, resource: Any, subresource: str) -> bool:
    """Whether ``resource`` serves ``/status`` or ``/scale`` (custom resources: per CRD version)."""
    from minikubectl.api import subresources
    from minikubectl.api.registry import builtin_resources

    if resource in builtin_resources():
        served = subresources.STATUS if subresource == "status" else subresources.SCALE
        return resource.qualified_plural in served
    if subresource != "status":
        return False
    crd_res = api.registry.by_qualified_plural("customresourcedefinitions.apiextensions.k8s.io")
    crd = api.peek(crd_res, None, f"{resource.plural}.{resource.group}") if crd_res else None
    for version in ((crd or {}).get("spec") or {}).get("versions") or []:
        if version.get("name") == resource.version:
            return "status" in (version.get("subresources") or {})
    return False


def _read_subresource(api: Any, fetched: Any, subresource: str) -> Any:
    """GET ``<object>/<subresource>`` for every named object: 404 where the type does not serve
    it, the object itself for ``status``, the derived ``autoscaling/v1`` Scale for ``scale``."""
    from minikubectl.api import subresources
    from minikubectl.cli.resources import Fetched, Group

    result = Fetched()
    result.errors = list(fetched.errors)
    served: dict[Any, bool] = {}
    for resource, obj in fetched.pairs:
        if resource not in served:
            served[resource] = _serves_subresource(api, resource, subresource)
        if not served[resource]:
            result.errors.append(errors.StatusError("NotFound", 404, subresources.NOT_FOUND_MESSAGE))
            continue
        if subresource == "scale":
            obj = subresources.scale_of(obj, core=not resource.group)
        result.pairs.append((resource, obj))
        if not result.groups or result.groups[-1].resource != resource:
            result.groups.append(Group(resource))
        result.groups[-1].objects.append(obj)
    return result


def _custom_resource_tables(api: Any, groups: list[Group]) -> dict[Any, Any]:
    """Columns of custom resources: their CRD version's additionalPrinterColumns."""
    from minikubectl.api.registry import builtin_resources

    builtin = set(builtin_resources())
    tables: dict[Any, Any] = {}
    for group in groups:
        resource = group.resource
        if resource in builtin or resource in tables:
            continue
        crd_res = api.registry.by_qualified_plural("customresourcedefinitions.apiextensions.k8s.io")
        crd = api.peek(crd_res, None, f"{resource.plural}.{resource.group}") if crd_res else None
        versions = ((crd or {}).get("spec") or {}).get("versions") or []
        columns = next((v.get("additionalPrinterColumns") for v in versions
                        if v.get("name") == resource.version), None)
        from minikubectl.printers.columns.custom_resource import crd_table
        tables[resource] = crd_table(columns)
    return tables


def run(env: Env, parsed: ParsedArgs) -> int:
    """Bind flags, validate, run."""
    options = GetOptions.complete(parsed)
    options.validate(env)
    return options.run(env)
