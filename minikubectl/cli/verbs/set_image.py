"""``set image``: change the image of containers in pods and pod templates."""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli import object_update as ou
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass

SUMMARY = "Update the image of a pod template"


def flags() -> list[Flag]:
    return ou.common_flags()


def _is_pair(arg: str) -> bool:
    return "=" in arg


@dataclass
class SetImageOptions:
    """Bound flags of ``set image``."""

    target: ou.Target
    images: dict[str, str]

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "SetImageOptions":
        resources, pairs = ou.split_pairs(parsed.args, _is_pair, "image")
        images: dict[str, str] = {}
        for pair in pairs:
            name, _, image = pair.partition("=")
            if not name or not image:
                raise errors.ClientError(f"invalid image format: {pair}")
            images[name] = image
        return cls(target=ou.Target.complete(parsed, resources, "image updated"), images=images)

    def validate(self) -> None:
        target = self.target
        problems = []
        if target.select_all and target.selector:
            problems.append("cannot set --all and --selector at the same time")
        if not target.resources and not target.filenames:
            problems.append("one or more resources must be specified as <resource> <name> or <resource>/<name>")
        if not self.images:
            problems.append("at least one image update is required")
        elif len(self.images) > 1 and "*" in self.images:
            problems.append("all containers are already specified by *, but saw more than one "
                            "container_name=container_image pairs")
        if target.local and target.dry_run == "server":
            problems.append("cannot specify --local and --dry-run=server - did you mean --dry-run=client?")
        if len(problems) == 1:
            raise errors.ClientError(problems[0])
        if problems:
            raise errors.ClientError("[" + ", ".join(problems) + "]")

    def run(self, env: Env) -> int:
        missing: list[errors.KubectlError] = []

        def update(obj: dict[str, Any]) -> None:
            spec = ou.pod_spec_of(obj)
            for name, image in self.images.items():
                found = False
                for key in ("initContainers", "containers"):
                    for container in spec.get(key) or []:
                        if name in ("*", container.get("name")):
                            container["image"] = image
                            found = True
                if not found:
                    missing.append(errors.RawError(f'error: unable to find container named "{name}"'))

        self.target.failure = "failed to patch image update to pod template: "
        return self.target.run(env, update, late_errors=missing)


def run(env: Env, parsed: ParsedArgs) -> int:
    options = SetImageOptions.complete(parsed)
    options.validate()
    return options.run(env)
