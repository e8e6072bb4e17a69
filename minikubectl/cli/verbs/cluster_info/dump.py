"""``cluster-info dump``: nodes, then each namespace's events, controllers, services and pods.

Printed as kubectl prints them (one List document per kind, JSON by default, then each
pod's container logs between ``==== START/END logs ...`` lines), or written to
``--output-directory`` as ``nodes.json``, ``<namespace>/<kind>.json`` and
``<namespace>/<pod>/logs.txt``.
"""

from __future__ import annotations

import os
from typing import Any

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs

SUMMARY = "Dump relevant information for debugging and diagnosis"
# Per namespace, in kubectl's order: (resource, file name).
NAMESPACED = (("events", "events"), ("replicationcontrollers", "replication-controllers"),
              ("services", "services"), ("daemonsets.apps", "daemonsets"),
              ("deployments.apps", "deployments"), ("replicasets.apps", "replicasets"),
              ("pods", "pods"))


def flags() -> list[Flag]:
    return [Flag("all-namespaces", "bool", False, shorthand="A"),
            Flag("allow-missing-template-keys", "bool", True), Flag("namespaces", "slice", []),
            Flag("output", shorthand="o", default="json"), Flag("output-directory", default=""),
            Flag("pod-running-timeout", "duration", "20s"), Flag("show-managed-fields", "bool", False),
            Flag("template", default="")]


def _as_list(resource: Any, items: list[dict[str, Any]], version: str) -> dict[str, Any]:
    return {"kind": f"{resource.kind}List", "apiVersion": resource.api_version,
            "metadata": {"resourceVersion": version}, "items": items}


def _emit(printer: Any, doc: dict[str, Any] | str, out: Any) -> None:
    if isinstance(doc, str):
        out.write(doc)
    else:
        printer.print_obj(doc, out)


def _pod_logs(api: Any, env: Env, pod: dict[str, Any]) -> str:
    """Each init and regular container's log between kubectl's START/END lines."""
    from minikubectl.cli.verbs.logs import container_log_lines

    meta = pod["metadata"]
    spec = pod.get("spec") or {}
    parts = []
    for container in (spec.get("initContainers") or []) + (spec.get("containers") or []):
        name = container.get("name", "")
        where = f"container {name} of pod {meta.get('namespace', '')}/{meta['name']}"
        parts.append(f"==== START logs for {where} ====\n")
        try:
            parts.extend(line + "\n" for _, line in container_log_lines(pod, name, env.now(), api))
        except errors.StatusError as exc:
            parts.append(f"Request log error: {exc.message}\n")
        parts.append(f"==== END logs for {where} ====\n")
    return "".join(parts)


def run(env: Env, parsed: ParsedArgs) -> int:
    """Print (or write) the dump."""
    from minikubectl.cli.session import open_cluster
    from minikubectl.printers.flags import PrintOptions, make_printer

    if parsed.args:
        raise errors.ClientError(f'unknown command "{parsed.args[0]}" for "kubectl cluster-info dump"')
    printer = make_printer(PrintOptions(output=parsed["output"], template=parsed["template"],
                                        allow_missing_template_keys=parsed["allow-missing-template-keys"],
                                        show_managed_fields=parsed["show-managed-fields"]))
    directory = parsed["output-directory"]
    documents: list[tuple[str, dict[str, Any]]] = []
    with open_cluster(env, parsed.get("state")) as api:
        version = ""  # as ``kubectl get`` prints a list
        nodes = api.registry.resolve_single("nodes")
        documents.append(("nodes", _as_list(nodes, api.list(nodes), version)))
        if parsed["all-namespaces"]:
            namespaces = [ns["metadata"]["name"] for ns in api.list(api.registry.resolve_single("namespaces"))]
        else:
            namespaces = list(parsed["namespaces"]) or ["kube-system", parsed.get("namespace") or "default"]
            namespaces = list(dict.fromkeys(namespaces))
        for namespace in namespaces:
            for plural, file_name in NAMESPACED:
                resource = api.registry.resolve_single(plural)
                items = api.list(resource, namespace)
                documents.append((os.path.join(namespace, file_name), _as_list(resource, items, version)))
            for pod in items:  # the pods, listed last
                documents.append((os.path.join(namespace, pod["metadata"]["name"], "logs"),
                                  _pod_logs(api, env, pod)))
    suffix = ".json" if parsed["output"] == "json" else ".yaml" if parsed["output"] == "yaml" else ".txt"
    for name, doc in documents:
        if not directory:
            _emit(printer, doc, env.stdout)
            continue
        import io

        path = os.path.join(directory, name + (".txt" if isinstance(doc, str) else suffix))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        buffer = io.StringIO()
        _emit(printer, doc, buffer)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(buffer.getvalue())
    if directory:
        env.stdout.write(f"Cluster info dumped to {directory}\n")
    return 0
