"""antq: typed data for Vietnam's "Toàn dân bảo vệ an ninh Tổ quốc" movement.

The public surface: the model (five record types and their value types), the
vocabulary enums, the dataset root, strict JSON / JSON Lines serialization, the
errors, and the Vietnamese text helpers. Hypothesis strategies live in
:mod:`antq.testing` (install ``antq[testing]``).
"""

from typing import TYPE_CHECKING, Any

from antq.dataset import Dataset, Reference
from antq.errors import (
    AntqError,
    Duplicate,
    DuplicateIdError,
    ExtraMissingError,
    InvalidValueError,
    LoadError,
    MessageError,
    Problem,
    TextError,
    UnknownLabelError,
    UnknownReferenceError,
)
from antq.messages import CATALOGUE, Catalogue, Lang, Message
from antq.model import (
    Award,
    AwardId,
    Event,
    EventId,
    Issuer,
    Locality,
    LocalityId,
    NamedUnit,
    Official,
    OfficialId,
    PartialDate,
    Participation,
    Position,
    Recipient,
    Record,
    ReportedTotal,
    SecurityModel,
    SecurityModelId,
    Source,
    Statement,
    award_date,
)
from antq.names import (
    COMMON_FAMILY_NAMES,
    COMPOUND_FAMILY_NAMES,
    Denotation,
    Mention,
    NameParseError,
    PersonName,
    can_denote,
    gender_hint,
    parse_mention,
    split_name,
)
from antq.rules import (
    BUILTIN_RULES,
    Context,
    Finding,
    Hit,
    Report,
    RuleSet,
    RunMemory,
    Severity,
    ValidationError,
    builtin_rules,
    hit,
    load_plugins,
    validate,
)
from antq.schema import json_schema
from antq.serialize import (
    AWARD_COLUMNS,
    SCHEMA,
    configure_converter,
    dump,
    dump_awards_csv,
    dump_jsonl,
    dumps,
    dumps_awards_csv,
    dumps_jsonl,
    iter_jsonl,
    load,
    load_awards_csv,
    load_jsonl,
    loads,
    loads_awards_csv,
    loads_jsonl,
    make_converter,
    structure,
    unstructure,
)
from antq.summary import full_report, summarize
from antq.tally import (
    Cell,
    Difference,
    Dim,
    Pivot,
    Tally,
    award_sentence,
    reconcile,
    tally,
    what_is_counted,
)
from antq.text import (
    ABBREVIATIONS,
    APPROXIMATE_WORDS,
    DIGIT_WORDS,
    Abbreviation,
    CountError,
    count_words,
    expand_abbreviations,
    fold,
    is_nfc,
    nfc,
    parse_count,
    to_tone_style,
)
from antq.vocab import (
    AwardForm,
    Doubt,
    EntityKind,
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
    ToneStyle,
    UnitType,
    Vocab,
)

if TYPE_CHECKING:
    from antq.dates import DateParseError, DatePhrase, find_dates, parse_date
    from antq.extractor import Extraction, extract
    from antq.gazetteer import Gazetteer, GazetteerUnavailableError
    from antq.registry import Registry, RegistryError
    from antq.report import HtmlUnavailableError, to_html, write_html
    from antq.sheets import load_sheet, loads_clerk_csv

    __version__: str

# Loaded on first use, for speed alone: the extractor compiles ~110 patterns, the date
# grammar a few large ones, and the version needs importlib.metadata; a small
# `antq validate` should pay for none of them.
_LAZY = {
    "Registry": "antq.registry",
    "RegistryError": "antq.registry",
    "to_html": "antq.report",
    "write_html": "antq.report",
    "HtmlUnavailableError": "antq.report",
    "load_sheet": "antq.sheets",
    "loads_clerk_csv": "antq.sheets",
    "DateParseError": "antq.dates",
    "DatePhrase": "antq.dates",
    "find_dates": "antq.dates",
    "parse_date": "antq.dates",
    "extract": "antq.extractor",
    "Extraction": "antq.extractor",
    "Gazetteer": "antq.gazetteer",
    "GazetteerUnavailableError": "antq.gazetteer",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("antq")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0+unknown"
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'antq' has no attribute {name!r}")


__all__ = [
    "ABBREVIATIONS",
    "APPROXIMATE_WORDS",
    "AWARD_COLUMNS",
    "BUILTIN_RULES",
    "CATALOGUE",
    "COMMON_FAMILY_NAMES",
    "COMPOUND_FAMILY_NAMES",
    "DIGIT_WORDS",
    "SCHEMA",
    "Abbreviation",
    "AntqError",
    "Award",
    "AwardForm",
    "AwardId",
    "Catalogue",
    "Cell",
    "Context",
    "CountError",
    "Dataset",
    "DateParseError",
    "DatePhrase",
    "Denotation",
    "Difference",
    "Dim",
    "Doubt",
    "Duplicate",
    "DuplicateIdError",
    "EntityKind",
    "Event",
    "EventId",
    "EventKind",
    "ExtraMissingError",
    "Extraction",
    "Finding",
    "Gazetteer",
    "GazetteerUnavailableError",
    "Hit",
    "Honorific",
    "HtmlUnavailableError",
    "InvalidValueError",
    "Issuer",
    "Lang",
    "LoadError",
    "Locality",
    "LocalityId",
    "LocalityLevel",
    "Mention",
    "Message",
    "MessageError",
    "ModelCategory",
    "NameParseError",
    "NamedUnit",
    "Office",
    "Official",
    "OfficialId",
    "PartOfDay",
    "PartialDate",
    "ParticipantRole",
    "Participation",
    "PersonName",
    "Pivot",
    "Position",
    "Problem",
    "Rank",
    "Recipient",
    "RecipientKind",
    "Record",
    "Reference",
    "Registry",
    "RegistryError",
    "Report",
    "ReportedTotal",
    "RuleSet",
    "RunMemory",
    "SecurityModel",
    "SecurityModelId",
    "Severity",
    "Source",
    "Statement",
    "StatementKind",
    "Tally",
    "TextError",
    "ToneStyle",
    "UnitType",
    "UnknownLabelError",
    "UnknownReferenceError",
    "ValidationError",
    "Vocab",
    "__version__",
    "award_date",
    "award_sentence",
    "builtin_rules",
    "can_denote",
    "configure_converter",
    "count_words",
    "dump",
    "dump_awards_csv",
    "dump_jsonl",
    "dumps",
    "dumps_awards_csv",
    "dumps_jsonl",
    "expand_abbreviations",
    "extract",
    "find_dates",
    "fold",
    "full_report",
    "gender_hint",
    "hit",
    "is_nfc",
    "iter_jsonl",
    "json_schema",
    "load",
    "load_awards_csv",
    "load_jsonl",
    "load_plugins",
    "load_sheet",
    "loads",
    "loads_awards_csv",
    "loads_clerk_csv",
    "loads_jsonl",
    "make_converter",
    "nfc",
    "parse_count",
    "parse_date",
    "parse_mention",
    "reconcile",
    "split_name",
    "structure",
    "summarize",
    "tally",
    "to_html",
    "to_tone_style",
    "unstructure",
    "validate",
    "what_is_counted",
    "write_html",
]
