"""The RBAC authorizer: may a user (with groups) do a verb on a resource, by the stored
Roles, ClusterRoles, RoleBindings and ClusterRoleBindings?

As the API server's authorizer chain: members of ``system:masters`` may do anything (that
is minikube's client certificate, the default user); everyone else only what a binding
grants. A denial is the API server's Forbidden text.
"""

from __future__ import annotations

from typing import Any, Iterator

from minikubectl.api import errors
from minikubectl.api.registry import ResourceType
from minikubectl.golang.structs import dataclass
from minikubectl.store.tracker import Tracker

MASTERS_GROUP = "system:masters"


@dataclass(frozen=True)
class Request:
    """The attributes of one request (Kubernetes' authorizer.Attributes, resource part)."""

    verb: str
    group: str
    resource: str
    subresource: str = ""
    namespace: str = ""
    name: str = ""
    # A non-resource request (``/healthz``) when set.
    path: str = ""


@dataclass(frozen=True)
class Subject:
    """Who asks: user name and groups (after impersonation)."""

    user: str
    groups: tuple[str, ...]


def _objects(tracker: Tracker, plural: str, namespace: str | None) -> Iterator[dict[str, Any]]:
    from minikubectl.api.registry import builtin_registry

    resource = builtin_registry().by_qualified_plural(plural)
    if resource is None:
        return iter(())
    return tracker.iter_stored(resource, namespace)


def _binds(binding: dict[str, Any], subject: Subject, binding_namespace: str) -> bool:
    for entry in binding.get("subjects") or []:
        kind, name = entry.get("kind"), entry.get("name")
        if kind == "User" and name == subject.user:
            return True
        if kind == "Group" and name in subject.groups:
            return True
        if kind == "ServiceAccount":
            namespace = entry.get("namespace") or binding_namespace
            if subject.user == f"system:serviceaccount:{namespace}:{name}":
                return True
    return False


def rules_for(tracker: Tracker, subject: Subject, namespace: str) -> list[dict[str, Any]]:
    """The policy rules that apply to ``subject`` in ``namespace`` ("" = cluster-wide only)."""
    cluster_roles = {obj["metadata"]["name"]: obj
                     for obj in _objects(tracker, "clusterroles.rbac.authorization.k8s.io", None)}
    # The bootstrap ClusterRole every cluster has, though a fresh state does not store it.
    cluster_roles.setdefault("cluster-admin", {"rules": list(MASTERS_RULES)})
    rules: list[dict[str, Any]] = []
    for binding in _objects(tracker, "clusterrolebindings.rbac.authorization.k8s.io", None):
        if _binds(binding, subject, "") and (binding.get("roleRef") or {}).get("kind") == "ClusterRole":
            rules += (cluster_roles.get(binding["roleRef"].get("name"), {}).get("rules") or [])
    if namespace:
        roles = {obj["metadata"]["name"]: obj
                 for obj in _objects(tracker, "roles.rbac.authorization.k8s.io", namespace)}
        for binding in _objects(tracker, "rolebindings.rbac.authorization.k8s.io", namespace):
            if not _binds(binding, subject, namespace):
                continue
            ref = binding.get("roleRef") or {}
            source = cluster_roles if ref.get("kind") == "ClusterRole" else roles
            rules += source.get(ref.get("name"), {}).get("rules") or []
    return rules


def _matches(rule: dict[str, Any], request: Request) -> bool:
    verbs = rule.get("verbs") or []
    if "*" not in verbs and request.verb not in verbs:
        return False
    if request.path:
        for url in rule.get("nonResourceURLs") or []:
            if url == "*" or url == request.path or (
                    url.endswith("*") and request.path.startswith(url[:-1])):
                return True
        return False
    groups = rule.get("apiGroups") or []
    if "*" not in groups and request.group not in groups:
        return False
    wanted = f"{request.resource}/{request.subresource}" if request.subresource else request.resource
    resources = rule.get("resources") or []
    if not ("*" in resources or wanted in resources
            or (request.subresource and f"*/{request.subresource}" in resources)):
        return False
    names = rule.get("resourceNames") or []
    return not names or request.name in names


def allowed(tracker: Tracker, subject: Subject, request: Request) -> bool:
    """True when RBAC (or membership in ``system:masters``) allows the request."""
    if MASTERS_GROUP in subject.groups:
        return True
    return any(_matches(rule, request) for rule in rules_for(tracker, subject, request.namespace))


def forbidden_message(subject: Subject, request: Request) -> str:
    """The API server's text for a denied request."""
    qualified = f"{request.resource}.{request.group}" if request.group else request.resource
    head = f'{qualified} "{request.name}"' if request.name else qualified
    resource = f"{request.resource}/{request.subresource}" if request.subresource else request.resource
    where = (f'in the namespace "{request.namespace}"' if request.namespace
             else "at the cluster scope")
    return (f'{head} is forbidden: User "{subject.user}" cannot {request.verb} resource '
            f'"{resource}" in API group "{request.group}" {where}')


class Authorizer:
    """Checks each API request of one invocation for one subject."""

    def __init__(self, tracker: Tracker, subject: Subject) -> None:
        self.tracker = tracker
        self.subject = subject

    def check(self, verb: str, resource: ResourceType, namespace: str | None, name: str = "",
              subresource: str = "") -> None:
        """Raise Forbidden unless the subject may do ``verb`` on the resource."""
        request = Request(verb, resource.group, resource.plural, subresource,
                          (namespace or "") if resource.namespaced else "", name)
        if not allowed(self.tracker, self.subject, request):
            raise errors.forbidden(forbidden_message(self.subject, request))


# What every authenticated user may do in any cluster: the bootstrap ClusterRoles
# system:basic-user, system:discovery and system:public-info-viewer, bound to the group
# system:authenticated (a fresh state does not store them).
AUTHENTICATED_RULES: tuple[dict[str, Any], ...] = (
    {"verbs": ["create"], "apiGroups": ["authorization.k8s.io"],
     "resources": ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]},
    {"verbs": ["create"], "apiGroups": ["authentication.k8s.io"], "resources": ["selfsubjectreviews"]},
    {"verbs": ["get"], "nonResourceURLs": ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez",
                                           "/openapi", "/openapi/*", "/readyz", "/version", "/version/"]},
    {"verbs": ["get"], "nonResourceURLs": ["/healthz", "/livez", "/readyz", "/version", "/version/"]},
)
# What system:masters amounts to when listed.
MASTERS_RULES: tuple[dict[str, Any], ...] = (
    {"verbs": ["*"], "apiGroups": ["*"], "resources": ["*"]},
    {"verbs": ["*"], "nonResourceURLs": ["*"]},
)


def effective_rules(tracker: Tracker, subject: Subject, namespace: str) -> list[dict[str, Any]]:
    """Every rule that applies to the subject in the namespace (SelfSubjectRulesReview)."""
    rules: list[dict[str, Any]] = []
    if MASTERS_GROUP in subject.groups:
        rules += MASTERS_RULES
    rules += rules_for(tracker, subject, namespace)
    if "system:authenticated" in subject.groups:
        rules += AUTHENTICATED_RULES
    return rules


def review(tracker: Tracker, subject: Subject, request: Request) -> bool:
    """A SelfSubjectAccessReview: the request's verdict including the bootstrap rules."""
    if allowed(tracker, subject, request):
        return True
    return "system:authenticated" in subject.groups and any(
        _matches(rule, request) for rule in AUTHENTICATED_RULES)
