"""``explain``: documentation of a resource and its fields, from the v1.33 schema."""

from __future__ import annotations

from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs

SUMMARY = "Get documentation for a resource"


def flags() -> list[Flag]:
    # kubectl explain has no -o shorthand.
    return [Flag("recursive", "bool", False), Flag("api-version"), Flag("output", default="plaintext")]


def run(env: Env, parsed: ParsedArgs) -> int:
    from minikubectl.explain import run_explain

    run_explain(parsed.args, parsed["recursive"], parsed["api-version"] or None,
                parsed["output"] or "plaintext", env.stdout)
    return 0
