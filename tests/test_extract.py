"""Reading reports into data: the seed, the development corpus, and any input at all."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import antq
from antq import RecipientKind
from antq.extractor import extract
from antq.extractor.corpus import score
from antq.model import PartialDate

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
# The development corpus's last recorded scores, less 0.02 (see docs/extract.md).
DEV_FLOORS = {"awards": 0.87, "officials": 0.97, "models": 0.94, "dates": 0.90}
ANTQ = str(Path(sys.executable).with_name("antq"))


class TestSeed:
    """The seed article gives exactly the four grant lines and the 'ông Quang' warning."""

    def test_grant_lines(self, seed_text: str) -> None:
        result = extract(seed_text, year=2023)
        lines = [(a.issuer, a.form, a.recipient_kind, a.count) for a in result.awards]
        assert lines == [
            ("UBND tỉnh", "Bằng khen", RecipientKind.INDIVIDUAL, 1),
            ("Giám đốc Công an tỉnh", "Giấy khen", RecipientKind.UNSPECIFIED, 2),
            ("Chủ tịch UBND phường", "Giấy khen", RecipientKind.COLLECTIVE, 4),
            ("Chủ tịch UBND phường", "Giấy khen", RecipientKind.INDIVIDUAL, 6),
        ]
        counted = antq.tally(result.dataset, ["form", "recipient_kind"])
        assert counted.total.recipients == 13

    def test_spans_point_into_the_text(self, seed_text: str) -> None:
        result = extract(seed_text, year=2023)
        for award in result.awards:
            start, end = award.span
            assert result.text[start:end].strip() == award.text
        for person in result.officials:
            assert person.name in result.text[person.span[0] : person.span[1]]

    def test_event_people_models(self, seed_text: str) -> None:
        result = extract(seed_text, year=2023)
        assert (result.event_kind, str(result.event_date), result.part_of_day) == (
            "festival",
            "2023-08-12",  # the year is the festival's: "ngày hội ... năm 2023"
            "evening",
        )
        assert result.is_pilot is True
        assert result.commune == "phường Điện Ngọc"
        assert [(o.name, o.honorific and o.honorific.label) for o in result.officials] == [
            ("Lê Thị Thủy", "bà"),
            ("Phan Quang Quốc Huy", "ông"),
        ]
        assert len(result.models) == 4
        assert result.dataset.events[0].held_on == dt.date(2023, 8, 12)

    def test_the_attribution_warning(self, seed_text: str) -> None:
        warnings = [
            f
            for f in extract(seed_text, year=2023, validate=True).report or ()
            if f.code == "ANTQ401"
        ]
        assert len(warnings) == 1
        assert "'ông Quang'" in warnings[0].message


def row(award: dict[str, Any]) -> tuple[str, object, object, object]:
    """An award row as the acceptance scoring compares it: the issuer by its fold key."""
    return (
        antq.fold(award["issuer"] or ""),
        award["form"],
        award["recipient_kind"],
        award["count"],
    )


@pytest.fixture(scope="module")
def reports() -> list[dict[str, Any]]:
    """The development corpus, read from ../shared."""
    if not CORPUS.exists():
        pytest.skip(f"no development corpus at {CORPUS}")
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.json"))]


class TestCorpus:
    """On the development corpus: spans are exact substrings, and scores are recorded."""

    def test_annotation_format(self, reports: list[dict[str, Any]]) -> None:
        for gold in reports:
            got = extract(str(gold["text"])).annotation()
            assert set(got) == {"event", "officials", "models", "awards"}
            for award in got["awards"]:
                assert award["text_span"] in gold["text"]

    def test_no_regression_on_the_dev_set(self, reports: list[dict[str, Any]]) -> None:
        """A floor under the dev corpus's scores (measured, not asserted per report).

        The floors are the scores last recorded in docs/extract.md, less a margin: they
        catch a change that breaks reading in general, and say nothing of unseen text.
        """
        result = score(reports)
        assert result.fields["awards"].f1 >= DEV_FLOORS["awards"]
        assert result.fields["officials"].f1 >= DEV_FLOORS["officials"]
        assert result.fields["models"].f1 >= DEV_FLOORS["models"]
        assert result.dates / result.reports >= DEV_FLOORS["dates"]


CHALLENGE = ROOT / "tests" / "data" / "extract_challenge"


def test_the_challenge_set_scores() -> None:
    """Reports written for antq in the genre's hard cases, annotated like the corpus."""
    script = ROOT / "scripts" / "eval_extract.py"
    result = subprocess.run(
        [sys.executable, str(script), str(CHALLENGE)], capture_output=True, text=True, check=True
    )
    scores = {
        line.split()[0]: float(line.split()[3])
        for line in result.stdout.splitlines()
        if line.split()[:1] in (["awards"], ["officials"], ["models"])
    }
    assert scores["awards"] >= 0.9
    assert scores["officials"] >= 0.9
    assert scores["models"] >= 0.8
    for gold in map(json.loads, map(Path.read_text, sorted(CHALLENGE.glob("*.json")))):
        for award in gold["awards"]:
            assert award["text_span"] in gold["text"]


class TestDetails:
    """Presenters other than the issuer, and ranks before names."""

    def test_presenter(self) -> None:
        text = (
            "Sáng 17-8, xã Tú An tổ chức ngày hội. Dịp này, Giám đốc Công an tỉnh đã trao bằng khen "
            "của Bộ trưởng Bộ Công an cho nhân dân và cán bộ xã Tú An."
        )
        (award,) = extract(text, year=2019).awards
        assert (award.issuer, award.presenter, award.count) == (
            "Bộ trưởng Bộ Công an",
            "Giám đốc Công an tỉnh",
            1,
        )
        assert (
            extract(text, year=2019).dataset.awards[0].presenter_as_written
            == "Giám đốc Công an tỉnh"
        )

    def test_rank(self) -> None:
        text = "Đến dự có Đại tá Nguyễn Văn An – Giám đốc Công an tỉnh và đại diện các ban ngành."
        (person,) = extract(text).officials
        assert (person.name, person.rank, person.title) == (
            "Nguyễn Văn An",
            antq.Rank.DAI_TA,
            "Giám đốc Công an tỉnh",
        )


