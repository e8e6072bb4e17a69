"""What create, apply and replace share: visit manifest objects, write, report.

kubectl visits every object of every file, prints a line (or the object, with ``-o``)
for each success as it goes, and prints the collected errors at the end.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.options import dry_run_suffix
from minikubectl.cli.resources import add_source, check_namespace_match, mapping_error

Operation = Callable[[Any, Any, dict[str, Any], str], tuple[dict[str, Any], str]]


class ManifestWriter:
    """Visits manifest documents, applies an operation to each, prints and collects errors."""

    def __init__(self, env: Env, print_opts: Any, dry_run: str, validate_mode: str = "strict",
                 selector: str = "") -> None:
        self.env = env
        # ``-l``: the builder's FilteredVisitor keeps only the file objects whose labels match.
        self.selector = None
        if selector:
            from minikubectl.api import labels
            try:
                self.selector = labels.parse_selector(selector)
            except ValueError as exc:
                message = getattr(exc, "message", str(exc))
                raise errors.ClientError(
                    f'the provided selector "{selector}" is not valid: {message}') from None
        self.dry_run = dry_run
        self.validate_mode = validate_mode
        from minikubectl.api.schema_validation import parse_validate_flag
        parse_validate_flag(validate_mode)  # a bad --validate value stops the command up front
        self.errors: list[errors.KubectlError] = []
        self.printer = None
        if print_opts is not None and (print_opts.output or print_opts.template):
            from minikubectl.printers.flags import make_printer
            self.printer = make_printer(print_opts)
        self.visited = 0

    @contextmanager
    def session(self, state_flag: str | None) -> Iterator[Any]:
        """The cluster, saved afterwards unless this is a dry run."""
        from minikubectl.cli.session import open_cluster
        with open_cluster(self.env, state_flag) as api:
            yield api

    def documents(self, filenames: list[str], recursive: bool, kustomize: str = "") -> Iterator[Any]:
        """Manifest documents (or ``-k DIR``'s); read errors are kept for the end, as kubectl's are."""
        from minikubectl.cli.resources import read_documents
        if kustomize:  # a kustomize error stops the command before anything is sent
            yield from list(read_documents(filenames, kustomize, recursive, self.env.stdin))
            return
        try:
            from minikubectl.api.schema_validation import parse_validate_flag
            validate = parse_validate_flag(self.validate_mode) != "Ignore"
            for doc in read_documents(filenames, "", recursive, self.env.stdin,
                                      continue_on_error=True, validate=validate):
                if doc.error is not None:
                    self.errors.append(doc.error)
                else:
                    yield doc
        except errors.KubectlError as exc:
            self.errors.append(exc)

    def visit(self, api: Any, doc: Any, namespace: str, explicit: bool, verb: str,
              operation: Operation) -> None:
        """Run ``operation`` on one document; print its result or keep its error."""
        obj = doc.obj
        self.visited += 1
        try:
            resource = api.registry.for_kind(obj.get("apiVersion", ""), obj.get("kind", ""))
            if resource is None:
                raise mapping_error(obj, namespace, doc.source)
            if self.selector is not None and not self.selector.matches(
                    (obj.get("metadata") or {}).get("labels") or {}):
                self.visited -= 1
                return
            check_namespace_match(obj, namespace, explicit)
            target_ns = (obj.get("metadata") or {}).get("namespace") or namespace
            self._validate_schema(obj, doc.source)
            result, word = operation(api, resource, obj, target_ns)
        except errors.ClientError as exc:
            if str(exc.message).startswith(("resource mapping not found", "the namespace from")):
                self.errors.append(exc)
            else:
                self.errors.append(add_source(exc, verb, doc.source))
            return
        except errors.StatusError as exc:
            self.errors.append(add_source(exc, verb, doc.source))
            return
        self.print_result(result, word)

    def _validate_schema(self, obj: dict[str, Any], source: str) -> None:
        try:
            from minikubectl.api import schema_validation
        except ImportError:
            return
        check = getattr(schema_validation, "check_for_cli", None)
        if check is not None:
            check(obj, source, self.validate_mode, self.env.stderr)

    def print_result(self, obj: dict[str, Any], word: str, *, go_order: bool = False) -> None:
        """``kind/name <word>[ (dry run)]``, or the object through the chosen printer.

        ``go_order``: ``obj`` was built as a typed Go object, whose -o json keeps field order.
        """
        if self.printer is not None:
            from minikubectl.printers.json_yaml import JSONPrinter
            if go_order and type(self.printer) is JSONPrinter:
                from minikubectl.golang.json import marshal
                self.env.stdout.write(marshal(obj, indent="    ", sort_keys=False) + "\n")
                return
            self.printer.print_obj(obj, self.env.stdout)
            return
        from minikubectl.printers.name import object_name
        self.env.stdout.write(f"{object_name(obj)} {word}{dry_run_suffix(self.dry_run)}\n")

    def finish(self) -> int:
        """Print the collected errors; the exit code."""
        if not self.visited and not self.errors:
            self.errors.append(errors.ClientError("no objects passed to create"))
        from minikubectl.cli.resources import report_errors
        return report_errors(self.env, self.errors)
