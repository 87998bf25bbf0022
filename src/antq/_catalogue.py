"""The catalogue's entries: every code antq words, with its English and Vietnamese template.

Kept apart from :mod:`antq.messages` (the machinery) so the words can be read and
reviewed as one table. Templates use ``str.format`` syntax; both languages of a code
take the same parameters (``tests/test_messages.py`` renders every code in both).
Codes are grouped by where the words are shown: ``word.`` and ``noun.`` (terms used
inside other messages), ``error.`` (exceptions), ``load.`` and ``json.`` (loading),
``check.`` (field checks), ``ANTQ…`` (the built-in rules), ``tally.``, ``report.``,
``extract.`` and ``cli.``.
"""

from __future__ import annotations

from typing import Final, Literal

__all__ = ["ENTRIES"]

_Entry = dict[Literal["vi", "en"], str]


def _e(en: str, vi: str) -> _Entry:
    return {"en": en, "vi": vi}


_WORDS: Final = {
    "word.yes": _e("yes", "có"),
    "word.no": _e("no", "không"),
    "word.list_separator": _e("; ", "; "),
    "word.unknown": _e("(unknown)", "(chưa rõ)"),
    "word.not_stated": _e("not stated", "chưa rõ"),
    "word.total": _e("Total", "Tổng cộng"),
    "word.weekday0": _e("Monday", "thứ hai"),
    "word.weekday1": _e("Tuesday", "thứ ba"),
    "word.weekday2": _e("Wednesday", "thứ tư"),
    "word.weekday3": _e("Thursday", "thứ năm"),
    "word.weekday4": _e("Friday", "thứ sáu"),
    "word.weekday5": _e("Saturday", "thứ bảy"),
    "word.weekday6": _e("Sunday", "chủ nhật"),
    "where.line": _e("line {line}: ", "dòng {line}: "),
    "where.record": _e("{kind} {id}", "{kind} {id}"),
    "level.national": _e("national", "trung ương"),
    "level.province": _e("province", "cấp tỉnh"),
    "level.district": _e("district", "cấp huyện"),
    "level.commune": _e("commune", "cấp xã"),
    "level.residential": _e("residential area", "khu dân cư"),
    "record.locality": _e("locality", "địa bàn"),
    "record.official": _e("official", "cán bộ"),
    "record.event": _e("event", "sự kiện"),
    "record.security_model": _e("security model", "mô hình"),
    "record.award": _e("award", "khen thưởng"),
    # the kinds of value a JSON text holds, as a type mismatch names them
    "json.str": _e("str", "chuỗi"),
    "json.int": _e("int", "số nguyên"),
    "json.float": _e("float", "số thực"),
    "json.bool": _e("bool", "giá trị đúng/sai"),
    "json.null": _e("null", "null"),
    "json.array": _e("array", "mảng"),
    "json.object": _e("object", "đối tượng"),
    "json.long_number": _e("a number of {digits:,} digits", "một số có {digits:,} chữ số"),
    "json.date": _e("a date YYYY-MM-DD", "một ngày dạng YYYY-MM-DD"),
    "json.partial_date": _e(
        "a partial date YYYY, YYYY-MM or --MM-DD",
        "một ngày không đủ dạng YYYY, YYYY-MM hoặc --MM-DD",
    ),
    "json.some_date": _e(
        "a date YYYY-MM-DD or a partial date YYYY, YYYY-MM, --MM-DD",
        "một ngày dạng YYYY-MM-DD hoặc một ngày không đủ dạng YYYY, YYYY-MM, --MM-DD",
    ),
    "json.vocab": _e("a value of {what}", "một giá trị {what}"),
    "json.record_type": _e("a record type ({choices})", "một loại bản ghi ({choices})"),
    "json.text": _e("{text}", "{text}"),
}

# The vocabularies, as a message names them ("is not an award form").
_NOUNS: Final = {
    "noun.LocalityLevel": _e("administrative level", "cấp hành chính"),
    "noun.UnitType": _e("unit type", "loại đơn vị hành chính"),
    "noun.EventKind": _e("event kind", "loại sự kiện"),
    "noun.PartOfDay": _e("part of the day", "buổi"),
    "noun.ParticipantRole": _e("participant's role", "vai trò người tham dự"),
    "noun.ModelCategory": _e("security model category", "loại mô hình"),
    "noun.AwardForm": _e("award form", "hình thức khen thưởng"),
    "noun.Doubt": _e("reading doubt", "điểm cần kiểm tra"),
    "noun.RecipientKind": _e("recipient kind", "đối tượng khen thưởng"),
    "noun.Office": _e("office", "chức vụ"),
    "noun.Honorific": _e("honorific", "cách xưng hô"),
    "noun.Rank": _e("rank", "cấp bậc"),
    "noun.ToneStyle": _e("tone-mark style", "kiểu bỏ dấu"),
    "noun.StatementKind": _e("statement kind", "loại lời phát biểu"),
    "noun.EntityKind": _e("record type", "loại bản ghi"),
    "noun.Severity": _e("severity", "mức độ"),
    "noun.Dim": _e("tally dimension", "chiều thống kê"),
}

