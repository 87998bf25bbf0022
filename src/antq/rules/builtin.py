"""antq's built-in rules, registered through the same public decorator users use.

Codes by concern: ANTQ1xx integrity, ANTQ2xx time, ANTQ3xx authority, ANTQ4xx people,
ANTQ5xx counts, ANTQ6xx real units (only when the gazetteer extra is installed);
ANTQ000 is a rule that crashed. Facts the domain sheet marks as
inferred back warnings at most.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterator
from typing import Final

import attrs

from antq.dataset import COLLECTIONS, Dataset, Reference
from antq.gazetteer import REFORM_DAY, Gazetteer, GazetteerUnavailableError, Unit, gazetteer
from antq.messages import Message
from antq.model import Award, Event, Locality, LocalityId, Official, OfficialId, Position
from antq.names import NameParseError, gender_hint
from antq.rules._engine import Context, FestivalWindow, Hit, RuleSet, Severity, event_date, hit
from antq.rules.authority import DISTRICT_LEVEL_UNTIL, TT_20_2025_FROM, Verdict
from antq.serialize import _dump_bytes
from antq.tally import reconcile, what_is_counted
from antq.text import fold
from antq.validators import INVISIBLE
from antq.vocab import AwardForm, EntityKind, EventKind, LocalityLevel, Office, RecipientKind

__all__ = ["BUILTIN_RULES"]

#: Every built-in rule. Copy it (``BUILTIN_RULES.copy()``) to add your own.
BUILTIN_RULES = RuleSet(_builtin=True)
rule = BUILTIN_RULES.rule
dataset_rule = BUILTIN_RULES.dataset_rule

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
#: The first festival day (Decision 521/QĐ-TTg of 13/06/2005).
FIRST_FESTIVAL = dt.date(2005, 8, 19)
_LEVEL_ORDER = {
    LocalityLevel.NATIONAL: 0,
    LocalityLevel.PROVINCE: 1,
    LocalityLevel.DISTRICT: 2,
    LocalityLevel.COMMUNE: 3,
    LocalityLevel.RESIDENTIAL: 4,
}


def _severity(certain: bool) -> Severity:
    return ERROR if certain else WARNING


def _d(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _by_date_and_issuer(award: Award, ctx: Context) -> Hashable:
    """What the rules on the issuer's unit read: the date, the issuer's level and place."""
    issuer = award.issuer
    return ctx.award_date(award), issuer.level, issuer.locality


def _by_dates(award: Award, ctx: Context) -> Hashable:
    """What the rules on an award's dates read: its own and its event's."""
    event = ctx.find_event(award.event)
    if event is None:
        return award.decided_on, award.presented_on, False, None, None
    return award.decided_on, award.presented_on, True, event_date(event), event.ends_on


def _by_shape(award: Award, ctx: Context) -> Hashable:
    """What the rules on form, kind, count and the issuer's office and person read."""
    issuer = award.issuer
    shape = award.form, award.recipient_kind, award.count, len(award.recipients)
    return *shape, issuer.office, issuer.official


# ------------------------------------------------------------------ 1xx integrity


def _dangling(ctx: Context) -> list[Reference]:
    return ctx.once(_all_dangling)


def _all_dangling(ctx: Context) -> list[Reference]:
    return ctx.dataset.dangling_references()


def _dangling_of(kind: EntityKind, ctx: Context) -> Iterator[Hit]:
    for ref in _dangling(ctx):
        if ref.target_kind is kind:
            yield hit(target=ref.target_id).where(path=ref.path, subject_id=ref.source_id)


@dataset_rule(
    "ANTQ101",
    severity=ERROR,
    rationale="Every locality a record names must be in the dataset.",
    basis="mô hình dữ liệu của antq: tham chiếu đúng loại bản ghi",
)
def dangling_locality(dataset: Dataset, ctx: Context) -> Iterator[Hit]:
    return _dangling_of(EntityKind.LOCALITY, ctx)


@dataset_rule(
    "ANTQ102",
    severity=ERROR,
    rationale="Every official a record names must be in the dataset.",
    basis="mô hình dữ liệu của antq: tham chiếu đúng loại bản ghi",
)
def dangling_official(dataset: Dataset, ctx: Context) -> Iterator[Hit]:
    return _dangling_of(EntityKind.OFFICIAL, ctx)


@dataset_rule(
    "ANTQ103",
    severity=ERROR,
    rationale="Every event an award names must be in the dataset.",
    basis="mô hình dữ liệu của antq: tham chiếu đúng loại bản ghi",
)
def dangling_event(dataset: Dataset, ctx: Context) -> Iterator[Hit]:
    return _dangling_of(EntityKind.EVENT, ctx)


@rule(
    "ANTQ104",
    EntityKind.LOCALITY,
    severity=ERROR,
    rationale="A unit's parent is of a higher level (province > district > commune > area).",
    basis="Hiến pháp 2013 Điều 110; Nghị quyết 202/2025/QH15 (hai cấp từ 01/07/2025)",
)
def parent_level(locality: Locality, ctx: Context) -> Iterator[Hit]:
    parent = ctx.find_locality(locality.parent)
    if parent is not None and _LEVEL_ORDER[parent.level] >= _LEVEL_ORDER[locality.level]:
        yield hit(
            child=locality.full_name,
            child_level=locality.level,
            parent=parent.full_name,
            parent_level=parent.level,
        ).where(at="parent")


