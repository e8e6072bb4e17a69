"""The CLI edge: a lazy verb table, dispatch, and errors turned into kubectl's text.

A verb module is imported only when its verb runs. Each verb module provides
``SUMMARY``, ``flags() -> list[Flag]`` and ``run(env, parsed) -> int``; a verb with
subcommands provides ``SUBCOMMANDS`` (name → module) instead of ``run``.
Nothing below ``main`` exits the process.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import FlagError, FlagSet, ParsedArgs, global_flags

# verb -> module under minikubectl.cli.verbs (kubectl's command names)
VERBS: dict[str, str] = {
    "create": "create",
    "get": "get",
    "apply": "apply",
    "delete": "delete",
    "diff": "diff",
    "replace": "replace",
    "label": "label",
    "annotate": "annotate",
    "describe": "describe",
    "logs": "logs",
    "exec": "exec",
    "cp": "cp",
    "attach": "attach",
    "port-forward": "port_forward",
    "explain": "explain",
    "scale": "scale",
    "rollout": "rollout",
    "wait": "wait",
    "cordon": "cordon",
    "uncordon": "uncordon",
    "api-resources": "api_resources",
    "api-versions": "api_versions",
    "version": "version",
    "completion": "completion",
    "events": "events",
    "patch": "patch",
    "run": "run",
    "expose": "expose",
    "config": "config",
    "auth": "auth",
    "cluster-info": "cluster_info",
    "plugin": "plugin",
    "set": "set",
    "taint": "taint",
    "drain": "drain",
    "edit": "edit",
    "top": "top",
    "autoscale": "autoscale",
    "debug": "debug",
    "kustomize": "kustomize",
}


def _load(module: str) -> ModuleType:
    return importlib.import_module(f"minikubectl.cli.verbs.{module}")


def parse_flags(module: ModuleType, argv: list[str], command_path: str) -> ParsedArgs:
    """Parse argv with the verb's flags plus the global ones; pflag errors → UsageError."""
    flagset = FlagSet(global_flags() + module.flags())
    try:
        return flagset.parse(argv)
    except FlagError as exc:
        # A verb may word its flag errors itself (kubectl diff reports them as usage errors
        # with exit code 2); the rest print pflag's text and the --help hint.
        custom = getattr(module, "flag_error", None)
        if custom is not None:
            raise custom(str(exc)) from None
        raise errors.UsageError(str(exc), command_path) from None


def _first_positional(argv: list[str], module: ModuleType) -> int | None:
    """Index of the first argument that is not a flag or a flag's value (cobra's Find)."""
    flagset = FlagSet(global_flags() + module.flags())
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            return None
        if arg.startswith("--") and "=" not in arg:
            flag = flagset.flags.get(arg[2:])
            i += 2 if flag is not None and flag.kind != "bool" and flag.no_opt_default is None else 1
            continue
        if arg.startswith("-") and len(arg) == 2:
            flag = flagset.short.get(arg[1])
            i += 2 if flag is not None and flag.kind != "bool" and flag.no_opt_default is None else 1
            continue
        if arg.startswith("-") and len(arg) > 1:
            i += 1
            continue
        return i
    return None


def dispatch(env: Env, argv: list[str]) -> int:
    """Run one command line (without the program name)."""
    if not argv or argv[0] in ("-h", "--help", "help"):
        from minikubectl.cli.help import root_help
        env.stdout.write(root_help(VERBS))
        return 0
    verb = argv[0]
    typed = argv
    if verb.startswith("-"):
        # Global flags before the verb: find the verb after them.
        rest = argv
        root = ModuleType("root")
        root.flags = lambda: []  # type: ignore[attr-defined]
        index = _first_positional(rest, root)
        if index is None:
            from minikubectl.cli.help import root_help
            env.stdout.write(root_help(VERBS))
            return 0
        verb = rest[index]
        argv = [verb] + rest[:index] + rest[index + 1:]
    if verb not in VERBS:
        code = _run_plugin(env, typed, 1)
        if code is not None:
            return code
        raise errors.ClientError(_unknown_command(verb))
    if verb in plugins_allowed_as_subcommand():
        sub = argv[1] if len(argv) > 1 else ""
        module = _load(VERBS[verb])
        if sub and not sub.startswith("-") and sub not in getattr(module, "SUBCOMMANDS", {}):
            code = _run_plugin(env, argv, 2)
            if code is not None:
                return code
    module = _load(VERBS[verb])
    path = f"kubectl {verb}"
    args = argv[1:]
    while hasattr(module, "SUBCOMMANDS"):
        index = _first_positional(args, module)
        sub = args[index] if index is not None else None
        if sub is None or sub not in module.SUBCOMMANDS:
            if hasattr(module, "run"):
                break
            from minikubectl.cli.help import command_help, default_subcommand_run
            if "-h" in args or "--help" in args:
                env.stdout.write(command_help(path, module))
                return 0
            parse_flags(module, args, path)  # a group command still rejects bad flags
            return default_subcommand_run(env, path, module, sub)
        args = args[:index] + args[index + 1:]
        target = module.SUBCOMMANDS[sub]
        # Messages name a subcommand by its canonical name (listed first), not the alias typed.
        canonical = next(name for name, mod in module.SUBCOMMANDS.items() if mod == target)
        module = importlib.import_module(target)
        path = f"{path} {canonical}"
    if "-h" in args or "--help" in args:
        from minikubectl.cli.help import command_help
        env.stdout.write(command_help(_help_path(path, module, args), module))
        return 0
    parsed = parse_flags(module, args, _help_path(path, module, args))
    missing = sorted(f.name for f in module.flags() if f.required and f.name not in parsed.changed)
    if missing:
        raise errors.ClientError('required flag(s) "' + '", "'.join(missing) + '" not set')
    _connect(env, parsed, module)
    if "field-manager" in parsed.values:
        env.field_manager = parsed["field-manager"] or None
    if parsed.get("dry-run") == "unchanged":
        # A bare --dry-run: kubectl warns through klog and does a client dry run. The klog
        # header's thread id is fixed at 1 so that output stays reproducible.
        env.stderr.write(f"W{env.now():%m%d %H:%M:%S.%f}       1 helpers.go:703] --dry-run is "
                         "deprecated and can be replaced with --dry-run=client.\n")
        parsed.values["dry-run"] = "client"
    return module.run(env, parsed)