_ERRORS: Final = {
    "error.unexplained": _e("{detail}", "{detail}"),
    "error.invalid_value": _e(
        "{owner}.{field}: {reason} (got {value})", "{owner}.{field}: {reason} (giá trị {value})"
    ),
    "error.text": _e("{text}: {reason}", "{text}: {reason}"),
    "error.unknown_label": _e(
        "{text} is not a known {what}; expected one of: {known}",
        "{text} không phải là {what} hợp lệ; các giá trị hợp lệ: {known}",
    ),
    "error.reference": _e(
        "no {kind} {id}, which is not in the dataset",
        "không có {kind} {id} trong dữ liệu",
    ),
    "error.reference_from": _e(
        "{referrer} refers to {kind} {id}, which is not in the dataset",
        "{referrer} tham chiếu tới {kind} {id}, không có trong dữ liệu",
    ),
    "error.duplicate": _e("{kind} id {id} at {paths}", "mã {kind} {id} ở {paths}"),
    "error.duplicates": _e("duplicate ids: {each}", "mã định danh bị trùng: {each}"),
    "error.os.FileNotFoundError": _e("no such file", "không có tệp này"),
    "error.os.IsADirectoryError": _e("is a directory", "là một thư mục"),
    "error.os.NotADirectoryError": _e(
        "a folder on the way is a file", "một phần của đường dẫn là tệp"
    ),
    "error.os.PermissionError": _e("permission denied", "không có quyền truy cập"),
    "error.os.other": _e("cannot be read or written ({detail})", "không đọc/ghi được ({detail})"),
    "error.gazetteer_missing": _e(
        "antq.gazetteer needs the vietnamadminunits package: pip install 'antq[gazetteer]'",
        "antq.gazetteer cần gói vietnamadminunits: pip install 'antq[gazetteer]'",
    ),
    "error.os": _e("{file}: {why}", "{file}: {why}"),
}

_LOAD: Final = {
    "load.cannot_load": _e("cannot load", "không đọc được"),
    "load.cannot_load_from": _e("cannot load in {source}", "không đọc được {source}"),
    "load.problem_count": _e("{n} problems", "{n} lỗi"),
    "load.expected": _e("expected {expected}, got {got}", "cần {expected}, nhận được {got}"),
    "load.unknown_key": _e("unknown key", "khóa không có trong định dạng"),
    "load.missing_key": _e("missing required key", "thiếu khóa bắt buộc"),
    "load.missing_schema": _e(
        "missing required key (a document starts with {header})",
        "thiếu khóa bắt buộc (tài liệu bắt đầu bằng {header})",
    ),
    "load.duplicate_key": _e(
        "duplicate key (JSON keeps only the last value)",
        "khóa bị lặp (JSON chỉ giữ giá trị sau cùng)",
    ),
    "load.duplicate_id_at": _e(
        "duplicate {kind} id {id} (first at {first})",
        "mã định danh {kind} {id} bị trùng (lần đầu ở {first})",
    ),
    "load.duplicate_id_on_line": _e(
        "duplicate {kind} id {id} (first on line {first})",
        "mã định danh {kind} {id} bị trùng (lần đầu ở dòng {first})",
    ),
    "load.unsupported_schema": _e(
        "unsupported schema {schema}; this antq reads {supported}",
        "không hỗ trợ lược đồ {schema}; phiên bản antq này đọc {supported}",
    ),
    "load.not_a_member": _e(
        "{value} is not a known {what}; expected one of: {choices}",
        "{value} không phải là {what} hợp lệ; các giá trị hợp lệ: {choices}",
    ),
    "load.not_a_member_hint": _e(
        "{value} is not a known {what} (did you mean {hint}?); expected one of: {choices}",
        "{value} không phải là {what} hợp lệ (có phải là {hint}?); các giá trị hợp lệ: {choices}",
    ),
    "load.no_such_date": _e("no such date {value}: {why}", "không có ngày {value}: {why}"),
    "load.date.day_out_of_range": _e("day is out of range for month", "tháng đó không có ngày này"),
    "load.date.month_out_of_range": _e("month must be in 1..12", "tháng phải từ 1 đến 12"),
    "load.date.year_out_of_range": _e(
        "year {year} is out of range", "năm {year} nằm ngoài phạm vi"
    ),
    "load.partial_date_form": _e(
        "expected YYYY, YYYY-MM or --MM-DD, got {value}",
        "cần YYYY, YYYY-MM hoặc --MM-DD, nhận được {value}",
    ),
    "load.not_utf8": _e(
        "not UTF-8 text (bad byte at offset {offset})",
        "không phải văn bản UTF-8 (byte sai ở vị trí {offset})",
    ),
    "load.not_json": _e(
        "not valid JSON (line {row}, column {column}): {detail}",
        "không phải JSON hợp lệ (dòng {row}, cột {column}): {detail}",
    ),
    "load.not_json_column": _e(
        "not valid JSON (column {column}): {detail}",
        "không phải JSON hợp lệ (cột {column}): {detail}",
    ),
    "load.not_a_json_number": _e(
        "not valid JSON: {name} is not a JSON number",
        "không phải JSON hợp lệ: {name} không phải là số JSON",
    ),
    "load.too_deep": _e("JSON nested too deeply to read", "JSON lồng nhau quá sâu, không đọc được"),
    "load.header_line": _e(
        "a header line is exactly {header}", "dòng tiêu đề phải đúng là {header}"
    ),
    "load.first_line": _e("the first line must be {header}", "dòng đầu tiên phải là {header}"),
    "load.empty": _e("empty input", "dữ liệu rỗng"),
    "load.not_text_nor_path": _e(
        "neither JSON text nor a file's path",
        "không phải văn bản JSON cũng không phải đường dẫn tệp",
    ),
    "load.text_is_not_a_path": _e(
        "a str is a file's path here; give text to antq.loads",
        "ở đây chuỗi là đường dẫn tệp; văn bản JSON thì dùng antq.loads",
    ),
    "load.csv.empty": _e("empty: expected a header row", "rỗng: cần một dòng tiêu đề"),
    "load.csv.unknown_column": _e(
        "unknown column {column}", "cột không có trong định dạng: {column}"
    ),
    "load.csv.missing_column": _e("missing column {column}", "thiếu cột {column}"),
    "load.csv.repeated_column": _e(
        "column {column} is written {n} times", "cột {column} được ghi {n} lần"
    ),
    "load.csv.not_a_row": _e("not a CSV row: {detail}", "không phải một dòng CSV: {detail}"),
    "load.csv.cells": _e("has {n} cells, the header {m}", "có {n} ô, dòng tiêu đề có {m}"),
    "load.decoder": _e("{detail}", "{detail}"),
    "load.unexpected": _e(
        "cannot read this value ({detail})", "không đọc được giá trị này ({detail})"
    ),
}

