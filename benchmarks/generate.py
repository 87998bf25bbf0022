"""A deterministic, national-scale antq/1 dataset for the benchmarks.

The locality tree is the real one before the 2025 reform (63 provinces, 696 districts
and 10,035 communes, with their codes) when the gazetteer extra is
installed, else a synthetic tree of the same shape. Then officials, a security model
per commune, and festivals spread over communes and the years 2020–2024, each with
participants, a statement and 0–8 grant lines. Grant lines follow the law as the
press reports it (commune chairs give Giấy khen, province chairs Bằng khen and, to
collectives, Cờ thi đua; households only from 2024) except for a deliberate 2 % of
lines that a rule must catch, so that validation does the work a real dataset asks
of it. The same ``events`` and ``seed`` give the same bytes on every run.
"""

from __future__ import annotations

import datetime as dt
import random
import sys

import attrs

import antq
from antq import (
    Award,
    AwardForm,
    AwardId,
    Dataset,
    Event,
    EventId,
    EventKind,
    Honorific,
    Issuer,
    Locality,
    LocalityId,
    LocalityLevel,
    ModelCategory,
    Office,
    Official,
    OfficialId,
    ParticipantRole,
    Participation,
    PartOfDay,
    Position,
    RecipientKind,
    SecurityModel,
    SecurityModelId,
    Source,
    Statement,
    StatementKind,
    UnitType,
)
from antq.gazetteer import GazetteerUnavailableError, gazetteer

PROVINCES, DISTRICTS, COMMUNES, OFFICIALS = 63, 700, 10_000, 5_000
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Ngọc"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Huy",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Thảo",
    "Thủy",
    "Trang",
    "Tuấn",
    "Vy",
]
COUNTS = [None, 1, 1, 1, 2, 2, 3, 4, 4, 6, 6, 10, 1, 2, 3, 5, 1, 2, 4, 6]  # 5 % unknown
SOURCE = Source(title="Báo cáo tổng hợp (benchmark)", publisher="antq benchmarks")


def localities() -> list[Locality]:
    """The real units of the old list when the gazetteer is installed, else synthetic ones."""
    try:
        atlas = gazetteer()
    except GazetteerUnavailableError:
        return synthetic_localities()
    places: list[Locality] = []
    level = atlas.provinces(reformed=False)
    while level:
        # A province's export before the reform names no successors.
        places.extend(attrs.evolve(atlas.locality(unit), successors=()) for unit in level)
        level = [child for unit in level for child in atlas.children(unit)]
    return places


def synthetic_localities() -> list[Locality]:
    """63 provinces, 700 districts, 10,000 communes, with GSO-shaped codes."""
    places = [
        Locality(
            id=LocalityId(f"p{p:02d}"),
            name=f"Tỉnh Số {p}",
            unit_type=UnitType.TINH,
            code=f"{p:02d}",
        )
        for p in range(PROVINCES)
    ]
    places += [
        Locality(
            id=LocalityId(f"d{d:03d}"),
            name=f"Huyện Số {d}",
            unit_type=UnitType.HUYEN if d % 5 else UnitType.THI_XA,
            code=f"{d:03d}",
            parent=LocalityId(f"p{d % PROVINCES:02d}"),
            valid_until=dt.date(2025, 6, 30),
        )
        for d in range(DISTRICTS)
    ]
    places += [
        Locality(
            id=LocalityId(f"c{c:05d}"),
            name=f"Xã Số {c}",
            unit_type=UnitType.XA if c % 4 else UnitType.PHUONG,
            code=f"{c:05d}",
            parent=LocalityId(f"d{c % DISTRICTS:03d}"),
        )
        for c in range(COMMUNES)
    ]
    return places


def officials(rnd: random.Random, communes: list[Locality]) -> list[Official]:
    """Commune chairs and guests with Vietnamese names and one position each."""
    people = []
    for i in range(OFFICIALS):
        middle = rnd.choice(MIDDLE)
        people.append(
            Official(
                id=OfficialId(f"o{i:05d}"),
                name=f"{rnd.choice(FAMILY)} {middle} {rnd.choice(GIVEN)}",
                honorific=Honorific.BA if middle == "Thị" else Honorific.ONG,
                positions=(
                    Position(
                        title="Chủ tịch UBND xã",
                        office=Office.CHU_TICH_UBND,
                        locality=communes[i % len(communes)].id,
                    ),
                ),
            )
        )
    return people