@rule(
    "ANTQ105",
    EntityKind.LOCALITY,
    severity=ERROR,
    rationale="Following parents must end at a root, never come back.",
    basis="mô hình dữ liệu của antq: cây đơn vị hành chính",
)
def parent_cycle(locality: Locality, ctx: Context) -> Iterator[Hit]:
    chain = [locality.id]
    current = ctx.find_locality(locality.parent)
    while current is not None and current.id not in chain:
        chain.append(current.id)
        current = ctx.find_locality(current.parent)
    if current is not None and current.id == locality.id:
        yield hit(cycle=" → ".join([*chain, locality.id])).where(at="parent")


@rule(
    "ANTQ106",
    EntityKind.LOCALITY,
    severity=ERROR,
    rationale="A merged unit's successors lead forward in time, never back to it.",
    basis="Quyết định 19/2025/QĐ-TTg: mã đơn vị bị giải thể không dùng lại",
)
def successor_cycle(locality: Locality, ctx: Context) -> Iterator[Hit]:
    paths: list[list[str]] = [[locality.id, s] for s in locality.successors]
    seen: set[str] = set()
    while paths:
        path = paths.pop()
        if path[-1] == locality.id:
            yield hit(cycle=" → ".join(path)).where(at="successors")
            return
        if path[-1] in seen:
            continue
        seen.add(path[-1])
        nxt = ctx.find_locality(path[-1])  # type: ignore[arg-type]
        if nxt is not None:
            paths.extend([*path, s] for s in nxt.successors)


@dataset_rule(
    "ANTQ107",
    severity=INFO,
    rationale="An id shared by records of two types confuses readers who key by id alone.",
    basis="quy ước của antq",
)
def id_reused(dataset: Dataset, ctx: Context) -> Iterator[Hit]:
    ids = [{record.id for record in getattr(dataset, name)} for name, _, _ in COLLECTIONS]
    if not any(a & b for i, a in enumerate(ids) for b in ids[i + 1 :]):
        return  # the usual case, decided with set operations
    seen: dict[str, tuple[EntityKind, str]] = {}
    for name, kind, _ in COLLECTIONS:
        for position, record in enumerate(getattr(dataset, name)):
            first = seen.setdefault(record.id, (kind, f"$.{name}[{position}]"))
            if first[0] is not kind:
                kinds = Message("rule.kinds_pair", {"a": first[0], "at": first[1], "b": kind})
                yield hit(id=record.id, kinds=kinds).where(
                    path=f"$.{name}[{position}].id", subject_id=record.id
                )


@rule(
    "ANTQ108",
    EntityKind.LOCALITY,
    severity=WARNING,
    rationale="On a merger the successor takes over the day after the old unit ends.",
    basis="Nghị quyết 202/2025/QH15; Quyết định 19/2025/QĐ-TTg",
)
def successor_gap(locality: Locality, ctx: Context) -> Iterator[Hit]:
    if locality.valid_until is None:
        return
    for position, successor_id in enumerate(locality.successors):
        successor = ctx.find_locality(successor_id)
        if successor is None or successor.valid_from is None:
            continue
        if successor.valid_from != locality.valid_until + dt.timedelta(days=1):
            yield hit(
                successor=successor.full_name,
                start=_d(successor.valid_from),
                end=_d(locality.valid_until),
            ).where(at=f"successors[{position}]")


# What an invisible character looks like in the bytes of antq's JSON text (UTF-8): the
# format characters and C1 controls of validators.INVISIBLE encoded, DEL, or the escape
# the JSON writer gives a C0 control. A match only sends the rule to walk every text (a
# backslash before "b" in a text matches too, harmlessly). Bytes scan twice as fast.
_MAY_HIDE: Final = re.compile(
    rb"\xe2\x80[\x8b-\x8f\xaa-\xae]|\xe2\x81[\xa0-\xa9]|\xef\xbb\xbf|\x7f|\xc2[\x80-\x9f]"
    rb"|\\u00[01][0-9a-fA-F]|\\u007[fF]|\\[bf]"
)


