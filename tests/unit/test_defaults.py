"""Server-side defaults on create, per kind (spec apply.md §6 and pkg/apis/*/v1/defaults.go)."""

from __future__ import annotations

import copy

import pytest

from minikubectl.api.defaults import (
    SA_MOUNT_PATH, apply_defaults, apply_scheme_defaults, image_pull_policy, pod_qos_class,
)
from minikubectl.api.errors import StatusError


def fixed_rand(n: int) -> str:
    return "bcdfg2456789"[:n]


def pod(**spec) -> dict:
    spec.setdefault("containers", [{"name": "c", "image": "nginx"}])
    return {"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "p", "namespace": "default"}, "spec": spec}


def create(obj: dict, **kw) -> dict:
    return apply_defaults(obj, rand=fixed_rand, **kw)


# ------------------------------------------------------------------ images


@pytest.mark.parametrize("image,policy", [
    ("nginx", "Always"), ("nginx:latest", "Always"), ("nginx:1.25", "IfNotPresent"),
    ("repo:5000/img", "Always"), ("repo:5000/img:v2", "IfNotPresent"),
    ("registry.k8s.io/pause:3.9", "IfNotPresent"), ("docker.io/library/busybox", "Always"),
    ("nginx@sha256:" + "0" * 64, "IfNotPresent"),
    ("nginx:latest@sha256:" + "0" * 64, "Always"),
    ("nginx@sha256:abc", "IfNotPresent"),  # invalid digest: parse error
    ("Nginx", "IfNotPresent"), ("", "IfNotPresent"),
])
def test_image_pull_policy(image, policy):
    assert image_pull_policy(image) == policy


# ------------------------------------------------------------------ Pod


def test_pod_defaults_full():
    ports = [{"containerPort": 80}]
    out = create(pod(containers=[{"name": "c", "image": "nginx", "ports": ports}]))
    spec = out["spec"]
    assert {k: spec[k] for k in ("restartPolicy", "dnsPolicy", "terminationGracePeriodSeconds",
                                 "schedulerName", "securityContext", "enableServiceLinks",
                                 "priority", "preemptionPolicy", "serviceAccountName",
                                 "serviceAccount")} == {
        "restartPolicy": "Always", "dnsPolicy": "ClusterFirst",
        "terminationGracePeriodSeconds": 30, "schedulerName": "default-scheduler",
        "securityContext": {}, "enableServiceLinks": True, "priority": 0,
        "preemptionPolicy": "PreemptLowerPriority", "serviceAccountName": "default",
        "serviceAccount": "default"}
    c = spec["containers"][0]
    assert c["imagePullPolicy"] == "Always"
    assert c["terminationMessagePath"] == "/dev/termination-log"
    assert c["terminationMessagePolicy"] == "File"
    assert c["resources"] == {}
    assert c["ports"] == [{"containerPort": 80, "protocol": "TCP"}]
    assert c["volumeMounts"] == [{"mountPath": SA_MOUNT_PATH, "name": "kube-api-access-bcdfg",
                                  "readOnly": True}]
    assert spec["volumes"] == [{"name": "kube-api-access-bcdfg", "projected": {
        "defaultMode": 420, "sources": [
            {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
            {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}],
                           "name": "kube-root-ca.crt"}},
            {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1",
                                                     "fieldPath": "metadata.namespace"},
                                        "path": "namespace"}]}}]}}]
    assert spec["tolerations"] == [
        {"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists",
         "tolerationSeconds": 300},
        {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists",
         "tolerationSeconds": 300}]
    assert out["status"] == {"phase": "Pending", "qosClass": "BestEffort"}
    for key in ("uid", "resourceVersion", "creationTimestamp"):
        assert key not in out["metadata"]


def test_pod_input_not_mutated():
    obj = pod()
    before = copy.deepcopy(obj)
    create(obj)
    assert obj == before


def test_pod_no_automount():
    out = create(pod(automountServiceAccountToken=False))
    assert "volumes" not in out["spec"]
    assert "volumeMounts" not in out["spec"]["containers"][0]
    out = create(pod(), service_account={"automountServiceAccountToken": False})
    assert "volumes" not in out["spec"]


