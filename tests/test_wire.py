"""The fast load path (antq._wire) against the strict cattrs path: same objects, same errors.

Documents come from antq.testing, written in several JSON styles, then damaged in one
of many ways (wrong types, unknown and duplicate keys, bad text, bad dates, ...). For
each, ``antq.loads`` must give exactly what the strict path alone gives, and whenever
the fast path accepts a document the strict path must accept it too, equal.
"""

from __future__ import annotations

import copy
import json
import unicodedata
import unittest.mock
from pathlib import Path
from typing import Any

import attrs
import msgspec
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import antq
from antq import CATALOGUE, Dataset, LoadError, Message, model
from antq._wire import fast_dump, fast_load, fast_record
from antq.errors import InvalidValueError
from antq.serialize import _strict_load
from antq.testing import datasets
from antq.validators import Checked, checks_of

DIFFERENTIAL = settings(max_examples=300, deadline=None)
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "data" / "dien_ngoc_2023.json"


class Pairs(list[tuple[str, Any]]):
    """A JSON object as written: keys in order, repeats allowed."""


def to_pairs(value: Any) -> Any:
    if isinstance(value, dict):
        return Pairs((key, to_pairs(item)) for key, item in value.items())
    if isinstance(value, list):
        return [to_pairs(item) for item in value]
    return value


def write(value: Any, style: str) -> str:
    """JSON text for *value* in one of several styles a user's tools might produce."""
    colon, comma = {"compact": (":", ","), "spaced": (" : ", " , ")}.get(style, (": ", ", "))
    ascii_only = style == "ascii"
    if isinstance(value, Pairs):
        return (
            "{"
            + comma.join(
                json.dumps(key, ensure_ascii=ascii_only) + colon + write(item, style)
                for key, item in value
            )
            + "}"
        )
    if isinstance(value, list):
        return "[" + comma.join(write(item, style) for item in value) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


def objects(value: Any, path: str = "$") -> list[tuple[str, Pairs]]:
    """Every object in *value* with its path, outermost first."""
    found: list[tuple[str, Pairs]] = []
    if isinstance(value, Pairs):
        found.append((path, value))
        for key, item in value:
            found.extend(objects(item, f"{path}.{key}"))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(objects(item, f"{path}[{index}]"))
    return found


def outcome(load: Any, text: str) -> Any:
    """The dataset *load* gives, or the problems it reports."""
    try:
        return load(text)
    except LoadError as exc:
        return [str(problem) for problem in exc.problems]


BAD_VALUES = st.sampled_from(
    [
        None,
        0,
        -1,
        1.5,
        True,
        "",
        " ",
        " lề",
        "lề ",
        "a b",
        "e\u0301",
        "Tha\u0300nh",
        "2023-02-30",
        "2023",
        "--08-12",
        "2023-13",
        "20230812",
        "giay_khen",
        "Giấy khen",
        [],
        ["x"],
        {},
        {"year": 2023},
        "\u00a0x",
        "x\u3000",
        'nói ":" rồi',
        "\\",
        10**30,
    ]
)


@st.composite
def damaged(draw: st.DrawFn) -> str:
    """A generated dataset's JSON, damaged (or not) in one drawn way, in a drawn style."""
    dataset = draw(datasets(max_records=5))
    document = to_pairs(json.loads(antq.dumps(dataset)))
    targets = objects(document)
    _, target = draw(st.sampled_from(targets))
    kind = draw(
        st.sampled_from(
            ["none", "set", "unknown", "duplicate", "drop", "default", "schema", "copy", "nfd"]
        )
    )
    if kind == "set" and target:
        index = draw(st.integers(0, len(target) - 1))
        target[index] = (target[index][0], draw(BAD_VALUES))
    elif kind == "unknown":
        target.append((draw(st.sampled_from(["extra", "Id", "title", "note", "kind"])), 1))
    elif kind == "duplicate" and target:
        key, value = draw(st.sampled_from(list(target)))
        target.append((key, draw(st.sampled_from([value, copy.deepcopy(value), "khác", 2]))))
    elif kind == "drop" and target:
        del target[draw(st.integers(0, len(target) - 1))]
    elif kind == "default":
        key, value = draw(
            st.sampled_from([("sources", []), ("title", None), ("note", None), ("successors", [])])
        )
        if key not in dict(target):
            target.append((key, value))
    elif kind == "nfd":
        texts = [
            (pairs, index)
            for _, pairs in targets
            for index, (_, value) in enumerate(pairs)
            if isinstance(value, str) and unicodedata.normalize("NFD", value) != value
        ]
        if texts:
            pairs, index = draw(st.sampled_from(texts))
            key, value = pairs[index]
            pairs[index] = (key, unicodedata.normalize("NFD", value))
    elif kind == "schema":
        document[0] = ("schema", draw(st.sampled_from(["antq/2", None, 1, "ANTQ/1"])))
    elif kind == "copy":
        for _, records in document:
            if isinstance(records, list) and records:
                records.append(copy.deepcopy(records[0]))
                break
    style = draw(st.sampled_from(["indented", "compact", "spaced", "ascii"]))
    return write(document, style)


