"""``cp``: copy files between the local disk and a container's simulated filesystem.

kubectl's rules (``staging/src/k8s.io/kubectl/pkg/cmd/cp/cp.go``): exactly one side is
``[[namespace/]pod:]path``; copying into a directory keeps the source's base name. The
host side is the only place minikubectl touches local files, and only the paths the user
names (and, for a directory, what lies under it).
"""

from __future__ import annotations

import os
import posixpath
from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass

SUMMARY = "Copy files and directories to and from containers"
BAD_SPEC = "filespec must match the canonical format: [[namespace/]pod:]file/path"
LOCAL_FILE_LIMIT = 64 * 1024 * 1024  # what one cp sends into the sandbox at most


def flags() -> list[Flag]:
    return [
        Flag("container", shorthand="c"),
        Flag("no-preserve", "bool", False),
        Flag("retries", "int", 0),
    ]


@dataclass
class FileSpec:
    """One side of the copy: a pod path (pod set) or a local path."""

    namespace: str
    pod: str
    path: str


def parse_spec(arg: str) -> FileSpec:
    """extractFileSpec: ``[[namespace/]pod:]path``."""
    colon = arg.find(":")
    if colon == 0:
        raise errors.ClientError(BAD_SPEC)
    if colon < 0:
        return FileSpec("", "", arg)
    pod, path = arg[:colon], arg[colon + 1:]
    pieces = pod.split("/")
    if len(pieces) == 1:
        return FileSpec("", pieces[0], path)
    if len(pieces) == 2:
        return FileSpec(pieces[0], pieces[1], path)
    raise errors.ClientError(BAD_SPEC)


@dataclass
class CopyOptions:
    """Bound flags of ``cp`` (complete → validate → run)."""

    args: list[str]
    container: str
    namespace: str
    state: str | None

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "CopyOptions":
        return cls(args=list(parsed.args), container=parsed["container"] or "",
                   namespace=opt.namespace_of(parsed)[0], state=parsed["state"])

    def validate(self) -> None:
        if len(self.args) != 2:
            raise errors.ClientError("source and destination are required")

    def run(self, env: Env) -> int:
        src, dest = parse_spec(self.args[0]), parse_spec(self.args[1])
        if src.pod and dest.pod:
            raise errors.ClientError("one of src or dest must be a local file specification")
        if not src.path or not dest.path:
            raise errors.ClientError("filepath can not be empty")
        if src.pod:
            return self._from_pod(env, src, dest.path)
        if dest.pod:
            return self._to_pod(env, src.path, dest)
        raise errors.ClientError("one of src or dest must be a remote file specification")

    def _target(self, env: Env, api: Any, spec: FileSpec) -> tuple[dict[str, Any], str]:
        from minikubectl.cli.verbs.exec import check_container, default_container
        pods = api.registry.by_qualified_plural("pods")
        pod = api.get(pods, spec.namespace or self.namespace, spec.pod)
        container = self.container or default_container(pod, env, False)
        check_container(pod, container)
        return pod, container

    def _to_pod(self, env: Env, local: str, dest: FileSpec) -> int:
        from minikubectl.cli.session import open_cluster
        from minikubectl.sim import kubelet_server
        if not os.path.exists(local):
            raise errors.ClientError(f"{local} doesn't exist in local filesystem")
        files = _read_local(local)
        with open_cluster(env, self.state) as api:
            pod, container = self._target(env, api, dest)
            target = dest.path if dest.path.startswith("/") else "/" + dest.path
            if kubelet_server.is_dir(api, pod, container, target):
                target = posixpath.join(target, os.path.basename(local.rstrip(os.sep)) or "")
            kubelet_server.put_files(api, pod, container,
                                     [(posixpath.normpath(posixpath.join(target, rel)) if rel else target, data)
                                      for rel, data in files])
        return 0

    def _from_pod(self, env: Env, src: FileSpec, local: str) -> int:
        from minikubectl.cli.session import open_cluster
        from minikubectl.sim import kubelet_server
        with open_cluster(env, self.state) as api:
            pod, container = self._target(env, api, src)
            path = src.path if src.path.startswith("/") else "/" + src.path
            found = kubelet_server.read_tree(api, pod, container, path)
        if src.path.startswith("/"):
            env.stderr.write("tar: removing leading '/' from member names\n")
        if found is None:
            raise errors.ClientError(f"{src.path} no such file or directory")
        base = path.rstrip("/") or "/"
        for file_path, data in found:
            rel = posixpath.relpath(file_path, base) if file_path != base else ""
            target = os.path.join(local, *rel.split("/")) if rel else local
            if not rel and os.path.isdir(local):
                target = os.path.join(local, posixpath.basename(base))
            parent = os.path.dirname(target)
            if parent:
                os.makedirs(parent, exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(data)
        return 0


def _read_local(path: str) -> list[tuple[str, bytes]]:
    """(relative path, content) of a local file ("" for the file itself) or of a directory's files."""
    total = 0
    out: list[tuple[str, bytes]] = []
    if os.path.isdir(path):
        for root, _dirs, names in sorted(os.walk(path)):
            for name in sorted(names):
                full = os.path.join(root, name)
                with open(full, "rb") as handle:
                    data = handle.read(LOCAL_FILE_LIMIT + 1)
                total += len(data)
                out.append((os.path.relpath(full, path).replace(os.sep, "/"), data))
    else:
        with open(path, "rb") as handle:
            data = handle.read(LOCAL_FILE_LIMIT + 1)
        total = len(data)
        out.append(("", data))
    if total > LOCAL_FILE_LIMIT:
        raise errors.ClientError(f"{path} is larger than the simulated container accepts "
                                 f"({LOCAL_FILE_LIMIT} bytes)")
    return out


def run(env: Env, parsed: ParsedArgs) -> int:
    """Bind flags, validate, run."""
    options = CopyOptions.complete(parsed)
    options.validate()
    return options.run(env)
