"""What ``config delete-context``, ``delete-cluster`` and ``delete-user`` share."""

from __future__ import annotations

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import ParsedArgs
from minikubectl.cli.verbs.config import common


def delete_entry(env: Env, parsed: ParsedArgs, section: str, noun: str) -> int:
    """Remove one named entry of ``section``; kubectl's messages for ``noun``."""
    name = parsed.args[0]
    kubeconfig = common.load(env, parsed)
    changed = kubeconfig.merged.copy()
    where = kubeconfig.file_naming()
    entries = changed.section(section)
    if name not in entries:
        raise errors.ClientError(f"cannot delete {noun} {name}, not in {where}")
    del entries[name]
    if section == "contexts" and changed.current_context == name:
        env.stderr.write('warning: this removed your active context, use "kubectl config '
                         'use-context" to select a different one\n')
    kubeconfig.save(changed)
    env.stdout.write(f"deleted {noun} {name} from {where}\n")
    return 0
