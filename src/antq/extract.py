"""Read the movement's news reports into data: the event, officials, models and grant lines.

Rule-based and deterministic, built on :mod:`antq.text` and :mod:`antq.dates`. Every
value keeps the character span it came from. Unknown stays unknown: a grant line with no
number has count ``None``, one with no stated kind is ``unspecified``. The same award
mentioned again (headline, lead, caption) is one grant line; awards of earlier years are
not grant lines.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import re
from collections.abc import Iterator
from typing import Any

import attrs

from antq.dataset import Dataset
from antq.dates import DatePhrase, find_dates
from antq.model import (
    Award,
    AwardId,
    Event,
    EventId,
    Issuer,
    Locality,
    LocalityId,
    Official,
    OfficialId,
    PartialDate,
    Participation,
    Position,
    SecurityModel,
    SecurityModelId,
    Source,
    Statement,
)
from antq.rules import Context, Report, validate
from antq.text import CountError, fold, nfc, parse_count, split_name
from antq.vocab import (
    AwardForm,
    EventKind,
    Honorific,
    LocalityLevel,
    ModelCategory,
    Office,
    ParticipantRole,
    PartOfDay,
    Rank,
    RecipientKind,
    StatementKind,
    UnitType,
)

__all__ = ["ExtractedAward", "ExtractedOfficial", "Extraction", "extract"]

_MAX_CHARS = 2_000_000

_FORMS = [
    ("bằng khen", AwardForm.BANG_KHEN),
    ("giấy khen", AwardForm.GIAY_KHEN),
    ("kỷ niệm chương", AwardForm.KY_NIEM_CHUONG),
    ("cờ thi đua", AwardForm.CO_THI_DUA),
    ("biểu dương", AwardForm.BIEU_DUONG),
    ("tuyên dương", AwardForm.TUYEN_DUONG),
]
_FORM_RE = re.compile(
    "|".join(re.escape(word) for word, _ in _FORMS) + r"|khen thưởng", re.IGNORECASE
)
# The forms that are things handed over, and the verbs of handing (or praising) them.
_HANDED = r"(?i:bằng khen|giấy khen|kỷ niệm chương|cờ thi đua)"
_HANDING = r"(?:trao tặng|trao|tặng)"
_AWARDING = rf"(?:{_HANDING}|khen thưởng)"
_PRAISING = rf"(?:{_AWARDING}|biểu dương|tuyên dương)"
_KINDS = [
    ("tập thể", RecipientKind.COLLECTIVE),
    ("cá nhân", RecipientKind.INDIVIDUAL),
    # Typos met in the genre: a wrong or missing tone mark.
    ("các nhân", RecipientKind.INDIVIDUAL),
    ("cá nhận", RecipientKind.INDIVIDUAL),
    ("tập thế", RecipientKind.COLLECTIVE),
    ("tâp thể", RecipientKind.COLLECTIVE),
    ("hộ gia đình", RecipientKind.HOUSEHOLD),
    ("lượt", RecipientKind.UNSPECIFIED),
]
_NUMBER = r"(?:\d{1,4}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười(?: \w+)?|\w+ mươi(?: \w+)?)"
_COUNT_KIND = re.compile(  # digits may touch the word: "2tập thể" is a typo met in the genre
    rf"(?:(?P<count>\d{{1,4}}|{_NUMBER}(?=\s))\s*)?"
    rf"(?P<kind>{'|'.join(word for word, _ in _KINDS)})\b",
    re.IGNORECASE,
)
_PLACE_WORD = r"(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu|thôn|TX)"
# Capital letters only: Unicode ranges interleave Vietnamese upper and lower case.
_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_NAME_WORD = rf"[{_UPPER}]\w*(?:[’']\w+)?"  # "H’Lan", "Cư M’gar"
_ISSUER_HEAD = (
    r"(?:(?:Phó )?Chủ tịch (?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|nước|Ủy ban MTTQ\w*)"
    r"|UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Giám đốc Công an|Giám đốc Sở \w+(?: \w+)?"
    r"|Công an|Bộ trưởng Bộ Công an|Bộ trưởng|Thủ tướng Chính phủ|Thủ tướng|Bộ Công an"
    r"|Ban Chỉ đạo \d*|Trưởng Công an|Cục trưởng"
    r"|(?:Ban Thường trực )?(?:Ủy|Uỷ) ban (?:MTTQ|Mặt trận Tổ quốc)(?: Việt Nam)?"
    r"|(?:Ban Thường trực )?(?:UBMTTQ|UB MTTQ|MTTQ)(?: Việt Nam| VN)?"
    r"|Đảng (?:ủy|uỷ)|Huyện (?:ủy|uỷ)|Tỉnh (?:ủy|uỷ)|Thành (?:ủy|uỷ)"
    r"|Hội Liên hiệp Phụ nữ|Hội LHPN|Hội Cựu chiến binh|Hội Nông dân|Huyện đoàn|Tỉnh đoàn"
    r"|Thành đoàn|Đoàn Thanh niên|Bộ Chỉ huy (?:Quân sự|Bộ đội Biên phòng)|Chỉ huy trưởng"
    # A frequent typo drops "an" ("Giám đốc Công tỉnh"): kept as written.
    r"|(?:Giám đốc |Trưởng )?Công(?= (?:tỉnh|huyện|quận|thị xã|thành phố|xã|phường|thị trấn)\b)"
    r"|Chủ tịch)"
)
# Office words in any case; the place's proper name only in capitals ("phường Hải Châu").
_ISSUER = re.compile(
    rf"(?P<issuer>(?i:{_ISSUER_HEAD})(?: (?i:{_PLACE_WORD}|Bộ Công an))?"
    rf"(?:(?: {_NAME_WORD}){{1,4}}| \d{{1,2}}\b(?! (?:tập thể|cá nhân|các nhân|lượt|hộ)))?)"
)
_OF_ISSUER = re.compile(rf"\b(?i:của)\s+{_ISSUER.pattern}")
# Several issuers lumped in one clause with no mapping stay one string ("của A và B",
# "được A, B và C tặng").
_ONE_ISSUER = _ISSUER.pattern.replace("?P<issuer>", "?:")
_CHAIN = (  # at most eight: a bounded chain keeps every search linear in the text
    rf"{_ONE_ISSUER}(?:(?:,\s*|\s+và\s+){_ONE_ISSUER}){{0,7}}"
)
_OF_CHAIN = re.compile(rf"\b(?i:của)\s+(?P<chain>{_CHAIN})")
_BY_CHAIN = re.compile(rf"\bđược\s+(?P<chain>{_CHAIN})\s+(?:đã\s+)?{_PRAISING}\b")
_SUBJECT_CHAIN = re.compile(_CHAIN)
_PEOPLE_OF = re.compile(
    r"\bcho\s+(?:cán bộ và\s+)?[Nn]hân dân(?:\s+và cán bộ)?\s+"
    r"(?:xã|phường|thôn|thị trấn|khu phố|ấp|bản|tổ dân phố)\b"
)
_RANKS = r"(?:Thiếu|Trung|Thượng|Đại)\s+(?:úy|uý|tá|tướng)"
_UNIT_NOUN = r"(?:xã|phường|thị trấn|thôn|ấp|bản|buôn|làng|khu phố|tổ dân phố|khu dân cư)"
# One named recipient: "cho ông Lê Văn A", "cho Công an xã B", "xã C vinh dự đón nhận".
_NAMED_UNIT = (
    r"(?:(?:tập thể\s+)?(?:(?:cán bộ và\s+)?[Nn]hân dân(?:\s+và cán bộ)?|Công an|UBND"
    r"|Ủy ban nhân dân|Ban [Cc]hỉ đạo(?: \w+)?|Ban bảo vệ dân phố|Chi bộ|Đảng bộ|Đoàn thanh niên"
    rf"|Hội (?:Phụ nữ|Cựu chiến binh|Nông dân))\s+)?{_UNIT_NOUN}\s+(?:{_NAME_WORD}|\d+)"
)
_TO_ONE_UNIT = re.compile(
    rf"\b(?:cho|(?:khen thưởng|biểu dương|tuyên dương)(?: đột xuất)?)\s+{_NAMED_UNIT}"
)
_ONE_UNIT_RECEIVES = re.compile(
    rf"(?:^|,\s*)(?:{_NAMED_UNIT}(?: {_NAME_WORD})*|{_UNIT_NOUN})\s+(?:đã\s+)?(?:vinh dự\s+)?"
    r"(?:được|đón nhận|nhận)\b"
)
# A person named with what the text calls them: "ông Lê Văn A", "Đại tá Trần B".
_A_PERSON = (
    rf"(?:[Ôô]ng|[Bb]à|anh|chị|đồng chí|em|cháu|{_RANKS})\s+{_NAME_WORD}(?: {_NAME_WORD}){{1,4}}"
)
_TO_ONE_PERSON = re.compile(rf"\bcho\s+{_A_PERSON}")
_NAMED_PERSON = re.compile(rf"(?:^|[\s,;]){_A_PERSON}")
_NAMED_FIRST_PERSON_ANY = re.compile(rf"\s*{_A_PERSON}")
_NAMED_FIRST_UNIT = re.compile(rf"\s*{_NAMED_UNIT}(?: (?:{_NAME_WORD}|\d+))*\s*(?:,|và\b)")
_NAMED_FIRST_PERSON = re.compile(rf"\s*{_A_PERSON}\s*(?:,|và\b)")
# "cho 2 khu phố", "cho 8 gia đình": counted units other than "tập thể" and "cá nhân".
_COUNTED_UNITS = re.compile(
    rf"(?:^\s*|,\s*|\svà\s+)(?P<count>{_NUMBER})\s+(?P<kind>khu phố|khu dân cư|tổ dân phố"
    r"|thôn|ấp|bản|đơn vị|cơ quan|gia đình|hộ|chi bộ|chi hội|chi đoàn|tổ tự quản|tổ liên gia"
    r"|tổ an ninh|câu lạc bộ|doanh nghiệp|trường học)\b"
)
_SHARED_COUNT = re.compile(
    rf"(?P<count>{_NUMBER})\s+(?:lượt\s+)?(?:tập thể|cá nhân)\s*(?:,|và)\s*(?:tập thể|cá nhân)\b",
    re.IGNORECASE,
)
_GIVE = re.compile(rf"\b(?:đã\s+)?{_PRAISING}\b", re.IGNORECASE)
_PAST = re.compile(
    r"\b(?:năm|Năm)\s+(\d{4})\b[^.;]*?\bđược\b|\bđã được\b[^.;]*\b(?:năm|Năm)\s+(\d{4})"
)
# A look back over a period ("Giai đoạn 2019 - 2024, phường có 5 tập thể ... được các cấp
# khen thưởng"): awards of earlier years, not lines of this occasion.
_RETROSPECT = re.compile(
    r"(?i)(?:\b(?:giai đoạn|từ năm)\s+\d{4}|\bqua \d+ năm|\b(?:những năm|thời gian|nhiệm kỳ) qua)"
    r"[^.;]*\bđược\b|\bđược các cấp\b"
)
# A grant asked for or planned, not made: "đề nghị Giám đốc Công an tỉnh tặng Giấy khen".
_PROPOSED = re.compile(
    r"(?i)\b(?:đề nghị|đề xuất|kiến nghị|sẽ|dự kiến)\b[^.;]{0,60}?"
    rf"\b{_AWARDING}\b"
)
_TITLES = (
    r"(?i:(?:nguyên )?(?:Phó )?(?:Chủ tịch|Bí thư|Giám đốc|Trưởng ban|Trưởng|Bộ trưởng"
    r"|Thứ trưởng|Cục trưởng|Thủ tướng|Tổng cục trưởng|Chánh văn phòng|Đại biểu|Ủy viên"
    r"|Uỷ viên|Trưởng phòng|Phó trưởng"
    r"|Tỉnh (?:ủy|uỷ) viên|Huyện (?:ủy|uỷ) viên|Thành (?:ủy|uỷ) viên|Đảng (?:ủy|uỷ) viên"
    r"|Chỉ huy trưởng|Chính (?:ủy|uỷ)|Tổ trưởng|Chi hội trưởng|Hội trưởng|Đồn trưởng"
    r"|Tư lệnh|Chánh án|Viện trưởng))"
)
# A title runs to the next punctuation, or to "và bà ...", "cùng ông ...": the next person.
_NEXT_PERSON = rf"\s+(?:và|cùng|với)\s+(?:[Ôô]ng|[Bb]à|[Đđ]ồng chí|{_RANKS})\s"
_PERSON = re.compile(
    rf"(?:(?P<honorific>[Ôô]ng|[Bb]à|[Đđ]ồng chí)\s+)?(?:(?P<rank>{_RANKS})\s+)?"
    rf"(?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{1,4}})\s*(?:[–—-]|,|\()\s*"
    rf"(?P<title>{_TITLES}(?:(?!{_NEXT_PERSON})[^.,;:()“”\"])*)"
)
_TITLE_FIRST = re.compile(
    rf"\b(?P<title>(?:Phó )?(?:Thủ tướng Chính phủ|Thủ tướng|Bộ trưởng Bộ Công an"
    rf"|Thứ trưởng Bộ Công an"
    rf"|Chủ tịch nước))\s+(?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{1,3}})"
)
# Family names that open a name written after its title ("Phó Chủ tịch UBND quận Liên
# Chiểu Trần Thị Mai"): the place's words end where a family name begins.
_FAMILY = (
    r"(?:Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đào|Đoàn"
    r"|Đinh|Lương|Trương|Mai|Cao|Lâm|Hà|Tạ|Trịnh|Triệu|Quách|Tô|Vương|Lưu|Châu|Thái|Kiều"
    r"|Chu|La|Phùng|Tôn|Thân|Khổng|Mạc|Lò|Hứa|Nông|Âu|Lại|Nghiêm|Văn|Y|H')"
)
# A title ends before what its holder did ("..., Giám đốc Công an tỉnh trao ...").
_ACTS = (
    r"\s+(?:cho biết|phát biểu|nhấn mạnh|cùng|đã|và đại diện|bày tỏ|đề nghị|trao|tặng"
    r"|ghi nhận|làm|vì|được|chủ trì|chúc mừng|đánh giá|biểu dương|khen ngợi|yêu cầu|trình bày"
    r"|đọc|báo cáo|ôn lại|phát động|kêu gọi|gửi|thay mặt|mong muốn|chỉ đạo|quán triệt"
    r"|khai mạc|hoan nghênh|khẳng định|cảm ơn|nêu|lưu ý|tham dự|tới dự|đến dự|dự(?! án))\b"
)
_TITLE_END = re.compile(_ACTS)
_ONE_WORD_PLACE = re.compile(rf"\b{_PLACE_WORD} {_NAME_WORD}$")
# Capitals after a unit word name a place: "tại Công an tỉnh Bắc Giang, Thứ trưởng ...",
# "Chủ tịch UBND huyện Nông Cống" (two capitals there are the place's name, not a person).
_AFTER_PLACE_WORD = re.compile(rf"\b{_PLACE_WORD}\s*$")
_TITLE_BEFORE = re.compile(
    rf"\b(?P<title>{_TITLES} (?:(?!\s(?:và|cùng|với|[Ôô]ng|[Bb]à|[Đđ]ồng chí)\s)"
    rf"[^.,;:()“”\"\n]){{2,60}}?)\s+"
    rf"(?P<name>{_FAMILY}(?: {_NAME_WORD}){{1,3}})(?=\s*(?:[.,;:()–—-]|\svà\s|$)|{_ACTS})"
)
_TITLE_MORE = re.compile(rf",\s*(?P<more>{_TITLES}(?:(?!{_NEXT_PERSON})[^.,;:()“”\"])*)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_QUOTED = re.compile(r"[“\"]([^”\"]{3,120})[”\"]")
_ATTRIBUTION = re.compile(
    r"[”\"]\s*,?\s*(?P<who>(?:ông|bà|đồng chí|anh|chị)\s+[A-ZÀ-ỸĐ][\wÀ-ỹ]*(?: [A-ZÀ-ỸĐ][\wÀ-ỹ]*)*)"
    r"\s+(?:nhấn mạnh|cho biết|nói|khẳng định|chia sẻ|phát biểu)"
)
_SPEAKER_VERB = re.compile(r"\b(?:cho biết|phát biểu|nhấn mạnh|khẳng định)\b")
# A unit's name: capitalised words, maybe a number after them ("xã Sơn Kim 1"), or a
# number alone ("phường 7", "quận 8").
_UNIT_NAME = rf"(?:{_NAME_WORD}(?: {_NAME_WORD}){{0,3}}(?: \d{{1,2}}\b)?|\d{{1,2}}\b)"
# Unit words may open a sentence: "Phường Tân An tổ chức ...".
_COMMUNE = re.compile(
    rf"(?<![Tt]hị )\b(?P<word>[Xx]ã|[Pp]hường|[Tt]hị trấn|[Đđ]ặc khu)\s+(?P<name>{_UNIT_NAME})"
)
_DISTRICT = re.compile(
    rf"\b(?P<word>[Hh]uyện|[Qq]uận|[Tt]hị xã|TX)\s+(?P<name>{_UNIT_NAME})"
    # A provincial city is a district: "TP Buôn Ma Thuột", "thành phố Đông Hà".
    rf"|\b(?P<city>TP\.?|[Tt]hành phố)\s*(?P<city_name>{_NAME_WORD}(?: {_NAME_WORD}){{0,3}})"
)
_PROVINCE = re.compile(
    rf"(?P<hcm>TP\.?\s?HCM)"
    rf"|\b(?P<word>[Tt]ỉnh|[Tt]hành phố|TP\.?)\s*(?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{0,3}})"
)
_CENTRAL_CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"}
_PILOT = re.compile(
    r"\b(?:ngày hội điểm|làm điểm|tổ chức điểm|điểm ngày hội|chọn làm điểm)", re.IGNORECASE
)
_CLAUSE = re.compile(r"(?<=[.;!?])\s+|\n+")


@attrs.frozen
class ExtractedAward:
    """A grant line as read from the text, with the span it came from.

    ``presenter`` is whoever handed the award over when the text names someone other
    than the issuer ("Giám đốc Công an tỉnh đã trao bằng khen của Bộ trưởng ...").
    """

    issuer: str | None
    form: str | None
    recipient_kind: RecipientKind
    count: int | None
    span: tuple[int, int]
    text: str
    presenter: str | None = None


@attrs.frozen
class ExtractedOfficial:
    """A named person with a position, as read from the text."""

    name: str
    honorific: Honorific | None
    title: str
    span: tuple[int, int]
    rank: Rank | None = None


@attrs.frozen
class Extraction:
    """What a report says, as antq data plus the findings of the rules.

    ``event`` fields, ``officials``, ``models`` and ``awards`` keep the text's words and
    spans; ``dataset`` is the same as antq records, ``report`` the rules' findings.
    """

    text: str
    dataset: Dataset
    report: Report
    event_kind: str | None
    event_date: dt.date | PartialDate | None
    part_of_day: str | None
    is_pilot: bool | None
    commune: str | None
    district: str | None
    province: str | None
    officials: tuple[ExtractedOfficial, ...]
    models: tuple[str, ...]
    awards: tuple[ExtractedAward, ...]

    def annotation(self) -> dict[str, Any]:
        """The result in the corpus annotation format (keys event, officials, models, awards)."""
        date = self.event_date
        return {
            "event": {
                "kind": self.event_kind,
                "date": None
                if date is None
                else (date.isoformat() if isinstance(date, dt.date) else str(date)),
                "part_of_day": self.part_of_day,
                "locality": {
                    "commune": self.commune,
                    "district": self.district,
                    "province": self.province,
                },
                "is_pilot": self.is_pilot,
            },
            "officials": [
                {
                    "name": o.name,
                    "honorific": o.honorific.label if o.honorific else None,
                    "title": o.title,
                }
                for o in self.officials
            ],
            "models": list(self.models),
            "awards": [
                {
                    "issuer": a.issuer,
                    "form": a.form,
                    # The annotation format knows three kinds: a household is a collective.
                    "recipient_kind": RecipientKind.COLLECTIVE.value
                    if a.recipient_kind is RecipientKind.HOUSEHOLD
                    else a.recipient_kind.value,
                    "count": a.count,
                    "text_span": a.text,
                }
                for a in self.awards
            ],
        }


# --------------------------------------------------------------------- awards


def _clauses(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for match in _CLAUSE.finditer(text):
        yield start, text[start : match.start()]
        start = match.end()
    yield start, text[start:]


def _form(clause: str) -> str | None:
    found = [form.label for word, form in _FORMS if word in clause.lower()]
    if not found:
        return None
    return " và ".join(dict.fromkeys(found))


def _count(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return parse_count(text)
    except CountError:
        return None


_ON_BEHALF = re.compile(r"(?i:thừa (?:ủy|uỷ) quyền)\s+")


def _presenter(clause: str) -> str | None:
    """Who hands an award over when the clause says whose it is.

    "X trao bằng khen của Y" and "Thừa ủy quyền của Y, X trao bằng khen" both make X
    the presenter and Y the issuer.
    """
    give = _GIVE.search(clause)
    if give is None:
        return None
    before = clause[: give.start()]
    behalf = _ON_BEHALF.search(before)
    if behalf is not None:
        owner = _OF_ISSUER.match(before, behalf.end())
        before = before[owner.end() :] if owner is not None else before[behalf.end() :]
    elif not _OF_ISSUER.search(clause[give.end() :]):
        return None
    candidates = list(_ISSUER.finditer(before))
    return _trim_issuer(candidates[-1].group("issuer")) if candidates else None


def _issuers(clause: str, form_at: int) -> list[str]:
    owned = [m.group("chain").strip() for m in _OF_CHAIN.finditer(clause)]
    if not owned:
        owned = [m.group("chain").strip() for m in _BY_CHAIN.finditer(clause)]
    if owned:
        return list(dict.fromkeys(_trim_issuer(i) for i in owned))
    give = _GIVE.search(clause)
    before = clause[: give.start()] if give else clause[:form_at]
    candidates = list(_SUBJECT_CHAIN.finditer(before))
    if candidates:
        last = candidates[-1]
        if _ORGANISER.search(clause[last.end() : give.end() if give else len(before)]):
            return []  # "Công an tỉnh tổ chức lễ trao ...": the organiser, not the issuer
        return [_trim_issuer(last.group(0))]
    return []


# "Công an tỉnh tổ chức lễ trao Kỷ niệm chương": whoever holds the ceremony hands over
# someone else's award; "tổ chức khen thưởng" is the body's own commendation.
_ORGANISER = re.compile(r"(?i)\btổ chức\b(?!\s+(?:khen thưởng|biểu dương|tuyên dương)\b)")


_TRAILING = re.compile(r"\s+(?:đã|cho|tặng|trao|cũng|vừa|đến|tại|về)\b.*$", re.IGNORECASE)


def _trim_issuer(issuer: str) -> str:
    return _TRAILING.sub("", issuer).strip(" ,")


# Words that make a number rough ("gần 180", "hơn 20"): the count is then unknown.
_ROUGHLY = r"gần|khoảng|hơn|trên|ngót|chừng|xấp xỉ|hàng|trên dưới|ít nhất|tới"
_ABOUT = re.compile(rf"(?i)\b(?:{_ROUGHLY})\s*$")  # just before a count
_ROUGH = re.compile(rf"(?i)\b(?:{_ROUGHLY})\s+\d")  # a rough number anywhere


def _exact(text: str, match: re.Match[str]) -> int | None:
    """The match's count, or None when the text gives it only roughly ("gần 180")."""
    if match.group("count") is None:
        return None
    start = match.start("count")
    if _ABOUT.search(text[max(0, start - 20) : start]):
        return None
    return _count(match.group("count"))


