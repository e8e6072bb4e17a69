"""Server-side field validation: texts, precedence, directives, caching."""

from __future__ import annotations

import copy

import pytest

from minikubectl.api import errors
from minikubectl.api import schema_validation as sv

POD = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "labels": {"app": "web"}},
       "spec": {"containers": [{"name": "c", "image": "nginx", "ports": [{"containerPort": 80}],
                                "resources": {"limits": {"cpu": "500m", "memory": "64Mi"}}}]}}
DEPLOY = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
          "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "d"}},
                   "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 1}},
                   "template": {"metadata": {"labels": {"app": "d"}}, "spec": copy.deepcopy(POD["spec"])}}}


def pod(**changes) -> dict:
    obj = copy.deepcopy(POD)
    for path, value in changes.items():
        target = obj
        keys = path.split("__")
        for key in keys[:-1]:
            target = target[int(key)] if isinstance(target, list) else target[key]
        target[keys[-1]] = value
    return obj


def bad_request(obj: dict, directive: str = "Strict") -> str:
    with pytest.raises(errors.StatusError) as info:
        sv.field_validation(obj, directive)
    assert info.value.reason == "BadRequest" and info.value.code == 400
    return info.value.render()


def test_valid_objects_have_no_findings() -> None:
    assert sv.validate_object(POD) == []
    assert sv.validate_object(DEPLOY) == []
    assert sv.field_validation(POD) == []


def test_unknown_kind_is_not_checked() -> None:
    assert sv.validate_object({"apiVersion": "example.com/v1", "kind": "Widget", "spec": {"x": 1}}) == []


def test_unknown_fields_reported_together_in_sorted_order() -> None:
    obj = pod(spec__zzz=1, spec__containers__0__imagePullPolcy="Always", spec__containers__0__aaa=1)
    assert bad_request(obj) == (
        'Error from server (BadRequest): Pod in version "v1" cannot be handled as a Pod: strict decoding error: '
        'unknown field "spec.containers[0].aaa", unknown field "spec.containers[0].imagePullPolcy", '
        'unknown field "spec.zzz"')


def test_context_is_added_by_the_caller() -> None:
    with pytest.raises(errors.StatusError) as info:
        sv.field_validation(pod(spec__foo=1))
    rendered = info.value.with_context('error when creating "pod.yaml": ').render()
    assert rendered == ('Error from server (BadRequest): error when creating "pod.yaml": Pod in version "v1" '
                        'cannot be handled as a Pod: strict decoding error: unknown field "spec.foo"')


def test_deployment_paths_and_kind_in_message() -> None:
    obj = copy.deepcopy(DEPLOY)
    obj["spec"]["template"]["spec"]["containers"][0]["imagee"] = "x"
    obj["spec"]["replicass"] = 1
    assert bad_request(obj).endswith(
        'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: '
        'unknown field "spec.replicass", unknown field "spec.template.spec.containers[0].imagee"')


def test_warn_and_ignore_directives() -> None:
    obj = pod(metadata__nope="x")
    assert sv.field_validation(obj, "Warn") == ['unknown field "metadata.nope"']
    assert sv.warning_lines(['unknown field "metadata.nope"']) == 'Warning: unknown field "metadata.nope"\n'
    assert sv.field_validation(obj, "Ignore") == []


