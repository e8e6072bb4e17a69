"""The simulation engine: advances the cluster to "now" (a discrete-event simulation).

``advance(api, now)`` processes everything due between the last advance and ``now``
in time order; ``settle(api)`` lets controllers react at the current instant to what a
verb just wrote. Both are deterministic for a given clock and state.
"""

from __future__ import annotations

from datetime import datetime

from minikubectl.store.apiserver import ApiServer


def advance(api: ApiServer, now: datetime) -> None:
    """Bring the simulated cluster from its last time up to ``now``."""
    settle(api)


def settle(api: ApiServer) -> None:
    """React, at the current instant, to writes made since the last step."""
    from minikubectl.sim import basic

    basic.finish_deletions(api)


def wait_until_gone(api: ApiServer, pending: list, env: object) -> None:
    """Advance simulated time until every pending deletion has completed."""
    settle(api)
