"""The five entities of the movement's data and the small value types they need.

All classes are frozen, slotted and keyword-only. Records refer to each other by
typed ids (``LocalityId``, ``EventId``, ...), resolved through
:class:`antq.Dataset`. Field checks guard local invariants only; everything that
needs other records, dates in force or the law is a rule (``antq.rules``).
Models know nothing about files: wire formats live in :mod:`antq.serialize`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TYPE_CHECKING, NewType, Self

import attrs

from antq import validators as v
from antq._fields import typed_id
from antq.errors import InvalidValueError, TextError
from antq.messages import Message
from antq.names import (
    Denotation,
    NameParseError,
    PersonName,
    _name_words,  # the check split_name makes
    can_denote,
    split_name,
)
from antq.vocab import (
    AwardForm,
    EntityKind,
    EventKind,
    Honorific,
    LocalityLevel,
    ModelCategory,
    Office,
    ParticipantRole,
    PartOfDay,
    Rank,
    RecipientKind,
    StatementKind,
    UnitType,
)

__all__ = [
    "Award",
    "AwardId",
    "Event",
    "EventId",
    "Issuer",
    "Locality",
    "LocalityId",
    "NamedUnit",
    "Official",
    "OfficialId",
    "PartialDate",
    "Participation",
    "Position",
    "Recipient",
    "Record",
    "ReportedTotal",
    "SecurityModel",
    "SecurityModelId",
    "Source",
    "Statement",
    "award_date",
]

# Each typed id names the kind of record it points at: a field of one of these types is
# a reference (antq._fields reads them for the reference walk and the schema).
if TYPE_CHECKING:
    LocalityId = NewType("LocalityId", str)
    EventId = NewType("EventId", str)
    SecurityModelId = NewType("SecurityModelId", str)
    OfficialId = NewType("OfficialId", str)
    AwardId = NewType("AwardId", str)
else:
    LocalityId = typed_id("LocalityId", EntityKind.LOCALITY)
    EventId = typed_id("EventId", EntityKind.EVENT)
    SecurityModelId = typed_id("SecurityModelId", EntityKind.SECURITY_MODEL)
    OfficialId = typed_id("OfficialId", EntityKind.OFFICIAL)
    AwardId = typed_id("AwardId", EntityKind.AWARD)

_PARTIAL_DATE = re.compile(
    r"(?P<year>\d{4})(?:-(?P<ym>\d{2}))?|--(?P<month>\d{2})-(?P<day>\d{2})", re.ASCII
)  # ASCII digits only, as full dates: "٢٠٢٣" is no year


def _partial_date_parts(inst: PartialDate, attr: attrs.Attribute[int | None], _: object) -> None:
    year, month, day = inst.year, inst.month, inst.day
    if (year, month, day).count(None) == 3:
        reason = Message("check.partial_date_empty")
    elif None not in (year, month, day):
        reason = Message("check.partial_date_complete")
    elif day is not None and month is None:
        reason = Message("check.day_needs_month")
    elif year is not None and not 1 <= year <= 9999:
        reason = Message("check.year_range")
    elif month is not None and not 1 <= month <= 12:
        reason = Message("check.month_range")
    elif month is not None and day is not None and not 1 <= day <= _max_day(month):
        reason = Message("check.day_range", {"last": _max_day(month), "month": month})
    else:
        return
    raise InvalidValueError("PartialDate", attr.name, (year, month, day), reason)


def _max_day(month: int) -> int:
    # With no year, 29 February is possible (a leap year may be meant).
    return calendar.monthrange(2000, month)[1]


@v.checked
@attrs.frozen(kw_only=True)
class PartialDate(v.Checked):
    """A date known only in part: a year, a year and month, or a month and day.

    Written like ISO 8601: ``"2023"``, ``"2023-08"``, ``"--08-12"``. A complete date
    is a :class:`datetime.date`, never a PartialDate, so each date has one form.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = attrs.field(default=None, metadata=v.check(_partial_date_parts))

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read the ISO-like form ``YYYY``, ``YYYY-MM`` or ``--MM-DD``.

        Raises:
            TextError: *text* is not one of those forms or names no real date.
        """
        match = _PARTIAL_DATE.fullmatch(text)
        if match is None:
            raise TextError(text, Message("load.partial_date_form", {"value": repr(text)}))
        year, ym, month, day = match.group("year", "ym", "month", "day")
        if year is not None:
            return cls(year=int(year), month=int(ym) if ym else None)
        return cls(month=int(month), day=int(day))

    def __str__(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        if self.month is None:
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.month:02d}"


@v.checked
@attrs.frozen(kw_only=True)
class Source(v.Checked):
    """Where a fact came from: a news page, a decision, a report.

    At least one of ``title``, ``url`` or ``locator`` says which document it is.
    ``locator`` points inside it (a paragraph, a decision number, a file name).
    """

    title: str | None = attrs.field(default=None, metadata=v.check(v.text(optional=True)))
    url: str | None = attrs.field(default=None, metadata=v.check(v.identifier(optional=True)))
    publisher: str | None = attrs.field(default=None, metadata=v.check(v.text(optional=True)))
    published_on: dt.date | None = None
    authors: tuple[str, ...] = attrs.field(default=(), metadata=v.check(v.text()))
    locator: str | None = attrs.field(default=None, metadata=v.check(v.text(optional=True)))
    note: str | None = attrs.field(default=None, metadata=v.check(v.text(optional=True)))

    def _check_whole(self) -> None:
        if self.title is None and self.url is None and self.locator is None:
            raise InvalidValueError("Source", "title", None, Message("check.source_names_document"))


class NamedUnit:
    """What a unit with a ``unit_type`` and a ``name`` reads as: its tier and full name.

    Shared by :class:`Locality` and the gazetteer's units, so both say it one way.
    """

    __slots__ = ()
    unit_type: UnitType
    name: str

    @property
    def level(self) -> LocalityLevel:
        """The unit's tier, from its type."""
        return self.unit_type.level

    @property
    def full_name(self) -> str:
        """The unit word and the name, as written in Vietnamese: "phường Điện Ngọc"."""
        return f"{self.unit_type.word} {self.name}"


