"""``create poddisruptionbudget NAME --selector=SEL (--min-available=N|--max-unavailable=N)``."""

from __future__ import annotations

import re
from typing import Any

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.generator import Generator, generator_flags, object_meta

SUMMARY = "Create a pod disruption budget with the specified name"
PATH = "kubectl create poddisruptionbudget"
_COUNT_OR_PERCENT = re.compile(r"[0-9]+%?")


def flags() -> list[Flag]:
    return generator_flags(Flag("selector"), Flag("min-available"), Flag("max-unavailable"))


def _int_or_string(text: str) -> int | str:
    """``intstr.Parse``: a number when it reads as one, else the text (a percentage)."""
    return int(text) if text.isdigit() else text


def run(env: Env, parsed: ParsedArgs) -> int:
    from minikubectl.api.labels import to_label_selector

    gen = Generator.complete(env, parsed, PATH)
    selector = parsed["selector"] or ""
    min_available, max_unavailable = parsed["min-available"] or "", parsed["max-unavailable"] or ""
    if not gen.name:
        raise errors.ClientError("name must be specified")
    if not selector:
        raise errors.ClientError("a selector must be specified")
    if not min_available and not max_unavailable:
        raise errors.ClientError("one of min-available or max-unavailable must be specified")
    if min_available and max_unavailable:
        raise errors.ClientError("min-available and max-unavailable cannot be both specified")
    if min_available and not _COUNT_OR_PERCENT.fullmatch(min_available):
        raise errors.ClientError("invalid format specified for min-available")
    if max_unavailable and not _COUNT_OR_PERCENT.fullmatch(max_unavailable):
        raise errors.ClientError("invalid format specified for max-unavailable")
    label_selector = {k: v for k, v in to_label_selector(selector).items() if v}
    spec: dict[str, Any] = {}
    if min_available:
        spec["minAvailable"] = _int_or_string(min_available)
    spec["selector"] = label_selector
    if max_unavailable:
        spec["maxUnavailable"] = _int_or_string(max_unavailable)
    obj = {"kind": "PodDisruptionBudget", "apiVersion": "policy/v1",
           "metadata": object_meta(gen.name, gen.object_namespace), "spec": spec,
           "status": {"disruptionsAllowed": 0, "currentHealthy": 0, "desiredHealthy": 0, "expectedPods": 0}}
    return gen.emit(obj, failure="failed to create poddisruptionbudgets: ")
