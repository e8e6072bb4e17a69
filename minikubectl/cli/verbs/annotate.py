"""``annotate``: update the annotations on a resource."""

from __future__ import annotations

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.metadata_edit import MetadataKind, common_flags, run_metadata_verb

SUMMARY = "Update the annotations on a resource"


def _parse(changes: list[str]) -> tuple[dict[str, str], list[str]]:
    new: dict[str, str] = {}
    remove: list[str] = []
    problems: list[str] = []
    for change in changes:
        if "=" in change:
            key, _, value = change.partition("=")
            if not key:
                problems.append(f"invalid annotation format: {change}")
                continue
            new[key] = value
        elif change.endswith("-"):
            remove.append(change[:-1])
        else:
            problems.append(f"invalid annotation format: {change}")
    if problems:
        raise errors.ClientError(problems[0] if len(problems) == 1 else
                                 "[" + ", ".join(problems) + "]")
    both = [key for key in remove if key in new]
    if both:
        raise errors.ClientError("can not both modify and remove the following annotation(s) in the "
                                 f"same command: {', '.join(both)}")
    return new, remove


def _check_overwrite(current: dict[str, str], new: dict[str, str]) -> None:
    found = [f"'{key}' already has a value ({current[key]})"
             for key, value in new.items() if key in current and current[key] != value]
    if found:
        raise errors.ClientError("--overwrite is false but found the following declared annotation(s): "
                                 + "; ".join(found))


def _message(before: bytes, after: bytes, overwrite: bool) -> str:
    return "annotated"


ANNOTATE = MetadataKind(field="annotations", noun="annotation", verb="annotate", parse_changes=_parse,
                        check_overwrite=_check_overwrite, change_message=_message, list_header=False)


def flags() -> list[Flag]:
    return common_flags("kubectl-annotate")


def run(env: Env, parsed: ParsedArgs) -> int:
    return run_metadata_verb(ANNOTATE, env, parsed)
