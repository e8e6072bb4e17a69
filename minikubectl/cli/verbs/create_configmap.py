"""``create configmap NAME [--from-file] [--from-literal] [--from-env-file] [--append-hash]``."""

from __future__ import annotations

import base64
from typing import Any

from minikubectl.api import errors
from minikubectl.cli import generator_sources as sources
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.generator import Generator, generator_flags, object_meta, sorted_map
from minikubectl.golang.strconv import quote

SUMMARY = "Create a config map from a local file, directory or literal value"
PATH = "kubectl create configmap"


def flags() -> list[Flag]:
    return generator_flags(
        Flag("from-file", "slice", []),
        Flag("from-literal", "array", []),
        Flag("from-env-file", "slice", []),
        Flag("append-hash", "bool", False),
    )


class ConfigMapData:
    """Data and BinaryData, filled key by key with kubectl's checks."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.data: dict[str, str] = {}
        self.binary: dict[str, bytes] = {}

    def add(self, key: str, value: str | bytes) -> None:
        problems = sources.config_map_key_errors(key)
        if problems:
            raise errors.ClientError(
                f"{quote(key)} is not a valid key name for a ConfigMap: {','.join(problems)}")
        for field, held in (("Data", self.data), ("BinaryData", self.binary)):
            if key in held:
                raise errors.ClientError(f"cannot add key {quote(key)}, another key by that name "
                                         f"already exists in {field} for ConfigMap {quote(self.name)}")
        if isinstance(value, bytes):
            self.binary[key] = value
        else:
            self.data[key] = value


def build(gen: Generator, parsed: ParsedArgs, environ: dict[str, str]) -> dict[str, Any]:
    """The ConfigMap kubectl's createConfigMap builds."""
    held = ConfigMapData(gen.name)
    sources.add_file_sources(parsed["from-file"], held.add)
    sources.add_literal_sources(parsed["from-literal"], held.add)
    sources.add_env_file_sources(parsed["from-env-file"], held.add, "config", environ)
    binary = {k: base64.b64encode(v).decode("ascii") for k, v in held.binary.items()}
    name = gen.name
    if parsed["append-hash"]:
        document: dict[str, Any] = {"kind": "ConfigMap", "name": name, "data": held.data}
        if binary:
            document["binaryData"] = binary
        name = f"{name}-{sources.content_hash(document)}"
    obj: dict[str, Any] = {"kind": "ConfigMap", "apiVersion": "v1",
                           "metadata": object_meta(name, gen.object_namespace)}
    if held.data:
        obj["data"] = sorted_map(held.data)
    if binary:
        obj["binaryData"] = sorted_map(binary)
    return obj


def run(env: Env, parsed: ParsedArgs) -> int:
    gen = Generator.complete(env, parsed, PATH)
    if parsed["from-env-file"] and (parsed["from-file"] or parsed["from-literal"]):
        raise errors.ClientError("from-env-file cannot be combined with from-file or from-literal")
    return gen.emit(build(gen, parsed, env.environ), failure="failed to create configmap: ")
