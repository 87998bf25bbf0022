"""Security models named in the text: quoted, after "mô hình", or in a list."""

from __future__ import annotations

import re

from antq.extractor._doc import Doc
from antq.extractor._rule import rule
from antq.extractor._words import UPPER
from antq.extractor.kind import SENTENCE
from antq.text import fold

__all__ = ["read_models"]

QUOTED = rule(
    "models.quoted",
    r"[“\"]([^“”\"\n]{3,120}?)(?:[”\"]|’’)",
    produces="a quoted name (some pages close a quote with '’’')",
    examples=("mô hình “Camera giám sát an ninh”", '"Cổng rào ANTT’’'),
)
# What stands before a quote that is not a model's name: a count of models in bulk
# ("1.550 mô hình \"Dân vận khéo\""), a directive, a forum or a day that is organised.
NOT_A_MODEL_BEFORE = rule(
    "models.not_a_model_before",
    r"(?i:(?:\d[\d.]*\s+mô hình|tổ chức|thực hiện|\bvề|chỉ thị[^“\"]{0,20}|nghị quyết[^“\"]{0,20}"
    r"|cuộc thi|chương trình|phong trào|khẩu hiệu|chủ đề)\s*)$",
    produces="a quote that names no model",
    examples=("toàn thành phố có 1.550 mô hình ", "Chỉ thị 09-CT/TW của Ban Bí thư về "),
    counter_examples=("các mô hình như ",),
)
NOT_A_MODEL = rule(
    "models.not_a_model",
    r"^(?:Ngày|Tháng|Năm)\s",
    produces="a quoted day or month (an occasion, not a model)",
    examples=("Ngày Biên phòng toàn dân",),
)
# A model named without quotes: "mô hình camera an ninh trên địa bàn". Only names that
# begin with a thing or a group a model is built from; "12 mô hình tự quản" is a count.
_MODEL_STOP = (
    r"(?:trên|tại|ở|của|đã|được|và|với|nhằm|góp|do|để|có|là|giúp|trong|thì|đang|sẽ|tiếp tục"
    r"|phát huy|hoạt động)"
)
UNQUOTED = rule(
    "models.unquoted",
    r"(?<!\d )(?<!các )(?<!những )\b[Mm]ô hình\s+(?P<name>(?i:camera|tổ(?! chức)|đội|câu lạc bộ"
    r"|khu dân cư|dòng họ|nhà trọ|tuyến đường|tuyến phố|xóm|gia đình|chợ|cổng trường|chi hội"
    r"|ngõ|hẻm|ánh sáng|loa|nhóm zalo|zalo|liên kết|xã(?! hội))\b"
    rf"(?:\s(?!{_MODEL_STOP}\b)[\w\-]+){{0,10}})",
    produces="a name written without quotes after 'mô hình'",
    examples=("mô hình camera an ninh trên địa bàn",),
    counter_examples=("12 mô hình tự quản", "mô hình tổ chức chính quyền địa phương 2 cấp"),
)
# "các mô hình như: Camera an ninh, Tổ liên gia tự quản và Ánh sáng đường quê".
LIST = rule(
    "models.list",
    r"[Mm]ô hình(?: tiêu biểu| điển hình| tự quản)?\s*(?:như|gồm|là)\s*:?\s*"
    r"(?P<items>[^.;“”\"]{3,300})",
    produces="an unquoted list of models",
    examples=("các mô hình như: Camera an ninh, Tổ liên gia tự quản",),
)
ITEM = rule(
    "models.item",
    rf"[{UPPER}][\w\-]*(?:\s[\w\-]+){{0,11}}",
    produces="an item of a list, starting with a capital",
    examples=("Camera an ninh",),
)
LAST_ITEM = rule(
    "models.last_item",
    rf"[{UPPER}][\w\-]*(?:\s(?!{_MODEL_STOP}\b)[\w\-]+){{0,11}}",
    produces="the last item, up to the words that go on with the sentence",
    examples=("Cổng trường an toàn hoạt động hiệu quả",),
)
_ITEM_CUT = re.compile(r",\s*|\s+và\s+")


def _listed(sentence: str) -> list[str]:
    """Models named in an unquoted list after "mô hình như", each starting with a capital.

    Items run to the comma; the last one to the first word that goes on with the
    sentence ("..., Cổng trường an toàn hoạt động hiệu quả").
    """
    found: list[str] = []
    for listing in LIST.finditer(sentence):
        items = [i.strip() for i in _ITEM_CUT.split(listing.group("items"))]
        for n, item in enumerate(items):
            last = n == len(items) - 1
            named = LAST_ITEM.match(item) if last else ITEM.pattern.fullmatch(item)
            if named is None:
                break  # not a name: the list has ended and the sentence goes on
            found.append(named.group(0))
    return found


def read_models(doc: Doc) -> list[str]:
    """The names of the models *doc* speaks of, as written (quotes dropped)."""
    models: list[str] = []
    at = 0
    for sentence in SENTENCE.split(doc.view):
        start = doc.view.find(sentence, at)
        at = start + len(sentence) if start >= 0 else at
        if "mô hình" not in sentence.lower():
            continue
        quoted = [
            m.group(1).strip(" .,…")
            for m in QUOTED.finditer(sentence)
            if not NOT_A_MODEL_BEFORE.search(sentence[max(0, m.start() - 40) : m.start()])
            and not NOT_A_MODEL.search(m.group(1).strip())
        ]
        bare = [m.group("name") for m in UNQUOTED.finditer(sentence)]
        if not quoted:  # a quoted list names its models itself
            bare += _listed(sentence)
        for name in quoted + bare:
            name = name.strip()
            if not name or "bảo vệ an ninh tổ quốc" in name.lower():
                continue
            written = doc.written(name, max(start, 0))
            if fold(written) not in {fold(m) for m in models}:
                models.append(written)
    return models
