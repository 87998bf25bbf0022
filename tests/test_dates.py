from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from antq.dates import DateParseError, find_dates, parse_date
from antq.model import PartialDate
from antq.vocab import PartOfDay

D = dt.date
P = PartialDate
REF = D(2024, 8, 15)  # a Thursday
M, A, E = PartOfDay.MORNING, PartOfDay.AFTERNOON, PartOfDay.EVENING


class TestForms:
    """Every supported phrase form, with and without a default year or reference date."""

    @pytest.mark.parametrize(
        ("text", "kwargs", "start", "end", "part"),
        [
            # numeric, day first, three separators
            ("12/8/2023", {}, D(2023, 8, 12), None, None),
            ("12-8-2023", {}, D(2023, 8, 12), None, None),
            ("12.08.2023", {}, D(2023, 8, 12), None, None),
            ("8/12/2023", {}, D(2023, 12, 8), None, None),
            # day and month only: partial, or filled from a default year / reference
            ("Tối 12/8", {}, P(month=8, day=12), None, E),
            ("Tối 12/8", {"year": 2023}, D(2023, 8, 12), None, E),
            ("tối 12/8", {"reference": REF}, D(2024, 8, 12), None, E),
            ("Tối 12/8", {"year": 2023, "reference": REF}, D(2023, 8, 12), None, E),
            ("Sáng 12-8", {"year": 2023}, D(2023, 8, 12), None, M),
            ("chiều ngày 12/8/2023", {}, D(2023, 8, 12), None, A),
            ("29/2", {}, P(month=2, day=29), None, None),
            # words
            ("ngày 12 tháng 8 năm 2023", {}, D(2023, 8, 12), None, None),
            ("Ngày 12 tháng 8", {}, P(month=8, day=12), None, None),
            ("ngày 12 tháng 8", {"year": 2024}, D(2024, 8, 12), None, None),
            ("tháng 8 năm 2023", {}, P(year=2023, month=8), None, None),
            ("tháng 8/2023", {}, P(year=2023, month=8), None, None),
            ("tháng 8", {"year": 2023}, P(year=2023, month=8), None, None),
            ("năm 2023", {}, P(year=2023), None, None),
            # relative to the reference date
            ("sáng nay", {"reference": REF}, REF, None, M),
            ("hôm nay", {"reference": REF}, REF, None, None),
            ("hôm qua", {"reference": REF}, D(2024, 8, 14), None, None),
            ("tối qua", {"reference": REF}, D(2024, 8, 14), None, E),
            ("ngày mai", {"reference": REF}, D(2024, 8, 16), None, None),
            ("hôm kia", {"reference": REF}, D(2024, 8, 13), None, None),
            ("ngày kia", {"reference": REF}, D(2024, 8, 17), None, None),
            ("năm nay", {"reference": REF}, P(year=2024), None, None),
            ("năm ngoái", {"reference": REF}, P(year=2023), None, None),
            # times and weekdays
            ("19 giờ 30 ngày 12/8/2023", {}, D(2023, 8, 12), None, E),
            ("13h30, ngày 12/8/2023", {}, D(2023, 8, 12), None, A),
            ("Thứ Bảy, 12/8/2023", {}, D(2023, 8, 12), None, None),
            ("chiều ngày 12/8 (thứ bảy)", {"year": 2023}, D(2023, 8, 12), None, A),
            ("chủ nhật, 13/8/2023", {}, D(2023, 8, 13), None, None),
            ("thứ 7, 12/8/2023", {}, D(2023, 8, 12), None, None),
            # ranges
            ("Từ ngày 09/8/2024 đến ngày 13/8/2024", {}, D(2024, 8, 9), D(2024, 8, 13), None),
            ("từ ngày 9 đến 13/8/2024", {}, D(2024, 8, 9), D(2024, 8, 13), None),
            ("từ 9/8 đến 13/8", {}, P(month=8, day=9), P(month=8, day=13), None),
            ("9/8 – 13/8", {"year": 2024}, D(2024, 8, 9), D(2024, 8, 13), None),
            ("19/8/2005 - 19/8/2020", {}, D(2005, 8, 19), D(2020, 8, 19), None),
            ("28/12 - 3/1/2024", {}, D(2023, 12, 28), D(2024, 1, 3), None),
        ],
    )
    def test_parse(
        self,
        text: str,
        kwargs: dict[str, object],
        start: dt.date | PartialDate,
        end: dt.date | PartialDate | None,
        part: PartOfDay | None,
    ) -> None:
        phrase = parse_date(text, **kwargs)  # type: ignore[arg-type]
        assert (phrase.start, phrase.end, phrase.part_of_day) == (start, end, part)
        assert phrase.text == text
        assert phrase.span == (0, len(text))

    def test_time_is_kept(self) -> None:
        assert parse_date("19 giờ 30 ngày 12/8/2023").time == dt.time(19, 30)
        assert parse_date("8h ngày 12/8/2023").time == dt.time(8, 0)

    def test_nfd_and_spaces(self) -> None:
        phrase = parse_date(unicodedata.normalize("NFD", "  Tối 12/8 "), year=2023)
        assert (phrase.date, phrase.span, phrase.text) == (D(2023, 8, 12), (2, 10), "Tối 12/8")

    def test_date_property(self) -> None:
        assert parse_date("12/8/2023").date == D(2023, 8, 12)
        assert parse_date("Tối 12/8").date is None


