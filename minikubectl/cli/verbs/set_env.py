"""``set env``: add, change, remove or list environment variables of pod templates."""

from __future__ import annotations

import re
from typing import Any

from minikubectl.api import errors
from minikubectl.cli import object_update as ou
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass, field

SUMMARY = "Update environment variables on a pod template"
_ENV_ARG = re.compile(r"(?s)^(.+)=(.*)$")
_NOT_ENV_CHAR = re.compile(r"[^A-Za-z0-9_]")


def flags() -> list[Flag]:
    return ou.common_flags() + [
        Flag("containers", default="*", shorthand="c"),
        Flag("env", "array", [], shorthand="e"),
        Flag("from"),
        Flag("keys", "slice", []),
        Flag("list", "bool", False),
        Flag("overwrite", "bool", True),
        Flag("prefix"),
        Flag("resolve", "bool", False),
    ]


def _is_env(arg: str) -> bool:
    return bool(_ENV_ARG.match(arg)) or arg.endswith("-")


def split_environment(args: list[str]) -> tuple[list[str], list[str]]:
    """``SplitEnvironmentFromResources``: resources first, then ``K=V`` / ``K-`` arguments."""
    resources: list[str] = []
    changes: list[str] = []
    for arg in args:
        if _is_env(arg):
            changes.append(arg)
        elif changes:
            raise errors.ClientError("all resources must be specified before environment changes: "
                                     + " ".join(args))
        else:
            resources.append(arg)
    return resources, changes


