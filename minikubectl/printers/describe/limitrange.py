"""``describe limitrange`` (see quota.py)."""
from minikubectl.printers.describe.quota import describe_limit_range as describe  # noqa: F401

__all__ = ["describe"]