def test_pod_sa_mount_in_init_containers_and_existing_path_respected():
    out = create(pod(initContainers=[{"name": "i", "image": "busybox"}],
                     containers=[{"name": "c", "image": "nginx", "volumeMounts": [
                         {"name": "mine", "mountPath": SA_MOUNT_PATH}]}],
                     volumes=[{"name": "mine", "emptyDir": {}}],
                     serviceAccountName="robot"))
    spec = out["spec"]
    assert spec["serviceAccount"] == "robot"
    assert spec["initContainers"][0]["volumeMounts"][0]["name"] == "kube-api-access-bcdfg"
    assert spec["containers"][0]["volumeMounts"] == [{"name": "mine", "mountPath": SA_MOUNT_PATH}]
    assert [v["name"] for v in spec["volumes"]] == ["mine", "kube-api-access-bcdfg"]


def test_pod_existing_tolerations():
    tol = [{"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute"}]
    out = create(pod(tolerations=tol))
    assert out["spec"]["tolerations"] == tol + [
        {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists",
         "tolerationSeconds": 300}]
    out = create(pod(tolerations=[{"operator": "Exists"}]))
    assert out["spec"]["tolerations"] == [{"operator": "Exists"}]


def test_pod_priority_classes():
    out = create(pod(priorityClassName="system-node-critical"))
    assert out["spec"]["priority"] == 2000001000
    with pytest.raises(StatusError) as err:
        create(pod(priorityClassName="nope"))
    assert err.value.reason == "Forbidden"
    assert "no PriorityClass with name nope was found" in err.value.message


def test_pod_requests_default_to_limits_and_qos():
    res = {"limits": {"cpu": "500m", "memory": "128Mi"}}
    out = create(pod(containers=[{"name": "c", "image": "x:1", "resources": res}]))
    assert out["spec"]["containers"][0]["resources"]["requests"] == res["limits"]
    assert out["status"]["qosClass"] == "Guaranteed"


@pytest.mark.parametrize("resources,qos", [
    ([{}], "BestEffort"),
    ([{"requests": {"cpu": "0"}}], "BestEffort"),
    ([{"requests": {"cpu": "100m"}}], "Burstable"),
    ([{"requests": {"cpu": "1", "memory": "1Gi"}, "limits": {"cpu": "1000m", "memory": "1Gi"}}],
     "Guaranteed"),
    ([{"requests": {"cpu": "1", "memory": "1Gi"}, "limits": {"cpu": "2", "memory": "1Gi"}}],
     "Burstable"),
    ([{"limits": {"cpu": "1", "memory": "1Gi"}, "requests": {"cpu": "1", "memory": "1Gi"}},
      {}], "Burstable"),
    ([{"limits": {"cpu": 1, "memory": "1G"}, "requests": {"cpu": "1", "memory": "1e9"}}],
     "Guaranteed"),
    ([{"requests": {"ephemeral-storage": "1Gi"}}], "BestEffort"),
])
def test_pod_qos_class(resources, qos):
    containers = [{"name": f"c{i}", "image": "x", "resources": r} for i, r in enumerate(resources)]
    assert pod_qos_class({"spec": {"containers": containers}}) == qos


