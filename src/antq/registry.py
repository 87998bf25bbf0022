"""A registry of years of data in one SQLite file: one record per fact, every source kept.

:meth:`Registry.put` adds a dataset as one *source* in one transaction. Each record is a
*claim*, matched to a *fact* by id (when nothing contradicts it) or by its natural key
(:data:`NATURAL_KEYS`); a fact's record is merged from its claims in the order their
sources came, and two claims that state different values for one field are kept side
by side and reported (``ANTQ701``), never settled by the last write. The design, the
schema and the matching rules are in ``docs/registry.md``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Final, TypeAlias, TypeVar

import attrs

from antq._fields import fields_of, routes_of
from antq._normal import fold
from antq.dataset import COLLECTIONS, Dataset
from antq.errors import AntqError, LoadError, Problem
from antq.messages import CATALOGUE, DEFAULT_LANG, Lang, Message
from antq.model import (
    Award,
    Event,
    Locality,
    Official,
    Record,
    SecurityModel,
)
from antq.rules import Finding, Severity
from antq.serialize import SCHEMA, dumps_jsonl, iter_jsonl
from antq.tally import Cell, Dim, Tally, _as_dim, _Context, _wanted
from antq.vocab import (
    AwardForm,
    EntityKind,
    EventKind,
    LocalityLevel,
    ModelCategory,
    Office,
    RecipientKind,
    UnitType,
    Vocab,
)

__all__ = [
    "NATURAL_KEYS",
    "SCHEMA_VERSION",
    "Conflict",
    "HistoryEntry",
    "NaturalKey",
    "PutResult",
    "Registry",
    "RegistryError",
]

#: The version of the registry's tables; :meth:`Registry.open` migrates older files.
SCHEMA_VERSION: Final = 1

_KIND_OF: Final = {cls: kind for _, kind, cls in COLLECTIONS}
_COLLECTION_OF: Final = {kind: name for name, kind, _ in COLLECTIONS}
_ORDER: Final = tuple(kind for _, kind, _ in COLLECTIONS)  # references point back only
_TABLE: Final = {
    EntityKind.LOCALITY: "localities",
    EntityKind.OFFICIAL: "officials",
    EntityKind.EVENT: "events",
    EntityKind.SECURITY_MODEL: "security_models",
    EntityKind.AWARD: "awards",
}


class RegistryError(AntqError):
    """A registry file antq cannot use: newer than this antq, or not a registry."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self._message = Message(code, params)

    @property
    def message(self) -> Message:
        """What is wrong with the file."""
        return self._message


# --------------------------------------------------------------------------- schema

