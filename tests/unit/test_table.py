"""Golden output of the table printer: padding, decorations, groups, blank lines, empties."""

from __future__ import annotations

import io
from datetime import datetime, timezone

import pytest

from minikubectl.printers.table import (
    TableGroup, TableOptions, TablePrinter, format_cell, kind_prefix, label_header, print_tables,
)

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


def pod(name, ns="default", created="2025-12-31T23:58:00Z", labels=None, status=None, node=None):
    obj = {"apiVersion": "v1", "kind": "Pod",
           "metadata": {"name": name, "namespace": ns, "creationTimestamp": created},
           "spec": {"containers": [{"name": "c", "image": "nginx"}]},
           "status": status or {"phase": "Pending"}}
    if labels is not None:
        obj["metadata"]["labels"] = labels
    if node:
        obj["spec"]["nodeName"] = node
    return obj


RUNNING = {"phase": "Running", "podIPs": [{"ip": "10.244.0.5"}],
           "conditions": [{"type": "Ready", "status": "True"}],
           "containerStatuses": [{"name": "c", "ready": True, "restartCount": 0,
                                  "state": {"running": {"startedAt": "2025-12-31T23:58:05Z"}}}]}
CRASHING = {"phase": "Running", "containerStatuses": [{
    "name": "c", "ready": False, "restartCount": 5, "state": {"waiting": {"reason": "CrashLoopBackOff"}},
    "lastState": {"terminated": {"exitCode": 1, "reason": "Error", "finishedAt": "2025-12-31T23:57:57Z"}}}]}

WEB = pod("web-1", labels={"app": "web", "tier": "frontend", "app.kubernetes.io/name": "web"},
          status=RUNNING, node="node-1")
DEBUG = pod("debug", created="2025-12-31T23:59:36Z")
CRASH = pod("crash", created="2025-12-30T00:00:00Z", labels={}, status=CRASHING, node="node-1")
PODS = TableGroup("", "Pod", True, [WEB, DEBUG, CRASH])

NAMESPACES = TableGroup("", "Namespace", False, [
    {"metadata": {"name": "default", "creationTimestamp": "2025-12-01T00:00:00Z",
                  "labels": {"kubernetes.io/metadata.name": "default"}}, "status": {"phase": "Active"}},
    {"metadata": {"name": "kube-system", "creationTimestamp": "2025-12-01T00:00:00Z",
                  "labels": {"kubernetes.io/metadata.name": "kube-system"}}, "status": {"phase": "Active"}},
])

DEPLOYMENTS = TableGroup("apps", "Deployment", True, [{
    "metadata": {"name": "web", "namespace": "default", "creationTimestamp": "2025-12-31T22:00:00Z"},
    "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}, "matchExpressions": [
        {"key": "tier", "operator": "In", "values": ["frontend", "edge"]}]},
             "template": {"spec": {"containers": [{"name": "nginx", "image": "nginx:1.25"},
                                                  {"name": "log", "image": "busybox:1.36"}]}}},
    "status": {"replicas": 3, "updatedReplicas": 3, "readyReplicas": 3, "availableReplicas": 3}}])


def render(groups, **options):
    out = io.StringIO()
    wrote = print_tables(out, groups, TableOptions(**options), NOW)
    return out.getvalue(), wrote


def test_default_pods_table():
    text, wrote = render([PODS])
    assert wrote
    assert text == (
        "NAME    READY   STATUS             RESTARTS       AGE\n"
        "web-1   1/1     Running            0              2m\n"
        "debug   0/1     Pending            0              24s\n"
        "crash   0/1     CrashLoopBackOff   5 (2m3s ago)   2d\n"
    )


def test_wide_pods_table():
    text, _ = render([PODS], wide=True)
    assert text == (
        "NAME    READY   STATUS             RESTARTS       AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n"
        "web-1   1/1     Running            0              2m    10.244.0.5   node-1   <none>           <none>\n"
        "debug   0/1     Pending            0              24s   <none>       <none>   <none>           <none>\n"
        "crash   0/1     CrashLoopBackOff   5 (2m3s ago)   2d    <none>       node-1   <none>           <none>\n"
    )


def test_all_namespaces_and_show_labels():
    other = pod("api", ns="backend", created="2025-12-31T20:00:00Z", labels={"b": "2", "a": "1"})
    text, _ = render([TableGroup("", "Pod", True, [other, WEB, DEBUG])], all_namespaces=True, show_labels=True)
    assert text == (
        "NAMESPACE   NAME    READY   STATUS    RESTARTS   AGE   LABELS\n"
        "backend     api     0/1     Pending   0          4h    a=1,b=2\n"
        "default     web-1   1/1     Running   0          2m    app=web,app.kubernetes.io/name=web,tier=frontend\n"
        "default     debug   0/1     Pending   0          24s   <none>\n"
    )