def test_pod_probe_env_and_volume_defaults():
    out = create(pod(containers=[{
        "name": "c", "image": "x:1",
        "livenessProbe": {"httpGet": {"port": 80}},
        "readinessProbe": {"grpc": {"port": 9}, "periodSeconds": 5},
        "env": [{"name": "N", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
                {"name": "R", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu"}}}]}],
        volumes=[{"name": "s", "secret": {"secretName": "s"}}, {"name": "e"},
                 {"name": "h", "hostPath": {"path": "/h"}},
                 {"name": "cm", "configMap": {"name": "cm"}}]))
    c = out["spec"]["containers"][0]
    assert c["livenessProbe"] == {"httpGet": {"path": "/", "port": 80, "scheme": "HTTP"},
                                  "timeoutSeconds": 1, "periodSeconds": 10,
                                  "successThreshold": 1, "failureThreshold": 3}
    assert c["readinessProbe"]["periodSeconds"] == 5
    assert c["readinessProbe"]["grpc"] == {"port": 9, "service": ""}
    assert c["env"][0]["valueFrom"]["fieldRef"]["apiVersion"] == "v1"
    assert c["env"][1]["valueFrom"]["resourceFieldRef"]["divisor"] == "0"
    vols = {v["name"]: v for v in out["spec"]["volumes"]}
    assert vols["s"]["secret"]["defaultMode"] == 420
    assert vols["cm"]["configMap"]["defaultMode"] == 420
    assert vols["e"] == {"name": "e", "emptyDir": {}}
    assert vols["h"]["hostPath"] == {"path": "/h", "type": ""}


def test_pod_generate_name_and_scheduling_gates():
    obj = pod(schedulingGates=[{"name": "g"}])
    obj["metadata"] = {"generateName": "web-", "namespace": "default"}
    calls = []

    def rand(n):
        calls.append(n)
        return ["vol12", "name9"][len(calls) - 1][:n]
    out = apply_defaults(obj, rand=rand)
    # Admission (volume name) runs before the name is generated.
    assert out["spec"]["volumes"][0]["name"] == "kube-api-access-vol12"
    assert out["metadata"]["name"] == "web-name9"
    cond = out["status"]["conditions"][0]
    assert (cond["type"], cond["status"], cond["reason"]) == ("PodScheduled", "False",
                                                              "SchedulingGated")


def test_pod_host_network_host_ports():
    out = create(pod(hostNetwork=True,
                     containers=[{"name": "c", "image": "x", "ports": [{"containerPort": 8080}]}]))
    assert out["spec"]["containers"][0]["ports"][0]["hostPort"] == 8080


# ------------------------------------------------------------------ workloads


def template(image="nginx"):
    return {"metadata": {"labels": {"app": "a"}},
            "spec": {"containers": [{"name": "c", "image": image}]}}


def workload(kind, group="apps", **spec):
    spec.setdefault("template", template())
    return {"apiVersion": f"{group}/v1", "kind": kind, "metadata": {"name": "w"}, "spec": spec}


def check_template(spec: dict) -> None:
    tpl = spec["template"]
    assert tpl["metadata"]["creationTimestamp"] is None
    pod_spec = tpl["spec"]
    assert pod_spec["restartPolicy"] in ("Always", "Never", "OnFailure")
    assert pod_spec["dnsPolicy"] == "ClusterFirst"
    assert pod_spec["securityContext"] == {}
    # Admission-only pod fields are not in templates.
    for key in ("serviceAccountName", "tolerations", "priority", "volumes", "enableServiceLinks"):
        assert key not in pod_spec
    assert pod_spec["containers"][0]["imagePullPolicy"] == "Always"


def test_deployment_defaults():
    out = create(workload("Deployment"))
    spec = out["spec"]
    assert spec["replicas"] == 1
    assert spec["strategy"] == {"type": "RollingUpdate",
                                "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}}
    assert spec["revisionHistoryLimit"] == 10
    assert spec["progressDeadlineSeconds"] == 600
    assert out["metadata"]["generation"] == 1
    assert out["status"] == {}
    check_template(spec)


def test_deployment_recreate_and_explicit_values_kept():
    out = create(workload("Deployment", replicas=0, strategy={"type": "Recreate"}))
    assert out["spec"]["replicas"] == 0
    assert out["spec"]["strategy"] == {"type": "Recreate"}


def test_replicaset_statefulset_daemonset():
    rs = create(workload("ReplicaSet"))
    assert rs["spec"]["replicas"] == 1 and rs["status"] == {"replicas": 0}
    check_template(rs["spec"])
    sts = create(workload("StatefulSet", volumeClaimTemplates=[
        {"metadata": {"name": "data"}, "spec": {"accessModes": ["ReadWriteOnce"]}}]))
    spec = sts["spec"]
    assert spec["podManagementPolicy"] == "OrderedReady"
    assert spec["updateStrategy"] == {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}}
    assert spec["persistentVolumeClaimRetentionPolicy"] == {"whenDeleted": "Retain",
                                                            "whenScaled": "Retain"}
    assert spec["replicas"] == 1 and spec["revisionHistoryLimit"] == 10
    claim = spec["volumeClaimTemplates"][0]
    assert claim["spec"]["volumeMode"] == "Filesystem"
    assert claim["status"] == {"phase": "Pending"}
    check_template(spec)
    ds = create(workload("DaemonSet"))
    assert ds["spec"]["updateStrategy"] == {"type": "RollingUpdate",
                                            "rollingUpdate": {"maxUnavailable": 1, "maxSurge": 0}}
    assert ds["spec"]["revisionHistoryLimit"] == 10
    assert ds["status"]["numberReady"] == 0
    check_template(ds["spec"])


def test_job_defaults_and_generated_selector():
    job = workload("Job", group="batch")
    job["spec"]["template"] = {"spec": {"restartPolicy": "Never",
                                        "containers": [{"name": "c", "image": "busybox"}]}}
    job["metadata"]["uid"] = "u-1"
    out = create(job)
    spec = out["spec"]
    assert (spec["completions"], spec["parallelism"], spec["backoffLimit"]) == (1, 1, 6)
    assert spec["completionMode"] == "NonIndexed"
    assert spec["suspend"] is False and spec["manualSelector"] is False
    assert spec["podReplacementPolicy"] == "TerminatingOrFailed"
    assert spec["selector"] == {"matchLabels": {"batch.kubernetes.io/controller-uid": "u-1"}}
    labels = {"batch.kubernetes.io/controller-uid": "u-1", "batch.kubernetes.io/job-name": "w",
              "controller-uid": "u-1", "job-name": "w"}
    assert spec["template"]["metadata"]["labels"] == labels
    assert out["metadata"]["labels"] == labels
    assert out["metadata"]["generation"] == 1 and out["status"] == {}


def test_job_parallelism_only():
    out = apply_scheme_defaults(workload("Job", group="batch", parallelism=3))
    assert out["spec"]["parallelism"] == 3 and "completions" not in out["spec"]


def test_cronjob_defaults():
    cj = {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "cj"},
          "spec": {"schedule": "* * * * *", "jobTemplate": {"spec": {"template": template()}}}}
    out = create(cj)
    spec = out["spec"]
    assert (spec["concurrencyPolicy"], spec["suspend"], spec["successfulJobsHistoryLimit"],
            spec["failedJobsHistoryLimit"]) == ("Allow", False, 3, 1)
    job_spec = spec["jobTemplate"]["spec"]
    assert "backoffLimit" not in job_spec  # Job defaults are not applied to templates
    assert spec["jobTemplate"]["metadata"] == {"creationTimestamp": None}
    check_template(job_spec)


# ------------------------------------------------------------------ core kinds


def service(**spec):
    return {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}, "spec": spec}


def test_service_cluster_ip_defaults():
    out = create(service(selector={"a": "b"}, ports=[{"port": 80}, {"port": 53, "protocol": "UDP",
                                                                   "targetPort": "dns"}]),
                 allocate_cluster_ip=lambda: "10.96.1.2")
    spec = out["spec"]
    assert spec["type"] == "ClusterIP" and spec["sessionAffinity"] == "None"
    assert spec["clusterIP"] == "10.96.1.2" and spec["clusterIPs"] == ["10.96.1.2"]
    assert spec["ipFamilies"] == ["IPv4"] and spec["ipFamilyPolicy"] == "SingleStack"
    assert spec["internalTrafficPolicy"] == "Cluster"
    assert "externalTrafficPolicy" not in spec
    assert spec["ports"] == [{"port": 80, "protocol": "TCP", "targetPort": 80},
                             {"port": 53, "protocol": "UDP", "targetPort": "dns"}]
    assert out["status"] == {"loadBalancer": {}}


def test_service_nodeport_loadbalancer_and_external_name():
    ports = iter([30001, 30002])
    out = create(service(type="LoadBalancer", ports=[{"port": 80}]),
                 allocate_cluster_ip=lambda: "10.0.0.5", allocate_node_port=lambda: next(ports))
    spec = out["spec"]
    assert spec["externalTrafficPolicy"] == "Cluster"
    assert spec["allocateLoadBalancerNodePorts"] is True
    assert spec["ports"][0]["nodePort"] == 30001
    ext = create(service(type="ExternalName", externalName="example.com"),
                 allocate_cluster_ip=lambda: pytest.fail("no IP for ExternalName"))
    assert "clusterIP" not in ext["spec"] and "ipFamilies" not in ext["spec"]
    assert "internalTrafficPolicy" not in ext["spec"]
    headless = create(service(clusterIP="None", selector={"a": "b"}))
    assert headless["spec"]["clusterIPs"] == ["None"]
    assert headless["spec"]["ipFamilyPolicy"] == "SingleStack"


def test_namespace_secret_configmap_sa_node():
    ns = create({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "dev"}})
    assert ns["spec"] == {"finalizers": ["kubernetes"]}
    assert ns["status"] == {"phase": "Active"}
    assert ns["metadata"]["labels"] == {"kubernetes.io/metadata.name": "dev"}
    secret = create({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
                     "data": {"a": "eA==", "b": "eQ=="}, "stringData": {"b": "hi", "c": "<&>"}})
    assert secret["type"] == "Opaque"
    assert secret["data"] == {"a": "eA==", "b": "aGk=", "c": "PCY+"}
    assert "stringData" not in secret
    tls = create({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "t"},
                  "type": "kubernetes.io/tls"})
    assert tls["type"] == "kubernetes.io/tls"
    cm = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"k": "v"}}
    assert create(cm) == cm
    sa = {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "sa"}}
    assert create(sa) == sa
    node = create({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n"},
                   "status": {"capacity": {"cpu": "4"}}})
    assert node["status"]["allocatable"] == {"cpu": "4"}


def test_unknown_kind_untouched():
    obj = {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}}
    assert create(obj) == obj