_V1: Final = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    digest TEXT NOT NULL UNIQUE,
    added_at TEXT NOT NULL,
    records INTEGER NOT NULL
);
CREATE TABLE facts (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (kind, id)
);
CREATE TABLE fact_keys (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    fact TEXT NOT NULL,
    PRIMARY KEY (kind, key, fact),
    FOREIGN KEY (kind, fact) REFERENCES facts (kind, id)
);
CREATE TABLE claims (
    source INTEGER NOT NULL REFERENCES sources (id),
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    fact TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (source, kind, record_id),
    FOREIGN KEY (kind, fact) REFERENCES facts (kind, id)
);
CREATE INDEX claims_by_fact ON claims (kind, fact, source);
CREATE TABLE conflicts (
    kind TEXT NOT NULL,
    fact TEXT NOT NULL,
    field TEXT NOT NULL,
    source INTEGER NOT NULL REFERENCES sources (id),
    value TEXT NOT NULL,
    FOREIGN KEY (kind, fact) REFERENCES facts (kind, id)
);
CREATE INDEX conflicts_by_fact ON conflicts (kind, fact);
CREATE TABLE labels (
    vocab TEXT NOT NULL,
    code TEXT NOT NULL,
    vi TEXT NOT NULL,
    en TEXT NOT NULL,
    PRIMARY KEY (vocab, code)
);
CREATE TABLE localities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    unit_type TEXT NOT NULL,
    level TEXT NOT NULL,
    code TEXT,
    parent TEXT REFERENCES localities (id) DEFERRABLE INITIALLY DEFERRED,
    valid_from TEXT,
    valid_until TEXT,
    body TEXT NOT NULL
);
CREATE INDEX localities_by_parent ON localities (parent);
CREATE INDEX localities_by_code ON localities (code);
CREATE TABLE officials (id TEXT PRIMARY KEY, name TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE positions (
    official TEXT NOT NULL REFERENCES officials (id) DEFERRABLE INITIALLY DEFERRED,
    title TEXT NOT NULL,
    office TEXT,
    locality TEXT REFERENCES localities (id) DEFERRABLE INITIALLY DEFERRED,
    started_on TEXT,
    ended_on TEXT
);
CREATE INDEX positions_by_official ON positions (official);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    locality TEXT NOT NULL REFERENCES localities (id) DEFERRABLE INITIALLY DEFERRED,
    title TEXT,
    held_on TEXT,
    day TEXT,
    year INTEGER,
    is_pilot INTEGER,
    body TEXT NOT NULL
);
CREATE INDEX events_by_locality ON events (locality);
CREATE TABLE security_models (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    locality TEXT NOT NULL REFERENCES localities (id) DEFERRABLE INITIALLY DEFERRED,
    body TEXT NOT NULL
);
CREATE TABLE awards (
    id TEXT PRIMARY KEY,
    event TEXT REFERENCES events (id) DEFERRABLE INITIALLY DEFERRED,
    form TEXT NOT NULL,
    issuer_office TEXT,
    issuer_level TEXT,
    issuer_locality TEXT REFERENCES localities (id) DEFERRABLE INITIALLY DEFERRED,
    issuer_official TEXT REFERENCES officials (id) DEFERRABLE INITIALLY DEFERRED,
    issuer_as_written TEXT,
    recipient_kind TEXT NOT NULL,
    count INTEGER,
    decision TEXT,
    decided_on TEXT,
    presented_on TEXT,
    reason TEXT,
    body TEXT NOT NULL
);
CREATE INDEX awards_by_event ON awards (event);
CREATE TABLE recipients (
    award TEXT NOT NULL REFERENCES awards (id) DEFERRABLE INITIALLY DEFERRED,
    name TEXT NOT NULL,
    title TEXT,
    unit TEXT,
    locality TEXT REFERENCES localities (id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX recipients_by_award ON recipients (award);
CREATE VIRTUAL TABLE names USING fts5 (
    kind UNINDEXED, id UNINDEXED, name, folded, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIEW awards_vi AS
SELECT a.id, a.event, f.vi AS "hình thức", o.vi AS "người khen thưởng",
       l.vi AS "cấp khen thưởng", a.issuer_as_written AS "ghi là", k.vi AS "đối tượng",
       a.count AS "số lượng", a.decision AS "số quyết định", a.decided_on AS "ngày quyết định",
       a.presented_on AS "ngày trao", a.reason AS "lý do"
FROM awards a
LEFT JOIN labels f ON f.vocab = 'AwardForm' AND f.code = a.form
LEFT JOIN labels o ON o.vocab = 'Office' AND o.code = a.issuer_office
LEFT JOIN labels l ON l.vocab = 'LocalityLevel' AND l.code = a.issuer_level
LEFT JOIN labels k ON k.vocab = 'RecipientKind' AND k.code = a.recipient_kind;
CREATE VIEW events_vi AS
SELECT e.id, k.vi AS "loại sự kiện", e.title AS "tên", e.held_on AS "ngày",
       p.name AS "địa bàn", e.is_pilot AS "tổ chức điểm"
FROM events e
LEFT JOIN labels k ON k.vocab = 'EventKind' AND k.code = e.kind
LEFT JOIN localities p ON p.id = e.locality;
CREATE VIEW localities_vi AS
SELECT c.id, c.name AS "tên", u.vi AS "loại đơn vị", v.vi AS "cấp", c.code AS "mã",
       p.name AS "trực thuộc"
FROM localities c
LEFT JOIN labels u ON u.vocab = 'UnitType' AND u.code = c.unit_type
LEFT JOIN labels v ON v.vocab = 'LocalityLevel' AND v.code = c.level
LEFT JOIN localities p ON p.id = c.parent;
CREATE VIEW security_models_vi AS
SELECT m.id, m.name AS "tên", c.vi AS "loại mô hình", p.name AS "địa bàn"
FROM security_models m
LEFT JOIN labels c ON c.vocab = 'ModelCategory' AND c.code = m.category
LEFT JOIN localities p ON p.id = m.locality;
"""

#: Each step from one version of the tables to the next (index 0 makes version 1).
MIGRATIONS: Final[tuple[str, ...]] = (_V1,)
_LABELLED: Final = (
    AwardForm,
    Office,
    LocalityLevel,
    RecipientKind,
    EventKind,
    UnitType,
    ModelCategory,
)


# ------------------------------------------------------------------- natural keys


@attrs.frozen
class NaturalKey:
    """How records of one kind are recognised as one fact across sources.

    ``keys(record)`` are the lookup keys a fact is filed under (every claim's are
    kept); a claim is looked up by the same keys, in order. ``compatible(claim, fact)``
    says whether a candidate may be the claim's fact (one whose values contradict the
    claim's is not); when several are, ``closeness(claim, fact)`` picks the one that
    fits best, and a tie matches none (saying which would be a guess).
    """

    keys: Callable[[Any], Sequence[str]]
    compatible: Callable[[Any, Any], bool]
    closeness: Callable[[Any, Any], int] = lambda claim, fact: 0


def _same(a: object, b: object) -> bool:
    """Equal, or one of them not stated."""
    return a is None or b is None or a == b


def _office(office: Office | None) -> Office | None:
    """One office for matching: "UBND tỉnh" grants what its chair grants."""
    return Office.CHU_TICH_UBND if office is Office.UBND else office


def _locality_keys(unit: Locality) -> list[str]:
    keys = [f"code:{unit.code}"] if unit.code else []
    name = f"name:{fold(unit.name, diacritics=False)}|{unit.unit_type.value}"
    return [*keys, name]


def _locality_compatible(claim: Locality, fact: Locality) -> bool:
    return (
        claim.unit_type is fact.unit_type
        and _same(claim.code, fact.code)
        and _same(claim.parent, fact.parent)
        and fold(claim.name, diacritics=False) == fold(fact.name, diacritics=False)
    ) or (claim.code is not None and claim.code == fact.code)


def _official_keys(official: Official) -> list[str]:
    return [f"name:{fold(official.name)}"]


def _official_compatible(claim: Official, fact: Official) -> bool:
    if fold(claim.name) != fold(fact.name):
        return False
    if not claim.positions or not fact.positions:
        return True
    return any(
        fold(mine.title) == fold(theirs.title)
        or (
            mine.office is not None
            and _office(mine.office) is _office(theirs.office)
            and _same(mine.locality, theirs.locality)
        )
        for mine in claim.positions
        for theirs in fact.positions
    )


def _event_keys(event: Event) -> list[str]:
    return [f"{event.kind.value}|{event.locality}"]


def _event_closeness(claim: Event, fact: Event) -> int:
    return int(claim.held_on == fact.held_on)


def _dates_compatible(a: object, b: object) -> bool:
    if a is None or b is None:
        return True
    mine, theirs = ((d.year, d.month, d.day) for d in (a, b))  # type: ignore[attr-defined]
    return all(_same(x, y) for x, y in zip(mine, theirs, strict=True))


def _event_compatible(claim: Event, fact: Event) -> bool:
    return (
        claim.kind is fact.kind
        and claim.locality == fact.locality
        and _dates_compatible(claim.held_on, fact.held_on)
    )


def _model_keys(model: SecurityModel) -> list[str]:
    return [f"{fold(model.name)}|{model.locality}"]


def _award_line(award: Award) -> str:
    issuer = award.issuer
    office = _office(issuer.office)
    return (
        f"{award.event}|{office.value if office else ''}|"
        f"{issuer.level.value if issuer.level else ''}|{award.form.value}|"
        f"{award.recipient_kind.value}"
    )


def _award_keys(award: Award) -> list[str]:
    return [_award_line(award)]


def _award_compatible(claim: Award, fact: Award) -> bool:
    return _award_line(claim) == _award_line(fact)


def _award_closeness(claim: Award, fact: Award) -> int:
    return int(claim.count == fact.count)


#: The default natural keys (see ``docs/registry.md``); ``Registry.open(keys=...)``
#: replaces any of them.
NATURAL_KEYS: Final[Mapping[EntityKind, NaturalKey]] = types.MappingProxyType(
    {
        EntityKind.LOCALITY: NaturalKey(_locality_keys, _locality_compatible),
        EntityKind.OFFICIAL: NaturalKey(_official_keys, _official_compatible),
        EntityKind.EVENT: NaturalKey(_event_keys, _event_compatible, _event_closeness),
        EntityKind.SECURITY_MODEL: NaturalKey(_model_keys, lambda claim, fact: True),
        EntityKind.AWARD: NaturalKey(_award_keys, _award_compatible, _award_closeness),
    }
)


# ------------------------------------------------------------------ results


@attrs.frozen
class PutResult:
    """What one :meth:`Registry.put` did: its source, and the claims it made."""

    source: int
    records: int
    new_facts: int
    matched: int
    conflicts: int
    already_held: bool = False


@attrs.frozen
class Conflict:
    """Two or more sources' values for one field of one fact."""

    kind: EntityKind
    fact: str
    field: str
    values: tuple[tuple[str, object], ...]  # (source name, value), in the order added

    def finding(self, *, lang: Lang = DEFAULT_LANG) -> Finding:
        """The conflict as a finding (``ANTQ701``)."""
        shown = ", ".join(f"{json.dumps(v, ensure_ascii=False)} ({s})" for s, v in self.values)
        templates = CATALOGUE.templates("ANTQ701")
        return Finding(
            code="ANTQ701",
            severity=Severity.WARNING,
            path=f"$.{_COLLECTION_OF[self.kind]}[{self.fact!r}].{self.field}",
            subject_id=self.fact,
            params={"field": repr(self.field), "values": shown},
            templates=templates,
            lang=lang,
        )


@attrs.frozen
class HistoryEntry:
    """One source's claim on a fact: which source, when, under which id, with what values."""

    source: str
    added_at: str
    record_id: str
    values: Mapping[str, object]


# ------------------------------------------------------------------- merging

_EMPTY: Final[tuple[object, ...]] = (None, "", [], {})
#: Values that say "not known" rather than a value: they never conflict with one.
_VAGUE: Final = {
    "recipient_kind": {RecipientKind.UNSPECIFIED.value},
    "category": {ModelCategory.OTHER.value},
    "form": {AwardForm.CHUA_RO.value},
    "issuer.office": {Office.OTHER.value},
}
_ALIKE: Final = {"issuer.office": {Office.UBND.value: Office.CHU_TICH_UBND.value}}


def _stated(path: str, value: object) -> bool:
    return value not in _EMPTY and value not in _VAGUE.get(path, ())


def _merge(
    bodies: Sequence[tuple[int, dict[str, Any]]],
) -> tuple[dict[str, Any], dict[str, list[tuple[int, Any]]]]:
    """A fact's record from its claims (source, body) in source order, and its conflicts."""
    merged: dict[str, Any] = {}
    conflicts: dict[str, list[tuple[int, Any]]] = {}
    _merge_into(merged, conflicts, bodies, "")
    return merged, conflicts


def _merge_into(
    merged: dict[str, Any],
    conflicts: dict[str, list[tuple[int, Any]]],
    bodies: Sequence[tuple[int, dict[str, Any]]],
    prefix: str,
) -> None:
    keys: list[str] = []
    for _, body in bodies:
        keys.extend(key for key in body if key not in keys)
    for key in keys:
        path = prefix + key
        values = [(source, body[key]) for source, body in bodies if key in body]
        if key == "sources":  # every source's sources, once each
            union: list[Any] = []
            for _, items in values:
                union.extend(item for item in items if item not in union)
            merged[key] = union
            continue
        if all(isinstance(value, dict) for _, value in values):
            inner: dict[str, Any] = {}
            _merge_into(inner, conflicts, [(s, v) for s, v in values], path + ".")
            merged[key] = inner
            continue
        stated = [(source, value) for source, value in values if _stated(path, value)]
        if not stated:
            merged[key] = values[0][1]
            continue
        merged[key] = stated[0][1]
        if isinstance(stated[0][1], list):
            continue  # lists (participants, positions, names): the first that has any
        alike = _ALIKE.get(path, {})
        distinct = {json.dumps(alike.get(value, value), sort_keys=True) for _, value in stated}
        if len(distinct) > 1:
            conflicts[path] = stated


# ------------------------------------------------------------------ the registry

_Maps: TypeAlias = dict[EntityKind, dict[str, str]]
_V = TypeVar("_V", bound=Vocab)


def _remap(value: Any, maps: _Maps) -> Any:
    """*value* (a record or a nested value) with its references through *maps*."""
    changes: dict[str, Any] = {}
    for spec in fields_of(type(value)):
        current = getattr(value, spec.name)
        if current is None:
            continue
        if spec.target is not None:
            table = maps.get(spec.target, {})
            new = (
                tuple(table.get(item, item) for item in current)
                if spec.many
                else table.get(current, current)
            )
        elif spec.nested is not None:
            new = (
                tuple(_remap(item, maps) for item in current)
                if spec.many
                else _remap(current, maps)
            )
        else:
            continue
        if new != current:
            changes[spec.name] = new
    return attrs.evolve(value, **changes) if changes else value


def _line(record: Record) -> str:
    return dumps_jsonl([record]).split("\n", 1)[1].rstrip("\n")


def _records(lines: Iterable[str]) -> Iterator[Record]:
    header = json.dumps({"schema": SCHEMA})
    return iter_jsonl(iter([header, *lines]))


def _body(line: str) -> dict[str, Any]:
    body = json.loads(line)
    body.pop("type", None)
    return body  # type: ignore[no-any-return]


class Registry:
    """Years of data in one SQLite file: see the module's docstring and ``docs/registry.md``.

    Open with :meth:`open` (a context manager); one writer at a time, readers see a
    consistent state while it writes (WAL).
    """

    def __init__(
        self, connection: sqlite3.Connection, keys: Mapping[EntityKind, NaturalKey]
    ) -> None:
        self._db = connection
        self._keys = {**NATURAL_KEYS, **keys}

    # -- opening

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], *, keys: Mapping[EntityKind, NaturalKey] | None = None
    ) -> Registry:
        """Open the registry at *path*, creating it or migrating its tables to this antq's.

        Raises:
            RegistryError: the file is not a registry, or a newer antq made it.
            OSError: the file cannot be opened.
        """
        connection = sqlite3.connect(os.fspath(path), isolation_level=None, timeout=30)
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA synchronous = NORMAL")
            _migrate(connection, os.fspath(path))
        except sqlite3.DatabaseError as exc:
            connection.close()
            raise RegistryError(
                "registry.not_a_registry", path=os.fspath(path), detail=str(exc)
            ) from None
        except BaseException:
            connection.close()
            raise
        return cls(connection, keys or {})

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        """The version of the file's tables."""
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    # -- writing

    def put(self, dataset: Dataset, *, source: str) -> PutResult:
        """Add *dataset* as the source *source*, all or nothing (one transaction).

        Putting content the registry already holds changes nothing.

        Raises:
            LoadError: a reference names a record neither the dataset nor the registry
                holds (every such reference, nothing written).
        """
        digest = hashlib.sha256(dumps_jsonl(dataset).encode("utf-8")).hexdigest()
        held = self._db.execute("SELECT id FROM sources WHERE digest = ?", (digest,)).fetchone()
        if held is not None:
            return PutResult(held[0], len(dataset), 0, 0, 0, already_held=True)
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            result = _Put(self, dataset, source, digest).run()
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return result

    # -- reading

    def sources(self) -> list[tuple[int, str, str, int]]:
        """Every source: (id, name, added at, records), in the order added."""
        return [
            tuple(row)
            for row in self._db.execute(
                "SELECT id, name, added_at, records FROM sources ORDER BY id"
            )
        ]

    def dataset(
        self,
        *,
        place: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        kinds: Iterable[EventKind | str] | None = None,
    ) -> Dataset:
        """The registry's records as a :class:`~antq.Dataset` (merged, one per fact).

        *place* keeps the events, models and awards at or under a locality; *since* and
        *until* the events held (awards dated) in the range; *kinds* the events of those
        kinds. Localities and officials are always whole, so references resolve.
        """
        localities = list(self._bodies("localities"))
        officials = list(self._bodies("officials"))
        events: list[str] = []
        wanted_kinds = (
            {k.value if isinstance(k, EventKind) else EventKind.from_label(k).value for k in kinds}
            if kinds is not None
            else None
        )
        under = self._under(place) if place is not None else None
        kept_events: set[str] = set()
        for event_id, kind, locality, day, body in self._db.execute(
            "SELECT id, kind, locality, day, body FROM events ORDER BY rowid"
        ):
            if wanted_kinds is not None and kind not in wanted_kinds:
                continue
            if under is not None and locality not in under:
                continue
            if (since or until) and not _in_range(day, since, until):
                continue
            events.append(body)
            kept_events.add(event_id)
        models = [
            body
            for locality, body in self._db.execute(
                "SELECT locality, body FROM security_models ORDER BY rowid"
            )
            if under is None or locality in under
        ]
        filtered = (
            under is not None or since is not None or until is not None or wanted_kinds is not None
        )
        awards = []
        for event_id, decided, presented, body in self._db.execute(
            "SELECT event, decided_on, presented_on, body FROM awards ORDER BY rowid"
        ):
            if filtered and event_id not in kept_events:
                # an award of no event is kept by its own dates, when only dates are asked
                by_place = under is not None or wanted_kinds is not None
                if event_id is not None or by_place:
                    continue
                if not _in_range(decided or presented, since, until):
                    continue
            awards.append(body)
        return Dataset.from_records(_records([*localities, *officials, *events, *models, *awards]))

    def _bodies(self, table: str) -> Iterator[str]:
        for (body,) in self._db.execute(f"SELECT body FROM {table} ORDER BY rowid"):
            yield body

    def _under(self, place: str) -> set[str]:
        rows = self._db.execute(
            """WITH RECURSIVE under(id) AS (
                   SELECT id FROM localities WHERE id = ?
                   UNION SELECT c.id FROM localities c JOIN under u ON c.parent = u.id)
               SELECT id FROM under""",
            (place,),
        )
        return {row[0] for row in rows}

    def conflicts(self) -> list[Conflict]:
        """Every field two sources disagree on, with each source's value."""
        found: dict[tuple[str, str, str], list[tuple[str, object]]] = {}
        for kind, fact, field, name, value in self._db.execute(
            """SELECT c.kind, c.fact, c.field, s.name, c.value FROM conflicts c
               JOIN sources s ON s.id = c.source ORDER BY c.kind, c.fact, c.field, c.rowid"""
        ):
            found.setdefault((kind, fact, field), []).append((name, json.loads(value)))
        return [
            Conflict(_member(EntityKind, kind), fact, field, tuple(values))
            for (kind, fact, field), values in found.items()
        ]

    def history(self, id: str, *, kind: EntityKind | str | None = None) -> list[HistoryEntry]:
        """Which source gave which values of the fact *id*, and when, in the order added."""
        query = """SELECT s.name, s.added_at, c.record_id, c.body FROM claims c
                   JOIN sources s ON s.id = c.source WHERE c.fact = ?"""
        params: list[object] = [id]
        if kind is not None:
            query += " AND c.kind = ?"
            params.append(kind.value if isinstance(kind, EntityKind) else kind)
        rows = self._db.execute(query + " ORDER BY c.source", params)
        return [
            HistoryEntry(name, added, record_id, types.MappingProxyType(_body(body)))
            for name, added, record_id, body in rows
        ]

    def search(self, words: str) -> list[tuple[EntityKind, str, str]]:
        """Records whose name or title holds *words* (accents and case aside): (kind, id, name)."""
        query = " ".join(f'"{part}"' for part in fold(words, diacritics=False).split())
        rows = self._db.execute(
            "SELECT kind, id, name FROM names WHERE names MATCH ? ORDER BY rank",
            (f"folded: {query}" if query else '""',),
        )
        return [(_member(EntityKind, kind), id, name) for kind, id, name in rows]

    # -- tallies

    def tally(
        self,
        by: Sequence[Dim | str] = (),
        *,
        where: Mapping[Dim | str, Any] | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        follow_successors: bool = False,
    ) -> Tally:
        """Count the registry's grant lines in SQL.

        The result is the same :class:`~antq.Tally` as ``antq.tally(registry.dataset(),
        ...)`` (a differential property test says so).
        """
        return _sql_tally(self._db, by, where, since, until, follow_successors)


def _in_range(day: str | None, since: dt.date | None, until: dt.date | None) -> bool:
    if day is None:
        return False
    parsed = dt.date.fromisoformat(day)
    return (since is None or parsed >= since) and (until is None or parsed <= until)


def _migrate(db: sqlite3.Connection, path: str) -> None:
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > len(MIGRATIONS):
        raise RegistryError("registry.newer", path=path, version=version, known=len(MIGRATIONS))
    if version == 0 and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise RegistryError("registry.not_a_registry", path=path, detail="no registry tables")
    if version == len(MIGRATIONS):
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        for step in MIGRATIONS[version:]:
            for statement in _statements(step):
                db.execute(statement)
        db.execute("DELETE FROM labels")
        db.executemany(
            "INSERT INTO labels VALUES (?, ?, ?, ?)",
            [(vocab.__name__, m.value, m.label, m.gloss) for vocab in _LABELLED for m in vocab],
        )
        db.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(len(MIGRATIONS)),)
        )
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    """A script's statements (sqlite3 runs one at a time inside our transaction)."""
    found, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            found.append(current.strip())
            current = ""
    return [statement for statement in found if statement]


