"""Shared helpers for the jsonpath / custom-columns / sorting unit tests.

Loads conformance fixtures the way kubectl decodes them (YAML 1.1 -> JSON -> int64/float64)
without depending on minikubectl.io (owned by another module).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import yaml

CONFORMANCE = Path("/work/shared/conformance")
PRINTERS = CONFORMANCE / "printers"
GET = CONFORMANCE / "get"
KUBECTL = "/usr/lib/google-cloud-sdk/bin/kubectl.1.33"
INT64 = (-(1 << 63), (1 << 63) - 1)


def have_kubectl() -> bool:
    return os.access(KUBECTL, os.X_OK)


def normalize(value: Any, from_yaml: bool) -> Any:
    """Apply kubectl's number rule: integral JSON text within int64 is an int, else float."""
    if isinstance(value, dict):
        return {str(k) if not isinstance(k, bool) else str(k).lower(): normalize(v, from_yaml)
                for k, v in value.items()}
    if isinstance(value, list):
        return [normalize(v, from_yaml) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value if INT64[0] <= value <= INT64[1] else float(value)
    if isinstance(value, float):
        if from_yaml and value.is_integer() and INT64[0] <= value <= INT64[1] and abs(value) < 1e21:
            return int(value)
        return value
    return str(value)


class _Loader(yaml.SafeLoader):
    pass


# Dates stay strings (kubectl goes through JSON).
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


import re as _re

# go-yaml v2 differs from PyYAML: "1e3" is a float, "1:30" (sexagesimal) stays a string.
for _first in list("-+0123456789."):
    _Loader.yaml_implicit_resolvers[_first] = [
        (tag, rx) for tag, rx in _Loader.yaml_implicit_resolvers.get(_first, [])
        if tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    _re.compile(r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
                 |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
                 |\.[0-9_]+(?:[eE][-+][0-9]+)?
                 |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""", _re.X),
    list("-+0123456789."))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    _re.compile(r"""^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)
                 |[-+]?0x[0-9a-fA-F_]+)$""", _re.X),
    list("-+0123456789"))


def _construct_float(loader, node):
    text = loader.construct_scalar(node).replace("_", "").lower()
    if text in (".inf", "+.inf"):
        return float("inf")
    if text == "-.inf":
        return float("-inf")
    if text == ".nan":
        return float("nan")
    return float(text)


_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def load_documents(path: Path) -> list[dict]:
    """The objects kubectl would print for ``-f path`` (lists flattened)."""
    text = path.read_text()
    if path.suffix == ".json":
        docs = [json.loads(text)]
        docs = [normalize(d, False) for d in docs]
    else:
        docs = [normalize(d, True) for d in yaml.load_all(text, Loader=_Loader) if d is not None]
    objs: list[dict] = []
    for doc in docs:
        if isinstance(doc.get("items"), list):
            kind = doc.get("kind", "")
            for item in doc["items"]:
                if kind.endswith("List") and kind != "List":
                    item.setdefault("kind", kind[:-4])
                    item.setdefault("apiVersion", doc.get("apiVersion"))
                objs.append(item)
        else:
            objs.append(doc)
    return objs


def noop_label(obj: dict) -> dict:
    """``label --local KEY-``: an object without labels gets ``labels: {}``."""
    meta = obj.setdefault("metadata", {})
    if meta.get("labels") is None:
        meta["labels"] = {}
    return obj


def load_cases(path: Path, predicate) -> list[dict]:
    with open(path) as fh:
        return [c for c in map(json.loads, fh) if predicate(c)]
