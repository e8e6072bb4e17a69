"""A container's environment and final command line, as the kubelet builds them.

* ``env`` entries (``value``, ``valueFrom.fieldRef`` / ``configMapKeyRef`` / ``secretKeyRef``)
  and ``envFrom`` (configMapRef / secretRef with ``prefix``); later entries see earlier ones in
  ``$(VAR)`` references, as in ``pkg/kubelet/kubelet_pods.go`` (makeEnvironmentVariables).
* The defaults every container gets: ``HOSTNAME``, ``PATH`` from the image (the sandbox adds
  it), and the ``KUBERNETES_SERVICE_*`` / ``KUBERNETES_PORT*`` variables of the API service.
* ``$(VAR)`` expansion in command and args (``third_party/forked/golang/expansion``): ``$$``
  is a literal ``$``; an unknown ``$(NAME)`` stays as written.
"""

from __future__ import annotations

import base64
import json
from typing import Any, Callable

Lookup = Callable[[str, str, str], dict[str, Any] | None]  # (plural, namespace, name) -> object

API_SERVICE_HOST = "10.96.0.1"


def expand(text: str, env: dict[str, str]) -> str:
    """Kubernetes' ``$(VAR)`` expansion."""
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "$" and i + 1 < n:
            nxt = text[i + 1]
            if nxt == "$":
                out.append("$")
                i += 2
                continue
            if nxt == "(":
                close = text.find(")", i + 2)
                if close >= 0:
                    name = text[i + 2:close]
                    if name in env:
                        out.append(env[name])
                    else:
                        out.append(text[i:close + 1])
                    i = close + 1
                    continue
        out.append(ch)
        i += 1
    return "".join(out)


def _field_value(pod: dict[str, Any], path: str) -> str:
    meta = pod.get("metadata") or {}
    spec = pod.get("spec") or {}
    status = pod.get("status") or {}
    simple = {"metadata.name": meta.get("name"), "metadata.namespace": meta.get("namespace"),
              "metadata.uid": meta.get("uid"), "spec.nodeName": spec.get("nodeName"),
              "spec.serviceAccountName": spec.get("serviceAccountName"), "status.podIP": status.get("podIP"),
              "status.hostIP": status.get("hostIP")}
    if path in simple:
        return str(simple[path] or "")
    for key in ("labels", "annotations"):
        prefix = f"metadata.{key}['"
        if path.startswith(prefix) and path.endswith("']"):
            return str((meta.get(key) or {}).get(path[len(prefix):-2], ""))
    return ""


def _data(obj: dict[str, Any] | None, secret: bool) -> dict[str, str]:
    if not obj:
        return {}
    if not secret:
        return {k: str(v) for k, v in (obj.get("data") or {}).items()}
    out = {}
    for key, value in (obj.get("data") or {}).items():
        try:
            out[key] = base64.b64decode(str(value)).decode("utf-8", "replace")
        except ValueError:
            out[key] = ""
    for key, value in (obj.get("stringData") or {}).items():
        out[key] = str(value)
    return out


def environment(pod: dict[str, Any], container: dict[str, Any], lookup: Lookup) -> dict[str, str]:
    """The container's environment variables (kubelet defaults first, then envFrom, then env)."""
    meta = pod.get("metadata") or {}
    namespace = str(meta.get("namespace") or "default")
    env: dict[str, str] = {
        "HOSTNAME": str((pod.get("spec") or {}).get("hostname") or meta.get("name") or ""),
        "KUBERNETES_SERVICE_HOST": API_SERVICE_HOST,
        "KUBERNETES_SERVICE_PORT": "443",
        "KUBERNETES_SERVICE_PORT_HTTPS": "443",
        "KUBERNETES_PORT": f"tcp://{API_SERVICE_HOST}:443",
        "KUBERNETES_PORT_443_TCP": f"tcp://{API_SERVICE_HOST}:443",
        "KUBERNETES_PORT_443_TCP_PROTO": "tcp",
        "KUBERNETES_PORT_443_TCP_PORT": "443",
        "KUBERNETES_PORT_443_TCP_ADDR": API_SERVICE_HOST,
    }
    for source in container.get("envFrom") or []:
        prefix = str(source.get("prefix") or "")
        if source.get("configMapRef"):
            data = _data(lookup("configmaps", namespace, str(source["configMapRef"].get("name", ""))), False)
        elif source.get("secretRef"):
            data = _data(lookup("secrets", namespace, str(source["secretRef"].get("name", ""))), True)
        else:
            continue
        for key, value in data.items():
            env[prefix + key] = value
    for entry in container.get("env") or []:
        name = str(entry.get("name", ""))
        if "value" in entry:
            env[name] = expand(str(entry.get("value") or ""), env)
            continue
        source = entry.get("valueFrom") or {}
        if source.get("fieldRef"):
            env[name] = _field_value(pod, str(source["fieldRef"].get("fieldPath", "")))
        elif source.get("configMapKeyRef"):
            ref = source["configMapKeyRef"]
            env[name] = _data(lookup("configmaps", namespace, str(ref.get("name", ""))), False).get(
                str(ref.get("key", "")), "")
        elif source.get("secretKeyRef"):
            ref = source["secretKeyRef"]
            env[name] = _data(lookup("secrets", namespace, str(ref.get("name", ""))), True).get(
                str(ref.get("key", "")), "")
        else:
            env[name] = ""
    return env