# ------------------------------------------------------------------ one put


class _Put:
    """The work of one :meth:`Registry.put`, inside its transaction."""

    def __init__(self, registry: Registry, dataset: Dataset, name: str, digest: str) -> None:
        self.db = registry._db
        self.keys = registry._keys
        self.dataset = dataset
        self.name = name
        self.digest = digest
        self.maps: _Maps = {kind: {} for kind in _ORDER}
        self.claimed: dict[EntityKind, set[str]] = {kind: set() for kind in _ORDER}
        self.cache: dict[tuple[EntityKind, str], Record | None] = {}
        self.new_facts = 0
        self.matched = 0

    def run(self) -> PutResult:
        added = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        cursor = self.db.execute(
            "INSERT INTO sources (name, digest, added_at, records) VALUES (?, ?, ?, ?)",
            (self.name, self.digest, added, len(self.dataset)),
        )
        source = int(cursor.lastrowid or 0)
        finals: list[tuple[EntityKind, str, str, Record]] = []  # kind, record id, fact, record
        for collection, kind, _ in COLLECTIONS:
            records: Sequence[Record] = getattr(self.dataset, collection)
            if kind is EntityKind.LOCALITY:
                records = _parents_first(records)  # type: ignore[arg-type]
            matched: list[tuple[Record, str]] = []
            for record in records:
                fact = self._match(kind, _remap(record, self.maps))
                self.maps[kind][record.id] = fact
                self.claimed[kind].add(fact)
                matched.append((record, fact))
            for record, fact in matched:  # now the same kind's references (successors) too
                final = attrs.evolve(_remap(record, self.maps), id=fact)
                finals.append((kind, record.id, fact, final))
        self._check_references(finals)
        self.db.executemany(
            "INSERT INTO claims (source, kind, record_id, fact, body) VALUES (?, ?, ?, ?, ?)",
            [(source, kind.value, rid, fact, _line(final)) for kind, rid, fact, final in finals],
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO fact_keys (kind, key, fact) VALUES (?, ?, ?)",
            [
                (kind.value, key, fact)
                for kind, _, fact, final in finals
                for key in self.keys[kind].keys(final)
            ],
        )
        conflicts = _rebuild(self.db, [(kind, fact, final) for kind, _, fact, final in finals])
        return PutResult(source, len(self.dataset), self.new_facts, self.matched, conflicts)

    def _fact_record(self, kind: EntityKind, fact: str) -> Record | None:
        key = (kind, fact)
        if key not in self.cache:
            row = self.db.execute(
                f"SELECT body FROM {_TABLE[kind]} WHERE id = ?",
                (fact,),
            ).fetchone()
            self.cache[key] = next(_records([row[0]])) if row is not None else None
        return self.cache[key]

    def _match(self, kind: EntityKind, record: Any) -> str:
        rule = self.keys[kind]
        claimed = self.claimed[kind]
        if record.id not in claimed:
            held = self._fact_record(kind, record.id)
            if held is not None and rule.compatible(record, held):
                self.matched += 1
                return str(record.id)
        for probe in rule.keys(record):
            candidates = [
                fact
                for (fact,) in self.db.execute(
                    "SELECT fact FROM fact_keys WHERE kind = ? AND key = ?", (kind.value, probe)
                )
                if fact not in claimed
            ]
            fitting: list[tuple[int, str]] = []
            for fact in candidates:
                held = self._fact_record(kind, fact)
                if held is not None and rule.compatible(record, held):
                    fitting.append((rule.closeness(record, held), fact))
            if fitting:
                best = max(score for score, _ in fitting)
                chosen = [fact for score, fact in fitting if score == best]
                if len(chosen) == 1:
                    self.matched += 1
                    return str(chosen[0])
                break  # two facts fit as well: saying which would be a guess
        return self._new_fact(kind, record.id)

    def _new_fact(self, kind: EntityKind, wanted: str) -> str:
        fact, number = wanted, 1
        while self.db.execute(
            "SELECT 1 FROM facts WHERE kind = ? AND id = ?", (kind.value, fact)
        ).fetchone():
            number += 1
            fact = f"{wanted}~{number}"
        self.db.execute("INSERT INTO facts (kind, id) VALUES (?, ?)", (kind.value, fact))
        self.cache[(kind, fact)] = None
        self.new_facts += 1
        return fact

    def _check_references(self, finals: Sequence[tuple[EntityKind, str, str, Record]]) -> None:
        known = {kind: set(table.values()) for kind, table in self.maps.items()}
        problems: list[Problem] = []
        index: dict[EntityKind, int] = {}
        for kind, record_id, _, final in finals:
            at = index[kind] = index.get(kind, -1) + 1
            for route in routes_of(type(final)):
                for path, target in route.walk(final):
                    if target in known[route.target]:
                        continue
                    if self.db.execute(
                        "SELECT 1 FROM facts WHERE kind = ? AND id = ?",
                        (route.target.value, target),
                    ).fetchone():
                        known[route.target].add(target)
                        continue
                    problems.append(
                        Problem(
                            f"$.{_COLLECTION_OF[kind]}[{at}]{path}",
                            "registry.dangling",
                            {
                                "what": Message(f"record.{route.target.value}"),
                                "id": repr(target),
                                "record": repr(record_id),
                            },
                        )
                    )
        if problems:
            raise LoadError(problems)


