"""Officials: named people with an honorific, a rank and a title, and what they said."""

from __future__ import annotations

import attrs

from antq.extractor._doc import Doc
from antq.extractor._rule import rule
from antq.extractor._words import NAME_WORD, PLACE_WORD, RANKS
from antq.extractor.awards import CHO, FORM_NAMED, GIVE, NAMED_FIRST_PERSON_ANY, clauses
from antq.extractor.result import ExtractedOfficial
from antq.names import COMMON_FAMILY_NAMES
from antq.text import fold
from antq.vocab import Honorific, Rank

__all__ = ["ATTRIBUTION", "SPEAKER_VERB", "read_officials"]

_TITLES = (
    r"(?i:(?:nguyên )?(?:Phó )?(?:Chủ tịch|Bí thư|Giám đốc|Trưởng ban|Trưởng|Bộ trưởng"
    r"|Thứ trưởng|Cục trưởng|Thủ tướng|Tổng cục trưởng|Chánh văn phòng|Đại biểu|Uỷ viên"
    r"|Trưởng phòng|Phó trưởng"
    r"|Tỉnh uỷ viên|Huyện uỷ viên|Thành uỷ viên|Đảng uỷ viên"
    r"|Chỉ huy trưởng|Chính uỷ|Tổ trưởng|Chi hội trưởng|Hội trưởng|Đồn trưởng"
    r"|Tư lệnh|Chánh án|Viện trưởng|Thành viên|P?GĐ))"
)
# A title runs to the next punctuation, or to "và bà ...", "cùng ông ...": the next person.
_NEXT_PERSON = rf"\s+(?:và|cùng|với)\s+(?:[Ôô]ng|[Bb]à|[Đđ]ồng chí|{RANKS})\s"
PERSON = rule(
    "people.name_then_title",
    rf"(?:(?P<honorific>[Ôô]ng|[Bb]à|[Đđ]ồng chí|[Aa]nh|[Cc]hị)\s+)?(?:(?P<rank>{RANKS})\s+)?"
    rf"(?P<name>{NAME_WORD}(?: {NAME_WORD}){{1,4}})\s*(?:[–—-]|,|\()\s*"
    rf"(?P<title>{_TITLES}(?:(?!{_NEXT_PERSON})[^.,;:()“”\"])*)",
    produces="a named person and the title after the name",
    examples=("bà Lê Thị Thủy, Phó trưởng ban Dân vận Tỉnh ủy", "Đại tá Trần Văn B - Giám đốc"),
)
TITLE_FIRST = rule(
    "people.high_title_then_name",
    rf"\b(?P<title>(?:Phó )?(?:Thủ tướng Chính phủ|Thủ tướng|Bộ trưởng Bộ Công an"
    rf"|Thứ trưởng Bộ Công an|Chủ tịch nước))\s+(?P<name>{NAME_WORD}(?: {NAME_WORD}){{1,3}})",
    produces="a national title written before the name",
    examples=("Thứ trưởng Bộ Công an Lê Quốc Hùng",),
)
# Family names that open a name written after its title ("Phó Chủ tịch UBND quận Liên
# Chiểu Trần Thị Mai"): the place's words end where a family name begins.
# Family names open a name written after its title; "Văn", "Y" and "H'" open the names
# of people whose family name the press leaves out or writes first ("Y Dhăm", "H'Hen").
FAMILY_SOURCE = "(?:" + "|".join(sorted(COMMON_FAMILY_NAMES, key=len, reverse=True)) + r"|Văn|Y|H')"
FAMILY = rule(
    "people.family_name",
    rf"^{FAMILY_SOURCE}$",
    produces="a family name",
    examples=("Nguyễn", "Lê"),
    counter_examples=("Chiểu",),
)
# A title ends before what its holder did ("..., Giám đốc Công an tỉnh trao ...").
_ACTS = (
    r"\s+(?:cho biết|phát biểu|nhấn mạnh|cùng|đã|và đại diện|bày tỏ|đề nghị|trao|tặng"
    r"|ghi nhận|làm|vì|được|chủ trì|chúc mừng|đánh giá|biểu dương|khen ngợi|yêu cầu|trình bày"
    r"|đọc|báo cáo|ôn lại|phát động|kêu gọi|gửi|thay mặt|mong muốn|(?<![Bb]an )chỉ đạo"
    r"|quán triệt"
    r"|khai mạc|hoan nghênh|khẳng định|cảm ơn|nêu|lưu ý|tham dự|tới dự|đến dự|thông tin"
    r"|chia sẻ|dự(?! án| khuyết))\b"
)
TITLE_END = rule(
    "people.title_end",
    _ACTS,
    produces="where a title ends: what its holder did",
    examples=("Giám đốc Công an tỉnh trao",),
)
ONE_WORD_PLACE = rule(
    "people.one_word_place",
    rf"\b{PLACE_WORD} {NAME_WORD}$",
    produces="a title ending in a place of one word so far",
    examples=("Chủ tịch UBND huyện Tam",),
)
# Capitals after a unit word name a place: "tại Công an tỉnh Bắc Giang, Thứ trưởng ...",
# "Chủ tịch UBND huyện Nông Cống" (two capitals there are the place's name, not a person).
AFTER_PLACE_WORD = rule(
    "people.after_place_word",
    rf"\b{PLACE_WORD}\s*$",
    produces="a unit word just before: the capitals after it are a place",
    examples=("tại Công an tỉnh ",),
)
TITLE_BEFORE = rule(
    "people.title_then_name",
    rf"\b(?P<title>{_TITLES} (?:(?!\s(?:và|cùng|với|[Ôô]ng|[Bb]à|[Đđ]ồng chí)\s)"
    rf"[^.,;:()“”\"\n]){{2,60}}?)\s+"
    rf"(?P<name>{FAMILY_SOURCE}(?: {NAME_WORD}){{1,3}})(?=\s*(?:[.,;:()–—-]|\svà\s|$)|{_ACTS})",
    produces="a title written before the name",
    examples=("Phó Chủ tịch UBND quận Liên Chiểu Trần Thị Mai.",),
)
# The unit a title belongs to, after a comma or in brackets: ", Bộ Công an", "(Bộ Công
# an)", ", Công an tỉnh Đắk Lắk"; and the comma inside a department's name.
AFFILIATION = rule(
    "people.affiliation",
    rf"(?:,\s*|\s*\()(?P<unit>(?:Bộ Công an|Công an (?:{PLACE_WORD})(?: {NAME_WORD}){{0,4}}"
    rf"|Thể thao và Du lịch(?: {PLACE_WORD}(?: {NAME_WORD}){{1,4}})?"
    rf"|Thương binh và Xã hội(?: {PLACE_WORD}(?: {NAME_WORD}){{1,4}})?))(?P<close>\))?",
    produces="the unit a title belongs to, written after it",
    examples=(
        ", Bộ Công an",
        " (Bộ Công an)",
        ", Công an tỉnh Đắk Lắk",
        ", Thể thao và Du lịch tỉnh Đồng Tháp",
    ),
)
LATER_HONORIFIC = rule(
    "people.later_honorific",
    rf"(?P<honorific>[Ôô]ng|[Bb]à)\s+(?P<name>{NAME_WORD}(?: {NAME_WORD}){{1,4}})",
    produces="a person called ông or bà in a later mention",
    examples=("Ông Trần Sỹ Thanh cho biết",),
)
TITLE_MORE = rule(
    "people.title_more",
    rf",\s*(?P<more>{_TITLES}(?:(?!{_NEXT_PERSON})[^.,;:()“”\"])*)",
    produces="a further title of the same person",
    examples=(", Phó Chủ tịch UBND tỉnh",),
)
ATTRIBUTION = rule(
    "people.attribution",
    r"[”\"]\s*,?\s*(?P<who>(?:ông|bà|đồng chí|anh|chị)\s+[A-ZÀ-ỸĐ][\wÀ-ỹ]*(?: [A-ZÀ-ỸĐ][\wÀ-ỹ]*)*)"
    r"\s+(?:nhấn mạnh|cho biết|nói|khẳng định|chia sẻ|phát biểu)",
    produces="who a quotation is attributed to",
    examples=("”, ông Quang nhấn mạnh",),
)
SPEAKER_VERB = rule(
    "people.speaker_verb",
    r"\b(?:cho biết|phát biểu|nhấn mạnh|khẳng định)\b",
    produces="a verb of speaking",
    examples=("ông A phát biểu",),
)
RECEIVER_BEFORE = rule(
    "people.receiver_before",
    r"\b(?:cho|tặng)\s*$",
    produces="'cho' or 'tặng' just before a name: a recipient",
    examples=("tặng ",),
)
NAMED_RECIPIENTS = rule(
    "people.named_recipients",
    r"\b(?:cá nhân|tập thể)\s+(?:là|gồm)\b",
    produces="recipients named after their count ('2 cá nhân là đồng chí A, ...')",
    examples=("và 2 cá nhân là đồng chí Phạm Văn A",),
)
_LONG_RUN = 24  # a title joined from more parts than this is no title: stop reading