def _key_files(ref: dict[str, Any], data: dict[str, str], base: str, files: dict[str, str]) -> None:
    """A configMap/secret source's keys as files (all keys, or only ``items`` at their paths)."""
    items = ref.get("items")
    pairs = [(str(i.get("key")), str(i.get("path"))) for i in items] if items else [(k, k) for k in data]
    for key, path in pairs:
        if key in data:
            files[f"{base}/{path}"] = data[key]


def _service_account_token(pod: dict[str, Any], audience: str) -> str:
    """The projected token of the pod's service account, bound to the pod."""
    from minikubectl.api.tokens import service_account_token

    meta = pod.get("metadata") or {}
    return service_account_token(str(meta.get("namespace") or "default"),
                                 str((pod.get("spec") or {}).get("serviceAccountName") or "default"),
                                 audiences=[audience] if audience else None,
                                 bound={"kind": "Pod", "name": str(meta.get("name") or ""),
                                        "uid": str(meta.get("uid") or "")})


def _source_files(pod: dict[str, Any], source: dict[str, Any], base: str, lookup: Lookup,
                  files: dict[str, str]) -> None:
    """The files one volume (or one source of a projected volume) puts under ``base``."""
    namespace = str((pod.get("metadata") or {}).get("namespace") or "default")
    if source.get("configMap") or source.get("secret"):
        secret = bool(source.get("secret"))
        ref = source.get("secret") or source.get("configMap") or {}
        name = str(ref.get("secretName", ref.get("name", "")) if secret else ref.get("name", ""))
        _key_files(ref, _data(lookup("secrets" if secret else "configmaps", namespace, name), secret), base, files)
    elif source.get("downwardAPI"):
        for item in source["downwardAPI"].get("items") or []:
            field = (item.get("fieldRef") or {}).get("fieldPath")
            if field:
                files[f"{base}/{item.get('path')}"] = _field_value(pod, str(field))
    elif source.get("serviceAccountToken"):
        token = source["serviceAccountToken"]
        files[f"{base}/{token.get('path') or 'token'}"] = _service_account_token(pod, str(token.get("audience") or ""))
    elif source.get("projected"):
        for part in source["projected"].get("sources") or []:
            _source_files(pod, part, base, lookup, files)
    elif source.get("hostPath"):
        # The node's files under the host path (a small simulated node: minikube's Ubuntu).
        root = "/" + str(source["hostPath"].get("path") or "/").strip("/")
        node = str((pod.get("spec") or {}).get("nodeName") or "")
        for path, content in _node_files(node).items():
            if root == "/" or path == root or path.startswith(root + "/"):
                files[base + path[len(root.rstrip("/")):]] = content


_NODE_OS_RELEASE = (
    'PRETTY_NAME="Ubuntu 22.04.5 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\n'
    'VERSION="22.04.5 LTS (Jammy Jellyfish)"\nVERSION_CODENAME=jammy\nID=ubuntu\nID_LIKE=debian\n'
    'HOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\n'
    'BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\n'
    'PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\n'
    "UBUNTU_CODENAME=jammy\n")


def _node_files(node: str) -> dict[str, str]:
    """What a hostPath volume shows of the (simulated) node's filesystem."""
    return {
        "/etc/hostname": f"{node}\n",
        "/etc/os-release": _NODE_OS_RELEASE,
        "/etc/hosts": f"127.0.0.1\tlocalhost\n127.0.1.1\t{node}\n",
        "/var/lib/kubelet/config.yaml": "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n",
        "/var/log/pods/.keep": "",
    }


def mounts(pod: dict[str, Any], container: dict[str, Any], lookup: Lookup) -> dict[str, str]:
    """Files of the configMap, secret, downwardAPI, projected (the service account's
    kube-api-access volume among them) and hostPath volumes the container mounts (path -> content)."""
    volumes = {str(v.get("name")): v for v in (pod.get("spec") or {}).get("volumes") or []}
    files: dict[str, str] = {}
    for mount in container.get("volumeMounts") or []:
        volume = volumes.get(str(mount.get("name")))
        base = str(mount.get("mountPath") or "").rstrip("/")
        if volume and base:
            _source_files(pod, volume, base, lookup, files)
    return files


def launch_for(pod: dict[str, Any], container: dict[str, Any], start_ns: int, lookup: Lookup,
               resolve_argv: Callable[[str, list[str] | None, list[str] | None], list[str]]) -> dict[str, Any]:
    """The JSON-able Launch of one container instance (see /work/team/sandbox-api.md)."""
    env = environment(pod, container, lookup)
    command = [expand(str(x), env) for x in container.get("command") or []] or None
    args = [expand(str(x), env) for x in container.get("args") or []] or None
    image = str(container.get("image", ""))
    meta = pod.get("metadata") or {}
    status = pod.get("status") or {}
    launch: dict[str, Any] = {
        "image": image,
        "argv": resolve_argv(image, command, args),
        "command": command, "args": args,  # kept for the program model (runtime.ModelRuntime)
        "env": env,
        "workdir": str(container.get("workingDir") or ""),
        "hostname": env["HOSTNAME"],
        "start_ns": int(start_ns),
        "mounts": mounts(pod, container, lookup),
        "inputs": [],
        "tty": bool(container.get("tty")),
        "stdin_open": bool(container.get("stdin")),
    }
    if status.get("podIP"):
        launch["pod_ip"] = status["podIP"]
        launch["hosts"] = [[status["podIP"], env["HOSTNAME"]]]
    namespace = str(meta.get("namespace") or "default")
    launch["search"] = [f"{namespace}.svc.cluster.local", "svc.cluster.local", "cluster.local"]
    return launch
