"""The global connection flags of one command line, handed from the dispatcher to the Env."""

from __future__ import annotations


class Overrides:
    """The global flags that override the kubeconfig (``--kubeconfig``, ``--context``, ``-n``...).

    A plain class, not a dataclass: it is built on every command line, so it must cost nothing.
    """

    __slots__ = ("kubeconfig", "context", "cluster", "user", "namespace", "state")

    def __init__(self, kubeconfig: str | None = None, context: str | None = None,
                 cluster: str | None = None, user: str | None = None,
                 namespace: str | None = None, state: str | None = None) -> None:
        self.kubeconfig = kubeconfig
        self.context = context
        self.cluster = cluster
        self.user = user
        self.namespace = namespace
        self.state = state