class TestSameResults:
    @DIFFERENTIAL
    @given(damaged())
    def test_load_equals_the_strict_path(self, text: str) -> None:
        strict = outcome(lambda t: _strict_load(t, None), text)
        assert outcome(antq.loads, text) == strict
        fast = fast_load(text.encode())
        if fast is not None:
            assert isinstance(strict, Dataset)
            assert fast == strict

    @settings(max_examples=200, deadline=None)
    @given(datasets(), st.sampled_from(["indented", "compact", "spaced", "ascii"]))
    def test_canonical_documents_take_the_fast_path(self, dataset: Dataset, style: str) -> None:
        text = (
            antq.dumps(dataset)
            if style == "indented"
            else write(to_pairs(json.loads(antq.dumps(dataset))), style)
        )
        fast = fast_load(text.encode())
        assert fast is not None
        assert fast == dataset == _strict_load(text, None)
        assert [type(r) for r in fast.awards] == [type(r) for r in dataset.awards]

    def test_one_schema_name(self) -> None:
        from antq import _wire, dataset

        # Defined once, in antq.dataset; the loaders and the fast path import that one.
        assert vars(_wire)["SCHEMA"] is dataset.SCHEMA is antq.serialize.SCHEMA is antq.SCHEMA

    def test_example_document(self) -> None:
        from pathlib import Path

        data = (
            Path(__file__).parents[1] / "examples" / "data" / "dien_ngoc_2023.json"
        ).read_bytes()
        assert fast_load(data) == _strict_load(data, None)
        assert fast_load(data) is not None

    @pytest.mark.parametrize(
        ("text", "why"),
        [
            ('{"schema": "antq/1", "schema": "antq/1"}', "duplicate key"),
            ('{"schema": "antq/1", "localities": [], "x": 1}', "unknown key"),
            (
                '{"schema": "antq/1", "events": [{"id": "e", "kind": "festival", '
                '"locality": "p", "held_on": {"year": 2023}}]}',
                "object as a date",
            ),
            (
                '{"schema": "antq/1", "events": [{"id": "e", "kind": "festival", '
                '"locality": "p", "title": null}]}',
                "explicit default",
            ),
        ],
    )
    def test_declines(self, text: str, why: str) -> None:
        assert fast_load(text.encode()) is None, why

    def test_a_byte_order_mark_keeps_the_fast_path(self, monkeypatch: pytest.MonkeyPatch) -> None:
        data = EXAMPLE.read_bytes()

        def no_strict(text: object, name: object) -> Dataset:
            raise AssertionError("the strict path ran")

        monkeypatch.setattr("antq.serialize._strict_load", no_strict)
        expected = antq.loads(data)
        assert antq.loads(b"\xef\xbb\xbf" + data) == expected
        assert antq.loads("\ufeff" + data.decode()) == expected

    def test_partial_dates_are_fast(self) -> None:
        text = (
            '{"schema": "antq/1", "events": [{"id": "e", "kind": "festival", '
            '"locality": "p", "held_on": "--08-12"}, {"id": "f", "kind": "festival", '
            '"locality": "p", "held_on": "2023-08"}]}'
        )
        fast = fast_load(text.encode())
        assert fast is not None
        assert [e.held_on for e in fast.events] == [
            model.PartialDate(month=8, day=12),
            model.PartialDate(year=2023, month=8),
        ]


# ------------------------------------------------------ compiled checks vs validators

CHECKED = [
    cls
    for cls in vars(model).values()
    if isinstance(cls, type) and issubclass(cls, Checked) and cls is not Checked
]
VALUES = st.one_of(
    st.none(),
    st.integers(-3, 3),
    st.booleans(),
    st.text(alphabet="aăbê \t\u00a0\u0301\u0300Đđ-_:.", max_size=6),
    st.text(alphabet="aăbê \t\u00a0\u0301", max_size=4).map(
        lambda t: unicodedata.normalize("NFD", t)
    ),
    st.lists(st.text(alphabet="ab \u0301", max_size=3), max_size=2).map(tuple),
)


