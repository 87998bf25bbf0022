"""Real administrative units: both lists, tolerant names, the 2025 mapping, the rules."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from typing import Any

import attrs
import pytest

import antq
from antq import LocalityLevel
from antq.gazetteer import REFORM_DAY, GazetteerUnavailableError, Unit, gazetteer

ROOT = Path(__file__).resolve().parents[1]
SEED = antq.load(ROOT / "examples" / "data" / "dien_ngoc_2023.json")
BEFORE, AFTER = dt.date(2023, 8, 12), dt.date(2025, 8, 1)
G = gazetteer()


def names(units: list[Unit]) -> list[tuple[str, str, bool]]:
    return [(u.full_name, u.code, u.reformed) for u in units]


class TestSeed:
    """The seed's three units, and where Điện Ngọc went on 01/07/2025."""

    def test_codes(self) -> None:
        assert names(G.find("Điện Ngọc, Điện Bàn, Quảng Nam")) == [
            ("phường Điện Ngọc", "20563", False)
        ]
        assert names(G.find("TX Điện Bàn", as_of=BEFORE)) == [("thị xã Điện Bàn", "507", False)]
        assert names(G.find("tỉnh Quảng Nam")) == [("tỉnh Quảng Nam", "49", False)]

    def test_after_the_reform(self) -> None:
        (ward,) = G.by_code("20563", as_of=BEFORE)
        (today,) = G.successors(ward)
        assert (today.full_name, today.code) == ("phường Điện Bàn Đông", "20579")
        parent = G.parent(today)
        assert parent is not None
        assert (parent.full_name, parent.code) == ("thành phố Đà Nẵng", "48")
        assert G.by_code("20563", as_of=AFTER) == []
        (province,) = G.by_code("49", as_of=BEFORE)
        assert [u.code for u in G.successors(province)] == ["48"]

    def test_locality_records(self) -> None:
        (ward,) = G.by_code("20563", as_of=BEFORE)
        chain = G.chain(ward)
        assert [(p.id, p.full_name, p.parent) for p in chain] == [
            ("vn-49", "tỉnh Quảng Nam", None),
            ("vn-507", "thị xã Điện Bàn", "vn-49"),
            ("vn-20563", "phường Điện Ngọc", "vn-507"),
        ]
        assert chain[-1].valid_until == REFORM_DAY - dt.timedelta(days=1)
        assert chain[-1].successors == ("vn2025-20579",)
        today = G.locality(G.successors(ward)[0])
        assert (today.valid_from, today.parent) == (REFORM_DAY, "vn2025-48")

    def test_successor_of_a_locality(self) -> None:
        ward = next(p for p in SEED.localities if p.id == "dien-ngoc")
        assert [(p.id, p.full_name) for p in G.successor(ward)] == [
            ("vn2025-20579", "phường Điện Bàn Đông")
        ]
        today = next(p for p in SEED.localities if p.id == "dien-ban-dong")
        assert [p.code for p in G.successor(today)] == ["20579"]

    def test_seed_validates_with_the_gazetteer(self) -> None:
        assert antq.validate(SEED).counts_by_code() == {"ANTQ401": 1, "ANTQ501": 1}


class TestEveryProvince:
    """Every province of both lists is found by its code and by its name."""

    @pytest.mark.parametrize("reformed", [False, True])
    def test_by_code_and_name(self, reformed: bool) -> None:
        provinces = G.provinces(reformed=reformed)
        assert len(provinces) == (34 if reformed else 63)
        day = AFTER if reformed else BEFORE
        for province in provinces:
            assert G.by_code(province.code, as_of=day) == [province]
            assert province in G.find(province.name, as_of=day, level=LocalityLevel.PROVINCE)
            assert province in G.find(province.full_name, as_of=day)
            assert province in G.find(province.name.upper(), as_of=day)

    def test_commune_counts(self) -> None:
        communes = [u for p in G.provinces(reformed=True) for u in G.children(p)]
        assert len(communes) == 3321
        kinds = {u.unit_type for u in communes}
        assert kinds == {antq.UnitType.XA, antq.UnitType.PHUONG, antq.UnitType.DAC_KHU}


