"""Field validators for antq's attrs classes, in attrs' own idiom.

Each public function is a factory returning a small slotted callable with a readable
``repr``. They guard *local* invariants only (one value, or two fields of one
object); anything that needs other records or the law belongs in the rule engine.
All of them raise :class:`~antq.errors.InvalidValueError`, which names the field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sized
from typing import Any

import attrs

from antq.errors import InvalidValueError
from antq.text import is_nfc

__all__ = ["at_least", "gso_code", "identifier", "matches_count", "not_before", "text"]

_ID = re.compile(r"\S+")


def _fail(inst: object, attr: attrs.Attribute[Any], value: object, reason: str) -> None:
    raise InvalidValueError(type(inst).__name__, attr.name, value, reason)


def _check_text(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        _fail(inst, attr, value, f"expected str, got {type(value).__name__}")
    elif not value or value.isspace():
        _fail(inst, attr, value, "must not be empty")
    elif value != value.strip():
        _fail(inst, attr, value, "must not start or end with whitespace")
    elif not is_nfc(value):
        _fail(inst, attr, value, "must be NFC (use antq.nfc)")


@attrs.frozen(repr=False)
class _Text:
    optional: bool

    def __call__(self, inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if value is None and self.optional:
            return
        if isinstance(value, tuple):
            for item in value:
                _check_text(inst, attr, item)
        else:
            _check_text(inst, attr, value)

    def __repr__(self) -> str:
        return f"<text validator optional={self.optional}>"


def text(*, optional: bool = False) -> _Text:
    """Non-empty NFC text with no surrounding whitespace (each item, for a tuple)."""
    return _Text(optional)


@attrs.frozen(repr=False)
class _Identifier:
    optional: bool

    def __call__(self, inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if value is None and self.optional:
            return
        for item in value if isinstance(value, tuple) else (value,):
            if not isinstance(item, str) or not _ID.fullmatch(item) or not is_nfc(item):
                _fail(inst, attr, item, "an id is non-empty NFC text without whitespace")

    def __repr__(self) -> str:
        return f"<identifier validator optional={self.optional}>"


def identifier(*, optional: bool = False) -> _Identifier:
    """A record id or reference: non-empty NFC text without whitespace (each, for a tuple)."""
    return _Identifier(optional)


@attrs.frozen(repr=False)
class _AtLeast:
    minimum: int

    def __call__(self, inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        if type(value) is not int:
            _fail(inst, attr, value, f"expected int, got {type(value).__name__}")
        elif value < self.minimum:
            _fail(inst, attr, value, f"must be at least {self.minimum}")

    def __repr__(self) -> str:
        return f"<at_least validator minimum={self.minimum}>"


def at_least(minimum: int) -> _AtLeast:
    """An optional int that, when known, is at least *minimum* (bools are not ints here)."""
    return _AtLeast(minimum)


@attrs.frozen(repr=False)
class _NotBefore:
    start_field: str

    def __call__(self, inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        start = getattr(inst, self.start_field)
        if start is None:
            return
        if not isinstance(start, dt.date):
            _fail(inst, attr, value, f"an end date needs a complete {self.start_field}")
        elif isinstance(value, dt.date) and value < start:
            _fail(inst, attr, value, f"must not be before {self.start_field} ({start})")

    def __repr__(self) -> str:
        return f"<not_before validator start_field={self.start_field!r}>"


def not_before(start_field: str) -> _NotBefore:
    """An optional end date that is not before the date in *start_field* of the same object."""
    return _NotBefore(start_field)


@attrs.frozen(repr=False)
class _GsoCode:
    def __call__(self, inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        if not isinstance(value, str):
            _fail(inst, attr, value, f"expected str, got {type(value).__name__}")
            return
        level = inst.unit_type.level  # type: ignore[attr-defined]  # only used on Locality
        digits = level.code_digits
        if digits is None:
            if not _ID.fullmatch(value):
                _fail(inst, attr, value, "a code is non-empty text without whitespace")
        elif len(value) != digits or not value.isascii() or not value.isdigit():
            _fail(inst, attr, value, f"a {level.value} code is {digits} digits, zero-padded")

    def __repr__(self) -> str:
        return "<gso_code validator>"


def gso_code() -> _GsoCode:
    """A statistics-office code of the shape its unit's level requires (2, 3 or 5 digits)."""
    return _GsoCode()


@attrs.frozen(repr=False)
class _MatchesCount:
    count_field: str

    def __call__(self, inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        count = getattr(inst, self.count_field)
        if isinstance(value, Sized) and len(value) and count is not None and len(value) != count:
            _fail(inst, attr, value, f"names {len(value)} recipients but count is {count}")

    def __repr__(self) -> str:
        return f"<matches_count validator count_field={self.count_field!r}>"


def matches_count(count_field: str) -> _MatchesCount:
    """Named recipients, when given and the count is known, number exactly that count."""
    return _MatchesCount(count_field)
