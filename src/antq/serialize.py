"""Reading and writing antq data: the ``antq/1`` JSON document and JSON Lines streams.

One strict cattrs converter does the work. Strict means: JSON types must match
exactly (``"3"`` is not an int, ``5`` is not a str, ``1`` is not a bool), unknown
keys and duplicate keys are errors, dates are ISO 8601 (``YYYY-MM-DD``; partial
dates ``YYYY``, ``YYYY-MM``, ``--MM-DD``), text is stored in NFC. Bad input raises a
single :class:`~antq.errors.LoadError` that lists every problem with its path.
Files are written atomically: a temporary file in the same folder, then a rename.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import errno
import functools
import io
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Final, TypeVar, get_args, get_origin

import attrs
import cattrs
import msgspec
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from antq._wire import fast_dump, fast_load, fast_record
from antq.dataset import COLLECTIONS, SCHEMA, Dataset
from antq.errors import (
    Duplicate,
    DuplicateIdError,
    InvalidValueError,
    LoadError,
    Problem,
    TextError,
    record_noun,
    why_no_date,
)
from antq.messages import Message
from antq.model import Award, PartialDate, Record
from antq.text import nfc
from antq.vocab import EntityKind, Vocab

__all__ = [
    "AWARD_COLUMNS",
    "SCHEMA",
    "configure_converter",
    "dump",
    "dump_awards_csv",
    "dump_jsonl",
    "dumps",
    "dumps_awards_csv",
    "dumps_jsonl",
    "iter_jsonl",
    "load",
    "load_awards_csv",
    "load_jsonl",
    "loads",
    "loads_awards_csv",
    "make_converter",
    "structure",
    "unstructure",
]


_T = TypeVar("_T")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_HEADER: Final = f'{{"schema": "{SCHEMA}"}}'
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TYPE_OF_RECORD: dict[type[Record], str] = {cls: kind.value for _, kind, cls in COLLECTIONS}
_KIND_OF_RECORD: dict[type[Record], EntityKind] = {cls: kind for _, kind, cls in COLLECTIONS}
_KIND_OF_COLLECTION: dict[str, EntityKind] = {name: kind for name, kind, _ in COLLECTIONS}
_RECORD_OF_TYPE: dict[str, type[Record]] = {kind.value: cls for _, kind, cls in COLLECTIONS}
_JSON_TYPE = {
    str: "str",
    int: "int",
    float: "float",
    bool: "bool",
    type(None): "null",
    list: "array",
    dict: "object",
}

PathOrFile = str | os.PathLike[str] | IO[bytes]
"""What :func:`load` reads: a file's path, or a file opened in binary mode."""


