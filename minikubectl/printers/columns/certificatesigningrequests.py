"""CertificateSigningRequests: ``NAME AGE SIGNERNAME REQUESTOR REQUESTEDDURATION CONDITION``."""

from __future__ import annotations

from datetime import datetime

from minikubectl.printers.columns import Cell, Column
from minikubectl.printers.columns._common import AGE, NAME, age_of, dig, lst, mp, name_of, s
from minikubectl.printers.duration import human_duration

COLUMNS = (NAME, AGE, Column("SignerName"), Column("Requestor"), Column("RequestedDuration"),
           Column("Condition"))


def csr_condition(obj: dict) -> str:
    """Denied/Approved/Pending, then ``,Failed`` and ``,Issued``."""
    types = {mp(c).get("type") for c in lst(dig(obj, "status", "conditions"))}
    status = "Denied" if "Denied" in types else "Approved" if "Approved" in types else "Pending"
    if "Failed" in types:
        status += ",Failed"
    if s(dig(obj, "status", "certificate")):
        status += ",Issued"
    return status


def rows(obj: dict, now: datetime) -> list[list[Cell]]:
    """One row for a CSR."""
    spec = mp(obj.get("spec"))
    seconds = spec.get("expirationSeconds")
    return [[
        name_of(obj),
        age_of(obj, now),
        s(spec.get("signerName")) or "<none>",
        s(spec.get("username")),
        human_duration(seconds) if isinstance(seconds, int) else "<none>",
        csr_condition(obj),
    ]]