def _recipients(clause: str) -> list[tuple[RecipientKind, int | None]]:
    if _PEOPLE_OF.search(clause) and not any(m["count"] for m in _COUNT_KIND.finditer(clause)):
        return [(RecipientKind.COLLECTIVE, 1)]  # "cho Nhân dân và cán bộ xã X": one collective
    shared = _SHARED_COUNT.search(clause)
    if shared:
        return [(RecipientKind.UNSPECIFIED, _exact(clause, shared))]
    tail = clause
    cho = re.search(r"\bcho\b", clause)
    if cho:
        tail = clause[cho.end() :]
    pairs: list[tuple[RecipientKind, int | None]] = []
    for match in _COUNT_KIND.finditer(tail):
        kind = dict(_KINDS)[match.group("kind").lower()]
        pairs.append((kind, _exact(tail, match)))
    give = _GIVE.search(clause)
    after = tail if cho else clause[give.end() :] if give else ""
    units = [_counted_unit(after, unit) for unit in _COUNTED_UNITS.finditer(after)]
    if pairs and any(count is not None for _, count in pairs):
        counted_units = [u for u in units if u[1] is not None]
        if any(kind is RecipientKind.COLLECTIVE for kind, _ in pairs):
            pairs += counted_units  # "06 tập thể, 12 cá nhân và 02 tổ liên gia tự quản"
        else:
            pairs[:0] = counted_units  # "cho 9 thôn và 12 cá nhân"
        # "cho thôn Phú Mỹ và 03 cá nhân", "cho ông A và 3 tập thể": one named beside counts.
        kinds = {kind for kind, _ in pairs}
        if cho and RecipientKind.COLLECTIVE not in kinds and _NAMED_FIRST_UNIT.match(tail):
            pairs.insert(0, (RecipientKind.COLLECTIVE, 1))
        elif cho and RecipientKind.INDIVIDUAL not in kinds and _NAMED_FIRST_PERSON.match(tail):
            pairs.insert(0, (RecipientKind.INDIVIDUAL, 1))
        return list(dict.fromkeys(pairs))
    number = _COUNT_OF_FORM.search(clause)
    if number and _exact(clause, number) is not None:
        return [(RecipientKind.UNSPECIFIED, _exact(clause, number))]
    if units and all(count is not None for _, count in units):
        return units  # "cho 2 khu phố", "cho 3 chi bộ và 5 gia đình"
    if all(count is None for _, count in pairs):
        if _TO_ONE_PERSON.search(clause):
            # Several people named one by one: a count the text does not give.
            several = len(_NAMED_PERSON.findall(tail)) > 1
            return [(RecipientKind.INDIVIDUAL, None if several else 1)]
        if _TO_ONE_UNIT.search(clause) or _ONE_UNIT_RECEIVES.search(clause):
            return [(RecipientKind.COLLECTIVE, 1)]
    if pairs:
        return list(dict.fromkeys(pairs))
    return [(RecipientKind.UNSPECIFIED, None)]


