"""kubectl's describe output machinery: the PrefixWriter over Go's text/tabwriter, and helpers.

Every describer renders into one ``tabbedString``: a standard Go tab writer (min width 0,
tab width 8, padding 2, space padding, no flags). ``LEVEL_n`` indents by ``2n`` spaces.
A line without a tab ends every open column block (Go flushes on one-cell lines), which
is why sections align independently; ``DescribeEvents`` flushes explicitly so the events
table aligns on its own.
"""

from __future__ import annotations

from datetime import datetime, timezone, tzinfo
from typing import Any, Callable, Mapping

from minikubectl.golang.structs import dataclass, field

LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, LEVEL_4 = range(5)
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
MAX_ANNOTATION_LEN = 140


def escape_terminal(text: str) -> str:
    """``printers.EscapeTerminal``: neutralise ESC and CR in user data."""
    return text.replace("\x1b", "^[").replace("\r", "\\r")


class PrefixWriter:
    """``describe.PrefixWriter`` writing into a Go tab writer; :meth:`text` returns the result."""

    def __init__(self) -> None:
        from minikubectl.printers.tabwriter import TabWriter
        self._tw = TabWriter(min_width=0, padding=2, remember_widths=False)
        self._done: list[str] = []

    def write(self, level: int, text: str) -> None:
        """Text (already formatted) indented by ``level``."""
        self._tw.write(escape_terminal("  " * level + text))

    def write_line(self, text: str = "") -> None:
        """``WriteLine``: the text and a newline, no indentation."""
        self._tw.write(escape_terminal(text + "\n"))

    def flush(self) -> None:
        """End all open column blocks (the tab writer's Flush)."""
        self._done.append(self._tw.flush())

    def text(self) -> str:
        """Everything written, formatted."""
        self.flush()
        return "".join(self._done)


class PlainPrefixWriter(PrefixWriter):
    """``describe.NewPrefixWriter`` straight onto a buffer, no tab writer: tabs stay as they are.

    kubectl prints pod templates this way in ``rollout history --revision`` and ``rollout undo``.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []

    def write(self, level: int, text: str) -> None:
        self._parts.append(escape_terminal("  " * level + text))

    def write_line(self, text: str = "") -> None:
        self._parts.append(escape_terminal(text + "\n"))

    def flush(self) -> None:
        return None

    def text(self) -> str:
        return "".join(self._parts)


@dataclass
class Context:
    """What a describer may look up besides its object (the API calls describers make)."""

    now: datetime
    show_events: bool = True
    chunk_size: int = 500
    # list_objects(storage_key, namespace or None for all) -> objects in storage order
    list_objects: Callable[[str, str | None], list[dict[str, Any]]] = lambda key, ns: []
    get_object: Callable[[str, str | None, str], dict[str, Any] | None] = lambda key, ns, name: None
    tz: tzinfo = field(default=timezone.utc)


# -- values ------------------------------------------------------------------------------
def s(value: Any) -> str:
    """A scalar as Go's ``%v`` prints it (None → empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def dig(obj: Any, *path: str | int) -> Any:
    """Nested lookup that yields None on any missing step."""
    for key in path:
        if isinstance(obj, dict):
            obj = obj.get(key)  # type: ignore[arg-type]
        elif isinstance(obj, list) and isinstance(key, int) and 0 <= key < len(obj):
            obj = obj[key]
        else:
            return None
    return obj


def string_or_none(text: str) -> str:
    return text if text else "<none>"


def print_bool(value: Any) -> str:
    return "True" if value else "False"


def parse_time(text: Any) -> datetime | None:
    from minikubectl.api.timefmt import parse_time as parse
    return parse(text)


def rfc1123z(text: Any, ctx: Context) -> str:
    """``Time.Format(time.RFC1123Z)`` in kubectl's local zone; Go's zero time when unset."""
    moment = parse_time(text)
    if moment is None:
        return "Mon, 01 Jan 0001 00:00:00 +0000"
    local = moment.astimezone(ctx.tz)
    offset = local.strftime("%z") or "+0000"
    return local.strftime("%a, %d %b %Y %H:%M:%S ") + offset


