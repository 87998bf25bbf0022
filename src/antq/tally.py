"""Award tallies: counts by any combination of dimensions, roll-ups, pivots, the clerk's sentence.

:func:`tally` reads awards from a :class:`~antq.Dataset`, a list, or a lazy stream of
records (such as :func:`antq.iter_jsonl`), keeping only one running count per key, so
memory does not grow with the number of grant lines. Each count has two numbers, the
grant lines and the recipients, and says "at least" when a line's count is unknown:
an unknown count is never taken as 0 or 1.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal, TypeAlias

import attrs

from antq.dataset import Dataset
from antq.errors import UnknownLabelError
from antq.messages import DEFAULT_LANG, Lang, Message, number_text, shown
from antq.model import Award, Event, Locality, ReportedTotal, award_date
from antq.serialize import FORMULA_START
from antq.vocab import AwardForm, EventKind, LocalityLevel, Office, RecipientKind, Vocab

__all__ = [
    "Cell",
    "Difference",
    "Dim",
    "Pivot",
    "Tally",
    "award_sentence",
    "reconcile",
    "tally",
    "what_is_counted",
]

Key: TypeAlias = tuple[Any, ...]


class Dim(Vocab):
    """A dimension to group or filter awards by."""

    FORM = "form", "Hình thức", "form"
    OFFICE = "office", "Người khen thưởng", "issuing office"
    ISSUER_LEVEL = "issuer_level", "Cấp khen thưởng", "issuer level"
    ISSUER_LOCALITY = "issuer_locality", "Địa bàn người khen", "issuer locality"
    ISSUER_PROVINCE = "issuer_province", "Tỉnh của người khen", "issuer's province"
    RECIPIENT_KIND = "recipient_kind", "Đối tượng", "recipient kind"
    EVENT = "event", "Sự kiện", "event"
    EVENT_KIND = "event_kind", "Loại sự kiện", "event kind"
    YEAR = "year", "Năm", "year"
    PILOT = "pilot", "Tổ chức điểm", "showcase site"
    COMMUNE = "commune", "Xã, phường", "commune (event's)"
    DISTRICT = "district", "Huyện", "district (event's)"
    PROVINCE = "province", "Tỉnh", "province (event's)"


_LEVEL_OF_DIM = {
    Dim.COMMUNE: LocalityLevel.COMMUNE,
    Dim.DISTRICT: LocalityLevel.DISTRICT,
    Dim.PROVINCE: LocalityLevel.PROVINCE,
    Dim.ISSUER_PROVINCE: LocalityLevel.PROVINCE,
}


@attrs.frozen
class Cell:
    """The count for one key: grant lines, known recipients, lines of unknown count."""

    lines: int = 0
    recipients: int = 0
    unknown_lines: int = 0

    @property
    def at_least(self) -> bool:
        """True when some line's count is unknown, so ``recipients`` is a lower bound."""
        return self.unknown_lines > 0

    def __add__(self, other: Cell) -> Cell:
        return Cell(
            self.lines + other.lines,
            self.recipients + other.recipients,
            self.unknown_lines + other.unknown_lines,
        )

    def __str__(self) -> str:
        return f"≥{self.recipients}" if self.at_least else str(self.recipients)


