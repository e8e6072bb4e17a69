"""End-to-end flows of the Job, CronJob, StatefulSet and DaemonSet controllers, with clock steps."""

from __future__ import annotations

STS = """apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
"""

DS = """apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      name: agent
  template:
    metadata:
      labels:
        name: agent
    spec:
      containers:
      - name: agent
        image: busybox
        command: ["sleep", "infinity"]
"""

FAILING_JOB = """apiVersion: batch/v1
kind: Job
metadata:
  name: boom
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox
        command: ["sh", "-c", "exit 1"]
"""

NODE = """apiVersion: v1
kind: Node
metadata:
  name: worker
"""


def at(cli, seconds: int) -> None:
    minutes, secs = divmod(seconds, 60)
    cli.now = f"2026-01-01T00:{minutes:02d}:{secs:02d}Z"


def test_job_runs_to_completion_and_wait(cli):
    at(cli, 60)
    assert cli("create", "job", "pi", "--image=busybox", "--", "echo", "hello").stdout == "job.batch/pi created\n"
    assert cli("get", "jobs").stdout == (
        "NAME   STATUS    COMPLETIONS   DURATION   AGE\n"
        "pi     Running   0/1           0s         0s\n")
    assert cli("wait", "--for=condition=complete", "job/pi", "--timeout=60s").stdout == \
        "job.batch/pi condition met\n"
    at(cli, 80)
    assert cli("get", "jobs").stdout == (
        "NAME   STATUS     COMPLETIONS   DURATION   AGE\n"
        "pi     Complete   1/1           4s         20s\n")
    pods = cli("get", "pods", "--no-headers").stdout.split()
    assert pods[0].startswith("pi-") and len(pods[0]) == 8 and pods[1:4] == ["0/1", "Completed", "0"]
    labels = cli("get", "pods", "-o", "jsonpath={.items[0].metadata.labels.job-name} "
                 "{.items[0].metadata.ownerReferences[0].kind}").stdout
    assert labels == "pi Job"
    status = cli("get", "job", "pi", "-o", "jsonpath={.status.succeeded} {.status.startTime} "
                 "{.status.completionTime} {.status.conditions[*].type}").stdout
    assert status == "1 2026-01-01T00:01:00Z 2026-01-01T00:01:04Z SuccessCriteriaMet Complete"
    reasons = cli("get", "events", "--field-selector", "involvedObject.kind=Job", "-o",
                  "jsonpath={.items[*].reason}").stdout
    assert reasons == "SuccessfulCreate Completed"
    assert cli("delete", "job", "pi").stdout == 'job.batch "pi" deleted\n'
    assert cli("get", "pods").stderr == "No resources found in default namespace.\n"


def test_job_completions_and_parallelism(cli):
    manifest = FAILING_JOB.replace("boom", "multi").replace("backoffLimit: 1", "completions: 4\n  parallelism: 2") \
        .replace("exit 1", "echo done")
    cli("create", "-f", "-", stdin=manifest)
    assert cli("get", "pods", "--no-headers").stdout.count("Pending") == 2
    at(cli, 30)
    assert cli("get", "jobs").stdout == (
        "NAME    STATUS     COMPLETIONS   DURATION   AGE\n"
        "multi   Complete   4/4           6s         30s\n")
    assert cli("get", "pods", "--no-headers").stdout.count("Completed") == 4


def test_job_backoff_limit_exceeded(cli):
    cli("create", "-f", "-", stdin=FAILING_JOB)
    at(cli, 10)
    assert cli("get", "pods", "--no-headers").stdout.split()[2] == "Error"
    at(cli, 120)
    assert cli("get", "jobs").stdout == (
        "NAME   STATUS   COMPLETIONS   DURATION   AGE\n"
        "boom   Failed   0/1           2m         2m\n")
    assert cli("get", "pods", "--no-headers").stdout.count("Error") == 2
    out = cli("get", "job", "boom", "-o", "jsonpath={.status.failed} {.status.conditions[*].type} "
              "{.status.conditions[1].reason}").stdout
    assert out == "2 FailureTarget Failed BackoffLimitExceeded"
    events = cli("get", "events", "--field-selector", "involvedObject.kind=Job", "-o",
                 "jsonpath={range .items[*]}{.reason}|{.message}{\"\\n\"}{end}").stdout
    assert "BackoffLimitExceeded|Job has reached the specified backoff limit\n" in events


