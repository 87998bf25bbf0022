"""The rule engine and every built-in rule, made to fire and not to fire."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import antq
from antq import (
    Award,
    AwardForm,
    Dataset,
    LocalityLevel,
    Office,
    OfficialId,
    ParticipantRole,
    Participation,
    Position,
    RecipientKind,
    Severity,
)
from antq.rules import (
    BUILTIN_RULES,
    Context,
    FestivalWindow,
    Hit,
    RuleSet,
    hit,
    validate,
)

ROOT = Path(__file__).resolve().parents[1]
SEED = antq.load(ROOT / "examples" / "data" / "dien_ngoc_2023.json")
Mutation = Callable[[Dataset], Dataset]


def codes(dataset: Dataset, context: Context | None = None) -> set[str]:
    return {finding.code for finding in validate(dataset, context)}


def with_award(index: int, **changes: Any) -> Mutation:
    def mutate(ds: Dataset) -> Dataset:
        awards = list(ds.awards)
        awards[index] = attrs.evolve(awards[index], **changes)
        return attrs.evolve(ds, awards=tuple(awards))

    return mutate


def with_issuer(index: int, **changes: Any) -> Mutation:
    def mutate(ds: Dataset) -> Dataset:
        award = ds.awards[index]
        return with_award(index, issuer=attrs.evolve(award.issuer, **changes))(ds)

    return mutate


def with_event(**changes: Any) -> Mutation:
    def mutate(ds: Dataset) -> Dataset:
        return attrs.evolve(ds, events=(attrs.evolve(ds.events[0], **changes),))

    return mutate


def with_locality(id: str, **changes: Any) -> Mutation:
    def mutate(ds: Dataset) -> Dataset:
        places = tuple(attrs.evolve(p, **changes) if p.id == id else p for p in ds.localities)
        return attrs.evolve(ds, localities=places)

    return mutate


def with_official(id: str, **changes: Any) -> Mutation:
    def mutate(ds: Dataset) -> Dataset:
        people = tuple(attrs.evolve(p, **changes) if p.id == id else p for p in ds.officials)
        return attrs.evolve(ds, officials=people)

    return mutate


def adding(**collections: tuple[Any, ...]) -> Mutation:
    def mutate(ds: Dataset) -> Dataset:
        return attrs.evolve(
            ds, **{name: getattr(ds, name) + records for name, records in collections.items()}
        )

    return mutate


def then(*mutations: Mutation) -> Mutation:
    def mutate(ds: Dataset) -> Dataset:
        for mutation in mutations:
            ds = mutation(ds)
        return ds

    return mutate


HUY = OfficialId("phan-quang-quoc-huy")
THUY = OfficialId("le-thi-thuy")
AFTER_REFORM = dt.date(2025, 8, 1)
ORPHAN = Award(
    id=antq.AwardId("orphan"),
    form=AwardForm.GIAY_KHEN,
    issuer=antq.Issuer(office=Office.CHU_TICH_UBND, level=LocalityLevel.COMMUNE),
    recipient_kind=RecipientKind.INDIVIDUAL,
    count=1,
)


def KNC(id: str, name: str) -> Award:  # noqa: N802  # reads as the medal's name
    """A Kỷ niệm chương from the Minister to one named person, decided after TT 20/2025."""
    return Award(
        id=antq.AwardId(id),
        form=AwardForm.KY_NIEM_CHUONG,
        issuer=antq.Issuer(office=Office.BO_TRUONG, level=LocalityLevel.NATIONAL),
        recipient_kind=RecipientKind.INDIVIDUAL,
        count=1,
        recipients=(antq.Recipient(name=name),),
        decided_on=dt.date(2025, 8, 1),
    )


# code -> a change of the seed that makes it fire
FIRES: dict[str, Mutation] = {
    "ANTQ101": with_event(locality=antq.LocalityId("missing")),
    "ANTQ102": with_event(
        participants=(Participation(role=ParticipantRole.GUEST, official=OfficialId("nobody")),)
    ),
    "ANTQ103": with_award(0, event=antq.EventId("no-such-event")),
    "ANTQ104": with_locality("dien-ban-dong", parent=antq.LocalityId("dien-ngoc")),
    "ANTQ105": with_locality("quang-nam", parent=antq.LocalityId("dien-ngoc")),
    "ANTQ106": with_locality("da-nang", successors=(antq.LocalityId("quang-nam"),)),
    "ANTQ107": adding(events=(attrs.evolve(SEED.events[0], id=antq.EventId("dien-ngoc")),)),
    "ANTQ108": with_locality("dien-ban-dong", valid_from=dt.date(2025, 7, 5)),
    "ANTQ109": adding(
        localities=(attrs.evolve(SEED.localities[2], id=antq.LocalityId("copy"), valid_until=None),)
    ),
    "ANTQ110": with_award(0, reason="Quyết định\u200b số 12"),  # a zero-width space
    "ANTQ201": with_event(held_on=dt.date(2025, 8, 10)),
    "ANTQ202": with_event(locality=antq.LocalityId("dien-ban"), held_on=dt.date(2025, 8, 10)),
    "ANTQ203": then(
        with_issuer(2, level=LocalityLevel.DISTRICT, locality=None),
        with_award(2, decided_on=AFTER_REFORM),
    ),
    "ANTQ204": with_award(3, decided_on=AFTER_REFORM, presented_on=AFTER_REFORM, event=None),
    "ANTQ205": with_official(
        HUY, positions=(Position(title="Chủ tịch UBND phường", started_on=dt.date(2024, 1, 1)),)
    ),
    "ANTQ206": with_event(held_on=dt.date(2023, 9, 15)),
    "ANTQ207": with_award(0, decided_on=dt.date(2023, 8, 20)),
    "ANTQ208": with_award(0, presented_on=dt.date(2023, 8, 13)),
    "ANTQ301": with_award(2, form=AwardForm.BANG_KHEN),
    "ANTQ302": then(
        with_issuer(
            2, level=LocalityLevel.DISTRICT, locality=antq.LocalityId("dien-ban"), official=None
        ),
        with_award(2, decided_on=AFTER_REFORM),
    ),
    "ANTQ303": with_issuer(2, office=Office.CHU_TICH_MTTQ, official=None),
    "ANTQ304": with_award(0, form=AwardForm.CO_THI_DUA),
    "ANTQ305": with_award(3, recipient_kind=RecipientKind.HOUSEHOLD),
    "ANTQ306": with_issuer(0, level=LocalityLevel.COMMUNE),
    "ANTQ307": with_issuer(0, office=Office.UBND),
    "ANTQ308": adding(awards=(ORPHAN,)),
    "ANTQ402": adding(officials=(antq.Official(id=OfficialId("thuy-2"), name="Lê Thị Thuỷ"),)),
    "ANTQ403": with_official(THUY, honorific=antq.Honorific.ONG),
    "ANTQ404": with_event(
        participants=(*SEED.events[0].participants, SEED.events[0].participants[0])
    ),
    "ANTQ405": with_issuer(2, official=THUY),
    "ANTQ406": with_event(participants=SEED.events[0].participants[:2]),
    "ANTQ502": with_award(0, count=None),
    "ANTQ503": with_award(0, count=None, recipients=(antq.Recipient(name="Nguyễn Văn A"),)),
    "ANTQ504": with_event(
        reported_totals=(antq.ReportedTotal(count=6, recipient_kind=RecipientKind.INDIVIDUAL),)
    ),
    "ANTQ505": adding(awards=(attrs.evolve(SEED.awards[3], id=antq.AwardId("again")),)),
    "ANTQ210": with_event(held_on=dt.date(2004, 8, 19)),
    "ANTQ309": adding(awards=(KNC("knc-1", "Nguyễn Văn A"), KNC("knc-2", "Nguyễn Văn A"))),
    "ANTQ310": adding(
        awards=(
            KNC("knc-1", "Nguyễn Văn A"),
            attrs.evolve(KNC("hc-1", "Nguyễn Văn A"), form=AwardForm.HUY_CHUONG),
        )
    ),
    "ANTQ311": then(
        with_official(
            HUY,
            positions=(Position(title="Chủ tịch UBND phường", started_on=dt.date(2021, 1, 1)),),
        ),
        adding(awards=(KNC("knc-1", "Phan Quang Quốc Huy"),)),
    ),
}
FIRES.update(
    {
        "ANTQ601": with_locality("dien-ngoc", code="99999"),
        "ANTQ602": with_locality("dien-ngoc", name="Điện Nam"),
        "ANTQ603": then(
            adding(
                localities=(
                    antq.Locality(
                        id=antq.LocalityId("duy-xuyen"),
                        name="Duy Xuyên",
                        unit_type=antq.UnitType.HUYEN,
                        code="508",
                        parent=antq.LocalityId("quang-nam"),
                    ),
                )
            ),
            with_locality("dien-ngoc", parent=antq.LocalityId("duy-xuyen")),
        ),
        "ANTQ604": then(
            with_event(held_on=dt.date(2025, 8, 10)),
            with_locality("dien-ngoc", valid_until=None),
            with_locality("dien-ban", valid_until=None),
        ),
    }
)
# rules that need a context to fire
FIRES_WITH_CONTEXT: dict[str, tuple[Mutation, Context]] = {
    "ANTQ209": (lambda ds: ds, Context(as_of=dt.date(2023, 8, 1))),
}
# rules the seed makes fire, and a change that silences them
SILENCED: dict[str, Mutation] = {
    "ANTQ401": with_event(
        statements=(attrs.evolve(SEED.events[0].statements[0], attribution="ông Huy"),)
    ),
    "ANTQ501": with_award(1, recipient_kind=RecipientKind.INDIVIDUAL),
}


class TestSeed:
    """The seed: no errors, the 'ông Quang' warning, the unstated-kind info."""

    def test_findings(self) -> None:
        report = validate(SEED)
        assert [(f.code, f.severity, f.path, f.subject_id) for f in report] == [
            (
                "ANTQ401",
                Severity.WARNING,
                "$.events[0].statements[0].attribution",
                "dien-ngoc-ngay-hoi-2023",
            ),
            ("ANTQ501", Severity.INFO, "$.awards[1].recipient_kind", "dien-ngoc-2023-2"),
        ]
        assert report.ok

    def test_messages_in_both_languages(self) -> None:
        vi = [f.message for f in validate(SEED)]
        en = [f.message for f in validate(SEED, Context(lang="en"))]
        assert vi[0] == (
            "lời phát biểu ghi của 'ông Quang' nhưng người nói là ông Phan Quang Quốc Huy: "
            "Quang là tên đệm; người Việt được gọi bằng tên, ở đây là Huy"
        )
        assert en[0] == (
            "the statement is attributed to 'ông Quang' but the speaker is ông Phan Quang Quốc Huy: "
            "'Quang' is a middle name of 'Phan Quang Quốc Huy'; people are called by the given name, 'Huy'"
        )
        assert (
            en[1]
            == "recipient kind not stated (2 certificate of commendation): collective, individual or household"
        )


class TestAcceptance:
    """The three changes the issue names give the findings it names."""

    def test_ward_chair_granting_bang_khen(self) -> None:
        report = validate(with_award(2, form=AwardForm.BANG_KHEN)(SEED))
        (finding,) = [f for f in report if f.code == "ANTQ301"]
        assert finding.severity is Severity.ERROR
        assert finding.path == "$.awards[2].form"
        assert finding.message.startswith(
            "Chủ tịch Ủy ban nhân dân cấp xã không có thẩm quyền tặng Bằng khen (chỉ: Giấy khen)"
        )
        assert not report.ok

    def test_district_issuer_after_the_reform(self) -> None:
        changed = then(
            with_issuer(
                3, level=LocalityLevel.DISTRICT, locality=antq.LocalityId("dien-ban"), official=None
            ),
            with_award(3, decided_on=dt.date(2025, 8, 15)),
        )(SEED)
        errors = {f.code for f in validate(changed) if f.severity is Severity.ERROR}
        assert {"ANTQ203", "ANTQ204", "ANTQ302"} <= errors

    def test_household_in_2023(self) -> None:
        report = validate(with_award(3, recipient_kind=RecipientKind.HOUSEHOLD)(SEED))
        # Provinces' rules gave families Giấy khen before the 2022 law (issue 17): a warning.
        assert [(f.code, f.severity) for f in report if f.code.startswith("ANTQ3")] == [
            ("ANTQ305", Severity.WARNING)
        ]

    def test_household_in_2024_is_fine(self) -> None:
        changed = with_award(
            3,
            recipient_kind=RecipientKind.HOUSEHOLD,
            decided_on=dt.date(2024, 8, 1),
            presented_on=dt.date(2024, 8, 1),
            event=None,
        )(SEED)
        assert "ANTQ305" not in codes(changed)


class TestEveryRule:
    """Each built-in rule fires on a change made for it and stays silent on the seed."""

    def test_at_least_25_rules_with_both_languages(self) -> None:
        assert len(BUILTIN_RULES) >= 25
        for rule in BUILTIN_RULES:
            assert set(rule.messages) == {"vi", "en"}, rule.code
            assert rule.rationale, rule.code
            assert rule.basis, rule.code

    def test_every_rule_has_a_case(self) -> None:
        covered = set(FIRES) | set(FIRES_WITH_CONTEXT) | set(SILENCED)
        assert covered == {rule.code for rule in BUILTIN_RULES}

    @pytest.mark.parametrize("code", sorted(FIRES))
    def test_fires(self, code: str) -> None:
        assert code not in codes(SEED)
        assert code in codes(FIRES[code](SEED))

    @pytest.mark.parametrize("code", sorted(FIRES_WITH_CONTEXT))
    def test_fires_with_context(self, code: str) -> None:
        mutation, context = FIRES_WITH_CONTEXT[code]
        assert code not in codes(SEED)
        assert code in codes(mutation(SEED), context)

    @pytest.mark.parametrize("code", sorted(SILENCED))
    def test_silenced(self, code: str) -> None:
        assert code in codes(SEED)
        assert code not in codes(SILENCED[code](SEED))

    @pytest.mark.parametrize("code", sorted(FIRES))
    def test_messages_render_in_english(self, code: str) -> None:
        english = [f for f in validate(FIRES[code](SEED), Context(lang="en")) if f.code == code]
        assert english
        assert all(f.message and "{" not in f.message for f in english)

    def test_festival_window_is_configurable(self) -> None:
        september = with_event(held_on=dt.date(2023, 9, 15))(SEED)
        assert "ANTQ206" in codes(september)
        late = Context(festival_windows={"49": FestivalWindow((9, 1), (9, 30))})
        assert "ANTQ206" not in codes(september, late)
        assert "ANTQ206" not in codes(september, Context(default_window=None))

    def test_reported_total_that_matches(self) -> None:
        totals = (
            antq.ReportedTotal(count=7, recipient_kind=RecipientKind.INDIVIDUAL),
            antq.ReportedTotal(count=13),
            antq.ReportedTotal(count=12, form=AwardForm.GIAY_KHEN),
        )
        assert "ANTQ504" not in codes(with_event(reported_totals=totals)(SEED))

    def test_authority_table_is_replaceable(self) -> None:
        bang_khen_at_ward = with_award(2, form=AwardForm.BANG_KHEN)(SEED)
        generous = antq.rules.DEFAULT_AUTHORITY.extended(
            antq.rules.Authority(
                office=Office.CHU_TICH_UBND,
                level=LocalityLevel.COMMUNE,
                forms=frozenset({AwardForm.BANG_KHEN}),
                basis="quy định riêng (thử nghiệm)",
                certain=True,
            )
        )
        assert "ANTQ301" not in codes(bang_khen_at_ward, Context(authority=generous))
        emptied = antq.rules.DEFAULT_AUTHORITY.without(Office.CHU_TICH_UBND, LocalityLevel.COMMUNE)
        assert "ANTQ303" in codes(SEED, Context(authority=emptied))

    def test_inferred_authority_gives_warnings(self) -> None:
        # The province chair's powers are read from Art. 79 (inferred): a Giấy khen by them
        # is a warning. The police director's rest on Art. 80.1 with Art. 75.1(a): an error.
        chair_giay_khen = with_award(0, form=AwardForm.GIAY_KHEN)(SEED)
        (finding,) = [f for f in validate(chair_giay_khen) if f.code == "ANTQ301"]
        assert finding.severity is Severity.WARNING
        police_bang_khen = with_award(1, form=AwardForm.BANG_KHEN)(SEED)
        (finding,) = [f for f in validate(police_bang_khen) if f.code == "ANTQ301"]
        assert finding.severity is Severity.ERROR


class TestSelection:
    """Select and ignore by code prefix; the longest prefix wins."""

    @pytest.mark.parametrize(
        ("select", "ignore", "expected"),
        [
            ((), (), {"ANTQ401", "ANTQ501"}),
            (("ANTQ4",), (), {"ANTQ401"}),
            ((), ("ANTQ5",), {"ANTQ401"}),
            (("ANTQ",), ("ANTQ4",), {"ANTQ501"}),
            (("ANTQ401",), ("ANTQ4",), {"ANTQ401"}),
            (("ANTQ4",), ("ANTQ401",), set()),
            (("QNAM",), (), set()),
        ],
    )
    def test_prefixes(
        self, select: tuple[str, ...], ignore: tuple[str, ...], expected: set[str]
    ) -> None:
        assert {f.code for f in validate(SEED, select=select, ignore=ignore)} == expected


class TestReport:
    """Reports count, render and raise."""

    def test_counts_and_rendering(self) -> None:
        report = validate(with_award(2, form=AwardForm.BANG_KHEN)(SEED))
        assert report.counts_by_code() == {"ANTQ301": 1, "ANTQ401": 1, "ANTQ501": 1}
        assert report.counts_by_severity() == {
            Severity.ERROR: 1,
            Severity.WARNING: 1,
            Severity.INFO: 1,
        }
        assert [f.code for f in report.at_least(Severity.WARNING)] == ["ANTQ401", "ANTQ301"]
        text = report.to_text(lang="en").splitlines()
        assert text[-1] == "1 error, 1 warning, 1 info"
        assert text[0].startswith("$.events[0].statements[0].attribution: ANTQ401 [warning] ")
        data = json.loads(report.to_json())
        assert data["ok"] is False
        assert data["counts"] == {"error": 1, "warning": 1, "info": 1}
        assert [f["path"] for f in data["findings"]][1:] == [
            "$.awards[1].recipient_kind",
            "$.awards[2].form",
        ]

    def test_findings_are_in_document_order(self) -> None:
        changed = then(with_award(0, count=None), with_award(3, count=None))(SEED)
        paths = [f.path for f in validate(changed)]
        assert paths == sorted(paths, key=lambda p: ("awards" in p, p))

    def test_raise_for_errors(self) -> None:
        validate(SEED).raise_for_errors()
        with pytest.raises(antq.ValidationError) as info:
            validate(with_award(2, form=AwardForm.BANG_KHEN)(SEED)).raise_for_errors()
        assert str(info.value).startswith(
            "1 error(s) in the dataset\n  $.awards[2].form: ANTQ301 [error]"
        )
        assert info.value.report.counts_by_code()["ANTQ301"] == 1


class TestCustomRules:
    """Users register plain functions with the built-ins' decorator, on their own rule set."""

    def test_register_and_run(self) -> None:
        mine = BUILTIN_RULES.copy()

        @mine.rule(
            "QNAM001",
            antq.EntityKind.AWARD,
            severity=Severity.WARNING,
            message={
                "vi": "Quảng Nam yêu cầu số quyết định",
                "en": "Quảng Nam wants a decision number",
            },
            rationale="The province's reporting template needs decision numbers.",
        )
        def decision_number(award: Award, ctx: Context) -> Iterator[Hit]:
            if award.decision is None:
                yield hit().where(at="decision")

        report = validate(SEED, rules=mine)
        assert [f.path for f in report if f.code == "QNAM001"] == [
            f"$.awards[{i}].decision" for i in range(4)
        ]
        assert "QNAM001" not in BUILTIN_RULES  # the built-ins are untouched

    def test_duplicate_codes_rejected(self) -> None:
        mine = RuleSet()
        mine.dataset_rule("QNAM001", severity=Severity.INFO, message="x", rationale="x")(
            lambda ds, ctx: ()
        )
        with pytest.raises(ValueError, match="QNAM001 is registered already"):
            mine.dataset_rule("QNAM001", severity=Severity.INFO, message="y", rationale="y")(
                lambda ds, ctx: ()
            )
        with pytest.raises(ValueError, match="is registered already"):
            _ = mine | mine

    @pytest.mark.parametrize(
        ("code", "reason"),
        [
            ("ANTQ901", "the ANTQ prefix is antq's"),
            ("qnam001", "not letters followed by three digits"),
            ("QNAM1", "not letters"),
        ],
    )
    def test_bad_codes_rejected(self, code: str, reason: str) -> None:
        with pytest.raises(ValueError, match=reason):
            RuleSet().dataset_rule(code, severity=Severity.INFO, message="x", rationale="x")

    def test_a_crashing_rule_becomes_a_finding(self) -> None:
        mine = BUILTIN_RULES.copy()

        @mine.rule(
            "QNAM002", antq.EntityKind.AWARD, severity=Severity.INFO, message="never", rationale="x"
        )
        def broken(award: Award, ctx: Context) -> Iterator[Hit]:
            raise KeyError(award.id)

        report = validate(SEED, rules=mine)
        crashes = [f for f in report if f.code == "ANTQ000"]
        assert len(crashes) == 4
        assert crashes[0].severity is Severity.ERROR
        assert crashes[0].path == "$.awards[0]"
        assert (
            crashes[0].message
            == "quy tắc QNAM002 gặp lỗi khi kiểm tra 'dien-ngoc-2023-1': KeyError: 'dien-ngoc-2023-1'"
        )
        assert {"ANTQ401", "ANTQ501"} <= {f.code for f in report}  # the others still ran

    def test_dataset_rules(self) -> None:
        mine = RuleSet()

        @mine.dataset_rule("QNAM003", severity=Severity.INFO, message="{n} events", rationale="x")
        def count_events(dataset: Dataset, ctx: Context) -> Iterator[Hit]:
            yield hit(n=len(dataset.events))

        (finding,) = validate(SEED, rules=mine)
        assert (finding.path, finding.message, finding.subject_id) == ("$", "1 events", None)


