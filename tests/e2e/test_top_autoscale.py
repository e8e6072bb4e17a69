"""``top`` from the simulated metrics pipeline, ``autoscale`` and the HPA controller (the
Kubernetes HorizontalPodAutoscaler walkthrough under a fixed clock)."""

from __future__ import annotations

from tests.conftest import CLI

PHP_APACHE = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: php-apache}
spec:
  selector: {matchLabels: {run: php-apache}}
  template:
    metadata: {labels: {run: php-apache}}
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports: [{containerPort: 80}]
        resources: {limits: {cpu: 500m}, requests: {cpu: 200m}}
---
apiVersion: v1
kind: Service
metadata: {name: php-apache, labels: {run: php-apache}}
spec:
  ports: [{port: 80}]
  selector: {run: php-apache}
"""
STRESS = """\
apiVersion: v1
kind: Pod
metadata: {name: cpu-demo}
spec:
  containers:
  - name: cpu-demo-ctr
    image: vish/stress
    resources: {limits: {cpu: "1"}, requests: {cpu: 500m}}
    args: ["-cpus", "2"]
---
apiVersion: v1
kind: Pod
metadata: {name: memory-demo}
spec:
  containers:
  - name: memory-demo-ctr
    image: polinux/stress
    resources: {limits: {memory: 200Mi}, requests: {memory: 100Mi}}
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"]
"""


def _at(cli: CLI, clock: str) -> CLI:
    cli.now = f"2026-01-01T{clock}Z"
    return cli


def test_top_pod_follows_the_programs(cli: CLI) -> None:
    cli("apply", "-f", "-", stdin=STRESS)
    early = cli("top", "pod")
    assert (early.code, early.stderr) == (1, "error: metrics not available yet\n")
    _at(cli, "00:01:00")
    out = cli("top", "pod").stdout.splitlines()
    assert out[0] == "NAME          CPU(cores)   MEMORY(bytes)   "
    assert out[1].split() == ["cpu-demo", "1000m", out[1].split()[2]]
    assert out[2].split()[:3] == ["memory-demo", out[2].split()[1], "151Mi"]
    sorted_rows = cli("top", "pod", "--sort-by=memory", "--no-headers").stdout.splitlines()
    assert [r.split()[0] for r in sorted_rows] == ["memory-demo", "cpu-demo"]
    containers = cli("top", "pod", "cpu-demo", "--containers").stdout.splitlines()
    assert containers[0].split() == ["POD", "NAME", "CPU(cores)", "MEMORY(bytes)"]
    assert containers[1].split()[:3] == ["cpu-demo", "cpu-demo-ctr", "1000m"]
    total = cli("top", "pod", "--sum").stdout.splitlines()
    assert total[-2].split() == ["________", "________"] and total[-1].split()[0].endswith("m")
    missing = cli("top", "pod", "nope")
    assert missing.stderr == 'Error from server (NotFound): podmetrics.metrics.k8s.io "default/nope" not found\n'
    assert cli("top", "pod", "--sort-by=x").stderr == "error: --sort-by accepts only cpu or memory\n"
    assert cli("top", "pod", "x", "-l", "a=b").stderr == "error: only one of NAME or selector can be provided\n"
    assert cli("top", "pod", "-n", "kube-public").stderr == "No resources found in kube-public namespace.\n"


def test_top_node_adds_its_pods_to_the_node_overhead(cli: CLI) -> None:
    cli("apply", "-f", "-", stdin=STRESS)
    _at(cli, "00:01:00")
    lines = cli("top", "node").stdout.splitlines()
    assert lines[0] == "NAME       CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   "
    name, cpu, cpu_pct, memory, memory_pct = lines[1].split()
    assert name == "minikube" and int(cpu[:-1]) > 1000 and cpu_pct == f"{int(int(cpu[:-1]) / 2000 * 100)}%"
    assert memory.endswith("Mi") and memory_pct.endswith("%")


def test_autoscale_dry_run_prints_kubectls_v1_object(cli: CLI) -> None:
    cli("apply", "-f", "-", stdin=PHP_APACHE)
    out = cli("autoscale", "deployment", "php-apache", "--cpu-percent=50", "--min=1", "--max=10",
              "--dry-run=client", "-o", "yaml").stdout
    assert out == ("apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata:\n  creationTimestamp: null\n"
                   "  name: php-apache\nspec:\n  maxReplicas: 10\n  minReplicas: 1\n  scaleTargetRef:\n"
                   "    apiVersion: apps/v1\n    kind: Deployment\n    name: php-apache\n"
                   "  targetCPUUtilizationPercentage: 50\nstatus:\n  currentReplicas: 0\n  desiredReplicas: 0\n")
    assert cli("autoscale", "deployment", "php-apache").stderr == 'error: required flag(s) "max" not set\n'
    assert cli("autoscale", "deployment", "php-apache", "--max=0").stderr == \
        "error: --max=MAXPODS is required and must be at least 1, max: 0\n"
    assert cli("autoscale", "deployment", "php-apache", "--max=2", "--min=3").stderr == \
        "error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 2, min: 3\n"
    cli("run", "bare", "--image=nginx")
    assert cli("autoscale", "pod", "bare", "--max=2").stderr == (
        "error: cannot autoscale a Pod: could not find scale subresource for /v1, Resource=pods in discovery "
        "information\n")


def test_the_hpa_walkthrough_scales_up_under_load_and_back_down(cli: CLI) -> None:
    cli("apply", "-f", "-", stdin=PHP_APACHE)
    assert cli("autoscale", "deployment", "php-apache", "--cpu-percent=50", "--min=1", "--max=10").stdout == \
        "horizontalpodautoscaler.autoscaling/php-apache autoscaled\n"
    stored = cli("get", "hpa", "php-apache", "-o", "jsonpath={.apiVersion} {.spec.metrics[0].resource.target}").stdout
    assert stored == 'autoscaling/v2 {"averageUtilization":50,"type":"Utilization"}'
    _at(cli, "00:01:00")
    assert cli("get", "hpa", "--no-headers").stdout.split()[2:7] == ["cpu:", "0%/50%", "1", "10", "1"]
    cli("run", "load-generator", "--image=busybox:1.28", "--restart=Never", "--", "/bin/sh", "-c",
        "while sleep 0.01; do wget -q -O- http://php-apache; done")
    _at(cli, "00:02:00")
    row = cli("get", "hpa", "--no-headers").stdout.split()
    assert row[6] == "5" and row[3].endswith("%/50%")
    events = cli("get", "events", "--field-selector", "reason=SuccessfulRescale", "-o",
                 "jsonpath={.items[*].message}").stdout
    assert events == "New size: 5; reason: cpu resource utilization (percentage of request) above target"
    assert cli("get", "deploy", "php-apache", "-o", "jsonpath={.spec.replicas}").stdout == "5"
    cli("delete", "pod", "load-generator", "--wait=false")
    _at(cli, "00:04:00")
    assert cli("get", "deploy", "php-apache", "-o", "jsonpath={.spec.replicas}").stdout == "5"  # stabilizing
    _at(cli, "00:10:00")
    assert cli("get", "deploy", "php-apache", "-o", "jsonpath={.spec.replicas}").stdout == "1"
    described = cli("describe", "hpa", "php-apache").stdout
    assert "New size: 1; reason: All metrics below target" in described
    assert "ScalingActive   True    ValidMetricFound" in described