def _texts(value: object, path: str) -> Iterator[tuple[str, str]]:
    """Every string in a record, with its JSON path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _texts(item, f"{path}[{index}]")
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):  # type: ignore[arg-type]  # checked by attrs.has
            yield from _texts(getattr(value, field.name), f"{path}.{field.name}")


@dataset_rule(
    "ANTQ110",
    severity=WARNING,
    rationale="Zero-width, bidirectional and control characters make equal-looking texts differ.",
    basis="Unicode TR 9 (ký tự điều khiển hai chiều), TR 36 (an toàn hiển thị văn bản)",
)
def invisible_characters(dataset: Dataset, ctx: Context) -> Iterator[Hit]:
    if not _MAY_HIDE.search(_dump_bytes(dataset, None)):
        return  # the common case, found by one scan of the document's text
    for name, _, _ in COLLECTIONS:
        for index, record in enumerate(getattr(dataset, name)):
            for path, text in _texts(record, f"$.{name}[{index}]"):
                found = INVISIBLE.search(text)
                if found is not None:
                    yield hit(char=f"U+{ord(found[0]):04X}", at_char=found.start()).where(
                        path=path, subject_id=record.id
                    )


@dataset_rule(
    "ANTQ109",
    severity=ERROR,
    rationale="A statistics code names one unit; closed codes are never reused.",
    basis="Quyết định 124/2004/QĐ-TTg; Quyết định 19/2025/QĐ-TTg",
)
def code_reused(dataset: Dataset, ctx: Context) -> Iterator[Hit]:
    by_code: dict[tuple[LocalityLevel, str], list[tuple[int, Locality]]] = defaultdict(list)
    for position, locality in enumerate(dataset.localities):
        if locality.code is not None and locality.level is not LocalityLevel.RESIDENTIAL:
            by_code[(locality.level, locality.code)].append((position, locality))
    for (_, code), units in by_code.items():
        for later, (position, unit) in enumerate(units):
            for first_position, first in units[:later]:
                if _overlap(first, unit):
                    yield hit(
                        code=code,
                        other=first.full_name,
                        other_path=f"$.localities[{first_position}]",
                    ).where(path=f"$.localities[{position}].code", subject_id=unit.id)
                    break


def _overlap(a: Locality, b: Locality) -> bool:
    start = max(a.valid_from or dt.date.min, b.valid_from or dt.date.min)
    end = min(a.valid_until or dt.date.max, b.valid_until or dt.date.max)
    return start <= end


# ----------------------------------------------------------------------- 2xx time


@rule(
    "ANTQ201",
    EntityKind.EVENT,
    severity=ERROR,
    rationale="A fact dated D must refer to units alive on D.",
    basis="Nghị quyết 202/2025/QH15; Quyết định 19/2025/QĐ-TTg",
)
def event_outside_validity(event: Event, ctx: Context) -> Iterator[Hit]:
    day, place = event_date(event), ctx.find_locality(event.locality)
    if day is not None and place is not None and not place.alive_on(day):
        yield hit(date=_d(day), place=place.full_name, life=_life(place)).where(at="held_on")


def _life(place: Locality) -> str:
    start = _d(place.valid_from) if place.valid_from else "…"
    end = _d(place.valid_until) if place.valid_until else "…"
    return f"{start}–{end}"


@rule(
    "ANTQ202",
    EntityKind.EVENT,
    severity=ERROR,
    rationale="There is no district level after 30/06/2025.",
    basis="Nghị quyết 202/2025/QH15; Luật Tổ chức chính quyền địa phương 2025",
)
def event_district_after_reform(event: Event, ctx: Context) -> Iterator[Hit]:
    day, place = event_date(event), ctx.find_locality(event.locality)
    after = day is not None and day > DISTRICT_LEVEL_UNTIL
    if after and place is not None and place.level is LocalityLevel.DISTRICT:
        yield hit(date=_d(day), place=place.full_name).where(at="locality")  # type: ignore[arg-type]


@rule(
    "ANTQ203",
    EntityKind.AWARD,
    severity=ERROR,
    rationale="No district-level office exists to grant awards after 30/06/2025.",
    basis="Nghị quyết 202/2025/QH15; Nghị định 129/2025/NĐ-CP",
    key=_by_date_and_issuer,
)
def issuer_district_after_reform(award: Award, ctx: Context) -> Iterator[Hit]:
    day = ctx.award_date(award)
    if day is not None and day > DISTRICT_LEVEL_UNTIL:
        place = ctx.find_locality(award.issuer.locality)
        district = award.issuer.level is LocalityLevel.DISTRICT or (
            place is not None and place.level is LocalityLevel.DISTRICT
        )
        if district:
            yield hit(date=_d(day)).where(at="issuer")


@rule(
    "ANTQ204",
    EntityKind.AWARD,
    severity=ERROR,
    rationale="An issuer's unit must be alive on the date of the grant.",
    basis="Nghị quyết 202/2025/QH15; Quyết định 19/2025/QĐ-TTg",
    key=_by_date_and_issuer,
)
def issuer_outside_validity(award: Award, ctx: Context) -> Iterator[Hit]:
    day, place = ctx.award_date(award), ctx.find_locality(award.issuer.locality)
    if day is not None and place is not None and not place.alive_on(day):
        yield hit(date=_d(day), place=place.full_name, life=_life(place)).where(
            at="issuer.locality"
        )


@rule(
    "ANTQ205",
    EntityKind.EVENT,
    severity=WARNING,
    rationale="An official named with a title at an event should hold a post on its date.",
    basis="quy ước của antq",
)
def term_not_covering(event: Event, ctx: Context) -> Iterator[Hit]:
    day = event_date(event)
    if day is None:
        return
    for position, part in enumerate(event.participants):
        official = ctx.find_official(part.official)
        if official is None:
            continue
        dated = ctx.memo(_dated_terms, official.id)  # by id: hashing a record is slow
        if dated and not any(_holds(p, day) for p in dated):
            yield hit(person=official.name, date=_d(day)).where(at=f"participants[{position}]")


def _dated_terms(ctx: Context, id: OfficialId) -> list[Position]:
    """The official's posts that have a start or an end."""
    official = ctx.find_official(id)
    positions = official.positions if official is not None else ()
    return [p for p in positions if p.started_on or p.ended_on]


