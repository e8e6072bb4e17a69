"""``api-resources``: the registry as kubectl's table."""

from __future__ import annotations

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs

SUMMARY = "Print the supported API resources on the server"


def flags() -> list[Flag]:
    return [Flag("output", shorthand="o"), Flag("namespaced", "bool", True), Flag("api-group"),
            Flag("verbs", "slice", []), Flag("sort-by"), Flag("no-headers", "bool", False),
            Flag("cached", "bool", False), Flag("categories", "slice", [])]


def run(env: Env, parsed: ParsedArgs) -> int:
    from minikubectl.cli.session import open_cluster
    from minikubectl.printers.tabwriter import format_rows

    output = parsed["output"] or ""
    if output not in ("", "wide", "name"):
        raise errors.ClientError(f"--output {output} is not available")
    with open_cluster(env, parsed["state"], simulate=False) as api:
        resources = list(api.registry.resources)
    if "namespaced" in parsed.changed:
        resources = [r for r in resources if r.namespaced == parsed["namespaced"]]
    if "api-group" in parsed.changed:
        resources = [r for r in resources if r.group == parsed["api-group"]]
    if parsed["verbs"]:
        resources = [r for r in resources if all(v in r.verbs for v in parsed["verbs"])]
    if parsed["categories"]:
        resources = [r for r in resources if all(c in r.categories for c in parsed["categories"])]
    sort_by = parsed["sort-by"] or ""
    if sort_by == "name":
        resources.sort(key=lambda r: r.plural)
    elif sort_by == "kind":
        resources.sort(key=lambda r: r.kind)
    elif sort_by:
        raise errors.ClientError('--sort-by accepts only name or kind')
    else:
        resources.sort(key=lambda r: (r.group != "", r.group, r.plural))
    if output == "name":
        for r in resources:
            env.stdout.write(r.qualified_plural + "\n")
        return 0
    header = ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]
    if output == "wide":
        header += ["VERBS", "CATEGORIES"]
    rows = [] if parsed["no-headers"] else [header]
    for r in resources:
        row = [r.plural, ",".join(r.short_names), r.api_version, "true" if r.namespaced else "false", r.kind]
        if output == "wide":
            row += [",".join(sorted(r.verbs)), ",".join(r.categories)]
        rows.append(row)
    env.stdout.write(format_rows(rows))
    return 0