def test_cronjob_creates_jobs_on_schedule(cli):
    at(cli, 30)
    cli("create", "cronjob", "hello", "--image=busybox", "--schedule=*/1 * * * *", "--", "echo", "hi")
    assert cli("get", "cronjobs").stdout == (
        "NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n"
        "hello   */1 * * * *   <none>     False     0        <none>          0s\n")
    at(cli, 61)
    assert cli("get", "cronjobs").stdout == (
        "NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n"
        "hello   */1 * * * *   <none>     False     1        1s              31s\n")
    at(cli, 5 * 60 + 30)
    assert cli("get", "jobs").stdout == (
        "NAME             STATUS     COMPLETIONS   DURATION   AGE\n"
        "hello-29453763   Complete   1/1           2s         2m30s\n"
        "hello-29453764   Complete   1/1           2s         90s\n"
        "hello-29453765   Complete   1/1           2s         30s\n")
    assert cli("get", "pods", "--no-headers").stdout.count("Completed") == 3
    out = cli("get", "cronjob", "hello", "-o", "jsonpath={.status.lastScheduleTime} "
              "{.status.lastSuccessfulTime}").stdout
    assert out == "2026-01-01T00:05:00Z 2026-01-01T00:05:02Z"
    annotation = cli("get", "job", "hello-29453765", "-o",
                     "jsonpath={.metadata.annotations.batch\\.kubernetes\\.io/cronjob-scheduled-timestamp}").stdout
    assert annotation == "2026-01-01T00:05:00Z"
    cli("delete", "cronjob", "hello")
    assert cli("get", "jobs").stderr == "No resources found in default namespace.\n"


def test_statefulset_ordered_scale_and_delete(cli):
    cli("create", "-f", "-", stdin=STS)
    assert cli("get", "pods", "--no-headers", "-o", "custom-columns=N:.metadata.name").stdout == "web-0\n"
    at(cli, 40)
    assert cli("get", "statefulsets").stdout == (
        "NAME   READY   AGE\n"
        "web    3/3     40s\n")
    assert cli("get", "pvc", "-o", "custom-columns=N:.metadata.name,S:.status.phase", "--no-headers").stdout == (
        "www-web-0   Pending\nwww-web-1   Pending\nwww-web-2   Pending\n")
    labels = cli("get", "pod", "web-1", "-o", "jsonpath={.metadata.labels.apps\\.kubernetes\\.io/pod-index} "
                 "{.spec.hostname} {.spec.subdomain} {.spec.volumes[0].persistentVolumeClaim.claimName}").stdout
    assert labels == "1 web-1 nginx www-web-1"
    assert cli("rollout", "status", "sts/web").stdout.startswith("statefulset rolling update complete 3 pods")
    assert cli("scale", "sts", "web", "--replicas=1").stdout == "statefulset.apps/web scaled\n"
    at(cli, 120)
    assert cli("get", "pods", "--no-headers", "-o", "custom-columns=N:.metadata.name").stdout == "web-0\n"
    cli("delete", "sts", "web")
    at(cli, 180)
    assert cli("get", "pods").stderr == "No resources found in default namespace.\n"


def test_daemonset_one_pod_per_node(cli):
    cli("create", "-f", "-", stdin=DS)
    at(cli, 30)
    assert cli("get", "ds").stdout == (
        "NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n"
        "agent   1         1         1       1            1           <none>          30s\n")
    cli("create", "-f", "-", stdin=NODE)
    at(cli, 60)
    assert cli("get", "ds", "--no-headers").stdout.split()[1:6] == ["2", "2", "2", "2", "2"]
    nodes = cli("get", "pods", "-o", "jsonpath={.items[*].spec.nodeName}").stdout.split()
    assert sorted(nodes) == ["minikube", "worker"]
    term = cli("get", "pods", "-o", "jsonpath={.items[0].spec.affinity.nodeAffinity."
               "requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].key}").stdout
    assert term == "metadata.name"
    assert cli("rollout", "status", "ds/agent").stdout == 'daemon set "agent" successfully rolled out\n'
