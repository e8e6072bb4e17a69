"""``edit``: edit live objects in the user's editor, as kubectl's edit loop does.

The objects (a ``List`` when several) are written as YAML (or JSON with ``-o json``) under
kubectl's comment header; the editor runs; the edited text is compared with the original
without comments. Each changed object is sent as a strategic merge patch (a JSON merge patch
for kinds without strategic keys) computed from the original to the edited object. An object
the API server rejects as invalid reopens the editor with the reasons in the header.
"""

from __future__ import annotations

import os
from typing import Any

from minikubectl.api import errors
from minikubectl.cli import options as opt
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.golang.structs import dataclass

SUMMARY = "Edit a resource on the server"
HEADER = ("# Please edit the object below. Lines beginning with a '#' will be ignored,\n"
          "# and an empty file will abort the edit. If an error occurs while saving this file will be\n"
          "# reopened with the relevant failures.\n#\n")
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"


def flags() -> list[Flag]:
    return opt.print_flags() + opt.filename_flags() + [
        Flag("output-patch", "bool", False),
        Flag("save-config", "bool", False),
        Flag("subresource"),
        Flag("validate", default="strict", no_opt_default="strict"),
        Flag("windows-line-endings", "bool", False),
        Flag("field-manager", default="kubectl-edit"),
    ]


def _hash_on_line_break(text: str) -> str:
    return text.replace("\n", "\n# ")


def header(reasons: list[tuple[str, list[str]]]) -> str:
    """The comment header, with the reasons of a failed save (``editHeader.writeTo``)."""
    out = HEADER
    for head, details in reasons:
        out += f"# {_hash_on_line_break(head)}{':' if details else ''}\n"
        out += "".join(f"# * {_hash_on_line_break(d)}\n" for d in details)
        out += "#\n"
    return out


def strip_comment_lines(text: str) -> str:
    """``ManualStrip``: the text without lines that start with ``#``."""
    return "".join(line for line in text.splitlines(keepends=True) if not line.lstrip().startswith("#"))


def _has_lines(text: str) -> bool:
    return any(line.strip() and not line.strip().startswith("#") for line in text.splitlines())


def _decode(text: str) -> list[dict[str, Any]]:
    """The objects of the edited text (a List is flattened); ManifestError on a syntax error."""
    from minikubectl.io.manifests import load_text

    objects: list[dict[str, Any]] = []
    for obj in load_text(text, "edited-file"):
        if obj.get("kind") == "List" and isinstance(obj.get("items"), list):
            objects.extend(item for item in obj["items"] if isinstance(item, dict))
        else:
            objects.append(obj)
    return objects


def _load(text: str) -> Any:
    """The text as data, comments ignored (for the no-change check); None if it does not parse."""
    try:
        return _decode(text)
    except errors.KubectlError:
        return None


