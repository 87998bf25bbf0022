"""Regression tests for the defects the fuzzers found (issue 15), one class each."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import antq
from antq._wire import _key_count

SEED = antq.load("examples/data/dien_ngoc_2023.json")

# Every way JSON writes a character inside a string: itself, a short escape, \uXXXX.
_SHORT = {
    '"': '\\"',
    "\\": "\\\\",
    "/": "\\/",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
}
_CHARS = [*':{}[],"\\/ abc\n\tđ', "\u2028"]


@st.composite
def json_strings(draw: st.DrawFn) -> str:
    """A JSON string literal whose characters are written every way JSON allows."""
    chars = draw(st.lists(st.sampled_from(_CHARS), max_size=12))
    out = []
    for ch in chars:
        way = draw(st.integers(0, 2))
        if way == 1 and ch in _SHORT:
            out.append(_SHORT[ch])
        elif way == 2 or ch in _SHORT:
            code = f"{ord(ch):04x}"
            out.append("\\u" + (code.upper() if draw(st.booleans()) else code))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _award_with(written: str, repeat_count: bool) -> str:
    """The seed's first grant line as JSON, its reason written as *written*."""
    award = antq.unstructure(SEED.awards[0])
    award["reason"] = "@"
    body = json.dumps(award, ensure_ascii=False).replace('"@"', written)
    if repeat_count:
        body = body.replace('"count": ', '"count": 5, "count": ', 1)
    return '{"schema": "antq/1", "awards": [' + body + "]}"


class TestDuplicateKeys:
    """1. A key read twice is found whatever escapes the strings hold."""

    @settings(max_examples=300, deadline=None)
    @given(strings=st.lists(json_strings(), min_size=1, max_size=4), twice=st.booleans())
    def test_colons_count_the_keys_read(self, strings: list[str], twice: bool) -> None:
        """The input's colons, escaped ones included, equal the re-encoded text's exactly
        when no key is read twice: the invariant the fast loader relies on."""
        parts = ", ".join(f'"k{n}": {s}' for n, s in enumerate(strings))
        text = "{" + parts + (', "k0": 1' if twice else "") + "}"
        again = json.dumps(json.loads(text), ensure_ascii=False).encode()
        assert (_key_count(text.encode()) == again.count(b":")) is (not twice)

    @settings(max_examples=100, deadline=None)
    @given(written=json_strings(), twice=st.booleans())
    def test_a_repeated_key_is_an_error(self, written: str, twice: bool) -> None:
        text = _award_with(written, twice)
        reason = json.loads(written)
        if twice:
            with pytest.raises(antq.LoadError, match="duplicate key"):
                antq.loads(text)
        elif reason and reason == reason.strip():
            assert antq.loads(text).awards[0].reason == reason

    def test_the_reproducer(self) -> None:
        text = _award_with('"x\\u003a"', repeat_count=True)
        with pytest.raises(antq.LoadError, match="duplicate key"):
            antq.loads(text)


ANTQ = str(Path(sys.executable).with_name("antq"))
DOC = antq.dumps(SEED)
LINES = antq.dumps_jsonl(SEED)
TABLE = antq.dumps_awards_csv(SEED)


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ANTQ, *args], input=stdin, capture_output=True, text=True, check=False)


class TestLongNumbers:
    """2. Integers past any field's reach are problems with their path; counts are bounded."""

    def test_a_document(self) -> None:
        text = DOC.replace('"count": 6', '"count": ' + "9" * 5000)
        with pytest.raises(antq.LoadError) as caught:
            antq.loads(text)
        assert str(caught.value).endswith(
            "$.awards[3].count (award 'dien-ngoc-2023-4'): expected int, got a number of 5,000 digits"
        )
        assert "một số có 5,000 chữ số" in caught.value.describe(lang="vi")

    def test_a_stream_and_a_table(self) -> None:
        with pytest.raises(
            antq.LoadError,
            match=r"line \d+: \$.count \(award '[\w-]+'\): expected int, got a number",
        ):
            antq.loads_jsonl(LINES.replace('"count":6', '"count":' + "9" * 5000))
        with pytest.raises(
            antq.LoadError, match=r"\$\[3\].count \(award '[\w-]+'\): expected int, got a number"
        ):
            antq.loads_awards_csv(TABLE.replace(",6,", "," + "9" * 5000 + ","))

    def test_plausible_limits(self) -> None:
        with pytest.raises(antq.LoadError, match="must be at most 10,000,000"):
            antq.loads(DOC.replace('"count": 6', f'"count": {10**12}'))
        with pytest.raises(antq.InvalidValueError, match="at most 100,000 characters"):
            attrs.evolve(SEED.awards[0], reason="x" * 100_001)


class TestLongCells:
    """3. antq reads back its own table, whatever the length of a cell."""

    def test_a_long_json_cell(self) -> None:
        sources = (
            antq.Source(locator="a", note="y" * 70_000),
            antq.Source(locator="b", note="z" * 70_000),
        )
        awards = [attrs.evolve(SEED.awards[0], sources=sources)]
        assert antq.loads_awards_csv(antq.dumps_awards_csv(awards)).awards == tuple(awards)