# Sentences of the genre, written for these tests: what each should give.
GENRE = [
    # Real-text failure kinds (issue 14), written anew; no report's text.
    (  # one person named by office; two by office give no count
        "Chủ tịch UBND huyện tặng Bằng khen cho Bí thư Đảng ủy xã Tân Lập. Giám đốc Công an "
        "tỉnh tặng Giấy khen cho Trưởng Công an xã Phú Lộc và Trưởng thôn Phú Mỹ.",
        [
            ("Chủ tịch UBND huyện", "Bằng khen", "individual", 1),
            ("Giám đốc Công an tỉnh", "Giấy khen", "individual", None),
        ],
    ),
    (  # people named right after the verbs, a bracket in between
        "UBND huyện Tân Phú đã tuyên dương, khen thưởng em Lê Văn An (lớp 8, Trường THCS "
        "Kim Đồng) và em Trần Bình vì đã giúp bắt kẻ trộm.",
        [("UBND huyện Tân Phú", "Tuyên dương", "individual", 2)],
    ),
    (  # a unit named by its word alone gives the grant
        "Dịp này, huyện cũng khen thưởng ba tập thể và bốn cá nhân.",
        [("huyện", None, "collective", 3), ("huyện", None, "individual", 4)],
    ),
    (  # the office and its body are one giver: the fuller name stays
        "Công an tỉnh Long An vừa khen thưởng 12 công dân. Ngoài ra, 12 công dân được Giám "
        "đốc Công an tỉnh Long An khen thưởng đã nhận tiền thưởng.",
        [("Giám đốc Công an tỉnh Long An", None, "individual", 12)],
    ),
    (  # "trao" by a person's title: a presenter, the issuer unknown
        "Đại tá Trần Văn An, Phó Giám đốc Công an tỉnh, trao Giấy khen cho các tập thể, cá nhân.",
        [(None, "Giấy khen", "collective", None), (None, "Giấy khen", "individual", None)],
    ),
    (  # "trao" by a body: the issuer
        "UBND xã Tân Lập trao giấy khen cho 3 tập thể.",
        [("UBND xã Tân Lập", "Giấy khen", "collective", 3)],
    ),
    (  # "tặng" by a ranked, named director: the office alone
        "Thiếu tướng Lê Văn Bình - GĐ Công an tỉnh tặng Giấy khen cho 4 cá nhân.",
        [("GĐ Công an tỉnh", "Giấy khen", "individual", 4)],
    ),
    (  # a person's titles before the verb: the last one grants
        "Ông Võ Văn Hai, Phó Bí thư Đảng ủy, Chủ tịch UBND phường Tân An tặng giấy khen cho 2 tập thể.",
        [("Chủ tịch UBND phường Tân An", "Giấy khen", "collective", 2)],
    ),
    (  # "Lãnh đạo" kept with "tặng", a presenter with "trao"
        "Lãnh đạo Công an tỉnh Gia Lai tặng giấy khen cho 5 cá nhân. "
        "Lãnh đạo UBND huyện trao Bằng khen cho 2 tập thể.",
        [
            ("Lãnh đạo Công an tỉnh Gia Lai", "Giấy khen", "individual", 5),
            (None, "Bằng khen", "collective", 2),
        ],
    ),
    (  # a delegation without "của", and one named collective
        "Thừa ủy quyền Bộ trưởng Bộ Công an, Công an tỉnh đã trao tặng Bằng khen cho tập thể "
        "Trường Tiểu học Kim Đồng vì có thành tích xuất sắc.",
        [("Bộ trưởng Bộ Công an", "Bằng khen", "collective", 1)],
    ),
    (  # "của" after the recipients' merits names no issuer
        "Giám đốc Công an tỉnh tặng Giấy khen cho 6 cá nhân có thành tích thực hiện Thông tư "
        "số 23 của Bộ Công an.",
        [("Giám đốc Công an tỉnh", "Giấy khen", "individual", 6)],
    ),
    (  # a national office without the minister's name
        "Bộ trưởng Bộ Công an Trần Văn Nam tặng bằng khen cho Công an xã Phú Lộc.",
        [("Bộ trưởng Bộ Công an", "Bằng khen", "collective", 1)],
    ),
    (  # a body named by its place, and people named one by one
        "Chủ tịch UBND tỉnh tặng Bằng khen cho Công an tỉnh Kon Tum. "
        "UBND xã tặng giấy khen cho ông Tâm, Hùng, Phúc vì đã giúp bắt kẻ trộm.",
        [
            ("Chủ tịch UBND tỉnh", "Bằng khen", "collective", 1),
            ("UBND xã", "Giấy khen", "individual", 3),
        ],
    ),
    (  # several named collectives: no count
        "UBND huyện tặng giấy khen cho tập thể Phòng Văn hóa và Đội Kiểm tra.",
        [("UBND huyện", "Giấy khen", "collective", None)],
    ),
    (  # people of a unit with their cadres and the collective: one collective
        "Chủ tịch UBND tỉnh tặng bằng khen cho tập thể, cán bộ và nhân dân xã Hòa Bình.",
        [("Chủ tịch UBND tỉnh", "Bằng khen", "collective", 1)],
    ),
    (
        "Chủ tịch UBND tỉnh tặng Bằng khen cho 5 tập thể, 10 cá nhân.",
        [
            ("Chủ tịch UBND tỉnh", "Bằng khen", "collective", 5),
            ("Chủ tịch UBND tỉnh", "Bằng khen", "individual", 10),
        ],
    ),
    (
        "Dịp này, Chủ tịch UBND huyện khen thưởng 12 lượt tập thể, cá nhân có thành tích xuất sắc.",
        [("Chủ tịch UBND huyện", None, "unspecified", 12)],
    ),
    (
        "Tại buổi lễ, UBND xã đã trao 15 giấy khen cho các tập thể và cá nhân.",
        [("UBND xã", "Giấy khen", "unspecified", 15)],
    ),
    (
        "UBND huyện tặng giấy khen cho 02 tập thể, 05 cá nhân; UBND xã tặng giấy khen cho 10 cá nhân.",
        [
            ("UBND huyện", "Giấy khen", "collective", 2),
            ("UBND huyện", "Giấy khen", "individual", 5),
            ("UBND xã", "Giấy khen", "individual", 10),
        ],
    ),
    (
        "Chủ tịch UBND thành phố tặng Bằng khen cho ba tập thể và bảy cá nhân.",
        [
            ("Chủ tịch UBND thành phố", "Bằng khen", "collective", 3),
            ("Chủ tịch UBND thành phố", "Bằng khen", "individual", 7),
        ],
    ),
    (
        "Giám đốc Công an tỉnh tặng Giấy khen cho 1 tập thể và 4 cá nhân; Chủ tịch UBND xã tặng Giấy khen cho 6 hộ gia đình.",
        [
            ("Giám đốc Công an tỉnh", "Giấy khen", "collective", 1),
            ("Giám đốc Công an tỉnh", "Giấy khen", "individual", 4),
            ("Chủ tịch UBND xã", "Giấy khen", "household", 6),
        ],
    ),
    (
        "Năm 2022, xã đã được Chủ tịch UBND tỉnh tặng Bằng khen. Tối 18/8/2023, xã tổ chức ngày hội, Chủ tịch UBND huyện tặng giấy khen cho 2 tập thể.",
        [("Chủ tịch UBND huyện", "Giấy khen", "collective", 2)],
    ),
    (
        "Chủ tịch UBND phường đã ký quyết định khen thưởng 05 tập thể và 12 cá nhân.",
        [
            ("Chủ tịch UBND phường", None, "collective", 5),
            ("Chủ tịch UBND phường", None, "individual", 12),
        ],
    ),
    ("Kế hoạch nêu rõ sẽ biểu dương, khen thưởng các tập thể, cá nhân điển hình.", []),
    (
        "Tại ngày hội, UBND thị xã đã khen thưởng gần 90 lượt tập thể, cá nhân.",
        [("UBND thị xã", None, "unspecified", None)],
    ),
    (
        "Tại ngày hội, UBND xã đã khen thưởng ít nhất 30 lượt tập thể, cá nhân.",
        [("UBND xã", None, "unspecified", None)],
    ),
    (
        "Chủ tịch UBND huyện tặng Giấy khen cho hơn 20 cá nhân và 3 tập thể.",
        [
            ("Chủ tịch UBND huyện", "Giấy khen", "individual", None),
            ("Chủ tịch UBND huyện", "Giấy khen", "collective", 3),
        ],
    ),
    (  # one unit per giver in one sentence
        "Tại buổi lễ, UBND huyện trao Giấy khen cho 3 tập thể, Công an huyện tặng Giấy khen cho 2 cá nhân.",
        [
            ("UBND huyện", "Giấy khen", "collective", 3),
            ("Công an huyện", "Giấy khen", "individual", 2),
        ],
    ),
    (  # lumped issuers stay one string, active and passive
        "Dịp này, 9 lượt tập thể, cá nhân được Công an tỉnh và UBND thị xã tặng Giấy khen.",
        [("Công an tỉnh và UBND thị xã", "Giấy khen", "unspecified", 9)],
    ),
    (
        "Tại ngày hội, UBND xã trao Giấy khen của Chủ tịch UBND huyện và Trưởng Công an huyện cho 4 cá nhân.",
        [("Chủ tịch UBND huyện và Trưởng Công an huyện", "Giấy khen", "individual", 4)],
    ),
    (  # the Front and the Party award too
        "Ủy ban MTTQ Việt Nam phường tặng Giấy khen cho 2 tập thể; Đảng ủy phường tặng Giấy khen cho 1 cá nhân.",
        [
            ("Ủy ban MTTQ Việt Nam phường", "Giấy khen", "collective", 2),
            ("Đảng ủy phường", "Giấy khen", "individual", 1),
        ],
    ),
    (  # whoever organises the ceremony is not the issuer
        "Sáng 5/9, Công an tỉnh tổ chức lễ trao Kỷ niệm chương cho 12 cá nhân.",
        [(None, "Kỷ niệm chương", "individual", 12)],
    ),
    (  # one named recipient is one
        "Dịp này, UBND huyện tặng Bằng khen cho bà Đoàn Thị Hạnh, tổ trưởng tổ dân phố 7.",
        [("UBND huyện", "Bằng khen", "individual", 1)],
    ),
    (
        "Tại ngày hội, Công an thị trấn Phong Điền vinh dự được UBND tỉnh tặng Bằng khen.",
        [("UBND tỉnh", "Bằng khen", "collective", 1)],
    ),
    (
        "Chủ tịch UBND xã tặng Giấy khen cho 3 khu dân cư và 5 gia đình tiêu biểu.",
        [
            ("Chủ tịch UBND xã", "Giấy khen", "collective", 3),
            ("Chủ tịch UBND xã", "Giấy khen", "household", 5),
        ],
    ),
    (  # a headline's total over the body's lines
        "Khen thưởng 9 tập thể, cá nhân. Chủ tịch UBND phường tặng Giấy khen cho 4 tập thể và 5 cá nhân.",
        [
            ("Chủ tịch UBND phường", "Giấy khen", "collective", 4),
            ("Chủ tịch UBND phường", "Giấy khen", "individual", 5),
        ],
    ),
    (  # a look back over a period
        "Qua 5 năm, xã có 7 tập thể được các cấp tặng Giấy khen. UBND xã tặng Giấy khen cho 2 tập thể.",
        [("UBND xã", "Giấy khen", "collective", 2)],
    ),
    (  # a list goes on without its verb
        "Bằng khen của UBND tỉnh được trao cho 1 tập thể; Giấy khen của Công an tỉnh cho 2 cá nhân.",
        [
            ("UBND tỉnh", "Bằng khen", "collective", 1),
            ("Công an tỉnh", "Giấy khen", "individual", 2),
        ],
    ),
    (  # a named unit beside counted recipients
        "UBND huyện tặng Giấy khen cho tổ dân phố Bắc Sơn và 2 cá nhân.",
        [
            ("UBND huyện", "Giấy khen", "collective", 1),
            ("UBND huyện", "Giấy khen", "individual", 2),
        ],
    ),
    (  # a special zone (2025) awards like a commune
        "Chủ tịch UBND đặc khu tặng Giấy khen cho 2 tập thể.",
        [("Chủ tịch UBND đặc khu", "Giấy khen", "collective", 2)],
    ),
    (  # a total, then the grants it sums
        "Xã khen thưởng 5 tập thể và 9 cá nhân; trong đó UBND huyện tặng Giấy khen cho 2 tập thể, "
        "4 cá nhân, UBND xã tặng Giấy khen cho 3 tập thể, 5 cá nhân.",
        [
            ("UBND huyện", "Giấy khen", "collective", 2),
            ("UBND huyện", "Giấy khen", "individual", 4),
            ("UBND xã", "Giấy khen", "collective", 3),
            ("UBND xã", "Giấy khen", "individual", 5),
        ],
    ),
    (  # "the village" just named receives
        "Tại ngày hội, thôn được UBND xã Bình Minh tặng Giấy khen.",
        [("UBND xã Bình Minh", "Giấy khen", "collective", 1)],
    ),
    (  # a numbered district
        "UBND quận 10 tặng Giấy khen cho 3 tập thể.",
        [("UBND quận 10", "Giấy khen", "collective", 3)],
    ),
    (  # a caption repeats the counted award in other words
        "Chủ tịch UBND huyện tặng Giấy khen cho 2 tập thể. Ảnh: Lãnh đạo huyện trao Giấy khen "
        "cho 2 tập thể.",
        [("Chủ tịch UBND huyện", "Giấy khen", "collective", 2)],
    ),
    (  # the caption's form fills the counted line's (corpus clarification)
        "Ngày hội đã khen thưởng cho 3 tập thể. Ảnh: Lãnh đạo xã trao Giấy khen cho các tập thể.",
        [(None, "Giấy khen", "collective", 3)],
    ),
    (  # a form for each count
        "Giám đốc Công an tỉnh tặng Cờ thi đua cho 1 tập thể, Giấy khen cho 6 cá nhân.",
        [
            ("Giám đốc Công an tỉnh", "Cờ thi đua", "collective", 1),
            ("Giám đốc Công an tỉnh", "Giấy khen", "individual", 6),
        ],
    ),
    (  # party cells, clubs and other counted groups are collectives
        "Đảng ủy xã tặng Giấy khen cho 3 chi bộ và 2 câu lạc bộ.",
        [
            ("Đảng ủy xã", "Giấy khen", "collective", 3),
            ("Đảng ủy xã", "Giấy khen", "collective", 2),
        ],
    ),
    (  # a number beats the one recipient a name would give
        "UBND huyện tặng giấy khen cho 02 tập thể là Nhân dân và cán bộ thôn Đông và thôn Tây.",
        [("UBND huyện", "Giấy khen", "collective", 2)],
    ),
    (  # a headline's total that does not add up is still a headline
        "Khen thưởng 12 tập thể, cá nhân. Chủ tịch UBND xã tặng Giấy khen cho 3 tập thể và 8 cá nhân.",
        [
            ("Chủ tịch UBND xã", "Giấy khen", "collective", 3),
            ("Chủ tịch UBND xã", "Giấy khen", "individual", 8),
        ],
    ),
    (  # counted villages beside counted people
        "UBND xã trao tặng giấy khen cho 9 thôn và 12 cá nhân.",
        [("UBND xã", "Giấy khen", "collective", 9), ("UBND xã", "Giấy khen", "individual", 12)],
    ),
    (  # a grant asked for is not made
        "Trưởng Công an huyện khen thưởng 6 tập thể; đồng thời đề nghị Giám đốc Công an tỉnh "
        "tặng Giấy khen cho 2 tập thể.",
        [("Trưởng Công an huyện", None, "collective", 6)],
    ),
    (  # a body that holds its own commendation is its issuer
        "Ngày 5/9, Công an huyện tổ chức khen thưởng đột xuất Công an xã Hòa Phú.",
        [("Công an huyện", None, "collective", 1)],
    ),
    (  # "do X trao tặng"
        "Dịp này, 3 tập thể được nhận Giấy khen do Chủ tịch UBND huyện trao tặng.",
        [("Chủ tịch UBND huyện", "Giấy khen", "collective", 3)],
    ),
    (  # a headline and the body name the giver two ways: one grant, the fuller name
        "UBND huyện Quế Sơn trao Giấy khen cho 10 tập thể\nSáng 5/8, xã Quế Lộc tổ chức ngày hội. "
        "Dịp này, Chủ tịch UBND huyện Quế Sơn tặng Giấy khen cho 10 tập thể.",
        [("Chủ tịch UBND huyện Quế Sơn", "Giấy khen", "collective", 10)],
    ),
    (  # two passive grants in one sentence
        "Tại ngày hội, 01 tập thể được nhận Bằng khen của UBND tỉnh, 02 tập thể và 03 cá nhân "
        "được nhận Giấy khen của UBND thành phố.",
        [
            ("UBND tỉnh", "Bằng khen", "collective", 1),
            ("UBND thành phố", "Giấy khen", "collective", 2),
            ("UBND thành phố", "Giấy khen", "individual", 3),
        ],
    ),
    (  # grants joined by commas: a named receiver, a verb that keeps its giver, on behalf
        "UBND huyện tặng Giấy khen cho 2 tập thể, xã Hòa Phong được Chủ tịch UBND tỉnh tặng "
        "Cờ thi đua, tặng Bằng khen cho 3 cá nhân, Thừa ủy quyền của Bộ trưởng Bộ Công an, "
        "Đại tá Lê Văn Hà trao Bằng khen cho 1 tập thể.",
        [
            ("UBND huyện", "Giấy khen", "collective", 2),
            ("Chủ tịch UBND tỉnh", "Cờ thi đua", "collective", 1),
            ("Chủ tịch UBND tỉnh", "Bằng khen", "individual", 3),
            ("Bộ trưởng Bộ Công an", "Bằng khen", "collective", 1),
        ],
    ),
    (  # counted groups after counted people, with no "cho"
        "Dịp này, UBND phường khen thưởng 06 tập thể, 12 cá nhân và 02 tổ liên gia tự quản.",
        [
            ("UBND phường", None, "collective", 6),
            ("UBND phường", None, "individual", 12),
            ("UBND phường", None, "collective", 2),
        ],
    ),
    (  # a named person beside counted collectives
        "UBND xã tặng Giấy khen cho ông Lê Văn An và 3 tập thể.",
        [("UBND xã", "Giấy khen", "individual", 1), ("UBND xã", "Giấy khen", "collective", 3)],
    ),
    (  # a numbered village beside counted people
        "Chủ tịch UBND huyện tặng giấy khen cho làng Blang 2 và 3 cá nhân.",
        [
            ("Chủ tịch UBND huyện", "Giấy khen", "collective", 1),
            ("Chủ tịch UBND huyện", "Giấy khen", "individual", 3),
        ],
    ),
    (  # typos in the kinds
        "UBND xã tặng Giấy khen cho 3 tập thế và 4 cá nhận; UBND phường tặng Giấy khen cho 2các nhân.",
        [
            ("UBND xã", "Giấy khen", "collective", 3),
            ("UBND xã", "Giấy khen", "individual", 4),
            ("UBND phường", "Giấy khen", "individual", 2),
        ],
    ),
    (  # a typo in the issuer is kept as written
        "Giám đốc Công tỉnh tặng Giấy khen cho 2 tập thể.",
        [("Giám đốc Công tỉnh", "Giấy khen", "collective", 2)],
    ),
    (  # a long lump of issuers
        "Dịp này, 30 lượt tập thể, cá nhân được UBND tỉnh, Công an tỉnh, UBND huyện, Công an "
        "huyện, Ủy ban MTTQ Việt Nam huyện và UBND xã tặng Giấy khen.",
        [
            (
                "UBND tỉnh, Công an tỉnh, UBND huyện, Công an huyện, Ủy ban MTTQ Việt Nam huyện "
                "và UBND xã",
                "Giấy khen",
                "unspecified",
                30,
            )
        ],
    ),
    (  # mass organisations award too
        "Hội Liên hiệp Phụ nữ huyện tặng Giấy khen cho 5 chi hội.",
        [("Hội Liên hiệp Phụ nữ huyện", "Giấy khen", "collective", 5)],
    ),
    (  # a bare "khen thưởng" with its own count is a line of unstated form
        "UBND huyện tặng Giấy khen cho 2 tập thể; UBND xã khen thưởng 4 cá nhân.",
        [
            ("UBND huyện", "Giấy khen", "collective", 2),
            ("UBND xã", None, "individual", 4),
        ],
    ),
]


