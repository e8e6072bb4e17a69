"""``kustomize DIR``: print what kustomize builds from a kustomization directory.

The build (``minikubectl.kustomize``) reads only local files: remote resources are refused,
nothing leaves the machine. Objects are printed as kubectl's embedded kustomize prints them
(sigs.k8s.io/yaml per object, ``---`` between objects); deprecation warnings go to stderr.
"""

from __future__ import annotations

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs

SUMMARY = "Build a kustomization target from a directory or URL"


def flags() -> list[Flag]:
    return [
        Flag("output", shorthand="o", help="If specified, write output to this path."),
        Flag("load-restrictor", default="LoadRestrictionsRootOnly"),
        Flag("reorder", default="legacy"),
        Flag("enable-helm", "bool", False),
        Flag("enable-alpha-plugins", "bool", False),
        Flag("enable-exec", "bool", False),
        Flag("network", "bool", False),
        Flag("as-current-user", "bool", False),
        Flag("env", "slice", [], shorthand="e"),
        Flag("mount", "slice", []),
        Flag("helm-command", default="helm"),
        Flag("helm-api-versions", "slice", []),
        Flag("helm-kube-version"),
        Flag("helm-debug", "bool", False),
    ]


def render(path: str, env: Env) -> str:
    """The YAML stream of a build; its warnings are written to stderr."""
    from minikubectl.kustomize.build import build
    from minikubectl.printers.json_yaml import to_yaml

    result = build(path)
    for warning in result.warnings:
        env.stderr.write(warning + "\n")
    return "---\n".join(to_yaml(obj) for obj in result.objects)


def run(env: Env, parsed: ParsedArgs) -> int:
    if len(parsed.args) > 1:
        raise errors.ClientError("specify one path to kustomization.yaml")
    if parsed["reorder"] not in ("legacy", "none"):
        raise errors.ClientError(f"illegal flag value --reorder {parsed['reorder']}; legal values: legacy, none")
    text = render(parsed.args[0] if parsed.args else ".", env)
    if parsed["output"]:
        with open(parsed["output"], "w", encoding="utf-8") as handle:
            handle.write(text)
        return 0
    env.stdout.write(text)
    return 0
