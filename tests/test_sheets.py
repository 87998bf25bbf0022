"""The clerk's spreadsheet: headings and values as clerks write them, every cell's problem."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import ClassVar

import attrs
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import antq
from antq.sheets import HEADINGS, dump_workbook, load_sheet, loads_clerk_csv, read_rows
from antq.testing import datasets

ROOT = Path(__file__).resolve().parent.parent
SEED = antq.load(ROOT / "examples" / "data" / "dien_ngoc_2023.json")
ANTQ = str(Path(sys.executable).parent / "antq")

HEADING_ROW: list[object] = [
    "STT",
    "Hình thức khen thưởng",
    "Cơ quan khen thưởng",
    "Đối tượng",
    "Số lượng",
    "Số quyết định",
    "Ngày quyết định",
    "Ghi chú",
]
LINES = [
    [1, "Bằng khen", "UBND tỉnh", "cá nhân", 1, None, dt.datetime(2023, 8, 10), None],
    [2, "Giấy khen", "Giám đốc Công an tỉnh", None, 2.0, None, "10/08/2023", None],
    [3, "Giấy khen", "Chủ tịch UBND phường", "tập thể", 4, None, None, None],
    [4, "Giấy khen", "Chủ tịch UBND phường", "cá nhân", 6, None, None, "gương tốt"],
]


def book(path: Path, lines: list[list[object]], total: object = 13) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Khen thưởng"
    sheet.append(["DANH SÁCH KHEN THƯỞNG NGÀY HỘI TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC 2023"])
    sheet.merge_cells("A1:H1")
    sheet.append(["Phường Điện Ngọc"])
    sheet.append([])
    sheet.append(HEADING_ROW)
    for line in lines:
        sheet.append(line)
    sheet.append([None, "Tổng cộng", None, None, total])
    workbook.save(path)
    return path


def shape(award: antq.Award) -> tuple[object, ...]:
    issuer = award.issuer
    return award.form, issuer.office, issuer.level, award.recipient_kind, award.count


class TestDoneWhen:
    """The issue's two acceptance lines, run through the command as a clerk would."""

    def test_a_clerks_workbook_converts_into_the_seeds_lines(self, tmp_path: Path) -> None:
        source = book(tmp_path / "book.xlsx", LINES)
        out = tmp_path / "out.json"
        done = subprocess.run([ANTQ, "convert", str(source), str(out)], capture_output=True)
        assert done.returncode == 0, done.stderr.decode()
        awards = antq.load(out).awards
        assert [shape(a) for a in awards] == [shape(a) for a in SEED.awards]
        assert awards[0].decided_on == awards[1].decided_on == dt.date(2023, 8, 10)
        assert awards[1].issuer.as_written == "Giám đốc Công an tỉnh"
        assert awards[3].reason == "gương tốt"

    def test_bad_cells_fail_with_their_addresses(self, tmp_path: Path) -> None:
        lines = [list(line) for line in LINES]
        lines[0][1] = "Bằng khenn"
        lines[2][4] = "ba"
        source = book(tmp_path / "book.xlsx", lines)
        done = subprocess.run(
            [ANTQ, "validate", str(source), "--lang", "en"], capture_output=True, text=True
        )
        assert done.returncode == 2
        assert "Khen thưởng!B5" in done.stderr  # the form of the first line
        assert "Khen thưởng!E7" in done.stderr  # the count of the third
        assert "'ba' is not a number" in done.stderr
        vietnamese = subprocess.run([ANTQ, "validate", str(source)], capture_output=True, text=True)
        assert "'ba' không phải là một số" in vietnamese.stderr


