"""The extractor's pipeline: a report's text through every reader into an Extraction."""

from __future__ import annotations

import datetime as dt

import attrs

from antq.extractor import dates as _dates
from antq.extractor import kind as _kind
from antq.extractor import models as _models
from antq.extractor import people as _people
from antq.extractor import places as _places
from antq.extractor._dataset import as_dataset
from antq.extractor._doc import Doc
from antq.extractor.awards import read_awards
from antq.extractor.repeats import drop_repeats
from antq.extractor.result import ExtractedAward, Extraction
from antq.model import PartialDate
from antq.rules import Context
from antq.rules import validate as _validate

__all__ = ["extract"]

_MAX_CHARS = 2_000_000


def extract(
    text: str,
    *,
    published_on: dt.date | None = None,
    year: int | None = None,
    validate: bool = False,
    id_prefix: str = "",
) -> Extraction:
    """Read a Vietnamese report into an :class:`Extraction`.

    Args:
        text: the report (any text: empty, English or garbage gives an empty result).
        published_on: the publication date; anchors "sáng nay" and years left out.
        year: the year to assume when the text gives none (default: from *published_on*).
        validate: also run antq's rules on the result (``Extraction.report``).
        id_prefix: put before every record id ("r12/" gives "r12/award-1"), so that
            the records of many reports can share one stream.

    Raises:
        ValueError: the text is longer than two million characters.
    """
    if len(text) > _MAX_CHARS:
        raise ValueError(
            f"the text has {len(text):,} characters; antq reads at most {_MAX_CHARS:,}"
        )
    doc = Doc.of(text)
    view = doc.view
    kind, plan = _kind.read_kind(view)
    event_date, phrase = _dates.read_date(view, plan, published_on)
    the_year = year or (event_date.year if event_date is not None and event_date.year else None)
    if the_year is None and published_on is not None:
        the_year = published_on.year
    commune, district, province = (
        None if found is None else doc.written(found[0], max(found[1], 0))
        for found in (
            _places.read_place(_places.COMMUNE, view),
            _places.read_place(_places.DISTRICT, view),
            _places.read_place(_places.PROVINCE, view),
        )
    )
    officials = _people.read_officials(doc)
    models = _models.read_models(doc)
    awards = [] if plan else [_written(doc, a) for a in drop_repeats(read_awards(view, the_year))]
    pilot = True if _kind.PILOT.search(view) else None
    held_on = event_date
    if isinstance(event_date, PartialDate) and event_date.year is None and the_year is not None:
        try:
            held_on = dt.date(the_year, event_date.month or 0, event_date.day or 0)
        except ValueError:
            held_on = event_date
    part = phrase.part_of_day if phrase else None
    dataset = as_dataset(
        doc.text,
        kind=kind,
        date=held_on,
        part=part,
        pilot=pilot,
        places=(commune, district, province),
        officials=officials,
        models=models,
        awards=awards,
        published_on=published_on,
        id_prefix=id_prefix,
    )
    return Extraction(
        text=doc.text,
        dataset=dataset,
        report=_validate(dataset, Context()) if validate else None,
        event_kind=kind,
        is_plan=plan,
        event_date=event_date,
        part_of_day=part,
        is_pilot=pilot,
        commune=commune,
        district=district,
        province=province,
        officials=tuple(officials),
        models=tuple(models),
        awards=tuple(awards),
    )


def _written(doc: Doc, award: ExtractedAward) -> ExtractedAward:
    """A grant line read in the view, with its words as the text writes them."""
    start, end = award.span
    return attrs.evolve(
        award,
        issuer=None if award.issuer is None else doc.written(award.issuer, start, end),
        presenter=None if award.presenter is None else doc.written(award.presenter, start, end),
        text=doc.text[start:end],
    )