# Field checks (antq.validators and the model's own checks): a reason for a field.
_CHECKS: Final = {
    "check.custom": _e("{reason}", "{reason}"),
    "check.expected_type": _e("expected {expected}, got {got}", "cần {expected}, nhận được {got}"),
    "check.empty": _e("must not be empty", "không được để trống"),
    "check.surrogate": _e(
        "holds a lone surrogate ({char}), not text",
        "chứa một surrogate lẻ ({char}), không phải văn bản",
    ),
    "check.too_long": _e(
        "must be at most {limit:,} characters, has {length:,}",
        "dài tối đa {limit:,} ký tự, ở đây có {length:,}",
    ),
    "check.whitespace": _e(
        "must not start or end with whitespace", "không được có khoảng trắng ở đầu hoặc cuối"
    ),
    "check.nfc": _e("must be NFC (use antq.nfc)", "phải ở dạng chuẩn NFC (dùng antq.nfc)"),
    "check.id": _e(
        "an id is non-empty NFC text without whitespace",
        "mã định danh phải là chuỗi NFC không rỗng, không có khoảng trắng",
    ),
    "check.id_invisible": _e(
        "an id must not hold an invisible character ({char})",
        "mã định danh không được chứa ký tự ẩn ({char})",
    ),
    "check.at_least": _e("must be at least {minimum}", "phải từ {minimum} trở lên"),
    "check.at_most": _e("must be at most {maximum:,}", "không được quá {maximum:,}"),
    "check.end_needs_full_start": _e(
        "an end date needs a complete {start}",
        "có ngày kết thúc thì {start} phải là một ngày đầy đủ",
    ),
    "check.before_start": _e(
        "must not be before {start} ({day})", "không được trước {start} ({day})"
    ),
    "check.code_text": _e(
        "a code is non-empty NFC text without whitespace",
        "mã phải là chuỗi NFC không rỗng, không có khoảng trắng",
    ),
    "check.code_digits": _e(
        "a {level} code is {digits} digits, zero-padded",
        "mã {level} gồm {digits} chữ số (thêm số 0 ở đầu)",
    ),
    "check.recipients_count": _e(
        "names {n} recipients but count is {count}",
        "nêu tên {n} người/đơn vị nhận nhưng số lượng là {count}",
    ),
    "check.partial_date_empty": _e(
        "needs a year or a month and day", "cần năm, hoặc tháng và ngày"
    ),
    "check.partial_date_complete": _e(
        "is complete: use datetime.date", "là ngày đầy đủ: dùng datetime.date"
    ),
    "check.day_needs_month": _e("a day needs a month", "có ngày thì phải có tháng"),
    "check.year_range": _e("year must be 1..9999", "năm phải từ 1 đến 9999"),
    "check.month_range": _e("month must be 1..12", "tháng phải từ 1 đến 12"),
    "check.day_range": _e(
        "day must be 1..{last} in month {month}", "ngày phải từ 1 đến {last} trong tháng {month}"
    ),
    "check.source_names_document": _e(
        "give a title, url or locator", "cần có tiêu đề (title), url hoặc vị trí (locator)"
    ),
    "check.participation_who": _e(
        "name an official or give a description",
        "cần nêu một cán bộ (official) hoặc một mô tả (description)",
    ),
}

