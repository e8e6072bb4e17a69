"""What every object generator shares (``create deployment|configmap|...``, ``run``, ``expose``).

kubectl's generator commands all follow one flow: take ``NAME`` from the arguments, read
``--dry-run``, build the printer, check ``--validate``, build a typed object, add the
last-applied annotation under ``--save-config``, then either print the object as built
(client dry run) or POST it and print what the server returned.

Objects are built as dicts in Go struct field order, so that ``-o json`` of a client dry run
and the ``--save-config`` annotation come out as kubectl's encoder writes the typed object;
map-valued fields (labels, data, selectors) are inserted sorted, as Go sorts map keys.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"


def generator_flags(*extra: Flag, field_manager: str = "kubectl-create") -> list[Flag]:
    """The flags every ``create`` generator has, plus its own."""
    return opt.print_flags() + [
        opt.dry_run_flag(),
        Flag("save-config", "bool", False),
        Flag("validate", default="strict", no_opt_default="strict"),
        Flag("field-manager", default=field_manager),
    ] + list(extra)


def usage_error(message: str, command_path: str) -> errors.ClientError:
    """cmdutil.UsageErrorf: the message plus ``See '<cmd> -h' for help and examples``."""
    return errors.ClientError(f"{message}\nSee '{command_path} -h' for help and examples")


def name_from_args(parsed: ParsedArgs, command_path: str) -> str:
    """``NameFromCommandArgs``: exactly one argument before ``--``."""
    before_dash = len(parsed.args) - len(parsed.dash_args)
    if before_dash != 1:
        raise usage_error(f"exactly one NAME is required, got {before_dash}", command_path)
    return parsed.args[0]


def sorted_map(values: dict[str, Any]) -> dict[str, Any]:
    """A Go map as encoding/json writes it: keys in byte order."""
    return {key: values[key] for key in sorted(values, key=lambda k: k.encode("utf-8"))}


def object_meta(name: str, namespace: str = "", labels: dict[str, str] | None = None,
                annotations: dict[str, str] | None = None, *,
                timestamp: bool = True) -> dict[str, Any]:
    """metav1.ObjectMeta in field order, with the zero ``creationTimestamp`` a Go struct has."""
    meta: dict[str, Any] = {}
    if name:
        meta["name"] = name
    if namespace:
        meta["namespace"] = namespace
    if timestamp:
        meta["creationTimestamp"] = None
    if labels:
        meta["labels"] = sorted_map(labels)
    if annotations:
        meta["annotations"] = sorted_map(annotations)
    return meta


def go_error_text(exc: errors.KubectlError) -> str:
    """What Go's ``err.Error()`` says for an API error (the Status message)."""
    if isinstance(exc, errors.StatusError) and exc.reason == "Invalid" and exc.causes:
        head = f'{exc.kind} "{exc.name}" is invalid: '
        parts = [f"{c.field}: {c.detail}" if c.field else c.detail for c in exc.causes]
        return head + (parts[0] if len(parts) == 1 else "[" + ", ".join(parts) + "]")
    return exc.message


