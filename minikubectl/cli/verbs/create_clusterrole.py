"""``create clusterrole NAME``: rules as ``create role`` builds them, non-resource URLs, or an
aggregation rule."""

from __future__ import annotations

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.generator import Generator, generator_flags, object_meta
from minikubectl.cli.verbs import create_role as role

SUMMARY = "Create a cluster role"
PATH = "kubectl create clusterrole"
URL_VERBS = ("*", "get", "post", "put", "delete", "patch", "head", "options")


def flags() -> list[Flag]:
    return generator_flags(Flag("verb", "slice", []), Flag("resource", "slice", []),
                           Flag("resource-name", "array", []), Flag("non-resource-url", "slice", []),
                           Flag("aggregation-rule"))


def _aggregation(text: str) -> dict[str, str]:
    """``k=v,k2=v2`` as cliflag's MapStringString reads it."""
    pairs: dict[str, str] = {}
    for item in text.split(",") if text else []:
        key, sep, value = item.partition("=")
        if not sep:
            raise errors.UsageError(f'invalid argument "{text}" for "--aggregation-rule" flag: malformed pair, '
                                    "expect string=string", PATH)
        pairs[key.strip()] = value.strip()
    return pairs


def _validate(env: Env, name: str, verbs: list[str], resources: list[tuple[str, str, str]], names: list[str],
              urls: list[str], aggregation: dict[str, str]) -> None:
    if not name:
        raise errors.ClientError("name must be specified")
    if aggregation:
        if urls or verbs or resources or names:
            raise errors.ClientError("aggregation rule must be specified without nonResourceURLs, verbs, "
                                     "resources or resourceNames")
        return
    if not verbs:
        raise errors.ClientError("at least one verb must be specified")
    if not resources and not urls:
        raise errors.ClientError("one of resource or nonResourceURL must be specified")
    if resources:
        role.warn_unusual(env, verbs)
        role.check_resources(verbs, resources)
    if urls:
        for verb in verbs:
            if verb not in URL_VERBS:
                raise errors.ClientError(f"invalid verb: '{verb}' for nonResourceURL")
        for url in urls:
            if url == "*":
                continue
            if not url.startswith("/"):
                raise errors.ClientError("nonResourceURL should start with /")
            if "*" in url[:-1]:
                raise errors.ClientError("nonResourceURL only supports wildcard matches when '*' is at the end")


def run(env: Env, parsed: ParsedArgs) -> int:
    urls = role.unique(parsed["non-resource-url"])
    gen = Generator.complete(env, parsed, PATH)
    verbs, resources = role.verbs_of(parsed), role.resources_of(parsed)
    names = role.unique(parsed["resource-name"])
    aggregation = _aggregation(parsed["aggregation-rule"] or "")
    _validate(env, gen.name, verbs, resources, names, urls, aggregation)
    obj = {"kind": "ClusterRole", "apiVersion": "rbac.authorization.k8s.io/v1", "metadata": object_meta(gen.name)}
    if aggregation:
        # rules has no omitempty in the Go type: a client-side dry run shows it as null
        obj["rules"] = None
        obj["aggregationRule"] = {"clusterRoleSelectors": [{"matchLabels": dict(sorted(aggregation.items()))}]}
    else:
        obj["rules"] = role.policy_rules(verbs, resources, names, urls)
    return gen.emit(obj)
