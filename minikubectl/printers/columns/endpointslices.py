"""EndpointSlices: ``NAME ADDRESSTYPE PORTS ENDPOINTS AGE``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, lst, mp, name_of, s

COLUMNS = (NAME, Column("AddressType"), Column("Ports"), Column("Endpoints"), AGE)

_MAX = 3


def _list_with_more(items: list[str]) -> str:
    """``listWithMoreString``: the first three, ``+ N more...``, or ``<unset>`` when empty."""
    if len(items) > _MAX:
        return f"{','.join(items[:_MAX])} + {len(items) - _MAX} more..."
    return ",".join(items) or "<unset>"


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for an endpoint slice."""
    ports = []
    for port in lst(obj.get("ports")):
        port = mp(port)
        if isinstance(port.get("port"), int):
            ports.append(str(port["port"]))
        elif isinstance(port.get("name"), str):
            ports.append(port["name"])
        else:
            ports.append("*")
    addresses = [s(a) for ep in lst(obj.get("endpoints")) for a in lst(mp(ep).get("addresses"))]
    return [[name_of(obj), s(obj.get("addressType")), _list_with_more(ports),
             _list_with_more(addresses), age_of(obj, now)]]