class _Context:
    """What a tally needs to place an award: events and localities, indexed as they come."""

    def __init__(self, follow_successors: bool) -> None:
        self.events: dict[str, Event] = {}
        self.localities: dict[str, Locality] = {}
        self.follow_successors = follow_successors
        self.unresolved: set[str] = set()
        self._up: dict[tuple[str, LocalityLevel], str | None] = {}

    def add(self, record: object) -> None:
        if isinstance(record, Event):
            self.events[record.id] = record
        elif isinstance(record, Locality):
            self.localities[record.id] = record
            self._up.clear()

    def current(self, id: str) -> str:
        """The unit *id* became, following single successors (several: kept, noted)."""
        seen = {id}
        while True:
            unit = self.localities.get(id)
            if unit is None or not unit.successors:
                return id
            if len(unit.successors) > 1:
                self.unresolved.add(id)
                return id
            id = unit.successors[0]
            if id in seen:
                return id
            seen.add(id)

    def up(self, id: str | None, level: LocalityLevel) -> str | None:
        """The unit at *level* at or above *id* (after successors, when asked)."""
        if id is None:
            return None
        key = (id, level)
        cached = self._up.get(key, _MISSING)
        if cached is not _MISSING:
            return cached  # type: ignore[return-value]
        found: str | None = None
        seen: set[str] = set()
        current: str | None = self.current(id) if self.follow_successors else id
        while current is not None and current not in seen:
            seen.add(current)
            unit = self.localities.get(current)
            if unit is None:
                self.unresolved.add(current)
                break
            if unit.level is level:
                found = current
                break
            current = unit.parent
        self._up[key] = found
        return found

    def date(self, award: Award) -> dt.date | None:
        return award_date(award, self.events.get(award.event) if award.event is not None else None)

    def getter(self, dim: Dim) -> Getter:
        """A function of (award, its event) giving the award's value for *dim*."""
        if dim in _FIELD_GETTERS:
            return _FIELD_GETTERS[dim]
        if dim is Dim.ISSUER_LOCALITY:
            if self.follow_successors:
                return lambda a, e: self.current(a.issuer.locality) if a.issuer.locality else None
            return lambda a, e: a.issuer.locality
        if dim is Dim.ISSUER_PROVINCE:
            return lambda a, e: self.up(a.issuer.locality, LocalityLevel.PROVINCE)
        if dim is Dim.YEAR:
            return _year
        level = _LEVEL_OF_DIM[dim]
        up = self.up
        cache: dict[str, str | None] = {}  # per event locality: most awards share a few

        def rolled_up(award: Award, event: Event | None) -> str | None:
            if event is None:
                return None
            place = event.locality
            try:
                return cache[place]
            except KeyError:
                found = cache[place] = up(place, level)
                return found

        return rolled_up

    def name(self, dim: Dim, value: Any, lang: Lang) -> str:
        if value is None:
            return Message("word.unknown").text(lang=lang)
        if isinstance(value, Vocab | bool):
            return str(shown(value, lang))
        if dim is Dim.EVENT:
            event = self.events.get(value)
            return event.title if event is not None and event.title else str(value)
        if dim in _LEVEL_OF_DIM or dim is Dim.ISSUER_LOCALITY:
            unit = self.localities.get(value)
            return unit.full_name if unit is not None else str(value)
        return str(value)


Getter: TypeAlias = Callable[[Award, Event | None], Any]
_MISSING = object()


def _year(award: Award, event: Event | None) -> int | None:
    day = award_date(award)  # the award's own dates; the event's may be partial
    if day is not None:
        return day.year
    return event.year if event is not None else None


_FIELD_GETTERS: dict[Dim, Getter] = {
    Dim.FORM: lambda a, e: a.form,
    Dim.OFFICE: lambda a, e: a.issuer.office,
    Dim.ISSUER_LEVEL: lambda a, e: a.issuer.level,
    Dim.RECIPIENT_KIND: lambda a, e: a.recipient_kind,
    Dim.EVENT: lambda a, e: a.event,
    Dim.EVENT_KIND: lambda a, e: e.kind if e is not None else None,
    Dim.PILOT: lambda a, e: e.is_pilot if e is not None else None,
}


# The vocabulary each dimension's values come from (the others hold ids, years, names).
_DIM_VOCABULARIES: Mapping[Dim, type[Vocab]] = types.MappingProxyType(
    {
        Dim.FORM: AwardForm,
        Dim.OFFICE: Office,
        Dim.ISSUER_LEVEL: LocalityLevel,
        Dim.RECIPIENT_KIND: RecipientKind,
        Dim.EVENT_KIND: EventKind,
    }
)


def _wanted(dim: Dim, wanted: Any) -> Any:
    """A filter's values as the dimension holds them: labels read as the CLI reads them.

    ``{"form": "Bằng khen"}`` and ``{"form": "bang_khen"}`` both keep the Bằng khen lines.

    Raises:
        UnknownLabelError: a value names no member of the dimension's vocabulary.
    """
    vocabulary = _DIM_VOCABULARIES.get(dim)
    if vocabulary is None:
        return wanted
    if isinstance(wanted, set | frozenset | list | tuple):
        return {_wanted(dim, value) for value in wanted}
    if isinstance(wanted, str) and not isinstance(wanted, Vocab):
        return vocabulary.by_value(wanted) or vocabulary.from_label(wanted)
    return wanted


def _sql_condition(column: str, wanted: Any, value: Callable[[Any], Any]) -> tuple[str, list[Any]]:
    """A filter as SQL, for the engines that count in a database (SQLite, DuckDB).

    ``(column IN (?, ...) OR column IS NULL)`` and its parameters, each made a database
    value by *value*: it keeps what :func:`_matches` keeps.
    """
    values = list(wanted) if isinstance(wanted, set | frozenset | list | tuple) else [wanted]
    present = [value(v) for v in values if v is not None]
    parts = [f"{column} IN ({', '.join('?' * len(present))})"] if present else []
    if any(v is None for v in values):
        parts.append(f"{column} IS NULL")
    return ("(" + " OR ".join(parts) + ")" if parts else "false"), present


