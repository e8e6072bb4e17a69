"""``describe rolebinding`` and ``describe clusterrolebinding`` (see rbac.py)."""
from minikubectl.printers.describe.rbac import describe_binding as describe  # noqa: F401

__all__ = ["describe"]
