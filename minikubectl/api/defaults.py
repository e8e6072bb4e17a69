"""What the API server fills in when an object is created (Kubernetes v1.33).

Three layers, applied in the server's order:

1. scheme defaults (``SetDefaults_*`` of ``pkg/apis/*/v1/defaults.go``), which the server also
   re-applies on every update: :func:`apply_scheme_defaults`;
2. mutating admission on create (ServiceAccount, DefaultTolerationSeconds, Priority);
3. the registry strategy's ``PrepareForCreate`` (status, generation, generated names,
   Service IP allocation, Job selectors).

:func:`apply_defaults` runs all three. uid, resourceVersion and creationTimestamp are the
store's business. Objects are plain JSON dicts; inputs are never mutated.
"""

from __future__ import annotations

import base64
import copy
import re
from typing import TYPE_CHECKING, Any, Callable

from minikubectl.api.jsoncopy import clone
from minikubectl.golang.structs import dataclass

if TYPE_CHECKING:
    from fractions import Fraction  # annotations only: parsing a quantity imports it

from minikubectl.api.errors import forbidden

Rand = Callable[[int], str]
KindKey = tuple[str, str]

SA_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount"
_MIRROR_ANNOTATION = "kubernetes.io/config.mirror"
_SYSTEM_PRIORITIES = {"system-node-critical": 2000001000, "system-cluster-critical": 2000000000}


@dataclass(frozen=True)
class CreateContext:
    """What create-time defaulting may need from its caller (all injected, for determinism)."""

    rand: Rand
    allocate_cluster_ip: Callable[[], str] | None = None
    allocate_node_port: Callable[[], int] | None = None
    service_account: dict | None = None
    priority_classes: dict[str, dict] | None = None


# --------------------------------------------------------------------------- public API


def apply_defaults(obj: dict, *, rand: Rand,
                   allocate_cluster_ip: Callable[[], str] | None = None,
                   allocate_node_port: Callable[[], int] | None = None,
                   service_account: dict | None = None,
                   priority_classes: dict[str, dict] | None = None, in_place: bool = False) -> dict:
    """``obj`` as the API server stores it on create (minus uid/resourceVersion/timestamp).

    ``in_place``: ``obj`` is the caller's own copy, defaulted and returned itself.

    ``rand(n)`` returns n chars of ``bcdfghjklmnpqrstvwxz2456789`` (generated names);
    ``allocate_cluster_ip()`` / ``allocate_node_port()`` hand out Service addresses;
    ``service_account`` is the pod's ServiceAccount object when known (automount flag and
    imagePullSecrets); ``priority_classes`` maps PriorityClass names to objects (the two
    system classes are always known). A Job needs ``metadata.uid`` already set to get its
    generated selector.
    """
    ctx = CreateContext(rand, allocate_cluster_ip, allocate_node_port, service_account,
                        priority_classes)
    out = obj if in_place else clone(obj)
    _scheme_defaults(out)
    on_create = _CREATE.get(kind_key(out))
    if on_create is not None:
        on_create(out, ctx)
    _generate_name(out, rand)
    return out


def apply_scheme_defaults(obj: dict) -> dict:
    """Only the ``SetDefaults_*`` layer, which the server also applies on update/patch."""
    out = clone(obj)
    _scheme_defaults(out)
    return out


def _scheme_defaults(obj: dict) -> None:
    fn = _SCHEME.get(kind_key(obj))
    if fn is not None:
        fn(obj)


def kind_key(obj: dict) -> KindKey:
    """(group, kind) of an object from its apiVersion and kind."""
    api_version = str(obj.get("apiVersion") or "")
    group = api_version.rpartition("/")[0]
    return group, str(obj.get("kind") or "")


def pod_qos_class(pod: dict) -> str:
    """The pod's QoS class: BestEffort, Guaranteed or Burstable (``ComputePodQOS``)."""
    spec = pod.get("spec") or {}
    requests: dict[str, Fraction] = {}
    limits: dict[str, Fraction] = {}
    guaranteed = True
    for container in (spec.get("containers") or []) + (spec.get("initContainers") or []):
        resources = container.get("resources") or {}
        _sum_positive(resources.get("requests") or {}, requests)
        found = _sum_positive(resources.get("limits") or {}, limits)
        if not {"cpu", "memory"} <= found:
            guaranteed = False
    if not requests and not limits:
        return "BestEffort"
    if guaranteed and all(limits.get(k) == v for k, v in requests.items()) \
            and len(requests) == len(limits):
        return "Guaranteed"
    return "Burstable"


