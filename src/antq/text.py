"""Vietnamese text: NFC storage, fold keys, tone styles, names, counts, abbreviations.

Data is stored exactly as given, in NFC. Matching goes through :func:`fold`, which
unifies what differs only in encoding or convention: NFC vs NFD, case, runs of
whitespace, and the two tone-mark placements ("hòa"/"hoà", "thủy"/"thuỷ").
"""

from __future__ import annotations

import re
import types
import unicodedata
from collections.abc import Mapping

import attrs

from antq._normal import TONES as _TONES
from antq._normal import WORD as _WORD
from antq._normal import fold, is_nfc, nfc
from antq.errors import TextError
from antq.messages import Message
from antq.vocab import ToneStyle

__all__ = [
    "ABBREVIATIONS",
    "APPROXIMATE_WORDS",
    "DIGIT_WORDS",
    "Abbreviation",
    "CountError",
    "count_words",
    "expand_abbreviations",
    "fold",
    "is_nfc",
    "nfc",
    "parse_count",
    "to_tone_style",
]

# ------------------------------------------------------------------- tone styles

# The open syllables whose tone placement differs between the styles: the tone sits on
# the first vowel in the old style (hòa, hòe, thủy) and on the second in the new one.
_RESTYLED_ENDINGS = ("oa", "oe", "uy")


def _restyle(match: re.Match[str], style: ToneStyle) -> str:
    syllable = match.group(0)
    tones = [ch for ch in syllable if ch in _TONES]
    if len(tones) != 1:
        return syllable
    base = [ch for ch in syllable if ch not in _TONES]
    letters = [i for i, ch in enumerate(base) if not unicodedata.combining(ch)]
    if len(letters) < 2 or letters[-1] != len(base) - 1 or letters[-2] != len(base) - 2:
        return syllable  # the last two letters carry shape marks (ô, ơ, ă...): not oa/oe/uy
    plain = "".join(base[i] for i in letters).lower()
    if not plain.endswith(_RESTYLED_ENDINGS) or plain.endswith("quy"):
        return syllable  # in "quy" the u belongs to the onset: quý in both styles
    at = len(base) - (2 if style is ToneStyle.OLD else 1)
    return "".join(base[: at + 1]) + tones[0] + "".join(base[at + 1 :])


def to_tone_style(text: str, style: ToneStyle) -> str:
    """Rewrite *text* with the tone marks of oa, oe, uy placed in *style* (NFC out).

    ``to_tone_style("Khánh Hòa", ToneStyle.NEW) == "Khánh Hoà"``; other syllables,
    such as "hoàng" or "quý", are the same in both styles and stay as they are.
    """
    decomposed = unicodedata.normalize("NFD", text)
    restyled = _WORD.sub(lambda match: _restyle(match, style), decomposed)
    return unicodedata.normalize("NFC", restyled)


# ------------------------------------------------------------------------ counts


class CountError(TextError):
    """A text that is not an exact count."""

    @property
    def message(self) -> Message:
        """The text and why it is no count."""
        return Message("error.count", {"text": repr(self.text), "reason": self.why})


