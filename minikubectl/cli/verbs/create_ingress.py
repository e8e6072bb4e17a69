"""``create ingress NAME --rule=host/path=service:port[,tls[=secret]] ...``: an Ingress.

Rules of one host share its ``http.paths``; a path ending in ``*`` is a Prefix path (the
``*`` dropped), others Exact; ``,tls`` puts the host in the TLS list (grouped by secret,
each host once); a port is a number or a name; ``--default-backend=svc:port``,
``--class``, ``--annotation=k=v``. The checks and their wording are kubectl's.
"""

from __future__ import annotations

import re
from typing import Any

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.generator import Generator, generator_flags, object_meta

SUMMARY = "Create an ingress with the specified name"
PATH = "kubectl create ingress"
# host, /path, =service:port, then an optional ,tls[=secret] (RE2's \w is ASCII).
_RULE = re.compile(r"^(?P<host>[\w*\-.]*)(?P<path>/[^,=\n]*)=(?P<svc>[\w\-]+):(?P<port>[\w\-]+)"
                   r"(,(?P<tls>tls)=?(?P<secret>[\w\-]+)?)?$", re.ASCII)


def flags() -> list[Flag]:
    return generator_flags(Flag("class"), Flag("rule", "array", []), Flag("default-backend"),
                           Flag("annotation", "array", []))


def _backend(service: str) -> dict[str, Any]:
    name, port = service.split(":")[0], service.split(":")[1]
    number = re.fullmatch(r"[+-]?[0-9]+", port)
    return {"service": {"name": name, "port": {"number": int(port)} if number else {"name": port}}}


def _path(text: str) -> dict[str, Any]:
    before, service = text.split("=")[0], text.split("=")[1]
    path, kind = "/" + before, "Exact"
    if path.endswith("*"):
        path, kind = path[:-1], "Prefix"
    return {"path": path, "pathType": kind, "backend": _backend(service)}


def _rules(rules: list[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for rule in rules:
        host, _, rest = rule.split(",")[0].partition("/")
        path = _path(rest)
        same = next((r for r in out if r.get("host", "") == host), None)
        if same is not None:
            same["http"]["paths"].append(path)
            continue
        entry: dict[str, Any] = {"host": host} if host else {}
        entry["http"] = {"paths": [path]}
        out.append(entry)
    return out


def _tls(rules: list[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for rule in rules:
        parts = rule.split(",")
        if len(parts) != 2:
            continue
        host = rule.split("/", 1)[0]
        pieces = parts[1].split("=")
        secret = pieces[1] if len(pieces) > 1 else ""
        if host in seen:
            continue
        same = next((t for t in out if t.get("secretName", "") == secret), None)
        seen.add(host)
        if same is not None:
            same.setdefault("hosts", []).append(host)
            continue
        entry: dict[str, Any] = {}
        if host:
            entry["hosts"] = [host]
        if secret:
            entry["secretName"] = secret
        if entry:
            out.append(entry)
    return out


def run(env: Env, parsed: ParsedArgs) -> int:
    gen = Generator.complete(env, parsed, PATH)
    rules, default_backend = list(parsed["rule"]), parsed["default-backend"] or ""
    annotations_given = list(parsed["annotation"])
    if not default_backend and not rules:
        raise errors.ClientError("not enough information provided: every ingress has to either specify a "
                                 "default-backend (which catches all traffic) or a list of rules (which catch "
                                 "specific paths)")
    for rule in rules:
        if not _RULE.match(rule):
            raise errors.ClientError(f"rule {rule} is invalid and should be in format "
                                     "host/path=svcname:svcport[,tls[=secret]]")
    for annotation in annotations_given:
        if "=" not in annotation:
            raise errors.ClientError(f"annotation {annotation} is invalid and should be in format key=[value]")
    if default_backend and len(default_backend.split(":")) != 2:
        raise errors.ClientError("default-backend should be in format servicename:serviceport")
    annotations = dict(a.split("=", 1) for a in annotations_given)
    spec: dict[str, Any] = {}
    if parsed["class"]:
        spec["ingressClassName"] = parsed["class"]
    if default_backend:
        spec["defaultBackend"] = _backend(default_backend)
    tls = _tls(rules)
    if tls:
        spec["tls"] = tls
    built = _rules(rules)
    if built:
        spec["rules"] = built
    meta = object_meta(gen.name, gen.object_namespace)
    if annotations:
        meta["annotations"] = annotations
    obj = {"kind": "Ingress", "apiVersion": "networking.k8s.io/v1", "metadata": meta, "spec": spec,
           "status": {"loadBalancer": {}}}
    return gen.emit(obj, failure="failed to create ingress: ")
