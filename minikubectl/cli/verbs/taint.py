"""``taint``: add, change or remove taints of nodes (kubectl's taint command and its utils)."""

from __future__ import annotations

import copy
from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass

SUMMARY = "Update the taints on one or more nodes"
EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")


def flags() -> list[Flag]:
    return opt.print_flags() + [
        opt.dry_run_flag(),
        Flag("validate", default="strict", no_opt_default="strict"),
        Flag("selector", shorthand="l"),
        Flag("overwrite", "bool", False),
        Flag("all", "bool", False),
        Flag("field-manager", default="kubectl-taint"),
    ]


def taint_text(taint: dict[str, Any]) -> str:
    """``Taint.ToString``: ``key[=value][:effect]``."""
    text = taint.get("key", "")
    if taint.get("value"):
        text += "=" + taint["value"]
    if taint.get("effect"):
        text += ":" + taint["effect"]
    return text


def parse_taint(spec: str) -> dict[str, str]:
    """One ``key[=value]:effect`` or ``key`` term (``parseTaint``)."""
    from minikubectl.api.labels import is_qualified_name, is_valid_label_value

    parts = spec.split(":")
    value = effect = ""
    if len(parts) == 1:
        key = parts[0]
    elif len(parts) == 2:
        effect = parts[1]
        if effect not in EFFECTS:
            raise errors.ClientError(f"invalid taint effect: {effect}, unsupported taint effect")
        pair = parts[0].split("=")
        if len(pair) > 2:
            raise errors.ClientError(f"invalid taint spec: {spec}")
        key = pair[0]
        if len(pair) == 2:
            value = pair[1]
            problems = is_valid_label_value(value)
            if problems:
                raise errors.ClientError(f"invalid taint spec: {spec}, {'; '.join(problems)}")
    else:
        raise errors.ClientError(f"invalid taint spec: {spec}")
    problems = is_qualified_name(key)
    if problems:
        raise errors.ClientError(f"invalid taint spec: {spec}, {'; '.join(problems)}")
    return {"key": key, "value": value, "effect": effect}


def parse_taints(specs: list[str]) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Taints to add and taints to remove (``key-``, ``key:effect-``)."""
    add: list[dict[str, str]] = []
    remove: list[dict[str, str]] = []
    for spec in specs:
        if spec.endswith("-"):
            taint = parse_taint(spec[:-1])
            remove.append({"key": taint["key"], "effect": taint["effect"]})
            continue
        taint = parse_taint(spec)
        if not taint["effect"]:
            raise errors.ClientError(f"invalid taint spec: {spec}")
        if any(t["key"] == taint["key"] and t["effect"] == taint["effect"] for t in add):
            raise errors.ClientError("duplicated taints with the same key and effect: "
                                     f"{{{taint['key']} {taint['value']} {taint['effect']} <nil>}}")
        add.append(taint)
    return add, remove


def _matches(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """``Taint.MatchTaint``: same key and effect."""
    return a.get("key") == b.get("key") and a.get("effect") == b.get("effect")


def _stored_form(taint: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in taint.items() if v}


def reorganize(old: list[dict[str, Any]], overwrite: bool, add: list[dict[str, str]],
               remove: list[dict[str, str]]) -> tuple[str, list[dict[str, Any]]]:
    """The node's new taints and the word kubectl reports (``reorganizeTaints``)."""
    new = [_stored_form(t) for t in add]
    for taint in old:
        if not any(_matches(t, taint) for t in new):
            new.append(taint)
    added = len(old) != len(new)
    missing: list[str] = []
    deleted = False
    for taint in remove:
        before = len(new)
        if taint["effect"]:
            new = [t for t in new if not _matches(taint, t)]
        else:
            new = [t for t in new if t.get("key") != taint["key"]]
        deleted = len(new) != before
        if not deleted:
            missing.append(f'taint "{taint_text(taint)}" not found')
    if missing:
        raise errors.ClientError(missing[0] if len(missing) == 1 else "[" + ", ".join(missing) + "]")
    if (added and deleted) or overwrite:
        return "modified", new
    return ("tainted" if added else "untainted"), new


