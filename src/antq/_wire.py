r"""The fast paths of the loaders and of :func:`antq.dumps`: msgspec and mirrored Structs.

:func:`fast_load` reads a document, :func:`fast_record` one JSON Lines record, and
:func:`fast_dump` writes a document; the readers build antq's records in C.

The readers accept only what the strict cattrs path (:mod:`antq.serialize`) accepts,
and give the same objects; on anything else they give up (return None) and the caller
runs the cattrs path, which finds and words every problem. So errors are never
reported from here, and the two paths differ only in speed (``tests/test_wire.py``
compares them on generated and damaged documents).

How each strict rule of the wire format holds on these paths:

- **types, enums, dates, required and unknown keys**: msgspec decodes into *wire
  Structs* mirrored from the attrs classes (strict types, ``forbid_unknown_fields``).
- **duplicate keys** (msgspec keeps the last one): the wire Structs omit default
  values, so encoding them again writes each key that was read once. Every ``:`` in a
  JSON text is a key's or inside a string, where it is written as itself or escaped
  as ``\u003a``; msgspec writes every colon as itself. So the colons of the input,
  escaped ones included (:func:`_key_count`), equal the re-encoded text's exactly when
  no key was read twice: no escape can balance a key read twice. A key written with
  its default value also changes the count; such documents simply take the slow path
  (an empty collection written as ``[]`` keeps its key: collections default to UNSET).
- **partial dates** (``held_on``): read as text, parsed by :meth:`PartialDate.parse`.
- **local invariants** (NFC, non-empty text, ids, counts, date order, ...): msgspec
  converts the wire Structs into antq's attrs classes and calls their compiled
  ``__attrs_post_init__`` (see :mod:`antq.validators`), one Python call per object.
- **duplicate ids**: :class:`~antq.Dataset` checks them as always.

The cyclic garbage collector is paused while the records are built (about 300,000
objects for 20,000 events; see :mod:`antq._gc`).
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import types
from typing import Any, Final, NewType, Union, get_args, get_origin

import attrs
import msgspec

from antq._fields import fields_of
from antq._gc import collector_paused
from antq.dataset import COLLECTIONS, SCHEMA, Dataset
from antq.model import Event, PartialDate, Record
from antq.vocab import Vocab

__all__ = ["fast_dump", "fast_load", "fast_record"]

_NONE = type(None)
_SOME_DATE = dt.date | PartialDate | None


def _wire_type(tp: Any, dump: bool) -> Any:
    """The type a wire Struct field has for an attrs field of type *tp*."""
    if tp == _SOME_DATE:  # a date or a partial date: read as text, told apart after decoding;
        return Any if dump else str | None  # written as given, partial ones made text first
    if isinstance(tp, NewType):
        return _wire_type(tp.__supertype__, dump)
    origin, args = get_origin(tp), get_args(tp)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return tuple[_wire_type(args[0], dump), ...]  # type: ignore[misc]
    if origin in (Union, types.UnionType):
        return functools.reduce(lambda a, b: a | b, [_wire_type(arg, dump) for arg in args])
    if attrs.has(tp):
        return _mirror(tp, dump)
    if tp in (str, int, bool, dt.date, _NONE) or (isinstance(tp, type) and issubclass(tp, Vocab)):
        return tp
    raise TypeError(f"no wire type for {tp!r}")  # a new field type needs a decision here


@functools.cache
def _mirror(cls: Any, dump: bool = False) -> type[msgspec.Struct]:
    """A wire Struct with *cls*'s init fields, defaults and JSON keys (for reading or writing)."""
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = []
    for spec in fields_of(cls):
        if isinstance(spec.default, attrs.Factory):  # type: ignore[arg-type]
            raise TypeError(f"{cls.__name__}.{spec.name}: factories are not mirrored")
        wire = _wire_type(spec.type, dump)
        fields.append((spec.key, wire) if spec.required else (spec.key, wire, spec.default))
    return msgspec.defstruct(
        f"{'Out' if dump else 'Wire'}{cls.__name__}",
        fields,
        kw_only=True,
        forbid_unknown_fields=True,
        omit_defaults=True,
        gc=False,
    )


def _document_type(dump: bool) -> type[msgspec.Struct]:
    return msgspec.defstruct(
        "OutDocument" if dump else "WireDocument",
        [("schema", str)]
        + [
            (name, tuple[_mirror(cls, dump), ...] | msgspec.UnsetType, msgspec.UNSET)  # type: ignore[misc, arg-type]
            for name, _, cls in COLLECTIONS
        ],
        kw_only=True,
        forbid_unknown_fields=True,
        omit_defaults=True,
    )


_DECODER: Final = msgspec.json.Decoder(_document_type(dump=False))
_OUT: Final = _document_type(dump=True)
_OUT_TUPLES: Final = {name: tuple[_mirror(cls, True), ...] for name, _, cls in COLLECTIONS}  # type: ignore[misc, arg-type]
_ENCODER: Final = msgspec.json.Encoder()
_RECORD_TUPLES: Final = {name: tuple[cls, ...] for name, _, cls in COLLECTIONS}  # type: ignore[valid-type]


