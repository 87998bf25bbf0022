"""The document root: five collections of records, an id index, reference resolution."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

import attrs

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

__all__ = ["COLLECTIONS", "Dataset", "Reference"]

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
    index: dict[str, _R] = {}
    first_at: dict[str, int] = {}
    repeated: dict[str, list[str]] = {}
    for position, record in enumerate(records):
        if record.id in index:
            paths = repeated.setdefault(record.id, [f"$.{name}[{first_at[record.id]}]"])
            paths.append(f"$.{name}[{position}]")
        else:
            index[record.id] = record
            first_at[record.id] = position
    duplicates.extend(Duplicate(kind.value, id_, tuple(paths)) for id_, paths in repeated.items())
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

    def _by_kind(self, kind: EntityKind) -> dict[str, Record]:
        index: dict[str, Record] = getattr(self, f"_{_NAME_OF_KIND[kind]}")
        return index

    def resolve(self, ref: Reference) -> Record:
        """The record a reference points at.

        Raises:
            UnknownReferenceError: the reference dangles; the error names both ends.
        """
        return _lookup(self._by_kind(ref.target_kind), ref.target_kind, ref.target_id, str(ref))

    def references(
        self, keep: Callable[[EntityKind, str], bool] | None = None
    ) -> Iterator[Reference]:
        """Every typed id in every record, in document order (those *keep* accepts, if given)."""
        loc, off, evt = EntityKind.LOCALITY, EntityKind.OFFICIAL, EntityKind.EVENT
        for i, locality in enumerate(self.localities):
            refs = _Refs(EntityKind.LOCALITY, locality.id, f"$.localities[{i}]", keep)
            yield from refs.one("parent", loc, locality.parent)
            yield from refs.many("successors", loc, locality.successors)
        for i, official in enumerate(self.officials):
            refs = _Refs(EntityKind.OFFICIAL, official.id, f"$.officials[{i}]", keep)
            for j, position in enumerate(official.positions):
                yield from refs.one(f"positions[{j}].locality", loc, position.locality)
        for i, event in enumerate(self.events):
            refs = _Refs(EntityKind.EVENT, event.id, f"$.events[{i}]", keep)
            yield from refs.one("locality", loc, event.locality)
            for j, part in enumerate(event.participants):
                yield from refs.one(f"participants[{j}].official", off, part.official)
            for j, statement in enumerate(event.statements):
                yield from refs.one(f"statements[{j}].speaker", off, statement.speaker)
        for i, model in enumerate(self.security_models):
            refs = _Refs(EntityKind.SECURITY_MODEL, model.id, f"$.security_models[{i}]", keep)
            yield from refs.one("locality", loc, model.locality)
        for i, award in enumerate(self.awards):
            refs = _Refs(EntityKind.AWARD, award.id, f"$.awards[{i}]", keep)
            yield from refs.one("event", evt, award.event)
            yield from refs.one("issuer.locality", loc, award.issuer.locality)
            yield from refs.one("issuer.official", off, award.issuer.official)
            yield from refs.one("presenter", off, award.presenter)
            for j, recipient in enumerate(award.recipients):
                yield from refs.one(f"recipients[{j}].locality", loc, recipient.locality)

    def dangling_references(self) -> list[Reference]:
        """The references that point at no record of this dataset."""
        return [
            ref for ref in self.references() if ref.target_id not in self._by_kind(ref.target_kind)
        ]


@attrs.frozen
class _Refs:
    kind: EntityKind
    id: str
    base: str  # the record's path; a reference's path is built only when it is kept
    keep: Keep | None

    def one(self, field: str, target: EntityKind, value: str | None) -> Iterator[Reference]:
        if value is not None and (self.keep is None or self.keep(target, value)):
            yield Reference(self.kind, self.id, f"{self.base}.{field}", target, value)

    def many(self, field: str, target: EntityKind, values: tuple[str, ...]) -> Iterator[Reference]:
        for j, value in enumerate(values):
            if self.keep is None or self.keep(target, value):
                yield Reference(self.kind, self.id, f"{self.base}.{field}[{j}]", target, value)


def _lookup(index: dict[str, _R], kind: EntityKind, id: str, referrer: str | None) -> _R:
    try:
        return index[id]
    except KeyError:
        raise UnknownReferenceError(kind.value, id, referrer) from None
