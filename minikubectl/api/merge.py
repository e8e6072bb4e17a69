"""kubectl apply's patch computation and the API server's patch application.

A port of the behaviour (not the code) of apimachinery's ``strategicpatch`` (built-in kinds,
with the merge keys of :mod:`minikubectl.api.strategic_keys`) and ``jsonmergepatch``
(CRDs and unknown kinds), plus the last-applied annotation of ``kubectl/pkg/util/apply.go``.

Objects are plain JSON dicts. Public functions never mutate their arguments: they deep-copy
on entry and the private helpers then work in place, the way the Go code does.

Go semantics kept on purpose:
- JSON numbers are all float64 in Go, so ``1`` and ``1.0`` are equal, but ``True`` is not ``1``.
- Sorting of merge lists compares ``fmt.Sprintf("%v")`` strings, as Go does.
"""

from __future__ import annotations

import json
from typing import Any

from minikubectl.api.errors import ClientError
from minikubectl.api.jsoncopy import clone
from minikubectl.api.strategic_keys import ROOTS, TYPES
from minikubectl.golang.structs import dataclass, replace

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"

_DIRECTIVE = "$patch"
_DELETE = "delete"
_REPLACE = "replace"
_MERGE = "merge"
_RETAIN_KEYS = "$retainKeys"
_DELETE_PRIMITIVE = "$deleteFromPrimitiveList"
_SET_ORDER = "$setElementOrder"

KindKey = tuple[str, str]


class PatchError(ClientError):
    """A patch could not be computed or applied (bad directive, missing merge key...)."""


# --------------------------------------------------------------------------- public API


def last_applied_annotation_value(manifest: dict, namespace: str | None) -> str:
    """The value kubectl stores in the last-applied annotation for ``manifest``.

    ``namespace`` is the namespace the object is applied to (None for cluster-scoped kinds).
    The annotation itself is dropped from ``metadata.annotations``, leaving ``{}`` when it was
    the only one; the result is Go's compact JSON with sorted keys plus a newline.
    """
    return to_compact_json(_without_last_applied(manifest, namespace)) + "\n"


def modified_configuration(manifest: dict, namespace: str | None) -> dict:
    """The ``modified`` document of a three-way apply: the manifest carrying its own annotation.

    This is what apply creates (when the object is new) or diffs against the live object.
    """
    obj = _without_last_applied(manifest, namespace)
    obj["metadata"]["annotations"][LAST_APPLIED] = to_compact_json(obj) + "\n"
    return obj


def original_configuration(live: dict) -> dict | None:
    """The last-applied configuration recorded on ``live`` (None when it has none)."""
    raw = ((live.get("metadata") or {}).get("annotations") or {}).get(LAST_APPLIED)
    if not raw:
        return None
    try:
        value = json.loads(raw)
    except ValueError as err:
        raise PatchError("invalid JSON document") from err
    return value if isinstance(value, dict) else None


def is_strategic(kind_key: KindKey | None) -> bool:
    """True when ``kind_key`` is a built-in kind (strategic merge patch); else JSON merge."""
    return kind_key is not None and kind_key in ROOTS


def three_way_merge_patch(original: dict | None, modified: dict, current: dict,
                          kind_key: KindKey | None) -> dict:
    """kubectl apply's patch: changes from ``current`` to ``modified`` plus the deletions of
    fields present in ``original`` (the last-applied config) but gone from ``modified``.

    Built-in kinds get a strategic merge patch; others a JSON merge patch (RFC 7386).
    kubectl always overwrites conflicting live changes, so no conflict check is made.
    """
    original = clone(original) if original else {}
    modified = clone(modified)
    current = clone(current)
    if not is_strategic(kind_key):
        return _json_three_way(original, modified, current)
    root = ROOTS[kind_key]  # type: ignore[index]
    delta = _diff_maps(current, modified, root, _DiffOptions(ignore_deletions=True))
    deletions = _diff_maps(original, modified, root, _DiffOptions(ignore_changes=True))
    return _merge_map(deletions, delta, root, _MergeOptions())


def apply_patch(current: dict, patch: dict, kind_key: KindKey | None) -> dict:
    """The object the API server stores after PATCHing ``current`` with ``patch``.

    Strategic merge (all directives honoured) for built-in kinds, JSON merge patch otherwise.
    """
    current = clone(current)
    patch = clone(patch)
    if not is_strategic(kind_key):
        return _json_merge_apply(current, patch)
    options = _MergeOptions(merge_parallel_list=True, ignore_unmatched_nulls=True)
    return _merge_map(current, patch, ROOTS[kind_key], options)  # type: ignore[index]


