"""Which built-in resources serve the ``status`` and ``scale`` subresources, and the Scale object.

``kubectl get --subresource=status|scale`` reads ``.../<name>/status`` or ``.../<name>/scale``;
a type that does not serve the subresource answers 404 with the API server's generic message.
"""

from __future__ import annotations

from typing import Any

SUPPORTED = ("status", "scale")

STATUS = frozenset({
    "pods", "nodes", "namespaces", "services", "persistentvolumes", "persistentvolumeclaims",
    "replicationcontrollers", "resourcequotas",
    "deployments.apps", "replicasets.apps", "statefulsets.apps", "daemonsets.apps",
    "jobs.batch", "cronjobs.batch", "horizontalpodautoscalers.autoscaling",
    "poddisruptionbudgets.policy", "ingresses.networking.k8s.io",
    "certificatesigningrequests.certificates.k8s.io",
    "customresourcedefinitions.apiextensions.k8s.io", "apiservices.apiregistration.k8s.io",
    "volumeattachments.storage.k8s.io", "validatingadmissionpolicies.admissionregistration.k8s.io",
    "flowschemas.flowcontrol.apiserver.k8s.io",
    "prioritylevelconfigurations.flowcontrol.apiserver.k8s.io",
    "servicecidrs.networking.k8s.io",
})

SCALE = frozenset({"deployments.apps", "replicasets.apps", "statefulsets.apps",
                   "replicationcontrollers"})

NOT_FOUND_MESSAGE = "the server could not find the requested resource"


def selector_string(selector: Any, *, label_selector: bool) -> str:
    """``labels.Selector.String()`` of a LabelSelector (apps) or a plain map (core RC)."""
    if not isinstance(selector, dict):
        return ""
    parts: list[tuple[str, str]] = []
    labels = selector.get("matchLabels") if label_selector else selector
    for key, value in (labels or {}).items():
        parts.append((str(key), f"{key}={value}"))
    if label_selector:
        for expr in selector.get("matchExpressions") or []:
            key, op = str(expr.get("key", "")), expr.get("operator")
            values = ",".join(sorted(str(v) for v in expr.get("values") or []))
            text = {"In": f"{key} in ({values})", "NotIn": f"{key} notin ({values})",
                    "Exists": key, "DoesNotExist": f"!{key}"}.get(str(op), key)
            parts.append((key, text))
    return ",".join(text for _, text in sorted(parts, key=lambda p: p[0]))


def scale_of(obj: dict[str, Any], core: bool) -> dict[str, Any]:
    """The ``autoscaling/v1`` Scale the API server derives from a scalable object."""
    meta = obj.get("metadata") or {}
    spec = obj.get("spec") or {}
    status = obj.get("status") or {}
    metadata = {key: meta[key] for key in ("name", "namespace", "uid", "resourceVersion",
                                           "creationTimestamp") if key in meta}
    scale_spec: dict[str, Any] = {}
    if spec.get("replicas"):
        scale_spec["replicas"] = spec["replicas"]
    scale_status: dict[str, Any] = {"replicas": status.get("replicas") or 0}
    selector = selector_string(spec.get("selector"), label_selector=not core)
    if selector:
        scale_status["selector"] = selector
    return {"kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": metadata,
            "spec": scale_spec, "status": scale_status}