class TestDeepNesting:
    """4. A line nested a thousand deep is a problem of that line, exit 2, not a crash."""

    def test_the_command(self, tmp_path: Path) -> None:
        path = tmp_path / "deep.jsonl"
        path.write_text(
            '{"schema":"antq/1"}\n{"type":"award","id":' + "[" * 1000 + "]" * 1000 + "}\n"
        )
        result = run("tally", str(path), "--by", "form", "--lang", "en")
        assert result.returncode == 2
        assert result.stderr.strip().endswith("line 2: $: JSON nested too deeply to read")


class TestSurrogates:
    """5. A lone surrogate is refused on load, with its path."""

    def test_refused(self) -> None:
        with pytest.raises(antq.LoadError) as caught:
            antq.loads(DOC.replace('"Điện Ngọc"', '"\\ud800"'))
        assert str(caught.value).endswith("holds a lone surrogate (U+D800), not text")
        assert "$.localities[" in str(caught.value)


class TestLineSeparators:
    """6. U+2028, U+2029 and U+0085 inside strings do not cut a JSON Lines line."""

    @pytest.mark.parametrize("char", ["\u2028", "\u2029", "\u0085", "\x1c", "\x1d", "\x1e"])
    def test_round_trip(self, char: str) -> None:
        awards = (attrs.evolve(SEED.awards[0], reason=f"a{char}b"), *SEED.awards[1:])
        dataset = attrs.evolve(SEED, awards=awards)
        assert antq.loads_jsonl(antq.dumps_jsonl(dataset)) == dataset


