"""Property tests: applying kubectl's three-way patch gives the manifest's intent."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from minikubectl.api.merge import (
    apply_patch, modified_configuration, original_configuration, three_way_merge_patch,
)

KEYS = st.sampled_from(["a", "b", "c", "d", "e"])
VALUES = st.sampled_from(["1", "2", "x", ""])
LABELS = st.dictionaries(KEYS, VALUES, max_size=5)
ENV_NAMES = st.lists(st.sampled_from(["A", "B", "C", "D"]), unique=True, max_size=4)
OTHER_KEYS = st.sampled_from(["o1", "o2", "o3"])


def manifest(labels: dict, env: list[tuple[str, str]], kind: str) -> dict:
    api = "v1" if kind == "Pod" else "example.com/v1"
    return {"apiVersion": api, "kind": kind, "metadata": {"name": "p", "labels": labels},
            "spec": {"containers": [{"name": "c", "image": "img",
                                     "env": [{"name": n, "value": v} for n, v in env]}]}}


@st.composite
def env_lists(draw):
    names = draw(ENV_NAMES)
    return [(n, draw(VALUES)) for n in names]


def run(first: dict, second: dict, others: dict, extra_env: bool, kind_key):
    live = modified_configuration(first, "default")
    live["metadata"]["labels"].update(others)
    live["status"] = {"phase": "Running"}
    if extra_env:
        live["spec"]["containers"][0]["env"].append({"name": "SERVER", "value": "s"})
    patch = three_way_merge_patch(original_configuration(live),
                                  modified_configuration(second, "default"), live, kind_key)
    return live, patch, apply_patch(live, patch, kind_key)


@settings(max_examples=200, deadline=None)
@given(LABELS, LABELS, st.dictionaries(OTHER_KEYS, VALUES, max_size=3), env_lists(), env_lists(),
       st.booleans(), st.sampled_from([("", "Pod"), ("example.com", "Thing")]))
def test_apply_converges_on_the_manifest(l1, l2, others, env1, env2, extra_env, kind_key):
    kind = "Pod" if kind_key[0] == "" else "Thing"
    first, second = manifest(l1, env1, kind), manifest(l2, env2, kind)
    live, patch, result = run(first, second, others, extra_env, kind_key)
    labels = result["metadata"]["labels"]
    # Every field of the manifest is live.
    for key, value in l2.items():
        assert labels[key] == value
    # Fields removed from the manifest are removed live.
    for key in set(l1) - set(l2):
        assert key not in labels
    # Fields set by others (never in any manifest) survive.
    for key, value in others.items():
        assert labels[key] == value
    assert result["status"] == {"phase": "Running"}
    env = [(e["name"], e["value"]) for e in result["spec"]["containers"][0]["env"]]
    if kind_key[0] == "":
        # Merge list: manifest items in manifest order, then items added by the server.
        assert env[:len(env2)] == env2
        assert env[len(env2):] == ([("SERVER", "s")] if extra_env else [])
    else:
        # JSON merge patch: the list is replaced whole.
        assert env == env2


@settings(max_examples=100, deadline=None)
@given(LABELS, st.dictionaries(OTHER_KEYS, VALUES, max_size=3), env_lists(),
       st.sampled_from([("", "Pod"), ("example.com", "Thing")]))
def test_reapplying_is_unchanged(labels, others, env, kind_key):
    kind = "Pod" if kind_key[0] == "" else "Thing"
    m = manifest(labels, env, kind)
    live, patch, result = run(m, m, others, False, kind_key)
    assert patch == {}
    assert result == live


@settings(max_examples=100, deadline=None)
@given(LABELS, LABELS, env_lists(), env_lists())
def test_second_apply_after_change_is_unchanged(l1, l2, env1, env2):
    first, second = manifest(l1, env1, "Pod"), manifest(l2, env2, "Pod")
    _, _, result = run(first, second, {}, False, ("", "Pod"))
    again = three_way_merge_patch(original_configuration(result),
                                  modified_configuration(second, "default"), result, ("", "Pod"))
    assert again == {}
