"""``delete``: delete resources by names, files, selectors or ``--all``."""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.resources import Filters
from minikubectl.golang.structs import dataclass

SUMMARY = "Delete resources by file names, stdin, resources and names, or by resources and label selector"

FORCE_WARNING = ("Warning: Immediate deletion does not wait for confirmation that the running resource "
                 "has been terminated. The resource may continue to run on the cluster indefinitely.")
NO_RESOURCES = ("You must provide one or more resources by argument or filename.\n"
                "Example resource specifications include:\n"
                "   '-f rsrc.yaml'\n"
                "   '--filename=rsrc.json'\n"
                "   '<resource> <name>'\n"
                "   '<resource>'")
CLUSTER_SCOPED_WARNING = "Warning: deleting cluster-scoped resources, not scoped to the provided namespace"


def flags() -> list[Flag]:
    return opt.filename_flags() + opt.selector_flags() + [
        Flag("output", shorthand="o"),
        Flag("all", "bool", False),
        Flag("all-namespaces", "bool", False, shorthand="A"),
        Flag("ignore-not-found", "bool", False),
        Flag("now", "bool", False),
        Flag("grace-period", "int", -1),
        Flag("force", "bool", False),
        Flag("wait", "bool", True),
        Flag("cascade", default="background", no_opt_default="background"),
        Flag("timeout", default="0s"),
        Flag("interactive", "bool", False, shorthand="i"),
        Flag("raw"),
        opt.dry_run_flag(),
    ]


