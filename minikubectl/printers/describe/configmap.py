"""``describe configmap``: data values verbatim, binary data as sizes."""

from __future__ import annotations

import base64
from typing import Any

from minikubectl.printers.describe.events import describe_events, events_for
from minikubectl.printers.describe.writer import LEVEL_0, Context, PrefixWriter, s, write_header


def describe(cm: dict[str, Any], ctx: Context) -> str:
    meta = cm.get("metadata") or {}
    w = PrefixWriter()
    write_header(w, meta)
    w.write(LEVEL_0, "\nData\n====\n")
    data = cm.get("data") or {}
    for key in sorted(data):
        w.write(LEVEL_0, f"{key}:\n----\n")
        w.write(LEVEL_0, f"{s(data[key])}\n")
        w.write(LEVEL_0, "\n")
    w.write(LEVEL_0, "\nBinaryData\n====\n")
    binary = cm.get("binaryData") or {}
    for key in sorted(binary):
        try:
            size = len(base64.b64decode(s(binary[key])))
        except ValueError:
            size = 0
        w.write(LEVEL_0, f"{key}: {size} bytes\n")
    w.write(LEVEL_0, "\n")
    events = events_for(ctx, cm)
    if events is not None:
        describe_events(events, w, ctx)
    return w.text()
