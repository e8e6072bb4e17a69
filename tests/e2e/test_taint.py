"""``taint`` and what taints do: NoSchedule, PreferNoSchedule, NoExecute with tolerationSeconds."""

from __future__ import annotations

from tests.conftest import CLI

_NODE = "apiVersion: v1\nkind: Node\nmetadata:\n  name: worker\n"
_TOLERANT = """\
apiVersion: v1
kind: Pod
metadata: {name: tolerant}
spec:
  tolerations: [{key: dedicated, operator: Exists, effect: NoExecute, tolerationSeconds: 60}]
  containers: [{name: c, image: nginx}]
---
apiVersion: v1
kind: Pod
metadata: {name: forever}
spec:
  tolerations: [{key: dedicated, operator: Equal, value: gpu, effect: NoExecute}]
  containers: [{name: c, image: nginx}]
"""


def _taints(cli: CLI, node: str = "minikube") -> str:
    return cli("get", "node", node, "-o", "jsonpath={.spec.taints}").stdout


def _pods(cli: CLI) -> list[str]:
    return cli("get", "pods", "-o", "name").stdout.split()


def test_taint_messages_follow_kubectl(cli: CLI) -> None:
    assert cli("taint", "nodes", "minikube", "key1=value1:NoSchedule").stdout == "node/minikube tainted\n"
    assert _taints(cli) == '[{"effect":"NoSchedule","key":"key1","value":"value1"}]'
    again = cli("taint", "nodes", "minikube", "key1=value1:NoSchedule")
    assert again.stderr == ("error: node minikube already has key1 taint(s) with same effect(s) and "
                            "--overwrite is false\n")
    assert cli("taint", "nodes", "minikube", "key1=v2:NoSchedule", "--overwrite").stdout == \
        "node/minikube modified\n"
    assert cli("taint", "node", "minikube", "key1:NoSchedule-").stdout == "node/minikube untainted\n"
    assert _taints(cli) == ""
    missing = cli("taint", "nodes", "minikube", "key1-")
    assert (missing.code, missing.stderr) == (1, 'error: taint "key1" not found\n')
    bad = cli("taint", "nodes", "minikube", "dedicated=x:Bad")
    assert bad.stderr == ("error: invalid taint effect: Bad, unsupported taint effect\n"
                          "See 'kubectl taint -h' for help and examples\n")
    assert cli("taint", "nodes", "minikube").stderr == "error: at least one taint update is required\n"
    assert cli("taint", "pods", "x", "a=b:NoSchedule").stderr == \
        "error: invalid resource type pods, only node types are supported\n"
    assert cli("taint", "nodes", "a=b:NoSchedule").stderr == \
        "error: at least one resource name must be specified since 'all' parameter is not set\n"
    conflict = cli("taint", "nodes", "minikube", "a=b:NoSchedule", "a-")
    assert conflict.stderr == ('error: can not both modify and remove the following taint(s) in the same '
                               'command: {"a":""}\n')
    assert cli("taint", "nodes", "--all", "a=b:NoSchedule", "--dry-run=client").stdout == \
        "node/minikube tainted (dry run)\n"
    assert _taints(cli) == ""
    assert cli("taint", "nodes", "-l", "kubernetes.io/hostname=minikube", "a=b:PreferNoSchedule").stdout == \
        "node/minikube tainted\n"
    assert "Taints:             a=b:PreferNoSchedule\n" in cli("describe", "node", "minikube").stdout


def test_no_schedule_keeps_new_pods_pending(cli: CLI) -> None:
    cli("taint", "nodes", "minikube", "dedicated=gpu:NoSchedule")
    cli("run", "web", "--image=nginx")
    cli.now = "2026-01-01T00:00:05Z"
    assert "Pending" in cli("get", "pod", "web").stdout
    events = cli("describe", "pod", "web").stdout
    assert "1 node(s) had untolerated taint {dedicated: gpu}" in events
    cli("taint", "nodes", "minikube", "dedicated-")
    cli.now = "2026-01-01T00:00:30Z"
    assert "Running" in cli("get", "pod", "web").stdout


def test_prefer_no_schedule_steers_pods_to_other_nodes(cli: CLI) -> None:
    cli("apply", "-f", "-", stdin=_NODE)
    cli("taint", "nodes", "minikube", "spare=yes:PreferNoSchedule")
    cli("create", "deployment", "web", "--image=nginx", "--replicas=3")
    cli.now = "2026-01-01T00:00:05Z"
    nodes = cli("get", "pods", "-o", "jsonpath={.items[*].spec.nodeName}").stdout.split()
    assert nodes == ["worker", "worker", "worker"]


def test_no_execute_evicts_now_or_after_toleration_seconds(cli: CLI) -> None:
    cli("run", "plain", "--image=nginx")
    cli("apply", "-f", "-", stdin=_TOLERANT)
    cli.now = "2026-01-01T00:00:10Z"
    assert cli("taint", "nodes", "minikube", "dedicated=gpu:NoExecute").code == 0
    assert "Terminating" in cli("get", "pod", "plain").stdout
    condition = cli("get", "pod", "plain", "-o",
                    "jsonpath={.status.conditions[?(@.type==\"DisruptionTarget\")].reason}").stdout
    assert condition == "DeletionByTaintManager"
    cli.now = "2026-01-01T00:01:00Z"
    assert _pods(cli) == ["pod/forever", "pod/tolerant"]
    cli.now = "2026-01-01T00:01:15Z"
    assert _pods(cli) == ["pod/forever"]
    messages = cli("get", "events", "--field-selector", "reason=TaintManagerEviction", "-o",
                   "jsonpath={.items[*].message}").stdout
    assert messages == "Marking for deletion Pod default/plain Marking for deletion Pod default/tolerant"
