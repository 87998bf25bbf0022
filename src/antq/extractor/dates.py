"""The occasion's date and part of day, as precise as the text gives them.

The year is taken from the text only; the publication date anchors "sáng nay". A day
beats a bare year ("năm 2024" names the movement's year, not the day). A plan's days are
a window for the festivals it plans, not its date. A page's time stamp, the movement's
history and "ngày 19/8 hằng năm" are not the day.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re

import attrs

from antq.dates import DatePhrase, find_dates
from antq.extractor._rule import rule
from antq.extractor._words import PARTS
from antq.model import PartialDate
from antq.vocab import PartOfDay

__all__ = ["read_date"]

# The festival named with its year: "Ngày hội toàn dân bảo vệ an ninh Tổ quốc (phường) năm 2024".
NAMED_YEAR = rule(
    "dates.named_year",
    r"(?i)ngày hội[^.;:\n]{0,50}?(?:tổ quốc|antq)[”\"]?(?:\s*\([^()]{1,20}\))?\s*(?:\w+\s+){0,2}?"
    r"(?:năm\s+)?((?:19|20)\d{2})\b(?![/.-]\d)",
    produces="the festival's year in its name",
    examples=(
        "Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2024",
        "Ngày hội toàn dân bảo vệ an ninh Tổ quốc (ANTQ) năm 2025",
        "“Ngày hội Toàn dân bảo vệ an ninh tổ quốc 2023”",
    ),
)
_DAY_MONTH = r"(?P<month>\d{1,2})(?:\s*[/.-]\s*(?P<year>\d{4}))?"
_PART = rf"(?P<part>{PARTS})"
BRACKETED = rule(
    "dates.bracketed",
    rf"(?i)\b(?:{_PART}\s+nay|hôm nay|hôm qua|tối qua|đêm qua)\s*"
    rf"\(\s*(?:ngày\s+)?(?P<day>\d{{1,2}})\s*[/.-]\s*{_DAY_MONTH}\s*\)",
    produces="a relative day with the day written out ('Hôm qua (19/8)')",
    examples=("Hôm qua (19/8)", "Sáng nay (15/8/2024)"),
)
SEVERAL_DAYS = rule(
    "dates.several_days",
    rf"(?i)\b(?:{_PART}\s+)?(?:các\s+)?ngày\s+(?P<day>\d{{1,2}})"
    rf"\s*(?:và|,|đến|-|–)\s*(?:ngày\s+)?\d{{1,2}}\s*[/.-]\s*{_DAY_MONTH}",
    produces="the first of several days",
    examples=("Trong 2 ngày 16 và 17/8/2024",),
)
CLOCK_FIRST = rule(
    "dates.clock_first",
    r"\d{1,2}[:h]\d{2}",
    produces="a phrase that opens with a clock time",
    examples=("14:57", "8h30"),
)
PART_BEFORE = rule(
    "dates.part_before",
    rf"(?i){_PART}\s+$",
    produces="a part of day written just before a date (after a dash)",
    examples=("Chiều ",),
)
STAMP = rule(
    "dates.stamp",
    r"\s*(?:[-–,|]\s*)?\d{1,2}[:h]\d{2}\b",
    produces="a page's time stamp after a date",
    examples=(" - 10:45",),
)
STAMP_FIRST = rule(
    "dates.stamp_first",
    r"\d{1,2}:\d{2},?\s+\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$",
    produces="a page's time stamp: a clock, then a full date ('10:24 06/08/2022')",
    examples=("10:24 06/08/2022", "05:02, 27/02/2017"),
    counter_examples=("8h30 ngày 12/8/2024",),
)
# The day of something the story tells (a crime, a riot), not of the occasion.
STORY_DAY = rule(
    "dates.story_day",
    r"(?i:\b(?:xảy ra|phát hiện|bắt giữ|bắt quả tang|truy bắt|truy đuổi|gây rối|lấy trộm|trộm cắp)"
    r"\s+(?:[^,.;]{0,30}?\s+)?(?:vào\s+)?(?:lúc\s+\S+\s+)?(?:các\s+)?$)",
    produces="a day of the story, not of the occasion ('các vụ gây rối xảy ra vào ngày 10')",
    examples=("các vụ gây rối xảy ra vào ", "phát hiện đối tượng trộm "),
)
VUA = rule(
    "dates.just_held",
    r"(?i:\bvừa\s+(?:qua\s+)?(?:tổ chức|ban hành|diễn ra|khai mạc|ra mắt|trao|tặng|khen thưởng)\b)",
    produces="an occasion 'just' held: the page's dateline gives its year",
    examples=("vừa tổ chức Hội nghị", "vừa ban hành quyết định khen thưởng"),
)
CLOCK_BEFORE = rule(
    "dates.clock_before",
    r"\b\d{1,2}:\d{2}\s*(?:[,|-]\s*)?$",
    produces="a page's time stamp before a date ('05:02, 27/02/2017')",
    examples=("05:02, ",),
)
# "ngày 19/8 hằng năm": the movement's annual day, not the day of this occasion.
YEARLY = rule(
    "dates.yearly",
    r"\s*(?:hằng|hàng|mỗi)\s+năm\b",
    produces="a day of every year",
    examples=(" hằng năm",),
    flags=re.IGNORECASE,
)
BARE_YEAR = rule(
    "dates.bare_year",
    r"(?i)năm \d{4}",
    produces="a year alone",
    examples=("năm 2024",),
)
YEAR_OF_FESTIVAL = rule(
    "dates.year_of_festival",
    r"(?i)ngày hội[^.]{0,150}?\bnăm (\d{4})\b",
    produces="the year written after the festival",
    examples=("Ngày hội toàn dân bảo vệ an ninh Tổ quốc tại xã X năm 2023",),
)
YEAR_AFTER_PLACE = rule(
    "dates.year_after_place",
    r"(?i)ngày hội[^.]{0,150}?[^\d/.-]((?:19|20)\d{2})(?=\s*(?:[.,;:)]|$))",
    produces="a year written after the festival's place ('... tỉnh Y 2023.')",
    examples=("Ngày hội tại phường X, tỉnh Y 2023.",),
)


def read_date(
    view: str, plan: bool, published_on: dt.date | None
) -> tuple[dt.date | PartialDate | None, DatePhrase | None]:
    """The occasion's date, as precise as the text gives it, and the phrase it came from."""
    head = view[:600]
    dates, stamps = ([], []) if plan else _dates_in(view, 600)
    days = _background_dropped(_days(dates))
    if not plan and not days and published_on is not None:
        days = _days(find_dates(head, reference=published_on))
    if not plan and not days:
        # The lead may come late (a long headline, an anniversary first): read further,
        # but not back in time from a year the head gives ("năm 2024" ... "ngày 19/8/2005").
        known = max((d.start.year for d in dates if d.start.year), default=0)
        dates, _ = _dates_in(view, 3000)
        days = [d for d in _background_dropped(_days(dates)) if (d.start.year or known) >= known]
    for written in (BRACKETED, SEVERAL_DAYS):
        # "Hôm qua (19/8)", "Sáng nay (15/8)": the day the text writes out is the day;
        # "Trong 2 ngày 16 và 17/8/2024": the first of several days.
        match = None if plan else written.search(head)
        if match is not None and STORY_DAY.search(view, max(0, match.start() - 60), match.start()):
            match = None
        if match is not None and not any(d.span[0] < match.start() for d in days):
            day = f"{match['part'] or 'ngày'} {match['day']}/{match['month']}"
            days = find_dates(day + (f"/{match['year']}" if match["year"] else "")) + days
    in_text = days  # a year alone is a reporting or review period, not the day
    phrase = in_text[0] if in_text else None
    before = (
        PART_BEFORE.search(view, max(0, phrase.span[0] - 8), phrase.span[0]) if phrase else None
    )
    if phrase is not None and phrase.part_of_day is None and before is not None:
        # "(Ngày Nay) -Chiều 18/8/2025": the dash kept the part of day out of the phrase.
        phrase = attrs.evolve(phrase, part_of_day=PartOfDay.from_label(before["part"].lower()))
    event_date = phrase.start if phrase else None
    spans = [
        d.end.year
        for d in dates
        if _years_apart(d) and isinstance(d.start, dt.date) and isinstance(d.end, dt.date)
    ]  # an anniversary's span of days ("19/8/2005 - 19/8/2020"), not a period of years
    if isinstance(event_date, PartialDate) and event_date.year is None and spans:
        # "Kỷ niệm 15 năm ... (19/8/2005 - 19/8/2020), chiều 17/8": the span ends this year.
        with contextlib.suppress(ValueError):
            event_date = dt.date(spans[-1], event_date.month or 0, event_date.day or 0)
    named = NAMED_YEAR.search(view[:3000])
    stamped = [d.start.year for d in stamps if d.start.year]
    for known in ([int(named[1])] if named else []) + stamped[:1]:
        # "Sáng 10/8, ... tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2024".
        if isinstance(event_date, PartialDate) and event_date.year is None:
            with contextlib.suppress(ValueError):
                event_date = dt.date(known, event_date.month or 0, event_date.day or 0)
    if event_date is None:
        years = (
            ([named[1]] if named else [])
            or YEAR_OF_FESTIVAL.findall(view[:3000])
            or YEAR_AFTER_PLACE.findall(view[:3000])
            or ([str(spans[-1])] if spans else [])  # "(19/8/2005-19/8/2022)": the year only
            # "... vừa tổ chức Hội nghị" under the page's "11:32 11/03/2015": its year.
            or ([str(stamped[0])] if stamped and VUA.search(view[:3000]) else [])
        )
        event_date = PartialDate(year=int(years[0])) if years else None
    return event_date, phrase


