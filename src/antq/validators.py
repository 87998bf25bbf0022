"""Field checks for antq's attrs classes, compiled into one check per class.

Each factory (``text``, ``identifier``, ...) returns a small slotted callable in attrs'
validator idiom ``(instance, attribute, value)`` with a readable ``repr``. They guard
*local* invariants only (one value, or two fields of one object); anything that needs
other records or the law belongs in the rule engine. All of them raise
:class:`~antq.errors.InvalidValueError`, which names the field.

A field declares its checks in its metadata (``attrs.field(metadata=check(text()))``)
rather than as attrs validators, and :func:`checked` compiles a class's checks into
a single ``__attrs_post_init__`` with the common cases inlined. Construction from
Python runs it, and so does msgspec when the loader builds records in C: one Python
call per object instead of one per field (see ``docs/performance.md``).
"""

from __future__ import annotations

import datetime as dt
import linecache
import re
import unicodedata
from collections.abc import Callable, Sized
from typing import Any, Final, TypeVar

import attrs

from antq import _fields
from antq._normal import is_nfc
from antq.errors import InvalidValueError
from antq.messages import Message
from antq.vocab import LocalityLevel

__all__ = [
    "CHECK",
    "INVISIBLE",
    "MAX_COUNT",
    "MAX_TEXT",
    "Checked",
    "at_least",
    "check",
    "checked",
    "checks_of",
    "gso_code",
    "identifier",
    "matches_count",
    "not_before",
    "text",
]

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
"""A check in attrs' validator idiom: it raises when the value is bad."""

CHECK: Final = _fields.CHECK
"""The metadata key under which a field lists its checks."""

_C = TypeVar("_C", bound=type)

_ID = re.compile(r"\S+")


def _fail(
    inst: object, attr: attrs.Attribute[Any], value: object, code: str, **params: object
) -> None:
    raise InvalidValueError(type(inst).__name__, attr.name, value, Message(code, params))


def _type_name(value: object) -> Message:
    """The JSON kind of *value*, as a type mismatch names it."""
    name = {str: "str", int: "int", float: "float", bool: "bool", list: "array", dict: "object"}
    found = name.get(type(value))
    return (
        Message(f"json.{found}") if found else Message("json.text", {"text": type(value).__name__})
    )


#: The longest text a field holds (a plausible limit, as a field check).
MAX_TEXT = 100_000
#: The largest count a record holds (a plausible limit, as a field check).
MAX_COUNT = 10_000_000
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# The invisible format characters that change what a text looks like or how it reads:
# zero-width spaces and joiners, bidirectional marks and overrides, the BOM.
_FORMAT_CHARACTERS = r"\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"
#: Characters a reader cannot see in a text: those, and controls other than tab and line
#: breaks (rule ANTQ110 warns of them).
INVISIBLE = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_FORMAT_CHARACTERS}]")
# Never in an id: every control character, and the format characters.
_NOT_IN_ID = re.compile(rf"[\x00-\x1f\x7f-\x9f{_FORMAT_CHARACTERS}]")


