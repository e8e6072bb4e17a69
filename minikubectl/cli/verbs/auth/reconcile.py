"""``auth reconcile``: create or extend RBAC roles and bindings from manifests.

Each Role/ClusterRole gets the rules it is missing (``--remove-extra-permissions``: exactly
the manifest's), each binding the subjects it is missing (``--remove-extra-subjects``), a
binding to another role is recreated, a missing namespace is created, and objects annotated
``rbac.authorization.kubernetes.io/autoupdate: "false"`` are left alone. Other kinds in the
files are skipped. What was needed is reported on stderr, as kubectl does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass

if TYPE_CHECKING:
    from minikubectl.api.policy_rules import Reconciled
    from minikubectl.store.apiserver import ApiServer

SUMMARY = "Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects"
_ROLES = ("Role", "ClusterRole")
_BINDINGS = ("RoleBinding", "ClusterRoleBinding")
_CAVEAT = ", but object opted out (rbac.authorization.kubernetes.io/autoupdate: false)"


def flags() -> list[Flag]:
    return opt.print_flags() + opt.filename_flags() + [
        Flag("remove-extra-permissions", "bool", False),
        Flag("remove-extra-subjects", "bool", False),
        opt.dry_run_flag(),
    ]


@dataclass
class ReconcileOptions:
    """Bound flags of ``auth reconcile``."""

    filenames: list[str]
    kustomize: str
    recursive: bool
    namespace: str
    explicit_namespace: bool
    dry_run: bool
    remove_extra_permissions: bool
    remove_extra_subjects: bool
    print_opts: Any
    state: str | None

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "ReconcileOptions":
        from minikubectl.cli.resources import check_filename_flags

        filenames, kustomize = parsed["filename"], parsed["kustomize"] or ""
        check_filename_flags(filenames, kustomize, parsed["recursive"])
        if not filenames and not kustomize:
            raise errors.ClientError("must specify one of -f and -k")
        if parsed.args:
            raise errors.ClientError("no arguments are allowed")
        strategy = opt.dry_run_strategy(parsed)
        if strategy == "server":
            raise errors.ClientError("--dry-run=server for command reconcile is not supported yet")
        namespace, explicit = opt.namespace_of(parsed)
        return cls(filenames=filenames, kustomize=kustomize, recursive=parsed["recursive"],
                   namespace=namespace, explicit_namespace=explicit, dry_run=strategy == "client",
                   remove_extra_permissions=parsed["remove-extra-permissions"],
                   remove_extra_subjects=parsed["remove-extra-subjects"],
                   print_opts=opt.print_options(parsed), state=parsed["state"])

    def run(self, env: Env) -> int:
        from minikubectl.cli.resources import check_namespace_match, read_documents
        from minikubectl.cli.session import open_cluster

        printer = None
        if self.print_opts.output or self.print_opts.template:
            from minikubectl.printers.flags import make_printer
            printer = make_printer(self.print_opts)
        documents = list(read_documents(self.filenames, self.kustomize, self.recursive, env.stdin))
        with open_cluster(env, self.state) as api:
            for doc in documents:
                obj = doc.obj
                kind = obj.get("kind")
                if kind not in _ROLES + _BINDINGS:
                    continue  # kubectl skips what is not RBAC
                if obj.get("apiVersion") != "rbac.authorization.k8s.io/v1":
                    raise errors.ClientError("only rbac.authorization.k8s.io/v1 is supported: not "
                                             f"*{obj.get('apiVersion', '').rsplit('/', 1)[-1]}.{kind}")
                check_namespace_match(obj, self.namespace, self.explicit_namespace)
                result = self._reconcile(api, obj)
                self._report(env, printer, result)
        return 0

    def _reconcile(self, api: "ApiServer", obj: dict[str, Any]) -> "Reconciled":
        from minikubectl.api import policy_rules

        resource = api.resource_for(obj)
        meta = obj.setdefault("metadata", {})
        ns = (meta.get("namespace") or self.namespace) if resource.namespaced else None
        if ns is not None:
            meta["namespace"] = ns
        existing = api.peek(resource, ns, str(meta.get("name", "")))
        if obj["kind"] in _ROLES:
            result = policy_rules.reconcile_role(existing, obj, self.remove_extra_permissions)
        else:
            result = policy_rules.reconcile_binding(existing, obj, self.remove_extra_subjects)
        if result.protected or self.dry_run or result.operation == "none":
            return result
        if result.operation == "recreate" and existing is not None:
            api.delete(resource, ns, existing["metadata"]["name"])
        if result.operation in ("create", "recreate"):
            if ns is not None and api.peek(api.registry.by_qualified_plural("namespaces"), None, ns) is None:
                api.create(api.registry.by_qualified_plural("namespaces"),
                           {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}, "")
            result.obj = api.create(resource, result.obj, ns or "")
        else:
            result.obj = api.update(resource, result.obj)
        return result

    def _report(self, env: Env, printer: Any, result: "Reconciled") -> None:
        from minikubectl.api.policy_rules import go_rule, go_subject

        obj = result.obj
        if printer is not None:
            printer.print_obj(obj, env.stdout)
        else:
            from minikubectl.printers.name import object_name
            suffix = " (dry run)" if self.dry_run else ""
            env.stdout.write(f"{object_name(obj)} reconciled{suffix}\n")
        if result.operation == "none":
            return
        caveat = _CAVEAT if result.protected else ""
        err = env.stderr
        err.write(f"\treconciliation required {result.operation}{caveat}\n")
        if result.missing_subjects:
            err.write("\tmissing subjects added:\n" + "".join(f"\t\t{go_subject(s)}\n" for s in result.missing_subjects))
        if self.remove_extra_subjects and result.extra_subjects:
            err.write("\textra subjects removed:\n" + "".join(f"\t\t{go_subject(s)}\n" for s in result.extra_subjects))
        if result.missing_rules:
            err.write("\tmissing rules added:\n" + "".join(f"\t\t{go_rule(r)}\n" for r in result.missing_rules))
        if self.remove_extra_permissions and result.extra_rules:
            err.write("\textra rules removed:\n" + "".join(f"\t\t{go_rule(r)}\n" for r in result.extra_rules))


def run(env: Env, parsed: ParsedArgs) -> int:
    options = ReconcileOptions.complete(parsed)
    return options.run(env)