def image_pull_policy(image: str) -> str:
    """``Always`` for an image tagged ``latest`` or untagged without digest, else IfNotPresent.

    An unparsable reference counts as untagged-with-error, i.e. ``IfNotPresent``.
    """
    return "Always" if _image_tag(image) == "latest" else "IfNotPresent"


# --------------------------------------------------------------------------- small helpers


def _map(parent: dict, key: str) -> dict:
    """``parent[key]`` as a dict, created (or replaced when null) if missing."""
    value = parent.get(key)
    if not isinstance(value, dict):
        value = parent[key] = {}
    return value


def _items(parent: dict | None, key: str) -> list[dict]:
    """The dict items of list ``parent[key]`` (nothing when absent or malformed)."""
    value = (parent or {}).get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _setdefault(obj: dict, key: str, value) -> None:
    # A JSON null means "unset" to the Go decoder, so it is defaulted too.
    if obj.get(key) is None:
        obj[key] = value


def _setdefault_str(obj: dict, key: str, value: str) -> None:
    if not obj.get(key):
        obj[key] = value


def _generate_name(obj: dict, rand: Rand) -> None:
    meta = _map(obj, "metadata")
    if not meta.get("name") and meta.get("generateName"):
        # SimpleNameGenerator: prefix cut to 58 chars so the name fits in 63.
        meta["name"] = str(meta["generateName"])[:58] + rand(5)


# --------------------------------------------------------------------------- quantities


def _quantity(value) -> Fraction | None:
    """The exact value of a resource quantity (None when unparsable)."""
    from minikubectl.api.quantity import QuantityError, parse_quantity
    if isinstance(value, bool) or value is None:
        return None
    try:
        return parse_quantity(str(value)).value
    except QuantityError:
        return None


def _sum_positive(resources: dict, into: dict[str, Fraction]) -> set[str]:
    """Add the positive cpu/memory quantities to ``into``; return the names seen."""
    found: set[str] = set()
    for name, raw in resources.items():
        if name not in ("cpu", "memory"):
            continue
        qty = _quantity(raw)
        if qty is not None and qty > 0:
            found.add(name)
            into[name] = into.get(name, 0) + qty
    return found


# --------------------------------------------------------------------------- images

_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN = rf"(?:{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?"
_PATH_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*"
_REFERENCE = re.compile(
    rf"^((?:{_DOMAIN}/)?{_PATH_COMPONENT}(?:/{_PATH_COMPONENT})*)"
    r"(?::([\w][\w.-]{0,127}))?"
    r"(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$")
_DIGEST_LENGTHS = {"sha256": 64, "sha384": 96, "sha512": 128}


def _image_tag(image: str) -> str:
    """The tag ``ParseImageName`` reports: "latest" when neither tag nor digest; "" on error."""
    match = _REFERENCE.match(image)
    if not match or len(match.group(1)) > 255 or re.fullmatch(r"[a-f0-9]{64}", image):
        return ""
    tag, digest = match.group(2), match.group(3)
    if digest:
        algorithm, _, hex_part = digest.partition(":")
        if _DIGEST_LENGTHS.get(algorithm) != len(hex_part):
            return ""
    if not tag and not digest:
        return "latest"
    return tag or ""


# --------------------------------------------------------------------------- pod spec pieces


def _probe_handler_defaults(handler: dict) -> None:
    http = handler.get("httpGet")
    if isinstance(http, dict):
        _setdefault_str(http, "path", "/")
        _setdefault_str(http, "scheme", "HTTP")
    grpc = handler.get("grpc")
    if isinstance(grpc, dict):
        _setdefault(grpc, "service", "")


def _probe_defaults(probe: dict) -> None:
    for key, value in (("timeoutSeconds", 1), ("periodSeconds", 10),
                       ("successThreshold", 1), ("failureThreshold", 3)):
        if not probe.get(key):
            probe[key] = value
    _probe_handler_defaults(probe)


