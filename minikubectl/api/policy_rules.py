"""RBAC policy comparison and reconciliation (k8s.io/component-helpers auth/rbac).

What ``auth reconcile`` computes before it writes: which rules of an expected role the
existing one does not cover (each rule broken down to one verb, group, resource and name),
which it has beyond them, and the same for a binding's subjects. Objects are plain dicts.
"""

from __future__ import annotations

import copy
from typing import Any

Rule = dict[str, Any]
RBAC_GROUP = "rbac.authorization.k8s.io"
AUTOUPDATE = "rbac.authorization.kubernetes.io/autoupdate"
_RULE_FIELDS = ("verbs", "apiGroups", "resources", "resourceNames", "nonResourceURLs")


def _strings(rule: Rule, field: str) -> list[str]:
    value = rule.get(field)
    return [str(v) for v in value] if isinstance(value, list) else []


def breakdown(rule: Rule) -> list[Rule]:
    """One rule per group x resource x verb (x resource name), then per URL x verb."""
    out: list[Rule] = []
    verbs = _strings(rule, "verbs")
    names = _strings(rule, "resourceNames")
    for group in _strings(rule, "apiGroups"):
        for resource in _strings(rule, "resources"):
            for verb in verbs:
                base = {"verbs": [verb], "apiGroups": [group], "resources": [resource]}
                if names:
                    out.extend({**base, "resourceNames": [name]} for name in names)
                else:
                    out.append(base)
    for url in _strings(rule, "nonResourceURLs"):
        out.extend({"verbs": [verb], "nonResourceURLs": [url]} for verb in verbs)
    return out


def _has_all(owner: list[str], wanted: list[str]) -> bool:
    return all(item in owner for item in wanted)


def _resources_covered(owner: list[str], wanted: list[str]) -> bool:
    if "*" in owner or _has_all(owner, wanted):
        return True
    for resource in wanted:
        if resource in owner:
            continue
        if "/" not in resource or "*/" + resource.split("/", 1)[1] not in owner:
            return False
    return True


def _url_covered(owner: str, path: str) -> bool:
    return owner == path or (owner.endswith("*") and path.startswith(owner.rstrip("*")))


def rule_covers(owner: Rule, sub: Rule) -> bool:
    """Whether ``owner`` allows everything ``sub`` allows."""
    verbs, groups = _strings(owner, "verbs"), _strings(owner, "apiGroups")
    owner_names, sub_names = _strings(owner, "resourceNames"), _strings(sub, "resourceNames")
    urls = _strings(owner, "nonResourceURLs")
    return ("*" in verbs or _has_all(verbs, _strings(sub, "verbs"))) \
        and ("*" in groups or _has_all(groups, _strings(sub, "apiGroups"))) \
        and _resources_covered(_strings(owner, "resources"), _strings(sub, "resources")) \
        and (not owner_names if not sub_names else (not owner_names or _has_all(owner_names, sub_names))) \
        and all(any(_url_covered(o, p) for o in urls) for p in _strings(sub, "nonResourceURLs"))


def uncovered(owner_rules: list[Rule], servant_rules: list[Rule]) -> list[Rule]:
    """The broken-down servant rules no owner rule covers."""
    return [sub for rule in servant_rules for sub in breakdown(rule)
            if not any(rule_covers(owner, sub) for owner in owner_rules)]


def _merged_map(expected: dict[str, str] | None, existing: dict[str, str] | None) -> dict[str, str] | None:
    if expected is None and existing is None:
        return None
    return {**(expected or {}), **(existing or {})}


class Reconciled:
    """What reconciling one object needs: the object to write and why."""

    def __init__(self, obj: dict[str, Any], operation: str, protected: bool = False) -> None:
        self.obj = obj
        self.operation = operation  # "none", "create", "update" or "recreate"
        self.protected = protected
        self.missing_rules: list[Rule] = []
        self.extra_rules: list[Rule] = []
        self.missing_subjects: list[dict[str, Any]] = []
        self.extra_subjects: list[dict[str, Any]] = []


def _merge_metadata(result: dict[str, Any], existing: dict[str, Any], expected: dict[str, Any]) -> bool:
    """Existing labels/annotations win over expected ones; whether anything changed."""
    changed = False
    meta = result.setdefault("metadata", {})
    for field in ("annotations", "labels"):
        merged = _merged_map((expected.get("metadata") or {}).get(field), (existing.get("metadata") or {}).get(field))
        if merged is None:
            meta.pop(field, None)
        else:
            meta[field] = merged
        if merged != (existing.get("metadata") or {}).get(field):
            changed = True
    return changed