def _parents_first(units: Sequence[Locality]) -> list[Locality]:
    """Localities with each parent (of the same dataset) before its children."""
    by_id = {unit.id: unit for unit in units}
    done: set[str] = set()
    ordered: list[Locality] = []

    def visit(unit: Locality, seen: set[str]) -> None:
        if unit.id in done or unit.id in seen:
            return
        seen.add(unit.id)
        parent = by_id.get(unit.parent) if unit.parent else None
        if parent is not None:
            visit(parent, seen)
        done.add(unit.id)
        ordered.append(unit)

    for unit in units:
        visit(unit, set())
    return ordered


# ------------------------------------------------------------ merged records


def _rebuild(db: sqlite3.Connection, touched: Sequence[tuple[EntityKind, str, Record]]) -> int:
    """Merge each touched fact's claims into its record, typed rows, conflicts; count these."""
    merged: list[tuple[EntityKind, Record, str]] = []
    conflict_rows: list[tuple[str, str, str, int, str]] = []
    for kind, fact, record in touched:
        claims = db.execute(
            "SELECT source, body FROM claims WHERE kind = ? AND fact = ? ORDER BY source",
            (kind.value, fact),
        ).fetchall()
        if len(claims) == 1:  # a new fact: the claim is the record
            merged.append((kind, record, _line(record)))
            db.execute("DELETE FROM conflicts WHERE kind = ? AND fact = ?", (kind.value, fact))
            continue
        bodies = [(source, _body(body)) for source, body in claims]
        values, conflicts = _merge(bodies)
        line = json.dumps({"type": kind.value, **values}, ensure_ascii=False, separators=(",", ":"))
        try:
            built = next(_records([line]))
        except (LoadError, AntqError):  # mixed claims the model refuses: the first one whole
            line = json.dumps(
                {"type": kind.value, **bodies[0][1], "sources": values.get("sources", [])},
                ensure_ascii=False,
                separators=(",", ":"),
            )
            built = next(_records([line]))
        merged.append((kind, built, line))
        db.execute("DELETE FROM conflicts WHERE kind = ? AND fact = ?", (kind.value, fact))
        for field, stated in conflicts.items():
            for source, value in stated:
                conflict_rows.append(
                    (kind.value, fact, field, source, json.dumps(value, ensure_ascii=False))
                )
    db.executemany("INSERT INTO conflicts VALUES (?, ?, ?, ?, ?)", conflict_rows)
    _write_rows(db, merged)
    return len({(kind, fact, field) for kind, fact, field, _, _ in conflict_rows})