class _MismatchError(TypeError):
    """A JSON value of the wrong type or form; its message is the whole explanation."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.message = Message(code, params)


def _got(value: object) -> Message:
    if isinstance(value, _LongNumber):
        return Message("json.long_number", {"digits": len(value.lstrip("-"))})
    for cls in type(value).__mro__:
        if cls in _JSON_TYPE:
            return Message(f"json.{_JSON_TYPE[cls]}")
    return Message("json.text", {"text": type(value).__name__})


def _expect(expected: Message, value: object) -> _MismatchError:
    return _MismatchError("load.expected", expected=expected, got=_got(value))


class _LongNumber(str):
    """A JSON integer too long for any field (its digits kept): never an int here."""

    __slots__ = ()


_LONGEST_NUMBER = 20  # digits: far past MAX_COUNT, short of Python's 4,300-digit limit


def _parse_int(digits: str) -> int | _LongNumber:
    """A JSON integer, or a :class:`_LongNumber` that every field refuses with its path."""
    if len(digits.lstrip("-")) > _LONGEST_NUMBER:
        return _LongNumber(digits)
    return int(digits)


# ---------------------------------------------------------------- structure hooks


def _structure_str(value: object, _: object) -> str:
    if type(value) is not str:
        raise _expect(Message("json.str"), value)
    return nfc(value)


def _structure_int(value: object, _: object) -> int:
    if type(value) is not int:
        raise _expect(Message("json.int"), value)
    return value


def _structure_bool(value: object, _: object) -> bool:
    if type(value) is not bool:
        raise _expect(Message("json.bool"), value)
    return value


def _parse_date(value: object) -> dt.date:
    if type(value) is not str or not _DATE.fullmatch(value):
        raise _MismatchError("load.expected", expected=Message("json.date"), got=_shown(value))
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise _MismatchError("load.no_such_date", value=repr(value), why=why_no_date(exc)) from None


def _structure_date(value: object, _: object) -> dt.date:
    return _parse_date(value)


def _structure_partial_date(value: object, _: object) -> PartialDate:
    if type(value) is not str:
        raise _expect(Message("json.partial_date"), value)
    try:
        return PartialDate.parse(value)
    except TextError as exc:
        raise _MismatchError(exc.why.code, **exc.why.params) from None


def _structure_some_date(value: object, _: object) -> dt.date | PartialDate:
    if type(value) is str and _DATE.fullmatch(value):
        return _parse_date(value)
    try:
        return _structure_partial_date(value, PartialDate)
    except _MismatchError:
        expected = Message("json.some_date")
        raise _MismatchError("load.expected", expected=expected, got=_shown(value)) from None


def _structure_some_date_or_none(value: object, _: object) -> dt.date | PartialDate | None:
    return None if value is None else _structure_some_date(value, None)


def _shown(value: object) -> object:
    return repr(value) if type(value) is str else _got(value)


@functools.cache
def _members(cls: type[Vocab]) -> tuple[dict[str, Vocab], str]:
    return {member.value: member for member in cls}, ", ".join(member.value for member in cls)


def _structure_vocab(value: object, cls: type[Vocab]) -> Vocab:
    members, values = _members(cls)
    what = Message(f"noun.{cls.__name__}")
    if type(value) is not str:
        raise _expect(Message("json.vocab", {"what": what}), value)
    member = members.get(value)
    if member is not None:
        return member
    params = {"value": repr(value), "what": what, "choices": values}
    with contextlib.suppress(ValueError):
        hint = repr(cls.from_label(value).value)
        raise _MismatchError("load.not_a_member_hint", **params, hint=hint)
    raise _MismatchError("load.not_a_member", **params)


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(
    tp: Any, converter: cattrs.Converter
) -> Callable[[object, object], tuple[Any, ...]]:
    item_type = get_args(tp)[0]
    item_hook = converter.get_structure_hook(item_type)

    def structure_tuple(value: object, _: object) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _expect(Message("json.array"), value)
        items: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except Exception as exc:
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    IterableValidationNote(f"@ index {index}", index, item_type),
                ]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {tp!r}", errors, tp)
        return tuple(items)

    return structure_tuple


def _attrs_hook(cls: type[Any], converter: cattrs.Converter) -> Callable[[object, object], Any]:
    inner = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )

    def structure_object(value: object, _: object) -> Any:
        if not isinstance(value, dict):
            raise _expect(Message("json.object"), value)
        return inner(value, cls)

    return structure_object


def _dataset_hook(converter: cattrs.Converter) -> Callable[[object, object], Dataset]:
    """The structure hook of a whole document for *converter*: schema, records, ids."""
    records = make_dict_structure_fn(
        Dataset, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )

    def structure_dataset(value: object, _: object) -> Dataset:
        return _structure_dataset(value, records)

    return structure_dataset


def _structure_dataset(value: object, records: Callable[[Any, Any], Dataset]) -> Dataset:
    if not isinstance(value, dict):
        raise _expect(Message("json.object"), value)
    body = dict(value)
    schema = body.pop("schema", None)
    errors: list[Exception] = []
    if schema != SCHEMA:
        if schema is None:
            problem = _MismatchError("load.missing_schema", header=_HEADER)
        else:
            problem = _MismatchError(
                "load.unsupported_schema", schema=repr(schema), supported=repr(SCHEMA)
            )
        problem.__notes__ = [AttributeValidationNote("@ attribute schema", "schema", str)]
        errors.append(problem)
    try:
        dataset: Dataset = records(body, Dataset)
    except ClassValidationError as exc:
        errors.extend(exc.exceptions)
        if not any(isinstance(sub, DuplicateIdError) for sub in exc.exceptions):
            errors.extend(_raw_duplicates(body))  # the records failed before ids were checked
    except DuplicateIdError as exc:  # older cattrs lets errors from __init__ through
        errors.append(exc)
    if errors:
        raise ClassValidationError("While structuring Dataset", errors, Dataset)
    return dataset


def _raw_duplicates(body: dict[str, Any]) -> list[DuplicateIdError]:
    """Duplicate ids in an unstructured document body, found without building records."""
    duplicates: list[Duplicate] = []
    for name, kind, _ in COLLECTIONS:
        items = body.get(name)
        if not isinstance(items, list):
            continue
        paths: dict[str, list[str]] = {}
        for index, item in enumerate(items):
            if isinstance(item, dict) and type(item.get("id")) is str:
                paths.setdefault(item["id"], []).append(f"$.{name}[{index}]")
        duplicates.extend(
            Duplicate(kind, id_, tuple(where)) for id_, where in paths.items() if len(where) > 1
        )
    return [DuplicateIdError(duplicates)] if duplicates else []


# -------------------------------------------------------------- unstructure hooks


def _unstructure_vocab(member: Vocab) -> str:
    return member._value_


def _dataset_writer(converter: cattrs.Converter) -> Callable[[Dataset], dict[str, Any]]:
    def unstructure_dataset(dataset: Dataset) -> dict[str, Any]:
        document: dict[str, Any] = {"schema": SCHEMA}
        for name, _, _ in COLLECTIONS:
            document[name] = [converter.unstructure(record) for record in getattr(dataset, name)]
        return document

    return unstructure_dataset


def _is_record_class(tp: Any) -> bool:
    return attrs.has(tp) and tp is not Dataset and tp is not PartialDate


def configure_converter(converter: cattrs.Converter) -> None:
    """Install every hook of antq's wire format on *converter*, as cattrs' preconf do.

    Strict types, NFC text, ISO dates, vocabulary values, defaults omitted, unknown keys
    refused, and the whole ``antq/1`` document (``structure(doc, Dataset)`` checks its
    ``schema``). Most callers want :func:`make_converter`, or just :func:`load` and
    :func:`dump`.
    """
    # cattrs dispatches these by class (singledispatch) before anything else, so the
    # Vocab hook must be registered the same way to win over str for StrEnums.
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(Vocab, _structure_vocab)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_structure_hook(PartialDate, _structure_partial_date)
    converter.register_structure_hook_func(
        lambda tp: tp == (dt.date | PartialDate), _structure_some_date
    )
    converter.register_structure_hook_func(
        lambda tp: tp == (dt.date | PartialDate | None), _structure_some_date_or_none
    )
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook)
    converter.register_structure_hook_factory(_is_record_class, _attrs_hook)
    converter.register_structure_hook(Dataset, _dataset_hook(converter))
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_unstructure_hook(Vocab, _unstructure_vocab)
    converter.register_unstructure_hook(PartialDate, str)
    converter.register_unstructure_hook_factory(
        _is_record_class,
        lambda cls, conv: make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True),
    )
    converter.register_unstructure_hook(Dataset, _dataset_writer(converter))


def make_converter(**options: Any) -> cattrs.Converter:
    """A new converter of antq's wire format (see :func:`configure_converter`).

    *options* go to ``cattrs.Converter`` (antq's defaults: ``forbid_extra_keys=True``,
    ``detailed_validation=True``).
    """
    settings: dict[str, Any] = {"forbid_extra_keys": True, "detailed_validation": True}
    converter = cattrs.Converter(**{**settings, **options})
    configure_converter(converter)
    return converter


_CONVERTER: Final = make_converter()
_ENCODE: Final = msgspec.json.Encoder().encode


# ------------------------------------------------------------ errors into problems


def _join(path: str, key: str) -> str:
    return (
        f"{path}.{key}" if _KEY.fullmatch(key) else f"{path}[{json.dumps(key, ensure_ascii=False)}]"
    )


def _note_path(exc: BaseException, path: str) -> str:
    """Extend *path* by the attribute or index note cattrs attached to *exc*."""
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return _join(path, note.name)
        if isinstance(note, IterableValidationNote):
            return f"{path}[{note.index}]"
    return path


def _problems(exc: BaseException, path: str = "$", line: int | None = None) -> list[Problem]:
    """Flatten cattrs' exception groups into problems with JSON paths."""
    if isinstance(exc, ClassValidationError | IterableValidationError):
        found: list[Problem] = []
        for sub in exc.exceptions:
            found.extend(_problems(sub, _note_path(sub, path), line))
        return found
    if isinstance(exc, ForbiddenExtraKeysError):
        return [
            _problem(_join(path, key), "load.unknown_key", line) for key in sorted(exc.extra_fields)
        ]
    if isinstance(exc, KeyError):
        return [_problem(path, "load.missing_key", line)]
    if isinstance(exc, InvalidValueError):
        return [
            Problem(_join(path, e.field), e.why.code, e.why.params, line) for e in (exc, *exc.also)
        ]
    if isinstance(exc, DuplicateIdError):
        return [
            _problem(
                d.paths[-1],
                "load.duplicate_id_at",
                line,
                kind=record_noun(d.kind),
                id=repr(d.id),
                first=d.paths[0],
            )
            for d in exc.duplicates
        ]
    if isinstance(exc, _MismatchError):
        return [Problem(path, exc.message.code, exc.message.params, line)]
    # A failure no hook words (none is known): kept, with what it said, after antq's words.
    return [_problem(path, "load.unexpected", line, detail=f"{type(exc).__name__}: {exc}")]


