"""Who may grant which award, and to whom: the authority table, as replaceable data.

The default table follows §3 of antq's domain sheet: Law 15/2003/QH11 (amended 2005,
2013) until 31/12/2023, Law 06/2022/QH15 with Decree 98/2023/NĐ-CP from 01/01/2024,
and the 2025 reform (no district level from 01/07/2025). Rows read in a legal text are
``certain`` and back errors; inferred rows back warnings only. Provinces and ministries
add or replace rows with :meth:`AuthorityTable.extended` and :meth:`AuthorityTable.without`.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

import attrs

from antq.gazetteer import REFORM_DAY
from antq.vocab import AwardForm, LocalityLevel, Office, RecipientKind

__all__ = [
    "DEFAULT_AUTHORITY",
    "Authority",
    "AuthorityCheck",
    "AuthorityTable",
    "RecipientLimit",
    "Verdict",
]

#: Law 06/2022/QH15 (and Decree 98/2023/NĐ-CP) in force.
LAW_2022_FROM = dt.date(2024, 1, 1)
#: The last day of the district level (Resolution 202/2025/QH15: two tiers from 01/07/2025).
DISTRICT_LEVEL_UNTIL = dt.date(2025, 6, 30)
#: The last day of the district police (the Ministry's reorganisation: ceased 01/03/2025).
DISTRICT_POLICE_UNTIL = dt.date(2025, 2, 28)
#: Circular 20/2025/TT-BCA (the Kỷ niệm chương "Bảo vệ an ninh Tổ quốc") in force.
TT_20_2025_FROM = dt.date(2025, 4, 28)
#: Circular 22/2025/TT-BCA (the Ministry's Cờ thi đua for department-level units and commune
#: police) in force.
TT_22_2025_FROM = dt.date(2025, 5, 10)


def _markdown_row(cells: tuple[str, ...]) -> str:
    """One Markdown table row, pipes in the cells escaped."""
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def _dates(start: dt.date | None, end: dt.date | None) -> str:
    """A row's dates in force, as the table shows them."""
    if start is None and end is None:
        return "always"
    since = f"from {start:%d/%m/%Y}" if start else ""
    until = f"until {end:%d/%m/%Y}" if end else ""
    return " ".join(part for part in (since, until) if part)


def _in_force(start: dt.date | None, end: dt.date | None, on: dt.date | None) -> bool:
    if on is None:
        return True
    return (start is None or start <= on) and (end is None or on <= end)


@attrs.frozen(kw_only=True)
class Authority:
    """One row: an office at a level may grant these forms, between two dates.

    ``certain`` says whether a legal text gives the power (errors) or antq infers it
    (warnings); ``dates_certain`` whether the dates in force are the law's, which can
    hold when the power is unsure (district police ceased on 01/03/2025 whatever their
    chiefs could grant).
    """

    office: Office
    level: LocalityLevel
    forms: frozenset[AwardForm]
    basis: str
    certain: bool
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    dates_certain: bool = True

    def in_force(self, on: dt.date | None) -> bool:
        """Whether the row applies on *on* (every row applies when the date is unknown)."""
        return _in_force(self.valid_from, self.valid_until, on)


@attrs.frozen(kw_only=True)
class RecipientLimit:
    """Recipient kinds a form (every form, when None) may not go to, between two dates."""

    form: AwardForm | None
    kinds: frozenset[RecipientKind]
    basis: str
    certain: bool
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

    def in_force(self, on: dt.date | None) -> bool:
        """Whether the limit applies on *on* (every limit applies when the date is unknown)."""
        return _in_force(self.valid_from, self.valid_until, on)


class Verdict(Enum):
    """The outcome of an authority check."""

    ALLOWED = "allowed"
    FORM_NOT_ALLOWED = "form_not_allowed"
    NOT_IN_FORCE = "not_in_force"
    UNKNOWN = "unknown"


@attrs.frozen
class AuthorityCheck:
    """A verdict, whether it rests on certain rows, and the rows it rests on."""

    verdict: Verdict
    certain: bool
    rows: tuple[Authority, ...] = ()

    @property
    def basis(self) -> str:
        """The bases of the rows, joined."""
        return "; ".join(dict.fromkeys(row.basis for row in self.rows))

    @property
    def forms(self) -> tuple[AwardForm, ...]:
        """The forms the rows allow, in the vocabulary's order."""
        allowed = set().union(*(row.forms for row in self.rows)) if self.rows else set()
        return tuple(form for form in AwardForm if form in allowed)