def since(text: Any, ctx: Context) -> str:
    """``translateTimestampSince``: HumanDuration since the time, ``<unknown>`` when unset."""
    from minikubectl.printers.duration import human_duration
    moment = parse_time(text)
    if moment is None:
        return "<unknown>"
    return human_duration(ctx.now - moment)


def local_zone(environ: Mapping[str, str]) -> tzinfo:
    """The zone kubectl formats times in: ``$TZ`` when set and known, else the system's."""
    name = (environ.get("TZ") or "").lstrip(":")
    if name:
        try:
            from zoneinfo import ZoneInfo
            return ZoneInfo(name)
        except Exception:  # unknown zone: Go falls back to UTC
            return timezone.utc
    return datetime.now().astimezone().tzinfo or timezone.utc


# -- multi-line maps and lists -------------------------------------------------------------
def print_labels(w: PrefixWriter, title: str, labels: Any, initial_indent: str = "",
                 inner_indent: str = "\t") -> None:
    """``printLabelsMultilineWithIndent``: sorted ``k=v`` lines aligned under the first."""
    w.write(LEVEL_0, f"{initial_indent}{title}:{inner_indent}")
    keys = sorted((labels or {}).keys()) if isinstance(labels, dict) else []
    if not keys:
        w.write_line("<none>")
        return
    for i, key in enumerate(keys):
        if i:
            w.write(LEVEL_0, initial_indent + inner_indent)
        w.write(LEVEL_0, f"{key}={s(labels[key])}\n")


def print_annotations(w: PrefixWriter, title: str, annotations: Any) -> None:
    """``printAnnotationsMultiline``: sorted ``k: v``; long or multi-line values wrapped."""
    w.write(LEVEL_0, f"{title}:\t")
    annotations = annotations if isinstance(annotations, dict) else {}
    keys = sorted(k for k in annotations if k != LAST_APPLIED)
    if not keys:
        w.write_line("<none>")
        return
    for i, key in enumerate(keys):
        if i:
            w.write(LEVEL_0, "\t")
        value = s(annotations[key])
        if value.endswith("\n"):
            value = value[:-1]
        if len(value.encode()) + len(key.encode()) + 2 > MAX_ANNOTATION_LEN or "\n" in value:
            w.write(LEVEL_0, f"{key}:\n")
            for part in value.split("\n"):
                w.write(LEVEL_0, f"\t  {_shorten(part, MAX_ANNOTATION_LEN - 2)}\n")
        else:
            w.write(LEVEL_0, f"{key}: {value}\n")


def _shorten(text: str, limit: int) -> str:
    raw = text.encode()
    if len(raw) > limit:
        return raw[:limit].decode(errors="ignore") + "..."
    return text


def print_tolerations(w: PrefixWriter, title: str, tolerations: Any, initial_indent: str = "") -> None:
    """``printTolerationsMultilineWithIndent`` (sorted by key, stable)."""
    w.write(LEVEL_0, f"{initial_indent}{title}:\t")
    items = [t for t in (tolerations or []) if isinstance(t, dict)]
    if not items:
        w.write_line("<none>")
        return
    items.sort(key=lambda t: s(t.get("key")))
    for i, tol in enumerate(items):
        if i:
            w.write(LEVEL_0, initial_indent + "\t")
        text = s(tol.get("key"))
        if tol.get("value"):
            text += "=" + s(tol["value"])
        if tol.get("effect"):
            text += ":" + s(tol["effect"])
        if tol.get("operator") == "Exists" and not tol.get("value"):
            text += " op=Exists" if (tol.get("key") or tol.get("effect")) else "op=Exists"
        if tol.get("tolerationSeconds") is not None:
            text += f" for {tol['tolerationSeconds']}s"
        w.write(LEVEL_0, text + "\n")


