"""Unit tests for minikubectl.io.manifests (kubectl's resource-builder reading rules)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from minikubectl.api.errors import ManifestError
from minikubectl.io.manifests import (Document, ManifestAggregateError, iter_documents,
                                      load_text, yaml_resolve)

FIXTURES = Path("/work/shared/conformance/printers/fixtures")
needs_fixtures = pytest.mark.skipif(not FIXTURES.exists(), reason="fixtures not available")


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_yaml11_scalars() -> None:
    obj = load_text("kind: A\nv:\n  a: yes\n  b: Off\n  c: 0644\n  d: 0x1F\n  e: 1_000\n"
                    "  f: +12\n  g: .5\n  h: 1.10\n  i: ~\n  j: Null\n  k:\n  l: 2024-01-01\n"
                    "  m: 1:30\n  nn: 2.0\n  o: 1e3\n  p: -0.0\n  q: 12345678901234567890\n"
                    "  r: 08\n  s: 0b101\n  t: '0644'\n  y: 1\n", "x")[0]
    v = obj["v"]
    assert v == {"a": True, "b": False, "c": 420, "d": 31, "e": 1000, "f": 12, "g": 0.5,
                 "h": 1.1, "i": None, "j": None, "k": None, "l": "2024-01-01", "m": "1:30",
                 "nn": 2, "o": 1000, "p": 0, "q": 12345678901234567890.0, "r": 8, "s": 5,
                 "t": "0644", "true": 1}
    assert type(v["nn"]) is int and type(v["q"]) is float and type(v["r"]) is int


def test_non_string_keys_become_strings() -> None:
    obj = load_text("kind: A\nm: {1.5: a, 3: b, true: c, n: d}\n", "x")[0]
    assert obj["m"] == {"1.5": "a", "3": "b", "true": "c", "false": "d"}


def test_merge_keys_override_like_go_yaml_v2() -> None:
    obj = load_text("kind: A\nb: &b {x: 1}\nm:\n  x: 0\n  <<: *b\n  z: 3\n", "x")[0]
    assert obj["m"] == {"x": 1, "z": 3}


@pytest.mark.parametrize("text,message", [
    ("kind: A\nx: .inf\n", "error converting YAML to JSON: json: unsupported value: +Inf"),
    ("kind: A\nx: .nan\n", "json: unsupported value: NaN"),
    ("kind: A\nnull: 1\n", "unsupported map key of type: %!s(<nil>), key: <nil>, value: 1"),
    ("kind: A\nx:\n  a: b\n   c: d\n", "yaml: line 4: mapping values are not allowed in this context"),
    ("kind: A\n--- x\n", "invalid Yaml document separator: x"),
])
def test_yaml_errors(text: str, message: str) -> None:
    with pytest.raises(ManifestError) as info:
        load_text(text, "f.yaml")
    assert message in info.value.message
    assert info.value.message.startswith("error parsing f.yaml: ")


def test_missing_kind_message() -> None:
    with pytest.raises(ManifestError) as info:
        load_text("apiVersion: v1\nmetadata: {name: a, x: '<'}\n", "f.yaml")
    assert info.value.render() == ('error: unable to decode "f.yaml": Object \'Kind\' is missing '
                                   'in \'{"apiVersion":"v1","metadata":{"name":"a","x":"\\u003c"}}\'')


def test_multi_document_and_comments(tmp_path: Path) -> None:
    path = _write(tmp_path, "m.yaml", "# c\n---\nkind: A\n--- # x\n\n---\nkind: B\n...\n")
    docs = list(iter_documents([path]))
    assert [d.obj["kind"] for d in docs] == ["A", "B"]
    assert all(d.source == path for d in docs)


def test_json_numbers_keep_the_text_rule() -> None:
    obj = load_text('{"kind": "A", "a": 600.0, "b": -0.0, "c": 1e3, "d": 9223372036854775808,'
                    ' "e": -9223372036854775808, "f": 2}', "x")[0]
    assert type(obj["a"]) is float and str(obj["b"]) == "-0.0" and type(obj["c"]) is float
    assert type(obj["d"]) is float and obj["e"] == -(1 << 63) and type(obj["f"]) is int


def test_json_stream_falls_back_to_yaml() -> None:
    objs = load_text('{"kind": "A", "a": [1,]}\n---\nkind: B\n', "x")
    assert [o["kind"] for o in objs] == ["A", "B"]


def test_json_syntax_error_after_two_objects() -> None:
    text = '{"kind": "A"}\n{"kind": "B"}\n{"kind": "C",, }\n'
    with pytest.raises(ManifestError) as info:
        load_text(text, "j.json")
    assert info.value.message == ("error parsing j.json: json: offset 42: invalid character ',' "
                                  "looking for beginning of object key string")


def test_lists_are_flattened_with_typed_defaults() -> None:
    objs = load_text("apiVersion: v1\nkind: ConfigMapList\nitems:\n- metadata: {name: a}\n"
                     "- kind: Secret\n  apiVersion: v1\n  metadata: {name: b}\n", "x")
    assert [(o["kind"], o["apiVersion"]) for o in objs] == [("ConfigMap", "v1"), ("Secret", "v1")]


def test_plain_list_item_without_kind_is_reported_after_earlier_items(tmp_path: Path) -> None:
    path = _write(tmp_path, "l.yaml", "apiVersion: v1\nkind: List\nitems:\n- kind: A\n  apiVersion: v1\n"
                  "- metadata: {name: x}\n")
    docs = list(iter_documents([path], continue_on_error=True))
    assert docs[0].obj["kind"] == "A" and docs[0].error is None
    assert isinstance(docs[1].error, ManifestAggregateError)
    assert docs[1].error.render() == ('unable to get type info from the object '
                                      '"*unstructured.Unstructured": Object \'Kind\' is missing in '
                                      '\'object has no kind field \'')
    with pytest.raises(ManifestAggregateError):
        list(iter_documents([path]))


def test_metadata_must_decode_into_object_meta() -> None:
    with pytest.raises(ManifestError) as info:
        load_text("kind: A\nmetadata:\n  labels: 'a=b'\n", "f.yaml")
    assert info.value.message == ('unable to decode "f.yaml": json: cannot unmarshal string into Go '
                                  'struct field ObjectMeta.metadata.labels of type map[string]string')


def test_path_errors(tmp_path: Path) -> None:
    with pytest.raises(ManifestError) as info:
        list(iter_documents(["nofile.yaml"]))
    assert info.value.render() == 'error: the path "nofile.yaml" does not exist'
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ManifestError) as info:
        list(iter_documents([str(empty)]))
    assert info.value.message == (f"error reading [{empty}]: recognized file extensions are "
                                  "[.json .yaml .yml]")


def test_directories_and_recursion(tmp_path: Path) -> None:
    _write(tmp_path, "d/b.yaml", "kind: B\n")
    _write(tmp_path, "d/a.json", '{"kind": "A"}')
    _write(tmp_path, "d/x.txt", "kind: X\n")
    _write(tmp_path, "d/sub/c.yml", "kind: C\n")
    root = str(tmp_path / "d")
    assert [d.obj["kind"] for d in iter_documents([root])] == ["A", "B"]
    docs = list(iter_documents([root + "/"], recursive=True))
    assert [d.obj["kind"] for d in docs] == ["A", "B", "C"]
    assert docs[2].source == os.path.join(root, "sub", "c.yml")


def test_stdin_source() -> None:
    docs = list(iter_documents(["-"], stdin=io.StringIO("kind: A\n")))
    assert docs == [Document({"kind": "A"}, "STDIN", 0)]


def test_resolve_helpers() -> None:
    assert yaml_resolve("1:30")[0].endswith(":str")
    assert yaml_resolve("2024-01-01")[0].endswith(":timestamp")
    assert yaml_resolve("0o17") == ("tag:yaml.org,2002:int", 15)


@needs_fixtures
@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.y*ml")) if FIXTURES.exists() else [])
def test_every_fixture_reads_without_traceback(name: str) -> None:
    for doc in iter_documents([str(FIXTURES / name)], continue_on_error=True):
        assert doc.error is not None or isinstance(doc.obj, dict)


def test_float_map_keys_use_strconv_g_with_float32(tmp_path):
    """sigs.k8s.io/yaml writes float keys with FormatFloat(k, 'g', -1, 32): 1e+07, not 10000000."""
    from minikubectl.io.manifests import load_text

    obj = load_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n"
                    "  1e7: a\n  1234567.0: b\n  100000: c\n  0.00001: d\n", "k.yaml")[0]
    assert sorted(obj["data"]) == ["1.234567e+06", "100000", "1e+07", "1e-05"]


def test_yaml_bom_multiline_key_is_a_complex_key():
    """Found by the kubectl oracle: go-yaml writes a multi-line key as ``? "…"``, BOM or not."""
    from minikubectl.printers.json_yaml import to_yaml

    text = to_yaml({"data": {"\ufeff\n": "a", "\ufeffb": "c"}})
    assert text == 'data:\n  ? "\\uFEFF\\n"\n  : a\n  "\\uFEFF\\x62": c\n'


# -- the one-pass YAML construction equals the general one ---------------------------------

_TRICKY_SCALARS = ["yes", "No", "on", "OFF", "y", "n", "true", "False", "~", "null", "", "0x1F", "0o17",
                   "017", "1e3", "1_000", "0b101", "-0b11", ".inf", "-.Inf", ".nan", "1.5", "-2",
                   "9223372036854775808", "18446744073709551616", "2001-12-14", "2001-12-14t21:59:43.10-05:00",
                   "<<", "+12", "-", ".", "tier", "name", "'quoted'", '"1"', "|\n  block\n", "nginx:1.25"]


def _yaml_text(seed):
    """A small YAML document of nested choices, keys and values from the tricky scalars."""
    import random
    rng = random.Random(seed)
    def value(level):
        kind = rng.random()
        if level > 2 or kind < 0.5:
            return rng.choice(_TRICKY_SCALARS)
        if kind < 0.75:
            return "[" + ", ".join(rng.choice(_TRICKY_SCALARS[:-1]) or "x" for _ in range(rng.randint(0, 3))) + "]"
        return "{" + ", ".join(f"{rng.choice(_TRICKY_SCALARS[:-2]) or 'k'}: {rng.choice(_TRICKY_SCALARS[:-2])}"
                               for _ in range(rng.randint(0, 3))) + "}"
    lines = []
    for _ in range(rng.randint(1, 5)):
        key = rng.choice(_TRICKY_SCALARS[:-2]) or "k"
        lines.append(f"{key}: {value(0)}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("seed", range(300))
def test_one_pass_yaml_construction_is_the_general_one(seed):
    from minikubectl.io import yaml_values

    text = _yaml_text(seed)
    try:
        node = yaml_values._compose(text)
    except yaml_values.YAMLConvertError:
        return  # not YAML at all: neither construction runs
    try:
        general = ("ok", yaml_values._jsonify(yaml_values._construct(node)))
    except yaml_values.YAMLConvertError as exc:
        general = ("error", str(exc))
    try:
        fast = ("ok", yaml_values._plain_value(node))
    except yaml_values._Unusual:
        return  # left to the general construction
    except yaml_values.YAMLConvertError as exc:
        fast = ("error", str(exc))
    assert fast == general, text
