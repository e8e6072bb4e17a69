"""kubectl describe: one module per kind plus a generic fallback, over a shared writer.

``describe(obj, ctx)`` returns the text kubectl v1.33 prints for one object. Describers
read related objects (events, pods, replica sets...) through the :class:`Context`
lookups, which the CLI binds to the API server.
"""

from __future__ import annotations

import importlib
from typing import Any

from minikubectl.printers.describe.writer import Context

# (group, kind) -> module under minikubectl.printers.describe
DESCRIBERS: dict[tuple[str, str], str] = {
    ("", "Pod"): "pod",
    ("", "Node"): "node",
    ("", "Namespace"): "namespace",
    ("apps", "Deployment"): "deployment",
    ("apps", "ReplicaSet"): "replicaset",
    ("", "Service"): "service",
    ("", "ConfigMap"): "configmap",
    ("", "Secret"): "secret",
    ("", "ServiceAccount"): "serviceaccount",
    ("batch", "Job"): "job",
    ("batch", "CronJob"): "cronjob",
    ("apps", "DaemonSet"): "daemonset",
    ("apps", "StatefulSet"): "statefulset",
    ("", "PersistentVolume"): "persistentvolume",
    ("", "PersistentVolumeClaim"): "persistentvolumeclaim",
    ("storage.k8s.io", "StorageClass"): "storageclass",
    ("scheduling.k8s.io", "PriorityClass"): "priorityclass",
    ("networking.k8s.io", "Ingress"): "ingress",
    ("networking.k8s.io", "NetworkPolicy"): "networkpolicy",
    ("", "Endpoints"): "endpoints",
    ("autoscaling", "HorizontalPodAutoscaler"): "horizontalpodautoscaler",
    ("rbac.authorization.k8s.io", "Role"): "role",
    ("rbac.authorization.k8s.io", "ClusterRole"): "role",
    ("rbac.authorization.k8s.io", "RoleBinding"): "rolebinding",
    ("rbac.authorization.k8s.io", "ClusterRoleBinding"): "rolebinding",
    ("", "ResourceQuota"): "resourcequota",
    ("", "LimitRange"): "limitrange",
    ("policy", "PodDisruptionBudget"): "poddisruptionbudget",
}

__all__ = ["Context", "describe"]


def describe(obj: dict[str, Any], ctx: Context) -> str:
    """The describe text of one object (the generic describer for kinds without their own)."""
    api_version = str(obj.get("apiVersion", ""))
    group = api_version.rpartition("/")[0]
    module = DESCRIBERS.get((group, str(obj.get("kind", ""))), "generic")
    return importlib.import_module(f"minikubectl.printers.describe.{module}").describe(obj, ctx)