def parse_env(specs: list[str], stdin: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """``ParseEnv``: variables to set (``-`` reads ``K=V`` lines from stdin) and names to remove."""
    from minikubectl.cli.generator_sources import env_var_name_errors

    env: list[dict[str, Any]] = []
    remove: list[str] = []
    seen: set[str] = set()
    for spec in specs:
        if spec == "-":
            for line in stdin.read().splitlines():
                line = line.split("#", 1)[0]
                if "=" in line:
                    name, _, value = line.partition("=")
                    env.append({"name": name, "value": value})
        elif "=" in spec:
            name, _, value = spec.partition("=")
            problems = env_var_name_errors(name)
            if problems:
                raise errors.ClientError(f'"{name}" is not a valid key name: {";".join(problems)}')
            seen.add(name)
            env.append({"name": name, "value": value})
        elif spec.endswith("-"):
            remove.append(spec[:-1])
        else:
            raise errors.ClientError(f"unknown environment variable: {spec}")
    if any(name in seen for name in remove):
        raise errors.ClientError("can not both modify and remove the same environment variable in the same command")
    return env, remove


def update_env(existing: list[dict[str, Any]], env: list[dict[str, Any]], remove: list[str]) -> list[dict[str, Any]]:
    """Existing variables changed in place, removed ones dropped, new ones appended."""
    wanted = {e["name"]: e for e in env}
    covered = set(remove)
    out: list[dict[str, Any]] = []
    for var in existing:
        name = var.get("name")
        if name in covered:
            continue
        if name in wanted:
            covered.add(name)
            out.append(dict(wanted[name]))
            continue
        out.append(var)
    for var in env:
        if var["name"] not in covered:
            covered.add(var["name"])
            out.append(dict(var))
    return out


def ref_text(source: dict[str, Any]) -> str:
    """``GetEnvVarRefString``: how ``--list`` names a ``valueFrom``."""
    if source.get("configMapKeyRef"):
        ref = source["configMapKeyRef"]
        return f"configmap {ref.get('name', '')}, key {ref.get('key', '')}"
    if source.get("secretKeyRef"):
        ref = source["secretKeyRef"]
        return f"secret {ref.get('name', '')}, key {ref.get('key', '')}"
    if source.get("fieldRef"):
        return f"field path {source['fieldRef'].get('fieldPath', '')}"
    if source.get("resourceFieldRef"):
        ref = source["resourceFieldRef"]
        prefix = f"{ref['containerName']}/" if ref.get("containerName") else ""
        return f"resource field {prefix}{ref.get('resource', '')}"
    return "invalid valueFrom"


@dataclass
class SetEnvOptions:
    """Bound flags of ``set env``."""

    target: ou.Target
    changes: list[str]
    env_params: list[str]
    containers: str
    source: str
    keys: list[str]
    list_only: bool
    overwrite: bool
    prefix: str
    resolve: bool
    output: str
    values: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "SetEnvOptions":
        if parsed["all"] and parsed["selector"]:
            raise errors.ClientError("cannot set --all and --selector at the same time")
        resources, changes = split_environment(parsed.args)
        return cls(target=ou.Target.complete(parsed, resources, "env updated"), changes=changes,
                   env_params=list(parsed["env"]), containers=parsed["containers"], source=parsed["from"] or "",
                   keys=list(parsed["keys"]), list_only=parsed["list"], overwrite=parsed["overwrite"],
                   prefix=parsed["prefix"] or "", resolve=parsed["resolve"], output=parsed["output"] or "")

    def validate(self) -> None:
        target = self.target
        if target.local and target.dry_run == "server":
            raise errors.ClientError("cannot specify --local and --dry-run=server - did you mean --dry-run=client?")
        if not target.filenames and not target.resources:
            raise errors.ClientError("one or more resources must be specified as <resource> <name> or "
                                     "<resource>/<name>")
        if self.list_only and self.output:
            raise errors.ClientError("--list and --output may not be specified together")
        if self.keys and not self.source:
            raise errors.ClientError("when specifying --keys, a configmap or secret must be provided with --from")

    def run(self, env: Env) -> int:
        values, remove = parse_env(self.env_params + self.changes, env.stdin)
        if self.source:
            values += self._from_source(env)
        if self.prefix:
            for var in values:
                var["name"] = self.prefix + var["name"]

        def update(obj: dict[str, Any]) -> None:
            spec = ou.pod_spec_of(obj)
            chosen = (ou.select_containers(spec.get("containers"), self.containers)
                      + ou.select_containers(spec.get("initContainers"), self.containers))
            name = (obj.get("metadata") or {}).get("name", "")
            if not chosen:
                env.stderr.write(f'Warning: {obj.get("kind", "")}/{name} does not have any containers matching '
                                 f'"{self.containers}"\n')
                return
            for container in chosen:
                if not self.overwrite:
                    _check_no_overwrite(container.get("env") or [], values)
                updated = update_env(container.get("env") or [], values, remove)
                if updated or "env" in container:
                    container["env"] = updated
                if self.list_only:
                    self._list(env, obj, container)

        if self.list_only:
            def each(api: Any, resource: Any, obj: dict[str, Any], found: list[errors.KubectlError]) -> None:
                try:
                    update(obj)
                except ou.ObjectError as exc:
                    found.append(errors.RawError(f"error: {ou.object_label(obj, resource)} {exc}"))
            return self.target.visit(env, each)
        self.target.failure = "failed to patch env update to pod template: "
        return self.target.run(env, update)

    def _list(self, env: Env, obj: dict[str, Any], container: dict[str, Any]) -> None:
        env.stdout.write(f"# {obj.get('kind', '')} {(obj.get('metadata') or {}).get('name', '')}, "
                         f"container {container.get('name', '')}\n")
        for var in container.get("env") or []:
            if not var.get("valueFrom"):
                env.stdout.write(f"{var.get('name', '')}={var.get('value', '')}\n")
            else:
                env.stdout.write(f"# {var.get('name', '')} from {ref_text(var['valueFrom'])}\n")

    def _from_source(self, env: Env) -> list[dict[str, Any]]:
        from minikubectl.cli.resources import Selection, select
        from minikubectl.cli.session import open_cluster

        found: list[dict[str, Any]] = []
        with open_cluster(env, self.target.state) as api:
            fetched = select(api, env.stdin, Selection([self.source], namespace=self.target.namespace),
                             read_only=True)
            if fetched.errors:
                raise fetched.errors[0]
            for resource, obj in fetched.pairs:
                if resource.kind == "Secret":
                    ref = "secretKeyRef"
                elif resource.kind == "ConfigMap":
                    ref = "configMapKeyRef"
                else:
                    raise errors.ClientError("unsupported resource specified in --from")
                # Go ranges over a map: the order is random there; sorted here, to be reproducible.
                for key in sorted(obj.get("data") or {}):
                    if not self.keys or key in self.keys:
                        found.append({"name": _NOT_ENV_CHAR.sub("_", key).upper(),
                                      "valueFrom": {ref: {"name": obj["metadata"]["name"], "key": key}}})
        return found


def _check_no_overwrite(existing: list[dict[str, Any]], values: list[dict[str, Any]]) -> None:
    current = {e.get("name"): e for e in existing}
    for var in values:
        old = current.get(var["name"])
        if old is not None and old.get("value", "") != var.get("value", ""):
            raise ou.ObjectError(f"'{old.get('name')}' already has a value ({old.get('value', '')}), and "
                                 "--overwrite is false")


def run(env: Env, parsed: ParsedArgs) -> int:
    options = SetEnvOptions.complete(parsed)
    options.validate()
    return options.run(env)