# "UBND xã đã trao 15 giấy khen cho các tập thể và cá nhân": a number of awards.
_COUNT_OF_FORM = re.compile(rf"(?P<count>{_NUMBER})\s+{_HANDED}", re.IGNORECASE)


def _counted_unit(text: str, unit: re.Match[str]) -> tuple[RecipientKind, int | None]:
    """A counted unit as a recipient: families are households, other units collectives."""
    household = unit.group("kind") in ("gia đình", "hộ")
    return (RecipientKind.HOUSEHOLD if household else RecipientKind.COLLECTIVE, _exact(text, unit))


_LISTED = re.compile(rf"\W*{_HANDED}\s+của\s[^;.]*?\bcho\s")
# "A tặng giấy khen cho 2 tập thể, B tặng giấy khen cho 3 cá nhân": one unit per giver.
_NEXT_GIVER = re.compile(
    rf"(?:,|\s+và|\s+còn)\s+(?={_SUBJECT_CHAIN.pattern}\s+(?:đã\s+|cũng\s+|còn\s+)?"
    rf"{_AWARDING}\b)"
)


# "01 tập thể được nhận Bằng khen của A, 02 tập thể được nhận Giấy khen của B", "..., xã
# X được Chủ tịch UBND tỉnh tặng Cờ thi đua": one unit per group of receivers.
_NEXT_RECEIVER = re.compile(
    rf",\s+(?=(?:{_NUMBER}\s+(?:lượt\s+)?(?:tập thể|cá nhân)\s*(?:,|và)\s*"
    rf"(?:{_NUMBER}\s+)?(?:tập thể|cá nhân))?[^,;.]{{1,80}}?\bđược\s+(?:nhận|{_AWARDING}"
    rf"|(?i:{_ISSUER_HEAD}))\b)"
)


