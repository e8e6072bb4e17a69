"""``create secret tls NAME --cert=FILE --key=FILE``: a kubernetes.io/tls Secret."""

from __future__ import annotations

import re

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.generator import Generator
from minikubectl.cli.verbs.create_secret import FAILURE, build, secret_flags

SUMMARY = "Create a TLS secret"
PATH = "kubectl create secret tls"
SECRET_TYPE = "kubernetes.io/tls"
_PEM = re.compile(rb"-----BEGIN ([^\n-]*)-----\r?\n.*?-----END \1-----", re.S)


def flags() -> list[Flag]:
    return secret_flags(Flag("cert"), Flag("key"))


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        raise errors.ClientError(f"Cannot read file {path}, open {path}: {reason}") from None


def check_key_pair(cert: bytes, key: bytes) -> None:
    """The PEM checks of Go's tls.X509KeyPair (the key is not matched against the cert)."""
    for data, wanted, what in ((cert, lambda t: t == b"CERTIFICATE", "certificate"),
                               (key, lambda t: t == b"PRIVATE KEY" or t.endswith(b" PRIVATE KEY"),
                                "key")):
        types = [m.group(1) for m in _PEM.finditer(data)]
        if any(wanted(t) for t in types):
            continue
        if not types:
            raise errors.ClientError(f"tls: failed to find any PEM data in {what} input")
        label = "CERTIFICATE" if what == "certificate" else "PRIVATE KEY"
        skipped = " ".join(t.decode("utf-8", "replace") for t in types)
        raise errors.ClientError(f'tls: failed to find "{label}" PEM block in {what} input after '
                                 f"skipping PEM blocks of the following types: [{skipped}]")


def run(env: Env, parsed: ParsedArgs) -> int:
    gen = Generator.complete(env, parsed, PATH)
    cert_path, key_path = parsed["cert"] or "", parsed["key"] or ""
    if not cert_path or not key_path:
        raise errors.ClientError("key and cert must be specified")
    cert, key = _read(cert_path), _read(key_path)
    check_key_pair(cert, key)
    obj = build(gen, {"tls.crt": cert, "tls.key": key}, SECRET_TYPE, parsed["append-hash"])
    return gen.emit(obj, failure=FAILURE)