def interpreted(record: Any) -> tuple[str, str] | None:
    """Run the declared checks one by one, as attrs validators would: the first error."""
    try:
        for field in attrs.fields(type(record)):
            for check in checks_of(field):
                check(record, field, getattr(record, field.name))
        whole = getattr(record, "_check_whole", None)
        if whole is not None:
            whole()
    except InvalidValueError as exc:
        return exc.field, exc.reason
    return None


def compiled(record: Any) -> tuple[str, str] | None:
    try:
        type(record).__attrs_post_init__(record)
    except InvalidValueError as exc:
        return exc.field, exc.reason
    return None


@st.composite
def unchecked_records(draw: st.DrawFn) -> Any:
    """An instance of a checked class with arbitrary field values, built without checks."""
    cls = draw(st.sampled_from(CHECKED))
    record = object.__new__(cls)
    for field in attrs.fields(cls):  # type: ignore[arg-type]
        object.__setattr__(record, field.name, draw(VALUES))
    return record


class TestCompiledChecks:
    def test_every_record_class_is_checked(self) -> None:
        names = {cls.__name__ for cls in CHECKED}
        assert {"Locality", "Event", "SecurityModel", "Official", "Award", "Source"} <= names

    @settings(max_examples=1000, deadline=None)
    @given(unchecked_records())
    def test_same_verdict_as_the_validators(self, record: Any) -> None:
        try:
            expected = interpreted(record)
        except Exception as exc:  # a validator meeting a value of the wrong type
            assume(False)
            raise AssertionError from exc
        try:
            assert compiled(record) == expected
        except (TypeError, AttributeError):  # same wrong-type value, same non-check error
            pytest.fail("compiled check failed where the validators did not")


class TestDump:
    @settings(max_examples=200, deadline=None)
    @given(datasets(), st.sampled_from([None, 2, 4]))
    def test_same_bytes_as_the_cattrs_writer(self, dataset: Dataset, indent: int | None) -> None:
        encoded = msgspec.json.encode(antq.unstructure(dataset))
        expected = msgspec.json.format(encoded, indent=indent) if indent else encoded
        assert fast_dump(dataset, indent) == expected
        text = antq.dumps(dataset, indent=indent)
        assert text == expected.decode() + "\n"
        assert antq.loads(text) == dataset

    def test_compact_is_what_json_writes(self) -> None:
        dataset = antq.load(EXAMPLE)
        compact = antq.dumps(dataset, indent=None)
        assert "\n" not in compact.rstrip("\n")
        as_json = json.dumps(antq.unstructure(dataset), ensure_ascii=False, separators=(",", ":"))
        assert compact == as_json + "\n"

    def test_plain_strings_for_vocabulary_are_written_alike(self) -> None:
        # attrs does not check types: a str where a vocabulary member belongs still writes.
        dataset = antq.load(EXAMPLE)
        award = dataset.awards[0]
        plain = attrs.evolve(award, form=str(award.form.value))  # type: ignore[arg-type]
        assert type(plain.form) is str
        changed = attrs.evolve(dataset, awards=(plain, *dataset.awards[1:]))
        assert antq.dumps(changed) == antq.dumps(dataset)

    def test_falls_back_to_the_cattrs_writer(self, monkeypatch: pytest.MonkeyPatch) -> None:
        dataset = antq.load(EXAMPLE)
        expected = antq.dumps(dataset)

        def refuse(dataset: Dataset, indent: int | None) -> bytes:
            raise TypeError("a value msgspec cannot write")

        monkeypatch.setattr("antq.serialize.fast_dump", refuse)
        assert antq.dumps(dataset) == expected


@st.composite
def damaged_lines(draw: st.DrawFn) -> str:
    """A generated dataset as JSON Lines, one record line damaged (or not) in a drawn way."""
    dataset = draw(datasets(max_records=5))
    lines = antq.dumps_jsonl(dataset).splitlines()
    if len(lines) > 1:
        index = draw(st.integers(1, len(lines) - 1))
        record = to_pairs(json.loads(lines[index]))
        _, target = draw(st.sampled_from(objects(record)))
        kind = draw(st.sampled_from(["none", "set", "unknown", "duplicate", "drop", "type"]))
        if kind == "set" and target:
            position = draw(st.integers(0, len(target) - 1))
            target[position] = (target[position][0], draw(BAD_VALUES))
        elif kind == "unknown":
            target.append(("extra", 1))
        elif kind == "duplicate" and target:
            key, value = draw(st.sampled_from(list(target)))
            target.append((key, value))
        elif kind == "drop" and target:
            del target[draw(st.integers(0, len(target) - 1))]
        elif kind == "type":
            record[0] = ("type", draw(st.sampled_from(["awards", "Award", "dataset", 3])))
        lines[index] = write(record, draw(st.sampled_from(["compact", "spaced", "ascii"])))
    return "\n".join(lines) + "\n"


