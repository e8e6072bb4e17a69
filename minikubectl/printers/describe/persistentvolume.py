"""``describe persistentvolume`` (see storage.py)."""
from minikubectl.printers.describe.storage import describe_pv as describe  # noqa: F401

__all__ = ["describe"]
