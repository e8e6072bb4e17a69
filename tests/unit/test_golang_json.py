"""Go's json.Marshal: the C-encoder shortcut (marshal_decoded) writes what marshal writes."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager

import pytest
from hypothesis import given, settings, strategies as st

from minikubectl.golang import json as go_json
from minikubectl.golang.json import UnsupportedValueError, marshal, marshal_decoded


@contextmanager
def encoder(kind):
    """marshal_decoded with the standard library's encoder, or with orjson (once loaded)."""
    import orjson

    saved_module, saved_dumps = sys.modules.get("orjson"), go_json._ORJSON_DUMPS
    go_json._ORJSON_DUMPS = None
    sys.modules["orjson"] = orjson if kind == "orjson" else None  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.modules["orjson"] = saved_module  # type: ignore[assignment]
        go_json._ORJSON_DUMPS = saved_dumps

# Text that exercises every escape: controls, quotes, HTML characters, U+2028/9, non-ASCII,
# lone surrogates, and things that look like numbers.
_TEXT = st.text(alphabet=st.sampled_from(
    list('ab"\\/<>&\n\r\t\b\f\x00\x1f\x7fé€😀\u2028\u2029\ud800\udfff.eE0123-+ ')), max_size=12)
_SCALARS = (st.none() | st.booleans() | st.integers(min_value=-(2 ** 70), max_value=2 ** 70)
            | st.floats(allow_nan=False, allow_infinity=False) | _TEXT)
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(_TEXT, inner, max_size=4), max_leaves=20)


@settings(max_examples=400, deadline=None)
@given(_VALUES, st.booleans(), st.sampled_from(["standard", "orjson"]))
def test_the_shortcut_writes_what_marshal_writes(value, keep_surrogates, kind):
    with encoder(kind):
        assert marshal_decoded(value, keep_surrogates=keep_surrogates) == \
            marshal(value, keep_surrogates=keep_surrogates)


@pytest.mark.parametrize("value,text", [
    ({"b": 1, "a": [True, None, "x<y&z>"]}, '{"a":[true,null,"x\\u003cy\\u0026z\\u003e"],"b":1}'),
    ({"cpu": 0.5, "n": 1.0, "big": 1e21}, '{"big":1e+21,"cpu":0.5,"n":1}'),  # floats in Go's form
    ({"k": "e.5", "v": 5}, '{"k":"e.5","v":5}'),  # a dot or an e inside a string is no float
    ("\u2028", '"\\u2028"'),
])
@pytest.mark.parametrize("kind", ["standard", "orjson"])
def test_known_texts(value, text, kind):
    with encoder(kind):
        assert marshal_decoded(value) == text
    assert json.loads(text) == json.loads(json.dumps(value))


@pytest.mark.parametrize("kind", ["standard", "orjson"])
def test_nan_is_refused_as_go_refuses_it(kind):
    with encoder(kind), pytest.raises(UnsupportedValueError, match="json: unsupported value: NaN"):
        marshal_decoded({"x": float("nan")})
