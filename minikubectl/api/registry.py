"""The resource registry: every kind a v1.33 API server serves, and how its names resolve.

One home for a kind's names, scope, categories and verbs; every verb, printer and
the store use it. Discovery order (core first, then groups as a v1.33 server lists
them) is the order of ``_TABLE``; ``api-resources`` sorts on its own.
"""

from __future__ import annotations

from functools import lru_cache

from minikubectl.api import errors
from minikubectl.golang.structs import dataclass, field

_ALL_VERBS = ("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch")
_NO_COLLECTION = ("create", "delete", "get", "list", "patch", "update", "watch")


@dataclass(frozen=True)
class ResourceType:
    """One served resource: ``pods`` in ``v1``, ``deployments`` in ``apps/v1``..."""

    group: str
    version: str
    kind: str
    plural: str
    singular: str
    namespaced: bool
    short_names: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    verbs: tuple[str, ...] = _ALL_VERBS

    @property
    def api_version(self) -> str:
        """``v1`` or ``group/version``."""
        return f"{self.group}/{self.version}" if self.group else self.version

    @property
    def qualified_plural(self) -> str:
        """``pods``, ``deployments.apps``: how the API server names it in messages."""
        return f"{self.plural}.{self.group}" if self.group else self.plural

    @property
    def qualified_kind(self) -> str:
        """``pod``, ``deployment.apps``: the ``-o name`` / kind-prefix form."""
        lower = self.kind.lower()
        return f"{lower}.{self.group}" if self.group else lower

    @property
    def storage_key(self) -> str:
        """Key of this resource's collection in the state file."""
        return self.qualified_plural


def _r(group: str, version: str, kind: str, plural: str, namespaced: bool,
       short: tuple[str, ...] = (), cats: tuple[str, ...] = (),
       verbs: tuple[str, ...] = _ALL_VERBS) -> ResourceType:
    return ResourceType(group, version, kind, plural, kind.lower(), namespaced, short, cats, verbs)


_ALL = ("all",)
_EXT = ("api-extensions",)

# Discovery order of a v1.33 API server (kind/kubeadm defaults, no beta APIs).
_TABLE: tuple[ResourceType, ...] = (
    _r("", "v1", "Binding", "bindings", True, verbs=("create",)),
    _r("", "v1", "ComponentStatus", "componentstatuses", False, ("cs",), verbs=("get", "list")),
    _r("", "v1", "ConfigMap", "configmaps", True, ("cm",)),
    _r("", "v1", "Endpoints", "endpoints", True, ("ep",)),
    _r("", "v1", "Event", "events", True, ("ev",)),
    _r("", "v1", "LimitRange", "limitranges", True, ("limits",)),
    _r("", "v1", "Namespace", "namespaces", False, ("ns",), verbs=_NO_COLLECTION),
    _r("", "v1", "Node", "nodes", False, ("no",)),
    _r("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", True, ("pvc",)),
    _r("", "v1", "PersistentVolume", "persistentvolumes", False, ("pv",)),
    _r("", "v1", "Pod", "pods", True, ("po",), _ALL),
    _r("", "v1", "PodTemplate", "podtemplates", True),
    _r("", "v1", "ReplicationController", "replicationcontrollers", True, ("rc",), _ALL),
    _r("", "v1", "ResourceQuota", "resourcequotas", True, ("quota",)),
    _r("", "v1", "Secret", "secrets", True),
    _r("", "v1", "ServiceAccount", "serviceaccounts", True, ("sa",)),
    _r("", "v1", "Service", "services", True, ("svc",), _ALL),
    _r("apiregistration.k8s.io", "v1", "APIService", "apiservices", False, cats=_EXT),
    _r("apps", "v1", "ControllerRevision", "controllerrevisions", True),
    _r("apps", "v1", "DaemonSet", "daemonsets", True, ("ds",), _ALL),
    _r("apps", "v1", "Deployment", "deployments", True, ("deploy",), _ALL),
    _r("apps", "v1", "ReplicaSet", "replicasets", True, ("rs",), _ALL),
    _r("apps", "v1", "StatefulSet", "statefulsets", True, ("sts",), _ALL),
    _r("events.k8s.io", "v1", "Event", "events", True, ("ev",)),
    _r("authentication.k8s.io", "v1", "SelfSubjectReview", "selfsubjectreviews", False, verbs=("create",)),
    _r("authentication.k8s.io", "v1", "TokenReview", "tokenreviews", False, verbs=("create",)),
    _r("authorization.k8s.io", "v1", "LocalSubjectAccessReview", "localsubjectaccessreviews", True,
       verbs=("create",)),
    _r("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", False,
       verbs=("create",)),
    _r("authorization.k8s.io", "v1", "SelfSubjectRulesReview", "selfsubjectrulesreviews", False,
       verbs=("create",)),
    _r("authorization.k8s.io", "v1", "SubjectAccessReview", "subjectaccessreviews", False,
       verbs=("create",)),
    _r("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", True, ("hpa",), _ALL),
    _r("batch", "v1", "CronJob", "cronjobs", True, ("cj",), _ALL),
    _r("batch", "v1", "Job", "jobs", True, cats=_ALL),
    _r("certificates.k8s.io", "v1", "CertificateSigningRequest", "certificatesigningrequests", False,
       ("csr",)),
    _r("networking.k8s.io", "v1", "IngressClass", "ingressclasses", False),
    _r("networking.k8s.io", "v1", "Ingress", "ingresses", True, ("ing",)),
    _r("networking.k8s.io", "v1", "IPAddress", "ipaddresses", False, ("ip",)),
    _r("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", True, ("netpol",)),
    _r("networking.k8s.io", "v1", "ServiceCIDR", "servicecidrs", False),
    _r("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", True, ("pdb",)),
    _r("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", False),
    _r("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", False),
    _r("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", True),
    _r("rbac.authorization.k8s.io", "v1", "Role", "roles", True),
    _r("storage.k8s.io", "v1", "CSIDriver", "csidrivers", False),
    _r("storage.k8s.io", "v1", "CSINode", "csinodes", False),
    _r("storage.k8s.io", "v1", "CSIStorageCapacity", "csistoragecapacities", True),
    _r("storage.k8s.io", "v1", "StorageClass", "storageclasses", False, ("sc",)),
    _r("storage.k8s.io", "v1", "VolumeAttachment", "volumeattachments", False),
    _r("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration",
       "mutatingwebhookconfigurations", False, cats=_EXT),
    _r("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicy", "validatingadmissionpolicies",
       False, cats=_EXT),
    _r("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicyBinding",
       "validatingadmissionpolicybindings", False, cats=_EXT),
    _r("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration",
       "validatingwebhookconfigurations", False, cats=_EXT),
    _r("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", False,
       ("crd", "crds"), _EXT),
    _r("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", False, ("pc",)),
    _r("coordination.k8s.io", "v1", "Lease", "leases", True),
    _r("node.k8s.io", "v1", "RuntimeClass", "runtimeclasses", False),
    _r("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", True),
    _r("flowcontrol.apiserver.k8s.io", "v1", "FlowSchema", "flowschemas", False),
    _r("flowcontrol.apiserver.k8s.io", "v1", "PriorityLevelConfiguration", "prioritylevelconfigurations",
       False),
)

