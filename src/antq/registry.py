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
from typing import Any, Final, TypeAlias

import attrs
import msgspec

from antq._fields import fields_of, routes_of
from antq._gc import collector_paused
from antq._normal import fold
from antq.dataset import COLLECTIONS, Dataset
from antq.errors import AntqError, LoadError, MessageError, Problem
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
from antq.serialize import SCHEMA, _dump_bytes, _jsonl_line, iter_jsonl
from antq.tally import (
    _DIM_VOCABULARIES,
    _LEVEL_OF_DIM,
    Cell,
    Dim,
    Tally,
    _as_dim,
    _Context,
    _sql_condition,
    _wanted,
)
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


class RegistryError(MessageError):
    """A registry file antq cannot use: newer than this antq, or not a registry."""


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
) WITHOUT ROWID;
CREATE TABLE fact_keys (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    fact TEXT NOT NULL,
    PRIMARY KEY (kind, key, fact),
    FOREIGN KEY (kind, fact) REFERENCES facts (kind, id)
) WITHOUT ROWID;
CREATE TABLE claims (
    source INTEGER NOT NULL REFERENCES sources (id),
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    fact TEXT NOT NULL,
    body TEXT NOT NULL,
    FOREIGN KEY (kind, fact) REFERENCES facts (kind, id)
);
-- a source's record ids are unique per kind (a Dataset's are): one index, by fact
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
-- the grant lines counted by what a tally reads (one row per distinct combination):
-- tallies scan this, not the lines; kept by every put
CREATE TABLE award_cells (
    event TEXT,
    form TEXT NOT NULL,
    issuer_office TEXT,
    issuer_level TEXT,
    issuer_locality TEXT,
    recipient_kind TEXT NOT NULL,
    day TEXT,
    lines INTEGER NOT NULL,
    recipients INTEGER NOT NULL,
    unknown INTEGER NOT NULL,
    -- the event's own values, copied so that a tally joins no event (kept by every put)
    event_locality TEXT,
    event_day TEXT,
    event_year INTEGER,
    event_kind TEXT,
    is_pilot INTEGER
);
CREATE INDEX award_cells_by_key ON award_cells
    (event, form, issuer_office, issuer_level, issuer_locality, recipient_kind, day);
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

_V2: Final = """
-- version 2: each locality's unit at every level (its roll-up, successors not followed),
-- and the cells' year and places copied in, so that a tally joins nothing
CREATE TABLE place_levels (
    locality TEXT PRIMARY KEY REFERENCES localities (id) DEFERRABLE INITIALLY DEFERRED,
    commune TEXT,
    district TEXT,
    province TEXT
) WITHOUT ROWID;
ALTER TABLE award_cells ADD COLUMN year INTEGER;
ALTER TABLE award_cells ADD COLUMN event_commune TEXT;
ALTER TABLE award_cells ADD COLUMN event_district TEXT;
ALTER TABLE award_cells ADD COLUMN event_province TEXT;
ALTER TABLE award_cells ADD COLUMN issuer_province TEXT;
"""

_V3: Final = """
-- version 3: a claim that is its fact's record word for word (a fact's only claim, as
-- most are) keeps no copy of it: body NULL means "the body of the fact's typed row";
-- when a second claim comes, the first is given its body back before the merge
CREATE TABLE claims_v3 (
    source INTEGER NOT NULL REFERENCES sources (id),
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    fact TEXT NOT NULL,
    body TEXT,
    FOREIGN KEY (kind, fact) REFERENCES facts (kind, id)
);
INSERT INTO claims_v3 SELECT source, kind, record_id, fact, body FROM claims;
DROP TABLE claims;
ALTER TABLE claims_v3 RENAME TO claims;
CREATE INDEX claims_by_fact ON claims (kind, fact, source);
"""

#: Each step from one version of the tables to the next (index 0 makes version 1).
MIGRATIONS: Final[tuple[str, ...]] = (_V1, _V2, _V3)
#: The version of the registry's tables; :meth:`Registry.open` migrates older files.
SCHEMA_VERSION: Final = len(MIGRATIONS)
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
    return _CHAIR if office is _UBND else office


