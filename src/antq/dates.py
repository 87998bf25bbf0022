"""Vietnamese date phrases: day-first, partial when the text says less, never guessed.

:func:`parse_date` reads one phrase ("Tối 12/8", "ngày 12 tháng 8 năm 2023", "Từ ngày
09/8/2024 đến ngày 13/8/2024", "sáng nay"); :func:`find_dates` finds the phrases in
running text. Day-first always. A missing year is filled from ``year`` or from the
``reference`` date (which also anchors "nay", "qua", "mai"); with neither, the result
is a :class:`~antq.model.PartialDate`. Impossible dates, two-digit years, weekdays that
contradict the date and relative words without a reference are errors, never guesses.
Relative dates are computed with python-dateutil's ``relativedelta``.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs
from dateutil.relativedelta import relativedelta

from antq.errors import TextError, why_no_date
from antq.messages import Message
from antq.model import PartialDate
from antq.text import nfc
from antq.vocab import PartOfDay

__all__ = ["DateParseError", "DatePhrase", "find_dates", "parse_date"]

When = dt.date | PartialDate


class DateParseError(TextError):
    """A phrase that is not a date, or names an impossible or underdetermined one."""


@attrs.frozen(kw_only=True)
class DatePhrase:
    """A date phrase as read: when, the part of day, the time, and where it stood.

    ``start`` is a complete date or a partial one; ``end`` is set for ranges.
    ``span`` is the phrase's (start, end) character offsets in the NFC input.
    """

    start: When
    end: When | None = None
    part_of_day: PartOfDay | None = None
    time: dt.time | None = None
    span: tuple[int, int]
    text: str

    @property
    def date(self) -> dt.date | None:
        """The start as a complete date, or None when only part of it is known."""
        return self.start if isinstance(self.start, dt.date) else None


_PARTS = r"sáng|trưa|chiều|tối|đêm|khuya"
_WEEKDAY = r"thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật"
_WEEKDAYS = {"hai": 0, "ba": 1, "tư": 2, "năm": 3, "sáu": 4, "bảy": 5}


def _point(p: str) -> str:
    """One date expression; every group name starts with the prefix *p*."""
    return (
        rf"(?:(?P<{p}part>{_PARTS})\s+)?"
        rf"(?:(?P<{p}hour>\d{{1,2}})\s*(?:giờ|h|:)\s*(?P<{p}minute>\d{{1,2}})?"
        rf"(?:\s*phút)?\s*,?\s*)?"
        rf"(?:(?P<{p}wd>{_WEEKDAY})\s*,?\s*)?"
        rf"(?:(?P<{p}cue>ngày|hôm)\s+)?"
        r"(?:"
        rf"(?P<{p}nd>\d{{1,2}})\s*(?P<{p}sep>[/.-])\s*(?P<{p}nm>\d{{1,2}})"
        rf"(?:\s*(?P={p}sep)\s*(?P<{p}ny>\d+))?"
        rf"|(?P<{p}wd_d>\d{{1,2}})\s+tháng\s+(?P<{p}wd_m>\d{{1,2}})"
        rf"(?:\s*,?\s*năm\s+(?P<{p}wd_y>\d+))?"
        rf"|tháng\s+(?P<{p}mo>\d{{1,2}})(?:\s*(?:năm\s+|/\s*)(?P<{p}mo_y>\d+))?"
        rf"|năm\s+(?:(?P<{p}yr>\d+)|(?P<{p}yrel>nay|ngoái|trước|sau|tới))"
        rf"|(?P<{p}rel>nay|qua|kia|mai)"
        rf"|(?P<{p}day>\d{{1,2}})"
        r")"
        rf"(?:\s*\(\s*(?P<{p}wd2>{_WEEKDAY})\s*\))?"
    )


_RANGE = rf"(?:từ\s+)?{_point('a_')}\s*(?:đến|tới|-|–|—)\s*{_point('b_')}"
_FLAGS = re.IGNORECASE
_SINGLE_RE = re.compile(_point("p_"), _FLAGS)
_RANGE_RE = re.compile(_RANGE, _FLAGS)
_FIND_RE = re.compile(
    rf"(?<![\w/.-])(?:(?P<range>{_RANGE})|(?P<point>{_point('p_')}))(?![\w/]|[.-]\d)", _FLAGS
)


@attrs.frozen
class _Point:
    """One matched expression before the year is settled."""

    day: int | None
    month: int | None
    year: int | None
    day_offset: int | None  # "nay" 0, "qua" -1, "mai" +1 ...: days from the reference
    year_offset: int | None  # "năm nay" 0, "năm ngoái" -1 ...: years from the reference
    part: PartOfDay | None
    time: dt.time | None
    weekday: int | None
    cued: bool  # a part of day, a time, a weekday or "ngày"/"hôm" introduced it


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


def _year(value: str | None, text: str) -> int | None:
    if value is None:
        return None
    if len(value) != 4:
        raise DateParseError(text, Message("date.short_year", {"year": repr(value)}))
    return int(value)


def _weekday(value: str | None) -> int | None:
    if value is None:
        return None
    words = value.lower().split()
    if words[0] == "chủ":
        return 6
    return int(words[1]) - 2 if words[1].isdigit() else _WEEKDAYS[words[1]]


def _read_point(match: re.Match[str], p: str, text: str) -> _Point:
    g = match.groupdict()
    hour, minute = _int(g[f"{p}hour"]), _int(g[f"{p}minute"])
    time = None
    if hour is not None:
        if hour > 23 or (minute or 0) > 59:
            raise DateParseError(
                text, Message("date.no_time", {"time": f"{hour}:{minute or 0:02d}"})
            )
        time = dt.time(hour, minute or 0)
    part = PartOfDay.from_label(g[f"{p}part"]) if g[f"{p}part"] else None
    if part is None and time is not None:
        part = _part_of_hour(time.hour)
    cue = (g[f"{p}cue"] or "").lower()
    weekday = _weekday(g[f"{p}wd"] or g[f"{p}wd2"])
    cued = bool(part or time or weekday is not None or cue)
    day_offset = year_offset = None
    rel = (g[f"{p}rel"] or "").lower()
    if rel:
        if rel == "nay" and cue == "ngày":
            raise DateParseError(text, Message("date.nowadays"))
        if not (part or cue):
            raise DateParseError(text, Message("date.alone", {"word": repr(rel)}))
        day_offset = {"nay": 0, "qua": -1, "mai": 1, "kia": 2 if cue == "ngày" else -2}[rel]
    yrel = (g[f"{p}yrel"] or "").lower()
    if yrel:
        year_offset = {"nay": 0, "ngoái": -1, "trước": -1}.get(yrel, 1)
    day = _int(g[f"{p}nd"] or g[f"{p}wd_d"] or g[f"{p}day"])
    month = _int(g[f"{p}nm"] or g[f"{p}wd_m"] or g[f"{p}mo"])
    year = _year(g[f"{p}ny"] or g[f"{p}wd_y"] or g[f"{p}mo_y"] or g[f"{p}yr"], text)
    return _Point(day, month, year, day_offset, year_offset, part, time, weekday, cued)


def _part_of_hour(hour: int) -> PartOfDay:
    if 4 <= hour <= 10:
        return PartOfDay.MORNING
    if 11 <= hour <= 12:
        return PartOfDay.NOON
    if 13 <= hour <= 17:
        return PartOfDay.AFTERNOON
    if 18 <= hour <= 21:
        return PartOfDay.EVENING
    return PartOfDay.NIGHT


def _settle(point: _Point, default_year: int | None, reference: dt.date | None, text: str) -> When:
    """Turn a point into a date or partial date, filling the year from the defaults."""
    if point.day_offset is not None or point.year_offset is not None:
        if reference is None:
            raise DateParseError(text, Message("date.needs_reference"))
        if point.day_offset is not None:
            return reference + relativedelta(days=point.day_offset)
        return PartialDate(year=(reference + relativedelta(years=point.year_offset or 0)).year)
    year = point.year if point.year is not None else default_year
    day, month = point.day, point.month
    if month is not None and not 1 <= month <= 12:
        raise DateParseError(text, Message("date.no_month", {"month": month}))
    if day is not None and month is None:
        raise DateParseError(text, Message("check.day_needs_month"))
    if day is not None and month is not None:
        if year is None:
            try:
                return PartialDate(month=month, day=day)
            except ValueError:
                why = Message("date.no_day", {"day": f"{day}/{month}"})
                raise DateParseError(text, why) from None
        try:
            return dt.date(year, month, day)
        except ValueError as exc:
            params = {"day": f"{day}/{month}/{year}", "why": why_no_date(exc)}
            why = Message("date.no_date", params)
            raise DateParseError(text, why) from None
    if month is not None:
        if year is None:
            raise DateParseError(text, Message("date.month_needs_year"))
        return PartialDate(year=year, month=month)
    assert year is not None  # the grammar gives at least a year here
    return PartialDate(year=year)


def _check_weekday(point: _Point, when: When, text: str) -> None:
    if point.weekday is not None and isinstance(when, dt.date) and when.weekday() != point.weekday:
        actual, said = (
            Message(f"word.weekday{when.weekday()}"),
            Message(f"word.weekday{point.weekday}"),
        )
        params = {"day": f"{when:%d/%m/%Y}", "actual": actual, "said": said}
        raise DateParseError(text, Message("date.weekday", params))


def _defaults(year: int | None, reference: dt.date | None) -> int | None:
    return year if year is not None else reference.year if reference is not None else None


def _single(match: re.Match[str], p: str, year: int | None, ref: dt.date | None) -> DatePhrase:
    text = match.group(0)
    point = _read_point(match, p, text)
    if point.day is not None and point.month is None:
        raise DateParseError(text, Message("check.day_needs_month"))
    when = _settle(point, _defaults(year, ref), ref, text)
    _check_weekday(point, when, text)
    return DatePhrase(
        start=when, part_of_day=point.part, time=point.time, span=match.span(), text=text
    )


def _range(match: re.Match[str], year: int | None, ref: dt.date | None) -> DatePhrase:
    text = match.group(0)
    first, last = _read_point(match, "a_", text), _read_point(match, "b_", text)
    if last.day is not None and last.month is None:
        raise DateParseError(text, Message("date.range_end_month"))
    end = _settle(last, _defaults(year, ref), ref, text)
    _check_weekday(last, end, text)
    year_written = first.year is not None
    if first.day is not None and first.month is None:  # "từ ngày 9 đến 13/8/2024"
        first = attrs.evolve(first, month=last.month)
    if first.year is None and first.month is not None:
        first = attrs.evolve(first, year=last.year)
    start = _settle(first, _defaults(year, ref), ref, text)
    if isinstance(start, dt.date) and isinstance(end, dt.date) and start > end:
        if not year_written and start.month > end.month:  # "28/12 - 3/1/2024": a new year
            start = _settle(attrs.evolve(first, year=end.year - 1), None, ref, text)
        if start > end:  # type: ignore[operator]  # both are dates here
            why = Message("date.range_order", {"end": str(end), "start": str(start)})
            raise DateParseError(text, why)
    _check_weekday(first, start, text)
    return DatePhrase(
        start=start,
        end=end,
        part_of_day=first.part or last.part,
        time=first.time,
        span=match.span(),
        text=text,
    )


def parse_date(
    text: str, *, year: int | None = None, reference: dt.date | None = None
) -> DatePhrase:
    """Read *text* as one Vietnamese date phrase.

    Args:
        text: the phrase, e.g. "Tối 12/8", "ngày 12 tháng 8 năm 2023", "sáng nay".
        year: the year to use when the phrase has none.
        reference: the date of writing; anchors "nay", "qua", "mai" and, when *year*
            is not given, fills a missing year with its own.

    Raises:
        DateParseError: not a date phrase, an impossible date, a two-digit year, a
            weekday that contradicts the date, or a relative date with no reference.
    """
    normal = nfc(text)
    stripped = normal.strip()
    offset = len(normal) - len(normal.lstrip())
    for pattern in (_SINGLE_RE, _RANGE_RE):
        match = pattern.fullmatch(stripped)
        if match is None:
            continue
        if pattern is _RANGE_RE:
            phrase = _range(match, year, reference)
        else:
            phrase = _single(match, "p_", year, reference)
        start, end = phrase.span
        return attrs.evolve(phrase, span=(start + offset, end + offset))
    found = _FIND_RE.search(stripped)
    if found is not None and found.group(0) != stripped:
        extra = " ".join((stripped[: found.start()] + " " + stripped[found.end() :]).split())
        raise DateParseError(text, Message("date.extra_words", {"extra": repr(extra)}))
    raise DateParseError(text, Message("date.not_a_phrase"))


def find_dates(
    text: str, *, year: int | None = None, reference: dt.date | None = None
) -> list[DatePhrase]:
    """Find the date phrases in running text, in order (see :func:`parse_date`).

    A bare "d/m" counts only when a part of day, a time, a weekday, "ngày" or "hôm"
    introduces it, so ratios such as "9/9 khu dân cư" are not taken for dates.
    Phrases that cannot be settled (impossible dates, relative dates without a
    reference) are left out; ``parse_date`` on the phrase says why.
    """
    found: list[DatePhrase] = []
    normal = nfc(text)
    for match in _FIND_RE.finditer(normal):
        try:
            if match.group("range") is not None:
                try:
                    phrase = _range(match, year, reference)
                except DateParseError:
                    # "Sáng 17-8" reads as a range of days first: read it as one date
                    single = _SINGLE_RE.match(normal, match.start())
                    if single is None:
                        raise
                    phrase = _single(single, "p_", year, reference)
            else:
                point = _read_point(match, "p_", match.group(0))
                bare = match.group("p_nd") is not None and match.group("p_ny") is None
                if bare and not point.cued:
                    continue
                phrase = _single(match, "p_", year, reference)
        except DateParseError:
            continue
        found.append(phrase)
    return found
