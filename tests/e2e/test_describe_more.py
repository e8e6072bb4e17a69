"""``describe`` for jobs, cron jobs, daemon sets, stateful sets, volumes, claims, storage and
priority classes, and the node Lease section.

Exact expected texts, plus oracle comparisons: the objects our store holds are served to
the real kubectl 1.33 (tests/e2e/describe_oracle.py) and both outputs must match byte for
byte (skipped when kubectl.1.33 is absent).
"""

from __future__ import annotations

import json

import pytest

from tests.e2e import describe_oracle

WORKLOADS = """
apiVersion: batch/v1
kind: Job
metadata:
  name: pi
  labels: {app: pi}
  annotations: {note: hello}
spec:
  backoffLimit: 4
  ttlSecondsAfterFinished: 100
  activeDeadlineSeconds: 60
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34
        command: ["perl", "-e", "print 1"]
      restartPolicy: Never
---
apiVersion: batch/v1
kind: Job
metadata:
  name: idx
spec:
  completions: 3
  parallelism: 2
  completionMode: Indexed
  suspend: true
  template:
    spec:
      containers:
      - name: c
        image: busybox
      restartPolicy: Never
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "*/5 * * * *"
  timeZone: Etc/UTC
  startingDeadlineSeconds: 30
  jobTemplate:
    spec:
      activeDeadlineSeconds: 20
      template:
        metadata:
          labels: {app: hello}
        spec:
          serviceAccountName: default
          containers:
          - name: hello
            image: busybox:1.28
            args: ["/bin/sh", "-c", "date"]
            resources:
              limits: {cpu: 100m}
          restartPolicy: OnFailure
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
  namespace: kube-system
  labels: {k8s-app: fluentd}
spec:
  selector:
    matchLabels: {name: fluentd}
  template:
    metadata:
      labels: {name: fluentd}
    spec:
      nodeSelector: {kubernetes.io/os: linux}
      tolerations:
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
      containers:
      - name: fluentd
        image: fluentd:v2
        volumeMounts:
        - {name: varlog, mountPath: /var/log}
      volumes:
      - name: varlog
        hostPath: {path: /var/log}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2
  updateStrategy:
    type: RollingUpdate
    rollingUpdate: {partition: 1}
  selector:
    matchLabels: {app: nginx}
  template:
    metadata:
      labels: {app: nginx}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - {containerPort: 80, name: web}
        volumeMounts:
        - {name: www, mountPath: /usr/share/nginx/html}
  volumeClaimTemplates:
  - metadata:
      name: www
      labels: {a: b}
    spec:
      accessModes: ["ReadWriteOnce"]
      storageClassName: standard
      resources:
        requests: {storage: 1Gi}
"""

STORAGE = """
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv1
  labels: {type: local}
spec:
  storageClassName: manual
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteOnce, ReadOnlyMany]
  hostPath: {path: /mnt/data}
  claimRef: {namespace: default, name: claim1}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: claim1
spec:
  storageClassName: manual
  accessModes: [ReadWriteOnce]
  resources:
    requests: {storage: 3Gi}
---
apiVersion: v1
kind: Pod
metadata:
  name: user
spec:
  containers:
  - name: c
    image: busybox
  volumes:
  - name: data
    persistentVolumeClaim: {claimName: claim1}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: k8s.io/minikube-hostpath
parameters: {type: pd-ssd}
reclaimPolicy: Retain
allowVolumeExpansion: true
mountOptions: [debug]
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
description: "important pods"
preemptionPolicy: Never
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: low
value: -5
globalDefault: false
"""

needs_kubectl = pytest.mark.skipif(not describe_oracle.available(), reason="kubectl 1.33 not installed")


@pytest.fixture
def utc(cli):
    cli.extra_env["TZ"] = "UTC"
    return cli


@pytest.fixture
def workloads(utc):
    assert utc("create", "-f", "-", stdin=WORKLOADS).code == 0
    return utc


@pytest.fixture
def storage(utc):
    assert utc("create", "-f", "-", stdin=STORAGE).code == 0
    return utc


def test_describe_cronjob(workloads):
    assert workloads("describe", "cronjob", "hello").stdout == (
        "Name:                          hello\n"
        "Namespace:                     default\n"
        "Labels:                        <none>\n"
        "Annotations:                   <none>\n"
        "Schedule:                      */5 * * * *\n"
        "Concurrency Policy:            Allow\n"
        "Suspend:                       False\n"
        "Successful Job History Limit:  3\n"
        "Failed Job History Limit:      1\n"
        "Starting Deadline Seconds:     30s\n"
        "Selector:                      <unset>\n"
        "Parallelism:                   <unset>\n"
        "Completions:                   <unset>\n"
        "Active Deadline Seconds:       20s\n"
        "Pod Template:\n"
        "  Labels:           app=hello\n"
        "  Service Account:  default\n"
        "  Containers:\n"
        "   hello:\n"
        "    Image:      busybox:1.28\n"
        "    Port:       <none>\n"
        "    Host Port:  <none>\n"
        "    Args:\n"
        "      /bin/sh\n"
        "      -c\n"
        "      date\n"
        "    Limits:\n"
        "      cpu:           100m\n"
        "    Environment:     <none>\n"
        "    Mounts:          <none>\n"
        "  Volumes:           <none>\n"
        "  Node-Selectors:    <none>\n"
        "  Tolerations:       <none>\n"
        "Last Schedule Time:  <unset>\n"
        "Active Jobs:         <none>\n"
        "Events:              <none>\n")


