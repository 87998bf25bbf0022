"""The catalogue: every code worded in both languages, each language in its own words."""

from __future__ import annotations

import re
import string
import unicodedata
from pathlib import Path

import pytest

import antq
from antq import CATALOGUE, Catalogue, Message
from antq.vocab import Vocab

ROOT = Path(__file__).resolve().parent.parent
SEED = antq.load(ROOT / "examples" / "data" / "dien_ngoc_2023.json")

# Words of English that a Vietnamese sentence never needs (technical tokens such as
# JSON, CSV, NFC, UTF-8, YYYY-MM-DD, field names and option names are not here; nor
# "an", which is Vietnamese too: "an ninh", "Công an").
ENGLISH_WORDS = frozenset(
    re.findall(
        r"\w+",
        """the is are was not must expected got of with without and or at in on to for be
        has have names but no this that from by give line lines column records record key
        value values awards award should cannot can read which when than only one any each
        more other others unknown missing required duplicate first last after before""",
    )
)
# Characters an English sentence may hold besides ASCII: typography, not Vietnamese.
TYPOGRAPHY = set("–—…≥×→“”‘’·\u00a0")


def sample(code: str) -> Message:
    """*code* with a neutral value for every parameter any of its templates takes."""
    params: dict[str, object] = dict.fromkeys(CATALOGUE.parameters(code), "X")
    for template in CATALOGUE.templates(code).values():
        for _, name, spec, _ in string.Formatter().parse(template):
            if name and spec and "," in spec:
                params[name.split(".")[0]] = 12345  # a number with digit grouping
    return Message(code, params)


def unquoted(text: str) -> str:
    """*text* without what it quotes ('ngày nay', "UBND tỉnh"): quoted words are data."""
    return re.sub(r"'[^']*'|\"[^\"]*\"", " ", text)


class TestEveryCode:
    """Each code renders in both languages, from the same parameters."""

    @pytest.mark.parametrize("code", sorted(CATALOGUE))
    def test_renders_in_both_languages(self, code: str) -> None:
        message = sample(code)
        for lang in ("vi", "en"):
            text = message.text(lang=lang)
            assert "{" not in text, (code, lang, text)
            assert "}" not in text, (code, lang, text)

    @pytest.mark.parametrize("code", sorted(CATALOGUE))
    def test_english_holds_no_vietnamese(self, code: str) -> None:
        text = unquoted(sample(code).text(lang="en"))
        foreign = [ch for ch in text if not ch.isascii() and ch not in TYPOGRAPHY]
        assert foreign == [], (code, text)

    @pytest.mark.parametrize("code", sorted(CATALOGUE))
    def test_vietnamese_holds_no_english(self, code: str) -> None:
        text = unquoted(sample(code).text(lang="vi"))
        text = re.sub(r"\([a-z_]+\)|--[\w-]+|\b[\w.]+\.[\w.]+\b", " ", text)  # (title), --to, a.b
        words = {w.lower() for w in re.findall(r"\w+", text) if w.isascii() and not w.isupper()}
        assert words & ENGLISH_WORDS == set(), (code, text)

    def test_every_vocabulary_has_a_noun(self) -> None:
        vocabularies = {cls.__name__ for cls in _subclasses(Vocab)}
        nouns = {code.removeprefix("noun.") for code in CATALOGUE if code.startswith("noun.")}
        assert vocabularies <= nouns

    def test_every_builtin_rule_has_its_words(self) -> None:
        rules = {rule.code for rule in antq.BUILTIN_RULES}
        worded = {code for code in CATALOGUE if re.fullmatch(r"ANTQ\d{3}", code)}
        # ANTQ000: a rule pack's own mistake; ANTQ701: the registry's conflicts (no rule)
        assert worded == rules | {"ANTQ000", "ANTQ701"}
        for rule in antq.BUILTIN_RULES:
            assert dict(rule.messages) == dict(CATALOGUE.templates(rule.code))


def _subclasses(cls: type) -> list[type]:
    found: list[type] = []
    sub: type
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


class TestRendering:
    """Parameters are shown in the language asked; unknown codes are kept, not lost."""

    def test_vocabulary_by_label_or_gloss(self) -> None:
        message = Message("tally.what.one", {"what": antq.AwardForm.BANG_KHEN})
        assert message.text(lang="vi") == "Bằng khen"
        assert message.text(lang="en") == antq.AwardForm.BANG_KHEN.gloss

    def test_nested_messages_follow_the_language(self) -> None:
        got = Message(
            "load.expected", {"expected": Message("json.int"), "got": Message("json.str")}
        )
        assert got.text(lang="vi") == "cần số nguyên, nhận được chuỗi"
        assert str(got) == got.text(lang="en") == "expected int, got str"

    def test_unknown_code_shown_with_its_parameters(self) -> None:
        assert Message("mine.x", {"n": 2}).text(lang="vi") == "mine.x (n=2)"

    def test_an_unknown_language_is_refused(self) -> None:
        with pytest.raises(ValueError, match="no messages in 'fr'"):
            antq.LoadError([]).describe(lang="fr")  # type: ignore[arg-type]

    def test_catalogue_refuses_a_missing_language_and_a_changed_entry(self) -> None:
        catalogue = Catalogue({"a.b": {"vi": "một", "en": "one"}})
        with pytest.raises(ValueError, match="no template in vi"):
            catalogue.add("a.c", {"en": "two"})
        with pytest.raises(ValueError, match="registered already"):
            catalogue.add("a.b", {"vi": "hai", "en": "two"})
        catalogue.add("a.b", {"vi": "một", "en": "one"})  # the same again is fine
        assert len(catalogue) == 1


class TestLanguagesDoNotMix:
    """A report, a tally and an error read wholly in the language asked."""

    @staticmethod
    def _vietnamese_letters(text: str) -> set[str]:
        return {
            ch for ch in unquoted(text) if not ch.isascii() and unicodedata.category(ch)[0] == "L"
        }

    def test_validation_report(self) -> None:
        report = antq.validate(SEED)
        english = report.to_text(lang="en")
        assert english.splitlines()[-1] == "0 errors, 1 warning, 1 info"
        assert "[warning]" in english
        assert "[cảnh báo]" not in english
        vietnamese = report.to_text(lang="vi")
        assert vietnamese.splitlines()[-1] == "0 lỗi, 1 cảnh báo, 1 thông tin"
        assert "[warning]" not in vietnamese

    def test_tally_and_sentence(self) -> None:
        counted = antq.tally(SEED, ["form", "recipient_kind"])
        english = counted.to_text(lang="en") + antq.award_sentence(counted, lang="en")
        assert self._vietnamese_letters(english) == set()
        vietnamese = counted.to_text(lang="vi") + antq.award_sentence(counted, lang="vi")
        assert not {"Total", "Lines", "awards"} & set(re.findall(r"\w+", vietnamese))

    def test_summary_in_english_names_no_vietnamese_term(self) -> None:
        # Data (names, titles, what a source wrote) stays as given; antq's own terms
        # are English: "certificate of merit", not "Bằng khen".
        english = antq.summarize(SEED, lang="en")
        assert "Bằng khen ×" not in english
        assert "certificate of merit ×" in english
