"""``run NAME --image=IMAGE [...] [-- args]``: create a Pod (kubectl's run-pod/v1 generator).

Attaching (``-i``, ``-t``, ``--attach``, ``--rm``) is in :mod:`run_attach`.
"""

from __future__ import annotations

import re
from typing import Any

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.generator import (Generator, apply_overrides, generator_flags, object_meta, parse_pairs,
                                      usage_error)

SUMMARY = "Run a particular image on the cluster"
PATH = "kubectl run"
RESTART_POLICIES = ("Always", "OnFailure", "Never")
PULL_POLICIES = ("Always", "IfNotPresent", "Never", "")
# distribution/reference's ReferenceRegexp, in Python's syntax.
_ALNUM = r"[a-z0-9]+"
_SEP = r"(?:[._]|__|[-]+)"
_COMPONENT = rf"{_ALNUM}(?:{_SEP}{_ALNUM})*"
_DOMAIN_PART = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN = rf"(?:{_DOMAIN_PART}(?:\.{_DOMAIN_PART})*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?"
_REFERENCE = re.compile(rf"(?:{_DOMAIN}/)?{_COMPONENT}(?:/{_COMPONENT})*"
                        rf"(?::[\w][\w.-]{{0,127}})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*"
                        rf":[0-9a-fA-F]{{32,}})?")


def flags() -> list[Flag]:
    return generator_flags(
        Flag("image"),
        Flag("port"),
        Flag("labels", shorthand="l"),
        Flag("env", "array", []),
        Flag("annotations", "array", []),
        Flag("restart", default="Always"),
        Flag("command", "bool", False),
        Flag("overrides"),
        Flag("override-type", default="merge"),
        Flag("image-pull-policy"),
        Flag("privileged", "bool", False),
        Flag("expose", "bool", False),
        Flag("stdin", "bool", False, shorthand="i"),
        Flag("tty", "bool", False, shorthand="t"),
        Flag("attach", "bool", False),
        Flag("leave-stdin-open", "bool", False),
        Flag("rm", "bool", False),
        Flag("quiet", "bool", False, shorthand="q"),
        Flag("pod-running-timeout", default="1m0s"),
        Flag("filename", "slice", [], shorthand="f"),
        Flag("recursive", "bool", False, shorthand="R"),
        Flag("kustomize", shorthand="k"),
        Flag("cascade", default="background", no_opt_default="background"),
        Flag("force", "bool", False),
        Flag("grace-period", "int", -1),
        Flag("timeout", default="0s"),
        Flag("wait", "bool", False),
        field_manager="kubectl-run",
    )


def parse_envs(specs: list[str]) -> list[dict[str, str]]:
    """``--env NAME=value`` entries as EnvVars."""
    from minikubectl.cli.generator_sources import env_var_name_errors
    envs = []
    for spec in specs:
        name, sep, value = spec.partition("=")
        if not sep or not name or env_var_name_errors(name):
            raise errors.ClientError(f"invalid env: {spec}")
        envs.append({"name": name, "value": value})
    return envs


def build_pod(gen: Generator, parsed: ParsedArgs, args: list[str], restart: str) -> dict[str, Any]:
    """The Pod kubectl's BasicPod generator builds, in Go field order."""
    name = gen.name
    labels = (parse_pairs(parsed["labels"].split(","), "label") if parsed["labels"]
              else {"run": name})
    annotations = parse_pairs(parsed["annotations"], "annotation")
    container: dict[str, Any] = {"name": name, "image": parsed["image"]}
    if args:
        container["command" if parsed["command"] else "args"] = list(args)
    port = parsed["port"] or ""
    if port:
        if not re.fullmatch(r"[+-]?[0-9]+", port):
            raise errors.ClientError(f'strconv.Atoi: parsing "{port}": invalid syntax')
        if int(port) > -1:
            container["ports"] = [{"containerPort": int(port)}]
    envs = parse_envs(parsed["env"])
    if envs:
        container["env"] = envs
    container["resources"] = {}
    if parsed["image-pull-policy"]:
        container["imagePullPolicy"] = parsed["image-pull-policy"]
    if parsed["privileged"]:
        container["securityContext"] = {"privileged": True}
    meta = object_meta(name, gen.object_namespace, labels, annotations)
    return {"kind": "Pod", "apiVersion": "v1", "metadata": meta,
            "spec": {"containers": [container], "restartPolicy": restart, "dnsPolicy": "ClusterFirst"},
            "status": {}}


def run(env: Env, parsed: ParsedArgs) -> int:
    before_dash = len(parsed.args) - len(parsed.dash_args)
    if not parsed.args or before_dash == 0:
        raise usage_error("NAME is required for run", PATH)
    gen = Generator.complete(env, parsed, PATH, name=parsed.args[0])
    image = parsed["image"] or ""
    if not image:
        raise errors.ClientError("--image is required")
    if not _REFERENCE.fullmatch(image):
        raise errors.ClientError(f'Invalid image name "{image}": invalid reference format')
    interactive = parsed["stdin"]
    attach = parsed["attach"] if "attach" in parsed.changed else interactive
    if parsed["tty"] and not interactive:
        raise usage_error("-i/--stdin is required for containers with -t/--tty=true", PATH)
    if parsed["expose"] and not parsed["port"]:
        raise usage_error("--port must be set when exposing a service", PATH)
    restart = parsed["restart"] or ("OnFailure" if interactive else "Always")
    if restart not in RESTART_POLICIES:
        raise usage_error(f"invalid restart policy: {restart}", PATH)
    if parsed["rm"] and not attach:
        raise usage_error("--rm should only be used for attached containers", PATH)
    if attach and gen.dry_run != "none":
        raise usage_error("--dry-run=[server|client] can't be used with attached containers "
                          "options (--attach, --stdin, or --tty)", PATH)
    if parsed["image-pull-policy"] not in PULL_POLICIES and parsed["image-pull-policy"] is not None:
        raise usage_error(f"invalid image pull policy: {parsed['image-pull-policy']}", PATH)
    pod = build_pod(gen, parsed, parsed.args[1:], restart)
    if parsed["overrides"]:
        pod = apply_overrides(pod, parsed["overrides"], parsed["override-type"] or "merge")
    if attach:
        from minikubectl.cli.verbs.run_attach import run_attached
        from minikubectl.sim.clock import parse_go_duration
        if interactive:
            container = pod["spec"]["containers"][0]
            container["stdin"] = True
            container["stdinOnce"] = True
            if parsed["tty"]:
                container["tty"] = True
        return run_attached(env, gen, pod, restart, parsed["rm"], interactive,
                            parse_go_duration(parsed["pod-running-timeout"] or "1m0s"), parsed["quiet"])
    if parsed["expose"]:
        from minikubectl.cli.verbs.expose import service_for_run
        gen.emit(service_for_run(gen, pod, parsed["port"]))
    return gen.emit(pod)
