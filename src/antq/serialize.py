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
from typing import IO, Any, Final, TypeGuard, TypeVar, get_args, get_origin

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
from cattrs.gen import make_dict_structure_fn

from antq._wire import fast_dump, fast_load, fast_record
from antq.dataset import COLLECTIONS, Dataset
from antq.errors import Duplicate, DuplicateIdError, InvalidValueError, LoadError, Problem
from antq.model import Award, PartialDate, Record
from antq.text import nfc
from antq.vocab import Vocab

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

SCHEMA: Final = "antq/1"
"""The document format this version of antq reads and writes."""

_T = TypeVar("_T")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_HEADER: Final = f'{{"schema": "{SCHEMA}"}}'
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TYPE_OF_RECORD: dict[type[Record], str] = {cls: kind.value for _, kind, cls in COLLECTIONS}
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

Source = str | bytes | os.PathLike[str]
"""What the loaders read: JSON text (a str starting with ``{``), bytes, or a path."""


class _MismatchError(TypeError):
    """A JSON value of the wrong type or form; the message is the whole explanation."""


def _got(value: object) -> str:
    if isinstance(value, _LongNumber):
        return f"a number of {len(value.lstrip('-')):,} digits"
    for cls in type(value).__mro__:
        if cls in _JSON_TYPE:
            return _JSON_TYPE[cls]
    return type(value).__name__


def _expect(expected: str, value: object) -> _MismatchError:
    return _MismatchError(f"expected {expected}, got {_got(value)}")


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
        raise _expect("str", value)
    return nfc(value)


def _structure_int(value: object, _: object) -> int:
    if type(value) is not int:
        raise _expect("int", value)
    return value


def _structure_bool(value: object, _: object) -> bool:
    if type(value) is not bool:
        raise _expect("bool", value)
    return value


def _parse_date(value: object) -> dt.date:
    if type(value) is not str or not _DATE.fullmatch(value):
        raise _MismatchError(f"expected a date YYYY-MM-DD, got {_shown(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise _MismatchError(f"no such date {value!r}: {exc}") from None


def _structure_date(value: object, _: object) -> dt.date:
    return _parse_date(value)


def _structure_partial_date(value: object, _: object) -> PartialDate:
    if type(value) is not str:
        raise _MismatchError(f"expected a partial date YYYY, YYYY-MM or --MM-DD, got {_got(value)}")
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        raise _MismatchError(str(exc)) from None


def _structure_some_date(value: object, _: object) -> dt.date | PartialDate:
    if type(value) is str and _DATE.fullmatch(value):
        return _parse_date(value)
    try:
        return _structure_partial_date(value, PartialDate)
    except _MismatchError:
        expected = "a date YYYY-MM-DD or a partial date YYYY, YYYY-MM, --MM-DD"
        raise _MismatchError(f"expected {expected}, got {_shown(value)}") from None


def _structure_some_date_or_none(value: object, _: object) -> dt.date | PartialDate | None:
    return None if value is None else _structure_some_date(value, None)


def _shown(value: object) -> str:
    return repr(value) if type(value) is str else _got(value)


@functools.cache
def _members(cls: type[Vocab]) -> tuple[dict[str, Vocab], str]:
    return {member.value: member for member in cls}, ", ".join(member.value for member in cls)


def _structure_vocab(value: object, cls: type[Vocab]) -> Vocab:
    members, values = _members(cls)
    if type(value) is not str:
        raise _expect(f"a {cls.__name__} value", value)
    member = members.get(value)
    if member is not None:
        return member
    hint = ""
    with contextlib.suppress(ValueError):
        hint = f" (did you mean {cls.from_label(value).value!r}?)"
    raise _MismatchError(f"{value!r} is not a {cls.__name__}{hint}; expected one of: {values}")


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
            raise _expect("array", value)
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
            raise _expect("object", value)
        return inner(value, cls)

    return structure_object


def _structure_dataset(value: object, _: object) -> Dataset:
    if not isinstance(value, dict):
        raise _expect("object", value)
    body = dict(value)
    schema = body.pop("schema", None)
    errors: list[Exception] = []
    if schema != SCHEMA:
        if schema is None:
            problem = _MismatchError(f"missing required key (a document starts with {_HEADER})")
        else:
            problem = _MismatchError(f"unsupported schema {schema!r}; this antq reads {SCHEMA!r}")
        problem.__notes__ = [AttributeValidationNote("@ attribute schema", "schema", str)]
        errors.append(problem)
    try:
        dataset: Dataset = _DATASET_BODY(body, Dataset)
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
            Duplicate(kind.value, id_, tuple(where))
            for id_, where in paths.items()
            if len(where) > 1
        )
    return [DuplicateIdError(duplicates)] if duplicates else []