def _holds(position: Position, day: dt.date) -> bool:
    return (position.started_on is None or position.started_on <= day) and (
        position.ended_on is None or day <= position.ended_on
    )


def _window_of(ctx: Context, locality: LocalityId) -> FestivalWindow | None:
    return ctx.window_for(ctx.province_of(locality))


@rule(
    "ANTQ206",
    EntityKind.EVENT,
    severity=WARNING,
    rationale="Provinces hold their festivals in a window set each year around 19/8.",
    basis="Quyết định 521/QĐ-TTg (13/06/2005); kế hoạch của từng tỉnh (cấu hình được)",
)
def festival_window(event: Event, ctx: Context) -> Iterator[Hit]:
    day = event_date(event)
    if event.kind is not EventKind.FESTIVAL or day is None:
        return
    window = ctx.memo(_window_of, event.locality)
    if window is not None and not window.contains(day):
        yield hit(date=_d(day), window=str(window)).where(at="held_on")


@rule(
    "ANTQ210",
    EntityKind.EVENT,
    severity=ERROR,
    rationale="The festival day exists since 2005: a festival dated before the first one is wrong.",
    basis="Quyết định 521/QĐ-TTg (13/06/2005); ngày hội đầu tiên 19/08/2005",
)
def festival_before_2005(event: Event, ctx: Context) -> Iterator[Hit]:
    day = event_date(event)
    if event.kind is EventKind.FESTIVAL and day is not None and day < FIRST_FESTIVAL:
        yield hit(date=_d(day), first=_d(FIRST_FESTIVAL)).where(at="held_on")


@rule(
    "ANTQ207",
    EntityKind.AWARD,
    severity=WARNING,
    rationale="An award is decided before it is handed over.",
    basis="Nghị định 98/2023/NĐ-CP (trình tự, thủ tục khen thưởng)",
    key=_by_dates,
)
def decided_after_presented(award: Award, ctx: Context) -> Iterator[Hit]:
    presented = award.presented_on
    if presented is None:
        event = ctx.find_event(award.event)
        presented = event_date(event) if event is not None else None
    if award.decided_on is not None and presented is not None and award.decided_on > presented:
        yield hit(decided=_d(award.decided_on), presented=_d(presented)).where(at="decided_on")


@rule(
    "ANTQ208",
    EntityKind.AWARD,
    severity=WARNING,
    rationale="An award presented at an event is presented on the event's day(s).",
    basis="quy ước của antq",
    key=_by_dates,
)
def presented_off_event(award: Award, ctx: Context) -> Iterator[Hit]:
    event = ctx.find_event(award.event)
    start = event_date(event) if event is not None else None
    if award.presented_on is None or event is None or start is None:
        return
    end = event.ends_on or start
    if not start <= award.presented_on <= end:
        held = _d(start) if end == start else f"{_d(start)}–{_d(end)}"
        yield hit(presented=_d(award.presented_on), held=held).where(at="presented_on")


@dataset_rule(
    "ANTQ209",
    severity=WARNING,
    rationale="A record of what happened cannot be dated after the date it is judged at.",
    basis="quy ước của antq (ngày đối chiếu Context.as_of)",
)
def after_as_of(dataset: Dataset, ctx: Context) -> Iterator[Hit]:
    if ctx.as_of is None:
        return
    as_of = _d(ctx.as_of)
    for position, event in enumerate(dataset.events):
        day = event_date(event)
        if day is not None and day > ctx.as_of:
            path = f"$.events[{position}].held_on"
            yield hit(date=_d(day), as_of=as_of).where(path=path, subject_id=event.id)
    for position, award in enumerate(dataset.awards):
        day = ctx.award_date(award)
        if day is not None and day > ctx.as_of:
            path = f"$.awards[{position}]"
            yield hit(date=_d(day), as_of=as_of).where(path=path, subject_id=award.id)


# ------------------------------------------------------------------ 3xx authority


def _by_grant(award: Award, ctx: Context) -> Hashable:
    """What the authority and recipient-limit rules read: office, level, form, kind, date."""
    issuer = award.issuer
    return issuer.office, issuer.level, award.form, award.recipient_kind, ctx.award_date(award)


def _office(award: Award) -> Office:
    # The press writes "UBND tỉnh tặng"; the law gives the power to the chair.
    office = award.issuer.office
    return Office.CHU_TICH_UBND if office is Office.UBND else office


