from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import antq
from antq import (
    Award,
    AwardForm,
    AwardId,
    Event,
    EventId,
    EventKind,
    Issuer,
    Locality,
    LocalityId,
    LocalityLevel,
    Office,
    Official,
    OfficialId,
    PartialDate,
    ParticipantRole,
    Participation,
    Recipient,
    Source,
    UnitType,
)
from antq.testing import awards, events, localities, officials, security_models, sources
from antq.validators import checks_of

ISSUER = Issuer(office=Office.CHU_TICH_UBND, level=LocalityLevel.COMMUNE)


def ward(**changes: object) -> Locality:
    fields: dict[str, object] = {
        "id": LocalityId("dien-ngoc"),
        "name": "Điện Ngọc",
        "unit_type": UnitType.PHUONG,
        "code": "20563",
    }
    fields.update(changes)
    return Locality(**fields)  # type: ignore[arg-type]


def grant(**changes: object) -> Award:
    fields: dict[str, object] = {"id": AwardId("a1"), "form": AwardForm.GIAY_KHEN, "issuer": ISSUER}
    fields.update(changes)
    return Award(**fields)  # type: ignore[arg-type]


def invalid(call: object) -> str:
    """The message of the InvalidValueError raised by *call*."""
    with pytest.raises(antq.InvalidValueError) as info:
        call()  # type: ignore[operator]
    assert isinstance(info.value, ValueError)
    return str(info.value)


class TestClasses:
    """Every record class is frozen, slotted and keyword-only."""

    @pytest.mark.parametrize(
        "cls",
        [
            Locality,
            Event,
            antq.SecurityModel,
            Official,
            Award,
            Issuer,
            Participation,
            antq.Statement,
            Source,
            antq.Position,
            Recipient,
            PartialDate,
        ],
    )
    def test_frozen_slotted_kw_only(self, cls: type) -> None:
        assert attrs.has(cls)
        assert "__slots__" in cls.__dict__
        assert all(field.kw_only for field in attrs.fields(cls))

    def test_cannot_mutate(self) -> None:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            ward().name = "Khác"  # type: ignore[misc]


class TestTextFields:
    """Text is non-empty NFC with no surrounding whitespace."""

    def test_empty(self) -> None:
        assert invalid(lambda: ward(name="")) == "Locality.name: must not be empty (got '')"

    def test_padded(self) -> None:
        assert invalid(lambda: ward(name=" Điện Ngọc")) == (
            "Locality.name: must not start or end with whitespace (got ' Điện Ngọc')"
        )

    def test_nfd_rejected(self) -> None:
        nfd = unicodedata.normalize("NFD", "Điện Ngọc")
        assert "must be NFC (use antq.nfc)" in invalid(lambda: ward(name=nfd))

    def test_ids_have_no_whitespace(self) -> None:
        assert invalid(lambda: ward(id="dien ngoc")) == (
            "Locality.id: an id is non-empty NFC text without whitespace (got 'dien ngoc')"
        )

    def test_each_tuple_item_checked(self) -> None:
        assert "Source.authors" in invalid(lambda: Source(title="T", authors=("A", "")))


class TestLocality:
    """Codes follow the level; dates are in order; names derive."""

    @pytest.mark.parametrize(
        ("unit_type", "code"),
        [(UnitType.PHUONG, "2056"), (UnitType.THI_XA, "0507"), (UnitType.TINH, "4a")],
    )
    def test_code_shape_per_level(self, unit_type: UnitType, code: str) -> None:
        digits = unit_type.level.code_digits
        message = invalid(lambda: ward(unit_type=unit_type, code=code))
        assert f"a {unit_type.level.value} code is {digits} digits, zero-padded" in message

    def test_a_code_with_a_unit_type_that_is_no_unit_type(self) -> None:
        # the code's shape depends on the unit type: a plain "tinh" is named, not crashed on
        message = invalid(lambda: ward(unit_type="tinh", code="49"))
        assert message == "Locality.unit_type: expected UnitType, got str (got 'tinh')"

    def test_residential_codes_are_free(self) -> None:
        assert ward(unit_type=UnitType.THON, code="T-07").code == "T-07"

    def test_validity_order(self) -> None:
        assert invalid(
            lambda: ward(valid_from=dt.date(2025, 7, 1), valid_until=dt.date(2025, 6, 30))
        ) == (
            "Locality.valid_until: must not be before valid_from (2025-07-01) "
            "(got datetime.date(2025, 6, 30))"
        )

    def test_derived_values(self) -> None:
        place = ward(valid_until=dt.date(2025, 6, 30))
        assert place.full_name == "phường Điện Ngọc"
        assert place.level is LocalityLevel.COMMUNE
        assert place.alive_on(dt.date(2023, 8, 12))
        assert not place.alive_on(dt.date(2025, 7, 1))


