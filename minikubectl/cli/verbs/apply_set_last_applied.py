"""``apply set-last-applied``: set the last-applied-configuration annotation from files."""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass

SUMMARY = "Set the last-applied-configuration annotation on a live object to match the contents of a file."
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"


def flags() -> list[Flag]:
    return opt.print_flags() + [opt.dry_run_flag(), Flag("create-annotation", "bool", False),
                                Flag("filename", "slice", [], shorthand="f")]


@dataclass
class SetLastAppliedOptions:
    """Bound flags of ``apply set-last-applied``."""

    filenames: list[str]
    namespace: str
    explicit_namespace: bool
    dry_run: str
    create_annotation: bool
    print_opts: Any
    state: str | None

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "SetLastAppliedOptions":
        namespace, explicit = opt.namespace_of(parsed)
        return cls(filenames=parsed["filename"], namespace=namespace, explicit_namespace=explicit,
                   dry_run=opt.dry_run_strategy(parsed), create_annotation=parsed["create-annotation"],
                   print_opts=opt.print_options(parsed), state=parsed["state"])

    def run(self, env: Env) -> int:
        from minikubectl.api.merge import to_compact_json
        from minikubectl.cli.resources import check_namespace_match, read_documents
        from minikubectl.cli.session import open_cluster

        printer = None
        if self.print_opts.output or self.print_opts.template:
            from minikubectl.printers.flags import make_printer
            printer = make_printer(self.print_opts)
        with open_cluster(env, self.state) as api:
            planned = []
            # Every object is checked before any is changed, as kubectl validates first.
            for doc in read_documents(self.filenames, "", False, env.stdin):
                obj = doc.obj
                resource = api.resource_for(obj)
                check_namespace_match(obj, self.namespace, self.explicit_namespace)
                meta = obj.setdefault("metadata", {})
                ns = (meta.get("namespace") or self.namespace) if resource.namespaced else None
                if ns is not None:
                    meta["namespace"] = ns
                name = str(meta.get("name", ""))
                live = api.get(resource, ns, name)
                wanted = to_compact_json(obj) + "\n"
                current = ((live.get("metadata") or {}).get("annotations") or {}).get(LAST_APPLIED)
                if current is None and not self.create_annotation:
                    raise errors.ClientError(f"no last-applied-configuration annotation found on resource: "
                                             f"{name}, to create the annotation, run the command with "
                                             "--create-annotation")
                if current == wanted:
                    env.stdout.write(f"set-last-applied {name}: no changes required.\n")
                    continue
                planned.append((resource, live, wanted))
            for resource, live, wanted in planned:
                if self.dry_run != "client":
                    changed = dict(live)
                    changed["metadata"] = {**live["metadata"], "annotations": {
                        **(live["metadata"].get("annotations") or {}), LAST_APPLIED: wanted}}
                    live = api.update(resource, changed, dry_run=self.dry_run == "server", verb="patch")
                if printer is not None:
                    printer.print_obj(live, env.stdout)
                else:
                    from minikubectl.printers.name import object_name
                    env.stdout.write(f"{object_name(live)} configured{opt.dry_run_suffix(self.dry_run)}\n")
        return 0


def run(env: Env, parsed: ParsedArgs) -> int:
    return SetLastAppliedOptions.complete(parsed).run(env)
