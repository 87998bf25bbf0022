"""Grant lines: who gives which form to how many of which kind.

A report's clauses are cut into units, one grant each; a unit that names a form and
gives (or receives) it yields a line for each issuer and each recipient kind it counts.
Awards of earlier years, looks back over a period and grants only asked for are not
lines. The pass of :mod:`antq.extractor.repeats` then drops repeats and totals.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from antq.extractor._rule import rule
from antq.extractor._words import (
    AWARDING,
    FORM,
    FORM_SPELLINGS,
    HANDED,
    HANDING,
    HONORIFIC_WORDS,
    KIND,
    KIND_WORDS,
    NAME_WORD,
    NUMBER,
    PLACE_WORD,
    PRAISING,
    RANKS,
    READ_FORMS,
    RESIDENTIAL,
    ROUGHLY,
    view_key,
)
from antq.extractor.result import ExtractedAward
from antq.text import CountError, fold, parse_count
from antq.vocab import AwardForm, Doubt, RecipientKind

__all__ = ["clauses", "forms_in", "handed_by_office", "lumped", "read_awards"]

FORM_NAMED = rule(
    "awards.form",
    rf"(?i:{FORM}|khen thưởng)",
    produces="a form named, or a bare 'khen thưởng'",
    examples=("tặng Giấy khen", "BẰNG KHEN", "được khen thưởng", "Cờ thi đua của UBND tỉnh"),
    counter_examples=("tặng quà",),
)
COUNT_KIND = rule(  # digits may touch the word: "2tập thể" is a typo met in the genre
    "awards.count_kind",
    rf"(?:(?P<count>\d{{1,4}}|{NUMBER}(?=\s))\s*)?(?P<kind>{KIND})\b",
    produces="a recipient kind, with its count when one is written",
    examples=("03 tập thể", "hai cá nhân", "2tập thể", "các tập thế", "12 lượt"),
    counter_examples=("tập huấn",),
    flags=re.IGNORECASE,
)
_ISSUER_HEAD = (
    r"(?:(?:Phó )?Chủ tịch (?:UBND|Uỷ ban nhân dân|nước|Uỷ ban MTTQ\w*)"
    r"|UBND|Uỷ ban nhân dân|(?:Phó )?Giám đốc Công an|P?GĐ Công an|Giám đốc Sở \w+(?: \w+)?"
    r"|Ban Giám đốc Công an|Bộ Tư lệnh(?: \w+){1,3}?(?= |$)|Sở(?= [A-ZĐ])"
    r"|Công an|Bộ trưởng Bộ Công an|(?:Thứ trưởng|Bộ trưởng)(?: Bộ Công an)?"
    r"|Thủ tướng Chính phủ|Thủ tướng|Bộ Công an"
    r"|Ban Chỉ đạo \d*|Trưởng Công an|Cục trưởng"
    r"|(?:Ban Thường trực )?Uỷ ban (?:MTTQ|Mặt trận Tổ quốc)(?: Việt Nam)?"
    r"|(?:Ban Thường trực )?(?:UBMTTQ|UB MTTQ|MTTQ)(?: Việt Nam| VN)?"
    r"|Đảng uỷ|Huyện uỷ|Tỉnh uỷ|Thành uỷ"
    r"|Hội Liên hiệp Phụ nữ|Hội LHPN|Hội Cựu chiến binh|Hội Nông dân|Huyện đoàn|Tỉnh đoàn"
    r"|Thành đoàn|Đoàn Thanh niên|Bộ Chỉ huy (?:Quân sự|Bộ đội Biên phòng)|Chỉ huy trưởng"
    # A frequent typo drops "an" ("Giám đốc Công tỉnh"): kept as written.
    r"|(?:Giám đốc |Trưởng )?Công(?= (?:tỉnh|huyện|quận|thị xã|thành phố|xã|phường|thị trấn)\b)"
    r"|Chủ tịch"
    # A unit named by its word alone, just before the verb: "thành phố cũng khen thưởng".
    r"|(?:thành phố|thị xã|huyện|quận|tỉnh|xã|phường)(?=\s*(?:(?:đã|cũng|còn|vừa)\s*)*$))"
)
# Office words in any case; the place's proper name only in capitals ("phường Hải Châu").
_ONE_ISSUER_SOURCE = (
    rf"(?i:{_ISSUER_HEAD})(?: (?i:{PLACE_WORD}|Bộ Công an))?"
    rf"(?:(?: {NAME_WORD}){{1,4}}| \d{{1,2}}\b(?! (?:tập thể|cá nhân|các nhân|lượt|hộ)))?"
)
ISSUER = rule(
    "awards.issuer",
    rf"(?P<issuer>{_ONE_ISSUER_SOURCE})",
    produces="an office or body that grants, with its place",
    examples=("Chủ tịch UBND phường Hải Châu", "Giám đốc Công an tỉnh", "Ủy ban MTTQ xã"),
    counter_examples=("các tập thể",),
)
OF_ISSUER = rule(
    "awards.of_issuer",
    rf"\b(?i:của)\s+{ISSUER.pattern.pattern}",
    produces="the issuer after 'của' (whose award it is)",
    examples=("của Chủ tịch UBND tỉnh", "của Bộ trưởng Bộ Công an"),
)
# Several issuers lumped in one clause with no mapping stay one string ("của A và B",
# "được A, B và C tặng"); at most eight: a bounded chain keeps every search linear.
_CHAIN = rf"{_ONE_ISSUER_SOURCE}(?:(?:,\s*|\s+và\s+){_ONE_ISSUER_SOURCE}){{0,7}}"
BY_CHAIN = rule(
    "awards.by_chain",
    rf"\bđược\s+(?P<chain>{_CHAIN})\s+(?:đã\s+)?{PRAISING}\b",
    produces="the issuers of a passive grant ('được A, B và C tặng')",
    examples=("được UBND tỉnh, Công an tỉnh và UBND huyện tặng",),
)
SUBJECT_CHAIN = rule(
    "awards.subject_chain",
    _CHAIN,
    produces="issuers written as the subject of a verb of giving",
    examples=("UBND xã tặng", "Công an tỉnh và UBND huyện trao"),
)
PEOPLE_OF = rule(
    "awards.people_of",
    r"\b(?:cho|đối với)\s+(?:(?:tập thể|cán bộ|chiến sĩ|đảng viên)(?:,\s*|\s+và\s+))*"
    r"[Nn]hân dân(?:\s+và cán bộ)?\s+"
    rf"(?:xã|phường|thị trấn|{RESIDENTIAL})\b",
    produces="one collective: the people of a named unit",
    examples=(
        "cho cán bộ và Nhân dân xã Hồng Quang",
        "cho Nhân dân thôn 3",
        "cho tập thể, cán bộ và nhân dân xã Hưng Mỹ",
    ),
)
_UNIT_NOUN = rf"(?:xã|phường|thị trấn|{RESIDENTIAL})"
# One named recipient: "cho ông Lê Văn A", "cho Công an xã B", "xã C vinh dự đón nhận".
_NAMED_UNIT = (
    r"(?:(?:tập thể\s+)?(?:(?:cán bộ và\s+)?[Nn]hân dân(?:\s+và cán bộ)?|Công an|UBND"
    r"|Uỷ ban nhân dân|Ban [Cc]hỉ đạo(?: \w+)?|Ban bảo vệ dân phố|Chi bộ|Đảng bộ|Đoàn thanh niên"
    rf"|Hội (?:Phụ nữ|Cựu chiến binh|Nông dân))\s+)?{_UNIT_NOUN}\s+(?:{NAME_WORD}|\d+)"
)
TO_ONE_UNIT = rule(
    "awards.to_one_unit",
    rf"\b(?:cho|(?:khen thưởng|biểu dương|tuyên dương)(?: đột xuất)?)\s+{_NAMED_UNIT}",
    produces="one named collective receiving",
    examples=("cho Công an xã Tân Phú", "khen thưởng đột xuất Công an phường 7"),
)
ONE_UNIT_RECEIVES = rule(
    "awards.one_unit_receives",
    rf"(?:^|,\s*)(?:{_NAMED_UNIT}(?: {NAME_WORD})*|{_UNIT_NOUN})\s+(?:đã\s+)?(?:vinh dự\s+)?"
    r"(?:được|đón nhận|nhận)\b",
    produces="one named collective as the subject of receiving",
    examples=("xã Phước Hưng vinh dự đón nhận", "Công an xã A được"),
)
# A person named with what the text calls them: "ông Lê Văn A", "Đại tá Trần B".
_A_PERSON = (
    rf"(?:[Ôô]ng|[Bb]à|anh|chị|đồng chí|em|cháu|{RANKS})\s+{NAME_WORD}(?: {NAME_WORD}){{1,4}}"
)
TO_ONE_PERSON = rule(
    "awards.to_one_person",
    rf"\bcho\s+{_A_PERSON}",
    produces="a named person receiving",
    examples=("cho ông Lê Văn Minh", "cho Đại uý Trần Văn B"),
)
NAMED_PERSON = rule(
    "awards.named_person",
    rf"(?:^|[\s,;]){_A_PERSON}",
    produces="a named person (to count several named one by one)",
    examples=("ông Lê Văn Minh, bà Trần Thị B",),
)
NAMED_FIRST_PERSON_ANY = rule(
    "awards.named_first_person_any",
    rf"\s*{_A_PERSON}",
    produces="a clause that opens with a named person (a list of recipients going on)",
    examples=(" bà Trần Thị B, Trưởng thôn",),
)
NAMED_FIRST_UNIT = rule(
    "awards.named_first_unit",
    rf"\s*{_NAMED_UNIT}(?: (?:{NAME_WORD}|\d+))*\s*(?:,|và\b)",
    produces="a named unit before counted recipients ('cho thôn Phú Mỹ và 03 cá nhân')",
    examples=(" thôn Phú Mỹ và 03 cá nhân",),
)
NAMED_FIRST_PERSON = rule(
    "awards.named_first_person",
    rf"\s*{_A_PERSON}\s*(?:,|và\b)",
    produces="a named person before counted recipients ('cho ông A và 3 tập thể')",
    examples=(" ông Lê Văn A và 3 tập thể",),
)
COUNTED_UNITS = rule(
    "awards.counted_units",
    rf"(?:^\s*|,\s*|\svà\s+)(?P<count>{NUMBER})\s+(?P<kind>khu phố|khu dân cư|tổ dân phố"
    r"|thôn|ấp|bản|đơn vị|cơ quan|gia đình|hộ|chi bộ|chi hội|chi đoàn|tổ tự quản|tổ liên gia"
    r"|tổ an ninh|câu lạc bộ|doanh nghiệp|trường học)\b",
    produces="counted units other than 'tập thể' and 'cá nhân' ('cho 2 khu phố')",
    examples=(" 2 khu phố", ", 8 gia đình", " và 3 chi bộ"),
)
# Counted recipients by another noun: people ("28 công dân") or exemplars of either kind
# ("40 gương điển hình", "120 điển hình tiêu biểu").
COUNTED_PEOPLE = rule(
    "awards.counted_people",
    rf"(?P<count>\d{{1,4}}|{NUMBER}(?=\s))\s+(?:(?P<people>công dân|người dân|học sinh|chiến sĩ"
    r"|đoàn viên|hội viên|thanh niên|em)|(?P<models>gương điển hình|gương|điển hình))\b",
    produces="a count of people (individuals) or of exemplars (kind not stated)",
    examples=("28 công dân", "120 điển hình tiêu biểu", "40 gương điển hình"),
    counter_examples=("các công dân",),
    flags=re.IGNORECASE,
)
# A meeting's name or purpose is no grant line: "tổ chức hội nghị biểu dương người cao
# tuổi", "Hội nghị biểu dương, nhân rộng các mô hình" (uncounted only: "gặp mặt tuyên
# dương 120 điển hình" counts its recipients and is a line).
MEETING = rule(
    "awards.meeting",
    r"(?i:\b(?:hội nghị|hội thi|chương trình|gặp mặt|lễ|buổi lễ|tổ chức),?\s+"
    r"(?:(?:sơ kết|tổng kết|gặp mặt|\d+ năm)[^,.;]{0,60}?\s+)?"
    r"(?:biểu dương|tuyên dương|khen thưởng)\b"
    r"|\btổ chức\s+(?:gặp mặt|hội nghị|lễ)[^.;]{0,100}?\s+và\s+(?:biểu dương|tuyên dương)\b"
    # A task or guidance, not a conferral: "biểu dương, khen thưởng, nhân rộng ...".
    r"|\b(?:biểu dương|tuyên dương|khen thưởng)(?:,?\s+(?:biểu dương|tuyên dương|khen thưởng))*"
    r",?\s+(?:và\s+)?nhân rộng\b"
    r"|\b(?:kịp thời|thường xuyên|chú trọng|cần|phải|tiếp tục|nhằm)\s+(?:\w+,?\s+){0,2}?"
    r"(?:biểu dương|tuyên dương|khen thưởng)\b)",
    produces="a meeting named by its praise, or a task of praising: no line when uncounted",
    examples=(
        "tổ chức hội nghị biểu dương người cao tuổi",
        "Hội nghị biểu dương, nhân rộng",
        "tổ chức gặp mặt các thế hệ cán bộ và biểu dương các tập thể",
        "tổ chức gặp mặt, biểu dương các tập thể",
        "Đồng thời, biểu dương, khen thưởng, nhân rộng những mô hình",
        "kịp thời động viên, khen thưởng",
    ),
    counter_examples=("UBND xã khen thưởng các tập thể",),
)
SHARED_COUNT = rule(
    "awards.shared_count",
    rf"(?P<count>{NUMBER})\s+(?:lượt\s+)?(?:tập thể|cá nhân)\s*(?:,|và)\s*(?:tập thể|cá nhân)\b",
    produces="one number over both kinds: a line of unstated kind",
    examples=("15 tập thể, cá nhân", "20 lượt tập thể và cá nhân"),
    flags=re.IGNORECASE,
)
GIVE = rule(
    "awards.give",
    rf"\b(?:đã\s+)?{PRAISING}\b",
    produces="a verb of giving or praising",
    examples=("trao tặng", "đã khen thưởng", "biểu dương"),
    flags=re.IGNORECASE,
)
RECEIVE = rule(
    "awards.receive",
    r"\bnhận\b",
    produces="a verb of receiving",
    examples=("được nhận giấy khen",),
    counter_examples=("nhân dân",),
)
CHO = rule(
    "awards.cho",
    r"\b(?:cho|đối với)\b",
    produces="where the recipients begin",
    examples=("tặng giấy khen cho 5 cá nhân", "tặng Giấy khen đối với 3 tập thể"),
)
# One person named by their office: "cho Bí thư Đảng ủy xã X", "cho Trưởng Công an xã Y".
TITLE_RECIPIENT = rule(
    "awards.title_recipient",
    r"\s*(?i:(?:phó )?(?:bí thư|chủ tịch|trưởng công an|trưởng thôn|trưởng ban|trưởng ấp"
    r"|chi hội trưởng|tổ trưởng|giám đốc|hiệu trưởng|đội trưởng|trưởng))\s+(?=\S)",
    produces="one individual, named by their office",
    examples=(" Bí thư Đảng ủy xã Tân Lập", " Trưởng Công an xã Phú Lộc"),
    counter_examples=(" các tập thể",),
)
# A named collective after its kind, or a body named by its place ("cho tập thể Bệnh
# viện Mắt Tây Nguyên", "cho Công an tỉnh Gia Lai").
NAMED_COLLECTIVE = rule(
    "awards.named_collective",
    rf"\s*(?:tập thể\s+(?={NAME_WORD})"
    rf"|(?i:công an|ubnd|uỷ ban nhân dân)\s+{PLACE_WORD}\s+(?={NAME_WORD}))",
    produces="one collective named",
    examples=(" tập thể Bệnh viện Mắt Tây Nguyên", " Công an tỉnh Gia Lai"),
    counter_examples=(" tập thể có thành tích",),
)
# What ends a named recipient: punctuation, or a word that goes on with the sentence.
NAME_RUN_END = rule(
    "awards.name_run_end",
    r"[,;.:!?]|\s+(?:và|vì|có|đã|đạt|được|trong|với|do|nhân dịp|tại)\b|$",
    produces="where a named recipient ends",
    examples=(" vì đã có thành tích", ", "),
)
ANOTHER_NAMED = rule(
    "awards.another_named",
    rf"\s+và\s+(?:tập thể\s+)?{NAME_WORD}",
    produces="a second named recipient after 'và'",
    examples=(" và Đội 2",),
    counter_examples=(" và hai cá nhân",),
)
# Named people one by one: "ông Duy, Long, Vân", "em A (lớp 7) và em B".
PEOPLE_LIST = rule(
    "awards.people_list",
    rf"^\s*(?:{HONORIFIC_WORDS})\s+(?P<list>{NAME_WORD}(?: {NAME_WORD})*(?:\s*\([^()]{{1,40}}\))?"
    rf"(?:\s*(?:,|và)\s*(?:(?:{HONORIFIC_WORDS})\s+)?{NAME_WORD}(?: {NAME_WORD})*"
    rf"(?:\s*\([^()]{{1,40}}\))?)*)(?=\s*(?:[,;.:)]|$|\s(?:vì|có|đã|đạt|là|được|ghi|nhân|với|trong)\b))",
    produces="a list of named people and how many",
    examples=(
        " ông Duy, Long, Vân, ghi nhận",
        " em Nguyễn Thanh Lộc (lớp 7) và em Ong Như Bảo Thạch.",
    ),
    counter_examples=(" các cá nhân",),
)
_BRACKETED = re.compile(r"\s*\([^()]*\)")
_LIST_CUT = re.compile(rf"\s*(?:,|và)\s*(?:(?:{HONORIFIC_WORDS})\s+)?")
PAST = rule(
    "awards.past",
    r"\b(?:năm|Năm)\s+(\d{4})\b[^.;]*?\bđược\b|\bđã được\b[^.;]*\b(?:năm|Năm)\s+(\d{4})",
    produces="an award of a given year (an earlier year's is no line)",
    examples=("Năm 2022, xã được tặng Bằng khen", "đã được tặng Cờ thi đua năm 2019"),
)
# A look back over a period ("Giai đoạn 2019 - 2024, phường có 5 tập thể ... được các cấp
# khen thưởng"): awards of earlier years, not lines of this occasion.
RETROSPECT = rule(
    "awards.retrospect",
    r"(?i)(?:\b(?:giai đoạn|từ năm)\s+\d{4}|\bqua \d+ năm|\b\d+ năm qua|\bsau (?:hơn |gần )?\d+ năm"
    r"|\b(?:những năm|thời gian|nhiệm kỳ) qua|\b(?:đến nay|tính đến|luỹ kế)\b)[^.;]*\bđược\b"
    r"|\bđược các cấp\b|\b(?:đã từng|nhiều năm liền|liên tục|nhiều lần|từng)\s+được\b",
    produces="a look back over a period: no line (nor in the clauses its ';' runs on to)",
    examples=(
        "Giai đoạn 2019 - 2024, phường có 5 tập thể được khen thưởng",
        "trong 10 năm qua đã có 38 lượt tập thể được tặng cờ thi đua",
        "Sau hơn 3 năm hoạt động, mô hình vinh dự được nhận Giấy khen",
        "Từ năm 2015 đến nay, xã đã có 20 tập thể được tặng Giấy khen",
        "tổ tự quản nhiều năm liền được UBND huyện tặng giấy khen",
    ),
)
# A grant asked for or planned, not made: "đề nghị Giám đốc Công an tỉnh tặng Giấy khen".
PROPOSED = rule(
    "awards.proposed",
    rf"(?i)\b(?:đề nghị|đề xuất|kiến nghị|sẽ|dự kiến|phấn đấu|tham mưu|trình)\b[^.;]{{0,60}}?"
    rf"\b{AWARDING}\b|\bxét (?:tặng|khen thưởng|trao)\b|\bhồ sơ (?:đề nghị )?khen thưởng\b",
    produces="a grant asked for, proposed, planned or under review: no line",
    examples=(
        "đề nghị Giám đốc Công an tỉnh tặng Giấy khen",
        "tham mưu UBND tỉnh tặng Bằng khen cho 5 tập thể",
        "xét tặng Kỷ niệm chương cho 12 cá nhân",
    ),
    counter_examples=("Chủ tịch UBND xã tặng giấy khen cho 3 tập thể",),
)
CLAUSE = rule(
    "awards.clause_end",
    r"(?<=[.;!?])\s+|\n+",
    produces="where a clause ends",
    examples=("Xong. Tiếp", "a\nb"),
)
ON_BEHALF = rule(
    "awards.on_behalf",
    r"(?i:thừa uỷ quyền)\s+",
    produces="a delegation: the presenter acts for the issuer",
    examples=("Thừa ủy quyền của Chủ tịch UBND tỉnh, ", "thừa uỷ quyền "),
)
# "Công an tỉnh tổ chức lễ trao Kỷ niệm chương": whoever holds the ceremony hands over
# someone else's award; "tổ chức khen thưởng" is the body's own commendation.
ORGANISER = rule(
    "awards.organiser",
    r"(?i)\btổ chức\b(?!\s+(?:khen thưởng|biểu dương|tuyên dương)\b)",
    produces="the organiser of a ceremony, who is not the issuer",
    examples=("Công an tỉnh tổ chức lễ trao",),
    counter_examples=("UBND xã tổ chức khen thưởng",),
)
OF_WORD = rule(
    "awards.of_word",
    r"(?i:của)\s+",
    produces="the word 'của'",
    examples=("của ",),
)
OWNED = rule(
    "awards.owned",
    rf"(?i:{FORM}|khen thưởng|phần thưởng|thư khen)(?:\s+(?:đột xuất|[“\"][^”\"]{{1,80}}[”\"]))?"
    rf"\s+(?i:của)\s+(?P<chain>{_CHAIN})",
    produces="whose award it is: the issuers after a form and 'của'",
    examples=(
        "Giấy khen của Chủ tịch UBND huyện và Trưởng Công an huyện",
        "Kỷ niệm chương “Bảo vệ an ninh Tổ quốc” của Bộ Công an",
    ),
    counter_examples=("các cá nhân của Công an tỉnh",),
)
HANDS_OVER = rule(
    "awards.hands_over",
    r"^(?i:(?:đã\s+)?trao)$",
    produces="'trao' alone: its subject hands over, and is the issuer only as a body",
    examples=("trao", "đã trao"),
    counter_examples=("trao tặng",),
)
PERSONAL = rule(
    "awards.personal_title",
    r"(?i:(?:phó )?(?:chủ tịch|giám đốc|gđ|bộ trưởng|thứ trưởng|cục trưởng|trưởng|chỉ huy trưởng"
    r"|bí thư|thủ tướng)\b|pgđ\b)",
    produces="an issuer written as a person's title",
    examples=("Chủ tịch UBND tỉnh", "PGĐ Công an tỉnh"),
    counter_examples=("UBND xã",),
)
LEADERS_BEFORE = rule(
    "awards.leaders_before",
    r"(?P<leaders>(?i:(?:đại diện\s+)?lãnh đạo|đại diện))\s*$",
    produces="'Lãnh đạo' or 'Đại diện' before a body: its people, not the body",
    examples=("Lãnh đạo ", "Đại diện lãnh đạo "),
)
PERSON_BEFORE = rule(
    "awards.person_before",
    rf"(?:{RANKS}|[Ôô]ng|[Bb]à|[Đđ]ồng chí)?\s*{NAME_WORD}(?: {NAME_WORD}){{1,4}}"
    r"\s*(?:[,–—-]|\()\s*"
    r"(?:(?i:phó )?[^,]{0,60},\s*)*"
    r"(?:(?i:(?:phó )?(?:chủ tịch|giám đốc|bí thư|trưởng ban|trưởng)(?: thường trực)?)\s*)?$",
    produces="a person named just before the title that acts",
    examples=(
        "Đại tá Nguyễn Văn Thay, ",
        "Ông Lê Văn Tâm - ",
        "Ông A Bình, Phó Bí thư Tỉnh ủy, ",
        "Ông Lê Văn Tâm - Phó chủ tịch thường trực ",
    ),
)
TITLE_BEFORE_CHAIN = rule(
    "awards.title_before_chain",
    r"(?i:(?:phó )?bí thư|uỷ viên(?: ban thường vụ)?|(?:phó )?trưởng ban)\s*$",
    produces="a person's title before a chain: the chain is that person's titles",
    examples=("Phó Bí thư ",),
)
NAME_AFTER_OFFICE = rule(
    "awards.name_after_office",
    rf"(?<=Bộ Công an)\s+{NAME_WORD}(?: {NAME_WORD})+$",
    produces="a person's name after a national office",
    examples=("Bộ trưởng Bộ Công an Tô Lâm",),
)
TRAILING = rule(
    "awards.trailing",
    r"\s+(?:đã|cho|tặng|trao|cũng|vừa|đến|tại|về)\b.*$",
    produces="what follows an issuer's name",
    examples=("UBND xã đã", "Công an tỉnh cho"),
    flags=re.IGNORECASE,
)
ABOUT = rule(  # just before a count
    "awards.about",
    rf"(?i)\b(?:{ROUGHLY})\s*$",
    produces="a rough count ('gần 180'): the count is unknown",
    examples=("gần ", "hơn "),
)
ROUGH = rule(
    "awards.rough",
    rf"(?i)\b(?:{ROUGHLY})\s+\d",
    produces="a rough number anywhere in a unit",
    examples=("hơn 20 cá nhân",),
)
# "UBND xã đã trao 15 giấy khen cho các tập thể và cá nhân": a number of awards.
COUNT_OF_FORM = rule(
    "awards.count_of_form",
    rf"(?P<count>{NUMBER})\s+(?i:{HANDED})",
    produces="a number of awards handed, of unstated kind",
    examples=("15 giấy khen",),
    flags=re.IGNORECASE,
)
LISTED = rule(
    "awards.listed",
    rf"\W*(?i:{HANDED})\s+của\s[^;.]*?\bcho\s",
    produces="a list that goes on without its verb ('; Giấy khen của X cho 2 tập thể')",
    examples=(" Giấy khen của UBND huyện cho 2 tập thể",),
)
# "A tặng giấy khen cho 2 tập thể, B tặng giấy khen cho 3 cá nhân": one unit per giver.
NEXT_GIVER = rule(
    "awards.next_giver",
    rf"(?:,|\s+và|\s+còn)\s+(?={_CHAIN}\s+(?:đã\s+|cũng\s+|còn\s+)?{AWARDING}\b)",
    produces="a cut before the next giver",
    examples=("cho 2 tập thể, Công an huyện tặng giấy khen",),
)
# "01 tập thể được nhận Bằng khen của A, 02 tập thể được nhận Giấy khen của B", "..., xã
# X được Chủ tịch UBND tỉnh tặng Cờ thi đua": one unit per group of receivers.
NEXT_RECEIVER = rule(
    "awards.next_receiver",
    rf",\s+(?=(?:{NUMBER}\s+(?:lượt\s+)?(?:tập thể|cá nhân)\s*(?:,|và)\s*"
    rf"(?:{NUMBER}\s+)?(?:tập thể|cá nhân))?[^,;.]{{1,80}}?\bđược\s+(?:nhận|{AWARDING}"
    rf"|(?i:{_ISSUER_HEAD}))\b)",
    produces="a cut before the next group of receivers",
    examples=("của A, 02 tập thể được nhận Giấy khen",),
)
# "..., Đại diện lãnh đạo huyện trao Giấy khen của ...", "..., tặng Bằng khen cho ...":
# another grant begins wherever a verb of giving a named form follows a comma.
NEXT_GRANT = rule(
    "awards.next_grant",
    rf"(?:,|\s+và)\s+(?=[^,;.]{{0,60}}?\b{HANDING}\s+(?i:{HANDED})\b|(?i:thừa uỷ quyền)\b)",
    produces="a cut before the next verb of giving a named form",
    examples=("cho 3 tập thể, tặng Bằng khen cho 2 cá nhân",),
)
# "... tặng Cờ thi đua cho 2 tập thể và Bằng khen cho 10 cá nhân": a form for each count.
FORM_SPLIT = rule(
    "awards.form_split",
    rf"(?:,|\s+và)\s+(?=(?i:{HANDED})\b[^,;]*?\bcho\s)",
    produces="a cut before a further form with recipients of its own",
    examples=("cho 2 tập thể và Bằng khen cho 10 cá nhân",),
)


PRAISED_THING = rule(
    "awards.praised_thing",
    r"(?i:(?P<verb>biểu dương|tuyên dương)\s+(?:những\s+|các\s+)?(?:kết quả|thành tích|thành quả"
    r"|tinh thần|sự\b|nỗ lực|đóng góp|việc|lực lượng))",
    produces="praise of results or of a force: no form of award",
    examples=("ghi nhận và biểu dương những kết quả", "biểu dương tinh thần"),
    counter_examples=("biểu dương các tập thể",),
)


CAPTION = rule(
    "awards.caption",
    r"(?i:\s*\bảnh\s*:|\s*\(ảnh\b|\s*ảnh minh hoạ)",
    produces="a photo caption",
    examples=("Ảnh: Đắc Mạnh", "(Ảnh: TL)"),
    counter_examples=("ảnh hưởng",),
)


def clauses(text: str) -> Iterator[tuple[int, str]]:
    """The clauses of *text* (cut after . ; ! ? and at line breaks), with their offsets."""
    start = 0
    for match in CLAUSE.finditer(text):
        yield start, text[start : match.start()]
        start = match.end()
    yield start, text[start:]


_PRAISE_FORMS = (AwardForm.BIEU_DUONG, AwardForm.TUYEN_DUONG)


def forms_in(clause: str) -> tuple[AwardForm, ...]:
    """The forms a clause names, in the vocabulary's order.

    Praise of results ("biểu dương những kết quả") names no form.
    """
    lowered = view_key(clause)
    praised = {view_key(m.group("verb")) for m in PRAISED_THING.finditer(clause)}
    found = []
    for form in READ_FORMS:
        spellings = FORM_SPELLINGS[form]
        if not any(w in lowered for w in spellings):
            continue
        label = spellings[0]  # the label's key comes first
        if form in _PRAISE_FORMS and lowered.count(label) <= (1 if label in praised else 0):
            continue
        found.append(form)
    return tuple(found)


def _count(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return parse_count(text)
    except CountError:
        return None


def _delegation(text: str) -> tuple[re.Match[str], re.Match[str] | None] | None:
    """The "thừa ủy quyền (của) X" in *text*, and X's match (None when no issuer follows)."""
    behalf = ON_BEHALF.search(text)
    if behalf is None:
        return None
    of = OF_WORD.match(text, behalf.end())
    return behalf, ISSUER.match(text, of.end() if of else behalf.end())


