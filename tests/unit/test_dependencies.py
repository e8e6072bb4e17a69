"""The install declares what the code imports, and nothing else.

Every runtime dependency in pyproject.toml is imported (or located as a data package) by the
``minikubectl`` package, and every third-party module the package imports is declared; the
same for the tests and the ``test`` extra.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from tests.conftest import REPO

# Calls whose first literal argument names a module the code loads at run time.
_LOADERS = {"import_module", "find_spec"}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str:
    return _canonical(re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0])


def _imported_modules(root: Path) -> set[str]:
    """Top-level names of every module imported or loaded by name under ``root``."""
    found: set[str] = set()
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
            elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
                  and isinstance(node.args[0].value, str)
                  and getattr(node.func, "attr", getattr(node.func, "id", None)) in _LOADERS):
                found.add(node.args[0].value.split(".")[0])
    return found


def _third_party(modules: set[str], own: set[str]) -> dict[str, set[str]]:
    """Distribution name → the imported top-level modules it provides (stdlib and own code left out)."""
    providers = packages_distributions()
    result: dict[str, set[str]] = {}
    for module in modules - set(sys.stdlib_module_names) - own:
        for dist in providers.get(module, [f"<undeclared module {module}>"]):
            result.setdefault(_canonical(dist), set()).add(module)
    return result


def _project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["project"]


def test_runtime_dependencies_are_exactly_what_the_package_imports() -> None:
    declared = {_requirement_name(r) for r in _project()["dependencies"]}
    used = _third_party(_imported_modules(REPO / "minikubectl"), {"minikubectl"})
    assert set(used) == declared, (
        f"imported but not declared: {sorted(set(used) - declared)}; "
        f"declared but never imported: {sorted(declared - set(used))}")


def test_test_imports_are_declared_in_the_test_extra() -> None:
    declared = {_requirement_name(r) for r in _project()["dependencies"]}
    declared |= {_requirement_name(r) for r in _project()["optional-dependencies"]["test"]}
    # fakeapi is the shared conformance suite's module, loaded from ../shared by path.
    used = _third_party(_imported_modules(REPO / "tests"), {"minikubectl", "tests", "fakeapi"})
    missing = sorted(set(used) - declared)
    assert not missing, f"tests import undeclared packages: {missing}"