@dataclass
class TaintOptions:
    """Bound flags of ``taint``."""

    resources: list[str]
    add: list[dict[str, str]]
    remove: list[dict[str, str]]
    selector: str
    overwrite: bool
    select_all: bool
    dry_run: str
    print_opts: Any
    state: str | None

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "TaintOptions":
        from minikubectl.cli.object_update import split_pairs
        resources, specs = split_pairs(parsed.args, lambda a: "=" in a or ":" in a or a.endswith("-"), "taint")
        if not resources:
            raise errors.ClientError("one or more resources must be specified as <resource> <name>")
        if not specs:
            raise errors.ClientError("at least one taint update is required")
        try:
            add, remove = parse_taints(specs)
        except errors.ClientError as exc:
            raise errors.CommandUsageError(exc.message, "kubectl taint") from None
        return cls(resources=resources, add=add, remove=remove, selector=parsed["selector"] or "",
                   overwrite=parsed["overwrite"], select_all=parsed["all"], dry_run=opt.dry_run_strategy(parsed),
                   print_opts=opt.print_options(parsed), state=parsed["state"])

    def validate(self, registry: Any) -> Any:
        resource = registry.resolve_single(self.resources[0].lower())
        if resource.kind != "Node":
            raise errors.ClientError(f"invalid resource type {self.resources[0].lower()}, only node types are "
                                     "supported")
        conflicts = [f'{{"{r["key"]}":"{r["effect"]}"}}' for a in self.add for r in self.remove
                     if a["key"] == r["key"] and (not r["effect"] or a["effect"] == r["effect"])]
        if conflicts:
            raise errors.ClientError("can not both modify and remove the following taint(s) in the same command: "
                                     + ", ".join(conflicts))
        if self.select_all and self.selector:
            raise errors.ClientError("setting 'all' parameter with a non empty selector is prohibited")
        if not self.select_all and not self.selector and len(self.resources) < 2:
            raise errors.ClientError("at least one resource name must be specified since 'all' parameter is not set")
        return resource

    def run(self, env: Env) -> int:
        from minikubectl.cli.resources import Filters, Request, TypedName, fetch
        from minikubectl.cli.session import open_cluster

        printer = None
        if self.print_opts.output or self.print_opts.template:
            from minikubectl.printers.flags import make_printer
            printer = make_printer(self.print_opts)
        with open_cluster(env, self.state) as api:
            nodes = self.validate(api.registry)
            if self.select_all or self.selector:
                request = Request([TypedName(nodes, None)])
            else:
                request = Request([TypedName(nodes, name) for name in self.resources[1:]])
            fetched = fetch(api, request, "default", False, Filters(self.selector, ""))
            for error in fetched.errors:
                raise error
            for _, node in fetched.pairs:
                self._one(env, api, nodes, node, printer)
        return 0

    def _one(self, env: Env, api: Any, nodes: Any, node: dict[str, Any], printer: Any) -> None:
        name = node["metadata"]["name"]
        old = list((node.get("spec") or {}).get("taints") or [])
        if not self.overwrite:
            existing = [t["key"] for t in self.add for o in old if _matches(t, o)]
            if existing:
                raise errors.ClientError(f"node {name} already has {','.join(existing)} taint(s) with same "
                                         "effect(s) and --overwrite is false")
        word, new = reorganize(old, self.overwrite, self.add, self.remove)
        changed = copy.deepcopy(node)
        spec = changed.setdefault("spec", {})
        if new:
            spec["taints"] = new
        else:
            spec.pop("taints", None)
        if self.dry_run != "client":
            changed = api.update(nodes, changed, dry_run=self.dry_run == "server", verb="patch")
        opt.print_result(env.stdout, printer, changed, word, self.dry_run)


def run(env: Env, parsed: ParsedArgs) -> int:
    options = TaintOptions.complete(parsed)
    return options.run(env)
