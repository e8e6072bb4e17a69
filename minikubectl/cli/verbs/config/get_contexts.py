"""``config get-contexts [NAME...]``: the contexts as a table (or ``-o name``)."""

from __future__ import annotations

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.verbs.config import common

SUMMARY = "Describe one or many contexts"
HEADERS = ["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"]


def flags() -> list[Flag]:
    return [Flag("no-headers", "bool", False), Flag("output", shorthand="o", default="")]


def run(env: Env, parsed: ParsedArgs) -> int:
    """Print the named (else all) contexts; an error naming those that do not exist."""
    output = parsed["output"]
    if output not in ("", "name"):
        raise errors.ClientError(f"--output {output} is not available in kubectl config "
                                 "get-contexts; resetting to default output format")
    config = common.load(env, parsed).merged
    wanted = parsed.args or sorted(config.contexts)
    found = [name for name in wanted if name in config.contexts]
    absent = [name for name in wanted if name not in config.contexts]
    if output == "name":
        env.stdout.write("".join(f"{name}\n" for name in found))
    else:
        from minikubectl.printers.tabwriter import format_rows

        rows = [] if parsed["no-headers"] else [HEADERS]
        for name in found:
            ctx = config.contexts[name]
            rows.append(["*" if name == config.current_context else "", name,
                         str(ctx.get("cluster") or ""), str(ctx.get("user") or ""),
                         str(ctx.get("namespace") or "")])
        env.stdout.write(format_rows(rows))
    if absent:
        raise errors.ClientError("\n".join(f"context {name} not found" for name in absent))
    return 0
