"""The model described once: each attrs class's fields, walked once into a field table.

Everything that needs to know a field reads its :class:`FieldSpec` here: the compiled
checks (:mod:`antq.validators`), the wire Structs (:mod:`antq._wire`), the JSON Schema
(:mod:`antq.schema`) and the reference walk (:class:`antq.Dataset`). A new field, or a
new check on one, is one edit in :mod:`antq.model`.

Typed ids name their target: :func:`typed_id` makes the ``NewType`` and records which
kind of record it points at, so a field typed ``LocalityId`` is a reference to a
locality wherever it stands.
"""

from __future__ import annotations

import functools
import operator
import types
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NewType, Union, get_args, get_origin, get_type_hints

import attrs

from antq.vocab import EntityKind

__all__ = ["FieldSpec", "Route", "fields_of", "routes_of", "target_of", "typed_id"]

_TARGETS: dict[Any, EntityKind] = {}
_NONE = type(None)

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def typed_id(name: str, target: EntityKind) -> Any:
    """A ``NewType`` of str for the ids of one kind of record, which references point at."""
    new = NewType(name, str)  # type: ignore[misc]  # named by the caller, checked as NewTypes
    _TARGETS[new] = target
    return new


def target_of(tp: Any) -> EntityKind | None:
    """The kind of record a typed id names, or None for any other type."""
    return _TARGETS.get(tp)


@attrs.frozen
class FieldSpec:
    """One field of an antq class, as every reader of the model needs it.

    ``type`` is the resolved annotation; ``item`` the type of one value (without the
    tuple or the None); ``target`` the kind of record a reference names (None for the
    record's own ``id``); ``nested`` the antq class of an object field.
    """

    attribute: attrs.Attribute[Any] = attrs.field(repr=False)
    name: str
    key: str
    type: Any
    required: bool
    default: Any
    checks: tuple[Validator, ...]
    many: bool
    optional: bool
    item: Any
    target: EntityKind | None
    nested: type | None


#: The metadata key under which a field lists its checks (see ``validators.check``).
CHECK = "antq.check"


def _unwrap(tp: Any) -> tuple[bool, bool, Any]:
    """(many, optional, item) of an annotation."""
    origin, args = get_origin(tp), get_args(tp)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return True, False, args[0]
    if origin in (Union, types.UnionType) and _NONE in args:
        members = tuple(arg for arg in args if arg is not _NONE)
        item = members[0] if len(members) == 1 else functools.reduce(lambda a, b: a | b, members)
        return False, True, item
    return False, False, tp


_TABLES: dict[type, tuple[FieldSpec, ...]] = {}
_ROUTES: dict[type, tuple[Route, ...]] = {}


def fields_of(cls: type) -> tuple[FieldSpec, ...]:
    """The field table of an attrs class (its init fields, in declaration order)."""
    found = _TABLES.get(cls)
    if found is None:
        found = _TABLES[cls] = _table(cls)
    return found


def _table(cls: type) -> tuple[FieldSpec, ...]:
    hints = get_type_hints(cls)
    specs = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        tp = hints[field.name]
        many, optional, item = _unwrap(tp)
        specs.append(
            FieldSpec(
                attribute=field,
                name=field.name,
                key=field.alias or field.name,
                type=tp,
                required=field.default is attrs.NOTHING,
                default=field.default,
                checks=tuple(field.metadata.get(CHECK, ())),
                many=many,
                optional=optional,
                item=item,
                target=None if field.name == "id" else target_of(item),
                nested=item if isinstance(item, type) and attrs.has(item) else None,
            )
        )
    return tuple(specs)


@attrs.frozen
class Route:
    """The way from a record to one of its references: field names, and which are lists.

    ``steps`` is ``(("recipients", True), ("locality", False))`` for the locality of each
    named recipient of an award.
    """

    steps: tuple[tuple[str, bool], ...]
    target: EntityKind

    def walk(self, record: object) -> Iterator[tuple[str, str]]:
        """Each (path below the record, id) this route reaches in *record* (Nones left out)."""
        yield from _walk(record, self.steps, "")

    def ids(self, records: Iterable[Any]) -> Iterable[str | None]:
        """Every id (or None) the route reaches in *records*, read with attrgetters."""
        names = [name for name, _ in self.steps]
        lists = [at for at, (_, many) in enumerate(self.steps) if many]
        if not lists:
            return map(operator.attrgetter(".".join(names)), records)
        if lists == [len(names) - 1]:  # a tuple of ids
            many = operator.attrgetter(".".join(names))
            return (item for record in records for item in many(record))
        if len(lists) == 1:
            at = lists[0]
            outer = operator.attrgetter(".".join(names[: at + 1]))
            inner = operator.attrgetter(".".join(names[at + 1 :]))
            return (inner(item) for record in records for item in outer(record))
        return (found for record in records for _, found in self.walk(record))


def _walk(
    value: object, steps: tuple[tuple[str, bool], ...], path: str
) -> Iterator[tuple[str, str]]:
    if value is None:
        return
    if not steps:
        yield path, value  # type: ignore[misc]  # a typed id is a str
        return
    (name, many), rest = steps[0], steps[1:]
    inner = getattr(value, name)
    if many:
        for index, item in enumerate(inner):
            yield from _walk(item, rest, f"{path}.{name}[{index}]")
    else:
        yield from _walk(inner, rest, f"{path}.{name}")


def routes_of(cls: type) -> tuple[Route, ...]:
    """Every route from a record of *cls* to a typed id, in field order, depth first."""
    found = _ROUTES.get(cls)
    if found is None:
        found = _ROUTES[cls] = _routes(cls)
    return found


def _routes(cls: type) -> tuple[Route, ...]:
    routes: list[Route] = []
    for spec in fields_of(cls):
        step = (spec.name, spec.many)
        if spec.target is not None:
            routes.append(Route((step,), spec.target))
        elif spec.nested is not None:
            routes.extend(
                Route((step, *inner.steps), inner.target) for inner in routes_of(spec.nested)
            )
    return tuple(routes)