# "..., Đại diện lãnh đạo huyện trao Giấy khen của ...", "..., tặng Bằng khen cho ...":
# another grant begins wherever a verb of giving a named form follows a comma.
_NEXT_GRANT = re.compile(
    rf"(?:,|\s+và)\s+(?=[^,;.]{{0,60}}?\b{_HANDING}\s+{_HANDED}\b|(?i:thừa (?:ủy|uỷ) quyền)\b)"
)


def _units(text: str) -> Iterator[tuple[int, str, bool]]:
    """The clauses of the text, a clause with several grants cut before each of them.

    Each unit comes with whether it continues the clause of the unit before it (a unit
    that names no issuer then keeps that unit's: "UBND xã tặng Cờ thi đua cho 2 tập
    thể, tặng Giấy khen cho 5 cá nhân").
    """
    for offset, clause in _clauses(text):
        start = 0
        cuts = sorted(
            [
                *_NEXT_GIVER.finditer(clause),
                *_NEXT_RECEIVER.finditer(clause),
                *_NEXT_GRANT.finditer(clause),
            ],
            key=lambda m: m.start(),
        )
        for match in cuts:
            if match.start() < start:
                continue
            piece = clause[start : match.start()]
            given = _GIVE.search(piece) or re.search(r"\bnhận\b", piece)
            if given and (_FORM_RE.search(piece) or _COUNT_KIND.search(piece)):
                yield offset + start, piece, start > 0
                start = match.end()
        yield offset + start, clause[start:], start > 0


def _awards(text: str, year: int | None) -> list[ExtractedAward]:
    """The grant lines of *text*: one unit of a clause per grant, then repeats dropped.

    A unit that names a form and gives (or receives) it yields a line for each issuer
    and each recipient kind it counts; awards of years before *year*, looks back over
    a period and grants only asked for are not lines.
    """
    found: list[ExtractedAward] = []
    seen: set[tuple[str, str | None, RecipientKind, int | None]] = set()
    carried: list[str | None] = []  # the issuers of the unit before, in the same clause
    for offset, clause, continued in _units(text):
        carried = carried if continued else []
        form_match = _FORM_RE.search(clause)
        if form_match is None:
            continue
        past = _PAST.search(clause)
        if past is not None:
            said = int(past.group(1) or past.group(2))
            if year is None or said < year:
                continue
        if _RETROSPECT.search(clause) or _PROPOSED.search(clause):
            continue
        if not (
            _GIVE.search(clause)
            or re.search(r"\bnhận\b", clause)
            or (_LISTED.match(clause) and _COUNT_KIND.search(clause))
        ):
            continue  # "...; Giấy khen của X cho 2 tập thể": a list goes on without its verb
        span = (offset, offset + len(clause))
        presenter = _presenter(clause)
        # "cho ông A, Trưởng thôn X; bà B, ...": several named, not one.
        more_people = clause.rstrip().endswith(";") and bool(
            _NAMED_FIRST_PERSON_ANY.match(text, offset + len(clause))
        )
        given = carried
        for part in _form_parts(clause):
            form = _form(part)
            named = _FORM_RE.search(part)
            issuers: list[str | None] = [*_issuers(part, named.start() if named else 0)]
            issuers = issuers or given or [None]
            given = carried = issuers  # "tặng Cờ thi đua cho 2 tập thể và Bằng khen cho ..."
            recipients = [
                (kind, None if more_people and kind is RecipientKind.INDIVIDUAL else count)
                for kind, count in _recipients(part)
            ]
            uncounted = all(count is None for _, count in recipients)
            if form is None and uncounted and not _ROUGH.search(part):
                continue  # a bare "khen thưởng" with nothing counted (not even roughly): no line
            for issuer in issuers:
                for kind, count in recipients:
                    key = (fold(issuer or ""), form, kind, count)
                    if key in seen:
                        continue
                    seen.add(key)
                    shown = (
                        presenter if presenter and fold(presenter) != fold(issuer or "") else None
                    )
                    found.append(
                        ExtractedAward(issuer, form, kind, count, span, clause.strip(), shown)
                    )
    return _drop_vague_repeats(_one_giver_each(found))