def _field_ref_defaults(holder: dict) -> None:
    ref = holder.get("fieldRef")
    if isinstance(ref, dict):
        _setdefault_str(ref, "apiVersion", "v1")
    res = holder.get("resourceFieldRef")
    if isinstance(res, dict):
        # Quantity is a struct: its zero value is serialised as "0", never omitted.
        _setdefault(res, "divisor", "0")


def _container_defaults(container: dict) -> None:
    """SetDefaults_Container and friends (ports, probes, env, lifecycle)."""
    if not container.get("imagePullPolicy"):
        container["imagePullPolicy"] = image_pull_policy(str(container.get("image") or ""))
    _setdefault_str(container, "terminationMessagePath", "/dev/termination-log")
    _setdefault_str(container, "terminationMessagePolicy", "File")
    _setdefault(container, "resources", {})
    for port in _items(container, "ports"):
        _setdefault_str(port, "protocol", "TCP")
    for key in ("livenessProbe", "readinessProbe", "startupProbe"):
        if isinstance(container.get(key), dict):
            _probe_defaults(container[key])
    lifecycle = container.get("lifecycle")
    if isinstance(lifecycle, dict):
        for key in ("postStart", "preStop"):
            if isinstance(lifecycle.get(key), dict):
                _probe_handler_defaults(lifecycle[key])
    for env in _items(container, "env"):
        if isinstance(env.get("valueFrom"), dict):
            _field_ref_defaults(env["valueFrom"])


def _pvc_spec_defaults(spec: dict) -> None:
    _setdefault_str(spec, "volumeMode", "Filesystem")


def _volume_defaults(volume: dict) -> None:
    """SetDefaults_Volume and the per-source defaults."""
    sources = [k for k in volume if k != "name" and volume[k] is not None]
    if not sources:
        volume["emptyDir"] = {}
    for key in ("secret", "configMap", "downwardAPI", "projected"):
        if isinstance(volume.get(key), dict):
            _setdefault(volume[key], "defaultMode", 420)
    for item in _items(volume.get("downwardAPI"), "items"):
        _field_ref_defaults(item)
    for source in _items(volume.get("projected"), "sources"):
        token = source.get("serviceAccountToken")
        if isinstance(token, dict):
            _setdefault(token, "expirationSeconds", 3600)
        for item in _items(source.get("downwardAPI"), "items"):
            _field_ref_defaults(item)
    if isinstance(volume.get("hostPath"), dict):
        _setdefault(volume["hostPath"], "type", "")
    _legacy_volume_defaults(volume)
    template = (volume.get("ephemeral") or {}).get("volumeClaimTemplate")
    if isinstance(template, dict) and isinstance(template.get("spec"), dict):
        _pvc_spec_defaults(template["spec"])


def _legacy_volume_defaults(volume: dict) -> None:
    defaults = {
        "iscsi": {"iscsiInterface": "default"},
        "rbd": {"pool": "rbd", "user": "admin", "keyring": "/etc/ceph/keyring"},
        "azureDisk": {"cachingMode": "ReadWrite", "fsType": "ext4", "readOnly": False,
                      "kind": "Shared"},
        "scaleIO": {"storageMode": "ThinProvisioned", "fsType": "xfs"},
    }
    for key, values in defaults.items():
        if isinstance(volume.get(key), dict) and isinstance(values, dict):
            for field, value in values.items():
                _setdefault(volume[key], field, value)


def _pod_spec_defaults(spec: dict) -> None:
    """SetDefaults_PodSpec plus everything nested in it, and the serviceAccount mirror."""
    _setdefault_str(spec, "dnsPolicy", "ClusterFirst")
    _setdefault_str(spec, "restartPolicy", "Always")
    _setdefault(spec, "securityContext", {})
    _setdefault(spec, "terminationGracePeriodSeconds", 30)
    _setdefault_str(spec, "schedulerName", "default-scheduler")
    for key in ("initContainers", "containers", "ephemeralContainers"):
        for container in _items(spec, key):
            _container_defaults(container)
    for volume in _items(spec, "volumes"):
        _volume_defaults(volume)
    _mirror_service_account(spec)


