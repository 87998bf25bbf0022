"""What kind of occasion a report is about, and whether it is a plan or a showcase."""

from __future__ import annotations

import re

from antq.extractor._rule import rule
from antq.extractor.awards import FORM_NAMED
from antq.vocab import EventKind

__all__ = ["PILOT", "SENTENCE", "read_kind"]

SENTENCE = rule(
    "kind.sentence_end",
    r"(?<=[.!?])\s+|\n+",
    produces="where a sentence ends",
    examples=("Một. Hai",),
)
PILOT = rule(
    "kind.pilot",
    r"\b(?:ngày hội điểm|làm điểm|tổ chức điểm|điểm ngày hội|chọn làm điểm)",
    produces="a showcase festival",
    examples=("Ngày hội điểm toàn dân", "được chọn làm điểm"),
    flags=re.IGNORECASE,
)
OTHER_DAYS = rule(
    "kind.other_days",
    r"ngày hội (?:biên phòng|văn hoá|thể thao|đại đoàn kết)",
    produces="another movement's day",
    examples=("ngày hội biên phòng toàn dân",),
)
MOVEMENT = rule(
    "kind.movement",
    r"an ninh tổ quốc|antq\b|bảo vệ an ninh",
    produces="the movement named (in a lowered text)",
    examples=("bảo vệ an ninh tổ quốc",),
)
# A plan, not an occasion: "UBND tỉnh vừa ban hành kế hoạch tổ chức Ngày hội ...".
PLAN = rule(
    "kind.plan",
    r"(?i)\b(?:ban hành|triển khai|xây dựng|phê duyệt|có)\s+(?:văn bản\s+|công văn\s+)?"
    r"(?:kế hoạch|hướng dẫn)\b|^\W*kế hoạch\b",
    produces="a plan or guidance",
    examples=("UBND tỉnh vừa ban hành kế hoạch tổ chức Ngày hội",),
)
# The sentence that says what took place: "..., xã X tổ chức Ngày hội ...".
OCCASION = rule(
    "kind.occasion",
    r"(?i)\b(?:tổ chức|diễn ra|ra mắt|khai mạc|long trọng)\b",
    produces="the lead sentence's verb of holding",
    examples=("xã X tổ chức Ngày hội",),
)
# The festival as the occasion, not "19 năm Ngày hội" or "Hưởng ứng Ngày hội".
FESTIVAL_HELD = rule(
    "kind.festival_held",
    r"(?i)(?<!năm )(?<!hưởng ứng )(?<!chào mừng )\bngày hội\b",
    produces="the festival as the occasion",
    examples=("tổ chức Ngày hội",),
    counter_examples=("kỷ niệm 19 năm ngày hội",),
)
_LEAD_KINDS = (
    (
        rule(
            "kind.conference",
            r"(?i)\bhội nghị\b",
            produces="a review conference",
            examples=("Hội nghị sơ kết",),
        ),
        EventKind.REVIEW_CONFERENCE,
    ),
    (
        rule("kind.launch", r"(?i)\bra mắt\b", produces="a model launch", examples=("ra mắt",)),
        EventKind.MODEL_LAUNCH,
    ),
    (
        rule(
            "kind.ceremony",
            r"(?i)\b(?:lễ|buổi lễ|gặp mặt|khen thưởng|trao tặng|trao)\b",
            produces="an award ceremony",
            examples=("Lễ trao Kỷ niệm chương",),
        ),
        EventKind.AWARD_CEREMONY,
    ),
)


def _lead_kind(view: str) -> EventKind | None:
    """The kind the lead sentence names, if it names one."""
    lead = next((s for s in SENTENCE.split(view[:1500]) if OCCASION.search(s)), None)
    if lead is None:
        return None
    if FESTIVAL_HELD.search(lead) and not OTHER_DAYS.search(lead.lower()):
        return EventKind.FESTIVAL
    return next((kind for pattern, kind in _LEAD_KINDS if pattern.search(lead)), None)


def read_kind(view: str) -> tuple[EventKind, bool]:
    """The occasion's kind, and whether the report is a plan (a plan's kind is OTHER)."""
    lowered = view.lower()
    first = SENTENCE.split(view.lstrip(), maxsplit=1)[0][:400]
    if PLAN.search(first):
        return EventKind.OTHER, True
    led = _lead_kind(view)
    if led is not None and not (led is EventKind.FESTIVAL and OTHER_DAYS.search(lowered)):
        return led, False
    if "ngày hội" in lowered and (MOVEMENT.search(lowered) or not OTHER_DAYS.search(lowered)):
        return EventKind.FESTIVAL, False  # a border guards' or culture day is another's
    if "kế hoạch" in lowered[:300]:
        return EventKind.OTHER, True
    if FORM_NAMED.search(view):
        return EventKind.AWARD_CEREMONY, False
    return EventKind.OTHER, False