def _problem(path: str, code: str, line: int | None = None, **params: object) -> Problem:
    return Problem(path, code, params, line)


def structure(data: Any, cls: type[_T], *, source: str | None = None) -> _T:
    """Build an antq object of type *cls* from JSON-like *data* (dicts, lists, scalars).

    Raises:
        LoadError: listing every problem with its path.
    """
    try:
        return _CONVERTER.structure(data, cls)
    except Exception as exc:
        raise LoadError(_problems(exc), source) from None


def unstructure(obj: Any) -> Any:
    """Turn an antq object into JSON-ready dicts, lists and scalars (defaults omitted)."""
    return _CONVERTER.unstructure(obj)


# --------------------------------------------------------------------- JSON text


class _DuplicateKeys(dict[str, Any]):
    """An object in which some key appeared more than once."""

    duplicated: list[str]


def _pairs_hook(seen: list[bool]) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    def make_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        seen[0] = True
        keys = [key for key, _ in pairs]
        flagged = _DuplicateKeys(pairs)
        flagged.duplicated = sorted({key for key in keys if keys.count(key) > 1})
        return flagged

    return make_object


def _duplicate_key_problems(value: Any, path: str, line: int | None) -> Iterator[Problem]:
    if isinstance(value, dict):
        for key in getattr(value, "duplicated", ()):
            yield _problem(_join(path, key), "load.duplicate_key", line)
        for key, item in value.items():
            yield from _duplicate_key_problems(item, _join(path, key), line)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _duplicate_key_problems(item, f"{path}[{index}]", line)


