"""Pod rows (printPod): READY, every STATUS branch, RESTARTS with "(x ago)", wide cells."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from minikubectl.api.table_projections import PROJECTIONS, project_row
from minikubectl.printers.columns import pods

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
CREATED = "2025-12-31T23:00:00Z"  # AGE 60m


def pod(containers=("app",), init=(), status=None, **meta):
    """A pod with the given container names; init entries are names or (name, restartPolicy)."""
    init_specs = []
    for item in init:
        name, policy = item if isinstance(item, tuple) else (item, None)
        spec = {"name": name, "image": "busybox"}
        if policy:
            spec["restartPolicy"] = policy
        init_specs.append(spec)
    obj = {
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "p", "namespace": "default", "creationTimestamp": CREATED, **meta},
        "spec": {"containers": [{"name": c, "image": "nginx"} for c in containers]},
        "status": status or {"phase": "Pending"},
    }
    if init_specs:
        obj["spec"]["initContainers"] = init_specs
    return obj


def cs(name, state, ready=False, restarts=0, last_finished=None, started=None):
    """A container status: state is e.g. {"running": {...}} or {"waiting": {"reason": ...}}."""
    status = {"name": name, "ready": ready, "restartCount": restarts, "state": state,
              "image": "nginx", "imageID": ""}
    if last_finished:
        status["lastState"] = {"terminated": {"exitCode": 1, "reason": "Error", "finishedAt": last_finished}}
    if started is not None:
        status["started"] = started
    return status


RUNNING = {"running": {"startedAt": "2025-12-31T23:00:10Z"}}


def cells(obj):
    """The pod's row; its table projection (what ``get`` decodes) must print the same."""
    [row] = pods.rows(obj, NOW)
    assert pods.rows(project_row(PROJECTIONS["pods"], obj), NOW) == [row]
    return row


def summary(obj):
    row = cells(obj)
    return row[1], row[2], row[3]


def test_new_pod_is_pending():
    assert cells(pod(("a", "b"))) == ["p", "0/2", "Pending", "0", "60m", "<none>", "<none>", "<none>", "<none>"]


def test_status_reason_overrides_phase():
    obj = pod(status={"phase": "Failed", "reason": "Evicted"})
    assert summary(obj) == ("0/1", "Evicted", "0")


def test_scheduling_gated():
    obj = pod(status={"phase": "Pending", "conditions": [
        {"type": "PodScheduled", "status": "False", "reason": "SchedulingGated"}]})
    assert summary(obj)[1] == "SchedulingGated"


def test_running_ready():
    obj = pod(status={"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}],
                      "containerStatuses": [cs("app", RUNNING, ready=True)]})
    assert summary(obj) == ("1/1", "Running", "0")


def test_running_but_not_ready_is_not_counted():
    obj = pod(status={"phase": "Running", "containerStatuses": [cs("app", RUNNING, ready=False)]})
    assert summary(obj) == ("0/1", "Running", "0")


def test_container_creating():
    obj = pod(status={"phase": "Pending", "containerStatuses": [
        cs("app", {"waiting": {"reason": "ContainerCreating"}})]})
    assert summary(obj) == ("0/1", "ContainerCreating", "0")


