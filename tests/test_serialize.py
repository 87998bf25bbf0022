from __future__ import annotations

import datetime as dt
import io
import json
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import antq
from antq import Dataset, LoadError
from antq.testing import (
    awards,
    datasets,
    events,
    localities,
    officials,
    partial_dates,
    security_models,
    sources,
)

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "data" / "dien_ngoc_2023.json"
ROUND_TRIP = settings(max_examples=200)


def document(**collections: list[dict[str, Any]]) -> dict[str, Any]:
    return {"schema": "antq/1", **collections}


def problems(source: Any, *, jsonl: bool = False) -> list[str]:
    """The problems, as strings, of loading *source* (which must fail)."""
    if isinstance(source, dict):
        source = json.dumps(source, ensure_ascii=False)
    with pytest.raises(LoadError) as info:
        antq.loads_jsonl(source) if jsonl else antq.loads(source)
    assert isinstance(info.value, ValueError)
    return [str(problem) for problem in info.value.problems]


PLACE = {"id": "p", "name": "Điện Ngọc", "unit_type": "phuong", "code": "20563"}
GRANT = {
    "id": "a1",
    "form": "giay_khen",
    "issuer": {"office": "chu_tich_ubnd", "level": "commune"},
    "recipient_kind": "collective",
    "count": 4,
}


class TestRoundTrip:
    """Every model and whole datasets survive JSON and JSON Lines unchanged."""

    @pytest.mark.parametrize(
        "records",
        [localities(), officials(), events(), security_models(), awards()],
        ids=["locality", "official", "event", "security_model", "award"],
    )
    @ROUND_TRIP
    @given(data=st.data())
    def test_each_record_through_json(
        self, records: st.SearchStrategy[antq.Record], data: st.DataObject
    ) -> None:
        record = data.draw(records)
        wire = json.loads(json.dumps(antq.unstructure(record), ensure_ascii=False))
        assert antq.structure(wire, type(record)) == record

    @ROUND_TRIP
    @given(sources() | partial_dates())
    def test_value_types(self, value: antq.Source | antq.PartialDate) -> None:
        assert antq.structure(antq.unstructure(value), type(value)) == value

    @ROUND_TRIP
    @given(datasets())
    def test_document(self, dataset: Dataset) -> None:
        text = antq.dumps(dataset)
        assert antq.loads(text) == dataset
        assert antq.loads(text.encode("utf-8")) == dataset

    @ROUND_TRIP
    @given(datasets())
    def test_jsonl(self, dataset: Dataset) -> None:
        text = antq.dumps_jsonl(dataset)
        assert antq.loads_jsonl(text) == dataset
        assert list(antq.iter_jsonl(io.StringIO(text))) == list(dataset.records())
        assert text.count("\n") == len(dataset) + 1

    @ROUND_TRIP
    @given(datasets())
    def test_writer_matches_the_standard_library(self, dataset: Dataset) -> None:
        data = antq.unstructure(dataset)
        assert antq.dumps(dataset) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        expected = [json.dumps({"schema": "antq/1"})] + [
            json.dumps(
                {"type": kind.value, **antq.unstructure(record)},
                ensure_ascii=False,
                separators=(",", ":"),
            )
            for name, kind, _ in antq.dataset.COLLECTIONS
            for record in getattr(dataset, name)
        ]
        assert antq.dumps_jsonl(dataset).splitlines() == expected

    @given(st.text(min_size=1).filter(lambda t: t == t.strip() and antq.is_nfc(t)))
    def test_any_text_is_written_as_json_would(self, text: str) -> None:
        source = antq.Source(title="T", note=text)
        place = antq.Locality(
            id=antq.LocalityId("x"), name="A", unit_type=antq.UnitType.XA, sources=(source,)
        )
        data = antq.unstructure(Dataset(localities=(place,)))
        assert antq.dumps(Dataset(localities=(place,))) == (
            json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        )

    def test_example_file_is_a_fixed_point(self) -> None:
        text = EXAMPLE.read_text(encoding="utf-8")
        assert antq.dumps(antq.loads(text)) == text


RECORD = " (award 'a1')"