@v.checked
@attrs.frozen(kw_only=True)
class Locality(NamedUnit, v.Checked):
    """An administrative unit (province, district, commune) or a residential area below one.

    ``name`` is the proper name without the unit word ("Điện Ngọc"); ``code`` is the
    statistics-office code (2, 3 or 5 digits by level). ``valid_from``/``valid_until``
    bound the unit's life; ``successors`` are the units it was merged into.
    """

    id: LocalityId = attrs.field(metadata=v.check(v.identifier()))
    name: str = attrs.field(metadata=v.check(v.text()))
    unit_type: UnitType
    code: str | None = attrs.field(default=None, metadata=v.check(v.gso_code()))
    parent: LocalityId | None = attrs.field(
        default=None, metadata=v.check(v.identifier(optional=True))
    )
    valid_from: dt.date | None = None
    valid_until: dt.date | None = attrs.field(
        default=None, metadata=v.check(v.not_before("valid_from"))
    )
    successors: tuple[LocalityId, ...] = attrs.field(default=(), metadata=v.check(v.identifier()))
    sources: tuple[Source, ...] = ()

    def alive_on(self, day: dt.date) -> bool:
        """Whether the unit existed on *day* (open bounds count as alive)."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


@v.checked
@attrs.frozen(kw_only=True)
class Position(v.Checked):
    """A post an official holds, with the title as written and, when known, its term."""

    title: str = attrs.field(metadata=v.check(v.text()))
    office: Office | None = None
    locality: LocalityId | None = attrs.field(
        default=None, metadata=v.check(v.identifier(optional=True))
    )
    started_on: dt.date | None = None
    ended_on: dt.date | None = attrs.field(
        default=None, metadata=v.check(v.not_before("started_on"))
    )


def _splittable(inst: Official, attr: attrs.Attribute[int], value: int) -> None:
    try:
        _name_words(inst.name, value)  # split_name's check, without building the parts
    except NameParseError as exc:
        raise InvalidValueError("Official", attr.name, value, exc.why) from None


@v.checked
@attrs.frozen(kw_only=True)
class Official(v.Checked):
    """A named person who took part in the movement's events: leaders, speakers, presenters.

    ``name`` is the full name in Vietnamese order (family, middle, given).
    ``given_syllables`` marks a given name of more than one syllable ("Mai Anh" in
    "Nguyễn Thị Mai Anh"); by default the given name is the last syllable.
    """

    id: OfficialId = attrs.field(metadata=v.check(v.identifier()))
    name: str = attrs.field(metadata=v.check(v.text()))
    given_syllables: int = attrs.field(default=1, metadata=v.check(v.at_least(1), _splittable))
    honorific: Honorific | None = None
    rank: Rank | None = None
    positions: tuple[Position, ...] = ()
    sources: tuple[Source, ...] = ()

    @property
    def name_parts(self) -> PersonName:
        """The name split into family, middle and given names."""
        return split_name(self.name, given_syllables=self.given_syllables)

    @property
    def given_name(self) -> str:
        """The given name, by which people are addressed ("Huy")."""
        return self.name_parts.given

    @property
    def family_name(self) -> str:
        """The family name ("Phan"; compounds such as "Tôn Thất" are kept whole)."""
        return self.name_parts.family

    @property
    def display_name(self) -> str:
        """Rank or honorific, then the full name: "bà Lê Thị Thủy", "Đại tá Nguyễn Văn A"."""
        prefix = self.rank.label if self.rank else self.honorific.label if self.honorific else ""
        return f"{prefix} {self.name}".strip()

    def can_be_called(self, reference: str) -> Denotation:
        """Whether a text's *reference* ("ông Quang") can name this official, and why."""
        return can_denote(
            reference, self.name, given_syllables=self.given_syllables, honorific=self.honorific
        )


