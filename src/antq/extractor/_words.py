"""The words the extractor's patterns share, built from the vocabulary and text helpers.

Nothing here is listed twice: forms, recipient kinds, ranks, honorifics, parts of day,
unit words and number words come from :mod:`antq.vocab` and :mod:`antq.text`, so a new
alias there (a typo met in the press) reaches every rule at once. Patterns are written
against the folded view (:mod:`antq.extractor._doc`): the modern tone style only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from antq.extractor._doc import view_of
from antq.text import APPROXIMATE_WORDS, DIGIT_WORDS, nfc
from antq.vocab import (
    AwardForm,
    Honorific,
    LocalityLevel,
    PartOfDay,
    Rank,
    RecipientKind,
    UnitType,
)


def key(text: str) -> str:
    """The lookup key of a phrase: the view's spelling, lower case, single spaces."""
    return view_key(view_of(nfc(text)))


def view_key(view: str) -> str:
    """:func:`key` of text that is a view already (what the rules match): no refolding."""
    return " ".join(view.lower().split())


def alternatives(words: Iterable[str]) -> str:
    """A non-capturing alternation of *words* in the view's spelling, longest first."""
    unique = dict.fromkeys(view_of(w) for w in words)
    return "(?:" + "|".join(re.escape(w) for w in sorted(unique, key=len, reverse=True)) + ")"


# ------------------------------------------------------------------ award forms

#: The forms a report names, and the form each spelling stands for (labels and aliases).
#: Huân chương and Huy chương are not read: the corpus conventions list these six forms
#: and leave state orders out ("outside the form list").
READ_FORMS: tuple[AwardForm, ...] = (
    AwardForm.BANG_KHEN,
    AwardForm.GIAY_KHEN,
    AwardForm.KY_NIEM_CHUONG,
    AwardForm.CO_THI_DUA,
    AwardForm.BIEU_DUONG,
    AwardForm.TUYEN_DUONG,
)
FORM_WORDS: dict[str, AwardForm] = {
    key(spelling): form for form in READ_FORMS for spelling in (form.label, *form.aliases)
}
#: Each form's spellings, as keys.
FORM_SPELLINGS: dict[AwardForm, tuple[str, ...]] = {
    form: tuple(w for w, f in FORM_WORDS.items() if f is form) for form in READ_FORMS
}
FORM = alternatives(w for f in READ_FORMS for w in (f.label, *f.aliases))
#: The forms that are things handed over (not a public praise).
HANDED = alternatives(
    w
    for f in READ_FORMS
    if f not in (AwardForm.BIEU_DUONG, AwardForm.TUYEN_DUONG)
    for w in (f.label, *f.aliases)
)
HANDING = r"(?:trao tặng|trao|tặng)"
AWARDING = rf"(?:{HANDING}|khen thưởng)"
PRAISING = rf"(?:{AWARDING}|biểu dương|tuyên dương)"

# ------------------------------------------------------------------ recipients

KIND_WORDS: dict[str, RecipientKind] = {
    key(spelling): kind
    for kind in RecipientKind
    if kind is not RecipientKind.HOUSEHOLD
    for spelling in (kind.label, *kind.aliases)
    if kind is not RecipientKind.UNSPECIFIED or spelling == "lượt"
} | {key(RecipientKind.HOUSEHOLD.label): RecipientKind.HOUSEHOLD}
KIND = alternatives(KIND_WORDS)

# ------------------------------------------------------------------ numbers

_DIGITS = alternatives(DIGIT_WORDS[1:])
# Word lengths are bounded: "\w+ mươi" tried at every letter of a long run backtracks
# through all of it.
NUMBER = rf"(?:\d{{1,4}}|{_DIGITS}|mười(?: \w{{1,6}})?|{_DIGITS} mươi(?: \w{{1,6}})?)"
ROUGHLY = "|".join(
    re.escape(w)
    for w in sorted(
        {*APPROXIMATE_WORDS, "ngót", "chừng", "xấp xỉ", "trên dưới", "ít nhất", "tới"},
        key=len,
        reverse=True,
    )
)

# ------------------------------------------------------------------ people

RANKS = alternatives(r.label for r in Rank)
HONORIFICS = alternatives(h.label for h in Honorific)
#: Capital letters only: Unicode ranges interleave Vietnamese upper and lower case.
UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
NAME_WORD = rf"[{UPPER}]\w*(?:[’']\w+)?"  # "H’Lan", "Cư M’gar"

# ------------------------------------------------------------------ days

PARTS = alternatives(w for p in PartOfDay for w in (p.label, *p.aliases))

# ------------------------------------------------------------------ places

_ADMIN = (
    UnitType.TINH,
    UnitType.HUYEN,
    UnitType.QUAN,
    UnitType.THI_XA,
    UnitType.XA,
    UnitType.PHUONG,
    UnitType.THI_TRAN,
    UnitType.DAC_KHU,
    UnitType.THON,
)
#: Unit words as written before a name, and the unit type each stands for.
UNIT_WORDS: dict[str, UnitType] = {
    u.word: u for u in _ADMIN if u.level is not LocalityLevel.RESIDENTIAL
} | {
    "tx": UnitType.THI_XA,
    "thành phố": UnitType.THANH_PHO_TRUC_THUOC_TRUNG_UONG,
    "tp": UnitType.THANH_PHO_TRUC_THUOC_TRUNG_UONG,
    "tp.": UnitType.THANH_PHO_TRUC_THUOC_TRUNG_UONG,
}
#: Units below the commune and the words for a village in the highlands ("buôn", "làng").
RESIDENTIAL = alternatives(
    [u.label for u in UnitType if u.level is LocalityLevel.RESIDENTIAL] + ["buôn", "làng"]
)
#: Honorifics and the words the press calls young recipients by.
HONORIFIC_WORDS = "(?i:" + alternatives([h.label for h in Honorific] + ["em", "cháu"]) + ")"
PLACE_WORD = (
    "(?:"
    + "|".join(sorted({u.word for u in _ADMIN} | {"thành phố"}, key=len, reverse=True))
    + r"|TP\.?\s?HCM|TPHCM|TP\.?|TX)"
)