class TestGenre:
    """Phrasings of the genre: lists, shared counts, several issuers, past years, plans."""

    @pytest.mark.parametrize(("text", "rows"), GENRE)
    def test_rows(self, text: str, rows: list[tuple[object, ...]]) -> None:
        found = [
            (a.issuer, a.form, a.recipient_kind.value, a.count)
            for a in extract(text, year=2023).awards
        ]
        assert found == rows

    def test_issuers_as_offices(self) -> None:
        def offices(text: str) -> list[tuple[str, str]]:
            return [
                (a.issuer.office.value, a.issuer.level.value) for a in extract(text).dataset.awards
            ]

        assert offices("Giám đốc Công tỉnh tặng Giấy khen cho 2 tập thể.") == [
            ("giam_doc_cong_an", "province")
        ]
        # A centrally-run city's police director, as before the typo was read.
        assert offices("Giám đốc Công an thành phố tặng Giấy khen cho 2 tập thể.") == [
            ("giam_doc_cong_an", "province")
        ]
        # Several issuers lumped together: no one office is the issuer.
        lumped = "Dịp này, 9 lượt tập thể, cá nhân được UBND huyện và Công an tỉnh tặng Giấy khen."
        assert offices(lumped) == [("other", "district")]

    def test_on_behalf(self) -> None:
        text = "Thừa ủy quyền của Bộ trưởng Bộ Công an, Đại tá Lê Văn Bình – Giám đốc Công an tỉnh đã trao Bằng khen cho 3 tập thể."
        (award,) = extract(text).awards
        assert (award.issuer, award.presenter, award.count) == (
            "Bộ trưởng Bộ Công an",
            "Giám đốc Công an tỉnh",
            3,
        )


