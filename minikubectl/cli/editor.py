"""The user's editor, as kubectl starts it: ``KUBE_EDITOR``, else ``EDITOR``, else ``vi``.

This and plugins are the only host programs minikubectl runs. An editor value with spaces
runs through ``$SHELL -c`` (``/bin/bash`` when unset), the file name quoted; otherwise the
program is started directly with the file as its argument.
"""

from __future__ import annotations

import os
import tempfile
from typing import Mapping

from minikubectl.api import errors


def editor_command(environ: Mapping[str, str], path: str) -> list[str]:
    """The argv that edits ``path`` (kubectl's ``NewDefaultEditor`` + ``Launch``)."""
    editor = next((environ[k] for k in ("KUBE_EDITOR", "EDITOR") if environ.get(k)), "vi")
    if " " not in editor:
        return [editor, path]
    shell = environ.get("SHELL") or "/bin/bash"
    return [shell, "-c", f'{editor} "{path}"']


def edit_text(environ: Mapping[str, str], program: str, text: str, ext: str) -> tuple[str, str]:
    """Write ``text`` to a temp file, let the user edit it, return (edited text, file path)."""
    import subprocess

    handle, path = tempfile.mkstemp(prefix=f"{program}-edit-", suffix=ext)
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
        out.write(text)
    argv = editor_command(environ, path)
    # kubectl names the editor by its arguments without the file.
    editor_args = argv[:-1] if argv[0] != (environ.get("SHELL") or "/bin/bash") else argv[:2] + [argv[2].rsplit(" ", 1)[0]]
    try:
        code = subprocess.run(argv, env=dict(environ), check=False).returncode
    except OSError:
        os.remove(path)
        raise errors.ClientError(f'unable to launch the editor "{" ".join(editor_args)}"') from None
    if code != 0:
        quoted = " ".join(f'"{a}"' for a in editor_args)
        raise errors.ClientError(f"there was a problem with the editor [{quoted}]")
    with open(path, encoding="utf-8", newline="") as handle_in:
        return handle_in.read(), path