def _check_text(inst: object, attr: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        _fail(
            inst,
            attr,
            value,
            "check.expected_type",
            expected=Message("json.str"),
            got=_type_name(value),
        )
    elif not value or value.isspace():
        _fail(inst, attr, value, "check.empty")
    elif (surrogate := _SURROGATE.search(value)) is not None:
        _fail(inst, attr, value, "check.surrogate", char=f"U+{ord(surrogate[0]):04X}")
    elif len(value) > MAX_TEXT:
        _fail(inst, attr, value, "check.too_long", limit=MAX_TEXT, length=len(value))
    elif value != value.strip():
        _fail(inst, attr, value, "check.whitespace")
    elif not is_nfc(value):
        _fail(inst, attr, value, "check.nfc")


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
    """Non-empty NFC text, trimmed, with no lone surrogate, of at most MAX_TEXT characters.

    For a tuple, each item.
    """
    return _Text(optional)


@attrs.frozen(repr=False)
class _Identifier:
    optional: bool

    def __call__(self, inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if value is None and self.optional:
            return
        for item in value if isinstance(value, tuple) else (value,):
            if not isinstance(item, str) or not _ID.fullmatch(item) or not is_nfc(item):
                _fail(inst, attr, item, "check.id")
            elif (hidden := _NOT_IN_ID.search(item)) is not None or _SURROGATE.search(item):
                char = ord((hidden or _SURROGATE.search(item))[0])  # type: ignore[index]
                _fail(inst, attr, item, "check.id_invisible", char=f"U+{char:04X}")

    def __repr__(self) -> str:
        return f"<identifier validator optional={self.optional}>"


def identifier(*, optional: bool = False) -> _Identifier:
    """A record id or reference: non-empty NFC text without whitespace or invisible marks.

    Invisible marks are controls, zero-width and bidirectional characters; for a tuple,
    each item.
    """
    return _Identifier(optional)


@attrs.frozen(repr=False)
class _AtLeast:
    minimum: int
    maximum: int

    def __call__(self, inst: object, attr: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        if type(value) is not int:
            expected = Message("json.int")
            _fail(
                inst, attr, value, "check.expected_type", expected=expected, got=_type_name(value)
            )
        elif value < self.minimum:
            _fail(inst, attr, value, "check.at_least", minimum=self.minimum)
        elif value > self.maximum:
            _fail(inst, attr, value, "check.at_most", maximum=self.maximum)

    def __repr__(self) -> str:
        return f"<at_least validator minimum={self.minimum} maximum={self.maximum}>"


def at_least(minimum: int, maximum: int = MAX_COUNT) -> _AtLeast:
    """An optional int that, when known, is at least *minimum* and at most *maximum*.

    Bools are not ints here; the default *maximum* is :data:`MAX_COUNT`.
    """
    return _AtLeast(minimum, maximum)


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
            _fail(inst, attr, value, "check.end_needs_full_start", start=self.start_field)
        elif isinstance(value, dt.date) and value < start:
            _fail(inst, attr, value, "check.before_start", start=self.start_field, day=str(start))

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
            expected = Message("json.str")
            _fail(
                inst, attr, value, "check.expected_type", expected=expected, got=_type_name(value)
            )
            return
        unit_type = inst.unit_type  # type: ignore[attr-defined]  # only used on Locality
        level = getattr(unit_type, "level", None)
        if not isinstance(level, LocalityLevel):  # "tinh" given where a UnitType belongs
            kind = attrs.fields(type(inst)).unit_type  # type: ignore[arg-type]
            expected = Message("json.text", {"text": "UnitType"})
            _fail(
                inst,
                kind,
                unit_type,
                "check.expected_type",
                expected=expected,
                got=_type_name(unit_type),
            )
            return
        digits = level.code_digits
        if digits is None:
            if not _ID.fullmatch(value) or not is_nfc(value):  # the loader stores NFC
                _fail(inst, attr, value, "check.code_text")
        elif len(value) != digits or not value.isascii() or not value.isdigit():
            level_words = Message(f"level.{level.value}")
            _fail(inst, attr, value, "check.code_digits", level=level_words, digits=digits)

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
            _fail(inst, attr, value, "check.recipients_count", n=len(value), count=count)

    def __repr__(self) -> str:
        return f"<matches_count validator count_field={self.count_field!r}>"


def matches_count(count_field: str) -> _MatchesCount:
    """Named recipients, when given and the count is known, number exactly that count."""
    return _MatchesCount(count_field)


# ------------------------------------------------------------------ compiled checks


def check(*validators: Validator) -> dict[str, tuple[Validator, ...]]:
    """Field metadata declaring *validators*, run in order by the class's compiled check."""
    return {CHECK: validators}


def checks_of(field: attrs.Attribute[Any]) -> tuple[Validator, ...]:
    """The checks a field declares (empty when it has none)."""
    found: tuple[Validator, ...] = field.metadata.get(CHECK, ())
    return found


class Checked:
    """Base of antq's checked classes: it makes attrs call ``__attrs_post_init__``.

    :func:`checked` replaces the method with the class's compiled checks. Every
    subclass starts with a method that refuses to build, so a subclass without
    ``@checked`` (attrs or not) cannot be made unchecked by accident.
    """

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.__attrs_post_init__ = _unchecked  # type: ignore[method-assign]

    def __attrs_post_init__(self) -> None:
        _unchecked(self)


def _unchecked(self: object) -> None:
    raise TypeError(f"{type(self).__name__} needs the @checked decorator (antq.validators)")


# Inline forms of the common checks: each accepts a subset of what its validator
# accepts (anything else goes to the validator, which has the last word and the message).
_TEXT_OK = (
    "(type({x}) is str and {x} and {x} == {x}.strip() and len({x}) <= _MAX_TEXT"
    " and ({x}.isascii() or _nfc({x})))"
)
_ID_OK = "(type({x}) is str and {x} and {x}.isascii() and {x}.isprintable() and ' ' not in {x})"


def _inline(validator: Validator, tuple_field: bool) -> str | None:
    """A Python expression in ``x`` that is true only for values *validator* accepts."""
    if isinstance(validator, _Text | _Identifier):
        template = _TEXT_OK if isinstance(validator, _Text) else _ID_OK
        if tuple_field:
            return f"(x == () or (type(x) is tuple and all({template.format(x='y')} for y in x)))"
        single = template.format(x="x")
        return f"(x is None or {single})" if validator.optional else single
    if isinstance(validator, _AtLeast):
        low, high = validator.minimum, validator.maximum
        return f"(x is None or (type(x) is int and {low!r} <= x <= {high!r}))"
    if isinstance(validator, _NotBefore | _GsoCode):
        return "x is None"
    if isinstance(validator, _MatchesCount):
        return "x == ()"
    return None


def checked(cls: _C) -> _C:
    """Compile the checks declared in *cls*'s field metadata into its ``__attrs_post_init__``.

    Fields are checked in declaration order (inherited ones first, as attrs orders
    them), then every ``_check_whole`` method for invariants over several fields: the
    parents' first, then the class's own. The generated source is registered with
    :mod:`linecache` (as attrs does), so tracebacks and pdb show it.
    """
    if not issubclass(cls, Checked):
        raise TypeError(f"{cls.__name__} must derive from antq.validators.Checked")
    namespace: dict[str, Any] = {"_nfc": _is_nfc_fast, "_MAX_TEXT": MAX_TEXT}
    lines = ["def _fast(self):"]
    for index, spec in enumerate(_fields.fields_of(cls)):
        for number, validator in enumerate(spec.checks):
            name = f"_v{index}_{number}"
            namespace[name] = validator
            namespace[f"_a{index}"] = spec.attribute
            call = f"{name}(self, _a{index}, x)"
            condition = _inline(validator, spec.many)
            lines.append(f"    x = self.{spec.name}")
            lines.append(f"    if not {condition}: {call}" if condition else f"    {call}")
    for number, owner in enumerate(_whole_checks(cls)):
        namespace[f"_whole{number}"] = owner.__dict__["_check_whole"]
        lines.append(f"    _whole{number}(self)  # {owner.__qualname__}._check_whole")
    if len(lines) == 1:
        lines.append("    pass")
    # On a failure, every check runs again so that all of the object's problems are
    # reported at once (the first error carries the others in ``also``).
    lines += [
        "def __attrs_post_init__(self):",
        "    try:",
        "        _fast(self)",
        "    except _Invalid as first:",
        "        _every_failure(self, first)",
    ]
    namespace["_Invalid"] = InvalidValueError
    namespace["_every_failure"] = _every_failure
    source = "\n".join(lines) + "\n"
    filename = f"<antq checks for {cls.__module__}.{cls.__qualname__}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    exec(compile(source, filename, "exec"), namespace)
    function = namespace["__attrs_post_init__"]
    function.__qualname__ = f"{cls.__qualname__}.__attrs_post_init__"
    function.__doc__ = f"Check {cls.__name__}'s local invariants (compiled by antq.validators)."
    cls.__attrs_post_init__ = function  # type: ignore[method-assign]
    return cls


def _whole_checks(cls: type) -> list[type]:
    """The classes of *cls*'s MRO that define ``_check_whole``, base first."""
    return [klass for klass in reversed(cls.__mro__) if "_check_whole" in klass.__dict__]


def _every_failure(inst: object, first: InvalidValueError) -> None:
    """Run every field check of *inst* again and raise *first* with all the others."""
    others: list[InvalidValueError] = []
    for spec in _fields.fields_of(type(inst)):
        value = getattr(inst, spec.name)
        for validator in spec.checks:
            try:
                validator(inst, spec.attribute, value)
            except InvalidValueError as exc:
                if (exc.field, exc.why) != (first.field, first.why):
                    others.append(exc)
                break  # a field's later checks assume its earlier ones passed
            except Exception:  # a check that reads another field, itself invalid: not ours
                break
    first.also = tuple(others)
    raise first


def _is_nfc_fast(text: str) -> bool:
    """NFC text with no lone surrogate (the inline check's test for non-ASCII text)."""
    return unicodedata.is_normalized("NFC", text) and _SURROGATE.search(text) is None
