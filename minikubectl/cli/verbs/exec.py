"""``exec``: run a command in a container of a pod (the simulated kubelet's sandbox).

kubectl's rules (``staging/src/k8s.io/kubectl/pkg/cmd/exec/exec.go``): the command follows
``--``; the container is ``-c``, else the default-container annotation, else the first one
(``Defaulted container ...`` on stderr when there are several); completed pods cannot be
exec'd into; a command that fails ends kubectl with its exit code after
``command terminated with exit code N``.
"""

from __future__ import annotations

import hashlib
from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass

SUMMARY = "Execute a command in a container"
NOT_SUPPORTED = "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead"
NO_TTY = "Unable to use a TTY - input is not a terminal or the right kind of file"
SHELLS = ("sh", "bash", "ash", "dash")
PROMPT = "/ # "


def flags() -> list[Flag]:
    return [
        Flag("container", shorthand="c"),
        Flag("filename", "slice", [], shorthand="f"),
        Flag("pod-running-timeout", default="1m0s"),
        Flag("quiet", "bool", False, shorthand="q"),
        Flag("stdin", "bool", False, shorthand="i"),
        Flag("tty", "bool", False, shorthand="t"),
    ]


def usage_error(message: str, verb: str = "exec") -> errors.ClientError:
    """cmdutil.UsageErrorf: the message and the pointer to the verb's help."""
    return errors.ClientError(f"{message}\nSee 'kubectl {verb} -h' for help and examples")


class ExitCodeError(errors.RawError):
    """The remote command failed: kubectl prints this line and exits with the command's code."""

    def __init__(self, code: int) -> None:
        super().__init__(f"command terminated with exit code {code}")
        self.exit_code = code


def pick_pod(api: Any, namespace: str, ref: str) -> dict[str, Any]:
    """AttachablePodForObject: a pod by name, or the first pod of a workload (``deploy/x``)."""
    type_part, slash, name = ref.partition("/")
    pods_res = api.registry.by_qualified_plural("pods")
    resource = api.registry.resolve_single(type_part) if slash else pods_res
    obj = api.get(resource, namespace, name if slash else ref)
    if resource.kind == "Pod":
        return obj
    from minikubectl.api import labels
    from minikubectl.cli.verbs.logs import _logging_order
    spec = obj.get("spec") or {}
    if resource.kind in ("Service", "ReplicationController"):
        selector = labels.selector_from_set(spec.get("selector"))
    else:
        selector = labels.label_selector_as_selector(spec.get("selector"))
    pods = [p for p in api.list(pods_res, namespace) if selector.matches((p.get("metadata") or {}).get("labels") or {})]
    if not pods:
        raise errors.ClientError("timed out waiting for the condition")
    return sorted(pods, key=_logging_order)[0]


def default_container(pod: dict[str, Any], env: Env, quiet: bool) -> str:
    """podcmd.FindOrDefaultContainerByName with an empty name."""
    spec = pod.get("spec") or {}
    meta = pod.get("metadata") or {}
    containers = [str(c.get("name", "")) for c in spec.get("containers") or []]
    default = (meta.get("annotations") or {}).get("kubectl.kubernetes.io/default-container") or ""
    if default:
        every = containers + [str(c.get("name", "")) for key in ("initContainers", "ephemeralContainers")
                              for c in spec.get(key) or []]
        if default in every:
            return str(default)
        if not quiet:
            env.stderr.write(f'Default container name "{default}" not found in pod {meta.get("name", "")}\n')
    if not containers:
        raise errors.ClientError(f"pod {meta.get('namespace')}/{meta.get('name')} does not have any containers")
    if len(containers) + len(spec.get("initContainers") or []) + len(spec.get("ephemeralContainers") or []) > 1 \
            and not quiet:
        names = containers + [f"{c.get('name')} (init)" for c in spec.get("initContainers") or []] + \
            [f"{c.get('name')} (ephem)" for c in spec.get("ephemeralContainers") or []]
        env.stderr.write(f'Defaulted container "{containers[0]}" out of: {", ".join(names)}\n')
    return containers[0]


def check_container(pod: dict[str, Any], name: str) -> None:
    """The API server's check of the container parameter."""
    spec = pod.get("spec") or {}
    names = {str(c.get("name", "")) for key in ("containers", "initContainers", "ephemeralContainers")
             for c in spec.get(key) or []}
    if name not in names:
        meta = pod.get("metadata") or {}
        raise errors.bad_request(f"container {name} is not valid for pod {meta.get('name', '')}")