@v.checked
@attrs.frozen(kw_only=True)
class Participation(v.Checked):
    """Someone's part in an event: a named official, or a group described as written."""

    role: ParticipantRole
    official: OfficialId | None = attrs.field(
        default=None, metadata=v.check(v.identifier(optional=True))
    )
    description: str | None = attrs.field(default=None, metadata=v.check(v.text(optional=True)))

    def _check_whole(self) -> None:
        if self.official is None and self.description is None:
            why = Message("check.participation_who")
            raise InvalidValueError("Participation", "official", None, why)


@v.checked
@attrs.frozen(kw_only=True)
class Statement(v.Checked):
    """Something said at an event: who said it, how the text names them, and what."""

    text: str = attrs.field(metadata=v.check(v.text()))
    kind: StatementKind = StatementKind.QUOTE
    speaker: OfficialId | None = attrs.field(
        default=None, metadata=v.check(v.identifier(optional=True))
    )
    attribution: str | None = attrs.field(default=None, metadata=v.check(v.text(optional=True)))


@v.checked
@attrs.frozen(kw_only=True)
class ReportedTotal(v.Checked):
    """A total a source states ("04 tập thể và 06 cá nhân"), to check against grant lines.

    ``recipient_kind`` and ``form`` narrow what the total counts; None counts all.
    """

    count: int = attrs.field(metadata=v.check(v.at_least(0)))
    recipient_kind: RecipientKind | None = None
    form: AwardForm | None = None
    as_written: str | None = attrs.field(default=None, metadata=v.check(v.text(optional=True)))


@v.checked
@attrs.frozen(kw_only=True)
class Event(v.Checked):
    """An occasion of the movement: a festival day, an award ceremony, a conference.

    ``held_on`` is a complete date, a :class:`PartialDate` when the text gives only
    part of it, or None. ``is_pilot`` marks a showcase ("điểm") festival; None means
    the source does not say.
    """

    id: EventId = attrs.field(metadata=v.check(v.identifier()))
    kind: EventKind
    locality: LocalityId = attrs.field(metadata=v.check(v.identifier()))
    title: str | None = attrs.field(default=None, metadata=v.check(v.text(optional=True)))
    held_on: dt.date | PartialDate | None = None
    ends_on: dt.date | None = attrs.field(default=None, metadata=v.check(v.not_before("held_on")))
    part_of_day: PartOfDay | None = None
    is_pilot: bool | None = None
    participants: tuple[Participation, ...] = ()
    statements: tuple[Statement, ...] = ()
    reported_totals: tuple[ReportedTotal, ...] = ()
    sources: tuple[Source, ...] = ()

    @property
    def year(self) -> int | None:
        """The year the event took place, when known."""
        return self.held_on.year if self.held_on is not None else None