class TestValues:
    """Counts, dates and totals as a spreadsheet holds them; nothing coerced silently."""

    def rows(self, *lines: list[object], total: object = None) -> list[list[object]]:
        rows: list[list[object]] = [HEADING_ROW, *lines]
        if total is not None:
            rows.append([None, "Cộng", None, None, total])
        return rows

    def test_integral_floats_are_counts_and_others_are_not(self) -> None:
        line = [1, "Giấy khen", "Chủ tịch UBND xã", "cá nhân", 4.0, None, None, None]
        assert read_rows(self.rows(line)).awards[0].count == 4
        with pytest.raises(antq.LoadError, match=r"Sheet1!E2: 4\.5 is not a number"):
            read_rows(self.rows([*line[:4], 4.5, *line[5:]]))

    @pytest.mark.parametrize(
        "cell", [dt.date(2023, 8, 12), dt.datetime(2023, 8, 12, 8, 30), 45150, "12/08/2023"]
    )
    def test_dates_in_every_form(self, cell: object) -> None:
        line = [1, "Giấy khen", "Chủ tịch UBND xã", "cá nhân", 1, None, cell, None]
        assert read_rows(self.rows(line)).awards[0].decided_on == dt.date(2023, 8, 12)

    def test_a_total_row_is_checked_not_counted(self) -> None:
        line = [1, "Giấy khen", "Chủ tịch UBND xã", "cá nhân", 4, None, None, None]
        assert len(read_rows(self.rows(line, line, total=8)).awards) == 2
        with pytest.raises(antq.LoadError, match="the total row says 9; the lines add up to 8"):
            read_rows(self.rows(line, line, total=9))

    def test_a_total_is_a_number_like_any_count(self) -> None:
        line = [1, "Giấy khen", "Chủ tịch UBND xã", "cá nhân", 4, None, None, None]
        for total, said in [("tám", "'tám' is not a number"), (-1, "must be at least 0")]:
            with pytest.raises(antq.LoadError, match=f"Sheet1!E4: {said}"):
                read_rows(self.rows(line, line, total=total))

    def test_text_counts_group_thousands_and_nothing_else(self) -> None:
        line = [1, "Giấy khen", "Chủ tịch UBND xã", "cá nhân", "1.200", None, None, None]
        assert read_rows(self.rows(line)).awards[0].count == 1200
        with pytest.raises(antq.LoadError, match=r"Sheet1!E2: '4\.5' is not a number"):
            read_rows(self.rows([*line[:4], "4.5", *line[5:]]))
        with pytest.raises(antq.LoadError, match="Sheet1!E2: must be at least 1"):
            read_rows(self.rows([*line[:4], 0, *line[5:]]))

    def test_every_problem_of_every_row(self) -> None:
        bad = [1, "Huy hiệu", "", "đoàn thể", "nhiều", None, "hôm qua", None]
        with pytest.raises(antq.LoadError) as info:
            read_rows(self.rows(bad, bad))
        paths = [problem.path for problem in info.value.problems]
        assert paths == [f"Sheet1!{column}{row}" for row in (2, 3) for column in "BCDEG"]


class TestClerksCsv:
    """The same table saved as CSV by any Excel: delimiters and encodings."""

    TABLE: ClassVar[list[list[str]]] = [
        [str(cell) for cell in HEADING_ROW[1:6]],
        ["Giấy khen", "Chủ tịch UBND phường", "tập thể", "4", ""],
    ]

    @pytest.mark.parametrize("delimiter", [",", ";", "\t"])
    @pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
    def test_delimiters_and_encodings(self, delimiter: str, encoding: str) -> None:
        text = "\r\n".join(delimiter.join(row) for row in self.TABLE) + "\r\n"
        (award,) = loads_clerk_csv(text.encode(encoding)).awards
        assert shape(award)[-1] == 4

    def test_another_encoding_says_how_to_save(self) -> None:
        text = "\n".join(",".join(row) for row in self.TABLE)
        with pytest.raises(antq.LoadError, match='save the table as "CSV UTF-8"'):
            loads_clerk_csv(text.encode("cp1258", errors="replace"))  # as Windows saves it


def _respelled(draw: st.DrawFn, heading: str) -> str:
    """A heading as a clerk may type it: any case, extra spaces, NFC or NFD."""
    text = draw(st.sampled_from([heading, heading.upper(), heading.lower(), heading.title()]))
    text = draw(st.sampled_from(["", " ", "  "])) + text.replace(
        " ", draw(st.sampled_from([" ", "  "]))
    )
    return unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), text)


@st.composite
def headings(draw: st.DrawFn) -> list[str]:
    return [
        _respelled(draw, draw(st.sampled_from(HEADINGS[column])))
        for column in ("form", "issuer", "count")
    ]


class TestHeadings:
    """Headings in any tolerated spelling read the same."""

    @settings(max_examples=80, deadline=None)
    @given(headings())
    def test_any_spelling_reads_the_same(self, row: list[str]) -> None:
        line = ["Giấy khen", "Chủ tịch UBND xã", 3]
        (award,) = read_rows([row, line]).awards
        assert (award.form, award.count) == (antq.AwardForm.GIAY_KHEN, 3)


