"""Field sets and the field manager: FieldsV1, compare, apply's merge, ownership and conflicts."""

from __future__ import annotations

import copy

import pytest

from minikubectl.api import errors
from minikubectl.api import field_sets as fs
from minikubectl.store import field_manager

NOW = "2026-01-01T00:00:00Z"
LATER = "2026-01-01T00:05:00Z"


def _deployment(image: str = "nginx:1.25", replicas: int | None = None, **labels: str) -> dict:
    spec: dict = {"selector": {"matchLabels": {"app": "web"}},
                  "template": {"metadata": {"labels": {"app": "web"}},
                               "spec": {"containers": [{"name": "nginx", "image": image,
                                                        "ports": [{"containerPort": 80}]}]}}}
    if replicas is not None:
        spec["replicas"] = replicas
    return {"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web", **labels}},
            "spec": spec}


def test_fields_v1_round_trips_and_marks_members_with_children():
    paths = {("f:metadata", "f:labels"), ("f:metadata", "f:labels", "f:app"), ("f:spec", "f:replicas")}
    tree = fs.to_fields_v1(paths)
    assert tree == {"f:metadata": {"f:labels": {".": {}, "f:app": {}}}, "f:spec": {"f:replicas": {}}}
    assert fs.from_fields_v1(tree) == paths


def test_keyed_lists_use_their_map_keys_completed_with_the_protocol_default():
    node = fs.root_node("apps/v1", "Deployment")
    paths = fs.field_set(_deployment(), node)
    container = ("f:spec", "f:template", "f:spec", "f:containers", 'k:{"name":"nginx"}')
    assert container in paths
    assert container + ("f:ports", 'k:{"containerPort":80,"protocol":"TCP"}', "f:containerPort") in paths
    # selector is an atomic struct: one leaf, nothing below it
    assert ("f:spec", "f:selector") in paths
    assert not any(p[:2] == ("f:spec", "f:selector") and len(p) > 2 for p in paths)


def test_a_create_owns_members_of_always_present_structs_but_not_the_structs():
    node = fs.root_node("apps/v1", "Deployment")
    changed, removed = fs.compare({}, _deployment(), node)
    assert ("f:spec", "f:template", "f:metadata", "f:labels") in changed  # a map added: "."
    assert ("f:spec", "f:template") not in changed  # a non-pointer struct: no "."
    assert ("f:spec", "f:template", "f:spec", "f:containers") not in changed  # null before
    assert not removed


def test_path_strings_are_the_servers():
    assert fs.path_string(("f:spec", "f:replicas")) == ".spec.replicas"
    assert fs.path_string(("f:spec", "f:containers", 'k:{"name":"x"}', "f:image")) == \
        '.spec.containers[name="x"].image'
    assert fs.path_string(("f:ports", 'k:{"containerPort":80,"protocol":"TCP"}')) == \
        '.ports[containerPort=80,protocol="TCP"]'
    assert fs.path_string(("f:metadata", "f:finalizers", 'v:"a"')) == '.metadata.finalizers[="a"]'


def test_an_update_takes_changed_fields_from_other_managers():
    created = _deployment(replicas=1)
    field_manager.record_update(None, created, "kubectl-create", NOW)
    scaled = copy.deepcopy(created)
    scaled["spec"]["replicas"] = 3
    field_manager.record_update(created, scaled, "kubectl", LATER)
    entries = {e["manager"]: e for e in scaled["metadata"]["managedFields"]}
    assert entries["kubectl"]["fieldsV1"] == {"f:spec": {"f:replicas": {}}}
    assert entries["kubectl"]["time"] == LATER
    assert "f:replicas" not in entries["kubectl-create"]["fieldsV1"]["f:spec"]
    # the same object again: nothing changes, no time moves
    again = copy.deepcopy(scaled)
    field_manager.record_update(scaled, again, "kubectl", "2026-01-02T00:00:00Z")
    assert again["metadata"]["managedFields"] == scaled["metadata"]["managedFields"]