def _mirror_service_account(spec: dict) -> None:
    # v1 conversion: the deprecated serviceAccount field always echoes serviceAccountName.
    if not spec.get("serviceAccountName") and spec.get("serviceAccount"):
        spec["serviceAccountName"] = spec["serviceAccount"]
    if spec.get("serviceAccountName"):
        spec["serviceAccount"] = spec["serviceAccountName"]


def _template_defaults(template: dict) -> None:
    """A PodTemplateSpec: pod spec defaults; a zero creationTimestamp prints as null."""
    meta = _map(template, "metadata")
    meta.setdefault("creationTimestamp", None)
    _pod_spec_defaults(_map(template, "spec"))


# --------------------------------------------------------------------------- Pod


def _pod_scheme(pod: dict) -> None:
    spec = _map(pod, "spec")
    for key in ("containers", "initContainers"):
        for container in _items(spec, key):
            _requests_from_limits(container)
    _setdefault(spec, "enableServiceLinks", True)
    if spec.get("hostNetwork"):
        for key in ("containers", "initContainers"):
            for container in _items(spec, key):
                for port in _items(container, "ports"):
                    if not port.get("hostPort"):
                        port["hostPort"] = port.get("containerPort")
    _pod_spec_defaults(spec)


def _requests_from_limits(container: dict) -> None:
    # Only on Pods (not templates): unset requests default to the limits.
    resources = container.get("resources")
    if not isinstance(resources, dict) or not isinstance(resources.get("limits"), dict):
        return
    requests = _map(resources, "requests")
    for name, value in resources["limits"].items():
        requests.setdefault(name, value)


def _pod_create(pod: dict, ctx: CreateContext) -> None:
    meta = _map(pod, "metadata")
    spec = _map(pod, "spec")
    if _MIRROR_ANNOTATION not in (meta.get("annotations") or {}):
        _service_account_admission(spec, ctx)
    _default_toleration_seconds(spec)
    _priority_admission(pod, spec, ctx)
    status: dict[str, Any] = {"phase": "Pending", "qosClass": pod_qos_class(pod)}
    if spec.get("schedulingGates"):
        status["conditions"] = [{
            "lastProbeTime": None, "lastTransitionTime": None,
            "message": "Scheduling is blocked due to non-empty scheduling gates",
            "reason": "SchedulingGated", "status": "False", "type": "PodScheduled"}]
    pod["status"] = status


def _service_account_admission(spec: dict, ctx: CreateContext) -> None:
    """The ServiceAccount plugin: default SA name and the kube-api-access projected volume."""
    if not spec.get("serviceAccountName"):
        spec["serviceAccountName"] = "default"
    spec["serviceAccount"] = spec["serviceAccountName"]
    account = ctx.service_account or {}
    if not spec.get("imagePullSecrets") and account.get("imagePullSecrets"):
        spec["imagePullSecrets"] = [{"name": s.get("name")} for s in
                                    _items(account, "imagePullSecrets")]
    automount = spec.get("automountServiceAccountToken")
    if automount is None:
        automount = account.get("automountServiceAccountToken")
    if automount is False:
        return
    existing = next((v["name"] for v in _items(spec, "volumes")
                     if str(v.get("name", "")).startswith("kube-api-access-")), None)
    volume_name = existing or "kube-api-access-" + ctx.rand(5)
    needs_volume = False
    for key in ("initContainers", "containers"):
        for container in _items(spec, key):
            mounts = _items(container, "volumeMounts")
            if any(m.get("mountPath") == SA_MOUNT_PATH for m in mounts):
                continue
            container["volumeMounts"] = list(container.get("volumeMounts") or []) + [
                {"mountPath": SA_MOUNT_PATH, "name": volume_name, "readOnly": True}]
            needs_volume = True
    if needs_volume and existing is None:
        spec["volumes"] = list(spec.get("volumes") or []) + [_token_volume(volume_name)]


def _token_volume(name: str) -> dict:
    return {"name": name, "projected": {"defaultMode": 420, "sources": [
        {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
        {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}],
                       "name": "kube-root-ca.crt"}},
        {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1",
                                                 "fieldPath": "metadata.namespace"},
                                    "path": "namespace"}]}},
    ]}}