# -------------------------------------------------------------- unstructure hooks


def _unstructure_vocab(member: Vocab) -> str:
    return member._value_


def _unstructure_dataset(dataset: Dataset) -> dict[str, Any]:
    document: dict[str, Any] = {"schema": SCHEMA}
    for name, _, _ in COLLECTIONS:
        document[name] = [_CONVERTER.unstructure(record) for record in getattr(dataset, name)]
    return document


def configure_converter(converter: cattrs.Converter) -> None:
    """Install antq's strict hooks on *converter* (a fresh ``cattrs.Converter``).

    Use this to build on antq's wire format in your own converter; most callers want
    :func:`make_converter` or just :func:`load` and :func:`dump`.
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
    converter.register_structure_hook_factory(
        lambda tp: attrs.has(tp) and tp is not Dataset and tp is not PartialDate, _attrs_hook
    )
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_unstructure_hook(Vocab, _unstructure_vocab)
    converter.register_unstructure_hook(PartialDate, str)


def make_converter() -> cattrs.Converter:
    """A new strict converter for antq's classes (dates ISO 8601, defaults omitted)."""
    converter = cattrs.Converter(
        omit_if_default=True, forbid_extra_keys=True, detailed_validation=True
    )
    configure_converter(converter)
    return converter


_CONVERTER: Final = make_converter()
_ENCODE: Final = msgspec.json.Encoder().encode
_DATASET_BODY: Final = make_dict_structure_fn(
    Dataset, _CONVERTER, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
)
_CONVERTER.register_structure_hook(Dataset, _structure_dataset)
_CONVERTER.register_unstructure_hook(Dataset, _unstructure_dataset)


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
        return [Problem(_join(path, key), "unknown key", line) for key in sorted(exc.extra_fields)]
    if isinstance(exc, KeyError):
        return [Problem(path, "missing required key", line)]
    if isinstance(exc, InvalidValueError):
        return [Problem(_join(path, e.field), e.reason, line) for e in (exc, *exc.also)]
    if isinstance(exc, DuplicateIdError):
        return [
            Problem(d.paths[-1], f"duplicate {d.kind} id {d.id!r} (first at {d.paths[0]})", line)
            for d in exc.duplicates
        ]
    if isinstance(exc, _MismatchError):
        return [Problem(path, str(exc), line)]
    return [Problem(path, f"{type(exc).__name__}: {exc}", line)]


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
            yield Problem(_join(path, key), "duplicate key (JSON keeps only the last value)", line)
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
            message = f"not UTF-8 text (bad byte at offset {exc.start})"
            raise LoadError([Problem("$", message, line)]) from None
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
        where = f"line {exc.lineno}, column {exc.colno}" if line is None else f"column {exc.colno}"
        raise LoadError([Problem("$", f"not valid JSON: {exc.msg} ({where})", line)]) from None
    except _MismatchError as exc:
        raise LoadError([Problem("$", str(exc), line)]) from None
    except RecursionError:
        raise LoadError([Problem("$", _TOO_DEEP, line)]) from None
    problems = list(_duplicate_key_problems(value, "$", line)) if seen[0] else []
    return value, problems


_TOO_DEEP: Final = "JSON nested too deeply to read"


