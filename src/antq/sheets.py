"""The clerk's spreadsheet: grant lines typed in Excel or saved as CSV, read into awards.

A clerk's table has title rows, a heading row in Vietnamese ("STT | Hình thức khen thưởng
| Cơ quan khen thưởng | Đối tượng | Số lượng | ..."), labels as people say them ("Giấy
khen", "Chủ tịch UBND xã", "tập thể"), dates as 12/08/2023 and a total row. This module
finds the heading row, reads each heading and value by its fold key, and reports every
problem of every row with its cell (``Khen thưởng!E7``), in both languages.

Part of issue 18 (see ``docs/sheets.md``): grant lines from rows, clerks' CSV, ``.xlsx``
through openpyxl (``antq[excel]``) in and out. The nominee list, the template, ``.ods``
and ``--with`` come next.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import io
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from antq.dataset import Dataset
from antq.dates import DateParseError, parse_date
from antq.errors import AntqError, LoadError, Problem, UnknownLabelError
from antq.extractor import read_issuer
from antq.messages import DEFAULT_LANG, Lang, Message
from antq.model import Award, AwardId, Recipient, ReportedTotal
from antq.serialize import dumps_awards_csv, is_award_header, loads_awards_csv
from antq.tally import Dim, award_sentence, reconcile, tally
from antq.text import fold, nfc
from antq.vocab import AwardForm, LocalityLevel, Office, RecipientKind, Vocab

__all__ = [
    "HEADINGS",
    "ExcelUnavailableError",
    "dump_tally_workbook",
    "dump_workbook",
    "load_sheet",
    "loads_clerk_csv",
    "read_rows",
    "write_template",
]

#: Each column a clerk's table may have, with the headings that name it (matched by
#: fold key: case, tone style, NFC/NFD and spacing do not matter).
HEADINGS: Final[Mapping[str, tuple[str, ...]]] = {
    "number": ("STT", "TT", "Số TT"),
    "form": ("Hình thức", "Hình thức khen thưởng", "Loại khen", "form"),
    "issuer": ("Cơ quan khen thưởng", "Người khen thưởng", "Cấp khen", "issuer"),
    "recipient_kind": ("Đối tượng", "Loại đối tượng", "recipient_kind"),
    "count": ("Số lượng", "SL", "count"),
    "decision": ("Số quyết định", "Số QĐ", "decision"),
    "decided_on": ("Ngày quyết định", "Ngày QĐ", "decided_on"),
    "presented_on": ("Ngày trao", "presented_on"),
    "reason": ("Lý do", "Thành tích", "Ghi chú", "reason"),
    "event": ("Mã sự kiện", "Sự kiện", "event"),
    # the nominee list: one row per named recipient
    "person": ("Họ và tên", "Họ tên", "Tên cá nhân"),
    "collective": ("Tên tập thể", "Tên đơn vị"),
    "title": ("Chức vụ",),
    "unit": ("Đơn vị",),
}
_COLUMN_OF = {fold(spelling): column for column, names in HEADINGS.items() for spelling in names}
_TOTAL_WORDS = frozenset({fold("Tổng cộng"), fold("Cộng"), fold("Tổng")})
_HEADING_ROWS = 30  # the heading row is looked for among the first rows
_REQUIRED = ("form", "issuer")


class ExcelUnavailableError(AntqError, ImportError):
    """Reading ``.xlsx`` needs openpyxl: ``pip install 'antq[excel]'``."""

    @property
    def message(self) -> Message:
        """What is missing and how to install it."""
        return Message("error.excel_missing")


def _column(index: int) -> str:
    """A column's letters from its 0-based index: A, B, …, Z, AA."""
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _cell(sheet: str, row: int, column: int) -> str:
    """A cell's address as a spreadsheet shows it: ``Khen thưởng!E7``."""
    return f"{sheet}!{_column(column)}{row}"


def _text(value: object) -> str:
    """A cell as text, trimmed and in NFC (the form antq stores)."""
    return "" if value is None else nfc(str(value).strip())