def start_failure(pod: dict[str, Any], container: str, argv: list[str], message: str) -> errors.ClientError:
    """containerd's answer when the command does not exist in the image."""
    exec_id = hashlib.sha256(f"{pod['metadata'].get('uid')}/{container}/{' '.join(argv)}".encode()).hexdigest()
    return errors.ClientError("Internal error occurred: Internal error occurred: error executing command in "
                              f'container: failed to exec in container: failed to start exec "{exec_id}": {message}')


@dataclass
class ExecOptions:
    """Bound flags of ``exec`` (complete → validate → run)."""

    resource: str
    command: list[str]
    container: str
    filenames: list[str]
    namespace: str
    quiet: bool
    stdin: bool
    tty: bool
    state: str | None

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "ExecOptions":
        args = parsed.args
        at_dash = len(args) - len(parsed.dash_args) if parsed.dash_args else -1
        resource = args[0] if args and at_dash != 0 else ""
        if at_dash > -1:
            command = args[at_dash:]
        elif len(args) > 1:
            raise usage_error(NOT_SUPPORTED)
        else:
            command = []
        return cls(resource=resource, command=list(command), container=parsed["container"] or "",
                   filenames=list(parsed["filename"] or []), namespace=opt.namespace_of(parsed)[0],
                   quiet=parsed["quiet"], stdin=parsed["stdin"], tty=parsed["tty"], state=parsed["state"])

    def validate(self) -> None:
        if not self.resource and not self.filenames:
            raise errors.ClientError("pod, type/name or --filename must be specified")
        if not self.command:
            raise errors.ClientError("you must specify at least one command for the container")

    def run(self, env: Env) -> int:
        from minikubectl.cli.session import open_cluster
        from minikubectl.sim import kubelet_server
        interactive = self.stdin and self.tty and _is_terminal(env.stdin)
        if self.stdin and self.tty and not interactive and not self.quiet:
            env.stderr.write(NO_TTY + "\n")
        text = env.stdin.read() if self.stdin and not interactive else None
        with open_cluster(env, self.state) as api:
            pod = pick_pod(api, self.namespace, self.resource)
            phase = (pod.get("status") or {}).get("phase")
            if phase in ("Succeeded", "Failed"):
                raise errors.ClientError(f"cannot exec into a container in a completed pod; current phase is {phase}")
            container = self.container or default_container(pod, env, self.quiet)
            check_container(pod, container)
            if not (pod.get("spec") or {}).get("nodeName"):
                raise errors.bad_request(f"pod {pod['metadata']['name']} does not have a host assigned")
            if interactive and self.command[0].rsplit("/", 1)[-1] in SHELLS and len(self.command) == 1:
                return self._prompt(env, api, pod, container)
            result = kubelet_server.exec_in(api, pod, container, self.command, text)
        if result.start_error:
            raise start_failure(pod, container, self.command, result.start_error)
        env.stdout.write(result.stdout)
        (env.stdout if self.tty and self.stdin else env.stderr).write(result.stderr)
        if result.code:
            raise ExitCodeError(int(result.code))
        return 0

    def _prompt(self, env: Env, api: Any, pod: dict[str, Any], container: str) -> int:
        """``-it ... -- sh`` on a terminal: each line typed runs in the container, until ``exit`` or EOF."""
        from minikubectl.sim import kubelet_server
        code = 0
        while True:
            env.stdout.write(PROMPT)
            env.stdout.flush()
            line = env.stdin.readline()
            if not line:
                env.stdout.write("\n")
                return code
            words = line.split()
            if words and words[0] == "exit":
                return int(words[1]) if len(words) > 1 and words[1].isdigit() else code
            if not words:
                continue
            result = kubelet_server.exec_in(api, pod, container, [self.command[0], "-c", line.rstrip("\n")], None)
            env.stdout.write((result.stdout + result.stderr).replace("\n", "\r\n"))
            code = int(result.code)


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def run(env: Env, parsed: ParsedArgs) -> int:
    """Bind flags, validate, run."""
    options = ExecOptions.complete(parsed)
    options.validate()
    return options.run(env)