#: The digits 0-9 as words, in order ("không" … "chín").
DIGIT_WORDS: tuple[str, ...] = (
    "không",
    "một",
    "hai",
    "ba",
    "bốn",
    "năm",
    "sáu",
    "bảy",
    "tám",
    "chín",
)
_UNITS = {word: value for value, word in enumerate(DIGIT_WORDS)} | {
    "tư": 4,
    "bẩy": 7,
    "lăm": 5,
    "nhăm": 5,
    "mốt": 1,
}
_PLAIN_DIGITS = frozenset({"một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "bẩy", "tám", "chín"})
_NUMERAL = re.compile(r"\d+|\d{1,3}(?:\.\d{3})+")
#: Words that make the number after them rough ("gần 180", "hơn 20").
APPROXIMATE_WORDS: tuple[str, ...] = (
    "gần",
    "hơn",
    "khoảng",
    "trên",
    "dưới",
    "hàng",
    "hàng chục",
    "hàng trăm",
    "vài",
)


def count_words(n: int) -> str:
    """Write 0–999 in Vietnamese words: 21 → "hai mươi mốt", 105 → "một trăm linh năm"."""
    if not 0 <= n <= 999:
        raise ValueError(f"count_words takes 0..999, got {n}")
    if n == 0:
        return "không"
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words = [DIGIT_WORDS[hundreds], "trăm"] if hundreds else []
    if tens == 0 and units:
        words += ["linh", DIGIT_WORDS[units]] if hundreds else [DIGIT_WORDS[units]]
    elif tens == 1:
        words += ["mười"] + (["lăm" if units == 5 else DIGIT_WORDS[units]] if units else [])
    elif tens >= 2:
        unit_word = {1: "mốt", 4: "tư", 5: "lăm"}.get(units, DIGIT_WORDS[units])
        words += [DIGIT_WORDS[tens], "mươi"] + ([unit_word] if units else [])
    return " ".join(words)


def _below_hundred(words: list[str], text: str, after_hundred: bool) -> int:
    if not words:
        return 0
    if words[0] in ("linh", "lẻ"):
        if not after_hundred or len(words) != 2 or words[1] not in _PLAIN_DIGITS | {"tư"}:
            raise CountError(text, Message("count.linh"))
        return _UNITS[words[1]]
    if words[0] == "mười":
        if len(words) == 1:
            return 10
        if len(words) == 2 and words[1] in _PLAIN_DIGITS | {"lăm"}:
            return 10 + _UNITS[words[1]]
    elif len(words) >= 2 and words[1] == "mươi" and words[0] in _PLAIN_DIGITS - {"một"}:
        tens = _UNITS[words[0]] * 10
        if len(words) == 2:
            return tens
        if len(words) == 3 and words[2] in _UNITS and words[2] != "không":
            return tens + _UNITS[words[2]]
    elif len(words) == 1 and words[0] in _UNITS and words[0] not in ("lăm", "nhăm", "mốt"):
        if after_hundred:
            raise CountError(text, Message("count.ambiguous"))
        return _UNITS[words[0]]
    raise CountError(text, Message("count.unreadable", {"words": repr(" ".join(words))}))


def _below_thousand(words: list[str], text: str) -> int:
    if "trăm" in words:
        at = words.index("trăm")
        if at != 1 or words[0] not in _UNITS or words[0] in ("lăm", "nhăm", "mốt", "tư"):
            raise CountError(text, Message("count.hundred"))
        return _UNITS[words[0]] * 100 + _below_hundred(words[2:], text, after_hundred=True)
    return _below_hundred(words, text, after_hundred=False)


def parse_count(text: str) -> int:
    """Read an exact count as written: "01", "12", "1.200", "mười hai", "hai mươi mốt".

    Raises:
        CountError: the text is approximate ("gần 180", "hàng chục"), ambiguous
            ("một trăm hai") or not a number.
    """
    words = nfc(text).lower().split()  # number words have no oa/oe/uy: no tone-style issue
    if not words:
        raise CountError(text, Message("count.empty"))
    if words[0] in APPROXIMATE_WORDS or " ".join(words[:2]) in APPROXIMATE_WORDS:
        raise CountError(text, Message("count.approximate"))
    if len(words) == 1 and _NUMERAL.fullmatch(words[0]):
        return int(words[0].replace(".", ""))
    for thousand in ("nghìn", "ngàn"):
        if thousand in words:
            at = words.index(thousand)
            high = _below_thousand(words[:at], text)
            if high == 0:
                raise CountError(text, Message("count.thousand", {"word": thousand}))
            return high * 1000 + _below_thousand(words[at + 1 :], text)
    return _below_thousand(words, text)


# ----------------------------------------------------------------- abbreviations


@attrs.frozen
class Abbreviation:
    """An abbreviation of the movement's texts, its Vietnamese expansion and a gloss."""

    short: str
    expansion: str
    gloss: str


_ABBREVIATION_ROWS = (
    ("ANTQ", "an ninh Tổ quốc", "national security"),
    ("ANTT", "an ninh, trật tự", "security and order"),
    ("ANND", "an ninh nhân dân", "people's security"),
    ("BCA", "Bộ Công an", "Ministry of Public Security"),
    ("BCĐ", "Ban Chỉ đạo", "steering committee (BCĐ 138: crime prevention and the movement)"),
    ("BVANTQ", "bảo vệ an ninh Tổ quốc", "protecting national security"),
    ("CAND", "Công an nhân dân", "People's Public Security (the police)"),
    ("HĐND", "Hội đồng nhân dân", "People's Council"),
    ("KDC", "khu dân cư", "residential area"),
    ("MTTQ", "Mặt trận Tổ quốc", "Fatherland Front"),
    ("PCCC", "phòng cháy, chữa cháy", "fire prevention and fighting"),
    ("PCTP", "phòng, chống tội phạm", "crime prevention"),
    ("QĐ", "quyết định", "decision"),
    ("TDBVANTQ", "Toàn dân bảo vệ an ninh Tổ quốc", "all people protect national security"),
    ("TĐKT", "thi đua, khen thưởng", "emulation and commendation"),
    ("TDP", "tổ dân phố", "residential group"),
    ("TNXH", "tệ nạn xã hội", "social evils"),
    ("TTATXH", "trật tự, an toàn xã hội", "social order and safety"),
    ("UBND", "Ủy ban nhân dân", "People's Committee"),
)

#: Known abbreviations by their short form (read-only).
ABBREVIATIONS: Mapping[str, Abbreviation] = types.MappingProxyType(
    {short: Abbreviation(short, expansion, gloss) for short, expansion, gloss in _ABBREVIATION_ROWS}
)
_ABBREVIATION = re.compile(
    r"(?<![\w\u0300-\u036f])("
    + "|".join(sorted(map(re.escape, ABBREVIATIONS), key=len, reverse=True))
    + r")(?![\w\u0300-\u036f])"
)


def expand_abbreviations(text: str) -> str:
    """Replace each known abbreviation standing as a whole word by its expansion.

    Matching is case-sensitive, since abbreviations are written in capitals
    ("phong trào TDBVANTQ" → "phong trào Toàn dân bảo vệ an ninh Tổ quốc").
    """
    return _ABBREVIATION.sub(lambda match: ABBREVIATIONS[match.group(1)].expansion, nfc(text))
