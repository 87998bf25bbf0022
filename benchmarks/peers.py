"""The antq/1 document modelled with pydantic v2 and with msgspec, for the benchmarks only.

Both peers make the same local checks as antq's field checks: non-empty NFC text
without surrounding whitespace, ids without whitespace, strict JSON types, unknown keys
refused, ISO dates, partial dates, counts of at least 1, codes shaped by level, named
recipients matching the count, date order, at least one identity for a source and a
participation.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Literal

import msgspec
import pydantic
from pydantic import AfterValidator, ConfigDict, Field, StringConstraints, model_validator

from antq import vocab

TEXT_PATTERN = r"^\S(?:[\s\S]*\S)?$"
ID_PATTERN = r"^\S+$"
PARTIAL_OR_DATE = r"^(?:\d{4}-\d{2}-\d{2}|\d{4}(?:-\d{2})?|--\d{2}-\d{2})$"
_DIGITS = {t.value: t.level.code_digits for t in vocab.UnitType}
_LEVEL_OF_TYPE = {t.value: t.level.value for t in vocab.UnitType}


def _literal(enum: type[vocab.Vocab]) -> Any:
    return Literal[tuple(member.value for member in enum)]  # type: ignore[valid-type]


def _nfc(value: str) -> str:
    if not unicodedata.is_normalized("NFC", value):
        raise ValueError("must be NFC")
    return value


def _code_ok(unit_type: str, code: str | None) -> bool:
    if code is None:
        return True
    digits = _DIGITS[unit_type]
    if digits is None:
        return re.fullmatch(ID_PATTERN, code) is not None
    return len(code) == digits and code.isascii() and code.isdigit()


# --------------------------------------------------------------------- pydantic v2

PText = Annotated[str, StringConstraints(min_length=1, pattern=TEXT_PATTERN), AfterValidator(_nfc)]
PId = Annotated[str, StringConstraints(min_length=1, pattern=ID_PATTERN), AfterValidator(_nfc)]
PDateLike = Annotated[str, StringConstraints(pattern=PARTIAL_OR_DATE)]
_STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)


class PSource(pydantic.BaseModel):
    model_config = _STRICT
    title: PText | None = None
    url: PId | None = None
    publisher: PText | None = None
    published_on: dt.date | None = None
    authors: tuple[PText, ...] = ()
    locator: PText | None = None
    note: PText | None = None

    @model_validator(mode="after")
    def _identity(self) -> PSource:
        if self.title is None and self.url is None and self.locator is None:
            raise ValueError("give a title, url or locator")
        return self


class PLocality(pydantic.BaseModel):
    model_config = _STRICT
    id: PId
    name: PText
    unit_type: _literal(vocab.UnitType)  # type: ignore[valid-type]
    code: str | None = None
    parent: PId | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    successors: tuple[PId, ...] = ()
    sources: tuple[PSource, ...] = ()

    @model_validator(mode="after")
    def _checks(self) -> PLocality:
        if not _code_ok(self.unit_type, self.code):
            raise ValueError("bad code for the level")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValueError("valid_until before valid_from")
        return self


class PPosition(pydantic.BaseModel):
    model_config = _STRICT
    title: PText
    office: _literal(vocab.Office) | None = None  # type: ignore[valid-type]
    locality: PId | None = None
    started_on: dt.date | None = None
    ended_on: dt.date | None = None


class POfficial(pydantic.BaseModel):
    model_config = _STRICT
    id: PId
    name: PText
    given_syllables: Annotated[int, Field(ge=1)] = 1
    honorific: _literal(vocab.Honorific) | None = None  # type: ignore[valid-type]
    rank: _literal(vocab.Rank) | None = None  # type: ignore[valid-type]
    positions: tuple[PPosition, ...] = ()
    sources: tuple[PSource, ...] = ()


class PParticipation(pydantic.BaseModel):
    model_config = _STRICT
    role: _literal(vocab.ParticipantRole)  # type: ignore[valid-type]
    official: PId | None = None
    description: PText | None = None


class PStatement(pydantic.BaseModel):
    model_config = _STRICT
    text: PText
    kind: _literal(vocab.StatementKind) = "quote"  # type: ignore[valid-type]
    speaker: PId | None = None
    attribution: PText | None = None


class PReportedTotal(pydantic.BaseModel):
    model_config = _STRICT
    count: Annotated[int, Field(ge=0)]
    recipient_kind: _literal(vocab.RecipientKind) | None = None  # type: ignore[valid-type]
    form: _literal(vocab.AwardForm) | None = None  # type: ignore[valid-type]
    as_written: PText | None = None


class PEvent(pydantic.BaseModel):
    model_config = _STRICT
    id: PId
    kind: _literal(vocab.EventKind)  # type: ignore[valid-type]
    locality: PId
    title: PText | None = None
    held_on: PDateLike | None = None
    ends_on: dt.date | None = None
    part_of_day: _literal(vocab.PartOfDay) | None = None  # type: ignore[valid-type]
    is_pilot: bool | None = None
    participants: tuple[PParticipation, ...] = ()
    statements: tuple[PStatement, ...] = ()
    reported_totals: tuple[PReportedTotal, ...] = ()
    sources: tuple[PSource, ...] = ()


class PSecurityModel(pydantic.BaseModel):
    model_config = _STRICT
    id: PId
    name: PText
    category: _literal(vocab.ModelCategory)  # type: ignore[valid-type]
    locality: PId
    started_on: dt.date | None = None
    points: Annotated[int, Field(ge=0)] | None = None
    teams: Annotated[int, Field(ge=0)] | None = None
    sources: tuple[PSource, ...] = ()


class PIssuer(pydantic.BaseModel):
    model_config = _STRICT
    office: _literal(vocab.Office)  # type: ignore[valid-type]
    level: _literal(vocab.LocalityLevel)  # type: ignore[valid-type]
    locality: PId | None = None
    official: PId | None = None
    as_written: PText | None = None


class PRecipient(pydantic.BaseModel):
    model_config = _STRICT
    name: PText
    locality: PId | None = None


class PAward(pydantic.BaseModel):
    model_config = _STRICT
    id: PId
    form: _literal(vocab.AwardForm)  # type: ignore[valid-type]
    issuer: PIssuer
    recipient_kind: _literal(vocab.RecipientKind) = "unspecified"  # type: ignore[valid-type]
    count: Annotated[int, Field(ge=1)] | None = None
    recipients: tuple[PRecipient, ...] = ()
    event: PId | None = None
    presenter: PId | None = None
    presenter_as_written: PText | None = None
    decision: PText | None = None
    decided_on: dt.date | None = None
    presented_on: dt.date | None = None
    reason: PText | None = None
    sources: tuple[PSource, ...] = ()

    @model_validator(mode="after")
    def _count(self) -> PAward:
        if self.recipients and self.count is not None and len(self.recipients) != self.count:
            raise ValueError("named recipients do not match the count")
        return self


class PDocument(pydantic.BaseModel):
    model_config = _STRICT
    schema_: Literal["antq/1"] = Field(alias="schema")
    localities: tuple[PLocality, ...] = ()
    officials: tuple[POfficial, ...] = ()
    events: tuple[PEvent, ...] = ()
    security_models: tuple[PSecurityModel, ...] = ()
    awards: tuple[PAward, ...] = ()


# ------------------------------------------------------------------------- msgspec

MText = Annotated[str, msgspec.Meta(min_length=1, pattern=TEXT_PATTERN)]
MId = Annotated[str, msgspec.Meta(min_length=1, pattern=ID_PATTERN)]
MDateLike = Annotated[str, msgspec.Meta(pattern=PARTIAL_OR_DATE)]


def _check_nfc(*values: str | None) -> None:
    for value in values:
        if value is not None and not unicodedata.is_normalized("NFC", value):
            raise ValueError("must be NFC")


class _Strict(msgspec.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    pass


class MSource(_Strict):
    title: MText | None = None
    url: MId | None = None
    publisher: MText | None = None
    published_on: dt.date | None = None
    authors: tuple[MText, ...] = ()
    locator: MText | None = None
    note: MText | None = None

    def __post_init__(self) -> None:
        _check_nfc(self.title, self.url, self.publisher, self.locator, self.note, *self.authors)
        if self.title is None and self.url is None and self.locator is None:
            raise ValueError("give a title, url or locator")


class MLocality(_Strict):
    id: MId
    name: MText
    unit_type: _literal(vocab.UnitType)  # type: ignore[valid-type]
    code: str | None = None
    parent: MId | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    successors: tuple[MId, ...] = ()
    sources: tuple[MSource, ...] = ()

    def __post_init__(self) -> None:
        _check_nfc(self.id, self.name, self.parent, *self.successors)
        if not _code_ok(self.unit_type, self.code):
            raise ValueError("bad code for the level")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValueError("valid_until before valid_from")


class MPosition(_Strict):
    title: MText
    office: _literal(vocab.Office) | None = None  # type: ignore[valid-type]
    locality: MId | None = None
    started_on: dt.date | None = None
    ended_on: dt.date | None = None

    def __post_init__(self) -> None:
        _check_nfc(self.title, self.locality)


class MOfficial(_Strict):
    id: MId
    name: MText
    given_syllables: Annotated[int, msgspec.Meta(ge=1)] = 1
    honorific: _literal(vocab.Honorific) | None = None  # type: ignore[valid-type]
    rank: _literal(vocab.Rank) | None = None  # type: ignore[valid-type]
    positions: tuple[MPosition, ...] = ()
    sources: tuple[MSource, ...] = ()

    def __post_init__(self) -> None:
        _check_nfc(self.id, self.name)


class MParticipation(_Strict):
    role: _literal(vocab.ParticipantRole)  # type: ignore[valid-type]
    official: MId | None = None
    description: MText | None = None

    def __post_init__(self) -> None:
        _check_nfc(self.official, self.description)
        if self.official is None and self.description is None:
            raise ValueError("name an official or give a description")


class MStatement(_Strict):
    text: MText
    kind: _literal(vocab.StatementKind) = "quote"  # type: ignore[valid-type]
    speaker: MId | None = None
    attribution: MText | None = None

    def __post_init__(self) -> None:
        _check_nfc(self.text, self.speaker, self.attribution)


class MReportedTotal(_Strict):
    count: Annotated[int, msgspec.Meta(ge=0)]
    recipient_kind: _literal(vocab.RecipientKind) | None = None  # type: ignore[valid-type]
    form: _literal(vocab.AwardForm) | None = None  # type: ignore[valid-type]
    as_written: MText | None = None


class MEvent(_Strict):
    id: MId
    kind: _literal(vocab.EventKind)  # type: ignore[valid-type]
    locality: MId
    title: MText | None = None
    held_on: MDateLike | None = None
    ends_on: dt.date | None = None
    part_of_day: _literal(vocab.PartOfDay) | None = None  # type: ignore[valid-type]
    is_pilot: bool | None = None
    participants: tuple[MParticipation, ...] = ()
    statements: tuple[MStatement, ...] = ()
    reported_totals: tuple[MReportedTotal, ...] = ()
    sources: tuple[MSource, ...] = ()

    def __post_init__(self) -> None:
        _check_nfc(self.id, self.locality, self.title)


class MSecurityModel(_Strict):
    id: MId
    name: MText
    category: _literal(vocab.ModelCategory)  # type: ignore[valid-type]
    locality: MId
    started_on: dt.date | None = None
    points: Annotated[int, msgspec.Meta(ge=0)] | None = None
    teams: Annotated[int, msgspec.Meta(ge=0)] | None = None
    sources: tuple[MSource, ...] = ()

    def __post_init__(self) -> None:
        _check_nfc(self.id, self.name, self.locality)


class MIssuer(_Strict):
    office: _literal(vocab.Office)  # type: ignore[valid-type]
    level: _literal(vocab.LocalityLevel)  # type: ignore[valid-type]
    locality: MId | None = None
    official: MId | None = None
    as_written: MText | None = None

    def __post_init__(self) -> None:
        _check_nfc(self.locality, self.official, self.as_written)


class MRecipient(_Strict):
    name: MText
    locality: MId | None = None


class MAward(_Strict):
    id: MId
    form: _literal(vocab.AwardForm)  # type: ignore[valid-type]
    issuer: MIssuer
    recipient_kind: _literal(vocab.RecipientKind) = "unspecified"  # type: ignore[valid-type]
    count: Annotated[int, msgspec.Meta(ge=1)] | None = None
    recipients: tuple[MRecipient, ...] = ()
    event: MId | None = None
    presenter: MId | None = None
    presenter_as_written: MText | None = None
    decision: MText | None = None
    decided_on: dt.date | None = None
    presented_on: dt.date | None = None
    reason: MText | None = None
    sources: tuple[MSource, ...] = ()

    def __post_init__(self) -> None:
        _check_nfc(self.id, self.event, self.presenter, self.decision, self.reason)
        if self.recipients and self.count is not None and len(self.recipients) != self.count:
            raise ValueError("named recipients do not match the count")


class MDocument(_Strict):
    schema: Literal["antq/1"]
    localities: tuple[MLocality, ...] = ()
    officials: tuple[MOfficial, ...] = ()
    events: tuple[MEvent, ...] = ()
    security_models: tuple[MSecurityModel, ...] = ()
    awards: tuple[MAward, ...] = ()


MSGSPEC_DECODER = msgspec.json.Decoder(MDocument)
MSGSPEC_ENCODER = msgspec.json.Encoder()
