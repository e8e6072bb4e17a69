"""What the ``config`` subcommands share: loading the kubeconfig, saving it, argument checks."""

from __future__ import annotations

import os
from pathlib import Path

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import ParsedArgs
from minikubectl.cli.kubeconfig import Kubeconfig, LoadingRules


def rules(env: Env, parsed: ParsedArgs) -> LoadingRules:
    """The loading rules for ``--kubeconfig``, ``$KUBECONFIG`` and the default file."""
    return LoadingRules.from_flags(parsed.get("kubeconfig"), parsed.get("state"), env.environ)


def load(env: Env, parsed: ParsedArgs) -> Kubeconfig:
    """The merged kubeconfig of this invocation."""
    return rules(env, parsed).load()


def unexpected_args(env: Env, path: str, args: list[str]) -> errors.KubectlError:
    """kubectl's ``Unexpected args`` failure: the command's help on stdout, then the error."""
    from minikubectl.cli.help import recorded_help

    env.stdout.write(recorded_help(path) or "")
    return errors.ClientError(f"Unexpected args: [{' '.join(args)}]")


def print_help(env: Env, path: str) -> int:
    """Print the command's help (what some subcommands do when a name is missing)."""
    from minikubectl.cli.help import recorded_help

    env.stdout.write(recorded_help(path) or "")
    return 0


def portable_path(value: str, kubeconfig: Path) -> str:
    """An absolute path, made relative to the kubeconfig's directory when below it."""
    absolute = os.path.abspath(value)
    base = os.path.abspath(str(kubeconfig.parent))
    relative = os.path.relpath(absolute, base)
    return absolute if relative.startswith("..") else relative


def read_file_bytes(path: str, what: str) -> bytes:
    """A file's bytes for ``--embed-certs`` (kubectl's stat error when missing)."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise errors.ClientError(f"could not stat {what} file {path}: stat {path}: "
                                 "no such file or directory") from None
    except OSError as exc:
        raise errors.ClientError(f"open {path}: {(exc.strerror or str(exc)).lower()}") from None
