from __future__ import annotations

import unicodedata

import pytest

import antq
from antq.vocab import Vocab, _label_index

VOCABS = sorted(Vocab.__subclasses__(), key=lambda cls: cls.__name__)


class TestMembers:
    """Every member of every enum carries a value, a Vietnamese label and an English gloss."""

    @pytest.mark.parametrize("cls", VOCABS, ids=lambda c: c.__name__)
    def test_labels_and_glosses(self, cls: type[Vocab]) -> None:
        for member in cls:
            assert member.value.isascii()
            assert member.value == member.value.lower()
            assert member.label
            assert unicodedata.is_normalized("NFC", member.label)
            assert member.gloss
            assert member.gloss.isascii()
            assert isinstance(member, str)
            assert member == member.value

    @pytest.mark.parametrize("cls", VOCABS, ids=lambda c: c.__name__)
    def test_spellings_are_unambiguous(self, cls: type[Vocab]) -> None:
        index = _label_index(cls)  # raises AssertionError on a spelling shared by two members
        assert set(index.values()) == set(cls)

    def test_every_enum_is_public(self) -> None:
        assert {cls.__name__ for cls in VOCABS} <= set(antq.__all__)


class TestFromLabel:
    """Labels are read whatever their case, normalization form or tone-mark style."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("giấy khen", antq.AwardForm.GIAY_KHEN),
            ("Giấy Khen", antq.AwardForm.GIAY_KHEN),
            ("GIẤY KHEN", antq.AwardForm.GIAY_KHEN),
            ("  Bằng   khen ", antq.AwardForm.BANG_KHEN),
            (unicodedata.normalize("NFD", "Bằng khen"), antq.AwardForm.BANG_KHEN),
            ("bang_khen", antq.AwardForm.BANG_KHEN),
            ("Thiếu uý", antq.Rank.THIEU_UY),
            ("Thiếu úy", antq.Rank.THIEU_UY),
            ("tổ dân phố", antq.UnitType.TO_DAN_PHO),
            ("Chủ tịch UBND", antq.Office.CHU_TICH_UBND),
            ("Ủy ban nhân dân", antq.Office.UBND),
            ("Uỷ ban nhân dân", antq.Office.UBND),
            ("Ông", antq.Honorific.ONG),
            ("cá nhân", antq.RecipientKind.INDIVIDUAL),
            ("tối", antq.PartOfDay.EVENING),
        ],
    )
    def test_tolerant(self, text: str, expected: Vocab) -> None:
        assert type(expected).from_label(text) is expected

    def test_unknown_label_names_the_choices(self) -> None:
        with pytest.raises(antq.UnknownLabelError) as info:
            antq.RecipientKind.from_label("đơn vị")
        assert str(info.value) == (
            "'đơn vị' is not a known recipient kind; expected one of: "
            "tập thể, cá nhân, hộ gia đình, chưa rõ đối tượng"
        )
        assert isinstance(info.value, ValueError)


class TestDerived:
    """Levels and unit words derive from the unit type."""

    @pytest.mark.parametrize(
        ("unit_type", "level", "word"),
        [
            (antq.UnitType.PHUONG, antq.LocalityLevel.COMMUNE, "phường"),
            (antq.UnitType.THI_XA, antq.LocalityLevel.DISTRICT, "thị xã"),
            (antq.UnitType.THANH_PHO_THUOC_TINH, antq.LocalityLevel.DISTRICT, "thành phố"),
            (
                antq.UnitType.THANH_PHO_TRUC_THUOC_TRUNG_UONG,
                antq.LocalityLevel.PROVINCE,
                "thành phố",
            ),
            (antq.UnitType.DAC_KHU, antq.LocalityLevel.COMMUNE, "đặc khu"),
            (antq.UnitType.THON, antq.LocalityLevel.RESIDENTIAL, "thôn"),
        ],
    )
    def test_level_and_word(
        self, unit_type: antq.UnitType, level: antq.LocalityLevel, word: str
    ) -> None:
        assert unit_type.level is level
        assert unit_type.word == word

    def test_every_unit_type_has_a_level(self) -> None:
        assert all(isinstance(t.level, antq.LocalityLevel) for t in antq.UnitType)
        assert {t.level for t in antq.UnitType} == set(antq.LocalityLevel) - {
            antq.LocalityLevel.NATIONAL
        }

    def test_statutory_forms(self) -> None:
        assert antq.AwardForm.GIAY_KHEN.statutory
        assert not antq.AwardForm.BIEU_DUONG.statutory
