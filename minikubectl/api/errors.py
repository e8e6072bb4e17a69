"""One exception hierarchy for everything that can go wrong, mapped to kubectl's text.

Nothing below the CLI edge prints or exits: code raises one of these, and
``minikubectl.cli.run`` turns it into kubectl's message on stderr and its exit code.
Each message text lives once, in a constructor here.
"""

from __future__ import annotations



class KubectlError(Exception):
    """Base class: ``render()`` is exactly what kubectl prints on stderr (no newline)."""

    exit_code: int = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def render(self) -> str:
        """The full stderr text kubectl prints for this error."""
        return f"error: {self.message}"


class ClientError(KubectlError):
    """A client-side error: printed as ``error: <message>``."""


class RawError(KubectlError):
    """An error kubectl prints without any prefix (e.g. explain's unknown resource)."""

    def render(self) -> str:
        return self.message


class UsageError(KubectlError):
    """Bad flags or arguments: ``error: <msg>`` then ``See 'kubectl <verb> --help' for usage.``"""

    def __init__(self, message: str, command_path: str = "kubectl") -> None:
        super().__init__(message)
        self.command_path = command_path

    def render(self) -> str:
        return f"error: {self.message}\nSee '{self.command_path} --help' for usage."


class CommandUsageError(UsageError):
    """A command's own usage error (``cmdutil.UsageErrorf``): ``See 'kubectl X -h' for help and examples``."""

    def render(self) -> str:
        return f"error: {self.message}\nSee '{self.command_path} -h' for help and examples"


class ExitError(KubectlError):
    """``cmdutil.ErrExit``: exit with a code, everything already said."""

    def __init__(self, code: int = 1) -> None:
        super().__init__("")
        self.exit_code = code

    def render(self) -> str:
        return ""


class ManifestError(ClientError):
    """A manifest could not be read or decoded (bad YAML, no kind, unreadable file)."""


class PrinterError(ClientError):
    """A printer could not be built or could not print (bad template, bad column spec)."""


class Cause:
    """One field-level cause of an Invalid error (``field: detail``).

    A plain class (not a dataclass): importing dataclasses costs every command ~10 ms.
    """

    __slots__ = ("field", "detail")

    def __init__(self, field: str, detail: str) -> None:
        self.field = field
        self.detail = detail

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.field, self.detail) == (other.field, other.detail)  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((self.field, self.detail))

    def __repr__(self) -> str:
        return f"Cause(field={self.field!r}, detail={self.detail!r})"


class StatusError(KubectlError):
    """An error as the API server returns it: a Status with a reason and an HTTP code.

    ``context`` is kubectl's prefix tying it to an operation on a file, e.g.
    ``error when creating "pod.yaml": ``.
    """

    def __init__(self, reason: str, code: int, message: str, *, context: str = "",
                 kind: str = "", name: str = "", causes: list[Cause] | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.code = code
        self.context = context
        self.kind = kind
        self.name = name
        self.causes = causes or []

    def with_context(self, context: str) -> "StatusError":
        """A copy of this error carrying kubectl's operation prefix."""
        return StatusError(self.reason, self.code, self.message, context=context,
                           kind=self.kind, name=self.name, causes=self.causes)

    def render(self) -> str:
        if self.reason == "Invalid":
            # kubectl rebuilds Invalid errors from the details and drops any context.
            head = f'The {self.kind} "{self.name}" is invalid: '
            if len(self.causes) == 1:
                cause = self.causes[0]
                return head + (f"{cause.field}: {cause.detail}" if cause.field else cause.detail)
            if self.causes:
                return head + "".join(
                    f"\n* {c.field}: {c.detail}" if c.field else f"\n* {c.detail}" for c in self.causes)
            return head + self.message
        return f"Error from server ({self.reason}): {self.context}{self.message}"


def not_found(resource: str, name: str) -> StatusError:
    """``<resource> "<name>" not found`` (resource is ``plural[.group]``)."""
    return StatusError("NotFound", 404, f'{resource} "{name}" not found')


def already_exists(resource: str, name: str) -> StatusError:
    """``<resource> "<name>" already exists``."""
    return StatusError("AlreadyExists", 409, f'{resource} "{name}" already exists')


def conflict(resource: str, name: str) -> StatusError:
    """The optimistic-concurrency failure on a stale resourceVersion."""
    return StatusError("Conflict", 409,
                       f'Operation cannot be fulfilled on {resource} "{name}": the object has been '
                       "modified; please apply your changes to the latest version and try again")


def invalid(kind: str, name: str, causes: list[Cause]) -> StatusError:
    """An Invalid (422) error with one or more field causes."""
    message = "; ".join(f"{c.field}: {c.detail}" for c in causes)
    return StatusError("Invalid", 422, message, kind=kind, name=name, causes=causes)


def bad_request(message: str) -> StatusError:
    """A BadRequest (400) error."""
    return StatusError("BadRequest", 400, message)


def forbidden(message: str) -> StatusError:
    """A Forbidden (403) error."""
    return StatusError("Forbidden", 403, message)


def unknown_resource_type(name: str) -> ClientError:
    """What kubectl says for a type the server does not serve."""
    return ClientError(f'the server doesn\'t have a resource type "{name}"')


class StateFileError(ClientError):
    """The state file is unreadable, corrupt or of a newer format (never overwritten)."""


def render_all(found: list[KubectlError]) -> str:
    """kubectl's CheckErr for collected errors (no trailing newline).

    One error prints as it always does; several print one per line, each as the API
    server worded it, without the ``error: `` prefix kubectl adds to a lone client error.
    """
    if len(found) == 1:
        return found[0].render()
    return "\n".join(error.render() if isinstance(error, StatusError) else error.message
                     for error in found)