def _decode_json(text: str | bytes, line: int | None) -> tuple[Any, list[Problem]]:
    """Parse JSON strictly; return the value and any duplicate-key problems.

    Raises:
        LoadError: the text is not UTF-8 or not JSON.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise LoadError([_problem("$", "load.not_utf8", line, offset=exc.start)]) from None
    text = text.removeprefix("\ufeff")
    seen = [False]
    try:
        value = json.loads(
            text,
            object_pairs_hook=_pairs_hook(seen),
            parse_constant=_no_constant,
            parse_int=_parse_int,
        )
    except json.JSONDecodeError as exc:
        raise LoadError([_json_problem("$", exc, line, whole=line is None)]) from None
    except _MismatchError as exc:
        raise LoadError([Problem("$", exc.message.code, exc.message.params, line)]) from None
    except RecursionError:
        raise LoadError([_problem("$", "load.too_deep", line)]) from None
    problems = list(_duplicate_key_problems(value, "$", line)) if seen[0] else []
    return value, problems


def _json_problem(
    path: str, exc: json.JSONDecodeError, line: int | None, *, whole: bool
) -> Problem:
    """The decoder's complaint, after antq's words (its line only for a whole document)."""
    if whole:
        return _problem(
            path, "load.not_json", line, row=exc.lineno, column=exc.colno, detail=exc.msg
        )
    return _problem(path, "load.not_json_column", line, column=exc.colno, detail=exc.msg)


def _no_constant(name: str) -> Any:
    raise _MismatchError("load.not_a_json_number", name=name)


def _path(source: str | os.PathLike[str]) -> Path:
    """*source* as a file's path; a str that cannot be one is a LoadError, not a crash.

    A str with a line break or a NUL byte is text given where a path belongs (pathlib
    would raise a bare ValueError on the NUL): :func:`loads` reads text.
    """
    if isinstance(source, str) and ("\x00" in source or "\n" in source):
        raise LoadError([_problem("$", "load.text_is_not_a_path")])
    return Path(source)


def _read(source: PathOrFile) -> tuple[bytes, str | None]:
    """The bytes of a path or a binary file, and a name for it in messages."""
    if isinstance(source, str | os.PathLike):
        path = _path(source)
        return path.read_bytes(), str(path)
    data = source.read()
    if not isinstance(data, bytes):
        raise TypeError("antq reads binary files: open the file with 'rb'")
    name = getattr(source, "name", None)
    return data, name if isinstance(name, str) else None


def loads(text: str | bytes) -> Dataset:
    """Load an ``antq/1`` document from JSON text or UTF-8 bytes.

    Raises:
        LoadError: listing every problem with its path.
    """
    if not isinstance(text, str | bytes):
        raise TypeError(f"loads reads str or bytes, not {type(text).__name__}; load reads files")
    return _load_text(text, None)


def load(source: PathOrFile) -> Dataset:
    """Load an ``antq/1`` document from a file: its path, or the file opened in binary mode.

    A str is always a path (:func:`loads` reads text).

    Raises:
        LoadError: listing every problem with its path.
        OSError: the file cannot be read.
    """
    text, name = _read(source)
    return _load_text(text, name)


def _load_text(text: str | bytes, name: str | None) -> Dataset:
    data = _utf8(text)
    dataset = fast_load(data) if data is not None else None
    return dataset if dataset is not None else _strict_load(text, name)


def _utf8(text: str | bytes) -> bytes | None:
    if isinstance(text, bytes):
        return text.removeprefix(b"\xef\xbb\xbf")  # a BOM, as Windows editors write
    try:
        return text.removeprefix("\ufeff").encode()
    except UnicodeEncodeError:  # lone surrogates: only the strict path can say where
        return None


def _strict_load(text: str | bytes, name: str | None) -> Dataset:
    """The cattrs path: every check, every problem found and worded (see antq._wire)."""
    try:
        value, problems = _decode_json(text, None)
    except LoadError as exc:
        raise LoadError(exc.problems, name) from None
    try:
        dataset = _CONVERTER.structure(value, Dataset)
    except Exception as exc:
        problems.extend(_in_records(_problems(exc), value))
    if problems:
        raise LoadError(problems, name)
    return dataset


_IN_RECORD = re.compile(r"\$\.(\w+)\[(\d+)\]")


def _in_records(problems: list[Problem], document: object) -> list[Problem]:
    """*problems* naming the record each stands in (its kind and id, read from *document*)."""
    if not isinstance(document, dict):
        return problems
    named: list[Problem] = []
    for problem in problems:
        found = _IN_RECORD.match(problem.path)
        kind = _KIND_OF_COLLECTION.get(found[1]) if found else None
        items = document.get(found[1]) if found else None
        if (
            found is None
            or kind is None
            or not isinstance(items, list)
            or problem.code.startswith("load.duplicate_id")
        ):
            named.append(problem)
            continue
        item = items[int(found[2])] if int(found[2]) < len(items) else None
        id = item.get("id") if isinstance(item, dict) else None
        named.extend(_named([problem], kind, id))
    return named


def dumps(dataset: Dataset, *, indent: int | None = 2) -> str:
    """The ``antq/1`` JSON document for *dataset*: UTF-8 text, diacritics kept, final newline.

    Indented by *indent* spaces, or on one line without spaces when it is None. The
    text is the same as ``json.dumps(unstructure(dataset), ensure_ascii=False,
    indent=2)`` (or ``separators=(",", ":")``); msgspec writes it from Structs mirrored
    from antq's classes (see ``docs/performance.md``).
    """
    return _dump_bytes(dataset, indent).decode("utf-8") + "\n"


def _dump_bytes(dataset: Dataset, indent: int | None) -> bytes:
    try:
        return fast_dump(dataset, indent)
    except (msgspec.ValidationError, TypeError, ValueError):  # fields set to odd types
        encoded = _ENCODE(unstructure(dataset))
        return msgspec.json.format(encoded, indent=indent) if indent else encoded


def dump(dataset: Dataset, path: str | os.PathLike[str], *, indent: int | None = 2) -> None:
    """Write *dataset* to *path* as an ``antq/1`` JSON document, atomically (see :func:`dumps`)."""
    _atomic_write(path, [dumps(dataset, indent=indent)])


# -------------------------------------------------------------------- JSON Lines


def _jsonl_line(record: Record) -> str:
    body = {"type": _TYPE_OF_RECORD[type(record)], **_CONVERTER.unstructure(record)}
    return _ENCODE(body).decode("utf-8") + "\n"  # compact, as json.dumps(separators=(",", ":"))


def _iter_jsonl_lines(records: Dataset | Iterable[Record]) -> Iterator[str]:
    yield _HEADER + "\n"
    for record in records.records() if isinstance(records, Dataset) else records:
        yield _jsonl_line(record)


def dumps_jsonl(records: Dataset | Iterable[Record]) -> str:
    """JSON Lines text: a header ``{"schema": "antq/1"}``, then one record a line."""
    return "".join(_iter_jsonl_lines(records))


def dump_jsonl(records: Dataset | Iterable[Record], path: str | os.PathLike[str]) -> None:
    """Write records to *path* as JSON Lines, atomically, consuming *records* lazily."""
    _atomic_write(path, _iter_jsonl_lines(records))


LineSource = str | os.PathLike[str] | IO[bytes] | IO[str] | Iterable[str] | Iterable[bytes]
"""What the JSON Lines readers take: a file's path, an open file, or an iterable of lines.

