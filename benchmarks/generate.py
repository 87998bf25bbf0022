"""A deterministic, national-scale antq/1 dataset for the benchmarks.

A locality tree of 63 provinces, 700 districts and 10,000 communes; officials; a
security model per commune; festivals spread over communes and years, each with
participants, a statement and 0–8 grant lines. The same ``events`` and ``seed`` give
the same bytes on every run.
"""

from __future__ import annotations

import datetime as dt
import random
import sys

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
FORMS = [AwardForm.GIAY_KHEN] * 6 + [AwardForm.BANG_KHEN] * 2 + [AwardForm.CO_THI_DUA]
KINDS = (
    [RecipientKind.INDIVIDUAL] * 4
    + [RecipientKind.COLLECTIVE] * 3
    + [
        RecipientKind.UNSPECIFIED,
        RecipientKind.HOUSEHOLD,
    ]
)
SOURCE = Source(title="Báo cáo tổng hợp (benchmark)", publisher="antq benchmarks")


def localities() -> list[Locality]:
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


def officials(rnd: random.Random) -> list[Official]:
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
                        locality=LocalityId(f"c{i % COMMUNES:05d}"),
                    ),
                ),
            )
        )
    return people


def build(events: int, seed: int = 19) -> Dataset:
    """A dataset with *events* festivals (and about four grant lines each)."""
    rnd = random.Random(seed)
    people = officials(rnd)
    models = [
        SecurityModel(
            id=SecurityModelId(f"m{c:05d}"),
            name="Tổ tuần tra nhân dân",
            category=ModelCategory.PATROL,
            locality=LocalityId(f"c{c:05d}"),
            points=rnd.randint(1, 20),
            teams=rnd.randint(1, 8),
        )
        for c in range(COMMUNES)
    ]
    festivals, grants = [], []
    for e in range(events):
        commune = e % COMMUNES
        year = 2020 + (e // COMMUNES) % 5
        speaker = OfficialId(f"o{commune % OFFICIALS:05d}")
        guest = OfficialId(f"o{rnd.randrange(OFFICIALS):05d}")
        event_id = EventId(f"e{e:06d}")
        festivals.append(
            Event(
                id=event_id,
                kind=EventKind.FESTIVAL,
                locality=LocalityId(f"c{commune:05d}"),
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
        for k in range(rnd.randint(0, 8)):
            province = LocalityId(f"p{commune % DISTRICTS % PROVINCES:02d}")
            issuer = (
                Issuer(
                    office=Office.CHU_TICH_UBND,
                    level=LocalityLevel.COMMUNE,
                    locality=LocalityId(f"c{commune:05d}"),
                )
                if k % 3
                else Issuer(
                    office=Office.CHU_TICH_UBND, level=LocalityLevel.PROVINCE, locality=province
                )
            )
            grants.append(
                Award(
                    id=AwardId(f"a{e:06d}-{k}"),
                    form=rnd.choice(FORMS),
                    issuer=issuer,
                    recipient_kind=rnd.choice(KINDS),
                    count=rnd.choice([None, 1, 1, 2, 3, 4, 6, 10]),
                    event=event_id,
                    decided_on=dt.date(year, 8, 1),
                )
            )
    return Dataset(
        localities=tuple(localities()),
        officials=tuple(people),
        events=tuple(festivals),
        security_models=tuple(models),
        awards=tuple(grants),
    )


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    sys.stdout.write(antq.dumps(build(size)))