def test_a_controllers_status_write_is_recorded_under_the_status_subresource():
    live = _deployment()
    field_manager.record_update(None, live, "kubectl-create", NOW)
    written = copy.deepcopy(live)
    written["status"] = {"replicas": 1}
    written["metadata"]["annotations"] = {"deployment.kubernetes.io/revision": "1"}
    field_manager.record_update(live, written, "kube-controller-manager", NOW, status_write=True)
    entries = [(e["manager"], e.get("subresource", "")) for e in written["metadata"]["managedFields"]]
    assert ("kube-controller-manager", "status") in entries
    assert ("kube-controller-manager", "") in entries
    status = next(e for e in written["metadata"]["managedFields"] if e.get("subresource") == "status")
    assert status["fieldsV1"] == {"f:status": {"f:replicas": {}}}


def test_apply_conflicts_with_another_managers_different_value_and_forcing_takes_it():
    live = _deployment(replicas=1)
    field_manager.record_update(None, live, "kubectl-client-side-apply", NOW)
    with pytest.raises(errors.StatusError) as caught:
        field_manager.apply(copy.deepcopy(live), _deployment(replicas=3), "ci", LATER, force=False)
    assert caught.value.reason == "Conflict"
    assert caught.value.message == ('Apply failed with 1 conflict: conflict with '
                                    '"kubectl-client-side-apply" using apps/v1: .spec.replicas')
    merged = field_manager.apply(copy.deepcopy(live), _deployment(replicas=3), "ci", LATER, force=True)
    assert merged["spec"]["replicas"] == 3
    owners = {e["manager"]: e for e in merged["metadata"]["managedFields"]}
    assert owners["ci"]["operation"] == "Apply"
    assert "f:replicas" not in owners["kubectl-client-side-apply"]["fieldsV1"]["f:spec"]


def test_the_same_value_is_co_owned_without_conflict():
    live = _deployment(replicas=2)
    field_manager.record_update(None, live, "kubectl-create", NOW)
    merged = field_manager.apply(copy.deepcopy(live), _deployment(replicas=2), "ci", LATER, force=False)
    owners = {e["manager"]: fs.from_fields_v1(e["fieldsV1"]) for e in merged["metadata"]["managedFields"]}
    assert ("f:spec", "f:replicas") in owners["ci"] and ("f:spec", "f:replicas") in owners["kubectl-create"]


def test_several_conflicts_are_listed_by_manager():
    live = _deployment(replicas=1)
    field_manager.record_update(None, live, "kubectl-create", NOW)
    with pytest.raises(errors.StatusError) as caught:
        field_manager.apply(copy.deepcopy(live), _deployment(image="nginx:2", replicas=4), "ci", LATER,
                            force=False)
    assert caught.value.message == (
        'Apply failed with 2 conflicts: conflicts with "kubectl-create" using apps/v1:\n'
        '- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image')


def test_fields_an_applier_stops_applying_are_removed_unless_someone_else_owns_them():
    first = field_manager.apply(None, _deployment(tier="fe"), "ci", NOW, force=False)
    second = field_manager.apply(copy.deepcopy(first), _deployment(), "ci", LATER, force=False)
    assert second["metadata"]["labels"] == {"app": "web"}
    # owned by another manager too: kept
    shared = copy.deepcopy(first)
    field_manager.record_update(first, shared, "other", NOW)
    other_owns = copy.deepcopy(shared)
    other_owns["metadata"]["labels"]["tier"] = "be"
    field_manager.record_update(shared, other_owns, "other", NOW)
    kept = field_manager.apply(copy.deepcopy(other_owns), _deployment(), "ci", LATER, force=False)
    assert kept["metadata"]["labels"] == {"app": "web", "tier": "be"}


