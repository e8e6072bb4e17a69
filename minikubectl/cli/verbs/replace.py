"""``replace``: PUT whole manifests over live objects (``--force``: delete, wait, create).

A PUT replaces everything the client may set; the API server still applies its scheme
defaults, keeps what the client may not change (identity, status of kinds with a status
subresource, a namespace's finalizers, a service's allocated addresses) and refuses a
stale resourceVersion. kubectl fills in the live resourceVersion when the manifest has
none, so a plain ``replace`` never conflicts. The last-applied annotation is written only
with ``--save-config`` or when the manifest itself already carries one.
"""

from __future__ import annotations

import io
from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass

SUMMARY = "Replace a resource by file name or stdin"
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
SUPPORTED_SUBRESOURCES = ("status", "scale")
# Service fields the API server allocated and keeps when a PUT leaves them out.
_SERVICE_ALLOCATED = ("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy", "healthCheckNodePort")


def flags() -> list[Flag]:
    return opt.print_flags() + opt.filename_flags() + [
        opt.dry_run_flag(),
        Flag("force", "bool", False),
        Flag("grace-period", "int", -1),
        Flag("cascade", default="background", no_opt_default="background"),
        Flag("timeout", default="0s"),
        Flag("wait", "bool", False),
        Flag("now", "bool", False, hidden=True),
        Flag("save-config", "bool", False),
        Flag("validate", default="strict", no_opt_default="strict"),
        Flag("raw"),
        Flag("subresource"),
        Flag("field-manager", default="kubectl-replace"),
        Flag("record", "bool", False),
    ]