@rule(
    "ANTQ301",
    EntityKind.AWARD,
    severity=ERROR,
    rationale="Each office may grant only the forms the law gives it, on the date of the grant.",
    basis="Luật TĐKT 2003/2022 Điều 77–80; Nghị định 98/2023/NĐ-CP (bảng thẩm quyền)",
    key=_by_grant,
)
def form_not_allowed(award: Award, ctx: Context) -> Iterator[Hit]:
    if not award.form.statutory:
        return
    level = award.issuer.level
    check = ctx.check_authority(_office(award), level, award.form, ctx.award_date(award))
    if check.verdict is Verdict.FORM_NOT_ALLOWED:
        yield hit(
            office=_office(award),
            level=level,
            form=award.form,
            allowed=check.forms,
            basis=check.basis,
        ).where(at="form", severity=_severity(check.certain))


@rule(
    "ANTQ302",
    EntityKind.AWARD,
    severity=ERROR,
    rationale="An office's power to grant exists only while the law gives it.",
    basis="Luật TĐKT 2022 Điều 80; Nghị quyết 202/2025/QH15",
    key=_by_grant,
)
def authority_not_in_force(award: Award, ctx: Context) -> Iterator[Hit]:
    day = ctx.award_date(award)
    if not award.form.statutory or day is None:
        return
    check = ctx.check_authority(_office(award), award.issuer.level, award.form, day)
    if check.verdict is Verdict.NOT_IN_FORCE:
        yield hit(
            office=_office(award), level=award.issuer.level, date=_d(day), basis=check.basis
        ).where(at="issuer", severity=_severity(check.certain))


@rule(
    "ANTQ303",
    EntityKind.AWARD,
    severity=INFO,
    rationale="Say so when a grant's authority cannot be checked; extend the table to check it.",
    basis="antq: bảng thẩm quyền khen thưởng (AuthorityTable)",
    key=_by_grant,
)
def authority_unknown(award: Award, ctx: Context) -> Iterator[Hit]:
    if not award.form.statutory:
        return
    check = ctx.check_authority(_office(award), award.issuer.level, award.form, None)
    if check.verdict is Verdict.UNKNOWN:
        yield hit(office=_office(award), level=award.issuer.level).where(at="issuer")


def _limit_hits(award: Award, ctx: Context, *, general: bool) -> Iterator[Hit]:
    limit = ctx.recipient_limit(award.form, award.recipient_kind, ctx.award_date(award))
    if limit is not None and (limit.form is None) is general:
        yield hit(form=award.form, kind=award.recipient_kind, basis=limit.basis).where(
            at="recipient_kind", severity=_severity(limit.certain)
        )


@rule(
    "ANTQ304",
    EntityKind.AWARD,
    severity=ERROR,
    rationale="Some forms go to individuals only (medals), some to collectives only (flags).",
    basis="Luật TĐKT 2022; bảng giới hạn đối tượng của antq",
    key=_by_grant,
)
def kind_not_allowed(award: Award, ctx: Context) -> Iterator[Hit]:
    return _limit_hits(award, ctx, general=False)


@rule(
    "ANTQ305",
    EntityKind.AWARD,
    severity=WARNING,
    rationale="Households became statutory recipients on 01/01/2024; before, only some provinces'"
    " rules gave families a Giấy khen.",
    basis="Luật TĐKT 2022 Điều 2; ví dụ trước 2024: Ninh Thuận QĐ 02/2015 Điều 27 khoản 3",
    key=_by_grant,
)
def household_before_2024(award: Award, ctx: Context) -> Iterator[Hit]:
    return _limit_hits(award, ctx, general=True)


@rule(
    "ANTQ306",
    EntityKind.AWARD,
    severity=ERROR,
    rationale="An issuing office's level is the level of the unit it belongs to.",
    basis="mô hình dữ liệu của antq: người khen thưởng (Issuer)",
    key=_by_date_and_issuer,
)
def issuer_level_mismatch(award: Award, ctx: Context) -> Iterator[Hit]:
    place = ctx.find_locality(award.issuer.locality)
    if place is not None and place.level is not award.issuer.level:
        yield hit(level=award.issuer.level, place=place.full_name, place_level=place.level).where(
            at="issuer.level"
        )


@rule(
    "ANTQ307",
    EntityKind.AWARD,
    severity=INFO,
    rationale="The press writes 'UBND tỉnh tặng'; antq checks it as the chair's grant.",
    basis="Luật TĐKT 2022 Điều 79–80",
    key=_by_shape,
)
def committee_as_issuer(award: Award, ctx: Context) -> Iterator[Hit]:
    if award.issuer.office is Office.UBND:
        yield hit().where(at="issuer.office")


@rule(
    "ANTQ308",
    EntityKind.AWARD,
    severity=INFO,
    rationale="The law in force depends on the date; without one, authority checks assume any.",
    basis="Luật TĐKT 2003 → 2022 (01/01/2024); cải cách 01/07/2025",
    key=_by_grant,
)
def award_undated(award: Award, ctx: Context) -> Iterator[Hit]:
    if ctx.award_date(award) is None:
        yield hit()