def test_label_columns_leave_trailing_whitespace_for_missing_values():
    text, _ = render([TableGroup("", "Pod", True, [WEB, DEBUG])],
                     label_columns=["app", "app.kubernetes.io/name", "missing"])
    assert text == (
        "NAME    READY   STATUS    RESTARTS   AGE   APP   NAME   MISSING\n"
        "web-1   1/1     Running   0          2m    web   web    \n"
        "debug   0/1     Pending   0          24s                \n"
    )


def test_label_columns_before_labels():
    text, _ = render([TableGroup("", "Pod", True, [WEB])], label_columns=["tier"], show_labels=True)
    assert text.splitlines()[0] == "NAME    READY   STATUS    RESTARTS   AGE   TIER       LABELS"
    assert text.splitlines()[1] == \
        "web-1   1/1     Running   0          2m    frontend   app=web,app.kubernetes.io/name=web,tier=frontend"


def test_several_types_get_kind_prefix_and_a_blank_line():
    text, _ = render([PODS, DEPLOYMENTS, NAMESPACES], all_namespaces=True)
    assert text == (
        "NAMESPACE   NAME        READY   STATUS             RESTARTS       AGE\n"
        "default     pod/web-1   1/1     Running            0              2m\n"
        "default     pod/debug   0/1     Pending            0              24s\n"
        "default     pod/crash   0/1     CrashLoopBackOff   5 (2m3s ago)   2d\n"
        "\n"
        "NAMESPACE   NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\n"
        "default     deployment.apps/web   3/3     3            3           120m\n"
        "\n"
        "NAME                    STATUS   AGE\n"
        "namespace/default       Active   31d\n"
        "namespace/kube-system   Active   31d\n"
    )


def test_wide_deployment_selector():
    text, _ = render([DEPLOYMENTS], wide=True)
    assert text == (
        "NAME   READY   UP-TO-DATE   AVAILABLE   AGE    CONTAINERS   IMAGES                    SELECTOR\n"
        "web    3/3     3            3           120m   nginx,log    nginx:1.25,busybox:1.36   app=web,tier in (edge,frontend)\n"
    )


def test_no_headers_has_no_blank_lines_and_min_width():
    text, _ = render([TableGroup("", "Pod", True, [DEBUG]), NAMESPACES], no_headers=True)
    assert text == (
        "pod/debug   0/1   Pending   0     24s\n"
        "namespace/default       Active   31d\n"
        "namespace/kube-system   Active   31d\n"
    )


def test_no_headers_short_columns_use_min_width():
    text, _ = render([TableGroup("", "Pod", True, [DEBUG])], no_headers=True)
    assert text == "debug   0/1   Pending   0     24s\n"  # 0/1 and 0 padded to 6


def test_empty_groups_print_nothing_and_add_no_blank_line():
    empty_pods = TableGroup("", "Pod", True, [])
    empty_svcs = TableGroup("", "Service", True, [])
    text, wrote = render([empty_pods, DEPLOYMENTS, empty_svcs, empty_pods, NAMESPACES])
    assert wrote
    assert text == (
        "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\n"
        "deployment.apps/web   3/3     3            3           120m\n"
        "\n"
        "NAME                    STATUS   AGE\n"
        "namespace/default       Active   31d\n"
        "namespace/kube-system   Active   31d\n"
    )


def test_nothing_to_print():
    text, wrote = render([TableGroup("", "Pod", True, []), TableGroup("apps", "Deployment", True, [])])
    assert (text, wrote) == ("", False)


def test_get_all_with_only_pods_still_prefixes():
    text, _ = render([TableGroup("", "Pod", True, [DEBUG]), TableGroup("", "Service", True, [])])
    assert text == (
        "NAME        READY   STATUS    RESTARTS   AGE\n"
        "pod/debug   0/1     Pending   0          24s\n"
    )


def test_show_kind_with_one_type():
    text, _ = render([NAMESPACES], show_kind=True)
    assert text.splitlines()[1].startswith("namespace/default ")


def test_cluster_scoped_kind_never_gets_namespace_column():
    text, _ = render([NAMESPACES], all_namespaces=True)
    assert text.splitlines()[0] == "NAME          STATUS   AGE"


EVENT = {"apiVersion": "v1", "kind": "Event",
         "metadata": {"name": "web-1.18a", "namespace": "default", "creationTimestamp": "2025-12-31T23:58:00Z"},
         "involvedObject": {"kind": "Pod", "name": "web-1", "namespace": "default",
                            "fieldPath": "spec.containers{c}"},
         "reason": "Pulled", "type": "Normal", "source": {"component": "kubelet", "host": "node-1"},
         "message": "Container image \"nginx\" already present on machine",
         "firstTimestamp": "2025-12-31T23:58:00Z", "lastTimestamp": "2025-12-31T23:58:00Z", "count": 1}


