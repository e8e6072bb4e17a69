"""What every ``set`` subcommand shares: selecting objects, changing a copy, patching, printing.

kubectl's ``set`` commands visit each selected object (live, or from ``-f`` files with
``--local``), apply an in-memory change, and skip an object whose encoding did not change
(``CalculatePatches`` finding ``{}``). A changed object is printed as it is with ``--local``
or a client dry run, otherwise written and printed as the server returned it. A subcommand
supplies only the change (an ``Update``) and its operation word (``image updated``).
"""

from __future__ import annotations

import copy
import fnmatch
import json
from typing import TYPE_CHECKING, Any, Callable

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.resources import Filters
from minikubectl.golang.structs import dataclass, field

if TYPE_CHECKING:
    from minikubectl.printers.flags import Printer

# change(obj) edits obj in place; a per-object failure is raised as ObjectError.
Update = Callable[[dict[str, Any]], None]


class ObjectError(Exception):
    """A change that cannot be made to one object (kubectl reports it after the object's name)."""


def common_flags(*, selector: bool = True, recursive_default: bool = False) -> list[Flag]:
    """The flags of every ``set`` subcommand."""
    found = opt.print_flags() + [
        Flag("filename", "slice", [], shorthand="f"),
        Flag("recursive", "bool", recursive_default, shorthand="R"),
        Flag("kustomize", shorthand="k"),
        Flag("all", "bool", False),
        Flag("local", "bool", False),
        Flag("field-manager", default="kubectl-set"),
        opt.dry_run_flag(),
    ]
    if selector:
        found.append(Flag("selector", shorthand="l"))
    return found


def split_pairs(args: list[str], is_pair: Callable[[str], bool], noun: str) -> tuple[list[str], list[str]]:
    """Resource arguments first, then changes (``GetResourcesAndPairs``)."""
    resources: list[str] = []
    pairs: list[str] = []
    for arg in args:
        if is_pair(arg):
            pairs.append(arg)
        elif pairs:
            raise errors.ClientError(f"all resources must be specified before {noun} changes: {arg}")
        else:
            resources.append(arg)
    return resources, pairs