def _iso(day: object) -> str | None:
    if day is None:
        return None
    return day.isoformat() if isinstance(day, dt.date) else str(day)


def _write_rows(db: sqlite3.Connection, merged: Sequence[tuple[EntityKind, Record, str]]) -> None:
    """The typed rows of merged records (replacing any earlier row of the same fact)."""
    rows: dict[EntityKind, list[tuple[Any, ...]]] = {kind: [] for kind in _ORDER}
    positions: list[tuple[Any, ...]] = []
    recipients: list[tuple[Any, ...]] = []
    names: list[tuple[str, str, str, str]] = []
    for kind, record, line in merged:
        if isinstance(record, Locality):
            rows[kind].append(
                (
                    record.id,
                    record.name,
                    record.unit_type.value,
                    record.level.value,
                    record.code,
                    record.parent,
                    _iso(record.valid_from),
                    _iso(record.valid_until),
                    line,
                )
            )
            names.append((kind.value, record.id, record.full_name, ""))
        elif isinstance(record, Official):
            rows[kind].append((record.id, record.name, line))
            positions.extend(
                (
                    record.id,
                    p.title,
                    p.office.value if p.office else None,
                    p.locality,
                    _iso(p.started_on),
                    _iso(p.ended_on),
                )
                for p in record.positions
            )
            names.append((kind.value, record.id, record.name, ""))
        elif isinstance(record, Event):
            day = record.held_on if type(record.held_on) is dt.date else None
            rows[kind].append(
                (
                    record.id,
                    record.kind.value,
                    record.locality,
                    record.title,
                    _iso(record.held_on),
                    _iso(day),
                    record.year,
                    None if record.is_pilot is None else int(record.is_pilot),
                    line,
                )
            )
            if record.title:
                names.append((kind.value, record.id, record.title, ""))
        elif isinstance(record, SecurityModel):
            rows[kind].append(
                (record.id, record.name, record.category.value, record.locality, line)
            )
            names.append((kind.value, record.id, record.name, ""))
        elif isinstance(record, Award):
            issuer = record.issuer
            rows[kind].append(
                (
                    record.id,
                    record.event,
                    record.form.value,
                    issuer.office.value if issuer.office else None,
                    issuer.level.value if issuer.level else None,
                    issuer.locality,
                    issuer.official,
                    issuer.as_written,
                    record.recipient_kind.value,
                    record.count,
                    record.decision,
                    _iso(record.decided_on),
                    _iso(record.presented_on),
                    record.reason,
                    line,
                )
            )
            recipients.extend(
                (record.id, r.name, r.title, r.unit, r.locality) for r in record.recipients
            )
    for kind in _ORDER:
        table = _TABLE[kind]
        ids = [(row[0],) for row in rows[kind]]
        if not ids:
            continue
        if kind is EntityKind.OFFICIAL:
            db.executemany("DELETE FROM positions WHERE official = ?", ids)
        if kind is EntityKind.AWARD:
            db.executemany("DELETE FROM recipients WHERE award = ?", ids)
        db.executemany(f"DELETE FROM {table} WHERE id = ?", ids)
        marks = ", ".join("?" * len(rows[kind][0]))
        db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[kind])
        db.executemany(
            "DELETE FROM names WHERE kind = ? AND id = ?", [(kind.value, i) for (i,) in ids]
        )
    db.executemany("INSERT INTO positions VALUES (?, ?, ?, ?, ?, ?)", positions)
    db.executemany("INSERT INTO recipients VALUES (?, ?, ?, ?, ?)", recipients)
    db.executemany(
        "INSERT INTO names (kind, id, name, folded) VALUES (?, ?, ?, ?)",
        [(k, i, n, fold(n, diacritics=False)) for k, i, n, _ in names],
    )