def _one_giver_each(awards: list[ExtractedAward]) -> list[ExtractedAward]:
    """One line for a grant written twice with its giver named two ways.

    A headline's "UBND huyện X trao Giấy khen cho 10 tập thể" and the body's "Chủ tịch
    UBND huyện X tặng Giấy khen cho 10 tập thể" are one grant: the fuller name stays.
    """

    def key(award: ExtractedAward) -> tuple[object, ...] | None:
        if award.count is None or award.issuer is None:
            return None
        body = fold(award.issuer).removeprefix(_CHAIR).strip()
        return (award.form, award.recipient_kind, award.count, body)

    fullest: dict[tuple[object, ...], ExtractedAward] = {}
    for award in awards:
        k = key(award)
        if k is not None:
            best = fullest.get(k)
            if best is None or len(award.issuer or "") > len(best.issuer or ""):
                fullest[k] = award
    return [a for a in awards if (k := key(a)) is None or fullest[k] is a]


_CHAIR = fold("Chủ tịch")


# "... tặng Cờ thi đua cho 2 tập thể và Bằng khen cho 10 cá nhân": a form for each count.
_FORM_SPLIT = re.compile(rf"(?:,|\s+và)\s+(?={_HANDED}\b[^,;]*?\bcho\s)")


def _form_parts(clause: str) -> list[str]:
    """The clause, cut before each further form that has recipients of its own."""
    cuts = [m.start() for m in _FORM_SPLIT.finditer(clause)]
    if not cuts:
        return [clause]
    bounds = [0, *cuts, len(clause)]
    parts = [clause[a:b] for a, b in itertools.pairwise(bounds)]
    if all(_COUNT_KIND.search(part) and _FORM_RE.search(part) for part in parts):
        return parts
    return [clause]


_PRAISE = {AwardForm.BIEU_DUONG.label, AwardForm.TUYEN_DUONG.label}


def _repeats(award: ExtractedAward, awards: list[ExtractedAward]) -> bool:
    """Whether an uncounted line restates a counted one of its form, from its issuer."""
    return any(
        other.count is not None
        and other.span != award.span  # "hơn 20 cá nhân và 3 tập thể": one grant, two lines
        and other.form in (award.form, None)
        and (award.issuer is None or fold(award.issuer) == fold(other.issuer or ""))
        for other in awards
    )


def _sums_of_others(awards: list[ExtractedAward]) -> set[tuple[int, int]]:
    """Spans whose lines only total the others: "xã khen thưởng 12 tập thể; trong đó ...".

    A sentence with no issuer or no form whose count for each kind is the sum of at
    least two other lines of that kind states a total, not a grant.
    """
    spans: dict[tuple[int, int], list[ExtractedAward]] = {}
    for award in awards:
        spans.setdefault(award.span, []).append(award)
    totals = set()
    for span, group in spans.items():
        if not all(a.count is not None and (a.issuer is None or a.form is None) for a in group):
            continue
        others = [a for a in awards if a.span != span and a.count is not None]
        if all(
            len(same := [o for o in others if o.recipient_kind is a.recipient_kind]) >= 2
            and sum(o.count or 0 for o in same) == a.count
            for a in group
        ):
            totals.add(span)
    return totals


def _drop_vague_repeats(awards: list[ExtractedAward]) -> list[ExtractedAward]:
    """Headlines, leads and captions repeat the award the body counts: keep the counted lines.

    Dropped: a sentence that only totals other lines ("xã khen thưởng 12 tập thể; trong
    đó ..."); a line with no issuer that a named issuer's line repeats (a caption); a
    headline's total over "tập thể, cá nhân"; a bare "khen thưởng" (no form) that repeats
    a line naming a form, unless it counts recipients no such line counts ("UBND phường
    khen thưởng 06 cá nhân"); a line with no count that restates a counted line of its
    form and kind, or of its form and issuer ("Ảnh: Lãnh đạo trao Giấy khen cho các tập
    thể, cá nhân"); an uncounted public praise ("biểu dương các tập thể, cá nhân").
    """
    counted = {(a.form, a.recipient_kind) for a in awards if a.count is not None}
    counted |= {
        (form, a.recipient_kind)
        for a in awards
        if a.count is not None and a.form is None
        for form in {b.form for b in awards}
    }  # "khen thưởng cho 5 tập thể" ... caption: "trao Giấy khen cho các tập thể"
    given = {
        (a.form, a.recipient_kind, a.count) for a in awards if a.issuer is not None and a.count
    }
    with_form = any(a.form is not None for a in awards)
    formed = {(a.recipient_kind, a.count) for a in awards if a.form is not None}
    total = sum(a.count or 0 for a in awards)
    summed = _sums_of_others(awards)
    kept = []
    for award in awards:
        if award.span in summed:
            continue
        if award.issuer is None and (award.form, award.recipient_kind, award.count) in given:
            continue  # a caption's "Lãnh đạo thị xã trao Giấy khen cho 4 tập thể" again
        if (
            award.recipient_kind is RecipientKind.UNSPECIFIED
            and award.count is not None
            and (award.issuer is None or award.form is None)
            and len(awards) > 2
            and 2 * award.count == total
        ):
            continue  # a headline's sum: "Khen thưởng 10 tập thể, cá nhân" over 2 + 8
        if (
            award.form is None
            and with_form
            and (award.count is None or (award.recipient_kind, award.count) in formed)
        ):
            continue
        if (
            award.form is None
            and award.issuer is None
            and award.recipient_kind is RecipientKind.UNSPECIFIED
            and any(a.form is not None and a.issuer is not None for a in awards)
        ):
            continue  # a headline's "Khen thưởng 10 tập thể, cá nhân" over the body's grants
        if award.count is None and (
            (award.form, award.recipient_kind) in counted
            or award.form in _PRAISE
            or _repeats(award, awards)
        ):
            continue
        kept.append(award)
    return kept


# ---------------------------------------------------------------- the rest


def _receiving(text: str) -> list[tuple[int, int]]:
    """Where grants name their recipients: after "cho" in a clause that gives an award."""
    spans = []
    listing = False  # "cho ông A, ...; bà B, ...; ông C, ...": the list goes on past ";"
    for offset, clause in _clauses(text):
        cho = re.search(r"\bcho\b", clause)
        if cho and _FORM_RE.search(clause, 0, cho.start()) and _GIVE.search(clause, 0, cho.start()):
            spans.append((offset + cho.end(), offset + len(clause)))
            listing = bool(_NAMED_FIRST_PERSON_ANY.match(clause, cho.end()))
        elif listing and _NAMED_FIRST_PERSON_ANY.match(clause) and not _GIVE.search(clause):
            spans.append((offset, offset + len(clause)))
        else:
            listing = False
    return spans


def _officials(text: str) -> list[ExtractedOfficial]:
    people: list[ExtractedOfficial] = []
    names: set[str] = set()
    matches = [(m, m.group("title")) for m in _PERSON.finditer(text)]
    matches += [(m, m.group("title")) for m in _TITLE_FIRST.finditer(text)]
    matches += [(m, m.group("title")) for m in _TITLE_BEFORE.finditer(text)]
    matches.sort(key=lambda pair: pair[0].start())
    receiving = _receiving(text)
    taken = 0  # where the last person read ends: a later reading inside it is a misreading
    for match, written_title in matches:
        name = match.group("name").strip()
        if (
            len(name.split()) < 2
            or match.start("name") < taken
            or _AFTER_PLACE_WORD.search(text, max(0, match.start() - 12), match.start())
            or (
                match.re is _TITLE_BEFORE
                and _AFTER_PLACE_WORD.search(written_title)
                and len(name.split()) < 3
            )
            or fold(name) in names
            or any(w in name for w in ("UBND", "Công an"))
            or re.search(r"\b(?:cho|tặng)\s*$", text[max(0, match.start() - 8) : match.start()])
            or any(start <= match.start() < end for start, end in receiving)
        ):
            continue  # "tặng Bằng khen cho ông X, ...; bà Y, ...": recipients, not officials
        title = written_title.strip()
        if match.re is _TITLE_BEFORE and len(name.split()) >= 4 and _ONE_WORD_PLACE.search(title):
            # "Chủ tịch UBND huyện Tam | Dương Nguyễn Văn An": a place has two syllables or
            # more, so the family name that ends it belongs to the title.
            first, name = name.split(" ", 1)
            title = f"{title} {first}"
        end = match.end()
        while match.re is _PERSON and not _TITLE_END.search(title):
            # "Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo ..."
            more = _TITLE_MORE.match(text, end)
            if more is None:
                break
            title, end = f"{title}, {more.group('more').strip()}", more.end()
        title = _TITLE_END.split(title)[0].strip()
        honorific = match.groupdict().get("honorific")
        rank = match.groupdict().get("rank")
        names.add(fold(name))
        taken = max(end, match.start() + len(match.group(0).rstrip()))
        people.append(
            ExtractedOfficial(
                name=name,
                honorific=Honorific.from_label(honorific)
                if honorific and honorific.lower() in ("ông", "bà")
                else None,
                title=title,
                span=match.span(),
                rank=Rank.from_label(rank) if rank else None,
            )
        )
    return people