def is_empty_patch(patch: dict) -> bool:
    """True when apply has nothing to send (kubectl compares the encoded patch with ``{}``)."""
    return not patch


# --------------------------------------------------------------------------- annotation


def _without_last_applied(manifest: dict, namespace: str | None) -> dict:
    obj = clone(manifest)
    meta = obj.get("metadata")
    if not isinstance(meta, dict):
        meta = obj["metadata"] = {}
    if namespace is not None:
        meta["namespace"] = namespace
    annotations = meta.get("annotations")
    annotations = dict(annotations) if isinstance(annotations, dict) else {}
    annotations.pop(LAST_APPLIED, None)
    meta["annotations"] = annotations
    return obj


def to_compact_json(value: Any) -> str:
    """``json.Marshal`` (kubectl's encoder for the annotation); lone surrogates are kept so the
    text decodes back to the manifest."""
    from minikubectl.golang.json import UnsupportedValueError, marshal_decoded

    try:
        return marshal_decoded(value, keep_surrogates=True)
    except UnsupportedValueError as exc:
        raise PatchError(str(exc)) from None


def _kind(value: Any) -> str:
    """Go's dynamic type of a decoded JSON value."""
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "float64"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "map"
    if isinstance(value, list):
        return "slice"
    return type(value).__name__


def _equal(a: Any, b: Any) -> bool:
    """reflect.DeepEqual on decoded JSON (numbers compare by value, bools are not numbers)."""
    ka, kb = _kind(a), _kind(b)
    if ka != kb:
        return False
    if ka == "map":
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if ka == "slice":
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b))
    return a == b


def _scalar_key(value: Any) -> tuple:
    """A hashable key with Go interface equality for scalars."""
    kind = _kind(value)
    if kind == "float64":
        return (kind, float(value))
    if kind in ("map", "slice"):
        return (kind, id(value))
    return (kind, value)


def _go_v(value: Any) -> str:
    """fmt.Sprintf("%v") of a decoded JSON scalar."""
    from minikubectl.golang.fmt import format_value
    return format_value(value)


# --------------------------------------------------------------------------- patch metadata


def _lookup(type_name: str | None, key: str) -> tuple[bool, str, str, str | None]:
    """(retainKeys?, strategy, merge key, child type) for field ``key`` of ``type_name``."""
    if type_name is None:
        return False, "", "", None
    strategies, merge_key, child = TYPES.get(type_name, {}).get(key, ("", "", None))
    parts = [p for p in strategies.split(",") if p]
    retain = "retainKeys" in parts
    others = [p for p in parts if p != "retainKeys"]
    return retain, (others[0] if others else ""), merge_key, child


# --------------------------------------------------------------------------- diff


@dataclass(frozen=True)
class _DiffOptions:
    set_element_order: bool = True
    ignore_changes: bool = False
    ignore_deletions: bool = False
    build_retain_keys: bool = False


def _diff_maps(original: dict, modified: dict, t: str | None, opts: _DiffOptions) -> dict:
    """The strategic patch turning ``original`` into ``modified`` (filtered by ``opts``)."""
    patch: dict = {}
    retain: list = []
    for key, mod_value in modified.items():
        if opts.build_retain_keys and mod_value is not None:
            retain.append(key)
        if key not in original:
            if not opts.ignore_changes:
                patch[key] = mod_value
            continue
        orig_value = original[key]
        if key == _DIRECTIVE:
            if not isinstance(orig_value, str) or not isinstance(mod_value, str):
                raise PatchError(f"invalid value for special key: {_DIRECTIVE}")
            if orig_value != mod_value:
                patch[key] = mod_value
            continue
        if _kind(orig_value) != _kind(mod_value):
            if not opts.ignore_changes:
                patch[key] = mod_value
            continue
        if isinstance(orig_value, dict):
            _diff_map_field(key, orig_value, mod_value, patch, t, opts)
        elif isinstance(orig_value, list):
            _diff_list_field(key, orig_value, mod_value, patch, t, opts)
        elif not opts.ignore_changes and not _equal(orig_value, mod_value):
            patch[key] = mod_value
    if not opts.ignore_deletions:
        for key in original:
            if key not in modified:
                patch[key] = None
    if retain and (patch or _has_additional_field(original, modified)):
        patch[_RETAIN_KEYS] = _sort_scalars(retain)
    return patch


