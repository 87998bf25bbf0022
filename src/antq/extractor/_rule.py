"""Named rules and filters: each pattern with the phrases it is for.

In the manner of duckling's rule files and spaCy's pattern rules, a :class:`Rule` is a
small named object: its pattern, what a match produces, and example phrases it must
match (and phrases it must not), which a parametrized test runs. A :class:`Filter` is
one named step of the pass that drops repeats and totals from the grant lines.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

import attrs

from antq.extractor._doc import compile_pattern, view_of
from antq.text import nfc

__all__ = ["Filter", "Rule", "filters", "rule", "rules"]

T = TypeVar("T")
C = TypeVar("C")

_RULES: dict[str, Rule] = {}
_FILTERS: dict[str, Filter] = {}  # type: ignore[type-arg]  # any context type


@attrs.frozen
class Rule:
    """A named pattern of the extractor, matched against a document's folded view.

    Attributes:
        name: unique, dotted by what it reads ("awards.issuer_of").
        pattern: the compiled pattern (written once, in the modern tone style).
        produces: what a match gives, in a few words.
        examples: phrases the pattern must find.
        counter_examples: phrases it must not find.
    """

    name: str
    pattern: re.Pattern[str] = attrs.field(repr=False)
    produces: str
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...] = ()

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """The first match in *text* (a view) between *pos* and *endpos*."""
        return self.pattern.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """A match at *pos* exactly."""
        return self.pattern.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """A match of the whole of *text* (between *pos* and *endpos*)."""
        return self.pattern.fullmatch(text, pos, endpos)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """Every match, left to right."""
        return self.pattern.finditer(text, pos, endpos)

    def findall(self, text: str) -> list[str]:
        """Every match's text (or groups), as :func:`re.findall` gives them."""
        return self.pattern.findall(text)

    def split(self, text: str, maxsplit: int = 0) -> list[str]:
        """*text* cut at every match."""
        return self.pattern.split(text, maxsplit)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str) -> str:
        """*text* with every match replaced."""
        return self.pattern.sub(repl, text)

    def finds(self, phrase: str) -> bool:
        """Whether the pattern finds something in *phrase* (any spelling, any tone style)."""
        return self.pattern.search(view_of(nfc(phrase))) is not None


def rule(
    name: str,
    source: str,
    *,
    produces: str,
    examples: tuple[str, ...],
    counter_examples: tuple[str, ...] = (),
    flags: int = 0,
) -> Rule:
    """Build and register a rule (its name must be new)."""
    if name in _RULES:
        raise ValueError(f"two extractor rules are named {name!r}")
    made = Rule(
        name=name,
        pattern=compile_pattern(source, flags),
        produces=produces,
        examples=examples,
        counter_examples=counter_examples,
    )
    _RULES[name] = made
    return made


@attrs.frozen
class Filter(Generic[T, C]):
    """One named step of a pass over candidates: drops those for which ``drops`` is true.

    ``drops(candidate, context)`` sees one candidate and what the pass knows of all of
    them (``context``), so each step can be tested alone.
    """

    name: str
    doc: str
    drops: Callable[[T, C], bool] = attrs.field(repr=False)

    def apply(self, candidates: list[T], context: C) -> list[T]:
        """The candidates this step keeps."""
        return [c for c in candidates if not self.drops(c, context)]


def register_filter(made: Filter[T, C]) -> Filter[T, C]:
    """Register a filter (its name must be new) and return it."""
    if made.name in _FILTERS:
        raise ValueError(f"two extractor filters are named {made.name!r}")
    _FILTERS[made.name] = made
    return made


def rules() -> tuple[Rule, ...]:
    """Every rule of the extractor, in the order they were defined."""
    return tuple(_RULES.values())


def filters() -> tuple[Filter, ...]:  # type: ignore[type-arg]  # any candidate type
    """Every filter of the extractor, in the order they were defined."""
    return tuple(_FILTERS.values())