@dataclass
class DeleteOptions:
    """Bound flags of ``delete``."""

    args: list[str]
    filenames: list[str]
    recursive: bool
    namespace: str
    explicit_namespace: bool
    all_namespaces: bool
    delete_all: bool
    filters: Filters
    ignore_not_found: bool
    grace_period: int
    force: bool
    now: bool
    wait: bool
    cascade: str
    output: str
    dry_run: str
    timeout: str
    state: str | None
    kustomize: str = ""

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "DeleteOptions":
        namespace, explicit = opt.namespace_of(parsed)
        filters = Filters(parsed["selector"] or "", parsed["field-selector"] or "")
        options = cls(
            args=parsed.args, filenames=parsed["filename"], recursive=parsed["recursive"],
            namespace=namespace, explicit_namespace=explicit, all_namespaces=parsed["all-namespaces"],
            delete_all=parsed["all"], filters=filters, ignore_not_found=parsed["ignore-not-found"],
            grace_period=parsed["grace-period"], force=parsed["force"], now=parsed["now"],
            wait=parsed["wait"], cascade=_cascade(parsed["cascade"]), output=parsed["output"] or "",
            dry_run=opt.dry_run_strategy(parsed), timeout=parsed["timeout"] or "0s", state=parsed["state"],
            kustomize=parsed["kustomize"] or "")
        if options.delete_all or filters:
            # Selecting by label, field or --all never fails on objects that vanished meanwhile.
            options.ignore_not_found = options.ignore_not_found or "ignore-not-found" not in parsed.changed
        return options

    def validate(self) -> None:
        if self.output not in ("", "name"):
            raise errors.ClientError(f"unexpected -o output mode: {self.output}. We only support '-o name'")
        if self.delete_all and self.filters.label_selector:
            raise errors.ClientError("setting 'all' parameter but found a non empty selector. ")
        if self.delete_all and self.filters.field_selector:
            raise errors.ClientError("cannot set --all and --field-selector at the same time")
        if self.now:
            if self.grace_period != -1:
                raise errors.ClientError("--now and --grace-period cannot be specified together")
            self.grace_period = 1
        if self.force and self.grace_period > 0:
            raise errors.ClientError("--force and --grace-period greater than 0 cannot be specified together")
        if self.grace_period == 0 and not self.force:
            self.grace_period = 1
        if self.force and self.grace_period < 0:
            self.grace_period = 0
        from minikubectl.cli.resources import check_filename_flags
        check_filename_flags(self.filenames, self.kustomize, self.recursive)
        if not self.args and not self.filenames and not self.kustomize:
            raise errors.ClientError(NO_RESOURCES)
        if (self.delete_all or self.filters) and self.args and not self.filenames:
            # The builder's visitBySelector (--all is the everything selector there).
            if any("/" in arg for arg in self.args):
                raise errors.ClientError("selectors and the all flag cannot be used when passing "
                                         "resource/name arguments")
            if len(self.args) > 1:
                raise errors.ClientError("name cannot be provided when a selector is specified")
        if (self.filenames or self.kustomize) and self.args:
            raise errors.ClientError("Unexpected args: " + "[" + " ".join(self.args) + "]\n"
                                     "See 'kubectl delete -h' for help and examples")

    def run(self, env: Env) -> int:
        from minikubectl.cli.session import open_cluster

        if self.grace_period == 0 and self.force:
            env.stderr.write(FORCE_WARNING + "\n")
        found_errors: list[errors.KubectlError] = []
        with open_cluster(env, self.state) as api:
            targets = self._targets(api, env, found_errors)
            if any(not res.namespaced for res, _, _ in targets) and self.explicit_namespace:
                env.stderr.write(CLUSTER_SCOPED_WARNING + "\n")
            pending = []
            for resource, obj, source in targets:
                outcome = self._delete_one(env, api, resource, obj, source, found_errors)
                if outcome is not None and not outcome.gone:
                    pending.append((resource, outcome.obj))
            if pending and self.wait and self.dry_run == "none":
                from minikubectl.sim import engine
                engine.wait_until_gone(api, pending, env)
        if not targets and not found_errors and (self.delete_all or self.filters):
            env.stdout.write("No resources found\n")
        from minikubectl.cli.resources import report_errors
        return report_errors(env, found_errors)

    # -- steps ---------------------------------------------------------------------
    def _targets(self, api: Any, env: Env, found_errors: list) -> list[tuple[Any, dict[str, Any], str]]:
        from minikubectl.cli.resources import Selection, select
        fetched = select(api, env.stdin, Selection(
            self.args, self.filenames, self.recursive, self.namespace, self.all_namespaces,
            self.filters, self.delete_all, kustomize=self.kustomize), error_verb="deleting")
        found_errors.extend(self._filter_not_found(fetched.errors))
        return [(res, obj, source) for (res, obj), source in zip(fetched.pairs, fetched.sources)]

    def _filter_not_found(self, found: list[errors.KubectlError]) -> list[errors.KubectlError]:
        if not self.ignore_not_found:
            return found
        return [e for e in found if not (isinstance(e, errors.StatusError) and e.reason == "NotFound")]

    def _delete_one(self, env: Env, api: Any, resource: Any, obj: dict[str, Any], source: str,
                    found_errors: list) -> Any:
        from minikubectl.cli.resources import add_source
        meta = obj.get("metadata", {})
        grace = self.grace_period if self.grace_period >= 0 else None
        try:
            outcome = api.delete(resource, meta.get("namespace"), meta.get("name", ""),
                                 grace_period=grace, propagation=self.cascade,
                                 dry_run=self.dry_run != "none")
        except errors.StatusError as exc:
            if self.ignore_not_found and exc.reason == "NotFound":
                return None
            found_errors.append(add_source(exc, "deleting", source))
            return None
        if self.output == "name":
            env.stdout.write(f"{resource.qualified_kind}/{meta.get('name', '')}\n")
        else:
            word = "force deleted" if self.force and self.grace_period == 0 else "deleted"
            env.stdout.write(f'{resource.qualified_kind} "{meta.get("name", "")}" {word}'
                             f"{opt.dry_run_suffix(self.dry_run)}\n")
        return outcome


def _cascade(value: str) -> str:
    mapping = {"background": "Background", "true": "Background", "foreground": "Foreground",
               "orphan": "Orphan", "false": "Orphan"}
    if value not in mapping:
        raise errors.ClientError(
            f'invalid cascade value ({value}). Must be "background", "foreground", or "orphan".')
    return mapping[value]


def run(env: Env, parsed: ParsedArgs) -> int:
    options = DeleteOptions.complete(parsed)
    options.validate()
    return options.run(env)
