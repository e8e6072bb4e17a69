"""``-h`` of every verb and subcommand minikubectl has, byte for byte against kubectl v1.33."""

from __future__ import annotations

import importlib

import pytest

from tests.differential.harness import kubectl_many, run_minikubectl


def command_paths() -> list[tuple[str, ...]]:
    """Every command path minikubectl dispatches: verbs, their subcommands (not aliases)."""
    from minikubectl.cli.run import VERBS

    paths: list[tuple[str, ...]] = []

    def walk(path: tuple[str, ...], module_name: str) -> None:
        paths.append(path)
        module = importlib.import_module(module_name)
        seen: set[str] = set()
        for name, target in getattr(module, "SUBCOMMANDS", {}).items():
            if target not in seen:  # the first name of a target is canonical, later ones aliases
                seen.add(target)
                walk(path + (name,), target)
        for name in getattr(module, "SUBCOMMAND_NAMES", ()):
            paths.append(path + (name,))

    for verb, module in VERBS.items():
        walk((verb,), f"minikubectl.cli.verbs.{module}")
    return paths


PATHS = command_paths()


@pytest.fixture(scope="module")
def oracle(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("help")
    cases = [p + ("-h",) for p in PATHS] + [("-h",), ("get", "--help"), ("create", "deployment", "--help")]
    return cwd, kubectl_many(cases, cwd)


@pytest.mark.parametrize("path", PATHS, ids=" ".join)
def test_help_is_kubectls(oracle, tmp_path, path):
    cwd, answers = oracle
    args = path + ("-h",)
    mine = run_minikubectl(args, cwd, tmp_path / "state.json")
    theirs = answers[args]
    assert theirs.code == 0, f"kubectl has no command {' '.join(path)}"
    assert (mine.stdout, mine.stderr, mine.code) == (theirs.stdout, theirs.stderr, theirs.code)


@pytest.mark.parametrize("args", [("get", "--help"), ("create", "deployment", "--help")], ids=" ".join)
def test_long_help_flag(oracle, tmp_path, args):
    cwd, answers = oracle
    assert run_minikubectl(args, cwd, tmp_path / "state.json").stdout == answers[args].stdout


def test_root_help_lists_only_existing_verbs(oracle, tmp_path):
    """kubectl's root help with exactly the command lines of the verbs minikubectl has."""
    from minikubectl.cli.run import VERBS

    cwd, answers = oracle
    mine = run_minikubectl(("-h",), cwd, tmp_path / "state.json").stdout
    theirs = answers[("-h",)].stdout
    listed = [line.split()[0] for line in mine.splitlines() if line.startswith("  ") and
              line[2:3].isalpha() and "  " in line[3:] and not line.startswith("  kubectl")]
    assert sorted(listed) == sorted(v for v in VERBS if f"\n  {v} " in theirs)
    # Only deletions from kubectl's text: absent verbs' lines, and section headers (with
    # their blank line) left without commands.
    import difflib

    a, b = theirs.splitlines(), mine.splitlines()
    for tag, i1, i2, _j1, _j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        assert tag in ("equal", "delete"), (tag, a[i1:i2])
        for line in a[i1:i2] if tag == "delete" else ():
            name = line.split()[0] if line.strip() else ""
            assert (not line.strip() or line.endswith("Commands:") or line.endswith("):")
                    or (line.startswith("  ") and name not in VERBS)), line