def _default_toleration_seconds(spec: dict) -> None:
    """DefaultTolerationSeconds: tolerate not-ready/unreachable NoExecute for 300s."""
    tolerations = _items(spec, "tolerations")
    added = []
    for key in ("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"):
        tolerated = any(t.get("key") in (key, None, "")
                        and t.get("effect") in ("NoExecute", None, "") for t in tolerations)
        if not tolerated:
            added.append({"effect": "NoExecute", "key": key, "operator": "Exists",
                          "tolerationSeconds": 300})
    if added:
        spec["tolerations"] = list(spec.get("tolerations") or []) + added


def _priority_admission(pod: dict, spec: dict, ctx: CreateContext) -> None:
    """Priority plugin: resolve priorityClassName (none and no global default -> 0)."""
    name = spec.get("priorityClassName")
    policy = "PreemptLowerPriority"
    if not name:
        priority = 0
    elif name in _SYSTEM_PRIORITIES:
        priority = _SYSTEM_PRIORITIES[name]
    elif ctx.priority_classes and name in ctx.priority_classes:
        cls = ctx.priority_classes[name]
        priority = int(cls.get("value") or 0)
        policy = cls.get("preemptionPolicy") or policy
    else:
        pod_name = (pod.get("metadata") or {}).get("name", "")
        raise forbidden(f'pods "{pod_name}" is forbidden: no PriorityClass with name '
                        f"{name} was found")
    spec["priority"] = priority
    _setdefault_str(spec, "preemptionPolicy", policy)


# --------------------------------------------------------------------------- workloads


def _spec_template(obj: dict) -> None:
    _template_defaults(_map(_map(obj, "spec"), "template"))


def _deployment_scheme(obj: dict) -> None:
    spec = _map(obj, "spec")
    _setdefault(spec, "replicas", 1)
    strategy = _map(spec, "strategy")
    _setdefault_str(strategy, "type", "RollingUpdate")
    if strategy["type"] == "RollingUpdate":
        rolling = _map(strategy, "rollingUpdate")
        _setdefault(rolling, "maxUnavailable", "25%")
        _setdefault(rolling, "maxSurge", "25%")
    _setdefault(spec, "revisionHistoryLimit", 10)
    _setdefault(spec, "progressDeadlineSeconds", 600)
    _spec_template(obj)


def _replicaset_scheme(obj: dict) -> None:
    _setdefault(_map(obj, "spec"), "replicas", 1)
    _spec_template(obj)


def _statefulset_scheme(obj: dict) -> None:
    spec = _map(obj, "spec")
    _setdefault_str(spec, "podManagementPolicy", "OrderedReady")
    strategy = _map(spec, "updateStrategy")
    _setdefault_str(strategy, "type", "RollingUpdate")
    if strategy["type"] == "RollingUpdate":
        _setdefault(_map(strategy, "rollingUpdate"), "partition", 0)
    policy = _map(spec, "persistentVolumeClaimRetentionPolicy")
    _setdefault_str(policy, "whenDeleted", "Retain")
    _setdefault_str(policy, "whenScaled", "Retain")
    _setdefault(spec, "replicas", 1)
    _setdefault(spec, "revisionHistoryLimit", 10)
    for claim in _items(spec, "volumeClaimTemplates"):
        _map(claim, "metadata").setdefault("creationTimestamp", None)
        _pvc_scheme(claim)
    _spec_template(obj)


def _daemonset_scheme(obj: dict) -> None:
    spec = _map(obj, "spec")
    strategy = _map(spec, "updateStrategy")
    _setdefault_str(strategy, "type", "RollingUpdate")
    if strategy["type"] == "RollingUpdate":
        rolling = _map(strategy, "rollingUpdate")
        _setdefault(rolling, "maxUnavailable", 1)
        _setdefault(rolling, "maxSurge", 0)
    _setdefault(spec, "revisionHistoryLimit", 10)
    _spec_template(obj)


