"""Analysts' tables: typed Arrow columns, Parquet that other tools open, DuckDB tallies.

Generated datasets (antq.testing) drive the differential test between the Python and
DuckDB engines; the example dataset checks columns by hand.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pandas
import polars
import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import antq
from antq import tables
from antq.tables import TABLES, ArrowUnavailableError, to_arrow, to_pandas, to_polars, write_parquet
from antq.testing import datasets

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "data" / "dien_ngoc_2023.json"
SEED = antq.load(EXAMPLE)
ANTQ = str(Path(sys.executable).parent / "antq")


class TestColumns:
    def test_every_table(self) -> None:
        tables = to_arrow(SEED, today=False)
        assert list(tables) == list(TABLES)
        assert tables["awards"].num_rows == 4
        assert tables["events"].num_rows == 1
        assert tables["localities"].num_rows == len(SEED.localities)
        assert tables["positions"].num_rows == sum(len(o.positions) for o in SEED.officials)

    def test_types(self) -> None:
        lines = to_arrow(SEED, today=False)["awards"]
        assert lines.schema.field("form").type == pa.dictionary(pa.int16(), pa.string())
        assert lines.schema.field("decided_on").type == pa.date32()
        assert lines.schema.field("count").type == pa.int32()
        assert lines.column("form").to_pylist() == [a.form.value for a in SEED.awards]
        assert lines.column("form_label").to_pylist() == [a.form.label for a in SEED.awards]
        assert lines.column("recipient_kind_label").to_pylist()[1] == "chưa rõ đối tượng"

    def test_places_and_dates_denormalised(self) -> None:
        row = to_arrow(SEED, today=False)["awards"].to_pylist()[3]
        assert (row["commune"], row["district"], row["province"]) == (
            "dien-ngoc",
            "dien-ban",
            "quang-nam",
        )
        assert row["province_name"] == "tỉnh Quảng Nam"
        assert (row["date"], row["year"], row["event_kind"], row["is_pilot"]) == (
            dt.date(2023, 8, 12),
            2023,
            "festival",
            True,
        )

    def test_an_unknown_count_is_null(self) -> None:
        award = antq.Award(
            id=antq.AwardId("x"),
            form=antq.AwardForm.GIAY_KHEN,
            issuer=antq.Issuer(office=antq.Office.CHU_TICH_UBND, level=antq.LocalityLevel.COMMUNE),
        )
        lines = to_arrow(antq.Dataset(awards=(award,)), today=False)["awards"]
        assert lines.column("count").to_pylist() == [None]
        assert lines.column("count").null_count == 1

    def test_today_s_units_through_the_gazetteer(self) -> None:
        pytest.importorskip("vietnamadminunits")
        row = to_arrow(SEED, today=True)["awards"].to_pylist()[0]
        assert row["province"] == "quang-nam"
        assert row["today_province"] not in (None, "quang-nam")  # Đà Nẵng since 07/2025

    def test_dataframes(self) -> None:
        frames = to_pandas(SEED, today=False)
        assert isinstance(frames["awards"], pandas.DataFrame)
        assert frames["awards"]["count"].tolist() == [1, 2, 4, 6]
        lazy = to_polars(SEED, today=False)
        assert isinstance(lazy["awards"], polars.DataFrame)
        assert lazy["awards"]["form_label"].to_list()[0] == "Bằng khen"

    def test_a_missing_extra_says_how_to_install_it(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "pyarrow", None)
        with pytest.raises(ArrowUnavailableError) as info:
            to_arrow(SEED)
        assert "pip install 'antq[arrow]'" in info.value.describe(lang="en")
        assert "cần gói pyarrow" in info.value.describe(lang="vi")


class TestParquet:
    def test_hive_partitions_that_other_tools_open(self, tmp_path: Path) -> None:
        out = write_parquet(SEED, tmp_path / "out")
        assert (out / "awards" / "province=quang-nam" / "year=2023").is_dir()
        assert {p.name for p in out.glob("*.parquet")} == {f"{n}.parquet" for n in TABLES[1:]}
        rows = (
            duckdb.connect()
            .execute(
                f"SELECT form, sum(count) FROM read_parquet('{out}/awards/**/*.parquet',"
                " hive_partitioning = true) GROUP BY form ORDER BY form"
            )
            .fetchall()
        )
        assert rows == [("bang_khen", 1), ("giay_khen", 12)]
        frame = polars.read_parquet(out / "awards" / "**" / "*.parquet", hive_partitioning=True)
        assert frame.height == 4
        assert set(frame["province"].to_list()) == {"quang-nam"}
        assert pandas.read_parquet(out / "awards")["count"].sum() == 13

    def test_a_stream_writes_what_the_dataset_writes(self, tmp_path: Path) -> None:
        stream = tmp_path / "seed.jsonl"
        antq.dump_jsonl(SEED, stream)
        whole = write_parquet(SEED, tmp_path / "whole")
        streamed = write_parquet(antq.iter_jsonl(stream), tmp_path / "streamed", batch=2)
        for table in TABLES[1:]:
            assert pq.read_table(whole / f"{table}.parquet") == pq.read_table(
                streamed / f"{table}.parquet"
            )

        def lines(folder: Path) -> list[tuple[object, ...]]:
            return sorted(
                duckdb.connect()
                .execute(
                    f"SELECT id, province, year, count FROM read_parquet('{folder}/awards/**/*.parquet',"
                    " hive_partitioning = true)"
                )
                .fetchall()
            )

        assert lines(whole) == lines(streamed)

    def test_partitions_of_any_id_in_files_of_bounded_row_groups(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(tables, "_GROUPS_PER_FILE", 2)
        odd = "tỉnh/A b=%"  # an id is any text without spaces... but a path segment is not
        units = [
            antq.Locality(
                id=antq.LocalityId(odd.replace(" ", "_")),
                name="A",
                unit_type=antq.UnitType.TINH,
            ),
            antq.Locality(
                id=antq.LocalityId("x"),
                name="X",
                unit_type=antq.UnitType.XA,
                parent=antq.LocalityId(odd.replace(" ", "_")),
            ),
        ]
        event = antq.Event(
            id=antq.EventId("e"), kind=antq.EventKind.FESTIVAL, locality=antq.LocalityId("x")
        )
        lines = [
            antq.Award(
                id=antq.AwardId(f"a{n}"),
                form=antq.AwardForm.GIAY_KHEN,
                issuer=antq.Issuer(
                    office=antq.Office.CHU_TICH_UBND, level=antq.LocalityLevel.COMMUNE
                ),
                count=n,
                event=antq.EventId("e") if n % 3 else None,
                decided_on=dt.date(2020 + n % 2, 1, 1),
            )
            for n in range(1, 12)
        ]
        out = write_parquet([*units, event, *lines], tmp_path / "out", batch=1)
        files = sorted((out / "awards").rglob("*.parquet"))
        assert max(int(f.stem.split("-")[1]) for f in files) >= 1  # files were closed and begun
        assert all(pq.ParquetFile(f).metadata.num_row_groups <= 2 for f in files)
        rows = sorted(
            duckdb.connect()
            .execute(
                f"SELECT id, province, year, count FROM read_parquet('{out}/awards/**/*.parquet',"
                " hive_partitioning = true)"
            )
            .fetchall()
        )
        want = sorted(
            (f"a{n}", odd.replace(" ", "_") if n % 3 else None, 2020 + n % 2, n)
            for n in range(1, 12)
        )
        assert rows == want
        # Polars and pyarrow decode the segments too (pandas' read_parquet cannot take a
        # null partition: pyarrow's "Cannot yet unify dictionaries with nulls")
        frame = polars.read_parquet(out / "awards" / "**" / "*.parquet", hive_partitioning=True)
        assert set(frame["province"].to_list()) == {odd.replace(" ", "_"), None}
        read = pads.dataset(out / "awards", partitioning="hive").to_table()
        assert sorted(read["count"].to_pylist()) == list(range(1, 12))
        assert set(read["province"].to_pylist()) == {odd.replace(" ", "_"), None}

    def test_antq_export(self, tmp_path: Path) -> None:
        done = subprocess.run(
            [ANTQ, "export", str(EXAMPLE), str(tmp_path / "out"), "--format", "parquet"],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        counted = antq.tally(tmp_path / "out", ["form"], engine="duckdb")
        assert counted == antq.tally(SEED, ["form"])


@st.composite
def filters(draw: st.DrawFn, dataset: antq.Dataset) -> dict[antq.Dim | str, object]:
    if not dataset.awards or not draw(st.booleans()):
        return {}
    dim = draw(
        st.sampled_from([antq.Dim.FORM, antq.Dim.RECIPIENT_KIND, antq.Dim.YEAR, antq.Dim.PROVINCE])
    )
    values = list(antq.tally(dataset, [dim]).by(dim))
    return {dim: set(draw(st.lists(st.sampled_from(values), min_size=1, max_size=2)))}


class TestDuckdbEngine:
    """antq.tally(..., engine="duckdb") is the Python engine's Tally."""

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        dataset=datasets(),
        dims=st.lists(st.sampled_from(list(antq.Dim)), max_size=3, unique=True),
        dated=st.sampled_from([None, "since", "until"]),
        data=st.data(),
    )
    def test_over_arrow(
        self, dataset: antq.Dataset, dims: list[antq.Dim], dated: str | None, data: st.DataObject
    ) -> None:
        where = data.draw(filters(dataset))
        since = dt.date(2021, 1, 1) if dated == "since" else None
        until = dt.date(2022, 6, 30) if dated == "until" else None
        arrow = to_arrow(dataset, today=False)
        ours = antq.tally(arrow, dims, where=where, since=since, until=until, engine="duckdb")
        theirs = antq.tally(dataset, dims, where=where, since=since, until=until)
        assert ours == theirs
        assert ours.unresolved == theirs.unresolved

    @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        dataset=datasets(), dims=st.lists(st.sampled_from(list(antq.Dim)), max_size=3, unique=True)
    )
    def test_over_parquet(self, dataset: antq.Dataset, dims: list[antq.Dim]) -> None:
        with tempfile.TemporaryDirectory() as folder:
            out = write_parquet(dataset, Path(folder) / "out")
            assert antq.tally(out, dims, engine="duckdb") == antq.tally(dataset, dims)

    def test_what_it_does_not_do(self) -> None:
        with pytest.raises(ValueError, match="no successors"):
            antq.tally(SEED, ["province"], follow_successors=True, engine="duckdb")
        with pytest.raises(TypeError, match="engine='duckdb'"):
            antq.tally(Path("out"), ["form"])


