"""The antq command, through the real console script, on good and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import antq

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "data" / "dien_ngoc_2023.json"
ANTQ = str(Path(sys.executable).with_name("antq"))


def run(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [ANTQ, *args],
        input=stdin,
        capture_output=True,
        check=False,
        cwd=cwd,
    )
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    )


BAD_INPUTS = {
    "missing": None,
    "not-json.json": b"ngay hoi 12/8",
    "wrong-schema.json": b'{"schema": "antq/9"}',
    "empty.json": b"",
    "garbage.json": bytes(range(256)) * 4,
    "bad-award.json": b'{"schema": "antq/1", "awards": [{"id": "a", "form": "giay_khen", "count": "4"}]}',
}


@pytest.fixture(params=sorted(BAD_INPUTS))
def bad_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / str(request.param)
    content = BAD_INPUTS[request.param]
    if content is not None:
        path.write_bytes(content)
    return path


class TestBasics:
    """Version, help, python -m."""

    def test_version(self) -> None:
        result = run("--version")
        assert (result.returncode, result.stdout.strip()) == (0, f"antq {antq.__version__}")

    def test_python_m(self) -> None:
        result = subprocess.run(
            [sys.executable, "-m", "antq", "--version"], capture_output=True, text=True, check=False
        )
        assert result.stdout.strip() == f"antq {antq.__version__}"

    def test_bad_arguments_exit_2(self) -> None:
        result = run("tally", str(SEED), "--by", "tinh")
        assert result.returncode == 2
        assert result.stderr.startswith("antq: 'tinh' không phải là chiều thống kê hợp lệ")
        assert "Traceback" not in result.stderr


class TestBadInput:
    """Every command turns unusable input into exit 2 and one line a problem."""

    @pytest.mark.parametrize("command", ["validate", "tally", "report", "convert"])
    def test_unusable(self, command: str, bad_file: Path, tmp_path: Path) -> None:
        out = tmp_path / "out.jsonl"
        args = [command, str(bad_file)]
        if command == "convert":
            args.append(str(out))
        if command == "tally":
            args += ["--by", "form", "-o", str(out)]
        result = run(*args)
        assert result.returncode == 2, result.stderr
        assert result.stdout == ""
        assert "Traceback" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert lines
        assert all(line.startswith("antq: ") for line in lines)
        assert str(bad_file) in lines[0]
        assert not out.exists()

    def test_messages(self, tmp_path: Path) -> None:
        messages = {}
        for name, content in BAD_INPUTS.items():
            path = tmp_path / name
            if content is not None:
                path.write_bytes(content)
            messages[name] = (
                run("validate", "--lang", "en", str(path))
                .stderr.strip()
                .removeprefix(f"antq: {path}: ")
            )
        assert messages == {
            "missing": "no such file",
            "not-json.json": "$: not valid JSON (line 1, column 1): Expecting value",
            "wrong-schema.json": "$.schema: unsupported schema 'antq/9'; this antq reads 'antq/1'",
            "empty.json": "$: empty input",
            "garbage.json": "$: not UTF-8 text (bad byte at offset 128)",
            "bad-award.json": "$.awards[0].issuer (award 'a'): missing required key\n"
            f"antq: {tmp_path / 'bad-award.json'}: $.awards[0].count (award 'a'): "
            "expected int, got str",
        }

    def test_messages_in_vietnamese_by_default(self, tmp_path: Path) -> None:
        messages = {}
        for name in ("not-json.json", "wrong-schema.json", "garbage.json", "bad-award.json"):
            path = tmp_path / name
            path.write_bytes(BAD_INPUTS[name])  # type: ignore[arg-type]
            messages[name] = (
                run("validate", str(path)).stderr.strip().removeprefix(f"antq: {path}: ")
            )
        assert messages == {
            "not-json.json": "$: không phải JSON hợp lệ (dòng 1, cột 1): Expecting value",
            "wrong-schema.json": "$.schema: không hỗ trợ lược đồ 'antq/9'; "
            "phiên bản antq này đọc 'antq/1'",
            "garbage.json": "$: không phải văn bản UTF-8 (byte sai ở vị trí 128)",
            "bad-award.json": "$.awards[0].issuer (khen thưởng 'a'): thiếu khóa bắt buộc\n"
            f"antq: {tmp_path / 'bad-award.json'}: $.awards[0].count (khen thưởng 'a'): "
            "cần số nguyên, nhận được chuỗi",
        }

    def test_debug_shows_the_traceback(self, tmp_path: Path) -> None:
        result = run("--debug", "validate", str(tmp_path / "none.json"))
        assert result.returncode != 0
        assert "Traceback" in result.stderr


class TestValidate:
    """Exit 0 when clean, 1 at or above --fail-on; text or JSON; plugins when asked."""

    def test_seed(self) -> None:
        result = run("validate", str(SEED))
        assert result.returncode == 0
        assert result.stdout.splitlines()[-1] == "0 lỗi, 1 cảnh báo, 1 thông tin"

    def test_fail_on_warning(self) -> None:
        assert run("validate", str(SEED), "--fail-on", "warning").returncode == 1
        assert (
            run("validate", str(SEED), "--fail-on", "warning", "--ignore", "ANTQ4").returncode == 0
        )

    def test_json_and_english(self) -> None:
        result = run("validate", str(SEED), "--format", "json", "--lang", "en", "--select", "ANTQ5")
        data = json.loads(result.stdout)
        assert [f["code"] for f in data["findings"]] == ["ANTQ501"]
        assert data["findings"][0]["message"].startswith("recipient kind not stated")

    def test_errors_exit_1(self, tmp_path: Path) -> None:
        doc = json.loads(SEED.read_text(encoding="utf-8"))
        doc["awards"][2]["form"] = "bang_khen"
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        result = run("validate", str(path))
        assert result.returncode == 1
        assert "ANTQ301 [lỗi]" in result.stdout
        english = run("validate", "--lang", "en", str(path))
        assert "ANTQ301 [error]" in english.stdout
        assert english.stdout.splitlines()[-1] == "1 error, 1 warning, 1 info"

    def test_stdin(self) -> None:
        result = run("validate", "-", "--select", "ANTQ401", stdin=SEED.read_bytes())
        assert result.returncode == 0
        assert "ANTQ401" in result.stdout

    def test_plugins_named_but_missing(self) -> None:
        result = run("validate", str(SEED), "--plugins", "nothing-here")
        assert result.returncode == 2
        assert result.stderr.strip() == "antq: chưa cài gói quy tắc nào tên nothing-here"
        english = run("validate", str(SEED), "--plugins", "nothing-here", "--lang", "en")
        assert english.stderr.strip() == "antq: no rule pack named nothing-here is installed"


class TestTally:
    """Tables, CSV and JSON; filters; JSON Lines streamed."""

    def test_json(self) -> None:
        result = run(
            "tally", str(SEED), "--by", "form", "--by", "recipient_kind", "--format", "json"
        )
        data = json.loads(result.stdout)
        assert data["total"] == {"lines": 4, "recipients": 13, "at_least": False}
        assert data["rows"][0] == {
            "form": "bang_khen",
            "form_name": "Bằng khen",
            "recipient_kind": "individual",
            "recipient_kind_name": "cá nhân",
            "lines": 1,
            "recipients": 1,
            "at_least": False,
        }

    def test_where_with_labels(self) -> None:
        result = run(
            "tally", str(SEED), "--by", "office", "--where", "form=Giấy khen", "--format", "json"
        )
        assert json.loads(result.stdout)["total"]["recipients"] == 12

    def test_pivot_csv(self, tmp_path: Path) -> None:
        out = tmp_path / "pivot.csv"
        result = run(
            "tally",
            str(SEED),
            "--by",
            "form,recipient_kind",
            "--pivot",
            "--format",
            "csv",
            "--bom",
            "-o",
            str(out),
        )
        assert result.returncode == 0
        text = out.read_text(encoding="utf-8-sig")
        assert text.splitlines()[-1] == "Tổng cộng,4,7,2,13"

    def test_jsonl_stream_and_today(self, tmp_path: Path) -> None:
        stream = tmp_path / "seed.jsonl"
        antq.dump_jsonl(antq.load(SEED), stream)
        result = run("tally", str(stream), "--by", "province", "--today", "--format", "json")
        assert json.loads(result.stdout)["rows"] == [
            {
                "province": "da-nang",
                "province_name": "thành phố Đà Nẵng",
                "lines": 4,
                "recipients": 13,
                "at_least": False,
            }
        ]


class TestReportConvertSchema:
    """report prints what make demo shows; convert round-trips; schema is valid."""

    def test_report(self) -> None:
        result = run("report", str(SEED), "--lang", "en")
        assert result.returncode == 0
        assert result.stdout.endswith(
            "13 awards: 1 × certificate of merit, 12 × certificate of commendation; "
            "4 collectives, 7 individuals, 2 recipients of unstated kind.\n"
        )

    def test_convert_round_trip(self, tmp_path: Path) -> None:
        jsonl, back = tmp_path / "seed.jsonl", tmp_path / "back.json"
        assert run("convert", str(SEED), str(jsonl)).returncode == 0
        assert run("convert", str(jsonl), str(back)).returncode == 0
        assert back.read_text(encoding="utf-8") == SEED.read_text(encoding="utf-8")

    def test_convert_to_csv_notes_what_is_left_out(self, tmp_path: Path) -> None:
        table = tmp_path / "awards.csv"
        result = run("convert", str(SEED), str(table))
        assert result.returncode == 0
        assert (
            result.stderr.strip()
            == "antq: lưu ý: bảng khen thưởng chỉ chứa khen thưởng; 12 bản ghi khác không được ghi"
        )
        assert antq.load_awards_csv(table).awards == antq.load(SEED).awards

    def test_convert_to_stdout_needs_a_format(self) -> None:
        assert run("convert", str(SEED), "-").returncode == 2
        result = run("convert", str(SEED), "-", "--to", "jsonl")
        assert result.stdout.splitlines()[0] == '{"schema": "antq/1"}'

    def test_schema(self) -> None:
        document = json.loads(run("schema").stdout)
        assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        award = json.loads(run("schema", "--record", "award").stdout)
        assert award["$ref"] == "#/$defs/Award"


def test_console_script_is_installed() -> None:
    assert os.access(ANTQ, os.X_OK)


class TestProgress:
    """Long streams show a count on stderr, only when it is a terminal."""

    def test_progress_on_a_terminal(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import io

        from antq import cli

        class Terminal(io.StringIO):
            def isatty(self) -> bool:
                return True

        err = Terminal()
        monkeypatch.setattr(sys, "stderr", err)
        monkeypatch.setattr(cli, "_PROGRESS_EVERY", 2)
        records = list(antq.load(SEED).records())
        assert list(cli._progress(iter(records), "seed.jsonl", "en")) == records
        assert "\rseed.jsonl: 16 records.   " in err.getvalue()
        assert list(cli._progress(iter(records), "seed.jsonl", "vi")) == records
        assert "\rseed.jsonl: 16 bản ghi.   " in err.getvalue()

    def test_silent_otherwise(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import io

        from antq import cli

        err = io.StringIO()
        monkeypatch.setattr(sys, "stderr", err)
        monkeypatch.setattr(cli, "_PROGRESS_EVERY", 2)
        records = list(antq.load(SEED).records())
        assert list(cli._progress(iter(records), "seed.jsonl", "vi")) == records
        assert err.getvalue() == ""


class TestLargeValidation:
    """A long report ends with counts per code and severity; the listing can be capped."""

    def test_counts_per_code_and_a_cap(self, tmp_path: Path) -> None:
        doc = json.loads(SEED.read_text(encoding="utf-8"))
        doc["awards"] = [
            {**doc["awards"][1], "id": f"a{n}"}
            for n in range(30)  # 30 lines of unknown kind
        ]
        path = tmp_path / "many.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        result = run("validate", str(path), "--lang", "en", "--max-findings", "5")
        report = antq.validate(antq.load(path))
        by_code = report.counts_by_code()
        assert len(by_code) > 1
        assert len(report) > 30
        lines = result.stdout.splitlines()
        assert sum(": ANTQ" in line for line in lines) == 5
        assert f"… and {len(report) - 5} more findings (see the counts below)" in lines
        tail = ["Findings by code:", *(f"  {code}: {n}" for code, n in by_code.items())]
        assert lines[-len(by_code) - 2 : -1] == tail
        assert lines[-1] == report.to_text(lang="en").splitlines()[-1]
        data = json.loads(
            run("validate", str(path), "--format", "json", "--max-findings", "2").stdout
        )
        assert len(data["findings"]) == 2
        assert data["counts_by_code"] == by_code

    def test_json_format_covers_load_problems(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.json"
        path.write_text(
            '{"schema": "antq/1", "awards": [{"id": "a", "count": "x"}]}', encoding="utf-8"
        )
        result = run("validate", str(path), "--format", "json", "--lang", "en")
        assert result.returncode == 2
        data = json.loads(result.stdout)
        assert (data["ok"], data["loaded"], data["source"]) == (False, False, str(path))
        assert {p["code"] for p in data["problems"]} == {"load.missing_key", "load.expected"}
        count = next(p for p in data["problems"] if p["path"] == "$.awards[0].count")
        assert count == {
            "code": "load.expected",
            "message": "expected int, got str",
            "path": "$.awards[0].count",
            "line": None,
            "record": "award 'a'",
        }
