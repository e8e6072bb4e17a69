"""``debug``: an ephemeral debug container in a pod, a debugging copy of a pod, or a pod on a node.

As kubectl's debug command: ``debug POD --image=IMG`` adds an ephemeral container through the
pod's ``ephemeralcontainers`` subresource; ``--copy-to=NAME`` creates a copy of the pod (with a
new debug container, changed images ``--set-image``, or a changed command); ``debug node/NAME``
creates ``node-debugger-NAME-xxxxx``. ``--profile`` (cli/debug_profiles.py) then sets what the
profile sets: host namespaces and the node's root at ``/host``, capabilities, security context,
what a copy keeps (``--keep-*``); ``--custom FILE`` merges a partial container spec into the
debug container. With ``-i`` (or ``--attach``) the command attaches to the debug
container once it runs: stdin becomes the program's input, its output is printed until it ends.
"""

from __future__ import annotations

import copy
from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.debug_profiles import EPHEMERAL, NODE, POD_COPY, PROFILES, KeepFlags, apply_profile
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass, field

SUMMARY = "Create debugging sessions for troubleshooting workloads and nodes"
# (namespace, pod, container) a debug session attaches to.
Session = tuple[str, str, str]
ATTACH_WAIT_MS = 300_000  # how long an attach waits for the debug container to run
LEGACY_WARNING = ('--profile=legacy is deprecated and will be removed in the future. It is recommended to '
                  'explicitly specify a profile, for example "--profile=general".')


def flags() -> list[Flag]:
    return [Flag("filename", "slice", [], shorthand="f"),
            Flag("arguments-only", "bool", False), Flag("attach", "bool", False),
            Flag("container", shorthand="c"), Flag("copy-to"), Flag("custom"), Flag("env", "array", []),
            Flag("image"), Flag("image-pull-policy"), Flag("keep-annotations", "bool", False),
            Flag("keep-init-containers", "bool", True), Flag("keep-labels", "bool", False),
            Flag("keep-liveness", "bool", False), Flag("keep-readiness", "bool", False),
            Flag("keep-startup", "bool", False), Flag("profile", default="legacy"),
            Flag("quiet", "bool", False, shorthand="q"), Flag("replace", "bool", False),
            Flag("same-node", "bool", False), Flag("set-image", "slice", []),
            Flag("share-processes", "bool", True), Flag("stdin", "bool", False, shorthand="i"),
            Flag("target"), Flag("tty", "bool", False, shorthand="t")]


def _env_vars(specs: list[str]) -> list[dict[str, str]]:
    found = []
    for spec in specs:
        name, sep, value = spec.partition("=")
        if not sep:
            raise errors.ClientError(f"invalid env: {spec}")
        found.append({"name": name, "value": value})
    return found