def _matches(value: Any, wanted: Any) -> bool:
    if isinstance(wanted, set | frozenset | list | tuple):
        return value in wanted
    return bool(value == wanted)


def _order(value: Any) -> tuple[int, Any]:
    if value is None:
        return (2, "")
    if isinstance(value, Vocab):
        return (0, list(type(value)).index(value))
    if isinstance(value, bool | int):
        return (0, int(value))
    return (1, str(value))


@attrs.frozen
class Tally:
    """An immutable tally: a :class:`Cell` per key of the chosen dimensions, and totals.

    ``undated`` counts the lines left out because a date range was asked and the line
    has no date; ``unresolved`` lists locality ids the roll-up could not place.
    """

    dims: tuple[Dim, ...]
    cells: Mapping[Key, Cell]
    total: Cell
    undated: int
    unresolved: tuple[str, ...]
    _names: Callable[[Dim, Any, Lang], str] = attrs.field(repr=False, eq=False)

    def keys(self) -> list[Key]:
        """The keys in a stable order: vocabulary order, numbers, text, unknown last."""
        return sorted(self.cells, key=lambda key: tuple(_order(part) for part in key))

    def by(self, dim: Dim) -> dict[Any, Cell]:
        """Sub-totals over one of the tally's dimensions, in key order."""
        position = self.dims.index(dim)
        sums: dict[Any, Cell] = {}
        for key in self.keys():
            sums[key[position]] = sums.get(key[position], Cell()) + self.cells[key]
        return dict(sorted(sums.items(), key=lambda item: _order(item[0])))

    def name(self, dim: Dim, value: Any, *, lang: Lang = DEFAULT_LANG) -> str:
        """How a key value reads in a table: labels, place names, event titles."""
        return self._names(dim, value, lang)

    def rows(self, *, lang: Lang = DEFAULT_LANG) -> list[dict[str, Any]]:
        """One dict per key: each dimension's value and its name, lines, recipients, at_least.

        The name is how *lang* shows the value: ``{"form": AwardForm.BANG_KHEN,
        "form_name": "Bằng khen", ...}``.
        """
        return [
            {
                **{
                    column: cell
                    for dim, part in zip(self.dims, key, strict=True)
                    for column, cell in (
                        (dim.value, part),
                        (f"{dim.value}_name", self._names(dim, part, lang)),
                    )
                },
                "lines": self.cells[key].lines,
                "recipients": self.cells[key].recipients,
                "at_least": self.cells[key].at_least,
            }
            for key in self.keys()
        ]

    def project(self, dims: Sequence[Dim | str]) -> Tally:
        """The tally over some of its dimensions, in the order given; others summed over.

        Raises:
            ValueError: a dimension is not one of the tally's.
        """
        wanted = tuple(_as_dim(d) for d in dims)
        for dim in wanted:
            if dim not in self.dims:
                known = ", ".join(d.value for d in self.dims) or "none"
                raise ValueError(f"{dim.value!r} is not a dimension of this tally ({known})")
        at = [self.dims.index(dim) for dim in wanted]
        cells: dict[Key, Cell] = {}
        for key, cell in self.cells.items():
            part = tuple(key[i] for i in at)
            cells[part] = cells.get(part, Cell()) + cell
        return attrs.evolve(self, dims=wanted, cells=types.MappingProxyType(cells))

    def pivot(self, rows: Dim | str, columns: Dim | str) -> Pivot:
        """Cross two of the tally's dimensions; other dimensions are summed over.

        Dimensions may be given as their names ("form"), as :func:`tally` takes them.

        Raises:
            ValueError: a dimension is not one of the tally's.
        """
        rows, columns = _as_dim(rows), _as_dim(columns)
        for dim in (rows, columns):
            if dim not in self.dims:
                known = ", ".join(d.value for d in self.dims) or "none"
                raise ValueError(f"{dim.value!r} is not a dimension of this tally ({known})")
        r, c = self.dims.index(rows), self.dims.index(columns)
        cells: dict[tuple[Any, Any], Cell] = {}
        for key, cell in self.cells.items():
            at = (key[r], key[c])
            cells[at] = cells.get(at, Cell()) + cell
        return Pivot(
            rows=rows,
            columns=columns,
            row_values=tuple(sorted({k[0] for k in cells}, key=_order)),
            column_values=tuple(sorted({k[1] for k in cells}, key=_order)),
            cells=types.MappingProxyType(cells),
            total=self.total,
            names=self._names,
        )

    def _headings(self, lang: Lang) -> list[str]:
        dims = [str(shown(dim, lang)) for dim in self.dims]
        return [*dims, _word("tally.lines", lang), _word("tally.awards", lang)]

    def table(self, *, lang: Lang = DEFAULT_LANG) -> list[list[str]]:
        """The tally as text cells: a heading row, a row per key, a total row.

        With no dimensions there is only the total row (under an empty first heading).
        """
        total = _word("word.total", lang)
        if not self.dims:
            return [["", *self._headings(lang)], [total, str(self.total.lines), str(self.total)]]
        out = [self._headings(lang)]
        for key in self.keys():
            cell = self.cells[key]
            names = [self._names(dim, part, lang) for dim, part in zip(self.dims, key, strict=True)]
            out.append([*names, str(cell.lines), str(cell)])
        out.append([total] + [""] * (len(self.dims) - 1) + [str(self.total.lines), str(self.total)])
        return out

    def to_text(self, *, lang: Lang = DEFAULT_LANG) -> str:
        """A plain-text table with aligned columns."""
        return _render(self.table(lang=lang))

    def to_csv(self, *, lang: Lang = DEFAULT_LANG, bom: bool = False) -> str:
        """The table as CSV (with a UTF-8 byte-order mark for Excel when *bom*)."""
        return _csv(self.table(lang=lang), bom=bom)