def handed_by_office(presenter: str | None) -> bool:
    """Whether an office ("Chủ tịch UBND huyện"), not leaders or a person, handed it over."""
    return presenter is not None and PERSONAL.match(presenter) is not None


def lumped(issuer: str) -> bool:
    """Whether one issuer string names several ("UBND tỉnh, Công an tỉnh và UBND huyện")."""
    return ("," in issuer or " và " in issuer) and len(ISSUER.findall(issuer)) >= 2


def _presenter(clause: str) -> str | None:
    """Who hands an award over when the clause says whose it is.

    "X trao bằng khen của Y" and "Thừa ủy quyền (của) Y, X trao bằng khen" both make X
    the presenter and Y the issuer.
    """
    give = GIVE.search(clause)
    if give is None:
        return None
    before = clause[: give.start()]
    delegated = _delegation(before)
    if delegated is not None:
        behalf, owner = delegated
        before = before[(owner or behalf).end() :]
    elif not OF_ISSUER.search(clause[give.end() :]):
        return None
    candidates = list(ISSUER.finditer(before))
    return _trim_issuer(candidates[-1].group("issuer")) if candidates else None


def _issuers(clause: str, form_at: int) -> tuple[list[str], str | None, bool]:
    """The issuers a unit names, the presenter standing in for them, and a doubt flag.

    The flag is true when the issuer is a named person's office (the giver's title,
    not the award's stated owner).

    "của X" after a form, "thừa ủy quyền (của) X" and the passive "được X tặng" give X.
    Otherwise the subject of the verb: of "tặng" (and "trao tặng", "khen thưởng") it is
    the issuer, written without the person's rank and name, the last of a person's
    titles ("Phó Bí thư Đảng ủy, Chủ tịch UBND phường X" gives "Chủ tịch UBND phường
    X"); of "trao" alone it is a presenter when it is a person or a person's title, and
    the issuer only when it is a body ("UBND xã X trao giấy khen").
    """
    owned = []
    delegated = _delegation(clause)
    if delegated is not None and delegated[1] is not None:
        owned.append(delegated[1].group("issuer"))
    owned += [m.group("chain").strip() for m in OWNED.finditer(clause)]
    if not owned:
        owned = [m.group("chain").strip() for m in BY_CHAIN.finditer(clause)]
    if owned:
        return list(dict.fromkeys(_trim_issuer(i) for i in owned)), None, False
    give = GIVE.search(clause)
    before = clause[: give.start()] if give else clause[:form_at]
    candidates = list(SUBJECT_CHAIN.finditer(before))
    if not candidates:
        return [], None, False
    last = candidates[-1]
    if ORGANISER.search(clause[last.end() : give.end() if give else len(before)]):
        return [], None, False  # "Công an tỉnh tổ chức lễ trao ...": the organiser, not the issuer
    issuer = _trim_issuer(last.group(0))
    lead = before[: last.start()]
    if TITLE_BEFORE_CHAIN.search(lead) and ", " in issuer:
        issuer = issuer.rsplit(", ", 1)[1]  # a person's titles: the last one grants
    leaders = LEADERS_BEFORE.search(lead)
    person = PERSON_BEFORE.search(lead) is not None
    with_leaders = f"{leaders.group('leaders')} {issuer}" if leaders else issuer
    if give is not None and HANDS_OVER.fullmatch(give.group(0).strip()):
        if PERSONAL.match(issuer) or leaders or person:
            return [], with_leaders, False  # "Lãnh đạo UBND phường X trao ...": a presenter
        return [issuer], None, False
    # "tặng": "Lãnh đạo Công an tỉnh X tặng ..." keeps its leaders
    return [with_leaders], None, person and PERSONAL.match(with_leaders) is not None


