"""``describe endpoints`` (see network.py)."""
from minikubectl.printers.describe.network import describe_endpoints as describe  # noqa: F401

__all__ = ["describe"]
