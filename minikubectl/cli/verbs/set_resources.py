"""``set resources``: change the requests and limits of containers in pod templates."""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli import object_update as ou
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass

SUMMARY = "Update resource requests/limits on objects with pod templates"


def flags() -> list[Flag]:
    return ou.common_flags() + [Flag("containers", default="*", shorthand="c"), Flag("limits"),
                                Flag("requests")]


@dataclass
class SetResourcesOptions:
    """Bound flags of ``set resources``."""

    target: ou.Target
    containers: str
    limits_text: str
    requests_text: str

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "SetResourcesOptions":
        return cls(target=ou.Target.complete(parsed, list(parsed.args), "resource requirements updated"),
                   containers=parsed["containers"], limits_text=parsed["limits"] or "",
                   requests_text=parsed["requests"] or "")

    def validate(self) -> None:
        self.target.validate()
        if not self.limits_text and not self.requests_text:
            raise errors.ClientError("you must specify an update to requests or limits (in the form of "
                                     "--requests/--limits)")

    def run(self, env: Env) -> int:
        from minikubectl.api.quantity import parse_resource_list

        limits = parse_resource_list(self.limits_text) if self.limits_text else {}
        requests = parse_resource_list(self.requests_text) if self.requests_text else {}
        missing: list[errors.KubectlError] = []

        def update(obj: dict[str, Any]) -> None:
            spec = ou.pod_spec_of(obj)
            chosen = (ou.select_containers(spec.get("containers"), self.containers)
                      + ou.select_containers(spec.get("initContainers"), self.containers))
            if not chosen:
                missing.append(errors.RawError(f"error: unable to find container named {self.containers}"))
                return
            for container in chosen:
                resources = container.setdefault("resources", {})
                if limits:
                    resources["limits"] = {**(resources.get("limits") or {}), **limits}
                if requests:
                    resources["requests"] = {**(resources.get("requests") or {}), **requests}

        return self.target.run(env, update, late_errors=missing)


def run(env: Env, parsed: ParsedArgs) -> int:
    options = SetResourcesOptions.complete(parsed)
    options.validate()
    return options.run(env)
