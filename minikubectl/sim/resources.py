"""Resource arithmetic for scheduling: quantities, pod requests, node allocatable.

TODO: switch to ``minikubectl.api.quantity`` once it exists (same parsing rules).
"""

from __future__ import annotations

import re
from typing import Any

_QTY = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei))?$")
_SUFFIX = {None: 1.0, "m": 1e-3, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18,
           "Ki": 2.0**10, "Mi": 2.0**20, "Gi": 2.0**30, "Ti": 2.0**40, "Pi": 2.0**50, "Ei": 2.0**60}


def quantity(value: Any) -> float:
    """A resource quantity as a number (cpu in cores, memory in bytes); 0 when unparsable."""
    if isinstance(value, bool) or value is None:
        return 0.0
    if isinstance(value, (int, float)):
        return float(value)
    match = _QTY.match(str(value).strip())
    if not match:
        return 0.0
    number = float(match.group(1))
    if match.group(2):
        return number * 10.0 ** int(match.group(2)[1:])
    return number * _SUFFIX[match.group(3)]


def pod_requests(pod: dict[str, Any]) -> dict[str, float]:
    """Effective requests: max(sum of containers, largest init container) + overhead, per resource."""
    spec = pod.get("spec") or {}
    total: dict[str, float] = {}
    for container in spec.get("containers") or []:
        for name, raw in ((container.get("resources") or {}).get("requests") or {}).items():
            total[name] = total.get(name, 0.0) + quantity(raw)
    for container in spec.get("initContainers") or []:
        for name, raw in ((container.get("resources") or {}).get("requests") or {}).items():
            total[name] = max(total.get(name, 0.0), quantity(raw))
    for name, raw in (spec.get("overhead") or {}).items():
        total[name] = total.get(name, 0.0) + quantity(raw)
    return total


def allocatable(node: dict[str, Any]) -> dict[str, float]:
    """A node's allocatable resources (capacity when allocatable is absent)."""
    status = node.get("status") or {}
    source = status.get("allocatable") or status.get("capacity") or {}
    return {name: quantity(raw) for name, raw in source.items()}