class TestExitCodes:
    """7. A tally without --by is its total; an internal bug is exit 3, not 2."""

    def test_a_tally_without_dimensions(self) -> None:
        result = run("tally", "examples/data/dien_ngoc_2023.json", "--lang", "en")
        assert result.returncode == 0
        assert result.stdout.splitlines()[-1].split() == ["Total", "4", "13"]

    def test_internal_errors_are_3(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from antq import cli

        def broken(*_: object, **__: object) -> None:
            raise ValueError("a bug")

        monkeypatch.setattr(cli, "tally", broken)
        assert cli.main(["tally", "examples/data/dien_ngoc_2023.json", "--by", "form"]) == 3

    def test_a_bad_dimension_is_2(self) -> None:
        result = run("tally", "examples/data/dien_ngoc_2023.json", "--by", "nope")
        assert result.returncode == 2
        assert "'nope' không phải là chiều thống kê hợp lệ" in result.stderr


class TestAsciiDigits:
    """8. Partial dates, like full ones, take ASCII digits only."""

    @pytest.mark.parametrize("text", ["٢٠٢٣", "２０２３", "--٠٨-١٢"])
    def test_refused(self, text: str) -> None:
        with pytest.raises(ValueError, match="expected YYYY"):
            antq.PartialDate.parse(text)


class TestCsvTables:
    """9, 10, 16. Columns written twice, duplicate ids, and the clerk's leading quote."""

    def test_a_column_twice(self) -> None:
        header, rest = TABLE.split("\r\n", 1)
        with pytest.raises(antq.LoadError, match="line 1: \\$: column 'count' is written 2 times"):
            antq.loads_awards_csv(header + ",count\r\n" + rest.replace("\r\n", ",\r\n"))

    def test_a_duplicate_id(self) -> None:
        rows = TABLE.splitlines()
        with pytest.raises(antq.LoadError) as caught:
            antq.loads_awards_csv("\r\n".join([*rows, rows[1]]) + "\r\n")
        (problem,) = caught.value.problems
        assert (problem.path, problem.line) == ("$[4].id", 6)
        assert problem.message == "duplicate award id 'dien-ngoc-2023-1' (first on line 2)"

    def test_a_quote_the_clerk_typed_stays(self) -> None:
        rows = list(csv.reader(io.StringIO(TABLE)))
        rows[4][rows[0].index("decision")] = "'Quyết định 12"  # typed by hand
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        assert antq.loads_awards_csv(buffer.getvalue()).awards[3].decision == "'Quyết định 12"
        written = antq.dumps_awards_csv([attrs.evolve(SEED.awards[3], decision="=1+1")])
        assert antq.loads_awards_csv(written).awards[0].decision == "=1+1"  # antq's own quote goes


class TestPivotNames:
    """11. Tally.pivot takes dimensions by name, as tally() does."""

    def test_names(self) -> None:
        counted = antq.tally(SEED, ["form", "recipient_kind"])
        assert counted.pivot("form", "recipient_kind") == counted.pivot(
            antq.Dim.FORM, antq.Dim.RECIPIENT_KIND
        )
        with pytest.raises(ValueError, match="not a dimension of this tally"):
            counted.pivot("form", "year")


class TestOutputs:
    """12, 13. Unknown output names are refused; a failed write names the user's path."""

    def test_unknown_extension(self, tmp_path: Path) -> None:
        result = run("convert", "examples/data/dien_ngoc_2023.json", str(tmp_path / "x.ods"))
        assert result.returncode == 2
        assert "x.ods: antq ghi các tệp .csv, .json, .jsonl, .ndjson, .xlsx" in result.stderr
        assert not (tmp_path / "x.ods").exists()

    def test_the_path_given(self, tmp_path: Path) -> None:
        target = tmp_path / "missing" / "out.json"
        result = run("convert", "examples/data/dien_ngoc_2023.json", str(target))
        assert result.stderr.strip() == f"antq: {target}: không có tệp này"
        result = run(
            "convert",
            "examples/data/dien_ngoc_2023.json",
            str(tmp_path),
            "--to",
            "json",
            "--lang",
            "en",
        )
        assert result.stderr.strip() == f"antq: {tmp_path}: is a directory"


class TestSelect:
    """14. A prefix that matches no rule is an error, not a silent pass."""

    def test_unknown_prefix(self) -> None:
        result = run("validate", "examples/data/dien_ngoc_2023.json", "--select", "antq4")
        assert result.returncode == 2
        assert "'antq4' không khớp mã quy tắc nào; các mã bắt đầu bằng ANTQ1" in result.stderr
        english = run(
            "validate", "examples/data/dien_ngoc_2023.json", "--select", "antq4", "--lang", "en"
        )
        assert "'antq4' matches no rule code; codes start with ANTQ1" in english.stderr


class TestEveryProblem:
    """15. Every failed check of every object is listed at once."""

    def test_one_round(self) -> None:
        document = json.loads(DOC)
        award = document["awards"][0]
        award.update(id=" x", count=0, reason=" r ")
        document["awards"][1]["count"] = -3
        with pytest.raises(antq.LoadError) as caught:
            antq.loads(json.dumps(document))
        assert [p.path for p in caught.value.problems] == [
            "$.awards[0].id",
            "$.awards[0].count",
            "$.awards[0].reason",
            "$.awards[1].count",
        ]


class TestStdinSniffing:
    """16. A JSON array on standard input is read as JSON."""

    def test_array(self) -> None:
        result = run("validate", "-", "--lang", "en", stdin="[1,2]")
        assert result.returncode == 2
        assert result.stderr.strip() == "antq: <stdin>: $: expected object, got array"


class TestInvisible:
    """17. Ids refuse invisible characters; a rule warns of them in text."""

    @pytest.mark.parametrize("char", ["\u200b", "\u200f", "\u202e", "\x00", "\ufeff"])
    def test_ids(self, char: str) -> None:
        with pytest.raises(antq.InvalidValueError, match="invisible character"):
            attrs.evolve(SEED.awards[0], id=antq.AwardId("a" + char))

    def test_text(self) -> None:
        awards = (attrs.evolve(SEED.awards[0], reason="Quyết định\u200b 12"), *SEED.awards[1:])
        report = antq.validate(attrs.evolve(SEED, awards=awards))
        (finding,) = [f for f in report if f.code == "ANTQ110"]
        assert finding.path == "$.awards[0].reason"


class TestDebugFlag:
    """18. --debug is taken after the command too."""

    def test_after(self) -> None:
        result = run(
            "validate", "examples/data/dien_ngoc_2023.json", "--debug", "--select", "ANTQ4"
        )
        assert result.returncode == 0


class TestTallyFilters:
    """Issue 16: tally(where=...) reads labels as the command does; an unknown one is an error."""

    def test_labels(self) -> None:
        by_label = antq.tally(SEED, where={"form": "Bằng khen"})
        assert by_label == antq.tally(SEED, where={"form": antq.AwardForm.BANG_KHEN})
        assert by_label.total.recipients == 1
        assert antq.tally(SEED, where={"form": {"giay_khen", "Bằng khen"}}).total.recipients == 13

    def test_unknown(self) -> None:
        with pytest.raises(antq.UnknownLabelError, match="expected one of: Huân chương"):
            antq.tally(SEED, where={"form": "Huy hiệu"})


class TestCodesAreNfc:
    """Found by the differential test: a residential unit's code in NFD loaded two ways."""

    def test_both_paths_store_the_code_in_nfc(self) -> None:
        import json
        import unicodedata

        from antq.serialize import _strict_load

        code = unicodedata.normalize("NFD", "â")
        doc = {
            "schema": "antq/1",
            "localities": [{"id": "t", "name": "A", "unit_type": "thon", "code": code}],
        }
        text = json.dumps(doc)
        assert antq.loads(text) == _strict_load(text, None)
        assert antq.loads(text).localities[0].code == "â"
        with pytest.raises(antq.InvalidValueError, match="NFC"):
            antq.Locality(
                id=antq.LocalityId("t"), name="A", unit_type=antq.UnitType.THON, code=code
            )
