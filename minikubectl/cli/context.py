"""The injected world of one invocation: streams, environment, clock, state path.

Nothing else in minikubectl reads ``sys.stdout``, ``os.environ`` or the real clock,
which is what makes output reproducible under ``MINIKUBECTL_NOW``.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Callable, Mapping, TextIO

    from minikubectl.cli.kubeconfig import Connection, Identity
    from minikubectl.cli.overrides import Overrides

from minikubectl.api import errors


def parse_rfc3339(text: str) -> datetime:
    """Parse ``MINIKUBECTL_NOW`` (RFC 3339, ``Z`` or an offset, fractions allowed) to aware UTC."""
    from minikubectl.api.timefmt import parse_time

    parsed = parse_time(text)
    if parsed is None:
        raise errors.ClientError(f'invalid MINIKUBECTL_NOW "{text}": expected an RFC 3339 time '
                                 "such as 2026-01-01T00:00:00Z")
    return parsed


class Env:
    """Everything an invocation may touch outside its own memory.

    ``execute``: how a plugin is started: None replaces the process (exec), as kubectl does;
    tests that run in-process pass a function (path, args, environ) -> exit code instead.
    (A plain class, not a dataclass: importing dataclasses costs every command ~10 ms.)
    """

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None,
                 stderr: TextIO | None = None, environ: Mapping[str, str] | None = None,
                 _now: datetime | None = None,
                 execute: Callable[[str, list[str], Mapping[str, str]], int] | None = None) -> None:
        self.stdin = stdin if stdin is not None else sys.stdin
        self.stdout = stdout if stdout is not None else sys.stdout
        self.stderr = stderr if stderr is not None else sys.stderr
        self.environ = environ if environ is not None else dict(os.environ)
        self._now = _now
        self.execute = execute
        # The global connection flags of this command line (--kubeconfig, --context, -n,
        # --as...), set by the dispatcher; the kubeconfig is read only when asked for.
        self.overrides: Overrides | None = None
        self.as_user: str | None = None
        self.as_groups: list[str] = []
        self.as_uid: str | None = None
        # The verb's --field-manager (None: kubectl's default, "kubectl"), for managedFields.
        self.field_manager: str | None = None
        self._connection: "Connection | None" = None

    def __repr__(self) -> str:
        return f"Env(environ={len(self.environ)} variables, now={self._now!r})"

    def now(self) -> datetime:
        """The current time: ``MINIKUBECTL_NOW`` when set, else the real clock (UTC)."""
        if self._now is None:
            fixed = self.environ.get("MINIKUBECTL_NOW")
            self._now = parse_rfc3339(fixed) if fixed else datetime.now(timezone.utc)
        return self._now

    @property
    def fixed_clock(self) -> bool:
        """True when the clock is pinned by ``MINIKUBECTL_NOW`` (waiting advances it)."""
        return bool(self.environ.get("MINIKUBECTL_NOW"))

    def advance_clock(self, now: datetime) -> None:
        """Move this invocation's notion of now (used by waits under a real clock)."""
        self._now = now

    def state_path(self, flag_value: str | None = None) -> Path:
        """``--state``, else ``MINIKUBECTL_STATE``, else the state file of the kubeconfig's
        context (``~/.minikubectl/state.json`` when there is no kubeconfig)."""
        from pathlib import Path  # only commands that open the state need it
        if flag_value:
            return Path(flag_value).expanduser()
        from_env = self.environ.get("MINIKUBECTL_STATE")
        if from_env:
            return Path(from_env).expanduser()
        if self.without_kubeconfig():
            return self._home() / "state.json"
        return self.connection().state_path

    def _home(self) -> Path:
        from pathlib import Path

        return Path(self.environ.get("HOME") or str(Path.home())) / ".minikubectl"

    def without_kubeconfig(self) -> bool:
        """True when no kubeconfig takes part (no flag, no ``$KUBECONFIG``, no default file):
        the common case, answered with one stat and without importing the kubeconfig code."""
        from pathlib import Path

        o = self.overrides
        if o is not None and (o.kubeconfig or o.context or o.cluster or o.user):
            return False
        if self.environ.get("KUBECONFIG"):
            return False
        direct = (o.state if o is not None else None) or self.environ.get("MINIKUBECTL_STATE")
        default = Path(direct).expanduser().parent / "config" if direct else self._home() / "config"
        return not default.exists()

    def is_default_admin(self) -> bool:
        """True when requests are made as minikube's admin user without any check to make."""
        return not self.as_user and not self.as_groups and self.without_kubeconfig()

    def connection(self) -> "Connection":
        """The context, cluster, user and namespace this invocation uses (kubeconfig + flags)."""
        if self._connection is None:
            from minikubectl.cli.kubeconfig import resolve
            from minikubectl.cli.overrides import Overrides
            self._connection = resolve(self.overrides or Overrides(), self.environ)
        return self._connection

    def default_namespace(self) -> str:
        """``-n``, else the current context's namespace, else ``default``."""
        if self.overrides is not None and self.overrides.namespace:
            return self.overrides.namespace
        if self.without_kubeconfig():
            return "default"
        return self.connection().namespace

    def identity(self) -> "Identity":
        """Who this invocation's requests are made as (``--as``/``--as-group`` applied)."""
        from minikubectl.cli.kubeconfig import identity_for
        return identity_for(self.connection(), self.as_user, self.as_groups, self.as_uid)