# Reading Vietnamese text: names, mentions, counts and dates.
_TEXT: Final = {
    "text.name_too_short": _e(
        "needs a family name and a given name of {n} syllable(s)",
        "cần có họ và tên gọi gồm {n} âm tiết",
    ),
    "text.no_name": _e(
        "no name after the honorific and rank", "không còn tên sau cách xưng hô và cấp bậc"
    ),
    "denote.honorific": _e(
        "{said!r} does not fit {full!r}, who is {is!r}", "xưng hô {said} không hợp với {full}"
    ),
    "denote.full": _e("{said!r} is the full name", "{said} là họ tên đầy đủ"),
    "denote.given": _e("{said!r} is the given name of {full!r}", "{said} là tên gọi của {full}"),
    "denote.ends_given": _e(
        "{said!r} ends the name {full!r}: possible if it is a {n}-syllable given name"
        " (assumed {given!r})",
        "{said} là phần cuối của tên {full}: có thể đúng nếu tên gọi gồm {n} âm tiết"
        " (đang giả định là {given})",
    ),
    "denote.part_of_given": _e(
        "{said!r} is only part of the given name {given!r}",
        "{said} chỉ là một phần của tên {given}",
    ),
    "denote.family": _e(
        "{said!r} is the family name of {full!r}; people are called by the given name, {given!r}",
        "{said} là họ; người Việt được gọi bằng tên, ở đây là {given}",
    ),
    "denote.middle": _e(
        "{said!r} is a middle name of {full!r}; people are called by the given name, {given!r}",
        "{said} là tên đệm; người Việt được gọi bằng tên, ở đây là {given}",
    ),
    "denote.absent": _e(
        "{said!r} is not part of the name {full!r}", "{said} không có trong họ tên {full}"
    ),
    "error.count": _e("{text} is not a count: {reason}", "{text} không phải là số lượng: {reason}"),
    "count.linh": _e(
        "'linh'/'lẻ' goes between hundreds and a single digit",
        "'linh'/'lẻ' chỉ đứng giữa hàng trăm và một chữ số",
    ),
    "count.ambiguous": _e(
        "ambiguous: a lone digit after 'trăm' may be tens or units (120 or 102?)",
        "không rõ nghĩa: một chữ số sau 'trăm' có thể là hàng chục hoặc hàng đơn vị (120 hay 102?)",
    ),
    "count.unreadable": _e("cannot read {words} as a number", "không đọc được {words} thành số"),
    "count.hundred": _e(
        "'trăm' needs one digit word before it", "trước 'trăm' cần đúng một chữ số"
    ),
    "count.empty": _e("empty", "rỗng"),
    "count.approximate": _e(
        "an approximate number is not an exact count",
        "số ước chừng không phải là số lượng chính xác",
    ),
    "count.thousand": _e("'{word}' needs a number before it", "trước '{word}' cần có một số"),
    "date.short_year": _e(
        "the year {year} is not four digits: write it in full",
        "năm {year} không đủ bốn chữ số: hãy viết đầy đủ",
    ),
    "date.no_time": _e("no such time {time}", "không có giờ {time}"),
    "date.nowadays": _e(
        "'ngày nay' means 'nowadays', not a date",
        "'ngày nay' nghĩa là thời nay, không phải một ngày",
    ),
    "date.alone": _e("{word} alone is not a date", "chỉ một từ {word} không phải là một ngày"),
    "date.needs_reference": _e(
        "a relative date needs a reference date", "ngày tương đối cần một ngày làm mốc"
    ),
    "date.no_month": _e("no month {month}", "không có tháng {month}"),
    "date.no_day": _e("no such day {day} in any year", "không năm nào có ngày {day}"),
    "date.no_date": _e("no such date {day} ({why})", "không có ngày {day} ({why})"),
    "date.month_needs_year": _e(
        "a month without a year needs a default year", "tháng không có năm thì cần một năm mặc định"
    ),
    "date.weekday": _e(
        "{day} is {actual}, not {said}", "ngày {day} là {actual}, không phải {said}"
    ),
    "date.range_end_month": _e(
        "the end of a range needs a month", "ngày cuối của khoảng thời gian cần có tháng"
    ),
    "date.range_order": _e(
        "the range ends ({end}) before it starts ({start})",
        "khoảng thời gian kết thúc ({end}) trước khi bắt đầu ({start})",
    ),
    "date.extra_words": _e(
        "not a date phrase: words besides a date ({extra})",
        "không phải cụm từ chỉ ngày: có những từ khác ngoài ngày ({extra})",
    ),
    "date.not_a_phrase": _e("not a date phrase", "không phải cụm từ chỉ ngày"),
}

