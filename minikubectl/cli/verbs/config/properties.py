"""What ``config set`` and ``config unset`` share: a dotted property path over the kubeconfig.

Paths are those of client-go's ``api.Config`` by JSON name: ``current-context``,
``preferences.<field>``, ``clusters|users|contexts.<name>.<field>[.<key>...]``.
"""

from __future__ import annotations

from typing import Any

from minikubectl.api import errors
from minikubectl.cli.kubeconfig import CLUSTER_FIELDS, CONTEXT_FIELDS, USER_FIELDS, Config

SECTION_FIELDS = {"clusters": CLUSTER_FIELDS, "users": USER_FIELDS, "contexts": CONTEXT_FIELDS}
BOOL_FIELDS = {"insecure-skip-tls-verify", "disable-compression", "colors", "provideClusterInfo"}
BYTES_FIELDS = {"certificate-authority-data", "client-certificate-data", "client-key-data"}
# Fields holding string-keyed maps (a further token is a key).
MAP_FIELDS = {"config", "as-user-extra"}


def split(path: str) -> list[str]:
    """The tokens of a property name (empty tokens dropped, as kubectl does)."""
    return [token for token in path.split(".") if token]


def _unparsable(token: str) -> errors.KubectlError:
    return errors.ClientError(f"unable to parse {token} after [] at api.Config")


def target(config: Config, tokens: list[str], create: bool) -> tuple[dict[str, Any], str] | None:
    """The dict holding the property and its key; None when an entry is missing (unset)."""
    head = tokens[0]
    if head == "current-context" and len(tokens) == 1:
        return None
    if head == "preferences" and len(tokens) == 2:
        return config.preferences, tokens[1]
    if head not in SECTION_FIELDS:
        raise _unparsable(head)
    section = config.section(head)
    if len(tokens) == 1:
        raise errors.ClientError(f"can't set a map to a value: map[{' '.join(sorted(section))}]")
    if len(tokens) == 2:
        return section, tokens[1]  # the whole entry
    name = tokens[1]
    if name not in section:
        if not create:
            raise errors.ClientError(f"current map key `{name}` is invalid")
        section[name] = {"server": ""} if head == "clusters" else (
            {"cluster": "", "user": ""} if head == "contexts" else {})
    holder: dict[str, Any] = section[name]
    field = tokens[2]
    if field not in SECTION_FIELDS[head] and field not in ("exec", "auth-provider"):
        raise errors.ClientError(f"unable to parse {'.'.join(tokens[2:])} after "
                                 f"[{' '.join(tokens[:2])}] at api.{head[:-1].capitalize()}")
    for token in tokens[3:]:
        nested = holder.get(field)
        if not isinstance(nested, dict):
            if not create:
                raise errors.ClientError(f"current map key `{field}` is invalid")
            nested = {}
            holder[field] = nested
        holder, field = nested, token
    return holder, field


def parse_value(field: str, value: str, raw_bytes: bool) -> Any:
    """The typed value of ``field`` (bools as strconv.ParseBool, bytes base64-checked)."""
    if field in BOOL_FIELDS:
        lowered = {"1": True, "t": True, "T": True, "TRUE": True, "true": True, "True": True,
                   "0": False, "f": False, "F": False, "FALSE": False, "false": False,
                   "False": False}
        if value not in lowered:
            raise errors.ClientError(f'strconv.ParseBool: parsing "{value}": invalid syntax')
        return lowered[value]
    if field in BYTES_FIELDS:
        import base64
        import binascii

        if raw_bytes:
            return base64.b64encode(value.encode("utf-8")).decode("ascii")
        try:
            base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise errors.ClientError("illegal base64 data at input byte 0") from None
        return value
    return value
