"""``create secret generic NAME [--type] [--from-file] [--from-literal] [--from-env-file]``."""

from __future__ import annotations

from minikubectl.api import errors
from minikubectl.cli import generator_sources as sources
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.generator import Generator
from minikubectl.cli.verbs.create_secret import FAILURE, SecretData, build, secret_flags

SUMMARY = "Create a secret from a local file, directory, or literal value"
PATH = "kubectl create secret generic"


def flags() -> list[Flag]:
    return secret_flags(
        Flag("from-file", "slice", []),
        Flag("from-literal", "array", []),
        Flag("from-env-file", "array", []),
        Flag("type"),
    )


def run(env: Env, parsed: ParsedArgs) -> int:
    gen = Generator.complete(env, parsed, PATH)
    if parsed["from-env-file"] and (parsed["from-file"] or parsed["from-literal"]):
        raise errors.ClientError("from-env-file cannot be combined with from-file or from-literal")
    held = SecretData()
    sources.add_file_sources(parsed["from-file"], held.add)
    sources.add_literal_sources(parsed["from-literal"], held.add)
    sources.add_env_file_sources(parsed["from-env-file"], held.add, "secret", dict(env.environ))
    obj = build(gen, held.data, parsed["type"] or "", parsed["append-hash"])
    return gen.emit(obj, failure=FAILURE)
