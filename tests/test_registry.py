"""The registry: one record per fact across sources, every source kept, tallies in SQL.

The acceptance cases use the example dataset and the seed article read by antq.extract;
the matching of real reports uses two reports of ../shared/corpus (real press text).
Generated datasets (antq.testing) drive the differential and round-trip properties.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import antq
from antq import registry as registry_module
from antq.cli import main
from antq.registry import (
    MIGRATIONS,
    NATURAL_KEYS,
    SCHEMA_VERSION,
    NaturalKey,
    Registry,
    RegistryError,
)
from antq.testing import datasets

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "data" / "dien_ngoc_2023.json"
SEED_TEXT = ROOT.parent / "shared" / "seed" / "000_5bb647d728954a56.txt"
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
needs_seed = pytest.mark.skipif(not SEED_TEXT.exists(), reason="../shared/seed is not here")


def seed() -> antq.Dataset:
    return antq.load(EXAMPLE)


def by_id(records: object) -> dict[str, object]:
    return {record.id: record for record in records}  # type: ignore[attr-defined]


class TestDoneWhen:
    """The issue's acceptance lines, through the command."""

    @needs_seed
    def test_example_twice_then_the_extracted_article(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        db = str(tmp_path / "r.sqlite")
        extracted = tmp_path / "seed.json"
        assert main(["extract", str(SEED_TEXT), "-o", str(extracted)]) == 0
        assert main(["registry", "add", db, str(EXAMPLE)]) == 0
        assert main(["registry", "add", db, str(EXAMPLE)]) == 0
        assert main(["registry", "add", db, str(extracted), "--lang", "en"]) == 0
        err = capsys.readouterr().err
        assert "already in the registry" not in err  # said in Vietnamese, above
        assert "đã có trong sổ" in err
        with Registry.open(db) as registry:
            held = registry.dataset()
            assert len(held.events) == 1
            assert held.events[0].kind is antq.EventKind.FESTIVAL
            assert len(held.awards) == 4
            for award in held.awards:
                assert [h.source for h in registry.history(award.id)] == [
                    str(EXAMPLE),
                    str(extracted),
                ]
        assert main(["registry", "tally", db, "--by", "form", "--format", "json"]) == 0
        rows = json.loads(capsys.readouterr().out)["rows"]
        assert {row["form"]: row["recipients"] for row in rows} == {"bang_khen": 1, "giay_khen": 12}

    def test_a_count_two_sources_disagree_on(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        first = seed()
        second = attrs.evolve(
            first,
            awards=(
                attrs.evolve(first.awards[3], id=antq.AwardId("line-4"), count=7),
                *first.awards[:3],
            ),
        )
        a, b = tmp_path / "xa.json", tmp_path / "huyen.json"
        antq.dump(first, a)
        antq.dump(second, b)
        db = str(tmp_path / "r.sqlite")
        assert main(["registry", "add", db, str(a), str(b)]) == 0
        capsys.readouterr()
        assert main(["registry", "conflicts", db, "--lang", "en"]) == 1
        (line,) = capsys.readouterr().out.splitlines()
        assert "ANTQ701" in line
        assert "'count'" in line
        assert f"6 ({a})" in line
        assert f"7 ({b})" in line
        with Registry.open(db) as registry:
            (conflict,) = registry.conflicts()
            assert conflict.fact == first.awards[3].id
            assert registry.dataset().find_award(first.awards[3].id).count == 6  # type: ignore[union-attr]
            # each source's own words, the first given back its body when the second came
            told = [(h.source, h.values["count"]) for h in registry.history(conflict.fact)]
            assert told == [(str(a), 6), (str(b), 7)]
            stored = "SELECT count(body) FROM claims WHERE fact = ?"
            assert registry._db.execute(stored, (conflict.fact,)).fetchone() == (2,)


class TestOneRecordPerFact:
    def test_putting_the_same_content_twice_changes_nothing(self, tmp_path: Path) -> None:
        with Registry.open(tmp_path / "r.sqlite") as registry:
            first = registry.put(seed(), source="a")
            before = registry.dataset()
            again = registry.put(seed(), source="b")
            assert again.already_held
            assert again.source == first.source
            assert registry.dataset() == before
            assert len(registry.sources()) == 1

    @needs_seed
    def test_the_extracted_article_matches_every_record(self, tmp_path: Path) -> None:
        extracted = antq.extract(SEED_TEXT.read_text(encoding="utf-8")).dataset
        with Registry.open(tmp_path / "r.sqlite") as registry:
            registry.put(seed(), source="example")
            done = registry.put(extracted, source="press")
            assert (done.new_facts, done.matched, done.conflicts) == (0, len(extracted), 0)
            held = registry.dataset()
            # what the press added: a second source on each grant line
            assert all(len(award.sources) == 2 for award in held.awards)
            assert held.awards == tuple(
                attrs.evolve(a, sources=(*a.sources, e.sources[0]))
                for a, e in zip(seed().awards, extracted.awards, strict=True)
            )

    def test_ids_alone_are_no_evidence(self, tmp_path: Path) -> None:
        """Two real reports read by antq.extract both call their commune 'commune'."""
        reports = sorted(CORPUS.glob("*.json"))[:2]
        if len(reports) < 2:
            pytest.skip("../shared/corpus is not here")
        read = [
            antq.extract(json.loads(p.read_text(encoding="utf-8"))["text"]).dataset for p in reports
        ]
        assert read[0].localities[0].id == read[1].localities[0].id  # the collision
        with Registry.open(tmp_path / "r.sqlite") as registry:
            for number, dataset in enumerate(read):
                registry.put(dataset, source=f"report {number}")
            held = registry.dataset()
        assert len(held.localities) == sum(len(d.localities) for d in read)
        assert len(held.awards) == sum(len(d.awards) for d in read)
        assert {u.name for u in held.localities} == {u.name for d in read for u in d.localities}

    def test_a_reference_to_nothing_is_refused_whole(self, tmp_path: Path) -> None:
        award = attrs.evolve(seed().awards[0], event=antq.EventId("no-such-event"))
        with Registry.open(tmp_path / "r.sqlite") as registry:
            with pytest.raises(antq.LoadError, match="no-such-event") as info:
                registry.put(antq.Dataset(awards=(award,)), source="sheet")
            paths = [problem.path for problem in info.value.problems]
            assert sorted(paths) == ["$.awards[0].event", "$.awards[0].issuer.locality"]
            assert registry.sources() == []
            assert registry.dataset() == antq.Dataset()

    def test_a_sheet_names_the_registrys_events(self, tmp_path: Path) -> None:
        lines = antq.Dataset(
            awards=tuple(attrs.evolve(a, id=antq.AwardId(f"s-{a.id}")) for a in seed().awards)
        )
        with Registry.open(tmp_path / "r.sqlite") as registry:
            registry.put(seed(), source="example")
            done = registry.put(lines, source="sheet")
            assert (done.new_facts, done.matched) == (0, 4)

    def test_the_natural_keys_are_the_callers(self, tmp_path: Path) -> None:
        never = NaturalKey(keys=lambda record: [], compatible=lambda claim, fact: False)
        renamed = antq.Dataset(
            awards=tuple(attrs.evolve(a, id=antq.AwardId(f"x-{a.id}")) for a in seed().awards)
        )
        with Registry.open(tmp_path / "r.sqlite", keys={antq.EntityKind.AWARD: never}) as registry:
            registry.put(seed(), source="example")
            done = registry.put(renamed, source="again")
            assert done.new_facts == 4
        assert set(NATURAL_KEYS) == set(antq.EntityKind)

    def test_search_and_views(self, tmp_path: Path) -> None:
        path = tmp_path / "r.sqlite"
        with Registry.open(path) as registry:
            registry.put(seed(), source="example")
            found = registry.search("dien ngoc")
            assert (antq.EntityKind.LOCALITY, "dien-ngoc") in [(k, i) for k, i, _ in found]
        db = sqlite3.connect(path)
        forms = {row[0] for row in db.execute('SELECT "hình thức" FROM awards_vi')}
        assert forms == {"Bằng khen", "Giấy khen"}
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        db.close()


@st.composite
def split_datasets(draw: st.DrawFn) -> list[antq.Dataset]:
    """A generated dataset, put whole or in two sources (records in both may repeat)."""
    whole = draw(datasets())
    if not draw(st.booleans()):
        return [whole]
    records = list(whole.records())
    cut = draw(st.integers(0, len(records)))
    return [antq.Dataset.from_records(records[:cut]), whole]


DIMS = list(antq.Dim)


@contextlib.contextmanager
def registry_of(*parts: antq.Dataset) -> Iterator[Registry]:
    """A fresh registry in a temporary folder, holding *parts* put in order."""
    with (
        tempfile.TemporaryDirectory() as folder,
        Registry.open(Path(folder) / "r.sqlite") as registry,
    ):
        for number, part in enumerate(parts):
            registry.put(part, source=f"part {number}")
        yield registry


class TestDifferential:
    """registry.tally in SQL equals antq.tally over registry.dataset()."""

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        parts=split_datasets(),
        dims=st.lists(st.sampled_from(DIMS), max_size=3, unique=True),
        follow=st.booleans(),
        dated=st.booleans(),
        data=st.data(),
    )
    def test_tally(
        self,
        parts: list[antq.Dataset],
        dims: list[antq.Dim],
        follow: bool,
        dated: bool,
        data: st.DataObject,
    ) -> None:
        with registry_of(*parts) as registry:
            held = registry.dataset()
            where: dict[antq.Dim | str, object] = {}
            filtered: bool = data.draw(st.booleans())
            if held.awards and filtered:
                dim = data.draw(
                    st.sampled_from(
                        [
                            antq.Dim.FORM,
                            antq.Dim.RECIPIENT_KIND,
                            antq.Dim.YEAR,
                            antq.Dim.PROVINCE,
                        ]
                    )
                )
                values = list(antq.tally(held, [dim]).by(dim))
                where = {
                    dim: set(data.draw(st.lists(st.sampled_from(values), min_size=1, max_size=2)))
                }
            since = dt.date(2021, 1, 1) if dated else None
            ours = registry.tally(dims, where=where, since=since, follow_successors=follow)
            theirs = antq.tally(held, dims, where=where, since=since, follow_successors=follow)
            assert ours == theirs
            assert ours.unresolved == theirs.unresolved

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(parts=split_datasets())
    def test_the_cells_puts_keep_are_the_cells_a_recount_makes(
        self, parts: list[antq.Dataset]
    ) -> None:
        """Each put counts again only the cells it touched; a recount makes them all."""
        with registry_of(*parts) as registry:
            query = "SELECT * FROM award_cells"
            kept = sorted(map(repr, registry._db.execute(query)))
            registry.recount()
            assert sorted(map(repr, registry._db.execute(query))) == kept

    def test_a_second_source_that_dates_the_event_dates_its_cells(self, tmp_path: Path) -> None:
        """The lines did not change, their event did: its cells are counted again."""
        whole = seed()
        event = whole.events[0]
        vague = attrs.evolve(
            whole, events=(attrs.evolve(event, held_on=antq.PartialDate.parse("2023-08")),)
        )
        with Registry.open(tmp_path / "r.sqlite") as registry:
            registry.put(vague, source="a vague report")
            query = "SELECT DISTINCT event_day FROM award_cells"
            assert registry._db.execute(query).fetchall() == [(None,)]
            registry.put(antq.Dataset(events=whole.events), source="the event alone")
            assert registry._db.execute(query).fetchall() == [("2023-08-12",)]
            august = registry.tally(["form"], since=dt.date(2023, 8, 12))
            assert august == antq.tally(registry.dataset(), ["form"], since=dt.date(2023, 8, 12))
            assert august.total.recipients == 13

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(datasets())
    def test_each_claim_is_the_json_lines_writer_s_line(self, dataset: antq.Dataset) -> None:
        """A put cuts each claim out of the dataset's document: the writer's line exactly."""
        with registry_of(dataset) as registry:
            # each body is stored once: a new fact's claim points at its typed row
            assert registry._db.execute("SELECT count(body) FROM claims").fetchone() == (0,)
            query = f"SELECT kind || ' ' || record_id, {registry_module._CLAIM_BODY} FROM claims c"
            stored = dict(registry._db.execute(query))
        for record in dataset.records():
            line = antq.dumps_jsonl([record]).rstrip("\n").split("\n")[-1]  # after the schema line
            assert stored[f"{json.loads(line)['type']} {record.id}"] == line

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(datasets())
    def test_a_dataset_put_into_a_fresh_registry_comes_back(self, dataset: antq.Dataset) -> None:
        with registry_of(dataset) as registry:
            back = registry.dataset()
        for name in ("localities", "officials", "events", "security_models", "awards"):
            assert by_id(getattr(back, name)) == by_id(getattr(dataset, name)), name

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(datasets())
    def test_a_second_put_of_the_same_records_matches_them_all(self, dataset: antq.Dataset) -> None:
        """The same records under a new source (one more record, so new content)."""
        extra = antq.Locality(
            id=antq.LocalityId("extra-unit"), name="Thêm", unit_type=antq.UnitType.XA
        )
        with (
            tempfile.TemporaryDirectory() as folder,
            Registry.open(Path(folder) / "r.sqlite") as registry,
        ):
            registry.put(dataset, source="first")
            again = antq.Dataset.from_records([*dataset.records(), extra])
            done = registry.put(again, source="second")
            back = registry.dataset()
        assert done.new_facts == 1
        assert done.conflicts == 0
        assert len(back) == len(dataset) + 1


class TestFile:
    """The file: versions, migrations, damaged input, consistency under a writer."""

    def test_every_earlier_version_migrates(self, tmp_path: Path) -> None:
        for version in range(len(MIGRATIONS)):
            path = tmp_path / f"v{version}.sqlite"
            db = sqlite3.connect(path)
            for step in MIGRATIONS[:version]:
                db.executescript(step)
            db.execute(f"PRAGMA user_version = {version}")
            db.close()
            with Registry.open(path) as registry:
                assert registry.version == len(MIGRATIONS) == SCHEMA_VERSION
                registry.put(seed(), source="example")
                assert len(registry.dataset().awards) == 4

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(dataset=datasets(), dims=st.lists(st.sampled_from(DIMS), max_size=2, unique=True))
    def test_a_version_1_file_with_data_migrates(
        self, dataset: antq.Dataset, dims: list[antq.Dim]
    ) -> None:
        """A file as version 1 wrote it (its cells without years and places) tallies right."""
        with tempfile.TemporaryDirectory() as folder:
            now, old = Path(folder) / "now.sqlite", Path(folder) / "v1.sqlite"
            with Registry.open(now) as registry:
                registry.put(dataset, source="a")
            db = sqlite3.connect(old)
            db.executescript(MIGRATIONS[0])
            db.execute("ATTACH ? AS now", (str(now),))
            tables = [
                name
                for (name,) in db.execute(
                    "SELECT name FROM main.sqlite_master WHERE type = 'table'"
                    " AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'names_%'"
                )
            ]
            for table in tables:
                columns = ", ".join(
                    row[1] for row in db.execute(f"PRAGMA main.table_info({table})")
                )
                if table == "claims":  # version 1 kept every claim's body in the claim
                    body = registry_module._CLAIM_BODY.replace("FROM ", "FROM now.")
                    columns = columns.replace("body", body)
                    table = "claims c"
                db.execute(f"INSERT INTO main.{table.split()[0]} SELECT {columns} FROM now.{table}")
            db.commit()
            db.execute("DETACH now")
            db.execute("PRAGMA user_version = 1")
            db.close()
            with Registry.open(old) as registry:
                assert registry.version == len(MIGRATIONS)
                held = registry.dataset()
                assert registry.tally(dims) == antq.tally(held, dims)
                for record in dataset.records():  # the bodies kept through version 3
                    kind = registry_module._KIND_OF[type(record)]
                    (entry,) = registry.history(record.id, kind=kind)
                    assert entry.values["id"] == record.id

    def test_a_newer_file_is_refused(self, tmp_path: Path) -> None:
        path = tmp_path / "r.sqlite"
        db = sqlite3.connect(path)
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
        db.close()
        with pytest.raises(RegistryError, match="newer antq"):
            Registry.open(path)

    @pytest.mark.parametrize("content", [b"not a database at all", b"SQLite format 3\x00junk"])
    def test_not_a_registry(self, tmp_path: Path, content: bytes) -> None:
        path = tmp_path / "r.sqlite"
        path.write_bytes(content * 100)
        with pytest.raises(RegistryError, match="not an antq registry"):
            Registry.open(path)
        assert main(["registry", "tally", str(path), "--by", "form"]) == 2

    def test_another_sqlite_file_is_not_a_registry(self, tmp_path: Path) -> None:
        path = tmp_path / "other.sqlite"
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE t (x)")
        db.close()
        with pytest.raises(RegistryError, match="not an antq registry"):
            Registry.open(path)

    def test_readers_see_the_state_before_a_writer_commits(self, tmp_path: Path) -> None:
        path = tmp_path / "r.sqlite"
        with Registry.open(path) as writer, Registry.open(path) as reader:
            writer.put(seed(), source="a")
            before = reader.dataset()
            writer._db.execute("BEGIN IMMEDIATE")
            writer._db.execute("DELETE FROM recipients")
            writer._db.execute(
                "INSERT INTO sources (name, digest, added_at, records) VALUES ('x', 'y', 'z', 0)"
            )
            assert len(reader.sources()) == 1
            assert reader.dataset() == before
            writer._db.execute("ROLLBACK")

    def test_a_killed_writer_leaves_the_registry_as_before(self, tmp_path: Path) -> None:
        path = tmp_path / "r.sqlite"
        with Registry.open(path) as registry:
            registry.put(seed(), source="example")
            before = registry.dataset()
        big = tmp_path / "big.json"
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import generate

        antq.dump(generate.build(3000), big)
        script = (
            "import sys, antq\n"
            "from antq.registry import Registry\n"
            "dataset = antq.load(sys.argv[2])\n"
            "with Registry.open(sys.argv[1]) as r:\n"
            "    print('putting', flush=True)\n"
            "    r.put(dataset, source='big')\n"
        )
        child = subprocess.Popen(
            [sys.executable, "-c", script, str(path), str(big)], stdout=subprocess.PIPE
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"putting"
        wal = Path(f"{path}-wal")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (not wal.exists() or wal.stat().st_size < 200_000):
            time.sleep(0.01)
        assert child.poll() is None, "the writer finished before it could be killed"
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        with Registry.open(path) as registry:
            assert registry.dataset() == before
            assert [name for _, name, _, _ in registry.sources()] == ["example"]
            assert registry._db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


class TestQueries:
    """registry.dataset's filters, as antq registry export takes them."""

    def test_by_place_date_and_kind(self, tmp_path: Path) -> None:
        with Registry.open(tmp_path / "r.sqlite") as registry:
            registry.put(seed(), source="example")
            whole = registry.dataset()
            here = registry.dataset(place="dien-ban")  # the district holds the ward
            assert (len(here.events), len(here.awards), len(here.security_models)) == (1, 4, 4)
            elsewhere = registry.dataset(place="da-nang")
            assert (len(elsewhere.events), len(elsewhere.awards)) == (0, 0)
            assert elsewhere.localities == whole.localities  # references still resolve
            assert len(registry.dataset(since=dt.date(2023, 8, 12)).awards) == 4
            assert len(registry.dataset(until=dt.date(2023, 8, 11)).awards) == 0
            assert len(registry.dataset(kinds=["festival"]).events) == 1
            assert len(registry.dataset(kinds=[antq.EventKind.REVIEW_CONFERENCE]).events) == 0

    def test_export_a_place(self, tmp_path: Path) -> None:
        db = str(tmp_path / "r.sqlite")
        assert main(["registry", "add", db, str(EXAMPLE)]) == 0
        out = tmp_path / "out.json"
        assert main(["registry", "export", db, str(out), "--place", "da-nang"]) == 0
        assert antq.load(out).awards == ()
        assert main(["registry", "export", db, str(out)]) == 0
        assert antq.load(out).awards == seed().awards
