from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from antq.testing import texts
from antq.text import fold, is_nfc, nfc

# Pairs that differ only in tone-mark placement (old style, new style).
TONE_PAIRS = [("hòa", "hoà"), ("thủy", "thuỷ"), ("Khánh Hòa", "Khánh Hoà"), ("hủy", "huỷ")]


class TestFold:
    """The fold key unifies what a reader takes as the same spelling, and nothing else."""

    @given(texts())
    def test_idempotent(self, text: str) -> None:
        assert fold(fold(text)) == fold(text)

    @given(texts())
    def test_nfd_and_case_fold_equal(self, text: str) -> None:
        variant = unicodedata.normalize("NFD", text).upper()
        assert fold(variant) == fold(text)

    @given(st.text(max_size=30))
    def test_loose_key_idempotent(self, text: str) -> None:
        key = fold(text, diacritics=False)
        assert fold(key, diacritics=False) == key

    @pytest.mark.parametrize(("old", "new"), TONE_PAIRS)
    def test_tone_styles_fold_equal(self, old: str, new: str) -> None:
        assert old != new
        assert fold(old) == fold(new)

    @pytest.mark.parametrize(
        ("a", "b"), [("Huy", "Hùy"), ("Thủy", "Thùy"), ("ma", "mà"), ("Quang", "Quảng")]
    )
    def test_distinct_words_stay_distinct(self, a: str, b: str) -> None:
        assert fold(a) != fold(b)

    def test_loose_matching_drops_diacritics(self) -> None:
        assert fold("Điện Ngọc", diacritics=False) == "dien ngoc"
        assert fold("Đà Nẵng", diacritics=False) == fold("DA NANG", diacritics=False)


class TestNfc:
    """NFC is the stored form."""

    def test_nfc(self) -> None:
        decomposed = unicodedata.normalize("NFD", "Thủy")
        assert not is_nfc(decomposed)
        assert nfc(decomposed) == "Thủy"
        assert is_nfc(nfc(decomposed))
