"""Label selector parsing, formatting, matching and LabelSelector conversion."""

from __future__ import annotations

import pytest

from minikubectl.api import labels as L
from minikubectl.api.labels import SelectorParseError, parse_selector

VALUE_MSG = ("a valid label must be an empty string or consist of alphanumeric characters, '-', "
             "'_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  "
             "or 'my_value',  or '12345', regex used for validation is "
             "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")
NAME_PART_MSG = ("name part must consist of alphanumeric characters, '-', '_' or '.', and must "
                 "start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
                 "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")


def err(text: str) -> str:
    with pytest.raises(SelectorParseError) as info:
        parse_selector(text)
    return info.value.message


@pytest.mark.parametrize("text,expected", [
    ("", ""),
    ("   ", ""),
    ("app=web", "app=web"),
    ("app==web", "app==web"),
    ("app!=web", "app!=web"),
    ("  app = web , tier!=fe ", "app=web,tier!=fe"),
    ("tier,app", "app,tier"),
    ("!app", "!app"),
    ("app in (b,a,a)", "app in (a,b)"),
    ("app notin ()", "app notin ()"),
    ("app in (a,)", "app in (,a)"),
    ("app in (,)", "app in ()"),
    ("x in (in)", "x in (in)"),
    ("in in (notin)", "in in (notin)"),
    ("k=", "k="),
    ("k=,j", "j,k="),
    ("k>5", "k>5"),
    ("k<-5".replace("-", ""), "k<5"),
    ("example.com/app=v", "example.com/app=v"),
    ("a\tin\n(x)", "a in (x)"),
])
def test_parse_and_format(text: str, expected: str) -> None:
    assert str(parse_selector(text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("a in b", "unable to parse requirement: found 'b' expected: '('"),
    ("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"),
    ("a=b=c", "found '=', expected: ',' or 'end of string'"),
    ("a=b c", "found 'c', expected: ',' or 'end of string'"),
    ("a,,b", "found ',', expected: identifier after ','"),
    ("a,", "found '', expected: identifier after ','"),
    ("=x", "found '=', expected: !, identifier, or 'end of string'"),
    ("!", "unable to parse requirement: found '', expected: identifier"),
    ("!=x", "found '!=', expected: !, identifier, or 'end of string'"),
    ("!!a", "unable to parse requirement: found '!', expected: identifier"),
    ("a in (x y)", "unable to parse requirement: found 'y', expected: ',' or ')'"),
    ("a in (x", "unable to parse requirement: found '', expected: ',' or ')'"),
    ("a in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier"),
    ("a in (x,=)", "unable to parse requirement: found '=', expected: ',', or identifier"),
    ("a=(", "unable to parse requirement: found '(', expected: identifier"),
    ("k>x", "unable to parse requirement: values[0]: Invalid value: \"x\": "
            "for 'Gt', 'Lt' operators, the value must be an integer"),
    ("a=-b", f"unable to parse requirement: values[0][a]: Invalid value: \"-b\": {VALUE_MSG}"),
    ("a=" + "x" * 64, "unable to parse requirement: values[0][a]: Invalid value: \"" + "x" * 64
     + "\": must be no more than 63 characters"),
    ("-a=b", f"unable to parse requirement: <nil>: Invalid value: \"-a\": {NAME_PART_MSG}"),
    ("a/=b", "unable to parse requirement: <nil>: Invalid value: \"a/\": name part must be "
             f"non-empty; {NAME_PART_MSG}"),
])
def test_parse_errors(text: str, expected: str) -> None:
    assert err(text) == expected


def test_several_value_errors_are_aggregated() -> None:
    message = err("a in (-x,-y)")
    assert message.startswith("unable to parse requirement: [values[0][a]: Invalid value: \"-x\": ")
    assert ", values[1][a]: Invalid value: \"-y\": " in message
    assert message.endswith("]")


def test_matching_semantics() -> None:
    labels = {"app": "web", "tier": "fe", "n": "7"}
    assert parse_selector("").matches(labels)
    assert parse_selector("app=web").matches(labels)
    assert not parse_selector("app=db").matches(labels)
    assert parse_selector("missing!=x").matches(labels)
    assert parse_selector("missing notin (x)").matches(labels)
    assert not parse_selector("missing in (x)").matches(labels)
    assert parse_selector("app,!missing").matches(labels)
    assert not parse_selector("!app").matches(labels)
    assert parse_selector("n>6,n<8").matches(labels)
    assert not parse_selector("app>1").matches(labels)
    assert parse_selector("app in (db,web),tier notin (be)").matches(labels)
    assert parse_selector("k=").matches({"k": ""})
    assert not parse_selector("k=").matches({})
    assert parse_selector("app=web").matches(None) is False


