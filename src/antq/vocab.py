"""The movement's controlled vocabulary as str-valued enums.

Every member has a stable ASCII ``value`` (what files store), a Vietnamese ``label``
and an English ``gloss``. Values of the domain's own terms (unit types, award forms,
offices, honorifics, ranks) are the Vietnamese term without diacritics
(``"giay_khen"``); values of generic notions (levels, recipient kinds, parts of day,
roles) are English (``"individual"``). :meth:`Vocab.from_label` reads a label as
people write it, whatever its case, normalization form or tone-mark style.
"""

from __future__ import annotations

import enum
import functools
from typing import Self

from antq._normal import fold
from antq.errors import UnknownLabelError

__all__ = [
    "AwardForm",
    "Doubt",
    "EntityKind",
    "EventKind",
    "Honorific",
    "LocalityLevel",
    "ModelCategory",
    "Office",
    "PartOfDay",
    "ParticipantRole",
    "Rank",
    "RecipientKind",
    "StatementKind",
    "ToneStyle",
    "UnitType",
    "Vocab",
]


class Vocab(enum.StrEnum):
    """Base of antq's enums: a member is ``(value, label, gloss, *aliases)``."""

    _value_: str
    label: str
    gloss: str
    aliases: tuple[str, ...]

    def __new__(cls, value: str, label: str, gloss: str, *aliases: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.gloss = gloss
        member.aliases = aliases
        return member

    @classmethod
    def by_value(cls, value: str) -> Self | None:
        """The member whose stored value is exactly *value*, or None."""
        member = cls._value2member_map_.get(value)
        return member if isinstance(member, cls) else None

    @classmethod
    def from_label(cls, text: str) -> Self:
        """Return the member whose label, alias or value *text* spells.

        Case, NFC/NFD, whitespace runs and tone-mark placement do not matter
        ("giấy khen", "Giấy Khen", "GIẤY KHEN" all give ``AwardForm.GIAY_KHEN``).

        Raises:
            UnknownLabelError: no member matches.
        """
        member = _label_index(cls).get(fold(text))
        if member is None:
            raise UnknownLabelError(cls.__name__, text, [m.label for m in cls])
        return member  # type: ignore[return-value]  # the index holds members of cls


@functools.cache
def _label_index(cls: type[Vocab]) -> dict[str, Vocab]:
    index: dict[str, Vocab] = {}
    for member in cls:
        for spelling in (member.value, member.label, *member.aliases):
            key = fold(spelling)
            other = index.setdefault(key, member)
            if other is not member:  # a vocabulary bug, caught by the test suite
                raise AssertionError(f"{cls.__name__}: {spelling!r} names {other} and {member}")
    return index


class LocalityLevel(Vocab):
    """The tier of a unit: national, province, district (until 30/06/2025), commune."""

    NATIONAL = "national", "trung ương", "national level"
    PROVINCE = "province", "cấp tỉnh", "province level"
    DISTRICT = "district", "cấp huyện", "district level (abolished from 01/07/2025)"
    COMMUNE = "commune", "cấp xã", "commune level"
    RESIDENTIAL = "residential", "khu dân cư", "residential area below the commune"

    @property
    def code_digits(self) -> int | None:
        """How many digits a GSO code has at this level, or None where there is no code."""
        return _CODE_DIGITS.get(self)


_CODE_DIGITS = {LocalityLevel.PROVINCE: 2, LocalityLevel.DISTRICT: 3, LocalityLevel.COMMUNE: 5}


class UnitType(Vocab):
    """The kind of a unit, written before its name ("phường Điện Ngọc")."""

    TINH = "tinh", "tỉnh", "province"
    THANH_PHO_TRUC_THUOC_TRUNG_UONG = (
        "thanh_pho_truc_thuoc_trung_uong",
        "thành phố trực thuộc trung ương",
        "centrally governed city",
    )
    HUYEN = "huyen", "huyện", "rural district"
    QUAN = "quan", "quận", "urban district"
    THI_XA = "thi_xa", "thị xã", "district-level town"
    THANH_PHO_THUOC_TINH = "thanh_pho_thuoc_tinh", "thành phố thuộc tỉnh", "provincial city"
    THANH_PHO_THUOC_THANH_PHO = (
        "thanh_pho_thuoc_thanh_pho",
        "thành phố thuộc thành phố trực thuộc trung ương",
        "city within a centrally governed city",
    )
    XA = "xa", "xã", "commune"
    PHUONG = "phuong", "phường", "ward"
    THI_TRAN = "thi_tran", "thị trấn", "commune-level township"
    DAC_KHU = "dac_khu", "đặc khu", "special zone (from 01/07/2025)"
    THON = "thon", "thôn", "village"
    AP = "ap", "ấp", "hamlet"
    BAN = "ban", "bản", "highland village"
    TO_DAN_PHO = "to_dan_pho", "tổ dân phố", "residential group"
    KHU_PHO = "khu_pho", "khu phố", "urban quarter"
    KHOM = "khom", "khóm", "urban hamlet"
    KHU_DAN_CU = "khu_dan_cu", "khu dân cư", "residential area"

    @property
    def level(self) -> LocalityLevel:
        """The tier this kind of unit belongs to."""
        return _UNIT_LEVEL[self]

    @property
    def word(self) -> str:
        """The word written before a unit's name: "thành phố" for every kind of city."""
        return "thành phố" if self.value.startswith("thanh_pho") else self.label


_UNIT_LEVEL = {
    UnitType.TINH: LocalityLevel.PROVINCE,
    UnitType.THANH_PHO_TRUC_THUOC_TRUNG_UONG: LocalityLevel.PROVINCE,
    UnitType.HUYEN: LocalityLevel.DISTRICT,
    UnitType.QUAN: LocalityLevel.DISTRICT,
    UnitType.THI_XA: LocalityLevel.DISTRICT,
    UnitType.THANH_PHO_THUOC_TINH: LocalityLevel.DISTRICT,
    UnitType.THANH_PHO_THUOC_THANH_PHO: LocalityLevel.DISTRICT,
    UnitType.XA: LocalityLevel.COMMUNE,
    UnitType.PHUONG: LocalityLevel.COMMUNE,
    UnitType.THI_TRAN: LocalityLevel.COMMUNE,
    UnitType.DAC_KHU: LocalityLevel.COMMUNE,
    UnitType.THON: LocalityLevel.RESIDENTIAL,
    UnitType.AP: LocalityLevel.RESIDENTIAL,
    UnitType.BAN: LocalityLevel.RESIDENTIAL,
    UnitType.TO_DAN_PHO: LocalityLevel.RESIDENTIAL,
    UnitType.KHU_PHO: LocalityLevel.RESIDENTIAL,
    UnitType.KHOM: LocalityLevel.RESIDENTIAL,
    UnitType.KHU_DAN_CU: LocalityLevel.RESIDENTIAL,
}


class EventKind(Vocab):
    """What kind of occasion an event is."""

    FESTIVAL = (
        "festival",
        "Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
        "festival day of the movement",
        "ngày hội",
    )
    AWARD_CEREMONY = "award_ceremony", "Lễ trao khen thưởng", "award ceremony"
    REVIEW_CONFERENCE = "review_conference", "Hội nghị sơ kết, tổng kết", "review conference"
    MODEL_LAUNCH = "model_launch", "Lễ ra mắt mô hình", "launch of a security model"
    OTHER = "other", "Sự kiện khác", "other event"


class PartOfDay(Vocab):
    """The part of the day a text gives for an event ("Tối 12/8")."""

    MORNING = "morning", "sáng", "morning"
    NOON = "noon", "trưa", "midday"
    AFTERNOON = "afternoon", "chiều", "afternoon"
    EVENING = "evening", "tối", "evening"
    NIGHT = "night", "đêm", "night", "khuya"


class ParticipantRole(Vocab):
    """What a person or group did at an event."""

    GUEST = "guest", "khách mời", "guest", "dự", "tham dự"
    HOST = "host", "chủ trì", "host, presiding"
    SPEAKER = "speaker", "phát biểu", "speaker"
    PRESENTER = "presenter", "trao thưởng", "presenter of awards"
    ORGANISER = "organiser", "tổ chức", "organiser"


class ModelCategory(Vocab):
    """Broad kind of a self-managed security model; the model's own name stays free text."""

    CAMERA = "camera", "Camera an ninh", "security cameras", "camera giám sát an ninh"
    PATROL = "patrol", "Tổ tuần tra nhân dân", "people's patrol team", "tuần tra"
    BOARDING_HOUSE = "boarding_house", "Khu nhà trọ an toàn", "safe boarding-house area"
    ONLINE_CRIME = (
        "online_crime",
        "Phòng chống tội phạm trên mạng xã hội",
        "crime prevention on social networks",
        "phòng chống tội phạm qua mạng xã hội",
    )
    HOUSEHOLD_GROUP = "household_group", "Tổ liên gia tự quản", "self-managed household group"
    CLAN = "clan", "Dòng họ tự quản", "self-managed clan"
    CRIME_FREE_AREA = (
        "crime_free_area",
        "Khu dân cư không có tội phạm",
        "crime-free residential area",
    )
    SECURITY_LIGHT = "security_light", "Ngọn đèn an ninh", "security lights"
    SECURITY_BELL = "security_bell", "Tiếng kẻng an ninh", "security alarm bell"
    FRAUD_ALERT_GROUP = (
        "fraud_alert_group",
        "Nhóm Zalo phòng chống lừa đảo",
        "messaging group against online fraud",
    )
    FIRE_SAFETY = "fire_safety", "Tổ an toàn phòng cháy chữa cháy", "fire-safety team"
    OTHER = "other", "Mô hình khác", "other model"


class AwardForm(Vocab):
    """The form of an award (hình thức khen thưởng), plus public commendations."""

    HUAN_CHUONG = "huan_chuong", "Huân chương", "order (state decoration)"
    HUY_CHUONG = "huy_chuong", "Huy chương", "medal"
    CO_THI_DUA = "co_thi_dua", "Cờ thi đua", "emulation flag", "Cờ dẫn đầu"
    BANG_KHEN = "bang_khen", "Bằng khen", "certificate of merit"
    KY_NIEM_CHUONG = "ky_niem_chuong", "Kỷ niệm chương", "commemorative medal"
    GIAY_KHEN = "giay_khen", "Giấy khen", "certificate of commendation"
    BIEU_DUONG = "bieu_duong", "Biểu dương", "public commendation (not a statutory form)"
    TUYEN_DUONG = "tuyen_duong", "Tuyên dương", "public praise (not a statutory form)"
    CHUA_RO = "chua_ro", "khen thưởng (chưa rõ hình thức)", "award of unstated form"

    @property
    def statutory(self) -> bool:
        """Whether the law on emulation and commendation defines this form."""
        return self not in _NOT_STATUTORY


_NOT_STATUTORY = frozenset({AwardForm.BIEU_DUONG, AwardForm.TUYEN_DUONG, AwardForm.CHUA_RO})


class Doubt(Vocab):
    """Why a clerk should check a grant line read from prose (``antq extract --review``)."""

    ISSUER_FROM_PRESENTER = (
        "issuer_from_presenter",
        "cơ quan khen suy từ chức vụ người trao",
        "issuer inferred from the office of the person who handed it over",
    )
    NO_ISSUER = "no_issuer", "không rõ cơ quan khen", "the text names no issuer"
    ISSUERS_LUMPED = (
        "issuers_lumped",
        "nhiều cơ quan khen gộp chung",
        "several issuers lumped in one line",
    )
    COUNT_FROM_NAMES = (
        "count_from_names",
        "số lượng suy từ tên người, đơn vị được nêu",
        "count inferred from the recipients named",
    )
    COUNT_UNKNOWN = "count_unknown", "không rõ số lượng", "the text gives no exact count"
    FORM_NOT_STATED = "form_not_stated", "không rõ hình thức", "form not stated"
    FORMS_SHARED = (
        "forms_shared",
        "một số lượng cho nhiều hình thức",
        "one count covers several forms",
    )
    ISSUER_FROM_OTHER_MENTION = (
        "issuer_from_other_mention",
        "cơ quan khen lấy từ câu khác",
        "issuer taken from another mention of the grant",
    )
    FORM_FROM_OTHER_MENTION = (
        "form_from_other_mention",
        "hình thức lấy từ câu khác",
        "form taken from another mention of the grant",
    )
    CAPTION_ONLY = "caption_only", "chỉ có trong chú thích ảnh", "read from a photo caption only"


class RecipientKind(Vocab):
    """Who receives a grant line; UNSPECIFIED when the text does not say."""

    # Aliases include the typos met in the press ("tập thế", "các nhân"), so that every
    # reader of text (the extractor, the spreadsheet headings) knows them once.
    COLLECTIVE = "collective", "tập thể", "collective", "tập thế", "tâp thể"
    INDIVIDUAL = "individual", "cá nhân", "individual", "các nhân", "cá nhận"
    HOUSEHOLD = "household", "hộ gia đình", "household"
    UNSPECIFIED = "unspecified", "chưa rõ đối tượng", "recipient kind not stated", "lượt"


class Office(Vocab):
    """An office that grants awards or that an official holds."""

    CHU_TICH_NUOC = "chu_tich_nuoc", "Chủ tịch nước", "President of the State"
    THU_TUONG = "thu_tuong", "Thủ tướng Chính phủ", "Prime Minister", "Thủ tướng"
    CHINH_PHU = "chinh_phu", "Chính phủ", "the Government"
    BO_TRUONG = "bo_truong", "Bộ trưởng", "Minister"
    CHU_TICH_UBND = (
        "chu_tich_ubnd",
        "Chủ tịch Ủy ban nhân dân",
        "chair of a People's Committee",
        "Chủ tịch UBND",
    )
    UBND = "ubnd", "Ủy ban nhân dân", "People's Committee (as the press writes)", "UBND"
    GIAM_DOC_SO = "giam_doc_so", "Giám đốc Sở", "director of a provincial department"
    GIAM_DOC_CONG_AN = (
        "giam_doc_cong_an",
        "Giám đốc Công an",
        "director of a provincial police department",
        "Giám đốc Công an tỉnh",
    )
    TRUONG_CONG_AN = "truong_cong_an", "Trưởng Công an", "chief of a district or commune police"
    THU_TRUONG_DON_VI = (
        "thu_truong_don_vi",
        "Thủ trưởng đơn vị",
        "head of a unit under a ministry",
    )
    LANH_DAO_DOANH_NGHIEP = (
        "lanh_dao_doanh_nghiep",
        "Giám đốc doanh nghiệp, hợp tác xã",
        "head of an enterprise or cooperative (director, general director, board chair)",
        "Giám đốc doanh nghiệp",
        "Tổng giám đốc",
        "Giám đốc hợp tác xã",
        "Chủ tịch Hội đồng quản trị",
        "Chủ tịch Hội đồng thành viên",
    )
    CHU_TICH_MTTQ = (
        "chu_tich_mttq",
        "Chủ tịch Ủy ban Mặt trận Tổ quốc",
        "chair of a Fatherland Front committee",
        "Chủ tịch Ủy ban MTTQ",
    )
    OTHER = "other", "Cơ quan khác", "other office"


class Honorific(Vocab):
    """The word of address before a name."""

    ONG = "ong", "ông", "Mr"
    BA = "ba", "bà", "Mrs / Ms"
    DONG_CHI = "dong_chi", "đồng chí", "comrade"
    ANH = "anh", "anh", "Mr (younger man)"
    CHI = "chi", "chị", "Ms (younger woman)"

    @property
    def gender(self) -> str | None:
        """The gender the word implies ("male", "female"), or None for "đồng chí"."""
        return _HONORIFIC_GENDER.get(self)


_HONORIFIC_GENDER = {
    Honorific.ONG: "male",
    Honorific.ANH: "male",
    Honorific.BA: "female",
    Honorific.CHI: "female",
}


class Rank(Vocab):
    """Police and army officer ranks, from Thiếu úy to Đại tướng."""

    THIEU_UY = "thieu_uy", "Thiếu úy", "second lieutenant"
    TRUNG_UY = "trung_uy", "Trung úy", "first lieutenant"
    THUONG_UY = "thuong_uy", "Thượng úy", "senior lieutenant"
    DAI_UY = "dai_uy", "Đại úy", "captain"
    THIEU_TA = "thieu_ta", "Thiếu tá", "major"
    TRUNG_TA = "trung_ta", "Trung tá", "lieutenant colonel"
    THUONG_TA = "thuong_ta", "Thượng tá", "senior colonel"
    DAI_TA = "dai_ta", "Đại tá", "colonel"
    THIEU_TUONG = "thieu_tuong", "Thiếu tướng", "major general"
    TRUNG_TUONG = "trung_tuong", "Trung tướng", "lieutenant general"
    THUONG_TUONG = "thuong_tuong", "Thượng tướng", "colonel general"
    DAI_TUONG = "dai_tuong", "Đại tướng", "general"


class ToneStyle(Vocab):
    """Where the tone mark sits in the open syllables oa, oe, uy."""

    OLD = "old", "kiểu cũ: hòa, thủy", "classic: the tone mark on the first vowel of oa, oe, uy"
    NEW = "new", "kiểu mới: hoà, thuỷ", "modern: the tone mark on the second vowel of oa, oe, uy"


class StatementKind(Vocab):
    """How a statement's text relates to what was said."""

    QUOTE = "quote", "trích dẫn", "verbatim quotation"
    PARAPHRASE = "paraphrase", "thuật lại", "reported speech"
    SUMMARY = "summary", "tóm tắt", "summary in the data-entry clerk's words"


class EntityKind(Vocab):
    """The five record types of a dataset."""

    LOCALITY = "locality", "địa bàn", "locality"
    EVENT = "event", "sự kiện", "event"
    SECURITY_MODEL = "security_model", "mô hình", "security model"
    OFFICIAL = "official", "cán bộ", "official"
    AWARD = "award", "khen thưởng", "award (grant line)"
