"""JSON Schema (draft 2020-12) for the ``antq/1`` format, generated from the attrs classes.

Types, enums, required fields, unknown keys, text and id shapes, minimum counts and
the code shape per unit level all come from the classes and their field checks,
so the schema cannot drift from the loader. What JSON Schema cannot say (unique ids,
dates that do not exist such as 2023-02-30, recipients matching a count, date order)
is left to :func:`antq.load`.
"""

from __future__ import annotations

import datetime as dt
import types
from typing import Any, NewType, Union, get_args, get_origin

import attrs

from antq import validators as v
from antq._fields import FieldSpec, fields_of
from antq.dataset import COLLECTIONS, SCHEMA, Dataset
from antq.model import Locality, PartialDate, Participation, Source
from antq.vocab import LocalityLevel, UnitType, Vocab

__all__ = ["json_schema"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_TEXT = r"^\S(?:[\s\S]*\S)?$"  # non-empty, no surrounding whitespace
_ID = r"^\S+$"
_DATE = r"^\d{4}-\d{2}-\d{2}$"
_PARTIAL = r"^(?:\d{4}(?:-\d{2})?|--\d{2}-\d{2})$"


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def of_type(self, tp: Any, field: FieldSpec | None = None) -> dict[str, Any]:
        checks = field.checks if field is not None else ()
        origin, args = get_origin(tp), get_args(tp)
        if origin in (Union, types.UnionType):
            members = [a for a in args if a is not type(None)]
            inner = (
                self._some_date()
                if set(members) == {dt.date, PartialDate}
                else self.of_type(members[0], field)
                if len(members) == 1
                else {"anyOf": [self.of_type(m, field) for m in members]}
            )
            return {"anyOf": [inner, {"type": "null"}]} if type(None) in args else inner
        if origin is tuple:
            return {"type": "array", "items": self.of_type(args[0], field)}
        if isinstance(tp, NewType):
            return self.of_type(tp.__supertype__, field)
        if tp is str:
            pattern = _ID if any(isinstance(c, v._Identifier) for c in checks) else _TEXT
            return {"type": "string", "minLength": 1, "pattern": pattern}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            schema: dict[str, Any] = {"type": "integer"}
            for check in checks:
                if isinstance(check, v._AtLeast):
                    schema["minimum"] = check.minimum
            return schema
        if tp is dt.date:
            return {"type": "string", "format": "date", "pattern": _DATE}
        if tp is PartialDate:
            return {"type": "string", "pattern": _PARTIAL}
        if isinstance(tp, type) and issubclass(tp, Vocab):
            return self.vocab(tp)
        if attrs.has(tp):
            return self.ref(tp)
        raise TypeError(f"no JSON Schema for {tp!r}")

    def _some_date(self) -> dict[str, Any]:
        return {"type": "string", "anyOf": [{"pattern": _DATE}, {"pattern": _PARTIAL}]}

    def vocab(self, cls: type[Vocab]) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            labels = "; ".join(f"{m.value}: {m.label} ({m.gloss})" for m in cls)
            self.defs[name] = {
                "enum": [member.value for member in cls],
                "description": f"{_summary(cls)} Values: {labels}.",
            }
        return {"$ref": f"#/$defs/{name}"}

    def ref(self, cls: type[Any]) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: classes may refer to each other
            properties: dict[str, Any] = {}
            required: list[str] = []
            for field in fields_of(cls):
                properties[field.key] = self.of_type(field.type, field)
                if field.target is not None:  # a typed id: say which record it names
                    properties[field.key]["description"] = _refers_to(field)
                if field.required:
                    required.append(field.key)
            schema: dict[str, Any] = {
                "type": "object",
                "description": _summary(cls),
                "properties": properties,
                "additionalProperties": False,
            }
            if required:
                schema["required"] = required
            schema.update(_EXTRA.get(cls, dict)())
            self.defs[name] = schema
        return {"$ref": f"#/$defs/{name}"}


def _refers_to(field: FieldSpec) -> str:
    target = field.target.gloss if field.target is not None else ""
    return f"The id of {'each ' if field.many else 'a '}{target} record (a reference)."


def _summary(cls: type[Any]) -> str:
    return (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")


def _one_of_present(*names: str) -> dict[str, Any]:
    """At least one of *names* is given and not null."""
    return {
        "anyOf": [
            {"required": [name], "properties": {name: {"not": {"type": "null"}}}} for name in names
        ]
    }


def _locality_codes() -> dict[str, Any]:
    """The code's shape follows the level of the unit type (2, 3 or 5 digits)."""
    rules = []
    for level in LocalityLevel:
        kinds = [t.value for t in UnitType if t.level is level]
        if not kinds:
            continue
        digits = level.code_digits
        pattern = rf"^\d{{{digits}}}$" if digits else _ID
        rules.append(
            {
                "if": {"properties": {"unit_type": {"enum": kinds}}, "required": ["unit_type"]},
                "then": {
                    "properties": {"code": {"anyOf": [{"type": "null"}, {"pattern": pattern}]}}
                },
            }
        )
    return {"allOf": rules}


_EXTRA = {
    Source: lambda: _one_of_present("title", "url", "locator"),
    Participation: lambda: _one_of_present("official", "description"),
    Locality: _locality_codes,
}


def json_schema(cls: type[Any] | None = None) -> dict[str, Any]:
    """The JSON Schema of the whole ``antq/1`` document, or of one record class.

    Args:
        cls: a record class (``antq.Award`` …) or any antq attrs class; None for the
            document.
    """
    builder = _Builder()
    if cls is None or cls is Dataset:
        properties: dict[str, Any] = {"schema": {"const": SCHEMA}}
        for name, _, record in COLLECTIONS:
            properties[name] = {"type": "array", "items": builder.ref(record)}
        root: dict[str, Any] = {
            "title": f"antq document ({SCHEMA})",
            "type": "object",
            "properties": properties,
            "required": ["schema"],
            "additionalProperties": False,
        }
    else:
        root = {"title": f"antq {cls.__name__} ({SCHEMA})", **builder.ref(cls)}
    return {
        "$schema": DRAFT,
        "$id": f"urn:antq:{SCHEMA}:{'document' if cls in (None, Dataset) else cls.__name__}",
        **root,
        "$defs": dict(sorted(builder.defs.items())),
    }