# A model named without quotes: "mô hình camera an ninh trên địa bàn". Only names that
# begin with a thing or a group a model is built from; "12 mô hình tự quản" is a count.
_MODEL_STOP = (
    r"(?:trên|tại|ở|của|đã|được|và|với|nhằm|góp|do|để|có|là|giúp|trong|thì|đang|sẽ|tiếp tục"
    r"|phát huy|hoạt động)"
)
_UNQUOTED_MODEL = re.compile(
    r"(?<!\d )(?<!các )(?<!những )\b[Mm]ô hình\s+(?P<name>(?i:camera|tổ|đội|câu lạc bộ"
    r"|khu dân cư|dòng họ|nhà trọ|tuyến đường|tuyến phố|xóm|gia đình|chợ|cổng trường|chi hội"
    rf"|ngõ|hẻm|ánh sáng|loa|nhóm zalo|zalo)\b(?:\s(?!{_MODEL_STOP}\b)[\w\-]+){{0,10}})"
)
# "các mô hình như: Camera an ninh, Tổ liên gia tự quản và Ánh sáng đường quê".
_MODEL_LIST = re.compile(
    r"[Mm]ô hình(?: tiêu biểu| điển hình| tự quản)?\s*(?:như|gồm|là)\s*:?\s*"
    r"(?P<items>[^.;“”\"]{3,300})"
)
_MODEL_ITEM = re.compile(rf"[{_UPPER}][\w\-]*(?:\s[\w\-]+){{0,11}}")
_LAST_MODEL_ITEM = re.compile(rf"[{_UPPER}][\w\-]*(?:\s(?!{_MODEL_STOP}\b)[\w\-]+){{0,11}}")


def _listed_models(sentence: str) -> list[str]:
    """Models named in an unquoted list after "mô hình như", each starting with a capital.

    Items run to the comma; the last one to the first word that goes on with the
    sentence ("..., Cổng trường an toàn hoạt động hiệu quả").
    """
    found: list[str] = []
    for listing in _MODEL_LIST.finditer(sentence):
        items = [i.strip() for i in re.split(r",\s*|\s+và\s+", listing.group("items"))]
        for n, item in enumerate(items):
            last = n == len(items) - 1
            named = _LAST_MODEL_ITEM.match(item) if last else _MODEL_ITEM.fullmatch(item)
            if named is None:
                break  # not a name: the list has ended and the sentence goes on
            found.append(named.group(0))
    return found


def _models(text: str) -> list[str]:
    models: list[str] = []
    for sentence in _SENTENCE.split(text):
        if "mô hình" not in sentence.lower():
            continue
        quoted = [m.group(1).strip(" .,…") for m in _QUOTED.finditer(sentence)]
        bare = [m.group("name") for m in _UNQUOTED_MODEL.finditer(sentence)]
        if not quoted:  # a quoted list names its models itself
            bare += _listed_models(sentence)
        for name in quoted + bare:
            if "bảo vệ an ninh tổ quốc" in name.lower() or not name:
                continue
            if fold(name) not in {fold(m) for m in models}:
                models.append(name)
    return models


def _place(pattern: re.Pattern[str], text: str) -> str | None:
    for match in pattern.finditer(text):
        if match.groupdict().get("hcm"):
            return "TP.HCM"
        if match.groupdict().get("city"):
            word, name = match.group("city"), _place_name(match.group("city_name"))
            if name in _CENTRAL_CITIES or name == "HCM" or _PERSON_NAME.fullmatch(name):
                continue  # a centrally-run city is a province; "Công an thành phố Lê Văn A"
            return f"{word} {name}"
        word, name = match.group("word"), _place_name(match.group("name"))
        if (
            pattern is _PROVINCE
            and word.lower().startswith(("thành phố", "tp"))
            and name not in _CENTRAL_CITIES
        ):
            continue  # a provincial city is a district; a province may follow
        return f"{word} {name}"
    return None


_PERSON_NAME = re.compile(rf"{_FAMILY}(?: {_NAME_WORD}){{2,3}}")


def _place_name(name: str) -> str:
    """A place's name without the person's name that may follow it.

    "quận Liên Chiểu Trần Thị Mai": from a family name with another word after it, past
    two words of the place's own, the words are a person's.
    """
    words = name.split()
    for at in range(2, len(words) - 1):
        if re.fullmatch(_FAMILY, words[at]):
            return " ".join(words[:at])
    return name


_OTHER_DAYS = re.compile(r"ngày hội (?:biên phòng|văn hóa|văn hoá|thể thao|đại đoàn kết)")
_MOVEMENT = re.compile(r"an ninh tổ quốc|antq\b|bảo vệ an ninh")


# The festival named with its year: "Ngày hội toàn dân bảo vệ an ninh Tổ quốc (phường) năm 2024".
_NAMED_YEAR = re.compile(
    r"(?i)ngày hội[^.;:\n]{0,50}?(?:tổ quốc|antq)[”\"]?\s*(?:\w+\s+){0,2}?năm ((?:19|20)\d{2})\b"
)
# A plan, not an occasion: "UBND tỉnh vừa ban hành kế hoạch tổ chức Ngày hội ...".
_PLAN = re.compile(
    r"(?i)\b(?:ban hành|triển khai|xây dựng|phê duyệt|có)\s+(?:văn bản\s+|công văn\s+)?"
    r"(?:kế hoạch|hướng dẫn)\b|^\W*kế hoạch\b"
)
_DAY_MONTH = r"(?P<month>\d{1,2})(?:\s*[/.-]\s*(?P<year>\d{4}))?"
_PART = r"(?P<part>sáng|trưa|chiều|tối|đêm)"
_BRACKETED = re.compile(
    rf"(?i)\b(?:{_PART}\s+nay|hôm nay|hôm qua|tối qua|đêm qua)\s*"
    rf"\(\s*(?:ngày\s+)?(?P<day>\d{{1,2}})\s*[/.-]\s*{_DAY_MONTH}\s*\)"
)
_SEVERAL_DAYS = re.compile(
    rf"(?i)\b(?:{_PART}\s+)?(?:các\s+)?ngày\s+(?P<day>\d{{1,2}})"
    rf"\s*(?:và|,|đến|-|–)\s*(?:ngày\s+)?\d{{1,2}}\s*[/.-]\s*{_DAY_MONTH}"
)
_CLOCK_FIRST = re.compile(r"\d{1,2}[:h]\d{2}")
_PART_BEFORE = re.compile(rf"(?i){_PART}\s+$")
_STAMP = re.compile(r"\s*(?:[-–,|]\s*)?\d{1,2}[:h]\d{2}\b")


# The sentence that says what took place: "..., xã X tổ chức Ngày hội ...".
_OCCASION = re.compile(r"(?i)\b(?:tổ chức|diễn ra|ra mắt|khai mạc|long trọng)\b")
# The festival as the occasion, not "19 năm Ngày hội" or "Hưởng ứng Ngày hội".
_FESTIVAL_HELD = re.compile(r"(?i)(?<!năm )(?<!hưởng ứng )(?<!chào mừng )\bngày hội\b")
_LEAD_KINDS = (
    (re.compile(r"(?i)\bhội nghị\b"), "review_conference"),
    (re.compile(r"(?i)\bra mắt\b"), "model_launch"),
    (re.compile(r"(?i)\b(?:lễ|buổi lễ|gặp mặt|khen thưởng|trao tặng|trao)\b"), "award_ceremony"),
)


def _lead_kind(text: str) -> str | None:
    """The kind the lead sentence names, if it names one."""
    lead = next((s for s in _SENTENCE.split(text[:1500]) if _OCCASION.search(s)), None)
    if lead is None:
        return None
    lowered = lead.lower()
    if _FESTIVAL_HELD.search(lead) and not _OTHER_DAYS.search(lowered):
        return "festival"
    return next((kind for pattern, kind in _LEAD_KINDS if pattern.search(lead)), None)