def test_a_client_side_apply_conflict_on_an_unchanged_applied_field_is_allowed_for_kubectl():
    import json
    config = _deployment(replicas=2)
    live = copy.deepcopy(config)
    live["metadata"]["annotations"] = {field_manager.LAST_APPLIED: json.dumps(config)}
    field_manager.record_update(None, live, "kubectl-client-side-apply", NOW)
    changed = _deployment(image="nginx:1.26", replicas=2)
    merged = field_manager.apply(copy.deepcopy(live), changed, "kubectl", LATER, force=False)
    assert merged["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.26"
    # the server keeps the annotation in step with kubectl's applies
    assert json.loads(merged["metadata"]["annotations"][field_manager.LAST_APPLIED]) == changed
    with pytest.raises(errors.StatusError):
        field_manager.apply(copy.deepcopy(live), changed, "someone-else", LATER, force=False)


def test_migration_hands_client_side_fields_to_the_applier():
    live = _deployment(tier="fe")
    live["metadata"]["annotations"] = {field_manager.LAST_APPLIED: "{}"}
    field_manager.record_update(None, live, "kubectl-client-side-apply", NOW)
    assert field_manager.upgrade_client_side_managers(live, "kubectl")
    managers = [(e["manager"], e["operation"]) for e in live["metadata"]["managedFields"]]
    assert managers == [("kubectl", "Apply")]
    assert not field_manager.upgrade_client_side_managers(live, "kubectl")


def test_custom_resources_are_deduced_maps_granular_lists_atomic():
    node = fs.root_node("example.com/v1", "Widget")
    paths = fs.field_set({"spec": {"size": 1, "tags": ["a", "b"]}}, node)
    assert paths == {("f:spec",), ("f:spec", "f:size"), ("f:spec", "f:tags")}


def test_tree_edits_agree_with_set_operations():
    import random
    rng = random.Random(7)
    elements = ["f:a", "f:b", 'k:{"name":"x"}', "f:c"]
    for _ in range(300):
        paths = {tuple(rng.choice(elements) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(0, 8))}
        tree = fs.to_fields_v1(paths)
        added = {tuple(rng.choice(elements) for _ in range(rng.randint(1, 4))) for _ in range(3)}
        removed = {tuple(rng.choice(elements) for _ in range(rng.randint(1, 4))) for _ in range(3)}
        for path in removed:
            fs.tree_remove(tree, path)
        for path in added:
            fs.tree_add(tree, path)
        assert fs.from_fields_v1(tree) == (paths - removed) | added
        assert tree == fs.to_fields_v1((paths - removed) | added)


@pytest.mark.parametrize("change", ["create", "scale", "relabel", "image", "drop-port", "status"])
def test_change_trees_find_what_compare_finds(change: str):
    node = fs.root_node("apps/v1", "Deployment")
    before = _deployment(replicas=1, tier="fe")
    after = copy.deepcopy(before)
    if change == "create":
        before = {}
    elif change == "scale":
        after["spec"]["replicas"] = 4
    elif change == "relabel":
        after["metadata"]["labels"] = {"app": "web", "team": "a"}
    elif change == "image":
        after["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:2"
    elif change == "drop-port":
        del after["spec"]["template"]["spec"]["containers"][0]["ports"]
    else:
        after["status"] = {"replicas": 1, "conditions": [{"type": "Available", "status": "True"}]}
    changed, removed = fs.compare(before, after, node)
    changed_tree, removed_tree = fs.change_trees(before, after, node)
    assert changed_tree == fs.to_fields_v1(changed)
    assert removed_tree == fs.to_fields_v1(removed)


def test_tree_union_and_difference_agree_with_sets():
    import random
    rng = random.Random(11)
    elements = ["f:a", "f:b", 'k:{"name":"x"}']
    for _ in range(300):
        def some() -> set:
            return {tuple(rng.choice(elements) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(0, 6))}
        one, two = some(), some()
        tree = fs.to_fields_v1(one)
        fs.tree_union(tree, fs.to_fields_v1(two))
        assert fs.from_fields_v1(tree) == one | two and tree == fs.to_fields_v1(one | two)
        tree = fs.to_fields_v1(one)
        fs.tree_difference(tree, fs.to_fields_v1(two))
        assert fs.from_fields_v1(tree) == one - two and tree == fs.to_fields_v1(one - two)
