"""``describe networkpolicy`` (see network.py)."""
from minikubectl.printers.describe.network import describe_network_policy as describe  # noqa: F401

__all__ = ["describe"]
