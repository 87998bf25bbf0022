"""Vietnam's real administrative units, before and after the 2025 reform.

Built on the ``vietnamadminunits`` package (install ``antq[gazetteer]``), which ships
the statistics office's lists: 63 provinces with their districts and communes until
30/06/2025, 34 provinces and 3,321 communes from 01/07/2025, and the mapping between
them. The lists are read once into small in-memory indexes; later lookups are
dictionary hits.

Names are matched through :func:`antq.fold` (case, NFC/NFD, tone style), with or
without the unit word ("phường Điện Ngọc", "Điện Ngọc"), with the usual abbreviations
("P.", "TX", "TP", "TP.HCM"), and as a comma-separated chain from the smallest unit
("Điện Ngọc, Điện Bàn, Quảng Nam"). A name that fits several units gives them all:
antq never picks one silently.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import json
import re
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any

import attrs

from antq.dataset import Dataset
from antq.errors import ExtraMissingError
from antq.messages import Message
from antq.model import Locality, LocalityId, NamedUnit, Source
from antq.text import fold
from antq.vocab import LocalityLevel, UnitType

__all__ = [
    "REFORM_DAY",
    "Gazetteer",
    "GazetteerUnavailableError",
    "Unit",
    "gazetteer",
]

REFORM_DAY = dt.date(2025, 7, 1)
"""The first day of the two-tier system (Resolution 202/2025/QH15)."""

_LAST_LEGACY_DAY = REFORM_DAY - dt.timedelta(days=1)
_SOURCE = Source(title="Danh mục đơn vị hành chính Việt Nam (GSO), package vietnamadminunits")

# The administrative unit types by their Vietnamese names, and the words written before
# a unit's name ("thành phố" for every kind of city), both from the vocabulary.
_ADMINISTRATIVE = [t for t in UnitType if t.level is not LocalityLevel.RESIDENTIAL]
_TYPES = {t.label: t for t in _ADMINISTRATIVE}

# Abbreviations people write before a unit's name, and the words they stand for.
_ABBREVIATIONS = {
    "p": "phường",
    "x": "xã",
    "tt": "thị trấn",
    "h": "huyện",
    "q": "quận",
    "tx": "thị xã",
    "tp": "thành phố",
    "t": "tỉnh",
}
_WHOLE_NAMES = {
    "tp.hcm": "hồ chí minh",
    "tphcm": "hồ chí minh",
    "hcm": "hồ chí minh",
    "hn": "hà nội",
}
_UNIT_WORDS = sorted({t.word for t in _ADMINISTRATIVE}, key=lambda word: (-len(word), word))
_ABBREVIATION = re.compile(r"^(p|x|tt|h|q|tx|tp|t)\s*\.\s*|^(p|x|tt|h|q|tx|tp)\s+", re.IGNORECASE)


class GazetteerUnavailableError(ExtraMissingError):
    """The optional ``vietnamadminunits`` package is not installed (extra ``gazetteer``)."""

    def __init__(self) -> None:
        super().__init__("gazetteer", "vietnamadminunits")

    @property
    def message(self) -> Message:
        """What is missing and how to install it."""
        return Message("error.gazetteer_missing")


@attrs.frozen(kw_only=True)
class Unit(NamedUnit):
    """One real administrative unit of one of the two lists.

    ``reformed`` is False for the list in force until 30/06/2025 and True for the one
    in force from 01/07/2025. ``parent_code`` is the district (or, after the reform,
    the province) above it.
    """

    code: str
    name: str
    unit_type: UnitType
    reformed: bool
    parent_code: str | None = None

    @property
    def locality_id(self) -> LocalityId:
        """The id antq gives the unit's locality: ``vn-49``, ``vn2025-48``."""
        return LocalityId(f"{'vn2025' if self.reformed else 'vn'}-{self.code}")

    def alive_on(self, day: dt.date) -> bool:
        """Whether the unit's list was in force on *day*."""
        return (day >= REFORM_DAY) == self.reformed


def _unit_type(word: str | None, level: LocalityLevel, full: str) -> UnitType:
    key = (word or "").strip().lower()
    if key == "thành phố":
        if level is LocalityLevel.PROVINCE:
            return UnitType.THANH_PHO_TRUC_THUOC_TRUNG_UONG
        return UnitType.THANH_PHO_THUOC_TINH
    if key in _TYPES:
        return _TYPES[key]
    if level is LocalityLevel.PROVINCE:
        city = full.lower().startswith("thành phố")
        return UnitType.THANH_PHO_TRUC_THUOC_TRUNG_UONG if city else UnitType.TINH
    raise ValueError(f"unknown unit type {word!r} for {full!r}")


