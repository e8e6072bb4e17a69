"""What ``label`` and ``annotate`` share: argument grammar, visiting, printing.

Both verbs take ``TYPE NAME... | TYPE/NAME... | -f FILE`` followed by ``key=value`` and
``key-`` changes, apply them to a metadata map of each object (in memory with
``--local`` or a client dry run, as a merge patch otherwise) and report per object.
The differences between the two (messages, value checks, list format) live in
``MetadataKind``.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.resources import Filters
from minikubectl.golang.structs import dataclass, field


@dataclass(frozen=True)
class MetadataKind:
    """What differs between label and annotate."""

    field: str                      # "labels" / "annotations"
    noun: str                       # "label" / "annotation"
    verb: str                       # "label" / "annotate"
    parse_changes: Callable[[list[str]], tuple[dict[str, str], list[str]]]
    check_overwrite: Callable[[dict[str, str], dict[str, str]], None]
    change_message: Callable[[bytes, bytes, bool], str]
    list_header: bool               # label --list prints "Listing labels for ..." on a server
    example_file: str = "rsrc"      # the file name kubectl's --local messages suggest
    # label builds its printer for each object (so a bad -o fails once per object and YAML
    # documents get no "---" between them); annotate builds one printer up front.
    printer_per_object: bool = False


def resources_and_changes(args: list[str], noun: str) -> tuple[list[str], list[str]]:
    """Split positional args into resource args and changes (kubectl's GetResourcesAndPairs)."""
    from minikubectl.cli.object_update import split_pairs
    return split_pairs(args, lambda a: ("=" in a and not a.startswith("=")) or (a.endswith("-") and a != "-"),
                       noun)


def common_flags(field_manager: str) -> list[Flag]:
    """Flags of both verbs (``field_manager``: the verb's default manager name)."""
    return opt.print_flags() + opt.filename_flags() + opt.selector_flags() + [
        Flag("overwrite", "bool", False),
        Flag("local", "bool", False),
        Flag("list", "bool", False),
        Flag("all", "bool", False),
        Flag("all-namespaces", "bool", False, shorthand="A"),
        Flag("resource-version"),
        Flag("field-manager", default=field_manager),
        opt.dry_run_flag(),
    ]


@dataclass
class MetadataEditOptions:
    """Bound flags of label/annotate (complete → validate → run)."""

    kind: MetadataKind
    resources: list[str]
    new: dict[str, str]
    remove: list[str]
    filenames: list[str]
    recursive: bool
    namespace: str
    all_namespaces: bool
    select_all: bool
    filters: Filters
    overwrite: bool
    local: bool
    list_only: bool
    resource_version: str
    dry_run: str
    print_opts: Any
    state: str | None
    printer: Any = field(default=None)

    @classmethod
    def complete(cls, kind: MetadataKind, parsed: ParsedArgs) -> "MetadataEditOptions":
        resources, changes = resources_and_changes(parsed.args, kind.noun)
        new, remove = kind.parse_changes(changes)
        namespace, _ = opt.namespace_of(parsed)
        return cls(kind=kind, resources=resources, new=new, remove=remove,
                   filenames=parsed["filename"], recursive=parsed["recursive"], namespace=namespace,
                   all_namespaces=parsed["all-namespaces"], select_all=parsed["all"],
                   filters=Filters(parsed["selector"] or "", parsed["field-selector"] or ""),
                   overwrite=parsed["overwrite"], local=parsed["local"], list_only=parsed["list"],
                   resource_version=parsed["resource-version"] or "", dry_run=opt.dry_run_strategy(parsed),
                   print_opts=opt.print_options(parsed),
                   state=parsed["state"])

    def validate(self) -> None:
        if self.list_only and self.print_opts.output:
            raise errors.ClientError("--list and --output may not be specified together")
        if self.select_all and self.filters.label_selector:
            raise errors.ClientError("cannot set --all and --selector at the same time")
        if self.select_all and self.filters.field_selector:
            raise errors.ClientError("cannot set --all and --field-selector at the same time")
        if self.local and self.dry_run == "server":
            raise errors.ClientError("cannot specify --local and --dry-run=server - did you mean --dry-run=client?")
        example = self.kind.example_file
        if self.local and self.resources:
            raise errors.ClientError(f"can only use local files by -f {example}.yaml or "
                                     f"--filename={example}.json when --local=true is set")
        if self.local and not self.filenames:
            raise errors.ClientError(f"one or more files must be specified as -f {example}.yaml or "
                                     f"--filename={example}.json")
        if not self.resources and not self.filenames:
            raise errors.ClientError("one or more resources must be specified as <resource> <name> or "
                                     "<resource>/<name>")
        if not self.new and not self.remove and not self.list_only:
            raise errors.ClientError(f"at least one {self.kind.noun} update is required")
        if self.resources and (self.filters.label_selector or self.filters.field_selector):
            names = [r for r in self.resources[1:]] or [r for r in self.resources if "/" in r]
            if names:
                raise errors.ClientError("name cannot be provided when a selector is specified")
        if (self.print_opts.output or self.print_opts.template) and not self.kind.printer_per_object:
            from minikubectl.printers.flags import make_printer
            self.printer = make_printer(self.print_opts)

    # -- running ---------------------------------------------------------------------
    def run(self, env: Env) -> int:
        found_errors: list[errors.KubectlError] = []
        if self.local:
            self._run_local(env, found_errors)
        else:
            self._run_server(env, found_errors)
        from minikubectl.cli.resources import report_errors
        return report_errors(env, found_errors)

    def _run_local(self, env: Env, found_errors: list[errors.KubectlError]) -> None:
        from minikubectl.io.manifests import iter_documents
        try:
            for doc in iter_documents(self.filenames, recursive=self.recursive, stdin=env.stdin,
                                      continue_on_error=True):
                if doc.error is not None:
                    found_errors.append(doc.error)
                    continue
                self._visit_local(env, doc.obj, found_errors)
        except errors.KubectlError as exc:
            found_errors.append(exc)

    def _visit_local(self, env: Env, obj: dict[str, Any], found_errors: list) -> None:
        before = _encode(obj)
        try:
            self._edit(obj)
        except errors.KubectlError as exc:
            found_errors.append(exc)
            return
        if self.list_only:
            self._print_list(env, obj, header=False)
            return
        try:
            self._print(env, obj, self.kind.change_message(before, _encode(obj), self.overwrite))
        except errors.KubectlError as exc:
            found_errors.append(exc)

    def _run_server(self, env: Env, found_errors: list[errors.KubectlError]) -> None:
        from minikubectl.cli.resources import Selection, select
        from minikubectl.cli.session import open_cluster

        with open_cluster(env, self.state) as api:
            fetched = select(api, env.stdin, Selection(
                self.resources, self.filenames, self.recursive, self.namespace, self.all_namespaces,
                self.filters, self.select_all))
            if self.resource_version and not (fetched.request and fetched.request.single_item):
                raise errors.ClientError("--resource-version may only be used with a single resource")
            found_errors.extend(fetched.errors)
            for resource, obj in fetched.pairs:
                try:
                    self._visit_server(env, api, resource, obj)
                except errors.KubectlError as exc:
                    found_errors.append(exc)

    def _visit_server(self, env: Env, api: Any, resource: Any, obj: dict[str, Any]) -> None:
        if self.list_only:
            self._print_list(env, obj, header=self.kind.list_header)
            return
        before = _encode(obj)
        if self.dry_run != "client" and self.kind.noun == "label":
            current = (obj.get("metadata") or {}).get(self.kind.field) or {}
            for key in self.remove:
                if key not in current:
                    env.stdout.write(f'{self.kind.noun} "{key}" not found.\n')
        self._edit(obj)
        message = self.kind.change_message(before, _encode(obj), self.overwrite)
        if self.dry_run == "none":
            obj = api.update(resource, obj, check_version=bool(self.resource_version), verb="patch")
        elif self.dry_run == "server":
            obj = api.update(resource, obj, dry_run=True, check_version=bool(self.resource_version),
                             verb="patch")
        self._print(env, obj, message)

    def _edit(self, obj: dict[str, Any]) -> None:
        meta = obj.setdefault("metadata", {})
        current = meta.get(self.kind.field) or {}
        if not self.overwrite:
            self.kind.check_overwrite(current, self.new)
        updated = dict(current)
        updated.update(self.new)
        for key in self.remove:
            updated.pop(key, None)
        meta[self.kind.field] = updated
        if self.resource_version:
            meta["resourceVersion"] = self.resource_version

    def _print(self, env: Env, obj: dict[str, Any], message: str) -> None:
        printer = self.printer
        if printer is None and self.kind.printer_per_object and (self.print_opts.output or
                                                                 self.print_opts.template):
            from minikubectl.printers.flags import make_printer
            printer = make_printer(self.print_opts)
        if printer is not None:
            printer.print_obj(obj, env.stdout)
            return
        from minikubectl.printers.name import object_name
        env.stdout.write(f"{object_name(obj)} {message}{opt.dry_run_suffix(self.dry_run)}\n")

    def _print_list(self, env: Env, obj: dict[str, Any], header: bool) -> None:
        values = (obj.get("metadata") or {}).get(self.kind.field) or {}
        indent = ""
        if header:
            api_version = str(obj.get("apiVersion", ""))
            group = api_version.rpartition("/")[0] if "/" in api_version else ""
            env.stdout.write(f"Listing {self.kind.field} for {obj.get('kind', '')}.{group}/"
                             f"{(obj.get('metadata') or {}).get('name', '')}:\n")
            indent = " "
        for key, value in values.items():
            env.stdout.write(f"{indent}{key}={value}\n")


def _encode(obj: dict[str, Any]) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":")).encode()


def run_metadata_verb(kind: MetadataKind, env: Env, parsed: ParsedArgs) -> int:
    """Shared entry point of ``label`` and ``annotate``."""
    options = MetadataEditOptions.complete(kind, parsed)
    options.validate()
    return options.run(env)
