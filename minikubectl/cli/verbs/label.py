"""``label``: update the labels on a resource."""

from __future__ import annotations

from minikubectl.api import errors
from minikubectl.cli.context import Env
from minikubectl.cli.flags import Flag, ParsedArgs
from minikubectl.cli.metadata_edit import MetadataKind, common_flags, run_metadata_verb

SUMMARY = "Update the labels on a resource"


def _parse(changes: list[str]) -> tuple[dict[str, str], list[str]]:
    from minikubectl.api.labels import parse_label_changes
    return parse_label_changes(changes)


def _check_overwrite(current: dict[str, str], new: dict[str, str]) -> None:
    for key, value in new.items():
        if key in current and current[key] != value:
            raise errors.ClientError(f"'{key}' already has a value ({current[key]}), and --overwrite is false")


def _message(before: bytes, after: bytes, overwrite: bool) -> str:
    # kubectl compares the encoded objects: shorter without --overwrite reads as a removal.
    if before == after:
        return "not labeled"
    if not overwrite and len(after) < len(before):
        return "unlabeled"
    return "labeled"


LABEL = MetadataKind(field="labels", noun="label", verb="label", parse_changes=_parse,
                     check_overwrite=_check_overwrite, change_message=_message, list_header=True,
                     example_file="pod", printer_per_object=True)


def flags() -> list[Flag]:
    return common_flags("kubectl-label")


def run(env: Env, parsed: ParsedArgs) -> int:
    return run_metadata_verb(LABEL, env, parsed)
