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

from antq.vocab import AwardForm, LocalityLevel, Office, RecipientKind

__all__ = [
    "DEFAULT_AUTHORITY",
    "Authority",
    "AuthorityCheck",
    "AuthorityTable",
    "RecipientLimit",
    "Verdict",
]

LAW_2022_FROM = dt.date(2024, 1, 1)
DISTRICT_LEVEL_UNTIL = dt.date(2025, 6, 30)


def _in_force(start: dt.date | None, end: dt.date | None, on: dt.date | None) -> bool:
    if on is None:
        return True
    return (start is None or start <= on) and (end is None or on <= end)


@attrs.frozen(kw_only=True)
class Authority:
    """One row: an office at a level may grant these forms, between two dates."""

    office: Office
    level: LocalityLevel
    forms: frozenset[AwardForm]
    basis: str
    certain: bool
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

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
            return AuthorityCheck(Verdict.NOT_IN_FORCE, any(r.certain for r in rows), rows)
        if any(form in row.forms for row in in_force):
            return AuthorityCheck(Verdict.ALLOWED, True, in_force)
        certain = all(row.certain for row in in_force)
        return AuthorityCheck(Verdict.FORM_NOT_ALLOWED, certain, in_force)

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
_NATIONAL, _PROVINCE = LocalityLevel.NATIONAL, LocalityLevel.PROVINCE
_DISTRICT, _COMMUNE = LocalityLevel.DISTRICT, LocalityLevel.COMMUNE
_F = AwardForm
_K = RecipientKind

#: The authority table of §3 of the domain sheet.
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
            basis=f"{_BOTH_LAWS} Điều 79 (suy ra)",
            certain=False,
        ),
        Authority(
            office=Office.CHU_TICH_UBND,
            level=_PROVINCE,
            forms=frozenset({_F.BANG_KHEN, _F.CO_THI_DUA}),
            basis=f"{_BOTH_LAWS} Điều 79 (suy ra)",
            certain=False,
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
            basis=f"{_BOTH_LAWS} Điều 80 khoản 1 (suy ra cho Công an tỉnh)",
            certain=False,
        ),
        Authority(
            office=Office.THU_TRUONG_DON_VI,
            level=_NATIONAL,
            forms=frozenset({_F.GIAY_KHEN}),
            basis=f"{_BOTH_LAWS} Điều 80 khoản 1",
            certain=True,
        ),
        Authority(
            office=Office.CHU_TICH_UBND,
            level=_DISTRICT,
            forms=frozenset({_F.GIAY_KHEN}),
            basis=f"{_BOTH_LAWS} Điều 80 khoản 2; cấp huyện chấm dứt từ 01/07/2025",
            certain=True,
            valid_until=DISTRICT_LEVEL_UNTIL,
        ),
        Authority(
            office=Office.CHU_TICH_UBND,
            level=_COMMUNE,
            forms=frozenset({_F.GIAY_KHEN}),
            basis=f"{_BOTH_LAWS} Điều 80 khoản 3",
            certain=True,
        ),
    ),
    recipient_limits=(
        RecipientLimit(
            form=None,
            kinds=frozenset({_K.HOUSEHOLD}),
            basis="Hộ gia đình chỉ được khen từ Luật TĐKT 2022 (Điều 2), hiệu lực 01/01/2024",
            certain=True,
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
            basis="Huy chương tặng cá nhân (Luật TĐKT; suy ra)",
            certain=False,
        ),
        RecipientLimit(
            form=_F.KY_NIEM_CHUONG,
            kinds=frozenset({_K.COLLECTIVE, _K.HOUSEHOLD}),
            basis="Kỷ niệm chương tặng cá nhân (quy định của bộ, ngành; suy ra)",
            certain=False,
        ),
    ),
)
