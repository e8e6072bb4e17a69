"""``apply edit-last-applied``: edit the last-applied-configuration annotations in the editor.

kubectl's edit loop (cli/verbs/edit.py) over the configurations the annotations hold instead
of the live objects; a changed configuration is written back into its object's annotation
(the object itself is not changed), an unchanged one is ``skipped``.
"""

from __future__ import annotations

import json
from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.verbs.edit import LAST_APPLIED, EditOptions

SUMMARY = "Edit latest last-applied-configuration annotations of a resource/object"
NO_ANNOTATION = ("no last-applied-configuration annotation found on resources, to create the annotation, use "
                 "command `kubectl apply set-last-applied --create-annotation`")


def flags() -> list[Flag]:
    return opt.print_flags() + opt.filename_flags() + [
        Flag("validate", default="strict", no_opt_default="strict"),
        Flag("windows-line-endings", "bool", False),
        Flag("field-manager", default="kubectl-client-side-apply"),
    ]


class EditLastAppliedOptions(EditOptions):
    """The edit loop over last-applied configurations."""

    def run(self, env: Env) -> int:
        from minikubectl.cli.resources import Selection, select
        from minikubectl.cli.session import open_cluster

        with open_cluster(env, self.state) as api:
            fetched = select(api, env.stdin, Selection(self.args, self.filenames, self.recursive, self.namespace))
            if fetched.errors:
                raise fetched.errors[0]
            configs = []
            for resource, obj in fetched.pairs:
                raw = ((obj.get("metadata") or {}).get("annotations") or {}).get(LAST_APPLIED)
                if raw is None:
                    continue
                try:
                    configs.append((resource, json.loads(raw)))
                except ValueError:
                    raise errors.ClientError("invalid character in the last-applied-configuration") from None
            if not configs:
                raise errors.ClientError(NO_ANNOTATION)
            return self._loop(env, api, configs)

    def _apply(self, env: Env, api: Any, pairs: list[tuple[Any, dict[str, Any]]], updated: list[dict[str, Any]],
               reasons: list[tuple[str, list[str]]], path: str) -> bool:
        """Write each changed configuration into its object's annotation (as kubectl, the
        original each one is compared with is found by uid, which configurations lack)."""
        from minikubectl.printers.name import object_name

        for new in updated:
            uid = (new.get("metadata") or {}).get("uid")
            match = next((cfg for _, cfg in pairs if (cfg.get("metadata") or {}).get("uid") == uid), None)
            if match is None:
                env.stderr.write(f'A copy of your changes has been stored to "{path}"\n')
                raise errors.ClientError("no original object found for " + json.dumps(new, sort_keys=True))
            resource = api.resource_for(new)
            if json.dumps(match, sort_keys=True) == json.dumps(new, sort_keys=True):
                env.stdout.write(f"{object_name(new)} skipped\n")
                continue
            namespace = self.namespace if resource.namespaced else None
            live = api.get(resource, namespace, str((new.get("metadata") or {}).get("name", "")))
            annotations = {**(live["metadata"].get("annotations") or {}),
                           LAST_APPLIED: json.dumps(new, sort_keys=True, separators=(",", ":"), ensure_ascii=False)}
            api.update(resource, {**live, "metadata": {**live["metadata"], "annotations": annotations}}, verb="patch")
            env.stdout.write(f"{object_name(new)} edited\n")
        return False


def run(env: Env, parsed: ParsedArgs) -> int:
    options = EditLastAppliedOptions.complete(parsed)
    return options.run(env)