class TestJsonLines:
    @DIFFERENTIAL
    @given(damaged_lines())
    def test_same_results_as_the_strict_path(self, text: str) -> None:
        fast = outcome(antq.load_jsonl, text)
        with unittest.mock.patch("antq.serialize.fast_record", return_value=None):
            strict = outcome(antq.load_jsonl, text)
        assert fast == strict

    @settings(max_examples=100, deadline=None)
    @given(datasets())
    def test_records_take_the_fast_path(self, dataset: Dataset) -> None:
        for line in antq.dumps_jsonl(dataset).splitlines()[1:]:
            record = fast_record(line)
            assert record is not None
            assert record == fast_record(line.encode())
        assert antq.loads_jsonl(antq.dumps_jsonl(dataset)) == dataset


def load_error(load: Any, text: str) -> LoadError | None:
    """The error *load* raises on *text*, or None when it loads."""
    try:
        load(text)
    except LoadError as exc:
        return exc
    return None


class TestVietnameseMessages:
    """Load problems read in Vietnamese too: every problem the loaders give has a code."""

    @settings(max_examples=300, deadline=None)
    @given(damaged())
    def test_every_document_problem_translates(self, text: str) -> None:
        error = load_error(antq.loads, text)
        if error is not None:
            assert [p.code for p in error.problems if p.code not in CATALOGUE] == []
            assert error.describe(lang="vi").startswith("không đọc được")

    @settings(max_examples=150, deadline=None)
    @given(damaged_lines())
    def test_every_stream_problem_translates(self, text: str) -> None:
        error = load_error(antq.loads_jsonl, text)
        if error is not None:
            assert [p.code for p in error.problems if p.code not in CATALOGUE] == []
            assert all(p.describe(lang="vi").startswith("dòng ") for p in error.problems)

    @pytest.mark.parametrize(
        ("message", "english", "vietnamese"),
        [
            (
                Message(
                    "load.expected", {"expected": Message("json.int"), "got": Message("json.str")}
                ),
                "expected int, got str",
                "cần số nguyên, nhận được chuỗi",
            ),
            (Message("load.unknown_key"), "unknown key", "khóa không có trong định dạng"),
            (
                Message(
                    "load.duplicate_id_at",
                    {"kind": Message("record.award"), "id": "'a1'", "first": "$.awards[0]"},
                ),
                "duplicate award id 'a1' (first at $.awards[0])",
                "mã định danh khen thưởng 'a1' bị trùng (lần đầu ở $.awards[0])",
            ),
            (
                Message(
                    "load.no_such_date",
                    {"value": "'2023-02-30'", "why": Message("load.date.day_out_of_range")},
                ),
                "no such date '2023-02-30': day is out of range for month",
                "không có ngày '2023-02-30': tháng đó không có ngày này",
            ),
            (
                Message("check.code_digits", {"level": Message("level.commune"), "digits": 5}),
                "a commune code is 5 digits, zero-padded",
                "mã cấp xã gồm 5 chữ số (thêm số 0 ở đầu)",
            ),
            (Message("check.at_least", {"minimum": 1}), "must be at least 1", "phải từ 1 trở lên"),
        ],
    )
    def test_exact_forms(self, message: Message, english: str, vietnamese: str) -> None:
        assert (message.text(lang="en"), message.text(lang="vi")) == (english, vietnamese)

    def test_describe(self) -> None:
        expected = {"expected": Message("json.int"), "got": Message("json.str")}
        error = LoadError(
            [antq.Problem("$.awards[0].count", "load.expected", expected, 3)], "grants.jsonl"
        )
        assert (
            str(error)
            == "cannot load in grants.jsonl: line 3: $.awards[0].count: expected int, got str"
        )
        assert error.describe(lang="vi") == (
            "không đọc được grants.jsonl: dòng 3: $.awards[0].count: cần số nguyên, nhận được chuỗi"
        )
        assert error.describe(lang="vi") == error.describe()  # Vietnamese by default
        with pytest.raises(ValueError, match="no messages in 'fr'"):
            error.describe(lang="fr")  # type: ignore[arg-type]

    def test_unknown_codes_are_shown_as_they_are(self) -> None:
        assert "something new" not in CATALOGUE
        assert antq.Problem("$", "something new").describe(lang="vi") == "$: something new"
        problem = antq.Problem("$", "mine.code", {"n": 3})
        assert problem.describe(lang="en") == "$: mine.code (n=3)"
