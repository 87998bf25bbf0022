"""Hypothesis strategies for every antq record type and for whole datasets.

Shipped for users' own property tests (install ``antq[testing]``)::

    from hypothesis import given
    from antq.testing import datasets

    @given(datasets())
    def test_my_report_never_crashes(dataset): ...

Every value these strategies produce satisfies its class's invariants. Record
strategies take pools of ids to refer to; without pools, references are arbitrary
ids (they may dangle, which a dataset allows). :func:`datasets` gives referentially
consistent datasets: every reference resolves.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any, TypeVar

from hypothesis import strategies as st

from antq.dataset import Dataset
from antq.model import (
    Award,
    AwardId,
    Event,
    EventId,
    Issuer,
    Locality,
    LocalityId,
    Official,
    OfficialId,
    PartialDate,
    Participation,
    Position,
    Recipient,
    ReportedTotal,
    SecurityModel,
    SecurityModelId,
    Source,
    Statement,
)
from antq.names import split_name
from antq.vocab import (
    AwardForm,
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
    "awards",
    "datasets",
    "events",
    "ids",
    "localities",
    "officials",
    "partial_dates",
    "security_models",
    "sources",
    "texts",
]

_T = TypeVar("_T")

# Precomposed (NFC) Vietnamese letters, both cases, so any join of them is NFC.
_VI_LOWER = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
_LETTERS = _VI_LOWER + _VI_LOWER.upper()
_ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-_.:đăâêôơư"
_DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))


@functools.cache
def texts(max_words: int = 5) -> st.SearchStrategy[str]:
    """Non-empty NFC Vietnamese-looking text: words of letters joined by single spaces."""
    word = st.text(alphabet=_LETTERS, min_size=1, max_size=8)
    return st.lists(word, min_size=1, max_size=max_words).map(" ".join)


@functools.cache
def ids() -> st.SearchStrategy[str]:
    """Record ids: short NFC text without whitespace."""
    return st.text(alphabet=_ID_CHARS, min_size=1, max_size=12)


def _optional(strategy: st.SearchStrategy[_T]) -> st.SearchStrategy[_T | None]:
    return st.none() | strategy


def _ref(pool: Sequence[str] | None) -> st.SearchStrategy[Any]:
    """An id from *pool*, or any id when there is no pool."""
    if pool is None:
        return ids()
    if not pool:
        return st.nothing()
    return st.sampled_from(list(pool))


def _optional_ref(pool: Sequence[str] | None) -> st.SearchStrategy[Any]:
    if pool is not None and not pool:
        return st.none()
    return _optional(_ref(pool))


def _date_range() -> st.SearchStrategy[tuple[dt.date | None, dt.date | None]]:
    """An optional start and end, in order."""

    def ordered(pair: tuple[dt.date | None, dt.date | None]) -> tuple[dt.date | None, ...]:
        start, end = pair
        if start is not None and end is not None and end < start:
            return end, start
        return start, end

    return st.tuples(_optional(_DATES), _optional(_DATES)).map(ordered)  # type: ignore[arg-type]


@functools.cache
def partial_dates() -> st.SearchStrategy[PartialDate]:
    """Partial dates of every allowed shape: year, year and month, month and day."""
    years = st.integers(1990, 2035)
    months = st.integers(1, 12)
    month_days = st.dates(dt.date(2000, 1, 1), dt.date(2000, 12, 31))  # a leap year: 29/2 too
    return st.one_of(
        st.builds(PartialDate, year=years),
        st.builds(PartialDate, year=years, month=months),
        month_days.map(lambda d: PartialDate(month=d.month, day=d.day)),
    )


@functools.cache
def sources() -> st.SearchStrategy[Source]:
    """Sources with at least one of a title, a URL or a locator."""
    url = ids().map(lambda s: f"https://example.vn/{s}")
    return st.one_of(
        st.builds(Source, title=texts(), url=_optional(url), locator=_optional(texts(2))),
        st.builds(Source, url=url, published_on=_optional(_DATES)),
        st.builds(
            Source,
            locator=texts(3),
            publisher=_optional(texts(3)),
            authors=st.lists(texts(3), max_size=3).map(tuple),
            note=_optional(texts()),
        ),
    )


@functools.cache
def _sources() -> st.SearchStrategy[tuple[Source, ...]]:
    return st.lists(sources(), max_size=2).map(tuple)


@st.composite
def _code(draw: st.DrawFn, unit_type: UnitType) -> str | None:
    digits = unit_type.level.code_digits
    if digits is None:
        return draw(_optional(ids()))
    return draw(_optional(st.text(alphabet="0123456789", min_size=digits, max_size=digits)))


@st.composite
def localities(
    draw: st.DrawFn, *, id: str | None = None, parents: Sequence[str] | None = None
) -> Locality:
    """A locality; its parent and successors come from *parents* when given."""
    unit_type = draw(st.sampled_from(UnitType))
    valid_from, valid_until = draw(_date_range())
    return Locality(
        id=LocalityId(id if id is not None else draw(ids())),
        name=draw(texts(3)),
        unit_type=unit_type,
        code=draw(_code(unit_type)),
        parent=draw(_optional_ref(parents)),
        valid_from=valid_from,
        valid_until=valid_until,
        successors=tuple(draw(st.lists(_ref(parents), max_size=2))) if parents != [] else (),
        sources=draw(_sources()),
    )


@st.composite
def _positions(draw: st.DrawFn, localities: Sequence[str] | None) -> Position:
    started_on, ended_on = draw(_date_range())
    return Position(
        title=draw(texts()),
        office=draw(_optional(st.sampled_from(Office))),
        locality=draw(_optional_ref(localities)),
        started_on=started_on,
        ended_on=ended_on,
    )


@st.composite
def officials(
    draw: st.DrawFn, *, id: str | None = None, localities: Sequence[str] | None = None
) -> Official:
    """An official with a full name of two to four syllables and 0–2 positions."""
    name = draw(st.lists(texts(1), min_size=2, max_size=4).map(" ".join))
    family_size = len(split_name(name).family.split())
    return Official(
        id=OfficialId(id if id is not None else draw(ids())),
        name=name,
        given_syllables=draw(st.integers(1, len(name.split()) - family_size)),
        honorific=draw(_optional(st.sampled_from(Honorific))),
        rank=draw(_optional(st.sampled_from(Rank))),
        positions=tuple(draw(st.lists(_positions(localities), max_size=2))),
        sources=draw(_sources()),
    )


def _participations(officials: Sequence[str] | None) -> st.SearchStrategy[Participation]:
    role = st.sampled_from(ParticipantRole)
    named = st.builds(
        Participation, role=role, official=_ref(officials), description=_optional(texts())
    )
    unnamed = st.builds(Participation, role=role, description=texts())
    return unnamed if officials is not None and not officials else named | unnamed


def _statements(officials: Sequence[str] | None) -> st.SearchStrategy[Statement]:
    return st.builds(
        Statement,
        text=texts(8),
        kind=st.sampled_from(StatementKind),
        speaker=_optional_ref(officials),
        attribution=_optional(texts(2)),
    )


@functools.cache
def _reported_totals() -> st.SearchStrategy[ReportedTotal]:
    return st.builds(
        ReportedTotal,
        count=st.integers(0, 200),
        recipient_kind=_optional(st.sampled_from(RecipientKind)),
        form=_optional(st.sampled_from(AwardForm)),
        as_written=_optional(texts(5)),
    )


@st.composite
def events(
    draw: st.DrawFn,
    *,
    id: str | None = None,
    localities: Sequence[str] | None = None,
    officials: Sequence[str] | None = None,
) -> Event:
    """An event at a locality from *localities*, with people from *officials*."""
    held_on = draw(_optional(_DATES | partial_dates()))
    ends_on = None
    if isinstance(held_on, dt.date):
        ends_on = draw(_optional(st.integers(0, 10).map(lambda n: held_on + dt.timedelta(n))))
    return Event(
        id=EventId(id if id is not None else draw(ids())),
        kind=draw(st.sampled_from(EventKind)),
        locality=draw(_ref(localities)),
        title=draw(_optional(texts(8))),
        held_on=held_on,
        ends_on=ends_on,
        part_of_day=draw(_optional(st.sampled_from(PartOfDay))),
        is_pilot=draw(_optional(st.booleans())),
        participants=tuple(draw(st.lists(_participations(officials), max_size=3))),
        statements=tuple(draw(st.lists(_statements(officials), max_size=2))),
        reported_totals=tuple(draw(st.lists(_reported_totals(), max_size=2))),
        sources=draw(_sources()),
    )


@st.composite
def security_models(
    draw: st.DrawFn, *, id: str | None = None, localities: Sequence[str] | None = None
) -> SecurityModel:
    """A security model run by a locality from *localities*."""
    counts = _optional(st.integers(0, 10_000))
    return SecurityModel(
        id=SecurityModelId(id if id is not None else draw(ids())),
        name=draw(texts(6)),
        category=draw(st.sampled_from(ModelCategory)),
        locality=draw(_ref(localities)),
        started_on=draw(_optional(_DATES)),
        points=draw(counts),
        teams=draw(counts),
        sources=draw(_sources()),
    )


@st.composite
def awards(
    draw: st.DrawFn,
    *,
    id: str | None = None,
    localities: Sequence[str] | None = None,
    officials: Sequence[str] | None = None,
    events: Sequence[str] | None = None,
) -> Award:
    """A grant line; unknown counts, unstated kinds and named recipients all occur."""
    count = draw(_optional(st.integers(1, 60)))
    recipients: tuple[Recipient, ...] = ()
    if count is None or count <= 5:
        named = st.builds(Recipient, name=texts(4), locality=_optional_ref(localities))
        size = st.integers(0, 3) if count is None else st.sampled_from([0, count])
        recipients = tuple(draw(size.flatmap(lambda n: st.lists(named, min_size=n, max_size=n))))
    issuer = Issuer(
        office=draw(st.sampled_from(Office)),
        level=draw(st.sampled_from(LocalityLevel)),
        locality=draw(_optional_ref(localities)),
        official=draw(_optional_ref(officials)),
        as_written=draw(_optional(texts(4))),
    )
    return Award(
        id=AwardId(id if id is not None else draw(ids())),
        form=draw(st.sampled_from(AwardForm)),
        issuer=issuer,
        recipient_kind=draw(st.sampled_from(RecipientKind)),
        count=count,
        recipients=recipients,
        event=draw(_optional_ref(events)),
        presenter=draw(_optional_ref(officials)),
        presenter_as_written=draw(_optional(texts(4))),
        decision=draw(_optional(ids().map(lambda s: f"{s}/QĐ-UBND"))),
        decided_on=draw(_optional(_DATES)),
        presented_on=draw(_optional(_DATES)),
        reason=draw(_optional(texts(8))),
        sources=draw(_sources()),
    )


def _unique_ids(max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(ids(), max_size=max_size, unique=True)


@st.composite
def datasets(draw: st.DrawFn, *, max_records: int = 8) -> Dataset:
    """A referentially consistent dataset: unique ids, every reference resolves.

    Localities form a forest (a parent always comes earlier in the list), so the
    tree has no cycles. *max_records* bounds each collection's size.
    """
    locality_ids = draw(_unique_ids(max_records))
    built: list[Locality] = []
    for position, locality_id in enumerate(locality_ids):
        earlier = locality_ids[:position]
        built.append(draw(localities(id=locality_id, parents=earlier)))
    official_ids = draw(_unique_ids(max_records))
    people = [draw(officials(id=i, localities=locality_ids)) for i in official_ids]
    event_ids = draw(_unique_ids(max_records)) if locality_ids else []
    occasions = [
        draw(events(id=i, localities=locality_ids, officials=official_ids)) for i in event_ids
    ]
    model_ids = draw(_unique_ids(max_records)) if locality_ids else []
    models = [draw(security_models(id=i, localities=locality_ids)) for i in model_ids]
    grants = [
        draw(awards(id=i, localities=locality_ids, officials=official_ids, events=event_ids))
        for i in draw(_unique_ids(max_records))
    ]
    return Dataset(
        localities=tuple(built),
        officials=tuple(people),
        events=tuple(occasions),
        security_models=tuple(models),
        awards=tuple(grants),
    )