class TestPeople:
    """Officials in the lists of guests the genre opens with."""

    @pytest.mark.parametrize(
        ("text", "found"),
        [
            (  # the unit after the title, with a comma or in brackets
                "Dự có đồng chí Trần Quý Bình, Phó Cục trưởng Cục Xây dựng phong trào, Bộ Công an.",
                [("Trần Quý Bình", None, "Phó Cục trưởng Cục Xây dựng phong trào, Bộ Công an")],
            ),
            (
                "Dự có ông Lê Thế Chi, Phó Trưởng phòng Tham mưu (Bộ Công an).",
                [("Lê Thế Chi", "ông", "Phó Trưởng phòng Tham mưu (Bộ Công an)")],
            ),
            (  # the comma inside a department's name
                "Dự có ông Võ Văn Tâm, Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch tỉnh Long An.",
                [
                    (
                        "Võ Văn Tâm",
                        "ông",
                        "Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch tỉnh Long An",
                    )
                ],
            ),
            (  # "Trưởng Ban chỉ đạo" is a title; "thông tin" what its holder did
                "Đồng chí Lê Văn Sơn, Trưởng Ban chỉ đạo 138 tỉnh thông tin, năm qua tỉnh ổn định.",
                [("Lê Văn Sơn", None, "Trưởng Ban chỉ đạo 138 tỉnh")],
            ),
            (  # an abbreviated title after a rank and a dash
                "Thiếu tướng Ma Văn Hà - GĐ Công an tỉnh phát biểu.",
                [("Ma Văn Hà", None, "GĐ Công an tỉnh")],
            ),
            (  # ông from a later mention of the full name
                "Chủ tịch UBND tỉnh Trần Sỹ Long phát biểu. Ông Trần Sỹ Long cho biết, tỉnh ổn định.",
                [("Trần Sỹ Long", "ông", "Chủ tịch UBND tỉnh")],
            ),
            (  # people named after their count are recipients
                "Giám đốc tặng thưởng cho 2 cá nhân là đồng chí Phạm Hồng An, Trưởng Phòng "
                "Cảnh sát Hình sự và đồng chí Lê Chức, Đội trưởng.",
                [],
            ),
        ],
    )
    def test_titles_as_the_genre_writes_them(
        self, text: str, found: list[tuple[str, str | None, str]]
    ) -> None:
        read = [
            (o.name, o.honorific.label if o.honorific else None, o.title)
            for o in extract(text).officials
        ]
        assert read == found

    def test_a_title_stops_at_the_next_person(self) -> None:
        text = (
            "Dự ngày hội có ông Lê Văn Cường, Bí thư Đảng ủy xã và bà Nguyễn Thị Dung - "
            "Chủ tịch UBMTTQ Việt Nam xã Hòa Phong."
        )
        found = [(o.name, o.title) for o in extract(text).officials]
        assert found == [
            ("Lê Văn Cường", "Bí thư Đảng ủy xã"),
            ("Nguyễn Thị Dung", "Chủ tịch UBMTTQ Việt Nam xã Hòa Phong"),
        ]

    def test_a_title_ends_before_what_its_holder_did(self) -> None:
        text = "Đại tá Lê Quang Vinh, Phó Giám đốc Công an tỉnh trao Bằng khen cho 2 tập thể."
        assert [(o.name, o.title) for o in extract(text).officials] == [
            ("Lê Quang Vinh", "Phó Giám đốc Công an tỉnh")
        ]

    def test_a_title_written_before_the_name(self) -> None:
        text = (
            "Tới dự có Phó Chủ tịch UBND huyện Quế Sơn Đặng Văn Phú và Trưởng Ban Dân vận "
            "Huyện ủy Hồ Thị Mỹ."
        )
        assert [(o.name, o.title) for o in extract(text).officials] == [
            ("Đặng Văn Phú", "Phó Chủ tịch UBND huyện Quế Sơn"),
            ("Hồ Thị Mỹ", "Trưởng Ban Dân vận Huyện ủy"),
        ]

    def test_a_title_before_the_name_and_a_verb_after(self) -> None:
        text = (
            "Phó Giám đốc Công an tỉnh Đinh Công Lý khẳng định vai trò của nhân dân. "
            "Chủ tịch UBND huyện Trà Bồng tặng Giấy khen cho 2 tập thể."
        )
        assert [(o.name, o.title) for o in extract(text).officials] == [
            ("Đinh Công Lý", "Phó Giám đốc Công an tỉnh")
        ]

    def test_a_place_after_a_title_is_not_a_person(self) -> None:
        text = "Dự có Thượng tá Vũ Đức Anh, Phó Giám đốc Công an thành phố Hà Nội."
        assert [(o.name, o.title) for o in extract(text).officials] == [
            ("Vũ Đức Anh", "Phó Giám đốc Công an thành phố Hà Nội")
        ]

    def test_a_list_of_recipients_is_not_a_list_of_guests(self) -> None:
        text = (
            "Dịp này, UBND huyện tặng Giấy khen cho ông Nguyễn Văn An, Trưởng thôn Phú Xuân; "
            "bà Trần Thị Bình, Chi hội trưởng Chi hội Phụ nữ thôn và ông Lê Văn Cường, "
            "Trưởng ban công tác Mặt trận thôn."
        )
        result = extract(text)
        assert result.officials == ()
        # Three people named one by one: the text gives no number, so none is guessed.
        assert [(a.recipient_kind, a.count) for a in result.awards] == [
            (RecipientKind.INDIVIDUAL, None)
        ]

    def test_names_with_an_apostrophe(self) -> None:
        text = "Dự có bà H’Yến Kbuôr, Phó Chủ tịch UBND xã Ea Tóh."
        assert [(o.name, o.title) for o in extract(text).officials] == [
            ("H’Yến Kbuôr", "Phó Chủ tịch UBND xã Ea Tóh")
        ]

    def test_a_title_in_brackets(self) -> None:
        text = "Dự có bà Phan Thị Lụa (Phó Chủ tịch UBND huyện) và nhân dân."
        assert [(o.name, o.title) for o in extract(text).officials] == [
            ("Phan Thị Lụa", "Phó Chủ tịch UBND huyện")
        ]

    def test_a_place_before_a_title_is_not_a_person(self) -> None:
        text = "Tại Công an tỉnh Lạng Sơn, Thứ trưởng Bộ Công an Lê Văn Tâm trao Bằng khen."
        assert [(o.name, o.title) for o in extract(text).officials] == [
            ("Lê Văn Tâm", "Thứ trưởng Bộ Công an")
        ]

    def test_a_recipient_is_not_an_official(self) -> None:
        text = "UBND tỉnh tặng Bằng khen cho ông Trần Văn Lộc, Trưởng thôn Đông Yên vì thành tích."
        result = extract(text)
        assert result.officials == ()
        assert [(a.recipient_kind, a.count) for a in result.awards] == [
            (RecipientKind.INDIVIDUAL, 1)
        ]


