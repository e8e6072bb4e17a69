"""``describe secret``: type and data sizes (never the values, except a service account token)."""

from __future__ import annotations

import base64
from typing import Any

from minikubectl.printers.describe.writer import LEVEL_0, Context, PrefixWriter, s, write_header


def describe(secret: dict[str, Any], ctx: Context) -> str:
    meta = secret.get("metadata") or {}
    w = PrefixWriter()
    write_header(w, meta)
    w.write(LEVEL_0, f"\nType:\t{s(secret.get('type'))}\n")
    w.write(LEVEL_0, "\nData\n====\n")
    data = secret.get("data") or {}
    for key in sorted(data):
        try:
            raw = base64.b64decode(s(data[key]))
        except ValueError:
            raw = b""
        if key == "token" and secret.get("type") == "kubernetes.io/service-account-token":
            w.write(LEVEL_0, f"{key}:\t{raw.decode(errors='replace')}\n")
        else:
            w.write(LEVEL_0, f"{key}:\t{len(raw)} bytes\n")
    return w.text()
