"""The exceptions antq raises, rooted at :class:`AntqError`.

Every exception keeps its data as attributes and words itself only when shown: its
:attr:`~AntqError.message` is a :class:`~antq.messages.Message` (a code and parameters),
:meth:`~AntqError.describe` words it in Vietnamese or English from the one catalogue,
and ``str()`` gives the English. Each subclass also inherits the builtin it refines, so
``except ValueError`` keeps working.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from antq.messages import CATALOGUE, DEFAULT_LANG, Lang, Message, check_lang

__all__ = [
    "AntqError",
    "Duplicate",
    "DuplicateIdError",
    "ExtraMissingError",
    "InvalidValueError",
    "LoadError",
    "MessageError",
    "Problem",
    "TextError",
    "UnknownLabelError",
    "UnknownReferenceError",
]


def _reason(reason: Message | str) -> Message:
    """A reason as a message: a plain str (a custom check's own words) is shown as given."""
    return reason if isinstance(reason, Message) else Message("check.custom", {"reason": reason})


def record_noun(kind: str) -> Message:
    """A record type (an ``EntityKind``, or its value) as a message names it ("award")."""
    return Message(f"record.{getattr(kind, 'value', kind)}")


def _short(value: object) -> str:
    """A value as a message shows it: its repr, cut to 60 characters and its length.

    The length is a bare number in brackets, in no language, since a message in either
    language may show it.
    """
    shown = repr(value)
    if len(shown) > 80:  # a 100,000-character value is no help in a message
        shown = f"{shown[:60]}… [{len(shown)}]"
    return shown


def why_no_date(exc: ValueError) -> Message:
    """Why :class:`datetime.date` refused a day, month and year (its words, when unknown)."""
    said = str(exc)
    if said == "day is out of range for month":
        return Message("load.date.day_out_of_range")
    if said in ("month must be in 1..12", "month must be in 1..12, not 0"):
        return Message("load.date.month_out_of_range")
    if said.startswith("year ") and said.endswith(" is out of range"):
        return Message("load.date.year_out_of_range", {"year": said.split()[1]})
    return Message("load.decoder", {"detail": said})


def os_error_message(exc: OSError) -> Message:
    """An operating system's refusal (no such file, permission denied) as antq words it."""
    code = f"error.os.{type(exc).__name__}"
    if code in CATALOGUE:
        return Message(code)
    return Message("error.os.other", {"detail": exc.strerror or str(exc)})


class AntqError(Exception):
    """Root of every exception antq raises on purpose; worded from the catalogue."""

    @property
    def message(self) -> Message:
        """What went wrong, as a code and its parameters."""
        return Message("error.unexplained", {"detail": ", ".join(map(str, self.args))})

    def describe(self, *, lang: Lang = DEFAULT_LANG) -> str:
        """The error as a sentence in *lang* (``str()`` is the English one)."""
        return self.message.text(lang=check_lang(lang))

    def __str__(self) -> str:
        return self.describe(lang="en")


class MessageError(AntqError):
    """An error worded by one catalogue message, raised with its code and parameters."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self._message = Message(code, params)

    @property
    def message(self) -> Message:
        """What went wrong, as the code and parameters it was raised with."""
        return self._message


class ExtraMissingError(MessageError, ImportError):
    """A feature needs a library that is not installed; the message says which extra."""

    def __init__(self, extra: str, package: str) -> None:
        super().__init__("error.extra_missing", extra=extra, package=package)
        self.extra = extra
        self.package = package


class InvalidValueError(AntqError, ValueError):
    """A field value breaks a local invariant of its class (raised by field checks).

    *reason* is a :class:`~antq.messages.Message` (antq's checks) or a str (a check of
    your own, shown as written).
    """

    def __init__(self, owner: str, field: str, value: object, reason: Message | str) -> None:
        super().__init__(owner, field, value, reason)
        self.owner = owner
        self.field = field
        self.value = value
        #: Why the value is refused, as a code and its parameters.
        self.why = _reason(reason)
        #: The object's other failed checks, found when this one failed.
        self.also: tuple[InvalidValueError, ...] = ()

    @property
    def reason(self) -> str:
        """Why the value is refused, in English."""
        return self.why.text(lang="en")

    @property
    def message(self) -> Message:
        """The field, the reason and the value."""
        params = {"owner": self.owner, "field": self.field, "value": _short(self.value)}
        return Message("error.invalid_value", {**params, "reason": self.why})


class TextError(AntqError, ValueError):
    """A text that cannot be read as what was asked (a date, a count, a name)."""

    def __init__(self, text: str, reason: Message | str) -> None:
        super().__init__(text, reason)
        self.text = text
        self.why = _reason(reason)

    @property
    def reason(self) -> str:
        """Why the text cannot be read, in English."""
        return self.why.text(lang="en")

    @property
    def message(self) -> Message:
        """The text and the reason."""
        return Message("error.text", {"text": repr(self.text), "reason": self.why})


class UnknownLabelError(AntqError, ValueError):
    """A text names no member of a vocabulary enum (*enum* is the class's name)."""

    def __init__(self, enum: str, text: str, known: Sequence[str]) -> None:
        super().__init__(enum, text, known)
        self.enum = enum
        self.text = text
        self.known = tuple(known)

    @property
    def message(self) -> Message:
        """The text, what it should have named, and the choices."""
        params = {"text": _short(self.text), "known": ", ".join(self.known)}
        return Message("error.unknown_label", {**params, "what": Message(f"noun.{self.enum}")})


class UnknownReferenceError(AntqError, LookupError):
    """A typed id points at no record of the dataset; names both ends of the reference."""

    def __init__(self, target_kind: str, target_id: str, referrer: str | None = None) -> None:
        # target_kind is an EntityKind (a str), shown by its label or gloss
        super().__init__(target_kind, target_id, referrer)
        self.target_kind = target_kind
        self.target_id = target_id
        self.referrer = referrer

    @property
    def message(self) -> Message:
        """The id, the kind of record it should name, and who named it."""
        params = {"kind": record_noun(self.target_kind), "id": repr(self.target_id)}
        if self.referrer:
            return Message("error.reference_from", {**params, "referrer": self.referrer})
        return Message("error.reference", params)


@attrs.frozen
class Duplicate:
    """One id used by more than one record of a collection, with every path it stands at."""

    kind: str
    id: str
    paths: tuple[str, ...]

    @property
    def message(self) -> Message:
        """The id and where it stands."""
        params = {"kind": record_noun(self.kind), "id": repr(self.id)}
        return Message("error.duplicate", {**params, "paths": ", ".join(self.paths)})

    def __str__(self) -> str:
        return self.message.text(lang="en")


class DuplicateIdError(AntqError, ValueError):
    """Records of one collection share an id; lists every such id."""

    def __init__(self, duplicates: Iterable[Duplicate]) -> None:
        self.duplicates = tuple(duplicates)
        super().__init__(self.duplicates)

    @property
    def message(self) -> Message:
        """Every duplicate id."""
        return Message("error.duplicates", {"each": tuple(d.message for d in self.duplicates)})


@attrs.frozen
class Problem:
    """One thing wrong with loaded input: where (a JSON path) and what (a code, parameters).

    ``line`` is the 1-based line of a JSON Lines stream or a table, or ``None`` for a
    document; ``record`` names the record the path stands in (shown as ``award 'a-4'``),
    when the loader could tell.
    """

    path: str
    code: str
    params: Mapping[str, object] = attrs.field(factory=dict)
    line: int | None = None
    record: Message | None = None

    @property
    def message(self) -> str:
        """What is wrong, in English (see :meth:`describe` for Vietnamese)."""
        return Message(self.code, self.params).text(lang="en")

    def __str__(self) -> str:
        return self.describe(lang="en")

    def describe(self, *, lang: Lang = DEFAULT_LANG) -> str:
        """The problem as one line in *lang*: where, then what."""
        check_lang(lang)
        where = Message("where.line", {"line": self.line}).text(lang=lang) if self.line else ""
        record = f" ({self.record.text(lang=lang)})" if self.record else ""
        return f"{where}{self.path}{record}: {Message(self.code, self.params).text(lang=lang)}"


class LoadError(AntqError, ValueError):
    """Input that cannot be loaded, with every problem found and its path."""

    def __init__(self, problems: Iterable[Problem], source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        super().__init__(self.problems, source)

    @property
    def message(self) -> Message:
        """The head line (what could not be loaded); :meth:`describe` adds the problems."""
        if self.source:
            return Message("load.cannot_load_from", {"source": self.source})
        return Message("load.cannot_load", {})

    def describe(self, *, lang: Lang = DEFAULT_LANG) -> str:
        """Every problem, one per line, in *lang* (``str(error)`` is the English form)."""
        head = self.message.text(lang=check_lang(lang))
        if len(self.problems) == 1:
            return f"{head}: {self.problems[0].describe(lang=lang)}"
        count = Message("load.problem_count", {"n": len(self.problems)}).text(lang=lang)
        lines = [f"{head}: {count}"]
        lines.extend(f"  {problem.describe(lang=lang)}" for problem in self.problems)
        return "\n".join(lines)