def _name_key(text: str) -> str:
    """A fold key for a name with any unit word or abbreviation in front taken off."""
    words = fold(text).strip()
    if words.replace(" ", "") in _WHOLE_NAMES:
        return fold(_WHOLE_NAMES[words.replace(" ", "")])
    words = words.replace("tp.", "tp. ")
    words = _ABBREVIATION.sub("", words).strip()
    for unit_word in _UNIT_WORDS:
        key = fold(unit_word)
        if words.startswith(key + " "):
            words = words[len(key) + 1 :]
            break
    return fold(words)


def _units_of(row: dict[str, Any], *, reformed: bool) -> list[Unit]:
    """The province, district (old list only) and ward a row names, outermost first."""
    province = Unit(
        code=row["provinceCode"],
        name=row["provinceShort"],
        unit_type=_unit_type(None, LocalityLevel.PROVINCE, row["province"]),
        reformed=reformed,
    )
    units = [province]
    parent = province.code
    if not reformed and row.get("districtCode"):
        district = Unit(
            code=row["districtCode"],
            name=row["districtShort"],
            unit_type=_unit_type(row["districtType"], LocalityLevel.DISTRICT, row["district"]),
            reformed=False,
            parent_code=province.code,
        )
        units.append(district)
        parent = district.code
    if row.get("wardCode"):
        units.append(
            Unit(
                code=row["wardCode"],
                name=row["wardShort"],
                unit_type=_unit_type(row["wardType"], LocalityLevel.COMMUNE, row["ward"]),
                reformed=reformed,
                parent_code=parent,
            )
        )
    return units


class _Lists:
    """The two lists as ``vietnamadminunits`` ships them: a SQLite file and the 2025 mapping.

    Read with :mod:`sqlite3` directly: importing the package itself costs half a second
    (it loads its address parser), and a clerk's small file needs a few rows only.
    """

    _LEGACY = (
        "province, district, ward, provinceShort, districtShort, wardShort, districtType, "
        "wardType, provinceCode, districtCode, wardCode, provinceKey, districtKey, wardKey"
    )
    _REFORMED = (
        "province, ward, provinceShort, wardShort, wardType, provinceCode, wardCode, "
        "provinceKey, wardKey"
    )

    def __init__(self, folder: Path) -> None:
        self._database = folder / "data" / "dataset.db"
        self._mapping = folder / "data" / "converter_2025.json"

    def rows(self, *, reformed: bool, code: str | None = None) -> list[dict[str, Any]]:
        """Every row of one list, or one row naming *code* (as province, district or ward)."""
        table, fields = (
            ("admin_units", self._REFORMED) if reformed else ("admin_units_legacy", self._LEGACY)
        )
        sql = f"SELECT DISTINCT {fields} FROM [{table}]"  # fixed names only
        params: tuple[str, ...] = ()
        if code is not None:
            columns = (
                ("provinceCode", "wardCode")
                if reformed
                else ("provinceCode", "districtCode", "wardCode")
            )
            sql += " WHERE " + " OR ".join(f"{column} = ?" for column in columns) + " LIMIT 1"
            params = (code,) * len(columns)
        connection = sqlite3.connect(f"file:{self._database}?mode=ro", uri=True)
        try:
            connection.row_factory = sqlite3.Row
            return [dict(row) for row in connection.execute(sql, params)]
        finally:
            connection.close()

    def mapping(self) -> dict[str, Any]:
        """The 2025 mapping of old units to new ones."""
        found: dict[str, Any] = json.loads(self._mapping.read_text(encoding="utf-8"))
        return found


_LAZY_LOOKUPS = 64  # lookups by code answered one row at a time before reading all rows


