"""Read the movement's news reports into data: the event, officials, models and grant lines.

Rule-based and deterministic, built on :mod:`antq.text` and :mod:`antq.dates`. The
package holds one module per thing read (:mod:`~antq.extractor.awards`,
:mod:`~antq.extractor.people`, :mod:`~antq.extractor.places`, :mod:`~antq.extractor.dates`,
:mod:`~antq.extractor.kind`, :mod:`~antq.extractor.models`), each a list of named
:class:`Rule` objects with the phrases they are for, and one pass of named
:class:`Filter` steps for repeats and totals (:mod:`~antq.extractor.repeats`). Patterns
match a folded view of the report (tone style unified) whose offsets are the text's.

Every value keeps the character span it came from. Unknown stays unknown: a grant line
with no number has count ``None``, one with no stated kind is ``unspecified``. The same
award mentioned again (headline, lead, caption) is one grant line; awards of earlier
years are not grant lines.
"""

from __future__ import annotations

from antq.extractor._dataset import read_issuer
from antq.extractor._pipeline import extract
from antq.extractor._rule import Filter, Rule, filters, rules
from antq.extractor.result import ExtractedAward, ExtractedOfficial, Extraction
from antq.extractor.review import review_table

__all__ = [
    "ExtractedAward",
    "ExtractedOfficial",
    "Extraction",
    "Filter",
    "Rule",
    "extract",
    "filters",
    "read_issuer",
    "review_table",
    "rules",
]
