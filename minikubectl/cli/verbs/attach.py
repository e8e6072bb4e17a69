"""``attach``: stream the output of a running container's main process (and, with ``-i``, feed its stdin).

kubectl's rules (``staging/src/k8s.io/kubectl/pkg/cmd/attach/attach.go``): a pod or
``TYPE/NAME``; the container by ``-c``, else the default; completed pods are refused. The
stream shows what the program prints from the moment of attaching until it ends; simulated
time moves on the clock (with ``MINIKUBECTL_NOW`` the command jumps ahead, at most an hour).
"""

from __future__ import annotations

from datetime import timedelta

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass

SUMMARY = "Attach to a running container"
PROMPT_HINT = "If you don't see a command prompt, try pressing enter."
FOLLOW_LIMIT = timedelta(hours=1)


def flags() -> list[Flag]:
    return [
        Flag("container", shorthand="c"),
        Flag("pod-running-timeout", default="1m0s"),
        Flag("quiet", "bool", False, shorthand="q"),
        Flag("stdin", "bool", False, shorthand="i"),
        Flag("tty", "bool", False, shorthand="t"),
    ]


@dataclass
class AttachOptions:
    """Bound flags of ``attach`` (complete → validate → run)."""

    args: list[str]
    container: str
    namespace: str
    quiet: bool
    stdin: bool
    tty: bool
    state: str | None

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "AttachOptions":
        return cls(args=list(parsed.args), container=parsed["container"] or "",
                   namespace=opt.namespace_of(parsed)[0], quiet=parsed["quiet"], stdin=parsed["stdin"],
                   tty=parsed["tty"], state=parsed["state"])

    def validate(self) -> None:
        if not self.args:
            raise errors.ClientError("at least 1 argument is required for attach")
        if len(self.args) > 2:
            raise errors.ClientError(f"expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw "
                                     f"{len(self.args)}: {self.args}")

    def run(self, env: Env) -> int:
        from minikubectl.cli.session import open_cluster
        from minikubectl.cli.verbs.exec import check_container, default_container, pick_pod
        from minikubectl.sim import engine, kubelet_server
        from minikubectl.sim.clock import to_ms
        ref = "/".join(self.args) if len(self.args) == 2 else self.args[0]
        text = env.stdin.read() if self.stdin else None
        with open_cluster(env, self.state) as api:
            pod = pick_pod(api, self.namespace, ref)
            phase = (pod.get("status") or {}).get("phase")
            if phase in ("Succeeded", "Failed"):
                raise errors.ClientError(f"cannot attach a container in a completed pod; current phase is {phase}")
            container = self.container or default_container(pod, env, self.quiet)
            check_container(pod, container)
            status = next((cs for key in ("containerStatuses", "initContainerStatuses")
                           for cs in (pod.get("status") or {}).get(key) or [] if cs.get("name") == container), {})
            if "running" not in (status.get("state") or {}):
                raise errors.ClientError(f'unable to upgrade connection: container not found ("{container}")')
            if self.tty and self.stdin and not self.quiet:
                env.stderr.write(PROMPT_HINT + "\n")
            cid = str(status.get("containerID") or "")
            since = to_ms(api.now) * 1_000_000
            if text is not None:
                kubelet_server.send_stdin(api, pod, container, text)
            pods = api.registry.by_qualified_plural("pods")
            name, namespace = pod["metadata"]["name"], pod["metadata"].get("namespace")

            def stopped() -> bool:
                current = api.peek(pods, namespace, name)
                if current is None:
                    return True
                statuses = [cs for key in ("containerStatuses", "initContainerStatuses")
                            for cs in (current.get("status") or {}).get(key) or [] if cs.get("name") == container]
                return not statuses or statuses[0].get("containerID") != cid or \
                    "running" not in (statuses[0].get("state") or {})
            engine.run_until(api, stopped, api.now + FOLLOW_LIMIT, env)
            lines = kubelet_server.log_lines(api, pod, container, cid, to_ms(api.now) * 1_000_000) or []
        env.stdout.write("".join(line + "\n" for ns, line in lines if ns > since))
        return 0


def run(env: Env, parsed: ParsedArgs) -> int:
    """Bind flags, validate, run."""
    options = AttachOptions.complete(parsed)
    options.validate()
    return options.run(env)
