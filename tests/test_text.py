from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from antq.names import Mention, NameParseError, can_denote, gender_hint, parse_mention, split_name
from antq.testing import texts
from antq.text import (
    ABBREVIATIONS,
    CountError,
    count_words,
    expand_abbreviations,
    fold,
    is_nfc,
    nfc,
    parse_count,
    to_tone_style,
)
from antq.vocab import Honorific, Rank, ToneStyle

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


GIVEN_NAMES = [
    line.strip()
    for line in (Path(__file__).parent / "data" / "given_names.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


class TestToneStyle:
    """Tone marks of oa, oe, uy move between the two styles; nothing else changes."""

    @pytest.mark.parametrize(
        ("text", "old", "new"),
        [
            ("Khánh Hòa", "Khánh Hòa", "Khánh Hoà"),
            ("Lê Thị Thuỷ", "Lê Thị Thủy", "Lê Thị Thuỷ"),
            ("hòe", "hòe", "hoè"),
            ("HOÀ BÌNH", "HÒA BÌNH", "HOÀ BÌNH"),
            ("hoàng", "hoàng", "hoàng"),
            ("Quý, Quỳnh, quả", "Quý, Quỳnh, quả", "Quý, Quỳnh, quả"),
            ("huỳnh khuya", "huỳnh khuya", "huỳnh khuya"),
        ],
    )
    def test_conversion(self, text: str, old: str, new: str) -> None:
        assert to_tone_style(text, ToneStyle.OLD) == old
        assert to_tone_style(text, ToneStyle.NEW) == new

    @given(texts(), st.sampled_from(ToneStyle))
    def test_other_style_folds_equal(self, text: str, style: ToneStyle) -> None:
        converted = to_tone_style(text, style)
        assert fold(converted) == fold(text)
        assert to_tone_style(converted, style) == converted
        assert is_nfc(converted)

    @pytest.mark.parametrize("name", GIVEN_NAMES)
    def test_names_in_both_styles_fold_equal(self, name: str) -> None:
        old, new = to_tone_style(name, ToneStyle.OLD), to_tone_style(name, ToneStyle.NEW)
        assert fold(old) == fold(new) == fold(unicodedata.normalize("NFD", name))


class TestGivenNamesDoNotCollide:
    """Distinct real given names keep distinct fold keys."""

    def test_at_least_200_names(self) -> None:
        assert len(set(GIVEN_NAMES)) == len(GIVEN_NAMES) >= 200

    def test_no_collisions(self) -> None:
        keys: dict[str, str] = {}
        for name in GIVEN_NAMES:
            assert keys.setdefault(fold(name), name) == name

    @given(st.sampled_from(GIVEN_NAMES), st.sampled_from(GIVEN_NAMES))
    def test_pairs(self, a: str, b: str) -> None:
        assert (fold(a) == fold(b)) == (a == b)


class TestNames:
    """Full names split the Vietnamese way; mentions yield honorific, rank and name."""

    @pytest.mark.parametrize(
        ("full", "given_syllables", "family", "middle", "given"),
        [
            ("Phan Quang Quốc Huy", 1, "Phan", ("Quang", "Quốc"), "Huy"),
            ("Lê Thị Thủy", 1, "Lê", ("Thị",), "Thủy"),
            ("Nguyễn Thị Mai Anh", 2, "Nguyễn", ("Thị",), "Mai Anh"),
            ("Tôn Thất Thuyết", 1, "Tôn Thất", (), "Thuyết"),
            ("âu dương minh", 1, "âu dương", (), "minh"),
            ("Trần Hưng", 1, "Trần", (), "Hưng"),
        ],
    )
    def test_split(
        self, full: str, given_syllables: int, family: str, middle: tuple[str, ...], given: str
    ) -> None:
        name = split_name(full, given_syllables=given_syllables)
        assert (name.family, name.middle, name.given) == (family, middle, given)
        assert name.full == full

    @pytest.mark.parametrize(
        ("full", "given_syllables"), [("Huy", 1), ("Lê Thủy", 2), ("Tôn Thất Thuyết", 2)]
    )
    def test_split_needs_enough_syllables(self, full: str, given_syllables: int) -> None:
        with pytest.raises(NameParseError, match="needs a family name and a given name"):
            split_name(full, given_syllables=given_syllables)

    @pytest.mark.parametrize(
        ("text", "honorific", "rank", "name", "title"),
        [
            ("ông Quang", Honorific.ONG, None, "Quang", None),
            (
                "Bà Lê Thị Thủy – Phó trưởng ban dân vận Tỉnh ủy",
                Honorific.BA,
                None,
                "Lê Thị Thủy",
                "Phó trưởng ban dân vận Tỉnh ủy",
            ),
            (
                "Đại tá Nguyễn Văn A, Giám đốc Công an tỉnh",
                None,
                Rank.DAI_TA,
                "Nguyễn Văn A",
                "Giám đốc Công an tỉnh",
            ),
            (
                "đồng chí Thiếu tướng Trần Văn B",
                Honorific.DONG_CHI,
                Rank.THIEU_TUONG,
                "Trần Văn B",
                None,
            ),
            ("Thượng uý Lò Văn C - Công an xã", None, Rank.THUONG_UY, "Lò Văn C", "Công an xã"),
            ("chị Hoa", Honorific.CHI, None, "Hoa", None),
            ("Anh", None, None, "Anh", None),
            ("Ông Phan Quang Quốc Huy", Honorific.ONG, None, "Phan Quang Quốc Huy", None),
        ],
    )
    def test_mentions(
        self,
        text: str,
        honorific: Honorific | None,
        rank: Rank | None,
        name: str,
        title: str | None,
    ) -> None:
        assert parse_mention(text) == Mention(
            name=name, honorific=honorific, rank=rank, title=title
        )

    def test_mention_without_a_name(self) -> None:
        with pytest.raises(NameParseError) as info:
            parse_mention("đồng chí Đại tá")
        assert str(info.value) == "'đồng chí Đại tá': no name after the honorific and rank"

    def test_gender_hint(self) -> None:
        assert gender_hint("Lê Thị Thủy") == "female"
        assert gender_hint("Nguyễn Văn A") == "male"
        assert gender_hint("Phan Quang Quốc Huy") is None


class TestCanDenote:
    """A mention denotes a person by the given name, not a middle or family name."""

    HUY = "Phan Quang Quốc Huy"

    @pytest.mark.parametrize(
        ("reference", "possible", "reason"),
        [
            (
                "ông Quang",
                False,
                "'Quang' is a middle name of 'Phan Quang Quốc Huy'; people are called by the given name, 'Huy'",
            ),
            ("ông Huy", True, "'Huy' is the given name of 'Phan Quang Quốc Huy'"),
            ("ông HUY", True, "'HUY' is the given name of 'Phan Quang Quốc Huy'"),
            (
                "ông Phan",
                False,
                "'Phan' is the family name of 'Phan Quang Quốc Huy'; people are called by the given name, 'Huy'",
            ),
            ("ông Phan Quang Quốc Huy", True, "'Phan Quang Quốc Huy' is the full name"),
            (
                "ông Quốc Huy",
                True,
                "'Quốc Huy' ends the name 'Phan Quang Quốc Huy': possible if it is a 2-syllable given name (assumed 'Huy')",
            ),
            ("ông Hùng", False, "'Hùng' is not part of the name 'Phan Quang Quốc Huy'"),
            ("bà Huy", False, "'bà' does not fit 'Phan Quang Quốc Huy', who is 'ông'"),
        ],
    )
    def test_huy(self, reference: str, possible: bool, reason: str) -> None:
        result = can_denote(reference, self.HUY, honorific=Honorific.ONG)
        assert (result.possible, result.reason) == (possible, reason)
        assert bool(result) is possible

    def test_tone_style_does_not_matter(self) -> None:
        assert can_denote("bà Thuỷ", "Lê Thị Thủy")
        assert can_denote("bà Mai Anh", "Nguyễn Thị Mai Anh", given_syllables=2).reason == (
            "'Mai Anh' is the given name of 'Nguyễn Thị Mai Anh'"
        )


class TestCounts:
    """Counts as written: digits, zero-padded or grouped, and number words."""

    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("01", 1),
            ("02", 2),
            ("10", 10),
            ("006", 6),
            ("1.200", 1200),
            ("một", 1),
            ("hai", 2),
            ("mười", 10),
            ("mười hai", 12),
            ("mười lăm", 15),
            ("hai mươi", 20),
            ("hai mươi mốt", 21),
            ("ba mươi tư", 34),
            ("hai mươi lăm", 25),
            ("một trăm", 100),
            ("một trăm linh năm", 105),
            ("hai trăm lẻ một", 201),
            ("Một Trăm Mười", 110),
            ("bẩy", 7),
            ("một nghìn", 1000),
            ("hai nghìn không trăm hai mươi tư", 2024),
            ("không", 0),
        ],
    )
    def test_parse(self, text: str, value: int) -> None:
        assert parse_count(text) == value

    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("gần 180", "an approximate number is not an exact count"),
            ("hàng chục", "an approximate number is not an exact count"),
            ("hơn 200", "an approximate number is not an exact count"),
            (
                "một trăm hai",
                "ambiguous: a lone digit after 'trăm' may be tens or units (120 or 102?)",
            ),
            ("các", "cannot read 'các' as a number"),
            ("mươi", "cannot read 'mươi' as a number"),
            ("", "empty"),
            ("1,5", "cannot read '1,5' as a number"),
        ],
    )
    def test_errors(self, text: str, reason: str) -> None:
        with pytest.raises(CountError) as info:
            parse_count(text)
        assert info.value.reason == reason

    @given(st.integers(0, 999))
    def test_words_round_trip(self, n: int) -> None:
        assert parse_count(count_words(n)) == n

    def test_words_round_trip_exhaustively(self) -> None:
        assert [parse_count(count_words(n)) for n in range(1000)] == list(range(1000))

    @pytest.mark.parametrize(
        ("n", "words"),
        [
            (0, "không"),
            (5, "năm"),
            (15, "mười lăm"),
            (21, "hai mươi mốt"),
            (24, "hai mươi tư"),
            (105, "một trăm linh năm"),
            (110, "một trăm mười"),
            (999, "chín trăm chín mươi chín"),
        ],
    )
    def test_writer(self, n: int, words: str) -> None:
        assert count_words(n) == words


class TestAbbreviations:
    """Known abbreviations expand as whole words only."""

    def test_glossary_covers_the_domain_sheet(self) -> None:
        for short in (
            "ANTQ",
            "ANTT",
            "TDBVANTQ",
            "BVANTQ",
            "TTATXH",
            "CAND",
            "MTTQ",
            "UBND",
            "HĐND",
            "BCĐ",
            "TĐKT",
            "PCCC",
            "PCTP",
            "TNXH",
        ):
            assert ABBREVIATIONS[short].expansion

    def test_expand(self) -> None:
        assert expand_abbreviations("phong trào TDBVANTQ; UBND phường; BCĐ 138; ANTQX") == (
            "phong trào Toàn dân bảo vệ an ninh Tổ quốc; Ủy ban nhân dân phường; "
            "Ban Chỉ đạo 138; ANTQX"
        )
