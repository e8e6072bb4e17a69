"""``create secret (generic | docker-registry | tls)``, and what the three share."""

from __future__ import annotations

import base64
from typing import Any

from minikubectl.api import errors
from minikubectl.cli import generator_sources as sources
from minikubectl.cli.flags import Flag
from minikubectl.cli.generator import Generator, generator_flags, object_meta, sorted_map
from minikubectl.golang.strconv import quote

SUMMARY = "Create a secret using a specified subcommand"

SUBCOMMANDS = {
    "generic": "minikubectl.cli.verbs.create_secret_generic",
    "docker-registry": "minikubectl.cli.verbs.create_secret_docker_registry",
    "tls": "minikubectl.cli.verbs.create_secret_tls",
}

FAILURE = "failed to create secret "


def flags() -> list[Flag]:
    return []


def secret_flags(*extra: Flag) -> list[Flag]:
    """The generator flags plus ``--append-hash``."""
    return generator_flags(Flag("append-hash", "bool", False), *extra)


class SecretData:
    """A Secret's data, filled key by key with kubectl's checks."""

    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}

    def add(self, key: str, value: str | bytes) -> None:
        problems = sources.config_map_key_errors(key)
        if problems:
            raise errors.ClientError(
                f"{quote(key)} is not valid key name for a Secret {';'.join(problems)}")
        if key in self.data:
            raise errors.ClientError(f"cannot add key {key}, another key by that name already exists")
        self.data[key] = value.encode("utf-8") if isinstance(value, str) else value


def build(gen: Generator, data: dict[str, bytes], secret_type: str, append_hash: bool) -> dict[str, Any]:
    """corev1.Secret in field order (``data`` then ``type``), named with the hash if asked."""
    encoded = {k: base64.b64encode(v).decode("ascii") for k, v in data.items()}
    name = gen.name
    if append_hash:
        digest = sources.content_hash({"kind": "Secret", "type": secret_type, "name": name,
                                       "data": encoded})
        name = f"{name}-{digest}"
    obj: dict[str, Any] = {"kind": "Secret", "apiVersion": "v1",
                           "metadata": object_meta(name, gen.object_namespace)}
    if encoded:
        obj["data"] = sorted_map(encoded)
    if secret_type:
        obj["type"] = secret_type
    return obj