class TestErrors:
    """Impossible, ambiguous or underdetermined phrases are errors, never guesses."""

    @pytest.mark.parametrize(
        ("text", "kwargs", "reason"),
        [
            ("31/2/2023", {}, "no such date 31/2/2023 (day is out of range for month)"),
            ("31/2", {}, "no such day 31/2 in any year"),
            ("29/2", {"year": 2023}, "no such date 29/2/2023 (day is out of range for month)"),
            ("13/25", {}, "no month 25"),
            ("12/8/23", {}, "the year '23' is not four digits: write it in full"),
            ("sáng nay", {}, "a relative date needs a reference date"),
            ("năm nay", {}, "a relative date needs a reference date"),
            ("tháng 8", {}, "a month without a year needs a default year"),
            ("ngày 9", {}, "a day needs a month"),
            ("ngày nay", {"reference": REF}, "'ngày nay' means 'nowadays', not a date"),
            ("Thứ Hai, 12/8/2023", {}, "12/08/2023 is Saturday, not Monday"),
            ("25 giờ ngày 12/8/2023", {}, "no such time 25:00"),
            (
                "từ 15/8/2024 đến 10/8/2024",
                {},
                "the range ends (2024-08-10) before it starts (2024-08-15)",
            ),
            ("15/8 - 10/8/2024", {}, "the range ends (2024-08-10) before it starts (2024-08-15)"),
            ("9/9 khu dân cư", {}, "not a date phrase: words besides a date ('khu dân cư')"),
            ("đạt 9/9 tiêu chí", {}, "not a date phrase: words besides a date ('đạt tiêu chí')"),
            ("hai tập thể", {}, "not a date phrase"),
            ("", {}, "not a date phrase"),
        ],
    )
    def test_error(self, text: str, kwargs: dict[str, object], reason: str) -> None:
        with pytest.raises(DateParseError) as info:
            parse_date(text, **kwargs)  # type: ignore[arg-type]
        assert info.value.reason == reason
        assert str(info.value) == f"{text!r}: {reason}"
        assert isinstance(info.value, ValueError)


class TestFind:
    """Date phrases are found in running text; ratios and numbers are not dates."""

    def test_prose(self) -> None:
        text = (
            "Tối 12/8, phường tổ chức ngày hội; 9/9 khu dân cư đạt chuẩn, 1.200 người tham gia, "
            "tỉ lệ 12.8%, qua đó năm 2023 và ngày 13 tháng 8 năm 2023 được nhắc lại."
        )
        found = [(phrase.text, phrase.start) for phrase in find_dates(text, year=2023)]
        assert found == [
            ("Tối 12/8", D(2023, 8, 12)),
            ("năm 2023", P(year=2023)),
            ("ngày 13 tháng 8 năm 2023", D(2023, 8, 13)),
        ]

    def test_spans_point_into_the_text(self) -> None:
        text = "Từ ngày 09/8/2024 đến ngày 13/8/2024, xã tổ chức."
        (phrase,) = find_dates(text)
        assert text[phrase.span[0] : phrase.span[1]] == phrase.text
        assert (phrase.start, phrase.end) == (D(2024, 8, 9), D(2024, 8, 13))

    def test_impossible_and_unanchored_phrases_are_left_out(self) -> None:
        assert find_dates("ngày 31/2/2023 và sáng nay") == []
        assert [p.start for p in find_dates("sáng nay", reference=REF)] == [REF]

    def test_full_dates_need_no_cue(self) -> None:
        assert [p.start for p in find_dates("Quyết định số 12 ký 05/9/2024.")] == [D(2024, 9, 5)]