class TestOccasion:
    """The kind of occasion the lead names, and its places at each level as written."""

    @pytest.mark.parametrize(
        ("text", "kind"),
        [
            (
                "Sáng 12/8/2024, Công an huyện tổ chức hội nghị sơ kết phong trào.",
                "review_conference",
            ),
            (
                "Hưởng ứng Ngày hội toàn dân bảo vệ an ninh Tổ quốc, Hội LHPN huyện ra mắt mô "
                "hình “Phụ nữ giữ gìn an ninh”.",
                "model_launch",
            ),
            (
                "Công an tỉnh tổ chức lễ kỷ niệm 19 năm Ngày hội toàn dân bảo vệ an ninh Tổ quốc.",
                "award_ceremony",
            ),
            ("Tối 9/8, xã Hòa Sơn tổ chức Ngày hội gắn với ra mắt mô hình “Camera”.", "festival"),
        ],
    )
    def test_the_lead_names_the_kind(self, text: str, kind: str) -> None:
        assert extract(text).event_kind == kind

    @pytest.mark.parametrize(
        ("text", "places"),
        [
            (
                "Sáng 17/8, phường 7, quận 8, TP.HCM tổ chức ngày hội.",
                ("phường 7", "quận 8", "TP.HCM"),
            ),
            (
                "Thị xã Hương Trà tổ chức ngày hội tại phường Tứ Hạ; dự có ông A.",
                ("phường Tứ Hạ", "Thị xã Hương Trà", None),
            ),
            (
                "Chiều 25/8, xã Ea Kao (TP Buôn Ma Thuột, tỉnh Đắk Lắk) tổ chức ngày hội.",
                ("xã Ea Kao", "TP Buôn Ma Thuột", "tỉnh Đắk Lắk"),
            ),
            (
                "Dự có Phó Chủ tịch UBND quận Liên Chiểu Trần Thị Mai.",
                (None, "quận Liên Chiểu", None),
            ),
            ("Ngày 5/8, xã Sơn Kim 1 tổ chức ngày hội.", ("xã Sơn Kim 1", None, None)),
        ],
    )
    def test_places_as_written(
        self, text: str, places: tuple[str | None, str | None, str | None]
    ) -> None:
        result = extract(text)
        assert (result.commune, result.district, result.province) == places

    def test_a_provincial_city_is_a_district(self) -> None:
        result = extract("Chiều 25/8, xã Ea Kao (TP Buôn Ma Thuột, tỉnh Đắk Lắk) tổ chức ngày hội.")
        kinds = {p.name: (p.unit_type, p.level) for p in result.dataset.localities}
        assert kinds["Buôn Ma Thuột"] == (
            antq.UnitType.THANH_PHO_THUOC_TINH,
            antq.LocalityLevel.DISTRICT,
        )


class TestModels:
    """Models named in quotes, or without them after "mô hình"; a count of models is not a name."""

    @pytest.mark.parametrize(
        ("text", "models"),
        [
            (  # a quote closed with '’’'
                'Các mô hình như: "Cổng rào ANTT’’; "Móc khóa tố giác tội phạm".',
                ("Cổng rào ANTT", "Móc khóa tố giác tội phạm"),
            ),
            (  # counted in bulk, a directive, a day: no model names
                'Thành phố có 1.550 mô hình "Dân vận khéo" và thực hiện Chỉ thị 09 về '
                '“Tăng cường sự lãnh đạo của Đảng”; mô hình gắn với "Ngày Biên phòng toàn dân".',
                (),
            ),
            (  # "tổ chức" is no team, "xã hội" no commune
                "Triển khai mô hình tổ chức chính quyền hai cấp và mô hình xã hội hóa camera. "
                "Nổi bật là mô hình xã sạch về ma túy tại 15 xã.",
                ("xã sạch về ma túy",),
            ),
        ],
    )
    def test_what_is_no_model(self, text: str, models: tuple[str, ...]) -> None:
        assert extract(text).models == models

    def test_quoted_and_bare_names(self) -> None:
        text = (
            "Phường duy trì 12 mô hình tự quản, trong đó mô hình “Ngõ phố bình yên” và mô hình "
            "camera an ninh trên các tuyến phố được đánh giá cao; mô hình nhà trọ an toàn "
            "đang được nhân rộng."
        )
        assert extract(text).models == ("Ngõ phố bình yên", "camera an ninh", "nhà trọ an toàn")

    @pytest.mark.parametrize(
        ("text", "models"),
        [
            (
                "Xã đã xây dựng các mô hình như: Camera an ninh, Tổ liên gia tự quản và Ánh "
                "sáng đường quê.",
                ("Camera an ninh", "Tổ liên gia tự quản", "Ánh sáng đường quê"),
            ),
            (
                "Các mô hình gồm Dòng họ không có người vi phạm pháp luật, Cổng trường an toàn "
                "giao thông hoạt động hiệu quả.",
                ("Dòng họ không có người vi phạm pháp luật", "Cổng trường an toàn giao thông"),
            ),
            ("Mô hình là cách làm hay của xã.", ()),
        ],
    )
    def test_an_unquoted_list(self, text: str, models: tuple[str, ...]) -> None:
        assert extract(text).models == models


