"""``describe role/clusterrole`` (compacted policy rules) and ``rolebinding/clusterrolebinding``."""

from __future__ import annotations

from typing import Any

from minikubectl.printers.describe.writer import (LEVEL_0, LEVEL_1, Context, PrefixWriter, go_string_list, s,
                                                  write_header)


def breakdown_rule(rule: dict[str, Any]) -> list[dict[str, list[str]]]:
    """``rbac.BreakdownRule``: one rule per group × resource × verb (× name), then URL × verb."""
    out: list[dict[str, list[str]]] = []
    verbs = [s(v) for v in rule.get("verbs") or []]
    names = [s(n) for n in rule.get("resourceNames") or []]
    for group in rule.get("apiGroups") or []:
        for resource in rule.get("resources") or []:
            for verb in verbs:
                base = {"apiGroups": [s(group)], "resources": [s(resource)], "verbs": [verb]}
                if names:
                    out.extend({**base, "resourceNames": [name]} for name in names)
                else:
                    out.append(base)
    for url in rule.get("nonResourceURLs") or []:
        for verb in verbs:
            out.append({"nonResourceURLs": [s(url)], "verbs": [verb]})
    return out


def compact_rules(rules: list[dict[str, list[str]]]) -> list[dict[str, list[str]]]:
    """``rbac.CompactRules``: merge the verbs of rules on one group/resource/name."""
    compacted: list[dict[str, list[str]]] = []
    simple: dict[tuple[str, str, bool, str], dict[str, list[str]]] = {}
    for rule in rules:
        groups, resources = rule.get("apiGroups") or [], rule.get("resources") or []
        names = rule.get("resourceNames") or []
        if len(groups) == 1 and len(resources) == 1 and not rule.get("nonResourceURLs") and len(names) <= 1:
            key = (groups[0], resources[0], bool(names), names[0] if names else "")
            if key in simple:
                existing = simple[key]
                existing["verbs"] += [v for v in rule["verbs"] if v not in existing["verbs"]]
            else:
                simple[key] = {k: list(v) for k, v in rule.items()}
        else:
            compacted.append(rule)
    return compacted + list(simple.values())


def _rule_string(rule: dict[str, list[str]]) -> str:
    """``PolicyRule.String()``, the sort key of ``SortableRuleSlice``."""
    return ("&PolicyRule{" + "".join(f"{field}:{go_string_list(rule.get(key))}," for field, key in (
        ("Verbs", "verbs"), ("APIGroups", "apiGroups"), ("Resources", "resources"),
        ("ResourceNames", "resourceNames"), ("NonResourceURLs", "nonResourceURLs"))) + "}")


def combine_resource_group(resources: list[str], groups: list[str]) -> str:
    """``CombineResourceGroup``: ``resource.group/subresource``."""
    if not resources:
        return ""
    name, _, sub = resources[0].partition("/")
    if groups and groups[0]:
        name += "." + groups[0]
    return name + ("/" + sub if "/" in resources[0] else "")


def describe_role(role: dict[str, Any], ctx: Context) -> str:
    rules = []
    for rule in role.get("rules") or []:
        if isinstance(rule, dict):
            rules.extend(breakdown_rule(rule))
    compacted = sorted(compact_rules(rules), key=lambda r: _rule_string(r).encode())
    w = PrefixWriter()
    write_header(w, role.get("metadata") or {}, namespaced=False)
    w.write(LEVEL_0, "PolicyRule:\n")
    w.write(LEVEL_1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n")
    w.write(LEVEL_1, "---------\t-----------------\t--------------\t-----\n")
    for r in compacted:
        w.write(LEVEL_1, f"{combine_resource_group(r.get('resources') or [], r.get('apiGroups') or [])}\t"
                         f"{go_string_list(r.get('nonResourceURLs'))}\t{go_string_list(r.get('resourceNames'))}\t"
                         f"{go_string_list(r.get('verbs'))}\n")
    return w.text()


def describe_binding(binding: dict[str, Any], ctx: Context) -> str:
    ref = binding.get("roleRef") or {}
    w = PrefixWriter()
    write_header(w, binding.get("metadata") or {}, namespaced=False)
    w.write(LEVEL_0, "Role:\n")
    w.write(LEVEL_1, f"Kind:\t{s(ref.get('kind'))}\n")
    w.write(LEVEL_1, f"Name:\t{s(ref.get('name'))}\n")
    w.write(LEVEL_0, "Subjects:\n")
    w.write(LEVEL_1, "Kind\tName\tNamespace\n")
    w.write(LEVEL_1, "----\t----\t---------\n")
    for subject in binding.get("subjects") or []:
        w.write(LEVEL_1, f"{s(subject.get('kind'))}\t{s(subject.get('name'))}\t{s(subject.get('namespace'))}\n")
    return w.text()