# The built-in rules' findings (antq.rules.builtin), by rule code.
_RULES: Final = {
    "ANTQ101": _e(
        "refers to locality {target!r}, which is not in the dataset",
        "tham chiếu tới địa bàn {target!r} không có trong dữ liệu",
    ),
    "ANTQ102": _e(
        "refers to official {target!r}, which is not in the dataset",
        "tham chiếu tới cán bộ {target!r} không có trong dữ liệu",
    ),
    "ANTQ103": _e(
        "refers to event {target!r}, which is not in the dataset",
        "tham chiếu tới sự kiện {target!r} không có trong dữ liệu",
    ),
    "ANTQ104": _e(
        "{child} ({child_level}) sits under {parent} ({parent_level}), not a higher level",
        "{child} ({child_level}) nằm dưới {parent} ({parent_level}), không phải cấp trên",
    ),
    "ANTQ105": _e(
        "the locality tree has a cycle: {cycle}",
        "vòng lặp trong cây địa bàn: {cycle}",
    ),
    "ANTQ106": _e(
        "the locality succeeds itself through: {cycle}",
        "địa bàn kế thừa chính nó qua: {cycle}",
    ),
    "ANTQ107": _e(
        "the id {id!r} is used by {kinds}",
        "mã định danh {id!r} dùng cho cả {kinds}",
    ),
    "ANTQ108": _e(
        "successor {successor} starts on {start}, not the day after this unit ends ({end})",
        "đơn vị kế thừa {successor} bắt đầu ngày {start}, không nối tiếp ngày kết thúc {end}",
    ),
    "ANTQ109": _e(
        "code {code} is also used by {other} ({other_path}) at the same time",
        "mã {code} đã dùng cho {other} ({other_path}) trong cùng thời gian",
    ),
    "ANTQ110": _e(
        "the text holds an invisible character {char} (at position {at_char})",
        "văn bản chứa ký tự ẩn {char} (ở vị trí {at_char}): người đọc không thấy nó",
    ),
    "ANTQ201": _e(
        "event on {date} at {place}, which did not exist on that day ({life})",
        "sự kiện ngày {date} ở {place}, đơn vị không tồn tại vào ngày đó ({life})",
    ),
    "ANTQ202": _e(
        "event on {date} at {place}, a district-level unit; that level ended on 01/07/2025",
        "sự kiện ngày {date} ở {place}, đơn vị cấp huyện đã chấm dứt từ 01/07/2025",
    ),
    "ANTQ203": _e(
        "a district-level issuer on a grant of {date}; that level ended on 01/07/2025",
        "người khen thưởng cấp huyện trên quyết định ngày {date}; cấp huyện đã chấm dứt "
        "từ 01/07/2025",
    ),
    "ANTQ204": _e(
        "grant of {date} by {place}, which did not exist on that day ({life})",
        "khen thưởng ngày {date} của {place}, đơn vị không tồn tại vào ngày đó ({life})",
    ),
    "ANTQ205": _e(
        "{person} took part on {date} but held no recorded post on that day",
        "{person} dự sự kiện ngày {date} nhưng không giữ chức vụ nào vào ngày đó",
    ),
    "ANTQ206": _e(
        "festival on {date} is outside the province's window ({window})",
        "ngày hội ngày {date} nằm ngoài khung thời gian của tỉnh ({window})",
    ),
    "ANTQ207": _e(
        "decided on {decided}, after it was presented on {presented}",
        "quyết định ngày {decided} sau ngày trao {presented}",
    ),
    "ANTQ208": _e(
        "presented on {presented}, not on the day(s) of its event ({held})",
        "ngày trao {presented} khác ngày diễn ra sự kiện ({held})",
    ),
    "ANTQ209": _e(
        "dated {date}, after the as-of date {as_of}",
        "ngày {date} sau ngày đối chiếu {as_of}",
    ),
    "ANTQ210": _e(
        "a festival dated {date}, before the first festival day ({first})",
        "ngày hội ghi ngày {date}, trước ngày hội đầu tiên ({first})",
    ),
    "ANTQ301": _e(
        "{office} at {level} may not grant {form} (only: {allowed}); basis: {basis}",
        "{office} {level} không có thẩm quyền tặng {form} (chỉ: {allowed}); căn cứ: {basis}",
    ),
    "ANTQ302": _e(
        "{office} at {level} had no power to grant awards on {date} (basis: {basis})",
        "{office} {level} không có thẩm quyền khen thưởng vào ngày {date} (căn cứ: {basis})",
    ),
    "ANTQ303": _e(
        "the authority table has no row for {office} at {level}: not checked",
        "bảng thẩm quyền không có {office} {level}: không kiểm tra được",
    ),
    "ANTQ304": _e(
        "{form} does not go to {kind} recipients ({basis})",
        "{form} không tặng cho {kind} ({basis})",
    ),
    "ANTQ305": _e(
        "{kind} recipients became statutory only on 01/01/2024: check the province's rules "
        "({basis})",
        "{kind} chỉ là đối tượng khen thưởng theo luật từ 01/01/2024: cần xem quy định của tỉnh "
        "({basis})",
    ),
    "ANTQ306": _e(
        "the issuer is at {level} but its locality {place} is at {place_level}",
        "người khen thưởng ghi {level} nhưng địa bàn {place} thuộc {place_level}",
    ),
    "ANTQ307": _e(
        "the issuer is the People's Committee; the law gives the power to its chair",
        "người khen thưởng ghi là Ủy ban nhân dân; theo luật là Chủ tịch UBND",
    ),
    "ANTQ308": _e(
        "no date (decision, presentation or event): the law in force cannot be told",
        "khen thưởng không có ngày (quyết định, trao hay sự kiện): không xác định được "
        "luật áp dụng",
    ),
    "ANTQ309": _e(
        "{name} receives the commemorative medal again (first in award {first}): it is given once",
        "{name} được tặng Kỷ niệm chương lần nữa (lần đầu ở khen thưởng {first}): chỉ tặng một lần",
    ),
    "ANTQ310": _e(
        "{name} also holds a medal or order: the commemorative medal is not for holders of the "
        "police medals its circular lists",
        "{name} đã có Huân chương hoặc Huy chương: không tặng Kỷ niệm chương cho người đã có "
        "các huy chương Công an mà thông tư nêu",
    ),
    "ANTQ311": _e(
        "{name} held posts for {years} years before the award; {needed} are needed",
        "{name} giữ chức vụ {years} năm trước khi được tặng; cần {needed} năm",
    ),
    "ANTQ401": _e(
        "the statement is attributed to {said!r} but the speaker is {speaker}: {reason}",
        "lời phát biểu ghi của {said!r} nhưng người nói là {speaker}: {reason}",
    ),
    "ANTQ402": _e(
        "may be the same person as official {other!r} ({other_path}): same name {name}",
        "có thể trùng với cán bộ {other!r} ({other_path}): cùng tên {name}",
    ),
    "ANTQ403": _e(
        "the honorific {honorific!r} does not fit the middle name of {name}",
        "xưng hô {honorific!r} không hợp với tên đệm của {name}",
    ),
    "ANTQ404": _e(
        "{who} is listed twice as {role}",
        "{who} được ghi hai lần với vai trò {role}",
    ),
    "ANTQ405": _e(
        "the issuing official {person} holds no recorded post as {office}",
        "người khen thưởng {person} không có chức vụ {office} trong dữ liệu",
    ),
    "ANTQ406": _e(
        "the speaker {person} is not among the participants",
        "người phát biểu {person} không có trong danh sách tham dự",
    ),
    "ANTQ501": _e(
        "recipient kind not stated ({count} {form}): collective, individual or household",
        "không rõ đối tượng ({count} {form}): tập thể, cá nhân hay hộ gia đình",
    ),
    "ANTQ502": _e(
        "count not stated: tallies say 'at least'",
        "không rõ số lượng: thống kê ghi 'ít nhất'",
    ),
    "ANTQ503": _e(
        "no count given, but {named} recipients are named",
        "không ghi số lượng nhưng có {named} người/đơn vị được nêu tên",
    ),
    "ANTQ504": _e(
        "the source states {reported} {what}; the grant lines add up to {counted}",
        "nguồn ghi tổng {reported} {what}, các dòng khen thưởng cộng lại {counted}",
    ),
    "ANTQ505": _e(
        "repeats grant line {other!r} ({other_path}): same event, issuer, form, kind and count",
        "trùng với dòng khen thưởng {other!r} ({other_path}): cùng sự kiện, người khen, "
        "hình thức, đối tượng và số lượng",
    ),
    "ANTQ601": _e(
        "no {level} unit has code {code} in the official list",
        "không có {level} nào mang mã {code} trong danh mục đơn vị hành chính",
    ),
    "ANTQ602": _e(
        "code {code} is {real}, not {written}",
        "mã {code} là {real}, không phải {written}",
    ),
    "ANTQ603": _e(
        "{unit} belongs to {real}, not to {written}",
        "{unit} thuộc {real}, không thuộc {written}",
    ),
    "ANTQ604": _e(
        "event on {date} at {place}, a unit that ceased on 01/07/2025 (now {now})",
        "sự kiện ngày {date} ở {place}, đơn vị đã thôi tồn tại từ 01/07/2025 (nay là {now})",
    ),
}