def _dates_in(text: str, limit: int) -> tuple[list[DatePhrase], list[DatePhrase]]:
    """The date phrases of the first *limit* characters, and apart the page's stamps.

    "Thứ Bảy, 17/8/2024 - 10:45" is the page's time stamp, not the day (its year may
    serve), and the clock after it is not the occasion's time ("14/07/2018, 14:57 |
    Ngày 14-7"); "ngày 19/8 hằng năm" is no day at all.
    """
    found = find_dates(text[:limit])
    stamps = [
        d
        for d in found
        if STAMP.match(text, d.span[1])
        or (d.start.year and CLOCK_BEFORE.search(text, max(0, d.span[0] - 10), d.span[0]))
        or (isinstance(d.start, dt.date) and STAMP_FIRST.match(d.text))
    ]
    dates = [
        attrs.evolve(d, time=None, part_of_day=None)
        if CLOCK_FIRST.match(d.text) and any(s.span[1] < d.span[0] <= s.span[1] + 3 for s in stamps)
        else d
        for d in found
        if d not in stamps
        and not YEARLY.match(text, d.span[1])
        and not STORY_DAY.search(text, max(0, d.span[0] - 60), d.span[0])
    ]
    return dates, stamps


def _background_dropped(days: list[DatePhrase]) -> list[DatePhrase]:
    """The days, less those of earlier years than a later day the text also gives.

    "Ngày 19/8/2005, Thủ tướng Chính phủ quyết định ... Sáng 15/8/2024, xã X tổ chức ngày
    hội": the first day is the movement's history, the second the occasion.
    """
    years = [d.start.year for d in days if d.start.year]
    if not years:
        return days
    return [d for d in days if d.start.year is None or d.start.year >= max(years)]


def _days(dates: list[DatePhrase]) -> list[DatePhrase]:
    """The phrases that name a day or a month: not a bare year, not a span of years."""
    return [d for d in dates if d.text and not BARE_YEAR.fullmatch(d.text) and not _years_apart(d)]


def _years_apart(phrase: DatePhrase) -> bool:
    """A range over several years ("19/8/2005 - 19/8/2020"): an anniversary, not a day."""
    start, end = phrase.start, phrase.end
    return end is not None and start.year is not None and end.year not in (None, start.year)
