"""Vietnamese personal names: family, middle and given names, mentions, who a mention names.

People are called by their given name (the last syllable, or the last two for a
two-syllable given name), with an honorific or rank before it: "ông Huy", "Đại tá
Lê Văn A". Compound family names ("Tôn Thất") are kept whole.
"""

from __future__ import annotations

import functools
import re

import attrs

from antq._normal import fold, nfc
from antq.errors import TextError
from antq.messages import Message
from antq.vocab import Honorific, Rank

__all__ = [
    "COMMON_FAMILY_NAMES",
    "COMPOUND_FAMILY_NAMES",
    "Denotation",
    "Mention",
    "NameParseError",
    "PersonName",
    "can_denote",
    "gender_hint",
    "parse_mention",
    "split_name",
]


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