# Validation reports, tallies and the dataset summary.
_REPORTS: Final = {
    "ANTQ000": _e(
        "rule {rule} crashed on {subject}: {error}",
        "quy tắc {rule} gặp lỗi khi kiểm tra {subject}: {error}",
    ),
    "severity.error": _e("error", "lỗi"),
    "severity.warning": _e("warning", "cảnh báo"),
    "severity.info": _e("info", "thông tin"),
    "word.the_dataset": _e("the dataset", "toàn bộ dữ liệu"),
    "rule.kinds_pair": _e("a {a} ({at}) and a {b}", "{a} ({at}) và {b}"),
    "report.count.error.one": _e("{n} error", "{n} lỗi"),
    "report.count.error.many": _e("{n} errors", "{n} lỗi"),
    "report.count.warning.one": _e("{n} warning", "{n} cảnh báo"),
    "report.count.warning.many": _e("{n} warnings", "{n} cảnh báo"),
    "report.count.info.one": _e("{n} info", "{n} thông tin"),
    "report.count.info.many": _e("{n} info", "{n} thông tin"),
    "report.errors": _e("{n} error(s) in the dataset", "dữ liệu có {n} lỗi"),
    "report.more_findings": _e(
        "… and {n} more findings (see the counts below)",
        "… và {n} kết quả khác (xem số đếm dưới đây)",
    ),
    "report.by_code": _e("Findings by code:", "Số kết quả theo mã:"),
    "report.keyed_rule_named_record": _e(
        "a rule with a key may not name the record (path or subject_id)",
        "quy tắc có khóa không được tự ghi bản ghi (path hoặc subject_id)",
    ),
    "report.findings": _e("Findings:", "Kết quả kiểm tra:"),
    "report.tally": _e("Award tally:", "Thống kê khen thưởng:"),
    "report.event": _e("Event", "Sự kiện"),
    "report.when": _e("When", "Thời gian"),
    "report.pilot": _e("showcase site", "tổ chức điểm"),
    "report.people": _e("Taking part", "Tham dự"),
    "report.said": _e("Statements", "Phát biểu"),
    "report.written": _e("written as", "văn bản ghi"),
    "report.models": _e("Security models", "Mô hình"),
    "report.awards": _e("Awards", "Khen thưởng"),
    "report.lines": _e("lines", "dòng"),
    "report.other_awards": _e("Awards not tied to an event", "Khen thưởng không gắn với sự kiện"),
    "report.unknown_count": _e("count not stated", "chưa rõ số lượng"),
    "report.presented_by": _e("presented by", "trao"),
    "report.undated": _e("date unknown", "chưa rõ ngày"),
    "html.title": _e(
        "Report on the movement All people protect national security",
        "Báo cáo phong trào Toàn dân bảo vệ an ninh Tổ quốc",
    ),
    "html.generated": _e("Made by antq on {day}", "Lập bằng antq ngày {day}"),
    "html.contents": _e("Contents", "Mục lục"),
    "html.overview": _e("Overview", "Tổng quan"),
    "html.n_events": _e("Events", "Sự kiện"),
    "html.n_lines": _e("Grant lines", "Dòng khen thưởng"),
    "html.n_recipients": _e("Recipients awarded", "Lượt khen thưởng"),
    "html.n_localities": _e("Localities", "Địa bàn"),
    "html.n_models": _e("Security models", "Mô hình"),
    "html.n_findings": _e("Findings", "Kết quả kiểm tra"),
    "html.at_least_note": _e(
        "≥: some line does not state its count, so the number is a lower bound.",
        "≥: có dòng khen thưởng chưa rõ số lượng, nên con số là tối thiểu.",
    ),
    "html.charts": _e("Charts", "Biểu đồ"),
    "html.chart.forms": _e(
        "Awards by form and recipient kind", "Khen thưởng theo hình thức và đối tượng"
    ),
    "html.chart.places": _e("Awards by place ({level})", "Khen thưởng theo địa bàn ({level})"),
    "html.chart.left_out": _e(
        "Not drawn: {n} more places ({count} recipients), in the table below.",
        "Không vẽ: {n} địa bàn khác ({count} lượt), có trong bảng dưới đây.",
    ),
    "html.chart.years": _e("Awards by year", "Khen thưởng theo năm"),
    "html.axis.recipients": _e("recipients awarded", "lượt khen thưởng"),
    "html.others": _e("others ({n})", "khác ({n})"),
    "html.tallies": _e("Tally tables", "Bảng tổng hợp"),
    "html.events": _e("Events", "Sự kiện"),
    "html.kind": _e("Kind", "Loại"),
    "html.where": _e("Where", "Địa điểm"),
    "html.source": _e("Source", "Nguồn"),
    "html.col.form": _e("Form", "Hình thức"),
    "html.col.count": _e("Count", "Số lượng"),
    "html.col.recipient_kind": _e("Recipients", "Đối tượng"),
    "html.col.issuer": _e("Issuer", "Người khen thưởng"),
    "html.col.as_written": _e("Issuer as written", "Văn bản ghi"),
    "html.col.presenter": _e("Presented by", "Người trao"),
    "html.col.code": _e("Code", "Mã"),
    "html.col.where": _e("Where", "Vị trí"),
    "html.col.message": _e("Finding", "Nội dung"),
    "html.col.basis": _e("Basis", "Căn cứ"),
    "html.findings": _e("Findings", "Kết quả kiểm tra"),
    "html.no_findings": _e("No findings.", "Không có kết quả kiểm tra nào."),
    "html.by_code": _e("By code", "Theo mã"),
    "html.left_out.events": _e(
        "{n} more events not shown (the charts and tables count them all).",
        "Còn {n} sự kiện khác không hiển thị (biểu đồ và bảng tổng hợp vẫn tính đủ).",
    ),
    "html.left_out.lines": _e(
        "{n} more grant lines not shown (the charts and tables count them all).",
        "Còn {n} dòng khen thưởng khác không hiển thị (biểu đồ và bảng tổng hợp vẫn tính đủ).",
    ),
    "html.left_out.findings": _e(
        "{n} more not shown; the counts by code above are whole.",
        "Còn {n} kết quả khác không hiển thị; số theo mã ở trên là đủ.",
    ),
    "html.footer": _e(
        "Made by antq from the data as given; the checks' findings are advice, not rulings.",
        "Lập bằng antq từ dữ liệu đã nhập; kết quả kiểm tra là gợi ý, không phải kết luận.",
    ),
    "tally.lines": _e("Lines", "Số dòng"),
    "tally.awards": _e("Awards", "Số lượt"),
    "tally.no_awards": _e("No awards.", "Không có khen thưởng."),
    "tally.at_least": _e("at least {n}", "ít nhất {n}"),
    "tally.count_not_stated": _e("{noun} (count not stated)", "{noun} (chưa rõ số lượng)"),
    "tally.counted": _e("{n} {noun}", "{n} {noun}"),
    "tally.counted_form": _e("{n} × {noun}", "{n} {noun}"),
    "tally.kind.collective.one": _e("collective", "tập thể"),
    "tally.kind.collective.many": _e("collectives", "tập thể"),
    "tally.kind.individual.one": _e("individual", "cá nhân"),
    "tally.kind.individual.many": _e("individuals", "cá nhân"),
    "tally.kind.household.one": _e("household", "hộ gia đình"),
    "tally.kind.household.many": _e("households", "hộ gia đình"),
    "tally.kind.unspecified.one": _e("recipient of unstated kind", "chưa rõ đối tượng"),
    "tally.kind.unspecified.many": _e("recipients of unstated kind", "chưa rõ đối tượng"),
    "tally.head": _e("{n} awards", "{n} lượt khen thưởng"),
    "tally.head_one": _e("{n} award", "{n} lượt khen thưởng"),
    "tally.in_lines": _e(" (in {lines} lines)", " (trong {lines} dòng)"),
    "tally.sentence": _e("{head}{lines}: {forms}; {kinds}.", "{head}{lines}: {forms}; {kinds}."),
    "tally.what.both": _e("{kind} ({form})", "{form} {kind}"),
    "tally.what.one": _e("{what}", "{what}"),
    "tally.what.awards": _e("awards", "lượt"),
    "tally.difference": _e(
        "stated {reported} {what}; the lines add up to {counted}",
        "nguồn ghi {reported} {what}, các dòng cộng lại {counted}",
    ),
    "tally.not_a_dimension": _e(
        "{dim} is not a dimension of this tally ({known})",
        "{dim} không phải là một chiều của bảng thống kê này ({known})",
    ),
}

