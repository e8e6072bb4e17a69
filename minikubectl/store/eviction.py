"""The pod ``eviction`` subresource: a delete that honours PodDisruptionBudgets.

As ``pkg/registry/core/pod/storage/eviction.go``: a pod that is pending, finished or already
being deleted is deleted outright; otherwise the one budget selecting it must allow a
disruption (several budgets are an error), which the eviction uses up before deleting.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from minikubectl.api import errors
from minikubectl.api.labels import SelectorParseError, label_selector_as_selector

if TYPE_CHECKING:
    from minikubectl.store.apiserver import ApiServer

BUDGET_VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget."


def _too_many(detail: str) -> errors.StatusError:
    return errors.StatusError("TooManyRequests", 429, BUDGET_VIOLATION,
                              causes=[errors.Cause("DisruptionBudget", detail)])


def _ignores_budgets(pod: dict[str, Any]) -> bool:
    phase = (pod.get("status") or {}).get("phase")
    return bool(pod["metadata"].get("deletionTimestamp")) or phase in ("Succeeded", "Failed", "Pending")


def budgets_for(api: "ApiServer", pod: dict[str, Any]) -> list[dict[str, Any]]:
    """The PodDisruptionBudgets of the pod's namespace whose selector matches it."""
    pdbs = api.registry.by_qualified_plural("poddisruptionbudgets.policy")
    found = []
    for pdb in api.list(pdbs, pod["metadata"].get("namespace"), copy_objects=False):
        try:
            selector = label_selector_as_selector((pdb.get("spec") or {}).get("selector"))
        except SelectorParseError:
            continue
        if selector.matches(pod["metadata"].get("labels")):
            found.append(pdb)
    return found


def evict(api: "ApiServer", namespace: str, name: str, grace_period: int | None = None,
          dry_run: bool = False) -> None:
    """POST pods/NAME/eviction."""
    pods = api.registry.by_qualified_plural("pods")
    pod = api.get(pods, namespace, name)
    if not _ignores_budgets(pod):
        budgets = budgets_for(api, pod)
        if len(budgets) > 1:
            raise errors.StatusError("InternalError", 500, "This pod has more than one PodDisruptionBudget, "
                                     "which the eviction subresource does not support.")
        if budgets:
            pdb = budgets[0]
            status = pdb.get("status") or {}
            pdb_name = pdb["metadata"]["name"]
            if int(status.get("observedGeneration", 0) or 0) < int(pdb["metadata"].get("generation", 1) or 1):
                raise _too_many(f"The disruption budget {pdb_name} is still being processed by the server.")
            if int(status.get("disruptionsAllowed", 0) or 0) <= 0:
                raise _too_many(f"The disruption budget {pdb_name} needs {status.get('desiredHealthy', 0)} "
                                f"healthy pods and has {status.get('currentHealthy', 0)} currently")
            if not dry_run:
                used = copy.deepcopy(pdb)
                used["status"]["disruptionsAllowed"] = int(status["disruptionsAllowed"]) - 1
                api.write_status(api.registry.by_qualified_plural("poddisruptionbudgets.policy"), used)
    api.delete(pods, namespace, name, grace_period=grace_period, dry_run=dry_run)
