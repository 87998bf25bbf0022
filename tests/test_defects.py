"""Regression tests for the defects the fuzzers found (issue 15), one class each."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import antq
from antq._wire import _key_count

SEED = antq.load("examples/data/dien_ngoc_2023.json")

# Every way JSON writes a character inside a string: itself, a short escape, \uXXXX.
_SHORT = {
    '"': '\\"',
    "\\": "\\\\",
    "/": "\\/",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
}
_CHARS = [*':{}[],"\\/ abc\n\tđ', "\u2028"]


@st.composite
def json_strings(draw: st.DrawFn) -> str:
    """A JSON string literal whose characters are written every way JSON allows."""
    chars = draw(st.lists(st.sampled_from(_CHARS), max_size=12))
    out = []
    for ch in chars:
        way = draw(st.integers(0, 2))
        if way == 1 and ch in _SHORT:
            out.append(_SHORT[ch])
        elif way == 2 or ch in _SHORT:
            code = f"{ord(ch):04x}"
            out.append("\\u" + (code.upper() if draw(st.booleans()) else code))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _award_with(written: str, repeat_count: bool) -> str:
    """The seed's first grant line as JSON, its reason written as *written*."""
    award = antq.unstructure(SEED.awards[0])
    award["reason"] = "@"
    body = json.dumps(award, ensure_ascii=False).replace('"@"', written)
    if repeat_count:
        body = body.replace('"count": ', '"count": 5, "count": ', 1)
    return '{"schema": "antq/1", "awards": [' + body + "]}"


class TestDuplicateKeys:
    """1. A key read twice is found whatever escapes the strings hold."""

    @settings(max_examples=300, deadline=None)
    @given(strings=st.lists(json_strings(), min_size=1, max_size=4), twice=st.booleans())
    def test_colons_count_the_keys_read(self, strings: list[str], twice: bool) -> None:
        """The input's colons, escaped ones included, equal the re-encoded text's exactly
        when no key is read twice: the invariant the fast loader relies on."""
        parts = ", ".join(f'"k{n}": {s}' for n, s in enumerate(strings))
        text = "{" + parts + (', "k0": 1' if twice else "") + "}"
        again = json.dumps(json.loads(text), ensure_ascii=False).encode()
        assert (_key_count(text.encode()) == again.count(b":")) is (not twice)

    @settings(max_examples=100, deadline=None)
    @given(written=json_strings(), twice=st.booleans())
    def test_a_repeated_key_is_an_error(self, written: str, twice: bool) -> None:
        text = _award_with(written, twice)
        reason = json.loads(written)
        if twice:
            with pytest.raises(antq.LoadError, match="duplicate key"):
                antq.loads(text)
        elif reason and reason == reason.strip():
            assert antq.loads(text).awards[0].reason == reason

    def test_the_reproducer(self) -> None:
        text = _award_with('"x\\u003a"', repeat_count=True)
        with pytest.raises(antq.LoadError, match="duplicate key"):
            antq.loads(text)
