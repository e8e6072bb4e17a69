"""Hand cases for apply's three-way merge (spec apply.md, test/cmd/apply.sh behaviours)."""

from __future__ import annotations

import copy
import json

import pytest

from minikubectl.api.merge import (
    LAST_APPLIED, PatchError, apply_patch, is_empty_patch, last_applied_annotation_value,
    modified_configuration, original_configuration, three_way_merge_patch,
)

POD = ("", "Pod")
DEPLOY = ("apps", "Deployment")
CRD = ("example.com", "Widget")


def pod(labels: dict, containers: list, annotations: dict | None = None) -> dict:
    meta: dict = {"name": "app", "labels": labels}
    if annotations is not None:
        meta["annotations"] = annotations
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta,
            "spec": {"containers": containers}}


def applied(manifest: dict, namespace: str | None = "default") -> dict:
    """A live object as a first `kubectl apply` leaves it (plus a server default)."""
    live = modified_configuration(manifest, namespace)
    live["metadata"]["uid"] = "u1"
    live["status"] = {"phase": "Running"}
    return live


def apply_again(live: dict, manifest: dict, kind=POD, namespace: str | None = "default"):
    patch = three_way_merge_patch(original_configuration(live),
                                  modified_configuration(manifest, namespace), live, kind)
    return patch, apply_patch(live, patch, kind)


# ------------------------------------------------------------------ annotation


def test_annotation_value_matches_spec_example():
    manifest = pod({}, [{"name": "c", "image": "nginx", "env": [{"name": "A", "value": "1"}]}],
                   {"team": "a"})
    del manifest["metadata"]["labels"]
    assert last_applied_annotation_value(manifest, "default") == (
        '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{"team":"a"},"name":"app",'
        '"namespace":"default"},"spec":{"containers":[{"env":[{"name":"A","value":"1"}],'
        '"image":"nginx","name":"c"}]}}\n')


def test_annotation_value_without_annotations_keeps_empty_map():
    manifest = pod({"app": "web", "tier": "fe"}, [])
    value = last_applied_annotation_value(manifest, "default")
    assert value.startswith('{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},'
                            '"labels":{"app":"web","tier":"fe"},"name":"app",'
                            '"namespace":"default"}')
    assert value.endswith("\n")


def test_annotation_drops_old_last_applied_and_escapes_html():
    manifest = pod({}, [], {LAST_APPLIED: "old", "x": "<a&b>"})
    value = last_applied_annotation_value(manifest, None)
    assert LAST_APPLIED not in value
    assert '"x":"\\u003ca\\u0026b\\u003e"' in value
    assert '"namespace"' not in value  # cluster-scoped: nothing added


def test_annotation_numbers_are_go_formatted():
    manifest = {"kind": "X", "metadata": {"name": "n"}, "spec": {"a": 1.0, "b": 2.5, "c": 3,
                                                                  "d": 1e21, "e": 1e-7}}
    value = last_applied_annotation_value(manifest, None)
    # Go's encoding/json, as `kubectl annotate --local -o json` prints floats: 1e-7, not 1e-07.
    assert '"spec":{"a":1,"b":2.5,"c":3,"d":1e+21,"e":1e-7}' in value


def test_inputs_are_not_mutated():
    manifest = pod({"a": "1"}, [{"name": "c", "image": "nginx"}])
    before = copy.deepcopy(manifest)
    live = applied(manifest)
    live_before = copy.deepcopy(live)
    apply_again(live, pod({}, [{"name": "c", "image": "busybox"}]))
    last_applied_annotation_value(manifest, "default")
    assert manifest == before and live == live_before


# ------------------------------------------------------------------ the spec's live patch


def test_live_patch_example_reproduced_exactly():
    first = pod({"a": "1", "b": "2"}, [
        {"name": "c", "image": "nginx",
         "env": [{"name": "X", "value": "1"}, {"name": "Y", "value": "2"}],
         "ports": [{"containerPort": 80}, {"containerPort": 443}]},
        {"name": "d", "image": "busybox"}])
    second = pod({"a": "1"}, [
        {"name": "d", "image": "busybox:1.36"},
        {"name": "c", "image": "nginx", "env": [{"name": "Y", "value": "3"}],
         "ports": [{"containerPort": 80}]}])
    live = applied(first)
    for container in live["spec"]["containers"]:
        container["imagePullPolicy"] = "Always"
        for port in container.get("ports", []):
            port["protocol"] = "TCP"
    patch, result = apply_again(live, second)
    assert patch["metadata"]["annotations"][LAST_APPLIED].endswith("\n")
    patch["metadata"]["annotations"][LAST_APPLIED] = "…\n"
    expected = {
        "metadata": {"annotations": {LAST_APPLIED: "…\n"}, "labels": {"b": None}},
        "spec": {"$setElementOrder/containers": [{"name": "d"}, {"name": "c"}],
                 "containers": [
                     {"image": "busybox:1.36", "name": "d"},
                     {"$setElementOrder/env": [{"name": "Y"}],
                      "$setElementOrder/ports": [{"containerPort": 80}],
                      "env": [{"name": "Y", "value": "3"}, {"$patch": "delete", "name": "X"}],
                      "name": "c",
                      "ports": [{"$patch": "delete", "containerPort": 443}]}]}}
    assert json.dumps(patch, sort_keys=True) == json.dumps(expected, sort_keys=True)
    # Lists in the patch keep their order (it is part of kubectl's output).
    assert [c["name"] for c in patch["spec"]["containers"]] == ["d", "c"]
    assert patch["spec"]["containers"][1]["env"][1] == {"$patch": "delete", "name": "X"}
    assert result["metadata"]["labels"] == {"a": "1"}
    assert [c["name"] for c in result["spec"]["containers"]] == ["d", "c"]
    c = result["spec"]["containers"][1]
    assert c["env"] == [{"name": "Y", "value": "3"}]
    assert c["ports"] == [{"containerPort": 80, "protocol": "TCP"}]
    assert c["imagePullPolicy"] == "Always"  # server default survives
    assert result["status"] == {"phase": "Running"}