@dataclass
class Generator:
    """One generator command after Complete: name, namespace, dry-run strategy, printer."""

    env: Env
    parsed: ParsedArgs
    command_path: str
    name: str
    namespace: str
    enforce_namespace: bool
    dry_run: str
    printer: Any

    @classmethod
    def complete(cls, env: Env, parsed: ParsedArgs, command_path: str,
                 name: str | None = None) -> "Generator":
        """Name, dry run, printer and ``--validate``, checked in kubectl's order."""
        if name is None:
            name = name_from_args(parsed, command_path)
        namespace, explicit = opt.namespace_of(parsed)
        dry_run = opt.dry_run_strategy(parsed)
        printer = None
        output = parsed.get("output") or ""
        template = parsed.get("template") or ""
        if output or template:
            from minikubectl.printers.flags import make_printer
            printer = make_printer(opt.print_options(parsed))
        from minikubectl.api.schema_validation import parse_validate_flag
        parse_validate_flag(parsed.get("validate") or "strict")
        return cls(env, parsed, command_path, name, namespace, explicit, dry_run, printer)

    @property
    def object_namespace(self) -> str:
        """The namespace written into a built object: only an explicit ``-n`` is."""
        return self.namespace if self.enforce_namespace else ""

    def emit(self, obj: dict[str, Any], *, failure: str | None = None,
             word: str = "created", send: Callable[[Any, dict[str, Any]], dict[str, Any]] | None = None
             ) -> int:
        """Annotate, create (unless a client dry run) and print ``obj``.

        ``failure`` prefixes API errors as kubectl does (``failed to create deployment: ``);
        without it an API error prints as the server's. ``send`` replaces the plain POST.
        """
        if self.parsed.get("save-config"):
            add_last_applied(obj)
        if self.dry_run == "client":
            self.print(obj, word, go_order=True)
            return 0
        from minikubectl.cli.session import open_cluster
        with open_cluster(self.env, self.parsed.get("state")) as api:
            try:
                if send is not None:
                    created = send(api, obj)
                else:
                    created = self.post(api, obj)
            except errors.StatusError as exc:
                if failure is None:
                    raise
                raise errors.ClientError(f"{failure}{go_error_text(exc)}") from None
        self.print(created, word, go_order=False)
        return 0

    def post(self, api: Any, obj: dict[str, Any]) -> dict[str, Any]:
        """POST ``obj`` to its collection (a server dry run when asked)."""
        resource = api.registry.for_kind(obj["apiVersion"], obj["kind"])
        return api.create(resource, wire_form(obj), self.namespace,
                          dry_run=self.dry_run == "server")

    def print(self, obj: dict[str, Any], word: str, *, go_order: bool) -> None:
        """The object through ``-o``, else ``kind/name <word>[ (dry run)]``."""
        out = self.env.stdout
        if self.printer is None:
            from minikubectl.printers.name import object_name
            out.write(f"{object_name(obj)} {word}{opt.dry_run_suffix(self.dry_run)}\n")
            return
        from minikubectl.printers.json_yaml import JSONPrinter
        if go_order and type(self.printer) is JSONPrinter:
            from minikubectl.golang.json import marshal
            out.write(marshal(obj, indent="    ", sort_keys=False) + "\n")
            return
        self.printer.print_obj(obj, out)


def add_last_applied(obj: dict[str, Any]) -> None:
    """``CreateOrUpdateAnnotation``: the object's own JSON (struct order) as the annotation."""
    from minikubectl.golang.json import marshal
    value = marshal(obj, sort_keys=False) + "\n"
    meta = obj.setdefault("metadata", {})
    annotations = dict(meta.get("annotations") or {})
    annotations[LAST_APPLIED] = value
    meta["annotations"] = sorted_map(annotations)


def wire_form(obj: dict[str, Any]) -> dict[str, Any]:
    """The object as the API server decodes it: the zero ``creationTimestamp`` is dropped."""
    import copy
    sent = copy.deepcopy(obj)
    meta = sent.get("metadata")
    if isinstance(meta, dict) and meta.get("creationTimestamp") is None:
        meta.pop("creationTimestamp", None)
    return sent


def pod_template_container(name: str, image: str, command: list[str] | None = None,
                           args: list[str] | None = None) -> dict[str, Any]:
    """corev1.Container in field order, with the always-present ``resources: {}``."""
    container: dict[str, Any] = {"name": name, "image": image}
    if command:
        container["command"] = list(command)
    if args:
        container["args"] = list(args)
    container["resources"] = {}
    return container


def parse_pairs(specs: list[str], what: str) -> dict[str, str]:
    """``k=v`` items (labels split on commas first) with kubectl's ParseLabels checks."""
    from minikubectl.api.labels import is_qualified_name, is_valid_label_value
    result: dict[str, str] = {}
    for spec in specs:
        key, sep, value = spec.partition("=")
        if not sep or not key:
            raise errors.ClientError(f"invalid {what} spec: {spec}")
        if what == "label" and (is_qualified_name(key) or is_valid_label_value(value)):
            raise errors.ClientError(f"invalid label spec: {spec}")
        result[key] = value
    return result


def apply_overrides(obj: dict[str, Any], overrides: str, override_type: str) -> dict[str, Any]:
    """``--overrides`` as a JSON merge patch, a JSON patch or a strategic merge patch."""
    try:
        patch = json.loads(overrides)
    except ValueError as exc:
        raise errors.ClientError(f"error parsing --overrides: {exc}") from None
    if override_type == "json":
        from minikubectl.api.jsonpatch import apply_json_patch, decode_json_patch
        return apply_json_patch(obj, decode_json_patch(patch))
    if override_type not in ("merge", "strategic"):
        raise errors.ClientError(f"invalid override type: {override_type}")
    if not isinstance(patch, dict):
        raise errors.ClientError("error parsing --overrides: not a JSON object")
    from minikubectl.api.merge import apply_patch
    kind_key = ("", "Pod") if override_type == "strategic" else None
    try:
        return apply_patch(obj, patch, kind_key)  # type: ignore[arg-type]
    except (KeyError, TypeError):
        return apply_patch(obj, patch, None)
