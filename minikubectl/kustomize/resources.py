"""The objects a kustomization accumulates, with the name history kustomize keeps for each."""

from __future__ import annotations

from typing import Any

from minikubectl.golang.structs import dataclass, field
from minikubectl.kustomize.fieldspecs import ORDER_FIRST, ORDER_LAST


def group_version(obj: dict[str, Any]) -> tuple[str, str]:
    """(group, version) of an object's apiVersion."""
    api_version = str(obj.get("apiVersion") or "")
    group, _, version = api_version.rpartition("/")
    return group, version


@dataclass
class Resource:
    """One object plus what the later steps need: its former names and whether to hash it."""

    obj: dict[str, Any]
    names: list[str] = field(default_factory=list)  # every name it had, oldest first
    namespaces: list[str] = field(default_factory=list)
    needs_hash: bool = False
    # prefixes / suffixes applied so far (kustomize matches references within one scope)
    prefixes: list[str] = field(default_factory=list)
    suffixes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.names:
            self.names = [self.name]
            self.namespaces = [self.namespace]

    @property
    def kind(self) -> str:
        return str(self.obj.get("kind") or "")

    @property
    def group(self) -> str:
        return group_version(self.obj)[0]

    @property
    def version(self) -> str:
        return group_version(self.obj)[1]

    @property
    def metadata(self) -> dict[str, Any]:
        meta = self.obj.get("metadata")
        if not isinstance(meta, dict):
            meta = self.obj["metadata"] = {}
        return meta

    @property
    def name(self) -> str:
        return str(self.metadata.get("name") or "")

    @property
    def namespace(self) -> str:
        return str(self.metadata.get("namespace") or "")

    def rename(self, name: str) -> None:
        """Set a new name, remembering the old one for name references."""
        self.metadata["name"] = name
        if name not in self.names:
            self.names.append(name)

    def set_namespace(self, namespace: str) -> None:
        self.metadata["namespace"] = namespace
        self.namespaces.append(namespace)

    def id_text(self) -> str:
        """kustomize's ResId text: ``Kind.version.group/name.namespace``."""
        gvk = self.kind + ("." + self.version if self.version else "") + ("." + self.group if self.group else "")
        return f"{gvk}/{self.name}.{self.namespace or '[noNs]'}"


def _gvk_text(res: Resource) -> str:
    return "_".join([res.group or "~G", res.version or "~V", res.kind or "~K"])


def legacy_order_key(res: Resource) -> tuple[int, str, str]:
    """kustomize's legacy output order: listed kinds first/last, then gvk text, namespace|name."""
    if res.kind in ORDER_FIRST:
        rank = ORDER_FIRST.index(res.kind) - len(ORDER_FIRST)
    elif res.kind in ORDER_LAST:
        rank = ORDER_LAST.index(res.kind) + 1
    else:
        rank = 0
    return rank, _gvk_text(res), f"{res.namespace or '~X'}|{res.name or '~N'}"