class TestScale:
    """Validation is one pass with index lookups."""

    def test_generated_datasets_do_not_crash(self) -> None:
        from hypothesis import given, settings

        from antq.testing import datasets

        @settings(max_examples=100)
        @given(datasets())
        def check(dataset: Dataset) -> None:
            report = validate(dataset)
            assert all(f.code != "ANTQ000" for f in report), report.to_text(lang="en")
            assert not any(f.code in {"ANTQ101", "ANTQ102", "ANTQ103"} for f in report)

        check()

    def test_keyed_rules_find_what_unkeyed_rules_find(self) -> None:
        """A rule's key only saves work: stripping every key gives the same report."""
        from hypothesis import given, settings
        from hypothesis import strategies as st

        from antq.rules import BUILTIN_RULES
        from antq.testing import datasets

        unkeyed = RuleSet(attrs.evolve(rule, key=None) for rule in BUILTIN_RULES)
        assert any(rule.key is not None for rule in BUILTIN_RULES)

        @settings(max_examples=150, deadline=None)
        @given(datasets(max_records=12), st.sampled_from(["vi", "en"]))
        def check(dataset: Dataset, language: str) -> None:
            context = Context(lang=language)  # type: ignore[arg-type]
            assert validate(dataset, context) == validate(dataset, context, rules=unkeyed)

        check()

    def test_dangling_references_agree_with_the_generic_walk(self) -> None:
        from hypothesis import given, settings
        from hypothesis import strategies as st

        from antq.dataset import COLLECTIONS
        from antq.testing import datasets

        @settings(max_examples=150, deadline=None)
        @given(datasets(max_records=8), st.data())
        def check(dataset: Dataset, data: st.DataObject) -> None:
            dangle = data.draw(st.booleans())
            if dataset.awards and dangle:  # make one reference dangle
                award = data.draw(st.sampled_from(dataset.awards))
                broken = attrs.evolve(award, event=antq.EventId("no-such-event"))
                dataset = attrs.evolve(
                    dataset,
                    awards=tuple(broken if a is award else a for a in dataset.awards),
                )
            indexes = {kind: dataset._by_kind(kind) for _, kind, _ in COLLECTIONS}
            walked = [r for r in dataset.references() if r.target_id not in indexes[r.target_kind]]
            assert dataset.dangling_references() == walked

        check()

    def test_a_reused_context_remembers_nothing_between_runs(self) -> None:
        context = Context()
        award = antq.Award(
            id=antq.AwardId("a"),
            form=antq.AwardForm.GIAY_KHEN,
            issuer=antq.Issuer(office=antq.Office.CHU_TICH_UBND, level=antq.LocalityLevel.COMMUNE),
            event=antq.EventId("nowhere"),
        )
        assert any(f.code == "ANTQ103" for f in validate(Dataset(awards=(award,)), context))
        assert list(validate(Dataset(), context)) == []