def _has_additional_field(original: dict, modified: dict) -> bool:
    return any(v is not None and k not in modified for k, v in original.items())


def _diff_map_field(key: str, orig: dict, mod: dict, patch: dict, t: str | None,
                    opts: _DiffOptions) -> None:
    retain, strategy, _, child = _lookup(t, key)
    if strategy == _REPLACE:
        if not opts.ignore_changes:
            patch[key] = mod
        return
    value = _diff_maps(orig, mod, child, replace(opts, build_retain_keys=retain))
    if value:
        patch[key] = value


def _diff_list_field(key: str, orig: list, mod: list, patch: dict, t: str | None,
                     opts: _DiffOptions) -> None:
    retain, strategy, merge_key, child = _lookup(t, key)
    if strategy != _MERGE:
        if not opts.ignore_changes and not _equal(orig, mod):
            patch[key] = mod
        return
    additions, deletions, order = _diff_lists(orig, mod, child, merge_key,
                                               replace(opts, build_retain_keys=retain))
    if additions:
        patch[key] = additions
    if deletions:
        patch[f"{_DELETE_PRIMITIVE}/{key}"] = deletions
    if order:
        patch[f"{_SET_ORDER}/{key}"] = order


def _diff_lists(orig: list, mod: list, t: str | None, merge_key: str,
                opts: _DiffOptions) -> tuple[list, list, list]:
    """(patch list, primitive deletion list, $setElementOrder list) for a merging list."""
    if not orig:
        if not mod or opts.ignore_changes:
            return [], [], []
        return mod, [], []
    kind = _element_kind(orig, mod)
    if kind == "map":
        changes, deletions = _diff_lists_of_maps(orig, mod, t, merge_key, opts)
        changes = _normalize_slice_order(changes, mod, merge_key, kind)
        order_same = _is_order_same(orig, mod, merge_key)
        changes = changes + deletions
        order: list = []
        if opts.set_element_order and (
                (not opts.ignore_changes and (changes or not order_same))
                or (not opts.ignore_deletions and changes)):
            order = [{merge_key: item.get(merge_key)} for item in mod]
        return changes, [], order
    if kind == "slice":
        raise PatchError("lists of lists are not supported")
    additions, deletions = _diff_lists_of_scalars(orig, mod, opts)
    additions = _normalize_slice_order(additions, mod, merge_key, kind)
    order = []
    if opts.set_element_order and ((not opts.ignore_deletions and deletions)
                                   or (not opts.ignore_changes and not _equal(orig, mod))):
        order = mod
    return additions, deletions, order


def _element_kind(*lists: list | None) -> str:
    kinds = {_kind(v) for lst in lists if lst for v in lst}
    if not kinds:
        raise PatchError("no elements in any of the given slices")
    if len(kinds) > 1:
        raise PatchError(f"list element types are not identical: {list(lists)}")
    return kinds.pop()


def _is_order_same(orig: list, mod: list, merge_key: str) -> bool:
    if len(orig) != len(mod):
        return False
    return all(_merge_key_equal(a, b, merge_key) for a, b in zip(orig, mod))


def _merge_key_equal(left: Any, right: Any, merge_key: str) -> bool:
    if not merge_key:
        return _scalar_key(left) == _scalar_key(right)
    if not isinstance(left, dict) or not isinstance(right, dict):
        raise PatchError("invalid list element type in merging list")
    for item in (left, right):
        if merge_key not in item:
            raise _no_merge_key(item, merge_key)
    return _scalar_key(left[merge_key]) == _scalar_key(right[merge_key])


def _no_merge_key(item: dict, merge_key: str) -> PatchError:
    return PatchError(f"map: {item} does not contain declared merge key: {merge_key}")


def _sort_scalars(values: list) -> list:
    return sorted(values, key=_go_v)


def _dedupe_scalars(values: list) -> list:
    """Go's in-place dedupe: a duplicate is replaced by the last element (order changes)."""
    s = list(values)
    length = len(s) - 1
    i = 0
    while i < length:
        j = i + 1
        while j <= length:
            if _scalar_key(s[i]) == _scalar_key(s[j]):
                s[j] = s[length]
                s = s[:length]
                length -= 1
                j -= 1
            j += 1
        i += 1
    return s


