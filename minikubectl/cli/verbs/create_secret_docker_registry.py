"""``create secret docker-registry NAME --docker-username --docker-password [--docker-server]``."""

from __future__ import annotations

import base64

from minikubectl.api import errors
from minikubectl.cli import generator_sources as sources
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.generator import Generator
from minikubectl.cli.verbs.create_secret import FAILURE, SecretData, build, secret_flags

SUMMARY = "Create a secret for use with a Docker registry"
PATH = "kubectl create secret docker-registry"
CONFIG_KEY = ".dockerconfigjson"
SECRET_TYPE = "kubernetes.io/dockerconfigjson"


def flags() -> list[Flag]:
    return secret_flags(
        Flag("docker-username"),
        Flag("docker-password"),
        Flag("docker-email"),
        Flag("docker-server", default="https://index.docker.io/v1/"),
        Flag("from-file", "slice", []),
    )


def docker_config_json(username: str, password: str, email: str, server: str) -> bytes:
    """The ``~/.docker/config.json`` document kubectl writes (Go struct order, omitempty)."""
    from minikubectl.golang.json import marshal
    auth = base64.b64encode(f"{username}:{password}".encode("utf-8")).decode("ascii")
    entry = {key: value for key, value in (("username", username), ("password", password),
                                           ("email", email), ("auth", auth)) if value}
    return marshal({"auths": {server: entry}}, sort_keys=False).encode("utf-8")


def run(env: Env, parsed: ParsedArgs) -> int:
    gen = Generator.complete(env, parsed, PATH)
    # A bare path is stored under .dockerconfigjson.
    files = [f if "=" in f else f"{CONFIG_KEY}={f}" for f in parsed["from-file"]]
    username, password = parsed["docker-username"] or "", parsed["docker-password"] or ""
    server, email = parsed["docker-server"] or "", parsed["docker-email"] or ""
    if not files and not (username and password and server):
        raise errors.ClientError("either --from-file or the combination of --docker-username, "
                                 "--docker-password and --docker-server is required")
    held = SecretData()
    if files:
        sources.add_file_sources(files, held.add)
    else:
        held.data[CONFIG_KEY] = docker_config_json(username, password, email, server)
    obj = build(gen, held.data, SECRET_TYPE, parsed["append-hash"])
    return gen.emit(obj, failure=FAILURE)
