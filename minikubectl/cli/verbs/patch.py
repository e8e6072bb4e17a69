"""``patch``: update fields of objects with a strategic merge, JSON merge or JSON patch.

Server-side (the default) the API server applies the patch to the stored object, keeps
what a client may not change, and writes only when something changed: kubectl then says
``pod/x patched`` or ``pod/x patched (no change)``. ``--local`` and ``--dry-run=client``
apply the patch in kubectl itself and print the result.

JSON patch (RFC 6902) is implemented here with the error texts of evanphx/json-patch v4,
which both kubectl and the API server use.
"""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.api.jsonpatch import JSONPatchError, apply_json_patch, decode_json_patch
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.json import decoded_kind
from minikubectl.golang.structs import dataclass

SUMMARY = "Update fields of a resource"
PATCH_TYPES = ("json", "merge", "strategic")
NO_RESOURCES = ("You must provide one or more resources by argument or filename.\n"
                "Example resource specifications include:\n"
                "   '-f rsrc.yaml'\n"
                "   '--filename=rsrc.json'\n"
                "   '<resource> <name>'\n"
                "   '<resource>'")
UNSUPPORTED_MEDIA = ("the body of the request was in an unknown format - accepted media types include: "
                     "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml")


def flags() -> list[Flag]:
    return opt.print_flags() + opt.filename_flags() + [
        Flag("patch", shorthand="p"),
        Flag("patch-file"),
        Flag("type", default="strategic"),
        opt.dry_run_flag(),
        Flag("local", "bool", False),
        Flag("field-manager", default="kubectl-patch"),
        Flag("subresource"),
        Flag("record", "bool", False),
    ]


# ----------------------------------------------------------------------- JSON patch (6902)


# ------------------------------------------------------------------------------- options


@dataclass
class PatchOptions:
    """Bound flags of ``patch``."""

    args: list[str]
    filenames: list[str]
    recursive: bool
    namespace: str
    explicit_namespace: bool
    patch_text: str
    patch_file: str
    patch_type: str
    dry_run: str
    local: bool
    print_opts: Any
    state: str | None

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "PatchOptions":
        namespace, explicit = opt.namespace_of(parsed)
        return cls(args=parsed.args, filenames=parsed["filename"], recursive=parsed["recursive"],
                   namespace=namespace, explicit_namespace=explicit, patch_text=parsed["patch"] or "",
                   patch_file=parsed["patch-file"] or "", patch_type=parsed["type"] or "",
                   dry_run=opt.dry_run_strategy(parsed), local=parsed["local"],
                   print_opts=opt.print_options(parsed),
                   state=parsed["state"])

    def validate(self) -> None:
        if self.patch_text and self.patch_file:
            raise errors.ClientError("cannot specify --patch and --patch-file together")
        if not self.patch_text and not self.patch_file:
            raise errors.ClientError("must specify --patch or --patch-file containing the contents of the patch")
        if self.local and self.args:
            raise errors.ClientError("cannot specify --local and server resources")
        if self.local and self.dry_run == "server":
            raise errors.ClientError("cannot specify --local and --dry-run=server - did you mean --dry-run=client?")
        if self.patch_type and self.patch_type.lower() not in PATCH_TYPES:
            raise errors.ClientError(f"--type must be one of [{' '.join(PATCH_TYPES)}], "
                                     f'not "{self.patch_type}"')

    @property
    def kind_of_patch(self) -> str:
        return (self.patch_type or "strategic").lower()

    def patch_document(self) -> Any:
        """The patch as JSON (YAML accepted, as kubectl's yaml.ToJSON does)."""
        from minikubectl.golang.strconv import quote as go_quote
        from minikubectl.io.yaml_values import YAMLConvertError, yaml_to_json_value

        text = self.patch_text
        if self.patch_file:
            try:
                with open(self.patch_file, encoding="utf-8") as handle:
                    text = handle.read()
            except OSError as exc:
                raise errors.ClientError(f"unable to read patch file: open {self.patch_file}: "
                                         f"{(exc.strerror or '').lower()}") from None
        try:
            return yaml_to_json_value(text)
        except YAMLConvertError as exc:
            raise errors.ClientError(f"unable to parse {go_quote(self.patch_text)}: "
                                     f"error converting YAML to JSON: {exc}") from None

    # -- running -----------------------------------------------------------------------
    def run(self, env: Env) -> int:
        from minikubectl.cli.resources import report_errors
        from minikubectl.cli.session import open_cluster

        patch = self.patch_document()
        found: list[errors.KubectlError] = []
        count = 0
        printer = self._printer()
        if self.local:
            for resource, obj in self._local_targets(env):
                count += 1
                self._visit(env, None, resource, obj, patch, printer, found)
        else:
            with open_cluster(env, self.state) as api:
                for resource, obj in self._server_targets(env, api, found):
                    count += 1
                    self._visit(env, api, resource, obj, patch, printer, found)
        if not count and not found:
            found.append(errors.ClientError("no objects passed to patch"))
        return report_errors(env, found)

    def _printer(self) -> Any:
        if self.print_opts.output or self.print_opts.template:
            from minikubectl.printers.flags import make_printer
            return make_printer(self.print_opts)
        return None

    def _local_targets(self, env: Env) -> list[tuple[Any, dict[str, Any]]]:
        from minikubectl.api.registry import builtin_registry
        from minikubectl.cli.resources import iter_manifest_objects, mapping_error

        if not self.filenames:
            raise errors.ClientError(NO_RESOURCES)
        registry = builtin_registry()
        targets = []
        for doc in iter_manifest_objects(self.filenames, self.recursive, env.stdin):
            resource = registry.for_kind(doc.obj.get("apiVersion", ""), doc.obj.get("kind", ""))
            if resource is None:
                raise mapping_error(doc.obj, self.namespace, doc.source)
            targets.append((resource, doc.obj))
        return targets

    def _server_targets(self, env: Env, api: Any, found: list) -> list[tuple[Any, dict[str, Any]]]:
        from minikubectl.cli.resources import Selection, select

        if not self.filenames and not self.args:
            raise errors.ClientError(NO_RESOURCES)
        if self.filenames and self.args:
            raise errors.ClientError("Unexpected args: [" + " ".join(self.args) + "]\n"
                                     "See 'kubectl patch -h' for help and examples")
        fetched = select(api, env.stdin, Selection(self.args, self.filenames, self.recursive, self.namespace))
        found.extend(fetched.errors)
        return list(fetched.pairs)

    def _visit(self, env: Env, api: Any, resource: Any, obj: dict[str, Any], patch: Any,
               printer: Any, found: list) -> None:
        try:
            if api is not None and self.dry_run != "client":
                result, changed = self._server_patch(api, resource, obj, patch)
            else:
                result = self._local_patch(resource, obj, patch)
                changed = result != obj
        except errors.KubectlError as exc:
            found.append(exc)
            return
        if printer is not None:
            printer.print_obj(result, env.stdout)
            return
        from minikubectl.printers.name import object_name
        word = "patched" if changed else "patched (no change)"
        env.stdout.write(f"{object_name(result)} {word}{opt.dry_run_suffix(self.dry_run)}\n")

    def _local_patch(self, resource: Any, obj: dict[str, Any], patch: Any) -> dict[str, Any]:
        """kubectl's getPatchedJSON: the patch applied in the client."""
        from minikubectl.api.merge import apply_patch, is_strategic

        kind = self.kind_of_patch
        if kind == "json":
            try:
                result = apply_json_patch(obj, decode_json_patch(patch))
            except JSONPatchError as exc:
                message = str(exc)
                if "doc is missing key" in message:
                    key = message[message.index("key:") + 5:]
                    message = f"Object to be patched is missing field ({key})"
                raise errors.ClientError(message) from None
        elif kind == "merge":
            result = apply_patch(obj, _as_object(patch), None)
        else:
            key = (resource.group, resource.kind)
            if not is_strategic(key):
                gv = f"{resource.group}/{resource.version}" if resource.group else f"/{resource.version}"
                raise errors.ClientError(f"strategic merge patch is not supported for {gv}, "
                                         f"Kind={resource.kind} locally, try --type merge")
            result = apply_patch(obj, _as_object(patch), key)
        if not isinstance(result, dict):
            raise errors.ClientError("Object 'Kind' is missing in 'null'")
        return result

    def _server_patch(self, api: Any, resource: Any, current: dict[str, Any], patch: Any) \
            -> tuple[dict[str, Any], bool]:
        return patch_on_server(api, resource, current, patch, self.kind_of_patch, self.dry_run)