def _key_count(data: bytes) -> int:
    r"""The ``:`` a JSON text holds once decoded, escaped ones (``\u003a``) included.

    Only that escape decodes to a colon, and msgspec writes every colon as itself, so
    re-encoding what was read gives this count again exactly when no key was read twice
    (and none was written with its default). A ``\\u003a`` (an escaped backslash, then
    "u003a") is counted too: the count can only come out too high, and a count that does
    not match sends the text to the strict path, which finds every duplicate.
    """
    return data.count(b":") + data.count(b"\\u003a") + data.count(b"\\u003A")


def _each_key_once(wire: msgspec.Struct, keys: int) -> bool:
    """Whether the input (writing *keys* keys) wrote each key of *wire* once, defaults left out.

    The argument is in this module's docstring: re-encoding writes each key read once.
    """
    return _ENCODER.encode(wire).count(b":") == keys


def _dates_read(events: tuple[Any, ...]) -> bool:
    """Turn the events' ``held_on`` text into dates or partial dates, in place.

    Full dates stay text (msgspec parses them when converting); returns False when
    some text is neither form.
    """
    for event in events:
        held_on = event.held_on
        if held_on is None or len(held_on) == 10:
            continue
        try:
            partial = PartialDate.parse(held_on)
        except ValueError:
            return False
        msgspec.structs.force_setattr(event, "held_on", partial)
    return True


def _share_ids(wire: Any) -> None:
    """Point the grant lines' event and place ids at the referenced record's own string.

    JSON gives every occurrence of an id its own string; a province's 80,000 grant lines
    would hold 80,000 copies of event and place ids. Sharing them changes no value. Only
    the grant lines are worth the pass (measured: other references save little memory
    for their time).
    """
    if wire.awards is msgspec.UNSET:
        return
    ids: dict[str | None, str | None] = {None: None}
    for name in ("localities", "events"):
        records = getattr(wire, name)
        if records is not msgspec.UNSET:
            ids.update((record.id, record.id) for record in records)
    share = ids.get
    for award in wire.awards:
        award.event = share(award.event, award.event)
        issuer = award.issuer
        issuer.locality = share(issuer.locality, issuer.locality)


def fast_load(data: bytes) -> Dataset | None:
    """The dataset in *data* (UTF-8 JSON), or None when only the strict path may judge it."""
    with collector_paused(promote=True):
        try:
            wire: Any = _DECODER.decode(data)
        except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
            return None
        if wire.schema != SCHEMA:
            return None
        if not _each_key_once(wire, _key_count(data)):
            return None
        if wire.events is not msgspec.UNSET and not _dates_read(wire.events):
            return None
        _share_ids(wire)
        collections: dict[str, tuple[Any, ...]] = {}
        try:
            for name, records in _RECORD_TUPLES.items():
                wired = getattr(wire, name)
                if wired is not msgspec.UNSET:
                    msgspec.structs.force_setattr(wire, name, msgspec.UNSET)  # free as we go
                    collections[name] = msgspec.convert(wired, records, from_attributes=True)
                    del wired
            return Dataset(**collections)
        except (msgspec.ValidationError, ValueError, TypeError):
            return None


def fast_dump(dataset: Dataset, indent: int | None) -> bytes:
    """The ``antq/1`` document for *dataset*, written by msgspec from mirrored Structs.

    Byte for byte what encoding :func:`antq.unstructure` gives (``tests/test_wire.py``):
    fields in declaration order, defaults omitted, every collection present.
    """
    with collector_paused():
        collections = {
            name: msgspec.convert(getattr(dataset, name), records, from_attributes=True)
            for name, records in _OUT_TUPLES.items()
        }
        for event in collections["events"]:
            if type(event.held_on) is PartialDate:
                msgspec.structs.force_setattr(event, "held_on", str(event.held_on))
        encoded = _ENCODER.encode(_OUT(schema=SCHEMA, **collections))
        del collections
    return msgspec.json.format(encoded, indent=indent) if indent else encoded


def _line_types() -> dict[type[msgspec.Struct], type[Record]]:
    """Wire Structs for JSON Lines records, told apart by their ``type`` key."""
    return {
        msgspec.defstruct(
            f"Line{cls.__name__}",
            [],
            bases=(_mirror(cls),),  # type: ignore[arg-type]
            tag_field="type",
            tag=kind.value,
            kw_only=True,
            forbid_unknown_fields=True,
            omit_defaults=True,
            gc=False,
        ): cls
        for _, kind, cls in COLLECTIONS
    }


_LINE_CLASSES: Final = _line_types()
_LINE_DECODER: Final = msgspec.json.Decoder(functools.reduce(operator.or_, _LINE_CLASSES))


def fast_record(line: str | bytes) -> Record | None:
    """The record on one JSON Lines line, or None when only the strict path may judge it.

    The same checks as :func:`fast_load`, for one record with its ``type`` key.
    """
    try:
        wire: Any = _LINE_DECODER.decode(line)
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        return None
    raw = line if isinstance(line, bytes) else line.encode("utf-8", "surrogatepass")
    if not _each_key_once(wire, _key_count(raw)):
        return None
    cls = _LINE_CLASSES[type(wire)]
    if cls is Event and not _dates_read((wire,)):
        return None
    try:
        record: Record = msgspec.convert(wire, cls, from_attributes=True)
    except (msgspec.ValidationError, ValueError, TypeError):
        return None
    return record
