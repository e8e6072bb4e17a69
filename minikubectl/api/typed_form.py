"""An object as kubectl's typed decode and re-encode leaves it (``--local`` on typed commands).

Commands such as ``set`` decode a manifest into the Go struct of its kind and encode it again.
That adds the fields a struct always writes (``creationTimestamp: null``, ``resources: {}``,
``status: {}``, zero counters of some statuses) and writes keys in struct order. This module
knows those facts for the kinds with pod templates, Services and role bindings; other kinds
are left as they are.
"""

from __future__ import annotations

from typing import Any

_TOP = ("kind", "apiVersion", "metadata", "spec", "subjects", "roleRef", "status")
_META = ("name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
         "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
         "ownerReferences", "finalizers", "managedFields")
_POD_SPEC = ("volumes", "initContainers", "containers", "ephemeralContainers", "restartPolicy",
             "terminationGracePeriodSeconds", "activeDeadlineSeconds", "dnsPolicy", "nodeSelector",
             "serviceAccountName", "serviceAccount", "automountServiceAccountToken", "nodeName", "hostNetwork",
             "hostPID", "hostIPC", "shareProcessNamespace", "securityContext", "imagePullSecrets", "hostname",
             "subdomain", "affinity", "schedulerName", "tolerations", "hostAliases", "priorityClassName",
             "priority", "dnsConfig", "readinessGates", "runtimeClassName", "enableServiceLinks",
             "preemptionPolicy", "overhead", "topologySpreadConstraints", "setHostnameAsFQDN", "os", "hostUsers",
             "schedulingGates", "resourceClaims", "resources")
_CONTAINER = ("name", "image", "command", "args", "workingDir", "ports", "envFrom", "env", "resources",
              "resizePolicy", "restartPolicy", "volumeMounts", "volumeDevices", "livenessProbe", "readinessProbe",
              "startupProbe", "lifecycle", "terminationMessagePath", "terminationMessagePolicy", "imagePullPolicy",
              "securityContext", "stdin", "stdinOnce", "tty")
_ENV = ("name", "value", "valueFrom")
_RESOURCES = ("limits", "requests", "claims")
_PORT = ("name", "hostPort", "containerPort", "protocol", "hostIP")
_SUBJECT = ("kind", "apiGroup", "name", "namespace")
_SERVICE_PORT = ("name", "protocol", "appProtocol", "port", "targetPort", "nodePort")
_SPECS = {
    "Deployment": ("replicas", "selector", "template", "strategy", "minReadySeconds", "revisionHistoryLimit",
                   "paused", "progressDeadlineSeconds"),
    "ReplicaSet": ("replicas", "minReadySeconds", "selector", "template"),
    "ReplicationController": ("replicas", "minReadySeconds", "selector", "template"),
    "DaemonSet": ("selector", "template", "updateStrategy", "minReadySeconds", "revisionHistoryLimit"),
    "StatefulSet": ("replicas", "selector", "template", "volumeClaimTemplates", "serviceName",
                    "podManagementPolicy", "updateStrategy", "revisionHistoryLimit", "minReadySeconds",
                    "persistentVolumeClaimRetentionPolicy", "ordinals"),
    "Job": ("parallelism", "completions", "activeDeadlineSeconds", "podFailurePolicy", "successPolicy",
            "backoffLimit", "backoffLimitPerIndex", "maxFailedIndexes", "selector", "manualSelector", "template",
            "ttlSecondsAfterFinished", "completionMode", "suspend", "podReplacementPolicy", "managedBy"),
    "CronJob": ("schedule", "timeZone", "startingDeadlineSeconds", "concurrencyPolicy", "suspend", "jobTemplate",
                "successfulJobsHistoryLimit", "failedJobsHistoryLimit"),
    "Service": ("ports", "selector", "clusterIP", "clusterIPs", "type", "externalIPs", "sessionAffinity",
                "loadBalancerIP", "loadBalancerSourceRanges", "externalName", "externalTrafficPolicy",
                "healthCheckNodePort", "publishNotReadyAddresses", "sessionAffinityConfig", "ipFamilies",
                "ipFamilyPolicy", "allocateLoadBalancerNodePorts", "loadBalancerClass", "internalTrafficPolicy",
                "trafficDistribution"),
}
# Status fields without omitempty: the struct writes them even when zero.
_ZERO_STATUS: dict[str, dict[str, Any]] = {
    "Pod": {}, "Deployment": {}, "Job": {}, "CronJob": {},
    "ReplicaSet": {"replicas": 0}, "ReplicationController": {"replicas": 0},
    "DaemonSet": {"currentNumberScheduled": 0, "numberMisscheduled": 0, "desiredNumberScheduled": 0,
                  "numberReady": 0},
    "StatefulSet": {"replicas": 0, "availableReplicas": 0},
    "Service": {"loadBalancer": {}},
}
_SPEC_DEFAULTS: dict[str, dict[str, Any]] = {
    "Deployment": {"strategy": {}}, "DaemonSet": {"updateStrategy": {}},
    "StatefulSet": {"serviceName": "", "updateStrategy": {}},
}


