"""What the extractor gives back: grant lines, officials, and the whole extraction."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from antq.dataset import Dataset
from antq.model import PartialDate
from antq.rules import Report
from antq.vocab import AwardForm, Doubt, EventKind, Honorific, PartOfDay, Rank, RecipientKind

__all__ = ["CORPUS_KINDS", "ExtractedAward", "ExtractedOfficial", "Extraction", "to_annotation"]


@attrs.frozen
class ExtractedAward:
    """A grant line as read from the text, with the span it came from.

    ``forms`` is empty when the text says only "khen thưởng", and holds several forms
    when one count spans them ("Bằng khen và Giấy khen"). ``presenter`` is whoever
    handed the award over when the text names someone other than the issuer ("Giám đốc
    Công an tỉnh đã trao bằng khen của Bộ trưởng ..."). ``doubts`` say what a clerk
    should check. ``text`` is ``Extraction.text[span[0]:span[1]]``.
    """

    issuer: str | None
    forms: tuple[AwardForm, ...]
    recipient_kind: RecipientKind
    count: int | None
    span: tuple[int, int]
    text: str
    presenter: str | None = None
    doubts: tuple[Doubt, ...] = ()

    @property
    def form(self) -> str | None:
        """The forms as the corpus writes them ("Giấy khen", "Bằng khen và Giấy khen")."""
        return " và ".join(f.label for f in self.forms) if self.forms else None


@attrs.frozen
class ExtractedOfficial:
    """A named person with a position, as read from the text."""

    name: str
    honorific: Honorific | None
    title: str
    span: tuple[int, int]
    rank: Rank | None = None


@attrs.frozen
class Extraction:
    """What a report says, as antq data.

    ``event_*`` fields, ``officials``, ``models`` and ``awards`` keep the text's words
    and spans (offsets into ``text``, the report in NFC); ``dataset`` is the same as
    antq records. ``report`` holds the rules' findings when :func:`~antq.extractor.extract`
    was asked to validate (``validate=True``), else None. ``is_plan`` is true for a plan
    or guidance, which gives no grant lines.
    """

    text: str
    dataset: Dataset
    report: Report | None
    event_kind: EventKind | None
    is_plan: bool
    event_date: dt.date | PartialDate | None
    part_of_day: PartOfDay | None
    is_pilot: bool | None
    commune: str | None
    district: str | None
    province: str | None
    officials: tuple[ExtractedOfficial, ...]
    models: tuple[str, ...]
    awards: tuple[ExtractedAward, ...]

    def annotation(self) -> dict[str, Any]:
        """The result in the corpus annotation format (see :func:`to_annotation`)."""
        return to_annotation(self)


#: The corpus's names for the event kinds (the rest are the vocabulary's values).
CORPUS_KINDS = {EventKind.REVIEW_CONFERENCE: "conference", EventKind.MODEL_LAUNCH: "launch"}


def to_annotation(extraction: Extraction) -> dict[str, Any]:
    """*extraction* in the corpus annotation format (keys event, officials, models, awards).

    The format knows three recipient kinds, so a household is written as a collective.
    """
    date = extraction.event_date
    kind = (
        "plan"
        if extraction.is_plan
        else None
        if extraction.event_kind is None
        else CORPUS_KINDS.get(extraction.event_kind, extraction.event_kind.value)
    )
    return {
        "event": {
            "kind": kind,
            "date": None
            if date is None
            else (date.isoformat() if isinstance(date, dt.date) else str(date)),
            "part_of_day": extraction.part_of_day.value if extraction.part_of_day else None,
            "locality": {
                "commune": extraction.commune,
                "district": extraction.district,
                "province": extraction.province,
            },
            "is_pilot": extraction.is_pilot,
        },
        "officials": [
            {
                "name": o.name,
                "honorific": o.honorific.label if o.honorific else None,
                "title": o.title,
            }
            for o in extraction.officials
        ],
        "models": list(extraction.models),
        "awards": [
            {
                "issuer": a.issuer,
                "form": a.form,
                "recipient_kind": RecipientKind.COLLECTIVE.value
                if a.recipient_kind is RecipientKind.HOUSEHOLD
                else a.recipient_kind.value,
                "count": a.count,
                "text_span": a.text,
            }
            for a in extraction.awards
        ],
    }
