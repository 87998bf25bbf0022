"""Flat, typed tables of a dataset for analysts' tools: Arrow, Parquet, pandas, Polars, DuckDB.

:func:`to_arrow` turns a :class:`~antq.Dataset` into ``pyarrow`` tables (grant lines
denormalised with their event and places, events, localities, officials, positions):
vocabulary columns dictionary-encoded with a label column beside them, ``date32``
dates, nullable counts. :func:`write_parquet` writes them as a hive-partitioned Parquet
dataset (``awards/province=.../year=...``) that DuckDB, Polars, pandas and Spark read
unchanged, streaming a JSON Lines file in batches. ``antq.tally(..., engine="duckdb")``
counts over those tables in DuckDB. Needs the extra ``antq[arrow]`` (pyarrow); the
design is in ``docs/tables.md``.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import tempfile
import types
import urllib.parse
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from antq.dataset import Dataset
from antq.errors import ExtraMissingError
from antq.model import Award, Event, Locality, Official, PartialDate, Record, award_date
from antq.tally import _DIM_VOCABULARIES, Cell, Dim, Tally, _Context, _sql_condition
from antq.vocab import (
    EventKind,
    LocalityLevel,
    UnitType,
    Vocab,
)

__all__ = [
    "TABLES",
    "ArrowUnavailableError",
    "duckdb_tally",
    "to_arrow",
    "to_pandas",
    "to_polars",
    "write_parquet",
]


class ArrowUnavailableError(ExtraMissingError):
    """A table needs a library that is not installed; the message says which extra."""


def _pyarrow() -> Any:
    try:
        import pyarrow  # an optional extra, loaded when a table is made
    except ImportError:
        raise ArrowUnavailableError("arrow", "pyarrow") from None
    return pyarrow


_NULL_PART: Final = "__HIVE_DEFAULT_PARTITION__"  # how hive partitioning writes a null

#: The tables :func:`to_arrow` makes, in order.
TABLES: Final = ("awards", "events", "localities", "officials", "positions")
_LEVELS: Final = (
    ("commune", LocalityLevel.COMMUNE),
    ("district", LocalityLevel.DISTRICT),
    ("province", LocalityLevel.PROVINCE),
)


def _code(member: Vocab | None) -> str | None:
    return None if member is None else member._value_


def _label(member: Vocab | None) -> str | None:
    return None if member is None else member.label


class _Places:
    """Each locality's unit at each level (antq.tally's roll-up), and today's, if asked."""

    def __init__(self, dataset: Dataset, today: Dataset | None) -> None:
        self.then = _Context(follow_successors=False)
        for unit in dataset.localities:
            self.then.add(unit)
        self.now: _Context | None = None
        if today is not None:
            self.now = _Context(follow_successors=True)
            for unit in today.localities:
                self.now.add(unit)
        self.names: dict[str, str] = {unit.id: unit.full_name for unit in dataset.localities}
        if today is not None:
            self.names.update({unit.id: unit.full_name for unit in today.localities})

    def up(self, place: str | None, level: LocalityLevel) -> str | None:
        return self.then.up(place, level)

    def broken(self, place: str | None) -> str | None:
        """Where the walk up from *place* meets a unit the dataset lacks (None: it does not).

        A roll-up to a level it did not find notes this id, as ``antq.tally`` does.
        """
        seen: set[str] = set()
        current = place
        while current is not None and current not in seen:
            seen.add(current)
            unit = self.then.localities.get(current)
            if unit is None:
                return current
            current = unit.parent
        return None

    def today(self, place: str | None, level: LocalityLevel) -> str | None:
        return self.now.up(place, level) if self.now is not None else None