def patch_on_server(api: Any, resource: Any, current: dict[str, Any], patch: Any, kind: str,
                    dry_run: str) -> tuple[dict[str, Any], bool]:
    """The API server's PATCH (``json``, ``merge`` or ``strategic``): apply, keep server-owned
    fields, write only on change. Returns the stored object and whether it changed."""
    from minikubectl.api.defaults import apply_scheme_defaults
    from minikubectl.api.merge import PatchError, apply_patch, is_strategic
    from minikubectl.cli.verbs.replace import keep_server_owned

    key = (resource.group, resource.kind)
    try:
        if kind == "json":
            try:
                operations = decode_json_patch(patch)
            except JSONPatchError as exc:
                raise errors.bad_request(str(exc)) from None
            try:
                patched = apply_json_patch(current, operations)
            except JSONPatchError as exc:
                raise _unprocessable(str(exc)) from None
        elif kind == "merge":
            patched = apply_patch(current, _server_object(patch), None)
        else:
            if not is_strategic(key):
                raise errors.StatusError("UnsupportedMediaType", 415, UNSUPPORTED_MEDIA)
            patched = apply_patch(current, _server_object(patch), key)
    except PatchError as exc:
        raise errors.bad_request(exc.message) from None
    if not isinstance(patched, dict):
        raise errors.bad_request("Object 'Kind' is missing in 'null'")
    patched = apply_scheme_defaults(patched)
    keep_server_owned(resource, current, patched)
    for field in ("apiVersion", "kind"):
        patched[field] = current.get(field)
    if patched == current:
        return current, False
    return api.update(resource, patched, dry_run=dry_run == "server", verb="patch"), True


def _as_object(patch: Any) -> dict[str, Any]:
    if not isinstance(patch, dict):
        raise errors.ClientError(f"json: cannot unmarshal {decoded_kind(patch)} into Go value of type "
                                 "map[string]interface {}")
    return patch


def _server_object(patch: Any) -> dict[str, Any]:
    if not isinstance(patch, dict):
        raise errors.bad_request(f"json: cannot unmarshal {decoded_kind(patch)} into Go value of type "
                                 "map[string]interface {}")
    return patch


class _InvalidRequest(errors.StatusError):
    """A 422 without kind or name: kubectl prints ``The request is invalid: <cause>: <cause>``."""

    def render(self) -> str:
        return f"The request is invalid: {self.message}: {self.message}"


def _unprocessable(message: str) -> errors.StatusError:
    return _InvalidRequest("Invalid", 422, message)


def run(env: Env, parsed: ParsedArgs) -> int:
    options = PatchOptions.complete(parsed)
    options.validate()
    return options.run(env)