def _job_spec_scheme(obj: dict) -> None:
    spec = _map(obj, "spec")
    if spec.get("completions") is None and spec.get("parallelism") is None:
        spec["completions"] = 1
        spec["parallelism"] = 1
    _setdefault(spec, "parallelism", 1)
    _setdefault(spec, "backoffLimit", 2147483647 if spec.get("backoffLimitPerIndex") is not None
                else 6)
    _setdefault_str(spec, "completionMode", "NonIndexed")
    _setdefault(spec, "suspend", False)
    _setdefault(spec, "manualSelector", False)
    _setdefault_str(spec, "podReplacementPolicy",
                    "Failed" if spec.get("podFailurePolicy") else "TerminatingOrFailed")
    for rule in _items(spec.get("podFailurePolicy"), "rules"):
        for pattern in _items(rule, "onPodConditions"):
            _setdefault_str(pattern, "status", "True")


def _job_scheme(obj: dict) -> None:
    _job_spec_scheme(obj)
    _spec_template(obj)
    _copy_template_labels(obj)


def _copy_template_labels(job: dict) -> None:
    # SetDefaults_Job: a Job without labels takes its template's (re-run on every read).
    labels = ((job["spec"].get("template") or {}).get("metadata") or {}).get("labels")
    meta = _map(job, "metadata")
    if labels is not None and not meta.get("labels"):
        meta["labels"] = dict(labels)


def _job_create(obj: dict, ctx: CreateContext) -> None:
    spec = _map(obj, "spec")
    meta = _map(obj, "metadata")
    uid = meta.get("uid")
    if not spec.get("manualSelector") and uid:
        labels = _map(_map(_map(spec, "template"), "metadata"), "labels")
        for key in ("job-name", "batch.kubernetes.io/job-name"):
            labels.setdefault(key, meta.get("name", ""))
        for key in ("controller-uid", "batch.kubernetes.io/controller-uid"):
            labels.setdefault(key, uid)
        match = _map(_map(spec, "selector"), "matchLabels")
        match.setdefault("batch.kubernetes.io/controller-uid", uid)
        _copy_template_labels(obj)
    _created_workload(obj, {})


def _cronjob_scheme(obj: dict) -> None:
    spec = _map(obj, "spec")
    _setdefault_str(spec, "concurrencyPolicy", "Allow")
    _setdefault(spec, "suspend", False)
    _setdefault(spec, "successfulJobsHistoryLimit", 3)
    _setdefault(spec, "failedJobsHistoryLimit", 1)
    job_template = _map(spec, "jobTemplate")
    _map(job_template, "metadata").setdefault("creationTimestamp", None)
    _spec_template(job_template)


def _created_workload(obj: dict, status: dict) -> None:
    """PrepareForCreate of the workload strategies: generation 1 and a fresh status."""
    _map(obj, "metadata")["generation"] = 1
    obj["status"] = status


def _status_on_create(status: dict) -> Callable[[dict, CreateContext], None]:
    return lambda obj, ctx: _created_workload(obj, copy.deepcopy(status))


# --------------------------------------------------------------------------- core kinds


def _service_scheme(obj: dict) -> None:
    spec = _map(obj, "spec")
    _setdefault_str(spec, "sessionAffinity", "None")
    _setdefault_str(spec, "type", "ClusterIP")
    for port in _items(spec, "ports"):
        _setdefault_str(port, "protocol", "TCP")
        if port.get("targetPort") in (None, 0, ""):
            port["targetPort"] = port.get("port")
    kind = spec["type"]
    externally = kind in ("LoadBalancer", "NodePort") or (
        kind == "ClusterIP" and bool(spec.get("externalIPs")))
    if externally:
        _setdefault_str(spec, "externalTrafficPolicy", "Cluster")
    if kind in ("NodePort", "LoadBalancer", "ClusterIP"):
        _setdefault_str(spec, "internalTrafficPolicy", "Cluster")
    if kind == "LoadBalancer":
        _setdefault(spec, "allocateLoadBalancerNodePorts", True)


