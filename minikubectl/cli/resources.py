"""The resource builder: what a command line names, resolved against the cluster.

kubectl's cli-runtime builder turns ``TYPE NAME...``, ``TYPE/NAME...``, ``-f FILE``,
selectors and ``--all`` into a stream of objects to visit. This module does the same
over the ApiServer: it resolves types through the registry, reads manifests, fetches
or lists objects, and collects NotFound errors without stopping.
"""

from __future__ import annotations

from typing import Any, Iterator

from minikubectl.api import errors
from minikubectl.api.registry import Registry, ResourceType
from minikubectl.golang.structs import dataclass, field

RESOURCE_NAME_FORM_ERROR = (
    "there is no need to specify a resource type as a separate argument when passing arguments "
    "in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of "
    "'kubectl get resource resource/<resource_name>'")


@dataclass
class TypedName:
    """One requested object: its resource and name (name None means 'all of them').

    Targets read from a manifest carry their own namespace and the file they came from.
    """

    resource: ResourceType
    name: str | None
    namespace: str | None = None
    source: str = ""


@dataclass
class Request:
    """What the command line asks for, before any lookup."""

    targets: list[TypedName]
    # True when exactly one object is named: printers then show it bare, not as a List.
    single_item: bool = False


def parse_resource_args(args: list[str], registry: Registry, *, allow_bare_type: bool = True) -> Request:
    """Parse positional ``TYPE[,TYPE] [NAME...]`` or ``TYPE/NAME...`` arguments."""
    if not args:
        return Request([])
    with_slash = [a for a in args if "/" in a]
    if with_slash:
        if len(with_slash) != len(args):
            raise errors.ClientError(RESOURCE_NAME_FORM_ERROR)
        targets = []
        for arg in args:
            type_part, _, name = arg.partition("/")
            if not name:
                raise errors.ClientError("arguments in resource/name form must have a single resource "
                                         "and name")
            targets.append(TypedName(registry.resolve_single(type_part), name))
        return Request(targets, single_item=len(targets) == 1)
    type_arg, names = args[0], args[1:]
    resources: list[ResourceType] = []
    for part in type_arg.split(","):
        if not part:
            continue
        resources.extend(registry.resolve(part))
    if names:
        if type_arg.lower() == "all" or len(resources) > 1 and "," not in type_arg:
            raise errors.ClientError("resource(s) were provided, but no name was specified")
        targets = [TypedName(res, name) for res in resources for name in names]
        return Request(targets, single_item=len(targets) == 1)
    return Request([TypedName(res, None) for res in resources])


@dataclass
class Group:
    """Objects of one resource type, in the order they will be printed."""

    resource: ResourceType
    objects: list[dict[str, Any]] = field(default_factory=list)


def group_consecutive(pairs: list[tuple[ResourceType, dict[str, Any]]]) -> list[Group]:
    """Split (resource, object) pairs into runs of the same resource (kubectl's table groups)."""
    groups: list[Group] = []
    for resource, obj in pairs:
        if not groups or groups[-1].resource != resource:
            groups.append(Group(resource))
        groups[-1].objects.append(obj)
    return groups


def namespace_exists(api: Any, namespace: str) -> bool:
    """Whether ``namespace`` exists in the store."""
    ns_res = api.registry.by_qualified_plural("namespaces")
    return api.peek(ns_res, None, namespace) is not None


def check_filename_flags(filenames: list[str], kustomize: str, recursive: bool) -> None:
    """kubectl's FilenameOptions rules: ``-f`` or ``-k``, and ``-k`` without ``-R``."""
    if filenames and kustomize:
        raise errors.ClientError("only one of -f or -k can be specified")
    if kustomize and recursive:
        raise errors.ClientError("the -k flag can't be used with -f or -R")


def read_documents(filenames: list[str], kustomize: str, recursive: bool, stdin: Any,
                   continue_on_error: bool = False, validate: bool = False) -> Iterator[Any]:
    """Manifest documents of ``-f`` arguments, or the objects ``-k DIR`` builds (kustomize).

    A kustomize build error stops the command before any object is sent, as kubectl's does.
    """
    if not kustomize:
        from minikubectl.io.manifests import iter_documents

        yield from iter_documents(filenames, recursive=recursive, stdin=stdin,
                                  continue_on_error=continue_on_error, validate=validate)
        return
    from minikubectl.io.manifests import Document
    from minikubectl.kustomize.build import build

    result = build(kustomize)
    for index, obj in enumerate(result.objects):
        yield Document(obj, kustomize, index)


