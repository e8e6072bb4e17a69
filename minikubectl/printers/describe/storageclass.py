"""``describe storageclass`` (see storage.py)."""
from minikubectl.printers.describe.storage import describe_storageclass as describe  # noqa: F401

__all__ = ["describe"]