def _service_create(obj: dict, ctx: CreateContext) -> None:
    """The Service REST create: IP family fields, clusterIP and nodePort allocation."""
    spec = _map(obj, "spec")
    kind = spec["type"]
    if kind != "ExternalName":
        cluster_ip = spec.get("clusterIP") or ((spec.get("clusterIPs") or [None])[0])
        if not cluster_ip and ctx.allocate_cluster_ip is not None:
            cluster_ip = ctx.allocate_cluster_ip()
        if cluster_ip:
            spec["clusterIP"] = cluster_ip
            spec.setdefault("clusterIPs", [cluster_ip])
        _setdefault(spec, "ipFamilies", ["IPv4"])
        # Headless services without a selector may be dual-stack where the cluster allows.
        headless_no_selector = cluster_ip == "None" and not spec.get("selector")
        _setdefault_str(spec, "ipFamilyPolicy",
                        "RequireDualStack" if headless_no_selector else "SingleStack")
    if kind in ("NodePort", "LoadBalancer") and ctx.allocate_node_port is not None:
        if kind == "NodePort" or spec.get("allocateLoadBalancerNodePorts", True):
            for port in _items(spec, "ports"):
                if not port.get("nodePort"):
                    port["nodePort"] = ctx.allocate_node_port()
    obj["status"] = {"loadBalancer": {}}


def _namespace_scheme(obj: dict) -> None:
    meta = _map(obj, "metadata")
    if meta.get("name"):
        _map(meta, "labels")["kubernetes.io/metadata.name"] = meta["name"]
    _setdefault_str(_map(obj, "status"), "phase", "Active")


def _namespace_create(obj: dict, ctx: CreateContext) -> None:
    spec = _map(obj, "spec")
    finalizers = list(spec.get("finalizers") or [])
    if "kubernetes" not in finalizers:
        finalizers.append("kubernetes")
    spec["finalizers"] = finalizers
    obj["status"] = {"phase": "Active"}


def _secret_scheme(obj: dict) -> None:
    _setdefault_str(obj, "type", "Opaque")
    string_data = obj.pop("stringData", None)
    if isinstance(string_data, dict) and string_data:
        data = _map(obj, "data")
        for key, value in string_data.items():
            data[key] = base64.b64encode(str(value).encode()).decode()


def _node_scheme(obj: dict) -> None:
    status = obj.get("status")
    if isinstance(status, dict) and status.get("allocatable") is None \
            and isinstance(status.get("capacity"), dict):
        status["allocatable"] = dict(status["capacity"])


def _pvc_scheme(obj: dict) -> None:
    _pvc_spec_defaults(_map(obj, "spec"))
    _setdefault_str(_map(obj, "status"), "phase", "Pending")


def _priority_class_scheme(obj: dict) -> None:
    # SetDefaults_PriorityClass (kubectl describe dereferences this pointer).
    _setdefault_str(obj, "preemptionPolicy", "PreemptLowerPriority")


def _pv_scheme(obj: dict) -> None:
    spec = _map(obj, "spec")
    _setdefault_str(spec, "persistentVolumeReclaimPolicy", "Retain")
    _setdefault_str(spec, "volumeMode", "Filesystem")
    _setdefault_str(_map(obj, "status"), "phase", "Pending")
    if isinstance(spec.get("hostPath"), dict):
        _setdefault(spec["hostPath"], "type", "")  # SetDefaults_HostPathVolumeSource


def _replication_controller_scheme(obj: dict) -> None:
    spec = _map(obj, "spec")
    template = spec.get("template")
    labels = ((template or {}).get("metadata") or {}).get("labels") or {}
    if labels:
        # SetDefaults_ReplicationController: selector and labels come from the template.
        if not spec.get("selector"):
            spec["selector"] = dict(labels)
        meta = _map(obj, "metadata")
        if not meta.get("labels"):
            meta["labels"] = dict(labels)
    _setdefault(spec, "replicas", 1)
    if isinstance(template, dict):
        _template_defaults(template)


def _pod_template_scheme(obj: dict) -> None:
    _template_defaults(_map(obj, "template"))


def _endpoints_scheme(obj: dict) -> None:
    for subset in _items(obj, "subsets"):
        for port in _items(subset, "ports"):
            _setdefault_str(port, "protocol", "TCP")


def _nothing(obj: dict) -> None:
    """Kinds with no server defaults (ConfigMap, ServiceAccount...)."""


