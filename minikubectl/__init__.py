"""minikubectl: kubectl v1.33 without a cluster, over a local state file."""

__version__ = "0.1.0"
