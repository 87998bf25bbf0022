"""The two workbook readers (python-calamine, openpyxl) give the same cells; .ods; damage.

Workbooks here are written by openpyxl (``.xlsx``) and odfpy (``.ods``), the libraries a
clerk's office software stands in for; they are regression tests of antq's reading, not
evidence about any real clerk's file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import tempfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

import antq
from antq.sheets import (
    _calamine_sheets,
    _openpyxl_sheets,
    _plain,
    dump_workbook,
    load_sheet,
    loads_clerk_csv,
    read_rows,
)
from antq.testing import datasets

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "data" / "dien_ngoc_2023.json"

FORMS = ["Giấy khen", "Bằng khen", "Kỷ niệm chương"]
ISSUERS = [
    "Chủ tịch UBND phường Điện Ngọc",
    "UBND tỉnh",
    "Giám đốc Công an tỉnh",
    "Chủ tịch UBND xã Hòa Phong",
]
KINDS = ["cá nhân", "tập thể", "hộ gia đình", None]
HEADINGS: list[object] = [
    "STT",
    "Hình thức khen thưởng",
    "Cơ quan khen thưởng",
    "Đối tượng",
    "Số lượng",
    "Số QĐ",
    "Ngày quyết định",
    "Ghi chú",
]


@st.composite
def lines(draw: st.DrawFn) -> list[object]:
    """One grant line as a clerk types it: labels, an issuer in words, a count, a date."""
    day = draw(st.dates(dt.date(2005, 1, 1), dt.date(2030, 12, 31)))
    written = draw(
        st.sampled_from(["date", "datetime", "text", "none"]),
    )
    when: object = {
        "date": day,
        "datetime": dt.datetime.combine(day, dt.time()),
        "text": f"{day.day:02d}/{day.month:02d}/{day.year}",
        "none": None,
    }[written]
    count = draw(st.integers(1, 500))
    return [
        draw(st.integers(1, 999)),
        draw(st.sampled_from(FORMS)),
        draw(st.sampled_from(ISSUERS)),
        draw(st.sampled_from(KINDS)),
        draw(st.sampled_from([count, float(count), str(count)])),
        draw(st.sampled_from([None, "12/QĐ-UBND", 345])),
        when,
        draw(st.sampled_from([None, "gương tốt", "Tham gia tích cực phong trào"])),
    ]


@st.composite
def tables(draw: st.DrawFn) -> tuple[int, int, list[list[object]]]:
    """A clerk's table: title rows, blank rows, empty leading rows and columns, lines."""
    top = draw(st.integers(0, 3))
    left = draw(st.integers(0, 2))
    body: list[list[object]] = [HEADINGS]
    for line in draw(st.lists(lines(), min_size=1, max_size=6)):
        body.append(line)
        if draw(st.booleans()):
            body.append([])
    titles: list[list[object]] = [["DANH SÁCH KHEN THƯỞNG"]] if draw(st.booleans()) else []
    return top, left, [*titles, *body]