def _receiving(view: str) -> list[tuple[int, int]]:
    """Where grants name their recipients: after "cho" in a clause that gives an award."""
    spans = []
    listing = False  # "cho ông A, ...; bà B, ...; ông C, ...": the list goes on past ";"
    for offset, clause in clauses(view):
        named = NAMED_RECIPIENTS.search(clause)
        if named is not None:
            spans.append((offset + named.end(), offset + len(clause)))
            continue
        cho = CHO.search(clause)
        if (
            cho
            and FORM_NAMED.search(clause, 0, cho.start())
            and GIVE.search(clause, 0, cho.start())
        ):
            spans.append((offset + cho.end(), offset + len(clause)))
            listing = bool(NAMED_FIRST_PERSON_ANY.match(clause, cho.end()))
        elif listing and NAMED_FIRST_PERSON_ANY.match(clause) and not GIVE.search(clause):
            spans.append((offset, offset + len(clause)))
        else:
            listing = False
    return spans


def read_officials(doc: Doc) -> list[ExtractedOfficial]:
    """The named officials of *doc*, as written, recipients of awards left out."""
    view = doc.view
    people: list[ExtractedOfficial] = []
    names: set[str] = set()
    matches = [(m, m.group("title")) for m in PERSON.finditer(view)]
    matches += [(m, m.group("title")) for m in TITLE_FIRST.finditer(view)]
    matches += [(m, m.group("title")) for m in TITLE_BEFORE.finditer(view)]
    matches.sort(key=lambda pair: pair[0].start())
    receiving = _receiving(view)
    taken = 0  # where the last person read ends: a later reading inside it is a misreading
    for match, written_title in matches:
        name = match.group("name").strip()
        if (
            len(name.split()) < 2
            or match.start("name") < taken
            or AFTER_PLACE_WORD.search(view, max(0, match.start() - 12), match.start())
            or (
                match.re is TITLE_BEFORE.pattern
                and AFTER_PLACE_WORD.search(written_title)
                and len(name.split()) < 3
            )
            or fold(name) in names
            or any(w in name for w in ("UBND", "Công an"))
            or RECEIVER_BEFORE.search(view[max(0, match.start() - 8) : match.start()])
            or any(start <= match.start() < end for start, end in receiving)
        ):
            continue  # "tặng Bằng khen cho ông X, ...; bà Y, ...": recipients, not officials
        title = written_title.strip()
        title_at = match.start("title")
        if (
            match.re is TITLE_BEFORE.pattern
            and len(name.split()) >= 4
            and ONE_WORD_PLACE.search(title)
        ):
            # "Chủ tịch UBND huyện Tam | Dương Nguyễn Văn An": a place has two syllables or
            # more, so the family name that ends it belongs to the title.
            first, name = name.split(" ", 1)
            title = f"{title} {first}"
        end = match.end()
        parts = 0
        while match.re is PERSON.pattern and not TITLE_END.search(title) and parts < _LONG_RUN:
            # "Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo ..."
            more = TITLE_MORE.match(view, end)
            if more is None:
                break
            title, end, parts = f"{title}, {more.group('more').strip()}", more.end(), parts + 1
        title = TITLE_END.split(title)[0].strip()
        if match.re is PERSON.pattern and not TITLE_END.search(view[match.start("title") : end]):
            unit = AFFILIATION.match(view, end)
            if unit is not None and (unit.group("close") or not unit.group(0).startswith(" (")):
                opened = "(" in unit.group(0)
                joined = f" ({unit.group('unit')})" if opened else f", {unit.group('unit')}"
                title, end = title + joined, unit.end()
        honorific = match.groupdict().get("honorific")
        rank = match.groupdict().get("rank")
        names.add(fold(name))
        taken = max(end, match.start() + len(match.group(0).rstrip()))
        people.append(
            ExtractedOfficial(
                name=doc.written(name, match.start()),
                honorific=Honorific.from_label(honorific)
                if honorific and honorific.lower() in ("ông", "bà")
                else None,
                title=_written_title(doc, title.rstrip(" …."), title_at),
                span=match.span(),
                rank=Rank.from_label(rank) if rank else None,
            )
        )
    return _honorifics_from_later_mentions(view, people)


def _honorifics_from_later_mentions(
    view: str, people: list[ExtractedOfficial]
) -> list[ExtractedOfficial]:
    """A person first named without ông/bà takes it from another mention of the full name."""
    called = {
        fold(m.group("name")): Honorific.from_label(m.group("honorific"))
        for m in LATER_HONORIFIC.finditer(view)
    }
    return [
        attrs.evolve(p, honorific=called[fold(p.name)])
        if p.honorific is None and fold(p.name) in called and p.rank is None
        else p
        for p in people
    ]


def _written_title(doc: Doc, title: str, at: int) -> str:
    """A title read in the view, in the text's spelling (its parts may be joined by ", ")."""
    if doc.view.find(title, at) >= 0:
        return doc.written(title, at)
    return ", ".join(doc.written(part, at) for part in title.split(", "))