def _diff_lists_of_scalars(orig: list, mod: list, opts: _DiffOptions) -> tuple[list, list]:
    orig_sorted, mod_sorted = _sort_scalars(orig), _sort_scalars(mod)
    additions: list = []
    deletions: list = []
    i = j = 0
    while i < len(orig_sorted) or j < len(mod_sorted):
        o_str = _go_v(orig_sorted[i]) if i < len(orig_sorted) else None
        m_str = _go_v(mod_sorted[j]) if j < len(mod_sorted) else None
        if o_str is not None and m_str is not None and o_str == m_str:
            i, j = i + 1, j + 1
        elif o_str is None or (m_str is not None and o_str > m_str):
            if not opts.ignore_changes:
                additions.append(mod_sorted[j])
            j += 1
        else:
            if not opts.ignore_deletions:
                deletions.append(orig_sorted[i])
            i += 1
    return additions, _dedupe_scalars(deletions)


def _sorted_by_merge_key(items: list, merge_key: str) -> list:
    for item in items:
        if not isinstance(item, dict):
            raise PatchError("invalid list element type in merging list")
    return sorted(items, key=lambda m: _go_v(m.get(merge_key)))


def _diff_lists_of_maps(orig: list, mod: list, t: str | None, merge_key: str,
                        opts: _DiffOptions) -> tuple[list, list]:
    """Walk both lists sorted by merge key: recurse on matches, add new, delete missing."""
    orig_sorted = _sorted_by_merge_key(orig, merge_key)
    mod_sorted = _sorted_by_merge_key(mod, merge_key)
    changes: list = []
    deletions: list = []
    i = j = 0
    while i < len(orig_sorted) or j < len(mod_sorted):
        o_item = orig_sorted[i] if i < len(orig_sorted) else None
        m_item = mod_sorted[j] if j < len(mod_sorted) else None
        for item in (o_item, m_item):
            if item is not None and merge_key not in item:
                raise _no_merge_key(item, merge_key)
        o_str = _go_v(o_item[merge_key]) if o_item is not None else None
        m_str = _go_v(m_item[merge_key]) if m_item is not None else None
        if o_item is not None and m_item is not None and o_str == m_str:
            value = _diff_maps(o_item, m_item, t, opts)
            if value:
                value[merge_key] = m_item[merge_key]
                changes.append(value)
            i, j = i + 1, j + 1
        elif o_item is None or (m_item is not None and str(o_str) > str(m_str)):
            if not opts.ignore_changes:
                changes.append(m_item)
            j += 1
        else:
            if not opts.ignore_deletions:
                deletions.append({merge_key: o_item[merge_key], _DIRECTIVE: _DELETE})
            i += 1
    return changes, deletions


# --------------------------------------------------------------------------- ordering


def _index(items: list, value: Any, merge_key: str, kind: str) -> int:
    def val(item: Any) -> Any:
        if kind == "map":
            return item.get(merge_key) if isinstance(item, dict) else None
        return item
    wanted = _scalar_key(val(value))
    for i, item in enumerate(items):
        if _scalar_key(val(item)) == wanted:
            return i
    return -1


def _normalize_slice_order(to_sort: list, order: list, merge_key: str, kind: str) -> list:
    """Sort ``to_sort`` by the positions of its items in ``order``; deletions go last."""
    to_delete: list = []
    if kind == "map":
        for item in list(to_sort) + list(order):
            if not isinstance(item, dict):
                raise PatchError("invalid list element type in merging list")
            if merge_key not in item:
                raise _no_merge_key(item, merge_key)
        to_delete = [v for v in to_sort if v.get(_DIRECTIVE) == _DELETE]
        to_sort = [v for v in to_sort if v.get(_DIRECTIVE) != _DELETE]
    # Items absent from ``order`` sort first, as Go's "less is true when unknown" does for
    # the short lists involved here.
    ranked = sorted(to_sort, key=lambda v: _index(order, v, merge_key, kind))
    return ranked + to_delete


def _merge_sorted(left: list, right: list, server_order: list, merge_key: str,
                  kind: str) -> list:
    """Interleave server-only items (left) into patch items (right) by live-list order."""
    out: list = []
    i = j = 0
    while i < len(left) or j < len(right):
        if i >= len(left):
            out.append(right[j])
            j += 1
        elif j >= len(right):
            out.append(left[i])
            i += 1
        else:
            li = _index(server_order, left[i], merge_key, kind)
            ri = _index(server_order, right[j], merge_key, kind)
            if li >= 0 and ri >= 0 and li < ri:
                out.append(left[i])
                i += 1
            else:
                out.append(right[j])
                j += 1
    return out