def _connect(env: Env, parsed: ParsedArgs, module: ModuleType) -> None:
    """Hand the global connection flags to the Env (the kubeconfig is read lazily).

    A verb's own flag of the same name (``set subject --user``, ``config set-context
    --cluster``) shadows the global one, as in kubectl.
    """
    from minikubectl.cli.overrides import Overrides

    values = parsed.values
    own = {flag.name for flag in module.flags()} & {"cluster", "user"}
    env.overrides = Overrides(kubeconfig=values.get("kubeconfig"), context=values.get("context"),
                              cluster=None if "cluster" in own else values.get("cluster"),
                              user=None if "user" in own else values.get("user"),
                              namespace=values.get("namespace"), state=values.get("state"))
    env.as_user = values.get("as") or None
    env.as_groups = list(values.get("as-group") or [])
    env.as_uid = values.get("as-uid") or None
    parsed.default_namespace = env.default_namespace


def _help_path(path: str, module: ModuleType, args: list[str]) -> str:
    """``rollout status``: a verb that parses its subcommands itself names them in help and errors."""
    names = getattr(module, "SUBCOMMAND_NAMES", ())
    index = _first_positional(args, module) if names else None
    if index is not None and args[index] in names:
        return f"{path} {args[index]}"
    return path


def plugins_allowed_as_subcommand() -> tuple[str, ...]:
    """Built-ins whose unknown subcommands may be plugins (``kubectl create foo``)."""
    from minikubectl.cli.plugins import SUBCOMMAND_PLUGIN_PARENTS
    return SUBCOMMAND_PLUGIN_PARENTS


def _run_plugin(env: Env, argv: list[str], min_words: int) -> int | None:
    """Hand the command line to a ``kubectl-*`` plugin on PATH, as kubectl does; None if none."""
    if argv[0] in ("help", "__complete", "__completeNoDesc"):
        return None
    from minikubectl.cli import plugins
    return plugins.handle(argv, env.environ, min_words, env.execute)


def _unknown_command(verb: str) -> str:
    import difflib
    message = f'unknown command "{verb}" for "kubectl"'
    close = difflib.get_close_matches(verb, list(VERBS), n=3, cutoff=0.75)
    if close:
        message += "\n\nDid you mean this?\n" + "".join(f"\t{name}\n" for name in close)
    return message


def main(argv: list[str], env: Env | None = None) -> int:
    """Run a command line; print kubectl's message for any error; return the exit code."""
    env = env or Env()
    try:
        return dispatch(env, argv)
    except errors.KubectlError as exc:
        text = exc.render()
        if text:
            _write_error(env, text)
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug in minikubectl: say so plainly, without a traceback
        if env.environ.get("MINIKUBECTL_DEBUG"):
            raise
        _write_error(env, f"error: internal error in minikubectl: {type(exc).__name__}: {exc} "
                          "(set MINIKUBECTL_DEBUG=1 for a traceback)")
        return 1


def _write_error(env: Env, text: str) -> None:
    try:
        env.stdout.flush()
    except (BrokenPipeError, ValueError):
        pass
    env.stderr.write(text + ("" if text.endswith("\n") else "\n"))
