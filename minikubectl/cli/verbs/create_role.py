"""``create role NAME --verb=... --resource=...``: a Role with one rule per API group.

Also the shared part of ``create clusterrole``: verbs and resources are de-duplicated,
``--resource`` takes ``resource[.group][/subresource]`` and is resolved as kubectl's REST
mapper does (short names, the resource's group), special verbs (use, bind, escalate,
impersonate) only go with their resources, and unusual verbs draw a warning.
"""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.generator import Generator, generator_flags, object_meta

SUMMARY = "Create a role with single rule"
PATH = "kubectl create role"
RESOURCE_VERBS = ("*", "get", "delete", "list", "create", "update", "patch", "watch", "proxy",
                  "deletecollection", "use", "bind", "escalate", "impersonate")
# Verbs that only make sense for some (group, resource) pairs.
SPECIAL_VERBS = {
    "use": (("policy", "podsecuritypolicies"), ("extensions", "podsecuritypolicies")),
    "bind": (("rbac.authorization.k8s.io", "roles"), ("rbac.authorization.k8s.io", "clusterroles")),
    "escalate": (("rbac.authorization.k8s.io", "roles"), ("rbac.authorization.k8s.io", "clusterroles")),
    "impersonate": (("", "users"), ("", "serviceaccounts"), ("", "groups"), ("authentication.k8s.io", "userextras")),
}


def flags() -> list[Flag]:
    return generator_flags(Flag("verb", "slice", []), Flag("resource", "slice", []),
                           Flag("resource-name", "array", []))


def unique(items: list[str]) -> list[str]:
    """Items in first-seen order, each once."""
    return list(dict.fromkeys(items))


def verbs_of(parsed: ParsedArgs) -> list[str]:
    """``--verb`` de-duplicated; ``*`` stands alone."""
    verbs = unique(parsed["verb"])
    return ["*"] if "*" in verbs else verbs


def resources_of(parsed: ParsedArgs) -> list[tuple[str, str, str]]:
    """``--resource`` as (resource, group, subresource); a bare ``*`` stands alone."""
    found = []
    for text in parsed["resource"]:
        head, _, sub = text.partition("/")
        resource, _, group = head.partition(".")
        if resource == "*" and not group and "/" not in text:
            return [("*", "", "")]
        found.append((resource, group, sub))
    return found


def _mapped(resource: str, group: str) -> tuple[str, str] | None:
    """(plural, group) as the REST mapper resolves a resource name, or None."""
    from minikubectl.api.registry import builtin_registry
    found = builtin_registry()._resolve_one(f"{resource}.{group}" if group else resource)
    return (found.plural, found.group) if found is not None else None


def check_resources(verbs: list[str], resources: list[tuple[str, str, str]]) -> None:
    """kubectl's validateResource: known resources, special verbs on their resources only."""
    for resource, group, _ in resources:
        if not resource:
            raise errors.ClientError("resource must be specified if apiGroup/subresource specified")
        if resource == "*":
            return
        mapped = _mapped(resource, group)
        plural, real_group = mapped if mapped else (resource, group)
        for verb in verbs:
            allowed = SPECIAL_VERBS.get(verb)
            if allowed is not None:
                if (real_group, plural) not in allowed:
                    raise errors.ClientError(f"can not perform '{verb}' on '{plural}' in group '{real_group}'")
                mapped = mapped or (plural, real_group)
        if mapped is None:
            raise errors.ClientError(f"no matches for {group}/, Resource={resource}")


def policy_rules(verbs: list[str], resources: list[tuple[str, str, str]], names: list[str],
                 urls: list[str]) -> list[dict[str, Any]]:
    """One rule per API group (sorted), resources in the order given; then the URL rule."""
    by_group: dict[str, list[str]] = {}
    for resource, group, sub in resources:
        mapped = _mapped(resource, group) if resource != "*" else None
        plural, real_group = mapped if mapped else (resource, group)
        if sub:
            plural = f"{plural}/{sub}"
        listed = by_group.setdefault(real_group, [])
        if plural not in listed:
            listed.append(plural)
    rules: list[dict[str, Any]] = []
    for group in sorted(by_group):
        rule: dict[str, Any] = {"verbs": verbs, "apiGroups": [group], "resources": by_group[group]}
        if names:
            rule["resourceNames"] = names
        rules.append(rule)
    if urls:
        rules.append({"verbs": verbs, "nonResourceURLs": urls})
    return rules


def warn_unusual(env: Env, verbs: list[str]) -> None:
    for verb in verbs:
        if verb not in RESOURCE_VERBS:
            env.stderr.write(f"Warning: '{verb}' is not a standard resource verb\n")


def run(env: Env, parsed: ParsedArgs) -> int:
    gen = Generator.complete(env, parsed, PATH)
    verbs, resources = verbs_of(parsed), resources_of(parsed)
    names = unique(parsed["resource-name"])
    if not gen.name:
        raise errors.ClientError("name must be specified")
    if not verbs:
        raise errors.ClientError("at least one verb must be specified")
    warn_unusual(env, verbs)
    if not resources:
        raise errors.ClientError("at least one resource must be specified")
    check_resources(verbs, resources)
    obj = {"kind": "Role", "apiVersion": "rbac.authorization.k8s.io/v1",
           "metadata": object_meta(gen.name, gen.object_namespace),
           "rules": policy_rules(verbs, resources, names, [])}
    return gen.emit(obj)
