"""Normalisation and fold keys: NFC storage and the keys text is matched by.

Kept apart from :mod:`antq.text` because the vocabulary (:mod:`antq.vocab`) matches its
labels with :func:`fold`, and the text helpers build on the vocabulary: this module
needs neither.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["TONES", "WORD", "fold", "is_nfc", "nfc"]

# The five Vietnamese tone marks as combining characters: grave (huyền), acute (sắc),
# hook above (hỏi), tilde (ngã), dot below (nặng). Vowel-shape marks (circumflex,
# breve, horn) are not tones and stay where they are.
TONES = frozenset("\u0300\u0301\u0309\u0303\u0323")
WORD = re.compile(r"[\w\u0300-\u036f]+")  # \w alone stops at combining marks
_SPACE = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Return *text* in Unicode normalization form C (the form antq stores)."""
    return unicodedata.normalize("NFC", text)


def is_nfc(text: str) -> bool:
    """Tell whether *text* is already in NFC."""
    return unicodedata.is_normalized("NFC", text)


def _tone_last(match: re.Match[str]) -> str:
    """Move a syllable's tone mark to its end, so that its placement no longer matters."""
    syllable = match.group(0)
    tones = [ch for ch in syllable if ch in TONES]
    if not tones:
        return syllable
    return "".join(ch for ch in syllable if ch not in TONES) + "".join(tones)


def fold(text: str, *, diacritics: bool = True) -> str:
    """Return a key that compares equal for spellings a reader takes as the same.

    The key unifies NFC/NFD, letter case, whitespace runs and tone-mark placement
    (old style "hòa, thủy" and new style "hoà, thuỷ"). With ``diacritics=False`` it
    also drops every diacritic and maps đ to d, for loose matching of text typed
    without accents. Keys are for comparison only; never store them as data.
    """
    return _fold(text, diacritics)


@functools.lru_cache(maxsize=1 << 16)  # names and labels repeat: fold each spelling once
def _fold(text: str, diacritics: bool) -> str:
    decomposed = unicodedata.normalize("NFD", text).casefold()
    decomposed = _SPACE.sub(" ", decomposed).strip()
    if diacritics:
        key = WORD.sub(_tone_last, decomposed)
    else:
        key = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        key = key.replace("đ", "d")
    return unicodedata.normalize("NFC", key)
