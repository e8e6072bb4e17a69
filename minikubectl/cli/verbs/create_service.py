"""``create service (clusterip | nodeport | loadbalancer | externalname)``, and what they share."""

from __future__ import annotations

import re
from typing import Any

from minikubectl.api import errors
from minikubectl.api.labels import is_dns1123_subdomain, max_len_error
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.generator import Generator, generator_flags, object_meta

SUMMARY = "Create a service using a specified subcommand"

SUBCOMMANDS = {
    "clusterip": "minikubectl.cli.verbs.create_service_clusterip",
    "nodeport": "minikubectl.cli.verbs.create_service_nodeport",
    "loadbalancer": "minikubectl.cli.verbs.create_service_loadbalancer",
    "externalname": "minikubectl.cli.verbs.create_service_externalname",
}

_INT = re.compile(r"[+-]?[0-9]+")


def flags() -> list[Flag]:
    return []


def service_flags(*extra: Flag) -> list[Flag]:
    """The generator flags plus ``--tcp``."""
    return generator_flags(Flag("tcp", "slice", []), *extra)


def port_name_errors(name: str) -> list[str]:
    """validation.IsValidPortName."""
    found = []
    if len(name) > 15:
        found.append(max_len_error(15))
    if not re.fullmatch(r"[-a-z0-9]+", name):
        found.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
    if not re.search(r"[a-z]", name):
        found.append("must contain at least one letter (a-z)")
    if "--" in name:
        found.append("must not contain consecutive hyphens")
    if name and (name[0] == "-" or name[-1] == "-"):
        found.append("must not begin or end with a hyphen")
    return found


def parse_uint16(text: str) -> int:
    """strconv.ParseUint(text, 10, 16) with Go's error text."""
    if not re.fullmatch(r"[0-9]+", text):
        raise errors.ClientError(f'strconv.ParseUint: parsing "{text}": invalid syntax')
    value = int(text)
    if value > 65535:
        raise errors.ClientError(f'strconv.ParseUint: parsing "{text}": value out of range')
    return value


def parse_tcp(spec: str) -> tuple[int, int | str]:
    """``port[:targetPort]`` -> (port, targetPort as int or port name)."""
    parts = spec.split(":")
    port = parse_uint16(parts[0])
    if len(parts) == 1:
        return port, port
    target = parts[1]
    if _INT.fullmatch(target):
        number = int(target)
        if not 1 <= number <= 65535:
            raise errors.ClientError("must be between 1 and 65535, inclusive")
        return port, number
    problems = port_name_errors(target)
    if problems:
        raise errors.ClientError(",".join(problems))
    return port, target


def build(gen: Generator, service_type: str, tcp: list[str], node_port: int = 0,
          cluster_ip: str = "", external_name: str = "") -> dict[str, Any]:
    """The Service kubectl's createService builds (selector and label app=NAME)."""
    ports = []
    for spec in tcp:
        port, target = parse_tcp(spec)
        entry: dict[str, Any] = {"name": spec.replace(":", "-"), "protocol": "TCP",
                                 "port": port, "targetPort": target}
        if node_port:
            entry["nodePort"] = node_port
        ports.append(entry)
    labels = {"app": gen.name}
    spec_: dict[str, Any] = {}
    if ports:
        spec_["ports"] = ports
    spec_["selector"] = dict(labels)
    if cluster_ip:
        spec_["clusterIP"] = cluster_ip
    spec_["type"] = service_type
    if external_name:
        spec_["externalName"] = external_name
    return {"kind": "Service", "apiVersion": "v1",
            "metadata": object_meta(gen.name, gen.object_namespace, labels),
            "spec": spec_, "status": {"loadBalancer": {}}}


def run_type(env: Env, parsed: ParsedArgs, service_type: str, path: str) -> int:
    """Complete, validate, build and create one service of ``service_type``."""
    if service_type == "ExternalName" and "external-name" not in parsed.changed:
        raise errors.ClientError('required flag(s) "external-name" not set')
    gen = Generator.complete(env, parsed, path)
    cluster_ip = parsed.get("clusterip") or ""
    external_name = parsed.get("external-name") or ""
    tcp = parsed["tcp"]
    if cluster_ip == "None" and service_type != "ClusterIP":
        raise errors.ClientError("ClusterIP=None can only be used with ClusterIP service type")
    if cluster_ip != "None" and not tcp and service_type != "ExternalName":
        raise errors.ClientError("at least one tcp port specifier must be provided")
    if service_type == "ExternalName" and is_dns1123_subdomain(external_name):
        raise errors.ClientError(f"invalid service external name {external_name}")
    obj = build(gen, service_type, tcp, parsed.get("node-port") or 0, cluster_ip, external_name)
    return gen.emit(obj, failure=f"failed to create {service_type} service: ")