def _heading_row(rows: Sequence[Sequence[object]]) -> tuple[int, dict[int, str]] | None:
    """The row (0-based) naming the most known columns, with its columns by position."""
    best: tuple[int, dict[int, str]] | None = None
    for index, row in enumerate(rows[:_HEADING_ROWS]):
        found = {
            position: _COLUMN_OF[fold(_text(cell))]
            for position, cell in enumerate(row)
            if fold(_text(cell)) in _COLUMN_OF
        }
        if len(found) >= 2 and (best is None or len(found) > len(best[1])):
            best = (index, found)
    return best


def read_rows(
    rows: Sequence[Sequence[object]], *, sheet: str = "Sheet1", source: str | None = None
) -> Dataset:
    """Read a clerk's table of grant lines (cell values, row by row) into a dataset.

    Cells may be text, numbers, dates or None, as a spreadsheet gives them. Title rows
    above the headings, blank rows and columns are skipped; a total row ("Tổng cộng")
    is checked against the lines' counts, never read as a line.

    Raises:
        LoadError: every problem of every row, each with its cell.
    """
    found = _heading_row(rows)
    if found is None:
        raise LoadError([Problem(f"{sheet}!A1", "sheet.no_headings", {"known": _known()})], source)
    heading_at, columns = found
    problems = [
        Problem(f"{sheet}!A{heading_at + 1}", "sheet.missing_column", {"column": repr(name)})
        for name in _REQUIRED
        if name not in columns.values()
    ]
    if problems:
        raise LoadError(problems, source)
    awards: list[Award] = []
    total: tuple[int, int, object] | None = None
    for index in range(heading_at + 1, len(rows)):
        row = rows[index]
        number = index + 1
        cells = {name: row[at] if at < len(row) else None for at, name in columns.items()}
        if all(_text(value) == "" for value in row):
            continue
        if any(fold(_text(value)) in _TOTAL_WORDS for value in row):
            at = next((a for a, name in columns.items() if name == "count"), None)
            total = (number, at if at is not None else 0, cells.get("count"))
            continue
        award, row_problems = _award(cells, columns, sheet, number)
        problems.extend(row_problems)
        if award is not None:
            awards.append(award)
    if _NAMES & set(columns.values()):
        awards = _grouped(awards)
    if total is not None and not problems:
        problems.extend(_check_total(total, awards, sheet))
    if problems:
        raise LoadError(problems, source)
    return Dataset(awards=tuple(awards))


_NAMES = frozenset({"person", "collective"})


def _grouped(nominees: Sequence[Award]) -> list[Award]:
    """A nominee list's rows (one named recipient each) as grant lines with their names.

    Rows with the same form, issuer (as written), recipient kind, decision and dates are
    one grant line; its count is the number of names. The first row's id is the line's.
    """
    lines: dict[tuple[object, ...], list[Award]] = {}
    for award in nominees:
        issuer = award.issuer
        key = (
            award.form,
            issuer.office,
            issuer.level,
            issuer.as_written,
            award.recipient_kind,
            award.decision,
            award.decided_on,
            award.presented_on,
            award.event,
        )
        lines.setdefault(key, []).append(award)
    grouped = []
    for members in lines.values():
        names = tuple(r for member in members for r in member.recipients)
        first = members[0]
        grouped.append(attrs.evolve(first, recipients=names, count=len(names) or first.count))
    return grouped


def _known() -> str:
    return ", ".join(names[0] for names in HEADINGS.values())


