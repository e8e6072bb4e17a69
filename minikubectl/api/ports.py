"""Container ports named or numbered, as probes, hooks, Services and port-forward refer to them."""

from __future__ import annotations

from typing import Any


def container_port(containers: list[dict[str, Any]], target: int | str) -> int | None:
    """The port number ``target`` stands for: itself when numeric, else the ``containerPort`` of the
    first port with that name among ``containers`` (None when none has it)."""
    if isinstance(target, int):
        return target
    text = str(target)
    if text.isdigit():
        return int(text)
    for container in containers:
        for entry in container.get("ports") or []:
            if entry.get("name") == text:
                return int(entry.get("containerPort", 0))
    return None
