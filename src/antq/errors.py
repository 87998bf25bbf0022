"""The exceptions antq raises, rooted at :class:`AntqError`.

Every exception keeps its data as attributes and formats its message in ``__str__``,
so callers can inspect what went wrong instead of parsing text. Each subclass also
inherits the builtin it refines, so ``except ValueError`` keeps working.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import attrs

__all__ = [
    "AntqError",
    "Duplicate",
    "DuplicateIdError",
    "InvalidValueError",
    "LoadError",
    "MessageFormatter",
    "Problem",
    "TextError",
    "UnknownLabelError",
    "UnknownReferenceError",
]


MessageFormatter = Callable[[str], str]
"""Turns a problem's English message into the text to show (see ``LoadError.describe``)."""


def _formatter(language: str | MessageFormatter) -> MessageFormatter:
    if callable(language):
        return language
    if language == "vi":
        from antq._messages import vietnamese  # the table is only needed when asked for

        return vietnamese
    if language == "en":
        return _same
    raise ValueError(f"no load messages in {language!r}; use 'en', 'vi' or a function")


def _same(message: str) -> str:
    return message


class AntqError(Exception):
    """Root of every exception antq raises on purpose."""


class InvalidValueError(AntqError, ValueError):
    """A field value breaks a local invariant of its class (raised by field checks)."""

    def __init__(self, owner: str, field: str, value: object, reason: str) -> None:
        super().__init__(owner, field, value, reason)
        self.owner = owner
        self.field = field
        self.value = value
        self.reason = reason
        #: The object's other failed checks, found when this one failed.
        self.also: tuple[InvalidValueError, ...] = ()

    def __str__(self) -> str:
        shown = repr(self.value)
        if len(shown) > 80:  # a 100,000-character value is no help in a message
            shown = f"{shown[:60]}… ({len(shown):,} characters)"
        return f"{self.owner}.{self.field}: {self.reason} (got {shown})"


class TextError(AntqError, ValueError):
    """A text that cannot be read as what was asked (a date, a count, a name)."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(text, reason)
        self.text = text
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.text!r}: {self.reason}"


class UnknownLabelError(AntqError, ValueError):
    """A text names no member of a vocabulary enum."""

    def __init__(self, enum: str, text: str, known: Sequence[str]) -> None:
        super().__init__(enum, text, known)
        self.enum = enum
        self.text = text
        self.known = tuple(known)

    def __str__(self) -> str:
        return f"{self.text!r} is not a {self.enum}; expected one of: {', '.join(self.known)}"


class UnknownReferenceError(AntqError, LookupError):
    """A typed id points at no record of the dataset; names both ends of the reference."""

    def __init__(self, target_kind: str, target_id: str, referrer: str | None = None) -> None:
        super().__init__(target_kind, target_id, referrer)
        self.target_kind = target_kind
        self.target_id = target_id
        self.referrer = referrer

    def __str__(self) -> str:
        where = f"{self.referrer} refers to " if self.referrer else "no "
        return f"{where}{self.target_kind} {self.target_id!r}, which is not in the dataset"


@attrs.frozen
class Duplicate:
    """One id used by more than one record of a collection, with every path it stands at."""

    kind: str
    id: str
    paths: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.kind} id {self.id!r} at {', '.join(self.paths)}"


class DuplicateIdError(AntqError, ValueError):
    """Records of one collection share an id; lists every such id."""

    def __init__(self, duplicates: Iterable[Duplicate]) -> None:
        self.duplicates = tuple(duplicates)
        super().__init__(self.duplicates)

    def __str__(self) -> str:
        return "duplicate ids: " + "; ".join(str(d) for d in self.duplicates)


@attrs.frozen
class Problem:
    """One thing wrong with loaded input: where (a JSON path) and what.

    ``line`` is the 1-based line of a JSON Lines stream, or ``None`` for a document.
    """

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        return self.describe("en")

    def describe(self, language: str | MessageFormatter = "en") -> str:
        """The problem as a line, in English, Vietnamese (``"vi"``) or by your formatter.

        A formatter is a function from the English message to the text to show.
        """
        word = _formatter(language)
        prefix = ("dòng" if language == "vi" else "line") if self.line is not None else ""
        where = f"{prefix} {self.line}: " if prefix else ""
        return f"{where}{self.path}: {word(self.message)}"


class LoadError(AntqError, ValueError):
    """Input that cannot be loaded, with every problem found and its path."""

    def __init__(self, problems: Iterable[Problem], source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        super().__init__(self.problems, source)

    def __str__(self) -> str:
        return self.describe("en")

    def describe(self, language: str | MessageFormatter = "en") -> str:
        """Every problem, one per line: in English, Vietnamese (``"vi"``) or by a formatter.

        ``str(error)`` is the English form.
        """
        vi = language == "vi"
        origin = (
            f" {self.source}" if vi and self.source else f" in {self.source}" if self.source else ""
        )
        head = f"không đọc được{origin}" if vi else f"cannot load{origin}"
        if len(self.problems) == 1:
            return f"{head}: {self.problems[0].describe(language)}"
        count = f"{len(self.problems)} lỗi" if vi else f"{len(self.problems)} problems"
        lines = [f"{head}: {count}"]
        lines.extend(f"  {problem.describe(language)}" for problem in self.problems)
        return "\n".join(lines)