_UBND: Final = Office.UBND  # a class attribute of an enum is a slow lookup
_CHAIR: Final = Office.CHU_TICH_UBND


def _locality_keys(unit: Locality) -> list[str]:
    keys = [f"code:{unit.code}"] if unit.code else []
    name = f"name:{fold(unit.name, diacritics=False)}|{unit.unit_type._value_}"
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
    return [f"{event.kind._value_}|{event.locality}"]


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
        f"{award.event}|{office._value_ if office else ''}|"
        f"{issuer.level._value_ if issuer.level else ''}|{award.form._value_}|"
        f"{award.recipient_kind._value_}"
    )


def _award_keys(award: Award) -> list[str]:
    return [_award_line(award)]


def _award_compatible(claim: Award, fact: Award) -> bool:
    return _award_line(claim) == _award_line(fact)


def _award_closeness(claim: Award, fact: Award) -> int:
    return int(claim.count == fact.count)


# Hot paths read a member's code as ``_value_`` (the enum's own attribute): ``.value``
# is a descriptor call, a noticeable share of putting 100,000 records.

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
_ALIKE: Final = {"issuer.office": {_UBND.value: _CHAIR.value}}  # as _office matches them


_REFINED: Final = frozenset({"held_on"})  # where a partial date may be told more fully


def _fullest_date(stated: Sequence[tuple[int, Any]]) -> str | None:
    """The value every other one is part of ("2023", "2023-08", "--08-12" of "2023-08-12")."""
    texts = [value for _, value in stated]
    if not all(isinstance(text, str) for text in texts):
        return None

    def within(part: str, whole: str) -> bool:
        if part == whole or whole.startswith(part + "-"):
            return True
        return part.startswith("--") and len(whole) == 10 and whole[4:] == part[1:]

    for whole in texts:
        if all(within(part, whole) for part in texts):
            return str(whole)
    return None


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
        if path in _REFINED and (fullest := _fullest_date(stated)) is not None:
            merged[key] = fullest  # "2023-08" and "2023-08-12" are one date, told better
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


def _records(lines: Iterable[str]) -> Iterator[Record]:
    header = json.dumps({"schema": SCHEMA})
    return iter_jsonl(iter([header, *lines]))


def _body(line: str) -> dict[str, Any]:
    body = json.loads(line)
    body.pop("type", None)
    return body  # type: ignore[no-any-return]


