"""``config set-credentials NAME``: create or change a user entry."""

from __future__ import annotations

import base64
from typing import Any

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.verbs.config import common

SUMMARY = "Set a user entry in kubeconfig"
PATH = "kubectl config set-credentials"
# Client-certificate flags: (flag, file field, data field).
CERT_FLAGS = (("client-certificate", "client-certificate", "client-certificate-data"),
              ("client-key", "client-key", "client-key-data"))


def flags() -> list[Flag]:
    return [Flag("auth-provider", default=""), Flag("auth-provider-arg", "slice", []),
            Flag("client-certificate", default=""), Flag("client-key", default=""),
            Flag("embed-certs", "bool", False), Flag("exec-api-version", default=""),
            Flag("exec-arg", "slice", []), Flag("exec-command", default=""),
            Flag("exec-env", "array", []), Flag("exec-interactive-mode", default=""),
            Flag("exec-provide-cluster-info", "bool", False), Flag("password", default=""),
            Flag("token", default=""), Flag("username", default="")]


def _pairs(values: list[str], flag: str) -> tuple[dict[str, str], list[str]]:
    """``key=value`` items to set and ``key-`` items to remove."""
    sets: dict[str, str] = {}
    removes: list[str] = []
    for item in values:
        if "=" in item:
            key, _, value = item.partition("=")
            sets[key] = value
        elif item.endswith("-"):
            removes.append(item[:-1])
        else:
            raise errors.ClientError(f'error: {flag} must be formatted as key=value: "{item}"')
    return sets, removes


def run(env: Env, parsed: ParsedArgs) -> int:
    """Merge the given credentials into the named user (kubectl's modifyAuthInfo)."""
    if len(parsed.args) != 1:
        from minikubectl.cli.help import recorded_help

        env.stdout.write(recorded_help(PATH) or "")
        raise errors.ClientError(f"unexpected args: [{' '.join(parsed.args)}]")
    name = parsed.args[0]
    given = parsed.changed
    set_token = "token" in given
    set_basic = "username" in given or "password" in given
    if set_token and set_basic:
        raise errors.ClientError("you cannot specify more than one authentication method at the "
                                 "same time: --token, --username/--password")
    embed = parsed["embed-certs"]
    if embed:
        for flag, _, _ in CERT_FLAGS:
            if flag in given:
                common.read_file_bytes(parsed[flag], flag)
    kubeconfig = common.load(env, parsed)
    changed = kubeconfig.merged.copy()
    user: dict[str, Any] = dict(changed.users.get(name, {}))
    destination = kubeconfig.rules.destination()
    for flag, file_field, data_field in CERT_FLAGS:
        if flag not in given:
            continue
        path = parsed[flag]
        if embed:
            data = common.read_file_bytes(path, flag)
            user[data_field] = base64.b64encode(data).decode("ascii")
            user.pop(file_field, None)
        else:
            user[file_field] = common.portable_path(path, destination) if path else ""
            user.pop(data_field, None)
    if set_token:
        user["token"] = parsed["token"]
    for field in ("username", "password"):
        if field in given:
            user[field] = parsed[field]
    if set_token or set_basic:
        # Setting one authentication method clears the other.
        if not set_token:
            user.pop("token", None)
        if not set_basic:
            user.pop("username", None)
            user.pop("password", None)
    if "auth-provider" in given or "auth-provider-arg" in given:
        provider = dict(user.get("auth-provider") or {})
        if "auth-provider" in given:
            if provider.get("name") != parsed["auth-provider"]:
                provider = {}
            provider["name"] = parsed["auth-provider"]
        sets, removes = _pairs(parsed["auth-provider-arg"], "auth provider args")
        config = dict(provider.get("config") or {})
        config.update(sets)
        for key in removes:
            config.pop(key, None)
        if config:
            provider["config"] = config
        else:
            provider.pop("config", None)
        user["auth-provider"] = {"name": provider.get("name", ""), **provider}
    exec_flags = ("exec-command", "exec-api-version", "exec-arg", "exec-env",
                  "exec-interactive-mode", "exec-provide-cluster-info")
    if any(flag in given for flag in exec_flags):
        _modify_exec(user, parsed)
    changed.users[name] = user
    kubeconfig.save(changed)
    env.stdout.write(f'User "{name}" set.\n')
    return 0


def _modify_exec(user: dict[str, Any], parsed: ParsedArgs) -> None:
    """The ``exec`` stanza's fields in client-go's order."""
    given = parsed.changed
    current = dict(user.get("exec") or {})
    if "exec-command" in given:
        current["command"] = parsed["exec-command"]
    if "exec-api-version" in given:
        current["apiVersion"] = parsed["exec-api-version"]
    if "exec-arg" in given:
        current["args"] = list(parsed["exec-arg"])
    if "exec-env" in given:
        sets, removes = _pairs(parsed["exec-env"], "exec env")
        env_list = [item for item in current.get("env") or []
                    if item.get("name") not in removes and item.get("name") not in sets]
        env_list += [{"name": key, "value": value} for key, value in sets.items()]
        current["env"] = env_list
    if "exec-interactive-mode" in given:
        current["interactiveMode"] = parsed["exec-interactive-mode"]
    current["provideClusterInfo"] = bool(parsed["exec-provide-cluster-info"]) if (
        "exec-provide-cluster-info" in given) else bool(current.get("provideClusterInfo", False))
    order = ("command", "args", "env", "apiVersion", "installHint", "provideClusterInfo",
             "interactiveMode")
    user["exec"] = {k: current[k] for k in order if k in current and
                    (current[k] not in ("", [], None) or k in ("provideClusterInfo", "env"))}