class Gazetteer:
    """The two lists of units, indexed by code and by name; see :func:`gazetteer`.

    Lookups by code read the rows they need; the first lookup by name (or of children
    or successors), or many lookups by code, read both lists whole and index them.
    """

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer of the installed ``vietnamadminunits`` lists (:func:`gazetteer`).

        Raises:
            GazetteerUnavailableError: the optional package is not installed.
        """
        return gazetteer()

    def __init__(self, lists: _Lists) -> None:
        self._lists_source = lists
        self._complete = False
        self._lazy_lookups = 0
        self._by_code: dict[tuple[bool, str], Unit] = {}
        self._by_name: dict[tuple[bool, str], list[Unit]] = defaultdict(list)
        self._children: dict[tuple[bool, str | None], list[Unit]] = defaultdict(list)
        self._successors: dict[str, tuple[str, ...]] = {}

    def _unit(self, reformed: bool, code: str) -> Unit | None:
        """The unit with this code in one list, reading its row on first use."""
        found = self._by_code.get((reformed, code))
        if found is not None or self._complete:
            return found
        self._lazy_lookups += 1
        if self._lazy_lookups > _LAZY_LOOKUPS:
            self._index_all()
            return self._by_code.get((reformed, code))
        for row in self._lists_source.rows(reformed=reformed, code=code):
            for unit in _units_of(row, reformed=reformed):
                self._by_code.setdefault((reformed, unit.code), unit)
        return self._by_code.get((reformed, code))

    def _index_all(self) -> None:
        """Read both lists whole and build every index (once)."""
        if self._complete:
            return
        self._by_code.clear()
        legacy_keys: dict[str, str] = {}
        reformed_keys: dict[tuple[str, str], str] = {}
        province_keys: dict[str, str] = {}
        for row in self._lists_source.rows(reformed=False):
            self._add_row(row, reformed=False)
            ward_key = f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey'] or ''}"
            if row.get("wardCode"):
                legacy_keys[ward_key] = row["wardCode"]
            province_keys.setdefault(row["provinceKey"], row["provinceCode"])
        new_province_keys: dict[str, str] = {}
        for row in self._lists_source.rows(reformed=True):
            self._add_row(row, reformed=True)
            reformed_keys[(row["provinceKey"], row["wardKey"])] = row["wardCode"]
            new_province_keys.setdefault(row["provinceKey"], row["provinceCode"])
        mapping = self._lists_source.mapping()
        self._link(mapping, legacy_keys, reformed_keys, province_keys, new_province_keys)
        self._complete = True

    def _add(self, unit: Unit) -> None:
        if (unit.reformed, unit.code) in self._by_code:
            return
        self._by_code[(unit.reformed, unit.code)] = unit
        self._by_name[(unit.reformed, _name_key(unit.name))].append(unit)
        self._children[(unit.reformed, unit.parent_code)].append(unit)

    def _add_row(self, row: dict[str, Any], *, reformed: bool) -> None:
        for unit in _units_of(row, reformed=reformed):
            self._add(unit)

    def _link(
        self,
        mapping: dict[str, Any],
        legacy_keys: dict[str, str],
        reformed_keys: dict[tuple[str, str], str],
        province_keys: dict[str, str],
        new_province_keys: dict[str, str],
    ) -> None:
        successors: dict[str, list[str]] = defaultdict(list)
        for new_province, old_provinces in mapping["DICT_PROVINCE"].items():
            for old in old_provinces:
                if old in province_keys and new_province in new_province_keys:
                    successors[province_keys[old]].append(new_province_keys[new_province])
        for new_province, wards in mapping["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
            for new_ward, old_keys in wards.items():
                new_code = reformed_keys.get((new_province, new_ward))
                for old in old_keys:
                    if new_code and old in legacy_keys:
                        successors[legacy_keys[old]].append(new_code)
        for new_province, divided in mapping["DICT_PROVINCE_WARD_DIVIDED"].items():
            for old, parts in divided.items():
                for part in parts:
                    new_code = reformed_keys.get((new_province, part["newWardKey"]))
                    if new_code and old in legacy_keys:
                        successors[legacy_keys[old]].append(new_code)
        self._successors = {code: tuple(dict.fromkeys(found)) for code, found in successors.items()}

    # ----------------------------------------------------------------- lookups

    @staticmethod
    def _lists(as_of: dt.date | None) -> tuple[bool, ...]:
        if as_of is None:
            return (False, True)
        return (as_of >= REFORM_DAY,)

    def by_code(self, code: str, *, as_of: dt.date | None = None) -> list[Unit]:
        """The units with this statistics code (one per list, or one when *as_of* is given)."""
        found = (self._unit(reformed, code) for reformed in self._lists(as_of))
        return [unit for unit in found if unit is not None]

    def find(
        self,
        name: str,
        *,
        as_of: dt.date | None = None,
        level: LocalityLevel | None = None,
    ) -> list[Unit]:
        """Every unit the name can mean, smallest first in a chain ("Điện Ngọc, Điện Bàn").

        The date *as_of* picks the list (before or from 01/07/2025); without it both
        lists answer. A unit word or abbreviation in front ("P.", "TX") narrows the
        type; *level* narrows the tier.
        """
        self._index_all()
        parts = [part.strip() for part in name.split(",") if part.strip()]
        if not parts:
            return []
        found = self._match(parts[0], as_of, level)
        for outer in parts[1:]:
            parents = {(u.reformed, u.code) for u in self._match(outer, as_of, None)}
            found = [u for u in found if self._has_ancestor(u, parents)]
        return found

    def _match(self, text: str, as_of: dt.date | None, level: LocalityLevel | None) -> list[Unit]:
        key = _name_key(text)
        wanted = _written_type(text)
        out: list[Unit] = []
        for reformed in self._lists(as_of):
            for unit in self._by_name.get((reformed, key), ()):
                if level is not None and unit.level is not level:
                    continue
                if wanted is not None and unit.unit_type.word != wanted:
                    continue
                out.append(unit)
        return out

    def _has_ancestor(self, unit: Unit, wanted: set[tuple[bool, str]]) -> bool:
        current = self.parent(unit)
        while current is not None:
            if (current.reformed, current.code) in wanted:
                return True
            current = self.parent(current)
        return False

    def parent(self, unit: Unit) -> Unit | None:
        """The unit directly above, in the same list."""
        if unit.parent_code is None:
            return None
        return self._unit(unit.reformed, unit.parent_code)

    def children(self, unit: Unit) -> list[Unit]:
        """The units directly below, in the same list."""
        self._index_all()
        return list(self._children.get((unit.reformed, unit.code), ()))

    def provinces(self, *, reformed: bool) -> list[Unit]:
        """The provinces of one list (63 before the reform, 34 after)."""
        self._index_all()
        return list(self._children.get((reformed, None), ()))

    def successors(self, unit: Unit) -> list[Unit]:
        """The units of the reformed list that a unit of the old list became."""
        if unit.reformed:
            return [unit]
        self._index_all()
        codes = self._successors.get(unit.code, ())
        return [self._by_code[(True, code)] for code in codes if (True, code) in self._by_code]

    def matching(self, place: Locality, *, as_of: dt.date | None = None) -> list[Unit]:
        """The units with the code and level of an antq locality (none without a code)."""
        if place.code is None:
            return []
        return [u for u in self.by_code(place.code, as_of=as_of) if u.level is place.level]

    # -------------------------------------------------------------- localities

    def locality(self, unit: Unit) -> Locality:
        """The antq record of a unit: validity by its list, parent, successors."""
        successors = (
            tuple(s.locality_id for s in self.successors(unit)) if not unit.reformed else ()
        )
        parent = self.parent(unit)
        return Locality(
            id=unit.locality_id,
            name=unit.name,
            unit_type=unit.unit_type,
            code=unit.code,
            parent=parent.locality_id if parent is not None else None,
            valid_from=REFORM_DAY if unit.reformed else None,
            valid_until=None if unit.reformed else _LAST_LEGACY_DAY,
            successors=successors,
            sources=(_SOURCE,),
        )

    def chain(self, unit: Unit) -> list[Locality]:
        """The unit's record and those of every unit above it, outermost first."""
        units = [unit]
        while (parent := self.parent(units[-1])) is not None:
            units.append(parent)
        return [self.locality(u) for u in reversed(units)]

    def successor(self, place: Locality) -> list[Locality]:
        """Today's units for an antq locality of the old list, matched by code and level.

        A ward split in 2025 gives several; a unit that kept its place gives itself.
        """
        for as_of in (_LAST_LEGACY_DAY, REFORM_DAY):
            units = self.matching(place, as_of=as_of)
            if units:
                return [self.locality(s) for u in units for s in self.successors(u)]
        return []

    def with_successors(self, dataset: Dataset) -> Dataset:
        """A copy of *dataset* whose localities (matched by code) point at today's units.

        Today's units and their provinces are added, so that
        ``antq.tally(..., follow_successors=True)`` counts old data in today's
        boundaries. Localities without a code, or already reformed, are kept as they are.
        """
        added: dict[str, Locality] = {}
        places: list[Locality] = []
        for place in dataset.localities:
            units = self.matching(place, as_of=_LAST_LEGACY_DAY)
            reformed = (place.valid_from or dt.date.min) >= REFORM_DAY
            if len(units) != 1 or place.successors or reformed:
                places.append(place)
                continue
            today = self.successors(units[0])
            for unit in today:
                for record in self.chain(unit):
                    added.setdefault(record.id, record)
            places.append(attrs.evolve(place, successors=tuple(u.locality_id for u in today)))
        existing = {place.id for place in places}
        places.extend(record for record in added.values() if record.id not in existing)
        return attrs.evolve(dataset, localities=tuple(places))


def _written_type(text: str) -> str | None:
    """The unit word written (or abbreviated) in front of a name, if any."""
    folded = fold(text)
    match = _ABBREVIATION.match(folded)
    if match:
        return _ABBREVIATIONS[(match.group(1) or match.group(2)).lower()]
    for word in _UNIT_WORDS:
        if folded.startswith(fold(word) + " "):
            return word
    return None


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer of the ``vietnamadminunits`` lists, read as lookups need them.

    Raises:
        GazetteerUnavailableError: the optional package is not installed.
    """
    spec = importlib.util.find_spec("vietnamadminunits")  # found, not imported: see _Lists
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerUnavailableError()
    return Gazetteer(_Lists(Path(next(iter(spec.submodule_search_locations)))))