def _trim_issuer(issuer: str) -> str:
    """An issuer without what follows it, nor a person's name after the office."""
    issuer = TRAILING.sub("", issuer).strip(" ,")
    named = NAME_AFTER_OFFICE.search(issuer)
    if named is not None:
        issuer = issuer[: named.start()]  # "Bộ trưởng Bộ Công an Tô Lâm"
    return issuer


def _exact(text: str, match: re.Match[str]) -> int | None:
    """The match's count, or None when the text gives it only roughly ("gần 180")."""
    if match.group("count") is None:
        return None
    start = match.start("count")
    if ABOUT.search(text[max(0, start - 20) : start]):
        return None
    return _count(match.group("count"))


def _recipients(clause: str) -> list[tuple[RecipientKind, int | None]]:
    if PEOPLE_OF.search(clause) and not any(m["count"] for m in COUNT_KIND.finditer(clause)):
        return [(RecipientKind.COLLECTIVE, 1)]  # "cho Nhân dân và cán bộ xã X": one collective
    shared = SHARED_COUNT.search(clause)
    if shared:
        return [(RecipientKind.UNSPECIFIED, _exact(clause, shared))]
    tail = clause
    cho = CHO.search(clause)
    if cho:
        tail = clause[cho.end() :]
    pairs: list[tuple[RecipientKind, int | None]] = []
    for match in COUNT_KIND.finditer(tail):
        kind = KIND_WORDS[view_key(match.group("kind"))]
        count = _exact(tail, match)
        if count is None and kind is RecipientKind.COLLECTIVE:
            count = _one_named(tail, match.start())  # "cho tập thể Bệnh viện X": one
        pairs.append((kind, count))
    if cho and not pairs and NAMED_COLLECTIVE.match(tail):
        pairs.append((RecipientKind.COLLECTIVE, _one_named(tail, 0)))  # "cho Công an tỉnh X"
    if not any(count is not None for _, count in pairs):
        for match in COUNTED_PEOPLE.finditer(tail):
            kind = RecipientKind.INDIVIDUAL if match["people"] else RecipientKind.UNSPECIFIED
            pairs = [p for p in pairs if p[0] is not kind] + [(kind, _exact(tail, match))]
    give = GIVE.search(clause)
    after = tail if cho else clause[give.end() :] if give else ""
    units = [_counted_unit(after, unit) for unit in COUNTED_UNITS.finditer(after)]
    if pairs and any(count is not None for _, count in pairs):
        counted_units = [u for u in units if u[1] is not None]
        if any(kind is RecipientKind.COLLECTIVE for kind, _ in pairs):
            pairs += counted_units  # "06 tập thể, 12 cá nhân và 02 tổ liên gia tự quản"
        else:
            pairs[:0] = counted_units  # "cho 9 thôn và 12 cá nhân"
        # "cho thôn Phú Mỹ và 03 cá nhân", "cho ông A và 3 tập thể": one named beside counts.
        kinds = {kind for kind, _ in pairs}
        if cho and RecipientKind.COLLECTIVE not in kinds and NAMED_FIRST_UNIT.match(tail):
            pairs.insert(0, (RecipientKind.COLLECTIVE, 1))
        elif cho and RecipientKind.INDIVIDUAL not in kinds and NAMED_FIRST_PERSON.match(tail):
            pairs.insert(0, (RecipientKind.INDIVIDUAL, 1))
        return list(dict.fromkeys(pairs))
    number = COUNT_OF_FORM.search(clause)
    if number and _exact(clause, number) is not None:
        return [(RecipientKind.UNSPECIFIED, _exact(clause, number))]
    if units and all(count is not None for _, count in units):
        return units  # "cho 2 khu phố", "cho 3 chi bộ và 5 gia đình"
    if all(count is None for _, count in pairs):
        # "cho ông A, B", or the people right after the verb: "tuyên dương em A và em B".
        verbs = list(GIVE.finditer(clause))  # "tuyên dương, khen thưởng em A": after the last
        after_verb = tail if cho else clause[verbs[-1].end() :] if verbs else None
        listed = PEOPLE_LIST.match(after_verb) if after_verb is not None else None
        if listed is not None and len(NAMED_PERSON.findall(tail)) <= len(
            NAMED_PERSON.findall(listed.group(0))
        ):
            # People named one by one with nothing between them: as many as are named.
            names = _BRACKETED.sub("", listed.group("list"))  # "(lớp 6, học sinh ...)"
            return [(RecipientKind.INDIVIDUAL, len(_LIST_CUT.split(names)))]
        if cho and not pairs and TITLE_RECIPIENT.match(tail):
            # "cho Bí thư Đảng ủy xã X": one person by office; "... và Trưởng ..." several
            return [(RecipientKind.INDIVIDUAL, None if ANOTHER_NAMED.search(tail) else 1)]
        if TO_ONE_PERSON.search(clause):
            # Several people named with titles between them: a count left unknown.
            several = len(NAMED_PERSON.findall(tail)) > 1
            return [(RecipientKind.INDIVIDUAL, None if several else 1)]
        if TO_ONE_UNIT.search(clause) or ONE_UNIT_RECEIVES.search(clause):
            return [(RecipientKind.COLLECTIVE, 1)]
    if pairs:
        return list(dict.fromkeys(pairs))
    return [(RecipientKind.UNSPECIFIED, None)]


