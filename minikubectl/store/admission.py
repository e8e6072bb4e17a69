"""What the API server checks and fills in on create: validation and defaulting.

The rules themselves are pure functions in ``minikubectl.api`` (names, labels,
defaults); this module picks the ones that apply to a resource.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from minikubectl.api.errors import Cause
from minikubectl.api.registry import ResourceType

if TYPE_CHECKING:
    from minikubectl.store.apiserver import ApiServer


def validate(resource: ResourceType, obj: dict[str, Any]) -> list[Cause]:
    """Field causes that make the API server refuse ``obj`` (empty when it is valid)."""
    from minikubectl.api import validation

    return validation.validate_object(resource, obj)


def default(resource: ResourceType, obj: dict[str, Any], api: "ApiServer") -> dict[str, Any]:
    """``obj`` as the API server stores it: defaults and admission plugins applied (to
    ``obj`` itself: the API server's own copy of the request)."""
    from minikubectl.api import defaults

    return defaults.apply_defaults(
        obj,
        rand=lambda n: api.tracker.random_string(n, "defaults"),
        allocate_cluster_ip=lambda: allocate_cluster_ip(api),
        allocate_node_port=lambda: allocate_node_port(api),
        service_account=_service_account(resource, obj, api),
        in_place=True,
    )


def _service_account(resource: ResourceType, obj: dict[str, Any], api: "ApiServer") -> dict | None:
    """The pod's ServiceAccount (admission needs it); Forbidden when it does not exist."""
    if resource.kind != "Pod":
        return None
    from minikubectl.api import errors

    spec = obj.get("spec") or {}
    name = spec.get("serviceAccountName") or spec.get("serviceAccount") or "default"
    namespace = obj["metadata"].get("namespace", "default")
    sa_res = api.registry.by_qualified_plural("serviceaccounts")
    found = api.tracker.peek(sa_res, namespace, name)
    if found is None:
        raise errors.forbidden(
            f'pods "{obj["metadata"].get("name", "")}" is forbidden: error looking up service account '
            f'{namespace}/{name}: serviceaccount "{name}" not found')
    return found


def allocate_node_port(api: "ApiServer") -> int:
    """The next free port of the 30000-32767 NodePort range (deterministic)."""
    state = api.tracker.state
    port = int(state.get("nextNodePort", 30000))
    state["nextNodePort"] = 30000 + (port - 30000 + 1) % 2768
    return port


def allocate_cluster_ip(api: "ApiServer") -> str:
    """The next free address in the 10.96.0.0/12 service range (deterministic)."""
    state = api.tracker.state
    counter = int(state.get("nextServiceIP", 2))
    while True:
        ip = f"10.{96 + (counter >> 16)}.{(counter >> 8) & 255}.{counter & 255}"
        counter += 1
        if counter & 255 not in (0, 255):
            break
    state["nextServiceIP"] = counter
    return ip
