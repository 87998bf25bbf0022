"""The grant lines of an extraction as a short table for a clerk to check."""

from __future__ import annotations

from antq.extractor.result import Extraction
from antq.messages import DEFAULT_LANG, Lang, Message, check_lang, shown

__all__ = ["review_table"]

_HEADINGS = ("issuer", "form", "recipients", "count", "check")


def review_table(extraction: Extraction, *, lang: Lang = DEFAULT_LANG) -> str:
    """The grant lines, one a row, with the reasons to check each (Vietnamese or English).

    Raises:
        ValueError: antq has no messages in *lang*.
    """
    check_lang(lang)
    if not extraction.awards:
        return Message("extract.no_lines").text(lang=lang) + "\n"
    none = Message("word.not_stated").text(lang=lang)
    headings = ["#", *(Message(f"extract.heading.{h}").text(lang=lang) for h in _HEADINGS)]
    rows = [tuple(headings)]
    for n, a in enumerate(extraction.awards, start=1):
        forms = a.form  # a form's name is Vietnamese in either language ("Giấy khen")
        rows.append(
            (
                str(n),
                a.issuer or none,
                forms or none,
                str(shown(a.recipient_kind, lang)),
                none if a.count is None else str(a.count),
                "; ".join(str(shown(d, lang)) for d in a.doubts) or "—",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines) + "\n"
