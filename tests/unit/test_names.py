"""Object name, generateName, label/annotation metadata validation."""

from __future__ import annotations

import random

from minikubectl.api import labels as L
from minikubectl.api.errors import Cause, invalid

SUBDOMAIN_MSG = ("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
                 "'-' or '.', and must start and end with an alphanumeric character (e.g. "
                 "'example.com', regex used for validation is "
                 "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")
LABEL_MSG = ("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
             "and must start and end with an alphanumeric character (e.g. 'my-name',  or "
             "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")
DNS1035_MSG = ("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start "
               "with an alphabetic character, and end with an alphanumeric character (e.g. "
               "'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")
NAME_PART_MSG = ("name part must consist of alphanumeric characters, '-', '_' or '.', and must "
                 "start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
                 "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")


def test_pod_bad_name_renders_like_kubectl() -> None:
    causes = L.validate_name("Pod", "Bad_Name")
    assert causes == [Cause("metadata.name", f'Invalid value: "Bad_Name": {SUBDOMAIN_MSG}')]
    assert invalid("Pod", "Bad_Name", causes).render() == (
        f'The Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": {SUBDOMAIN_MSG}')


def test_name_rules_per_kind() -> None:
    assert L.validate_name("Pod", "a.b-c") == []
    assert L.validate_name("Namespace", "a.b")[0].detail == 'Invalid value: "a.b": must not contain dots'
    assert L.validate_name("Namespace", "A")[0].detail == f'Invalid value: "A": {LABEL_MSG}'
    assert L.validate_name("Service", "1abc")[0].detail == f'Invalid value: "1abc": {DNS1035_MSG}'
    assert L.validate_name("Service", "abc") == []
    assert L.validate_name("Deployment", "x" * 253) == []
    long = L.validate_name("Deployment", "x" * 254)
    assert [c.detail for c in long] == [f'Invalid value: "{"x" * 254}": must be no more than 253 characters']
    assert L.validate_name("Namespace", "x" * 64)[0].detail.endswith("must be no more than 63 characters")
    # core/v1 events only get the path-segment floor.
    assert L.validate_name("Event", "Weird_Name.123") == []
    assert [c.detail for c in L.validate_name("Event", "a/b%c")] == [
        "Invalid value: \"a/b%c\": may not contain '/'", "Invalid value: \"a/b%c\": may not contain '%'"]
    assert L.validate_name("Event", "..")[0].detail == "Invalid value: \"..\": may not be '..'"
    assert L.validate_name("Pod", "") == [
        Cause("metadata.name", "Required value: name or generateName is required")]


def test_generate_name() -> None:
    assert L.validate_generate_name("Pod", "web-") == []
    assert L.validate_generate_name("Pod", "Web-")[0].detail == f'Invalid value: "Web-": {SUBDOMAIN_MSG}'
    assert L.validate_generate_name("Event", "a/") == [
        Cause("metadata.generateName", "Invalid value: \"a/\": may not contain '/'")]
    assert L.generate_name("web-", "abcde") == "web-abcde"
    assert L.generate_name("x" * 70, "abcde") == "x" * 58 + "abcde"
    suffix = L.random_name_suffix(random.Random(1))
    assert len(suffix) == 5 and set(suffix) <= set(L.GENERATED_NAME_ALPHABET)


def test_validate_labels() -> None:
    causes = L.validate_labels({"bad key": "ok", "good": "bad value"})
    assert causes == [
        Cause("metadata.labels", f'Invalid value: "bad key": {NAME_PART_MSG}'),
        Cause("metadata.labels", 'Invalid value: "bad value": ' + L.is_valid_label_value("bad value")[0]),
    ]
    assert L.validate_labels({"example.com/Key": "", "a": "b"}) == []
    assert L.validate_labels({"Example.com/key": "v"})[0].detail.startswith(
        'Invalid value: "Example.com/key": prefix part a lowercase RFC 1123 subdomain')
    assert L.validate_labels(None) == []


def test_validate_annotations() -> None:
    assert L.validate_annotations({"Example.COM/Key": "any text at all"}) == []
    assert L.validate_annotations({"a/b/c": "x"})[0].detail.startswith(
        'Invalid value: "a/b/c": a qualified name must consist')
    big = {"k": "x" * (262144 - 1)}
    assert L.validate_annotations(big) == []
    big["k"] += "x"
    assert L.validate_annotations(big) == [
        Cause("metadata.annotations", "Too long: must have at most 262144 bytes")]
    rendered = invalid("Pod", "p", L.validate_annotations(big)).render()
    assert rendered == 'The Pod "p" is invalid: metadata.annotations: Too long: must have at most 262144 bytes'


def test_validate_object_meta_order_and_rendering() -> None:
    meta = {"name": "Bad", "namespace": "default", "labels": {"-x": "y"}}
    causes = L.validate_object_meta("Pod", meta, namespaced=True)
    assert [c.field for c in causes] == ["metadata.name", "metadata.labels"]
    rendered = invalid("Pod", "Bad", causes).render()
    assert rendered.startswith('The Pod "Bad" is invalid: \n* metadata.name: Invalid value: "Bad": ')
    assert L.validate_object_meta("Node", {"name": "n", "namespace": "x"}, namespaced=False) == [
        Cause("metadata.namespace", "Forbidden: not allowed on this type")]
    assert L.validate_object_meta("Pod", {"name": "p"}, namespaced=True) == [
        Cause("metadata.namespace", "Required value")]


def test_qualified_name_messages() -> None:
    assert L.is_qualified_name("a" * 63) == []
    assert L.is_qualified_name("a" * 64) == ["name part must be no more than 63 characters"]
    assert L.is_qualified_name("/a") == ["prefix part must be non-empty"]
    assert L.is_qualified_name("") == ["name part must be non-empty", NAME_PART_MSG]
    assert L.is_qualified_name("a_b.C-d") == []