def _event_kind(text: str) -> str:
    lowered = text.lower()
    first = _SENTENCE.split(text.lstrip(), maxsplit=1)[0][:400]
    if _PLAN.search(first):
        return "plan"
    led = _lead_kind(text)
    if led is not None and not (led == "festival" and _OTHER_DAYS.search(lowered)):
        return led
    if "ngày hội" in lowered and (_MOVEMENT.search(lowered) or not _OTHER_DAYS.search(lowered)):
        return "festival"  # a border guards' or culture day is another movement's
    if "kế hoạch" in lowered[:300]:
        return "plan"
    if _FORM_RE.search(text):
        return "award_ceremony"
    return "other"


def extract(
    text: str, *, published_on: dt.date | None = None, year: int | None = None
) -> Extraction:
    """Read a Vietnamese report into an :class:`Extraction`.

    Args:
        text: the report (any text: empty, English or garbage gives an empty result).
        published_on: the publication date; anchors "sáng nay" and years left out.
        year: the year to assume when the text gives none (default: from *published_on*).

    Raises:
        ValueError: the text is longer than two million characters.
    """
    if len(text) > _MAX_CHARS:
        raise ValueError(
            f"the text has {len(text):,} characters; antq reads at most {_MAX_CHARS:,}"
        )
    text = nfc(text.replace("\x00", " "))
    kind = _event_kind(text)
    event_date, phrase = _event_date(text, kind, published_on)
    the_year = year or (event_date.year if event_date is not None and event_date.year else None)
    if the_year is None and published_on is not None:
        the_year = published_on.year
    commune, district, province = (
        _place(_COMMUNE, text),
        _place(_DISTRICT, text),
        _place(_PROVINCE, text),
    )
    officials = _officials(text)
    models = _models(text)
    awards = [] if kind == "plan" else _awards(text, the_year)
    pilot = True if _PILOT.search(text) else None
    held_on = event_date
    if isinstance(event_date, PartialDate) and event_date.year is None and the_year is not None:
        try:
            held_on = dt.date(the_year, event_date.month or 0, event_date.day or 0)
        except ValueError:
            held_on = event_date
    dataset = _dataset(
        text,
        kind,
        held_on,
        phrase.part_of_day if phrase else None,
        pilot,
        commune,
        district,
        province,
        officials,
        models,
        awards,
        published_on,
    )
    report = validate(dataset, Context())
    return Extraction(
        text=text,
        dataset=dataset,
        report=report,
        event_kind=kind,
        event_date=event_date,
        part_of_day=phrase.part_of_day.value if phrase and phrase.part_of_day else None,
        is_pilot=pilot,
        commune=commune,
        district=district,
        province=province,
        officials=tuple(officials),
        models=tuple(models),
        awards=tuple(awards),
    )


def _event_date(
    text: str, kind: str, published_on: dt.date | None
) -> tuple[dt.date | PartialDate | None, DatePhrase | None]:
    """The occasion's date, as precise as the text gives it, and the phrase it came from."""
    head = text[:600]
    # The year is taken from the text only; the publication date anchors "sáng nay".
    # A day beats a bare year ("năm 2024" names the movement's year, not the day).
    # A plan's days are a window for the festivals it plans, not its date.
    dates, stamps = ([], []) if kind == "plan" else _dates_in(text, 600)
    days = _background_dropped(_days(dates))
    if kind != "plan" and not days and published_on is not None:
        days = _days(find_dates(head, reference=published_on))
    if kind != "plan" and not days:
        # The lead may come late (a long headline, an anniversary first): read further,
        # but not back in time from a year the head gives ("năm 2024" ... "ngày 19/8/2005").
        known = max((d.start.year for d in dates if d.start.year), default=0)
        dates, _ = _dates_in(text, 3000)
        days = [d for d in _background_dropped(_days(dates)) if (d.start.year or known) >= known]
    for written in (_BRACKETED, _SEVERAL_DAYS):
        # "Hôm qua (19/8)", "Sáng nay (15/8)": the day the text writes out is the day;
        # "Trong 2 ngày 16 và 17/8/2024": the first of several days.
        match = None if kind == "plan" else written.search(head)
        if match is not None and not any(d.span[0] < match.start() for d in days):
            day = f"{match['part'] or 'ngày'} {match['day']}/{match['month']}"
            days = find_dates(day + (f"/{match['year']}" if match["year"] else "")) + days
    in_text = days or [d for d in dates if not _years_apart(d)]
    phrase = in_text[0] if in_text else None
    before = (
        _PART_BEFORE.search(text, max(0, phrase.span[0] - 8), phrase.span[0]) if phrase else None
    )
    if phrase is not None and phrase.part_of_day is None and before is not None:
        # "(Ngày Nay) -Chiều 18/8/2025": the dash kept the part of day out of the phrase.
        phrase = attrs.evolve(phrase, part_of_day=PartOfDay.from_label(before["part"].lower()))
    event_date = phrase.start if phrase else None
    spans = [d.end.year for d in dates if _years_apart(d) and d.end is not None and d.end.year]
    if isinstance(event_date, PartialDate) and event_date.year is None and spans:
        # "Kỷ niệm 15 năm ... (19/8/2005 - 19/8/2020), chiều 17/8": the span ends this year.
        with contextlib.suppress(ValueError):
            event_date = dt.date(spans[-1], event_date.month or 0, event_date.day or 0)
    named = _NAMED_YEAR.search(text[:3000])
    stamped = [d.start.year for d in stamps if d.start.year]
    for known in ([int(named[1])] if named else []) + stamped[:1]:
        # "Sáng 10/8, ... tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2024".
        if isinstance(event_date, PartialDate) and event_date.year is None:
            with contextlib.suppress(ValueError):
                event_date = dt.date(known, event_date.month or 0, event_date.day or 0)
    if event_date is None:
        years = re.findall(r"(?i)ngày hội[^.]{0,150}?\bnăm (\d{4})\b", text[:3000]) or re.findall(
            r"(?i)ngày hội[^.]{0,150}?[^\d/.-]((?:19|20)\d{2})(?=\s*(?:[.,;:)]|$))", text[:3000]
        )  # "... tại phường X, tỉnh Y 2023."
        event_date = PartialDate(year=int(years[0])) if years else None
    return event_date, phrase


# "ngày 19/8 hằng năm": the movement's annual day, not the day of this occasion.
_YEARLY = re.compile(r"\s*(?:hằng|hàng|mỗi)\s+năm\b", re.IGNORECASE)


def _dates_in(text: str, limit: int) -> tuple[list[DatePhrase], list[DatePhrase]]:
    """The date phrases of the first *limit* characters, and apart the page's stamps.

    "Thứ Bảy, 17/8/2024 - 10:45" is the page's time stamp, not the day (its year may
    serve), and the clock after it is not the occasion's time ("14/07/2018, 14:57 |
    Ngày 14-7"); "ngày 19/8 hằng năm" is no day at all.
    """
    found = find_dates(text[:limit])
    stamps = [d for d in found if _STAMP.match(text, d.span[1])]
    dates = [
        attrs.evolve(d, time=None, part_of_day=None)
        if _CLOCK_FIRST.match(d.text)
        and any(s.span[1] < d.span[0] <= s.span[1] + 3 for s in stamps)
        else d
        for d in found
        if d not in stamps and not _YEARLY.match(text, d.span[1])
    ]
    return dates, stamps


def _background_dropped(days: list[DatePhrase]) -> list[DatePhrase]:
    """The days, less those of earlier years than a later day the text also gives.

    "Ngày 19/8/2005, Thủ tướng Chính phủ quyết định ... Sáng 15/8/2024, xã X tổ chức ngày
    hội": the first day is the movement's history, the second the occasion.
    """
    years = [d.start.year for d in days if d.start.year]
    if not years:
        return days
    return [d for d in days if d.start.year is None or d.start.year >= max(years)]


def _days(dates: list[DatePhrase]) -> list[DatePhrase]:
    """The phrases that name a day or a month: not a bare year, not a span of years."""
    return [
        d
        for d in dates
        if d.text and not re.fullmatch(r"năm \d{4}", d.text, re.IGNORECASE) and not _years_apart(d)
    ]


