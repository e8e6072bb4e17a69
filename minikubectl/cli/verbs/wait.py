"""``wait``: wait for a condition on one or many resources.

With a fixed clock (``MINIKUBECTL_NOW``) the wait advances simulated time, up to the
timeout, instead of sleeping; with the real clock it sleeps until the next simulated
change is due.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Callable

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.resources import Filters
from minikubectl.golang.structs import dataclass

SUMMARY = "Experimental: Wait for a specific condition on one or many resources"
WEEK_MS = 168 * 3_600_000


def flags() -> list[Flag]:
    return opt.filename_flags() + opt.print_flags() + [
        Flag("selector", shorthand="l"),
        Flag("field-selector"),
        Flag("all", "bool", False),
        Flag("all-namespaces", "bool", False, shorthand="A"),
        Flag("for"),
        Flag("timeout", "duration", "30s"),
        Flag("local", "bool", False),
    ]


@dataclass
class WaitOptions:
    """Bound flags of ``wait``."""

    args: list[str]
    filenames: list[str]
    recursive: bool
    namespace: str
    all_namespaces: bool
    filters: Filters
    all: bool
    condition: str
    timeout_ms: int
    output: str
    state: str | None

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "WaitOptions":
        from minikubectl.sim.clock import parse_go_duration

        namespace, _ = opt.namespace_of(parsed)
        text = parsed["timeout"] or "30s"
        try:
            timeout = parse_go_duration(text)
        except ValueError as exc:
            raise errors.ClientError(f'invalid argument "{text}" for "--timeout" flag: {exc}') from None
        if timeout < 0:
            timeout = WEEK_MS
        return cls(args=parsed.args, filenames=parsed["filename"], recursive=parsed["recursive"],
                   namespace=namespace, all_namespaces=parsed["all-namespaces"],
                   filters=Filters(parsed["selector"] or "", parsed["field-selector"] or ""),
                   all=parsed["all"], condition=parsed["for"] or "", timeout_ms=timeout,
                   output=parsed["output"] or "", state=parsed["state"])

    def validate(self) -> Callable[[dict[str, Any] | None], bool]:
        if not self.condition:
            raise errors.ClientError("--for must be specified")
        if not self.args and not self.filenames:
            raise errors.ClientError("resource(s) were provided, but no name was specified"
                                     if self.args else "You must provide one or more resources by argument or "
                                     "filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n"
                                     "   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'")
        return condition_for(self.condition)

    def run(self, env: Env, predicate: Callable[[dict[str, Any] | None], bool]) -> int:
        from minikubectl.cli.session import open_cluster
        from minikubectl.sim import engine

        is_delete = self.condition.lower() == "delete"
        is_create = self.condition.lower() == "create"
        with open_cluster(env, self.state) as api:
            deadline = api.now + timedelta(milliseconds=self.timeout_ms)
            targets = self._targets(api, env, allow_missing=is_delete or is_create)
            if not targets:
                if is_delete:
                    return 0
                raise errors.ClientError("no matching resources found")
            for resource, ns, name, uid in targets:
                def current() -> dict[str, Any] | None:
                    obj = api.peek(resource, ns, name)
                    if obj is not None and is_delete and uid and obj["metadata"].get("uid") != uid:
                        return None
                    return obj

                met = engine.run_until(api, lambda: predicate(current()), deadline, env)
                if not met:
                    plural = resource.qualified_plural
                    raise errors.ClientError(f"timed out waiting for the condition on {plural}/{name}")
                if self.output == "name":
                    env.stdout.write(f"{resource.qualified_kind}/{name}\n")
                else:
                    env.stdout.write(f"{resource.qualified_kind}/{name} condition met\n")
        return 0

    def _targets(self, api: Any, env: Env, allow_missing: bool) -> list[tuple[Any, str | None, str, str]]:
        from minikubectl.cli.resources import fetch, iter_manifest_objects, parse_resource_args

        out = []
        if self.filenames:
            for doc in iter_manifest_objects(self.filenames, self.recursive, env.stdin):
                resource = api.resource_for(doc.obj)
                meta = doc.obj.get("metadata") or {}
                ns = (meta.get("namespace") or self.namespace) if resource.namespaced else None
                obj = api.peek(resource, ns, meta.get("name", ""))
                if obj is None and not allow_missing:
                    raise errors.not_found(resource.qualified_plural, meta.get("name", ""))
                out.append((resource, ns, meta.get("name", ""), (obj or {}).get("metadata", {}).get("uid", "")))
            return out
        request = parse_resource_args(self.args, api.registry)
        if any(t.name is None for t in request.targets) and not (self.all or self.filters):
            raise errors.ClientError("resource(s) were provided, but no name was specified")
        for target in request.targets:
            resource = target.resource
            ns = self.namespace if resource.namespaced else None
            if target.name is not None:
                obj = api.peek(resource, ns, target.name)
                if obj is None and not allow_missing:
                    raise errors.not_found(resource.qualified_plural, target.name)
                out.append((resource, ns, target.name, (obj or {}).get("metadata", {}).get("uid", "")))
                continue
            from minikubectl.cli.resources import Request
            fetched = fetch(api, Request([target]), self.namespace, self.all_namespaces, self.filters)
            for res, obj in fetched.pairs:
                meta = obj["metadata"]
                out.append((res, meta.get("namespace"), meta["name"], meta.get("uid", "")))
        return out


def condition_for(text: str) -> Callable[[dict[str, Any] | None], bool]:
    """The predicate of ``--for`` (``delete``, ``create``, ``condition=X[=v]``, ``jsonpath=...``)."""
    lowered = text.lower()
    if lowered == "delete":
        return lambda obj: obj is None
    if lowered == "create":
        return lambda obj: obj is not None
    if text.startswith("condition="):
        name = text[len("condition="):]
        value = "true"
        if "=" in name:
            name, value = name.split("=", 1)

        def has_condition(obj: dict[str, Any] | None) -> bool:
            if obj is None:
                return False
            for cond in (obj.get("status") or {}).get("conditions") or []:
                if str(cond.get("type", "")).lower() == name.lower():
                    return str(cond.get("status", "")).lower() == value.lower()
            return False
        return has_condition
    if text.startswith("jsonpath="):
        return _jsonpath_condition(text[len("jsonpath="):])
    raise errors.ClientError(f"unrecognized condition: {_go_quote(text)}")


def _jsonpath_condition(spec: str) -> Callable[[dict[str, Any] | None], bool]:
    from minikubectl.printers import jsonpath
    from minikubectl.printers.custom_columns import relaxed_jsonpath

    expression, sep, value = _split_jsonpath(spec)
    if not expression:
        raise errors.ClientError("jsonpath expression cannot be empty")
    if sep and not value:
        raise errors.ClientError("jsonpath wait condition cannot be empty")
    value = value.strip("'\"")
    try:
        parsed = jsonpath.parse(relaxed_jsonpath(expression))
    except Exception as exc:  # the parser's own message
        raise errors.ClientError(str(exc)) from None

    def check(obj: dict[str, Any] | None) -> bool:
        if obj is None:
            return False
        try:
            results = jsonpath.find_results(parsed, obj)
        except Exception:
            return False
        values = [v for group in results for v in group]
        if not values:
            return False
        if not sep:
            return True
        return all(jsonpath.format_result(v) == value for v in values)
    return check


def _split_jsonpath(spec: str) -> tuple[str, str, str]:
    """Split ``{.a.b}=value`` at the ``=`` after the closing brace (or the first one)."""
    if spec.startswith("{"):
        end = spec.find("}")
        if end >= 0:
            rest = spec[end + 1:]
            if rest.startswith("="):
                return spec[:end + 1], "=", rest[1:]
            return spec, "", ""
    expression, sep, value = spec.partition("=")
    return expression, sep, value


def _go_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run(env: Env, parsed: ParsedArgs) -> int:
    options = WaitOptions.complete(parsed)
    predicate = options.validate()
    return options.run(env, predicate)