@dataclass
class ReplaceOptions:
    """Bound flags of ``replace``."""

    filenames: list[str]
    recursive: bool
    namespace: str
    explicit_namespace: bool
    dry_run: str
    force: bool
    grace_period: int
    timeout: str
    cascade: str
    save_config: bool
    validate_mode: str
    output: str
    print_opts: Any
    state: str | None
    kustomize: str = ""

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "ReplaceOptions":
        namespace, explicit = opt.namespace_of(parsed)
        options = cls(
            filenames=parsed["filename"], recursive=parsed["recursive"], namespace=namespace,
            explicit_namespace=explicit, dry_run=opt.dry_run_strategy(parsed), force=parsed["force"],
            grace_period=parsed["grace-period"], timeout=parsed["timeout"] or "0s",
            cascade=parsed["cascade"] or "background", save_config=parsed["save-config"],
            validate_mode=parsed["validate"] or "strict", output=parsed["output"] or "",
            print_opts=opt.print_options(parsed),
            state=parsed["state"], kustomize=parsed["kustomize"] or "")
        from minikubectl.cli.resources import check_filename_flags
        check_filename_flags(options.filenames, options.kustomize, options.recursive)
        if options.print_opts.output or options.print_opts.template:
            from minikubectl.printers.flags import make_printer
            make_printer(options.print_opts)  # an unknown -o fails before anything else
        if options.grace_period == 0:
            # kubectl turns --grace-period=0 into 1 and waits for the deletion.
            options.grace_period = 1
        if not options.filenames and not options.kustomize:
            raise errors.ClientError("must specify one of -f and -k")
        return options

    def validate(self, parsed: ParsedArgs) -> None:
        if self.grace_period >= 0 and not self.force:
            raise errors.ClientError("--grace-period must have --force specified")
        if self.timeout not in ("0", "0s", "") and not self.force:
            raise errors.ClientError("--timeout must have --force specified")
        if parsed["raw"]:
            raise errors.ClientError("--raw is not supported by minikubectl")
        subresource = parsed["subresource"] or ""
        if subresource and subresource not in SUPPORTED_SUBRESOURCES:
            raise errors.ClientError(f'invalid subresource value: "{subresource}". '
                                     f"Must be one of [{' '.join(SUPPORTED_SUBRESOURCES)}]")

    # -- plain replace ----------------------------------------------------------------
    def run(self, env: Env) -> int:
        if self.force:
            return self._force_replace(env)
        from minikubectl.cli.apply_common import ManifestWriter
        from minikubectl.cli.resources import report_errors

        writer = ManifestWriter(env, self.print_opts, self.dry_run, self.validate_mode)
        with writer.session(self.state) as api:
            for doc in writer.documents(self.filenames, self.recursive, self.kustomize):
                writer.visit(api, doc, self.namespace, self.explicit_namespace, "replacing", self._replace)
        return report_errors(env, writer.errors)

    def _replace(self, api: Any, resource: Any, manifest: dict[str, Any], namespace: str) \
            -> tuple[dict[str, Any], str]:
        obj = self._annotated(resource, manifest, namespace)
        if self.dry_run == "client":
            return obj, "replaced"
        return put(api, resource, obj, dry_run=self.dry_run == "server"), "replaced"

    def _annotated(self, resource: Any, manifest: dict[str, Any], namespace: str) -> dict[str, Any]:
        """The object as kubectl sends it: namespace filled in, annotation created or updated."""
        import copy

        obj = copy.deepcopy(manifest)
        meta = obj.get("metadata")
        if not isinstance(meta, dict):
            meta = obj["metadata"] = {}
        if resource.namespaced:
            meta["namespace"] = meta.get("namespace") or namespace
        annotations = meta.get("annotations") if isinstance(meta.get("annotations"), dict) else {}
        if self.save_config or annotations.get(LAST_APPLIED):
            from minikubectl.api.merge import last_applied_annotation_value
            value = last_applied_annotation_value(obj, meta.get("namespace") if resource.namespaced else None)
            meta.setdefault("annotations", {})[LAST_APPLIED] = value
        return obj

    # -- replace --force ----------------------------------------------------------------
    def _force_replace(self, env: Env) -> int:
        """Delete every object of the files (ignoring NotFound), wait until gone, create them."""
        from minikubectl.cli.apply_common import ManifestWriter
        from minikubectl.cli.resources import report_errors

        stdin_text = env.stdin.read() if "-" in self.filenames else ""
        writer = ManifestWriter(env, self.print_opts, self.dry_run, self.validate_mode)
        found: list[errors.KubectlError] = []
        created = 0
        with writer.session(self.state) as api:
            self._delete_all(env, api, stdin_text, found)
            if found:
                return report_errors(env, found)
            for doc in self._documents(stdin_text, writer):
                before = len(writer.errors)
                writer.visit(api, doc, self.namespace, self.explicit_namespace, "creating", self._create)
                created += len(writer.errors) == before
        found = _strip_create_context(writer.errors)
        if not created and not found:
            found.append(errors.ClientError("no objects passed to replace"))
        return report_errors(env, found)

    def _documents(self, stdin_text: str, writer: Any) -> Any:
        from minikubectl.cli.resources import read_documents

        try:
            yield from read_documents(self.filenames, self.kustomize, self.recursive, io.StringIO(stdin_text))
        except errors.KubectlError as exc:
            writer.errors.append(exc)

    def _delete_all(self, env: Env, api: Any, stdin_text: str, found: list[errors.KubectlError]) -> None:
        from minikubectl.cli.resources import mapping_error
        from minikubectl.cli.resources import read_documents

        pending = []
        try:
            for doc in read_documents(self.filenames, self.kustomize, self.recursive, io.StringIO(stdin_text)):
                obj = doc.obj
                resource = api.registry.for_kind(obj.get("apiVersion", ""), obj.get("kind", ""))
                if resource is None:
                    found.append(mapping_error(obj, self.namespace, doc.source))
                    continue
                meta = obj.get("metadata") if isinstance(obj.get("metadata"), dict) else {}
                ns = (meta.get("namespace") or self.namespace) if resource.namespaced else None
                outcome = self._delete_one(env, api, resource, ns, str(meta.get("name", "")), found)
                if outcome is not None and not outcome.gone:
                    pending.append((resource, outcome.obj))
        except errors.KubectlError as exc:
            found.append(exc)
        if pending and self.dry_run == "none":
            from minikubectl.sim import engine
            engine.wait_until_gone(api, pending, env)

    def _delete_one(self, env: Env, api: Any, resource: Any, ns: str | None, name: str,
                    found: list[errors.KubectlError]) -> Any:
        try:
            api.get(resource, ns, name)
        except errors.StatusError as exc:
            if exc.reason != "NotFound":
                found.append(exc)
            return None
        if self.dry_run != "none":
            outcome = None
        else:
            try:
                outcome = api.delete(resource, ns, name,
                                     grace_period=self.grace_period if self.grace_period >= 0 else None,
                                     propagation=_propagation(self.cascade))
            except errors.StatusError as exc:
                if exc.reason != "NotFound":
                    found.append(exc)
                return None
        if self.output == "name":
            env.stdout.write(f"{resource.qualified_kind}/{name}\n")
        else:
            env.stdout.write(f'{resource.qualified_kind} "{name}" deleted\n')
        return outcome

    def _create(self, api: Any, resource: Any, manifest: dict[str, Any], namespace: str) \
            -> tuple[dict[str, Any], str]:
        obj = self._annotated(resource, manifest, namespace)
        return api.create(resource, obj, namespace, dry_run=self.dry_run != "none"), "replaced"


