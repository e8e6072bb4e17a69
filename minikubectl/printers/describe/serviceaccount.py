"""``describe serviceaccount``: image pull secrets (mountable secrets and tokens are gone in v1.33)."""

from __future__ import annotations

from typing import Any

from minikubectl.printers.describe.events import describe_events, events_for
from minikubectl.printers.describe.writer import LEVEL_0, Context, PrefixWriter, print_annotations, print_labels, s

PULL_HEADER = "Image pull secrets:"


def describe(sa: dict[str, Any], ctx: Context) -> str:
    meta = sa.get("metadata") or {}
    events = events_for(ctx, sa)
    w = PrefixWriter()
    w.write(LEVEL_0, f"Name:\t{s(meta.get('name'))}\n")
    w.write(LEVEL_0, f"Namespace:\t{s(meta.get('namespace'))}\n")
    print_labels(w, "Labels", meta.get("labels"))
    print_annotations(w, "Annotations", meta.get("annotations"))
    names = [s(ref.get("name")) for ref in sa.get("imagePullSecrets") or [] if isinstance(ref, dict)]
    if not names:
        w.write(LEVEL_0, f"{PULL_HEADER}\t<none>\n")
    prefix = PULL_HEADER
    for name in names:
        w.write(LEVEL_0, f"{prefix}\t{name}\n")
        prefix = " " * len(PULL_HEADER)
    if events is not None:
        describe_events(events, w, ctx)
    return w.text()
