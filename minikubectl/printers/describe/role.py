"""``describe role`` and ``describe clusterrole`` (see rbac.py)."""
from minikubectl.printers.describe.rbac import describe_role as describe  # noqa: F401

__all__ = ["describe"]