def test_places_the_roll_up_cannot_walk_are_the_python_engine_s() -> None:
    """A commune whose district is missing, an issuer's place nobody has: both noted."""
    commune = antq.Locality(
        id=antq.LocalityId("xa"),
        name="An Phú",
        unit_type=antq.UnitType.XA,
        parent=antq.LocalityId("huyen-gone"),
    )
    event = antq.Event(
        id=antq.EventId("ngay-hoi"), kind=antq.EventKind.FESTIVAL, locality=commune.id
    )
    award = antq.Award(
        id=antq.AwardId("a"),
        event=event.id,
        form=antq.AwardForm.GIAY_KHEN,
        issuer=antq.Issuer(
            office=antq.Office.CHU_TICH_UBND,
            level=antq.LocalityLevel.DISTRICT,
            locality=antq.LocalityId("nowhere"),
        ),
        count=2,
    )
    dataset = antq.Dataset(localities=(commune,), events=(event,), awards=(award,))
    for dims in (["commune"], ["province"], ["issuer_province", "district"]):
        theirs = antq.tally(dataset, dims)
        ours = antq.tally(to_arrow(dataset, today=False), dims, engine="duckdb")
        assert ours == theirs
        assert ours.unresolved == theirs.unresolved
    assert antq.tally(dataset, ["issuer_province", "district"]).unresolved == (
        "huyen-gone",
        "nowhere",
    )