_EXTRACT: Final = {
    "extract.no_lines": _e("No grant lines were read.", "Không đọc được dòng khen thưởng nào."),
    "extract.heading.issuer": _e("issuer", "cơ quan khen"),
    "extract.heading.form": _e("form", "hình thức"),
    "extract.heading.recipients": _e("recipients", "đối tượng"),
    "extract.heading.count": _e("count", "số lượng"),
    "extract.heading.check": _e("check", "cần kiểm tra"),
}

# Clerks' spreadsheets (antq.sheets).
_SHEETS: Final = {
    "sheet.no_headings": _e(
        "no heading row: a table names its columns, such as {known}",
        "không thấy dòng tiêu đề: bảng cần có tên cột, ví dụ {known}",
    ),
    "sheet.missing_column": _e("no column for {column}", "thiếu cột {column}"),
    "sheet.empty_cell": _e("the {column} cell is empty", "ô {column} để trống"),
    "sheet.not_a_count": _e("{value} is not a number", "{value} không phải là một số"),
    "sheet.not_a_date": _e(
        "{value} is not a date (write 12/08/2023)", "{value} không phải là ngày (ghi 12/08/2023)"
    ),
    "sheet.total_mismatch": _e(
        "the total row says {stated}; the lines add up to {counted}",
        "dòng tổng cộng ghi {stated}, các dòng cộng lại {counted}",
    ),
    "sheet.not_utf8": _e(
        'not UTF-8 text (bad byte at offset {offset}): save the table as "CSV UTF-8"',
        'không phải văn bản UTF-8 (byte sai ở vị trí {offset}): hãy lưu bảng dạng "CSV UTF-8"',
    ),
    "sheet.needs_name": _e(
        "the {column} cell belongs to a named recipient: add a column 'Họ và tên' or 'Tên tập thể'",
        "ô {column} thuộc về người hoặc tập thể được khen: hãy thêm cột"
        " 'Họ và tên' hoặc 'Tên tập thể'",
    ),
    "sheet.unreadable": _e(
        "the file cannot be read as a workbook ({reason}); save it again as .xlsx or .ods",
        "không đọc được tệp như một bảng tính ({reason}); hãy lưu lại thành .xlsx hoặc .ods",
    ),
    "sheet.unknown_suffix": _e(
        "not a workbook antq reads (it reads {suffixes} and .csv)",
        "không phải bảng tính antq đọc được (antq đọc {suffixes} và .csv)",
    ),
    "sheet.guide_title": _e("Instructions", "Hướng dẫn"),
    "sheet.guide_1": _e(
        "One row per grant line: the form, who grants it, the recipients' kind and count.",
        "Mỗi dòng là một dòng khen thưởng: hình thức, người khen thưởng, đối tượng và số lượng.",
    ),
    "sheet.guide_2": _e(
        "Pick the form and the kind from the lists; write the issuer as the decision does "
        "('Chủ tịch UBND xã ...', 'Giám đốc Công an tỉnh').",
        "Chọn hình thức và đối tượng trong danh sách; ghi người khen thưởng như trong quyết "
        "định (Chủ tịch UBND xã ..., Giám đốc Công an tỉnh).",
    ),
    "sheet.guide_3": _e(
        "Dates as 12/08/2023; counts as whole numbers; a last row 'Tổng cộng' is checked.",
        "Ngày ghi dạng 12/08/2023; số lượng là số nguyên; dòng Tổng cộng cuối bảng được đối chiếu.",
    ),
    "sheet.guide_4": _e(
        "Check the book with: antq validate awards.xlsx",
        "Kiểm tra bảng bằng lệnh: antq validate awards.xlsx",
    ),
    "cli.template_stdout": _e(
        "a workbook is written to a file: give its name (awards.xlsx)",
        "bảng tính phải ghi ra tệp: hãy cho tên tệp (awards.xlsx)",
    ),
    "error.extra_missing": _e(
        "this needs the {package} package: pip install 'antq[{extra}]'",
        "việc này cần gói {package}: pip install 'antq[{extra}]'",
    ),
    "error.excel_missing": _e(
        "reading or writing a workbook needs the excel extra (openpyxl, python-calamine):"
        " pip install 'antq[excel]'",
        "đọc hoặc ghi bảng tính cần phần bổ sung excel (openpyxl, python-calamine):"
        " pip install 'antq[excel]'",
    ),
}

