"""The document as the rules see it: a folded view with the same offsets as the text.

Every pattern of the extractor is written once, in the modern tone style ("uỷ", "hoà"),
and matched against :attr:`Doc.view`, in which every word is restyled that way. A word
is restyled only when its length stays the same, so an offset in the view is the same
offset in the text: the offset map back to the original is the identity by
construction, and :meth:`Doc.written` gives any value of the view back as the report
spelled it. A run of more than 40 letters, which no word of a report is, is blanked in
the view, so no pattern backtracks through it.
"""

from __future__ import annotations

import functools
import re

import attrs

from antq.text import nfc, to_tone_style
from antq.vocab import ToneStyle

__all__ = ["Doc", "compile_pattern", "view_of"]

_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=1 << 15)
def _restyled(word: str) -> str:
    new = to_tone_style(word, ToneStyle.NEW)
    return new if len(new) == len(word) else word


_LONGEST_WORD = 40  # letters: no word of a report is longer; garbage, a base64 blob can be


def _word_of_view(match: re.Match[str]) -> str:
    word = match.group(0)
    if len(word) > _LONGEST_WORD:
        # A run of letters no word is as long as: blanked in the view, so that no pattern
        # backtracks through it (a 200,000-letter run made some of them quadratic).
        return "·" * len(word)
    return _restyled(word)


def view_of(text: str) -> str:
    """The folded view of NFC *text*: the same length, tone marks in the modern style.

    A run of more than 40 letters, which no report's word is, is blanked (``·``).
    """
    return _WORD.sub(_word_of_view, text)


def compile_pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a pattern written in either tone style for matching against a view."""
    restyled = _WORD.sub(lambda match: _restyled(match.group(0)), nfc(source))
    return re.compile(restyled, flags)  # nothing blanked: "[A-ZĐÀÁ…]" is one long "word"


@attrs.frozen
class Doc:
    """A report: its NFC text and the folded view the rules match against."""

    text: str
    view: str

    @classmethod
    def of(cls, text: str) -> Doc:
        """The document of *text* (NFC; NUL bytes become spaces)."""
        clean = nfc(text.replace("\x00", " "))
        return cls(text=clean, view=view_of(clean))

    def written(self, value: str, start: int = 0, end: int | None = None) -> str:
        """*value*, read in the view between *start* and *end*, as the text spells it."""
        at = self.view.find(value, start, len(self.view) if end is None else end)
        return value if at < 0 else self.text[at : at + len(value)]
