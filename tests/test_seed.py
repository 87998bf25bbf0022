"""The seed report as data: the JSON file, the Python example and the domain sheet agree."""

from __future__ import annotations

import collections
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

import antq
import dien_ngoc_2023
from antq import AwardForm, Dataset, Office, RecipientKind
from antq.text import fold

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "examples" / "data" / "dien_ngoc_2023.json"


@pytest.fixture(scope="module")
def seed() -> Dataset:
    return antq.load(DATA)


class TestSameFacts:
    """The JSON file and the Python example build the same dataset."""

    def test_json_equals_python(self, seed: Dataset) -> None:
        assert seed == dien_ngoc_2023.build()

    def test_no_dangling_references(self, seed: Dataset) -> None:
        assert seed.dangling_references() == []


class TestDomainSheet:
    """Section 2 of the domain sheet, fact by fact."""

    def test_localities(self, seed: Dataset) -> None:
        ward = seed.locality(antq.LocalityId("dien-ngoc"))
        town = seed.locality(ward.parent)  # type: ignore[arg-type]
        province = seed.locality(town.parent)  # type: ignore[arg-type]
        assert [(p.full_name, p.code) for p in (ward, town, province)] == [
            ("phường Điện Ngọc", "20563"),
            ("thị xã Điện Bàn", "507"),
            ("tỉnh Quảng Nam", "49"),
        ]
        (successor,) = ward.successors
        after = seed.locality(successor)
        assert (after.full_name, after.code) == ("phường Điện Bàn Đông", "20579")
        city = seed.locality(after.parent)  # type: ignore[arg-type]
        assert (city.full_name, city.code) == ("thành phố Đà Nẵng", "48")
        assert province.successors == (city.id,)
        assert not ward.alive_on(dt.date(2025, 7, 1))
        assert after.alive_on(dt.date(2025, 7, 1))

    def test_event(self, seed: Dataset) -> None:
        (event,) = seed.events
        assert event.kind is antq.EventKind.FESTIVAL
        assert event.held_on == dt.date(2023, 8, 12)
        assert event.part_of_day is antq.PartOfDay.EVENING
        assert event.is_pilot is True

    def test_officials_and_the_misattributed_quote(self, seed: Dataset) -> None:
        (event,) = seed.events
        (statement,) = event.statements
        speaker = seed.official(statement.speaker)  # type: ignore[arg-type]
        assert speaker.name == "Phan Quang Quốc Huy"
        assert statement.attribution == "ông Quang"
        assert fold(statement.attribution.split()[-1]) != fold(speaker.given_name)
        guests = [p for p in event.participants if p.role is antq.ParticipantRole.GUEST]
        assert [seed.official(p.official).display_name for p in guests if p.official] == [
            "bà Lê Thị Thủy"
        ]
        assert any(p.official is None and p.description for p in guests)

    def test_models(self, seed: Dataset) -> None:
        assert [m.name for m in seed.security_models] == [
            "Camera giám sát an ninh",
            "Phòng chống tội phạm qua mạng xã hội",
            "Khu nhà trọ an toàn về ANTT",
            "Tổ tuần tra nhân dân",
        ]

    def test_grant_lines_and_totals(self, seed: Dataset) -> None:
        lines = [
            (a.issuer.office, a.issuer.level.value, a.form, a.recipient_kind, a.count)
            for a in seed.awards
        ]
        assert lines == [
            (Office.CHU_TICH_UBND, "province", AwardForm.BANG_KHEN, RecipientKind.INDIVIDUAL, 1),
            (
                Office.GIAM_DOC_CONG_AN,
                "province",
                AwardForm.GIAY_KHEN,
                RecipientKind.UNSPECIFIED,
                2,
            ),
            (Office.CHU_TICH_UBND, "commune", AwardForm.GIAY_KHEN, RecipientKind.COLLECTIVE, 4),
            (Office.CHU_TICH_UBND, "commune", AwardForm.GIAY_KHEN, RecipientKind.INDIVIDUAL, 6),
        ]
        by_form: collections.Counter[AwardForm] = collections.Counter()
        by_kind: collections.Counter[RecipientKind] = collections.Counter()
        for award in seed.awards:
            assert award.count is not None
            by_form[award.form] += award.count
            by_kind[award.recipient_kind] += award.count
        assert sum(by_form.values()) == 13
        assert by_form == {AwardForm.BANG_KHEN: 1, AwardForm.GIAY_KHEN: 12}
        assert by_kind == {
            RecipientKind.COLLECTIVE: 4,
            RecipientKind.INDIVIDUAL: 7,
            RecipientKind.UNSPECIFIED: 2,
        }


class TestAgainstTheArticle:
    """Names and counts in the data are found in the article (read from ../shared)."""

    def test_names_appear(self, seed: Dataset, seed_text: str) -> None:
        written = [m.name for m in seed.security_models]
        written += [o.name for o in seed.officials]
        written += [a.issuer.as_written for a in seed.awards if a.issuer.as_written]
        written += ["Điện Ngọc", "Điện Bàn"]
        missing = [name for name in written if fold(name) not in fold(seed_text)]
        assert missing == []

    def test_counts_appear_zero_padded(self, seed: Dataset, seed_text: str) -> None:
        for award in seed.awards:
            assert f"{award.count:02d}" in seed_text

    def test_no_article_text_in_the_project(self, seed_text: str) -> None:
        sentences = [s.strip() for s in seed_text.replace("\n", ". ").split(". ") if len(s) > 60]
        project = "".join(
            p.read_text(encoding="utf-8")
            for folder in ("src", "examples", "docs", "tests")
            for p in (ROOT / folder).rglob("*")
            if p.suffix in {".py", ".json", ".md"}
        )
        assert [s for s in sentences if s in project] == []


def run_example(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run an example script as a user would, capturing its output."""
    command = [sys.executable, str(ROOT / "examples" / script), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


class TestDemo:
    """`make demo`'s job prints the summary of the bundled data."""

    def test_demo_prints_summary(self) -> None:
        result = run_example("demo.py")
        assert result.returncode == 0
        out = result.stdout
        assert "phường Điện Ngọc, thị xã Điện Bàn, tỉnh Quảng Nam" in out
        assert "tối 12/08/2023 · tổ chức điểm" in out
        assert "bà Lê Thị Thủy" in out
        assert 'văn bản ghi "ông Quang"' in out
        assert out.count("Giấy khen × ") == 3
        assert out.count("Bằng khen × 1 cá nhân") == 1
        assert "Mô hình (4):" in out

    def test_demo_english(self) -> None:
        result = run_example("demo.py", "--en")
        assert result.returncode == 0
        assert "certificate of merit × 1 individual" in result.stdout
        assert "Awards (4 lines):" in result.stdout

    def test_demo_bad_file_is_one_clear_message(self, tmp_path: Path) -> None:
        bad = tmp_path / "bad.json"
        bad.write_text('{"schema": "antq/1", "awards": [{"id": 1}]}', encoding="utf-8")
        result = run_example("demo.py", str(bad))
        assert result.returncode == 2
        assert result.stdout == ""
        assert "Traceback" not in result.stderr
        assert "$.awards[0].id: cần chuỗi, nhận được số nguyên" in result.stderr
        english = run_example("demo.py", str(bad), "--en")
        assert "$.awards[0].id: expected str, got int" in english.stderr

    def test_python_example_runs(self) -> None:
        result = run_example("dien_ngoc_2023.py")
        assert result.returncode == 0
        assert result.stdout == antq.summarize(dien_ngoc_2023.build())