# A claim's body as a query reads it: its own, or (NULL) its fact's record's.
_CLAIM_BODY: Final = "COALESCE(c.body, CASE c.kind {} END)".format(
    " ".join(
        f"WHEN '{kind.value}' THEN (SELECT t.body FROM {table} t WHERE t.id = c.fact)"
        for kind, table in _TABLE.items()
    )
)


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
            # up to 64 MiB of pages, so that a tally's GROUP BY over a million cells sorts
            # in memory (at SQLite's default 2 MiB it spills to a file: 0.85 → 0.6 s)
            connection.execute("PRAGMA cache_size = -65536")
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
        raw = _dump_bytes(dataset, None)  # antq's own document, by the fast writer
        digest = hashlib.sha256(raw).hexdigest()
        held = self._db.execute("SELECT id FROM sources WHERE digest = ?", (digest,)).fetchone()
        if held is not None:
            return PutResult(held[0], len(dataset), 0, 0, 0, already_held=True)
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            with collector_paused():  # rows and records by the hundred thousand, no cycles
                result = _Put(self, dataset, source, digest).run(_RAW_DOCUMENT.decode(raw))
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
            Conflict(EntityKind.from_label(kind), fact, field, tuple(values))
            for (kind, fact, field), values in found.items()
        ]

    def history(self, id: str, *, kind: EntityKind | str | None = None) -> list[HistoryEntry]:
        """Which source gave which values of the fact *id*, and when, in the order added."""
        query = f"""SELECT s.name, s.added_at, c.record_id, {_CLAIM_BODY} FROM claims c
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
        return [(EntityKind.from_label(kind), id, name) for kind, id, name in rows]

    # -- tallies

    def recount(self) -> None:
        """Rebuild the counts tallies read from the grant lines, in one transaction.

        Only needed after changing the ``awards`` table by hand (every put keeps them).
        """
        self._db.execute("BEGIN IMMEDIATE")
        try:
            _refresh_places(self._db)
            _recount_events(self._db, None)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

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
    if version > SCHEMA_VERSION:
        raise RegistryError("registry.newer", path=path, version=version, known=SCHEMA_VERSION)
    if version == 0 and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise RegistryError("registry.not_a_registry", path=path, detail="no registry tables")
    if version == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        for step in MIGRATIONS[version:]:
            for statement in _statements(step):
                db.execute(statement)
        if 0 < version < 2:  # the places and years version 2 copies into the cells
            _refresh_places(db)
            _recount_events(db, None)
        db.execute("DELETE FROM labels")
        db.executemany(
            "INSERT INTO labels VALUES (?, ?, ?, ?)",
            [(vocab.__name__, m.value, m.label, m.gloss) for vocab in _LABELLED for m in vocab],
        )
        db.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
        )
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
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
    """The work of one :meth:`Registry.put`, inside its transaction.

    Kind by kind (references point back only), each record is matched to a fact; the
    records that can match nothing held (no fact has their id or any of their keys,
    found by one query per kind) become new facts with their own id, with no
    per-record query, which is the common case of a new year's files.
    """

    def __init__(self, registry: Registry, dataset: Dataset, name: str, digest: str) -> None:
        self.db = registry._db
        self.keys = registry._keys
        self.dataset = dataset
        self.name = name
        self.digest = digest
        self.maps: _Maps = {kind: {} for kind in _ORDER}  # source id -> fact, renamed only
        self.claimed: dict[EntityKind, set[str]] = {kind: set() for kind in _ORDER}
        self.cache: dict[tuple[EntityKind, str], Record | None] = {}
        self.new: dict[EntityKind, set[str]] = {kind: set() for kind in _ORDER}
        self.renamed = False
        self.filed: dict[EntityKind, Mapping[str, Sequence[str]]] = {}
        self.new_facts = 0
        self.matched = 0

    def run(self, document: Mapping[str, msgspec.Raw]) -> PutResult:
        added = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        cursor = self.db.execute(
            "INSERT INTO sources (name, digest, added_at, records) VALUES (?, ?, ?, ?)",
            (self.name, self.digest, added, len(self.dataset)),
        )
        source = int(cursor.lastrowid or 0)
        finals: list[tuple[EntityKind, str, str, Record, str | None]] = []
        for collection, kind, _ in COLLECTIONS:
            records: Sequence[Record] = getattr(self.dataset, collection)
            held = document.get(collection)
            bodies = _RAW_RECORDS.decode(held) if held is not None else []
            lines = {record.id: body for record, body in zip(records, bodies, strict=True)}
            if kind is EntityKind.LOCALITY:
                records = _parents_first(records)  # type: ignore[arg-type]
            prepared = [(record, self._remapped(record)) for record in records]
            rule = self.keys[kind]
            keys: dict[str, Sequence[str]] = {r.id: rule.keys(view) for r, view in prepared}
            self.filed[kind] = keys
            held_ids, held_keys = self._held(kind, [r.id for r, _ in prepared], keys)
            matched: list[tuple[Record, str]] = []
            for record, view in prepared:
                if record.id in held_ids or any(key in held_keys for key in keys[record.id]):
                    fact = self._match(kind, view)
                else:  # nothing held can be this record: a new fact under its own id
                    fact = self._add_fact(kind, record.id)
                if fact != record.id:
                    self.maps[kind][record.id] = fact
                    self.renamed = True
                self.claimed[kind].add(fact)
                matched.append((record, fact))
            for record, fact in matched:  # now the same kind's references (successors) too
                final = self._remapped(record)
                same = final is record and fact == record.id
                if fact != record.id:
                    final = attrs.evolve(final, id=fact)  # type: ignore[arg-type]
                line = _typed_line(kind, lines[record.id]) if same else None
                finals.append((kind, record.id, fact, final, line))
        self._check_references(finals)
        claim_lines = [
            (kind, rid, fact, final, line or _jsonl_line(final).rstrip("\n"))
            for kind, rid, fact, final, line in finals
        ]
        self.db.executemany(
            "INSERT INTO facts (kind, id) VALUES (?, ?)",
            [(kind._value_, fact) for kind, facts in self.new.items() for fact in facts],
        )
        new = self.new
        self.db.executemany(  # a new fact's record is its one claim's line: kept once
            "INSERT INTO claims (source, kind, record_id, fact, body) VALUES (?, ?, ?, ?, ?)",
            [
                (source, kind._value_, rid, fact, None if fact in new[kind] else line)
                for kind, rid, fact, _, line in claim_lines
            ],
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO fact_keys (kind, key, fact) VALUES (?, ?, ?)",
            [
                (kind._value_, key, fact)
                for kind, rid, fact, final, _ in claim_lines
                for key in (
                    self.filed[kind][rid]
                    if fact == rid and not self.renamed
                    else self.keys[kind].keys(final)
                )
            ],
        )
        touched = [
            (kind, fact, final, line, fact in self.new[kind])
            for kind, _, fact, final, line in claim_lines
        ]
        conflicts = _rebuild(self.db, touched)
        return PutResult(source, len(self.dataset), self.new_facts, self.matched, conflicts)

    def _remapped(self, record: Record) -> Record:
        """*record* with its references through the renames so far (itself if none)."""
        if not self.renamed:  # the common case: every fact took its record's id
            return record
        targets = _TARGETS_OF[type(record)]
        if not any(self.maps[kind] for kind in targets):
            return record
        return _remap(record, self.maps)  # type: ignore[no-any-return]

    def _held(
        self, kind: EntityKind, ids: Sequence[str], keys: Mapping[str, Sequence[str]]
    ) -> tuple[set[str], set[str]]:
        """Which of *ids* are facts already, and which of the *keys* file some fact."""
        db = self.db
        if (
            db.execute("SELECT 1 FROM facts WHERE kind = ? LIMIT 1", (kind.value,)).fetchone()
            is None
        ):
            return set(), set()  # nothing of this kind is held yet
        db.execute("CREATE TEMP TABLE IF NOT EXISTS incoming (value TEXT PRIMARY KEY)")
        db.execute("DELETE FROM temp.incoming")
        db.executemany("INSERT OR IGNORE INTO temp.incoming VALUES (?)", [(i,) for i in ids])
        held_ids = {
            row[0]
            for row in db.execute(
                "SELECT f.id FROM facts f JOIN temp.incoming i ON f.id = i.value WHERE f.kind = ?",
                (kind.value,),
            )
        }
        db.execute("DELETE FROM temp.incoming")
        db.executemany(
            "INSERT OR IGNORE INTO temp.incoming VALUES (?)",
            [(key,) for found in keys.values() for key in found],
        )
        held_keys = {
            row[0]
            for row in db.execute(
                "SELECT DISTINCT k.key FROM fact_keys k JOIN temp.incoming i ON k.key = i.value"
                " WHERE k.kind = ?",
                (kind.value,),
            )
        }
        return held_ids, held_keys

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
        fact, number = record.id, 1
        while (
            fact in self.new[kind]
            or self.db.execute(
                "SELECT 1 FROM facts WHERE kind = ? AND id = ?", (kind.value, fact)
            ).fetchone()
        ):
            number += 1
            fact = f"{record.id}~{number}"
        return self._add_fact(kind, fact)

    def _add_fact(self, kind: EntityKind, fact: str) -> str:
        self.new[kind].add(fact)
        self.new_facts += 1
        return fact

    def _check_references(
        self, finals: Sequence[tuple[EntityKind, str, str, Record, str | None]]
    ) -> None:
        known: dict[EntityKind, set[str]] = {kind: set() for kind in _ORDER}
        for kind, facts in self.new.items():
            known[kind] |= facts
        for kind, table in self.claimed.items():
            known[kind] |= table
        missing: dict[EntityKind, set[str]] = {kind: set() for kind in _ORDER}
        by_class: dict[type, list[Record]] = {}
        for _, _, _, final, _ in finals:
            by_class.setdefault(type(final), []).append(final)
        for cls, records in by_class.items():
            for route in routes_of(cls):
                wanted = known[route.target]
                missing[route.target].update(
                    id for id in route.ids(records) if id is not None and id not in wanted
                )
        absent: dict[EntityKind, set[str]] = {}
        for kind, ids in missing.items():
            if ids:
                absent[kind] = {
                    id
                    for id in ids
                    if not self.db.execute(
                        "SELECT 1 FROM facts WHERE kind = ? AND id = ?", (kind.value, id)
                    ).fetchone()
                }
        if not any(absent.values()):
            return
        problems: list[Problem] = []
        place = {
            kind: {record.id: at for at, record in enumerate(getattr(self.dataset, name))}
            for name, kind, _ in COLLECTIONS
        }
        for kind, record_id, _, final, _ in finals:
            at = place[kind][record_id]
            for route in routes_of(type(final)):
                for path, target in route.walk(final):
                    if target in absent.get(route.target, ()):
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
        raise LoadError(problems)


_TARGETS_OF: Final = {
    cls: frozenset(route.target for route in routes_of(cls)) for _, _, cls in COLLECTIONS
}


_RAW_DOCUMENT: Final = msgspec.json.Decoder(dict[str, msgspec.Raw])
_RAW_RECORDS: Final = msgspec.json.Decoder(list[msgspec.Raw])
_TYPE_KEY: Final = {kind: f'{{"type":"{kind.value}",'.encode() for kind in EntityKind}


def _typed_line(kind: EntityKind, body: msgspec.Raw) -> str:
    """A record's JSON Lines line, made from its text in the document.

    Both are msgspec's compact JSON of the same values, so the line is the text with
    the type key put in front (``tests/test_registry.py`` compares it with the writer's).
    """
    return b"".join((_TYPE_KEY[kind], memoryview(body)[1:])).decode("utf-8")


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


def _rebuild(
    db: sqlite3.Connection, touched: Sequence[tuple[EntityKind, str, Record, str, bool]]
) -> int:
    """Merge each touched fact's claims into its record, typed rows, conflicts; count these.

    A fact this put made has one claim, which is its record.
    """
    merged: list[tuple[EntityKind, Record, str, bool]] = []
    conflict_rows: list[tuple[str, str, str, int, str]] = []
    for kind, fact, record, line, new in touched:
        if new:
            merged.append((kind, record, line, True))
            continue
        db.execute(  # the claim that was the record word for word: its body, before a merge
            f"UPDATE claims SET body = (SELECT body FROM {_TABLE[kind]} WHERE id = ?)"
            " WHERE kind = ? AND fact = ? AND body IS NULL",
            (fact, kind.value, fact),
        )
        claims = db.execute(
            "SELECT source, body FROM claims WHERE kind = ? AND fact = ? ORDER BY source",
            (kind.value, fact),
        ).fetchall()
        bodies = [(source, _body(body)) for source, body in claims]
        values, conflicts = _merge(bodies)
        merged_line = json.dumps(
            {"type": kind.value, **values}, ensure_ascii=False, separators=(",", ":")
        )
        try:
            built = next(_records([merged_line]))
        except (LoadError, AntqError):  # mixed claims the model refuses: the first one whole
            merged_line = json.dumps(
                {"type": kind.value, **bodies[0][1], "sources": values.get("sources", [])},
                ensure_ascii=False,
                separators=(",", ":"),
            )
            built = next(_records([merged_line]))
        merged.append((kind, built, merged_line, False))
        db.execute("DELETE FROM conflicts WHERE kind = ? AND fact = ?", (kind.value, fact))
        for field, stated in conflicts.items():
            for source, value in stated:
                conflict_rows.append(
                    (kind.value, fact, field, source, json.dumps(value, ensure_ascii=False))
                )
    db.executemany("INSERT INTO conflicts VALUES (?, ?, ?, ?, ?)", conflict_rows)
    _write_rows(db, merged)
    return len({(kind, fact, field) for kind, fact, field, _, _ in conflict_rows})


# The cells of grant lines, counted from the ``awards`` table with the event's values and
# the places at every level joined in: what a tally reads, so that it joins nothing.
_CELLS_OF: Final = """INSERT INTO award_cells (event, form, issuer_office, issuer_level,
        issuer_locality, recipient_kind, day, lines, recipients, unknown, event_locality,
        event_day, event_year, event_kind, is_pilot, year, event_commune, event_district,
        event_province, issuer_province)
    SELECT a.event, a.form, a.issuer_office, a.issuer_level, a.issuer_locality,
           a.recipient_kind, COALESCE(a.decided_on, a.presented_on), count(*),
           COALESCE(sum(a.count), 0), sum(a.count IS NULL), e.locality, e.day, e.year,
           e.kind, e.is_pilot,
           COALESCE(CAST(substr(COALESCE(a.decided_on, a.presented_on), 1, 4) AS INTEGER),
                    e.year),
           pe.commune, pe.district, pe.province, pi.province
    FROM awards a
    LEFT JOIN events e ON e.id = a.event
    LEFT JOIN place_levels pe ON pe.locality = e.locality
    LEFT JOIN place_levels pi ON pi.locality = a.issuer_locality
    {where}
    GROUP BY a.event, a.form, a.issuer_office, a.issuer_level, a.issuer_locality,
             a.recipient_kind, COALESCE(a.decided_on, a.presented_on)"""
_COPY_PLACES: Final = """UPDATE award_cells SET
    (event_commune, event_district, event_province) = (SELECT commune, district, province
        FROM place_levels WHERE locality = award_cells.event_locality),
    issuer_province = (SELECT province FROM place_levels
                       WHERE locality = award_cells.issuer_locality)"""


def _recount_events(db: sqlite3.Connection, events: Iterable[str | None] | None) -> None:
    """Count again the cells of the grant lines of *events*, from the ``awards`` table.

    None among *events* stands for the lines tied to no event; *events* None recounts
    every cell. A cell's key starts with its event, so these cells hold those lines only.
    """
    if events is None:
        db.execute("DELETE FROM award_cells")
        db.execute(_CELLS_OF.format(where=""))
        return
    wanted = set(events)
    loose = None in wanted
    wanted.discard(None)
    db.execute("CREATE TEMP TABLE IF NOT EXISTS affected (id TEXT PRIMARY KEY)")
    db.execute("DELETE FROM temp.affected")
    db.executemany("INSERT INTO temp.affected VALUES (?)", [(event,) for event in wanted])

    def chosen(event: str) -> str:
        return f"{event} IN (SELECT id FROM temp.affected)" + (
            f" OR {event} IS NULL" if loose else ""
        )

    db.execute(f"DELETE FROM award_cells WHERE {chosen('event')}")
    db.execute(_CELLS_OF.format(where=f"WHERE {chosen('a.event')}"))


_LEVELS: Final = (LocalityLevel.COMMUNE, LocalityLevel.DISTRICT, LocalityLevel.PROVINCE)


def _refresh_places(db: sqlite3.Connection) -> set[str]:
    """Bring ``place_levels`` up to the locality tree; the localities whose roll-up changed.

    The same walk as antq.tally's (up the parents, the first unit at the level, a cycle
    ends it), without following successors: that is what the copied cells hold.
    """
    units: dict[str, tuple[str, str | None]] = {
        id: (level, parent)
        for id, level, parent in db.execute("SELECT id, level, parent FROM localities")
    }
    levels = (
        LocalityLevel.COMMUNE.value,
        LocalityLevel.DISTRICT.value,
        LocalityLevel.PROVINCE.value,
    )
    rows: dict[str, tuple[str | None, ...]] = {}
    for start in units:
        found: dict[str, str] = {}
        seen: set[str] = set()
        current: str | None = start
        while current is not None and current not in seen and current in units:
            seen.add(current)
            level, parent = units[current]
            found.setdefault(level, current)
            current = parent
        rows[start] = tuple(found.get(level) for level in levels)
    held = {
        locality: tuple(rest)
        for locality, *rest in db.execute(
            "SELECT locality, commune, district, province FROM place_levels"
        )
    }
    changed = {id for id, row in rows.items() if held.get(id) != row}
    gone = [(id,) for id in held if id not in rows]
    db.executemany("DELETE FROM place_levels WHERE locality = ?", gone)
    db.executemany(
        "INSERT OR REPLACE INTO place_levels VALUES (?, ?, ?, ?)",
        [(id, *rows[id]) for id in changed],
    )
    return changed | {id for (id,) in gone}


def _iso(day: object) -> str | None:
    if day is None:
        return None
    return day.isoformat() if isinstance(day, dt.date) else str(day)


def _write_rows(
    db: sqlite3.Connection, merged: Sequence[tuple[EntityKind, Record, str, bool]]
) -> None:
    """The typed rows of merged records (replacing any earlier row of the same fact)."""
    rows: dict[EntityKind, list[tuple[Any, ...]]] = {kind: [] for kind in _ORDER}
    positions: list[tuple[Any, ...]] = []
    recipients: list[tuple[Any, ...]] = []
    names: list[tuple[str, str, str, str]] = []
    replaced: dict[EntityKind, list[tuple[str]]] = {kind: [] for kind in _ORDER}
    affected: set[str | None] = set()  # the events whose grant lines changed
    for kind, record, line, new in merged:
        if not new:
            replaced[kind].append((record.id,))
        if isinstance(record, Locality):
            rows[kind].append(
                (
                    record.id,
                    record.name,
                    record.unit_type._value_,
                    record.level._value_,
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
                    p.office._value_ if p.office else None,
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
                    record.kind._value_,
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
                (record.id, record.name, record.category._value_, record.locality, line)
            )
            names.append((kind.value, record.id, record.name, ""))
        elif isinstance(record, Award):
            issuer = record.issuer
            rows[kind].append(
                (
                    record.id,
                    record.event,
                    record.form._value_,
                    issuer.office._value_ if issuer.office else None,
                    issuer.level._value_ if issuer.level else None,
                    issuer.locality,
                    issuer.official,
                    issuer.as_written,
                    record.recipient_kind._value_,
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
            affected.add(record.event)
    for kind in _ORDER:
        table = _TABLE[kind]
        ids = replaced[kind]  # the rows of facts held before: replaced
        if not rows[kind]:
            continue
        if kind is EntityKind.OFFICIAL:
            db.executemany("DELETE FROM positions WHERE official = ?", ids)
        if kind is EntityKind.AWARD:
            db.executemany("DELETE FROM recipients WHERE award = ?", ids)
            for (fact,) in ids:  # the line as held before: its event's cells change too
                affected.update(
                    event
                    for (event,) in db.execute("SELECT event FROM awards WHERE id = ?", (fact,))
                )
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
    # the cells of changed lines and of changed events, counted again from the lines
    affected.update(fact for (fact,) in replaced[EntityKind.EVENT])
    if rows[EntityKind.LOCALITY]:  # the tree grew or changed: cells of moved places too
        moved = _refresh_places(db)
        if moved and replaced[EntityKind.LOCALITY]:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS moved (id TEXT PRIMARY KEY)")
            db.execute("DELETE FROM temp.moved")
            db.executemany("INSERT INTO temp.moved VALUES (?)", [(m,) for m in moved])
            db.execute(
                _COPY_PLACES + " WHERE event_locality IN (SELECT id FROM temp.moved)"
                " OR issuer_locality IN (SELECT id FROM temp.moved)"
            )
    if affected:
        _recount_events(db, affected)


# ------------------------------------------------------------------ tallies in SQL

_COLUMN_OF_DIM: Final = {
    Dim.FORM: "a.form",
    Dim.OFFICE: "a.issuer_office",
    Dim.ISSUER_LEVEL: "a.issuer_level",
    Dim.RECIPIENT_KIND: "a.recipient_kind",
    Dim.EVENT: "a.event",
    Dim.EVENT_KIND: "a.event_kind",
    Dim.PILOT: "a.is_pilot",
    Dim.YEAR: "a.year",
}
#: The place dimensions the cells hold rolled up (successors not followed).
_PLACE_COLUMN_OF_DIM: Final = {
    Dim.COMMUNE: "a.event_commune",
    Dim.DISTRICT: "a.event_district",
    Dim.PROVINCE: "a.event_province",
    Dim.ISSUER_PROVINCE: "a.issuer_province",
    Dim.ISSUER_LOCALITY: "a.issuer_locality",
}
_DAY: Final = "COALESCE(a.day, a.event_day)"


def _to_sql(value: Any) -> Any:
    if isinstance(value, Vocab):
        return value.value
    if isinstance(value, bool):
        return int(value)
    return value


def _from_sql(dim: Dim, value: Any) -> Any:
    if value is None:
        return None
    vocabulary = _DIM_VOCABULARIES.get(dim)
    if vocabulary is not None:
        return vocabulary.from_label(value)  # a code the registry wrote
    if dim is Dim.PILOT:
        return bool(value)
    return value


class _Places:
    """Each place dimension's value per locality, by antq.tally's own walk, as temp tables."""

    def __init__(self, db: sqlite3.Connection, follow: bool) -> None:
        self.db = db
        self.ctx = _Context(follow)
        if follow:  # else the cells hold the places rolled up, and names are read as asked
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
            else:  # walked afresh: a walk cached for another dimension notes nothing
                self.ctx._up.pop((place, _LEVEL_OF_DIM[dim]), None)
                value = self.ctx.up(place, _LEVEL_OF_DIM[dim])
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
            else "a.event_locality"
        )
        join = f"LEFT JOIN {self.table(dim)} {alias} ON {alias}.locality = {source}"
        return f"{alias}.value", join

    def source_column(self, dim: Dim) -> str:
        return (
            "a.issuer_locality"
            if dim in {Dim.ISSUER_LOCALITY, Dim.ISSUER_PROVINCE}
            else "a.event_locality"
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

    def expr(dim: Dim) -> str:
        if dim in _COLUMN_OF_DIM:
            return _COLUMN_OF_DIM[dim]
        if not follow:
            return _PLACE_COLUMN_OF_DIM[dim]
        sql, join = places.expression(dim)
        if join not in joins:
            joins.append(join)
        return sql

    conditions: list[str] = []
    params: list[Any] = []
    for dim, wanted in filters:
        condition, present = _sql_condition(expr(dim), wanted, _to_sql)
        conditions.append(condition)
        params.extend(present)
    keys = [expr(dim) for dim in dims]
    head = "FROM award_cells a"
    body = " ".join([head, *joins])
    filtered = " AND ".join(conditions) or "1"
    undated = 0
    dated = filtered
    dated_params = list(params)
    if since is not None or until is not None:
        undated = db.execute(
            f"SELECT COALESCE(sum(a.lines), 0) {body} WHERE {filtered} AND {_DAY} IS NULL", params
        ).fetchone()[0]
        dated += f" AND {_DAY} IS NOT NULL"
        if since is not None:
            dated += f" AND {_DAY} >= ?"
            dated_params.append(since.isoformat())
        if until is not None:
            dated += f" AND {_DAY} <= ?"
            dated_params.append(until.isoformat())
    select = ", ".join([*keys, "sum(a.lines)", "sum(a.recipients)", "sum(a.unknown)"])
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
        if isinstance(value, str):
            if dim is Dim.EVENT:
                self._read("events", value, self.ctx.events)
            elif dim in _PLACE_COLUMN_OF_DIM:
                self._read("localities", value, self.ctx.localities)
        return self.ctx.name(dim, value, lang)

    def _read(self, table: str, id: str, held: Mapping[str, Record]) -> None:
        if id not in held:
            row = self.db.execute(f"SELECT body FROM {table} WHERE id = ?", (id,)).fetchone()
            if row is not None:
                self.ctx.add(next(_records([row[0]])))
