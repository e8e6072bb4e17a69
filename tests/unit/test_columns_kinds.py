"""Cells of every kind with a printer (printers.go), plus the registry and fallbacks."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from minikubectl.printers import columns
from minikubectl.printers.columns import table_for

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


def meta(name="x", created="2025-12-31T00:00:00Z", **extra):
    return {"name": name, "creationTimestamp": created, **extra}


def row(group, kind, obj):
    [cells] = table_for(group, kind).rows(obj, NOW)
    assert len(cells) == len(table_for(group, kind).COLUMNS)
    return cells


# --- registry -----------------------------------------------------------------------------

@pytest.mark.parametrize("group, kind", columns.registered_kinds())
def test_every_module_has_a_name_column_and_rows(group, kind):
    module = table_for(group, kind)
    assert any(c.format == "name" for c in module.COLUMNS)
    assert callable(module.rows)
    # A nearly empty object never crashes a printer.
    assert len(module.rows({"metadata": {"name": "n"}}, NOW)[0]) == len(module.COLUMNS)


@pytest.mark.parametrize("group, kind, module", [
    ("rbac.authorization.k8s.io", "Role", "generic_created_at"),
    ("rbac.authorization.k8s.io", "ClusterRole", "generic_created_at"),
    ("", "LimitRange", "generic_created_at"),
    ("apiextensions.k8s.io", "CustomResourceDefinition", "generic_created_at"),
    ("example.com", "Widget", "generic_age"),
    ("", "Pod", "pods"),
    ("events.k8s.io", "Event", "events"),
])
def test_module_resolution(group, kind, module):
    assert columns.module_name(group, kind) == module


def test_created_at_fallback():
    assert row("rbac.authorization.k8s.io", "Role", {"metadata": meta("r", "2025-06-01T10:20:30+02:00")}) == \
        ["r", "2025-06-01T08:20:30Z"]
    assert row("", "LimitRange", {"metadata": {"name": "l"}}) == ["l", "0001-01-01T00:00:00Z"]


def test_age_fallback():
    assert row("example.com", "Widget", {"metadata": meta("w")}) == ["w", "24h"]


# --- core ---------------------------------------------------------------------------------

def node(labels=None, conditions=None, unschedulable=None, addresses=None, info=None):
    obj = {"metadata": meta("n1", labels=labels or {}), "spec": {},
           "status": {"conditions": conditions or [], "addresses": addresses or [], "nodeInfo": info or {}}}
    if unschedulable is not None:
        obj["spec"]["unschedulable"] = unschedulable
    return obj


@pytest.mark.parametrize("conditions, unschedulable, expected", [
    ([{"type": "Ready", "status": "True"}], None, "Ready"),
    ([{"type": "Ready", "status": "False"}], None, "NotReady"),
    ([{"type": "Ready", "status": "Unknown"}], None, "NotReady"),
    ([{"type": "MemoryPressure", "status": "False"}], None, "Unknown"),
    ([], True, "Unknown,SchedulingDisabled"),
    ([{"type": "Ready", "status": "True"}], True, "Ready,SchedulingDisabled"),
])
def test_node_status(conditions, unschedulable, expected):
    assert row("", "Node", node(conditions=conditions, unschedulable=unschedulable))[1] == expected


@pytest.mark.parametrize("labels, expected", [
    ({}, "<none>"),
    ({"node-role.kubernetes.io/control-plane": ""}, "control-plane"),
    ({"node-role.kubernetes.io/worker": "true", "node-role.kubernetes.io/infra": "",
      "kubernetes.io/role": "master"}, "infra,master,worker"),
    ({"node-role.kubernetes.io/": "x", "kubernetes.io/role": ""}, "<none>"),
    ({"kubernetes.io/role": "worker", "node-role.kubernetes.io/worker": ""}, "worker"),
])
def test_node_roles(labels, expected):
    assert row("", "Node", node(labels=labels))[2] == expected


def test_node_wide():
    obj = node(conditions=[{"type": "Ready", "status": "True"}],
               addresses=[{"type": "Hostname", "address": "n1"}, {"type": "InternalIP", "address": "172.18.0.2"},
                          {"type": "InternalIP", "address": "172.18.0.3"}],
               info={"kubeletVersion": "v1.33.1", "osImage": "Debian GNU/Linux 12 (bookworm)",
                     "kernelVersion": "6.8.0", "containerRuntimeVersion": "containerd://2.1.1"})
    assert row("", "Node", obj) == ["n1", "Ready", "<none>", "24h", "v1.33.1", "172.18.0.2", "<none>",
                                    "Debian GNU/Linux 12 (bookworm)", "6.8.0", "containerd://2.1.1"]
    assert row("", "Node", node())[4:] == ["", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"]


def test_namespace():
    assert row("", "Namespace", {"metadata": meta("dev"), "status": {"phase": "Terminating"}}) == \
        ["dev", "Terminating", "24h"]


def svc(stype, **spec):
    return {"metadata": meta("s"), "spec": {"type": stype, **spec}, "status": spec.pop("_status", {})}


@pytest.mark.parametrize("obj, expected", [
    (svc("ClusterIP", clusterIPs=["10.96.0.1"], ports=[{"port": 443, "protocol": "TCP", "targetPort": 6443}]),
     ["s", "ClusterIP", "10.96.0.1", "<none>", "443/TCP", "24h", "<none>"]),
    (svc("ClusterIP", clusterIP="None", clusterIPs=["None"], selector={"app": "db"}),
     ["s", "ClusterIP", "None", "<none>", "<none>", "24h", "app=db"]),
    (svc("ClusterIP", clusterIPs=["10.96.5.5"], externalIPs=["1.2.3.4", "5.6.7.8"],
         ports=[{"port": 80, "protocol": "TCP"}, {"port": 53, "protocol": "UDP"}], selector={"b": "2", "a": "1"}),
     ["s", "ClusterIP", "10.96.5.5", "1.2.3.4,5.6.7.8", "80/TCP,53/UDP", "24h", "a=1,b=2"]),
    (svc("NodePort", clusterIPs=["10.96.1.1"], ports=[{"port": 80, "nodePort": 30080, "protocol": "TCP"},
                                                       {"port": 443, "nodePort": 30443, "protocol": "TCP"}]),
     ["s", "NodePort", "10.96.1.1", "<none>", "80:30080/TCP,443:30443/TCP", "24h", "<none>"]),
    (svc("LoadBalancer", clusterIPs=["10.96.2.2"], ports=[{"port": 80, "nodePort": 31000, "protocol": "TCP"}]),
     ["s", "LoadBalancer", "10.96.2.2", "<pending>", "80:31000/TCP", "24h", "<none>"]),
    (svc("ExternalName", externalName="db.example.com"),
     ["s", "ExternalName", "<none>", "db.example.com", "<none>", "24h", "<none>"]),
])
def test_service(obj, expected):
    assert row("", "Service", obj) == expected


def test_service_load_balancer_ingress_sorted_unique_untruncated():
    obj = svc("LoadBalancer", clusterIPs=["10.96.2.2"], externalIPs=["9.9.9.9"])
    obj["status"] = {"loadBalancer": {"ingress": [
        {"hostname": "a1234567890abcdef.elb.us-east-1.amazonaws.com"},
        {"ip": "203.0.113.7", "hostname": "ignored.example"}, {"ip": "203.0.113.7"}]}}
    # The API server renders tables with Wide=true: no 16-character truncation.
    assert row("", "Service", obj)[3] == \
        "203.0.113.7,a1234567890abcdef.elb.us-east-1.amazonaws.com,9.9.9.9"


def test_configmap_secret_serviceaccount():
    assert row("", "ConfigMap", {"metadata": meta("kube-root-ca.crt"), "data": {"ca.crt": "..."},
                                 "binaryData": {"b": "AA=="}}) == ["kube-root-ca.crt", 2, "24h"]
    assert row("", "ConfigMap", {"metadata": meta("empty")}) == ["empty", 0, "24h"]
    assert row("", "Secret", {"metadata": meta("tls"), "type": "kubernetes.io/tls",
                              "data": {"tls.crt": "", "tls.key": ""}}) == ["tls", "kubernetes.io/tls", 2, "24h"]
    assert row("", "ServiceAccount", {"metadata": meta("default")}) == ["default", 0, "24h"]
    assert row("", "ServiceAccount", {"metadata": meta("old"), "secrets": [{"name": "t"}]}) == ["old", 1, "24h"]


def event(**fields):
    return {"apiVersion": "v1", "kind": "Event", "metadata": meta("web.1811c0ffee"), **fields}


def test_event_row():
    ev = event(type="Normal", reason="Scheduled", message="  Successfully assigned default/web to node-1\n",
               involvedObject={"kind": "Pod", "name": "web", "namespace": "default"},
               source={"component": "default-scheduler"},
               firstTimestamp="2025-12-31T23:55:00Z", lastTimestamp="2025-12-31T23:58:00Z", count=3)
    assert row("", "Event", ev) == ["2m", "Normal", "Scheduled", "pod/web", "", "default-scheduler",
                                    "Successfully assigned default/web to node-1", "5m", 3, "web.1811c0ffee"]


def test_event_fallbacks():
    ev = event(type="Warning", reason="BackOff", message="Back-off",
               involvedObject={"kind": "Pod", "fieldPath": "spec.containers{app}"},
               eventTime="2025-12-31T23:59:00.123456Z", reportingComponent="kubelet", reportingInstance="node-1")
    cells = row("", "Event", ev)
    assert cells[:6] == ["59s", "Warning", "BackOff", "pod", "spec.containers{app}", "kubelet, node-1"]
    assert cells[7:9] == ["59s", 1]  # 59.876544s truncates
    series = event(involvedObject={"kind": "Node", "name": "n"}, eventTime="2025-12-31T23:00:00Z",
                   series={"count": 7, "lastObservedTime": "2025-12-31T23:59:50Z"}, source={"host": "h"})
    cells = row("", "Event", series)
    assert (cells[0], cells[3], cells[5], cells[7], cells[8]) == ("10s", "node/n", ", h", "60m", 7)


def test_events_k8s_io_event():
    ev = {"apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": meta("e"),
          "regarding": {"kind": "Pod", "name": "p"}, "note": "hi", "reason": "R", "type": "Normal",
          "eventTime": "2025-12-31T23:59:00Z", "reportingController": "ctl"}
    assert row("events.k8s.io", "Event", ev) == ["60s", "Normal", "R", "pod/p", "", "ctl", "hi", "60s", 1, "e"]


def test_endpoints():
    obj = {"metadata": meta("web"), "subsets": [
        {"addresses": [{"ip": "10.0.0.1"}, {"ip": "10.0.0.2"}], "ports": [{"port": 80}, {"port": 443}]}]}
    assert row("", "Endpoints", obj)[1] == "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more..."
    assert row("", "Endpoints", {"metadata": meta("none")})[1] == "<none>"
    headless = {"metadata": meta("h"), "subsets": [{"addresses": [{"ip": "fd00::1"}, {"ip": "10.0.0.3"}]}]}
    assert row("", "Endpoints", headless)[1] == "fd00::1,10.0.0.3"
    v6 = {"metadata": meta("v6"), "subsets": [{"addresses": [{"ip": "fd00::1"}], "ports": [{"port": 80}]}]}
    assert row("", "Endpoints", v6)[1] == "[fd00::1]:80"


def test_persistent_volume_and_claim():
    pv = {"metadata": meta("pv1"), "spec": {
        "capacity": {"storage": "10Gi"}, "accessModes": ["ReadWriteMany", "ReadWriteOnce", "ReadWriteOnce"],
        "persistentVolumeReclaimPolicy": "Retain", "storageClassName": "standard",
        "claimRef": {"namespace": "default", "name": "data"}, "volumeMode": "Filesystem"},
        "status": {"phase": "Bound"}}
    assert row("", "PersistentVolume", pv) == ["pv1", "10Gi", "RWO,RWX", "Retain", "Bound", "default/data",
                                               "standard", "<unset>", "", "24h", "Filesystem"]
    pvc = {"metadata": meta("data"), "spec": {"volumeName": "pv1", "storageClassName": "standard",
                                              "resources": {"requests": {"storage": "1Gi"}}},
           "status": {"phase": "Bound", "capacity": {"storage": "10Gi"}, "accessModes": ["ReadWriteOnce"]}}
    assert row("", "PersistentVolumeClaim", pvc) == ["data", "Bound", "pv1", "10Gi", "RWO", "standard",
                                                     "<unset>", "24h", "<unset>"]
    pending = {"metadata": meta("p", deletionTimestamp="2026-01-01T00:00:00Z",
                                annotations={"volume.beta.kubernetes.io/storage-class": "beta"}),
               "spec": {"storageClassName": "standard"}, "status": {"phase": "Pending"}}
    assert row("", "PersistentVolumeClaim", pending)[:6] == ["p", "Terminating", "", "", "", "beta"]


def test_replication_controller():
    rc = {"metadata": meta("rc"), "spec": {"replicas": 3, "selector": {"app": "web"},
                                           "template": {"spec": {"containers": [{"name": "a", "image": "i"}]}}},
          "status": {"replicas": 3, "readyReplicas": 2}}
    assert row("", "ReplicationController", rc) == ["rc", 3, 3, 2, "24h", "a", "i", "app=web"]


def test_resource_quota():
    rq = {"metadata": meta("q"), "status": {
        "hard": {"requests.cpu": "2", "pods": "10", "limits.memory": "2Gi", "limits.cpu": "4"},
        "used": {"requests.cpu": "500m", "pods": "3", "limits.cpu": "1"}}}
    assert row("", "ResourceQuota", rq) == ["q", "pods: 3/10, requests.cpu: 500m/2",
                                            "limits.cpu: 1/4, limits.memory: 0/2Gi", "24h"]


def test_pod_template():
    pt = {"metadata": meta("pt"), "template": {"metadata": {"labels": {"app": "x"}},
                                               "spec": {"containers": [{"name": "a", "image": "i"},
                                                                       {"name": "b", "image": "j"}]}}}
    assert row("", "PodTemplate", pt) == ["pt", "a,b", "i,j", "app=x"]


# --- apps / batch ---------------------------------------------------------------------------

TEMPLATE = {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [
    {"name": "nginx", "image": "nginx:1.25"}, {"name": "log", "image": "busybox:1.36"}]}}


def test_deployment():
    dep = {"metadata": meta("web"), "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
                                             "template": TEMPLATE},
           "status": {"readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 2}}
    assert row("apps", "Deployment", dep) == ["web", "2/3", 3, 2, "24h", "nginx,log", "nginx:1.25,busybox:1.36",
                                              "app=web"]


@pytest.mark.parametrize("selector, expected", [
    ({"matchLabels": {"tier": "fe", "app": "web"}}, "app=web,tier=fe"),
    ({"matchLabels": {"app": "web"}, "matchExpressions": [
        {"key": "env", "operator": "In", "values": ["prod", "dev"]},
        {"key": "track", "operator": "NotIn", "values": ["canary"]},
        {"key": "beta", "operator": "Exists"}, {"key": "zz", "operator": "DoesNotExist"}]},
     "app=web,beta,env in (dev,prod),track notin (canary),!zz"),
    ({"matchExpressions": [{"key": "a", "operator": "Bogus", "values": ["x"]}]}, "<invalid>"),
    ({}, ""),
])
def test_deployment_selector(selector, expected):
    dep = {"metadata": meta("web"), "spec": {"selector": selector, "template": TEMPLATE}}
    assert row("apps", "Deployment", dep)[7] == expected


def test_deployment_empty_status():
    dep = {"metadata": meta("web"), "spec": {"replicas": 1, "selector": {"matchLabels": {"a": "b"}},
                                             "template": TEMPLATE}}
    assert row("apps", "Deployment", dep)[1:4] == ["0/1", 0, 0]


def test_replica_set_and_selector_fallbacks():
    rs = {"metadata": meta("web-5d4f"), "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
                                                  "template": TEMPLATE},
          "status": {"replicas": 2, "readyReplicas": 1}}
    assert row("apps", "ReplicaSet", rs) == ["web-5d4f", 2, 2, 1, "24h", "nginx,log", "nginx:1.25,busybox:1.36",
                                             "app=web"]
    rs["spec"]["selector"] = {}
    assert row("apps", "ReplicaSet", rs)[7] == "<none>"
    rs["spec"]["selector"] = {"matchExpressions": [{"key": "a", "operator": "In", "values": []}]}
    assert row("apps", "ReplicaSet", rs)[7] == "<error>"


def test_daemon_set():
    ds = {"metadata": meta("agent"), "spec": {"selector": {"matchLabels": {"app": "agent"}},
                                              "template": {"spec": {"nodeSelector": {"os": "linux", "arch": "amd64"},
                                                                    "containers": [{"name": "a", "image": "i"}]}}},
          "status": {"desiredNumberScheduled": 3, "currentNumberScheduled": 3, "numberReady": 2,
                     "updatedNumberScheduled": 3, "numberAvailable": 2}}
    assert row("apps", "DaemonSet", ds) == ["agent", 3, 3, 2, 3, 2, "arch=amd64,os=linux", "24h", "a", "i",
                                            "app=agent"]
    del ds["spec"]["template"]["spec"]["nodeSelector"]
    assert row("apps", "DaemonSet", ds)[6] == "<none>"


def test_stateful_set():
    sts = {"metadata": meta("db"), "spec": {"replicas": 3, "template": TEMPLATE}, "status": {"readyReplicas": 1}}
    assert row("apps", "StatefulSet", sts) == ["db", "1/3", "24h", "nginx,log", "nginx:1.25,busybox:1.36"]


def job(**status):
    return {"metadata": meta("pi"), "spec": {"completions": 1, "parallelism": 1,
                                             "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "u"}},
                                             "template": {"spec": {"containers": [{"name": "pi", "image": "perl"}]}}},
            "status": status}


def test_job_complete():
    j = job(succeeded=1, startTime="2025-12-31T23:00:00Z", completionTime="2025-12-31T23:00:42Z",
            conditions=[{"type": "SuccessCriteriaMet", "status": "True"}, {"type": "Complete", "status": "True"}])
    assert row("batch", "Job", j) == ["pi", "Complete", "1/1", "42s", "24h", "pi", "perl",
                                      "batch.kubernetes.io/controller-uid=u"]


@pytest.mark.parametrize("conditions, deleting, expected", [
    ([], False, "Running"),
    ([{"type": "Failed", "status": "True"}], True, "Failed"),
    ([{"type": "Suspended", "status": "True"}], False, "Suspended"),
    ([{"type": "Suspended", "status": "True"}], True, "Terminating"),
    ([{"type": "FailureTarget", "status": "True"}], False, "FailureTarget"),
    ([{"type": "Complete", "status": "False"}], False, "Running"),
])
def test_job_status(conditions, deleting, expected):
    j = job(conditions=conditions)
    if deleting:
        j["metadata"]["deletionTimestamp"] = "2026-01-01T00:00:00Z"
    assert row("batch", "Job", j)[1] == expected


def test_job_completions_and_running_duration():
    j = job(succeeded=2, startTime="2025-12-31T23:58:00Z")
    del j["spec"]["completions"]
    j["spec"]["parallelism"] = 3
    assert row("batch", "Job", j)[2:4] == ["2/1 of 3", "2m"]
    j["spec"]["parallelism"] = 1
    assert row("batch", "Job", j)[2] == "2/1"
    assert row("batch", "Job", job())[3] == ""


def test_cron_job():
    cj = {"metadata": meta("hello"), "spec": {"schedule": "*/5 * * * *", "suspend": False,
                                              "jobTemplate": {"spec": {"template": {"spec": {
                                                  "containers": [{"name": "c", "image": "busybox"}]}}}}},
          "status": {"active": [{"name": "hello-1"}], "lastScheduleTime": "2025-12-31T23:55:00Z"}}
    assert row("batch", "CronJob", cj) == ["hello", "*/5 * * * *", "<none>", "False", 1, "5m", "24h", "c",
                                           "busybox", "<none>"]
    cj["spec"].update(timeZone="Etc/UTC", suspend=True)
    del cj["status"]
    assert row("batch", "CronJob", cj)[2:6] == ["Etc/UTC", "True", 0, "<none>"]
    del cj["spec"]["suspend"]
    assert row("batch", "CronJob", cj)[3] == "<unset>"


def test_hpa():
    hpa = {"apiVersion": "autoscaling/v2", "metadata": meta("web"), "spec": {
        "scaleTargetRef": {"kind": "Deployment", "name": "web"}, "minReplicas": 1, "maxReplicas": 10,
        "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization",
                                                                                "averageUtilization": 50}}}]},
        "status": {"currentReplicas": 2, "currentMetrics": [
            {"type": "Resource", "resource": {"name": "cpu", "current": {"averageUtilization": 12}}}]}}
    assert row("autoscaling", "HorizontalPodAutoscaler", hpa) == \
        ["web", "Deployment/web", "cpu: 12%/50%", "1", 10, 2, "24h"]
    del hpa["status"]
    hpa["spec"]["metrics"] += [
        {"type": "Pods", "pods": {"metric": {"name": "qps"}, "target": {"type": "AverageValue", "averageValue": "1k"}}},
        {"type": "Resource", "resource": {"name": "memory", "target": {"type": "AverageValue", "averageValue": "100Mi"}}}]
    del hpa["spec"]["minReplicas"]
    assert row("autoscaling", "HorizontalPodAutoscaler", hpa)[2:4] == \
        ["cpu: <unknown>/50%, <unknown>/1k + 1 more...", "<unset>"]


def test_hpa_v1():
    hpa = {"apiVersion": "autoscaling/v1", "metadata": meta("web"), "spec": {
        "scaleTargetRef": {"kind": "Deployment", "name": "web"}, "minReplicas": 1, "maxReplicas": 5,
        "targetCPUUtilizationPercentage": 80}, "status": {"currentReplicas": 1, "currentCPUUtilizationPercentage": 7}}
    assert row("autoscaling", "HorizontalPodAutoscaler", hpa)[2] == "cpu: 7%/80%"


# --- networking / policy / rbac / storage / misc -------------------------------------------

def test_ingress():
    ing = {"metadata": meta("web"), "spec": {"ingressClassName": "nginx", "rules": [
        {"host": "a.example"}, {}, {"host": "b.example"}, {"host": "c.example"}, {"host": "d.example"}],
        "tls": [{"hosts": ["a.example"]}]},
        "status": {"loadBalancer": {"ingress": [{"ip": "172.18.0.5"}]}}}
    assert row("networking.k8s.io", "Ingress", ing) == \
        ["web", "nginx", "a.example,b.example,c.example + 2 more...", "172.18.0.5", "80, 443", "24h"]
    bare = {"metadata": meta("b"), "spec": {"defaultBackend": {}}}
    assert row("networking.k8s.io", "Ingress", bare) == ["b", "<none>", "*", "", "80", "24h"]


def test_ingress_class_and_network_policy_and_pdb():
    ic = {"metadata": meta("nginx"), "spec": {"controller": "k8s.io/ingress-nginx", "parameters": {
        "apiGroup": "k8s.example.com", "kind": "IngressParameters", "name": "p"}}}
    assert row("networking.k8s.io", "IngressClass", ic) == \
        ["nginx", "k8s.io/ingress-nginx", "IngressParameters.k8s.example.com/p", "24h"]
    np = {"metadata": meta("deny"), "spec": {"podSelector": {}}}
    assert row("networking.k8s.io", "NetworkPolicy", np) == ["deny", "<none>", "24h"]
    np["spec"]["podSelector"] = {"matchLabels": {"role": "db"}}
    assert row("networking.k8s.io", "NetworkPolicy", np)[1] == "role=db"
    pdb = {"metadata": meta("pdb"), "spec": {"minAvailable": "50%"}, "status": {"disruptionsAllowed": 1}}
    assert row("policy", "PodDisruptionBudget", pdb) == ["pdb", "50%", "N/A", 1, "24h"]
    pdb["spec"] = {"maxUnavailable": 1}
    assert row("policy", "PodDisruptionBudget", pdb)[1:3] == ["N/A", "1"]


def test_role_bindings():
    rb = {"metadata": meta("rb"), "roleRef": {"kind": "ClusterRole", "name": "view", "apiGroup": "x"},
          "subjects": [{"kind": "User", "name": "alice"}, {"kind": "User", "name": "bob"},
                       {"kind": "Group", "name": "devs"},
                       {"kind": "ServiceAccount", "name": "default", "namespace": "ci"}]}
    assert row("rbac.authorization.k8s.io", "RoleBinding", rb) == \
        ["rb", "ClusterRole/view", "24h", "alice, bob", "devs", "ci/default"]
    assert row("rbac.authorization.k8s.io", "ClusterRoleBinding", {"metadata": meta("c"), "roleRef": {
        "kind": "ClusterRole", "name": "admin"}}) == ["c", "ClusterRole/admin", "24h", "", "", ""]


def test_storage_class():
    sc = {"metadata": meta("standard", annotations={"storageclass.kubernetes.io/is-default-class": "true"}),
          "provisioner": "rancher.io/local-path", "reclaimPolicy": "Delete",
          "volumeBindingMode": "WaitForFirstConsumer"}
    assert row("storage.k8s.io", "StorageClass", sc) == \
        ["standard (default)", "rancher.io/local-path", "Delete", "WaitForFirstConsumer", False, "24h"]
    plain = {"metadata": meta("fast"), "provisioner": "p", "allowVolumeExpansion": True}
    assert row("storage.k8s.io", "StorageClass", plain) == ["fast", "p", "Delete", "Immediate", True, "24h"]


def test_lease_priority_class_runtime_class():
    assert row("coordination.k8s.io", "Lease", {"metadata": meta("node-1"), "spec": {"holderIdentity": "node-1"}}) == \
        ["node-1", "node-1", "24h"]
    pc = {"metadata": meta("system-node-critical"), "value": 2000001000, "preemptionPolicy": "PreemptLowerPriority"}
    assert row("scheduling.k8s.io", "PriorityClass", pc) == \
        ["system-node-critical", 2000001000, False, "24h", "PreemptLowerPriority"]
    assert row("node.k8s.io", "RuntimeClass", {"metadata": meta("gvisor"), "handler": "runsc"}) == \
        ["gvisor", "runsc", "24h"]


def test_csr_and_controller_revision_and_apiservice():
    csr = {"metadata": meta("csr-1"), "spec": {"signerName": "kubernetes.io/kube-apiserver-client",
                                               "username": "alice", "expirationSeconds": 86400},
           "status": {"conditions": [{"type": "Approved", "status": "True"}], "certificate": "LS0t"}}
    assert row("certificates.k8s.io", "CertificateSigningRequest", csr) == \
        ["csr-1", "24h", "kubernetes.io/kube-apiserver-client", "alice", "24h", "Approved,Issued"]
    cr = {"metadata": meta("agent-6b8f", ownerReferences=[{"apiVersion": "apps/v1", "kind": "DaemonSet",
                                                          "name": "agent", "controller": True}]), "revision": 2}
    assert row("apps", "ControllerRevision", cr) == ["agent-6b8f", "daemonset.apps/agent", 2, "24h"]
    api = {"metadata": meta("v1.apps"), "spec": {}, "status": {"conditions": [
        {"type": "Available", "status": "True", "reason": "Local"}]}}
    assert row("apiregistration.k8s.io", "APIService", api) == ["v1.apps", "Local", "True", "24h"]
    api["spec"] = {"service": {"namespace": "kube-system", "name": "metrics-server"}}
    api["status"]["conditions"][0].update(status="False", reason="MissingEndpoints")
    assert row("apiregistration.k8s.io", "APIService", api)[1:3] == \
        ["kube-system/metrics-server", "False (MissingEndpoints)"]
