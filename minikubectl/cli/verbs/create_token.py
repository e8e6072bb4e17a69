"""``create token SERVICE_ACCOUNT``: request a service account token (TokenRequest)."""

from __future__ import annotations

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.generator import name_from_args

SUMMARY = "Request a service account token"
PATH = "kubectl create token"


def flags() -> list[Flag]:
    return opt.print_flags() + [Flag("audience", "array", []), Flag("duration", default="0s"),
                                Flag("bound-object-kind"), Flag("bound-object-name"), Flag("bound-object-uid")]


# The kinds a token may be bound to (v1.33 includes nodes).
BOUND_KINDS = ("Node", "Pod", "Secret")


def _seconds(text: str) -> float:
    """A Go duration in seconds (ValueError when it is not one)."""
    from minikubectl.sim.clock import parse_go_duration
    return parse_go_duration(text) / 1000


def run(env: Env, parsed: ParsedArgs) -> int:
    from minikubectl.cli.session import open_cluster

    name = name_from_args(parsed, PATH)
    namespace, _ = opt.namespace_of(parsed)
    try:
        duration = _seconds(parsed["duration"])
    except ValueError:
        raise errors.UsageError(f'invalid argument "{parsed["duration"]}" for "--duration" flag: time: invalid '
                                f'duration "{parsed["duration"]}"', PATH) from None
    kind, bound_name, bound_uid = (parsed["bound-object-kind"] or "", parsed["bound-object-name"] or "",
                                   parsed["bound-object-uid"] or "")
    if not name:
        raise errors.ClientError("service account name is required")
    if duration < 0:
        raise errors.ClientError("--duration must be greater than or equal to 0")
    if duration != int(duration):
        raise errors.ClientError("--duration cannot be expressed in units less than seconds")
    if any(not audience for audience in parsed["audience"]):
        raise errors.ClientError("--audience must not be an empty string")
    if not kind:
        if bound_name:
            raise errors.ClientError("--bound-object-name can only be set if --bound-object-kind is provided")
        if bound_uid:
            raise errors.ClientError("--bound-object-uid can only be set if --bound-object-kind is provided")
    else:
        if kind not in BOUND_KINDS:
            raise errors.ClientError(f"supported --bound-object-kind values are {', '.join(BOUND_KINDS)}")
        if not bound_name:
            raise errors.ClientError("--bound-object-name is required if --bound-object-kind is provided")
    printer = None
    if parsed["output"] or parsed["template"]:
        from minikubectl.printers.flags import make_printer
        printer = make_printer(opt.print_options(parsed))
    with open_cluster(env, parsed.get("state")) as api:
        try:
            response = api.create_token(namespace, name, list(parsed["audience"]), int(duration) or None,
                                        {"kind": kind, "name": bound_name, "uid": bound_uid} if kind else None)
        except errors.StatusError as exc:
            raise errors.ClientError(f"failed to create token: {exc.message}") from None
    if printer is not None:
        printer.print_obj(response, env.stdout)
        return 0
    token = response["status"]["token"]
    try:
        interactive = env.stdout.isatty()
    except (AttributeError, ValueError):
        interactive = False
    # kubectl adds a newline only when printing to a terminal
    env.stdout.write(token + ("\n" if interactive else ""))
    return 0