# The antq command's own words.
_CLI: Final = {
    "cli.progress": _e("{name}: {n:,} records…", "{name}: {n:,} bản ghi…"),
    "cli.progress_done": _e("{name}: {n:,} records.", "{name}: {n:,} bản ghi."),
    "cli.reports_done": _e("{done}/{of} reports", "{done}/{of} báo cáo"),
    "cli.no_plugin": _e(
        "no rule pack named {names} is installed", "chưa cài gói quy tắc nào tên {names}"
    ),
    "cli.no_such_code": _e(
        "{prefixes} matches no rule code; codes start with {blocks} (case matters)",
        "{prefixes} không khớp mã quy tắc nào; các mã bắt đầu bằng {blocks} (phân biệt chữ hoa)",
    ),
    "cli.no_severity": _e("{value} is not a severity", "{value} không phải là một mức độ"),
    "cli.where": _e(
        "--where takes DIM=VALUE[,VALUE], got {got}",
        "--where cần dạng DIM=VALUE[,VALUE], nhận được {got}",
    ),
    "cli.year": _e("a year is digits, got {got}", "năm phải là chữ số, nhận được {got}"),
    "cli.pilot": _e(
        "pilot is true or false, got {got}",
        "pilot phải là true (có) hoặc false (không), nhận được {got}",
    ),
    "cli.pivot": _e(
        "--pivot needs exactly two dimensions in --by", "--pivot cần đúng hai chiều trong --by"
    ),
    "cli.convert_suffix": _e(
        "{output}: antq writes {suffixes} files; give --to json|jsonl|csv for another name",
        "{output}: antq ghi các tệp {suffixes}; với tên khác, hãy thêm --to json|jsonl|csv",
    ),
    "cli.workbook_by_name": _e(
        "a workbook is read from a file named with its suffix ({suffixes}), not from a pipe",
        "bảng tính được đọc từ tệp có đuôi ({suffixes}), không đọc qua đường ống",
    ),
    "cli.convert_stdout": _e(
        "give --to json|jsonl|csv when writing to standard output",
        "khi ghi ra màn hình, hãy thêm --to json|jsonl|csv",
    ),
    "cli.csv_awards_only": _e(
        "note: the awards table holds awards only; {n} other records are not written",
        "lưu ý: bảng khen thưởng chỉ chứa khen thưởng; {n} bản ghi khác không được ghi",
    ),
    "cli.no_reports": _e("{names}: no .txt report files", "{names}: không có tệp báo cáo .txt nào"),
    "cli.internal": _e(
        "internal error ({detail}); run with --debug for details",
        "lỗi nội bộ của antq ({detail}); chạy lại với --debug để xem chi tiết",
    ),
}

# The registry (antq.registry).
_REGISTRY: Final = {
    "ANTQ701": _e(
        "sources disagree on {field}: {values}",
        "các nguồn ghi khác nhau về {field}: {values}",
    ),
    "registry.dangling": _e(
        "{record} names {what} {id}, which neither this file nor the registry holds",
        "{record} nhắc đến {what} {id}, không có trong tệp này lẫn trong sổ đăng ký",
    ),
    "registry.newer": _e(
        "{path} was made by a newer antq (registry version {version}; this antq knows {known})",
        "{path} do một phiên bản antq mới hơn tạo (phiên bản sổ {version}; antq này biết {known})",
    ),
    "registry.not_a_registry": _e(
        "{path} is not an antq registry ({detail})",
        "{path} không phải sổ đăng ký của antq ({detail})",
    ),
    "registry.added": _e(
        "{name}: {records} records, {new} new, {matched} matched, {conflicts} in conflict",
        "{name}: {records} bản ghi, {new} mới, {matched} trùng khớp, {conflicts} mâu thuẫn",
    ),
    "registry.held": _e(
        "{name}: already in the registry (the same content), nothing added",
        "{name}: đã có trong sổ (cùng nội dung), không thêm gì",
    ),
    "registry.no_conflicts": _e("no conflicts", "không có mâu thuẫn"),
}

ENTRIES: Final[dict[str, _Entry]] = {
    **_WORDS,
    **_NOUNS,
    **_ERRORS,
    **_LOAD,
    **_CHECKS,
    **_TEXT,
    **_RULES,
    **_REPORTS,
    **_EXTRACT,
    **_CLI,
    **_SHEETS,
    **_REGISTRY,
}