def iter_manifest_objects(filenames: list[str], recursive: bool, stdin: Any) -> Iterator[Any]:
    """Documents from ``-f`` arguments (see ``minikubectl.io.manifests``)."""
    from minikubectl.io.manifests import iter_documents

    yield from iter_documents(filenames, recursive=recursive, stdin=stdin)


def mapping_error(obj: dict[str, Any], namespace: str, source: str) -> errors.ClientError:
    """kubectl's error for a manifest whose kind the server does not serve."""
    name = obj.get("metadata", {}).get("name", "") if isinstance(obj.get("metadata"), dict) else ""
    ns = obj.get("metadata", {}).get("namespace", "") if isinstance(obj.get("metadata"), dict) else ""
    return errors.ClientError(
        f'resource mapping not found for name: "{name}" namespace: "{ns or ""}" from "{source}": '
        f'no matches for kind "{obj.get("kind", "")}" in version "{obj.get("apiVersion", "")}"\n'
        "ensure CRDs are installed first")


@dataclass
class Filters:
    """Server-side list filters: label and field selectors (raw text, parsed lazily)."""

    label_selector: str = ""
    field_selector: str = ""

    def compile(self, resource: ResourceType) -> "Any":
        """A predicate over objects of ``resource``; raises the API server's BadRequest."""
        from minikubectl.api import labels
        label_sel = field_sel = None
        gvr = f"{resource.api_version if resource.group else '/' + resource.version}, Resource={resource.plural}"
        try:
            if self.label_selector:
                label_sel = labels.parse_selector(self.label_selector)
            if self.field_selector:
                from minikubectl.api import fields
                field_sel = fields.validate_for_kind(resource.kind,
                                                     fields.parse_field_selector(self.field_selector))
        except ValueError as exc:
            message = getattr(exc, "message", str(exc))
            raise errors.bad_request(labels.enhance_list_error_message(
                gvr, self.label_selector, self.field_selector, message)) from None

        def matches(obj: dict[str, Any]) -> bool:
            if label_sel is not None and not label_sel.matches(obj.get("metadata", {}).get("labels") or {}):
                return False
            if field_sel is not None and not field_sel.matches(resource.kind, obj):
                return False
            return True
        return matches

    def label_matcher(self) -> "Any":
        """The label selector's ``matches`` (after ``compile`` accepted it), or None."""
        if not self.label_selector:
            return None
        from minikubectl.api import labels
        return labels.parse_selector(self.label_selector).matches

    def __bool__(self) -> bool:
        return bool(self.label_selector or self.field_selector)


@dataclass
class Fetched:
    """Objects found, in visit order, and the errors met on the way."""

    pairs: list[tuple[ResourceType, dict[str, Any]]] = field(default_factory=list)
    errors: list[errors.KubectlError] = field(default_factory=list)
    # One group per listed type (kept even when empty) and per run of named objects.
    groups: list[Group] = field(default_factory=list)
    request: Request | None = None
    # The manifest each pair came from ("" for command-line arguments), aligned with pairs.
    sources: list[str] = field(default_factory=list)

    def _add(self, resource: ResourceType, obj: dict[str, Any] | None, named: bool, source: str = "") -> None:
        if obj is not None:
            self.pairs.append((resource, obj))
            self.sources.append(source)
        last = self.groups[-1] if self.groups else None
        if named and last is not None and last.resource == resource and getattr(last, "named", False):
            group = last
        else:
            group = Group(resource)
            group.named = named  # type: ignore[attr-defined]
            self.groups.append(group)
        if obj is not None:
            group.objects.append(obj)


def fetch(api: Any, request: Request, namespace: str, all_namespaces: bool,
          filters: Filters | None = None, read_only: bool = False, error_verb: str = "",
          table_rows: bool = False) -> Fetched:
    """GET named objects or LIST whole types, as the builder's visitors would.

    ``read_only`` callers promise not to change the objects, which are then not copied.
    ``table_rows`` callers (read-only too) print listed objects as a table or by name only:
    a LIST then returns each object's table projection (api/table_projections).
    ``error_verb`` (``deleting``...) ties a failed GET of a manifest's object to its file.
    """
    result = Fetched()
    filters = filters or Filters()
    for target in request.targets:
        resource = target.resource
        target_ns = target.namespace or namespace
        ns = None if all_namespaces or not resource.namespaced else target_ns
        if target.name is not None:
            try:
                if resource.namespaced and not namespace_exists(api, target_ns):
                    raise errors.not_found("namespaces", target_ns)
                result._add(resource, api.get(resource, ns, target.name), named=True, source=target.source)
            except errors.StatusError as exc:
                result.errors.append(add_source(exc, error_verb, target.source) if error_verb else exc)
            continue
        predicate = filters.compile(resource) if filters else None
        result._add(resource, None, named=False)
        for obj in api.list(resource, ns, copy_objects=not read_only, labels=filters.label_matcher(),
                            table_rows=table_rows and not filters.field_selector):
            if predicate is None or predicate(obj):
                result.pairs.append((resource, obj))
                result.sources.append("")
                result.groups[-1].objects.append(obj)
    return result


