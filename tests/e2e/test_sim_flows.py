"""End-to-end tutorial flows through the simulated cluster, with clock steps."""

from __future__ import annotations

from tests.conftest import REPO

MANIFESTS = REPO / "manifests"

GPU_NODE = """apiVersion: v1
kind: Node
metadata:
  name: gpu-node
  labels:
    gpu: "true"
"""


def at(cli, seconds: int) -> None:
    minutes, secs = divmod(seconds, 60)
    cli.now = f"2026-01-01T00:{minutes:02d}:{secs:02d}Z"


def test_kubia_manual_pending_creating_running(cli):
    assert cli("create", "-f", str(MANIFESTS / "kubia-manual.yaml")).stdout == "pod/kubia-manual created\n"
    assert cli("get", "pods").stdout == (
        "NAME           READY   STATUS    RESTARTS   AGE\n"
        "kubia-manual   0/1     Pending   0          0s\n")
    at(cli, 1)
    assert "ContainerCreating" in cli("get", "pods").stdout
    at(cli, 30)
    assert cli("get", "pods", "-o", "wide").stdout == (
        "NAME           READY   STATUS    RESTARTS   AGE   IP           NODE       NOMINATED NODE   READINESS GATES\n"
        "kubia-manual   1/1     Running   0          30s   10.244.0.2   minikube   <none>           <none>\n")
    events = cli("get", "events", "-o", "jsonpath={range .items[*]}{.reason}|{.message}{\"\\n\"}{end}").stdout
    assert "Scheduled|Successfully assigned default/kubia-manual to minikube\n" in events
    assert 'Pulling|Pulling image "luksa/kubia"\n' in events
    assert "Created|Created container: kubia\n" in events
    assert "Started|Started container kubia\n" in events
    status = cli("get", "pod", "kubia-manual", "-o",
                 "jsonpath={.status.phase} {.status.containerStatuses[0].image} {.status.hostIP}").stdout
    assert status == "Running docker.io/luksa/kubia:latest 192.168.49.2"


def test_kubia_gpu_waits_for_a_gpu_node(cli):
    cli("create", "-f", str(MANIFESTS / "kubia-gpu.yaml"))
    at(cli, 20)
    assert "Pending" in cli("get", "pods").stdout
    message = cli("get", "pod", "kubia-gpu", "-o", "jsonpath={.status.conditions[0].message}").stdout
    assert message == ("0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. "
                       "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.")
    reasons = cli("get", "events", "-o", "jsonpath={.items[*].reason}").stdout
    assert reasons == "FailedScheduling"
    at(cli, 60)
    assert cli("create", "-f", "-", stdin=GPU_NODE).stdout == "node/gpu-node created\n"
    assert "gpu-node" in cli("get", "pod", "kubia-gpu", "-o", "jsonpath={.spec.nodeName}").stdout
    at(cli, 80)
    out = cli("get", "pods", "-o", "wide").stdout
    assert "kubia-gpu   1/1     Running   0          80s   10.244.1.2   gpu-node" in out


def test_deployment_scale_and_cascading_delete(cli):
    cli("create", "-f", str(MANIFESTS / "example-deployment.yaml"))
    at(cli, 30)
    assert cli("get", "deployment").stdout == (
        "NAME               READY   UP-TO-DATE   AVAILABLE   AGE\n"
        "nginx-deployment   3/3     3            3           30s\n")
    assert cli("scale", "deployment", "nginx-deployment", "--replicas=5").stdout == \
        "deployment.apps/nginx-deployment scaled\n"
    assert cli("get", "pods", "--no-headers").stdout.count("Pending") == 2
    at(cli, 60)
    assert cli("get", "deployment", "--no-headers").stdout.split()[1] == "5/5"
    cli("scale", "deployment", "nginx-deployment", "--replicas=3")
    assert cli("get", "pods", "--no-headers").stdout.count("Terminating") == 2
    at(cli, 90)
    assert cli("get", "pods", "--no-headers").stdout.count("Running") == 3
    out = cli("delete", "deployment", "nginx-deployment", "--wait=false").stdout
    assert out == 'deployment.apps "nginx-deployment" deleted\n'
    pods = cli("get", "pods", "--no-headers").stdout
    assert pods.count("Terminating") == 3
    grace = cli("get", "pods", "-o", "jsonpath={.items[0].metadata.deletionGracePeriodSeconds}").stdout
    assert grace == "60"
    at(cli, 93)
    result = cli("get", "pods")
    assert result.stdout == "" and "No resources found" in result.stderr


