"""``create``: create resources from files or stdin, or by a subcommand."""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass

SUMMARY = "Create a resource from a file or from stdin"

SUBCOMMANDS = {
    "namespace": "minikubectl.cli.verbs.create_namespace",
    "ns": "minikubectl.cli.verbs.create_namespace",
    "deployment": "minikubectl.cli.verbs.create_deployment",
    "deploy": "minikubectl.cli.verbs.create_deployment",
    "configmap": "minikubectl.cli.verbs.create_configmap",
    "cm": "minikubectl.cli.verbs.create_configmap",
    "secret": "minikubectl.cli.verbs.create_secret",
    "service": "minikubectl.cli.verbs.create_service",
    "svc": "minikubectl.cli.verbs.create_service",
    "serviceaccount": "minikubectl.cli.verbs.create_serviceaccount",
    "sa": "minikubectl.cli.verbs.create_serviceaccount",
    "job": "minikubectl.cli.verbs.create_job",
    "cronjob": "minikubectl.cli.verbs.create_cronjob",
    "cj": "minikubectl.cli.verbs.create_cronjob",
    "quota": "minikubectl.cli.verbs.create_quota",
    "resourcequota": "minikubectl.cli.verbs.create_quota",
    "priorityclass": "minikubectl.cli.verbs.create_priorityclass",
    "pc": "minikubectl.cli.verbs.create_priorityclass",
    "ingress": "minikubectl.cli.verbs.create_ingress",
    "ing": "minikubectl.cli.verbs.create_ingress",
    "poddisruptionbudget": "minikubectl.cli.verbs.create_poddisruptionbudget",
    "pdb": "minikubectl.cli.verbs.create_poddisruptionbudget",
    "role": "minikubectl.cli.verbs.create_role",
    "token": "minikubectl.cli.verbs.create_token",
    "clusterrole": "minikubectl.cli.verbs.create_clusterrole",
    "rolebinding": "minikubectl.cli.verbs.create_rolebinding",
    "clusterrolebinding": "minikubectl.cli.verbs.create_clusterrolebinding",
}

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"


def flags() -> list[Flag]:
    return opt.print_flags() + opt.filename_flags() + opt.selector_flags()[:1] + [
        opt.dry_run_flag(),
        Flag("save-config", "bool", False),
        Flag("validate", default="strict", no_opt_default="strict"),
        Flag("edit", "bool", False),
        Flag("windows-line-endings", "bool", False),
        Flag("raw"),
        Flag("field-manager", default="kubectl-create"),
    ]


@dataclass
class CreateOptions:
    """``create -f``: one POST per manifest object."""

    filenames: list[str]
    recursive: bool
    namespace: str
    explicit_namespace: bool
    dry_run: str
    save_config: bool
    validate_mode: str
    print_opts: Any
    state: str | None
    selector: str = ""
    kustomize: str = ""

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "CreateOptions":
        namespace, explicit = opt.namespace_of(parsed)
        return cls(filenames=parsed["filename"], recursive=parsed["recursive"], namespace=namespace,
                   kustomize=parsed["kustomize"] or "",
                   explicit_namespace=explicit, dry_run=opt.dry_run_strategy(parsed),
                   save_config=parsed["save-config"], validate_mode=parsed["validate"] or "strict",
                   print_opts=opt.print_options(parsed),
                   state=parsed["state"], selector=parsed["selector"] or "")

    def validate(self, parsed: ParsedArgs) -> None:
        from minikubectl.cli.resources import check_filename_flags

        if parsed.args:
            raise errors.ClientError("Unexpected args: [" + " ".join(parsed.args) + "]\n"
                                     "See 'kubectl create -h' for help and examples")
        check_filename_flags(self.filenames, self.kustomize, self.recursive)
        if not self.filenames and not self.kustomize:
            raise errors.ClientError("must specify one of -f and -k")

    def run(self, env: Env) -> int:
        from minikubectl.cli.apply_common import ManifestWriter

        writer = ManifestWriter(env, self.print_opts, self.dry_run, self.validate_mode,
                                selector=self.selector)
        with writer.session(self.state) as api:
            for doc in writer.documents(self.filenames, self.recursive, self.kustomize):
                writer.visit(api, doc, self.namespace, self.explicit_namespace, "creating", self._create)
        return writer.finish()

    def _create(self, api: Any, resource: Any, obj: dict[str, Any], namespace: str) -> tuple[dict, str]:
        if self.save_config:
            from minikubectl.api.merge import last_applied_annotation_value
            value = last_applied_annotation_value(obj, namespace if resource.namespaced else None)
            obj.setdefault("metadata", {}).setdefault("annotations", {})[LAST_APPLIED] = value
        if self.dry_run == "client":
            # A client dry run never reaches the server: the object is printed as read.
            return obj, "created"
        created = api.create(resource, obj, namespace, dry_run=self.dry_run == "server")
        return created, "created"


def run(env: Env, parsed: ParsedArgs) -> int:
    options = CreateOptions.complete(parsed)
    options.validate(parsed)
    return options.run(env)