class TestNames:
    """Names are matched tolerantly; ambiguity returns every candidate."""

    @pytest.mark.parametrize(
        "text",
        [
            "Điện Ngọc",
            "phường Điện Ngọc",
            "P. Điện Ngọc",
            "p.Điện Ngọc",
            "PHƯỜNG ĐIỆN NGỌC",
            "Điện Ngọc, Quảng Nam",
        ],
    )
    def test_variants(self, text: str) -> None:
        assert names(G.find(text, as_of=BEFORE)) == [("phường Điện Ngọc", "20563", False)]

    def test_tone_style_and_nfd(self) -> None:
        import unicodedata

        old = G.find("Khánh Hòa", level=LocalityLevel.PROVINCE)
        assert old == G.find("Khánh Hoà", level=LocalityLevel.PROVINCE)
        assert old == G.find(
            unicodedata.normalize("NFD", "khánh hoà"), level=LocalityLevel.PROVINCE
        )
        assert {u.code for u in old} == {"56"}

    def test_ambiguous_names_give_every_candidate(self) -> None:
        found = G.find("Khánh Hòa", as_of=BEFORE)
        assert len(found) > 2
        assert {u.level for u in found} == {LocalityLevel.PROVINCE, LocalityLevel.COMMUNE}
        communes = [u for u in found if u.unit_type is antq.UnitType.XA]
        assert len(communes) >= 2
        assert G.find("xã Khánh Hòa", as_of=BEFORE) == communes

    def test_abbreviations(self) -> None:
        assert [u.code for u in G.find("TP.HCM", as_of=BEFORE)] == ["79"]
        assert [u.code for u in G.find("TP. Hồ Chí Minh", as_of=AFTER)] == ["79"]
        assert G.find("", as_of=BEFORE) == []


class TestDatasets:
    """Old data is mapped to today's units for tallies in today's boundaries."""

    def test_with_successors(self) -> None:
        bare = attrs.evolve(
            SEED,
            localities=tuple(p for p in SEED.localities if p.valid_from is None and p.code != "48"),
        )
        bare = attrs.evolve(
            bare, localities=tuple(attrs.evolve(p, successors=()) for p in bare.localities)
        )
        mapped = G.with_successors(bare)
        assert antq.tally(mapped, ["province"], follow_successors=True).cells == {
            ("vn2025-48",): antq.Cell(4, 13, 0)
        }
        assert antq.validate(mapped).counts_by_code() == {"ANTQ401": 1, "ANTQ501": 1}


class TestRules:
    """The ANTQ6xx rules check localities against the real lists."""

    def change(self, id: str, **changes: Any) -> antq.Dataset:
        places = tuple(attrs.evolve(p, **changes) if p.id == id else p for p in SEED.localities)
        return attrs.evolve(SEED, localities=places)

    def test_unknown_code(self) -> None:
        assert "ANTQ601" in antq.validate(self.change("dien-ngoc", code="99999")).counts_by_code()

    def test_name_not_matching(self) -> None:
        report = antq.validate(self.change("dien-ngoc", name="Điện Nam"), antq.Context(lang="en"))
        (finding,) = [f for f in report if f.code == "ANTQ602"]
        assert finding.message == "code 20563 is phường Điện Ngọc, not phường Điện Nam"

    def test_parent_not_real(self) -> None:
        changed = attrs.evolve(
            SEED,
            localities=(
                *SEED.localities,
                antq.Locality(
                    id=antq.LocalityId("other"),
                    name="Duy Xuyên",
                    unit_type=antq.UnitType.HUYEN,
                    code="508",
                ),
            ),
        )
        changed = attrs.evolve(
            changed,
            localities=tuple(
                attrs.evolve(p, parent=antq.LocalityId("other")) if p.id == "dien-ngoc" else p
                for p in changed.localities
            ),
        )
        assert "ANTQ603" in antq.validate(changed).counts_by_code()

    def test_event_after_the_unit_ceased(self) -> None:
        event = attrs.evolve(SEED.events[0], held_on=dt.date(2025, 8, 10))
        place = tuple(attrs.evolve(p, valid_until=None) for p in SEED.localities)
        report = antq.validate(attrs.evolve(SEED, events=(event,), localities=place))
        assert "ANTQ604" in report.counts_by_code()


class TestWithoutTheExtra:
    """Without vietnamadminunits, the gazetteer says how to install it and rules skip."""

    def test_unavailable(self, monkeypatch: pytest.MonkeyPatch) -> None:
        real_find = importlib.util.find_spec

        def no_package(name: str, *args: Any, **kwargs: Any) -> Any:
            if name.startswith("vietnamadminunits"):
                return None
            return real_find(name, *args, **kwargs)

        gazetteer.cache_clear()
        monkeypatch.setattr(importlib.util, "find_spec", no_package)
        try:
            with pytest.raises(GazetteerUnavailableError) as info:
                gazetteer()
            assert "pip install 'antq[gazetteer]'" in str(info.value)
            # the one error every missing extra raises, with what to install
            assert isinstance(info.value, antq.ExtraMissingError)
            assert (info.value.extra, info.value.package) == ("gazetteer", "vietnamadminunits")
            changed = attrs.evolve(
                SEED,
                localities=tuple(
                    attrs.evolve(p, code=None) if p.id == "x" else p for p in SEED.localities
                ),
            )
            assert antq.validate(changed).counts_by_code() == {"ANTQ401": 1, "ANTQ501": 1}
        finally:
            monkeypatch.undo()
            gazetteer.cache_clear()


class TestSpeed:
    """Lookups after the first are dictionary hits (timed in the notes, not here)."""

    def test_same_object(self) -> None:
        assert gazetteer() is gazetteer()