def _award(
    cells: Mapping[str, object], columns: Mapping[int, str], sheet: str, row: int
) -> tuple[Award | None, list[Problem]]:
    where = {name: _cell(sheet, row, at) for at, name in columns.items()}
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    form_text = _text(cells.get("form"))
    if not form_text:
        problems.append(Problem(where["form"], "sheet.empty_cell", {"column": "form"}))
    else:
        try:
            values["form"] = AwardForm.from_label(form_text)
        except UnknownLabelError as exc:
            problems.append(Problem(where["form"], exc.message.code, exc.message.params))
    issuer_text = _text(cells.get("issuer"))
    if not issuer_text:
        problems.append(Problem(where["issuer"], "sheet.empty_cell", {"column": "issuer"}))
    else:
        issuer = read_issuer(issuer_text)
        if issuer.office is Office.UBND:  # "UBND tỉnh": the law gives the power to the chair
            issuer = attrs.evolve(issuer, office=Office.CHU_TICH_UBND)
        values["issuer"] = issuer
    kind_text = _text(cells.get("recipient_kind"))
    if kind_text:
        try:
            values["recipient_kind"] = RecipientKind.from_label(kind_text)
        except UnknownLabelError as exc:
            problems.append(Problem(where["recipient_kind"], exc.message.code, exc.message.params))
    if _text(cells.get("count")):
        count = _count(cells["count"])
        if isinstance(count, Message):
            problems.append(Problem(where["count"], count.code, count.params))
        else:
            values["count"] = count
    for name in ("decided_on", "presented_on"):
        if _text(cells.get(name)):
            day = _date(cells[name])
            if isinstance(day, Message):
                problems.append(Problem(where[name], day.code, day.params))
            else:
                values[name] = day
    for name in ("decision", "reason", "event"):
        if _text(cells.get(name)):
            values[name] = _text(cells[name])
    named = [name for name in ("person", "collective") if name in where]
    if named:  # a nominee list: this row names one recipient
        who = _text(cells.get(named[0]))
        if not who:
            problems.append(Problem(where[named[0]], "sheet.empty_cell", {"column": named[0]}))
        else:
            values["recipients"] = (Recipient(name=nfc(who)),)
            values["count"] = 1
            if "recipient_kind" not in values:
                values["recipient_kind"] = (
                    RecipientKind.COLLECTIVE
                    if named[0] == "collective"
                    else RecipientKind.INDIVIDUAL
                )
    if problems:
        return None, problems
    try:
        return Award(id=AwardId(f"{fold(sheet).replace(' ', '-')}-{row}"), **values), []
    except AntqError as exc:
        return None, [Problem(_cell(sheet, row, 0), exc.message.code, exc.message.params)]


def _count(value: object) -> int | Message:
    """A count as Excel keeps it: 4, 4.0 or "4"; 4.5 and "ba" are problems."""
    if isinstance(value, bool):
        return Message("sheet.not_a_count", {"value": repr(value)})
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return (
            int(value)
            if value.is_integer()
            else Message("sheet.not_a_count", {"value": repr(value)})
        )
    text = _text(value).replace(".", "")
    if text.isascii() and text.isdigit():
        return int(text)
    return Message("sheet.not_a_count", {"value": repr(_text(value))})


_EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's serial dates (after its 1900 bug)


def _date(value: object) -> dt.date | Message:
    """A date as a spreadsheet gives it: a date or datetime cell, a serial number, or text."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2_958_466 and float(value).is_integer():  # up to 31/12/9999
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        return Message("sheet.not_a_date", {"value": repr(value)})
    text = _text(value)
    try:
        found = parse_date(text).start
    except DateParseError:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return Message("sheet.not_a_date", {"value": repr(text)})
    if not isinstance(found, dt.date):
        return Message("sheet.not_a_date", {"value": repr(text)})
    return found


def _check_total(
    total: tuple[int, int, object], awards: Sequence[Award], sheet: str
) -> list[Problem]:
    row, column, value = total
    stated = _count(value) if _text(value) else None
    if stated is None or isinstance(stated, Message):
        return []
    return [
        Problem(
            _cell(sheet, row, column),
            "sheet.total_mismatch",
            {"stated": stated, "counted": str(difference.counted)},
        )
        for difference in reconcile(awards, [ReportedTotal(count=stated)])
    ]


# --------------------------------------------------------------------------- files


def loads_clerk_csv(data: bytes, *, source: str | None = None) -> Dataset:
    """Read a clerk's table saved as CSV: any of ``,`` ``;`` tab; UTF-8 (BOM or not) or UTF-16.

    Raises:
        LoadError: the text is in another encoding (save as "CSV UTF-8"), or the table
            has problems (each with its cell).
    """
    text = _decoded(data, source)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    name = Path(source).stem if source else "CSV"
    return read_rows(rows, sheet=name, source=source)


def _in_sheet(problems: Sequence[Problem], sheet: str) -> list[Problem]:
    """Problems of antq's CSV reader (``$[2].count``) placed in their sheet."""
    return [
        problem if "!" in problem.path else attrs.evolve(problem, path=f"{sheet}!{problem.path}")
        for problem in problems
    ]


def _decoded(data: bytes, source: str | None) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = Problem("$", "sheet.not_utf8", {"offset": exc.start})
        raise LoadError([problem], source) from None


