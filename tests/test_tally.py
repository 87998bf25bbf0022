"""Tallies equal brute-force counts, add up, pivot consistently; the awards CSV round-trips."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import antq
from antq import AwardForm, Cell, Dataset, Dim, RecipientKind
from antq.tally import tally
from antq.testing import awards, datasets

ROOT = Path(__file__).resolve().parents[1]
SEED = antq.load(ROOT / "examples" / "data" / "dien_ngoc_2023.json")
ALL_DIMS = list(Dim)


def brute_force(dataset: Dataset, dims: list[Dim]) -> dict[tuple[Any, ...], Cell]:
    """The same counts, computed the slow, obvious way."""
    events = {e.id: e for e in dataset.events}
    places: dict[str, antq.Locality] = {p.id: p for p in dataset.localities}

    def up(id: str | None, level: antq.LocalityLevel) -> str | None:
        seen = set()
        while id is not None and id not in seen and id in places:
            seen.add(id)
            if places[id].level is level:
                return id
            id = places[id].parent
        return None

    def value(award: antq.Award, dim: Dim) -> Any:
        event = events.get(award.event) if award.event else None
        dated = award.decided_on or award.presented_on
        return {
            Dim.FORM: award.form,
            Dim.OFFICE: award.issuer.office,
            Dim.ISSUER_LEVEL: award.issuer.level,
            Dim.ISSUER_LOCALITY: award.issuer.locality,
            Dim.ISSUER_PROVINCE: up(award.issuer.locality, antq.LocalityLevel.PROVINCE),
            Dim.RECIPIENT_KIND: award.recipient_kind,
            Dim.EVENT: award.event,
            Dim.EVENT_KIND: event.kind if event else None,
            Dim.YEAR: dated.year if dated else (event.year if event else None),
            Dim.PILOT: event.is_pilot if event else None,
            Dim.COMMUNE: up(event.locality if event else None, antq.LocalityLevel.COMMUNE),
            Dim.DISTRICT: up(event.locality if event else None, antq.LocalityLevel.DISTRICT),
            Dim.PROVINCE: up(event.locality if event else None, antq.LocalityLevel.PROVINCE),
        }[dim]

    lines: Counter[tuple[Any, ...]] = Counter()
    recipients: Counter[tuple[Any, ...]] = Counter()
    unknown: Counter[tuple[Any, ...]] = Counter()
    for award in dataset.awards:
        key = tuple(value(award, dim) for dim in dims)
        lines[key] += 1
        recipients[key] += award.count or 0
        unknown[key] += award.count is None
    return {key: Cell(lines[key], recipients[key], unknown[key]) for key in lines}


class TestSeed:
    """The seed gives exactly the totals of the domain sheet."""

    def test_totals(self) -> None:
        counted = antq.tally(SEED, [Dim.FORM, Dim.RECIPIENT_KIND])
        assert counted.total == Cell(lines=4, recipients=13, unknown_lines=0)
        assert {k: c.recipients for k, c in counted.by(Dim.FORM).items()} == {
            AwardForm.BANG_KHEN: 1,
            AwardForm.GIAY_KHEN: 12,
        }
        assert {k: c.recipients for k, c in counted.by(Dim.RECIPIENT_KIND).items()} == {
            RecipientKind.COLLECTIVE: 4,
            RecipientKind.INDIVIDUAL: 7,
            RecipientKind.UNSPECIFIED: 2,
        }

    def test_sentence(self) -> None:
        assert antq.award_sentence(SEED) == (
            "13 lượt khen thưởng: 1 Bằng khen, 12 Giấy khen; 4 tập thể, 7 cá nhân, 2 chưa rõ đối tượng."
        )
        assert antq.award_sentence(SEED, lang="en") == (
            "13 awards: 1 × certificate of merit, 12 × certificate of commendation; "
            "4 collectives, 7 individuals, 2 recipients of unstated kind."
        )

    def test_large_numbers_are_grouped_as_each_language_writes_them(self) -> None:
        many = attrs.evolve(
            SEED, awards=tuple(attrs.evolve(a, count=1_000 + n) for n, a in enumerate(SEED.awards))
        )
        total = sum(a.count or 0 for a in many.awards)  # 4,006
        vi, en = antq.award_sentence(many), antq.award_sentence(many, lang="en")
        assert vi.startswith(f"{total // 1000}.{total % 1000:03d} lượt khen thưởng: ")
        assert en.startswith(f"{total // 1000},{total % 1000:03d} awards: ")

    def test_unknown_counts_say_at_least(self) -> None:
        vague = attrs.evolve(
            SEED,
            awards=(*SEED.awards, attrs.evolve(SEED.awards[2], id=antq.AwardId("x"), count=None)),
        )
        counted = antq.tally(vague, [Dim.FORM])
        assert counted.total == Cell(lines=5, recipients=13, unknown_lines=1)
        assert str(counted.total) == "≥13"
        assert antq.award_sentence(vague).startswith(
            "ít nhất 13 lượt khen thưởng (trong 5 dòng): 1 Bằng khen, ít nhất 12 Giấy khen; ít nhất 4 tập thể"
        )

    def test_pivot_table(self) -> None:
        table = antq.tally(SEED, [Dim.FORM, Dim.RECIPIENT_KIND]).pivot(Dim.FORM, Dim.RECIPIENT_KIND)
        assert table.table() == [
            ["Hình thức \\ Đối tượng", "tập thể", "cá nhân", "chưa rõ đối tượng", "Tổng cộng"],
            ["Bằng khen", "–", "1", "–", "1"],
            ["Giấy khen", "4", "6", "2", "12"],
            ["Tổng cộng", "4", "7", "2", "13"],
        ]

    def test_roll_up_and_todays_boundaries(self) -> None:
        as_recorded = antq.tally(SEED, [Dim.PROVINCE, Dim.DISTRICT, Dim.COMMUNE])
        assert list(as_recorded.cells) == [("quang-nam", "dien-ban", "dien-ngoc")]
        today = antq.tally(SEED, [Dim.PROVINCE, Dim.DISTRICT, Dim.COMMUNE], follow_successors=True)
        assert list(today.cells) == [("da-nang", None, "dien-ban-dong")]
        assert today.name(Dim.PROVINCE, "da-nang") == "thành phố Đà Nẵng"

    def test_filters_and_dates(self) -> None:
        giay_khen = antq.tally(SEED, [Dim.OFFICE], where={Dim.FORM: AwardForm.GIAY_KHEN})
        assert giay_khen.total.recipients == 12
        communes = antq.tally(
            SEED, where={"issuer_level": "commune", Dim.RECIPIENT_KIND: {RecipientKind.INDIVIDUAL}}
        )
        assert communes.total == Cell(1, 6, 0)
        in_2023 = antq.tally(SEED, since=dt.date(2023, 1, 1), until=dt.date(2023, 12, 31))
        assert in_2023.total.recipients == 13
        assert antq.tally(SEED, since=dt.date(2024, 1, 1)).total == Cell()

    def test_undated_lines_are_counted_apart(self) -> None:
        loose = attrs.evolve(SEED, awards=(attrs.evolve(SEED.awards[0], event=None),))
        counted = antq.tally(loose, since=dt.date(2023, 1, 1))
        assert (counted.total, counted.undated) == (Cell(), 1)

    def test_unknown_dimension(self) -> None:
        with pytest.raises(ValueError, match="'tinh' is not a known tally dimension"):
            antq.tally(SEED, ["tinh"])

    def test_text_and_csv(self) -> None:
        counted = antq.tally(SEED, [Dim.OFFICE])
        text = counted.to_text(lang="en").splitlines()
        assert text[0].split() == ["issuing", "office", "Lines", "Awards"]
        assert text[-1].split() == ["Total", "4", "13"]
        rows = list(
            csv.reader(io.StringIO(counted.to_csv(lang="vi", bom=True).removeprefix("\ufeff")))
        )
        assert rows[0] == ["Người khen thưởng", "Số dòng", "Số lượt"]
        assert rows[-1] == ["Tổng cộng", "4", "13"]
        assert counted.to_csv(bom=True).startswith("\ufeff")


class TestProperties:
    """For any dataset: tallies equal brute force, parts add up, views agree."""

    @settings(max_examples=150)
    @given(datasets(), st.lists(st.sampled_from(ALL_DIMS), min_size=0, max_size=3, unique=True))
    def test_equals_brute_force(self, dataset: Dataset, dims: list[Dim]) -> None:
        counted = antq.tally(dataset, dims)
        assert dict(counted.cells) == brute_force(dataset, dims)

    @settings(max_examples=100)
    @given(datasets(), st.lists(st.sampled_from(ALL_DIMS), min_size=1, max_size=3, unique=True))
    def test_groups_add_up(self, dataset: Dataset, dims: list[Dim]) -> None:
        counted = antq.tally(dataset, dims)
        assert counted.total.lines == len(dataset.awards)
        assert sum(counted.cells.values(), Cell()) == counted.total
        for dim in dims:
            assert sum(counted.by(dim).values(), Cell()) == counted.total

    @settings(max_examples=100)
    @given(datasets(), st.lists(st.sampled_from(ALL_DIMS), min_size=2, max_size=3, unique=True))
    def test_pivot_and_rows_agree(self, dataset: Dataset, dims: list[Dim]) -> None:
        counted = antq.tally(dataset, dims)
        table = counted.pivot(dims[0], dims[1])
        from_rows: dict[tuple[Any, Any], list[int]] = {}
        for row in counted.rows():
            slot = from_rows.setdefault((row[dims[0].value], row[dims[1].value]), [0, 0])
            slot[0] += row["lines"]
            slot[1] += row["recipients"]
        assert {k: [c.lines, c.recipients] for k, c in table.cells.items()} == from_rows
        assert sum((table.row_total(r) for r in table.row_values), Cell()) == counted.total
        assert sum((table.column_total(c) for c in table.column_values), Cell()) == counted.total

    @settings(max_examples=100)
    @given(datasets())
    def test_stream_equals_dataset(self, dataset: Dataset) -> None:
        dims = [Dim.PROVINCE, Dim.FORM, Dim.YEAR]
        streamed = antq.tally(antq.iter_jsonl(io.StringIO(antq.dumps_jsonl(dataset))), dims)
        assert streamed.cells == antq.tally(dataset, dims).cells

    @settings(max_examples=100)
    @given(datasets(), st.sampled_from(ALL_DIMS), st.data())
    def test_filter_equals_selection(self, dataset: Dataset, dim: Dim, data: st.DataObject) -> None:
        whole = antq.tally(dataset, [dim])
        if not whole.cells:
            return
        wanted = data.draw(st.sampled_from(sorted(whole.cells, key=str)))[0]
        assert antq.tally(dataset, where={dim: wanted}).total == whole.cells[(wanted,)]


class TestReconcile:
    """Stated totals are compared with the grant lines."""

    def test_seed_statement_matches(self) -> None:
        stated = [
            antq.ReportedTotal(count=4, recipient_kind=RecipientKind.COLLECTIVE),
            antq.ReportedTotal(count=6, recipient_kind=RecipientKind.INDIVIDUAL),
        ]
        ward_lines = [a for a in SEED.awards if a.issuer.level is antq.LocalityLevel.COMMUNE]
        assert antq.reconcile(ward_lines, stated) == []

    def test_differences_listed(self) -> None:
        stated = [
            antq.ReportedTotal(count=10, recipient_kind=RecipientKind.INDIVIDUAL),
            antq.ReportedTotal(count=13),
        ]
        (difference,) = antq.reconcile(SEED.awards, stated)
        assert difference.delta == -3
        assert difference.describe() == "nguồn ghi 10 cá nhân, các dòng cộng lại 7"
        assert difference.describe(lang="en") == "stated 10 individuals; the lines add up to 7"

    def test_unknown_counts_leave_room(self) -> None:
        vague = [attrs.evolve(SEED.awards[3], count=None)]
        assert antq.reconcile(vague, [antq.ReportedTotal(count=6)]) == []


class TestAwardsCsv:
    """The flat awards table round-trips exactly and is safe to open in a spreadsheet."""

    @settings(max_examples=200)
    @given(st.lists(awards(), max_size=5, unique_by=lambda a: a.id))
    def test_round_trip(self, lines: list[antq.Award]) -> None:
        assert antq.loads_awards_csv(antq.dumps_awards_csv(lines)).awards == tuple(lines)
        assert antq.loads_awards_csv(
            antq.dumps_awards_csv(lines, bom=True).encode()
        ).awards == tuple(lines)

    @pytest.mark.parametrize(
        "text", ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "'quoted", "''twice"]
    )
    def test_formulas_neutralised(self, text: str) -> None:
        award = attrs.evolve(SEED.awards[0], reason=text)
        table = antq.dumps_awards_csv([award])
        (row,) = list(csv.DictReader(io.StringIO(table)))
        assert row["reason"] == "'" + text
        assert antq.loads_awards_csv(table) == antq.Dataset(awards=(award,))

    def test_seed_file(self, tmp_path: Path) -> None:
        path = tmp_path / "awards.csv"
        antq.dump_awards_csv(SEED, path, bom=True)
        assert path.read_bytes().startswith(b"\xef\xbb\xbfid,event,form,")
        assert antq.load_awards_csv(path) == antq.Dataset(awards=SEED.awards)

    def test_every_problem_with_its_cell(self) -> None:
        table = antq.dumps_awards_csv(SEED).splitlines()
        table[1] = table[1].replace(",1,", ",1x,", 1).replace(",province,", ",tinh,", 1)
        table[3] = table[3].replace("dien-ngoc-2023-3,", ",", 1)
        with pytest.raises(antq.LoadError) as info:
            antq.loads_awards_csv("\n".join(table))
        assert [str(p) for p in info.value.problems] == [
            "line 2: $[0].count (award 'dien-ngoc-2023-1'): expected int, got '1x'",
            "line 2: $[0].issuer_level (award 'dien-ngoc-2023-1'): 'tinh' is not a known "
            "administrative level; expected one of: national, province, district, commune, "
            "residential",
            "line 4: $[2].id: missing required key",
        ]

    def test_header_checked(self) -> None:
        with pytest.raises(antq.LoadError) as info:
            antq.loads_awards_csv("id,form,so_luong\n")
        assert [str(p) for p in info.value.problems] == [
            "line 1: $: unknown column 'so_luong'",
            "line 1: $: missing column 'issuer_office'",
            "line 1: $: missing column 'issuer_level'",
        ]


class TestProject:
    """A tally projected onto fewer dimensions is the tally by those dimensions."""

    @settings(max_examples=60, deadline=None)
    @given(
        dataset=datasets(),
        dims=st.lists(st.sampled_from(list(Dim)), min_size=1, max_size=3, unique=True),
        data=st.data(),
    )
    def test_projection_equals_a_fresh_tally(
        self, dataset: antq.Dataset, dims: list[Dim], data: st.DataObject
    ) -> None:
        kept = data.draw(st.lists(st.sampled_from(dims), unique=True))
        assert tally(dataset, dims).project(kept) == tally(dataset, kept)

    def test_the_sentence_with_other_dimensions(self) -> None:
        """`antq tally --by province --sentence` exited 3: the sentence needs form and kind."""
        from antq.cli import main

        out = io.StringIO()
        example = str(Path(__file__).parent.parent / "examples/data/dien_ngoc_2023.json")
        assert main(["tally", example, "--by", "province", "--sentence"], stdout=out) == 0
        assert "13 lượt khen thưởng: 1 Bằng khen, 12 Giấy khen" in out.getvalue()
        assert "Quảng Nam" in out.getvalue()
        with pytest.raises(ValueError, match="needs a tally by form and recipient_kind"):
            antq.award_sentence(tally(antq.load(example), [Dim.PROVINCE]))
