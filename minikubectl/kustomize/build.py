"""``kustomize build``: a kustomization directory to objects, in kustomize v5's order and form.

Steps per kustomization (as kustomize's KustTarget): resources, components, generators, then
the transformers in kustomize's fixed order. Hash suffixes and name references are applied
once, at the top, after everything else; the output is sorted in the legacy kind order.
"""

from __future__ import annotations

import os
from typing import Any

from minikubectl.api.errors import ClientError
from minikubectl.golang.structs import dataclass, field
from minikubectl.kustomize import generators, patches, transforms
from minikubectl.kustomize.fieldspecs import METADATA_LABELS, SELECTOR_LABELS, TEMPLATE_LABELS, COMMON_ANNOTATIONS
from minikubectl.kustomize.resources import Resource, legacy_order_key
from minikubectl.kustomize.yaml_v3 import YAMLSyntaxError, load_documents

KUSTOMIZATION_FILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")

# Fields of a Kustomization built in here; the rest of kustomize's fields are refused clearly.
SUPPORTED_FIELDS = {
    "apiVersion", "kind", "metadata", "resources", "bases", "components", "namespace", "namePrefix",
    "nameSuffix", "commonLabels", "labels", "commonAnnotations", "images", "imageTags", "replicas",
    "patches", "patchesStrategicMerge", "patchesJson6902", "configMapGenerator", "secretGenerator",
    "generatorOptions", "buildMetadata", "sortOptions",
}
UNSUPPORTED_FIELDS = {
    "crds", "openapi", "vars", "replacements", "transformers", "generators", "validators", "helmCharts",
    "helmGlobals", "helmChartInflationGenerator", "configurations", "inventory",
}
# Deprecated fields and what replaces them (kustomize warns, sorted by field name).
DEPRECATED = {"bases": "resources", "commonLabels": "labels", "imageTags": "images",
              "patchesJson6902": "patches", "patchesStrategicMerge": "patches", "vars": "replacements"}


@dataclass
class BuildResult:
    """What ``kustomize build`` prints: objects (stdout) and warnings (stderr)."""

    objects: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)


def _lstat_error(path: str, shown: str) -> str:
    """filepath.EvalSymlinks' failure: lstat names the first path component that is missing."""
    missing = path
    parent = os.path.dirname(missing)
    while parent != missing and not os.path.lexists(parent):
        missing, parent = parent, os.path.dirname(parent)
    return f"evalsymlink failure on '{shown}' : lstat {missing}: no such file or directory"


def build(path: str) -> BuildResult:
    """Render the kustomization at directory ``path``."""
    full = os.path.abspath(path)
    if not os.path.exists(full):
        raise ClientError("must build at directory: not a valid directory: " + _lstat_error(full, path))
    if not os.path.isdir(full):
        raise ClientError(f"must build at directory: '{full}': file is not directory")
    builder = _Builder()
    try:
        resources = builder.accumulate(os.path.realpath(full), [], None)
    except (TypeError, AttributeError, ValueError, KeyError) as exc:
        # a field of an unexpected shape (a string where a list belongs, ...): an error, not a traceback
        raise ClientError(f"invalid Kustomization under '{full}': {exc}") from None
    for res in resources:
        if res.needs_hash:
            res.rename(f"{res.name}-{generators.hash_suffix(res.obj)}")
    transforms.fix_name_references(resources)
    ordered = sorted(resources, key=legacy_order_key)
    return BuildResult([res.obj for res in ordered], builder.warnings)


def is_remote(entry: str) -> bool:
    """Whether a resources entry names something to fetch (kustomize would clone or GET it)."""
    return "://" in entry or entry.startswith(("github.com/", "gitlab.com/", "bitbucket.org/", "git@", "ssh:"))