class TestWorkbooks:
    """antq's own workbook: written with labels and a tally, read back into the same awards."""

    def test_convert_writes_a_workbook_that_reads_back(self, tmp_path: Path) -> None:
        out = tmp_path / "out.xlsx"
        done = subprocess.run(
            [ANTQ, "convert", str(ROOT / "examples" / "data" / "dien_ngoc_2023.json"), str(out)],
            capture_output=True,
        )
        assert done.returncode == 0, done.stderr.decode()
        book = openpyxl.load_workbook(out)
        lines = book["Khen thưởng"]
        assert lines["C2"].value == "Bằng khen"  # labels, not codes
        assert all(cell.data_type != "f" for row in lines.iter_rows() for cell in row)
        assert "13 lượt khen thưởng" in str(
            book["Thống kê"]["A" + str(book["Thống kê"].max_row)].value
        )
        assert load_sheet(out).awards == SEED.awards

    @settings(max_examples=25, deadline=None)
    @given(datasets())
    def test_round_trip_of_generated_awards(self, dataset: antq.Dataset) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "book.xlsx"
            dump_workbook(dataset, path)
            assert load_sheet(path).awards == dataset.awards

    def test_formula_text_stays_text(self, tmp_path: Path) -> None:
        award = attrs.evolve(
            SEED.awards[0],
            reason='=HYPERLINK("x")',
            count=1,
            recipients=(antq.Recipient(name="=1+1"),),
        )
        path = tmp_path / "book.xlsx"
        dump_workbook(antq.Dataset(awards=(award,)), path)
        written = openpyxl.load_workbook(path)
        assert written["Khen thưởng"]["Q2"].data_type == "s"
        assert written["Người được khen"]["B2"].value == "=1+1"
        assert all(
            cell.data_type != "f"
            for sheet in written.worksheets
            for row in sheet.iter_rows()
            for cell in row
        )
        assert load_sheet(path).awards == (award,)

    def test_the_named_recipients_sheet(self, tmp_path: Path) -> None:
        names = (antq.Recipient(name="Nguyễn Văn A"), antq.Recipient(name="Trần Thị B"))
        award = attrs.evolve(SEED.awards[0], count=2, recipients=names)
        path = tmp_path / "book.xlsx"
        dump_workbook(antq.Dataset(awards=(award, *SEED.awards[1:])), path)
        sheet = openpyxl.load_workbook(path)["Người được khen"]
        rows = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert rows == [
            [award.id, "Nguyễn Văn A", None, None, None],
            [award.id, "Trần Thị B", None, None, None],
        ]
        assert load_sheet(path).awards[0].recipients == names  # read once, from the lines


class TestTemplateTallyAndBase:
    """The template a clerk fills, a tally as a workbook, a table checked against a base."""

    def test_a_filled_template_reads_back(self, tmp_path: Path) -> None:
        path = tmp_path / "awards.xlsx"
        done = subprocess.run([ANTQ, "template", str(path)], capture_output=True)
        assert done.returncode == 0, done.stderr.decode()
        book = openpyxl.load_workbook(path)
        lines = book["Khen thưởng"]
        assert lines.freeze_panes == "A2"
        assert [v.formula1 for v in lines.data_validations.dataValidation]
        assert "Hướng dẫn" in book.sheetnames
        assert all(cell.data_type != "f" for row in lines.iter_rows() for cell in row)
        headings = [cell.value for cell in lines[1]]
        lines.append([1, "Giấy khen", "Chủ tịch UBND xã Hòa Vang", "tập thể", 3])
        book.save(path)
        (award,) = load_sheet(path).awards
        assert (award.form, award.count) == (antq.AwardForm.GIAY_KHEN, 3)
        assert headings[1] == "Hình thức"

    def test_a_tally_as_a_workbook(self, tmp_path: Path) -> None:
        out = tmp_path / "tally.xlsx"
        seed = str(ROOT / "examples" / "data" / "dien_ngoc_2023.json")
        done = subprocess.run(
            [
                ANTQ,
                "tally",
                seed,
                "--by",
                "form,recipient_kind",
                "--pivot",
                "--sentence",
                "-o",
                str(out),
            ],
            capture_output=True,
        )
        assert done.returncode == 0, done.stderr.decode()
        rows = list(openpyxl.load_workbook(out)["Thống kê"].iter_rows(values_only=True))
        assert rows[-3][0] == "Tổng cộng"
        assert rows[-3][-1] == 13
        assert str(rows[-1][0]).startswith("13 lượt khen thưởng")

    def test_a_table_naming_events_is_checked_against_a_base(self, tmp_path: Path) -> None:
        rows: list[list[str]] = [
            ["Hình thức", "Cơ quan khen thưởng", "Đối tượng", "Số lượng", "Mã sự kiện"],
            ["Giấy khen", "Chủ tịch UBND phường", "tập thể", "4", SEED.events[0].id],
        ]
        path = tmp_path / "table.csv"
        path.write_text("\n".join(";".join(row) for row in rows), encoding="utf-8")
        alone = subprocess.run(
            [ANTQ, "validate", str(path), "--lang", "en"], capture_output=True, text=True
        )
        assert "ANTQ103" in alone.stdout  # the event is not in the table
        seed = str(ROOT / "examples" / "data" / "dien_ngoc_2023.json")
        based = subprocess.run(
            [ANTQ, "validate", str(path), "--with", seed, "--lang", "en"],
            capture_output=True,
            text=True,
        )
        assert based.returncode == 0, based.stdout + based.stderr
        assert "ANTQ103" not in based.stdout


