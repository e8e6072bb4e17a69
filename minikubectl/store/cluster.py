"""A fresh cluster: what a new minikube-like cluster holds before the user adds anything."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from minikubectl.store.statefile import FORMAT_VERSION, STATE_KIND
from minikubectl.store.tracker import Tracker, format_time

NODE_NAME = "minikube"
KUBELET_VERSION = "v1.33.1"
ROOT_CA_PEM = ("-----BEGIN CERTIFICATE-----\nMIIBsimulatedminikubectlrootcertificateauthority\n"
               "-----END CERTIFICATE-----\n")


def node_object(name: str, now: datetime, internal_ip: str, pod_cidr: str,
                labels: dict[str, str] | None = None) -> dict[str, Any]:
    """A Ready node as a kubelet would register it."""
    stamp = format_time(now)
    node_labels = {
        "beta.kubernetes.io/arch": "amd64",
        "beta.kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": "linux",
    }
    node_labels.update(labels or {})
    conditions = [
        ("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        ("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        ("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        ("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
    ]
    return {
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {"name": name, "labels": node_labels,
                     "annotations": {"node.alpha.kubernetes.io/ttl": "0",
                                     "volumes.kubernetes.io/controller-managed-attach-detach": "true"}},
        "spec": {"podCIDR": pod_cidr, "podCIDRs": [pod_cidr]},
        "status": {
            "addresses": [{"address": internal_ip, "type": "InternalIP"},
                          {"address": name, "type": "Hostname"}],
            "allocatable": {"cpu": "2", "ephemeral-storage": "61202244Ki", "hugepages-1Gi": "0",
                            "hugepages-2Mi": "0", "memory": "8029952Ki", "pods": "110"},
            "capacity": {"cpu": "2", "ephemeral-storage": "61202244Ki", "hugepages-1Gi": "0",
                         "hugepages-2Mi": "0", "memory": "8029952Ki", "pods": "110"},
            "conditions": [{"lastHeartbeatTime": stamp, "lastTransitionTime": stamp, "message": msg,
                            "reason": reason, "status": status, "type": ctype}
                           for ctype, status, reason, msg in conditions],
            "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
            "nodeInfo": {"architecture": "amd64", "bootID": "", "containerRuntimeVersion": "containerd://2.0.5",
                         "kernelVersion": "6.8.0-1021-gcp", "kubeProxyVersion": KUBELET_VERSION,
                         "kubeletVersion": KUBELET_VERSION, "machineID": "", "operatingSystem": "linux",
                         "osImage": "Ubuntu 22.04.5 LTS", "systemUUID": ""},
        },
    }


NODE_LEASE_NAMESPACE = "kube-node-lease"
NODE_LEASE_DURATION = 40


def micro_time(moment: datetime) -> str:
    """metav1.MicroTime text (six fractional digits, UTC)."""
    from datetime import timezone
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def node_lease(node: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The kubelet's heartbeat Lease of a node (``kube-node-lease/<node>``, owned by the node).

    Like a real kubelet's: holder = node name, 40 s duration, no acquireTime, renewTime = now.
    """
    meta = node.get("metadata") or {}
    lease: dict[str, Any] = {
        "apiVersion": "coordination.k8s.io/v1",
        "kind": "Lease",
        "metadata": {"name": meta["name"], "namespace": NODE_LEASE_NAMESPACE},
        "spec": {"holderIdentity": meta["name"], "leaseDurationSeconds": NODE_LEASE_DURATION,
                 "renewTime": micro_time(now)},
    }
    if meta.get("uid"):
        lease["metadata"]["ownerReferences"] = [{"apiVersion": "v1", "kind": "Node", "name": meta["name"],
                                                  "uid": meta["uid"]}]
    return lease


def derived_uid(base: str, purpose: str) -> str:
    """A UUID v4-shaped uid derived from another uid (consumes no tracker entropy)."""
    import hashlib
    h = bytearray(hashlib.sha256(f"{base}/{purpose}".encode()).digest()[:16])
    h[6] = (h[6] & 0x0F) | 0x40
    h[8] = (h[8] & 0x3F) | 0x80
    x = h.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


def namespace_children(namespace: str) -> list[tuple[str, dict[str, Any]]]:
    """What controllers add to every namespace: the default service account and root CA."""
    return [
        ("serviceaccounts", {"apiVersion": "v1", "kind": "ServiceAccount",
                             "metadata": {"name": "default", "namespace": namespace}}),
        ("configmaps", {"apiVersion": "v1", "kind": "ConfigMap",
                        "metadata": {"name": "kube-root-ca.crt", "namespace": namespace,
                                     "annotations": {"kubernetes.io/description": (
                                         "Contains a CA bundle that can be used to verify the "
                                         "kube-apiserver when using internal endpoints such as the "
                                         "internal service IP or kubernetes.default.svc. No other usage "
                                         "is guaranteed across distributions of Kubernetes clusters.")}},
                        "data": {"ca.crt": ROOT_CA_PEM}}),
    ]


def fresh_state(now: datetime) -> dict[str, Any]:
    """A new state: system namespaces, their children, the kubernetes service, one node."""
    state: dict[str, Any] = {"kind": STATE_KIND, "formatVersion": FORMAT_VERSION,
                             "resourceVersion": 0, "seed": format_time(now), "simTime": format_time(now),
                             "objects": {}}
    tracker = Tracker(state)
    from minikubectl.api.registry import builtin_registry

    registry = builtin_registry()

    def put(plural: str, obj: dict[str, Any]) -> None:
        resource = registry.by_qualified_plural(plural)
        assert resource is not None
        meta = obj["metadata"]
        meta["uid"] = tracker.new_uid(f"{plural}/{meta.get('namespace')}/{meta['name']}")
        meta["creationTimestamp"] = format_time(now)
        tracker.put(resource, obj)

    for ns in ("default", "kube-node-lease", "kube-public", "kube-system"):
        put("namespaces", {"apiVersion": "v1", "kind": "Namespace",
                           "metadata": {"name": ns, "labels": {"kubernetes.io/metadata.name": ns}},
                           "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}})
    for ns in ("default", "kube-node-lease", "kube-public", "kube-system"):
        for plural, obj in namespace_children(ns):
            put(plural, obj)
    put("services", {"apiVersion": "v1", "kind": "Service",
                     "metadata": {"name": "kubernetes", "namespace": "default",
                                  "labels": {"component": "apiserver", "provider": "kubernetes"}},
                     "spec": {"clusterIP": "10.96.0.1", "clusterIPs": ["10.96.0.1"],
                              "internalTrafficPolicy": "Cluster", "ipFamilies": ["IPv4"],
                              "ipFamilyPolicy": "SingleStack",
                              "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": 8443}],
                              "sessionAffinity": "None", "type": "ClusterIP"},
                     "status": {"loadBalancer": {}}})
    node = node_object(NODE_NAME, now, "192.168.49.2", "10.244.0.0/24",
                       {"node-role.kubernetes.io/control-plane": "",
                        "node.kubernetes.io/exclude-from-external-load-balancers": ""})
    put("nodes", node)
    # The lease takes no entropy (its uid derives from the node's), so uids and random
    # names of everything created later stay as they were before leases existed.
    lease = node_lease(node, now)
    lease["metadata"]["uid"] = derived_uid(node["metadata"]["uid"], "lease")
    lease["metadata"]["creationTimestamp"] = format_time(now)
    tracker.put(registry.by_qualified_plural("leases.coordination.k8s.io"), lease)
    return state
