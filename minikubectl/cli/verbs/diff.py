"""``diff``: what ``apply`` would change, as a unified diff of two YAML trees.

kubectl computes, for every manifest object, the live object (LIVE) and the object as
the API server would store it after apply (MERGED, a server dry run: a dry-run create
for new objects, the apply patch for existing ones), writes each side as YAML into the
temp directories ``LIVE-<digits>`` and ``MERGED-<digits>`` (file name
``[<group>.]<version>.<Kind>.<namespace>.<name>``), then runs ``diff -u -N`` (or
``$KUBECTL_EXTERNAL_DIFF``) on the two directories. The diff program's exit status is
kubectl's: 0 nothing differs, 1 something differs; any other failure exits >1.

Nothing is written to the state: the dry run changes no object, and the random draws a
dry-run create makes (uid, generated names) are rolled back.
"""

from __future__ import annotations

import copy
import os
import random
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass, field

SUMMARY = "Diff the live version against a would-be applied version"
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
DELETING_WARNING = "Warning: Detected changes to resource {name} which is currently being deleted.\n"
_EXTERNAL_ARG = re.compile(r"^[a-zA-Z0-9\-=]+$")
MASK, MASK_BEFORE, MASK_AFTER = "***", "*** (before)", "*** (after)"


def flags() -> list[Flag]:
    return opt.filename_flags() + [
        Flag("selector", shorthand="l"),
        Flag("server-side", "bool", False),
        Flag("force-conflicts", "bool", False),
        Flag("field-manager", default="kubectl-client-side-apply"),
        Flag("show-managed-fields", "bool", False),
        Flag("prune", "bool", False),
        Flag("prune-allowlist", "array", []),
        Flag("concurrency", "int", 1),
    ]


class DiffFailed(errors.KubectlError):
    """An error of ``kubectl diff``: printed as usual, but exit code 1 is reserved for 'differs'."""

    def __init__(self, inner: errors.KubectlError) -> None:
        super().__init__(inner.message)
        self.inner = inner
        self.exit_code = inner.exit_code + 1

    def render(self) -> str:
        return self.inner.render()


def flag_error(message: str) -> errors.KubectlError:
    """kubectl diff's flag errors: a usage error, exit code 2 (1 means 'differs')."""
    return DiffFailed(errors.ClientError(f"{message}\nSee 'kubectl diff -h' for help and examples"))


@dataclass
class DiffEntry:
    """One object's two sides (None = empty file) under its diff file name."""

    name: str
    live: dict[str, Any] | None
    merged: dict[str, Any] | None


