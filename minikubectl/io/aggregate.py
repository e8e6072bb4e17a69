"""Go's ``utilerrors.Aggregate`` for manifest errors: one error standing for several."""

from __future__ import annotations

from minikubectl.api.errors import ManifestError


class ManifestAggregateError(ManifestError):
    """Errors of the items of one list (kubectl's utilerrors.Aggregate).

    ``message`` is Go's Aggregate text (duplicates dropped, ``[a, b]`` for several);
    ``render()`` is what kubectl prints when this is the only error: one line per item
    error, without the ``error: `` prefix.
    """

    def __init__(self, messages: list[str]) -> None:
        self.messages = list(messages)
        super().__init__(aggregate_message(self.messages))

    def render(self) -> str:
        return "\n".join(self.messages)


def aggregate_message(messages: list[str]) -> str:
    """Go's ``utilerrors.Aggregate.Error()``: de-duplicated, bracketed when several."""
    if len(messages) == 1:
        return messages[0]
    seen: list[str] = []
    for msg in messages:
        if msg not in seen:
            seen.append(msg)
    if len(seen) == 1:
        return seen[0]
    return "[" + ", ".join(seen) + "]"