class TestOfficial:
    """Names split by Vietnamese convention; rank or honorific leads the display name."""

    def test_name_parts(self) -> None:
        huy = Official(id=OfficialId("h"), name="Phan Quang Quốc Huy", honorific=antq.Honorific.ONG)
        assert (huy.family_name, huy.given_name) == ("Phan", "Huy")
        assert huy.display_name == "ông Phan Quang Quốc Huy"

    def test_rank_before_honorific(self) -> None:
        officer = Official(
            id=OfficialId("a"),
            name="Nguyễn Văn A",
            rank=antq.Rank.DAI_TA,
            honorific=antq.Honorific.DONG_CHI,
        )
        assert officer.display_name == "Đại tá Nguyễn Văn A"

    def test_two_syllable_given_name(self) -> None:
        anh = Official(id=OfficialId("a"), name="Nguyễn Thị Mai Anh", given_syllables=2)
        assert (anh.family_name, anh.given_name) == ("Nguyễn", "Mai Anh")
        assert anh.can_be_called("chị Mai Anh")
        assert (
            anh.can_be_called("chị Anh").reason == "'Anh' is only part of the given name 'Mai Anh'"
        )

    def test_compound_family_name(self) -> None:
        assert Official(id=OfficialId("t"), name="Tôn Thất Thuyết").family_name == "Tôn Thất"

    def test_given_syllables_must_fit(self) -> None:
        assert invalid(lambda: Official(id=OfficialId("a"), name="Lê Thủy", given_syllables=2)) == (
            "Official.given_syllables: needs a family name and a given name of 2 syllable(s) (got 2)"
        )

    def test_can_be_called(self) -> None:
        huy = Official(id=OfficialId("h"), name="Phan Quang Quốc Huy", honorific=antq.Honorific.ONG)
        assert huy.can_be_called("ông Huy")
        assert not huy.can_be_called("ông Quang")
        assert not huy.can_be_called("bà Huy")


class TestAward:
    """Counts are ≥ 1 when known, and named recipients match them."""

    def test_unknown_count_allowed(self) -> None:
        assert grant(count=None).count is None

    @pytest.mark.parametrize("count", [0, -3])
    def test_count_at_least_one(self, count: int) -> None:
        assert invalid(lambda: grant(count=count)) == (
            f"Award.count: must be at least 1 (got {count})"
        )

    def test_bool_is_not_a_count(self) -> None:
        assert (
            invalid(lambda: grant(count=True)) == "Award.count: expected int, got bool (got True)"
        )

    def test_named_recipients_match_count(self) -> None:
        named = (Recipient(name="Nguyễn Văn A"), Recipient(name="Trần Thị B"))
        assert grant(count=2, recipients=named).recipients == named
        assert grant(count=None, recipients=named).count is None
        assert "names 2 recipients but count is 3" in invalid(
            lambda: grant(count=3, recipients=named)
        )


class TestEventAndParts:
    """Events take full or partial dates; an end date needs a full start."""

    def test_partial_date(self) -> None:
        event = Event(
            id=EventId("e"),
            kind=EventKind.FESTIVAL,
            locality=LocalityId("x"),
            held_on=PartialDate(month=8, day=12),
        )
        assert event.year is None
        assert (
            Event(
                id=EventId("e"),
                kind=EventKind.FESTIVAL,
                locality=LocalityId("x"),
                held_on=PartialDate(year=2023),
            ).year
            == 2023
        )

    def test_end_needs_full_start(self) -> None:
        assert "an end date needs a complete held_on" in invalid(
            lambda: Event(
                id=EventId("e"),
                kind=EventKind.FESTIVAL,
                locality=LocalityId("x"),
                held_on=PartialDate(year=2024),
                ends_on=dt.date(2024, 8, 13),
            )
        )

    def test_participation_needs_someone(self) -> None:
        assert invalid(lambda: Participation(role=ParticipantRole.GUEST)) == (
            "Participation.official: name an official or give a description (got None)"
        )

    def test_source_needs_an_identity(self) -> None:
        assert "give a title, url or locator" in invalid(lambda: Source(note="ghi chú"))


class TestPartialDate:
    """Partial dates have one ISO-like form each and reject impossible or complete dates."""

    @pytest.mark.parametrize("text", ["2023", "2023-08", "--08-12", "--02-29"])
    def test_round_trip(self, text: str) -> None:
        assert str(PartialDate.parse(text)) == text

    @pytest.mark.parametrize(
        ("fields", "reason"),
        [
            ({}, "needs a year or a month and day"),
            ({"year": 2023, "month": 8, "day": 12}, "is complete: use datetime.date"),
            ({"year": 2023, "day": 12}, "a day needs a month"),
            ({"month": 2, "day": 30}, "day must be 1..29 in month 2"),
            ({"year": 2023, "month": 13}, "month must be 1..12"),
        ],
    )
    def test_invalid(self, fields: dict[str, int], reason: str) -> None:
        assert reason in invalid(lambda: PartialDate(**fields))

    @pytest.mark.parametrize("text", ["23", "2023-8", "12/08", "--13-01", "2023-08-12"])
    def test_parse_rejects(self, text: str) -> None:
        with pytest.raises(ValueError, match=r"."):
            PartialDate.parse(text)


class TestStrategiesKeepInvariants:
    """Every generated object passes its own checks when rebuilt field by field."""

    @settings(max_examples=200)
    @given(localities() | officials() | events() | security_models() | awards() | sources())
    def test_rebuild(self, record: object) -> None:
        cls: Any = type(record)
        rebuilt = cls(**{f.name: getattr(record, f.name) for f in attrs.fields(cls)})
        assert rebuilt == record
        for field in attrs.fields(cls):
            for check in checks_of(field):
                check(record, field, getattr(record, field.name))
