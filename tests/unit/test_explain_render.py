"""explain beyond the recorded cases: wrapping, resolution quirks, errors, every kind."""

from __future__ import annotations

import io

import pytest

from minikubectl.api import errors
from minikubectl.api.registry import builtin_resources
from minikubectl.explain import run_explain
from minikubectl.explain.wrap import indent, wrap


def explain(arg: str, recursive: bool = False, api_version: str | None = None,
            output: str | None = None) -> str:
    out = io.StringIO()
    run_explain([arg], recursive, api_version, output, out)
    return out.getvalue()


@pytest.mark.parametrize("text,limit,expected", [
    ("aaa bbb ccc", 7, "aaa bbb\nccc"),
    ("aaa  bbb", 20, "aaa  bbb"),                       # inner runs of spaces are kept
    ("a\n\nb", 5, "a\n\nb"),                              # existing newlines are kept
    ("see https://example.com/a/very/long/url ok", 10, "see\nhttps://example.com/a/very/long/url\nok"),
    ("word\n", 76, "word\n"),
    ("", 10, ""),
])
def test_wrap(text: str, limit: int, expected: str) -> None:
    assert wrap(text, limit) == expected


def test_indent_pads_every_line() -> None:
    assert indent("a\nb\n", 4) == "    a\n    b\n    "


def test_unknown_resource_is_raw_error() -> None:
    with pytest.raises(errors.RawError) as info:
        explain("foos.spec")
    assert info.value.render() == 'the server doesn\'t have a resource type "foos"'


def test_unknown_field_prints_header_first() -> None:
    out = io.StringIO()
    with pytest.raises(errors.ClientError) as info:
        run_explain(["deploy.spec.nope"], False, None, None, out)
    assert out.getvalue() == "GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\n"
    assert info.value.render() == 'error: field "nope" does not exist'


def test_field_under_primitive_does_not_exist() -> None:
    with pytest.raises(errors.ClientError, match='field "x" does not exist'):
        explain("pods.metadata.name.x")


def test_wrong_group_for_resource() -> None:
    with pytest.raises(errors.ClientError) as info:
        explain("pods", api_version="apps/v1")
    assert info.value.render() == "error: GVR (apps/v1, Resource=pods) not found in OpenAPI schema"


def test_bad_group_version_string() -> None:
    with pytest.raises(errors.ClientError, match="unexpected GroupVersion string: a/b/c"):
        explain("pods", api_version="a/b/c")


def test_unserved_version_checked_before_output_format() -> None:
    with pytest.raises(errors.ClientError, match=r'couldn\'t find resource for "apps/v9, Resource=deployments"'):
        explain("deployments", api_version="apps/v9", output="yaml")


def test_api_version_disables_group_prefix_matching() -> None:
    # with --api-version kubectl splits on dots only: "apps" becomes a field name
    with pytest.raises(errors.ClientError, match='field "apps" does not exist'):
        explain("deployments.apps", api_version="apps/v1")
    assert explain("deployments.apps.spec.paused").startswith(
        "GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: paused <boolean>\n")


def test_kind_and_short_names_resolve() -> None:
    assert explain("Pod") == explain("po") == explain("pods")
    assert explain("events").startswith("KIND:       Event\nVERSION:    v1\n")


def test_core_events_prefix_quirk() -> None:
    with pytest.raises(errors.ClientError, match='field "io" does not exist'):
        explain("events.events.k8s.io")


def test_trailing_dot_is_ignored() -> None:
    assert explain("pods.spec.") == explain("pods.spec")


def test_field_types() -> None:
    text = explain("pods.spec.containers")
    assert "FIELD: containers <[]Container>\n\n\n" in text
    assert "  livenessProbe\t<Probe>\n" in text
    assert "  args\t<[]string>\n" in text
    assert "  name\t<string> -required-\n" in text
    assert "  maxSurge\t<IntOrString>\n" in explain("deploy.spec.strategy.rollingUpdate")
    assert "  creationTimestamp\t<string>\n" in explain("pods.metadata")
    assert "  limits\t<map[string]Quantity>\n" in explain("pods.spec.containers.resources")


def test_recursive_stops_at_cycles() -> None:
    text = explain("customresourcedefinitions.spec.versions.schema", recursive=True)
    # JSONSchemaProps refers to itself: its children are listed once, not expanded
    assert "    not\t<JSONSchemaProps>\n    nullable\t<boolean>\n" in text
    assert len(text) < 10_000


@pytest.mark.parametrize("res", builtin_resources(), ids=lambda r: r.qualified_plural)
def test_every_served_kind_renders(res) -> None:
    arg = f"{res.plural}.{res.group}" if res.group else res.plural
    api_version = None
    if res.plural == "events" and res.group:
        # kubectl quirk: core "events" prefixes "events.events.k8s.io", so pick the group
        arg, api_version = res.plural, res.api_version
    text = explain(arg, api_version=api_version)
    assert text.startswith(("GROUP:" if res.group else "KIND:"))
    assert f"KIND:       {res.kind}\n" in text and "DESCRIPTION:\n" in text
    recursive = explain(arg, recursive=True, api_version=api_version)
    assert recursive.endswith("\n\n")
    for line in recursive.split("FIELDS:\n", 1)[-1].splitlines():
        assert not line or "\t<" in line
