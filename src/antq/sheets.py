"""The clerk's spreadsheet: grant lines typed in Excel or saved as CSV, read into awards.

A clerk's table has title rows, a heading row in Vietnamese ("STT | Hình thức khen thưởng
| Cơ quan khen thưởng | Đối tượng | Số lượng | ..."), labels as people say them ("Giấy
khen", "Chủ tịch UBND xã", "tập thể"), dates as 12/08/2023 and a total row. This module
finds the heading row, reads each heading and value by its fold key, and reports every
problem of every row with its cell (``Khen thưởng!E7``), in both languages.

Reading goes through python-calamine (``.xlsx``, ``.ods``; fast) or openpyxl (``.xlsx``),
which give the same cells; writing through openpyxl. Both are the ``antq[excel]`` extra.
The design and its measurements are in ``docs/sheets.md``.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import importlib
import io
import itertools
import os
import re
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, Literal

import attrs

from antq.dataset import Dataset
from antq.dates import DateParseError, parse_date
from antq.errors import AntqError, InvalidValueError, LoadError, Problem, UnknownLabelError, _short
from antq.extractor import read_issuer
from antq.messages import DEFAULT_LANG, Lang, Message
from antq.model import Award, AwardId, Issuer, Recipient, ReportedTotal
from antq.serialize import _any_cell_length, dumps_awards_csv, is_award_header, loads_awards_csv
from antq.serialize import _rows as _table_rows
from antq.tally import Dim, award_sentence, reconcile, tally
from antq.text import fold, nfc
from antq.vocab import AwardForm, LocalityLevel, Office, RecipientKind, Vocab

__all__ = [
    "HEADINGS",
    "WORKBOOK_SUFFIXES",
    "Engine",
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
    """Workbooks need the ``excel`` extra (openpyxl, python-calamine): ``antq[excel]``."""

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
    rows: Iterable[Sequence[object]], *, sheet: str = "Sheet1", source: str | None = None
) -> Dataset:
    """Read a clerk's table of grant lines (cell values, row by row) into a dataset.

    Cells may be text, numbers, dates or None, as a spreadsheet gives them. Title rows
    above the headings, blank rows and columns are skipped; a total row ("Tổng cộng")
    is checked against the lines' counts, never read as a line. *rows* is read once,
    in order (a reader's row iterator is never held whole).

    Raises:
        LoadError: every problem of every row, each with its cell.
    """
    iterator = iter(rows)
    head = list(itertools.islice(iterator, _HEADING_ROWS))
    found = _heading_row(head)
    if found is None:
        raise LoadError([Problem(f"{sheet}!A1", "sheet.no_headings", {"known": _known()})], source)
    heading_at, columns = found
    problems = [
        Problem(f"{sheet}!A{heading_at + 1}", "sheet.missing_column", _named_column(name))
        for name in _REQUIRED
        if name not in columns.values()
    ]
    if problems:
        raise LoadError(problems, source)
    awards: list[Award] = []
    total: tuple[int, int, object] | None = None
    body = itertools.chain(head[heading_at + 1 :], iterator)
    positions = {name: at for at, name in columns.items()}
    titles = {name: _text(head[heading_at][at]) for at, name in columns.items()}
    for number, row in enumerate(body, start=heading_at + 2):
        if all(_blank(value) for value in row):
            continue
        cells = {name: row[at] if at < len(row) else None for at, name in columns.items()}
        if any(_is_total(value) for value in row):
            total = (number, positions.get("count", 0), cells.get("count"))
            continue
        award, row_problems = _award(cells, _Where(sheet, number, positions, titles))
        problems.extend(row_problems)
        if award is not None:
            awards.append(award)
    if _NAMES & set(columns.values()):
        awards = _grouped(awards)
    if total is not None:
        problems.extend(_check_total(total, awards, sheet, lines_read=not problems))
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


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_total(value: object) -> bool:
    """Whether a cell says the row is a total ("Tổng cộng", "Cộng")."""
    return isinstance(value, str) and len(value) < 30 and fold(value) in _TOTAL_WORDS


class _Where:
    """The cells of one row by column name, addressed only when a problem names one."""

    __slots__ = ("positions", "row", "sheet", "titles")

    def __init__(
        self, sheet: str, row: int, positions: Mapping[str, int], titles: Mapping[str, str]
    ) -> None:
        self.sheet, self.row, self.positions, self.titles = sheet, row, positions, titles

    def __getitem__(self, name: str) -> str:
        return _cell(self.sheet, self.row, self.positions[name])

    def __contains__(self, name: str) -> bool:
        return name in self.positions

    def column(self, name: str) -> dict[str, object]:
        """A column as the sheet's heading writes it, for a message."""
        return {"column": repr(self.titles[name])}


def _named_column(name: str) -> dict[str, object]:
    """A missing column by the headings that would name it: 'Hình thức' (or ...)."""
    first, *others = HEADINGS[name]
    return {"column": repr(first) + (f" ({', '.join(others)})" if others else "")}


@functools.lru_cache(maxsize=4096)  # a sheet repeats its few issuers on every row
def _issuer(text: str) -> Issuer:
    """An issuer as written, read by the extractor's reading (a frozen value: shared)."""
    issuer = read_issuer(text)
    if issuer.office is Office.UBND:  # "UBND tỉnh": the law gives the power to the chair
        issuer = attrs.evolve(issuer, office=Office.CHU_TICH_UBND)
    return issuer


def _award(cells: Mapping[str, object], where: _Where) -> tuple[Award | None, list[Problem]]:
    sheet, row = where.sheet, where.row
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    form_text = _text(cells.get("form"))
    if not form_text:
        problems.append(Problem(where["form"], "sheet.empty_cell", where.column("form")))
    else:
        try:
            values["form"] = AwardForm.from_label(form_text)
        except UnknownLabelError as exc:
            problems.append(Problem(where["form"], exc.message.code, exc.message.params))
    issuer_text = _text(cells.get("issuer"))
    if not issuer_text:
        problems.append(Problem(where["issuer"], "sheet.empty_cell", where.column("issuer")))
    else:
        values["issuer"] = _issuer(issuer_text)
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
    for name in ("title", "unit"):  # a named recipient's: kept only where a name is
        if not named and _text(cells.get(name)):
            problems.append(Problem(where[name], "sheet.needs_name", where.column(name)))
    if named:  # a nominee list: this row names one recipient
        who = _text(cells.get(named[0]))
        if not who:
            problem = Problem(where[named[0]], "sheet.empty_cell", where.column(named[0]))
            problems.append(problem)
        else:
            title, unit = _text(cells.get("title")) or None, _text(cells.get("unit")) or None
            values["recipients"] = (Recipient(name=who, title=title, unit=unit),)
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
        return Award(id=_row_id(sheet, row), **values), []
    except InvalidValueError as exc:  # a value the model refuses: said at its own cell
        column = _FIELD_COLUMN.get(exc.field, "")
        at = where[column] if column in where else _cell(sheet, row, 0)
        return None, [Problem(at, exc.why.code, exc.why.params)]
    except AntqError as exc:
        return None, [Problem(_cell(sheet, row, 0), exc.message.code, exc.message.params)]


#: The column a model field is read from, to place the model's refusals.
_FIELD_COLUMN: Final = {"count": "count", "recipients": "count", "decision": "decision"}


def _row_id(sheet: str, row: int) -> AwardId:
    """A line's id from its sheet and row, in NFC as every stored text: ``khen-thưởng-5``."""
    return AwardId("-".join([*nfc(sheet.casefold()).split(), str(row)]))


def _count(value: object) -> int | Message:
    """A count as Excel keeps it: 4, 4.0 or "4"; 4.5 and "ba" are problems."""
    if isinstance(value, bool):
        return Message("sheet.not_a_count", {"value": _short(value)})
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return (
            int(value)
            if value.is_integer()
            else Message("sheet.not_a_count", {"value": _short(value)})
        )
    text = _text(value)
    if _WHOLE.fullmatch(text):  # 12 or 1.200 (Vietnamese thousands), never 4.5
        return int(text.replace(".", ""))
    return Message("sheet.not_a_count", {"value": _short(text)})


_WHOLE = re.compile(r"[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+")


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
        return Message("sheet.not_a_date", {"value": _short(value)})
    return _date_text(_text(value))


@functools.lru_cache(maxsize=4096)  # a sheet repeats its few dates on every row
def _date_text(text: str) -> dt.date | Message:
    try:
        found = parse_date(text).start
    except DateParseError:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return Message("sheet.not_a_date", {"value": _short(text)})
    if not isinstance(found, dt.date):
        return Message("sheet.not_a_date", {"value": _short(text)})
    return found


def _check_total(
    total: tuple[int, int, object], awards: Sequence[Award], sheet: str, *, lines_read: bool
) -> list[Problem]:
    """The total row's problems: not a number, or (every line read) not the lines' sum."""
    row, column, value = total
    if not _text(value):
        return []
    stated = _count(value)
    if isinstance(stated, Message):  # a total that is not a number is said, not skipped
        return [Problem(_cell(sheet, row, column), stated.code, stated.params)]
    try:
        reported = ReportedTotal(count=stated)
    except InvalidValueError as exc:  # a negative total
        return [Problem(_cell(sheet, row, column), exc.why.code, exc.why.params)]
    if not lines_read:
        return []
    return [
        Problem(
            _cell(sheet, row, column),
            "sheet.total_mismatch",
            {"stated": stated, "counted": str(difference.counted)},
        )
        for difference in reconcile(awards, [reported])
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
    name = Path(source).stem if source else "CSV"
    refused: list[Problem] = []
    with _any_cell_length():
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            dataset = read_rows(_csv_rows(reader, name, refused), sheet=name, source=source)
        except LoadError as exc:
            raise LoadError([*exc.problems, *refused], source) from None
    if refused:
        raise LoadError(refused, source)
    return dataset


def _csv_rows(reader: Any, sheet: str, refused: list[Problem]) -> Iterator[list[str]]:
    """The CSV reader's rows; a row it refuses ends them, its problem kept in *refused*."""
    for row in _table_rows(reader):  # antq's CSV reader's guard: one for both tables
        if isinstance(row, Problem):
            refused.append(attrs.evolve(row, path=f"{sheet}!A{row.line}"))
            return
        yield row


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


#: How a workbook is read: ``"auto"`` (python-calamine when installed and the book has
#: no error cells, else openpyxl), or one reader by name.
Engine = Literal["auto", "calamine", "openpyxl"]
WORKBOOK_SUFFIXES: Final = (".xlsx", ".xlsm", ".ods")
_ERROR_CELL = b't="e"'  # a cell's type "error"; text holding it only costs the fast path


class _UnreadableError(Exception):
    """A reader library failed on a damaged file (turned into a LoadError at the top)."""


def load_sheet(path: str | os.PathLike[str], *, engine: Engine = "auto") -> Dataset:
    """Read a clerk's workbook (``.xlsx``, ``.ods``: every sheet with a heading row) or CSV.

    *engine* picks the reader: python-calamine (fast; ``.xlsx`` and ``.ods``) or openpyxl
    (``.xlsx`` only). Both give the same cells; ``"auto"`` uses calamine unless the book
    holds error cells (``#N/A``), which calamine reads as blanks and openpyxl keeps, so
    that a count of ``#N/A`` is a problem, never an unknown count.

    Raises:
        LoadError: every problem, with its sheet and cell; a damaged or unknown file.
        ExcelUnavailableError: no installed reader handles the file.
        OSError: the file cannot be read.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        return loads_clerk_csv(target.read_bytes(), source=str(target))
    if suffix not in WORKBOOK_SUFFIXES:
        problem = Problem("$", "sheet.unknown_suffix", {"suffixes": ", ".join(WORKBOOK_SUFFIXES)})
        raise LoadError([problem], str(target))
    sheets = _reader(target, suffix, engine)
    awards: list[Award] = []
    problems: list[Problem] = []
    antqs = False  # a book antq wrote: its view sheets are not read
    try:
        for title, rows in sheets:
            if antqs and title in _VIEWS:
                continue
            head = list(itertools.islice(rows, _HEADING_ROWS))
            antqs = antqs or _is_machine(head)
            try:
                awards.extend(_read_sheet(title, head, rows))
            except LoadError as exc:
                problems.extend(_in_sheet(exc.problems, title))
    except _UnreadableError as exc:
        problem = Problem("$", "sheet.unreadable", {"reason": repr(str(exc))})
        raise LoadError([problem], str(target)) from None
    if problems:
        raise LoadError(problems, str(target))
    return Dataset(awards=tuple(awards))


def _read_sheet(
    title: str, head: list[Sequence[object]], rows: Iterator[Sequence[object]]
) -> tuple[Award, ...]:
    """One sheet's awards: antq's own columns, a clerk's table, or nothing (no headings).

    *head* is the sheet's first rows (read to tell which), *rows* the rest.
    """
    everything = itertools.chain(head, rows)
    if _is_machine(head):  # written by dump_workbook: antq's own columns
        text, found = _machine_rows(everything, title)
        awards: tuple[Award, ...] = ()
        try:
            awards = loads_awards_csv(text).awards
        except LoadError as exc:
            found = [*found, *exc.problems]
        if found:
            raise LoadError(found)
        return awards
    if _heading_row(head) is None:
        return ()
    return read_rows(everything, sheet=title).awards


_Sheets = Iterator[tuple[str, Iterator[Sequence[object]]]]


def _reader(target: Path, suffix: str, engine: Engine) -> _Sheets:
    calamine = _calamine() if engine != "openpyxl" else None
    if engine == "calamine" and calamine is None:
        raise ExcelUnavailableError()
    if suffix == ".ods":
        if calamine is None:
            raise ExcelUnavailableError()
        return _calamine_sheets(calamine, target)
    if calamine is not None and (engine == "calamine" or not _has_error_cells(target)):
        return _calamine_sheets(calamine, target)
    return _openpyxl_sheets(target)


def _calamine() -> Any:
    try:
        import python_calamine  # optional, loaded only when a workbook is read
    except ImportError:
        return None
    return python_calamine


def _guarded(step: Callable[[], Any]) -> Any:
    """One call into a reader library; its errors on a damaged file become ``_UnreadableError``."""
    try:
        return step()
    except (StopIteration, OSError):  # the end of rows; a file that cannot be opened
        raise
    except Exception as exc:  # the libraries raise many kinds (zip, XML, their own)
        raise _UnreadableError(f"{type(exc).__name__}: {exc}"[:300]) from exc


def _rows_of(produce: Iterator[Sequence[object]], pad: int = 0) -> Iterator[Sequence[object]]:
    """A library's rows, each cell made plain, *pad* empty cells in front.

    The library's errors on a damaged file become ``_UnreadableError`` (only its own
    code runs inside the ``try``: a consumer's errors never enter a generator).
    """
    blanks: list[object] = [None] * pad
    try:
        for row in produce:
            yield [*blanks, *map(_plain, row)]
    except OSError:
        raise
    except Exception as exc:  # the libraries raise many kinds (zip, XML, their own)
        raise _UnreadableError(f"{type(exc).__name__}: {exc}"[:300]) from exc


def _plain(cell: object) -> object:
    """A cell as both readers give it: blank is None, 4.0 is 4, a midnight datetime a date."""
    if type(cell) is str:
        return cell or None
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 2**53:
        return int(cell)
    if isinstance(cell, dt.datetime) and cell.time() == dt.time() and cell.tzinfo is None:
        return cell.date()
    return cell


def _calamine_sheets(calamine: Any, target: Path) -> _Sheets:
    book = _guarded(lambda: calamine.CalamineWorkbook.from_path(str(target)))
    worksheet = calamine.SheetTypeEnum.WorkSheet
    for meta in book.sheets_metadata:
        if meta.typ != worksheet:
            continue
        sheet = _guarded(functools.partial(book.get_sheet_by_name, meta.name))
        if sheet.start is None:  # an empty sheet
            continue
        produce = _guarded(sheet.iter_rows)
        # calamine's rows start at the sheet's first row but at its first used column:
        # pad them so that a cell keeps its address (python-calamine issue 177)
        yield meta.name, _rows_of(produce, pad=sheet.start[1])


def _openpyxl_sheets(target: Path) -> _Sheets:
    openpyxl = _openpyxl()
    book = _guarded(lambda: openpyxl.load_workbook(target, read_only=True, data_only=True))
    try:
        for sheet in book.worksheets:
            rows = _guarded(functools.partial(sheet.iter_rows, values_only=True))
            yield sheet.title, _rows_of(rows)
    finally:
        book.close()


def _has_error_cells(target: Path) -> bool:
    """Whether an ``.xlsx`` file holds an error cell (``t="e"``), read from its sheets' XML."""
    try:
        with zipfile.ZipFile(target) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    with archive.open(name) as part:
                        tail = b""
                        while chunk := part.read(1 << 20):
                            if _ERROR_CELL in tail + chunk:
                                return True
                            tail = chunk[-8:]
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError):
        return True  # damaged: let openpyxl's reading say what is wrong
    return False


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
_NAMED_SHEET = "Người được khen"
#: The named recipients' sheet: a view of the lines' recipients (reading a book of antq's
#: skips it, so that a name is never counted twice).
_NAMED_HEADINGS: Final = (
    "Mã dòng khen thưởng",
    "Họ và tên / Tên tập thể",
    "Chức vụ",
    "Đơn vị",
    "Mã địa phương",
)
_VIEWS: Final = frozenset({_NAMED_SHEET, _TALLY_SHEET})


def _openpyxl() -> Any:
    try:
        import openpyxl  # an optional extra, loaded only when a workbook is read or written
    except ImportError:
        raise ExcelUnavailableError() from None
    return openpyxl


def dump_workbook(dataset: Dataset, path: str | os.PathLike[str]) -> None:
    """Write *dataset*'s grant lines to an ``.xlsx`` workbook, atomically, with a tally sheet.

    The lines sheet holds antq's awards columns with labels (not codes), dates as date
    cells and counts as numbers; a second sheet lists the named recipients, one a row
    (a view: reading takes them from the lines); a third the tally and its sentence.
    Every cell is a value, never a formula (text that a spreadsheet would run starts
    with ``'``, as in antq's CSV). :func:`load_sheet` reads the book back into the same
    awards.

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
    named = book.create_sheet(_NAMED_SHEET)  # a view: the lines' recipients cell is read
    named.append(list(_NAMED_HEADINGS))
    at = 2
    for award in dataset.awards:
        for recipient in award.recipients:
            said = (award.id, recipient.name, recipient.title, recipient.unit, recipient.locality)
            for place, value in enumerate(said, 1):
                cell = named.cell(row=at, column=place, value=value)
                if value is not None:
                    cell.data_type = "s"  # text, even "=..." : never a formula
            at += 1
    named.freeze_panes = "A2"
    for letter, width in zip("ABCDE", (20, 40, 24, 24, 16), strict=True):
        named.column_dimensions[letter].width = width
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


def _machine_rows(rows: Iterable[Sequence[object]], sheet: str) -> tuple[str, list[Problem]]:
    """A sheet written by :func:`dump_workbook` as antq's CSV (labels back to codes)."""
    iterator = iter(rows)
    header = [_text(cell) for cell in next(iterator, ())]
    problems: list[Problem] = []
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for index, row in enumerate(iterator, start=2):
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