@attrs.frozen
class AuthorityTable:
    """Authority rows and recipient limits; immutable, extended by making new tables."""

    grants: tuple[Authority, ...]
    recipient_limits: tuple[RecipientLimit, ...] = ()

    def extended(self, *rows: Authority | RecipientLimit) -> AuthorityTable:
        """A new table with *rows* added."""
        grants = tuple(row for row in rows if isinstance(row, Authority))
        limits = tuple(row for row in rows if isinstance(row, RecipientLimit))
        return AuthorityTable(self.grants + grants, self.recipient_limits + limits)

    def without(self, office: Office, level: LocalityLevel | None = None) -> AuthorityTable:
        """A new table without the rows of *office* (at *level*, when given)."""
        kept = tuple(
            row
            for row in self.grants
            if not (row.office is office and (level is None or row.level is level))
        )
        return AuthorityTable(kept, self.recipient_limits)

    def check(
        self, office: Office, level: LocalityLevel, form: AwardForm, on: dt.date | None
    ) -> AuthorityCheck:
        """May *office* at *level* grant *form* on the date *on*?"""
        rows = tuple(r for r in self.grants if r.office is office and r.level is level)
        if not rows:
            return AuthorityCheck(Verdict.UNKNOWN, False)
        in_force = tuple(row for row in rows if row.in_force(on))
        if not in_force:
            return AuthorityCheck(Verdict.NOT_IN_FORCE, any(r.dates_certain for r in rows), rows)
        if any(form in row.forms for row in in_force):
            return AuthorityCheck(Verdict.ALLOWED, True, in_force)
        certain = all(row.certain for row in in_force)
        return AuthorityCheck(Verdict.FORM_NOT_ALLOWED, certain, in_force)

    def to_markdown(self) -> str:
        """The table as Markdown: each row's office, level, forms, dates, certainty, basis."""
        lines = [
            "| office | level | forms | in force | certainty | basis |",
            "|---|---|---|---|---|---|",
        ]
        for row in self.grants:
            forms = ", ".join(form.label for form in AwardForm if form in row.forms)
            cells = (
                row.office.label,
                row.level.label,
                forms,
                _dates(row.valid_from, row.valid_until),
                "certain" if row.certain else "inferred (warning)",
                row.basis,
            )
            lines.append(_markdown_row(cells))
        lines += [
            "",
            "| form | may not go to | in force | certainty | basis |",
            "|---|---|---|---|---|",
        ]
        for limit in self.recipient_limits:
            kinds = ", ".join(kind.label for kind in RecipientKind if kind in limit.kinds)
            limits = (
                limit.form.label if limit.form is not None else "every form",
                kinds,
                _dates(limit.valid_from, limit.valid_until),
                "certain" if limit.certain else "inferred (warning)",
                limit.basis,
            )
            lines.append(_markdown_row(limits))
        return "\n".join(lines) + "\n"

    def recipient_limit(
        self, form: AwardForm, kind: RecipientKind, on: dt.date | None
    ) -> RecipientLimit | None:
        """The limit that forbids *kind* for *form* on *on*, certain ones first, or None."""
        hits = [
            limit
            for limit in self.recipient_limits
            if (limit.form is None or limit.form is form)
            and kind in limit.kinds
            and limit.in_force(on)
        ]
        hits.sort(key=lambda limit: not limit.certain)
        return hits[0] if hits else None


_BOTH_LAWS = "Luật TĐKT 2003 (đến 31/12/2023); Luật TĐKT 2022"
_LAW_2022 = "Luật TĐKT 06/2022/QH15"
_NATIONAL, _PROVINCE = LocalityLevel.NATIONAL, LocalityLevel.PROVINCE
_DISTRICT, _COMMUNE = LocalityLevel.DISTRICT, LocalityLevel.COMMUNE
_F = AwardForm
_K = RecipientKind


def _every_level(**row: object) -> tuple[Authority, ...]:
    """The same row at each administrative level (offices not tied to one, such as firms)."""
    levels = (_NATIONAL, _PROVINCE, _DISTRICT, _COMMUNE)
    return tuple(Authority(level=level, **row) for level in levels)  # type: ignore[arg-type]


