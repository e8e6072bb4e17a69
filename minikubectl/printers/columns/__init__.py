"""Server-side table columns per kind, as ``pkg/printers/internalversion/printers.go`` defines them.

Each kind's columns live in their own module (``pods.py``, ``nodes.py``...), imported
only when that kind is printed. A module exposes:

- ``COLUMNS``: a tuple of :class:`Column` (name, priority 0 or 1 for ``-o wide``, format);
- ``rows(obj, now) -> list[list[Cell]]``: the cells of every column, wide ones included
  (the API server always builds the wide table; kubectl hides priority-1 columns).

Kinds without a printer fall back to ``generic_created_at`` (a built-in API group: the
API server's default table, ``NAME CREATED AT``) or ``generic_age`` (custom resources
and anything unknown: ``NAME AGE``).
"""

from __future__ import annotations

import importlib
from datetime import datetime
from types import ModuleType
from typing import Callable, Protocol, Union

from minikubectl.golang.structs import dataclass

Cell = Union[str, int, float, bool, None]
"""A table cell as the API server sends it: string, integer, boolean or nil."""


@dataclass(frozen=True)
class Column:
    """A ``metav1.TableColumnDefinition``: header name, type, format and priority."""

    name: str
    priority: int = 0
    format: str = ""
    type: str = "string"


class KindTable(Protocol):
    """What a column module provides."""

    COLUMNS: tuple[Column, ...]

    def rows(self, obj: dict, now: datetime) -> list[list[Cell]]:  # pragma: no cover - protocol
        """The rows (usually one) that ``obj`` contributes to the table."""


RowsFunc = Callable[[dict, datetime], list[list[Cell]]]

# (API group, kind) -> module name under this package. Lazy: nothing is imported here.
_TABLES: dict[tuple[str, str], str] = {
    ("", "Pod"): "pods",
    ("", "Node"): "nodes",
    ("", "Namespace"): "namespaces",
    ("", "Event"): "events",
    ("events.k8s.io", "Event"): "events",
    ("", "Service"): "services",
    ("", "ConfigMap"): "configmaps",
    ("", "Secret"): "secrets",
    ("", "ServiceAccount"): "serviceaccounts",
    ("", "ReplicationController"): "replicationcontrollers",
    ("", "Endpoints"): "endpoints",
    ("", "PersistentVolume"): "persistentvolumes",
    ("", "PersistentVolumeClaim"): "persistentvolumeclaims",
    ("", "PodTemplate"): "podtemplates",
    ("", "ResourceQuota"): "resourcequotas",
    ("", "ComponentStatus"): "componentstatuses",
    ("apps", "Deployment"): "deployments",
    ("apps", "ReplicaSet"): "replicasets",
    ("apps", "DaemonSet"): "daemonsets",
    ("apps", "StatefulSet"): "statefulsets",
    ("apps", "ControllerRevision"): "controllerrevisions",
    ("batch", "Job"): "jobs",
    ("batch", "CronJob"): "cronjobs",
    ("autoscaling", "HorizontalPodAutoscaler"): "horizontalpodautoscalers",
    ("autoscaling", "Scale"): "scales",
    ("networking.k8s.io", "Ingress"): "ingresses",
    ("networking.k8s.io", "IngressClass"): "ingressclasses",
    ("networking.k8s.io", "NetworkPolicy"): "networkpolicies",
    ("discovery.k8s.io", "EndpointSlice"): "endpointslices",
    ("policy", "PodDisruptionBudget"): "poddisruptionbudgets",
    ("rbac.authorization.k8s.io", "RoleBinding"): "rolebindings",
    ("rbac.authorization.k8s.io", "ClusterRoleBinding"): "rolebindings",
    ("storage.k8s.io", "StorageClass"): "storageclasses",
    ("storage.k8s.io", "CSIDriver"): "csidrivers",
    ("storage.k8s.io", "CSINode"): "csinodes",
    ("storage.k8s.io", "VolumeAttachment"): "volumeattachments",
    ("coordination.k8s.io", "Lease"): "leases",
    ("scheduling.k8s.io", "PriorityClass"): "priorityclasses",
    ("node.k8s.io", "RuntimeClass"): "runtimeclasses",
    ("certificates.k8s.io", "CertificateSigningRequest"): "certificatesigningrequests",
    ("admissionregistration.k8s.io", "MutatingWebhookConfiguration"): "webhookconfigurations",
    ("admissionregistration.k8s.io", "ValidatingWebhookConfiguration"): "webhookconfigurations",
    ("apiregistration.k8s.io", "APIService"): "apiservices",
}

# Groups served by a v1.33 API server itself: a kind there without a printer gets the
# server's default table convertor (NAME, CREATED AT); other groups are custom resources.
BUILTIN_GROUPS = frozenset({
    "", "admissionregistration.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io",
    "apps", "authentication.k8s.io", "authorization.k8s.io", "autoscaling", "batch",
    "certificates.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io",
    "flowcontrol.apiserver.k8s.io", "internal.apiserver.k8s.io", "networking.k8s.io",
    "node.k8s.io", "policy", "rbac.authorization.k8s.io", "resource.k8s.io",
    "scheduling.k8s.io", "storage.k8s.io", "storagemigration.k8s.io",
})


def module_name(group: str, kind: str) -> str:
    """The column module for ``(group, kind)``, fallbacks included (no import)."""
    name = _TABLES.get((group, kind))
    if name is not None:
        return name
    return "generic_created_at" if group in BUILTIN_GROUPS else "generic_age"


def table_for(group: str, kind: str) -> ModuleType:
    """Import and return the column module that prints ``kind`` of API ``group``."""
    return importlib.import_module(f"{__name__}.{module_name(group, kind)}")


def registered_kinds() -> list[tuple[str, str]]:
    """Every (group, kind) that has its own printer (for registry-wide tests)."""
    return list(_TABLES)