@dataclass
class DiffOptions:
    """Bound flags of ``diff``."""

    filenames: list[str]
    recursive: bool
    namespace: str
    explicit_namespace: bool
    selector: str
    server_side: bool
    force_conflicts: bool
    show_managed_fields: bool
    prune: bool
    state: str | None
    warnings: list[str] = field(default_factory=list)
    kustomize: str = ""
    field_manager: str = "kubectl-client-side-apply"

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "DiffOptions":
        namespace, explicit = opt.namespace_of(parsed)
        options = cls(filenames=parsed["filename"], recursive=parsed["recursive"], namespace=namespace,
                      explicit_namespace=explicit, selector=parsed["selector"] or "",
                      server_side=parsed["server-side"], force_conflicts=parsed["force-conflicts"],
                      show_managed_fields=parsed["show-managed-fields"], prune=parsed["prune"],
                      state=parsed["state"], kustomize=parsed["kustomize"] or "")
        from minikubectl.cli.verbs.apply import field_manager_of
        options.field_manager = field_manager_of(parsed)
        from minikubectl.cli.resources import check_filename_flags
        check_filename_flags(options.filenames, options.kustomize, options.recursive)
        if not options.filenames and not options.kustomize:
            raise errors.ClientError("must specify one of -f and -k")
        if options.force_conflicts and not options.server_side:
            raise errors.ClientError("--force-conflicts only works with --server-side")
        if options.prune:
            raise errors.ClientError("--prune is not supported by minikubectl's diff")
        return options

    @staticmethod
    def validate(parsed: ParsedArgs) -> None:
        if parsed.args:
            raise errors.ClientError("Unexpected args: [" + " ".join(parsed.args) + "]\n"
                                     "See 'kubectl diff -h' for help and examples")

    # -- computing both sides --------------------------------------------------------
    def entries(self, env: Env) -> list[DiffEntry]:
        """LIVE and MERGED of every manifest object; the first error aborts (no diff)."""
        from minikubectl.cli.session import open_cluster
        from minikubectl.cli.resources import read_documents

        found: list[DiffEntry] = []
        with open_cluster(env, self.state) as api, api.random_draws_undone():
            for doc in read_documents(self.filenames, self.kustomize, self.recursive, env.stdin):
                entry = self._entry(env, api, doc)
                if entry is not None:
                    found.append(entry)
        return found

    def _entry(self, env: Env, api: Any, doc: Any) -> DiffEntry | None:
        from minikubectl.cli.resources import check_namespace_match, mapping_error

        obj = doc.obj
        resource = api.registry.for_kind(obj.get("apiVersion", ""), obj.get("kind", ""))
        if resource is None:
            raise mapping_error(obj, self.namespace, doc.source)
        check_namespace_match(obj, self.namespace, self.explicit_namespace)
        if self.selector and not _selected(obj, self.selector):
            return None
        local = copy.deepcopy(obj)
        meta = local.get("metadata")
        if not isinstance(meta, dict):
            meta = local["metadata"] = {}
        namespace = (meta.get("namespace") or self.namespace) if resource.namespaced else ""
        if resource.namespaced:
            meta["namespace"] = namespace
        name = str(meta.get("name", ""))
        try:
            live = api.get(resource, namespace or None, name)
        except errors.StatusError as exc:
            if exc.reason != "NotFound":
                raise
            live = None
        merged = self._merged(api, resource, local, live, namespace)
        if live is not None and (live.get("metadata") or {}).get("deletionTimestamp"):
            env.stderr.write(DELETING_WARNING.format(name=name))
        return DiffEntry(_file_name(resource, namespace, name), live, merged)

    def _merged(self, api: Any, resource: Any, local: dict[str, Any], live: dict[str, Any] | None,
                namespace: str) -> dict[str, Any]:
        """The object as apply would leave it (server dry run)."""
        from minikubectl.api.merge import apply_patch, is_empty_patch, original_configuration, \
            three_way_merge_patch
        from minikubectl.cli.verbs.apply import kind_key

        if self.server_side:
            return api.server_side_apply(resource, local, namespace or "default", manager=self.field_manager,
                                         force=self.force_conflicts, dry_run=True)
        if live is None:
            # kubectl dry-run-creates the local object as read (no last-applied annotation).
            return api.create(resource, local, namespace or "default", dry_run=True)
        modified = _modified_configuration(local)
        patch = three_way_merge_patch(original_configuration(live), modified, live, kind_key(resource))
        if is_empty_patch(patch):
            return live
        patched = apply_patch(live, patch, kind_key(resource))
        _drop_empty_metadata_maps(patched, resource)
        return api.update(resource, patched, dry_run=True)

    # -- writing and diffing -----------------------------------------------------------
    def run(self, env: Env) -> int:
        found = self.entries(env)
        live_dir = _temp_dir("LIVE", env)
        merged_dir = _temp_dir("MERGED", env)
        try:
            for entry in found:
                live, merged = entry.live, entry.merged
                if (merged or {}).get("apiVersion") == "v1" and (merged or {}).get("kind") == "Secret":
                    live, merged = _mask_secret_data(live, merged)
                _write_side(live_dir / entry.name, live, self.show_managed_fields)
                _write_side(merged_dir / entry.name, merged, self.show_managed_fields)
            return _run_diff_program(env, str(live_dir), str(merged_dir))
        finally:
            shutil.rmtree(live_dir, ignore_errors=True)
            shutil.rmtree(merged_dir, ignore_errors=True)


# ---------------------------------------------------------------------------- helpers


def _selected(obj: dict[str, Any], selector: str) -> bool:
    """Whether a manifest object matches ``-l`` (the builder filters file objects too)."""
    from minikubectl.api import labels

    try:
        parsed = labels.parse_selector(selector)
    except ValueError as exc:
        raise errors.ClientError(getattr(exc, "message", str(exc))) from None
    meta = obj.get("metadata") if isinstance(obj.get("metadata"), dict) else {}
    return parsed.matches((meta or {}).get("labels") or {})


def _modified_configuration(local: dict[str, Any]) -> dict[str, Any]:
    """kubectl's GetModifiedConfiguration without annotating: the manifest minus its annotation."""
    modified = copy.deepcopy(local)
    meta = modified["metadata"]
    annotations = meta.get("annotations")
    annotations = dict(annotations) if isinstance(annotations, dict) else {}
    annotations.pop(LAST_APPLIED, None)
    meta["annotations"] = annotations
    return modified


def _drop_empty_metadata_maps(obj: dict[str, Any], resource: Any) -> None:
    """Typed objects drop empty ``omitempty`` label/annotation maps when the server stores them."""
    from minikubectl.api.merge import is_strategic
    from minikubectl.cli.verbs.apply import kind_key

    if not is_strategic(kind_key(resource)):
        return
    meta = obj.get("metadata")
    if isinstance(meta, dict):
        for key in ("annotations", "labels"):
            if meta.get(key) == {}:
                del meta[key]


def _file_name(resource: Any, namespace: str, name: str) -> str:
    """``[<group>.]<version>.<Kind>.<namespace>.<name>``."""
    group = f"{resource.group}." if resource.group else ""
    return f"{group}{resource.version}.{resource.kind}.{namespace}.{name}"


