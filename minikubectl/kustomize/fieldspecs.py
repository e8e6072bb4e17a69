"""Where kustomize's built-in transformers look inside objects (its default field specs).

A field spec is ``(path, kind, group, create)``: ``kind``/``group`` empty match any object;
``create`` makes the missing maps on the way. Path segments ending in ``[]`` (and any list
met on the way) are walked element by element.
"""

from __future__ import annotations

FieldSpec = tuple[str, str, str, bool]

_WORKLOADS = ("Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job")


def _template_labels(field: str) -> list[FieldSpec]:
    specs: list[FieldSpec] = [("spec/template/metadata/" + field, "ReplicationController", "", True)]
    specs += [("spec/template/metadata/" + field, kind, "", True) for kind in _WORKLOADS]
    return specs


# labels without includeSelectors (plus the template paths with includeTemplates).
METADATA_LABELS: list[FieldSpec] = [("metadata/labels", "", "", True)]
TEMPLATE_LABELS: list[FieldSpec] = _template_labels("labels") + [
    ("spec/volumeClaimTemplates[]/metadata/labels", "StatefulSet", "apps", True),
    ("spec/jobTemplate/metadata/labels", "CronJob", "batch", True),
    ("spec/jobTemplate/spec/template/metadata/labels", "CronJob", "batch", True),
]

_AFFINITY = [
    "spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/"
    "podAffinityTerm/labelSelector/matchLabels",
    "spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/"
    "labelSelector/matchLabels",
    "spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/"
    "podAffinityTerm/labelSelector/matchLabels",
    "spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/"
    "labelSelector/matchLabels",
    "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels",
]

# commonLabels, and labels with includeSelectors: true.
SELECTOR_LABELS: list[FieldSpec] = (
    [("spec/selector", "Service", "", True), ("spec/selector", "ReplicationController", "", True)]
    + [("spec/selector/matchLabels", kind, "", True) for kind in ("Deployment", "ReplicaSet", "DaemonSet")]
    + [(path, "Deployment", "apps", False) for path in _AFFINITY]
    + [("spec/selector/matchLabels", "StatefulSet", "apps", True)]
    + [(path, "StatefulSet", "apps", False) for path in _AFFINITY]
    + [("spec/selector/matchLabels", "Job", "batch", False),
       ("spec/jobTemplate/spec/selector/matchLabels", "CronJob", "batch", False),
       ("spec/selector/matchLabels", "PodDisruptionBudget", "policy", False),
       ("spec/podSelector/matchLabels", "NetworkPolicy", "networking.k8s.io", False),
       ("spec/ingress/from/podSelector/matchLabels", "NetworkPolicy", "networking.k8s.io", False),
       ("spec/egress/to/podSelector/matchLabels", "NetworkPolicy", "networking.k8s.io", False)]
    + METADATA_LABELS + TEMPLATE_LABELS
)

COMMON_ANNOTATIONS: list[FieldSpec] = [("metadata/annotations", "", "", True)] + _template_labels(
    "annotations") + [
    ("spec/jobTemplate/metadata/annotations", "CronJob", "batch", True),
    ("spec/jobTemplate/spec/template/metadata/annotations", "CronJob", "batch", True),
]

REPLICAS_KINDS = ("Deployment", "ReplicationController", "ReplicaSet", "StatefulSet")


def _pod_paths(prefix: str, names: list[str]) -> list[str]:
    return [prefix + name for name in names]


_CM_POD = ["volumes/configMap/name", "containers/env/valueFrom/configMapKeyRef/name",
           "initContainers/env/valueFrom/configMapKeyRef/name", "containers/envFrom/configMapRef/name",
           "initContainers/envFrom/configMapRef/name", "volumes/projected/sources/configMap/name"]
_SECRET_POD = ["volumes/secret/secretName", "containers/env/valueFrom/secretKeyRef/name",
               "initContainers/env/valueFrom/secretKeyRef/name", "containers/envFrom/secretRef/name",
               "initContainers/envFrom/secretRef/name", "imagePullSecrets/name",
               "volumes/projected/sources/secret/name"]
_TEMPLATED = ("Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job")
_SA_OWNERS = ("StatefulSet", "Deployment", "ReplicationController", "Job", "DaemonSet")


def _pod_refs(fields: list[str], templated: tuple[str, ...]) -> list[tuple[str, str, str]]:
    refs = [("spec/" + f, "Pod", "") for f in fields]
    for kind in templated:
        refs += [("spec/template/spec/" + f, kind, "") for f in fields]
    refs += [("spec/jobTemplate/spec/template/spec/" + f, "CronJob", "") for f in fields]
    return refs


