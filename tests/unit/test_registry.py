"""The resource registry: name resolution and invariants over every kind."""

import pytest

from minikubectl.api import errors
from minikubectl.api.registry import builtin_registry, builtin_resources


@pytest.mark.parametrize("arg, plural", [
    ("po", "pods"), ("pod", "pods"), ("Pods", "pods"), ("PODS", "pods"), ("Pod", "pods"),
    ("deploy", "deployments.apps"), ("deployments.apps", "deployments.apps"),
    ("deployments.v1.apps", "deployments.apps"), ("deploy.apps", "deployments.apps"),
    ("ev", "events"), ("events.events.k8s.io", "events.events.k8s.io"), ("hpa", "horizontalpodautoscalers.autoscaling"),
    ("crd", "customresourcedefinitions.apiextensions.k8s.io"), ("netpol", "networkpolicies.networking.k8s.io"),
])
def test_resolve(arg, plural):
    assert builtin_registry().resolve_single(arg).qualified_plural == plural


def test_all_category_in_discovery_order():
    names = [r.qualified_plural for r in builtin_registry().resolve("all")]
    assert names[:3] == ["pods", "replicationcontrollers", "services"]
    assert names.index("deployments.apps") < names.index("replicasets.apps")


def test_unknown_type_message():
    with pytest.raises(errors.ClientError) as caught:
        builtin_registry().resolve("foos")
    assert caught.value.render() == 'error: the server doesn\'t have a resource type "foos"'


def test_short_names_unique_per_preferred_resolution():
    seen = {}
    for res in builtin_resources():
        for short in res.short_names:
            if res.group == "events.k8s.io":
                continue
            assert short not in seen, (short, res.plural, seen.get(short))
            seen[short] = res.plural


def test_every_builtin_kind_has_columns():
    from minikubectl.printers import columns
    for res in builtin_resources():
        assert columns.table_for(res.group, res.kind) is not None
