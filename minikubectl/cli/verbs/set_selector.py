"""``set selector``: replace the selector of a Service."""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli import object_update as ou
from minikubectl.api.labels import to_label_selector
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass

SUMMARY = "Set the selector on a resource"


def flags() -> list[Flag]:
    return [f for f in ou.common_flags(selector=False, recursive_default=True) if f.name != "kustomize"] + [
        Flag("resource-version")]


def _go_requirements(expressions: list[dict[str, Any]]) -> str:
    """Go's ``%v`` of a []LabelSelectorRequirement: ``[{app In [a b]}]``."""
    return "[" + " ".join("{" + f"{e['key']} {e['operator']} [{' '.join(e['values'])}]" + "}"
                          for e in expressions) + "]"


@dataclass
class SetSelectorOptions:
    """Bound flags of ``set selector``."""

    target: ou.Target
    selector_text: str | None
    resource_version: str

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "SetSelectorOptions":
        args = list(parsed.args)
        text = args.pop() if args else None
        return cls(target=ou.Target.complete(parsed, args, "selector updated"), selector_text=text,
                   resource_version=parsed["resource-version"] or "")

    def validate(self) -> None:
        if not self.target.resources and not self.target.filenames:
            raise errors.ClientError("one or more resources must be specified as <resource> <name> or "
                                     "<resource>/<name>")
        if self.selector_text is None:
            raise errors.ClientError("one selector is required")

    def run(self, env: Env) -> int:
        selector = to_label_selector(self.selector_text or "")
        self.target.print_unchanged = True

        def update(obj: dict[str, Any]) -> None:
            if obj.get("kind") != "Service" or str(obj.get("apiVersion", "")) != "v1":
                raise errors.ClientError("setting a selector is only supported for Services")
            if selector["matchExpressions"]:
                raise errors.ClientError(f"match expression {_go_requirements(selector['matchExpressions'])} "
                                         "not supported on this object")
            obj.setdefault("spec", {})["selector"] = dict(selector["matchLabels"])
            if not obj["spec"]["selector"]:
                obj["spec"].pop("selector")
            if self.resource_version:
                obj.setdefault("metadata", {})["resourceVersion"] = self.resource_version

        return self.target.run(env, update)


def run(env: Env, parsed: ParsedArgs) -> int:
    options = SetSelectorOptions.complete(parsed)
    options.validate()
    return options.run(env)
