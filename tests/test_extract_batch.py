"""antq extract on many reports: one stream, unique ids, bad files skipped, every core."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import antq
from antq.extractor import extract, review_table
from antq.extractor.batch import read_reports, report_files

ANTQ = str(Path(sys.executable).with_name("antq"))
OTHER = (
    "Sáng 15/8/2024, xã Tân Lập tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc. "
    "Chủ tịch UBND xã tặng giấy khen cho 3 tập thể và 5 cá nhân."
)


@pytest.fixture
def folder(tmp_path: Path, seed_text: str) -> Path:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "dien ngoc.txt").write_text(seed_text, encoding="utf-8")
    (tmp_path / "b" / "dien ngoc.txt").write_text(OTHER, encoding="utf-8")  # the same name
    (tmp_path / "b" / "tan lap.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "b" / "broken.txt").write_bytes(b"\xff\xfe not utf-8")
    (tmp_path / "b" / "notes.md").write_text("not a report", encoding="utf-8")
    return tmp_path


class TestBatch:
    """A folder of reports is one JSON Lines stream; a bad file is reported and skipped."""

    def test_one_stream_with_unique_ids(self, folder: Path) -> None:
        out = folder / "out.jsonl"
        result = subprocess.run(
            [ANTQ, "extract", str(folder), "-o", str(out)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 2  # one file could not be used; the others were read
        assert "broken.txt: không phải văn bản UTF-8 (byte sai ở vị trí 0)" in result.stderr
        dataset = antq.load_jsonl(out)  # duplicate ids would be a LoadError
        assert len(dataset.events) == 3
        assert sorted(e.id for e in dataset.events) == [
            "dien_ngoc/event",
            "dien_ngoc~2/event",
            "tan_lap/event",
        ]
        assert len(dataset.awards) == 4 + 2 + 2

    def test_every_core_reads_what_one_does(self, folder: Path) -> None:
        files = report_files([str(folder)])
        one = [(r.path, r.lines, r.failure) for r in read_reports(files, jobs=1)]
        many = [(r.path, r.lines, r.failure) for r in read_reports(files, jobs=2)]
        assert one == many
        assert [r[2] for r in one].count("unusable") == 1

    def test_the_records_are_those_of_each_report(self, seed_text: str, folder: Path) -> None:
        (first, *_) = read_reports([folder / "a" / "dien ngoc.txt"])
        expected = extract(seed_text, id_prefix="dien_ngoc/").dataset
        assert antq.load_jsonl(['{"schema": "antq/1"}\n', *first.lines]) == expected

    def test_a_missing_file_is_a_usage_error(self, tmp_path: Path) -> None:
        result = subprocess.run(
            [ANTQ, "extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 2
        assert result.stderr.strip() == f"antq: {tmp_path / 'a.txt'}: không có tệp này"


class TestReview:
    """--review prints each line with what a clerk should check."""

    def test_the_table(self, tmp_path: Path) -> None:
        path = tmp_path / "r.txt"
        path.write_text(
            "Đại tá Trần Văn An, Phó Giám đốc Công an tỉnh, trao Giấy khen cho các tập thể. "
            "Thiếu tướng Lê Văn Bình - Giám đốc Công an tỉnh tặng Giấy khen cho 4 cá nhân.",
            encoding="utf-8",
        )
        result = subprocess.run(
            [ANTQ, "extract", str(path), "--review", "--lang", "en"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.splitlines() == [
            "#  issuer                 form       recipients  count       check",
            "1  not stated             Giấy khen  collective  not stated  the text names no "
            "issuer; the text gives no exact count",
            "2  Giám đốc Công an tỉnh  Giấy khen  individual  4           issuer inferred from "
            "the office of the person who handed it over",
        ]

    def test_no_lines(self) -> None:
        assert review_table(extract("Không có gì."), lang="vi") == (
            "Không đọc được dòng khen thưởng nào.\n"
        )
        with pytest.raises(ValueError, match="no messages in 'fr'"):
            review_table(extract(""), lang="fr")  # type: ignore[arg-type]
