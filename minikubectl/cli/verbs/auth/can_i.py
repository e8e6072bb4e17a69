"""``auth can-i VERB TYPE[/NAME] | VERB /URL``, ``auth can-i --list``: ask the RBAC authorizer.

The answer is a SelfSubjectAccessReview (``yes``, exit 0; ``no``, exit 1) or, with
``--list``, a SelfSubjectRulesReview printed as kubectl breaks down and compacts the rules.
"""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs

SUMMARY = "Check whether an action is allowed"
RESOURCE_VERBS = {"get", "list", "watch", "create", "update", "patch", "delete",
                  "deletecollection", "use", "bind", "impersonate", "*", "approve", "sign",
                  "escalate", "attest"}
NON_RESOURCE_VERBS = {"get", "put", "post", "head", "options", "delete", "patch", "*"}
# Resource arguments kubectl does not warn about when discovery does not know them.
NON_STANDARD_NAMES = {"users", "groups", "userextras", "uids", "signers.certificates.k8s.io",
                      "serviceaccounts/token"}


def flags() -> list[Flag]:
    return [Flag("all-namespaces", "bool", False, shorthand="A"), Flag("list", "bool", False),
            Flag("no-headers", "bool", False), Flag("quiet", "bool", False, shorthand="q"),
            Flag("subresource", default="")]


def _warn(env: Env, text: str) -> None:
    env.stderr.write(f"Warning: {text}\n")


def run(env: Env, parsed: ParsedArgs) -> int:
    """Complete, validate and run the access check or the rules list."""
    from minikubectl.cli import options as opt
    from minikubectl.cli.session import open_cluster
    from minikubectl.store.rbac import Request

    listing = parsed["list"]
    if listing and parsed.args:
        raise errors.ClientError("list option must be specified with no arguments")
    if not listing and len(parsed.args) != 2:
        raise errors.ClientError("you must specify two arguments: verb resource or verb "
                                 "resource/resourceName.\nSee 'kubectl auth can-i -h' for help "
                                 "and examples.")
    if listing and (parsed["quiet"] or parsed["all-namespaces"] or parsed["subresource"]):
        raise errors.ClientError("list option can't be specified with neither quiet, "
                                 "all-namespaces nor subresource options")
    namespace = "" if parsed["all-namespaces"] else opt.namespace_of(parsed)[0]
    identity = env.identity()
    with open_cluster(env, parsed.get("state"), simulate=False) as api:
        if listing:
            rules = api.rules_review(identity.name, identity.groups, namespace)
            _print_rules(env, rules, parsed["no-headers"])
            return 0
        verb, target = parsed.args
        if target.startswith("/"):
            if parsed["subresource"]:
                raise errors.ClientError("--subresource can not be used with NonResourceURL")
            if verb not in NON_RESOURCE_VERBS:
                _warn(env, f"verb '{verb}' is not a known verb")
            request = Request(verb, "", "", path=target)
        else:
            type_arg, _, name = target.partition("/")
            group, resource, namespaced = _resource_for(env, api.registry, type_arg)
            if namespaced is False and not parsed["all-namespaces"]:
                if group:
                    _warn(env, f"resource '{resource}' is not namespace scoped in group '{group}'")
                else:
                    _warn(env, f"resource '{resource}' is not namespace scoped")
            if verb not in RESOURCE_VERBS:
                _warn(env, f"verb '{verb}' is not a known verb")
            if parsed["no-headers"]:
                raise errors.ClientError("--no-headers cannot be set without --list specified")
            request = Request(verb, group, resource, parsed["subresource"], namespace, name)
        allowed = api.access_review(identity.name, identity.groups, request)
    if not parsed["quiet"]:
        env.stdout.write("yes\n" if allowed else "no\n")
    return 0 if allowed else 1


def _resource_for(env: Env, registry: Any, arg: str) -> tuple[str, str, bool | None]:
    """(group, plural, namespaced) of a type argument; unknown types warn and stay as typed."""
    if arg == "*":
        return "", "*", None
    found = registry._resolve_one(arg.lower()) if hasattr(registry, "_resolve_one") else None
    if found is None:
        resource, _, group = arg.lower().partition(".")
        if arg.lower() not in NON_STANDARD_NAMES:
            if group:
                _warn(env, f"the server doesn't have a resource type '{resource}' in group '{group}'")
            else:
                _warn(env, f"the server doesn't have a resource type '{resource}'")
        return "", arg, None
    return found.group, found.plural, found.namespaced


def _breakdown(rule: dict[str, Any]) -> list[dict[str, Any]]:
    """One rule per group, resource and name (rbac's BreakdownRule)."""
    verbs = list(rule.get("verbs") or [])
    out: list[dict[str, Any]] = []
    for group in rule.get("apiGroups") or []:
        for resource in rule.get("resources") or []:
            names = rule.get("resourceNames") or []
            if names:
                out += [{"verbs": verbs, "apiGroups": [group], "resources": [resource],
                         "resourceNames": [n]} for n in names]
            else:
                out.append({"verbs": verbs, "apiGroups": [group], "resources": [resource]})
    out += [{"verbs": verbs, "nonResourceURLs": [url]} for url in rule.get("nonResourceURLs") or []]
    return out


def _compact(rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Resource rules with the same group, resource and name share one row (CompactRules)."""
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    out: list[dict[str, Any]] = []
    for rule in rules:
        if rule.get("nonResourceURLs"):
            out.append(rule)
            continue
        names = rule.get("resourceNames") or []
        key = (rule["apiGroups"][0], rule["resources"][0], names[0] if names else "")
        if key in merged:
            merged[key]["verbs"] = merged[key]["verbs"] + rule["verbs"]
        else:
            merged[key] = dict(rule, verbs=list(rule["verbs"]))
            out.append(merged[key])
    return out


def _go_list(values: list[str]) -> str:
    return "[" + " ".join(values) + "]"


def _sort_key(rule: dict[str, Any]) -> str:
    """The generated String() of rbacv1.PolicyRule, by which kubectl sorts the rows."""
    return ("&PolicyRule{Verbs:" + _go_list(rule.get("verbs") or []) + ",APIGroups:"
            + _go_list(rule.get("apiGroups") or []) + ",Resources:" + _go_list(rule.get("resources") or [])
            + ",ResourceNames:" + _go_list(rule.get("resourceNames") or []) + ",NonResourceURLs:"
            + _go_list(rule.get("nonResourceURLs") or []) + ",}")


def _print_rules(env: Env, rules: list[dict[str, Any]], no_headers: bool) -> None:
    from minikubectl.printers.tabwriter import format_rows

    broken = [part for rule in rules for part in _breakdown(rule)]
    compact = sorted(_compact(broken), key=_sort_key)
    rows = [] if no_headers else [["Resources", "Non-Resource URLs", "Resource Names", "Verbs"]]
    for rule in compact:
        resources = [f"{r}.{g}" if g else r for g in rule.get("apiGroups") or []
                     for r in rule.get("resources") or []]
        rows.append([", ".join(resources), _go_list(rule.get("nonResourceURLs") or []),
                     _go_list(rule.get("resourceNames") or []), _go_list(rule["verbs"])])
    env.stdout.write(format_rows(rows))