class TestStrictTypes:
    """Wrong JSON types are errors, never coerced."""

    def test_three_defects_in_one_error(self) -> None:
        bad_grant = {**GRANT, "id": "a2", "count": "4"}
        bad_place = {**PLACE, "population": 12000}
        bad_event = {"id": "e", "kind": "festival", "locality": "p", "held_on": "2023-02-30"}
        doc = document(localities=[bad_place], events=[bad_event], awards=[GRANT, bad_grant])
        assert problems(doc) == [
            "$.localities[0].population (locality 'p'): unknown key",
            "$.events[0].held_on (event 'e'): no such date '2023-02-30': day is out of range for month",
            "$.awards[1].count (award 'a2'): expected int, got str",
        ]

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("count", "3", "expected int, got str"),
            ("count", 3.0, "expected int, got float"),
            ("count", True, "expected int, got bool"),
            ("id", 5, "expected str, got int"),
            ("decided_on", "12/08/2023", "expected a date YYYY-MM-DD, got '12/08/2023'"),
            ("decided_on", "20230812", "expected a date YYYY-MM-DD, got '20230812'"),
            (
                "decided_on",
                "2023-02-29",
                "no such date '2023-02-29': day is out of range for month",
            ),
            ("recipients", {"name": "A"}, "expected array, got object"),
            ("issuer", "UBND tỉnh", "expected object, got str"),
            (
                "form",
                "Giấy khen",
                "'Giấy khen' is not a known award form (did you mean 'giay_khen'?); expected one of: "
                "huan_chuong, huy_chuong, co_thi_dua, bang_khen, ky_niem_chuong, giay_khen, "
                "bieu_duong, tuyen_duong, chua_ro",
            ),
            ("count", 0, "must be at least 1"),
        ],
    )
    def test_award_field(self, field: str, value: object, message: str) -> None:
        assert problems(document(awards=[{**GRANT, field: value}])) == [
            f"$.awards[0].{field}{'' if field == 'id' else RECORD}: {message}"
        ]

    def test_nested_paths(self) -> None:
        grant = {**GRANT, "issuer": {"office": "chu_tich_ubnd", "level": 2, "extra": None}}
        grant["recipients"] = [{"name": "A"}, {"name": ""}, {"name": "C"}, {"name": "D"}]
        assert problems(document(awards=[grant])) == [
            "$.awards[0].issuer.level (award 'a1'): expected a value of administrative level, got int",
            "$.awards[0].issuer.extra (award 'a1'): unknown key",
            "$.awards[0].recipients[1].name (award 'a1'): must not be empty",
        ]

    def test_missing_required_key(self) -> None:
        place = {"id": "p", "unit_type": "phuong"}
        assert problems(document(localities=[place])) == [
            "$.localities[0].name (locality 'p'): missing required key"
        ]

    def test_invariant_paths_name_the_field(self) -> None:
        grant = {**GRANT, "count": 2, "recipients": [{"name": "A"}]}
        assert problems(document(awards=[grant])) == [
            "$.awards[0].recipients (award 'a1'): names 1 recipients but count is 2"
        ]


