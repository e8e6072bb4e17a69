"""IngressClasses: ``NAME CONTROLLER PARAMETERS AGE``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, dig, name_of, s

COLUMNS = (NAME, Column("Controller"), Column("Parameters"), AGE)


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for an ingress class: parameters as ``Kind[.group]/name``."""
    params = dig(obj, "spec", "parameters")
    text = "<none>"
    if isinstance(params, dict):
        text = s(params.get("kind"))
        if isinstance(params.get("apiGroup"), str):
            text += "." + params["apiGroup"]
        text += "/" + s(params.get("name"))
    return [[name_of(obj), s(dig(obj, "spec", "controller")), text, age_of(obj, now)]]
