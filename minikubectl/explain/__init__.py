"""``kubectl explain`` over the v1.33 schema: schema view, path lookup, plaintext rendering."""

from minikubectl.explain.command import run_explain

__all__ = ["run_explain"]
