"""``kubectl explain``: argument checks, resource resolution and error texts.

Flags (no shorthands; ``-o`` is *not* accepted by kubectl explain):
``--recursive[=true|false]``, ``--api-version=GROUP/VERSION``,
``--output=plaintext|plaintext-openapiv2``.
"""

from __future__ import annotations

from typing import TextIO

from minikubectl.api import errors
from minikubectl.explain import render as _render
from minikubectl.explain import resources
from minikubectl.explain.schema import explain_schema

_SUGGEST = 'Use "kubectl api-resources" for a complete list of supported resources.'


def split_request(arg: str, with_prefix: bool) -> tuple[tuple[str, str, str], list[str]]:
    """(group, version, plural) and the field path, as kubectl's explain.Split... do.

    Without ``--api-version`` kubectl picks the first candidate whose ``plural.group``
    prefixes the argument (so ``deployments.apps.spec`` works), else the first one.
    """
    arg = arg.removesuffix(".")
    head = arg.split(".", 1)[0]
    found = resources.candidates(head)
    if not found:
        raise errors.RawError(f'the server doesn\'t have a resource type "{head.lower()}"')
    if with_prefix:
        for res in found:
            qualified = f"{res.plural}.{res.group}" if res.group else res.plural
            if arg.startswith(qualified):
                rest = arg[len(qualified):]
                return (res.group, res.version, res.plural), rest.split(".")[1:] if rest else []
    res = found[0]
    return (res.group, res.version, res.plural), arg.split(".")[1:]


def _parse_group_version(text: str) -> tuple[str, str]:
    if text in ("", "/"):
        return "", ""
    if text.count("/") == 0:
        return "", text
    if text.count("/") == 1:
        group, version = text.split("/")
        return group, version
    raise errors.ClientError(f"unexpected GroupVersion string: {text}")


def run_explain(args: list[str], recursive: bool, api_version: str | None,
                output: str | None, out: TextIO) -> None:
    """Print ``kubectl explain`` output for ``args`` (the positional arguments) to ``out``.

    Raises KubectlError subclasses with kubectl's texts; on an unknown field the
    header has already been written to ``out`` (as kubectl streams it).
    """
    if not args:
        raise errors.ClientError(f"You must specify the type of resource to explain. {_SUGGEST}")
    if len(args) > 1:
        raise errors.ClientError("We accept only this format: explain RESOURCE")
    output = "plaintext" if output is None else output
    (group, version, plural), fields = split_request(args[0], with_prefix=not api_version)
    # TODO(plaintext-openapiv2): kubectl's OpenAPI v2 renderer is not reproduced; the v3
    # plaintext rendering is used for it.
    if api_version:
        group, version = _parse_group_version(api_version)
    gvr = f"{group}/{version}, Resource={plural}"
    if (group, version) not in resources.served_group_versions():
        raise errors.ClientError(f'couldn\'t find resource for "{gvr}"')
    if output not in ("plaintext", "plaintext-openapiv2"):
        raise errors.ClientError(f"unrecognized format: {output}")
    res = resources.served(group, version, plural)
    if res is None:
        raise errors.ClientError(f"GVR ({gvr}) not found in OpenAPI schema")
    schema = explain_schema()
    definition = schema.for_gvk(res.group, res.version, res.kind)
    if definition is None:
        raise errors.ClientError(
            f"GVK map[group:{res.group} kind:{res.kind} version:{res.version}] not found in OpenAPI schema")
    out.write(_render.header(res.group, res.version, res.kind))
    try:
        body = _render.render(schema, definition, fields, recursive)
    except _render.FieldNotFound as missing:
        raise errors.ClientError(f'field "{missing}" does not exist') from None
    out.write(body)
