"""An extraction as antq records: localities, officials, the event, models and awards.

Whatever the text, the records are valid: a value the model refuses (a count of 0, an
empty name) leaves that one record out rather than failing the whole extraction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

import attrs

from antq.dataset import Dataset
from antq.errors import InvalidValueError
from antq.extractor._words import UNIT_WORDS, key
from antq.extractor.awards import lumped
from antq.extractor.people import ATTRIBUTION, SPEAKER_VERB
from antq.extractor.result import ExtractedAward, ExtractedOfficial
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
    SecurityModel,
    SecurityModelId,
    Source,
    Statement,
)
from antq.names import split_name
from antq.vocab import (
    AwardForm,
    EventKind,
    LocalityLevel,
    ModelCategory,
    Office,
    ParticipantRole,
    PartOfDay,
    StatementKind,
    UnitType,
)

__all__ = ["as_dataset", "read_issuer"]


def _locality(
    written: str | None, id: str, parent: str | None, *, district: bool = False
) -> Locality | None:
    if written is None:
        return None
    if written == "TP.HCM":
        return Locality(
            id=LocalityId(id),
            name="Hồ Chí Minh",
            unit_type=UnitType.THANH_PHO_TRUC_THUOC_TRUNG_UONG,
        )
    for word, unit_type in sorted(UNIT_WORDS.items(), key=lambda item: -len(item[0])):
        if written.lower().startswith(word + " "):
            name = written[len(word) + 1 :].strip()
            if district and unit_type is UnitType.THANH_PHO_TRUC_THUOC_TRUNG_UONG:
                unit_type = UnitType.THANH_PHO_THUOC_TINH  # "TP Buôn Ma Thuột" is a district
            return Locality(
                id=LocalityId(id),
                name=name,
                unit_type=unit_type,
                parent=LocalityId(parent) if parent else None,
            )
    return None


def read_issuer(
    written: str | None, places: Mapping[LocalityLevel, LocalityId] | None = None
) -> Issuer:
    """The issuer a text names ("Chủ tịch UBND phường Điện Ngọc", "UBND tỉnh"), as written.

    Office and level are read from the words; *places* gives the locality at each level,
    when known. The spreadsheet reader shares this reading with the extractor.
    """
    places = places or {}
    text = key(written or "")  # lower case, one tone style: "uỷ ban" for "Ủy ban" too
    if lumped(written or ""):
        # Several issuers in one string ("UBND tỉnh, Công an tỉnh và UBND huyện"): no one
        # office is the issuer; the level is the first one's.
        office, level = Office.OTHER, _level_of(text.split(",")[0].split(" và ")[0])
        return Issuer(office=office, level=level, locality=places.get(level), as_written=written)
    if "chủ tịch nước" in text:
        office, level = Office.CHU_TICH_NUOC, LocalityLevel.NATIONAL
    elif "thủ tướng" in text:
        office, level = Office.THU_TUONG, LocalityLevel.NATIONAL
    elif "bộ trưởng" in text or text.startswith("bộ công an"):
        office, level = Office.BO_TRUONG, LocalityLevel.NATIONAL
    elif "giám đốc công an" in text or re.match(r"(?:giám đốc )?công (?:an )?tỉnh", text):
        # Any police director ("... Công an thành phố"), and the typo "Công tỉnh".
        office, level = Office.GIAM_DOC_CONG_AN, LocalityLevel.PROVINCE
    elif "chủ tịch" in text:
        office, level = Office.CHU_TICH_UBND, _level_of(text)
    elif "ubnd" in text or "uỷ ban nhân dân" in text:
        office, level = Office.UBND, _level_of(text)
    else:
        office, level = Office.OTHER, _level_of(text)
    return Issuer(
        office=office, level=level, locality=places.get(level), as_written=written or None
    )


def _level_of(lowered: str) -> LocalityLevel:
    if re.search(r"\b(?:tỉnh|thành phố|tp)\b", lowered):
        return LocalityLevel.PROVINCE
    if re.search(r"\b(?:huyện|quận|thị xã)\b", lowered):
        return LocalityLevel.DISTRICT
    return LocalityLevel.COMMUNE


def _award_form(award: ExtractedAward) -> AwardForm:
    """One form as written, or CHUA_RO when none is named or one count spans several."""
    return award.forms[0] if len(award.forms) == 1 else AwardForm.CHUA_RO


def _position(title: str) -> Position:
    """The position an extracted title stands for."""
    office = (
        Office.CHU_TICH_UBND
        if key(title).startswith(("chủ tịch ubnd", "chủ tịch uỷ ban nhân dân"))
        else None
    )
    return Position(title=title, office=office)


def _statements(text: str, people: list[Official]) -> tuple[Statement, ...]:
    statements = []
    for match in ATTRIBUTION.finditer(text):
        who = match.group("who")
        before = text[: match.start()]
        speaker = None
        best = -1
        for person in people:
            at = before.rfind(person.name)
            if at > best and SPEAKER_VERB.search(before[at : at + len(person.name) + 200]):
                best, speaker = at, person.id
        opening = before.rfind("“")
        quoted = before[opening + 1 :].strip() if opening >= 0 else ""
        statements.append(
            Statement(
                text=quoted[:200].strip() or "(trích dẫn)",
                kind=StatementKind.QUOTE,
                speaker=speaker,
                attribution=who,
            )
        )
    return tuple(statements)


def as_dataset(
    text: str,
    *,
    kind: EventKind,
    date: dt.date | PartialDate | None,
    part: PartOfDay | None,
    pilot: bool | None,
    places: tuple[str | None, str | None, str | None],
    officials: list[ExtractedOfficial],
    models: list[str],
    awards: list[ExtractedAward],
    published_on: dt.date | None,
    id_prefix: str = "",
) -> Dataset:
    """The extraction as a dataset whose records refer to each other by id.

    Every id starts with *id_prefix* ("report-12/award-3"), so that the datasets of
    several reports can share one stream.
    """
    p = id_prefix
    commune, district, province = places
    source = Source(locator="extracted report", published_on=published_on)
    units: list[Locality] = []
    for written, id, parent in (
        (province, "province", None),
        (district, "district", "province" if province else None),
        (commune, "commune", "district" if district else "province" if province else None),
    ):
        try:
            known = parent is not None and LocalityId(p + parent) in {u.id for u in units}
            unit = _locality(
                written,
                p + id,
                p + parent if known and parent else None,
                district=id == "district",
            )
        except InvalidValueError:
            unit = None
        if unit is not None:
            units.append(unit)
    by_level = {p.level: p.id for p in units}
    if not units:
        units = [
            Locality(id=LocalityId(p + "unknown"), name="chưa rõ", unit_type=UnitType.KHU_DAN_CU)
        ]
    where = units[-1].id
    people = []
    for number, person in enumerate(officials, start=1):
        try:
            split_name(person.name)
            people.append(
                Official(
                    id=OfficialId(f"{p}official-{number}"),
                    name=person.name,
                    honorific=person.honorific,
                    rank=person.rank,
                    positions=(_position(person.title),),
                    sources=(
                        attrs.evolve(
                            source, locator=f"characters {person.span[0]}–{person.span[1]}"
                        ),
                    ),
                )
            )
        except ValueError:
            continue
    statements = _statements(text, people)
    event = Event(
        id=EventId(p + "event"),
        kind=kind,
        locality=where,
        held_on=date,
        part_of_day=part,
        is_pilot=pilot,
        participants=tuple(
            Participation(
                role=ParticipantRole.SPEAKER
                if any(s.speaker == p.id for s in statements)
                else ParticipantRole.GUEST,
                official=p.id,
            )
            for p in people
        ),
        statements=statements,
        sources=(source,),
    )
    security = []
    for n, name in enumerate(models, start=1):
        try:
            security.append(
                SecurityModel(
                    id=SecurityModelId(f"{p}model-{n}"),
                    name=name,
                    category=ModelCategory.OTHER,
                    locality=where,
                )
            )
        except InvalidValueError:
            continue
    grants = []
    for n, a in enumerate(awards, start=1):
        try:
            grants.append(
                Award(
                    id=AwardId(f"{p}award-{n}"),
                    form=_award_form(a),
                    issuer=read_issuer(a.issuer, by_level),
                    recipient_kind=a.recipient_kind,
                    count=a.count,
                    presenter_as_written=a.presenter,
                    event=event.id,
                    sources=(
                        attrs.evolve(
                            source,
                            locator=f"characters {a.span[0]}–{a.span[1]}",
                            note=f"one count for: {a.form}" if len(a.forms) > 1 else None,
                        ),
                    ),
                )
            )
        except InvalidValueError:
            continue
    return Dataset(
        localities=tuple(units),
        officials=tuple(people),
        events=(event,),
        security_models=tuple(security),
        awards=tuple(grants),
    )
