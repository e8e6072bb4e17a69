"""Service account tokens as the API server issues them (TokenRequest), JWT-shaped.

The signature is a placeholder: nothing verifies it, but a program that decodes a token
finds the claims a real one carries (issuer, audiences, subject, expiry, the bound pod).
"""

from __future__ import annotations

import base64
import json
from typing import Any

ISSUER = "https://kubernetes.default.svc.cluster.local"
DEFAULT_SECONDS = 3600


def _part(value: dict[str, Any] | str) -> str:
    raw = value.encode() if isinstance(value, str) else json.dumps(value, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def service_account_token(namespace: str, account: str, *, account_uid: str = "",
                          audiences: list[str] | None = None, issued_at: int = 0,
                          seconds: int = DEFAULT_SECONDS, bound: dict[str, str] | None = None,
                          token_id: str = "") -> str:
    """A token for ``system:serviceaccount:<namespace>:<account>`` (``bound``: the object it
    is bound to, ``{"kind": "Pod", "name": ..., "uid": ...}``)."""
    # The claim's members in the Go struct's order: namespace, node, pod, secret, serviceaccount.
    identity: dict[str, Any] = {"namespace": namespace}
    if bound:
        identity[bound["kind"].lower()] = {"name": bound.get("name", ""), "uid": bound.get("uid", "")}
    identity["serviceaccount"] = {"name": account, **({"uid": account_uid} if account_uid else {})}
    claims: dict[str, Any] = {"aud": list(audiences or [ISSUER])}
    if issued_at:
        claims["exp"] = issued_at + seconds
        claims["iat"] = issued_at
    claims["iss"] = ISSUER
    if token_id:
        claims["jti"] = token_id
    claims["kubernetes.io"] = identity
    if issued_at:
        claims["nbf"] = issued_at
    claims["sub"] = f"system:serviceaccount:{namespace}:{account}"
    return ".".join((_part({"alg": "RS256", "kid": "minikubectl"}), _part(claims), _part("simulated-signature")))
