"""``create cronjob NAME --image=IMAGE --schedule=SPEC [--restart] [-- COMMAND args]``."""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.generator import Generator, generator_flags, object_meta, pod_template_container

SUMMARY = "Create a cron job with the specified name"
PATH = "kubectl create cronjob"


def flags() -> list[Flag]:
    return generator_flags(Flag("image"), Flag("schedule"), Flag("restart"))


def build(gen: Generator, image: str, schedule: str, restart: str,
          command: list[str]) -> dict[str, Any]:
    """The CronJob kubectl's createCronJob builds."""
    return {
        "kind": "CronJob", "apiVersion": "batch/v1",
        "metadata": object_meta(gen.name, gen.object_namespace),
        "spec": {
            "schedule": schedule,
            "jobTemplate": {
                "metadata": object_meta(gen.name),
                "spec": {"template": {
                    "metadata": object_meta(""),
                    "spec": {"containers": [pod_template_container(gen.name, image, command)],
                             "restartPolicy": restart}}},
            },
        },
        "status": {},
    }


def run(env: Env, parsed: ParsedArgs) -> int:
    for required in ("image", "schedule"):
        if required not in parsed.changed:
            raise errors.ClientError(f'required flag(s) "{required}" not set')
    gen = Generator.complete(env, parsed, PATH)
    obj = build(gen, parsed["image"] or "", parsed["schedule"] or "",
                parsed["restart"] or "OnFailure", parsed.args[1:])
    return gen.emit(obj, failure="failed to create cronjob: ")
