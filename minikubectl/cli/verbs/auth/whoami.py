"""``auth whoami``: the user and groups requests are made as (a SelfSubjectReview)."""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs

SUMMARY = "Experimental: Check self subject attributes"


def flags() -> list[Flag]:
    return [Flag("allow-missing-template-keys", "bool", True), Flag("output", shorthand="o", default=""),
            Flag("show-managed-fields", "bool", False), Flag("template", default="")]


def review(env: Env) -> dict[str, Any]:
    """The SelfSubjectReview the API server answers for this invocation's identity."""
    identity = env.identity()
    user_info: dict[str, Any] = {"username": identity.name, "groups": list(identity.groups)}
    if identity.uid:
        user_info["uid"] = identity.uid
    return {"kind": "SelfSubjectReview", "apiVersion": "authentication.k8s.io/v1",
            "metadata": {"creationTimestamp": None}, "status": {"userInfo": user_info}}


def run(env: Env, parsed: ParsedArgs) -> int:
    """Print the attributes as a table, or the review in the ``-o`` format."""
    if parsed.args:
        raise errors.ClientError(f"unexpected arguments: {parsed.args}")
    output = parsed["output"]
    from minikubectl.printers.flags import PrintOptions, make_printer

    printer = None
    if output or parsed["template"]:
        printer = make_printer(PrintOptions(output=output, template=parsed["template"],
                                            allow_missing_template_keys=parsed["allow-missing-template-keys"],
                                            show_managed_fields=True))
    doc = review(env)
    if printer is None:
        from minikubectl.printers.tabwriter import format_rows

        info = doc["status"]["userInfo"]
        rows = [["ATTRIBUTE", "VALUE"], ["Username", info["username"]]]
        if info.get("uid"):
            rows.append(["UID", info["uid"]])
        if info.get("groups"):
            rows.append(["Groups", "[" + " ".join(info["groups"]) + "]"])
        env.stdout.write(format_rows(rows))
        return 0
    if output == "json":
        import json

        env.stdout.write(json.dumps(doc, indent=4) + "\n")
        return 0
    printer.print_obj(doc, env.stdout)
    return 0
