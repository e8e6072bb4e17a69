"""``describe serviceaccount``: image pull secrets, mountable secrets and token secrets."""

from __future__ import annotations

from typing import Any

from minikubectl.printers.describe.events import describe_events, events_for
from minikubectl.printers.describe.writer import LEVEL_0, Context, PrefixWriter, s, write_header

PULL_HEADER = "Image pull secrets:"
SA_NAME_ANNOTATION = "kubernetes.io/service-account.name"


def describe(sa: dict[str, Any], ctx: Context) -> str:
    meta = sa.get("metadata") or {}
    events = events_for(ctx, sa)
    w = PrefixWriter()
    write_header(w, meta)
    sa_name = s(meta.get("name"))
    tokens = [s((sec.get("metadata") or {}).get("name")) for sec in ctx.list_objects("secrets", meta.get("namespace"))
              if sec.get("type") == "kubernetes.io/service-account-token"
              and s(((sec.get("metadata") or {}).get("annotations") or {}).get(SA_NAME_ANNOTATION)) == sa_name]
    sections = {
        "Image pull secrets:": [s(r.get("name")) for r in sa.get("imagePullSecrets") or [] if isinstance(r, dict)],
        "Mountable secrets:": [s(r.get("name")) for r in sa.get("secrets") or [] if isinstance(r, dict)],
        "Tokens:": tokens,
    }
    for header in sorted(sections):
        names = sections[header]
        if not names:
            w.write(LEVEL_0, f"{header}\t<none>\n")
        prefix = header
        for name in names:
            w.write(LEVEL_0, f"{prefix}\t{name}\n")
            prefix = " " * len(PULL_HEADER)
    if events is not None:
        describe_events(events, w, ctx)
    return w.text()
