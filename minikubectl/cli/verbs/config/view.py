"""``config view``: print the merged (or minified) kubeconfig, secrets redacted unless --raw."""

from __future__ import annotations

import base64
from typing import Any

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.kubeconfig import Config
from minikubectl.cli.verbs.config import common

SUMMARY = "Display merged kubeconfig settings or a specified kubeconfig file"
PATH = "kubectl config view"
# What kubectl prints instead of secrets (client-go's ShortenConfig / RedactSecrets).
DATA_OMITTED = "DATA+OMITTED"
REDACTED = "REDACTED"
DATA_FIELDS = {"clusters": ("certificate-authority-data",),
               "users": ("client-certificate-data", "client-key-data")}
SECRET_FIELDS = ("token", "password")
# Files --flatten embeds: (section, file field, data field).
EMBEDDED = (("clusters", "certificate-authority", "certificate-authority-data"),
            ("users", "client-certificate", "client-certificate-data"),
            ("users", "client-key", "client-key-data"))


def flags() -> list[Flag]:
    return [Flag("allow-missing-template-keys", "bool", True), Flag("flatten", "bool", False),
            Flag("merge", "bool", True), Flag("minify", "bool", False),
            Flag("output", shorthand="o", default="yaml"), Flag("raw", "bool", False),
            Flag("show-managed-fields", "bool", False), Flag("template", default="")]


def minify(config: Config, context_name: str) -> Config:
    """Only the named context, its cluster and its user (client-go's MinifyConfig)."""
    if not context_name:
        raise errors.ClientError("current-context must exist in order to minify")
    context = config.contexts.get(context_name)
    if context is None:
        raise errors.ClientError(f"cannot locate context {context_name}")
    cluster, user = str(context.get("cluster") or ""), str(context.get("user") or "")
    if cluster not in config.clusters:
        raise errors.ClientError(f"cannot locate cluster {cluster}")
    small = Config(contexts={context_name: context}, clusters={cluster: config.clusters[cluster]},
                   current_context=context_name, preferences=config.preferences,
                   extensions=config.extensions)
    if user in config.users:
        small.users[user] = config.users[user]
    elif user:
        raise errors.ClientError(f"cannot locate user {user}")
    return small


def redact(config: Config) -> None:
    """Replace embedded data and secrets as ``kubectl config view`` without ``--raw`` does."""
    for section, names in DATA_FIELDS.items():
        for body in config.section(section).values():
            for name in names:
                if body.get(name):
                    body[name] = DATA_OMITTED
    for body in config.users.values():
        for name in SECRET_FIELDS:
            if body.get(name):
                body[name] = REDACTED


def flatten(config: Config) -> None:
    """Embed the files a config names (client-go's FlattenConfig)."""
    for section, file_field, data_field in EMBEDDED:
        for body in config.section(section).values():
            path = body.get(file_field)
            if path:
                data = common.read_file_bytes(str(path), file_field.replace("-", " "))
                body[data_field] = base64.b64encode(data).decode("ascii")
                del body[file_field]


def run(env: Env, parsed: ParsedArgs) -> int:
    """Print the kubeconfig in the ``-o`` format (YAML by default)."""
    if parsed.args:
        raise errors.CommandUsageError(f"unexpected arguments: [{' '.join(parsed.args)}]", PATH)
    kubeconfig = common.load(env, parsed)
    config = kubeconfig.merged.copy()
    if parsed["minify"]:
        config = minify(config, parsed.get("context") or config.current_context).copy()
    if parsed["flatten"]:
        flatten(config)
    elif not parsed["raw"]:
        redact(config)
    _print(env, parsed, config.to_v1())
    return 0


def _print(env: Env, parsed: ParsedArgs, doc: dict[str, Any]) -> None:
    output = parsed["output"] or "yaml"
    if output == "json":
        # kubectl prints the v1 struct in field order (not sorted as a map would be).
        import json

        text = json.dumps(doc, indent=4, ensure_ascii=False)
        for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
            text = text.replace(char, escape)
        env.stdout.write(text + "\n")
        return
    from minikubectl.printers.flags import PrintOptions, make_printer

    printer = make_printer(PrintOptions(output=output, template=parsed["template"],
                                        allow_missing_template_keys=parsed["allow-missing-template-keys"],
                                        show_managed_fields=True))
    printer.print_obj(doc, env.stdout)