def _one_named(tail: str, at: int) -> int | None:
    """1 when one collective is named at *at* ("tập thể Bệnh viện X"), else None.

    None stands for several named ("tập thể Phòng A và Đội 2") or none ("các tập thể").
    """
    named = NAMED_COLLECTIVE.match(tail, at)
    if named is None:
        return None
    end = NAME_RUN_END.search(tail, named.end())
    stop = end.start() if end else len(tail)
    if ANOTHER_NAMED.match(tail, stop):
        return None
    return 1


def _counted_unit(text: str, unit: re.Match[str]) -> tuple[RecipientKind, int | None]:
    """A counted unit as a recipient: families are households, other units collectives."""
    household = unit.group("kind") in ("gia đình", "hộ")
    return (RecipientKind.HOUSEHOLD if household else RecipientKind.COLLECTIVE, _exact(text, unit))


def _units(text: str) -> Iterator[tuple[int, str, bool]]:
    """The clauses of the text, a clause with several grants cut before each of them.

    Each unit comes with whether it continues the clause of the unit before it (a unit
    that names no issuer then keeps that unit's: "UBND xã tặng Cờ thi đua cho 2 tập
    thể, tặng Giấy khen cho 5 cá nhân").
    """
    for offset, clause in clauses(text):
        start = 0
        cuts = sorted(
            [
                *NEXT_GIVER.finditer(clause),
                *NEXT_RECEIVER.finditer(clause),
                *NEXT_GRANT.finditer(clause),
            ],
            key=lambda m: m.start(),
        )
        for match in cuts:
            if match.start() < start:
                continue
            piece = clause[start : match.start()]
            given = GIVE.search(piece) or RECEIVE.search(piece)
            if given and (FORM_NAMED.search(piece) or COUNT_KIND.search(piece)):
                yield offset + start, piece, start > 0
                start = match.end()
        yield offset + start, clause[start:], start > 0