@dataclass
class DebugOptions:
    """Bound flags of ``debug``."""

    targets: list[str]
    command: list[str]
    namespace: str
    container: str
    copy_to: str
    image: str
    pull_policy: str
    env_vars: list[dict[str, str]]
    set_images: dict[str, str]
    args_only: bool
    interactive: bool
    tty: bool
    attach: bool
    attach_changed: bool
    quiet: bool
    replace: bool
    same_node: bool
    share_processes: bool | None
    target_container: str
    profile: str
    state: str | None
    filenames: list[str] = field(default_factory=list)
    keep: KeepFlags = field(default_factory=KeepFlags)
    custom: dict[str, Any] | None = None

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "DebugOptions":
        if parsed["profile"] not in PROFILES:
            raise errors.ClientError(f"unknown profile: {parsed['profile']}")
        namespace, _ = opt.namespace_of(parsed)
        images: dict[str, str] = {}
        for spec in parsed["set-image"]:
            name, sep, image = spec.partition("=")
            if not sep:
                raise errors.ClientError(f"invalid image format: {spec}")
            images[name] = image
        dash = list(parsed.dash_args)
        targets = list(parsed.args[:len(parsed.args) - len(dash)]) if dash else list(parsed.args)
        return cls(targets=targets, command=dash, namespace=namespace,
                   container=parsed["container"] or "", copy_to=parsed["copy-to"] or "", image=parsed["image"] or "",
                   pull_policy=parsed["image-pull-policy"] or "", env_vars=_env_vars(parsed["env"]),
                   set_images=images, args_only=parsed["arguments-only"], interactive=parsed["stdin"],
                   tty=parsed["tty"], attach=parsed["attach"], attach_changed="attach" in parsed.changed,
                   quiet=parsed["quiet"], replace=parsed["replace"], same_node=parsed["same-node"],
                   share_processes=parsed["share-processes"] if "share-processes" in parsed.changed else None,
                   target_container=parsed["target"] or "", profile=parsed["profile"], state=parsed["state"],
                   filenames=parsed["filename"],
                   keep=KeepFlags(labels=parsed["keep-labels"], annotations=parsed["keep-annotations"],
                                  liveness=parsed["keep-liveness"], readiness=parsed["keep-readiness"],
                                  startup=parsed["keep-startup"], init_containers=parsed["keep-init-containers"]),
                   custom=_custom_profile(parsed["custom"] or ""))

    def validate(self, env: Env) -> None:
        """kubectl's checks, in its order."""
        if self.attach and self.attach_changed and not self.image and not self.container:
            raise errors.ClientError("you must specify --container or create a new container using --image in "
                                     "order to attach.")
        if self.copy_to:
            if not self.image and not self.set_images and not self.command:
                raise errors.ClientError("you must specify --image, --set-image or command arguments.")
            if self.command and not self.container and not self.image:
                raise errors.ClientError("you must specify an existing container or a new image when specifying "
                                         "args.")
        elif self.replace:
            raise errors.ClientError("--replace may only be used with --copy-to.")
        elif self.same_node:
            raise errors.ClientError("--same-node may only be used with --copy-to.")
        elif self.set_images:
            raise errors.ClientError("--set-image may only be used with --copy-to.")
        elif not self.image:
            raise errors.ClientError("you must specify --image when not using --copy-to.")
        if not self.targets and not self.filenames:
            raise errors.ClientError("NAME or filename is required for debug")
        if self.pull_policy not in ("Always", "IfNotPresent", "Never", ""):
            raise errors.ClientError(f"invalid image pull policy: {self.pull_policy}")
        if self.target_container:
            if self.copy_to:
                raise errors.ClientError("--target is incompatible with --copy-to. Use --share-processes instead.")
            if not self.quiet:
                env.stdout.write(f'Targeting container "{self.target_container}". If you don\'t see processes from '
                                 "this container it may be because the container runtime doesn't support this "
                                 "feature.\n")
        if self.tty and not self.interactive:
            raise errors.ClientError("-i/--stdin is required for containers with -t/--tty=true")
        if self.profile == "legacy":
            env.stderr.write(LEGACY_WARNING + "\n")

    # -- running ---------------------------------------------------------------------
    def run(self, env: Env) -> int:
        from minikubectl.cli.resources import Selection, select
        from minikubectl.cli.session import open_cluster

        from minikubectl.cli.verbs.run_attach import stream_container, warn_without_terminal

        # -i attaches unless --attach=false says otherwise (kubectl's default for --attach).
        attach = self.attach if self.attach_changed else self.interactive
        if attach:
            warn_without_terminal(env, self.tty, self.quiet)
        text = env.stdin.read() if attach and self.interactive else None
        with open_cluster(env, self.state) as api:
            args = [t if "/" in t else f"pods/{t}" for t in self.targets]
            fetched = select(api, env.stdin, Selection(args, self.filenames, False, self.namespace))
            if fetched.errors:
                raise fetched.errors[0]
            for resource, obj in fetched.pairs:
                if resource.kind == "Node" and not resource.group:
                    session = self._node(env, api, obj)
                elif resource.kind == "Pod" and not resource.group:
                    if self.copy_to:
                        session = self._copy(env, api, resource, obj)
                    else:
                        session = self._ephemeral(env, api, obj)
                else:
                    raise errors.ClientError(f'"{resource.group}/{resource.version}, Kind={resource.kind}" not '
                                             "supported by debug")
                if attach and session is not None and session[2]:
                    stream_container(env, api, *session, text, ATTACH_WAIT_MS)
        return 0

    def _names(self, pod: dict[str, Any]) -> set[str]:
        spec = pod.get("spec") or {}
        return {str(c.get("name")) for key in ("containers", "initContainers", "ephemeralContainers")
                for c in spec.get(key) or []}

    def _debug_name(self, env: Env, api: Any, pod: dict[str, Any]) -> str:
        if self.container:
            return self.container
        taken = self._names(pod)
        name = ""
        while not name or name in taken:
            name = f"debugger-{api.random_suffix(5, 'debug')}"
        if not self.quiet:
            env.stdout.write(f"Defaulting debug container name to {name}.\n")
        return name

    def _command_fields(self, container: dict[str, Any]) -> None:
        if self.command:
            if self.args_only:
                container["args"] = list(self.command)
            else:
                container["command"] = list(self.command)
                container.pop("args", None)

    def _ephemeral(self, env: Env, api: Any, pod: dict[str, Any]) -> Session:
        name = self._debug_name(env, api, pod)
        container: dict[str, Any] = {"name": name, "image": self.image}
        if self.env_vars:
            container["env"] = self.env_vars
        self._command_fields(container)
        container.update({"resources": {}, "terminationMessagePath": "/dev/termination-log",
                          "terminationMessagePolicy": "File",
                          "imagePullPolicy": self.pull_policy or _pull_policy(self.image)})
        if self.interactive:
            container["stdin"] = True
        if self.tty:
            container["tty"] = True
        if self.target_container:
            container["targetContainerName"] = self.target_container
        existing = list((pod.get("spec") or {}).get("ephemeralContainers") or [])
        # The profile sees the pod with its new container; only the container is written.
        debug_pod = {**pod, "spec": {**(pod.get("spec") or {}), "ephemeralContainers": existing + [container]}}
        apply_profile(self.profile, debug_pod, name, EPHEMERAL, self.keep)
        apply_custom_profile(debug_pod, "ephemeralContainers", name, self.custom)
        api.update_ephemeral_containers(pod["metadata"]["namespace"], pod["metadata"]["name"],
                                        debug_pod["spec"]["ephemeralContainers"])
        return pod["metadata"]["namespace"], pod["metadata"]["name"], name

    def _copy(self, env: Env, api: Any, resource: Any, pod: dict[str, Any]) -> Session:
        from minikubectl.api.defaults import image_pull_policy

        meta = pod["metadata"]
        spec = copy.deepcopy(pod.get("spec") or {})
        spec.pop("ephemeralContainers", None)
        if self.share_processes is not None:
            spec["shareProcessNamespace"] = self.share_processes
        if not self.same_node:
            spec.pop("nodeName", None)
        for container in spec.get("containers") or []:
            image = self.set_images.get(container.get("name"), self.set_images.get("*"))
            if image:
                container["image"] = image
        copied: dict[str, Any] = {"apiVersion": "v1", "kind": "Pod",
                                  "metadata": {"name": self.copy_to, "namespace": meta.get("namespace")},
                                  "spec": spec}
        for key in ("labels", "annotations"):
            if meta.get(key):
                copied["metadata"][key] = dict(meta[key])
        by_name = {c.get("name"): c for c in spec.get("containers") or []}
        name = self.container
        container = by_name.get(name) if name else None
        if container is None:
            if not self.image:
                if self.set_images:
                    return self._create(env, api, resource, copied, pod, "")
                raise errors.ClientError("you must specify image when creating new container")
            name = name or self._debug_name(env, api, copied)
            container = {"name": name, "terminationMessagePolicy": "File"}
            spec.setdefault("containers", []).append(container)
        self._command_fields(container)
        if self.env_vars:
            container["env"] = self.env_vars
        if self.interactive:
            container["stdin"] = True
        if self.tty:
            container["tty"] = True
        if self.image:
            container["image"] = self.image
            container["imagePullPolicy"] = self.pull_policy or image_pull_policy(self.image)
        elif self.pull_policy:
            container["imagePullPolicy"] = self.pull_policy
        return self._create(env, api, resource, copied, pod, name)

    def _create(self, env: Env, api: Any, resource: Any, copied: dict[str, Any], original: dict[str, Any],
                container_name: str) -> Session:
        apply_profile(self.profile, copied, container_name, POD_COPY, self.keep)
        if container_name:
            apply_custom_profile(copied, "containers", container_name, self.custom)
        api.create(resource, copied, copied["metadata"]["namespace"])
        if self.replace:
            api.delete(resource, original["metadata"]["namespace"], original["metadata"]["name"], grace_period=0)
        return copied["metadata"]["namespace"], copied["metadata"]["name"], container_name

    def _node(self, env: Env, api: Any, node: dict[str, Any]) -> Session:
        pods = api.registry.by_qualified_plural("pods")
        container_name = self.container or "debugger"
        node_name = node["metadata"]["name"]
        pod_name = f"node-debugger-{node_name}-{api.random_suffix(5, 'debug')}"
        if not self.quiet:
            env.stdout.write(f"Creating debugging pod {pod_name} with container {container_name} on node "
                             f"{node_name}.\n")
        container: dict[str, Any] = {"name": container_name, "image": self.image}
        if self.env_vars:
            container["env"] = self.env_vars
        if self.pull_policy:
            container["imagePullPolicy"] = self.pull_policy
        if self.interactive:
            container["stdin"] = True
        if self.tty:
            container["tty"] = True
        container["terminationMessagePolicy"] = "File"
        self._command_fields(container)
        spec: dict[str, Any] = {"containers": [container], "nodeName": node_name, "restartPolicy": "Never",
                                "tolerations": [{"operator": "Exists"}]}
        pod = {"apiVersion": "v1", "kind": "Pod",
               "metadata": {"name": pod_name, "namespace": self.namespace,
                            "labels": {"app.kubernetes.io/managed-by": "kubectl-debug"}}, "spec": spec}
        apply_profile(self.profile, pod, container_name, NODE, self.keep)
        apply_custom_profile(pod, "containers", container_name, self.custom)
        api.create(pods, pod, self.namespace)
        return self.namespace, pod_name, container_name