def _normalize_element_order(patch_items: list, server_only: list, patch_order: list,
                             server_order: list, merge_key: str, kind: str) -> list:
    patch_items = _normalize_slice_order(patch_items, patch_order, merge_key, kind)
    server_only = _normalize_slice_order(server_only, server_order, merge_key, kind)
    return _merge_sorted(server_only, patch_items, server_order, merge_key, kind)


def _partition(merged: list, by: list, merge_key: str) -> tuple[list, list]:
    """Split ``merged`` into items present in ``by`` and the others (server-only)."""
    if not merge_key:
        present = {_scalar_key(v) for v in by}
        inside = [v for v in merged if _scalar_key(v) in present]
        return inside, [v for v in merged if _scalar_key(v) not in present]
    keys = set()
    for v in by:
        if isinstance(v, dict) and merge_key in v:
            keys.add(_scalar_key(v[merge_key]))
    inside = []
    outside: list = []
    for v in merged:
        if not isinstance(v, dict):
            raise PatchError("invalid list element type in merging list")
        if merge_key not in v:
            raise _no_merge_key(v, merge_key)
        (inside if _scalar_key(v[merge_key]) in keys else outside).append(v)
    return inside, outside


# --------------------------------------------------------------------------- merge


@dataclass(frozen=True)
class _MergeOptions:
    # Server side: apply the parallel lists; client side (3-way) just carry them along.
    merge_parallel_list: bool = False
    ignore_unmatched_nulls: bool = False


def _merge_map(original: dict | None, patch: dict, t: str | None, opts: _MergeOptions) -> dict:
    """Merge ``patch`` into ``original`` in place (both are private copies) and return it."""
    if _DIRECTIVE in patch:
        return _map_directive(patch)
    if original is None:
        original = {}
    _apply_retain_keys(original, patch, opts)
    _merge_ordered_lists(original, patch, t, opts)
    for key, patch_value in list(patch.items()):
        is_delete_list = False
        if key.startswith(_DELETE_PRIMITIVE):
            if not opts.merge_parallel_list:
                original[key] = patch_value
                continue
            key = _extract_key(key, _DELETE_PRIMITIVE)
            is_delete_list = True
        if patch_value is None:
            original.pop(key, None)
            if opts.ignore_unmatched_nulls:
                continue
        if key not in original:
            original[key] = patch_value
            continue
        if _kind(original[key]) != _kind(patch_value):
            original[key] = patch_value
            continue
        _, strategy, merge_key, child = _lookup(t, key)
        if isinstance(patch_value, dict):
            original[key] = (patch_value if strategy == _REPLACE
                             else _merge_map(original[key], patch_value, child, opts))
        elif isinstance(patch_value, list):
            original[key] = _merge_list_field(original[key], patch_value, child, strategy,
                                              merge_key, is_delete_list, opts)
        else:
            original[key] = patch_value
    return original


def _map_directive(patch: dict) -> dict:
    directive = patch[_DIRECTIVE]
    if directive == _REPLACE:
        return {k: v for k, v in patch.items() if k != _DIRECTIVE}
    if directive == _DELETE:
        return {}
    raise PatchError(f"Unknown patch type: {directive} in map: {patch}")


def _extract_key(key: str, prefix: str) -> str:
    head, sep, rest = key.partition("/")
    if not sep or head != prefix:
        raise PatchError(f"invalid patch format: {key}")
    return rest


def _apply_retain_keys(original: dict, patch: dict, opts: _MergeOptions) -> None:
    """Honour ``$retainKeys``: clear fields of original not listed (server side only)."""
    if _RETAIN_KEYS not in patch:
        return
    retain = patch.pop(_RETAIN_KEYS)
    if not opts.merge_parallel_list:
        if _RETAIN_KEYS in original:
            if not _equal(original[_RETAIN_KEYS], retain):
                raise PatchError(f"{original[_RETAIN_KEYS]} and {retain} are not deep equal: "
                                 "this may happen when calculating the 3-way diff patch")
        else:
            original[_RETAIN_KEYS] = retain
        return
    if not isinstance(retain, list):
        raise PatchError("invalid patch format: $retainKeys must be a list")
    keep = {_scalar_key(v) for v in retain}
    for key, value in patch.items():
        if value is None or key.startswith((_DELETE_PRIMITIVE, _SET_ORDER)):
            continue
        if _scalar_key(key) not in keep:
            raise PatchError("invalid patch format: all fields in the patch must be present "
                             "in $retainKeys")
    for key in list(original):
        if _scalar_key(key) not in keep:
            del original[key]