# ------------------------------------------------------------------ tallies in SQL

_COLUMN_OF_DIM: Final = {
    Dim.FORM: "a.form",
    Dim.OFFICE: "a.issuer_office",
    Dim.ISSUER_LEVEL: "a.issuer_level",
    Dim.RECIPIENT_KIND: "a.recipient_kind",
    Dim.EVENT: "a.event",
    Dim.EVENT_KIND: "e.kind",
    Dim.PILOT: "e.is_pilot",
    Dim.YEAR: (
        "COALESCE(CAST(substr(COALESCE(a.decided_on, a.presented_on), 1, 4) AS INTEGER), e.year)"
    ),
}
_VOCAB_OF_DIM: Final[Mapping[Dim, type[Vocab]]] = {
    Dim.FORM: AwardForm,
    Dim.OFFICE: Office,
    Dim.ISSUER_LEVEL: LocalityLevel,
    Dim.RECIPIENT_KIND: RecipientKind,
    Dim.EVENT_KIND: EventKind,
}
_PLACE_LEVEL: Final = {
    Dim.COMMUNE: LocalityLevel.COMMUNE,
    Dim.DISTRICT: LocalityLevel.DISTRICT,
    Dim.PROVINCE: LocalityLevel.PROVINCE,
    Dim.ISSUER_PROVINCE: LocalityLevel.PROVINCE,
}
_DAY: Final = "COALESCE(a.decided_on, a.presented_on, e.day)"


