"""antq: typed data for Vietnam's "Toàn dân bảo vệ an ninh Tổ quốc" movement.

The public surface: the model (five record types and their value types), the
vocabulary enums, the dataset root, strict JSON / JSON Lines serialization, the
errors, and the Vietnamese text helpers. Hypothesis strategies live in
:mod:`antq.testing` (install ``antq[testing]``).
"""

from importlib.metadata import PackageNotFoundError, version

from antq.dataset import Dataset, Reference
from antq.errors import (
    AntqError,
    Duplicate,
    DuplicateIdError,
    InvalidValueError,
    LoadError,
    Problem,
    UnknownLabelError,
    UnknownReferenceError,
)
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
    Recipient,
    Record,
    SecurityModel,
    SecurityModelId,
    Source,
    Statement,
)
from antq.report import summarize
from antq.serialize import (
    SCHEMA,
    dump,
    dump_jsonl,
    dumps,
    dumps_jsonl,
    iter_jsonl,
    load,
    load_jsonl,
    loads,
    make_converter,
    structure,
    unstructure,
)
from antq.text import fold, nfc
from antq.vocab import (
    AwardForm,
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
    UnitType,
    Vocab,
)

try:
    __version__ = version("antq")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "SCHEMA",
    "AntqError",
    "Award",
    "AwardForm",
    "AwardId",
    "Dataset",
    "Duplicate",
    "DuplicateIdError",
    "EntityKind",
    "Event",
    "EventId",
    "EventKind",
    "Honorific",
    "InvalidValueError",
    "Issuer",
    "LoadError",
    "Locality",
    "LocalityId",
    "LocalityLevel",
    "ModelCategory",
    "Office",
    "Official",
    "OfficialId",
    "PartOfDay",
    "PartialDate",
    "ParticipantRole",
    "Participation",
    "Position",
    "Problem",
    "Rank",
    "Recipient",
    "RecipientKind",
    "Record",
    "Reference",
    "SecurityModel",
    "SecurityModelId",
    "Source",
    "Statement",
    "StatementKind",
    "UnitType",
    "UnknownLabelError",
    "UnknownReferenceError",
    "Vocab",
    "__version__",
    "dump",
    "dump_jsonl",
    "dumps",
    "dumps_jsonl",
    "fold",
    "iter_jsonl",
    "load",
    "load_jsonl",
    "loads",
    "make_converter",
    "nfc",
    "structure",
    "summarize",
    "unstructure",
]
