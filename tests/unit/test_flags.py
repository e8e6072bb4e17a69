"""The pflag-compatible parser: kubectl's command-line grammar and error texts."""

import pytest

from minikubectl.cli.flags import Flag, FlagError, FlagSet


def flagset() -> FlagSet:
    return FlagSet([Flag("output", shorthand="o"), Flag("all-namespaces", "bool", False, shorthand="A"),
                    Flag("recursive", "bool", False, shorthand="R"), Flag("grace-period", "int", -1),
                    Flag("filename", "slice", [], shorthand="f"), Flag("label-columns", "slice", [], shorthand="L"),
                    Flag("dry-run", default="none", no_opt_default="unchanged")])


@pytest.mark.parametrize("argv", [["-o", "json"], ["-ojson"], ["-o=json"], ["--output=json"],
                                  ["--output", "json"]])
def test_output_forms(argv):
    assert flagset().parse(argv)["output"] == "json"


def test_interspersed_and_combined_shorts():
    parsed = flagset().parse(["get", "-AR", "pods", "-o", "name", "web"])
    assert parsed.args == ["get", "pods", "web"]
    assert parsed["all-namespaces"] and parsed["recursive"]
    assert parsed.changed == {"all-namespaces", "recursive", "output"}


def test_bool_never_takes_next_argument():
    parsed = flagset().parse(["-A", "false"])
    assert parsed["all-namespaces"] is True and parsed.args == ["false"]
    assert flagset().parse(["--all-namespaces=false"])["all-namespaces"] is False


def test_slices_split_and_repeat():
    parsed = flagset().parse(["-L", "a,b", "-L", "c", "-f", "x.yaml"])
    assert parsed["label-columns"] == ["a", "b", "c"]
    assert parsed["filename"] == ["x.yaml"]


def test_double_dash_ends_flags():
    parsed = flagset().parse(["a", "--", "-o", "b"])
    assert parsed.args == ["a", "-o", "b"] and parsed["output"] is None


def test_no_opt_default():
    assert flagset().parse(["--dry-run"])["dry-run"] == "unchanged"
    assert flagset().parse(["--dry-run=client"])["dry-run"] == "client"


@pytest.mark.parametrize("argv, message", [
    (["--foo"], "unknown flag: --foo"),
    (["-x"], "unknown shorthand flag: 'x' in -x"),
    (["-Ax"], "unknown shorthand flag: 'x' in -Ax"),
    (["--output"], "flag needs an argument: --output"),
    (["-o"], "flag needs an argument: 'o' in -o"),
    (["--grace-period=abc"], 'invalid argument "abc" for "--grace-period" flag: '
                             'strconv.ParseInt: parsing "abc": invalid syntax'),
    (["-A=maybe"], 'invalid argument "maybe" for "-A, --all-namespaces" flag: '
                   'strconv.ParseBool: parsing "maybe": invalid syntax'),
])
def test_errors(argv, message):
    with pytest.raises(FlagError) as caught:
        flagset().parse(argv)
    assert str(caught.value) == message