def _form_parts(clause: str) -> list[str]:
    """The clause, cut before each further form that has recipients of its own."""
    cuts = [m.start() for m in FORM_SPLIT.finditer(clause)]
    if not cuts:
        return [clause]
    bounds = [0, *cuts, len(clause)]
    parts = [clause[a:b] for a, b in itertools.pairwise(bounds)]
    if all(COUNT_KIND.search(part) and FORM_NAMED.search(part) for part in parts):
        return parts
    return [clause]


def _stripped(offset: int, clause: str) -> tuple[int, int]:
    """The span of *clause* at *offset* without its surrounding whitespace."""
    lead = len(clause) - len(clause.lstrip())
    return offset + lead, offset + len(clause.rstrip())


def read_awards(view: str, year: int | None) -> list[ExtractedAward]:
    """The candidate grant lines of a document's *view*, before repeats are dropped.

    Values are the view's spelling; :func:`antq.extractor.extract` gives them back as the
    text writes them.
    """
    found: list[ExtractedAward] = []
    seen: set[tuple[str, str | None, RecipientKind, int | None]] = set()
    carried: list[str | None] = []  # the issuers of the unit before, in the same clause
    looking_back = False  # a look back runs on through the clauses ';' joins to it
    for offset, clause, continued in _units(view):
        carried = carried if continued else []
        if looking_back and not continued:
            looking_back = clause.rstrip().endswith(";")
            continue
        if FORM_NAMED.search(clause) is None:
            continue
        past = PAST.search(clause)
        if past is not None:
            said = int(past.group(1) or past.group(2))
            if year is None or said < year:
                continue
        if RETROSPECT.search(clause):
            looking_back = clause.rstrip().endswith(";")
            continue
        if PROPOSED.search(clause):
            continue
        if not (
            GIVE.search(clause)
            or RECEIVE.search(clause)
            or (LISTED.match(clause) and COUNT_KIND.search(clause))
        ):
            continue  # "...; Giấy khen của X cho 2 tập thể": a list goes on without its verb
        span = _stripped(offset, clause)
        # "... cho các tập thể, cá nhân. Ảnh: Đắc Mạnh": a caption, the photo's credit after it
        caption = bool(CAPTION.search(clause) or CAPTION.match(view, span[1], span[1] + 12))
        presenter = _presenter(clause)
        # "cho ông A, Trưởng thôn X; bà B, ...": several named, not one.
        more_people = clause.rstrip().endswith(";") and bool(
            NAMED_FIRST_PERSON_ANY.match(view, offset + len(clause))
        )
        given = carried
        for part in _form_parts(clause):
            forms = forms_in(part)
            named = FORM_NAMED.search(part)
            read, presented, personal = _issuers(part, named.start() if named else 0)
            issuers: list[str | None] = [*read] or ([None] if presented else given or [None])
            presenter = presenter or presented
            given = carried = issuers  # "tặng Cờ thi đua cho 2 tập thể và Bằng khen cho ..."
            recipients = [
                (kind, None if more_people and kind is RecipientKind.INDIVIDUAL else count)
                for kind, count in _recipients(part)
            ]
            uncounted = all(count is None for _, count in recipients)
            if uncounted and MEETING.search(part):
                continue  # "Hội nghị biểu dương ...": a meeting's name or purpose
            if not forms and uncounted and not ROUGH.search(part) and not _kinds_named(part):
                continue  # a bare "khen thưởng" with nothing counted, no kind named: no line
            lines = _counted_forms(part) or [(forms, kind, count) for kind, count in recipients]
            for issuer in issuers:
                shown = presenter if presenter and fold(presenter) != fold(issuer or "") else None
                for forms, kind, count in lines:
                    giver = issuer or (shown if shown and handed_by_office(shown) else "")
                    line_key = (fold(giver), " ".join(forms), kind, count)
                    if line_key in seen:
                        continue
                    seen.add(line_key)
                    found.append(
                        ExtractedAward(
                            issuer=issuer,
                            forms=forms,
                            recipient_kind=kind,
                            count=count,
                            span=span,
                            text=view[span[0] : span[1]],
                            presenter=shown,
                            doubts=_doubts(
                                issuer, forms, count, part, personal=personal, caption=caption
                            ),
                        )
                    )
    return found