class _Builder:
    def __init__(self) -> None:
        self.warnings: list[str] = []

    # ------------------------------------------------------------------ loading

    def load_kustomization(self, root: str) -> dict[str, Any]:
        found = [name for name in KUSTOMIZATION_FILES if os.path.isfile(os.path.join(root, name))]
        if len(found) > 1:
            raise ClientError(f"Found multiple kustomization files under: {root}")
        if not found:
            raise ClientError("unable to find one of 'kustomization.yaml', 'kustomization.yml' or "
                              f"'Kustomization' in directory '{root}'")
        with open(os.path.join(root, found[0]), encoding="utf-8", errors="replace") as handle:
            text = handle.read()
        # The Kustomization itself is read by sigs.k8s.io/yaml (go-yaml v2, YAML 1.1), unlike resources.
        from minikubectl.io.yaml_values import YAMLConvertError, yaml_to_json_value

        try:
            kust = yaml_to_json_value(text)
        except YAMLConvertError as err:
            raise ClientError(f"invalid Kustomization: {err}") from None
        kust = {} if kust is None else kust
        if not isinstance(kust, dict):
            raise ClientError("invalid Kustomization: json: cannot unmarshal array into Go value of type "
                              "types.Kustomization")
        kust = _canonical_keys(kust)
        for key in ("commonLabels", "commonAnnotations"):
            _check_string_map(kust.get(key), f"Kustomization.{key}")
        for key in ("namespace", "namePrefix", "nameSuffix"):
            if key in kust and kust[key] is not None and not isinstance(kust[key], str):
                raise ClientError(f"invalid Kustomization: json: cannot unmarshal {_go_json_type(kust[key])} "
                                  f"into Go struct field Kustomization.{key} of type string")
        for entry in kust.get("labels") or []:
            if isinstance(entry, dict):
                _check_string_map(entry.get("pairs"), "Label.labels.pairs")
        for key in kust:
            if key in UNSUPPORTED_FIELDS and kust[key]:
                raise ClientError(f"kustomization field {key!r} is not supported by minikubectl")
            if key not in SUPPORTED_FIELDS and key not in UNSUPPORTED_FIELDS:
                raise ClientError(f'invalid Kustomization: json: unknown field "{key}"')
        for key in sorted(k for k in kust if k in DEPRECATED):
            extra = " [EXPERIMENTAL]" if key == "vars" else ""
            self.warnings.append(f"# Warning: '{key}' is deprecated. Please use '{DEPRECATED[key]}' instead."
                                 f"{extra} Run 'kustomize edit fix' to update your Kustomization automatically.")
        return kust

    def load_objects(self, path: str, root: str) -> list[Resource]:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
        try:
            docs = load_documents(text)
        except YAMLSyntaxError as err:
            shown = os.path.relpath(path, root)
            raise ClientError(f"accumulating resources: accumulating resources from '{shown}': "
                              f"MalformedYAMLError: {err.message} in File: {shown}") from None
        found: list[Resource] = []
        for doc in docs:
            if doc is None or doc == {}:
                continue
            if not isinstance(doc, dict):
                raise ClientError(f"missing Resource metadata in file {path}")
            if str(doc.get("kind", "")).endswith("List") and isinstance(doc.get("items"), list):
                found += [Resource(item) for item in doc["items"] if isinstance(item, dict)]
                continue
            if not doc.get("kind"):
                raise ClientError(f"missing kind in object {doc}")
            found.append(Resource(doc))
        return found

    def read_relative(self, root: str, entry: str) -> str:
        path = os.path.join(root, entry)
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                return handle.read()
        except OSError:
            raise ClientError(f"open {os.path.normpath(path)}: no such file or directory") from None

    # ------------------------------------------------------------- accumulation

    def accumulate(self, root: str, visited: list[str], inherited: list[Resource] | None,
                   component: bool = False) -> list[Resource]:
        """Resources of the kustomization at ``root`` (a component transforms ``inherited``)."""
        kust = self.load_kustomization(root)
        kind = kust.get("kind") or "Kustomization"
        if component and kind != "Component":
            raise _KindError(f"accumulating components: accumulateDirectory: \"expected kind 'Component' "
                             f"for path '{root}' but got '{kind}'\"")
        if not component and kind == "Component":
            raise _KindError(f"expected kind != 'Component' for path '{root}'")
        resources: list[Resource] = list(inherited or [])
        chain = visited + [root]
        for entry in list(kust.get("bases") or []) + list(kust.get("resources") or []):
            resources += self._resource_entry(root, str(entry), chain)
        for entry in kust.get("components") or []:
            resources = self._component_entry(root, str(entry), chain, resources)
        resources = self.generate(root, kust, resources)
        return self.transform(root, kust, resources)

    def _resource_entry(self, root: str, entry: str, chain: list[str]) -> list[Resource]:
        prefix = f"accumulating resources: accumulation err='accumulating resources from '{entry}': "
        if is_remote(entry):
            raise ClientError(prefix + "remote resources are not fetched: minikubectl works offline "
                              "(nothing leaves the machine)'")
        path = os.path.normpath(os.path.join(root, entry))
        if not os.path.exists(path):
            lstat = _lstat_error(path, path)
            raise ClientError(prefix + lstat + "': must build at directory: not a valid directory: " + lstat)
        if os.path.isfile(path):
            real_file = os.path.realpath(path)
            if not real_file.startswith(root.rstrip("/") + "/"):  # kustomize's LoadRestrictionsRootOnly
                raise ClientError(prefix + f"security; file '{real_file}' is not in or below '{root}'': "
                                  f"must build at directory: '{real_file}': file is not directory")
            return self.load_objects(path, root)
        real = os.path.realpath(path)
        prefix += f"'{real}' must resolve to a file': "
        for seen in reversed(chain):
            if seen == real or seen.startswith(real.rstrip("/") + "/"):
                raise ClientError(prefix + f"cycle detected: candidate root '{real}' contains visited root '{seen}'")
        try:
            return self.accumulate(real, chain, None)
        except _KindError as err:
            raise ClientError(prefix + err.message) from None
        except ClientError as err:
            raise ClientError(prefix + f"recursed accumulation of path '{real}': {err.message}") from None

    def _component_entry(self, root: str, entry: str, chain: list[str],
                         resources: list[Resource]) -> list[Resource]:
        path = os.path.realpath(os.path.join(root, entry))
        if not os.path.isdir(path):
            raise ClientError(f"accumulating components: accumulation err='accumulating components from "
                              f"'{entry}': " + _lstat_error(path, path) + "'")
        return self.accumulate(path, chain, resources, component=True)

    # --------------------------------------------------------------- generators

    def generate(self, root: str, kust: dict[str, Any], resources: list[Resource]) -> list[Resource]:
        options = kust.get("generatorOptions") or {}
        for kind, key in (("ConfigMap", "configMapGenerator"), ("Secret", "secretGenerator")):
            for spec in kust.get(key) or []:
                obj = generators.generate(kind, spec, root, options)
                disabled = bool((spec.get("options") or {}).get("disableNameSuffixHash")
                                or options.get("disableNameSuffixHash"))
                new = Resource(obj, needs_hash=not disabled)
                resources = self._absorb(resources, new, str(spec.get("behavior") or "create"))
        return resources

    def _absorb(self, resources: list[Resource], new: Resource, behavior: str) -> list[Resource]:
        existing = [res for res in resources if res.kind == new.kind and new.name in res.names
                    and (res.namespace == new.namespace or not new.namespace)]
        resid = ('resid.ResId{Gvk:resid.Gvk{Group:"", Version:"v1", Kind:"%s", isClusterScoped:false}, '
                 'Name:"%s", Namespace:"%s"}' % (new.kind, new.name, new.namespace))
        # kustomize prints the generator's Go pointer here; a fixed one keeps output repeatable
        origin = "merging from generator &{0xc000000000 <nil>}: "
        if behavior == "create":
            if existing:
                raise ClientError(f"{origin}id {resid} exists; behavior must be merge or replace")
            return resources + [new]
        if behavior not in ("merge", "replace"):
            raise ClientError(f"unknown generator behavior '{behavior}'")
        if not existing:
            raise ClientError(f"{origin}id {resid} does not exist; cannot merge or replace")
        old = existing[0]
        if behavior == "replace":
            merged = new.obj
            merged["metadata"]["name"] = old.name
            if old.namespace:
                merged["metadata"]["namespace"] = old.namespace
        else:
            merged = old.obj
            for section in ("data", "binaryData"):
                if new.obj.get(section):
                    merged.setdefault(section, {}).update(new.obj[section])
            for meta_key in ("labels", "annotations"):
                if new.metadata.get(meta_key):
                    merged.setdefault("metadata", {}).setdefault(meta_key, {}).update(new.metadata[meta_key])
        old.obj = merged
        old.needs_hash = old.needs_hash or new.needs_hash if behavior == "merge" else new.needs_hash
        return resources

    # ------------------------------------------------------------- transformers

    def _patch_text(self, root: str, entry: dict[str, Any]) -> str:
        if entry.get("patch"):
            return str(entry["patch"])
        if entry.get("path"):
            return self.read_relative(root, str(entry["path"]))
        raise ClientError("must specify one of patch and path in\n" + str(entry))

    def transform(self, root: str, kust: dict[str, Any], resources: list[Resource]) -> list[Resource]:
        for entry in kust.get("patchesStrategicMerge") or []:
            text = str(entry)
            if "\n" not in text and os.path.isfile(os.path.join(root, text)):
                text = self.read_relative(root, text)
            docs = [d for d in load_documents(text) if isinstance(d, dict)]
            resources = patches.apply_strategic_patches(resources, docs, None)
        for entry in kust.get("patches") or []:
            docs = load_documents(self._patch_text(root, entry))
            target = entry.get("target")
            if docs and isinstance(docs[0], list):
                if not target:
                    raise ClientError("unable to apply json patch without a target")
                for res in patches.select(resources, target):
                    patches.json6902(res, docs[0], "")
                continue
            resources = patches.apply_strategic_patches(resources, [d for d in docs if isinstance(d, dict)],
                                                        target)
        if kust.get("namespace"):
            transforms.set_namespace(resources, str(kust["namespace"]))
        if kust.get("namePrefix") or kust.get("nameSuffix"):
            transforms.add_prefix_suffix(resources, str(kust.get("namePrefix") or ""),
                                         str(kust.get("nameSuffix") or ""))
        if kust.get("commonLabels"):
            transforms.merge_map_field(resources, SELECTOR_LABELS, _strings(kust["commonLabels"]))
        for entry in kust.get("labels") or []:
            specs = list(METADATA_LABELS)
            if entry.get("includeSelectors"):
                specs = list(SELECTOR_LABELS)
            elif entry.get("includeTemplates"):
                specs += TEMPLATE_LABELS
            transforms.merge_map_field(resources, specs, _strings(entry.get("pairs") or {}))
        if kust.get("commonAnnotations"):
            transforms.merge_map_field(resources, COMMON_ANNOTATIONS, _strings(kust["commonAnnotations"]))
        for entry in kust.get("patchesJson6902") or []:
            text = self._patch_text(root, entry)
            docs = load_documents(text)
            operations = docs[0] if docs and isinstance(docs[0], list) else []
            for res in patches.select(resources, entry.get("target") or {}):
                patches.json6902(res, operations, "")
        if kust.get("replicas"):
            transforms.set_replicas(resources, kust["replicas"])
        images = list(kust.get("images") or []) + list(kust.get("imageTags") or [])
        if images:
            transforms.set_images(resources, images)
        return resources


