"""``config set-cluster NAME``: create or change a cluster entry."""

from __future__ import annotations

import base64

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.verbs.config import common

SUMMARY = "Set a cluster entry in kubeconfig"
PATH = "kubectl config set-cluster"


def flags() -> list[Flag]:
    return [Flag("certificate-authority", default=""), Flag("embed-certs", "bool", False),
            Flag("insecure-skip-tls-verify", "bool", False), Flag("proxy-url", default=""),
            Flag("server", default=""), Flag("tls-server-name", default="")]


def run(env: Env, parsed: ParsedArgs) -> int:
    """Merge the given fields into the named cluster (kubectl's modifyCluster)."""
    if len(parsed.args) != 1:
        raise common.unexpected_args(env, PATH, parsed.args)
    name = parsed.args[0]
    given = parsed.changed
    ca_path = parsed["certificate-authority"] if "certificate-authority" in given else ""
    if parsed["embed-certs"]:
        if not ca_path:
            raise errors.ClientError("you must specify a --certificate-authority to embed")
        data = common.read_file_bytes(ca_path, "certificate-authority")
    kubeconfig = common.load(env, parsed)
    changed = kubeconfig.merged.copy()
    cluster = dict(changed.clusters.get(name, {}))
    cluster.setdefault("server", "")
    for field in ("server", "tls-server-name", "proxy-url"):
        if field in given:
            cluster[field] = parsed[field]
    if "insecure-skip-tls-verify" in given:
        cluster["insecure-skip-tls-verify"] = parsed["insecure-skip-tls-verify"]
        if parsed["insecure-skip-tls-verify"]:
            # An insecure cluster keeps no certificate authority.
            cluster.pop("certificate-authority", None)
            cluster.pop("certificate-authority-data", None)
    if "certificate-authority" in given:
        if parsed["embed-certs"]:
            cluster["certificate-authority-data"] = base64.b64encode(data).decode("ascii")
            cluster.pop("certificate-authority", None)
        else:
            cluster["certificate-authority"] = common.portable_path(ca_path, kubeconfig.rules.destination())
            cluster.pop("certificate-authority-data", None)
        if ca_path:
            cluster["insecure-skip-tls-verify"] = False
    changed.clusters[name] = cluster
    kubeconfig.save(changed)
    env.stdout.write(f'Cluster "{name}" set.\n')
    return 0
