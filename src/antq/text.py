"""Vietnamese text: NFC storage, fold keys, tone styles, names, counts, abbreviations.

Data is stored exactly as given, in NFC. Matching goes through :func:`fold`, which
unifies what differs only in encoding or convention: NFC vs NFD, case, runs of
whitespace, and the two tone-mark placements ("hòa"/"hoà", "thủy"/"thuỷ").
"""

from __future__ import annotations

import functools
import re
import types
import unicodedata
from collections.abc import Mapping

import attrs

from antq.errors import TextError
from antq.messages import Message
from antq.vocab import Honorific, Rank, ToneStyle

__all__ = [
    "ABBREVIATIONS",
    "APPROXIMATE_WORDS",
    "COMMON_FAMILY_NAMES",
    "COMPOUND_FAMILY_NAMES",
    "DIGIT_WORDS",
    "Abbreviation",
    "CountError",
    "Denotation",
    "Mention",
    "NameParseError",
    "PersonName",
    "can_denote",
    "count_words",
    "expand_abbreviations",
    "fold",
    "gender_hint",
    "is_nfc",
    "nfc",
    "parse_count",
    "parse_mention",
    "split_name",
    "to_tone_style",
]

# The five Vietnamese tone marks as combining characters: grave (huyền), acute (sắc),
# hook above (hỏi), tilde (ngã), dot below (nặng). Vowel-shape marks (circumflex,
# breve, horn) are not tones and stay where they are.
_TONES = frozenset("\u0300\u0301\u0309\u0303\u0323")
_WORD = re.compile(r"[\w\u0300-\u036f]+")  # \w alone stops at combining marks
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
    tones = [ch for ch in syllable if ch in _TONES]
    if not tones:
        return syllable
    return "".join(ch for ch in syllable if ch not in _TONES) + "".join(tones)


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
        key = _WORD.sub(_tone_last, decomposed)
    else:
        key = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        key = key.replace("đ", "d")
    return unicodedata.normalize("NFC", key)


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


# ------------------------------------------------------------------------- names

#: Family names of two or more syllables, matched before the one-syllable rule.
COMPOUND_FAMILY_NAMES: tuple[str, ...] = (
    "Công Tằng Tôn Nữ",
    "Âu Dương",
    "Đông Phương",
    "Gia Cát",
    "Hoàng Phủ",
    "Nguyễn Phúc",
    "Thượng Quan",
    "Tôn Nữ",
    "Tôn Thất",
    "Tư Mã",
)

#: Common one-syllable family names (most Vietnamese people bear one of these), used to
#: tell where a name begins in running text ("Chủ tịch UBND quận Liên Chiểu Trần Thị Mai").
COMMON_FAMILY_NAMES: tuple[str, ...] = (
    *[
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Đào",
        "Đoàn",
    ],
    *[
        "Đinh",
        "Lương",
        "Trương",
        "Mai",
        "Cao",
        "Lâm",
        "Hà",
        "Tạ",
        "Trịnh",
        "Triệu",
        "Quách",
        "Tô",
        "Vương",
        "Lưu",
        "Châu",
        "Thái",
        "Kiều",
    ],
    *[
        "Chu",
        "La",
        "Phùng",
        "Tôn",
        "Thân",
        "Khổng",
        "Mạc",
        "Lò",
        "Hứa",
        "Nông",
        "Âu",
        "Lại",
        "Nghiêm",
        "Ma",
        "Sùng",
        "Thò",
        "Hầu",
        "Giàng",
    ],
)

_LONGEST_COMPOUND = max(len(name.split()) for name in COMPOUND_FAMILY_NAMES)


@functools.cache
def _compound_keys() -> tuple[tuple[str, ...], ...]:
    """Fold keys of the compound family names, longest first."""
    keys = (tuple(fold(word) for word in name.split()) for name in COMPOUND_FAMILY_NAMES)
    return tuple(sorted(keys, key=len, reverse=True))


@functools.cache
def _compound_starts() -> frozenset[str]:
    return frozenset(parts[0] for parts in _compound_keys())


def _family_size(words: list[str]) -> int:
    """How many of *words* the family name takes: 1, or a known compound's length."""
    if not words or fold(words[0]) not in _compound_starts():
        return 1  # most names: no compound begins with this syllable
    head = tuple(fold(word) for word in words[:_LONGEST_COMPOUND])
    for parts in _compound_keys():
        if head[: len(parts)] == parts and len(words) > len(parts):
            return len(parts)
    return 1


def _name_words(full: str, given_syllables: int) -> tuple[list[str], int]:
    """The name's syllables and its family name's size (what :func:`split_name` checks).

    Raises:
        NameParseError: fewer syllables than a family and a given name need.
    """
    words = nfc(full).split()
    family_size = _family_size(words)
    if given_syllables < 1 or len(words) < family_size + given_syllables:
        raise NameParseError(full, Message("text.name_too_short", {"n": given_syllables}))
    return words, family_size


class NameParseError(TextError):
    """A text that cannot be read as a person's name or mention."""


@attrs.frozen(kw_only=True)
class PersonName:
    """A full name split the Vietnamese way: family name, middle names, given name."""

    family: str
    middle: tuple[str, ...]
    given: str

    @property
    def full(self) -> str:
        """The name in its usual order."""
        return " ".join((self.family, *self.middle, self.given))

    def __str__(self) -> str:
        return self.full