def test_crash_loop_with_restart_age():
    obj = pod(status={"phase": "Running", "containerStatuses": [
        cs("app", {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 10s"}},
           restarts=5, last_finished="2025-12-31T23:57:57Z")]})
    assert summary(obj) == ("0/1", "CrashLoopBackOff", "5 (2m3s ago)")


def test_restarts_without_finished_at_print_bare_count():
    obj = pod(status={"phase": "Running", "containerStatuses": [cs("app", RUNNING, ready=True, restarts=2)]})
    assert summary(obj)[2] == "2"


def test_latest_termination_across_containers_wins():
    obj = pod(("a", "b"), status={"phase": "Running", "containerStatuses": [
        cs("a", RUNNING, ready=True, restarts=1, last_finished="2025-12-31T23:50:00Z"),
        cs("b", RUNNING, ready=True, restarts=2, last_finished="2025-12-31T23:59:50Z")]})
    assert summary(obj) == ("2/2", "Running", "3 (10s ago)")


@pytest.mark.parametrize("terminated, expected", [
    ({"exitCode": 0, "reason": "Completed"}, "Completed"),
    ({"exitCode": 1, "reason": "Error"}, "Error"),
    ({"exitCode": 137, "reason": "OOMKilled"}, "OOMKilled"),
    ({"exitCode": 137}, "ExitCode:137"),
    ({"exitCode": 0, "signal": 15}, "Signal:15"),
])
def test_terminated_container_reasons(terminated, expected):
    obj = pod(status={"phase": "Failed", "containerStatuses": [cs("app", {"terminated": terminated})]})
    assert summary(obj)[1] == expected


def test_first_container_reason_wins():
    obj = pod(("a", "b"), status={"phase": "Pending", "containerStatuses": [
        cs("a", {"waiting": {"reason": "ErrImagePull"}}),
        cs("b", {"waiting": {"reason": "CrashLoopBackOff"}})]})
    assert summary(obj)[1] == "ErrImagePull"


@pytest.mark.parametrize("ready_condition, expected", [("True", "Running"), ("False", "NotReady")])
def test_completed_with_a_running_container(ready_condition, expected):
    obj = pod(("job", "sidecar"), status={
        "phase": "Running", "conditions": [{"type": "Ready", "status": ready_condition}],
        "containerStatuses": [cs("job", {"terminated": {"exitCode": 0, "reason": "Completed"}}),
                              cs("sidecar", RUNNING, ready=True)]})
    assert summary(obj) == ("1/2", expected, "0")


def test_init_progress_counts_done_containers():
    obj = pod(init=("a", "b"), status={"phase": "Pending", "initContainerStatuses": [
        cs("a", {"terminated": {"exitCode": 0, "reason": "Completed"}}),
        cs("b", {"running": {}})],
        "containerStatuses": [cs("app", {"waiting": {"reason": "PodInitializing"}})]})
    assert summary(obj) == ("0/1", "Init:1/2", "0")


def test_init_waiting_pod_initializing_is_progress():
    obj = pod(init=("a",), status={"phase": "Pending", "initContainerStatuses": [
        cs("a", {"waiting": {"reason": "PodInitializing"}})]})
    assert summary(obj)[1] == "Init:0/1"


def test_init_crash_loop_counts_init_restarts():
    obj = pod(init=("setup",), status={"phase": "Pending", "initContainerStatuses": [
        cs("setup", {"waiting": {"reason": "CrashLoopBackOff"}}, restarts=3,
           last_finished="2025-12-31T23:59:30Z")],
        "containerStatuses": [cs("app", {"waiting": {"reason": "PodInitializing"}}, restarts=7)]})
    # While initializing only init containers count; regular statuses are not walked.
    assert summary(obj) == ("0/1", "Init:CrashLoopBackOff", "3 (30s ago)")


@pytest.mark.parametrize("terminated, expected", [
    ({"exitCode": 1, "reason": "Error"}, "Init:Error"),
    ({"exitCode": 2}, "Init:ExitCode:2"),
    ({"exitCode": 2, "signal": 9}, "Init:Signal:9"),
])
def test_init_failed(terminated, expected):
    obj = pod(init=("setup",), status={"phase": "Failed", "initContainerStatuses": [
        cs("setup", {"terminated": terminated})]})
    assert summary(obj)[1] == expected


def test_initialized_condition_lets_regular_containers_decide():
    obj = pod(init=("setup",), status={
        "phase": "Running", "conditions": [{"type": "Initialized", "status": "True"}],
        "initContainerStatuses": [cs("setup", {"waiting": {"reason": "ImagePullBackOff"}}, restarts=9)],
        "containerStatuses": [cs("app", {"waiting": {"reason": "CrashLoopBackOff"}}, restarts=1)]})
    assert summary(obj) == ("0/1", "CrashLoopBackOff", "1")


def test_initialized_condition_running_container_keeps_init_reason():
    # A ready running container sets no reason, so the init reason survives the walk.
    obj = pod(init=("setup",), status={
        "phase": "Running", "conditions": [{"type": "Initialized", "status": "True"}],
        "initContainerStatuses": [cs("setup", {"waiting": {"reason": "ImagePullBackOff"}})],
        "containerStatuses": [cs("app", RUNNING, ready=True)]})
    assert summary(obj) == ("1/1", "Init:ImagePullBackOff", "0")


def test_sidecar_counts_toward_ready_and_restarts():
    obj = pod(init=("prep", ("proxy", "Always")), status={
        "phase": "Running", "conditions": [{"type": "Initialized", "status": "True"},
                                           {"type": "Ready", "status": "True"}],
        "initContainerStatuses": [
            cs("prep", {"terminated": {"exitCode": 0, "reason": "Completed"}}, restarts=4,
               last_finished="2025-12-31T23:59:59Z"),
            cs("proxy", RUNNING, ready=True, started=True, restarts=2, last_finished="2025-12-31T23:58:00Z")],
        "containerStatuses": [cs("app", RUNNING, ready=True, restarts=1, last_finished="2025-12-31T23:55:00Z")]})
    # total = 1 container + 1 sidecar; restarts = sidecar + regular (the plain init's 4 dropped),
    # last restart = latest among those (the sidecar's, 2m ago).
    assert summary(obj) == ("2/2", "Running", "3 (2m ago)")


def test_sidecar_not_started_blocks_init():
    obj = pod(init=(("proxy", "Always"),), status={"phase": "Pending", "initContainerStatuses": [
        cs("proxy", {"running": {}}, started=False)]})
    assert summary(obj) == ("0/2", "Init:0/1", "0")


def test_terminating():
    obj = pod(deletionTimestamp="2026-01-01T00:00:30Z", status={
        "phase": "Running", "containerStatuses": [cs("app", RUNNING, ready=True)]})
    assert summary(obj) == ("1/1", "Terminating", "0")


def test_terminating_keeps_terminal_status():
    obj = pod(deletionTimestamp="2026-01-01T00:00:30Z", status={
        "phase": "Succeeded", "containerStatuses": [cs("app", {"terminated": {"exitCode": 0, "reason": "Completed"}})]})
    assert summary(obj)[1] == "Completed"


def test_node_lost_while_deleting_is_unknown():
    obj = pod(deletionTimestamp="2026-01-01T00:00:30Z", status={"phase": "Running", "reason": "NodeLost"})
    assert summary(obj)[1] == "Unknown"


def test_wide_cells():
    obj = pod(status={"phase": "Running", "podIP": "10.0.0.9", "podIPs": [{"ip": "10.244.0.5"}, {"ip": "fd00::5"}],
                      "nominatedNodeName": "node-2",
                      "conditions": [{"type": "example.com/gate-a", "status": "True"},
                                     {"type": "example.com/gate-b", "status": "False"}]})
    obj["spec"]["nodeName"] = "node-1"
    obj["spec"]["readinessGates"] = [{"conditionType": "example.com/gate-a"},
                                     {"conditionType": "example.com/gate-b"},
                                     {"conditionType": "example.com/missing"}]
    assert cells(obj)[5:] == ["10.244.0.5", "node-1", "node-2", "1/3"]


def test_a_readiness_gate_may_name_a_built_in_condition():
    obj = pod(status={"phase": "Running", "conditions": [{"type": "PodReadyToStartContainers", "status": "True"},
                                                         {"type": "ContainersReady", "status": "True"}]})
    obj["spec"]["readinessGates"] = [{"conditionType": "ContainersReady"}]
    assert cells(obj)[8] == "1/1"


def test_pod_ip_without_pod_ips_is_none():
    obj = pod(status={"phase": "Running", "podIP": "10.0.0.9"})
    assert cells(obj)[5] == "<none>"


def test_missing_status_and_timestamp():
    obj = {"metadata": {"name": "bare"}, "spec": {"containers": [{"name": "c"}]}}
    assert cells(obj)[:5] == ["bare", "0/1", "", "0", "<unknown>"]
