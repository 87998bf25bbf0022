"""The document root: five collections of records, an id index, reference resolution."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Final, TypeVar

import attrs

from antq._fields import routes_of
from antq.errors import Duplicate, DuplicateIdError, UnknownReferenceError
from antq.model import (
    Award,
    AwardId,
    Event,
    EventId,
    Locality,
    LocalityId,
    Official,
    OfficialId,
    Record,
    SecurityModel,
    SecurityModelId,
)
from antq.vocab import EntityKind

__all__ = ["COLLECTIONS", "SCHEMA", "Dataset", "Reference"]

SCHEMA: Final = "antq/1"
"""The document format this version of antq reads and writes."""

#: Each collection's field name, in document order, with the kind and class of its records.
COLLECTIONS: tuple[tuple[str, EntityKind, type[Record]], ...] = (
    ("localities", EntityKind.LOCALITY, Locality),
    ("officials", EntityKind.OFFICIAL, Official),
    ("events", EntityKind.EVENT, Event),
    ("security_models", EntityKind.SECURITY_MODEL, SecurityModel),
    ("awards", EntityKind.AWARD, Award),
)

Keep = Callable[[EntityKind, str], bool]
"""A filter on references by target kind and id."""

_R = TypeVar("_R", Locality, Event, SecurityModel, Official, Award, Record)


@attrs.frozen
class Reference:
    """One typed id inside a record, pointing at another record.

    ``path`` is where the id stands in the document (``$.awards[1].event``).
    """

    source_kind: EntityKind
    source_id: str
    path: str
    target_kind: EntityKind
    target_id: str

    def __str__(self) -> str:
        return f"{self.source_kind.value} {self.source_id!r} ({self.path})"


_NAME_OF_KIND = {kind: name for name, kind, _ in COLLECTIONS}


def _index(
    name: str, kind: EntityKind, records: tuple[_R, ...], duplicates: list[Duplicate]
) -> dict[str, _R]:
    index: dict[str, _R] = {record.id: record for record in records}
    if len(index) == len(records):
        return index
    index = {}
    first_at: dict[str, int] = {}
    repeated: dict[str, list[str]] = {}
    for position, record in enumerate(records):
        if record.id in index:
            paths = repeated.setdefault(record.id, [f"$.{name}[{first_at[record.id]}]"])
            paths.append(f"$.{name}[{position}]")
        else:
            index[record.id] = record
            first_at[record.id] = position
    duplicates.extend(Duplicate(kind, id_, tuple(paths)) for id_, paths in repeated.items())
    return index


@attrs.frozen(kw_only=True)
class Dataset:
    """A whole ``antq/1`` document: localities, officials, events, security models, awards.

    Ids are unique within each collection (a duplicate raises
    :class:`~antq.errors.DuplicateIdError`). References may dangle: the dataset still
    builds, :meth:`dangling_references` lists them and resolving one raises
    :class:`~antq.errors.UnknownReferenceError`.
    """

    localities: tuple[Locality, ...] = ()
    officials: tuple[Official, ...] = ()
    events: tuple[Event, ...] = ()
    security_models: tuple[SecurityModel, ...] = ()
    awards: tuple[Award, ...] = ()
    _localities: dict[str, Locality] = attrs.field(init=False, eq=False, repr=False)
    _officials: dict[str, Official] = attrs.field(init=False, eq=False, repr=False)
    _events: dict[str, Event] = attrs.field(init=False, eq=False, repr=False)
    _security_models: dict[str, SecurityModel] = attrs.field(init=False, eq=False, repr=False)
    _awards: dict[str, Award] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        duplicates: list[Duplicate] = []
        for name, kind, _ in COLLECTIONS:
            index = _index(name, kind, getattr(self, name), duplicates)
            object.__setattr__(self, f"_{name}", index)
        if duplicates:
            raise DuplicateIdError(duplicates)

    @classmethod
    def from_records(cls, records: Iterable[Record]) -> Dataset:
        """Build a dataset from records of any type, in any order (each keeps its order)."""
        buckets: dict[type[Record], list[Record]] = {kind: [] for _, _, kind in COLLECTIONS}
        for record in records:
            buckets[type(record)].append(record)
        return cls(**{name: tuple(buckets[kind]) for name, _, kind in COLLECTIONS})  # type: ignore[arg-type]

    def records(self) -> Iterator[Record]:
        """Every record, collection by collection in document order."""
        for name, _, _ in COLLECTIONS:
            yield from getattr(self, name)

    def __len__(self) -> int:
        return sum(len(getattr(self, name)) for name, _, _ in COLLECTIONS)

    def locality(self, id: LocalityId, *, referrer: str | None = None) -> Locality:
        """The locality with this id; *referrer* names who asked, for the error message.

        Raises:
            UnknownReferenceError: no locality has this id.
        """
        return _lookup(self._localities, EntityKind.LOCALITY, id, referrer)

    def official(self, id: OfficialId, *, referrer: str | None = None) -> Official:
        """The official with this id (see :meth:`locality`)."""
        return _lookup(self._officials, EntityKind.OFFICIAL, id, referrer)

    def event(self, id: EventId, *, referrer: str | None = None) -> Event:
        """The event with this id (see :meth:`locality`)."""
        return _lookup(self._events, EntityKind.EVENT, id, referrer)

    def security_model(self, id: SecurityModelId, *, referrer: str | None = None) -> SecurityModel:
        """The security model with this id (see :meth:`locality`)."""
        return _lookup(self._security_models, EntityKind.SECURITY_MODEL, id, referrer)

    def award(self, id: AwardId, *, referrer: str | None = None) -> Award:
        """The award (grant line) with this id (see :meth:`locality`)."""
        return _lookup(self._awards, EntityKind.AWARD, id, referrer)

    def find_locality(self, id: LocalityId | None) -> Locality | None:
        """The locality with this id, or None when *id* is None or names no locality."""
        return self._localities.get(id) if id is not None else None

    def find_official(self, id: OfficialId | None) -> Official | None:
        """The official with this id, or None (see :meth:`find_locality`)."""
        return self._officials.get(id) if id is not None else None

    def find_event(self, id: EventId | None) -> Event | None:
        """The event with this id, or None (see :meth:`find_locality`)."""
        return self._events.get(id) if id is not None else None

    def find_security_model(self, id: SecurityModelId | None) -> SecurityModel | None:
        """The security model with this id, or None (see :meth:`find_locality`)."""
        return self._security_models.get(id) if id is not None else None

    def find_award(self, id: AwardId | None) -> Award | None:
        """The award with this id, or None (see :meth:`find_locality`)."""
        return self._awards.get(id) if id is not None else None

    def _by_kind(self, kind: EntityKind) -> dict[str, Record]:
        index: dict[str, Record] = getattr(self, f"_{_NAME_OF_KIND[kind]}")
        return index

    def ancestors(self, id: LocalityId | None) -> list[Locality]:
        """The locality and its parents, innermost first.

        The walk stops at the top, at a cycle, or at a parent id that dangles (see
        :meth:`dangling_parent`); an unknown *id* gives an empty list.
        """
        chain: list[Locality] = []
        seen: set[str] = set()
        current = self._localities.get(id) if id is not None else None
        while current is not None and current.id not in seen:
            seen.add(current.id)
            chain.append(current)
            parent = current.parent
            current = self._localities.get(parent) if parent is not None else None
        return chain

    def dangling_parent(self, id: LocalityId | None) -> str | None:
        """The id at which :meth:`ancestors` stopped because it names no locality, if any."""
        if id is not None and id not in self._localities:
            return id
        chain = self.ancestors(id)
        last = chain[-1].parent if chain else None
        return last if last is not None and last not in self._localities else None

    def resolve(self, ref: Reference) -> Record:
        """The record a reference points at.

        Raises:
            UnknownReferenceError: the reference dangles; the error names both ends.
        """
        return _lookup(self._by_kind(ref.target_kind), ref.target_kind, ref.target_id, str(ref))

    def references(
        self, keep: Callable[[EntityKind, str], bool] | None = None
    ) -> Iterator[Reference]:
        """Every typed id in every record, in document order (those *keep* accepts, if given).

        Within a record, references come in field order; the fields that are
        references are read from the model (:func:`antq._fields.routes_of`).
        """
        ok = keep if keep is not None else _keep_all
        for name, kind, cls in COLLECTIONS:
            routes = routes_of(cls)
            for i, record in enumerate(getattr(self, name)):
                for route in routes:
                    for below, target_id in route.walk(record):
                        if ok(route.target, target_id):
                            path = f"$.{name}[{i}]{below}"
                            yield Reference(kind, record.id, path, route.target, target_id)

    def dangling_references(self) -> list[Reference]:
        """The references that point at no record of this dataset."""
        if self._all_resolve():
            return []
        indexes = {kind: self._by_kind(kind) for _, kind, _ in COLLECTIONS}
        return list(self.references(keep=lambda kind, id: id not in indexes[kind]))

    def _all_resolve(self) -> bool:
        """Whether every reference resolves, decided with set operations (the usual case)."""
        wanted: dict[EntityKind, set[str | None]] = {kind: set() for _, kind, _ in COLLECTIONS}
        for name, _, cls in COLLECTIONS:
            records = getattr(self, name)
            for route in routes_of(cls):
                wanted[route.target].update(route.ids(records))
        return all(
            ids <= self._by_kind(kind).keys() | {None} for kind, ids in wanted.items() if ids
        )


def _keep_all(kind: EntityKind, id: str) -> bool:
    return True


def _lookup(index: dict[str, _R], kind: EntityKind, id: str, referrer: str | None) -> _R:
    try:
        return index[id]
    except KeyError:
        raise UnknownReferenceError(kind, id, referrer) from None
