"""Ingresses: ``NAME CLASS HOSTS ADDRESS PORTS AGE``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, dig, lst, mp, name_of, s
from minikubectl.printers.columns.services import load_balancer_addresses

COLUMNS = (NAME, Column("Class"), Column("Hosts"), Column("Address"), Column("Ports"), AGE)

_MAX = 3


def format_hosts(rules: object) -> str:
    """``formatHosts``: the first three rule hosts, ``*`` when none, ``+ N more...``."""
    rule_list = lst(rules)
    hosts: list[str] = []
    more = False
    for rule in rule_list:
        if len(hosts) == _MAX:
            more = True
        host = s(mp(rule).get("host"))
        if not more and host:
            hosts.append(host)
    if not hosts:
        return "*"
    text = ",".join(hosts)
    return f"{text} + {len(rule_list) - _MAX} more..." if more else text


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for an ingress."""
    spec = mp(obj.get("spec"))
    cls = spec.get("ingressClassName")
    return [[
        name_of(obj),
        cls if isinstance(cls, str) else "<none>",
        format_hosts(spec.get("rules")),
        ",".join(load_balancer_addresses(dig(obj, "status", "loadBalancer", "ingress"))),
        "80, 443" if lst(spec.get("tls")) else "80",
        age_of(obj, now),
    ]]