def _mask_secret_data(live: dict[str, Any] | None, merged: dict[str, Any] | None) \
        -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """kubectl's Masker: secret values become ``***``, marked before/after when they differ."""
    live = copy.deepcopy(live)
    merged = copy.deepcopy(merged)
    before = dict(live.get("data") or {}) if live is not None and isinstance(live.get("data"), dict) else None
    after = dict(merged.get("data") or {}) if merged is not None and isinstance(merged.get("data"), dict) \
        else None
    for key in list(before or {}):
        if after is not None and key in after:
            if before[key] != after[key]:
                before[key], after[key] = MASK_BEFORE, MASK_AFTER
                continue
            after[key] = MASK
        before[key] = MASK
    for key in list(after or {}):
        if before is None or key not in before:
            after[key] = MASK
    if live is not None and before is not None:
        live["data"] = before
    if merged is not None and after is not None:
        merged["data"] = after
    return live, merged


def _temp_dir(prefix: str, env: Env) -> Path:
    """Go's ``os.MkdirTemp("", prefix+"-")``: ``$TMPDIR/<prefix>-<random decimal>``."""
    base = Path(env.environ.get("TMPDIR") or "/tmp")
    rng = random.SystemRandom()
    for _ in range(10000):
        candidate = base / f"{prefix}-{rng.randrange(1 << 32)}"
        try:
            os.mkdir(candidate, 0o700)
        except FileExistsError:
            continue
        except OSError as exc:
            raise errors.ClientError(f"mkdir {candidate}: {exc.strerror.lower()}") from None
        return candidate
    raise errors.ClientError(f"mkdir {base}/{prefix}-: too many temp directories")


def _write_side(path: Path, obj: dict[str, Any] | None, show_managed_fields: bool) -> None:
    """One side of one object as YAML (an empty file for an absent object), mode 0700."""
    from minikubectl.printers.json_yaml import to_yaml

    text = ""
    if obj is not None:
        if not show_managed_fields and "managedFields" in (obj.get("metadata") or {}):
            obj = {**obj, "metadata": {k: v for k, v in obj["metadata"].items() if k != "managedFields"}}
        text = to_yaml(obj)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o700)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def diff_command(env: Env, from_dir: str, to_dir: str) -> tuple[str, list[str]]:
    """The program and argv kubectl runs: ``diff -u -N`` or ``$KUBECTL_EXTERNAL_DIFF``."""
    external = env.environ.get("KUBECTL_EXTERNAL_DIFF", "")
    if not external:
        return "diff", ["diff", "-u", "-N", from_dir, to_dir]
    words = external.split(" ")
    program, extra = words[0], []
    for word in words[1:]:
        if _EXTERNAL_ARG.match(word):
            extra.append(word)
        else:
            env.stderr.write(_klog_warning(
                f"invalid argument is ignored: {word}, only Alphanumeric (case-insensitive), "
                "dash and equal are allowed"))
    return program, [program, from_dir, to_dir, *extra]


def _klog_warning(message: str) -> str:
    """A klog warning line (``W<mmdd> <time> <pid> diff.go:NNN] message``)."""
    now = datetime.now()
    return f"W{now:%m%d} {now:%H:%M:%S.%f} {os.getpid():7d} diff.go:210] {message}\n"


def _run_diff_program(env: Env, from_dir: str, to_dir: str) -> int:
    """Run the diff program; its output goes to our streams; kubectl's exit-code rules."""
    program, argv = diff_command(env, from_dir, to_dir)
    try:
        env.stdout.flush()
    except (ValueError, OSError):
        pass
    try:
        proc = subprocess.run(argv, capture_output=True, env=dict(env.environ), check=False)
    except OSError as exc:
        reason = "executable file not found in $PATH" if isinstance(exc, FileNotFoundError) \
            else (exc.strerror or str(exc))
        raise errors.ClientError(f'failed to run "{program}": exec: "{program}": {reason}') from None
    _write_bytes(env.stdout, proc.stdout)
    _write_bytes(env.stderr, proc.stderr)
    if proc.returncode in (0, 1):
        return proc.returncode
    if proc.returncode < 0:
        raise errors.ClientError(f'failed to run "{program}": signal: {_signal_name(-proc.returncode)}')
    raise errors.ClientError(f'failed to run "{program}": exit status {proc.returncode}')


def _signal_name(number: int) -> str:
    import signal
    try:
        return signal.Signals(number).name.lower().removeprefix("sig")
    except ValueError:
        return str(number)


def _write_bytes(stream: Any, data: bytes) -> None:
    if not data:
        return
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(data)
        buffer.flush()
    else:
        stream.write(data.decode("utf-8", "replace"))


def run(env: Env, parsed: ParsedArgs) -> int:
    """kubectl diff: every error exits with its usual code plus one (1 means 'differs')."""
    try:
        options = DiffOptions.complete(parsed)
        DiffOptions.validate(parsed)
        return options.run(env)
    except DiffFailed:
        raise
    except errors.KubectlError as exc:
        raise DiffFailed(exc) from None