# referral kind -> [(path, referrer kind, referrer group)]: fields holding another object's name.
NAME_REFERENCES: dict[str, list[tuple[str, str, str]]] = {
    "ConfigMap": _pod_refs(_CM_POD, _TEMPLATED) + [
        ("spec/configSource/configMap", "Node", ""), ("rules/resourceNames", "Role", ""),
        ("rules/resourceNames", "ClusterRole", ""),
        ("metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap", "Ingress", "")],
    "Secret": _pod_refs(_SECRET_POD, _TEMPLATED) + [
        ("spec/tls/secretName", "Ingress", ""),
        ("metadata/annotations/ingress.kubernetes.io\\/auth-secret", "Ingress", ""),
        ("metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret", "Ingress", ""),
        ("metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret", "Ingress", ""),
        ("imagePullSecrets/name", "ServiceAccount", ""),
        ("parameters/secretName", "StorageClass", ""), ("parameters/adminSecretName", "StorageClass", ""),
        ("parameters/userSecretName", "StorageClass", ""), ("parameters/secretRef", "StorageClass", ""),
        ("rules/resourceNames", "Role", ""), ("rules/resourceNames", "ClusterRole", ""),
        ("spec/azureFile/secretName", "PersistentVolume", "")],
    "Service": [("spec/serviceName", "StatefulSet", "apps"),
                ("spec/rules/http/paths/backend/serviceName", "Ingress", ""),
                ("spec/backend/serviceName", "Ingress", ""),
                ("spec/rules/http/paths/backend/service/name", "Ingress", ""),
                ("spec/defaultBackend/service/name", "Ingress", ""),
                ("spec/service/name", "APIService", "apiregistration.k8s.io"),
                ("webhooks/clientConfig/service", "ValidatingWebhookConfiguration", "admissionregistration.k8s.io"),
                ("webhooks/clientConfig/service", "MutatingWebhookConfiguration", "admissionregistration.k8s.io")],
    "Role": [("roleRef/name", "RoleBinding", "rbac.authorization.k8s.io")],
    "ClusterRole": [("roleRef/name", "RoleBinding", "rbac.authorization.k8s.io"),
                    ("roleRef/name", "ClusterRoleBinding", "rbac.authorization.k8s.io")],
    "ServiceAccount": [("subjects", "RoleBinding", "rbac.authorization.k8s.io"),
                       ("subjects", "ClusterRoleBinding", "rbac.authorization.k8s.io"),
                       ("spec/serviceAccountName", "Pod", "")]
    + [("spec/template/spec/serviceAccountName", kind, "") for kind in _SA_OWNERS]
    + [("spec/jobTemplate/spec/template/spec/serviceAccountName", "CronJob", "")],
    "PersistentVolumeClaim": [("spec/volumes/persistentVolumeClaim/claimName", "Pod", "")]
    + [("spec/template/spec/volumes/persistentVolumeClaim/claimName", kind, "") for kind in _SA_OWNERS]
    + [("spec/jobTemplate/spec/template/spec/volumes/persistentVolumeClaim/claimName", "CronJob", "")],
    "PersistentVolume": [("spec/volumeName", "PersistentVolumeClaim", ""),
                         ("rules/resourceNames", "ClusterRole", "")],
    "StorageClass": [("spec/storageClassName", "PersistentVolume", ""),
                     ("spec/storageClassName", "PersistentVolumeClaim", ""),
                     ("spec/volumeClaimTemplates/spec/storageClassName", "StatefulSet", "")],
    "PriorityClass": [("spec/priorityClassName", "Pod", "")]
    + [("spec/template/spec/priorityClassName", kind, "") for kind in _SA_OWNERS]
    + [("spec/jobTemplate/spec/template/spec/priorityClassName", "CronJob", "")],
    "IngressClass": [("spec/ingressClassName", "Ingress", "")],
}
for _kind in ("Deployment", "ReplicationController", "ReplicaSet", "StatefulSet"):
    NAME_REFERENCES[_kind] = [("spec/scaleTargetRef/name", "HorizontalPodAutoscaler", "")]

# kinds listed first and last by kustomize's legacy output order.
ORDER_FIRST = ("Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount",
               "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap",
               "Secret", "Endpoints", "Service", "LimitRange", "PriorityClass", "PersistentVolume",
               "PersistentVolumeClaim", "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget")
ORDER_LAST = ("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")