def _protected(existing: dict[str, Any]) -> bool:
    return ((existing.get("metadata") or {}).get("annotations") or {}).get(AUTOUPDATE) == "false"


def _from_existing(existing: dict[str, Any], expected: dict[str, Any]) -> Reconciled:
    """The existing object with the expected labels/annotations merged in (an update if any)."""
    result = Reconciled(copy.deepcopy(existing), "none", _protected(existing))
    if _merge_metadata(result.obj, existing, expected):
        result.operation = "update"
    return result


def _settle(result: Reconciled, field: str, current: list[Any], expected: list[Any], missing: list[Any],
            extra: list[Any], remove_extra: bool) -> None:
    """The union case adds what is missing; ``remove_extra`` stomps to the expected items."""
    if not remove_extra and missing:
        result.obj[field] = current + missing
        result.operation = "update"
    elif remove_extra and (missing or extra):
        result.obj[field] = expected
        result.operation = "update"


def reconcile_role(existing: dict[str, Any] | None, expected: dict[str, Any],
                   remove_extra: bool) -> Reconciled:
    """A Role or ClusterRole: add the missing rules (or stomp to the expected ones)."""
    rules = list(expected.get("rules") or [])
    if existing is None:
        result = Reconciled(expected, "create")
        result.missing_rules = rules
        return result
    result = _from_existing(existing, expected)
    current = list(existing.get("rules") or [])
    if expected.get("aggregationRule") is None or existing.get("aggregationRule") is None:
        result.extra_rules = uncovered(rules, current)
    result.missing_rules = uncovered(current, rules)
    _settle(result, "rules", current, rules, result.missing_rules, result.extra_rules, remove_extra)
    return result


def reconcile_binding(existing: dict[str, Any] | None, expected: dict[str, Any],
                      remove_extra: bool) -> Reconciled:
    """A RoleBinding or ClusterRoleBinding: recreate on another roleRef, else add subjects."""
    subjects = list(expected.get("subjects") or [])
    if existing is None:
        result = Reconciled(expected, "create")
        result.missing_subjects = subjects
        return result
    if _role_ref(expected) != _role_ref(existing):
        return Reconciled(expected, "recreate", _protected(existing))
    result = _from_existing(existing, expected)
    current = list(existing.get("subjects") or [])
    # Subjects compare as the API server stores them (defaulted).
    wanted_keys = [defaulted_subject(s) for s in subjects]
    current_keys = [defaulted_subject(s) for s in current]
    result.missing_subjects = _unique([s for s, k in zip(subjects, wanted_keys) if k not in current_keys])
    result.extra_subjects = _unique([s for s, k in zip(current, current_keys) if k not in wanted_keys])
    _settle(result, "subjects", current, subjects, result.missing_subjects, result.extra_subjects,
            remove_extra)
    return result


def _unique(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    keys: list[dict[str, Any]] = []
    for item in items:
        key = defaulted_subject(item)
        if key not in keys:
            keys.append(key)
            out.append(item)
    return out


def _role_ref(binding: dict[str, Any]) -> tuple[str, str, str]:
    ref = binding.get("roleRef") or {}
    return (str(ref.get("apiGroup") or RBAC_GROUP), str(ref.get("kind", "")), str(ref.get("name", "")))


def defaulted_subject(subject: dict[str, Any]) -> dict[str, Any]:
    """A subject as the API server defaults it (users and groups are RBAC's)."""
    out = {"kind": str(subject.get("kind", "")), "apiGroup": str(subject.get("apiGroup", "")),
           "name": str(subject.get("name", "")), "namespace": str(subject.get("namespace", ""))}
    if not out["apiGroup"] and out["kind"] in ("User", "Group"):
        out["apiGroup"] = RBAC_GROUP
    return out


def go_rule(rule: Rule) -> str:
    """A rule as Go's ``%+v`` prints an rbacv1.PolicyRule."""
    def field(name: str) -> str:
        return "[" + " ".join(_strings(rule, name)) + "]"
    return ("{Verbs:" + field("verbs") + " APIGroups:" + field("apiGroups") + " Resources:" + field("resources")
            + " ResourceNames:" + field("resourceNames") + " NonResourceURLs:" + field("nonResourceURLs") + "}")


def go_subject(subject: dict[str, Any]) -> str:
    """A subject as Go's ``%+v`` prints an rbacv1.Subject."""
    s = defaulted_subject(subject)
    return f"{{Kind:{s['kind']} APIGroup:{s['apiGroup']} Name:{s['name']} Namespace:{s['namespace']}}}"