def _medals(dataset: Dataset) -> dict[str, list[tuple[int, Award, str]]]:
    """Each named person's Kỷ niệm chương lines (position, award, name as written), by fold key."""
    found: dict[str, list[tuple[int, Award, str]]] = defaultdict(list)
    for position, award in enumerate(dataset.awards):
        if award.form is AwardForm.KY_NIEM_CHUONG and award.recipient_kind in _PERSONS:
            for recipient in award.recipients:
                found[fold(recipient.name)].append((position, award, recipient.name))
    return found


_PERSONS = frozenset({RecipientKind.INDIVIDUAL, RecipientKind.UNSPECIFIED})


@dataset_rule(
    "ANTQ309",
    severity=ERROR,
    rationale="A Kỷ niệm chương is given once to a person: the same person twice is a mistake.",
    basis="Thông tư 20/2025/TT-BCA (nguyên tắc: chỉ tặng một lần cho cá nhân; trước đó Thông "
    "tư 11/2021/TT-BCA)",
)
def medal_twice(dataset: Dataset, ctx: Context) -> Iterator[Hit]:
    for lines in _medals(dataset).values():
        by_issuer: dict[Hashable, tuple[int, Award, str]] = {}
        for position, award, name in lines:
            issuer = (award.issuer.office, award.issuer.locality)
            first = by_issuer.setdefault(issuer, (position, award, name))
            if first[0] != position:
                yield hit(name=name, first=first[1].id).where(
                    path=f"$.awards[{position}].recipients", subject_id=award.id
                )


@dataset_rule(
    "ANTQ310",
    severity=WARNING,
    rationale="The Kỷ niệm chương «Bảo vệ an ninh Tổ quốc» is not for police medal holders.",
    basis="Thông tư 20/2025/TT-BCA: không tặng cho người đã có Huy chương «Chiến sĩ vẻ vang», "
    "«Vì an ninh Tổ quốc» hoặc Huân chương về quá trình cống hiến trong CAND",
)
def medal_after_police_medal(dataset: Dataset, ctx: Context) -> Iterator[Hit]:
    medals = _medals(dataset)
    if not medals:
        return
    decorated = {
        fold(recipient.name)
        for award in dataset.awards
        if award.form in (AwardForm.HUY_CHUONG, AwardForm.HUAN_CHUONG)
        for recipient in award.recipients
    }
    for key in medals.keys() & decorated:
        for position, award, name in medals[key]:
            yield hit(name=name).where(path=f"$.awards[{position}].recipients", subject_id=award.id)


@dataset_rule(
    "ANTQ311",
    severity=WARNING,
    rationale="Leaders receive the Kỷ niệm chương after ≥ 10 years in post (≥ 5 before 2025).",
    basis="Thông tư 20/2025/TT-BCA (từ 28/04/2025); Thông tư 11/2021/TT-BCA trước đó",
)
def medal_short_tenure(dataset: Dataset, ctx: Context) -> Iterator[Hit]:
    medals = _medals(dataset)
    if not medals:
        return
    officials = {fold(official.name): official for official in dataset.officials}
    for key in medals.keys() & officials.keys():
        dated = [
            (p.started_on, p.ended_on) for p in officials[key].positions if p.started_on is not None
        ]
        if not dated:
            continue
        for position, award, name in medals[key]:
            day = ctx.award_date(award)
            if day is None:
                continue
            needed = 10 if day >= TT_20_2025_FROM else 5
            held = sum((min(end or day, day) - start).days for start, end in dated if start <= day)
            years = held / 365.25
            if years < needed:
                yield hit(name=name, years=f"{years:.1f}", needed=needed).where(
                    path=f"$.awards[{position}].recipients", subject_id=award.id
                )


# --------------------------------------------------------------------- 4xx people


@rule(
    "ANTQ401",
    EntityKind.EVENT,
    severity=WARNING,
    rationale="People are called by their given name; an attribution must be able to name them.",
    basis="Quy ước gọi tên tiếng Việt (tên gọi là tên cuối); suy đoán",
)
def attribution_mismatch(event: Event, ctx: Context) -> Iterator[Hit]:
    for position, statement in enumerate(event.statements):
        speaker = ctx.find_official(statement.speaker)
        if speaker is None or statement.attribution is None:
            continue
        try:
            denotation = speaker.can_be_called(statement.attribution)
        except NameParseError as exc:
            reason, possible = exc.why, False
        else:
            possible, reason = denotation.possible, denotation.why
        if not possible:
            yield hit(
                said=statement.attribution, speaker=speaker.display_name, reason=reason
            ).where(at=f"statements[{position}].attribution")


@dataset_rule(
    "ANTQ402",
    severity=WARNING,
    rationale="Two ids with one name (whatever its spelling style) are often one person.",
    basis="antq: khóa so khớp tên (NFC/NFD, chữ hoa thường, kiểu bỏ dấu)",
)
def duplicate_officials(dataset: Dataset, ctx: Context) -> Iterator[Hit]:
    first: dict[str, tuple[int, Official]] = {}
    for position, official in enumerate(dataset.officials):
        key = fold(official.name)
        if key in first:
            other_position, other = first[key]
            yield hit(
                other=other.id, other_path=f"$.officials[{other_position}]", name=official.name
            ).where(path=f"$.officials[{position}]", subject_id=official.id)
        else:
            first[key] = (position, official)


