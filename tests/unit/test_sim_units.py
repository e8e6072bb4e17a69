"""Unit tests of the simulation's pure parts: programs, durations, images, scheduler texts."""

from __future__ import annotations

import pytest

from minikubectl.sim import images, programs
from minikubectl.sim.clock import go_duration, parse_go_duration
from minikubectl.sim.controllers.common import int_or_percent, template_hash
from minikubectl.sim.scheduler import fit_error, matches_node_affinity, tolerates


@pytest.mark.parametrize("container,expected", [
    ({"image": "busybox", "command": ["echo", "hi"]}, (0, 0, ["hi"])),
    ({"image": "busybox", "command": ["sh", "-c", "echo a; sleep 5; exit 3"]}, (5000, 3, ["a"])),
    ({"image": "busybox", "command": ["sh", "-c", "false && echo no || echo yes"]}, (0, 0, ["yes"])),
    ({"image": "busybox", "command": ["sleep", "2m"]}, (120000, 0, [])),
    ({"image": "busybox"}, (0, 0, [])),
    ({"image": "nginx"}, (None, 0, [])),
    ({"image": "busybox", "command": ["sh", "-c", "while true; do sleep 1; done"]}, (None, 0, [])),
])
def test_program_model(container, expected):
    program = programs.program_for(container)
    assert (program.duration_ms, program.exit_code, program.output) == expected


def test_hook_durations():
    assert programs.hook_ms({"exec": {"command": ["sh", "-c", "sleep 20"]}}) == 20000
    assert programs.hook_ms({"exec": {"command": ["nginx", "-s", "quit"]}}) == 1000
    assert programs.hook_ms({"httpGet": {"port": 80}}) == 100
    assert programs.hook_ms({"sleep": {"seconds": 3}}) == 3000


@pytest.mark.parametrize("ms,text", [(0, "0s"), (850, "850ms"), (2500, "2.5s"), (62003, "1m2.003s"),
                                     (3_600_000, "1h0m0s")])
def test_go_duration(ms, text):
    assert go_duration(ms) == text


def test_parse_go_duration():
    assert parse_go_duration("30s") == 30000
    assert parse_go_duration("1m30s") == 90000
    assert parse_go_duration("-1s") == -1000
    with pytest.raises(ValueError):
        parse_go_duration("30")


def test_image_names():
    assert images.normalized("nginx") == "docker.io/library/nginx:latest"
    assert images.normalized("luksa/kubia") == "docker.io/luksa/kubia:latest"
    assert images.normalized("registry.k8s.io/pause:3.9") == "registry.k8s.io/pause:3.9"
    assert images.image_id("nginx").startswith("docker.io/library/nginx@sha256:")
    assert images.pull_policy({"image": "nginx"}) == "Always"
    assert images.pull_policy({"image": "nginx:1.25"}) == "IfNotPresent"
    assert 1000 <= images.pull_ms("nginx") < 10000


def test_fit_error_texts():
    assert fit_error(2, {"a": ["node(s) didn't match Pod's node affinity/selector"],
                         "b": ["Insufficient cpu", "Insufficient memory"]}) == (
        "0/2 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 node(s) didn't match Pod's "
        "node affinity/selector. preemption: 0/2 nodes are available: 1 No preemption victims found for "
        "incoming pod, 1 Preemption is not helpful for scheduling.")


def test_node_affinity_and_tolerations():
    node = {"metadata": {"name": "n1", "labels": {"gpu": "true", "cores": "8"}}}
    pod = {"spec": {"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {
        "nodeSelectorTerms": [{"matchExpressions": [{"key": "cores", "operator": "Gt", "values": ["4"]},
                                                    {"key": "gpu", "operator": "In", "values": ["true"]}]}]}}}}}
    assert matches_node_affinity(pod, node)
    pod["spec"]["nodeSelector"] = {"gpu": "false"}
    assert not matches_node_affinity(pod, node)
    by_field = {"spec": {"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {
        "nodeSelectorTerms": [{"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["n1"]}]}]}}}}}
    assert matches_node_affinity(by_field, node)
    taint = {"key": "k", "value": "v", "effect": "NoSchedule"}
    assert tolerates([{"key": "k", "operator": "Equal", "value": "v"}], taint)
    assert tolerates([{"operator": "Exists"}], taint)
    assert not tolerates([{"key": "k", "value": "w"}], taint)


def test_template_hash_is_stable_and_safe():
    template = {"metadata": {"labels": {"app": "nginx"}}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}}
    first = template_hash(template)
    assert first == template_hash(dict(template))
    assert set(first) <= set("bcdfghjklmnpqrstvwxz2456789")
    assert template_hash(template, 1) != first


def test_int_or_percent():
    assert int_or_percent("25%", 5, True) == 2
    assert int_or_percent("25%", 5, False) == 1
    assert int_or_percent(2, 5, False) == 2
