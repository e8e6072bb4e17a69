"""Endpoints: ``NAME ENDPOINTS AGE`` (at most three ``ip:port``, then ``+ N more...``)."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, lst, mp, n, name_of, s

COLUMNS = (NAME, Column("Endpoints"), AGE)

_MAX = 3


def _host_port(ip: str, port: int) -> str:
    """``net.JoinHostPort``: IPv6 addresses in brackets."""
    return f"[{ip}]:{port}" if ":" in ip else f"{ip}:{port}"


def format_endpoints(obj: dict) -> str:
    """``formatEndpoints`` with all ports."""
    subsets = lst(obj.get("subsets"))
    if not subsets:
        return "<none>"
    shown: list[str] = []
    more = False
    count = 0
    for subset in subsets:
        subset = mp(subset)
        addresses = [s(mp(a).get("ip")) for a in lst(subset.get("addresses"))]
        ports = lst(subset.get("ports"))
        if not ports:
            # Headless services may have no ports: list bare addresses.
            count += len(addresses)
            for ip in addresses:
                if len(shown) == _MAX:
                    more = True
                    break
                shown.append(ip)
            continue
        for port in ports:
            count += len(addresses)
            for ip in addresses:
                if len(shown) == _MAX:
                    more = True
                    break
                shown.append(_host_port(ip, n(mp(port).get("port"))))
    text = ",".join(shown)
    return f"{text} + {count - _MAX} more..." if more else text


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for an endpoints object."""
    return [[name_of(obj), format_endpoints(obj), age_of(obj, now)]]
