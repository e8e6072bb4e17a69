#!/usr/bin/env python3
"""Record ``kubectl.1.33 <command> -h`` for every kubectl command into cli/helptexts/.

Help text is kubectl's data, not behaviour: minikubectl prints it byte for byte
(cli/help.py), and tests/differential compares it with the binary where installed.
Files are named ``<verb>[_<sub>...].txt``; the root help is ``kubectl.txt``.

Usage: python scripts/record_helptexts.py [PATH_TO_KUBECTL]
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "minikubectl" / "cli" / "helptexts"
_COMMAND_LINE = re.compile(r"^  ([a-z][a-z0-9-]*)(?: +\S.*)?$")
_SECTION = re.compile(r"^(Available Commands|[A-Z][A-Za-z ()]* Commands(?: \([A-Za-z]+\))?):$")


def help_text(kubectl: str, path: list[str]) -> str:
    """kubectl's help for one command path, with no kubeconfig and a fixed environment."""
    env = {"PATH": "/usr/bin:/bin", "KUBECONFIG": "/dev/null", "HOME": "/nonexistent"}
    proc = subprocess.run([kubectl, *path, "-h"], capture_output=True, text=True, env=env, check=True)
    return proc.stdout


def subcommands(text: str) -> list[str]:
    """The command names listed under the help's command sections."""
    names, in_section = [], False
    for line in text.splitlines():
        if _SECTION.match(line):
            in_section = True
            continue
        if not line.strip():
            in_section = False
            continue
        match = _COMMAND_LINE.match(line)
        if in_section and match:
            names.append(match.group(1))
    return names


def main() -> int:
    kubectl = sys.argv[1] if len(sys.argv) > 1 else "/usr/lib/google-cloud-sdk/bin/kubectl.1.33"
    OUT.mkdir(exist_ok=True)
    pending: list[list[str]] = [[]]
    count = 0
    while pending:
        path = pending.pop(0)
        text = help_text(kubectl, path)
        name = "_".join(path) if path else "kubectl"
        (OUT / f"{name}.txt").write_text(text, encoding="utf-8")
        count += 1
        pending += [path + [sub] for sub in subcommands(text) if sub not in ("help",)]
    print(f"{count} help texts in {os.path.relpath(OUT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