@pytest.mark.parametrize("changes,detail", [
    ({"spec__containers__0__ports__0__containerPort": "80"},
     "json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort "
     "of type int32"),
    ({"metadata__labels": {"version": 1}},
     "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string"),
    ({"spec__containers__0__ports__0__containerPort": 1.5},
     "json: cannot unmarshal number 1.5 into Go struct field ContainerPort.spec.containers.ports.containerPort "
     "of type int32"),
    ({"spec__containers__0__ports__0__containerPort": 3000000000},
     "json: cannot unmarshal number 3000000000 into Go struct field "
     "ContainerPort.spec.containers.ports.containerPort of type int32"),
    ({"spec__containers": {"name": "x"}},
     "json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container"),
    ({"spec": "nope"}, "json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec"),
    ({"spec__containers__0__args": [1]},
     "json: cannot unmarshal number into Go struct field Container.spec.containers.args of type string"),
    ({"spec__restartPolicy": 1},
     "json: cannot unmarshal number into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy"),
    ({"spec__containers__0__resources__limits__cpu": "lots"},
     "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"),
    ({"spec__containers__0__resources__limits__cpu": "5kk"}, "unable to parse quantity's suffix"),
])
def test_decode_errors(changes: dict, detail: str) -> None:
    assert bad_request(pod(**changes), "Ignore") == (
        f'Error from server (BadRequest): Pod in version "v1" cannot be handled as a Pod: {detail}')


def test_integral_float_is_an_integer() -> None:
    # YAML "80.0" reaches the server as JSON 80 and decodes into an int32
    assert sv.validate_object(pod(spec__containers__0__ports__0__containerPort=80.0)) == []


def test_first_type_error_wins_over_unknown_fields() -> None:
    obj = pod(metadata__labels={"a": 1}, spec__foo=1, spec__containers__0__ports__0__containerPort="x")
    assert "ObjectMeta.metadata.labels" in bad_request(obj)


def test_fatal_unmarshaler_error_wins_over_earlier_type_error() -> None:
    obj = pod(metadata__labels={"a": 1}, spec__containers__0__resources__limits__cpu="bad")
    assert bad_request(obj).endswith("quantities must match the regular expression "
                                     "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")


def test_int_or_string_error_has_field_context() -> None:
    obj = copy.deepcopy(DEPLOY)
    obj["spec"]["strategy"]["rollingUpdate"]["maxSurge"] = True
    assert bad_request(obj).endswith(
        "json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate."
        "maxSurge of type int32")


def test_secret_base64() -> None:
    secret = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "data": {"k": "a!bc"}}
    assert bad_request(secret).endswith(
        'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 1')
    secret["data"]["k"] = "aGVsbG8="
    assert sv.validate_object(secret) == []


@pytest.mark.parametrize("text,offset", [
    ("", None), ("aGVsbG8=", None), ("aGVs\nbG8=", None), ("abc", 0), ("ab=c", 2),
    ("a===", 1), ("ab=", 3), ("aGVsbG8=x", 8), ("YQ==", None),
])
def test_go_base64(text: str, offset: int | None) -> None:
    assert sv.go_base64_error(text) == offset


def test_required_and_enum_causes() -> None:
    obj = pod(spec__restartPolicy="Sometimes")
    obj["spec"]["containers"].append({"image": "x"})
    found = sv.validate_object(obj)
    assert sv.field_validation(obj) == []  # decoding succeeds; these are validation errors
    causes = sv.validation_causes(found)
    assert [(c.field, c.detail) for c in causes] == [
        ("spec.containers[1].name", "Required value"),
        ("spec.restartPolicy", 'Unsupported value: "Sometimes": supported values: "Always", "Never", "OnFailure"'),
    ]
    rendered = errors.invalid("Pod", "web", causes).render()
    assert rendered.startswith('The Pod "web" is invalid: \n* spec.containers[1].name: Required value')


def test_missing_containers_is_required() -> None:
    obj = pod()
    del obj["spec"]["containers"]
    assert [e.message for e in sv.validate_object(obj)] == ["spec.containers: Required value"]


@pytest.mark.parametrize("value,directive", [
    ("strict", "Strict"), ("true", "Strict"), ("1", "Strict"), ("warn", "Warn"),
    ("ignore", "Ignore"), ("false", "Ignore"), ("F", "Ignore"),
])
def test_parse_validate_flag(value: str, directive: str) -> None:
    assert sv.parse_validate_flag(value) == directive


def test_parse_validate_flag_rejects_others() -> None:
    with pytest.raises(errors.ClientError) as info:
        sv.parse_validate_flag("foo")
    assert info.value.render() == (
        'error: invalid - validate option "foo"; must be one of: strict (or true), warn, ignore (or false)')