def _schema(pa: Any, name: str, today: bool) -> Any:
    code = pa.dictionary(pa.int16(), pa.string())
    text = pa.string()
    day = pa.date32()
    fields: dict[str, list[tuple[str, Any]]] = {
        "awards": [
            ("id", text),
            ("event", text),
            ("form", code),
            ("form_label", code),
            ("issuer_office", code),
            ("issuer_office_label", code),
            ("issuer_level", code),
            ("issuer_level_label", code),
            ("issuer_locality", text),
            ("issuer_province", text),
            ("issuer_official", text),
            ("issuer_as_written", text),
            ("recipient_kind", code),
            ("recipient_kind_label", code),
            ("count", pa.int32()),
            ("decision", text),
            ("decided_on", day),
            ("presented_on", day),
            ("date", day),
            ("year", pa.int16()),
            ("event_kind", code),
            ("event_kind_label", code),
            ("is_pilot", pa.bool_()),
            ("commune", text),
            ("district", text),
            ("province", text),
            ("province_name", text),
            ("place_unresolved", text),
            ("issuer_unresolved", text),
            *((("today_commune", text), ("today_province", text)) if today else ()),
            ("reason", text),
        ],
        "events": [
            ("id", text),
            ("kind", code),
            ("kind_label", code),
            ("locality", text),
            ("title", text),
            ("held_on", day),
            ("held_on_text", text),
            ("year", pa.int16()),
            ("is_pilot", pa.bool_()),
            ("commune", text),
            ("district", text),
            ("province", text),
        ],
        "localities": [
            ("id", text),
            ("name", text),
            ("full_name", text),
            ("unit_type", code),
            ("unit_type_label", code),
            ("level", code),
            ("level_label", code),
            ("code", text),
            ("parent", text),
            ("valid_from", day),
            ("valid_until", day),
        ],
        "officials": [
            ("id", text),
            ("name", text),
            ("honorific", code),
            ("honorific_label", code),
            ("rank", text),
        ],
        "positions": [
            ("official", text),
            ("title", text),
            ("office", code),
            ("office_label", code),
            ("locality", text),
            ("started_on", day),
            ("ended_on", day),
        ],
    }
    return pa.schema([pa.field(n, t) for n, t in fields[name]])


def _award_rows(
    awards: Iterable[Award], events: Mapping[str, Event], places: _Places, today: bool
) -> dict[str, list[Any]]:
    columns: dict[str, list[Any]] = {}
    names = [
        "id", "event", "form", "form_label", "issuer_office", "issuer_office_label",
        "issuer_level", "issuer_level_label", "issuer_locality", "issuer_province",
        "issuer_official", "issuer_as_written", "recipient_kind", "recipient_kind_label",
        "count", "decision", "decided_on", "presented_on", "date", "year", "event_kind",
        "event_kind_label", "is_pilot", "commune", "district", "province", "province_name",
        "place_unresolved", "issuer_unresolved",
        *(("today_commune", "today_province") if today else ()), "reason",
    ]  # fmt: skip
    for name in names:
        columns[name] = []
    for award in awards:
        event = events.get(award.event) if award.event is not None else None
        issuer = award.issuer
        place = event.locality if event is not None else None
        day = award_date(award, event)
        own = award.decided_on or award.presented_on
        year = own.year if own is not None else (event.year if event is not None else None)
        province = places.up(place, LocalityLevel.PROVINCE)
        row = [
            award.id,
            award.event,
            _code(award.form),
            award.form.label,
            _code(issuer.office),
            _label(issuer.office),
            _code(issuer.level),
            _label(issuer.level),
            issuer.locality,
            places.up(issuer.locality, LocalityLevel.PROVINCE),
            issuer.official,
            issuer.as_written,
            _code(award.recipient_kind),
            award.recipient_kind.label,
            award.count,
            award.decision,
            award.decided_on,
            award.presented_on,
            day,
            year,
            _code(event.kind) if event is not None else None,
            event.kind.label if event is not None else None,
            event.is_pilot if event is not None else None,
            places.up(place, LocalityLevel.COMMUNE),
            places.up(place, LocalityLevel.DISTRICT),
            province,
            places.names.get(province) if province is not None else None,
            places.broken(place),
            places.broken(issuer.locality),
            *(
                (
                    places.today(place, LocalityLevel.COMMUNE),
                    places.today(place, LocalityLevel.PROVINCE),
                )
                if today
                else ()
            ),
            award.reason,
        ]
        for name, value in zip(names, row, strict=True):
            columns[name].append(value)
    return columns