def write_xlsx(path: Path, top: int, left: int, rows: Sequence[Sequence[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Khen thưởng"
    for r, row in enumerate(rows, start=top + 1):
        for c, value in enumerate(row, start=left + 1):
            if value is not None:
                sheet.cell(row=r, column=c, value=value)
    book.save(path)
    return path


def _ods_cell(value: object) -> TableCell:
    if value is None:
        return TableCell()
    if isinstance(value, dt.date):  # a datetime too
        cell = TableCell(valuetype="date", datevalue=value.isoformat())
    elif isinstance(value, int | float):
        cell = TableCell(valuetype="float", value=value)
    else:
        cell = TableCell(valuetype="string")
    cell.addElement(P(text=str(value)))
    return cell


def write_ods(path: Path, top: int, left: int, rows: Sequence[Sequence[object]]) -> Path:
    document = OpenDocumentSpreadsheet()
    table = Table(name="Khen thưởng")
    for _ in range(top):
        table.addElement(TableRow())
    for row in rows:
        element = TableRow()
        for value in [None] * left + list(row):
            element.addElement(_ods_cell(value))
        table.addElement(element)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def cells(sheets: object) -> list[tuple[str, list[list[object]]]]:
    """Every sheet's rows, trailing blanks dropped (the readers' sheet sizes differ)."""
    found = []
    for title, rows in sheets:  # type: ignore[attr-defined]
        kept = [list(row) for row in rows]
        trimmed = [
            r[: max((i + 1 for i, v in enumerate(r) if v is not None), default=0)] for r in kept
        ]
        while trimmed and not trimmed[-1]:
            trimmed.pop()
        found.append((title, trimmed))
    return found


def awards_or_problems(path: Path, engine: str) -> object:
    try:
        return load_sheet(path, engine=engine).awards  # type: ignore[arg-type]
    except antq.LoadError as exc:
        return [(p.path, p.code) for p in exc.problems]


class TestSameCells:
    """python-calamine is used for speed only where it reads what openpyxl reads."""

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(tables())
    def test_the_readers_give_the_same_cells_and_awards(
        self, table: tuple[int, int, list[list[object]]]
    ) -> None:
        top, left, rows = table
        with tempfile.TemporaryDirectory() as folder:
            path = write_xlsx(Path(folder) / "book.xlsx", top, left, rows)
            calamine = pytest.importorskip("python_calamine")
            assert cells(_calamine_sheets(calamine, path)) == cells(_openpyxl_sheets(path))
            assert awards_or_problems(path, "calamine") == awards_or_problems(path, "openpyxl")

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(tables())
    def test_an_ods_reads_as_the_same_xlsx(
        self, table: tuple[int, int, list[list[object]]]
    ) -> None:
        top, left, rows = table
        with tempfile.TemporaryDirectory() as folder:
            xlsx = write_xlsx(Path(folder) / "book.xlsx", top, left, rows)
            ods = write_ods(Path(folder) / "book.ods", top, left, rows)
            assert awards_or_problems(ods, "auto") == awards_or_problems(xlsx, "openpyxl")

    def test_plain_cells(self) -> None:
        assert _plain("") is None
        assert _plain(4.0) == 4
        assert isinstance(_plain(4.0), int)
        assert _plain(4.5) == 4.5
        assert _plain(dt.datetime(2023, 8, 12)) == dt.date(2023, 8, 12)
        assert _plain(dt.datetime(2023, 8, 12, 8, 30)) == dt.datetime(2023, 8, 12, 8, 30)
        assert _plain(True) is True


class TestErrorCells:
    """A cell showing #N/A is a problem at its address, never a blank (an unknown count)."""

    def book(self, path: Path) -> Path:
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(HEADINGS[1:5])
        sheet.append(["Giấy khen", "UBND tỉnh", "cá nhân", "#N/A"])  # openpyxl: an error cell
        book.save(path)
        return path

    def test_auto_keeps_the_error(self, tmp_path: Path) -> None:
        path = self.book(tmp_path / "book.xlsx")
        with pytest.raises(antq.LoadError, match=r"Sheet!D2: '#N/A' is not a number"):
            load_sheet(path)

    def test_calamine_alone_would_read_a_blank(self, tmp_path: Path) -> None:
        """Why "auto" checks for error cells: calamine reads them as empty."""
        path = self.book(tmp_path / "book.xlsx")
        (award,) = load_sheet(path, engine="calamine").awards
        assert award.count is None


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """antq's workbook of the example, as bytes to damage."""
    path = tmp_path_factory.mktemp("good") / "book.xlsx"
    dump_workbook(antq.load(EXAMPLE), path)
    return path.read_bytes()


class TestDamagedFiles:
    """A damaged workbook is unusable input (a LoadError, exit 2), never antq's bug."""

    @pytest.mark.parametrize("engine", ["auto", "openpyxl", "calamine"])
    @pytest.mark.parametrize("seed", range(12))
    def test_mutated_bytes(self, good: bytes, engine: str, seed: int, tmp_path: Path) -> None:
        rng = random.Random(seed)
        data = bytearray(good)
        for _ in range(rng.randint(1, 40)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if seed % 3 == 0:
            data = data[: rng.randrange(len(data))]
        path = tmp_path / "book.xlsx"
        path.write_bytes(bytes(data))
        problems: list[antq.Problem] = []
        try:
            dataset = load_sheet(path, engine=engine)  # type: ignore[arg-type]
        except antq.LoadError as exc:  # the only error a damaged book may give
            problems = list(exc.problems)
            assert problems
        else:  # damage the readers could not see (a byte in a string) still reads as awards
            assert all(isinstance(award, antq.Award) for award in dataset.awards)
        assert all(p.describe(lang="vi") and p.describe(lang="en") for p in problems)

    def test_an_unknown_suffix(self, tmp_path: Path) -> None:
        path = tmp_path / "book.numbers"
        path.write_bytes(b"PK\x03\x04")
        with pytest.raises(antq.LoadError, match=r"\.xlsx, \.xlsm, \.ods and \.csv"):
            load_sheet(path)


def clerk_csv(rows: Sequence[Sequence[object]], delimiter: str, encoding: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue().encode(encoding)


class TestClerkRoundTrips:
    """The same clerk's table read from .xlsx, .ods and CSV gives the same awards."""

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.lists(lines(), min_size=1, max_size=8),
        st.sampled_from([",", ";", "\t"]),
        st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
    )
    def test_xlsx_and_csv_agree(
        self, body: list[list[object]], delimiter: str, encoding: str
    ) -> None:
        rows: list[list[object]] = [HEADINGS, *body]
        as_text = [
            [
                f"{v.day:02d}/{v.month:02d}/{v.year}"
                if isinstance(v, dt.date)
                else int(v)
                if isinstance(v, float)
                else v
                for v in row
            ]
            for row in rows
        ]
        with tempfile.TemporaryDirectory() as folder:
            xlsx = write_xlsx(Path(folder) / "CSV.xlsx", 0, 0, rows)
            from_book = [attrs_free(a) for a in load_sheet(xlsx).awards]
        from_csv = [
            attrs_free(a) for a in loads_clerk_csv(clerk_csv(as_text, delimiter, encoding)).awards
        ]
        assert from_book == from_csv
        assert [a[0] for a in from_book] == [antq.AwardForm.from_label(str(r[1])) for r in body]
        assert [a[2] for a in from_book] == [int(float(str(r[4]))) for r in body]
        assert [a[1] for a in from_book] == [r[2] for r in body]


def attrs_free(award: antq.Award) -> tuple[object, ...]:
    """An award's values, the id aside (ids name the sheet, which CSV and a book differ on)."""
    return (
        award.form,
        award.issuer.as_written,
        award.count,
        award.recipient_kind,
        award.decision,
        award.decided_on,
        award.reason,
        award.issuer.office,
        award.issuer.level,
    )


class TestRoundTripByEngine:
    @pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
    @settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(dataset=datasets())
    def test_antqs_workbook_round_trips(self, engine: str, dataset: antq.Dataset) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "book.xlsx"
            dump_workbook(dataset, path)
            assert load_sheet(path, engine=engine).awards == dataset.awards  # type: ignore[arg-type]


def test_rows_are_read_once_in_order() -> None:
    """read_rows takes any iterator: a reader's rows are never held whole."""

    def produce() -> object:
        yield HEADINGS[1:5]
        for _ in range(3):
            yield ["Giấy khen", "UBND tỉnh", "cá nhân", 2]

    assert [a.count for a in read_rows(produce()).awards] == [2, 2, 2]  # type: ignore[arg-type]


def test_ids_are_stored_text_in_nfc() -> None:
    """A line's id comes from its sheet's name as written (NFC), not from a match key."""
    (award,) = read_rows(
        [HEADINGS[1:5], ["Giấy khen", "UBND tỉnh", "cá nhân", 2]], sheet="Khen thưởng"
    ).awards
    assert award.id == "khen-thưởng-2"


def test_a_damaged_workbook_is_unusable_input(tmp_path: Path, good: bytes) -> None:
    """The command says what is wrong and exits 2 (it said "antq's own bug", exit 3)."""
    from antq.cli import main

    path = tmp_path / "book.xlsx"
    path.write_bytes(good[: len(good) // 2])
    assert main(["validate", str(path), "--lang", "en"]) == 2
    path.write_bytes(b"not a workbook at all")
    assert main(["validate", str(path)]) == 2
