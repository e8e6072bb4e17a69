"""Architecture: imports go downward only (see docs/ARCHITECTURE.md).

cli → {sim, printers, explain} → store → {api, io, golang}; the three middle packages do
not import each other, and nothing imports cli except cli itself and the entry point.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "minikubectl"

# What each layer may import from minikubectl (besides itself).
ALLOWED = {
    "golang": set(),
    "api": {"golang"},
    "io": {"api", "golang"},
    "store": {"api", "io", "golang"},
    "sim": {"store", "api", "io", "golang"},
    "printers": {"store", "api", "io", "golang"},
    "explain": {"store", "api", "io", "golang"},
    "kustomize": {"api", "io", "golang"},  # reads files, makes objects; knows no cluster
    "cli": {"sim", "printers", "explain", "kustomize", "store", "api", "io", "golang"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.ImportFrom) and node.level:
            continue  # relative imports stay inside their package
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "minikubectl" and len(parts) > 1:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_downward(layer):
    root = PACKAGE / layer
    if not root.exists():
        pytest.skip(f"no {layer} package")
    offenders = []
    for path in sorted(root.rglob("*.py")):
        bad = _imports(path) - ALLOWED[layer] - {layer}
        if bad:
            offenders.append(f"{path.relative_to(PACKAGE)} imports {sorted(bad)}")
    assert not offenders, "\n".join(offenders)
