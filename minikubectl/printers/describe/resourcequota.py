"""``describe resourcequota`` (see quota.py)."""
from minikubectl.printers.describe.quota import describe_quota as describe  # noqa: F401

__all__ = ["describe"]