# Category ``all`` in a v1.33 cluster, in discovery order.
_CATEGORY_ORDER = {"all": ("pods", "replicationcontrollers", "services", "daemonsets.apps",
                           "deployments.apps", "replicasets.apps", "statefulsets.apps",
                           "horizontalpodautoscalers.autoscaling", "cronjobs.batch", "jobs.batch")}


@dataclass
class Registry:
    """All served resources (built-in plus any CustomResourceDefinitions in the store)."""

    resources: list[ResourceType] = field(default_factory=lambda: list(_TABLE))

    def add_custom(self, resource: ResourceType) -> None:
        """Serve a custom resource (from an established CRD)."""
        self.resources.append(resource)

    def _indexes(self) -> tuple[dict[str, ResourceType], dict[tuple[str, str], ResourceType]]:
        """(qualified plural -> resource, (apiVersion, kind) -> resource), the first of each
        in list order; rebuilt when the list changed length (a resource was added)."""
        cached = self.__dict__.get("_cached_indexes")
        if cached is None or cached[0] != len(self.resources):
            by_plural: dict[str, ResourceType] = {}
            by_kind: dict[tuple[str, str], ResourceType] = {}
            for res in self.resources:
                by_plural.setdefault(res.qualified_plural, res)
                by_kind.setdefault((res.api_version, res.kind), res)
            cached = (len(self.resources), by_plural, by_kind)
            self.__dict__["_cached_indexes"] = cached
        return cached[1], cached[2]

    def by_qualified_plural(self, name: str) -> ResourceType | None:
        """``pods`` / ``deployments.apps`` → its resource (storage keys use this form)."""
        try:
            return self._indexes()[0].get(name)
        except TypeError:  # not a string at all (a malformed manifest's value)
            return None

    def for_kind(self, api_version: str, kind: str) -> ResourceType | None:
        """The resource that serves ``kind`` in ``api_version``, or None."""
        try:
            return self._indexes()[1].get((api_version, kind))
        except TypeError:  # not strings at all (a malformed manifest's values)
            return None

    def resolve(self, arg: str) -> list[ResourceType]:
        """Resolve a command-line type (``po``, ``pods``, ``deployments.v1.apps``, ``all``).

        Categories expand to several resources. Raises ClientError for an unknown type.
        """
        found = self._resolve_one(arg)
        if found is not None:
            return [found]
        category = arg.lower()
        if category in _CATEGORY_ORDER:
            order = _CATEGORY_ORDER[category]
            served = {r.qualified_plural: r for r in self.resources}
            return [served[name] for name in order if name in served]
        custom = [r for r in self.resources if category in r.categories and r not in _TABLE]
        if custom:
            return custom
        raise errors.unknown_resource_type(arg)

    def resolve_single(self, arg: str) -> ResourceType:
        """Resolve a type that must name one resource (no category)."""
        found = self._resolve_one(arg)
        if found is None:
            raise errors.unknown_resource_type(arg)
        return found

    def _resolve_one(self, arg: str) -> ResourceType | None:
        lower = arg.lower()
        name, _, rest = lower.partition(".")
        version = group = None
        if rest:
            # ``deployments.apps`` or ``deployments.v1.apps``: the version part is optional.
            head, _, tail = rest.partition(".")
            if tail and _looks_like_version(head):
                version, group = head, tail
            else:
                group = rest
        for res in self.resources:
            if group is not None and res.group != group:
                continue
            if version is not None and res.version != version:
                continue
            if name in (res.plural, res.singular, res.kind.lower()) or name in res.short_names:
                if group is None and res.group == "events.k8s.io":
                    continue  # core ``events`` wins for the bare name
                return res
        return None


def _looks_like_version(text: str) -> bool:
    return len(text) >= 2 and text[0] == "v" and text[1].isdigit()


@lru_cache(maxsize=1)
def builtin_registry() -> Registry:
    """The registry of built-in kinds (custom resources are added per store)."""
    return Registry()


def builtin_resources() -> tuple[ResourceType, ...]:
    """Every built-in resource in discovery order."""
    return _TABLE