def load_sheet(path: str | os.PathLike[str]) -> Dataset:
    """Read a clerk's ``.xlsx`` workbook (every sheet with a heading row) or CSV file.

    Raises:
        LoadError: every problem, with its sheet and cell.
        ExcelUnavailableError: a workbook, and openpyxl is not installed.
        OSError: the file cannot be read.
    """
    target = Path(path)
    if target.suffix.lower() == ".csv":
        return loads_clerk_csv(target.read_bytes(), source=str(target))
    book = _openpyxl().load_workbook(target, read_only=True, data_only=True)
    awards: list[Award] = []
    problems: list[Problem] = []
    try:
        for sheet in book.worksheets:
            rows = [list(row) for row in sheet.iter_rows(values_only=True)]
            try:
                if _is_machine(rows):  # written by dump_workbook: antq's own columns
                    text, found = _machine_rows(rows, sheet.title)
                    problems.extend(found)
                    awards.extend(loads_awards_csv(text).awards)
                elif _heading_row(rows) is not None:
                    awards.extend(read_rows(rows, sheet=sheet.title).awards)
            except LoadError as exc:
                problems.extend(_in_sheet(exc.problems, sheet.title))
    finally:
        book.close()
    if problems:
        raise LoadError(problems, str(target))
    return Dataset(awards=tuple(awards))


# ------------------------------------------------------------------------- writing

_LABELLED: Final[Mapping[str, type[Vocab]]] = {
    "form": AwardForm,
    "issuer_office": Office,
    "issuer_level": LocalityLevel,
    "recipient_kind": RecipientKind,
}
_DATE_COLUMNS = frozenset({"decided_on", "presented_on"})
_LINES_SHEET = "Khen thưởng"
_TALLY_SHEET = "Thống kê"


def _openpyxl() -> Any:
    try:
        import openpyxl  # an optional extra, loaded only when a workbook is read or written
    except ImportError:
        raise ExcelUnavailableError() from None
    return openpyxl


def dump_workbook(dataset: Dataset, path: str | os.PathLike[str]) -> None:
    """Write *dataset*'s grant lines to an ``.xlsx`` workbook, atomically, with a tally sheet.

    The lines sheet holds antq's awards columns with labels (not codes), dates as date
    cells and counts as numbers; every cell is a value, never a formula (text that a
    spreadsheet would run starts with ``'``, as in antq's CSV). :func:`load_sheet` reads
    the workbook back into the same awards.

    Raises:
        ExcelUnavailableError: openpyxl is not installed.
    """
    openpyxl = _openpyxl()
    table = list(csv.reader(io.StringIO(dumps_awards_csv(dataset), newline="")))
    book = openpyxl.Workbook()
    lines = book.active
    lines.title = _LINES_SHEET
    lines.append(table[0])
    for row in table[1:]:
        lines.append([_written(column, text) for column, text in zip(table[0], row, strict=True)])
    lines.freeze_panes = "A2"
    for letter, column in zip(_letters(len(table[0])), table[0], strict=True):
        lines.column_dimensions[letter].width = max(12, len(column) + 2)
    counted = tally(dataset, [Dim.FORM, Dim.RECIPIENT_KIND])
    sheet = book.create_sheet(_TALLY_SHEET)
    for row in counted.pivot(Dim.FORM, Dim.RECIPIENT_KIND).table(lang="vi"):
        sheet.append([_number(cell) for cell in row])
    sheet.append([])
    sheet.append([award_sentence(counted, lang="vi")])
    _save(book, path)


def _letters(count: int) -> list[str]:
    return [_column(index) for index in range(count)]


def _written(column: str, text: str) -> object:
    """One cell of the lines sheet: a label, a date, a number, or the CSV's text."""
    if not text:
        return None
    if column in _LABELLED:
        member = _LABELLED[column].by_value(text)
        return member.label if member is not None else text
    if column in _DATE_COLUMNS:
        return dt.date.fromisoformat(text)
    if column == "count":
        return int(text)
    return text


def _number(text: str) -> object:
    return int(text) if text.isdigit() else text


