"""Entry point: ``minikubectl ...`` and ``python -m minikubectl ...``."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run minikubectl with ``argv`` (default: the process arguments); return the exit code."""
    args = sys.argv[1:] if argv is None else argv
    if argv is None:
        import minikubectl
        minikubectl.one_shot = True
    if args and args[0] in ("__complete", "__completeNoDesc"):
        # Shell completion (one process per TAB): skip the verb table and its imports.
        from minikubectl.cli.complete import run as run_complete
        return run_complete(args)
    import gc

    # One command per process: cyclic garbage collection only slows down decoding a large
    # state file (it runs over millions of fresh containers), and the process ends soon.
    gc.disable()
    from minikubectl.cli.run import main as run_main

    code = run_main(args)
    import os
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        # Quiet exit when the reader went away (``minikubectl get pods | head -1``).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    if argv is None:
        # The whole process was this one command: end it without freeing every object.
        try:
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        os._exit(code)
    return code


if __name__ == "__main__":
    sys.exit(main())
