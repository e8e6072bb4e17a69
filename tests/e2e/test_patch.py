"""``patch TYPE NAME -p``: strategic, JSON merge and JSON (RFC 6902) patches."""

from __future__ import annotations

import json
from typing import Any

import pytest

from minikubectl.cli.verbs.patch import JSONPatchError, apply_json_patch, decode_json_patch

CLI = Any
POD = ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels:\n    a: b\nspec:\n  containers:\n"
       "  - name: c\n    image: nginx\n  - name: d\n    image: busybox\n")


@pytest.fixture
def pod(cli: CLI) -> CLI:
    assert cli("create", "-f", "-", stdin=POD).code == 0
    return cli


def _get(cli: CLI) -> dict:
    return json.loads(cli("get", "pod", "x", "-o", "json").stdout)


def test_strategic_patch_merges_lists_by_key(pod: CLI) -> None:
    result = pod("patch", "pod", "x", "-p", '{"spec":{"containers":[{"name":"d","image":"busybox:2"}]}}')
    assert (result.stdout, result.stderr, result.code) == ("pod/x patched\n", "", 0)
    images = [c["image"] for c in _get(pod)["spec"]["containers"]]
    assert images == ["nginx", "busybox:2"]


def test_no_change_is_reported_and_not_written(pod: CLI) -> None:
    before = _get(pod)["metadata"]["resourceVersion"]
    result = pod("patch", "pod/x", "-p", '{"metadata":{"labels":{"a":"b"}}}')
    assert result.stdout == "pod/x patched (no change)\n"
    assert _get(pod)["metadata"]["resourceVersion"] == before


def test_merge_patch_replaces_lists_and_deletes_with_null(pod: CLI) -> None:
    result = pod("patch", "pod", "x", "--type=merge", "-p", '{"metadata":{"labels":{"a":null,"n":"1"}}}')
    assert result.stdout == "pod/x patched\n"
    assert _get(pod)["metadata"]["labels"] == {"n": "1"}


def test_json_patch_operations(pod: CLI) -> None:
    ops = [{"op": "replace", "path": "/spec/containers/0/image", "value": "nginx:3"},
           {"op": "add", "path": "/metadata/labels/new", "value": "v"},
           {"op": "remove", "path": "/metadata/labels/a"}]
    result = pod("patch", "pod", "x", "--type", "json", "-p", json.dumps(ops))
    assert result.stdout == "pod/x patched\n", result.stderr
    live = _get(pod)
    assert live["metadata"]["labels"] == {"new": "v"}
    assert live["spec"]["containers"][0]["image"] == "nginx:3"


def test_yaml_patch_is_accepted(pod: CLI) -> None:
    assert pod("patch", "pod", "x", "-p", "metadata:\n  labels:\n    yy: z\n").stdout == "pod/x patched\n"
    assert _get(pod)["metadata"]["labels"] == {"a": "b", "yy": "z"}


def test_patch_file(pod: CLI, tmp_path: Any) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"metadata":{"annotations":{"k":"v"}}}')
    assert pod("patch", "pod", "x", "--patch-file", str(path)).stdout == "pod/x patched\n"
    assert _get(pod)["metadata"]["annotations"] == {"k": "v"}


def test_not_found(cli: CLI) -> None:
    result = cli("patch", "pod", "nope", "-p", "{}")
    assert (result.stderr, result.code) == ('Error from server (NotFound): pods "nope" not found\n', 1)


def test_validation_messages(pod: CLI) -> None:
    assert pod("patch", "pod", "x").stderr == \
        "error: must specify --patch or --patch-file containing the contents of the patch\n"
    assert pod("patch", "pod", "x", "-p", "{}", "--patch-file", "f").stderr == \
        "error: cannot specify --patch and --patch-file together\n"
    assert pod("patch", "pod", "x", "-p", "{}", "--type", "xml").stderr == \
        'error: --type must be one of [json merge strategic], not "xml"\n'
    assert pod("patch", "pod", "x", "-p", "{}", "--local").stderr == \
        "error: cannot specify --local and server resources\n"


def test_dry_runs_and_output(pod: CLI) -> None:
    before = pod.state.read_bytes()
    assert pod("patch", "pod", "x", "-p", '{"metadata":{"labels":{"q":"1"}}}', "--dry-run=client").stdout == \
        "pod/x patched (dry run)\n"
    assert pod("patch", "pod", "x", "-p", '{"metadata":{"labels":{"q":"1"}}}', "--dry-run=server").stdout == \
        "pod/x patched (server dry run)\n"
    assert pod.state.read_bytes() == before
    out = pod("patch", "pod", "x", "-p", '{"metadata":{"labels":{"q":"1"}}}', "-o", "jsonpath={.metadata.labels.q}")
    assert out.stdout == "1"


def test_local_patch_of_a_file(cli: CLI, tmp_path: Any) -> None:
    path = tmp_path / "pod.yaml"
    path.write_text(POD)
    result = cli("patch", "--local", "-f", str(path), "-p", '{"metadata":{"labels":{"a":"c"}}}',
                 "-o", "jsonpath={.metadata.labels.a}")
    assert (result.stdout, result.code) == ("c", 0)
    assert not cli.state.exists()


def test_status_is_not_patchable_through_the_main_resource(pod: CLI) -> None:
    result = pod("patch", "pod", "x", "--type=merge", "-p", '{"status":{"phase":"Failed"}}')
    assert result.stdout == "pod/x patched (no change)\n"


# -- the RFC 6902 implementation ---------------------------------------------------------------

def test_rfc6902_examples() -> None:
    doc = {"foo": ["bar", "baz"], "a": {"b": 1}}
    assert apply_json_patch(doc, [{"op": "add", "path": "/foo/1", "value": "qux"}])["foo"] == \
        ["bar", "qux", "baz"]
    assert apply_json_patch(doc, [{"op": "add", "path": "/foo/-", "value": "end"}])["foo"][-1] == "end"
    assert apply_json_patch(doc, [{"op": "move", "from": "/a/b", "path": "/c"}]) == \
        {"foo": ["bar", "baz"], "a": {}, "c": 1}
    assert apply_json_patch(doc, [{"op": "copy", "from": "/a", "path": "/d"}])["d"] == {"b": 1}
    assert apply_json_patch(doc, [{"op": "test", "path": "/a/b", "value": 1.0}]) == doc
    assert apply_json_patch({"a~b": {"c/d": 1}}, [{"op": "remove", "path": "/a~0b/c~1d"}]) == {"a~b": {}}
    assert doc == {"foo": ["bar", "baz"], "a": {"b": 1}}  # never mutated


@pytest.mark.parametrize("ops, message", [
    ([{"op": "test", "path": "/a/b", "value": 2}], "testing value /a/b failed: test failed"),
    ([{"op": "remove", "path": "/zz"}], "Unable to remove nonexistent key: zz: missing value"),
    ([{"op": "replace", "path": "/zz", "value": 1}],
     "replace operation does not apply: doc is missing key: /zz: missing value"),
    ([{"op": "add", "path": "/x/y", "value": 1}],
     'add operation does not apply: doc is missing path: "/x/y": missing value'),
    ([{"op": "frob", "path": "/a"}], "Unexpected kind: frob"),
])
def test_rfc6902_errors(ops: list, message: str) -> None:
    with pytest.raises(JSONPatchError) as info:
        apply_json_patch({"a": {"b": 1}}, ops)
    assert str(info.value) == message


def test_json_patch_must_be_an_array() -> None:
    with pytest.raises(JSONPatchError, match="cannot unmarshal object into Go value of type jsonpatch.Patch"):
        decode_json_patch({"op": "add"})
