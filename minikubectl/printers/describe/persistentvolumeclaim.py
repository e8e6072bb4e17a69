"""``describe persistentvolumeclaim`` (see storage.py)."""
from minikubectl.printers.describe.storage import describe_pvc as describe  # noqa: F401

__all__ = ["describe"]
