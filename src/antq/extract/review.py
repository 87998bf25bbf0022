"""The grant lines of an extraction as a short table for a clerk to check."""

from __future__ import annotations

from antq.extract.result import Extraction
from antq.vocab import Vocab

__all__ = ["review_table"]

_HEADINGS = {
    "vi": ("#", "cơ quan khen", "hình thức", "đối tượng", "số lượng", "cần kiểm tra"),
    "en": ("#", "issuer", "form", "recipients", "count", "check"),
}
_NONE = {"vi": "chưa rõ", "en": "not stated"}
_EMPTY = {"vi": "Không đọc được dòng khen thưởng nào.", "en": "No grant lines were read."}


def _word(member: Vocab, lang: str) -> str:
    return member.label if lang == "vi" else member.gloss


def review_table(extraction: Extraction, lang: str = "vi") -> str:
    """The grant lines, one a row, with the reasons to check each (Vietnamese or English).

    Raises:
        ValueError: *lang* is neither "vi" nor "en".
    """
    if lang not in _HEADINGS:
        raise ValueError(f"unknown language {lang!r}: use 'vi' or 'en'")
    if not extraction.awards:
        return _EMPTY[lang] + "\n"
    rows = [_HEADINGS[lang]]
    for n, a in enumerate(extraction.awards, start=1):
        forms = a.form  # a form's name is Vietnamese in either language ("Giấy khen")
        rows.append(
            (
                str(n),
                a.issuer or _NONE[lang],
                forms or _NONE[lang],
                _word(a.recipient_kind, lang),
                _NONE[lang] if a.count is None else str(a.count),
                "; ".join(_word(d, lang) for d in a.doubts) or "—",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines) + "\n"
