"""The authority table after the 2025 reform: each changed verdict at its boundary dates."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import attrs
import pytest

import antq
from antq import AwardForm, LocalityLevel, Office, RecipientKind, Severity
from antq.rules import (
    DEFAULT_AUTHORITY,
    FESTIVAL_WINDOW_EXAMPLES,
    Authority,
    Context,
    RecipientLimit,
    Verdict,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = antq.load(ROOT / "examples" / "data" / "dien_ngoc_2023.json")
DAY = dt.timedelta(days=1)


def grant(
    office: Office,
    level: LocalityLevel,
    form: AwardForm,
    on: dt.date,
    kind: RecipientKind = RecipientKind.INDIVIDUAL,
    names: tuple[str, ...] = (),
    id: str = "x",
) -> antq.Award:
    return antq.Award(
        id=antq.AwardId(id),
        form=form,
        issuer=antq.Issuer(office=office, level=level),
        recipient_kind=kind,
        count=len(names) or 1,
        recipients=tuple(antq.Recipient(name=name) for name in names),
        decided_on=on,
    )


def findings(*awards: antq.Award, dataset: antq.Dataset | None = None) -> dict[str, Severity]:
    base = dataset if dataset is not None else antq.Dataset()
    report = antq.validate(attrs.evolve(base, awards=(*base.awards, *awards)))
    return {f.code: f.severity for f in report if f.code.startswith(("ANTQ3", "ANTQ2"))}


class TestDoneWhen:
    """The issue's acceptance lines, each as a test."""

    def test_the_seed_has_no_errors(self) -> None:
        assert antq.validate(SEED).ok

    def test_a_household_giay_khen_in_2023_is_no_error(self) -> None:
        award = grant(
            Office.CHU_TICH_UBND,
            LocalityLevel.COMMUNE,
            AwardForm.GIAY_KHEN,
            dt.date(2023, 8, 12),
            RecipientKind.HOUSEHOLD,
        )
        assert findings(award) == {"ANTQ305": Severity.WARNING}
        after = attrs.evolve(award, decided_on=dt.date(2024, 1, 1))
        assert findings(after) == {}

    def test_district_police_after_february_2025_is_an_error(self) -> None:
        police = (Office.TRUONG_CONG_AN, LocalityLevel.DISTRICT, AwardForm.GIAY_KHEN)
        assert findings(grant(*police, dt.date(2025, 4, 1))) == {"ANTQ302": Severity.ERROR}
        assert findings(grant(*police, dt.date(2025, 3, 1))) == {"ANTQ302": Severity.ERROR}
        assert findings(grant(*police, dt.date(2025, 2, 28))) == {}  # the power itself: unsure
        check = DEFAULT_AUTHORITY.check(*police, dt.date(2025, 2, 28))
        assert check.verdict is Verdict.ALLOWED

    def test_the_same_person_twice_with_the_medal_is_an_error(self) -> None:
        medal = (Office.BO_TRUONG, LocalityLevel.NATIONAL, AwardForm.KY_NIEM_CHUONG)
        once = grant(*medal, dt.date(2025, 8, 1), names=("Nguyễn Văn A",), id="k1")
        again = grant(*medal, dt.date(2025, 9, 1), names=("NGUYỄN VĂN A",), id="k2")
        other = grant(*medal, dt.date(2025, 9, 1), names=("Trần Thị B",), id="k3")
        assert "ANTQ309" not in findings(once, other)
        assert findings(once, again)["ANTQ309"] is Severity.ERROR

    def test_an_enterprise_directors_giay_khen_is_lawful(self) -> None:
        for level in (LocalityLevel.PROVINCE, LocalityLevel.COMMUNE):
            award = grant(
                Office.LANH_DAO_DOANH_NGHIEP, level, AwardForm.GIAY_KHEN, dt.date(2025, 8, 1)
            )
            assert findings(award) == {}
        bang_khen = grant(
            Office.LANH_DAO_DOANH_NGHIEP,
            LocalityLevel.PROVINCE,
            AwardForm.BANG_KHEN,
            dt.date(2025, 8, 1),
        )
        assert findings(bang_khen) == {"ANTQ301": Severity.ERROR}

    def test_every_row_shows_its_basis_and_certainty(self) -> None:
        rules_page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
        match = re.search(
            r"<!-- authority-table:start -->\n(.*)<!-- authority-table:end -->", rules_page, re.S
        )
        assert match is not None
        assert match.group(1) == DEFAULT_AUTHORITY.to_markdown(), "run `make rules-doc`"
        rows: list[Authority | RecipientLimit] = [
            *DEFAULT_AUTHORITY.grants,
            *DEFAULT_AUTHORITY.recipient_limits,
        ]
        for row in rows:
            assert row.basis.strip(), row
            cell = "certain" if row.certain else "inferred (warning)"
            basis = row.basis.replace("|", "\\|")
            assert f"| {cell} | {basis} |" in match.group(1)

    def test_every_certain_row_cites_an_article(self) -> None:
        # An article of the law ("Điều 80 khoản 1"), or a numbered decree or circular.
        cited = re.compile(r"Điều \d+|\b\d+/\d{4}/(?:TT-BCA|NĐ-CP|QĐ-TTg|QH1\d)")
        for row in DEFAULT_AUTHORITY.grants:
            if row.certain:
                assert cited.search(row.basis), row