def _years_apart(phrase: DatePhrase) -> bool:
    """A range over several years ("19/8/2005 - 19/8/2020"): an anniversary, not a day."""
    start, end = phrase.start, phrase.end
    return end is not None and start.year is not None and end.year not in (None, start.year)


# ------------------------------------------------------------------ as data

_UNIT_WORDS = {
    "xã": UnitType.XA,
    "phường": UnitType.PHUONG,
    "thị trấn": UnitType.THI_TRAN,
    "đặc khu": UnitType.DAC_KHU,
    "huyện": UnitType.HUYEN,
    "quận": UnitType.QUAN,
    "thị xã": UnitType.THI_XA,
    "tx": UnitType.THI_XA,
    "tỉnh": UnitType.TINH,
    "thành phố": UnitType.THANH_PHO_TRUC_THUOC_TRUNG_UONG,
    "tp": UnitType.THANH_PHO_TRUC_THUOC_TRUNG_UONG,
    "tp.": UnitType.THANH_PHO_TRUC_THUOC_TRUNG_UONG,
}


def _locality(written: str | None, id: str, parent: str | None) -> Locality | None:
    if written is None:
        return None
    if written == "TP.HCM":
        return Locality(
            id=LocalityId(id),
            name="Hồ Chí Minh",
            unit_type=UnitType.THANH_PHO_TRUC_THUOC_TRUNG_UONG,
        )
    for word, unit_type in sorted(_UNIT_WORDS.items(), key=lambda item: -len(item[0])):
        if written.lower().startswith(word + " "):
            name = written[len(word) + 1 :].strip()
            if id == "district" and unit_type is UnitType.THANH_PHO_TRUC_THUOC_TRUNG_UONG:
                unit_type = UnitType.THANH_PHO_THUOC_TINH  # "TP Buôn Ma Thuột" is a district
            return Locality(
                id=LocalityId(id),
                name=name,
                unit_type=unit_type,
                parent=LocalityId(parent) if parent else None,
            )
    return None


def _issuer(written: str | None, places: dict[LocalityLevel, LocalityId]) -> Issuer:
    text = nfc(written or "").lower()
    if re.search(r",| và ", text) and len(_ISSUER.findall(written or "")) >= 2:
        # Several issuers in one string ("UBND tỉnh, Công an tỉnh và UBND huyện"): no one
        # office is the issuer; the level is the first one's.
        office, level = Office.OTHER, _level_of(text.split(",")[0].split(" và ")[0])
        return Issuer(office=office, level=level, locality=places.get(level), as_written=written)
    if "chủ tịch nước" in text:
        office, level = Office.CHU_TICH_NUOC, LocalityLevel.NATIONAL
    elif "thủ tướng" in text:
        office, level = Office.THU_TUONG, LocalityLevel.NATIONAL
    elif "bộ trưởng" in text or text.startswith("bộ công an"):
        office, level = Office.BO_TRUONG, LocalityLevel.NATIONAL
    elif "giám đốc công an" in text or re.match(r"(?:giám đốc )?công (?:an )?tỉnh", text):
        # Any police director ("... Công an thành phố"), and the typo "Công tỉnh".
        office, level = Office.GIAM_DOC_CONG_AN, LocalityLevel.PROVINCE
    elif "chủ tịch" in text:
        office, level = Office.CHU_TICH_UBND, _level_of(text)
    elif "ubnd" in text or "ủy ban nhân dân" in text:
        office, level = Office.UBND, _level_of(text)
    else:
        office, level = Office.OTHER, _level_of(text)
    return Issuer(
        office=office, level=level, locality=places.get(level), as_written=written or None
    )


def _level_of(folded: str) -> LocalityLevel:
    if re.search(r"\b(?:tỉnh|thành phố|tp)\b", folded):
        return LocalityLevel.PROVINCE
    if re.search(r"\b(?:huyện|quận|thị xã)\b", folded):
        return LocalityLevel.DISTRICT
    if re.search(r"\b(?:xã|phường|thị trấn)\b", folded):
        return LocalityLevel.COMMUNE
    return LocalityLevel.COMMUNE


def _dataset(
    text: str,
    kind: str,
    date: dt.date | PartialDate | None,
    part: Any,
    pilot: bool | None,
    commune: str | None,
    district: str | None,
    province: str | None,
    officials: list[ExtractedOfficial],
    models: list[str],
    awards: list[ExtractedAward],
    published_on: dt.date | None,
) -> Dataset:
    source = Source(locator="extracted report", published_on=published_on)
    places = [
        p
        for p in (
            _locality(province, "province", None),
            _locality(district, "district", "province" if province else None),
            _locality(
                commune, "commune", "district" if district else "province" if province else None
            ),
        )
        if p is not None
    ]
    by_level = {p.level: p.id for p in places}
    if not places:
        places = [Locality(id=LocalityId("unknown"), name="chưa rõ", unit_type=UnitType.KHU_DAN_CU)]
    where = places[-1].id
    people = []
    for number, person in enumerate(officials, start=1):
        try:
            split_name(person.name)
        except ValueError:
            continue
        people.append(
            Official(
                id=OfficialId(f"official-{number}"),
                name=person.name,
                honorific=person.honorific,
                rank=person.rank,
                positions=(_position(person.title),),
                sources=(
                    attrs.evolve(source, locator=f"characters {person.span[0]}–{person.span[1]}"),
                ),
            )
        )
    statements = _statements(text, people)
    participants = tuple(
        Participation(
            role=ParticipantRole.SPEAKER
            if any(s.speaker == p.id for s in statements)
            else ParticipantRole.GUEST,
            official=p.id,
        )
        for p in people
    )
    event = Event(
        id=EventId("event"),
        kind=_KIND_OF.get(kind, EventKind.OTHER),
        locality=where,
        held_on=date,
        part_of_day=part,
        is_pilot=pilot,
        participants=participants,
        statements=statements,
        sources=(source,),
    )
    security = tuple(
        SecurityModel(
            id=SecurityModelId(f"model-{n}"),
            name=name,
            category=ModelCategory.OTHER,
            locality=where,
        )
        for n, name in enumerate(models, start=1)
    )
    grants = tuple(
        Award(
            id=AwardId(f"award-{n}"),
            form=_award_form(a.form),
            issuer=_issuer(a.issuer, by_level),
            recipient_kind=a.recipient_kind,
            count=a.count,
            presenter_as_written=a.presenter,
            event=event.id,
            sources=(
                attrs.evolve(
                    source,
                    locator=f"characters {a.span[0]}–{a.span[1]}",
                    note=f"one count for: {a.form}" if a.form and " và " in a.form else None,
                ),
            ),
        )
        for n, a in enumerate(awards, start=1)
    )
    return Dataset(
        localities=tuple(places),
        officials=tuple(people),
        events=(event,),
        security_models=security,
        awards=grants,
    )


_KIND_OF = {
    "festival": EventKind.FESTIVAL,
    "award_ceremony": EventKind.AWARD_CEREMONY,
    "review_conference": EventKind.REVIEW_CONFERENCE,
    "model_launch": EventKind.MODEL_LAUNCH,
}


def _award_form(written: str | None) -> AwardForm:
    """One form as written, or CHUA_RO when none is named or one count spans several."""
    if written is None or " và " in written:
        return AwardForm.CHUA_RO
    return AwardForm.from_label(written)


def _position(title: str) -> Position:
    """The position an extracted title stands for."""
    office = (
        Office.CHU_TICH_UBND if re.match(r"(?i)chủ tịch (?:ubnd|ủy ban nhân dân)", title) else None
    )
    return Position(title=title, office=office)


def _statements(text: str, people: list[Official]) -> tuple[Statement, ...]:
    statements = []
    for match in _ATTRIBUTION.finditer(text):
        who = match.group("who")
        before = text[: match.start()]
        speaker = None
        best = -1
        for person in people:
            at = before.rfind(person.name)
            if at > best and _SPEAKER_VERB.search(before[at : at + len(person.name) + 200]):
                best, speaker = at, person.id
        opening = before.rfind("“")
        quoted = before[opening + 1 :].strip() if opening >= 0 else ""
        text_said = quoted[:200].strip() or "(trích dẫn)"
        statements.append(
            Statement(
                text=text_said,
                kind=StatementKind.QUOTE,
                speaker=speaker,
                attribution=who,
            )
        )
    return tuple(statements)