def split_name(full: str, *, given_syllables: int = 1) -> PersonName:
    """Split a full name into family, middle and given names.

    The family name is the first syllable, or a known compound
    (:data:`COMPOUND_FAMILY_NAMES`); the given name is the last syllable, or the last
    *given_syllables* syllables for names like "Nguyễn Thị Mai Anh" (given "Mai Anh").

    Raises:
        NameParseError: fewer syllables than a family and a given name need.
    """
    words, family_size = _name_words(full, given_syllables)
    return PersonName(
        family=" ".join(words[:family_size]),
        middle=tuple(words[family_size : len(words) - given_syllables]),
        given=" ".join(words[len(words) - given_syllables :]),
    )


def gender_hint(full: str) -> str | None:
    """Guess a gender from the middle name: Thị is female, Văn male; a hint, not a fact."""
    middle = {word.lower() for word in nfc(full).split()[1:-1]}
    if "thị" in middle:
        return "female"
    if "văn" in middle:
        return "male"
    return None


@attrs.frozen(kw_only=True)
class Mention:
    """How a text names a person: "đồng chí Đại tá Nguyễn Văn A – Giám đốc Công an tỉnh"."""

    name: str
    honorific: Honorific | None = None
    rank: Rank | None = None
    title: str | None = None


_TITLE_SEPARATOR = re.compile(r"\s+[-–—]\s+|\s*[–—]\s*|,\s*")


def _leading(
    words: list[str], vocab: type[Honorific] | type[Rank], *, keep: int
) -> tuple[object, int]:
    """The member spelled by the first one or two words (leaving *keep* words), and how many."""
    for size in (2, 1):
        if len(words) >= size + keep:
            try:
                return vocab.from_label(" ".join(words[:size])), size
            except ValueError:
                continue
    return None, 0


def parse_mention(text: str) -> Mention:
    """Read a person mention into honorific, rank, name and the title that follows.

    Honorifics are ông, bà, đồng chí, anh, chị; ranks are police and army ranks
    (Thiếu úy … Đại tướng). A title follows a dash or a comma.

    Raises:
        NameParseError: no name is left once honorific, rank and title are taken off.
    """
    head, *rest = _TITLE_SEPARATOR.split(nfc(text).strip(), maxsplit=1)
    words = head.split()
    honorific, used = _leading(words, Honorific, keep=1)  # "Anh" alone is a name
    words = words[used:]
    rank, used = _leading(words, Rank, keep=0)
    words = words[used:]
    if not words:
        raise NameParseError(text, Message("text.no_name"))
    title = rest[0].strip() if rest and rest[0].strip() else None
    return Mention(
        name=" ".join(words),
        honorific=honorific,  # type: ignore[arg-type]
        rank=rank,  # type: ignore[arg-type]
        title=title,
    )


@attrs.frozen
class Denotation:
    """Whether a mention can denote a person, and why.

    ``kind`` names the case: "full", "given", "ends_given" (possible), or
    "honorific", "part_of_given", "family", "middle", "absent" (not possible);
    ``said`` is the name part of the mention.
    """

    possible: bool
    why: Message
    kind: str = ""
    said: str = ""

    @property
    def reason(self) -> str:
        """Why, in English (``why.text(lang="vi")`` in Vietnamese)."""
        return self.why.text(lang="en")

    def __bool__(self) -> bool:
        return self.possible


def can_denote(
    reference: str,
    full_name: str,
    *,
    given_syllables: int = 1,
    honorific: Honorific | None = None,
) -> Denotation:
    """Decide whether *reference* ("ông Quang") can name the person *full_name*.

    People are called by their given name, so "ông Huy" can denote "Phan Quang Quốc
    Huy" and "ông Quang" cannot (Quang is a middle name). When the person's own
    *honorific* is known, a reference of the other gender ("bà Huy") cannot denote
    them either. Comparison ignores case, NFC/NFD and tone style.
    """
    mention = parse_mention(reference)
    name = split_name(full_name, given_syllables=given_syllables)
    said_as = mention.honorific
    if said_as and honorific and said_as.gender and honorific.gender not in (None, said_as.gender):
        why = Message(
            "denote.honorific",
            {"said": said_as.label, "full": name.full, "is": honorific.label},
        )
        return Denotation(False, why, "honorific", mention.name)
    said, words = fold(mention.name), [fold(w) for w in nfc(full_name).split()]
    parts = {"said": mention.name, "full": name.full, "given": name.given}
    if said == fold(name.full):
        return Denotation(True, Message("denote.full", parts), "full", mention.name)
    if said == fold(name.given):
        return Denotation(True, Message("denote.given", parts), "given", mention.name)
    said_words = said.split()
    if len(said_words) > 1 and words[-len(said_words) :] == said_words:
        why = Message("denote.ends_given", {**parts, "n": len(said_words)})
        return Denotation(True, why, "ends_given", mention.name)
    if said in [fold(word) for word in name.given.split()]:
        return Denotation(
            False, Message("denote.part_of_given", parts), "part_of_given", mention.name
        )
    if said == fold(name.family):
        kind = "family"
    elif said in {fold(m) for m in name.middle}:
        kind = "middle"
    else:
        return Denotation(False, Message("denote.absent", parts), "absent", mention.name)
    return Denotation(False, Message(f"denote.{kind}", parts), kind, mention.name)


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