# ------------------------------------------------------------------------- the server's PUT


def put(api: Any, resource: Any, obj: dict[str, Any], dry_run: bool = False) -> dict[str, Any]:
    """PUT ``obj`` as kubectl's Replace(overwrite=true) and the API server's update do."""
    from minikubectl.api.defaults import apply_scheme_defaults

    meta = obj.get("metadata") or {}
    ns = meta.get("namespace") if resource.namespaced else None
    name = str(meta.get("name", ""))
    current = api.peek(resource, ns, name)
    if current is None:
        raise errors.not_found(resource.qualified_plural, name)
    obj = apply_scheme_defaults(obj)
    if obj["metadata"].get("resourceVersion") in (None, "", "0"):
        # "0" asks for an unconditional update, which every built-in kind allows.
        obj["metadata"]["resourceVersion"] = current["metadata"].get("resourceVersion")
    keep_server_owned(resource, current, obj)
    return api.update(resource, obj, dry_run=dry_run)


def keep_server_owned(resource: Any, current: dict[str, Any], obj: dict[str, Any]) -> None:
    """What the update strategies keep from the stored object whatever the client sends."""
    from minikubectl.api.merge import is_strategic

    builtin = is_strategic((resource.group, resource.kind))
    if builtin and "status" in current:
        obj["status"] = current["status"]
    if resource.kind == "Namespace" and resource.group == "":
        finalizers = (current.get("spec") or {}).get("finalizers")
        spec = obj.setdefault("spec", {})
        if finalizers is not None:
            spec["finalizers"] = finalizers
        else:
            spec.pop("finalizers", None)
    if resource.kind == "Service" and resource.group == "":
        _keep_service_allocations(current.get("spec") or {}, obj.setdefault("spec", {}))


def _keep_service_allocations(old: dict[str, Any], new: dict[str, Any]) -> None:
    for key in _SERVICE_ALLOCATED:
        if key in old and not new.get(key):
            new[key] = old[key]
    old_ports = {(p.get("port"), p.get("protocol", "TCP")): p for p in old.get("ports") or []
                 if isinstance(p, dict)}
    for port in new.get("ports") or []:
        if not isinstance(port, dict) or port.get("nodePort"):
            continue
        previous = old_ports.get((port.get("port"), port.get("protocol", "TCP")))
        if previous and previous.get("nodePort") and new.get("type") in ("NodePort", "LoadBalancer"):
            port["nodePort"] = previous["nodePort"]


def _propagation(cascade: str) -> str:
    mapping = {"background": "Background", "true": "Background", "foreground": "Foreground",
               "orphan": "Orphan", "false": "Orphan"}
    if cascade not in mapping:
        raise errors.ClientError(
            f'invalid cascade value ({cascade}). Must be "background", "foreground", or "orphan".')
    return mapping[cascade]


def _strip_create_context(found: list[errors.KubectlError]) -> list[errors.KubectlError]:
    """``replace --force`` reports create errors without kubectl's ``error when ...`` prefix."""
    out: list[errors.KubectlError] = []
    for error in found:
        if isinstance(error, errors.StatusError) and error.context.startswith("error when creating"):
            out.append(error.with_context(""))
        else:
            out.append(error)
    return out


def run(env: Env, parsed: ParsedArgs) -> int:
    options = ReplaceOptions.complete(parsed)
    options.validate(parsed)
    return options.run(env)