@dataclass
class Target:
    """The objects a ``set`` command works on, and how it reports them."""

    resources: list[str]
    filenames: list[str]
    recursive: bool
    namespace: str
    select_all: bool
    selector: str
    local: bool
    dry_run: str
    operation: str
    state: str | None
    printer: "Printer | None" = field(default=None)
    # set selector reports every object, changed or not; the others skip unchanged ones.
    print_unchanged: bool = False
    # How a failed write is reported ("failed to patch image update to pod template: ").
    failure: str = ""

    @classmethod
    def complete(cls, parsed: ParsedArgs, resources: list[str], operation: str) -> "Target":
        namespace, _ = opt.namespace_of(parsed)
        print_opts = opt.print_options(parsed)
        printer = None
        if print_opts.output or print_opts.template:
            from minikubectl.printers.flags import make_printer
            printer = make_printer(print_opts)
        return cls(resources=resources, filenames=parsed["filename"], recursive=parsed["recursive"],
                   namespace=namespace, select_all=parsed["all"], selector=parsed.get("selector") or "",
                   local=parsed["local"], dry_run=opt.dry_run_strategy(parsed), operation=operation,
                   state=parsed["state"], printer=printer)

    def validate(self) -> None:
        """The checks every subcommand makes, in kubectl's order."""
        if self.select_all and self.selector:
            raise errors.ClientError("cannot set --all and --selector at the same time")
        if not self.resources and not self.filenames:
            raise errors.ClientError("one or more resources must be specified as <resource> <name> or "
                                     "<resource>/<name>")
        if self.local and self.dry_run == "server":
            raise errors.ClientError("cannot specify --local and --dry-run=server - did you mean --dry-run=client?")

    # -- running ---------------------------------------------------------------------
    def visit(self, env: Env, each: Callable[[Any, Any, dict[str, Any], list[errors.KubectlError]], None],
              late_errors: list[errors.KubectlError] | None = None) -> int:
        """Call ``each(api, resource, obj, errors)`` for every selected object (api None with --local)."""
        found: list[errors.KubectlError] = []
        if self.local:
            if self.resources:
                raise errors.RawError("error: you must specify resources by --filename when --local is set.\n"
                                      "Example resource specifications include:\n   '-f rsrc.yaml'\n"
                                      "   '--filename=rsrc.json'")
            for obj in self._local_objects(env, found):
                each(None, None, obj, found)
        else:
            from minikubectl.cli.resources import Selection, select
            from minikubectl.cli.session import open_cluster

            with open_cluster(env, self.state) as api:
                fetched = select(api, env.stdin, Selection(self.resources, self.filenames, self.recursive,
                                                           self.namespace, False, Filters(self.selector, ""),
                                                           self.select_all))
                found.extend(fetched.errors)
                for resource, obj in fetched.pairs:
                    each(api, resource, obj, found)
        found.extend(late_errors or [])
        from minikubectl.cli.resources import report_errors
        return report_errors(env, found)

    def run(self, env: Env, update: Update, error_prefix: str = "",
            late_errors: list[errors.KubectlError] | None = None) -> int:
        """Visit every object, apply ``update``; print and write as kubectl's set commands do."""
        def each(api: Any, resource: Any, obj: dict[str, Any], found: list[errors.KubectlError]) -> None:
            self._visit(env, api, resource, obj, update, found, error_prefix)
        return self.visit(env, each, late_errors)

    def _local_objects(self, env: Env, found: list[errors.KubectlError]) -> list[dict[str, Any]]:
        from minikubectl.api.typed_form import typed_form
        from minikubectl.io.manifests import iter_documents
        objects: list[dict[str, Any]] = []
        try:
            for doc in iter_documents(self.filenames, recursive=self.recursive, stdin=env.stdin,
                                      continue_on_error=True):
                if doc.error is not None:
                    found.append(doc.error)
                else:
                    objects.append(typed_form(doc.obj))
        except errors.KubectlError as exc:
            found.append(exc)
        return objects

    def _visit(self, env: Env, api: Any, resource: Any, obj: dict[str, Any], update: Update,
               found: list[errors.KubectlError], error_prefix: str) -> None:
        changed = copy.deepcopy(obj)
        try:
            update(changed)
        except ObjectError as exc:
            # kubectl words it "error: <object> <problem>" itself, so no second prefix is added.
            found.append(errors.RawError(f"error: {error_prefix}{object_label(obj, resource)} {exc}"))
            return
        except errors.KubectlError as exc:
            found.append(exc)
            return
        if _encoded(changed) == _encoded(obj) and not (self.print_unchanged and (api is None or
                                                                               self.dry_run == "client")):
            return
        if api is None:
            from minikubectl.api.typed_form import typed_form
            self._print(env, typed_form(changed), struct_order=True)
            return
        if self.dry_run == "client":
            self._print(env, changed)
            return
        try:
            stored = api.update(resource, changed, dry_run=self.dry_run == "server", verb="patch")
        except errors.KubectlError as exc:
            if self.failure:
                from minikubectl.cli.generator import go_error_text
                exc = errors.ClientError(self.failure + go_error_text(exc))
            found.append(exc)
            return
        self._print(env, stored)

    def _print(self, env: Env, obj: dict[str, Any], struct_order: bool = False) -> None:
        if self.printer is not None:
            from minikubectl.printers.json_yaml import JSONPrinter
            if struct_order and type(self.printer) is JSONPrinter:
                # A local object is printed as its Go struct encodes it, keys in field order.
                from minikubectl.golang.json import marshal
                env.stdout.write(marshal(obj, indent="    ", sort_keys=False) + "\n")
                return
        opt.print_result(env.stdout, self.printer, obj, self.operation, self.dry_run)


def object_label(obj: dict[str, Any], resource: Any) -> str:
    """kubectl's ``Info.ObjectName``: ``plural/name`` for a live object, the kind form for a file.

    For a file object of a named API group kubectl's text carries a newline after the name.
    """
    name = (obj.get("metadata") or {}).get("name", "")
    if resource is not None:
        return f"{resource.plural}/{name}"
    api_version = str(obj.get("apiVersion", ""))
    kind = str(obj.get("kind", "")).lower()
    if "/" in api_version:
        return f"{kind}.{api_version.rpartition('/')[0]}/{name}\n"
    return f"{kind}/{name}"


def _encoded(obj: dict[str, Any]) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"))


# -- pod templates ---------------------------------------------------------------------
_TEMPLATE_KINDS = ("ReplicationController", "Deployment", "DaemonSet", "ReplicaSet", "StatefulSet", "Job")


def pod_spec_of(obj: dict[str, Any]) -> dict[str, Any]:
    """The pod spec a change applies to (``UpdatePodSpecForObject``), created when absent."""
    kind = obj.get("kind")
    if kind == "Pod":
        return obj.setdefault("spec", {})
    if kind in _TEMPLATE_KINDS:
        return obj.setdefault("spec", {}).setdefault("template", {}).setdefault("spec", {})
    if kind == "CronJob":
        job = obj.setdefault("spec", {}).setdefault("jobTemplate", {}).setdefault("spec", {})
        return job.setdefault("template", {}).setdefault("spec", {})
    version = str(obj.get("apiVersion", "")).rpartition("/")[2] or "v1"
    raise ObjectError(f"the object is not a pod or does not have a pod template: *{version}.{kind}")


def select_containers(containers: Any, pattern: str) -> list[dict[str, Any]]:
    """The containers whose names match a shell pattern (``-c``, ``*`` for all)."""
    return [c for c in containers or [] if isinstance(c, dict) and fnmatch.fnmatchcase(str(c.get("name", "")), pattern)]