def _rows(name: str, records: Sequence[Any], places: _Places) -> dict[str, list[Any]]:
    """The columns of one of the other tables."""
    if name == "events":
        return {
            "id": [e.id for e in records],
            "kind": [_code(e.kind) for e in records],
            "kind_label": [e.kind.label for e in records],
            "locality": [e.locality for e in records],
            "title": [e.title for e in records],
            "held_on": [e.held_on if type(e.held_on) is dt.date else None for e in records],
            "held_on_text": [
                None if e.held_on is None or type(e.held_on) is dt.date else str(e.held_on)
                for e in records
            ],
            "year": [e.year for e in records],
            "is_pilot": [e.is_pilot for e in records],
            **{
                column: [places.up(e.locality, level) for e in records] for column, level in _LEVELS
            },
        }
    if name == "localities":
        return {
            "id": [u.id for u in records],
            "name": [u.name for u in records],
            "full_name": [u.full_name for u in records],
            "unit_type": [_code(u.unit_type) for u in records],
            "unit_type_label": [u.unit_type.label for u in records],
            "level": [_code(u.level) for u in records],
            "level_label": [u.level.label for u in records],
            "code": [u.code for u in records],
            "parent": [u.parent for u in records],
            "valid_from": [u.valid_from for u in records],
            "valid_until": [u.valid_until for u in records],
        }
    if name == "officials":
        return {
            "id": [o.id for o in records],
            "name": [o.name for o in records],
            "honorific": [_code(o.honorific) for o in records],
            "honorific_label": [_label(o.honorific) for o in records],
            "rank": [o.rank for o in records],
        }
    posts = [(o.id, p) for o in records for p in o.positions]
    return {
        "official": [who for who, _ in posts],
        "title": [p.title for _, p in posts],
        "office": [_code(p.office) for _, p in posts],
        "office_label": [_label(p.office) for _, p in posts],
        "locality": [p.locality for _, p in posts],
        "started_on": [p.started_on for _, p in posts],
        "ended_on": [p.ended_on for _, p in posts],
    }


def _today_dataset(dataset: Dataset, today: bool | None) -> Dataset | None:
    """The dataset with today's units (the gazetteer's), when asked and installed."""
    if today is False:
        return None
    from antq.gazetteer import Gazetteer, GazetteerUnavailableError  # optional, and slow

    try:
        return Gazetteer.default().with_successors(dataset)
    except GazetteerUnavailableError:
        if today:
            raise
        return None


def to_arrow(dataset: Dataset, *, today: bool | None = None) -> dict[str, Any]:
    """The dataset as ``pyarrow`` tables: ``awards``, ``events``, ``localities``, ...

    *today* adds each line's place in today's units (``today_commune``,
    ``today_province``) through the gazetteer: ``None`` when the gazetteer extra is
    installed, ``True`` always (an error without it), ``False`` never.

    Raises:
        ArrowUnavailableError: pyarrow is not installed (``pip install 'antq[arrow]'``).
    """
    pa = _pyarrow()
    with_today = _today_dataset(dataset, today)
    places = _Places(dataset, with_today)
    events: dict[str, Event] = {event.id: event for event in dataset.events}
    out = {
        "awards": _table(
            pa,
            "awards",
            _award_rows(dataset.awards, events, places, with_today is not None),
            with_today is not None,
        )
    }
    for name, records in (
        ("events", dataset.events),
        ("localities", dataset.localities),
        ("officials", dataset.officials),
        ("positions", dataset.officials),
    ):
        out[name] = _table(pa, name, _rows(name, records, places), False)
    return out


def _table(pa: Any, name: str, columns: Mapping[str, list[Any]], today: bool) -> Any:
    schema = _schema(pa, name, today)
    return pa.table({field.name: columns[field.name] for field in schema}, schema=schema)


def to_pandas(dataset: Dataset, *, today: bool | None = None) -> dict[str, Any]:
    """The tables of :func:`to_arrow` as pandas DataFrames (extra ``antq[pandas]``)."""
    try:
        import pandas  # noqa: F401  (an optional extra: only checked here)
    except ImportError:
        raise ArrowUnavailableError("pandas", "pandas") from None
    return {name: table.to_pandas() for name, table in to_arrow(dataset, today=today).items()}


