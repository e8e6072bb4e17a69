"""``create job NAME --image=IMAGE [-- COMMAND args]`` or ``create job NAME --from=cronjob/NAME``."""

from __future__ import annotations

import copy
from typing import Any

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.generator import Generator, generator_flags, object_meta, pod_template_container

SUMMARY = "Create a job with the specified name"
PATH = "kubectl create job"
INSTANTIATE = "cronjob.kubernetes.io/instantiate"


def flags() -> list[Flag]:
    return generator_flags(Flag("image"), Flag("from"))


def job_from_image(gen: Generator, image: str, command: list[str]) -> dict[str, Any]:
    """The Job kubectl builds from ``--image`` (restartPolicy Never, one container named NAME)."""
    return {
        "kind": "Job", "apiVersion": "batch/v1",
        "metadata": object_meta(gen.name, gen.object_namespace),
        "spec": {"template": {
            "metadata": object_meta(""),
            "spec": {"containers": [pod_template_container(gen.name, image, command)],
                     "restartPolicy": "Never"}}},
        "status": {},
    }


def job_from_cronjob(gen: Generator, cronjob: dict[str, Any]) -> dict[str, Any]:
    """A manual run of ``cronjob``: its job template, owned by it, annotated instantiate=manual."""
    template = (cronjob.get("spec") or {}).get("jobTemplate") or {}
    template_meta = template.get("metadata") or {}
    annotations = {INSTANTIATE: "manual", **(template_meta.get("annotations") or {})}
    cron_meta = cronjob.get("metadata") or {}
    meta = object_meta(gen.name, gen.object_namespace, template_meta.get("labels"), annotations)
    meta["ownerReferences"] = [{"apiVersion": "batch/v1", "kind": "CronJob",
                                "name": cron_meta.get("name", ""), "uid": cron_meta.get("uid", ""),
                                "controller": True}]
    return {"kind": "Job", "apiVersion": "batch/v1", "metadata": meta,
            "spec": copy.deepcopy(template.get("spec") or {}), "status": {}}


def _fetch_cronjob(gen: Generator, source: str) -> dict[str, Any]:
    """The object ``--from`` names (TYPE/NAME), read from the cluster."""
    from minikubectl.cli.session import open_cluster
    kind, sep, name = source.partition("/")
    if not sep or not name:
        raise errors.ClientError("from must be an existing cronjob")
    with open_cluster(gen.env, gen.parsed.get("state")) as api:
        resource = api.registry.resolve_single(kind)
        obj = copy.deepcopy(api.get(resource, gen.namespace, name))
    if resource.kind != "CronJob":
        raise errors.ClientError(f"unknown object type *v1.{resource.kind}")
    return obj


def run(env: Env, parsed: ParsedArgs) -> int:
    gen = Generator.complete(env, parsed, PATH)
    image, source = parsed["image"] or "", parsed["from"] or ""
    command = parsed.args[1:]
    if bool(image) == bool(source):
        raise errors.ClientError("either --image or --from must be specified")
    if command and source:
        raise errors.ClientError("cannot specify --from and command")
    if source:
        obj = job_from_cronjob(gen, _fetch_cronjob(gen, source))
    else:
        obj = job_from_image(gen, image, command)
    return gen.emit(obj, failure="failed to create job: ")