class TestRuleApi:
    """The rule API a plugin author meets: no reserved names, typed run state, checks."""

    def test_hit_reserves_no_parameter_name(self) -> None:
        found = hit(at="x", path="y", severity="z", subject_id="w")
        assert dict(found.params) == {"at": "x", "path": "y", "severity": "z", "subject_id": "w"}
        assert (found.at, found.path) == (None, None)
        placed = found.where(at="count", severity=Severity.INFO)
        assert (placed.at, placed.severity, placed.params) == ("count", Severity.INFO, found.params)

    def test_selected_is_a_rule_set(self) -> None:
        chosen = BUILTIN_RULES.selected(["ANTQ3"], ["ANTQ30"])
        assert isinstance(chosen, RuleSet)
        assert {rule.code for rule in chosen} == {
            r.code for r in BUILTIN_RULES if r.code.startswith("ANTQ3") and r.code[5] != "0"
        }
        assert (
            validate(SEED, rules=chosen).findings
            == validate(SEED, select=["ANTQ3"], ignore=["ANTQ30"]).findings
        )

    def test_a_keyed_rule_may_not_name_its_record(self) -> None:
        mine = RuleSet()

        @mine.rule(
            "QNAM010",
            antq.EntityKind.AWARD,
            severity=Severity.INFO,
            message="x",
            rationale="x",
            key=lambda award, ctx: award.form,
        )
        def names_itself(award: Award, ctx: Context) -> Iterator[Hit]:
            yield hit().where(subject_id=award.id)

        report = validate(SEED, rules=mine)
        assert {f.code for f in report} == {"ANTQ000"}
        assert "may not name the record" in report.findings[0].text(lang="en")

    def test_a_key_on_a_dataset_rule_is_refused(self) -> None:
        with pytest.raises(ValueError, match="only a record rule can have a key"):
            RuleSet()._register("QNAM011", None, Severity.INFO, "x", "x", "", lambda r, c: 1)

    def test_run_memory_is_typed_and_fresh_for_each_run(self) -> None:
        mine = RuleSet()
        calls: list[int] = []

        def count_awards(ctx: Context) -> int:
            calls.append(1)
            return len(ctx.dataset.awards)

        def form_count(ctx: Context, form: AwardForm) -> int:
            return sum(a.form is form for a in ctx.dataset.awards)

        @mine.rule(
            "QNAM012",
            antq.EntityKind.AWARD,
            severity=Severity.INFO,
            message="{n}/{of}",
            rationale="x",
        )
        def share(award: Award, ctx: Context) -> Iterator[Hit]:
            yield hit(n=ctx.memo(form_count, award.form), of=ctx.once(count_awards))

        first = validate(SEED, rules=mine)
        assert [f.message for f in first][:2] == ["1/4", "3/4"]
        assert len(calls) == 1  # once for the run, though four awards asked
        validate(SEED, rules=mine)
        assert len(calls) == 2  # a new run starts with an empty memory

    def test_builtins_come_through_their_entry_point(self) -> None:
        assert {r.code for r in antq.builtin_rules()} == {r.code for r in BUILTIN_RULES}
        assert "antq" in {
            ep.name
            for ep in __import__("importlib.metadata").metadata.entry_points(group="antq.rules")
        }

    def test_lookups_share_a_contract(self) -> None:
        ctx = Context(dataset=SEED)
        missing = antq.LocalityId("nowhere")
        for lookup in (SEED.locality, ctx.locality):
            with pytest.raises(antq.UnknownReferenceError):
                lookup(missing)
        assert SEED.find_locality(missing) is None
        assert ctx.find_locality(missing) is None
        assert ctx.find_locality(None) is None
        place = SEED.localities[0]
        assert ctx.locality(place.id) is SEED.locality(place.id) is place


def test_the_invisible_character_scan_misses_none() -> None:
    """ANTQ110 scans the document's bytes first: every invisible character is seen there."""
    from antq.rules.builtin import _MAY_HIDE
    from antq.serialize import _ENCODE
    from antq.validators import INVISIBLE

    missed = [
        hex(point)
        for point in range(0x110000)
        if INVISIBLE.fullmatch(chr(point)) and not _MAY_HIDE.search(_ENCODE(f"x{chr(point)}y"))
    ]
    assert missed == []
    assert sum(1 for point in range(0x3000) if INVISIBLE.fullmatch(chr(point))) > 50