@dataclass
class EditOptions:
    """Bound flags of ``edit``."""

    args: list[str]
    filenames: list[str]
    recursive: bool
    namespace: str
    print_opts: Any
    output_patch: bool
    save_config: bool
    windows_line_endings: bool
    state: str | None

    @classmethod
    def complete(cls, parsed: ParsedArgs) -> "EditOptions":
        namespace, _ = opt.namespace_of(parsed)
        output = parsed["output"] or ""
        if output not in ("", "yaml", "json", "name") and not output.startswith(("jsonpath", "go-template")):
            raise errors.ClientError(f'the edit mode "{output}" is not supported')
        return cls(args=parsed.args, filenames=parsed["filename"], recursive=parsed["recursive"],
                   namespace=namespace, print_opts=opt.print_options(parsed), output_patch=parsed.get("output-patch", False),
                   save_config=parsed.get("save-config", False), windows_line_endings=parsed["windows-line-endings"],
                   state=parsed["state"])

    def run(self, env: Env) -> int:
        from minikubectl.cli.resources import Selection, select
        from minikubectl.cli.session import open_cluster

        with open_cluster(env, self.state) as api:
            fetched = select(api, env.stdin, Selection(self.args, self.filenames, self.recursive, self.namespace))
            if fetched.errors:
                raise fetched.errors[0]
            pairs = list(fetched.pairs)
            if not pairs:
                raise errors.ClientError("edit cancelled, no objects found")
            return self._loop(env, api, pairs)

    def _document(self, pairs: list[tuple[Any, dict[str, Any]]]) -> tuple[str, str]:
        from minikubectl.printers.json_yaml import to_json, to_yaml

        objects = []
        for _, obj in pairs:
            obj = dict(obj)
            obj["metadata"] = {k: v for k, v in obj["metadata"].items() if k != "managedFields"}
            objects.append(obj)
        doc = objects[0] if len(objects) == 1 else {"apiVersion": "v1", "items": objects, "kind": "List",
                                                    "metadata": {}}
        if self.print_opts.output == "json":
            return to_json(doc), ".json"
        return to_yaml(doc), ".yaml"

    def _loop(self, env: Env, api: Any, pairs: list[tuple[Any, dict[str, Any]]]) -> int:
        from minikubectl.cli.editor import edit_text

        program = os.path.basename(env.environ.get("MINIKUBECTL_PROGRAM", "minikubectl"))
        body, ext = self._document(pairs)
        original = body
        reasons: list[tuple[str, list[str]]] = []
        edited = ""
        retrying = False
        previous_file = ""
        while True:
            text = header(reasons) + (strip_comment_lines(edited) if retrying else original)
            if self.windows_line_endings:
                text = text.replace("\n", "\r\n")
            before = edited
            edited, path = edit_text(env.environ, program, text, ext)
            edited = edited.replace("\r\n", "\n")
            if retrying and strip_comment_lines(before) == strip_comment_lines(edited):
                env.stderr.write(f'A copy of your changes has been stored to "{path}"\n')
                raise errors.ClientError("Edit cancelled, no valid changes were saved.")
            if previous_file and previous_file != path:
                _remove(previous_file)
            previous_file = path
            if _load(original) == _load(edited) and _load(edited) is not None:
                _remove(path)
                env.stderr.write("Edit cancelled, no changes made.\n")
                return 0
            if not _has_lines(edited):
                _remove(path)
                env.stderr.write("Edit cancelled, saved file was empty.\n")
                return 0
            try:
                updated = _decode(edited)
            except errors.KubectlError as exc:
                reasons = [(f"The edited file had a syntax error: {exc.message}", [])]
                retrying = True
                continue
            reasons = []
            invalid = self._apply(env, api, pairs, updated, reasons, path)
            if not invalid:
                _remove(path)
                return 0
            retrying = True

    def _apply(self, env: Env, api: Any, pairs: list[tuple[Any, dict[str, Any]]], updated: list[dict[str, Any]],
               reasons: list[tuple[str, list[str]]], path: str) -> bool:
        """Patch each changed object; True when some were invalid (the editor reopens)."""
        import json

        from minikubectl.api.merge import is_strategic, three_way_merge_patch
        from minikubectl.cli.verbs.patch import patch_on_server

        by_uid = {obj["metadata"].get("uid"): (resource, obj) for resource, obj in pairs}
        invalid = False
        printer = None
        if self.print_opts.output or self.print_opts.template:
            from minikubectl.printers.flags import make_printer
            printer = make_printer(self.print_opts)
        for new in updated:
            uid = (new.get("metadata") or {}).get("uid")
            if uid not in by_uid:
                env.stderr.write(f'A copy of your changes has been stored to "{path}"\n')
                raise errors.ClientError("no original object found for " + json.dumps(new, sort_keys=True))
            resource, old = by_uid[uid]
            old = {**old, "metadata": {k: v for k, v in old["metadata"].items() if k != "managedFields"}}
            if self.save_config:
                _save_config(new)
            if json.dumps(old, sort_keys=True) == json.dumps(new, sort_keys=True):
                self._print(env, printer, old, "skipped")
                continue
            if new.get("apiVersion") != old.get("apiVersion") or new.get("kind") != old.get("kind") or \
                    (new.get("metadata") or {}).get("name") != old["metadata"].get("name"):
                env.stderr.write(f'A copy of your changes has been stored to "{path}"\n')
                raise errors.ClientError("At least one of apiVersion, kind and name was changed")
            key = (resource.group, resource.kind)
            strategic = is_strategic(key)
            patch = three_way_merge_patch(old, new, old, key if strategic else None)
            if self.output_patch:
                from minikubectl.golang.json import marshal
                env.stdout.write(f"Patch: {marshal(patch, sort_keys=True)}\n")
            current = api.get(resource, old["metadata"].get("namespace"), old["metadata"]["name"])
            label = resource.qualified_plural
            try:
                stored, _ = patch_on_server(api, resource, current, patch, "strategic" if strategic else "merge",
                                            "none")
            except errors.StatusError as exc:
                name = old["metadata"]["name"]
                if exc.reason == "Invalid":
                    invalid = True
                    reasons.append((f'{label} "{name}" was not valid',
                                    [f"{c.field}: {c.detail}" for c in exc.causes]))
                    env.stderr.write(f'error: {label} "{name}" is invalid\n')
                    continue
                if exc.reason == "NotFound":
                    env.stderr.write(f'error: {label} "{name}" could not be found on the server\n'
                                     f'The edits you made on deleted resources have been saved to "{path}"\n')
                    raise errors.ExitError(1) from None
                env.stderr.write(f'error: {label} "{name}" could not be patched: {exc.message}\n'
                                 f"You can run `minikubectl replace -f {path}` to try this update again.\n")
                raise errors.ExitError(1) from None
            self._print(env, printer, stored, "edited")
        return invalid

    @staticmethod
    def _print(env: Env, printer: Any, obj: dict[str, Any], word: str) -> None:
        opt.print_result(env.stdout, printer, obj, word)


def _save_config(obj: dict[str, Any]) -> None:
    """``--save-config``: the edited object itself becomes its last-applied configuration."""
    from minikubectl.cli.generator import add_last_applied
    meta = obj.setdefault("metadata", {})
    annotations = dict(meta.get("annotations") or {})
    annotations.pop(LAST_APPLIED, None)
    meta["annotations"] = annotations
    add_last_applied(obj)


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


def run(env: Env, parsed: ParsedArgs) -> int:
    return EditOptions.complete(parsed).run(env)
