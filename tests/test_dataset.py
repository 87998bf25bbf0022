from __future__ import annotations

import pytest
from hypothesis import given

import antq
from antq import (
    Award,
    AwardForm,
    AwardId,
    Dataset,
    EntityKind,
    Event,
    EventId,
    EventKind,
    Issuer,
    Locality,
    LocalityId,
    LocalityLevel,
    Office,
    OfficialId,
    UnitType,
)
from antq.testing import datasets

PLACE = Locality(id=LocalityId("p"), name="Điện Ngọc", unit_type=UnitType.PHUONG)
ORPHAN_EVENT = Event(id=EventId("e1"), kind=EventKind.FESTIVAL, locality=LocalityId("missing"))
GRANT = Award(
    id=AwardId("a1"),
    form=AwardForm.GIAY_KHEN,
    issuer=Issuer(office=Office.CHU_TICH_UBND, level=LocalityLevel.COMMUNE, locality=PLACE.id),
    event=EventId("e9"),
    presenter=OfficialId("nobody"),
)


class TestIds:
    """Ids are unique per collection; every duplicate is reported with its paths."""

    def test_duplicates_rejected(self) -> None:
        with pytest.raises(antq.DuplicateIdError) as info:
            Dataset(localities=(PLACE, PLACE, PLACE), awards=(GRANT, GRANT))
        assert str(info.value) == (
            "duplicate ids: locality id 'p' at $.localities[0], $.localities[1], "
            "$.localities[2]; award id 'a1' at $.awards[0], $.awards[1]"
        )

    def test_same_id_in_two_collections_is_fine(self) -> None:
        event = Event(id=EventId("p"), kind=EventKind.FESTIVAL, locality=PLACE.id)
        assert len(Dataset(localities=(PLACE,), events=(event,))) == 2


class TestReferences:
    """Dangling references load, are listed, and fail loudly only when resolved."""

    def test_dangling_references_still_load(self) -> None:
        dataset = Dataset(localities=(PLACE,), events=(ORPHAN_EVENT,), awards=(GRANT,))
        dangling = [
            (ref.path, ref.target_kind, ref.target_id) for ref in dataset.dangling_references()
        ]
        assert dangling == [
            ("$.events[0].locality", EntityKind.LOCALITY, "missing"),
            ("$.awards[0].event", EntityKind.EVENT, "e9"),
            ("$.awards[0].presenter", EntityKind.OFFICIAL, "nobody"),
        ]

    def test_resolving_a_dangling_reference_names_both_ends(self) -> None:
        dataset = Dataset(events=(ORPHAN_EVENT,))
        (ref,) = dataset.references()
        with pytest.raises(antq.UnknownReferenceError) as info:
            dataset.resolve(ref)
        assert str(info.value) == (
            "event 'e1' ($.events[0].locality) refers to locality 'missing', "
            "which is not in the dataset"
        )
        assert isinstance(info.value, LookupError)

    def test_lookup_with_and_without_referrer(self) -> None:
        dataset = Dataset(localities=(PLACE,))
        assert dataset.locality(PLACE.id) is PLACE
        with pytest.raises(antq.UnknownReferenceError, match=r"^no event 'x', which"):
            dataset.event(EventId("x"))

    @given(datasets())
    def test_generated_datasets_resolve(self, dataset: Dataset) -> None:
        assert dataset.dangling_references() == []
        for ref in dataset.references():
            target = dataset.resolve(ref)
            assert target.id == ref.target_id


class TestRecords:
    """Records regroup into the same dataset whatever their order."""

    @given(datasets())
    def test_from_records(self, dataset: Dataset) -> None:
        records = list(dataset.records())
        assert len(records) == len(dataset)
        assert Dataset.from_records(records) == dataset
        # Interleaving the collections keeps each collection's own order.
        by_type = sorted(records, key=lambda record: type(record).__name__, reverse=True)
        assert Dataset.from_records(by_type) == dataset


class TestAncestors:
    """The walk up the locality tree: innermost first, safe on cycles and dangling parents."""

    def test_chain_cycle_and_dangling(self) -> None:
        from antq import Locality, LocalityId, UnitType

        def place(id: str, parent: str | None, unit_type: UnitType) -> Locality:
            return Locality(
                id=LocalityId(id),
                name=id.upper(),
                unit_type=unit_type,
                parent=LocalityId(parent) if parent else None,
            )

        dataset = Dataset(
            localities=(
                place("p", None, UnitType.TINH),
                place("d", "p", UnitType.HUYEN),
                place("c", "d", UnitType.XA),
                place("x", "y", UnitType.XA),
                place("y", "x", UnitType.XA),
                place("lost", "nowhere", UnitType.XA),
            )
        )
        assert [unit.id for unit in dataset.ancestors(LocalityId("c"))] == ["c", "d", "p"]
        assert dataset.dangling_parent(LocalityId("c")) is None
        assert [unit.id for unit in dataset.ancestors(LocalityId("x"))] == ["x", "y"]
        assert dataset.dangling_parent(LocalityId("x")) is None
        assert [unit.id for unit in dataset.ancestors(LocalityId("lost"))] == ["lost"]
        assert dataset.dangling_parent(LocalityId("lost")) == "nowhere"
        assert dataset.ancestors(LocalityId("unknown")) == []
        assert dataset.dangling_parent(LocalityId("unknown")) == "unknown"
        assert dataset.ancestors(None) == []