# --------------------------------------------------------------------------- registry

def _hpa_scheme(obj: dict) -> None:
    """autoscaling/v2 ``SetDefaults_HorizontalPodAutoscaler``: min 1, cpu 80%, the default behavior."""
    spec = _map(obj, "spec")
    _setdefault(spec, "minReplicas", 1)
    if not spec.get("metrics"):
        spec["metrics"] = [{"type": "Resource", "resource": {
            "name": "cpu", "target": {"type": "Utilization", "averageUtilization": 80}}}]
    behavior = _map(spec, "behavior")
    up = _map(behavior, "scaleUp")
    _setdefault(up, "stabilizationWindowSeconds", 0)
    _setdefault(up, "selectPolicy", "Max")
    _setdefault(up, "policies", [{"type": "Pods", "value": 4, "periodSeconds": 15},
                                 {"type": "Percent", "value": 100, "periodSeconds": 15}])
    down = _map(behavior, "scaleDown")
    _setdefault(down, "stabilizationWindowSeconds", 300)
    _setdefault(down, "selectPolicy", "Max")
    _setdefault(down, "policies", [{"type": "Percent", "value": 100, "periodSeconds": 15}])


def _binding_scheme(binding: dict) -> None:
    """SetDefaults_RoleBinding/ClusterRoleBinding and SetDefaults_Subject (rbac/v1)."""
    ref = binding.get("roleRef")
    if isinstance(ref, dict) and not ref.get("apiGroup"):
        ref["apiGroup"] = "rbac.authorization.k8s.io"
    for subject in _items(binding, "subjects"):
        if not subject.get("apiGroup") and subject.get("kind") in ("User", "Group"):
            subject["apiGroup"] = "rbac.authorization.k8s.io"


_SCHEME: dict[KindKey, Callable[[dict], None]] = {
    ("rbac.authorization.k8s.io", "RoleBinding"): _binding_scheme,
    ("rbac.authorization.k8s.io", "ClusterRoleBinding"): _binding_scheme,
    ("", "Pod"): _pod_scheme,
    ("", "PodTemplate"): _pod_template_scheme,
    ("", "ReplicationController"): _replication_controller_scheme,
    ("", "Service"): _service_scheme,
    ("", "Namespace"): _namespace_scheme,
    ("", "Secret"): _secret_scheme,
    ("", "ConfigMap"): _nothing,
    ("", "ServiceAccount"): _nothing,
    ("", "Node"): _node_scheme,
    ("", "PersistentVolumeClaim"): _pvc_scheme,
    ("", "PersistentVolume"): _pv_scheme,
    ("", "Endpoints"): _endpoints_scheme,
    ("apps", "Deployment"): _deployment_scheme,
    ("apps", "ReplicaSet"): _replicaset_scheme,
    ("apps", "StatefulSet"): _statefulset_scheme,
    ("apps", "DaemonSet"): _daemonset_scheme,
    ("batch", "Job"): _job_scheme,
    ("batch", "CronJob"): _cronjob_scheme,
    ("scheduling.k8s.io", "PriorityClass"): _priority_class_scheme,
    ("autoscaling", "HorizontalPodAutoscaler"): _hpa_scheme,
}

_DAEMONSET_STATUS = {"currentNumberScheduled": 0, "desiredNumberScheduled": 0,
                     "numberMisscheduled": 0, "numberReady": 0}

_CREATE: dict[KindKey, Callable[[dict, CreateContext], None]] = {
    ("", "Pod"): _pod_create,
    ("", "Service"): _service_create,
    ("", "Namespace"): _namespace_create,
    ("", "ReplicationController"): _status_on_create({"replicas": 0}),
    ("apps", "Deployment"): _status_on_create({}),
    ("apps", "ReplicaSet"): _status_on_create({"replicas": 0}),
    ("apps", "StatefulSet"): _status_on_create({"replicas": 0}),
    ("apps", "DaemonSet"): _status_on_create(_DAEMONSET_STATUS),
    ("batch", "Job"): _job_create,
    ("batch", "CronJob"): _status_on_create({}),
    ("autoscaling", "HorizontalPodAutoscaler"): _status_on_create({"desiredReplicas": 0}),
}