@v.checked
@attrs.frozen(kw_only=True)
class SecurityModel(v.Checked):
    """A self-managed security model a locality runs ("Tổ tuần tra nhân dân").

    ``points`` and ``teams`` are the replication points ("điểm") and teams ("tổ")
    the Ministry counts a model by.
    """

    id: SecurityModelId = attrs.field(metadata=v.check(v.identifier()))
    name: str = attrs.field(metadata=v.check(v.text()))
    category: ModelCategory
    locality: LocalityId = attrs.field(metadata=v.check(v.identifier()))
    started_on: dt.date | None = None
    points: int | None = attrs.field(default=None, metadata=v.check(v.at_least(0)))
    teams: int | None = attrs.field(default=None, metadata=v.check(v.at_least(0)))
    sources: tuple[Source, ...] = ()


@v.checked
@attrs.frozen(kw_only=True)
class Issuer(v.Checked):
    """The authority whose award it is, which may differ from whoever hands it over.

    ``as_written`` keeps the source's words ("UBND tỉnh"), while ``office`` says
    which office the law gives the power to (the chair of the committee).
    """

    office: Office
    level: LocalityLevel
    locality: LocalityId | None = attrs.field(
        default=None, metadata=v.check(v.identifier(optional=True))
    )
    official: OfficialId | None = attrs.field(
        default=None, metadata=v.check(v.identifier(optional=True))
    )
    as_written: str | None = attrs.field(default=None, metadata=v.check(v.text(optional=True)))


@v.checked
@attrs.frozen(kw_only=True)
class Recipient(v.Checked):
    """A named recipient of a grant line ("Nhân dân và cán bộ xã X", "Nguyễn Văn A").

    ``title`` and ``unit`` are the position and the unit as a nominee list writes them
    ("Chức vụ": "Trưởng thôn"; "Đơn vị": "Thôn 3"), kept as written.
    """

    name: str = attrs.field(metadata=v.check(v.text()))
    locality: LocalityId | None = attrs.field(
        default=None, metadata=v.check(v.identifier(optional=True))
    )
    title: str | None = attrs.field(default=None, metadata=v.check(v.text(optional=True)))
    unit: str | None = attrs.field(default=None, metadata=v.check(v.text(optional=True)))


@v.checked
@attrs.frozen(kw_only=True)
class Award(v.Checked):
    """One grant line: an issuer granting one form to ``count`` recipients of one kind.

    ``count`` is None when the source gives no number ("các tập thể"); then the line
    still counts as a line, and tallies say "at least". ``presenter`` is whoever
    handed the award over when not the issuer (e.g. "thừa ủy quyền").
    """

    id: AwardId = attrs.field(metadata=v.check(v.identifier()))
    form: AwardForm
    issuer: Issuer
    recipient_kind: RecipientKind = RecipientKind.UNSPECIFIED
    count: int | None = attrs.field(default=None, metadata=v.check(v.at_least(1)))
    recipients: tuple[Recipient, ...] = attrs.field(
        default=(), metadata=v.check(v.matches_count("count"))
    )
    event: EventId | None = attrs.field(default=None, metadata=v.check(v.identifier(optional=True)))
    presenter: OfficialId | None = attrs.field(
        default=None, metadata=v.check(v.identifier(optional=True))
    )
    presenter_as_written: str | None = attrs.field(
        default=None, metadata=v.check(v.text(optional=True))
    )
    decision: str | None = attrs.field(default=None, metadata=v.check(v.text(optional=True)))
    decided_on: dt.date | None = None
    presented_on: dt.date | None = None
    reason: str | None = attrs.field(default=None, metadata=v.check(v.text(optional=True)))
    sources: tuple[Source, ...] = ()


Record = Locality | Event | SecurityModel | Official | Award
"""Any of the five record types a dataset holds."""


def award_date(award: Award, event: Event | None = None) -> dt.date | None:
    """The date the law judges an award on: decided, else presented, else its event's day.

    *event* is the award's event, when known; a partial event date gives None.
    """
    if award.decided_on is not None:
        return award.decided_on
    if award.presented_on is not None:
        return award.presented_on
    if event is not None and type(event.held_on) is dt.date:
        return event.held_on
    return None
