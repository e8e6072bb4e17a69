"""YAML text to node trees with libyaml (PyYAML's C parser), and go-yaml v2's parser messages.

Scalars keep the marker ``IMPLICIT`` as their tag unless the document tags them: which
type a plain scalar has is go-yaml's decision, taken in yaml_values.
"""

from __future__ import annotations

from typing import Any


class YAMLConvertError(Exception):
    """A YAML -> JSON conversion failure, worded as sigs.k8s.io/yaml words it."""


IMPLICIT = "?implicit"  # the tag of a scalar the document does not tag


def _loader_class() -> type:
    """A libyaml-backed composer whose implicit scalars keep the marker IMPLICIT."""
    import yaml

    try:
        from yaml._yaml import CParser as parser_base  # libyaml: go-yaml's messages
    except ImportError:  # pragma: no cover - pure-Python fallback
        parser_base = None

    class _Resolver(yaml.resolver.BaseResolver):
        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:  # noqa: D401
            return IMPLICIT

    if parser_base is not None:
        class _CLoader(parser_base, _Resolver):  # type: ignore[misc, valid-type]
            def __init__(self, stream: Any) -> None:
                parser_base.__init__(self, stream)
                _Resolver.__init__(self)

        return _CLoader

    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _PyLoader(Reader, Scanner, Parser, Composer, _Resolver):  # type: ignore[misc]
        def __init__(self, stream: Any) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            _Resolver.__init__(self)

    return _PyLoader


_LOADER: type | None = None


def compose(chunk: str) -> Any:
    """The node of the first YAML document of ``chunk`` (None when there is none)."""
    global _LOADER
    import yaml

    if _LOADER is None:
        _LOADER = _loader_class()
    if "&" not in chunk:
        # No anchor can be redefined: libyaml's own composer (in C) builds the same tree.
        # Anything it refuses is parsed again below, for go-yaml's exact message.
        loader = _LOADER(chunk)
        try:
            return loader.get_single_node()
        except yaml.YAMLError:
            pass
        finally:
            loader.dispose()
    loader = _LOADER(chunk)
    try:
        return _compose_events(loader)
    except yaml.YAMLError as exc:
        raise YAMLConvertError(go_yaml_message(exc)) from None
    finally:
        try:
            loader.dispose()
        except Exception:  # pragma: no cover - cleanup only
            pass


def _compose_events(loader: Any) -> Any:
    """Build the first document's node tree from parser events.

    Done here rather than with PyYAML's composer because go-yaml v2 lets an anchor be
    redefined (an alias refers to the latest definition) where PyYAML refuses.
    """
    import yaml

    loader.get_event()  # StreamStart
    if loader.check_event(yaml.StreamEndEvent):
        return None
    loader.get_event()  # DocumentStart
    anchors: dict[str, Any] = {}

    def node() -> Any:
        event = loader.get_event()
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchors:
                raise YAMLConvertError(f"yaml: unknown anchor '{event.anchor}' referenced")
            return anchors[event.anchor]
        tag = IMPLICIT if event.tag in (None, "!") else event.tag
        if isinstance(event, yaml.ScalarEvent):
            result = yaml.ScalarNode(tag, event.value, style=event.style)
        elif isinstance(event, yaml.SequenceStartEvent):
            result = yaml.SequenceNode(tag, [])
            if event.anchor is not None:
                anchors[event.anchor] = result
            while not loader.check_event(yaml.SequenceEndEvent):
                result.value.append(node())
            loader.get_event()
        else:
            result = yaml.MappingNode(tag, [])
            if event.anchor is not None:
                anchors[event.anchor] = result
            while not loader.check_event(yaml.MappingEndEvent):
                key = node()
                result.value.append((key, node()))
            loader.get_event()
        if event.anchor is not None:
            anchors[event.anchor] = result
        return result

    try:
        return node()
    finally:
        # ``node`` refers to itself through its closure: break the cycle, or the whole tree
        # stays in memory until a garbage collection (which a command may never run).
        node = None  # type: ignore[assignment]


def go_yaml_message(exc: Any) -> str:
    """go-yaml v2's parser failure text for a PyYAML (libyaml) error."""
    import yaml

    if isinstance(exc, yaml.reader.ReaderError):
        return "yaml: control characters are not allowed"
    problem = getattr(exc, "problem", None) or ""
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    if isinstance(exc, yaml.composer.ComposerError) and "undefined alias" in problem:
        name = problem.rsplit(" ", 1)[-1].strip("'\"")
        return f"yaml: unknown anchor '{name}' referenced"
    line = 0
    if problem_mark is not None and problem_mark.line != 0:
        line = problem_mark.line
        if isinstance(exc, yaml.scanner.ScannerError):
            line += 1  # go-yaml: scanner errors are not advanced to the next line
    elif context_mark is not None and context_mark.line != 0:
        line = context_mark.line
    where = f"line {line}: " if line else ""
    if "control characters" in problem or "special characters" in problem:
        return "yaml: control characters are not allowed"
    return f"yaml: {where}{problem or 'unknown problem parsing YAML content'}"