# ------------------------------------------------------------------ apply.sh behaviours


def test_reapply_same_manifest_is_unchanged():
    manifest = pod({"a": "1"}, [{"name": "c", "image": "nginx", "env": [{"name": "A"}]}])
    live = applied(manifest)
    live["metadata"]["labels"]["by-kubectl-label"] = "x"
    patch, _ = apply_again(live, manifest)
    assert patch == {} and is_empty_patch(patch)


def test_label_added_by_others_survives_removal_of_applied_label():
    live = applied(pod({"a": "1", "b": "2"}, []))
    live["metadata"]["labels"]["other"] = "x"
    patch, result = apply_again(live, pod({"a": "1"}, []))
    assert patch["metadata"]["labels"] == {"b": None}
    assert result["metadata"]["labels"] == {"a": "1", "other": "x"}


def test_annotation_only_change_is_not_empty():
    live = applied(pod({"a": "1"}, []))
    patch, result = apply_again(live, pod({"a": "1"}, [], {"note": "n"}))
    assert not is_empty_patch(patch)
    assert result["metadata"]["annotations"]["note"] == "n"


def test_removing_a_field_deletes_it_live():
    first = pod({}, [{"name": "c", "image": "nginx", "workingDir": "/x"}])
    live = applied(first)
    _, result = apply_again(live, pod({}, [{"name": "c", "image": "nginx"}]))
    assert "workingDir" not in result["spec"]["containers"][0]


def test_replace_lists_are_sent_whole():
    first = pod({}, [{"name": "c", "image": "i", "args": ["a", "b"]}])
    live = applied(first)
    patch, result = apply_again(live, pod({}, [{"name": "c", "image": "i", "args": ["b"]}]))
    assert patch["spec"]["containers"] == [{"args": ["b"], "name": "c"}]
    assert result["spec"]["containers"][0]["args"] == ["b"]


def test_tolerations_replace_atomically():
    tol = [{"key": "k", "operator": "Exists"}]
    first = pod({}, [])
    first["spec"]["tolerations"] = tol
    live = applied(first)
    live["spec"]["tolerations"] = tol + [{"key": "server", "operator": "Exists"}]
    patch, result = apply_again(live, first)
    assert patch["spec"]["tolerations"] == tol
    assert result["spec"]["tolerations"] == tol


def test_container_items_added_by_server_are_kept_after_manifest_items():
    manifest = pod({}, [{"name": "c", "image": "i",
                         "volumeMounts": [{"name": "v", "mountPath": "/v"}]}])
    live = applied(manifest)
    live["spec"]["containers"][0]["volumeMounts"].append(
        {"name": "kube-api-access-x", "mountPath": "/var/run/secrets"})
    new = pod({}, [{"name": "c", "image": "j", "volumeMounts": [{"name": "v", "mountPath": "/v"}]}])
    patch, result = apply_again(live, new)
    # The live list is longer than the manifest's, so kubectl sends the order directive.
    assert patch["spec"]["containers"][0]["$setElementOrder/volumeMounts"] == [{"mountPath": "/v"}]
    mounts = result["spec"]["containers"][0]["volumeMounts"]
    assert [m["mountPath"] for m in mounts] == ["/v", "/var/run/secrets"]


def test_finalizers_primitive_merge_list():
    first = pod({}, [])
    first["metadata"]["finalizers"] = ["a", "b"]
    live = applied(first)
    live["metadata"]["finalizers"].append("server")
    second = copy.deepcopy(first)
    second["metadata"]["finalizers"] = ["b", "c"]
    patch, result = apply_again(live, second)
    assert patch["metadata"]["$deleteFromPrimitiveList/finalizers"] == ["a"]
    assert patch["metadata"]["finalizers"] == ["c"]
    assert patch["metadata"]["$setElementOrder/finalizers"] == ["b", "c"]
    assert sorted(result["metadata"]["finalizers"]) == ["b", "c", "server"]