def test_describe_storage_kinds(storage):
    assert storage("describe", "pv", "pv1").stdout == (
        "Name:            pv1\n"
        "Labels:          type=local\n"
        "Annotations:     <none>\n"
        "Finalizers:      []\n"
        "StorageClass:    manual\n"
        "Status:          Pending\n"
        "Claim:           default/claim1\n"
        "Reclaim Policy:  Retain\n"
        "Access Modes:    RWO,ROX\n"
        "VolumeMode:      Filesystem\n"
        "Capacity:        10Gi\n"
        "Node Affinity:   <none>\n"
        "Message:         \n"
        "Source:\n"
        "    Type:          HostPath (bare host directory volume)\n"
        "    Path:          /mnt/data\n"
        "    HostPathType:  \n"
        "Events:            <none>\n")
    assert storage("describe", "pvc", "claim1").stdout == (
        "Name:          claim1\n"
        "Namespace:     default\n"
        "StorageClass:  manual\n"
        "Status:        Pending\n"
        "Volume:        \n"
        "Labels:        <none>\n"
        "Annotations:   <none>\n"
        "Finalizers:    []\n"
        "Capacity:      \n"
        "Access Modes:  \n"
        "VolumeMode:    Filesystem\n"
        "Used By:       user\n"
        "Events:        <none>\n")
    assert storage("describe", "priorityclass", "high").stdout == (
        "Name:              high\n"
        "Value:             1000\n"
        "GlobalDefault:     false\n"
        "PreemptionPolicy:  Never\n"
        "Description:       important pods\n"
        "Annotations:       <none>\n"
        "Events:            <none>\n")


@needs_kubectl
@pytest.mark.parametrize("argv", [["job", "pi"], ["job", "idx"], ["cronjob", "hello"],
                                  ["daemonset", "fluentd", "-n", "kube-system"], ["statefulset", "web"],
                                  ["job"], ["node", "minikube"]])
def test_workloads_match_kubectl(workloads, argv):
    plurals = ["jobs.batch", "cronjobs.batch", "daemonsets.apps", "statefulsets.apps"]
    expected, err, code = describe_oracle.kubectl_describe(workloads, argv, plurals)
    assert code == 0, err
    assert workloads("describe", *argv).stdout == expected


@needs_kubectl
@pytest.mark.parametrize("argv", [["persistentvolume", "pv1"], ["persistentvolumeclaim", "claim1"],
                                  ["storageclass", "fast"], ["priorityclass", "high"],
                                  ["priorityclass", "low"]])
def test_storage_kinds_match_kubectl(storage, argv):
    plurals = ["persistentvolumes", "persistentvolumeclaims", "storageclasses.storage.k8s.io",
               "priorityclasses.scheduling.k8s.io"]
    expected, err, code = describe_oracle.kubectl_describe(storage, argv, plurals)
    assert code == 0, err
    assert storage("describe", *argv).stdout == expected


# -- node leases ---------------------------------------------------------------------------
def _leases(cli):
    result = cli("get", "leases", "-n", "kube-node-lease", "-o", "json")
    return {item["metadata"]["name"]: item for item in json.loads(result.stdout)["items"]}


def test_default_node_has_a_lease(utc):
    lease = _leases(utc)["minikube"]
    assert lease["spec"] == {"holderIdentity": "minikube", "leaseDurationSeconds": 40,
                             "renewTime": "2026-01-01T00:00:00.000000Z"}
    assert lease["metadata"]["ownerReferences"][0]["kind"] == "Node"
    out = utc("describe", "node", "minikube").stdout
    assert ("Unschedulable:      false\n"
            "Lease:\n"
            "  HolderIdentity:  minikube\n"
            "  AcquireTime:     <unset>\n"
            "  RenewTime:       Thu, 01 Jan 2026 00:00:00 +0000\n"
            "Conditions:\n") in out


def test_lease_renewed_by_commands_that_write_only(utc):
    assert utc("get", "ns").code == 0  # creates the state at 00:00
    utc.now = "2026-01-01T00:05:00Z"
    assert utc("get", "pods").code == 0  # read-only: nothing saved, nothing renewed
    assert _leases(utc)["minikube"]["spec"]["renewTime"] == "2026-01-01T00:00:00.000000Z"
    assert utc("create", "configmap", "c").code == 0
    assert _leases(utc)["minikube"]["spec"]["renewTime"] == "2026-01-01T00:05:00.000000Z"


def test_nodes_from_manifests_get_a_lease_removed_with_them(utc):
    node = "apiVersion: v1\nkind: Node\nmetadata:\n  name: worker\n"
    utc.now = "2026-01-01T00:01:00Z"
    assert utc("create", "-f", "-", stdin=node).code == 0
    lease = _leases(utc)["worker"]
    assert lease["spec"]["holderIdentity"] == "worker"
    assert lease["spec"]["renewTime"] == "2026-01-01T00:01:00.000000Z"
    assert "  HolderIdentity:  worker\n" in utc("describe", "node", "worker").stdout
    assert utc("delete", "node", "worker").code == 0
    assert "worker" not in _leases(utc)