def _merge_ordered_lists(original: dict, patch: dict, t: str | None,
                         opts: _MergeOptions) -> None:
    """Process each ``$setElementOrder/<list>`` with its list (removing both from patch)."""
    for key in [k for k in patch if k.startswith(_SET_ORDER)]:
        order = patch.pop(key)
        if not opts.merge_parallel_list:
            if key in original and not _equal(original[key], order):
                raise PatchError("invalid patch format: $setElementOrder lists differ")
            original.setdefault(key, order)
        if not isinstance(order, list):
            raise PatchError(f"invalid patch format: {key} must be a list")
        list_key = _extract_key(key, _SET_ORDER)
        found_orig, found_patch = list_key in original, list_key in patch
        orig_list: Any = original.get(list_key) if found_orig else None
        patch_list: Any = patch.get(list_key) if found_patch else None
        for value in (orig_list, patch_list):
            if value is not None and not isinstance(value, list):
                raise PatchError(f"invalid value for {list_key}: not a list")
        _, strategy, merge_key, child = _lookup(t, list_key)
        _validate_against_order(patch_list or [], order, merge_key)
        if found_orig and found_patch:
            merged = _merge_list_field(orig_list, patch_list, child, strategy, merge_key,
                                       False, opts)
        elif found_orig:
            merged = orig_list
        elif found_patch:
            merged = patch_list
        else:
            continue
        inside, outside = _partition(merged, order, merge_key)
        kind = _element_kind(orig_list, patch_list)
        original[list_key] = _normalize_element_order(inside, outside, order, orig_list or [],
                                                      merge_key, kind)
        patch.pop(list_key, None)


def _validate_against_order(patch_list: list, order: list, merge_key: str) -> None:
    """The patch's items must appear in ``$setElementOrder`` in the same relative order."""
    if not patch_list or not order:
        return
    items = patch_list
    if merge_key:
        items = [v for v in patch_list if not (isinstance(v, dict)
                                               and v.get(_DIRECTIVE) == _DELETE)]
    p = s = 0
    while p < len(items) and s < len(order):
        if isinstance(items[p], dict) and _DIRECTIVE in items[p]:
            p += 1
            continue
        if _merge_key_equal(items[p], order[s], merge_key):
            p += 1
        s += 1
    if p < len(items) and s >= len(order):
        raise PatchError(f"The order in patch list:\n{patch_list}\n doesn't match "
                         f"{_SET_ORDER} list:\n{order}\n")


def _merge_list_field(orig: list, patch: list, t: str | None, strategy: str, merge_key: str,
                      is_delete_list: bool, opts: _MergeOptions) -> list:
    if strategy != _MERGE:
        return patch
    return _merge_list(orig, patch, t, merge_key, opts, is_delete_list)


def _merge_list(orig: list, patch: list, t: str | None, merge_key: str, opts: _MergeOptions,
                is_delete_list: bool) -> list:
    if not orig and not patch:
        return orig
    kind = _element_kind(orig, patch)
    if kind != "map":
        if opts.merge_parallel_list and is_delete_list:
            gone = {_scalar_key(v) for v in patch}
            return [v for v in orig if _scalar_key(v) not in gone]
        merged = _dedupe_scalars(orig + patch)
    else:
        if not merge_key:
            raise PatchError("cannot merge lists without merge key for type map")
        orig, patch = _apply_list_directives(orig, patch, merge_key)
        merged = _merge_maps_by_key(orig, patch, t, merge_key, opts)
    inside, outside = _partition(merged, patch, merge_key)
    return _normalize_element_order(inside, outside, patch, orig, merge_key, kind)