class TestBoundaries:
    """Each changed verdict fires on one side of its date and not on the other."""

    def test_commune_chair_across_the_reform(self) -> None:
        chair = (Office.CHU_TICH_UBND, LocalityLevel.COMMUNE, AwardForm.GIAY_KHEN)
        before = DEFAULT_AUTHORITY.check(*chair, dt.date(2025, 6, 30))
        after = DEFAULT_AUTHORITY.check(*chair, dt.date(2025, 7, 1))
        assert before.verdict is after.verdict is Verdict.ALLOWED
        assert "129/2025" in after.basis
        assert "129/2025" not in before.basis

    def test_district_chair_ends_with_june_2025(self) -> None:
        chair = (Office.CHU_TICH_UBND, LocalityLevel.DISTRICT, AwardForm.GIAY_KHEN)
        assert findings(grant(*chair, dt.date(2025, 6, 30))) == {}
        assert findings(grant(*chair, dt.date(2025, 7, 1)))["ANTQ302"] is Severity.ERROR

    def test_huy_chuong_goes_only_to_individuals(self) -> None:
        medal = (Office.CHU_TICH_NUOC, LocalityLevel.NATIONAL, AwardForm.HUY_CHUONG)
        assert findings(grant(*medal, dt.date(2024, 5, 1))) == {}
        collective = grant(*medal, dt.date(2024, 5, 1), RecipientKind.COLLECTIVE)
        assert findings(collective) == {"ANTQ304": Severity.ERROR}

    def test_police_director_rests_on_the_article(self) -> None:
        check = DEFAULT_AUTHORITY.check(
            Office.GIAM_DOC_CONG_AN,
            LocalityLevel.PROVINCE,
            AwardForm.GIAY_KHEN,
            dt.date(2023, 8, 12),
        )
        assert check.verdict is Verdict.ALLOWED
        assert all(row.certain for row in check.rows)
        assert "Điều 75 khoản 1 điểm a" in check.basis

    def test_ministry_flag_for_commune_police_from_may_2025(self) -> None:
        flag = (Office.BO_TRUONG, LocalityLevel.NATIONAL, AwardForm.CO_THI_DUA)
        before = DEFAULT_AUTHORITY.check(*flag, dt.date(2025, 5, 9))
        after = DEFAULT_AUTHORITY.check(*flag, dt.date(2025, 5, 10))
        assert "22/2025/TT-BCA" not in before.basis
        assert "22/2025/TT-BCA" in after.basis

    def test_fatherland_front_chair_is_a_warning_level_power(self) -> None:
        front = (Office.CHU_TICH_MTTQ, LocalityLevel.NATIONAL, AwardForm.BANG_KHEN)
        assert findings(grant(*front, dt.date(2025, 8, 1))) == {}
        giay = (Office.CHU_TICH_MTTQ, LocalityLevel.NATIONAL, AwardForm.GIAY_KHEN)
        assert findings(grant(*giay, dt.date(2025, 8, 1))) == {"ANTQ301": Severity.WARNING}
        lower = (Office.CHU_TICH_MTTQ, LocalityLevel.COMMUNE, AwardForm.GIAY_KHEN)
        assert findings(grant(*lower, dt.date(2025, 8, 1))) == {"ANTQ303": Severity.INFO}

    @pytest.mark.parametrize(
        ("day", "fires"), [(dt.date(2005, 8, 18), True), (dt.date(2005, 8, 19), False)]
    )
    def test_no_festival_before_the_first(self, day: dt.date, fires: bool) -> None:
        event = attrs.evolve(SEED.events[0], held_on=day)
        report = antq.validate(attrs.evolve(SEED, events=(event,)))
        assert ("ANTQ210" in {f.code for f in report if f.severity is Severity.ERROR}) is fires

    def test_known_windows_are_configuration(self) -> None:
        assert str(FESTIVAL_WINDOW_EXAMPLES["77"]) == "02/07–10/08"
        event = attrs.evolve(SEED.events[0], held_on=dt.date(2023, 8, 12))
        places = tuple(
            attrs.evolve(p, code="77") if p.id == "quang-nam" else p for p in SEED.localities
        )
        changed = attrs.evolve(SEED, events=(event,), localities=places)
        windows = Context(festival_windows=FESTIVAL_WINDOW_EXAMPLES)
        assert "ANTQ206" in {f.code for f in antq.validate(changed, windows)}
        assert "ANTQ206" not in {f.code for f in antq.validate(changed)}


