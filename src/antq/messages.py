"""Every sentence antq shows a person, by code, in Vietnamese and English.

A problem, finding, heading or error is data: a :class:`Message` holds a code and its
parameters, and is worded only when shown, from the one :data:`CATALOGUE` (as flake8
and ruff keep a violation's code apart from its text). Parameters are shown in the
language asked for: a vocabulary member by its Vietnamese label or English gloss, a
nested message in the same language, a truth value as yes or no; anything else (a
number, a value the user gave, a path) as it is.

This module imports nothing from antq, so every other module may use it.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from typing import Final, Literal, Protocol, TypeAlias, get_args, runtime_checkable

import attrs

from antq._catalogue import ENTRIES

__all__ = [
    "CATALOGUE",
    "DEFAULT_LANG",
    "LANGS",
    "Catalogue",
    "Labelled",
    "Lang",
    "Message",
    "check_lang",
    "number_text",
    "render_template",
    "shown",
]

Lang: TypeAlias = Literal["vi", "en"]
"""A language antq speaks: Vietnamese (``"vi"``, the default) or English (``"en"``)."""

LANGS: Final[tuple[Lang, ...]] = get_args(Lang)
DEFAULT_LANG: Final[Lang] = "vi"
"""The language of every ``lang=`` parameter's default: the clerks' own."""


def check_lang(lang: object) -> Lang:
    """*lang* itself when antq speaks it.

    Raises:
        ValueError: antq has no messages in *lang*.
    """
    if lang not in LANGS:
        raise ValueError(f"no messages in {lang!r}; antq speaks {', '.join(LANGS)}")
    return lang  # checked just above


@runtime_checkable
class Labelled(Protocol):
    """A vocabulary member: a Vietnamese ``label`` and an English ``gloss``."""

    @property
    def label(self) -> str:
        """The Vietnamese term."""

    @property
    def gloss(self) -> str:
        """The English term."""


@attrs.frozen
class Message:
    """A code and the parameters its sentence is filled from, worded on demand."""

    code: str
    params: Mapping[str, object] = attrs.field(factory=dict)

    def text(self, *, lang: Lang = DEFAULT_LANG) -> str:
        """The sentence in *lang*, from :data:`CATALOGUE`."""
        return CATALOGUE.render(self, lang=lang)

    def __str__(self) -> str:
        return self.text(lang="en")


def shown(value: object, lang: Lang) -> object:
    """A parameter as a sentence in *lang* shows it (see the module's docstring)."""
    if isinstance(value, Message):
        return value.text(lang=lang)
    if isinstance(value, bool):
        return CATALOGUE.render(Message("word.yes" if value else "word.no"), lang=lang)
    if isinstance(value, Labelled) and not isinstance(value, type):  # a vocabulary member
        return value.label if lang == "vi" else value.gloss
    if isinstance(value, tuple | list) and value:
        if all(isinstance(item, Message) for item in value):
            separator = CATALOGUE.render(Message("word.list_separator"), lang=lang)
            return separator.join(str(shown(item, lang)) for item in value)
        if all(isinstance(item, Labelled) for item in value):  # vocabulary: "a, b"
            return ", ".join(str(shown(item, lang)) for item in value)
    return value


def number_text(n: int, lang: Lang) -> str:
    """A whole number as *lang* writes it: 212.710 in Vietnamese, 212,710 in English."""
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "vi" else text


def render_template(template: str, params: Mapping[str, object], lang: Lang) -> str:
    """*template* (``str.format`` syntax) filled with *params* shown in *lang*."""
    return template.format_map({key: shown(value, lang) for key, value in params.items()})


class Catalogue:
    """Templates by code, one per language; :meth:`add` takes more (a plugin's rules)."""

    def __init__(self, entries: Mapping[str, Mapping[Lang, str]] = {}) -> None:  # read only
        self._entries: dict[str, dict[str, str]] = {}
        for code, templates in entries.items():
            self.add(code, templates)

    def add(self, code: str, templates: Mapping[Lang, str]) -> None:
        """Register *code*'s templates, one in every language.

        A language may leave out a parameter another one shows (a Vietnamese sentence
        need not repeat a name the English one quotes).

        Raises:
            ValueError: a language is missing, or *code* is registered already with
                other templates.
        """
        missing = [lang for lang in LANGS if not templates.get(lang)]
        if missing:
            raise ValueError(f"message {code}: no template in {', '.join(missing)}")
        known = self._entries.get(code)
        if known is not None and known != dict(templates):
            raise ValueError(f"message {code} is registered already, with other templates")
        self._entries[code] = {lang: templates[lang] for lang in LANGS}

    def templates(self, code: str) -> Mapping[str, str]:
        """The templates of *code* by language.

        Raises:
            KeyError: no message has this code.
        """
        return self._entries[code]

    def parameters(self, code: str) -> frozenset[str]:
        """The parameters *code*'s templates are filled from (in any language)."""
        return frozenset().union(*(_fields(t) for t in self._entries[code].values()))

    def render(self, message: Message, *, lang: Lang = DEFAULT_LANG) -> str:
        """*message* worded in *lang*; a code the catalogue lacks is shown as it is."""
        templates = self._entries.get(message.code)
        if templates is None:  # a caller's own code: never lose it, show what there is
            extra = ", ".join(f"{k}={shown(v, lang)}" for k, v in message.params.items())
            return f"{message.code} ({extra})" if extra else message.code
        return render_template(templates[lang], message.params, lang)

    def __contains__(self, code: object) -> bool:
        return code in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


def _fields(template: str) -> set[str]:
    """The top-level parameter names of a ``str.format`` template."""
    found: set[str] = set()
    for _, name, spec, _ in string.Formatter().parse(template):
        if name is not None and name != "":
            found.add(name.split(".")[0].split("[")[0])
        if spec:
            found |= _fields(spec)
    return found


CATALOGUE: Final = Catalogue(ENTRIES)
"""Every message antq words: load problems, field checks, findings, tallies, reports, CLI."""