class TestEventDates:
    """The event's day: relative to the publication, inside anniversary spans, other days."""

    def test_today_beats_the_movement_year(self) -> None:
        text = "Sáng nay, xã Tân Phú tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2024."
        found = extract(text, published_on=dt.date(2024, 8, 15))
        assert (found.event_date, found.part_of_day) == (dt.date(2024, 8, 15), "morning")

    def test_an_anniversary_span_gives_the_year(self) -> None:
        text = (
            "Kỷ niệm 20 năm Ngày hội toàn dân bảo vệ an ninh Tổ quốc (19/8/2005 - 19/8/2025), "
            "chiều 16/8, phường Bình An tổ chức ngày hội."
        )
        found = extract(text)
        assert (found.event_date, found.part_of_day) == (dt.date(2025, 8, 16), "afternoon")

    def test_a_year_written_after_the_place(self) -> None:
        text = "Lãnh đạo tỉnh dự Ngày hội toàn dân bảo vệ ANTQ tại xã Ea Tiêu, huyện Cư Kuin 2022."
        assert extract(text).event_date == PartialDate(year=2022)
        assert extract("Ngày hội thu hút 2000 người tham gia.").event_date is None
        assert extract("Ngày hội theo Quyết định số 1234/2023.").event_date is None

    def test_the_festival_s_year(self) -> None:
        text = "Chiều 9/8, thị trấn Ái Nghĩa tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2024."
        assert extract(text).event_date == dt.date(2024, 8, 9)
        earlier = (
            "Chiều 9/8, xã Đại Hòa tổng kết phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2023."
        )
        assert extract(earlier).event_date == PartialDate(month=8, day=9)

    def test_the_page_s_time_stamp_is_not_the_day(self) -> None:
        text = "Chủ nhật, 18/8/2024 - 07:30\nTối 17/8, phường Hòa Minh tổ chức ngày hội."
        assert extract(text).event_date == dt.date(2024, 8, 17)

    @pytest.mark.parametrize(
        ("text", "day"),
        [
            ("Hôm qua (21/8), phường Tây Lộc tổ chức ngày hội.", PartialDate(month=8, day=21)),
            ("Trong hai ngày 10 và 11/8/2024, xã Kỳ Anh tổ chức ngày hội.", dt.date(2024, 8, 10)),
        ],
    )
    def test_a_day_written_out_and_the_first_of_several(
        self, text: str, day: dt.date | PartialDate
    ) -> None:
        assert extract(text, published_on=dt.date(2024, 8, 22)).event_date == day

    @pytest.mark.parametrize(
        ("text", "day"),
        [
            (
                "Ngày 19/8/2005, Thủ tướng Chính phủ quyết định lấy ngày 19/8 hằng năm là Ngày "
                "hội toàn dân bảo vệ an ninh Tổ quốc. Sáng 15/8/2024, xã Tân Hòa tổ chức ngày hội.",
                dt.date(2024, 8, 15),
            ),
            (
                "Ngày 19/8 hằng năm là ngày hội của toàn dân. Sáng 15/8, xã Tân Hòa tổ chức ngày hội.",
                PartialDate(month=8, day=15),
            ),
        ],
    )
    def test_the_movement_s_history_is_not_the_day(
        self, text: str, day: dt.date | PartialDate
    ) -> None:
        assert extract(text).event_date == day

    @pytest.mark.parametrize(
        ("text", "date"),
        [
            (  # a year alone is the reporting year, not the day
                "Năm 2017, phong trào được triển khai sâu rộng. Tại hội nghị, Giám đốc Công an "
                "tỉnh tặng Giấy khen cho 3 tập thể.",
                None,
            ),
            (  # the year in the festival's name, after an abbreviation in brackets
                "Chiều 18-7, UBND xã Tân Hải tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc "
                "(ANTQ) năm 2025.",
                dt.date(2025, 7, 18),
            ),
            (  # a page's stamp with its clock first is not the day
                "10:24 06/08/2022 Tối 5-8, tại xã Kiến Thiết tổ chức Ngày hội.",
                dt.date(2022, 8, 5),
            ),
            (  # an anniversary span alone gives the year
                "Ngày hội được tổ chức nhân dịp 17 năm Ngày hội toàn dân bảo vệ ANTQ "
                "(19/8/2005-19/8/2022).",
                PartialDate(year=2022),
            ),
            (  # a period of years gives none
                "Từ năm 2006 đến năm 2016, Công an tỉnh phát động phong trào.",
                None,
            ),
            (  # the story's day is not the occasion's
                "Ngày đăng: 15:29, 30/07/2018. Công an tỉnh vừa khen thưởng 28 công dân giúp "
                "giải quyết các vụ gây rối xảy ra vào ngày 10 và 11-6. Ngày 30-7, ông A cho biết.",
                dt.date(2018, 7, 30),
            ),
            (  # "vừa tổ chức" under the page's dateline: its year
                "11:32 11/03/2015 | Ban chỉ đạo tỉnh vừa tổ chức Hội nghị tổng kết năm 2014.",
                PartialDate(year=2015),
            ),
        ],
    )
    def test_the_event_s_own_year(self, text: str, date: object) -> None:
        assert extract(text).event_date == date

    def test_a_lead_after_a_long_opening(self) -> None:
        opening = "Phong trào toàn dân bảo vệ an ninh Tổ quốc có ý nghĩa quan trọng. " * 9
        late = (
            "Kỷ niệm 20 năm Ngày hội toàn dân bảo vệ an ninh Tổ quốc (19/8/2005 - 19/8/2025). "
            + opening
            + "Sáng 15/8, phường Hòa Minh tổ chức ngày hội."
        )
        assert extract(late).event_date == dt.date(2025, 8, 15)
        # Reading further never goes back before a year the head gives.
        older = (
            "Xã Hòa Minh tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2024. "
            + opening
            + "Quyết định số 521/QĐ-TTg ngày 19/8/2005 của Thủ tướng."
        )
        assert extract(older).event_date == PartialDate(year=2024)

    @pytest.mark.parametrize(
        ("text", "part"),
        [
            (
                "(Báo X) -Chiều 18/8/2025, tại hội trường phường Bình Minh diễn ra ngày hội.",
                "afternoon",
            ),
            ("Thứ Bảy, 14/07/2018, 14:57\nNgày 14-7, Công an tỉnh trao Giấy khen.", None),
        ],
    )
    def test_the_part_of_day(self, text: str, part: str | None) -> None:
        assert extract(text).part_of_day == part

    def test_guidance_is_a_plan(self) -> None:
        text = "Công an tỉnh vừa có hướng dẫn tổ chức Ngày hội năm 2024 trước ngày 19/8."
        assert (extract(text).is_plan, extract(text).event_date) == (
            True,
            PartialDate(year=2024),
        )

    def test_a_plan_is_dated_by_its_year(self) -> None:
        text = (
            "UBND huyện vừa ban hành kế hoạch tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc "
            "năm 2025. Các xã tổ chức ngày hội từ ngày 15/7 đến ngày 15/8, qua đó biểu dương, "
            "khen thưởng 20 tập thể."
        )
        result = extract(text)
        assert (result.is_plan, result.event_date, result.awards) == (
            True,
            PartialDate(year=2025),
            (),
        )

    def test_a_border_guards_day_is_not_this_movement(self) -> None:
        text = "Ngày 3/3, Đồn Biên phòng tổ chức Ngày hội Biên phòng toàn dân tại xã Tà Long."
        assert extract(text).event_kind == "other"
        movement = "Ngày hội toàn dân bảo vệ an ninh Tổ quốc và ngày hội biên phòng toàn dân."
        assert extract(movement).event_kind == "festival"


class TestForms:
    """A form that is not named, or one count for two forms, is kept as unstated."""

    @pytest.mark.parametrize(
        ("text", "note"),
        [
            ("Chủ tịch UBND phường đã khen thưởng 02 tập thể.", None),
            (
                "UBND xã tặng Bằng khen và Giấy khen cho 4 cá nhân.",
                "one count for: Bằng khen và Giấy khen",
            ),
        ],
    )
    def test_unstated_form(self, text: str, note: str | None) -> None:
        (award,) = extract(text).dataset.awards
        assert award.form is antq.AwardForm.CHUA_RO
        assert not award.form.statutory
        assert award.sources[0].note == note


