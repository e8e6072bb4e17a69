"""``describe ingress`` (see network.py)."""
from minikubectl.printers.describe.network import describe_ingress as describe  # noqa: F401

__all__ = ["describe"]