def _apply_list_directives(orig: list, patch: list, merge_key: str) -> tuple[list, list]:
    """Handle ``$patch: delete`` / ``replace`` items; returns (original, plain patch items)."""
    plain: list = []
    replace_all = False
    for item in patch:
        if not isinstance(item, dict):
            raise PatchError("invalid list element type in merging list")
        if _DIRECTIVE not in item:
            plain.append(item)
            continue
        directive = item[_DIRECTIVE]
        if directive == _DELETE:
            if merge_key not in item:
                raise _no_merge_key(item, merge_key)
            wanted = _scalar_key(item[merge_key])
            orig = [v for v in orig if not (isinstance(v, dict) and merge_key in v
                                            and _scalar_key(v[merge_key]) == wanted)]
        elif directive == _REPLACE:
            replace_all = True
        elif directive == _MERGE:
            raise PatchError("merging lists cannot yet be specified in the patch")
        else:
            raise PatchError(f"Unknown patch type: {directive} in map: {item}")
    if replace_all:
        return plain, []
    return orig, plain


def _merge_maps_by_key(orig: list, patch: list, t: str | None, merge_key: str,
                       opts: _MergeOptions) -> list:
    merged = list(orig)
    for item in patch:
        if merge_key not in item:
            raise _no_merge_key(item, merge_key)
        wanted = _scalar_key(item[merge_key])
        for i, existing in enumerate(merged):
            if not isinstance(existing, dict):
                raise PatchError(f"value for key {i} is not a map.")
            if merge_key in existing and _scalar_key(existing[merge_key]) == wanted:
                merged[i] = _merge_map(existing, item, t, opts)
                break
        else:
            merged.append(item)
    return merged


# --------------------------------------------------------------------------- JSON merge patch


def _json_create_merge_patch(a: dict, b: dict) -> dict:
    """evanphx CreateMergePatch: the RFC 7386 patch turning ``a`` into ``b``."""
    into: dict = {}
    for key, bv in b.items():
        if key not in a:
            into[key] = bv
            continue
        av = a[key]
        if _kind(av) != _kind(bv):
            into[key] = bv
        elif isinstance(av, dict):
            sub = _json_create_merge_patch(av, bv)
            if sub:
                into[key] = sub
        elif not _equal(av, bv):
            into[key] = bv
    for key in a:
        if key not in b:
            into[key] = None
    return into


def _keep_or_drop_nulls(patch: dict, keep_null: bool) -> dict:
    """Keep only the deletions (keep_null) or only the additions/changes of a merge patch."""
    out: dict = {}
    for key, value in patch.items():
        if value is None:
            if keep_null:
                out[key] = None
        elif isinstance(value, dict):
            if not value:
                # An explicitly empty map is a value, not an empty patch.
                if not keep_null:
                    out[key] = value
                continue
            sub = _keep_or_drop_nulls(value, keep_null)
            if sub:
                out[key] = sub
        elif not keep_null:
            out[key] = value
    return out


def _json_conflicts(left: Any, right: Any) -> bool:
    """mergepatch.HasConflicts: both patches touch the same key differently."""
    if isinstance(left, dict):
        if not isinstance(right, dict):
            return True
        return any(_json_conflicts(v, right[k]) for k, v in left.items() if k in right)
    if isinstance(left, list):
        if not isinstance(right, list) or len(left) != len(right):
            return True
        return any(_json_conflicts(x, y) for x, y in zip(left, right))
    return not _equal(left, right)


def _json_three_way(original: dict, modified: dict, current: dict) -> dict:
    changes = _keep_or_drop_nulls(_json_create_merge_patch(current, modified), False)
    deletions = _keep_or_drop_nulls(_json_create_merge_patch(original, modified), True)
    if _json_conflicts(changes, deletions):
        raise PatchError("patch conflicts between additions/changes and deletions")
    return _json_merge_docs(deletions, changes)


def _prune_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _prune_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_prune_nulls(v) if v is not None else None for v in value]
    return value


def _json_merge_docs(doc: dict, patch: dict) -> dict:
    """evanphx MergePatch (RFC 7386): nulls delete, objects merge, anything else replaces."""
    for key, value in patch.items():
        if value is None:
            doc.pop(key, None)
        elif doc.get(key) is None:
            doc[key] = _prune_nulls(value)
        elif isinstance(doc[key], dict) and isinstance(value, dict):
            doc[key] = _json_merge_docs(doc[key], value)
        elif isinstance(doc[key], dict):
            doc[key] = value
        else:
            doc[key] = _prune_nulls(value)
    return doc


def _json_merge_apply(current: dict, patch: dict) -> dict:
    return _json_merge_docs(current, patch)
