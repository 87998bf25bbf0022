"""The exceptions antq raises, rooted at :class:`AntqError`.

Every exception keeps its data as attributes and formats its message in ``__str__``,
so callers can inspect what went wrong instead of parsing text. Each subclass also
inherits the builtin it refines, so ``except ValueError`` keeps working.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "AntqError",
    "Duplicate",
    "DuplicateIdError",
    "InvalidValueError",
    "LoadError",
    "Problem",
    "TextError",
    "UnknownLabelError",
    "UnknownReferenceError",
]


class AntqError(Exception):
    """Root of every exception antq raises on purpose."""


class InvalidValueError(AntqError, ValueError):
    """A field value breaks a local invariant of its class (raised by field validators)."""

    def __init__(self, owner: str, field: str, value: object, reason: str) -> None:
        super().__init__(owner, field, value, reason)
        self.owner = owner
        self.field = field
        self.value = value
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.owner}.{self.field}: {self.reason} (got {self.value!r})"


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
        prefix = f"line {self.line}: " if self.line is not None else ""
        return f"{prefix}{self.path}: {self.message}"


class LoadError(AntqError, ValueError):
    """Input that cannot be loaded, with every problem found and its path."""

    def __init__(self, problems: Iterable[Problem], source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        super().__init__(self.problems, source)

    def __str__(self) -> str:
        origin = f" in {self.source}" if self.source else ""
        if len(self.problems) == 1:
            return f"cannot load{origin}: {self.problems[0]}"
        lines = [f"cannot load{origin}: {len(self.problems)} problems"]
        lines.extend(f"  {problem}" for problem in self.problems)
        return "\n".join(lines)