#: The authority table: who may grant which form, from when to when, on what basis.
DEFAULT_AUTHORITY = AuthorityTable(
    grants=(
        Authority(
            office=Office.CHU_TICH_NUOC,
            level=_NATIONAL,
            forms=frozenset({_F.HUAN_CHUONG, _F.HUY_CHUONG}),
            basis=f"{_BOTH_LAWS} Điều 77",
            certain=True,
        ),
        Authority(
            office=Office.THU_TUONG,
            level=_NATIONAL,
            forms=frozenset({_F.BANG_KHEN}),
            basis=f"{_BOTH_LAWS} Điều 78",
            certain=True,
        ),
        Authority(
            office=Office.CHINH_PHU,
            level=_NATIONAL,
            forms=frozenset({_F.CO_THI_DUA}),
            basis=f"{_BOTH_LAWS} Điều 78",
            certain=True,
        ),
        Authority(
            office=Office.BO_TRUONG,
            level=_NATIONAL,
            forms=frozenset({_F.BANG_KHEN, _F.CO_THI_DUA, _F.KY_NIEM_CHUONG}),
            basis=f"{_BOTH_LAWS} Điều 79 (suy ra: Bộ, ban, ngành)",
            certain=False,
        ),
        Authority(
            office=Office.BO_TRUONG,
            level=_NATIONAL,
            forms=frozenset({_F.CO_THI_DUA}),
            basis="Thông tư 22/2025/TT-BCA (từ 10/05/2025): Cờ thi đua của Bộ Công an cho "
            "đơn vị cấp phòng và Công an cấp xã",
            certain=True,
            valid_from=TT_22_2025_FROM,
        ),
        Authority(
            office=Office.BO_TRUONG,
            level=_NATIONAL,
            forms=frozenset({_F.KY_NIEM_CHUONG}),
            basis="Thông tư 20/2025/TT-BCA (từ 28/04/2025, thay Thông tư 11/2021/TT-BCA): "
            "Kỷ niệm chương «Bảo vệ an ninh Tổ quốc» do Bộ trưởng Bộ Công an tặng",
            certain=True,
            valid_from=TT_20_2025_FROM,
        ),
        Authority(
            office=Office.CHU_TICH_UBND,
            level=_PROVINCE,
            forms=frozenset({_F.BANG_KHEN, _F.CO_THI_DUA}),
            basis=f"{_BOTH_LAWS} Điều 79 (suy ra: tỉnh)",
            certain=False,
        ),
        Authority(
            office=Office.CHU_TICH_MTTQ,
            level=_NATIONAL,
            forms=frozenset({_F.BANG_KHEN}),
            basis=f"{_LAW_2022} Điều 3 khoản 5, Điều 79 (suy ra: Ủy ban Trung ương MTTQ "
            "Việt Nam là một «Bộ, ban, ngành»)",
            certain=False,
            valid_from=LAW_2022_FROM,
        ),
        Authority(
            office=Office.GIAM_DOC_SO,
            level=_PROVINCE,
            forms=frozenset({_F.GIAY_KHEN}),
            basis=f"{_BOTH_LAWS} Điều 80 khoản 1",
            certain=True,
        ),
        Authority(
            office=Office.GIAM_DOC_CONG_AN,
            level=_PROVINCE,
            forms=frozenset({_F.GIAY_KHEN}),
            basis=f"{_BOTH_LAWS} Điều 80 khoản 1; Điều 75 khoản 1 điểm a (thủ trưởng đơn vị "
            "có tư cách pháp nhân thuộc Bộ: Công an tỉnh)",
            certain=True,
        ),
        Authority(
            office=Office.THU_TRUONG_DON_VI,
            level=_NATIONAL,
            forms=frozenset({_F.GIAY_KHEN}),
            basis=f"{_BOTH_LAWS} Điều 80 khoản 1; Điều 75 khoản 1 điểm a",
            certain=True,
        ),
        Authority(
            office=Office.CHU_TICH_UBND,
            level=_DISTRICT,
            forms=frozenset({_F.GIAY_KHEN}),
            basis=f"{_BOTH_LAWS} Điều 80 khoản 2; cấp huyện chấm dứt từ 01/07/2025 "
            "(Nghị quyết 202/2025/QH15)",
            certain=True,
            valid_until=DISTRICT_LEVEL_UNTIL,
        ),
        Authority(
            office=Office.TRUONG_CONG_AN,
            level=_DISTRICT,
            forms=frozenset({_F.GIAY_KHEN}),
            basis="Công an cấp huyện chấm dứt hoạt động từ 01/03/2025 (sắp xếp bộ máy Bộ Công "
            "an); thẩm quyền tặng Giấy khen của Trưởng Công an huyện chưa xác minh",
            certain=False,
            valid_until=DISTRICT_POLICE_UNTIL,
        ),
        Authority(
            office=Office.TRUONG_CONG_AN,
            level=_COMMUNE,
            forms=frozenset({_F.GIAY_KHEN}),
            basis="thẩm quyền tặng Giấy khen của Trưởng Công an xã chưa xác minh",
            certain=False,
        ),
        Authority(
            office=Office.CHU_TICH_UBND,
            level=_COMMUNE,
            forms=frozenset({_F.GIAY_KHEN}),
            basis=f"{_BOTH_LAWS} Điều 80 khoản 3",
            certain=True,
            valid_until=DISTRICT_LEVEL_UNTIL,
        ),
        Authority(
            office=Office.CHU_TICH_UBND,
            level=_COMMUNE,
            forms=frozenset({_F.GIAY_KHEN}),
            basis=f"{_LAW_2022} Điều 80 khoản 3; Nghị định 129/2025/NĐ-CP (từ 01/07/2025: "
            "cũng các danh hiệu trước do Chủ tịch UBND cấp huyện tặng)",
            certain=True,
            valid_from=REFORM_DAY,
        ),
        *_every_level(
            office=Office.LANH_DAO_DOANH_NGHIEP,
            forms=frozenset({_F.GIAY_KHEN}),
            basis=f"{_LAW_2022} Điều 80 khoản 4 (Tổng giám đốc, Giám đốc doanh nghiệp, hợp tác "
            "xã; Chủ tịch Hội đồng quản trị, Hội đồng thành viên); Điều 75 khoản 1 điểm b",
            certain=True,
            valid_from=LAW_2022_FROM,
        ),
        *_every_level(
            office=Office.LANH_DAO_DOANH_NGHIEP,
            forms=frozenset({_F.GIAY_KHEN}),
            basis="Luật TĐKT 2003 (suy ra: giám đốc doanh nghiệp tặng Giấy khen)",
            certain=False,
            valid_until=LAW_2022_FROM - dt.timedelta(days=1),
        ),
    ),
    recipient_limits=(
        RecipientLimit(
            form=None,
            kinds=frozenset({_K.HOUSEHOLD}),
            basis="hộ gia đình là đối tượng khen thưởng theo Luật TĐKT 2022 Điều 2 (từ "
            "01/01/2024); trước đó quy định của tỉnh đã tặng Giấy khen cho gia đình (ví dụ "
            "Ninh Thuận QĐ 02/2015 Điều 27 khoản 3): cần xem quy định của tỉnh",
            certain=False,
            valid_until=LAW_2022_FROM - dt.timedelta(days=1),
        ),
        RecipientLimit(
            form=_F.CO_THI_DUA,
            kinds=frozenset({_K.INDIVIDUAL, _K.HOUSEHOLD}),
            basis="Cờ thi đua chỉ tặng tập thể (Luật TĐKT)",
            certain=True,
        ),
        RecipientLimit(
            form=_F.HUY_CHUONG,
            kinds=frozenset({_K.COLLECTIVE, _K.HOUSEHOLD}),
            basis=f"Huy chương chỉ tặng cá nhân ({_LAW_2022} Điều 54 khoản 1: quân nhân, "
            "công an, người nước ngoài)",
            certain=True,
        ),
        RecipientLimit(
            form=_F.KY_NIEM_CHUONG,
            kinds=frozenset({_K.COLLECTIVE, _K.HOUSEHOLD}),
            basis="Kỷ niệm chương tặng cá nhân (quy định của bộ, ngành; suy ra)",
            certain=False,
            valid_until=TT_20_2025_FROM - dt.timedelta(days=1),
        ),
        RecipientLimit(
            form=_F.KY_NIEM_CHUONG,
            kinds=frozenset({_K.COLLECTIVE, _K.HOUSEHOLD}),
            basis="Thông tư 20/2025/TT-BCA (từ 28/04/2025): Kỷ niệm chương «Bảo vệ an ninh Tổ "
            "quốc» chỉ tặng một lần cho cá nhân",
            certain=True,
            valid_from=TT_20_2025_FROM,
        ),
    ),
)