def _kinds_named(part: str) -> bool:
    """Whether *part* names recipient kinds ("các tập thể, cá nhân"), counted or not."""
    return any(
        KIND_WORDS[view_key(m.group("kind"))] is not RecipientKind.UNSPECIFIED
        for m in COUNT_KIND.finditer(part)
    )


def _counted_forms(
    part: str,
) -> list[tuple[tuple[AwardForm, ...], RecipientKind, int | None]]:
    """One line per form when each form has its own number ("5 Cờ thi đua, 28 bằng khen").

    Empty unless two forms or more are counted and no recipient kind is.
    """
    if any(m.group("count") for m in COUNT_KIND.finditer(part)):
        return []
    counted = [(forms_in(m.group(0)), _exact(part, m)) for m in COUNT_OF_FORM.finditer(part)]
    if len({forms for forms, _ in counted}) < 2:
        return []
    return [(forms, RecipientKind.UNSPECIFIED, count) for forms, count in counted]


def _doubts(
    issuer: str | None,
    forms: tuple[AwardForm, ...],
    count: int | None,
    part: str,
    *,
    personal: bool,
    caption: bool,
) -> tuple[Doubt, ...]:
    """What a clerk should check in a line read from *part*."""
    doubts = []
    if issuer is None:
        doubts.append(Doubt.NO_ISSUER)
    elif lumped(issuer):
        doubts.append(Doubt.ISSUERS_LUMPED)
    elif personal:
        doubts.append(Doubt.ISSUER_FROM_PRESENTER)
    if not forms:
        doubts.append(Doubt.FORM_NOT_STATED)
    elif len(forms) > 1:
        doubts.append(Doubt.FORMS_SHARED)
    if count is None:
        doubts.append(Doubt.COUNT_UNKNOWN)
    elif not any(
        rule.search(part) for rule in (SHARED_COUNT, COUNT_OF_FORM, COUNTED_UNITS, COUNTED_PEOPLE)
    ) and not any(m.group("count") for m in COUNT_KIND.finditer(part)):
        doubts.append(Doubt.COUNT_FROM_NAMES)
    if caption:
        doubts.append(Doubt.CAPTION_ONLY)
    return tuple(doubts)