A str is a path; :func:`loads_jsonl` reads JSON Lines text.
"""


def _lines(source: LineSource | bytes) -> Iterator[str | bytes]:
    # Only "\n" ends a JSON Lines line: str.splitlines would also cut at U+2028, U+2029,
    # U+0085 and others, which JSON strings may hold as they are.
    if isinstance(source, bytes):
        yield from source.split(b"\n")
    elif isinstance(source, str | os.PathLike):
        with _path(source).open("rb") as stream:
            yield from stream
    else:
        yield from source


def _source_name(source: object) -> str | None:
    if isinstance(source, str | os.PathLike):
        return str(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else None


def _jsonl_items(
    source: LineSource | bytes,
) -> Iterator[tuple[int, Record | None, list[Problem]]]:
    """Each non-blank line's record (None for a header), with its problems."""
    header_seen = False
    for number, raw in enumerate(_lines(source), start=1):
        if not raw.strip():
            continue
        fast = fast_record(raw) if header_seen else None
        if fast is not None:
            yield number, fast, []
            continue
        try:
            value, problems = _decode_json(raw, number)
        except LoadError as exc:
            yield number, None, list(exc.problems)
            continue
        if type(value) is not dict:
            expected = Message("json.object")
            yield (
                number,
                None,
                [_problem("$", "load.expected", number, expected=expected, got=_got(value))],
            )
            continue
        if "schema" in value:
            if value != {"schema": SCHEMA}:
                problems.append(_problem("$.schema", "load.header_line", number, header=_HEADER))
            header_seen = True
            yield number, None, problems
            continue
        if not header_seen:
            problems.append(_problem("$", "load.first_line", number, header=_HEADER))
            header_seen = True  # said once; go on checking the records
        body = dict(value)
        kind = body.pop("type", None)
        cls = _RECORD_OF_TYPE.get(kind) if type(kind) is str else None
        if cls is None:
            expected = Message("json.record_type", {"choices": ", ".join(_RECORD_OF_TYPE)})
            problem = _problem(
                "$.type", "load.expected", number, expected=expected, got=_shown(kind)
            )
            yield number, None, [*problems, problem]
            continue
        try:
            record: Record = _CONVERTER.structure(body, cls)
        except Exception as exc:
            found = _problems(exc, "$", number)
            yield number, None, [*problems, *_named(found, _KIND_OF_RECORD[cls], body.get("id"))]
            continue
        yield number, record, problems