class TestDocument:
    """The document envelope: schema, JSON syntax, encodings, duplicates."""

    def test_schema_required(self) -> None:
        assert problems({"localities": []}) == [
            '$.schema: missing required key (a document starts with {"schema": "antq/1"})'
        ]

    def test_schema_version_checked(self) -> None:
        assert problems({"schema": "antq/2"}) == [
            "$.schema: unsupported schema 'antq/2'; this antq reads 'antq/1'"
        ]

    def test_unknown_top_level_key(self) -> None:
        assert problems({"schema": "antq/1", "giai_thuong": []}) == ["$.giai_thuong: unknown key"]

    def test_not_an_object(self) -> None:
        assert problems("[1, 2]") == ["$: expected object, got array"]

    def test_not_json(self) -> None:
        assert problems('{"schema": "antq/1",}') == [
            "$: not valid JSON (line 1, column 21): Expecting property name enclosed in double quotes"
        ]

    def test_deep_nesting_is_a_load_error(self) -> None:
        deep = "[" * 100_000 + "]" * 100_000
        assert problems(deep) == ["$: JSON nested too deeply to read"]
        assert problems('{"schema": "antq/1", "x": ' + deep + "}") == [
            "$: JSON nested too deeply to read"
        ]
        header = '{"schema": "antq/1"}\n'
        assert problems(header + deep + "\n", jsonl=True) == [
            "line 2: $: JSON nested too deeply to read"
        ]

    def test_nan_is_not_json(self) -> None:
        assert problems('{"schema": NaN}') == ["$: not valid JSON: NaN is not a JSON number"]

    def test_not_utf8(self) -> None:
        assert problems(b'{"schema": "antq/1", "x": "\xff"}') == [
            "$: not UTF-8 text (bad byte at offset 27)"
        ]

    def test_bom_accepted(self) -> None:
        text = EXAMPLE.read_text(encoding="utf-8")
        assert antq.loads(b"\xef\xbb\xbf" + text.encode()) == antq.loads(text)
        assert antq.loads("\ufeff" + text) == antq.loads(text)

    def test_duplicate_keys_are_not_silently_dropped(self) -> None:
        text = '{"schema": "antq/1", "localities": [{"id": "p", "name": "A", "name": "B", "unit_type": "xa"}]}'
        assert problems(text) == [
            "$.localities[0].name: duplicate key (JSON keeps only the last value)"
        ]

    def test_duplicate_ids_listed_with_other_problems(self) -> None:
        doc = document(localities=[PLACE, PLACE], awards=[{**GRANT, "count": -1}])
        assert problems(doc) == [
            "$.awards[0].count (award 'a1'): must be at least 1",
            "$.localities[1]: duplicate locality id 'p' (first at $.localities[0])",
        ]

    def test_duplicate_ids_alone(self) -> None:
        assert problems(document(localities=[PLACE, PLACE])) == [
            "$.localities[1]: duplicate locality id 'p' (first at $.localities[0])"
        ]

    def test_text_is_stored_nfc(self) -> None:
        nfd = {**PLACE, "name": unicodedata.normalize("NFD", "Điện Ngọc")}
        dataset = antq.loads(json.dumps(document(localities=[nfd])))
        assert dataset.localities[0].name == "Điện Ngọc"
        assert unicodedata.is_normalized("NFC", dataset.localities[0].name)

    def test_dangling_references_load(self) -> None:
        event = {"id": "e", "kind": "festival", "locality": "nowhere"}
        dataset = antq.loads(json.dumps(document(events=[event])))
        assert [ref.path for ref in dataset.dangling_references()] == ["$.events[0].locality"]

    def test_partial_dates_on_the_wire(self) -> None:
        for text, value in [
            ("2023", antq.PartialDate(year=2023)),
            ("--08-12", antq.PartialDate(month=8, day=12)),
            ("2023-08-12", dt.date(2023, 8, 12)),
        ]:
            event = {"id": "e", "kind": "festival", "locality": "p", "held_on": text}
            assert antq.loads(json.dumps(document(events=[event]))).events[0].held_on == value

    def test_error_names_the_file(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.json"
        path.write_text('{"schema": "antq/9"}', encoding="utf-8")
        with pytest.raises(LoadError) as info:
            antq.load(path)
        assert str(info.value) == (
            f"cannot load in {path}: $.schema: unsupported schema 'antq/9'; this antq reads 'antq/1'"
        )
        assert info.value.source == str(path)

    def test_load_reads_files_and_loads_reads_text(self, tmp_path: Path) -> None:
        dataset = antq.load(EXAMPLE)
        assert antq.load(str(EXAMPLE)) == dataset
        with EXAMPLE.open("rb") as stream:
            assert antq.load(stream) == dataset
        assert antq.loads(EXAMPLE.read_text(encoding="utf-8")) == dataset
        assert antq.loads(EXAMPLE.read_bytes()) == dataset

    def test_load_never_sniffs_a_str(self, tmp_path: Path) -> None:
        # A str is a path, even one that starts like JSON text: no guessing by its start.
        with pytest.raises(FileNotFoundError):
            antq.load("{not a file}")
        with pytest.raises(TypeError, match="binary"):
            antq.load(EXAMPLE.open(encoding="utf-8"))  # type: ignore[arg-type]

    def test_missing_file_is_an_os_error(self, tmp_path: Path) -> None:
        with pytest.raises(FileNotFoundError):
            antq.load(tmp_path / "none.json")

    @pytest.mark.parametrize(
        "read",
        [antq.load, antq.load_jsonl, lambda source: list(antq.iter_jsonl(source))],
        ids=["load", "load_jsonl", "iter_jsonl"],
    )
    @pytest.mark.parametrize("source", ["\x00", "x\n{}", "a\nb"])
    def test_a_str_that_is_neither_text_nor_a_path(
        self, read: Callable[[str], object], source: str
    ) -> None:
        # Once a bare ValueError from pathlib ("embedded null byte").
        with pytest.raises(antq.LoadError) as info:
            read(source)
        assert info.value.problems[0].message.startswith("a str is a file's path here")
        assert "đường dẫn tệp" in info.value.describe(lang="vi")


class TestJsonLines:
    """A header line, then one typed record a line; errors carry line numbers."""

    HEADER = '{"schema": "antq/1"}'

    def test_format(self) -> None:
        text = antq.dumps_jsonl(antq.load(EXAMPLE))
        lines = text.splitlines()
        assert lines[0] == self.HEADER
        assert json.loads(lines[1])["type"] == "locality"
        assert json.loads(lines[-1])["type"] == "award"

    def test_errors_on_every_line(self) -> None:
        text = "\n".join(
            [
                self.HEADER,
                json.dumps({"type": "locality", **PLACE}),
                json.dumps({"type": "award", **GRANT, "count": "4"}),
                "",
                json.dumps({"type": "giai_thuong", "id": "x"}),
                "{not json",
                json.dumps({"type": "locality", **PLACE}),
            ]
        )
        assert problems(text, jsonl=True) == [
            "line 3: $.count (award 'a1'): expected int, got str",
            "line 5: $.type: expected a record type (locality, official, event, "
            "security_model, award), got 'giai_thuong'",
            "line 6: $: not valid JSON (column 2): Expecting property name enclosed in double "
            "quotes",
            "line 7: $.id: duplicate locality id 'p' (first on line 2)",
        ]

    def test_header_required(self) -> None:
        text = json.dumps({"type": "locality", **PLACE})
        assert problems(text, jsonl=True) == [
            'line 1: $: the first line must be {"schema": "antq/1"}'
        ]

    def test_iter_is_lazy_and_stops_at_the_first_bad_line(self) -> None:
        good = json.dumps({"type": "locality", **PLACE})
        lines = iter([self.HEADER, good, '{"type": "award"}', "never read"])
        stream = antq.iter_jsonl(lines)
        assert next(stream).id == "p"
        with pytest.raises(LoadError) as info:
            next(stream)
        assert str(info.value.problems[0]) == "line 3: $.id: missing required key"
        assert next(lines) == "never read"

    def test_reads_paths_and_binary_streams(self, tmp_path: Path) -> None:
        dataset = antq.load(EXAMPLE)
        path = tmp_path / "seed.jsonl"
        antq.dump_jsonl(dataset, path)
        assert antq.load_jsonl(path) == dataset
        assert antq.load_jsonl(str(path)) == dataset
        with path.open("rb") as stream:
            assert Dataset.from_records(antq.iter_jsonl(stream)) == dataset

    @given(datasets(max_records=3), st.integers(1, 3))
    def test_concatenated_streams(self, dataset: Dataset, copies: int) -> None:
        text = antq.dumps_jsonl(dataset)
        records = list(antq.iter_jsonl(io.StringIO(text * copies)))
        assert records == list(dataset.records()) * copies


class TestAtomicWrites:
    """Writes go through a temporary file: a failed write leaves the old file whole."""

    def test_dump_writes_and_leaves_no_temp_files(self, tmp_path: Path) -> None:
        dataset = antq.load(EXAMPLE)
        target = tmp_path / "out.json"
        antq.dump(dataset, target)
        assert antq.load(target) == dataset
        assert os.listdir(tmp_path) == ["out.json"]

    def test_failed_stream_keeps_the_old_file(self, tmp_path: Path) -> None:
        target = tmp_path / "out.jsonl"
        target.write_text("old contents", encoding="utf-8")
        target.chmod(0o640)

        def records() -> Any:
            yield from antq.load(EXAMPLE).records()
            raise RuntimeError("source failed half way")

        with pytest.raises(RuntimeError, match="half way"):
            antq.dump_jsonl(records(), target)
        assert target.read_text(encoding="utf-8") == "old contents"
        assert os.listdir(tmp_path) == ["out.jsonl"]
        antq.dump_jsonl(antq.load(EXAMPLE), target)
        assert target.stat().st_mode & 0o777 == 0o640  # the file keeps its permissions
