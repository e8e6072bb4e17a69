"""``apply``: client-side apply (create, or three-way strategic merge with the live object)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs

SUMMARY = "Apply a configuration to a resource by file name or stdin"
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
MISSING_ANNOTATION_WARNING = (
    "Warning: resource {resource} is missing the kubectl.kubernetes.io/last-applied-configuration "
    "annotation which is required by kubectl apply. kubectl apply should only be used on resources "
    "created declaratively by either kubectl create --save-config or kubectl apply. The missing "
    "annotation will be patched automatically.")


def flags() -> list[Flag]:
    return opt.print_flags() + opt.filename_flags() + opt.selector_flags()[:1] + [
        opt.dry_run_flag(),
        Flag("validate", default="strict", no_opt_default="strict"),
        Flag("force", "bool", False),
        Flag("prune", "bool", False),
        Flag("all", "bool", False),
        Flag("overwrite", "bool", True),
        Flag("server-side", "bool", False),
        Flag("force-conflicts", "bool", False),
        Flag("field-manager", default="kubectl-client-side-apply"),
        Flag("cascade", default="background", no_opt_default="background"),
        Flag("grace-period", "int", -1),
        Flag("timeout", default="0s"),
        Flag("wait", "bool", False),
        Flag("record", "bool", False),
        Flag("openapi-patch", "bool", True),
        Flag("prune-allowlist", "slice", []),
    ]


def kind_key(resource: Any) -> tuple[str, str]:
    """The (group, kind) key the merge module uses to find strategic-merge list keys."""
    return (resource.group, resource.kind)


@dataclass
class ApplyOptions:
    """Bound flags of ``apply``."""

    filenames: list[str]
    recursive: bool
    namespace: str
    explicit_namespace: bool
    dry_run: str
    validate_mode: str
    print_opts: Any
    state: str | None
    selector: str = ""
    kustomize: str = ""
    force: bool = False
    grace_period: int = -1

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "ApplyOptions":
        namespace, explicit = opt.namespace_of(parsed)
        return cls(filenames=parsed["filename"], recursive=parsed["recursive"], namespace=namespace,
                   kustomize=parsed["kustomize"] or "",
                   explicit_namespace=explicit, dry_run=opt.dry_run_strategy(parsed),
                   validate_mode=parsed["validate"] or "strict",
                   print_opts=opt.print_options(parsed),
                   state=parsed["state"], selector=parsed["selector"] or "",
                   force=parsed["force"], grace_period=parsed["grace-period"])

    def validate(self, parsed: ParsedArgs) -> None:
        from minikubectl.cli.resources import check_filename_flags

        check_filename_flags(self.filenames, self.kustomize, self.recursive)
        if not self.filenames and not self.kustomize:
            raise errors.ClientError("must specify one of -f and -k")
        if parsed.args:
            raise errors.ClientError("Unexpected args: [" + " ".join(parsed.args) + "]\n"
                                     "See 'kubectl apply -h' for help and examples")

    def run(self, env: Env) -> int:
        from minikubectl.cli.apply_common import ManifestWriter

        writer = ManifestWriter(env, self.print_opts, self.dry_run, self.validate_mode,
                                selector=self.selector)
        self.env = env
        with writer.session(self.state) as api:
            for doc in writer.documents(self.filenames, self.recursive, self.kustomize):
                writer.visit(api, doc, self.namespace, self.explicit_namespace, "creating", self._apply)
        if not writer.visited and not writer.errors:
            writer.errors.append(errors.ClientError("no objects passed to apply"))
        return writer.finish()

    def _apply(self, api: Any, resource: Any, manifest: dict[str, Any], namespace: str) -> tuple[dict, str]:
        from minikubectl.api.merge import apply_patch, is_empty_patch, modified_configuration, \
            original_configuration, three_way_merge_patch

        dry = self.dry_run != "none"
        ns = namespace if resource.namespaced else None
        # The builder puts the target namespace on the object before anything is compared.
        modified = modified_configuration(manifest, ns)
        meta = modified["metadata"]
        name = meta.get("name", "")
        try:
            live = api.get(resource, ns, name)
        except errors.StatusError as exc:
            if exc.reason != "NotFound":
                raise
            if self.dry_run == "client":
                return modified, "created"
            return api.create(resource, modified, namespace, dry_run=dry), "created"
        original = original_configuration(live)
        if original is None:
            self.env.stderr.write(MISSING_ANNOTATION_WARNING.format(
                resource=f"{resource.qualified_plural}/{name}") + "\n")
        patch = three_way_merge_patch(original, modified, live, kind_key(resource))
        if is_empty_patch(patch):
            return live, "unchanged"
        updated = apply_patch(live, patch, kind_key(resource))
        if self.dry_run == "client":
            return updated, "configured"
        try:
            return api.update(resource, updated, dry_run=dry), "configured"
        except errors.StatusError as exc:
            if not (self.force and not dry and exc.reason in ("Conflict", "Invalid")):
                raise
        return self._delete_and_create(api, resource, live, modified, ns), "configured"

    def _delete_and_create(self, api: Any, resource: Any, live: dict[str, Any],
                           modified: dict[str, Any], ns: str | None) -> dict[str, Any]:
        """``--force``: the Patcher's deleteAndCreate after a Conflict or Invalid patch."""
        name = live["metadata"].get("name", "")
        grace = None if self.grace_period < 0 else self.grace_period
        if not api.delete(resource, ns, name, grace_period=grace).gone:
            # kubectl polls for the object to be gone within --timeout (0 here: one look).
            raise errors.ClientError("timed out waiting for the condition")
        try:
            return api.create(resource, modified, ns or "")
        except errors.KubectlError:
            # restore the original object, and still report why the new one was refused
            import copy
            original = copy.deepcopy(live)
            for key in ("resourceVersion", "uid", "creationTimestamp", "generation"):
                original["metadata"].pop(key, None)
            try:
                api.create(resource, original, ns or "")
            except errors.KubectlError:
                pass
            raise


def run(env: Env, parsed: ParsedArgs) -> int:
    options = ApplyOptions.complete(parsed)
    options.validate(parsed)
    return options.run(env)