def build(events: int, seed: int = 19) -> Dataset:
    """A dataset with *events* festivals (and about four grant lines each)."""
    rnd = random.Random(seed)
    places = localities()
    by_id = {place.id: place for place in places}
    communes = [p for p in places if p.level is LocalityLevel.COMMUNE]

    def province_of(place: Locality) -> Locality:
        while place.parent is not None:
            place = by_id[place.parent]
        return place

    people = officials(rnd, communes)
    models = [
        SecurityModel(
            id=SecurityModelId(f"m{c:05d}"),
            name="Tổ tuần tra nhân dân",
            category=ModelCategory.PATROL,
            locality=commune.id,
            points=rnd.randint(1, 20),
            teams=rnd.randint(1, 8),
        )
        for c, commune in enumerate(communes[:COMMUNES])
    ]
    festivals, grants = [], []
    for e in range(events):
        commune = communes[e % len(communes)]
        year = 2020 + (e // len(communes)) % 5
        speaker = OfficialId(f"o{e % len(communes) % OFFICIALS:05d}")
        guest = OfficialId(f"o{rnd.randrange(OFFICIALS):05d}")
        event_id = EventId(f"e{e:06d}")
        festivals.append(
            Event(
                id=event_id,
                kind=EventKind.FESTIVAL,
                locality=commune.id,
                title=f"Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm {year}",
                held_on=dt.date(year, 8, rnd.randint(1, 19)),
                part_of_day=rnd.choice([PartOfDay.MORNING, PartOfDay.EVENING]),
                is_pilot=rnd.random() < 0.1 or None,
                participants=(
                    Participation(role=ParticipantRole.GUEST, official=guest),
                    Participation(role=ParticipantRole.SPEAKER, official=speaker),
                ),
                statements=(
                    Statement(
                        kind=StatementKind.SUMMARY,
                        speaker=speaker,
                        text="Tiếp tục nâng cao hiệu quả phong trào toàn dân bảo vệ an ninh Tổ quốc.",
                    ),
                ),
                sources=(SOURCE,),
            )
        )
        province = province_of(commune)
        for k, award in enumerate(grants_at(rnd, commune, province, year)):
            grants.append(attrs.evolve(award, id=AwardId(f"a{e:06d}-{k}"), event=event_id))
    return Dataset(
        localities=tuple(places),
        officials=tuple(people),
        events=tuple(festivals),
        security_models=tuple(models),
        awards=tuple(grants),
    )


def grants_at(rnd: random.Random, commune: Locality, province: Locality, year: int) -> list[Award]:
    """0–8 distinct grant lines of one festival, as the press reports them.

    Commune chairs give Giấy khen, province chairs Bằng khen and, to collectives, Cờ thi
    đua; households only from 2024. 5 % of lines leave the kind unstated and 5 % the
    count; 2 % are a commune chair giving Bằng khen, which the rules must catch.
    """
    chair = Issuer(office=Office.CHU_TICH_UBND, level=LocalityLevel.COMMUNE, locality=commune.id)
    governor = Issuer(
        office=Office.CHU_TICH_UBND, level=LocalityLevel.PROVINCE, locality=province.id
    )
    kinds = [RecipientKind.INDIVIDUAL, RecipientKind.COLLECTIVE]
    if year >= 2024:
        kinds.append(RecipientKind.HOUSEHOLD)
    weights = {RecipientKind.INDIVIDUAL: 8, RecipientKind.COLLECTIVE: 7, RecipientKind.HOUSEHOLD: 1}
    options = [(chair, AwardForm.GIAY_KHEN, kind, 3 * weights[kind]) for kind in kinds]
    options += [(governor, AwardForm.BANG_KHEN, kind, 2 * weights[kind]) for kind in kinds]
    options.append((governor, AwardForm.CO_THI_DUA, RecipientKind.COLLECTIVE, 2))
    lines = []
    for _ in range(min(rnd.randint(0, 8), len(options))):
        pick = rnd.choices(range(len(options)), weights=[o[3] for o in options])[0]
        issuer, form, kind, _ = options.pop(pick)
        if rnd.random() < 0.05:  # the press often leaves the kind out
            kind = RecipientKind.UNSPECIFIED
        if rnd.random() < 0.02:
            issuer, form = chair, AwardForm.BANG_KHEN
        lines.append(
            Award(
                id=AwardId("draft"),
                form=form,
                issuer=issuer,
                recipient_kind=kind,
                count=rnd.choice(COUNTS),
                decided_on=dt.date(year, 8, 1),
            )
        )
    return lines


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    sys.stdout.write(antq.dumps(build(size)))