def request_from_files(api: Any, filenames: list[str], recursive: bool, stdin: Any,
                       namespace: str, kustomize: str = "") -> tuple[Request, list[errors.KubectlError]]:
    """Every object of ``-f`` manifests (or ``-k DIR``) as a named target; errors on the side."""
    targets: list[TypedName] = []
    found: list[errors.KubectlError] = []
    if kustomize:  # kubectl stops at a kustomize error before visiting anything
        docs = list(read_documents(filenames, kustomize, recursive, stdin))
    try:
        for doc in (docs if kustomize else read_documents(filenames, "", recursive, stdin, True)):
            if doc.error is not None:
                found.append(doc.error)
                continue
            obj = doc.obj
            resource = api.registry.for_kind(obj.get("apiVersion", ""), obj.get("kind", ""))
            if resource is None:
                found.append(mapping_error(obj, namespace, doc.source))
                continue
            meta = obj.get("metadata") if isinstance(obj.get("metadata"), dict) else {}
            targets.append(TypedName(resource, str(meta.get("name", "")),
                                     meta.get("namespace") or None, doc.source))
    except errors.KubectlError as exc:
        found.append(exc)
    return Request(targets, single_item=len(targets) == 1), found


@dataclass
class Selection:
    """What a command line selects: resource args or files, namespace scope, filters."""

    args: list[str]
    filenames: list[str] = field(default_factory=list)
    recursive: bool = False
    namespace: str = "default"
    all_namespaces: bool = False
    filters: Filters = field(default_factory=Filters)
    select_all: bool = False
    kustomize: str = ""  # -k DIR


def select(api: Any, stdin: Any, selection: Selection, *, read_only: bool = False,
           error_verb: str = "") -> Fetched:
    """Resolve a selection to live objects, with kubectl's builder errors.

    ``TYPE`` without names needs ``--all`` or a selector; names cannot be combined with
    ``-A``. Errors of individual objects are collected in the result, not raised.
    """
    if selection.filenames or selection.kustomize:
        request, found = request_from_files(api, selection.filenames, selection.recursive, stdin,
                                            selection.namespace, selection.kustomize)
        fetched = fetch(api, request, selection.namespace, False, None, read_only, error_verb)
        fetched.errors[:0] = found
        fetched.request = request
        return fetched
    request = parse_resource_args(selection.args, api.registry)
    if any(t.name is None for t in request.targets) and not (selection.select_all or selection.filters):
        raise errors.ClientError("resource(s) were provided, but no name was specified")
    if selection.all_namespaces and any(t.name is not None for t in request.targets):
        raise errors.ClientError("a resource cannot be retrieved by name across all namespaces")
    fetched = fetch(api, request, selection.namespace, selection.all_namespaces, selection.filters,
                    read_only, error_verb)
    fetched.request = request
    return fetched


def add_source(error: errors.KubectlError, verb: str, source: str) -> errors.KubectlError:
    """kubectl's AddSourceToErr: ``error when <verb> "<file>": `` before the message.

    No ``verb``: the error is returned as it came (server-side apply adds no source).
    """
    if not source or not verb:
        return error
    prefix = f'error when {verb} "{source}": '
    if isinstance(error, errors.StatusError):
        return error.with_context(prefix + error.context)
    return errors.ClientError(prefix + error.message)


def check_namespace_match(obj: dict[str, Any], namespace: str, explicit: bool) -> None:
    """A manifest's namespace must agree with an explicit ``-n``."""
    meta = obj.get("metadata") if isinstance(obj.get("metadata"), dict) else {}
    own = meta.get("namespace") if meta else None
    if explicit and own and own != namespace:
        raise errors.ClientError(
            f'the namespace from the provided object "{own}" does not match the namespace '
            f'"{namespace}". You must pass \'--namespace={own}\' to perform this operation.')


def report_errors(env: Any, found: list[errors.KubectlError]) -> int:
    """Print collected errors on stderr, one per line; the exit code they imply."""
    if found:
        # kubectl's fatal handler adds a newline only to a message that lacks one.
        text = errors.render_all(found)
        env.stderr.write(text if text.endswith("\n") else text + "\n")
    return 1 if found else 0