def test_events_name_column_is_wide_only():
    group = TableGroup("", "Event", True, [EVENT])
    text, _ = render([group, NAMESPACES])
    assert text.splitlines()[:2] == [
        "LAST SEEN   TYPE     REASON   OBJECT      MESSAGE",
        "2m          Normal   Pulled   pod/web-1   Container image \"nginx\" already present on machine",
    ]
    wide, _ = render([group], wide=True, show_kind=True)
    assert wide == (
        "LAST SEEN   TYPE     REASON   OBJECT      SUBOBJECT            SOURCE            MESSAGE"
        "                                              FIRST SEEN   COUNT   NAME\n"
        "2m          Normal   Pulled   pod/web-1   spec.containers{c}   kubelet, node-1   Container image"
        " \"nginx\" already present on machine   2m           1       event/web-1.18a\n"
    )


def test_services_table():
    svcs = TableGroup("", "Service", True, [
        {"metadata": {"name": "kubernetes", "namespace": "default", "creationTimestamp": "2025-12-01T00:00:00Z"},
         "spec": {"type": "ClusterIP", "clusterIPs": ["10.96.0.1"], "ports": [{"port": 443, "protocol": "TCP"}]}},
        {"metadata": {"name": "web", "namespace": "default", "creationTimestamp": "2025-12-31T23:00:00Z"},
         "spec": {"type": "NodePort", "clusterIPs": ["10.96.12.7"], "selector": {"app": "web"},
                  "ports": [{"port": 80, "nodePort": 30080, "protocol": "TCP"},
                            {"port": 443, "nodePort": 30443, "protocol": "TCP"}]}},
    ])
    text, _ = render([svcs], wide=True)
    assert text == (
        "NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                      AGE   SELECTOR\n"
        "kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP                      31d   <none>\n"
        "web          NodePort    10.96.12.7   <none>        80:30080/TCP,443:30443/TCP   60m   app=web\n"
    )


def test_nodes_table():
    nodes = TableGroup("", "Node", False, [
        {"metadata": {"name": "kind-control-plane", "creationTimestamp": "2025-12-31T21:30:00Z",
                      "labels": {"node-role.kubernetes.io/control-plane": ""}},
         "status": {"conditions": [{"type": "Ready", "status": "True"}], "nodeInfo": {"kubeletVersion": "v1.33.1"}}},
        {"metadata": {"name": "worker", "creationTimestamp": "2025-12-31T21:30:00Z"},
         "spec": {"unschedulable": True},
         "status": {"conditions": [{"type": "Ready", "status": "False"}], "nodeInfo": {"kubeletVersion": "v1.33.1"}}},
    ])
    text, _ = render([nodes], all_namespaces=True)
    assert text == (
        "NAME                 STATUS                        ROLES           AGE    VERSION\n"
        "kind-control-plane   Ready                         control-plane   150m   v1.33.1\n"
        "worker               NotReady,SchedulingDisabled   <none>          150m   v1.33.1\n"
    )


def test_custom_resource_and_builtin_without_printer():
    widgets = TableGroup("example.com", "Widget", True, [
        {"metadata": {"name": "w1", "namespace": "default", "creationTimestamp": "2025-12-31T23:59:00Z"}}])
    roles = TableGroup("rbac.authorization.k8s.io", "Role", True, [
        {"metadata": {"name": "reader", "namespace": "default", "creationTimestamp": "2025-12-31T23:59:00Z"}}])
    text, _ = render([widgets, roles])
    assert text == (
        "NAME                    AGE\n"
        "widget.example.com/w1   60s\n"
        "\n"
        "NAME                                    CREATED AT\n"
        "role.rbac.authorization.k8s.io/reader   2025-12-31T23:59:00Z\n"
    )


def test_print_group_incrementally():
    out = io.StringIO()
    printer = TablePrinter(out, TableOptions(), NOW)
    assert printer.print_group(TableGroup("", "Pod", True, [])) is False
    assert printer.print_group(TableGroup("", "Pod", True, [DEBUG])) is True
    assert printer.print_group(TableGroup("", "Service", True, [])) is False
    assert printer.print_group(NAMESPACES) is True
    assert printer.wrote
    assert out.getvalue() == (
        "NAME    READY   STATUS    RESTARTS   AGE\n"
        "debug   0/1     Pending   0          24s\n"
        "\n"
        "NAME          STATUS   AGE\n"
        "default       Active   31d\n"
        "kube-system   Active   31d\n"
    )


@pytest.mark.parametrize("cell, expected", [
    (None, ""), ("plain", "plain"), (3, "3"), (True, "true"), (False, "false"), (1.5, "1.5"),
    ("line one\nline two", "line one..."), ("a\rb", "a..."), ("x\fy", "x..."),
    ("\x1b[31mred", "^[[31mred"), (["a", "b"], "[a b]"),
])
def test_format_cell(cell, expected):
    assert format_cell(cell) == expected


def test_helpers():
    assert kind_prefix("", "Pod") == "pod"
    assert kind_prefix("apps", "ReplicaSet") == "replicaset.apps"
    assert label_header("app.kubernetes.io/name") == "NAME"
    assert label_header("tier") == "TIER"


def test_multiline_message_is_cut():
    ev = dict(EVENT, message="first line\nsecond line")
    text, _ = render([TableGroup("", "Event", True, [ev])])
    assert text.splitlines()[1].endswith("pod/web-1   first line...")
