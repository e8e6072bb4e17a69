"""``create deployment NAME --image=IMAGE [-- COMMAND args]``: a Deployment labelled app=NAME."""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.generator import Generator, generator_flags, object_meta, pod_template_container

SUMMARY = "Create a deployment with the specified name"
PATH = "kubectl create deployment"


def flags() -> list[Flag]:
    return generator_flags(
        Flag("image", "slice", [], help="Image names to run."),
        Flag("port", "int", -1, help="The port that this container exposes."),
        Flag("replicas", "int", 1, shorthand="r", help="Number of replicas to create. Default is 1."),
    )


def container_name_from_image(image: str) -> str:
    """The image's last path part without tag or digest; ``_``/``.`` become ``-`` plus a suffix."""
    name = image.split("/")[-1]
    name = name.split(":")[0]
    name = name.split("@")[0]
    if "_" in name or "." in name:
        # kubectl appends 5 random characters; a hash of the image keeps output reproducible.
        import hashlib
        from minikubectl.api.labels import GENERATED_NAME_ALPHABET as ALPHABET
        digest = hashlib.sha256(image.encode()).digest()
        suffix = "".join(ALPHABET[b % len(ALPHABET)] for b in digest[:5])
        name = name.replace("_", "-").replace(".", "-") + "-" + suffix
    return name


def build(gen: Generator, images: list[str], command: list[str], replicas: int,
          port: int) -> dict[str, Any]:
    """The Deployment kubectl's createDeployment builds."""
    labels = {"app": gen.name}
    containers = [pod_template_container(container_name_from_image(image), image, command)
                  for image in images]
    if port >= 0 and containers:
        resources = containers[0].pop("resources")
        containers[0]["ports"] = [{"containerPort": port}]
        containers[0]["resources"] = resources
    return {
        "kind": "Deployment",
        "apiVersion": "apps/v1",
        "metadata": object_meta(gen.name, gen.object_namespace, labels),
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": dict(labels)},
            "template": {
                "metadata": object_meta("", "", labels),
                "spec": {"containers": containers},
            },
            "strategy": {},
        },
        "status": {},
    }


def run(env: Env, parsed: ParsedArgs) -> int:
    if "image" not in parsed.changed:
        raise errors.ClientError('required flag(s) "image" not set')
    gen = Generator.complete(env, parsed, PATH)
    images = parsed["image"]
    command = parsed.args[1:]
    if len(images) > 1 and command:
        raise errors.ClientError("cannot specify multiple --image options and command")
    obj = build(gen, images, command, parsed["replicas"], parsed["port"])
    return gen.emit(obj, failure="failed to create deployment: ")