def _machine_rows(rows: Sequence[Sequence[object]], sheet: str) -> tuple[str, list[Problem]]:
    """A sheet written by :func:`dump_workbook` as antq's CSV (labels back to codes)."""
    header = [_text(cell) for cell in rows[0]]
    problems: list[Problem] = []
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for index, row in enumerate(rows[1:], start=2):
        cells: list[str] = []
        for position, column in enumerate(header):
            value = row[position] if position < len(row) else None
            if value is None:
                cells.append("")
            elif column in _LABELLED:
                try:
                    cells.append(_LABELLED[column].from_label(_text(value)).value)
                except UnknownLabelError as exc:
                    problems.append(
                        Problem(_cell(sheet, index, position), exc.message.code, exc.message.params)
                    )
                    cells.append("")
            elif isinstance(value, dt.datetime):
                cells.append(value.date().isoformat())
            elif isinstance(value, dt.date):
                cells.append(value.isoformat())
            elif isinstance(value, float) and value.is_integer():
                cells.append(str(int(value)))
            else:
                cells.append(str(value))
        if any(cells):
            writer.writerow(cells)
    return buffer.getvalue(), problems


def _is_machine(rows: Sequence[Sequence[object]]) -> bool:
    return bool(rows) and is_award_header(_text(cell) for cell in rows[0])


def write_template(path: str | os.PathLike[str], *, lang: Lang = DEFAULT_LANG) -> None:
    """Write an empty workbook a clerk fills in: the headings antq reads, drop-down lists.

    A frozen heading row in clerks' words, column widths, drop-down lists of the
    vocabulary's labels for the form and the recipient kind, and an instructions sheet
    in *lang*. :func:`load_sheet` reads the filled-in book.

    Raises:
        ExcelUnavailableError: openpyxl is not installed.
    """
    openpyxl = _openpyxl()
    from_openpyxl = importlib.import_module("openpyxl.worksheet.datavalidation")
    book = openpyxl.Workbook()
    lines = book.active
    lines.title = _LINES_SHEET
    columns = [name for name in HEADINGS if name not in {"number", *_NAMES, "title", "unit"}]
    lines.append([HEADINGS["number"][0], *(HEADINGS[name][0] for name in columns)])
    lines.freeze_panes = "A2"
    for letter, name in zip(_letters(len(columns) + 1), ["number", *columns], strict=True):
        lines.column_dimensions[letter].width = 8 if name == "number" else 24
    choices = {
        "form": [f.label for f in AwardForm if f.statutory],
        "recipient_kind": [k.label for k in RecipientKind],
    }
    lists = book.create_sheet("_labels")  # the lists the drop-downs read, out of the way
    for number, (name, labels) in enumerate(choices.items(), start=1):
        letter = _letters(number)[-1]
        for row, label in enumerate(labels, start=1):
            lists[f"{letter}{row}"] = label
        at = _letters(columns.index(name) + 2)[-1]
        rule = from_openpyxl.DataValidation(
            type="list", formula1=f"=_labels!${letter}$1:${letter}${len(labels)}"
        )
        rule.add(f"{at}2:{at}1000")
        lines.add_data_validation(rule)
    lists.sheet_state = "hidden"
    guide = book.create_sheet(Message("sheet.guide_title").text(lang=lang))
    for code in ("sheet.guide_1", "sheet.guide_2", "sheet.guide_3", "sheet.guide_4"):
        guide.append([Message(code).text(lang=lang)])
    guide.column_dimensions["A"].width = 100
    _save(book, path)


def dump_tally_workbook(
    table: Sequence[Sequence[str]], sentence: str, path: str | os.PathLike[str]
) -> None:
    """Write a tally's table (``Tally.table()`` or ``Pivot.table()``) and its sentence.

    Raises:
        ExcelUnavailableError: openpyxl is not installed.
    """
    book = _openpyxl().Workbook()
    sheet = book.active
    sheet.title = _TALLY_SHEET
    for row in table:
        sheet.append([_number(cell) for cell in row])
    if sentence:
        sheet.append([])
        sheet.append([sentence])
    _save(book, path)


def _save(book: Any, path: str | os.PathLike[str]) -> None:
    """Save a workbook atomically: a temporary file beside *path*, then a rename."""
    target = Path(path)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".xlsx", dir=target.parent)
    os.close(fd)
    try:
        book.save(temp)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