def _named(problems: list[Problem], kind: EntityKind, id: object) -> list[Problem]:
    """*problems* naming the record they stand in, when it has a readable id."""
    if type(id) is not str or not id:
        return problems
    record = Message("where.record", {"kind": record_noun(kind), "id": repr(id)})
    return [attrs.evolve(problem, record=record) for problem in problems]


def iter_jsonl(source: LineSource) -> Iterator[Record]:
    """Read records lazily from a JSON Lines stream, one line at a time.

    Raises:
        LoadError: at the first bad line, listing that line's problems (records
            before it have been yielded already).
    """
    name = _source_name(source)
    for _, record, problems in _jsonl_items(source):
        if problems:
            raise LoadError(problems, name)
        if record is not None:
            yield record


def load_jsonl(source: LineSource) -> Dataset:
    """Read a whole JSON Lines stream into a dataset.

    Raises:
        LoadError: listing every problem of every line, with line numbers.
    """
    return _load_jsonl(source, _source_name(source))


def loads_jsonl(text: str | bytes) -> Dataset:
    """Read JSON Lines text (or UTF-8 bytes) into a dataset (see :func:`load_jsonl`)."""
    if not isinstance(text, str | bytes):
        raise TypeError(f"loads_jsonl reads str or bytes, not {type(text).__name__}")
    return _load_jsonl(text.split("\n") if isinstance(text, str) else text, None)


def _load_jsonl(source: LineSource | bytes, name: str | None) -> Dataset:
    problems: list[Problem] = []
    records: list[Record] = []
    first_line: dict[tuple[type[Record], str], int] = {}
    for number, record, line_problems in _jsonl_items(source):
        problems.extend(line_problems)
        if record is None:
            continue
        first = first_line.setdefault((type(record), record.id), number)
        if first != number:
            kind = _KIND_OF_RECORD[type(record)]
            problems.append(
                _problem(
                    "$.id",
                    "load.duplicate_id_on_line",
                    number,
                    kind=record_noun(kind),
                    id=repr(record.id),
                    first=first,
                )
            )
        records.append(record)
    if problems:
        raise LoadError(problems, name)
    return Dataset.from_records(records)