def test_rollout_status_and_wait_advance_simulated_time(cli):
    cli("create", "-f", str(MANIFESTS / "example-deployment.yaml"))
    out = cli("rollout", "status", "deployment/nginx-deployment").stdout
    assert out.endswith('deployment "nginx-deployment" successfully rolled out\n')
    assert out.startswith('Waiting for deployment "nginx-deployment" rollout to finish: 0 of 3 updated '
                          "replicas are available...\n")
    cli("create", "-f", str(MANIFESTS / "kubia-manual.yaml"))
    assert cli("wait", "--for=condition=Ready", "pod/kubia-manual", "--timeout=60s").stdout == \
        "pod/kubia-manual condition met\n"
    assert cli("wait", "--for=jsonpath={.status.phase}=Running", "pod/kubia-manual").stdout == \
        "pod/kubia-manual condition met\n"
    cli("create", "-f", str(MANIFESTS / "kubia-gpu.yaml"))
    result = cli("wait", "--for=condition=Ready", "pod/kubia-gpu", "--timeout=5s")
    assert result.code == 1
    assert result.stderr == "error: timed out waiting for the condition on pods/kubia-gpu\n"


def test_cordon_uncordon(cli):
    assert cli("cordon", "minikube").stdout == "node/minikube cordoned\n"
    assert cli("cordon", "minikube").stdout == "node/minikube already cordoned\n"
    assert "Ready,SchedulingDisabled" in cli("get", "nodes").stdout
    cli("create", "-f", str(MANIFESTS / "kubia-manual.yaml"))
    message = cli("get", "pod", "kubia-manual", "-o", "jsonpath={.status.conditions[0].message}").stdout
    assert message.startswith("0/1 nodes are available: 1 node(s) were unschedulable.")
    assert cli("uncordon", "minikube").stdout == "node/minikube uncordoned\n"
    assert cli("get", "pod", "kubia-manual", "-o", "jsonpath={.spec.nodeName}").stdout == "minikube"
    assert cli("uncordon", "minikube").stdout == "node/minikube already uncordoned\n"


def test_crashloop_backoff(cli):
    pod = ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: crash\nspec:\n  containers:\n  - name: c\n"
           "    image: busybox\n    command: [\"sh\", \"-c\", \"exit 1\"]\n")
    cli("create", "-f", "-", stdin=pod)
    at(cli, 60)
    row = cli("get", "pods", "--no-headers").stdout
    assert "CrashLoopBackOff" in row
    restarts = cli("get", "pod", "crash", "-o", "jsonpath={.status.containerStatuses[0].restartCount}").stdout
    assert int(restarts) == 3  # immediate restart, then 10 s and 20 s back-offs
    reason = cli("get", "pod", "crash", "-o",
                 "jsonpath={.status.containerStatuses[0].lastState.terminated.reason}").stdout
    assert reason == "Error"


def test_completed_pod(cli):
    pod = ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: once\nspec:\n  restartPolicy: Never\n  containers:\n"
           "  - name: c\n    image: busybox\n    command: [\"sh\", \"-c\", \"echo hi; sleep 5\"]\n")
    cli("create", "-f", "-", stdin=pod)
    at(cli, 30)
    assert cli("get", "pods", "--no-headers").stdout.split()[:3] == ["once", "0/1", "Completed"]
    assert cli("get", "pod", "once", "-o", "jsonpath={.status.phase}").stdout == "Succeeded"


def test_namespace_deletion_empties_it(cli):
    cli("create", "-f", str(MANIFESTS / "custom-namespace.yaml"))
    cli("create", "-f", str(MANIFESTS / "kubia-manual-custom-namespace.yaml"))
    at(cli, 30)
    assert cli("delete", "ns", "custom-namespace", "--wait=false").stdout == 'namespace "custom-namespace" deleted\n'
    assert "Terminating" in cli("get", "ns", "custom-namespace").stdout
    at(cli, 40)
    # kubia's `node app.js` is PID 1 without a SIGTERM handler: it ends only at SIGKILL, when the
    # 30 s grace period is over, and the namespace goes once its pod is gone
    assert "Terminating" in cli("get", "ns", "custom-namespace").stdout
    at(cli, 61)
    result = cli("get", "ns", "custom-namespace")
    assert result.code == 1 and 'namespaces "custom-namespace" not found' in result.stderr
