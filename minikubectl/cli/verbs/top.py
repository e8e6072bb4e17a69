"""``top``: CPU and memory usage of pods and nodes, from the simulated metrics pipeline."""

from __future__ import annotations

from typing import Any

from minikubectl.cli.flags import Flag

SUMMARY = "Display resource (CPU/memory) usage"

SUBCOMMANDS = {
    "pod": "minikubectl.cli.verbs.top_pod",
    "pods": "minikubectl.cli.verbs.top_pod",
    "po": "minikubectl.cli.verbs.top_pod",
    "node": "minikubectl.cli.verbs.top_node",
    "nodes": "minikubectl.cli.verbs.top_node",
    "no": "minikubectl.cli.verbs.top_node",
}


def flags() -> list[Flag]:
    return []


def cpu_text(millicores: int) -> str:
    """``printSingleResourceUsage`` for CPU."""
    return f"{millicores}m"


def memory_text(nbytes: int) -> str:
    """``printSingleResourceUsage`` for memory: whole MiB, rounded down."""
    return f"{nbytes // (1024 * 1024)}Mi"


def write_rows(out: Any, rows: list[list[str]]) -> None:
    """Rows through kubectl's tab writer, every cell (the last too) ended by a tab."""
    from minikubectl.printers.tabwriter import TabWriter

    writer = TabWriter()
    writer.write("".join("".join(f"{cell}\t" for cell in row) + "\n" for row in rows))
    out.write(writer.flush())
