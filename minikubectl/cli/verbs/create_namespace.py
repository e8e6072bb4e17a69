"""``create namespace NAME``: create a namespace with the given name."""

from __future__ import annotations

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs

SUMMARY = "Create a namespace with the specified name"


def flags() -> list[Flag]:
    return opt.print_flags() + [opt.dry_run_flag(), Flag("save-config", "bool", False),
                                Flag("validate", default="strict", no_opt_default="strict"),
                                Flag("field-manager", default="kubectl-create")]


def run(env: Env, parsed: ParsedArgs) -> int:
    from minikubectl.cli.apply_common import ManifestWriter
    if len(parsed.args) != 1:
        raise errors.ClientError("exactly one NAME is required, got " + str(len(parsed.args))
                                 + "\nSee 'kubectl create namespace -h' for help and examples")
    name = parsed.args[0]
    dry_run = opt.dry_run_strategy(parsed)
    obj = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}
    print_opts = opt.print_options(parsed)
    writer = ManifestWriter(env, print_opts, dry_run)
    if dry_run == "client":
        # A client dry run prints the object as kubectl built it, without any server fields.
        # Key order is the Go struct's field order, which -o json keeps.
        shown = {"kind": "Namespace", "apiVersion": "v1",
                 "metadata": {"name": name, "creationTimestamp": None}, "spec": {}, "status": {}}
        writer.print_result(shown, "created", go_order=True)
        return 0
    with writer.session(parsed["state"]) as api:
        resource = api.registry.resolve_single("namespaces")
        try:
            created = api.create(resource, obj, "", dry_run=dry_run != "none")
        except errors.StatusError as exc:
            writer.errors.append(exc)
        else:
            writer.print_result(created, "created")
    writer.visited = 1
    return writer.finish()
