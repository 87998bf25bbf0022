"""The model described once: the field table and everything that reads it."""

from __future__ import annotations

import linecache
import traceback
from pathlib import Path
from typing import Any, get_args, get_type_hints

import attrs
import cattrs
import pytest
from hypothesis import given, settings

import antq
from antq import validators as v
from antq._fields import fields_of, routes_of, target_of
from antq.dataset import COLLECTIONS
from antq.schema import json_schema
from antq.testing import datasets

ROOT = Path(__file__).resolve().parent.parent
SEED = antq.load(ROOT / "examples" / "data" / "dien_ngoc_2023.json")
IDS = {antq.LocalityId, antq.EventId, antq.OfficialId, antq.SecurityModelId, antq.AwardId}


def mentions_an_id(tp: Any) -> bool:
    return tp in IDS or any(mentions_an_id(arg) for arg in get_args(tp))


class TestTable:
    """One walk per class gives names, keys, defaults, checks and reference targets."""

    @pytest.mark.parametrize("cls", [cls for _, _, cls in COLLECTIONS])
    def test_references_are_the_fields_typed_as_ids(self, cls: type) -> None:
        hints = get_type_hints(cls)
        by_hand = {name for name, tp in hints.items() if name != "id" and mentions_an_id(tp)}
        direct = {route.steps[0][0] for route in routes_of(cls) if len(route.steps) == 1}
        assert direct == by_hand

    def test_typed_ids_name_their_target(self) -> None:
        assert target_of(antq.LocalityId) is antq.EntityKind.LOCALITY
        assert target_of(antq.AwardId) is antq.EntityKind.AWARD
        assert target_of(str) is None

    def test_nested_references_are_found(self) -> None:
        steps = {route.steps for route in routes_of(antq.Award)}
        assert (("issuer", False), ("locality", False)) in steps
        assert (("recipients", True), ("locality", False)) in steps

    def test_checks_come_from_the_metadata(self) -> None:
        count = next(spec for spec in fields_of(antq.Award) if spec.name == "count")
        assert count.checks == v.checks_of(attrs.fields(antq.Award).count)
        assert count.optional
        assert not count.many
        assert not count.required

    def test_schema_marks_references(self) -> None:
        award = json_schema()["$defs"]["Award"]["properties"]
        assert "reference" in award["event"]["description"]

    @settings(max_examples=60, deadline=None)
    @given(datasets())
    def test_reference_walk_equals_brute_force(self, dataset: antq.Dataset) -> None:
        """Every typed id found by a walk over the unstructured document, none missed."""
        found = sorted((r.path, r.target_id) for r in dataset.references())
        by_hand = sorted(_ids_in(antq.unstructure(dataset)))
        assert found == by_hand


def _ids_in(document: dict[str, Any]) -> list[tuple[str, str]]:
    """(path, id) of every reference in a document, read from the key names alone."""
    references = {"parent", "successors", "locality", "official", "speaker", "event", "presenter"}
    out: list[tuple[str, str]] = []

    def walk(value: Any, path: str, key: str | None) -> None:
        if isinstance(value, dict):
            for k, item in value.items():
                walk(item, f"{path}.{k}", k)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{path}[{index}]", key)
        elif isinstance(value, str) and key in references:
            out.append((path, value))

    for name, _, _ in COLLECTIONS:
        walk(document.get(name, []), f"$.{name}", None)
    return out


class TestCompiledChecks:
    """The compiled checks: shown in tracebacks, inherited, never skipped by accident."""

    def test_source_is_in_linecache(self) -> None:
        code = antq.Award.__attrs_post_init__.__code__
        assert any("x = self.count" in line for line in linecache.getlines(code.co_filename))
        with pytest.raises(antq.InvalidValueError) as info:
            attrs.evolve(SEED.awards[0], count=0)
        shown = "".join(traceback.format_exception(info.value))
        assert "antq checks for antq.model.Award" in shown
        assert "_fast(self)" in shown  # the generated line itself, not "???"

    def test_a_checked_subclass_runs_the_parents_whole_check(self) -> None:
        @v.checked
        @attrs.frozen(kw_only=True)
        class PageSource(antq.Source):
            page: int | None = attrs.field(default=None, metadata=v.check(v.at_least(1)))

        with pytest.raises(antq.InvalidValueError, match="give a title, url or locator"):
            PageSource(page=3)
        with pytest.raises(antq.InvalidValueError, match="must be at least 1"):
            PageSource(title="Báo Quảng Nam", page=0)
        assert PageSource(title="Báo Quảng Nam", page=3).page == 3

    def test_a_subclass_without_checked_is_refused(self) -> None:
        @attrs.frozen(kw_only=True)
        class Loose(antq.Source):
            page: int | None = None

        class Plain(antq.Source):
            pass

        for cls in (Loose, Plain):
            with pytest.raises(TypeError, match="needs the @checked decorator"):
                cls(title="x")


class TestConverters:
    """make_converter and configure_converter round-trip a whole antq/1 document."""

    def test_make_converter_round_trips_a_document(self) -> None:
        converter = antq.make_converter()
        document = converter.unstructure(SEED)
        assert document["schema"] == antq.SCHEMA
        assert converter.structure(document, antq.Dataset) == SEED

    def test_configure_converter_installs_every_hook(self) -> None:
        converter = cattrs.Converter()
        antq.configure_converter(converter)
        document = converter.unstructure(SEED)
        assert document == antq.unstructure(SEED)
        assert converter.structure(document, antq.Dataset) == SEED

    def test_options_reach_cattrs(self) -> None:
        assert antq.make_converter(detailed_validation=False).detailed_validation is False
        assert antq.make_converter().detailed_validation is True