def _member(vocabulary: type[_V], value: str) -> _V:
    """The member of *vocabulary* with the code *value* (the registry wrote it)."""
    member = vocabulary.by_value(value)
    if member is None:
        raise RegistryError("registry.not_a_registry", path="?", detail=f"code {value!r}")
    return member


def _to_sql(value: Any) -> Any:
    if isinstance(value, Vocab):
        return value.value
    if isinstance(value, bool):
        return int(value)
    return value


def _from_sql(dim: Dim, value: Any) -> Any:
    if value is None:
        return None
    vocabulary = _VOCAB_OF_DIM.get(dim)
    if vocabulary is not None:
        return _member(vocabulary, value)
    if dim is Dim.PILOT:
        return bool(value)
    return value


class _Places:
    """Each place dimension's value per locality, by antq.tally's own walk, as temp tables."""

    def __init__(self, db: sqlite3.Connection, follow: bool) -> None:
        self.db = db
        self.ctx = _Context(follow)
        for unit in _records(body for (body,) in db.execute("SELECT body FROM localities")):
            self.ctx.add(unit)
        self.noted: dict[tuple[Dim, str], frozenset[str]] = {}
        self.tables: dict[Dim, str] = {}

    def table(self, dim: Dim) -> str:
        """A temp table (locality, value) for *dim*, made on first use."""
        if dim in self.tables:
            return self.tables[dim]
        name = f"temp.place_{dim.value}"
        column = "issuer_locality" if dim in {Dim.ISSUER_LOCALITY, Dim.ISSUER_PROVINCE} else None
        query = (
            f"SELECT DISTINCT {column} FROM awards WHERE {column} IS NOT NULL"
            if column
            else "SELECT DISTINCT locality FROM events"
        )
        rows = []
        for (place,) in self.db.execute(query):
            before, self.ctx.unresolved = self.ctx.unresolved, set()
            if dim is Dim.ISSUER_LOCALITY:
                value = self.ctx.current(place) if self.ctx.follow_successors else place
            else:
                value = self.ctx.up(place, _PLACE_LEVEL[dim])
            self.noted[(dim, place)] = frozenset(self.ctx.unresolved)
            self.ctx.unresolved = before | self.ctx.unresolved
            rows.append((place, value))
        self.db.execute(f"DROP TABLE IF EXISTS {name}")
        self.db.execute(f"CREATE TABLE {name} (locality TEXT PRIMARY KEY, value TEXT)")
        self.db.executemany(f"INSERT INTO {name} VALUES (?, ?)", rows)
        self.tables[dim] = name
        return name

    def expression(self, dim: Dim) -> tuple[str, str]:
        """The SQL of *dim*'s value and the join it needs."""
        alias = f"p_{dim.value}"
        source = (
            "a.issuer_locality"
            if dim in {Dim.ISSUER_LOCALITY, Dim.ISSUER_PROVINCE}
            else "e.locality"
        )
        join = f"LEFT JOIN {self.table(dim)} {alias} ON {alias}.locality = {source}"
        return f"{alias}.value", join

    def source_column(self, dim: Dim) -> str:
        return (
            "a.issuer_locality"
            if dim in {Dim.ISSUER_LOCALITY, Dim.ISSUER_PROVINCE}
            else "e.locality"
        )