def _custom_profile(path: str) -> dict[str, Any] | None:
    """``--custom FILE``: a partial container spec, JSON or else YAML."""
    if not path:
        return None
    import json
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise errors.ClientError(f"must pass a container spec json file for custom profile: open {path}: "
                                 f"{(exc.strerror or '').lower()}") from None
    try:
        spec = json.loads(raw)
    except ValueError:
        from minikubectl.io.yaml_values import yaml_to_json_value
        try:
            spec = yaml_to_json_value(raw.decode("utf-8", "replace"))
        except Exception as exc:  # any YAML error: kubectl's wording with the decoder's reason
            raise errors.ClientError(f"{path} does not contain a valid container spec: {exc}") from None
    if not isinstance(spec, dict):
        raise errors.ClientError(f"{path} does not contain a valid container spec")
    return spec


def apply_custom_profile(pod: dict[str, Any], field_name: str, container: str, custom: dict[str, Any] | None) -> None:
    """Merge the custom container spec into the debug container (a strategic merge, as kubectl's)."""
    if not custom:
        return
    from minikubectl.api.merge import apply_patch
    patch = {"spec": {field_name: [{**custom, "name": container}]}}
    merged = apply_patch({"apiVersion": "v1", "kind": "Pod", "spec": pod.get("spec") or {}}, patch, ("", "Pod"))
    pod["spec"] = merged["spec"]


def _pull_policy(image: str) -> str:
    from minikubectl.api.defaults import image_pull_policy
    return image_pull_policy(image)


def run(env: Env, parsed: ParsedArgs) -> int:
    options = DebugOptions.complete(parsed)
    options.validate(env)
    return options.run(env)
