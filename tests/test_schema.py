"""The generated JSON Schema accepts what the loader accepts and rejects what it can express."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings

import antq
from antq.schema import json_schema
from antq.testing import datasets

ROOT = Path(__file__).resolve().parents[1]
SEED_DOC = json.loads((ROOT / "examples" / "data" / "dien_ngoc_2023.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(
    json_schema(), format_checker=jsonschema.FormatChecker()
)


def schema_errors(document: Any) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(document)]


class TestSchema:
    """A valid draft 2020-12 schema, for the document and for each record type."""

    def test_is_valid_schema(self) -> None:
        jsonschema.Draft202012Validator.check_schema(json_schema())
        for _, _, cls in antq.dataset.COLLECTIONS:
            jsonschema.Draft202012Validator.check_schema(json_schema(cls))

    def test_seed_is_valid(self) -> None:
        assert schema_errors(SEED_DOC) == []

    def test_record_schema(self) -> None:
        award = jsonschema.Draft202012Validator(json_schema(antq.Award))
        assert list(award.iter_errors(SEED_DOC["awards"][0])) == []
        assert list(award.iter_errors({**SEED_DOC["awards"][0], "extra": 1}))

    def test_enums_carry_labels(self) -> None:
        form = json_schema()["$defs"]["AwardForm"]
        assert "giay_khen" in form["enum"]
        assert "giay_khen: Giấy khen (certificate of commendation)" in form["description"]

    @settings(max_examples=100)
    @given(datasets())
    def test_generated_datasets_are_valid(self, dataset: antq.Dataset) -> None:
        assert schema_errors(json.loads(antq.dumps(dataset))) == []


def change(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(document: dict[str, Any]) -> None:
        target: Any = document
        for step in path[:-1]:
            target = target[step]
        if value is _DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return apply


_DELETE = object()

# Defects the loader rejects and JSON Schema can express.
DEFECTS = {
    "wrong type": change(("awards", 0, "count"), "1"),
    "bool for int": change(("awards", 0, "count"), True),
    "count zero": change(("awards", 0, "count"), 0),
    "unknown key": change(("awards", 0, "so_luong"), 1),
    "unknown top-level key": change(("giai_thuong",), []),
    "bad enum": change(("awards", 0, "form"), "Bằng khen"),
    "bad date": change(("events", 0, "held_on"), "12/08/2023"),
    "empty text": change(("localities", 0, "name"), ""),
    "padded text": change(("localities", 0, "name"), " Quảng Nam"),
    "id with space": change(("localities", 0, "id"), "quang nam"),
    "missing required": change(("awards", 0, "form"), _DELETE),
    "missing schema": change(("schema",), _DELETE),
    "wrong schema": change(("schema",), "antq/2"),
    "code shape": change(("localities", 2, "code"), "2056"),
    "not an array": change(("awards",), {}),
    "source without identity": change(("awards", 0, "sources"), [{"note": "x"}]),
    "participation without anyone": change(("events", 0, "participants", 0, "official"), _DELETE),
}


class TestRejections:
    """Every defect the schema can express is rejected by both the loader and the schema."""

    @pytest.mark.parametrize("defect", sorted(DEFECTS))
    def test_both_reject(self, defect: str) -> None:
        document = copy.deepcopy(SEED_DOC)
        DEFECTS[defect](document)
        with pytest.raises(antq.LoadError):
            antq.loads(json.dumps(document, ensure_ascii=False))
        assert schema_errors(document), defect
