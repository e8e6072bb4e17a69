"""YAML as kustomize reads it (kyaml, i.e. go-yaml v3: YAML 1.2 core scalars) -> JSON values."""

from __future__ import annotations

import re
from typing import Any

from minikubectl.api.errors import ClientError

_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_PLAIN = "!minikubectl-plain"
_CORE_TAGS = {"tag:yaml.org,2002:" + name for name in ("null", "bool", "int", "float")}
_INT_PREFIXES = {"0x": 16, "0o": 8, "0b": 2}


def _plain_int(text: str) -> int | None:
    """strconv.ParseInt(text, 0, 64) after dropping underscores (go-yaml v3's int rule)."""
    plain = text.replace("_", "")
    sign = 1
    body = plain
    if body[:1] in "+-":
        sign = -1 if body[0] == "-" else 1
        body = body[1:]
    if not body:
        return None
    base = 10
    lowered = body[:2].lower()
    if lowered in _INT_PREFIXES and len(body) > 2:
        base = _INT_PREFIXES[lowered]
        body = body[2:]
    elif len(body) > 1 and body[0] == "0":
        base = 8
        body = body[1:]
    try:
        value = sign * int(body, base)
    except ValueError:
        return None
    if not -(1 << 63) <= value < (1 << 63):
        return None
    return value


def resolve_plain(text: str) -> Any:
    """The value of an untagged plain scalar under go-yaml v3's resolver."""
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _TIMESTAMP.match(text):
        stamp = _timestamp_json(text)
        if stamp is not None:
            return stamp
    if text[:1] in "+-.0123456789":
        number = _plain_int(text)
        if number is not None:
            return number
        plain = text.replace("_", "")
        if _FLOAT.match(plain):
            return float(plain)
        if text in (".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"):
            return float("inf")
        if text in ("-.inf", "-.Inf", "-.INF"):
            return float("-inf")
        if text in (".nan", ".NaN", ".NAN"):
            return float("nan")
    return text


_TIMESTAMP = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
                        r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?"
                        r"(?:[ \t]*(Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?$")


def _timestamp_json(text: str) -> str | None:
    """A YAML timestamp as go-yaml v3 decodes it (time.Time) and encoding/json prints it."""
    import datetime

    m = re.match(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})"
                 r"(?:\.([0-9]*))?(?:[ \t]*(Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?$", text)
    if m is None:
        return None
    year, month, day, hour, minute, second, frac, zone = m.groups()
    try:
        datetime.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None
    out = f"{int(year):04d}-{int(month):02d}-{int(day):02d}T{int(hour or 0):02d}:{int(minute or 0):02d}:" \
          f"{int(second or 0):02d}"
    digits = (frac or "")[:9].rstrip("0")
    if digits:
        out += "." + digits
    if not zone or zone == "Z":
        return out + "Z"
    sign, rest = zone[0], zone[1:].replace(":", "")
    hours, minutes = (rest[:-2], rest[-2:]) if len(rest) > 2 else (rest, "00")
    if int(hours) == 0 and int(minutes) == 0:
        return out + "Z"
    return out + f"{sign}{int(hours):02d}:{minutes}"


def _construct(node: Any) -> Any:
    import yaml

    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                merged = _construct(value_node)
                for item in merged if isinstance(merged, list) else [merged]:
                    for key, value in (item or {}).items():
                        out.setdefault(key, value)
                continue
            key = _construct(key_node)
            out[key if isinstance(key, str) else _key_text(key)] = _construct(value_node)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item) for item in node.value]
    tag = node.tag
    if tag == _PLAIN or tag in _CORE_TAGS and not node.style:
        return resolve_plain(node.value)
    return node.value


def _key_text(key: Any) -> str:
    if key is None:
        return "null"
    if key is True or key is False:
        return "true" if key else "false"
    return str(key)


def _loader_class() -> type:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _Loader(base):  # type: ignore[misc, valid-type]
        pass

    # Resolution happens in _construct: the composer only marks untagged plain scalars.
    _Loader.yaml_implicit_resolvers = {}
    _Loader.add_implicit_resolver(_PLAIN, re.compile(r"(?s).*"), None)
    return _Loader


_LOADER: type | None = None


def load_documents(text: str) -> list[Any]:
    """Every non-empty document of a YAML stream, as JSON values (go-yaml v3 rules)."""
    import yaml

    global _LOADER
    if _LOADER is None:
        _LOADER = _loader_class()
    try:
        nodes = list(yaml.compose_all(text, Loader=_LOADER))
    except yaml.YAMLError as exc:
        from minikubectl.io.yaml_nodes import go_yaml_message

        raise YAMLSyntaxError(go_yaml_message(exc)) from None
    return [_construct(node) for node in nodes if node is not None]


class YAMLSyntaxError(ClientError):
    """A YAML text go-yaml refuses."""