class TestRobustness:
    """Any input gives a result or a clear error, never a crash."""

    @pytest.mark.parametrize(
        "text", ["", "   ", "The festival was held on 12 August.", "\x00\x01\x02 ngày hội"]
    )
    def test_odd_inputs(self, text: str) -> None:
        result = extract(text)
        assert result.awards == ()
        assert isinstance(result.dataset, antq.Dataset)

    @settings(max_examples=100)
    @given(st.text(max_size=400))
    def test_any_text(self, text: str) -> None:
        result = extract(text)
        assert json.dumps(result.annotation(), ensure_ascii=False)

    def test_a_megabyte(self, seed_text: str) -> None:
        text = (seed_text + "\n") * (1_000_000 // len(seed_text) + 1)
        result = extract(text, year=2023)
        assert [a.count for a in result.awards] == [1, 2, 4, 6]

    @pytest.mark.parametrize(
        "piece",
        [
            "UBND xã Tân, ",  # a chain of issuers with no verb after it
            "Chủ tịch UBND huyện và ",
            "Phó Chủ tịch UBND quận ",
            "Giấy khen của A cho ",
            "cho thôn Phú Mỹ Hòa An Bình ",
            "mô hình như Camera An, ",
        ],
    )
    def test_long_repetitions_finish(self, piece: str) -> None:
        # Unbounded chains made these quadratic (minutes for 250 kB); a test run stays short.
        result = extract(piece * (200_000 // len(piece)) + "tặng giấy khen cho 2 tập thể.")
        assert len(result.awards) <= 2

    @pytest.mark.parametrize(
        "text",
        [
            "UBND xã tặng giấy khen cho 0 cá nhân",
            "cho 0 cá nhân",
            '" \t "mô hình',
            "mô hình “ \n ”",
        ],
    )
    def test_fuzzed_values_give_a_result(self, text: str) -> None:
        result = extract(text)
        assert all(a.count != 0 for a in result.awards)
        assert all(m and m == m.strip() for m in result.models)

    @settings(max_examples=50, deadline=None)
    @given(lead=st.text(alphabet=" \t\n\r\u00a0\u2028", max_size=6), seed=st.booleans())
    def test_spans_slice_the_text(self, lead: str, seed: bool, seed_text: str) -> None:
        body = (
            seed_text
            if seed
            else "UBND xã tặng giấy khen cho 3 cá nhân. Ông Trần Văn An, Chủ tịch UBND xã phát biểu."
        )
        result = extract(lead + body)
        for award in result.awards:
            assert result.text[award.span[0] : award.span[1]] == award.text
        for person in result.officials:
            assert person.name in result.text[person.span[0] : person.span[1]]

    @settings(max_examples=12, deadline=None)
    @given(
        piece=st.sampled_from(
            [
                "Phó Chủ tịch UBND huyện, ",  # after "ông Trần Văn B, ": a run of titles
                "UBND xã Tân, ",
                "Giấy khen của A cho ",
                "cho thôn Phú Mỹ Hòa An Bình ",
                "mô hình như Camera An, ",
                "tặng giấy khen cho 2 tập thể, ",
                "x",  # one run of letters, as long as the text (found by the fuzzer)
                "X",
                "Nguyễn ",
                "a ",
            ]
        )
    )
    def test_time_grows_linearly(self, piece: str) -> None:
        """Eight times the text takes about eight times as long (quadratic would be 64)."""

        def best(repeats: int) -> float:
            text = "Tham dự có ông Trần Văn B, " + piece * repeats
            times = []
            for _ in range(3):
                started = time.perf_counter()
                extract(text)
                times.append(time.perf_counter() - started)
            return min(times)

        small = 8_000 // len(piece)
        assert best(8 * small) / best(small) < 24

    def test_too_long(self) -> None:
        with pytest.raises(ValueError, match="antq reads at most"):
            extract("a" * 2_000_001)


class TestCommand:
    """antq extract prints the dataset or the annotation; bad bytes exit 2."""

    def test_annotation(self, seed_text: str, tmp_path: Path) -> None:
        path = tmp_path / "report.txt"
        path.write_text(seed_text, encoding="utf-8")
        result = subprocess.run(
            [ANTQ, "extract", str(path), "--year", "2023", "--as-annotation"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        assert [a["count"] for a in data["awards"]] == [1, 2, 4, 6]
        assert "ANTQ401" in result.stderr

    def test_dataset_from_stdin(self, seed_text: str) -> None:
        result = subprocess.run(
            [ANTQ, "extract", "-", "--published-on", "2023-08-13"],
            input=seed_text.encode(),
            capture_output=True,
            check=False,
        )
        assert result.returncode == 0
        dataset = antq.loads(result.stdout)
        assert len(dataset.awards) == 4

    def test_binary_garbage(self, tmp_path: Path) -> None:
        path = tmp_path / "garbage.txt"
        path.write_bytes(bytes(range(256)))
        result = subprocess.run(
            [ANTQ, "extract", str(path), "--lang", "en"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 2
        assert result.stderr.strip().endswith("$: not UTF-8 text (bad byte at offset 128)")


# ------------------------------------------------------------- a grammar of grants

_ISSUERS = [
    "Chủ tịch UBND tỉnh",
    "Chủ tịch UBND huyện",
    "UBND xã",
    "UBND phường Tân Lập",
    "Giám đốc Công an tỉnh",
    "Trưởng Công an huyện",
    "Bộ trưởng Bộ Công an",
    "Ủy ban MTTQ Việt Nam xã",
    "Đảng ủy phường",
    "Chủ tịch UBND thị xã Điện Bàn",
]
_BODIES = ("UBND", "Ủy ban", "Đảng ủy")
_FORMS_WRITTEN = {
    "Giấy khen": ["Giấy khen", "giấy khen"],
    "Bằng khen": ["Bằng khen", "bằng khen"],
    "Kỷ niệm chương": ["Kỷ niệm chương"],
    "Cờ thi đua": ["Cờ thi đua"],
}
_WORDS = ["một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"]


@st.composite
def grants(draw: st.DrawFn) -> tuple[str, list[tuple[str | None, str, str, int]]]:
    """A sentence of one to three grants and the rows it states."""
    issuers = draw(st.lists(st.sampled_from(_ISSUERS), min_size=1, max_size=3, unique=True))
    clauses: list[str] = []
    rows: list[tuple[str | None, str, str, int]] = []
    for issuer in issuers:
        first = len(rows)
        form = draw(st.sampled_from(sorted(_FORMS_WRITTEN)))
        written = draw(st.sampled_from(_FORMS_WRITTEN[form]))
        kinds = draw(
            st.sampled_from(
                [["tập thể"], ["cá nhân"], ["tập thể", "cá nhân"], ["cá nhân", "tập thể"]]
            )
        )
        style = draw(st.sampled_from(["digits", "padded", "words"]))
        parts = []
        for kind in kinds:
            count = draw(st.integers(1, 10 if style == "words" else 99))
            shown = (
                _WORDS[count - 1]
                if style == "words"
                else f"{count:02d}"
                if style == "padded"
                else str(count)
            )
            parts.append(f"{shown} {kind}")
            rows.append((issuer, form, "collective" if kind == "tập thể" else "individual", count))
        joiner = draw(st.sampled_from([" và ", ", "]))
        recipients = joiner.join(parts)
        if draw(st.booleans()) and len(kinds) == 2:  # one number over both kinds
            count = draw(st.integers(2, 99))
            del rows[-2:]
            rows.append((issuer, form, "unspecified", count))
            recipients = f"{count} lượt tập thể, cá nhân"
        elif draw(st.integers(0, 9)) == 0:  # one named recipient
            del rows[-len(kinds) :]
            named, kind = draw(
                st.sampled_from(
                    [
                        ("Công an xã Tân Lập", "collective"),
                        ("Nhân dân và cán bộ thôn Phú Xuân", "collective"),
                        ("ông Lê Văn Bình", "individual"),
                    ]
                )
            )
            rows.append((issuer, form, kind, 1))
            recipients = named
        verb = draw(st.sampled_from(["tặng", "trao", "trao tặng", "đã tặng", "đã trao"]))
        shape = draw(st.sampled_from(["active", "passive", "of", "on behalf"]))
        if shape == "active":
            clauses.append(f"{issuer} {verb} {written} cho {recipients}")
            if verb in ("trao", "đã trao") and not issuer.startswith(_BODIES):
                # "Chủ tịch UBND tỉnh trao ...": a person's title hands over, no issuer
                rows[first:] = [(None, *row[1:]) for row in rows[first:]]
        elif shape == "passive" and not recipients.startswith("ông"):
            clauses.append(f"{recipients} được {issuer} {verb.removeprefix('đã ')} {written}")
        elif shape == "on behalf":
            clauses.append(
                f"Thừa ủy quyền của {issuer}, Đại tá Nguyễn Văn An, Phó Giám đốc Công an tỉnh "
                f"{verb} {written} cho {recipients}"
            )
        else:
            clauses.append(f"Đại diện lãnh đạo {verb} {written} của {issuer} cho {recipients}")
    opening = draw(st.sampled_from(["", "Dịp này, ", "Tại ngày hội, ", "Nhân dịp này, "]))
    tail = draw(st.sampled_from(["", " có thành tích xuất sắc", " có thành tích trong phong trào"]))
    # Grants follow one another after "; " or ", " (but a passive grant after a list of
    # counts takes "; ": "cho 1 tập thể, 1 cá nhân, 1 tập thể được ..." is ambiguous).
    comma = draw(st.booleans())
    sentence = opening + clauses[0]
    for clause in clauses[1:]:
        passive = " được " in clause and not clause.startswith("Thừa")
        sentence += ("; " if passive or not comma else ", ") + clause
    sentence += tail + "."
    # What the genre writes around grants, none of it a grant line of its own.
    before = draw(
        st.lists(
            st.sampled_from(
                [
                    f"Năm 2022, xã được {issuers[0]} tặng Bằng khen.",
                    "Ban tổ chức trao 30 suất quà cho các hộ nghèo.",
                    "Xã có 12 tổ tự quản và 45 camera an ninh.",
                    "Sáng 15/8/2024, xã Tân Lập tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc.",
                    "Giai đoạn 2019 - 2024, xã có 9 tập thể được các cấp khen thưởng.",
                ]
            ),
            max_size=3,
            unique=True,
        )
    )
    after = draw(
        st.lists(
            st.sampled_from(
                [
                    f"Ảnh: Lãnh đạo trao {_FORMS_WRITTEN[rows[0][1]][0]} cho các tập thể, cá nhân.",
                    "Đồn Biên phòng tặng 20 xe đạp cho học sinh.",
                ]
            ),
            max_size=2,
            unique=True,
        )
    )
    return " ".join([*before, sentence, *after]), rows


class TestGrammar:
    """Grants written every way the genre writes them are read back exactly."""

    @settings(max_examples=300, deadline=None)
    @given(grants())
    def test_rows_read_back(self, case: tuple[str, list[tuple[str, str, str, int]]]) -> None:
        text, rows = case
        found = [
            (a.issuer, a.form, a.recipient_kind.value, a.count)
            for a in extract(text, year=2024).awards
        ]
        assert found == rows, text


_FAMILIES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Lý"]
_MIDDLES = ["Văn", "Thị", "Minh", "Hữu", "Thanh", "Đức", "Quốc", "Thị Thu", "Ngọc"]
_GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Lan", "Nam", "Phúc", "Quang", "Tâm", "Vinh"]
_TITLES = [
    "Phó Chủ tịch UBND tỉnh",
    "Chủ tịch UBND huyện Tam Dương",
    "Giám đốc Công an tỉnh",
    "Phó Trưởng Công an thành phố",
    "Bí thư Đảng ủy xã",
    "Trưởng Ban Dân vận Huyện ủy",
    "Chủ tịch Ủy ban MTTQ Việt Nam xã",
    "Phó Bí thư Thường trực Huyện ủy, Chủ tịch HĐND huyện",
    "Tỉnh ủy viên, Giám đốc Công an tỉnh",
    "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh",
    "Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo phong trào tỉnh",
    "Tổ trưởng tổ dân phố 3",
    "Chính ủy Bộ đội Biên phòng tỉnh",
    "nguyên Chủ tịch UBND xã",
]


@st.composite
def guests(draw: st.DrawFn) -> tuple[str, list[tuple[str, str | None, str]]]:
    """A list of guests as the genre opens with it, and the officials it names."""
    people = draw(
        st.lists(
            st.tuples(
                st.sampled_from(_FAMILIES), st.sampled_from(_MIDDLES), st.sampled_from(_GIVEN)
            ),
            min_size=1,
            max_size=4,
            unique_by=lambda p: p[0],
        )
    )
    pieces: list[str] = []
    rows: list[tuple[str, str | None, str]] = []
    for family, middle, personal in people:
        name = f"{family} {middle} {personal}"
        title = draw(st.sampled_from(_TITLES))
        prefix = draw(st.sampled_from(["ông", "bà", "đồng chí", "Đại tá", "Thượng tá", ""]))
        separator = draw(st.sampled_from([", ", " – ", " - ", " (", "title first"]))
        if separator == "title first" and "," not in title:
            pieces.append(f"{title} {name}")  # "Phó Chủ tịch UBND tỉnh Nguyễn Văn An"
            rows.append((name, None, title))
            continue
        separator = ", " if separator == "title first" else separator
        closing = ")" if separator == " (" else ""
        pieces.append(f"{prefix} {name}{separator}{title}{closing}".strip())
        rows.append((name, prefix if prefix in ("ông", "bà") else None, title))
    opening = draw(st.sampled_from(["Dự ngày hội có ", "Tham dự có ", "Đến dự có ", "Về dự có "]))
    ending = draw(st.sampled_from([".", " cùng đông đảo Nhân dân.", "; đại diện các ban, ngành."]))
    return opening + "; ".join(pieces) + ending, rows


class TestGuestGrammar:
    """Lists of guests written every way the genre writes them are read back exactly."""

    @settings(max_examples=300, deadline=None)
    @given(guests())
    def test_officials_read_back(self, case: tuple[str, list[tuple[str, str | None, str]]]) -> None:
        text, rows = case
        found = [
            (o.name, o.honorific.label if o.honorific else None, o.title)
            for o in extract(text).officials
        ]
        assert found == rows, text


class TestCorpusVariants:
    """The development reports with their numbers changed: the counts follow the text."""

    @settings(max_examples=60, deadline=None)
    @given(st.data())
    def test_counts_follow_the_text(
        self, reports: list[dict[str, Any]], data: st.DataObject
    ) -> None:
        read = {
            id(gold): [row(a) for a in extract(gold["text"]).annotation()["awards"]]
            for gold in reports
        }
        counted = [  # rows read right: with their number changed, they stay read right
            (gold, award)
            for gold in reports
            for award in gold["awards"]
            if award["count"] is not None
            and row(award) in read[id(gold)]
            and len(re.findall(rf"\b0?{award['count']}\s+(?:tập thể|cá nhân)", award["text_span"]))
            == 1
        ]
        gold, award = data.draw(st.sampled_from(counted))
        number = re.search(rf"\b0?{award['count']}(?=\s+(?:tập thể|cá nhân))", award["text_span"])
        assert number is not None
        new = data.draw(st.integers(2, 99).filter(lambda n: n != award["count"]))
        written = f"{new:02d}" if number.group(0).startswith("0") else str(new)
        span = award["text_span"]
        changed_span = span[: number.start()] + written + span[number.end() :]
        text = gold["text"].replace(span, changed_span)
        rows = Counter(row(a) for a in extract(text).annotation()["awards"])
        expected = Counter(row(a) for a in extract(gold["text"]).annotation()["awards"])
        expected[row(award)] -= 1
        expected[(*row(award)[:3], new)] += 1
        assert rows == +expected, (span, changed_span)
