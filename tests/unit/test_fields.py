"""Field selector parsing, per-kind validation and matching."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from minikubectl.api import fields as F
from minikubectl.api.fields import FieldSelectorError, parse_field_selector


def perr(text: str) -> str:
    with pytest.raises(FieldSelectorError) as info:
        parse_field_selector(text)
    return info.value.message


def verr(kind: str, text: str) -> str:
    with pytest.raises(FieldSelectorError) as info:
        F.compile_for_kind(kind, text)
    return info.value.message


POD = {"metadata": {"name": "web", "namespace": "default"},
       "spec": {"nodeName": "node-1", "restartPolicy": "Always", "schedulerName": "default-scheduler",
                "serviceAccountName": "default"},
       "status": {"phase": "Running", "podIP": "10.0.0.5", "podIPs": [{"ip": "10.0.0.5"}]}}


def test_parse_and_format() -> None:
    assert str(parse_field_selector("")) == ""
    assert str(parse_field_selector("b=2,a==1,c!=3")) == "a=1,b=2,c!=3"
    assert str(parse_field_selector("a=x\\,y")) == "a=x\\,y"
    assert parse_field_selector("a=x\\,y\\=z\\\\").requirements[0].value == "x,y=z\\"
    assert parse_field_selector("a=,,b=1").requirements == (
        F.FieldRequirement("a", "=", ""), F.FieldRequirement("b", "=", "1"))


@pytest.mark.parametrize("text,expected", [
    ("foo", "invalid selector: 'foo'; can't understand 'foo'"),
    ("b=1,zz,a", "invalid selector: 'b=1,zz,a'; can't understand 'a'"),
    (" ", "invalid selector: ' '; can't understand ' '"),
    ("a=b=c", "invalid field selector: unescaped character in value: 61"),
    ("a=b\\", "invalid field selector: invalid escape sequence: \\"),
    ("a=b\\x", "invalid field selector: invalid escape sequence: \\x"),
    ("a!==b", "invalid field selector: unescaped character in value: 61"),
])
def test_parse_errors(text: str, expected: str) -> None:
    assert perr(text) == expected


def test_kind_validation_messages() -> None:
    assert verr("Pod", "spec.foo=x") == "field label not supported: spec.foo"
    assert verr("Deployment", "spec.replicas=1") == (
        '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"')
    assert verr("ReplicaSet", "status.replicas=0") == (
        '"status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"')
    assert verr("Node", "metadata.namespace=x") == "field label not supported: metadata.namespace"
    assert verr("Namespace", "metadata.namespace=x") == "field label not supported: metadata.namespace"
    # the first bad term in sorted order is reported
    assert verr("Pod", "z.z=1,a.a=1") == "field label not supported: a.a"
    for kind, text in [("Pod", "status.podIPs=1"), ("Secret", "type=Opaque"),
                       ("Service", "spec.type=ClusterIP,spec.clusterIP=None"),
                       ("Event", "involvedObject.name=web,reason=Started,source=kubelet"),
                       ("Namespace", "status.phase=Active"), ("Node", "spec.unschedulable=true"),
                       ("ConfigMap", "metadata.name=x,metadata.namespace=y")]:
        F.compile_for_kind(kind, text)


def test_pod_matching() -> None:
    def m(text: str, obj: dict = POD) -> bool:
        return F.compile_for_kind("Pod", text).matches("Pod", obj)
    assert m("status.phase=Running")
    assert m("status.phase!=Pending,spec.nodeName=node-1")
    assert m("spec.host=node-1")  # old alias
    assert m("spec.hostNetwork=false")
    assert not m("spec.hostNetwork=true")
    assert m("spec.hostNetwork=true", {**POD, "spec": {**POD["spec"], "hostNetwork": True}})
    assert m("status.podIP=10.0.0.5")
    assert m("status.podIPs=")  # accepted but never set
    assert not m("status.podIPs=10.0.0.5")
    assert m("metadata.name=web,metadata.namespace=default")
    assert m("status.nominatedNodeName=")
    assert m("spec.serviceAccountName=legacy", {"spec": {"serviceAccount": "legacy"}})
    assert m("status.podIP=1.2.3.4", {"status": {"podIP": "1.2.3.4"}})


def test_other_kinds_matching() -> None:
    ev = {"metadata": {"name": "e", "namespace": "default"}, "reason": "Started", "type": "Normal",
          "involvedObject": {"kind": "Pod", "name": "web", "namespace": "default", "uid": "u1"},
          "source": {"component": "kubelet"}, "reportingComponent": "kubelet"}
    sel = F.compile_for_kind("Event", "involvedObject.name=web,involvedObject.namespace=default,"
                                      "involvedObject.uid=u1")
    assert sel.matches("Event", ev)
    assert F.compile_for_kind("Event", "source=kubelet,type!=Warning").matches("Event", ev)
    node = {"metadata": {"name": "n1"}, "spec": {"unschedulable": True}}
    assert F.compile_for_kind("Node", "spec.unschedulable=true").matches("Node", node)
    assert F.compile_for_kind("Node", "spec.unschedulable=false").matches("Node", {"metadata": {"name": "n"}})
    ns = {"metadata": {"name": "dev"}, "status": {"phase": "Terminating"}}
    assert F.compile_for_kind("Namespace", "status.phase!=Active").matches("Namespace", ns)
    sec = {"metadata": {"name": "s", "namespace": "d"}, "type": "kubernetes.io/tls"}
    assert F.compile_for_kind("Secret", "type=kubernetes.io/tls").matches("Secret", sec)
    svc = {"metadata": {"name": "k", "namespace": "d"}, "spec": {"type": "ClusterIP", "clusterIP": "10.96.0.1"}}
    assert F.compile_for_kind("Service", "spec.clusterIP=10.96.0.1").matches("Service", svc)
    cm = {"metadata": {"name": "c", "namespace": "d"}}
    assert F.compile_for_kind("ConfigMap", "metadata.namespace=d").matches("ConfigMap", cm)
    assert not F.compile_for_kind("ConfigMap", "metadata.name!=c").matches("ConfigMap", cm)
    assert F.EVERYTHING.matches("Anything", {})


VALUE = st.text(alphabet=st.sampled_from("ab=,\\!. -"), max_size=12)
FIELD = st.from_regex(r"\A[a-z][a-zA-Z.]{0,12}\Z")


@given(st.lists(st.tuples(FIELD, st.sampled_from(["=", "==", "!="]), VALUE), max_size=5))
def test_escape_round_trip(terms: list[tuple[str, str, str]]) -> None:
    text = ",".join(f"{f}{op}{F.escape_value(v)}" for f, op, v in terms)
    parsed = parse_field_selector(text)
    assert sorted((r.field, r.operator != "!=", r.value) for r in parsed.requirements) == \
        sorted((f, op != "!=", v) for f, op, v in terms)
    again = parse_field_selector(str(parsed))
    # Term order follows the sorted raw terms, so only the set of terms is a fixed point.
    assert sorted(map(str, again.requirements)) == sorted(map(str, parsed.requirements))
    fields = {f: v for f, _, v in terms}
    assert again.matches_fields(fields) == parsed.matches_fields(fields)


@given(st.text(max_size=30))
def test_parser_never_crashes(text: str) -> None:
    try:
        parse_field_selector(text)
    except FieldSelectorError as err:
        assert err.message