def deployment(strategy: dict) -> dict:
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
            "spec": {"strategy": strategy, "template": {"spec": {"containers": [
                {"name": "c", "image": "nginx"}]}}}}


def test_retain_keys_clears_rolling_update_when_switching_to_recreate():
    live = applied(deployment({"type": "RollingUpdate"}))
    live["spec"]["strategy"]["rollingUpdate"] = {"maxSurge": "25%", "maxUnavailable": "25%"}
    patch, result = apply_again(live, deployment({"type": "Recreate"}), DEPLOY)
    assert patch["spec"]["strategy"] == {"$retainKeys": ["type"], "type": "Recreate"}
    assert result["spec"]["strategy"] == {"type": "Recreate"}


def test_volume_source_change_uses_retain_keys():
    first = pod({}, [])
    first["spec"]["volumes"] = [{"name": "v", "emptyDir": {}}]
    live = applied(first)
    second = pod({}, [])
    second["spec"]["volumes"] = [{"name": "v", "hostPath": {"path": "/x"}}]
    patch, result = apply_again(live, second)
    vol = patch["spec"]["volumes"][0]
    assert vol["$retainKeys"] == ["hostPath", "name"]
    assert result["spec"]["volumes"] == [{"name": "v", "hostPath": {"path": "/x"}}]


def test_service_ports_merge_by_port():
    svc = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"},
           "spec": {"ports": [{"port": 80}, {"port": 443}]}}
    live = applied(svc)
    for p in live["spec"]["ports"]:
        p.update(protocol="TCP", targetPort=p["port"])
    new = copy.deepcopy(svc)
    new["spec"]["ports"] = [{"port": 80, "name": "http"}]
    _, result = apply_again(live, new, ("", "Service"))
    assert result["spec"]["ports"] == [{"name": "http", "port": 80, "protocol": "TCP",
                                        "targetPort": 80}]


# ------------------------------------------------------------------ JSON merge patch (CRDs)


def widget(spec: dict) -> dict:
    return {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"},
            "spec": spec}


def test_unknown_kind_lists_replace_and_nulls_delete():
    live = applied(widget({"items": [{"name": "a"}, {"name": "b"}], "gone": 1, "keep": 2}))
    live["spec"]["server"] = "s"
    patch, result = apply_again(live, widget({"items": [{"name": "b"}], "keep": 2}), CRD)
    assert patch["spec"] == {"gone": None, "items": [{"name": "b"}]}
    assert "$setElementOrder/items" not in json.dumps(patch)
    assert result["spec"] == {"items": [{"name": "b"}], "keep": 2, "server": "s"}


def test_unknown_kind_empty_map_is_a_value():
    live = applied(widget({"m": {"a": 1}}))
    patch, result = apply_again(live, widget({"m": {"a": 1}, "e": {}}), CRD)
    assert patch["spec"] == {"e": {}}
    assert result["spec"]["e"] == {}


def test_json_merge_apply_prunes_nested_nulls():
    result = apply_patch({"a": 1}, {"b": {"c": None, "d": 1}, "a": None}, None)
    assert result == {"b": {"d": 1}}


# ------------------------------------------------------------------ server-side directives


def test_apply_patch_delete_and_replace_directives():
    live = pod({}, [{"name": "a", "image": "i"}, {"name": "b", "image": "j"}])
    result = apply_patch(live, {"spec": {"containers": [{"name": "a", "$patch": "delete"}]}}, POD)
    assert [c["name"] for c in result["spec"]["containers"]] == ["b"]
    result = apply_patch(live, {"spec": {"containers": [{"name": "z", "image": "k"},
                                                        {"$patch": "replace"}]}}, POD)
    assert result["spec"]["containers"] == [{"name": "z", "image": "k"}]
    result = apply_patch(live, {"metadata": {"$patch": "replace", "name": "n"}}, POD)
    assert result["metadata"] == {"name": "n"}


def test_apply_patch_set_element_order_reorders():
    live = pod({}, [{"name": "a", "image": "i"}, {"name": "b", "image": "j"},
                    {"name": "x", "image": "server"}])
    patch = {"spec": {"$setElementOrder/containers": [{"name": "b"}, {"name": "a"}]}}
    result = apply_patch(live, patch, POD)
    assert [c["name"] for c in result["spec"]["containers"]] == ["b", "a", "x"]


def test_apply_patch_merge_directive_in_list_is_an_error():
    live = pod({}, [{"name": "a", "image": "i"}])
    with pytest.raises(PatchError):
        apply_patch(live, {"spec": {"containers": [{"$patch": "merge"}]}}, POD)


def test_missing_merge_key_is_an_error():
    live = applied(pod({}, [{"name": "a", "image": "i"}]))
    with pytest.raises(PatchError, match="merge key"):
        three_way_merge_patch(original_configuration(live),
                              modified_configuration(pod({}, [{"image": "i"}]), "default"),
                              live, POD)