def to_polars(dataset: Dataset, *, today: bool | None = None) -> dict[str, Any]:
    """The tables of :func:`to_arrow` as Polars DataFrames (extra ``antq[polars]``)."""
    try:
        import polars
    except ImportError:
        raise ArrowUnavailableError("polars", "polars") from None
    return {
        name: polars.from_arrow(table) for name, table in to_arrow(dataset, today=today).items()
    }


# ------------------------------------------------------------------ Parquet


def write_parquet(
    source: Dataset | Iterable[Record],
    folder: str | os.PathLike[str],
    *,
    batch: int = 50_000,
) -> Path:
    """Write the tables as a Parquet dataset in *folder* (replaced whole, atomically).

    ``awards`` is hive-partitioned by ``province`` and ``year`` (``part-0.parquet`` in
    each partition, then ``part-1`` ... for large ones); the other tables are one file
    each. *source* may be a lazy stream of records in which the localities and events
    come before the awards that need them (as in antq's JSON Lines files): the awards
    are tabled *batch* lines at a time and each batch written at once (see
    :func:`_write_partitioned`), so memory does not grow with the lines.

    Raises:
        ArrowUnavailableError: pyarrow is not installed.
    """
    pa = _pyarrow()
    import pyarrow.parquet as pq

    target = Path(folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    localities: list[Locality] = []
    events: dict[str, Event] = {}
    officials: list[Official] = []
    schema = _schema(pa, "awards", False)

    def batches() -> Iterator[Any]:
        pending: list[Award] = []
        places: _Places | None = None
        for record in _records_of(source):
            if isinstance(record, Award):
                pending.append(record)
                if len(pending) < batch:
                    continue
            elif isinstance(record, Event):
                events[record.id] = record
                continue
            elif isinstance(record, Locality):
                localities.append(record)
                places = None  # a new unit: the roll-up is made again
                continue
            elif isinstance(record, Official):
                officials.append(record)
                continue
            else:
                continue
            if places is None:
                places = _Places(Dataset(localities=tuple(localities)), None)
            yield _table(pa, "awards", _award_rows(pending, events, places, False), False)
            pending = []
        if pending:
            places = _Places(Dataset(localities=tuple(localities)), None)
            yield _table(pa, "awards", _award_rows(pending, events, places, False), False)

    try:
        _write_partitioned(pa, pq, batches(), work / "awards")
        if not any((work / "awards").rglob("*.parquet")):  # no lines: one empty file
            nowhere = work / "awards" / f"province={_NULL_PART}" / f"year={_NULL_PART}"
            nowhere.mkdir(parents=True)
            pq.write_table(
                schema.empty_table().drop_columns(["province", "year"]), nowhere / "part-0.parquet"
            )
        places = _Places(Dataset(localities=tuple(localities)), None)
        for name, records in (
            ("events", list(events.values())),
            ("localities", localities),
            ("officials", officials),
            ("positions", officials),
        ):
            pq.write_table(
                _table(pa, name, _rows(name, records, places), False), work / f"{name}.parquet"
            )
        if target.exists():
            shutil.rmtree(target)
        os.replace(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return target


#: A partition's file is closed after this many row groups and the next one begun: the
#: writer keeps each open file's row-group metadata until it closes it.
_GROUPS_PER_FILE: Final = 64


def _write_partitioned(pa: Any, pq: Any, tables: Iterable[Any], folder: Path) -> None:
    """Write the awards tables hive-partitioned by province and year, as they come.

    Synchronous, one row group per table and partition, so memory holds one table and
    the open files' metadata (bounded by :data:`_GROUPS_PER_FILE`), whatever the number
    of lines. (pyarrow's ``write_dataset`` queues batches while its writer catches up
    and keeps every row group's metadata until the end: its peak grew with the lines.)
    """
    import pyarrow.compute as pc

    open_files: dict[tuple[Any, Any], list[Any]] = {}  # key -> [writer, groups, number]
    try:
        for table in tables:
            keys = table.select(["province", "year"]).group_by(["province", "year"])
            for key in keys.aggregate([]).to_pylist():
                province, year = key["province"], key["year"]
                chosen = pc.and_kleene(
                    _equal_or_null(pc, table["province"], province),
                    _equal_or_null(pc, table["year"], year),
                )
                part = table.filter(chosen).drop_columns(["province", "year"])
                slot = open_files.get((province, year))
                if slot is None or slot[1] >= _GROUPS_PER_FILE:
                    number = 0 if slot is None else slot[2] + 1
                    if slot is not None:
                        slot[0].close()
                    where = folder / f"province={_segment(province)}" / f"year={_segment(year)}"
                    where.mkdir(parents=True, exist_ok=True)
                    writer = pq.ParquetWriter(where / f"part-{number}.parquet", part.schema)
                    slot = open_files[(province, year)] = [writer, 0, number]
                slot[0].write_table(part)
                slot[1] += 1
    finally:
        for writer, _, _ in open_files.values():
            writer.close()


def _equal_or_null(pc: Any, column: Any, value: Any) -> Any:
    return pc.is_null(column) if value is None else pc.equal(column, value)


def _segment(value: object) -> str:
    """A hive partition's value as a path segment (percent-encoded; null as hive writes it)."""
    if value is None:
        return _NULL_PART
    return urllib.parse.quote(str(value), safe="")


def _records_of(source: Dataset | Iterable[Record]) -> Iterator[Record]:
    if isinstance(source, Dataset):
        yield from source.records()
    else:
        yield from source


# ------------------------------------------------------------------ DuckDB tallies

_DIM_COLUMN: Final = {
    "form": "form",
    "office": "issuer_office",
    "issuer_level": "issuer_level",
    "issuer_locality": "issuer_locality",
    "issuer_province": "issuer_province",
    "recipient_kind": "recipient_kind",
    "event": "event",
    "event_kind": "event_kind",
    "year": "year",
    "pilot": "is_pilot",
    "commune": "commune",
    "district": "district",
    "province": "province",
}
_PLACE_OF_DIM: Final = {
    "issuer_province": ("issuer_locality", LocalityLevel.PROVINCE),
    "commune": ("event_locality", LocalityLevel.COMMUNE),
    "district": ("event_locality", LocalityLevel.DISTRICT),
    "province": ("event_locality", LocalityLevel.PROVINCE),
}


def _duckdb() -> Any:
    try:
        import duckdb  # an optional extra, loaded when a tally asks for it
    except ImportError:
        raise ArrowUnavailableError("duckdb", "duckdb") from None
    return duckdb


def duckdb_tally(
    source: Dataset | Mapping[str, Any] | str | os.PathLike[str],
    dims: Sequence[Any],
    filters: Mapping[Any, Any],
    since: dt.date | None,
    until: dt.date | None,
) -> Tally:
    """``antq.tally(..., engine="duckdb")``: one GROUP BY in DuckDB (see :func:`antq.tally`).

    *source* is a dataset, the tables of :func:`to_arrow`, or a folder written by
    :func:`write_parquet`.
    """
    duckdb = _duckdb()
    db = duckdb.connect()
    try:
        if isinstance(source, str | os.PathLike):
            folder = Path(source)
            files = str(folder / "awards" / "**" / "*.parquet").replace("'", "''")
            db.execute(
                "CREATE VIEW awards AS SELECT * FROM read_parquet("  # a view takes no parameter
                f"'{files}', hive_partitioning = true,"
                " hive_types = {'province': VARCHAR, 'year': SMALLINT})"
            )
            import pyarrow.parquet as pq

            localities = functools.partial(pq.read_table, folder / "localities.parquet")
            events = functools.partial(pq.read_table, folder / "events.parquet")
        else:
            tables = to_arrow(source, today=False) if isinstance(source, Dataset) else source
            db.register("awards", tables["awards"])
            localities, events = tables["localities"], tables["events"]
        conditions: list[str] = []
        params: list[Any] = []
        for dim, wanted in filters.items():
            condition, present = _sql_condition(_DIM_COLUMN[dim.value], wanted, _sql_value)
            conditions.append(condition)
            params.extend(present)
        where = " AND ".join(conditions) or "true"
        undated = 0
        dated, dated_params = where, list(params)
        if since is not None or until is not None:
            undated = db.execute(
                f"SELECT count(*) FROM awards WHERE {where} AND date IS NULL", params
            ).fetchone()[0]
            dated += " AND date IS NOT NULL"
            if since is not None:
                dated += " AND date >= ?"
                dated_params.append(since)
            if until is not None:
                dated += " AND date <= ?"
                dated_params.append(until)
        keys = [
            f"CAST({_DIM_COLUMN[d.value]} AS VARCHAR)"
            if d in _DIM_VOCABULARIES
            else _DIM_COLUMN[d.value]
            for d in dims
        ]
        select = ", ".join(
            [*keys, "count(*)", "coalesce(sum(count), 0)", "count(*) - count(count)"]
        )
        group = f" GROUP BY {', '.join(keys)}" if keys else ""
        cells: dict[tuple[Any, ...], Any] = {}
        for row in db.execute(
            f"SELECT {select} FROM awards WHERE {dated}{group}", dated_params
        ).fetchall():
            lines, recipients, unknown = (int(v) for v in row[-3:])
            if lines:
                key = tuple(_from_value(d, v) for d, v in zip(dims, row[:-3], strict=True))
                cells[key] = Cell(lines, recipients, unknown)
        unresolved = _unresolved(db, dims, filters, dated, dated_params)
    finally:
        db.close()
    return Tally(
        dims=tuple(dims),
        cells=types.MappingProxyType(cells),
        total=sum(cells.values(), Cell()),
        undated=int(undated),
        unresolved=tuple(sorted(unresolved)),
        names=_Names(localities, events),
    )


def _sql_value(value: Any) -> Any:
    return value._value_ if isinstance(value, Vocab) else value


def _from_value(dim: Dim, value: Any) -> Any:
    if value is None:
        return None
    vocabulary = _DIM_VOCABULARIES.get(dim)
    if vocabulary is not None:
        return vocabulary.by_value(value)
    if dim is Dim.YEAR:
        return int(value)
    if dim is Dim.PILOT:
        return bool(value)
    return value


def _unresolved(
    db: Any,
    dims: Sequence[Any],
    filters: Mapping[Any, Any],
    dated: str,
    dated_params: Sequence[Any],
) -> set[str]:
    """The places the roll-up could not walk to their level: ``Tally.unresolved``.

    Each line carries where the walk up from its event's place (and its issuer's
    place) meets a missing unit; a roll-up notes it when it did not find its level.
    """
    found: set[str] = set()
    asked = [(d, "true", []) for d in filters] + [(d, dated, list(dated_params)) for d in dims]
    for dim, condition, values in asked:
        if dim.value not in _PLACE_OF_DIM:
            continue
        column = _DIM_COLUMN[dim.value]
        broken = "issuer_unresolved" if dim.value == "issuer_province" else "place_unresolved"
        rows = db.execute(
            f"SELECT DISTINCT {broken} FROM awards WHERE ({condition}) AND {column} IS NULL"
            f" AND {broken} IS NOT NULL",
            values,
        ).fetchall()
        found.update(value for (value,) in rows)
    return found


class _Names:
    """How a tally's key values read, from the localities and events, read when first asked."""

    def __init__(self, localities: Any, events: Any) -> None:
        self.tables = (localities, events)
        self.ctx: _Context | None = None

    def __call__(self, dim: Any, value: Any, lang: Any) -> str:
        if self.ctx is None:
            self.ctx = _Context(follow_successors=False)
            localities, events = self.tables
            for unit in _localities_of(localities() if callable(localities) else localities):
                self.ctx.add(unit)
            for event in _events_of(events() if callable(events) else events):
                self.ctx.add(event)
        return self.ctx.name(dim, value, lang)


def _localities_of(table: Any) -> Iterator[Locality]:
    for row in table.to_pylist():
        yield Locality(
            id=row["id"],
            name=row["name"],
            unit_type=UnitType.from_label(row["unit_type"]),  # a code antq wrote
            code=row["code"],
            parent=row["parent"],
            valid_from=row["valid_from"],
            valid_until=row["valid_until"],
        )


def _events_of(table: Any) -> Iterator[Event]:
    for row in table.to_pylist():
        held = row["held_on"] or (
            PartialDate.parse(row["held_on_text"]) if row["held_on_text"] else None
        )
        yield Event(
            id=row["id"],
            kind=EventKind.from_label(row["kind"]),
            locality=row["locality"],
            title=row["title"],
            held_on=held,
            is_pilot=row["is_pilot"],
        )