@rule(
    "ANTQ403",
    EntityKind.OFFICIAL,
    severity=INFO,
    rationale="A middle name Thị is a woman's and Văn usually a man's; a clash is often a typo.",
    basis="Quy ước đặt tên tiếng Việt; suy đoán",
)
def honorific_gender(official: Official, ctx: Context) -> Iterator[Hit]:
    hinted = gender_hint(official.name)
    if official.honorific is None or hinted is None:
        return
    if official.honorific.gender not in (None, hinted):
        yield hit(honorific=official.honorific.label, name=official.name).where(at="honorific")


@rule(
    "ANTQ404",
    EntityKind.EVENT,
    severity=WARNING,
    rationale="The same person in the same role twice is a repeated mention.",
    basis="quy ước của antq",
)
def repeated_participant(event: Event, ctx: Context) -> Iterator[Hit]:
    seen: set[tuple[str | None, str | None, str]] = set()
    for position, part in enumerate(event.participants):
        key = (part.official, fold(part.description) if part.description else None, part.role)
        if key in seen:
            yield hit(who=part.official or part.description, role=part.role).where(
                at=f"participants[{position}]"
            )
        seen.add(key)


@rule(
    "ANTQ405",
    EntityKind.AWARD,
    severity=WARNING,
    rationale="A named issuer should hold the office in whose name the award is granted.",
    basis="quy ước của antq",
    key=_by_shape,
)
def issuer_official_office(award: Award, ctx: Context) -> Iterator[Hit]:
    official = ctx.find_official(award.issuer.official)
    if official is None or not official.positions:
        return
    offices = {
        Office.CHU_TICH_UBND if p.office is Office.UBND else p.office for p in official.positions
    }
    if _office(award) not in offices:
        yield hit(person=official.name, office=award.issuer.office).where(at="issuer.official")


@rule(
    "ANTQ406",
    EntityKind.EVENT,
    severity=INFO,
    rationale="Whoever speaks at an event took part in it.",
    basis="quy ước của antq",
)
def speaker_not_participant(event: Event, ctx: Context) -> Iterator[Hit]:
    present = {part.official for part in event.participants}
    for position, statement in enumerate(event.statements):
        if statement.speaker is not None and statement.speaker not in present:
            speaker = ctx.find_official(statement.speaker)
            person = speaker.name if speaker is not None else statement.speaker
            yield hit(person=person).where(at=f"statements[{position}].speaker")


# --------------------------------------------------------------------- 5xx counts


@rule(
    "ANTQ501",
    EntityKind.AWARD,
    severity=INFO,
    rationale="Tallies by recipient kind keep these apart as 'not stated'.",
    basis="quy ước của antq",
    key=_by_shape,
)
def kind_unstated(award: Award, ctx: Context) -> Iterator[Hit]:
    if award.recipient_kind.value == "unspecified":
        count = award.count if award.count is not None else "?"
        yield hit(count=count, form=award.form).where(at="recipient_kind")


@rule(
    "ANTQ502",
    EntityKind.AWARD,
    severity=INFO,
    rationale="A line with no number is counted as a line, never as 0 or 1.",
    basis="quy ước của antq",
    key=_by_shape,
)
def count_unstated(award: Award, ctx: Context) -> Iterator[Hit]:
    if award.count is None and not award.recipients:
        yield hit().where(at="count")


@rule(
    "ANTQ503",
    EntityKind.AWARD,
    severity=INFO,
    rationale="When recipients are named, the count is at least their number.",
    basis="quy ước của antq",
    key=_by_shape,
)
def count_from_names(award: Award, ctx: Context) -> Iterator[Hit]:
    if award.count is None and award.recipients:
        yield hit(named=len(award.recipients)).where(at="count")


@rule(
    "ANTQ504",
    EntityKind.EVENT,
    severity=WARNING,
    rationale="A stated total must match the grant lines it summarises.",
    basis="quy ước của antq (đối chiếu số liệu)",
)
def reported_total(event: Event, ctx: Context) -> Iterator[Hit]:
    if not event.reported_totals:
        return
    lines = ctx.once(_awards_by_event).get(event.id, [])
    for position, total in enumerate(event.reported_totals):
        for difference in reconcile(lines, [total]):
            yield hit(
                reported=total.count,
                what=what_is_counted(total),
                counted=f"≥ {difference.counted.recipients}"
                if difference.counted.at_least
                else str(difference.counted.recipients),
            ).where(at=f"reported_totals[{position}]")


def _awards_by_event(ctx: Context) -> dict[str, list[Award]]:
    grouped: dict[str, list[Award]] = defaultdict(list)
    for award in ctx.dataset.awards:
        if award.event is not None:
            grouped[award.event].append(award)
    return grouped