@pytest.mark.parametrize("value,literal", [(80, "80"), (80.0, "80"), (1.5, "1.5"), (1e21, "1e+21"),
                                           (1e16, "10000000000000000"), (1e-7, "1e-07")])
def test_go_number_literal(value: float, literal: str) -> None:
    assert sv.go_number_literal(value) == literal


def test_disk_cache_roundtrip(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MINIKUBECTL_CACHE_DIR", str(tmp_path))
    built = sv.load_cached("probe", lambda defs: {"n": len(defs)})
    assert list(tmp_path.glob("probe-*.marshal"))
    assert sv.load_cached("probe", lambda defs: pytest.fail("cache not used")) == built


def test_unwritable_cache_dir_still_works(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("MINIKUBECTL_CACHE_DIR", str(blocker / "sub"))
    assert sv.load_cached("probe", lambda defs: 7) == 7


def test_check_for_cli_hook() -> None:
    import io
    err = io.StringIO()
    sv.check_for_cli(pod(spec__foo=1), "pod.yaml", "warn", err)
    assert err.getvalue() == 'Warning: unknown field "spec.foo"\n'
    sv.check_for_cli(pod(spec__foo=1), "pod.yaml", "false", err)
    with pytest.raises(errors.StatusError):
        sv.check_for_cli(pod(spec__foo=1), "pod.yaml", "true", err)
    with pytest.raises(errors.StatusError):  # type errors ignore the directive
        sv.check_for_cli(pod(spec__containers__0__image=5), "pod.yaml", "ignore", err)


# -- the enum-only walk the API server uses finds what the whole walk finds -----------------

def _corpus() -> list[dict]:
    """Every object of the repository's and the shared suites' manifests (YAML or JSON)."""
    import json
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parents[2]
    found: list[dict] = []
    for folder in (root / "manifests", root / "tests", root.parent / "shared" / "conformance"):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.suffix not in (".yaml", ".yml", ".json") or path.stat().st_size > 200_000:
                continue
            try:
                text = path.read_text()
                docs = [json.loads(text)] if path.suffix == ".json" else list(yaml.safe_load_all(text))
            except Exception:  # not a manifest (or not valid): nothing to compare
                continue
            for doc in docs:
                items = doc.get("items") if isinstance(doc, dict) and isinstance(doc.get("items"), list) else [doc]
                found.extend(item for item in items if isinstance(item, dict) and "kind" in item)
    return found


def _mutated(obj: dict, seed: int) -> dict:
    """``obj`` with some strings made unsupported enum values and some values of the wrong
    type (what stops decoding: ports, times, quantities), at random places."""
    import random

    rng = random.Random(seed)
    out = copy.deepcopy(obj)

    def visit(value):
        if isinstance(value, dict):
            for key in list(value):
                roll = rng.random()
                if isinstance(value[key], str) and roll < 0.3:
                    value[key] = "Bogus"
                elif roll < 0.03:
                    value[key] = rng.choice([[1], {"x": 1}, "not a time", "1x", 1.5, True])
                else:
                    visit(value[key])
        elif isinstance(value, list):
            for item in value:
                visit(item)
    visit(out.get("spec"))
    visit(out.get("status"))
    return out


def test_enum_walk_finds_what_the_whole_walk_finds() -> None:
    corpus = _corpus()
    assert len(corpus) > 50
    compared = 0
    for index, obj in enumerate(corpus):
        for seed in range(8):
            candidate = obj if seed == 0 else _mutated(obj, index * 10 + seed)
            try:
                whole = [f for f in sv.validate_object(candidate) if f.kind == "enum"]
            except (TypeError, AttributeError, ValueError):
                continue  # not an object the decoder can walk at all
            assert sv.enum_findings(candidate) == whole, candidate
            compared += bool(whole)
    assert compared > 20  # the mutations did produce enum findings to compare