@attrs.frozen
class Pivot:
    """Two dimensions crossed: a cell per (row, column), with row, column and grand totals."""

    rows: Dim
    columns: Dim
    row_values: tuple[Any, ...]
    column_values: tuple[Any, ...]
    cells: Mapping[tuple[Any, Any], Cell]
    total: Cell
    names: Callable[[Dim, Any, Lang], str] = attrs.field(repr=False, eq=False)

    def cell(self, row: Any, column: Any) -> Cell:
        """The count at (row, column); empty when nothing was counted there."""
        return self.cells.get((row, column), Cell())

    def row_total(self, row: Any) -> Cell:
        """The sum of one row."""
        return sum((self.cell(row, c) for c in self.column_values), Cell())

    def column_total(self, column: Any) -> Cell:
        """The sum of one column."""
        return sum((self.cell(r, column) for r in self.row_values), Cell())

    def table(self, *, lang: Lang = DEFAULT_LANG) -> list[list[str]]:
        """Text cells: heading, one row per row value, a total row; recipients per cell."""
        total = _word("word.total", lang)
        corner = f"{shown(self.rows, lang)} \\ {shown(self.columns, lang)}"
        out = [[corner, *(self.names(self.columns, c, lang) for c in self.column_values), total]]
        for r in self.row_values:
            counts = [_shown(self.cell(r, c)) for c in self.column_values]
            out.append([self.names(self.rows, r, lang), *counts, str(self.row_total(r))])
        column_totals = [str(self.column_total(c)) for c in self.column_values]
        out.append([total, *column_totals, str(self.total)])
        return out

    def to_text(self, *, lang: Lang = DEFAULT_LANG) -> str:
        """A plain-text cross table."""
        return _render(self.table(lang=lang))

    def to_csv(self, *, lang: Lang = DEFAULT_LANG, bom: bool = False) -> str:
        """The cross table as CSV."""
        return _csv(self.table(lang=lang), bom=bom)


def _shown(cell: Cell) -> str:
    return str(cell) if cell.lines else "–"