@dataset_rule(
    "ANTQ505",
    severity=WARNING,
    rationale="The same award mentioned twice (headline, lead, caption) is one grant line.",
    basis="quy ước của antq; hướng dẫn chú giải kho bài báo",
)
def repeated_grant_line(dataset: Dataset, ctx: Context) -> Iterator[Hit]:
    keys = [
        None
        if award.event is None or award.recipients
        else (
            award.event,
            award.issuer.office,
            award.issuer.level,
            award.issuer.locality,
            award.form,
            award.recipient_kind,
            award.count,
        )
        for award in dataset.awards
    ]
    repeated = {key for key, n in Counter(keys).items() if n > 1 and key is not None}
    first: dict[object, int] = {}
    for position, key in enumerate(keys):
        if key not in repeated:
            continue
        if key in first:
            other = first[key]
            yield hit(other=dataset.awards[other].id, other_path=f"$.awards[{other}]").where(
                path=f"$.awards[{position}]", subject_id=dataset.awards[position].id
            )
        else:
            first[key] = position


# ------------------------------------------------------------------ 6xx gazetteer


def _gazetteer() -> Gazetteer | None:
    """The gazetteer when its optional package is installed; these rules skip otherwise."""
    try:
        return gazetteer()
    except GazetteerUnavailableError:
        return None


def _real_units(locality: Locality, ctx: Context) -> tuple[Gazetteer | None, list[Unit]]:
    """The gazetteer's units for a locality's code and level (remembered for the run)."""
    return ctx.memo(_find_real_units, locality.id)  # by id: hashing a record is slow


def _find_real_units(ctx: Context, id: LocalityId) -> tuple[Gazetteer | None, list[Unit]]:
    found = _gazetteer()
    locality = ctx.find_locality(id)
    if (
        found is None
        or locality is None
        or locality.code is None
        or locality.level is LocalityLevel.RESIDENTIAL
    ):
        return found, []
    as_of = None
    if locality.valid_from is not None and locality.valid_from >= REFORM_DAY:
        as_of = locality.valid_from
    elif locality.valid_until is not None and locality.valid_until < REFORM_DAY:
        as_of = locality.valid_until
    return found, found.matching(locality, as_of=as_of)


@rule(
    "ANTQ601",
    EntityKind.LOCALITY,
    severity=ERROR,
    rationale="Codes come from the statistics office's lists; a code not in them is a typo.",
    basis="Quyết định 124/2004/QĐ-TTg; Quyết định 19/2025/QĐ-TTg (gazetteer)",
)
def code_unknown(locality: Locality, ctx: Context) -> Iterator[Hit]:
    found, units = _real_units(locality, ctx)
    coded = locality.code is not None and locality.level is not LocalityLevel.RESIDENTIAL
    if found is not None and coded and not units:
        yield hit(level=locality.level, code=locality.code).where(at="code")


@rule(
    "ANTQ602",
    EntityKind.LOCALITY,
    severity=WARNING,
    rationale="A unit's name and code must name the same unit (tone style and case aside).",
    basis="Danh mục đơn vị hành chính (gazetteer)",
)
def name_mismatch(locality: Locality, ctx: Context) -> Iterator[Hit]:
    _, units = _real_units(locality, ctx)
    if units and all(fold(u.name) != fold(locality.name) for u in units):
        yield hit(code=locality.code, real=units[0].full_name, written=locality.full_name).where(
            at="name"
        )


@rule(
    "ANTQ603",
    EntityKind.LOCALITY,
    severity=ERROR,
    rationale="A unit's parent is the one the official list gives.",
    basis="Danh mục đơn vị hành chính (gazetteer)",
)
def parent_not_real(locality: Locality, ctx: Context) -> Iterator[Hit]:
    found, units = _real_units(locality, ctx)
    parent = ctx.find_locality(locality.parent)
    if found is None or not units or parent is None or parent.code is None:
        return
    real_parents = [found.parent(unit) for unit in units]
    if all(p is None or p.code != parent.code for p in real_parents):
        real = next((p.full_name for p in real_parents if p is not None), "—")
        yield hit(unit=locality.full_name, real=real, written=parent.full_name).where(at="parent")


@rule(
    "ANTQ604",
    EntityKind.EVENT,
    severity=ERROR,
    rationale="A unit merged away in the 2025 reform cannot host a later event.",
    basis="Nghị quyết 202/2025/QH15; danh mục sau sắp xếp (gazetteer)",
)
def event_at_ceased_unit(event: Event, ctx: Context) -> Iterator[Hit]:
    day, place = event_date(event), ctx.find_locality(event.locality)
    found = _gazetteer() if day is not None and day >= REFORM_DAY else None
    if found is None or place is None or place.code is None:
        return
    before = found.matching(place, as_of=DISTRICT_LEVEL_UNTIL)
    if before and not found.matching(place, as_of=day):
        now = ", ".join(u.full_name for u in found.successors(before[0])) or "—"
        yield hit(date=_d(day), place=place.full_name, now=now).where(at="locality")  # type: ignore[arg-type]