def test_selector_from_set_and_format_labels() -> None:
    sel = L.selector_from_set({"b": "2", "a": "1"})
    assert str(sel) == "a=1,b=2"
    assert sel.matches({"a": "1", "b": "2", "c": "3"})
    assert L.selector_from_set({}).empty()
    assert L.format_labels({}) == "<none>"
    assert L.format_labels({"z": "1", "a": ""}) == "a=,z=1"


def test_label_selector_as_selector() -> None:
    ls = {"matchLabels": {"app": "web"},
          "matchExpressions": [{"key": "tier", "operator": "In", "values": ["b", "a"]},
                               {"key": "env", "operator": "DoesNotExist"},
                               {"key": "zone", "operator": "Exists"}]}
    sel = L.label_selector_as_selector(ls)
    assert str(sel) == "app=web,!env,tier in (a,b),zone"
    assert sel.matches({"app": "web", "tier": "a", "zone": "z"})
    assert not sel.matches({"app": "web", "tier": "a", "zone": "z", "env": "x"})
    assert L.label_selector_as_selector(None).matches({}) is False
    assert L.label_selector_as_selector({}).matches({})
    assert L.format_label_selector(ls) == "app=web,!env,tier in (a,b),zone"
    assert L.format_label_selector({}) == "<none>"
    assert L.format_label_selector(None) == "<none>"
    assert L.format_label_selector({"matchExpressions": [{"key": "a", "operator": "Foo"}]}) == "<error>"


def test_label_selector_errors() -> None:
    with pytest.raises(SelectorParseError) as info:
        L.label_selector_as_selector({"matchExpressions": [{"key": "a", "operator": "Foo"}]})
    assert info.value.message == '"Foo" is not a valid label selector operator'
    with pytest.raises(SelectorParseError) as info:
        L.label_selector_as_selector({"matchExpressions": [{"key": "a", "operator": "In"}]})
    assert info.value.message == ("values: Invalid value: []string(nil): "
                                  "for 'in', 'notin' operators, values set can't be empty")
    with pytest.raises(SelectorParseError) as info:
        L.label_selector_as_selector(
            {"matchExpressions": [{"key": "a", "operator": "Exists", "values": ["x"]}]})
    assert info.value.message == ('values: Invalid value: []string{"x"}: '
                                  "values set must be empty for exists and does not exist")


def test_requires_exact_match() -> None:
    sel = parse_selector("a=1,b in (x),c in (x,y),d!=1")
    assert sel.requires_exact_match("a") == "1"
    assert sel.requires_exact_match("b") == "x"
    assert sel.requires_exact_match("c") is None
    assert sel.requires_exact_match("d") is None


def test_enhance_list_error_message() -> None:
    msg = L.enhance_list_error_message("/v1, Resource=pods", "a in b", "",
                                       "unable to parse requirement: found 'b' expected: '('")
    assert msg == ('Unable to find "/v1, Resource=pods" that match label selector "a in b", '
                   "field selector \"\": unable to parse requirement: found 'b' expected: '('")
    assert L.enhance_list_error_message("apps/v1, Resource=deployments", "", "", "x") == \
        'Unable to list "apps/v1, Resource=deployments": x'


def test_go_quote() -> None:
    assert L.go_quote('a"b\\c') == '"a\\"b\\\\c"'
    assert L.go_quote("tab\there\n") == '"tab\\there\\n"'
    assert L.go_quote("\x01") == '"\\x01"'
    assert L.go_quote("héllo") == '"héllo"'
    assert L.go_quote("\u200b") == '"\\u200b"'


def test_nul_ends_lexing_at_token_start() -> None:
    # Go's lexer reads NUL as end of input when a token would start there.
    assert str(parse_selector("a=b,c\x00")) == "a=b,c"


def test_parse_label_changes() -> None:
    from minikubectl.api.errors import ClientError
    assert L.parse_label_changes(["a=1", "b-", "c="]) == ({"a": "1", "c": ""}, ["b"])
    with pytest.raises(ClientError) as info:
        L.parse_label_changes(["a=b c"])
    assert info.value.render() == f'error: invalid label value: "a=b c": {VALUE_MSG}'
    with pytest.raises(ClientError) as info:
        L.parse_label_changes(["a=" + "x" * 64])
    assert info.value.message.endswith(": must be no more than 63 characters")
    with pytest.raises(ClientError) as info:
        L.parse_label_changes(["a=-" + "x" * 64])
    assert info.value.message.endswith(": must be no more than 63 characters;" + VALUE_MSG)
    for spec, text in [("a=b=c", "invalid label spec: a=b=c"), ("abc", "unknown label spec: abc")]:
        with pytest.raises(ClientError) as info:
            L.parse_label_changes([spec])
        assert info.value.message == text
    with pytest.raises(ClientError) as info:
        L.parse_label_changes(["a=1", "a-"])
    assert info.value.message == "can not both modify and remove a label in the same command"
