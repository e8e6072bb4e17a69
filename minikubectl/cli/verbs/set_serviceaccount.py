"""``set serviceaccount``: change the service account of pods and pod templates."""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli import object_update as ou
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass

SUMMARY = "Update the service account of a resource"


def flags() -> list[Flag]:
    return [f for f in ou.common_flags() if f.name != "selector"]


@dataclass
class SetServiceAccountOptions:
    """Bound flags of ``set serviceaccount``."""

    target: ou.Target
    account: str

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "SetServiceAccountOptions":
        args = list(parsed.args)
        if not args:
            raise errors.ClientError("serviceaccount is required")
        account = args.pop()
        return cls(target=ou.Target.complete(parsed, args, "serviceaccount updated"), account=account)

    def validate(self) -> None:
        self.target.validate()

    def run(self, env: Env) -> int:
        def update(obj: dict[str, Any]) -> None:
            spec = ou.pod_spec_of(obj)
            spec["serviceAccountName"] = self.account
            # The deprecated field follows the new one, as the typed client writes both.
            if "serviceAccount" in spec:
                spec["serviceAccount"] = self.account

        return self.target.run(env, update)


def run(env: Env, parsed: ParsedArgs) -> int:
    options = SetServiceAccountOptions.complete(parsed)
    options.validate()
    return options.run(env)
