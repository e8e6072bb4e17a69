"""``version``: client and (simulated) server version, in kubectl's formats."""

from __future__ import annotations

from typing import TYPE_CHECKING

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag

if TYPE_CHECKING:
    from typing import Any

    from minikubectl.cli.flags import ParsedArgs

SUMMARY = "Print the client and server version information"

KUSTOMIZE_VERSION = "v5.6.0"


def _info(server: bool) -> dict[str, str]:
    info = {"major": "1", "minor": "33"}
    if server:
        info.update(emulationMajor="1", emulationMinor="33", minCompatibilityMajor="1",
                    minCompatibilityMinor="32")
    info.update(gitVersion="v1.33.1", gitCommit="8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828",
                gitTreeState="clean", buildDate="2025-05-15T08:27:33Z",
                goVersion="go1.24.2", compiler="gc", platform="linux/amd64")
    return info


def flags() -> list[Flag]:
    return [Flag("client", "bool", False), Flag("output", shorthand="o")]


def run(env: Env, parsed: ParsedArgs) -> int:
    output = parsed["output"] or ""
    if output not in ("", "json", "yaml"):
        raise errors.ClientError("--output must be 'yaml' or 'json'")
    data: dict[str, Any] = {"clientVersion": _info(server=False), "kustomizeVersion": KUSTOMIZE_VERSION}
    if not parsed["client"]:
        data["serverVersion"] = _info(server=True)
    if output:
        # The one field kubectl does not print: which minikubectl answered (JSON/YAML only, so
        # the plain text stays kubectl's for scripts that parse it).
        from minikubectl import __version__
        data["minikubectlVersion"] = __version__
    if output == "json":
        import json
        env.stdout.write(json.dumps(data, indent=2) + "\n")
    elif output == "yaml":
        from minikubectl.printers.json_yaml import to_yaml
        env.stdout.write(to_yaml(data) + "\n")
    else:
        env.stdout.write(f"Client Version: {data['clientVersion']['gitVersion']}\n"
                         f"Kustomize Version: {KUSTOMIZE_VERSION}\n")
        if "serverVersion" in data:
            env.stdout.write(f"Server Version: {data['serverVersion']['gitVersion']}\n")
    return 0