class TestMedal:
    """The Kỷ niệm chương «Bảo vệ an ninh Tổ quốc» (TT 20/2025/TT-BCA)."""

    MEDAL = (Office.BO_TRUONG, LocalityLevel.NATIONAL, AwardForm.KY_NIEM_CHUONG)

    def test_not_for_holders_of_a_medal(self) -> None:
        knc = grant(*self.MEDAL, dt.date(2025, 8, 1), names=("Lê Văn C",), id="k")
        medal = grant(
            Office.CHU_TICH_NUOC,
            LocalityLevel.NATIONAL,
            AwardForm.HUY_CHUONG,
            dt.date(2020, 1, 1),
            names=("Lê Văn C",),
            id="h",
        )
        assert findings(knc, medal).get("ANTQ310") is Severity.WARNING
        assert "ANTQ310" not in findings(knc)

    @pytest.mark.parametrize(
        ("started", "on", "short"),
        [
            (dt.date(2016, 1, 1), dt.date(2025, 8, 1), True),  # 9.6 years: 10 are needed now
            (dt.date(2015, 1, 1), dt.date(2025, 8, 1), False),
            (dt.date(2019, 1, 1), dt.date(2025, 4, 27), False),  # 6.3 years: 5 were enough
            (dt.date(2021, 1, 1), dt.date(2025, 4, 27), True),
        ],
    )
    def test_leaders_tenure(self, started: dt.date, on: dt.date, short: bool) -> None:
        official = antq.Official(
            id=antq.OfficialId("c"),
            name="Lê Văn C",
            positions=(antq.Position(title="Chủ tịch UBND xã", started_on=started),),
        )
        knc = grant(*self.MEDAL, on, names=("Lê Văn C",), id="k")
        found = findings(knc, dataset=antq.Dataset(officials=(official,)))
        assert ("ANTQ311" in found) is short


class TestLimitsAcrossDates:
    """Recipient limits that changed: before and after their date."""

    @pytest.mark.parametrize(
        ("day", "severity"),
        [(dt.date(2025, 4, 27), Severity.WARNING), (dt.date(2025, 4, 28), Severity.ERROR)],
    )
    def test_the_medal_to_a_collective(self, day: dt.date, severity: Severity) -> None:
        medal = grant(
            Office.BO_TRUONG,
            LocalityLevel.NATIONAL,
            AwardForm.KY_NIEM_CHUONG,
            day,
            RecipientKind.COLLECTIVE,
        )
        assert findings(medal)["ANTQ304"] is severity

    @pytest.mark.parametrize(
        ("day", "certain"), [(dt.date(2023, 12, 31), False), (dt.date(2024, 1, 1), True)]
    )
    def test_enterprise_heads_by_the_law_in_force(self, day: dt.date, certain: bool) -> None:
        check = DEFAULT_AUTHORITY.check(
            Office.LANH_DAO_DOANH_NGHIEP, LocalityLevel.PROVINCE, AwardForm.GIAY_KHEN, day
        )
        assert check.verdict is Verdict.ALLOWED
        assert all(row.certain for row in check.rows) is certain