def _ordered(value: Any, order: tuple[str, ...]) -> Any:
    if not isinstance(value, dict):
        return value
    out = {key: value[key] for key in order if key in value}
    out.update((key, item) for key, item in value.items() if key not in out)
    return out


def _meta(meta: Any) -> dict[str, Any]:
    meta = dict(meta) if isinstance(meta, dict) else {}
    meta.setdefault("creationTimestamp", None)
    return _ordered(meta, _META)


def _container(container: Any) -> Any:
    if not isinstance(container, dict):
        return container
    container = dict(container)
    container["resources"] = _ordered(container.get("resources") or {}, _RESOURCES)
    if isinstance(container.get("env"), list):
        container["env"] = [_ordered(e, _ENV) for e in container["env"]]
    if isinstance(container.get("ports"), list):
        container["ports"] = [_ordered(p, _PORT) for p in container["ports"]]
    return _ordered(container, _CONTAINER)


def _pod_spec(spec: Any) -> Any:
    if not isinstance(spec, dict):
        return spec
    spec = dict(spec)
    for key in ("initContainers", "containers"):
        if isinstance(spec.get(key), list):
            spec[key] = [_container(c) for c in spec[key]]
    return _ordered(spec, _POD_SPEC)


def _template(template: Any) -> dict[str, Any]:
    template = dict(template) if isinstance(template, dict) else {}
    out = {"metadata": _meta(template.get("metadata")), "spec": _pod_spec(template.get("spec") or {})}
    out.update((k, v) for k, v in template.items() if k not in out)
    return out


def typed_form(obj: dict[str, Any]) -> dict[str, Any]:
    """``obj`` after a typed round trip, when its kind is one this module knows; else ``obj``."""
    kind = obj.get("kind")
    if kind not in _ZERO_STATUS and kind not in ("RoleBinding", "ClusterRoleBinding"):
        return obj
    out = dict(obj)
    out["metadata"] = _meta(obj.get("metadata"))
    if kind in ("RoleBinding", "ClusterRoleBinding"):
        if isinstance(out.get("subjects"), list):
            out["subjects"] = [_ordered(s, _SUBJECT) for s in out["subjects"]]
        out["roleRef"] = _ordered(out.get("roleRef") or {}, ("apiGroup", "kind", "name"))
        return _ordered(out, _TOP)
    spec = dict(obj.get("spec") or {})
    for key, value in _SPEC_DEFAULTS.get(kind, {}).items():
        spec.setdefault(key, value)
    if kind == "Pod":
        spec = _pod_spec(spec)
    elif kind == "CronJob":
        job = dict(spec.get("jobTemplate") or {})
        job_spec = dict(job.get("spec") or {})
        job_spec["template"] = _template(job_spec.get("template"))
        job = {"metadata": _meta(job.get("metadata")), "spec": _ordered(job_spec, _SPECS["Job"]),
               **{k: v for k, v in job.items() if k not in ("metadata", "spec")}}
        spec["jobTemplate"] = job
    elif kind == "Service":
        if isinstance(spec.get("ports"), list):
            # targetPort is an IntOrString struct: written even when zero.
            spec["ports"] = [_ordered({**p, "targetPort": p.get("targetPort", 0)}, _SERVICE_PORT)
                             if isinstance(p, dict) else p for p in spec["ports"]]
    else:
        spec["template"] = _template(spec.get("template"))
    out["spec"] = _ordered(spec, _SPECS.get(kind, ()))
    status = dict(obj.get("status") or {})
    for key, value in _ZERO_STATUS[kind].items():
        status.setdefault(key, value)
    out["status"] = status
    return _ordered(out, _TOP)