class TestNomineeList:
    """The list of people and collectives to be commended, one row each, as grant lines."""

    HEAD: ClassVar[list[object]] = [
        "STT",
        "Họ và tên",
        "Chức vụ",
        "Đơn vị",
        "Hình thức khen thưởng",
        "Cơ quan khen thưởng",
        "Số QĐ",
    ]

    def test_rows_grouped_into_lines_with_their_names(self) -> None:
        chair = "Chủ tịch UBND phường Điện Ngọc"
        rows: list[list[object]] = [
            ["DANH SÁCH CÁ NHÂN ĐƯỢC KHEN THƯỞNG"],
            self.HEAD,
            [1, "Nguyễn Văn A", "Tổ trưởng", "Tổ dân phố 1", "Giấy khen", chair, "12/QĐ-UBND"],
            [2, "Trần Thị B", "Tổ viên", "Tổ dân phố 2", "Giấy khen", chair, "12/QĐ-UBND"],
            [3, "Lê Văn C", "Trưởng thôn", "Thôn 3", "Bằng khen", "UBND tỉnh", "45/QĐ-UBND"],
            [None, "Tổng cộng", None, None, None, None, None],
        ]
        first, second = read_rows(rows).awards
        assert [r.name for r in first.recipients] == ["Nguyễn Văn A", "Trần Thị B"]
        assert [(r.title, r.unit) for r in first.recipients] == [  # kept as written
            ("Tổ trưởng", "Tổ dân phố 1"),
            ("Tổ viên", "Tổ dân phố 2"),
        ]
        assert (first.count, first.recipient_kind) == (2, antq.RecipientKind.INDIVIDUAL)
        assert (second.form, second.count, second.decision) == (
            antq.AwardForm.BANG_KHEN,
            1,
            "45/QĐ-UBND",
        )

    def test_collectives_by_their_heading(self) -> None:
        rows: list[list[object]] = [
            ["Tên tập thể", "Hình thức", "Cơ quan khen thưởng"],
            ["Nhân dân và cán bộ phường Điện Ngọc", "Giấy khen", "Chủ tịch UBND thị xã"],
        ]
        (line,) = read_rows(rows).awards
        assert line.recipient_kind is antq.RecipientKind.COLLECTIVE
        assert line.recipients[0].name == "Nhân dân và cán bộ phường Điện Ngọc"

    def test_a_row_without_its_name_is_a_problem(self) -> None:
        rows: list[list[object]] = [self.HEAD, [1, "", "x", "y", "Giấy khen", "UBND xã", "1"]]
        with pytest.raises(antq.LoadError, match=r"Sheet1!B2: the 'Họ và tên' cell is empty"):
            read_rows(rows)

    def test_a_title_without_a_name_is_not_dropped(self) -> None:
        rows: list[list[object]] = [
            ["Hình thức", "Cơ quan khen thưởng", "Chức vụ"],
            ["Giấy khen", "UBND xã", "Trưởng thôn"],
        ]
        with pytest.raises(antq.LoadError, match=r"Sheet1!C2: the 'Chức vụ' cell belongs to"):
            read_rows(rows)

    def test_a_nominee_list_round_trips_through_antqs_workbook(self, tmp_path: Path) -> None:
        rows: list[list[object]] = [
            self.HEAD,
            [1, "Nguyễn Văn A", "Tổ trưởng", "Tổ 1", "Giấy khen", "UBND xã", "12/QĐ"],
        ]
        dataset = read_rows(rows)
        dump_workbook(dataset, tmp_path / "book.xlsx")
        view = openpyxl.load_workbook(tmp_path / "book.xlsx")["Người được khen"]
        assert [c.value for c in view[2]] == ["sheet1-2", "Nguyễn Văn A", "Tổ trưởng", "Tổ 1", None]
        assert load_sheet(tmp_path / "book.xlsx") == dataset  # the view is not read again


def test_a_huge_cell_is_cut_in_its_message() -> None:
    """A 200,000-character cell is read (the csv limit lifted) and shown cut, in any language."""
    data = ("Hình thức,Cơ quan khen thưởng,SL\nGiấy khen,UBND tỉnh," + "x" * 200_000).encode()
    with pytest.raises(antq.LoadError) as info:
        loads_clerk_csv(data)
    (problem,) = info.value.problems
    assert problem.path == "CSV!C2"
    for lang in ("vi", "en"):
        shown = problem.describe(lang=lang)
        assert len(shown) < 200
        assert "[200002]" in shown
