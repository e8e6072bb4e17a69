"""``set``: change one field of existing objects (image, env, resources, selector, ...)."""

from __future__ import annotations

from minikubectl.cli.flags import Flag

SUMMARY = "Set specific features on objects"

SUBCOMMANDS = {
    "image": "minikubectl.cli.verbs.set_image",
    "env": "minikubectl.cli.verbs.set_env",
    "resources": "minikubectl.cli.verbs.set_resources",
    "selector": "minikubectl.cli.verbs.set_selector",
    "serviceaccount": "minikubectl.cli.verbs.set_serviceaccount",
    "sa": "minikubectl.cli.verbs.set_serviceaccount",
    "subject": "minikubectl.cli.verbs.set_subject",
}


def flags() -> list[Flag]:
    return []
