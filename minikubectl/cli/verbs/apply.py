"""``apply``: client-side apply (create, or three-way strategic merge with the live object)."""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass

SUMMARY = "Apply a configuration to a resource by file name or stdin"
SUBCOMMANDS = {
    "view-last-applied": "minikubectl.cli.verbs.apply_view_last_applied",
    "set-last-applied": "minikubectl.cli.verbs.apply_set_last_applied",
    "edit-last-applied": "minikubectl.cli.verbs.apply_edit_last_applied",
}
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
CLIENT_SIDE_MANAGER = "kubectl-client-side-apply"
SERVER_SIDE_MANAGER = "kubectl"
LAST_APPLIED_MANAGER = "kubectl-last-applied"
CONFLICT_ADVICE = """
Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the `--force-conflicts` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts"""
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
        Flag("field-manager", default=CLIENT_SIDE_MANAGER),
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
    server_side: bool = False
    force_conflicts: bool = False
    field_manager: str = CLIENT_SIDE_MANAGER

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "ApplyOptions":
        namespace, explicit = opt.namespace_of(parsed)
        return cls(filenames=parsed["filename"], recursive=parsed["recursive"], namespace=namespace,
                   kustomize=parsed["kustomize"] or "",
                   explicit_namespace=explicit, dry_run=opt.dry_run_strategy(parsed),
                   validate_mode=parsed["validate"] or "strict",
                   print_opts=opt.print_options(parsed),
                   state=parsed["state"], selector=parsed["selector"] or "",
                   force=parsed["force"], grace_period=parsed["grace-period"],
                   server_side=parsed["server-side"], force_conflicts=parsed["force-conflicts"],
                   field_manager=field_manager_of(parsed))

    def validate(self, parsed: ParsedArgs) -> None:
        from minikubectl.cli.resources import check_filename_flags

        if self.force_conflicts and not self.server_side:
            raise errors.ClientError("--force-conflicts only works with --server-side")
        if self.dry_run == "client" and self.server_side:
            raise errors.ClientError("--dry-run=client doesn't work with --server-side "
                                     "(did you mean --dry-run=server instead?)")
        check_filename_flags(self.filenames, self.kustomize, self.recursive)
        if not self.filenames and not self.kustomize:
            raise errors.ClientError("must specify one of -f and -k")
        if self.server_side and self.force:
            raise errors.ClientError("--force cannot be used with --server-side")
        if self.dry_run == "server" and self.force:
            raise errors.ClientError("--dry-run=server cannot be used with --force")
        if parsed.args:
            raise errors.ClientError("Unexpected args: [" + " ".join(parsed.args) + "]\n"
                                     "See 'kubectl apply -h' for help and examples")

    def run(self, env: Env) -> int:
        from minikubectl.cli.apply_common import ManifestWriter

        writer = ManifestWriter(env, self.print_opts, self.dry_run, self.validate_mode,
                                selector=self.selector)
        self.env = env
        with writer.session(self.state) as api:
            operation = self._apply_server_side if self.server_side else self._apply
            verb = "" if self.server_side else "creating"
            for doc in writer.documents(self.filenames, self.recursive, self.kustomize):
                writer.visit(api, doc, self.namespace, self.explicit_namespace, verb, operation)
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
            # Only printed (by name or through a printer, neither changes it): not copied.
            return api.create(resource, modified, namespace, dry_run=dry, copy_result=False), "created"
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
            return api.update(resource, updated, dry_run=dry, verb="patch"), "configured"
        except errors.StatusError as exc:
            if not (self.force and not dry and exc.reason in ("Conflict", "Invalid")):
                raise
        return self._delete_and_create(api, resource, live, modified, ns), "configured"

    def _apply_server_side(self, api: Any, resource: Any, manifest: dict[str, Any],
                           namespace: str) -> tuple[dict, str]:
        """``--server-side``: an apply patch, then kubectl's migration from client-side apply."""
        from minikubectl.store.field_manager import owns_last_applied_by_apply, \
            upgrade_client_side_managers

        meta = manifest.get("metadata") or {}
        if not meta.get("name") and meta.get("generateName"):
            raise errors.ClientError(f"from {meta['generateName']}: cannot use generate name with apply")
        dry = self.dry_run == "server"
        try:
            stored = api.server_side_apply(resource, manifest, namespace, manager=self.field_manager,
                                           force=self.force_conflicts, dry_run=dry)
        except errors.StatusError as exc:
            if exc.reason == "Conflict":
                raise errors.ClientError(exc.message + CONFLICT_ADVICE) from None
            raise
        if dry or self.field_manager != SERVER_SIDE_MANAGER:
            return stored, "serverside-applied"
        if LAST_APPLIED in (stored["metadata"].get("annotations") or {}) \
                and not owns_last_applied_by_apply(stored):
            # Keep the client-side annotation owned, so that the next apply does not drop it.
            just_annotation = {"apiVersion": stored["apiVersion"], "kind": stored["kind"], "metadata": {
                "name": stored["metadata"]["name"],
                "annotations": {LAST_APPLIED: stored["metadata"]["annotations"][LAST_APPLIED]}}}
            if resource.namespaced:
                just_annotation["metadata"]["namespace"] = stored["metadata"].get("namespace")
            stored = api.server_side_apply(resource, just_annotation, namespace,
                                           manager=LAST_APPLIED_MANAGER)
        # The object the server answered with (a copy) is what the migration reads and patches.
        if upgrade_client_side_managers(stored, self.field_manager):
            api.update(resource, stored, verb="patch")
            # Re-applied, so that what the client-side managers owned and this configuration
            # no longer sets is finally removed.
            stored = api.server_side_apply(resource, manifest, namespace, manager=self.field_manager,
                                           force=self.force_conflicts)
        return stored, "serverside-applied"

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


def field_manager_of(parsed: ParsedArgs) -> str:
    """``--field-manager`` when given, else kubectl's default for client- or server-side apply."""
    if "field-manager" in parsed.changed:
        return parsed["field-manager"]
    return SERVER_SIDE_MANAGER if parsed["server-side"] else CLIENT_SIDE_MANAGER


def run(env: Env, parsed: ParsedArgs) -> int:
    options = ApplyOptions.complete(parsed)
    options.validate(parsed)
    return options.run(env)