def _sql_tally(
    db: sqlite3.Connection,
    by: Sequence[Dim | str],
    where: Mapping[Dim | str, Any] | None,
    since: dt.date | None,
    until: dt.date | None,
    follow: bool,
) -> Tally:
    dims = tuple(_as_dim(d) for d in by)
    filters = [((dim := _as_dim(d)), _wanted(dim, v)) for d, v in (where or {}).items()]
    places = _Places(db, follow)
    joins: list[str] = []
    needs_event = (
        any(
            d in {Dim.EVENT_KIND, Dim.PILOT, Dim.YEAR, Dim.COMMUNE, Dim.DISTRICT, Dim.PROVINCE}
            for d in (*dims, *(f for f, _ in filters))
        )
        or since is not None
        or until is not None
    )

    def expr(dim: Dim) -> str:
        if dim in _COLUMN_OF_DIM:
            return _COLUMN_OF_DIM[dim]
        if dim is Dim.ISSUER_LOCALITY and not follow:
            return "a.issuer_locality"
        sql, join = places.expression(dim)
        if join not in joins:
            joins.append(join)
        return sql

    conditions: list[str] = []
    params: list[Any] = []
    for dim, wanted in filters:
        column = expr(dim)
        values = list(wanted) if isinstance(wanted, set | frozenset | list | tuple) else [wanted]
        present = [_to_sql(v) for v in values if v is not None]
        parts = [f"{column} IN ({', '.join('?' * len(present))})"] if present else []
        if any(v is None for v in values):
            parts.append(f"{column} IS NULL")
        conditions.append("(" + " OR ".join(parts) + ")" if parts else "0")
        params.extend(present)
    keys = [expr(dim) for dim in dims]
    head = "FROM awards a" + (
        " LEFT JOIN events e ON e.id = a.event" if needs_event or joins else ""
    )
    body = " ".join([head, *joins])
    filtered = " AND ".join(conditions) or "1"
    undated = 0
    dated = filtered
    dated_params = list(params)
    if since is not None or until is not None:
        undated = db.execute(
            f"SELECT count(*) {body} WHERE {filtered} AND {_DAY} IS NULL", params
        ).fetchone()[0]
        dated += f" AND {_DAY} IS NOT NULL"
        if since is not None:
            dated += f" AND {_DAY} >= ?"
            dated_params.append(since.isoformat())
        if until is not None:
            dated += f" AND {_DAY} <= ?"
            dated_params.append(until.isoformat())
    select = ", ".join([*keys, "count(*)", "COALESCE(sum(a.count), 0)", "sum(a.count IS NULL)"])
    group = f" GROUP BY {', '.join(keys)}" if keys else ""
    cells: dict[tuple[Any, ...], Cell] = {}
    for row in db.execute(f"SELECT {select} {body} WHERE {dated}{group}", dated_params):
        lines, recipients, unknown = row[-3:]
        if not lines:
            continue
        key = tuple(_from_sql(dim, part) for dim, part in zip(dims, row[:-3], strict=True))
        cells[key] = Cell(lines, recipients, unknown)
    unresolved = _unresolved(
        db, places, dims, filters, body, conditions, params, dated, dated_params, follow
    )
    names = _Names(db, places.ctx)
    return Tally(
        dims=dims,
        cells=types.MappingProxyType(cells),
        total=sum(cells.values(), Cell()),
        undated=undated,
        unresolved=tuple(sorted(unresolved)),
        names=names,
    )


def _unresolved(
    db: sqlite3.Connection,
    places: _Places,
    dims: Sequence[Dim],
    filters: Sequence[tuple[Dim, Any]],
    body: str,
    conditions: Sequence[str],
    params: Sequence[Any],
    dated: str,
    dated_params: Sequence[Any],
    follow: bool,
) -> set[str]:
    """The locality ids the roll-up could not place, noted where antq.tally notes them.

    antq.tally reads each filter in turn (stopping at the first that fails) and the
    key's dimensions for the lines it counts; a registry's references all resolve, so
    only a unit with several successors (``follow_successors``) is ever noted.
    """
    if not follow or not places.tables:
        return set()
    found: set[str] = set()
    param_at = 0
    for index, (dim, wanted) in enumerate(filters):
        count = len(
            [
                v
                for v in (
                    wanted if isinstance(wanted, set | frozenset | list | tuple) else [wanted]
                )
                if v is not None
            ]
        )
        if dim in places.tables:
            before = " AND ".join(conditions[:index]) or "1"
            column = places.source_column(dim)
            rows = db.execute(
                f"SELECT DISTINCT {column} {body} WHERE {before}",
                params[:param_at],
            )
            for (place,) in rows:
                found |= places.noted.get((dim, place), frozenset())
        param_at += count
    for dim in dims:
        if dim in places.tables:
            column = places.source_column(dim)
            for (place,) in db.execute(
                f"SELECT DISTINCT {column} {body} WHERE {dated}", dated_params
            ):
                found |= places.noted.get((dim, place), frozenset())
    return found


class _Names:
    """How a registry tally's key values read: antq.tally's names, events from the table."""

    def __init__(self, db: sqlite3.Connection, ctx: _Context) -> None:
        self.db = db
        self.ctx = ctx

    def __call__(self, dim: Dim, value: Any, lang: Lang) -> str:
        if dim is Dim.EVENT and value is not None and value not in self.ctx.events:
            row = self.db.execute("SELECT body FROM events WHERE id = ?", (value,)).fetchone()
            if row is not None:
                self.ctx.add(next(_records([row[0]])))
        return self.ctx.name(dim, value, lang)
