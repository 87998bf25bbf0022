"""The event's commune, district and province, as written."""

from __future__ import annotations

from antq.extractor._rule import Rule, rule
from antq.extractor._words import NAME_WORD
from antq.extractor.people import FAMILY, FAMILY_SOURCE

__all__ = ["COMMUNE", "DISTRICT", "PROVINCE", "read_place"]

# A unit's name: capitalised words, maybe a number after them ("xã Sơn Kim 1"), or a
# number alone ("phường 7", "quận 8").
_UNIT_NAME = rf"(?:{NAME_WORD}(?: {NAME_WORD}){{0,3}}(?: \d{{1,2}}\b)?|\d{{1,2}}\b)"
# Unit words may open a sentence: "Phường Tân An tổ chức ...".
COMMUNE = rule(
    "places.commune",
    rf"(?<![Tt]hị )\b(?P<word>[Xx]ã|[Pp]hường|[Tt]hị trấn|[Đđ]ặc khu)\s+(?P<name>{_UNIT_NAME})",
    produces="a commune-level unit",
    examples=("phường Hải Châu", "Xã Sơn Kim 1", "phường 7"),
    counter_examples=("thị xã Điện Bàn",),
)
DISTRICT = rule(
    "places.district",
    rf"\b(?P<word>[Hh]uyện|[Qq]uận|[Tt]hị xã|TX)\s+(?P<name>{_UNIT_NAME})"
    # A provincial city is a district: "TP Buôn Ma Thuột", "thành phố Đông Hà".
    rf"|\b(?P<city>TP\.?|[Tt]hành phố)\s*(?P<city_name>{NAME_WORD}(?: {NAME_WORD}){{0,3}})",
    produces="a district-level unit (a provincial city too)",
    examples=("huyện Nông Sơn", "thị xã Điện Bàn", "TP Buôn Ma Thuột"),
)
PROVINCE = rule(
    "places.province",
    rf"(?P<hcm>TP\.?\s?HCM)"
    rf"|\b(?P<word>[Tt]ỉnh|[Tt]hành phố|TP\.?)\s*(?P<name>{NAME_WORD}(?: {NAME_WORD}){{0,3}})",
    produces="a province or centrally-run city",
    examples=("tỉnh Quảng Nam", "TP.HCM", "thành phố Đà Nẵng"),
)
_CENTRAL_CITIES = frozenset({"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"})
PERSON_NAME = rule(
    "places.person_name",
    rf"^{FAMILY_SOURCE}(?: {NAME_WORD}){{2,3}}$",
    produces="a person's full name (not a place)",
    examples=("Lê Văn Anh Tuấn",),
)


def _place_name(name: str) -> str:
    """A place's name without the person's name that may follow it.

    "quận Liên Chiểu Trần Thị Mai": from a family name with another word after it, past
    two words of the place's own, the words are a person's.
    """
    words = name.split()
    for at in range(2, len(words) - 1):
        if FAMILY.match(words[at]):
            return " ".join(words[:at])
    return name


def read_place(pattern: Rule, view: str) -> tuple[str, int] | None:
    """The first unit *pattern* reads in *view*, as "word name", and where it stands."""
    for match in pattern.finditer(view):
        if match.groupdict().get("hcm"):
            return "TP.HCM", -1
        if match.groupdict().get("city"):
            word, name = match.group("city"), _place_name(match.group("city_name"))
            if name in _CENTRAL_CITIES or name == "HCM" or PERSON_NAME.match(name):
                continue  # a centrally-run city is a province; "Công an thành phố Lê Văn A"
            return f"{word} {name}", match.start()
        word, name = match.group("word"), _place_name(match.group("name"))
        if (
            pattern is PROVINCE
            and word.lower().startswith(("thành phố", "tp"))
            and name not in _CENTRAL_CITIES
        ):
            continue  # a provincial city is a district; a province may follow
        return f"{word} {name}", match.start()
    return None