class _KindError(ClientError):
    """A Kustomization where a Component belongs, or the reverse (not wrapped as a recursion)."""


def _go_json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, list):
        return "array"
    return "object" if isinstance(value, dict) else "string"


def _check_string_map(values: Any, field_name: str) -> None:
    """encoding/json's first type error for a map[string]string field (keys in sorted order)."""
    if not isinstance(values, dict):
        return
    for name in sorted(values):
        value = values[name]
        if value is not None and not isinstance(value, str):
            raise ClientError(f"invalid Kustomization: json: cannot unmarshal {_go_json_type(value)} into Go "
                              f"struct field {field_name} of type string")


_FIELD_NAMES = {name.lower(): name for name in SUPPORTED_FIELDS | UNSUPPORTED_FIELDS}


def _canonical_keys(kust: dict[str, Any]) -> dict[str, Any]:
    """Field names as Go's encoding/json matches them: case-insensitively (a later key wins)."""
    out: dict[str, Any] = {}
    for key, value in kust.items():
        out[_FIELD_NAMES.get(str(key).lower(), key)] = value
    return out


def _strings(values: dict[str, Any]) -> dict[str, str]:
    from minikubectl.golang.fmt import format_value

    return {str(k): v if isinstance(v, str) else format_value(v) for k, v in values.items()}