# ----------------------------------------------------------------------- writing


def _atomic_write(path: str | os.PathLike[str], chunks: Iterable[str]) -> None:
    """Write *chunks* to a temporary file beside *path*, then rename it over *path*."""
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:  # say what the user named, not the temporary file's name
        raise type(exc)(exc.errno, exc.strerror, str(path)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            for chunk in chunks:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            mode = target.stat().st_mode & 0o777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


# ------------------------------------------------------------------- awards CSV

#: The columns of the awards table, in order: one grant line per row.
AWARD_COLUMNS: Final = (
    "id",
    "event",
    "form",
    "issuer_office",
    "issuer_level",
    "issuer_locality",
    "issuer_official",
    "issuer_as_written",
    "recipient_kind",
    "count",
    "recipients",
    "presenter",
    "presenter_as_written",
    "decision",
    "decided_on",
    "presented_on",
    "reason",
    "sources",
)
_JSON_COLUMNS = frozenset({"recipients", "sources"})
_REQUIRED_COLUMNS = ("id", "form", "issuer_office", "issuer_level")
#: What a spreadsheet cell must not start with unquoted: it would run as a formula.
FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r", "'")
_INT: Final = Message("json.int")


def is_award_header(cells: Iterable[str]) -> bool:
    """Whether a table's first row is antq's own awards columns (a subset, with the issuer)."""
    names = {cell.strip() for cell in cells} - {""}
    return bool(names) and names <= set(AWARD_COLUMNS) and "issuer_office" in names


def _award_row(award: Award) -> list[str]:
    data = _CONVERTER.unstructure(award)
    data["recipient_kind"] = award.recipient_kind.value  # spelled out, even when the default
    issuer = data.pop("issuer")
    data.update({f"issuer_{key}": value for key, value in issuer.items()})
    row = []
    for column in AWARD_COLUMNS:
        value = data.get(column)
        if value is None or value == []:
            text = ""
        elif column in _JSON_COLUMNS:
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        else:
            text = str(value)
        # A leading quote keeps spreadsheets from running the cell as a formula; it is
        # also added before a quote that was there, so reading back strips exactly one.
        row.append("'" + text if text.startswith(FORMULA_START) else text)
    return row


def _award_rows(awards: Dataset | Iterable[Award], bom: bool) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(AWARD_COLUMNS)
    yield ("\ufeff" if bom else "") + buffer.getvalue()
    for award in awards.awards if isinstance(awards, Dataset) else awards:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(_award_row(award))
        yield buffer.getvalue()


def dumps_awards_csv(awards: Dataset | Iterable[Award], *, bom: bool = False) -> str:
    """The awards as a CSV table, one grant line per row (UTF-8; a BOM for Excel if *bom*).

    Cells that a spreadsheet would run as a formula (starting with ``= + - @``) are
    prefixed with ``'``; :func:`loads_awards_csv` removes it again.
    """
    return "".join(_award_rows(awards, bom))


def dump_awards_csv(
    awards: Dataset | Iterable[Award], path: str | os.PathLike[str], *, bom: bool = False
) -> None:
    """Write the awards CSV table to *path*, atomically."""
    _atomic_write(path, _award_rows(awards, bom))


def loads_awards_csv(text: str | bytes) -> Dataset:
    """Read an awards CSV table (as written by :func:`dumps_awards_csv`): a dataset of awards.

    Raises:
        LoadError: every problem, with the row's path (``$[2].count``) and CSV line.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise LoadError([_problem("$", "load.not_utf8", offset=exc.start)]) from None
    with _any_cell_length():
        return _read_table(text.removeprefix("\ufeff"))


@contextlib.contextmanager
def _any_cell_length() -> Iterator[None]:
    """The csv module's cell limit lifted while a table is read.

    antq's own tables hold cells of any length (a long reason, many sources).
    """
    limit = csv.field_size_limit(_LONGEST_CELL)
    try:
        yield
    finally:
        csv.field_size_limit(limit)


_LONGEST_CELL = 1 << 26  # 64 Mi characters: a cell the model's limits can fill, and more


def _read_table(text: str) -> Dataset:
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = _rows(reader)
    header = next(rows, None)
    if isinstance(header, Problem):
        raise LoadError([header])
    if header is None:
        raise LoadError([_problem("$", "load.csv.empty", 1)])
    problems = [
        _problem("$", "load.csv.unknown_column", 1, column=repr(column))
        for column in header
        if column not in AWARD_COLUMNS
    ]
    problems += [
        _problem("$", "load.csv.repeated_column", 1, column=repr(column), n=header.count(column))
        for column in dict.fromkeys(header)
        if header.count(column) > 1
    ]
    problems += [
        _problem("$", "load.csv.missing_column", 1, column=repr(column))
        for column in _REQUIRED_COLUMNS
        if column not in header
    ]
    if problems:
        raise LoadError(problems)
    awards: list[Award] = []
    first_line: dict[str, int] = {}
    for index, row in enumerate(rows):
        if isinstance(row, Problem):
            problems.append(attrs.evolve(row, path=f"$[{index}]"))
            break
        line = reader.line_num
        if len(row) != len(header):
            problems.append(
                _problem(f"$[{index}]", "load.csv.cells", line, n=len(row), m=len(header))
            )
            continue
        data, row_problems = _award_data(header, row, index, line)
        problems.extend(_named(row_problems, EntityKind.AWARD, data.get("id")))
        try:
            award = _CONVERTER.structure(data, Award)
        except Exception as exc:
            found = _named(_problems(exc, "$", line), EntityKind.AWARD, data.get("id"))
            problems.extend(attrs.evolve(p, path=_csv_path(p.path, index)) for p in found)
        else:
            first = first_line.setdefault(award.id, line)
            if first != line:
                problems.append(
                    _problem(
                        f"$[{index}].id",
                        "load.duplicate_id_on_line",
                        line,
                        kind=record_noun(EntityKind.AWARD),
                        id=repr(award.id),
                        first=first,
                    )
                )
            elif not row_problems:
                awards.append(award)
    if problems:
        raise LoadError(problems)
    return Dataset(awards=tuple(awards))


def _rows(reader: Any) -> Iterator[list[str] | Problem]:
    """The reader's rows; a row the csv module refuses ends them with its problem."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield _problem("$", "load.csv.not_a_row", reader.line_num, detail=str(exc))
            return
        yield row


def _award_data(
    header: list[str], row: list[str], index: int, line: int
) -> tuple[dict[str, Any], list[Problem]]:
    data: dict[str, Any] = {}
    issuer: dict[str, Any] = {}
    problems: list[Problem] = []
    for column, cell in zip(header, row, strict=True):
        if not cell:
            continue
        # antq's writer puts ' before a cell a spreadsheet would run (= + - @, or a ' of
        # its own): only that quote is removed; a clerk's "'Quyết định 12" stays as typed.
        value: Any = (
            cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell
        )
        if column == "count":
            if not value.isascii() or not value.isdigit():
                problems.append(
                    _problem(
                        f"$[{index}].count", "load.expected", line, expected=_INT, got=repr(cell)
                    )
                )
                continue
            if len(value) > _LONGEST_NUMBER:
                got = Message("json.long_number", {"digits": len(value)})
                problems.append(
                    _problem(f"$[{index}].count", "load.expected", line, expected=_INT, got=got)
                )
                continue
            value = int(value)
        elif column in _JSON_COLUMNS:
            try:
                value = json.loads(value, parse_int=_parse_int, parse_constant=_no_constant)
            except _MismatchError as exc:
                problems.append(
                    Problem(f"$[{index}].{column}", exc.message.code, exc.message.params, line)
                )
                continue
            except json.JSONDecodeError as exc:
                problems.append(_json_problem(f"$[{index}].{column}", exc, line, whole=False))
                continue
            except RecursionError:
                problems.append(_problem(f"$[{index}].{column}", "load.too_deep", line))
                continue
        if column.startswith("issuer_"):
            issuer[column.removeprefix("issuer_")] = value
        else:
            data[column] = value
    data["issuer"] = issuer
    return data, problems


def _csv_path(path: str, index: int) -> str:
    """Turn a path in an award (``$.issuer.level``) into its cell (``$[2].issuer_level``)."""
    inner = path.removeprefix("$")
    inner = inner.replace(".issuer.", ".issuer_", 1) if inner.startswith(".issuer.") else inner
    return f"$[{index}]{inner}"


def load_awards_csv(path: str | os.PathLike[str]) -> Dataset:
    """Read an awards CSV table from *path* (see :func:`loads_awards_csv`).

    Raises:
        LoadError: every problem of the table.
        OSError: the file cannot be read.
    """
    try:
        return loads_awards_csv(Path(path).read_bytes())
    except LoadError as exc:
        raise LoadError(exc.problems, str(path)) from None
