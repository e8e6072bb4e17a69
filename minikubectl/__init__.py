"""minikubectl: kubectl v1.33 without a cluster, over a local state file."""

__version__ = "0.1.0"

# Set by the process entry point (``minikubectl ...``): the process ends right after one
# command, so what the command decoded is kept here and never freed one object at a time
# (freeing a 10,000-pod state costs more than reading it); see __main__.main.
one_shot = False
keep_until_exit: list[object] = []
