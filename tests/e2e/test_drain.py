"""``drain``: cordon, kubectl's pod filters, evictions that honour PodDisruptionBudgets."""

from __future__ import annotations

import pytest

from tests.conftest import CLI

_WORKER = "apiVersion: v1\nkind: Node\nmetadata:\n  name: worker\n"
_PDB = """\
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web-pdb}
spec:
  minAvailable: %s
  selector: {matchLabels: {app: web}}
"""
_DAEMONSET = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: a, image: busybox, command: [sleep, "3600"]}]}
"""


@pytest.fixture
def two_nodes(cli: CLI) -> CLI:
    cli("apply", "-f", "-", stdin=_WORKER)
    return cli


def _on_node(cli: CLI, node: str) -> list[str]:
    out = cli("get", "pods", "-o", "jsonpath={range .items[*]}{.metadata.name} {.spec.nodeName}{\"\\n\"}{end}").stdout
    return sorted(line.split()[0] for line in out.splitlines() if line.split()[1:] == [node])


def test_drain_refuses_bare_and_daemonset_pods_with_kubectls_texts(two_nodes: CLI) -> None:
    cli = two_nodes
    cli("run", "bare", "--image=nginx", "--overrides", '{"spec":{"nodeName":"minikube"}}')
    cli("apply", "-f", "-", stdin=_DAEMONSET)
    cli.now = "2026-01-01T00:00:10Z"
    agent = next(p for p in _on_node(cli, "minikube") if p.startswith("agent-"))
    result = cli("drain", "minikube")
    assert result.code == 1
    assert result.stdout == "node/minikube cordoned\n"
    assert result.stderr == (
        # Go lists the groups in map order; here they follow the pod list (by name).
        'error: unable to drain node "minikube" due to error: [cannot delete DaemonSet-managed Pods (use '
        f"--ignore-daemonsets to ignore): default/{agent}, cannot delete Pods that declare no controller "
        "(use --force to override): default/bare], continuing command...\n"
        "There are pending nodes to be drained:\n minikube\n"
        f"cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/{agent}\n"
        "cannot delete Pods that declare no controller (use --force to override): default/bare\n")
    forced = cli("drain", "minikube", "--force", "--ignore-daemonsets")
    assert forced.code == 0
    assert forced.stderr == (f"Warning: ignoring DaemonSet-managed Pods: default/{agent}; deleting Pods that "
                             "declare no controller: default/bare\n")
    assert forced.stdout == ("node/minikube already cordoned\nevicting pod default/bare\npod/bare evicted\n"
                             "node/minikube drained\n")
    assert _on_node(cli, "minikube") == [agent]


def test_drain_dry_run_and_usage_errors(two_nodes: CLI) -> None:
    cli = two_nodes
    cli("create", "deployment", "web", "--image=nginx", "--replicas=2")
    cli.now = "2026-01-01T00:00:10Z"
    pods = _on_node(cli, "minikube")
    dry = cli("drain", "minikube", "--dry-run=client")
    assert dry.stdout == ("node/minikube cordoned (dry run)\n"
                          + "".join(f"evicting pod default/{p} (dry run)\n" for p in pods)
                          + "node/minikube drained (dry run)\n")
    assert "SchedulingDisabled" not in cli("get", "nodes").stdout
    usage = cli("drain")
    assert usage.stderr == "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n"
    both = cli("drain", "minikube", "-l", "a=b")
    assert both.stderr == ("error: cannot specify both a node name and a --selector option\n"
                           "See 'kubectl drain -h' for help and examples\n")


def test_drain_waits_for_the_disruption_budget(two_nodes: CLI) -> None:
    cli = two_nodes
    cli("create", "deployment", "web", "--image=nginx", "--replicas=3")
    cli("apply", "-f", "-", stdin=_PDB % 2)
    cli.now = "2026-01-01T00:00:20Z"
    assert cli("get", "pdb", "web-pdb", "-o", "jsonpath={.status.disruptionsAllowed}").stdout == "1"
    before = _on_node(cli, "minikube")
    assert len(before) == 2
    result = cli("drain", "minikube")
    assert result.code == 0
    assert result.stderr == (f'error when evicting pods/"{before[1]}" -n "default" (will retry after 5s): '
                             "Cannot evict pod as it would violate the pod's disruption budget.\n")
    assert result.stdout.splitlines() == [
        "node/minikube cordoned", f"evicting pod default/{before[0]}", f"evicting pod default/{before[1]}",
        f"pod/{before[0]} evicted", f"evicting pod default/{before[1]}", f"pod/{before[1]} evicted",
        "node/minikube drained"]
    assert _on_node(cli, "minikube") == []


def test_drain_times_out_when_the_budget_never_allows_it(two_nodes: CLI) -> None:
    cli = two_nodes
    cli("create", "deployment", "web", "--image=nginx", "--replicas=1")
    cli("apply", "-f", "-", stdin=_PDB % 1)
    cli.now = "2026-01-01T00:00:20Z"
    pod = _on_node(cli, "minikube") or _on_node(cli, "worker")
    node = "minikube" if _on_node(cli, "minikube") else "worker"
    result = cli("drain", node, "--timeout=12s")
    assert result.code == 1
    retry = (f'error when evicting pods/"{pod[0]}" -n "default" (will retry after 5s): '
             "Cannot evict pod as it would violate the pod's disruption budget.\n")
    failure = f'error when evicting pods/"{pod[0]}" -n "default": global timeout reached: 12s'
    assert result.stderr == (retry * 3 + f'There are pending pods in node "{node}" when an error occurred: '
                             f"{failure}\npod/{pod[0]}\n"
                             f'error: unable to drain node "{node}" due to error: {failure}, continuing command...\n'
                             f"There are pending nodes to be drained:\n {node}\n{failure}\n")
