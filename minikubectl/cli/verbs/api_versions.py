"""``api-versions``: the served group/versions, one per line, sorted."""

from __future__ import annotations

from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs

SUMMARY = "Print the supported API versions on the server, in the form of \"group/version\""


def flags() -> list[Flag]:
    return []


def run(env: Env, parsed: ParsedArgs) -> int:
    from minikubectl.cli.session import open_cluster

    with open_cluster(env, parsed["state"], simulate=False) as api:
        versions = sorted({r.api_version for r in api.registry.resources})
    env.stdout.write("".join(v + "\n" for v in versions))
    return 0