def taint_string(taint: dict[str, Any]) -> str:
    """``Taint.ToString``: ``key=value:Effect`` (``key:Effect`` without a value)."""
    text = s(taint.get("key"))
    if taint.get("value"):
        text += "=" + s(taint["value"])
    if taint.get("effect"):
        text += ":" + s(taint["effect"])
    return text


def print_taints(w: PrefixWriter, title: str, taints: Any) -> None:
    """``printNodeTaintsMultiline``: sorted by ``effect,key``."""
    w.write(LEVEL_0, f"{title}:\t")
    items = [t for t in (taints or []) if isinstance(t, dict)]
    if not items:
        w.write_line("<none>")
        return
    items.sort(key=lambda t: s(t.get("effect")) + "," + s(t.get("key")))
    for i, taint in enumerate(items):
        if i:
            w.write(LEVEL_0, "\t")
        w.write(LEVEL_0, taint_string(taint) + "\n")


def controller_of(obj: dict[str, Any]) -> str:
    """``printController``: ``Kind/name`` of the controlling owner reference, or empty."""
    for ref in dig(obj, "metadata", "ownerReferences") or []:
        if isinstance(ref, dict) and ref.get("controller"):
            return f"{s(ref.get('kind'))}/{s(ref.get('name'))}"
    return ""


def quantity(value: Any) -> str:
    """``Quantity.String()`` of a stored quantity (canonical form)."""
    from minikubectl.api.quantity import QuantityError, parse_quantity
    if value is None:
        return "0"
    try:
        return parse_quantity(s(value)).canonical()
    except QuantityError:
        return s(value)


# -- shared by several describers ------------------------------------------------------------
def write_name_namespace(w: PrefixWriter, meta: dict[str, Any]) -> None:
    """The ``Name:`` and ``Namespace:`` lines most describers open with."""
    w.write(LEVEL_0, f"Name:\t{s(meta.get('name'))}\n")
    w.write(LEVEL_0, f"Namespace:\t{s(meta.get('namespace'))}\n")


def write_field(w: PrefixWriter, title: str, value: Any, render: Callable[[Any], Any] | None = None, *,
                unset: str | None = None, level: int = LEVEL_0) -> None:
    """``Title:\tvalue`` when the field is set (not None); else ``Title:\t<unset>`` when ``unset`` is given."""
    if value is None:
        if unset is not None:
            w.write(level, f"{title}:\t{unset}\n")
        return
    w.write(level, f"{title}:\t{(render or s)(value)}\n")


def write_labels_annotations(w: PrefixWriter, meta: dict[str, Any]) -> None:
    """The ``Labels:`` and ``Annotations:`` sections (one line each, or one per entry)."""
    print_labels(w, "Labels", meta.get("labels"))
    print_annotations(w, "Annotations", meta.get("annotations"))


def write_header(w: PrefixWriter, meta: dict[str, Any], *, namespaced: bool = True) -> None:
    """Name, Namespace (when namespaced), Labels, Annotations."""
    if namespaced:
        write_name_namespace(w, meta)
    else:
        w.write(LEVEL_0, f"Name:\t{s(meta.get('name'))}\n")
    write_labels_annotations(w, meta)


def selector_text(selector: Any) -> str:
    """``%s`` of ``metav1.LabelSelectorAsSelector`` (kubectl's "Failed to get selector" on error)."""
    from minikubectl.api.labels import label_selector_as_selector
    try:
        return str(label_selector_as_selector(selector))
    except ValueError as err:
        return f"Failed to get selector: {err}"


def go_int(value: Any, default: int = 0) -> int:
    """An int32/int64 field (Go's zero value when unset)."""
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else default


def intstr(value: Any) -> str:
    """``IntOrString.String()``."""
    return s(value) if value is not None else "0"


def go_string_list(values: Any) -> str:
    """Go's ``%v`` of a ``[]string``: ``[a b]``."""
    return "[" + " ".join(s(v) for v in (values or [])) + "]"


def go_bool(value: Any) -> str:
    """Go's ``%v`` of a bool."""
    return "true" if value else "false"
