"""Load problems in Vietnamese: the formatter behind ``LoadError.describe("vi")``.

The loaders word each problem in English (``Problem.message``), from a small set of
sentence shapes. Each shape has a pattern here and its Vietnamese sentence; the parts
that vary (paths, values, numbers, JSON parser details) are carried over unchanged, and
the English words inside them that have a Vietnamese term (JSON types, levels, record
kinds) are translated. A message with no pattern is shown in English, so a new message
never disappears; ``tests/test_wire.py`` checks that every message the loaders
produce on damaged documents has its Vietnamese form.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from antq.vocab import EntityKind, LocalityLevel

__all__ = ["translate", "vietnamese"]

_TERMS = {
    "str": "chuỗi",
    "int": "số nguyên",
    "float": "số thực",
    "bool": "giá trị đúng/sai",
    "null": "null",
    "array": "mảng",
    "object": "đối tượng",
    "a date YYYY-MM-DD": "một ngày dạng YYYY-MM-DD",
    "a partial date YYYY, YYYY-MM or --MM-DD": "một ngày không đủ dạng YYYY, YYYY-MM hoặc --MM-DD",
    "a date YYYY-MM-DD or a partial date YYYY, YYYY-MM, --MM-DD": (
        "một ngày dạng YYYY-MM-DD hoặc một ngày không đủ dạng YYYY, YYYY-MM, --MM-DD"
    ),
    "YYYY, YYYY-MM or --MM-DD": "YYYY, YYYY-MM hoặc --MM-DD",
}
_KINDS = {kind.value: kind.label for kind in EntityKind}
_LEVELS = {level.value: level.label for level in LocalityLevel}


def _term(text: str) -> str:
    if text in _TERMS:
        return _TERMS[text]
    found = re.fullmatch(r"a number of ([\d,]+) digits", text)
    if found:
        return f"một số có {found[1]} chữ số"
    found = re.fullmatch(r"a (\w+) value", text)
    if found:
        return f"một giá trị {found[1]}"
    found = re.fullmatch(r"a record type \((.*)\)", text)
    if found:
        return f"một loại bản ghi ({found[1]})"
    return text


def _expected(m: re.Match[str]) -> str:
    return f"cần {_term(m['what'])}, nhận được {_term(m['got'])}"


def _duplicate_id(m: re.Match[str]) -> str:
    where = m["where"]
    first = re.fullmatch(r"first (?:at (.+)|on line (\d+))", where)
    said = (
        f"lần đầu ở {first[1]}"
        if first and first[1]
        else f"lần đầu ở dòng {first[2]}"
        if first
        else where
    )
    return f"mã định danh {_KINDS.get(m['kind'], m['kind'])} {m['id']} bị trùng ({said})"


def _json(m: re.Match[str]) -> str:
    where = m["where"]
    where = re.sub(r"\bline (\d+)", r"dòng \1", where)
    where = re.sub(r"\bcolumn (\d+)", r"cột \1", where)
    return f"không phải JSON hợp lệ: {m['detail']} ({where})"


_DATE_ERRORS = {
    "day is out of range for month": "tháng đó không có ngày này",
    "month must be in 1..12": "tháng phải từ 1 đến 12",
}


def _no_such_date(m: re.Match[str]) -> str:
    why = m["why"]
    year = re.fullmatch(r"year (\d+) is out of range", why)
    shown = f"năm {year[1]} nằm ngoài phạm vi" if year else _DATE_ERRORS.get(why, why)
    return f"không có ngày {m['v']}: {shown}"


Rewrite = Callable[[re.Match[str]], str]

_PATTERNS: list[tuple[re.Pattern[str], str | Rewrite]] = [
    (re.compile(r"expected (?P<what>.+), got (?P<got>.+)", re.S), _expected),
    (re.compile(r"unknown key"), "khóa không có trong định dạng"),
    (re.compile(r"missing required key"), "thiếu khóa bắt buộc"),
    (
        re.compile(r"missing required key \(a document starts with (?P<h>.+)\)"),
        "thiếu khóa bắt buộc (tài liệu bắt đầu bằng {h})",
    ),
    (
        re.compile(r"duplicate key \(JSON keeps only the last value\)"),
        "khóa bị lặp (JSON chỉ giữ giá trị sau cùng)",
    ),
    (re.compile(r"duplicate (?P<kind>\w+) id (?P<id>.+) \((?P<where>first .+)\)"), _duplicate_id),
    (
        re.compile(r"unsupported schema (?P<s>.+); this antq reads (?P<r>.+)"),
        "không hỗ trợ lược đồ {s}; phiên bản antq này đọc {r}",
    ),
    (
        re.compile(
            r"(?P<v>.+) is not a (?P<cls>\w+) \(did you mean (?P<m>.+)\?\); "
            r"expected one of: (?P<all>.+)",
            re.S,
        ),
        "{v} không phải là một giá trị {cls} (có phải là {m}?); các giá trị hợp lệ: {all}",
    ),
    (
        re.compile(r"(?P<v>.+) is not a (?P<cls>\w+); expected one of: (?P<all>.+)", re.S),
        "{v} không phải là một giá trị {cls}; các giá trị hợp lệ: {all}",
    ),
    (re.compile(r"no such date (?P<v>'[^']*'): (?P<why>.+)"), _no_such_date),
    (
        re.compile(r"not UTF-8 text \(bad byte at offset (?P<n>\d+)\)"),
        "không phải văn bản UTF-8 (byte sai ở vị trí {n})",
    ),
    (
        re.compile(r"not valid JSON: (?P<c>\w+) is not a JSON number"),
        "không phải JSON hợp lệ: {c} không phải là số JSON",
    ),
    (re.compile(r"not valid JSON: (?P<detail>.+) \((?P<where>[^()]+)\)", re.S), _json),
    (
        re.compile(r"JSON nested too deeply to read"),
        "JSON lồng nhau quá sâu, không đọc được",
    ),
    (re.compile(r"a header line is exactly (?P<h>.+)"), "dòng tiêu đề phải đúng là {h}"),
    (re.compile(r"the first line must be (?P<h>.+)"), "dòng đầu tiên phải là {h}"),
    (re.compile(r"empty input"), "dữ liệu rỗng"),
    (
        re.compile(r"neither JSON text \(which starts with '\{'\) nor a file's path"),
        "không phải văn bản JSON (bắt đầu bằng '{{') cũng không phải đường dẫn tệp",
    ),
    (re.compile(r"empty: expected a header row"), "rỗng: cần một dòng tiêu đề"),
    (re.compile(r"unknown column (?P<c>.+)"), "cột không có trong định dạng: {c}"),
    (re.compile(r"missing column (?P<c>.+)"), "thiếu cột {c}"),
    (re.compile(r"column (?P<c>.+) is written (?P<n>\d+) times"), "cột {c} được ghi {n} lần"),
    (re.compile(r"not a CSV row: (?P<e>.+)"), "không phải một dòng CSV: {e}"),
    (
        re.compile(r"has (?P<n>\d+) cells, the header (?P<m>\d+)"),
        "có {n} ô, dòng tiêu đề có {m}",
    ),
    # local invariants (field checks)
    (re.compile(r"must not be empty"), "không được để trống"),
    (
        re.compile(r"must not start or end with whitespace"),
        "không được có khoảng trắng ở đầu hoặc cuối",
    ),
    (re.compile(r"must be NFC \(use antq\.nfc\)"), "phải ở dạng chuẩn NFC (dùng antq.nfc)"),
    (
        re.compile(r"an id is non-empty NFC text without whitespace"),
        "mã định danh phải là chuỗi NFC không rỗng, không có khoảng trắng",
    ),
    (re.compile(r"must be at least (?P<n>-?\d+)"), "phải từ {n} trở lên"),
    (re.compile(r"must be at most (?P<n>[\d,]+)$"), "không được quá {n}"),
    (
        re.compile(r"must be at most (?P<n>[\d,]+) characters, has (?P<h>[\d,]+)"),
        "dài tối đa {n} ký tự, ở đây có {h}",
    ),
    (
        re.compile(r"holds a lone surrogate \((?P<c>U\+[0-9A-F]+)\), not text"),
        "chứa một surrogate lẻ ({c}), không phải văn bản",
    ),
    (
        re.compile(r"an id must not hold an invisible character \((?P<c>U\+[0-9A-F]+)\)"),
        "mã định danh không được chứa ký tự ẩn ({c})",
    ),
    (
        re.compile(r"an end date needs a complete (?P<f>\w+)"),
        "có ngày kết thúc thì {f} phải là một ngày đầy đủ",
    ),
    (
        re.compile(r"must not be before (?P<f>\w+) \((?P<d>[^)]+)\)"),
        "không được trước {f} ({d})",
    ),
    (
        re.compile(r"a code is non-empty text without whitespace"),
        "mã phải là chuỗi không rỗng, không có khoảng trắng",
    ),
    (
        re.compile(r"a (?P<level>\w+) code is (?P<n>\d+) digits, zero-padded"),
        lambda m: f"mã {_LEVELS.get(m['level'], m['level'])} gồm {m['n']} chữ số (thêm số 0 ở đầu)",
    ),
    (
        re.compile(r"names (?P<n>\d+) recipients but count is (?P<c>\d+)"),
        "nêu tên {n} người/đơn vị nhận nhưng số lượng là {c}",
    ),
    (re.compile(r"needs a year or a month and day"), "cần năm, hoặc tháng và ngày"),
    (re.compile(r"is complete: use datetime\.date"), "là ngày đầy đủ: dùng datetime.date"),
    (re.compile(r"a day needs a month"), "có ngày thì phải có tháng"),
    (re.compile(r"year must be 1\.\.9999"), "năm phải từ 1 đến 9999"),
    (re.compile(r"month must be 1\.\.12"), "tháng phải từ 1 đến 12"),
    (
        re.compile(r"day must be 1\.\.(?P<n>\d+) in month (?P<m>\d+)"),
        "ngày phải từ 1 đến {n} trong tháng {m}",
    ),
    (
        re.compile(r"give a title, url or locator"),
        "cần có tiêu đề (title), url hoặc vị trí (locator)",
    ),
    (
        re.compile(r"name an official or give a description"),
        "cần nêu một cán bộ (official) hoặc một mô tả (description)",
    ),
    (
        re.compile(r"needs a family name and a given name of (?P<n>\d+) syllable\(s\)"),
        "cần có họ và tên gọi gồm {n} âm tiết",
    ),
]


def translate(message: str) -> str | None:
    """The Vietnamese form of one English problem message, or None when it has none."""
    for pattern, vietnamese_form in _PATTERNS:
        match = pattern.fullmatch(message)
        if match is None:
            continue
        if isinstance(vietnamese_form, str):
            return vietnamese_form.format(**match.groupdict())
        return vietnamese_form(match)
    return None


def vietnamese(message: str) -> str:
    """The Vietnamese form of a problem message (the English one when none is known)."""
    translated = translate(message)
    return translated if translated is not None else message