def _no_constant(name: str) -> Any:
    raise _MismatchError(f"not valid JSON: {name} is not a JSON number")


def _is_text(source: object) -> TypeGuard[str]:
    """Tell JSON text from a path: JSON text starts with ``{`` (after a BOM or spaces)."""
    return isinstance(source, str) and source.lstrip("\ufeff \t\r\n").startswith("{")


def _path(source: str | os.PathLike[str]) -> Path:
    """*source* as a file's path; a str that cannot be one is a LoadError, not a crash.

    A str that does not start with ``{`` is taken for a path, so JSON text with a stray
    character before it, or any text with a line break or a NUL byte in it, would reach
    the file system as a name (pathlib raises a bare ValueError on a NUL).
    """
    if isinstance(source, str) and ("\x00" in source or "\n" in source):
        raise LoadError([Problem("$", _NOT_TEXT_NOR_PATH)])
    return Path(source)


_NOT_TEXT_NOR_PATH = "neither JSON text (which starts with '{') nor a file's path"


def _read(source: Source) -> tuple[str | bytes, str | None]:
    """The text of *source* and a name for it in messages."""
    if isinstance(source, bytes):
        return source, None
    if _is_text(source):
        return source, None
    path = _path(source)
    return path.read_bytes(), str(path)


def loads(text: str | bytes) -> Dataset:
    """Load an ``antq/1`` document from JSON text or UTF-8 bytes.

    Raises:
        LoadError: listing every problem with its path.
    """
    return _load_text(text, None)


def load(source: Source) -> Dataset:
    """Load an ``antq/1`` document from a path, JSON text (a str starting with ``{``) or bytes.

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
        problems.extend(_problems(exc))
    if problems:
        raise LoadError(problems, name)
    return dataset


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


LineSource = Source | Iterable[str] | Iterable[bytes] | IO[str] | IO[bytes]
"""What the JSON Lines readers take: a path, JSONL text or bytes, or an iterable of lines."""


def _lines(source: LineSource) -> Iterator[str | bytes]:
    # Only "\n" ends a JSON Lines line: str.splitlines would also cut at U+2028, U+2029,
    # U+0085 and others, which JSON strings may hold as they are.
    if isinstance(source, bytes):
        yield from source.split(b"\n")
    elif _is_text(source):
        yield from source.split("\n")
    elif isinstance(source, str | os.PathLike):
        with _path(source).open("rb") as stream:
            yield from stream
    else:
        yield from source


def _jsonl_items(source: LineSource) -> Iterator[tuple[int, Record | None, list[Problem]]]:
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
            yield number, None, [Problem("$", f"expected object, got {_got(value)}", number)]
            continue
        if "schema" in value:
            if value != {"schema": SCHEMA}:
                msg = f"a header line is exactly {_HEADER}"
                problems.append(Problem("$.schema", msg, number))
            header_seen = True
            yield number, None, problems
            continue
        if not header_seen:
            problems.append(Problem("$", f"the first line must be {_HEADER}", number))
            header_seen = True  # said once; go on checking the records
        body = dict(value)
        kind = body.pop("type", None)
        cls = _RECORD_OF_TYPE.get(kind) if type(kind) is str else None
        if cls is None:
            expected = ", ".join(_RECORD_OF_TYPE)
            msg = f"expected a record type ({expected}), got {_shown(kind)}"
            yield number, None, [*problems, Problem("$.type", msg, number)]
            continue
        try:
            record: Record = _CONVERTER.structure(body, cls)
        except Exception as exc:
            yield number, None, [*problems, *_problems(exc, "$", number)]
            continue
        yield number, record, problems


def iter_jsonl(source: LineSource) -> Iterator[Record]:
    """Read records lazily from a JSON Lines stream, one line at a time.

    Raises:
        LoadError: at the first bad line, listing that line's problems (records
            before it have been yielded already).
    """
    name = str(source) if isinstance(source, os.PathLike) else None
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
    name = str(source) if isinstance(source, os.PathLike) else None
    problems: list[Problem] = []
    records: list[Record] = []
    first_line: dict[tuple[type[Record], str], int] = {}
    for number, record, line_problems in _jsonl_items(source):
        problems.extend(line_problems)
        if record is None:
            continue
        first = first_line.setdefault((type(record), record.id), number)
        if first != number:
            kind = _TYPE_OF_RECORD[type(record)]
            msg = f"duplicate {kind} id {record.id!r} (first on line {first})"
            problems.append(Problem("$.id", msg, number))
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
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


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
        row.append("'" + text if text.startswith(_FORMULA_START) else text)
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


def loads_awards_csv(text: str | bytes) -> list[Award]:
    """Read an awards CSV table (as written by :func:`dumps_awards_csv`).

    Raises:
        LoadError: every problem, with the row's path (``$[2].count``) and CSV line.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            message = f"not UTF-8 text (bad byte at offset {exc.start})"
            raise LoadError([Problem("$", message)]) from None
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


