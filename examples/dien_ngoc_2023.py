"""The seed report (phường Điện Ngọc, 12/08/2023) built with antq's Python API.

The same facts live in ``examples/data/dien_ngoc_2023.json``; the test suite checks
that both give equal datasets. Facts only: no article text is copied here.

Run it to print the summary: ``python examples/dien_ngoc_2023.py``.
"""

from __future__ import annotations

import datetime as dt

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

QUANG_NAM = LocalityId("quang-nam")
DIEN_BAN = LocalityId("dien-ban")
DIEN_NGOC = LocalityId("dien-ngoc")
DA_NANG = LocalityId("da-nang")
DIEN_BAN_DONG = LocalityId("dien-ban-dong")
THUY = OfficialId("le-thi-thuy")
HUY = OfficialId("phan-quang-quoc-huy")
FESTIVAL = EventId("dien-ngoc-ngay-hoi-2023")

REFORM_EVE = dt.date(2025, 6, 30)  # the last day of the district level and of 63 provinces
REFORM_DAY = dt.date(2025, 7, 1)

REPORT = Source(
    locator="shared/seed/000_5bb647d728954a56.txt",
    authors=("Hiền Vi", "Trường Sơn"),
    note="Local news report of the ward's 2023 festival; facts re-entered by hand.",
)
GSO = Source(title="Danh mục đơn vị hành chính Việt Nam (GSO), as packaged by vietnamadminunits")


def localities() -> tuple[Locality, ...]:
    """The ward, its district-level town and province, and their units after the 2025 reform."""
    return (
        Locality(
            id=QUANG_NAM,
            name="Quảng Nam",
            unit_type=UnitType.TINH,
            code="49",
            valid_until=REFORM_EVE,
            successors=(DA_NANG,),
            sources=(GSO,),
        ),
        Locality(
            id=DIEN_BAN,
            name="Điện Bàn",
            unit_type=UnitType.THI_XA,
            code="507",
            parent=QUANG_NAM,
            valid_until=REFORM_EVE,
            sources=(GSO,),
        ),
        Locality(
            id=DIEN_NGOC,
            name="Điện Ngọc",
            unit_type=UnitType.PHUONG,
            code="20563",
            parent=DIEN_BAN,
            valid_until=REFORM_EVE,
            successors=(DIEN_BAN_DONG,),
            sources=(GSO,),
        ),
        Locality(
            id=DA_NANG,
            name="Đà Nẵng",
            unit_type=UnitType.THANH_PHO_TRUC_THUOC_TRUNG_UONG,
            code="48",
            sources=(GSO,),
        ),
        Locality(
            id=DIEN_BAN_DONG,
            name="Điện Bàn Đông",
            unit_type=UnitType.PHUONG,
            code="20579",
            parent=DA_NANG,
            valid_from=REFORM_DAY,
            sources=(GSO,),
        ),
    )


def officials() -> tuple[Official, ...]:
    """The two named officials: the provincial guest and the ward chair who spoke."""
    return (
        Official(
            id=THUY,
            name="Lê Thị Thủy",
            honorific=Honorific.BA,
            positions=(Position(title="Phó trưởng ban Dân vận Tỉnh ủy", locality=QUANG_NAM),),
            sources=(REPORT,),
        ),
        Official(
            id=HUY,
            name="Phan Quang Quốc Huy",
            honorific=Honorific.ONG,
            positions=(
                Position(
                    title="Chủ tịch UBND phường Điện Ngọc",
                    office=Office.CHU_TICH_UBND,
                    locality=DIEN_NGOC,
                ),
            ),
            sources=(REPORT,),
        ),
    )


def event() -> Event:
    """The evening festival of 12/08/2023, a showcase site chosen by the province."""
    return Event(
        id=FESTIVAL,
        kind=EventKind.FESTIVAL,
        locality=DIEN_NGOC,
        title="Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2023",
        held_on=dt.date(2023, 8, 12),
        part_of_day=PartOfDay.EVENING,
        is_pilot=True,
        participants=(
            Participation(role=ParticipantRole.GUEST, official=THUY),
            Participation(
                role=ParticipantRole.GUEST,
                description="Đại diện lãnh đạo các sở, ngành, địa phương của tỉnh",
            ),
            Participation(role=ParticipantRole.SPEAKER, official=HUY),
        ),
        statements=(
            Statement(
                kind=StatementKind.SUMMARY,
                speaker=HUY,
                # The report attributes the chair's words to "ông Quang", which is not
                # his given name: kept as written so that rules can flag it.
                attribution="ông Quang",
                text="Kêu gọi phường tiếp tục nâng cao nhận thức về phong trào và thực hiện "
                "nghiêm các chủ trương về bảo đảm an ninh, trật tự.",
            ),
        ),
        sources=(REPORT,),
    )


def security_models() -> tuple[SecurityModel, ...]:
    """The models the report names (it lists more, elided)."""
    named = (
        ("camera", "Camera giám sát an ninh", ModelCategory.CAMERA),
        ("mang-xa-hoi", "Phòng chống tội phạm qua mạng xã hội", ModelCategory.ONLINE_CRIME),
        ("nha-tro", "Khu nhà trọ an toàn về ANTT", ModelCategory.BOARDING_HOUSE),
        ("tuan-tra", "Tổ tuần tra nhân dân", ModelCategory.PATROL),
    )
    return tuple(
        SecurityModel(
            id=SecurityModelId(f"dien-ngoc-{slug}"),
            name=name,
            category=category,
            locality=DIEN_NGOC,
            sources=(REPORT,),
        )
        for slug, name, category in named
    )


def awards() -> tuple[Award, ...]:
    """The four grant lines announced at the festival: 13 awards in all."""
    reason = "Thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2023"
    provincial_chair = Issuer(
        office=Office.CHU_TICH_UBND,
        level=LocalityLevel.PROVINCE,
        locality=QUANG_NAM,
        as_written="UBND tỉnh",  # the press names the committee; the law gives the chair
    )
    police_director = Issuer(
        office=Office.GIAM_DOC_CONG_AN,
        level=LocalityLevel.PROVINCE,
        locality=QUANG_NAM,
        as_written="Giám đốc Công an tỉnh",
    )
    ward_chair = Issuer(
        office=Office.CHU_TICH_UBND,
        level=LocalityLevel.COMMUNE,
        locality=DIEN_NGOC,
        official=HUY,
        as_written="Chủ tịch UBND phường",
    )
    lines = (
        (AwardForm.BANG_KHEN, provincial_chair, RecipientKind.INDIVIDUAL, 1),
        (AwardForm.GIAY_KHEN, police_director, RecipientKind.UNSPECIFIED, 2),
        (AwardForm.GIAY_KHEN, ward_chair, RecipientKind.COLLECTIVE, 4),
        (AwardForm.GIAY_KHEN, ward_chair, RecipientKind.INDIVIDUAL, 6),
    )
    return tuple(
        Award(
            id=AwardId(f"dien-ngoc-2023-{number}"),
            form=form,
            issuer=issuer,
            recipient_kind=kind,
            count=count,
            event=FESTIVAL,
            reason=reason,
            sources=(REPORT,),
        )
        for number, (form, issuer, kind, count) in enumerate(lines, start=1)
    )


def build() -> Dataset:
    """The whole seed dataset."""
    return Dataset(
        localities=localities(),
        officials=officials(),
        events=(event(),),
        security_models=security_models(),
        awards=awards(),
    )


if __name__ == "__main__":
    print(antq.summarize(build()), end="")