def _render(table: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = []
    for number, row in enumerate(table):
        cells = [
            text.ljust(width) if i == 0 or not _numeric(text) else text.rjust(width)
            for i, (text, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if number == 0 or number == len(table) - 2:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines) + "\n"


def _numeric(text: str) -> bool:
    return text.lstrip("≥").isdigit() or text == "–"


def _csv(table: list[list[str]], *, bom: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([[_neutralise(cell) for cell in row] for row in table])
    return ("\ufeff" if bom else "") + buffer.getvalue()


def _neutralise(cell: str) -> str:
    """Keep spreadsheets from running a cell as a formula (as antq's award tables do)."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def _word(code: str, lang: Lang) -> str:
    return Message(code).text(lang=lang)


def _source(source: Dataset | Iterable[object], context: _Context) -> Iterator[Award]:
    if isinstance(source, Dataset):
        for known in (*source.localities, *source.events):
            context.add(known)
        yield from source.awards
        return
    for record in source:
        if isinstance(record, Award):
            yield record
        else:
            context.add(record)


def _key_function(getters: list[Getter]) -> Callable[[Award, Event | None], Key]:
    """One function building the key; unrolled for up to three dimensions (the hot loop)."""
    if not getters:
        return lambda a, e: ()
    if len(getters) == 1:
        (g0,) = getters
        return lambda a, e: (g0(a, e),)
    if len(getters) == 2:
        g0, g1 = getters
        return lambda a, e: (g0(a, e), g1(a, e))
    if len(getters) == 3:
        g0, g1, g2 = getters
        return lambda a, e: (g0(a, e), g1(a, e), g2(a, e))
    return lambda a, e: tuple([get(a, e) for get in getters])


def _as_dim(dim: Dim | str) -> Dim:
    if isinstance(dim, Dim):
        return dim
    found = Dim.by_value(dim)
    if found is None:
        raise UnknownLabelError("Dim", dim, [d.value for d in Dim])
    return found


def tally(
    source: Dataset | Iterable[object] | Mapping[str, Any] | os.PathLike[str],
    by: Sequence[Dim | str] = (),
    *,
    where: Mapping[Dim | str, Any] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    follow_successors: bool = False,
    lookup: Dataset | None = None,
    engine: Literal["python", "duckdb"] = "python",
) -> Tally:
    """Count awards by the dimensions in *by*.

    Args:
        source: a dataset, or any iterable of records in which the localities and events
            come before the awards that need them (as in antq's JSON Lines files);
            awards are read one at a time. With ``engine="duckdb"``: a dataset, the
            tables of :func:`antq.tables.to_arrow`, or the folder (a ``Path``) of
            :func:`antq.tables.write_parquet`.
        by: dimensions (``Dim`` members or their values, e.g. ``"form"``).
        where: filters, a value or a set of values per dimension; vocabulary values may
            be given as members, values or labels ("Bằng khen").
        since: keep lines dated on or after this day (undated lines are left out and
            counted in ``Tally.undated``).
        until: keep lines dated on or before this day (likewise).
        follow_successors: count localities in today's boundaries, following each
            unit to the unit it was merged into.
        lookup: a dataset whose localities and events place the awards of *source*.
        engine: ``"python"``, or ``"duckdb"`` (extra ``antq[duckdb]``): one GROUP BY in
            DuckDB, the same result (without *follow_successors* and *lookup*).

    Raises:
        ValueError: ``engine="duckdb"`` with *follow_successors* or *lookup*.
    """
    dims = tuple(_as_dim(d) for d in by)
    filters = {(dim := _as_dim(d)): _wanted(dim, v) for d, v in (where or {}).items()}
    if engine == "duckdb":
        if follow_successors or lookup is not None:
            raise ValueError("the duckdb engine counts the tables' own places: no successors")
        from antq.tables import duckdb_tally  # an optional extra, loaded when asked for

        return duckdb_tally(source, dims, filters, since, until)  # type: ignore[arg-type]
    if isinstance(source, os.PathLike | Mapping):
        raise TypeError("a Parquet folder or Arrow tables are tallied with engine='duckdb'")
    ctx = _Context(follow_successors)
    if lookup is not None:
        for record in (*lookup.localities, *lookup.events):
            ctx.add(record)
    counts: dict[Key, list[int]] = {}
    undated = 0
    make_key = _key_function([ctx.getter(dim) for dim in dims])
    checks = [(ctx.getter(dim), wanted) for dim, wanted in filters.items()]
    events = ctx.events  # filled as the source is read: look it up afresh for each award
    dated = since is not None or until is not None
    for award in _source(source, ctx):
        event = events.get(award.event) if award.event is not None else None
        if checks and not all(_matches(get(award, event), wanted) for get, wanted in checks):
            continue
        if dated:
            day = ctx.date(award)
            if day is None:
                undated += 1
                continue
            if (since is not None and day < since) or (until is not None and day > until):
                continue
        key = make_key(award, event)
        slot = counts.get(key)
        if slot is None:
            slot = counts[key] = [0, 0, 0]
        slot[0] += 1
        count = award.count
        if count is None:
            slot[2] += 1
        else:
            slot[1] += count
    cells = {key: Cell(*slot) for key, slot in counts.items()}
    total = sum(cells.values(), Cell())
    return Tally(
        dims=dims,
        cells=types.MappingProxyType(cells),
        total=total,
        undated=undated,
        unresolved=tuple(sorted(ctx.unresolved)),
        names=ctx.name,
    )


def award_sentence(source: Dataset | Iterable[object] | Tally, *, lang: Lang = DEFAULT_LANG) -> str:
    """The sentence a clerk writes: totals, then by form, then by recipient kind.

    For the seed: "13 lượt khen thưởng: 1 Bằng khen, 12 Giấy khen; 4 tập thể, 7 cá nhân,
    2 chưa rõ đối tượng." Unknown counts make the numbers "at least" ("ít nhất").
    """
    counted = source if isinstance(source, Tally) else tally(source, [Dim.FORM, Dim.RECIPIENT_KIND])
    missing = [dim.value for dim in (Dim.FORM, Dim.RECIPIENT_KIND) if dim not in counted.dims]
    if missing:
        raise ValueError(
            f"the sentence needs a tally by form and recipient_kind (this one lacks {missing})"
        )
    if not counted.total.lines:
        return _word("tally.no_awards", lang)

    def number(cell: Cell) -> object:
        written = number_text(cell.recipients, lang)  # 212.710, not 212710
        return Message("tally.at_least", {"n": written}) if cell.at_least else written

    def counted_as(cell: Cell, noun: object, code: str = "tally.counted") -> str:
        if cell.at_least and cell.recipients == 0:  # only lines of unknown count
            return Message("tally.count_not_stated", {"noun": noun}).text(lang=lang)
        return Message(code, {"n": number(cell), "noun": noun}).text(lang=lang)

    def one(cell: Cell) -> bool:
        return cell.recipients == 1 and not cell.at_least

    forms = ", ".join(
        counted_as(cell, form, "tally.counted_form") for form, cell in counted.by(Dim.FORM).items()
    )
    kinds = ", ".join(
        counted_as(cell, Message(f"tally.kind.{kind.value}.{'one' if one(cell) else 'many'}"))
        for kind, cell in counted.by(Dim.RECIPIENT_KIND).items()
    )
    total = counted.total
    head = Message("tally.head_one" if one(total) else "tally.head", {"n": number(total)})
    lines = (
        Message("tally.in_lines", {"lines": number_text(total.lines, lang)})
        if total.at_least
        else ""
    )
    params = {"head": head, "lines": lines, "forms": forms, "kinds": kinds}
    return Message("tally.sentence", params).text(lang=lang)


def what_is_counted(total: ReportedTotal) -> Message:
    """What a stated total counts, as a message: its form and recipient kind, or awards."""
    kind = total.recipient_kind
    kinds = Message(f"tally.kind.{kind.value}.many") if kind is not None else None
    if total.form is not None and kinds is not None:
        return Message("tally.what.both", {"form": total.form, "kind": kinds})
    named = total.form or kinds
    return Message("tally.what.one", {"what": named}) if named else Message("tally.what.awards")


@attrs.frozen
class Difference:
    """A stated total that the grant lines do not match."""

    reported: ReportedTotal
    counted: Cell

    @property
    def delta(self) -> int:
        """Counted minus reported (with unknown counts taken as their known part)."""
        return self.counted.recipients - self.reported.count

    @property
    def message(self) -> Message:
        """What was stated and what the lines give."""
        params = {"reported": self.reported.count, "counted": str(self.counted)}
        return Message("tally.difference", {**params, "what": what_is_counted(self.reported)})

    def describe(self, *, lang: Lang = DEFAULT_LANG) -> str:
        """One line: what was stated, what the lines give."""
        return self.message.text(lang=lang)


def reconcile(awards: Iterable[Award], totals: Iterable[ReportedTotal]) -> list[Difference]:
    """Compare stated totals with grant lines; list the totals the lines do not match.

    A total matches when the lines it counts (same form and recipient kind, where the
    total names them) add up to it exactly, or when lines of unknown count leave room
    for it.
    """
    lines = list(awards)
    differences = []
    for total in totals:
        cell = Cell()
        for award in lines:
            if total.form is not None and award.form is not total.form:
                continue
            if (
                total.recipient_kind is not None
                and award.recipient_kind is not total.recipient_kind
            ):
                continue
            cell = cell + Cell(1, award.count or 0, int(award.count is None))
        fits = cell.recipients == total.count or (cell.at_least and cell.recipients < total.count)
        if not fits:
            differences.append(Difference(total, cell))
    return differences