def _read_table(text: str) -> list[Award]:
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = _rows(reader)
    header = next(rows, None)
    if isinstance(header, Problem):
        raise LoadError([header])
    if header is None:
        raise LoadError([Problem("$", "empty: expected a header row", 1)])
    problems = [
        Problem("$", f"unknown column {column!r}", 1)
        for column in header
        if column not in AWARD_COLUMNS
    ]
    problems += [
        Problem("$", f"column {column!r} is written {header.count(column)} times", 1)
        for column in dict.fromkeys(header)
        if header.count(column) > 1
    ]
    problems += [
        Problem("$", f"missing column {column!r}", 1)
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
                Problem(f"$[{index}]", f"has {len(row)} cells, the header {len(header)}", line)
            )
            continue
        data, row_problems = _award_data(header, row, index, line)
        problems.extend(row_problems)
        try:
            award = _CONVERTER.structure(data, Award)
        except Exception as exc:
            problems.extend(
                attrs.evolve(problem, path=_csv_path(problem.path, index))
                for problem in _problems(exc, "$", line)
            )
        else:
            first = first_line.setdefault(award.id, line)
            if first != line:
                message = f"duplicate award id {award.id!r} (first on line {first})"
                problems.append(Problem(f"$[{index}].id", message, line))
            elif not row_problems:
                awards.append(award)
    if problems:
        raise LoadError(problems)
    return awards


def _rows(reader: Any) -> Iterator[list[str] | Problem]:
    """The reader's rows; a row the csv module refuses ends them with its problem."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Problem("$", f"not a CSV row: {exc}", reader.line_num)
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
            cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_START) else cell
        )
        if column == "count":
            if not value.isascii() or not value.isdigit():
                problems.append(Problem(f"$[{index}].count", f"expected int, got {cell!r}", line))
                continue
            if len(value) > _LONGEST_NUMBER:
                message = f"expected int, got a number of {len(value):,} digits"
                problems.append(Problem(f"$[{index}].count", message, line))
                continue
            value = int(value)
        elif column in _JSON_COLUMNS:
            try:
                value = json.loads(value, parse_int=_parse_int, parse_constant=_no_constant)
            except _MismatchError as exc:
                problems.append(Problem(f"$[{index}].{column}", str(exc), line))
                continue
            except json.JSONDecodeError as exc:
                message = f"not valid JSON: {exc.msg} (column {exc.colno})"
                problems.append(Problem(f"$[{index}].{column}", message, line))
                continue
            except RecursionError:
                problems.append(Problem(f"$[{index}].{column}", _TOO_DEEP, line))
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


def load_awards_csv(path: str | os.PathLike[str]) -> list[Award]:
    """Read an awards CSV table from *path* (see :func:`loads_awards_csv`).

    Raises:
        LoadError: every problem of the table.
        OSError: the file cannot be read.
    """
    try:
        return loads_awards_csv(Path(path).read_bytes())
    except LoadError as exc:
        raise LoadError(exc.problems, str(path)) from None
