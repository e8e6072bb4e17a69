"""Property-based tests: selector format/parse round trips and validation vs. the regexes."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from minikubectl.api import labels as L

NAME = st.from_regex(r"\A[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?\Z")
DNS_LABEL = st.from_regex(r"\A[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?\Z")
PREFIX = st.lists(DNS_LABEL, min_size=1, max_size=3).map(".".join)
KEY = st.one_of(NAME, st.tuples(PREFIX, NAME).map("/".join))
VALUE = st.one_of(st.just(""), NAME)
LABELS = st.dictionaries(KEY, VALUE, max_size=6)


@st.composite
def requirements(draw: st.DrawFn) -> L.Requirement:
    key = draw(KEY)
    op = draw(st.sampled_from([L.EQUALS, L.DOUBLE_EQUALS, L.NOT_EQUALS, L.IN, L.NOT_IN,
                               L.EXISTS, L.DOES_NOT_EXIST, L.GREATER_THAN, L.LESS_THAN]))
    if op in (L.EXISTS, L.DOES_NOT_EXIST):
        values: list[str] = []
    elif op in (L.IN, L.NOT_IN):
        values = sorted(draw(st.sets(VALUE, min_size=1, max_size=4)))
    elif op in (L.GREATER_THAN, L.LESS_THAN):
        values = [str(draw(st.integers(min_value=0, max_value=10**6)))]
    else:
        values = [draw(VALUE)]
    return L.new_requirement(key, op, values)


SELECTORS = st.lists(requirements(), max_size=5).map(lambda rs: L.EVERYTHING.add(*rs))


@settings(max_examples=300)
@given(SELECTORS, LABELS)
def test_format_parse_round_trip(selector: L.Selector, labels: dict[str, str]) -> None:
    text = str(selector)
    parsed = L.parse_selector(text)
    assert str(parsed) == text
    assert parsed.matches(labels) == selector.matches(labels)
    # A whitespace-padded form parses to the same selector.
    spaced = text.replace(",", " ,\t").replace("(", " ( ").replace(")", " ) ")
    assert str(L.parse_selector(" " + spaced + " ")) == str(L.parse_selector(text))


@given(LABELS)
def test_selector_from_set_matches_its_set(labels: dict[str, str]) -> None:
    sel = L.selector_from_set(labels)
    assert sel.matches(labels)
    assert str(L.parse_selector(str(sel))) == str(sel)


_QNAME = re.compile(r"([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]")
_SUB = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")
TEXT = st.text(alphabet=st.sampled_from("aZ09-_./ é"), max_size=70)


@given(TEXT)
def test_label_value_validation_is_the_regex(value: str) -> None:
    ok = value == "" or (bool(_QNAME.fullmatch(value)) and len(value.encode()) <= 63)
    assert (L.is_valid_label_value(value) == []) == ok


@given(TEXT)
def test_qualified_name_validation_is_the_regex(key: str) -> None:
    parts = key.split("/")
    name = parts[-1]
    ok = len(parts) <= 2 and bool(_QNAME.fullmatch(name)) and len(name) <= 63
    if len(parts) == 2:
        ok = ok and bool(_SUB.fullmatch(parts[0])) and len(parts[0]) <= 253
    assert (L.is_qualified_name(key) == []) == ok


@given(TEXT)
def test_dns_names_follow_the_regexes(name: str) -> None:
    assert (L.is_dns1123_subdomain(name) == []) == (bool(_SUB.fullmatch(name)) and len(name) <= 253)
    label_ok = bool(re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", name)) and len(name) <= 63
    assert (L.is_dns1123_label(name) == []) == label_ok


@given(st.text(max_size=40))
def test_parser_never_crashes(text: str) -> None:
    try:
        L.parse_selector(text)
    except L.SelectorParseError as err:
        assert err.message
