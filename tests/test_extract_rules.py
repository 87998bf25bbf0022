"""The extractor's named rules and filters, each tested alone."""

from __future__ import annotations

import pytest

from antq.extractor import ExtractedAward, Rule, filters, rules
from antq.extractor._doc import Doc, view_of
from antq.extractor.repeats import PASS, Lines, drop_repeats
from antq.vocab import AwardForm, RecipientKind

RULES = rules()


class TestRules:
    """Every rule carries the phrases it is for, and finds exactly those."""

    def test_every_rule_has_examples_and_a_unique_name(self) -> None:
        assert RULES, "the extractor registers its rules on import"
        assert all(r.examples for r in RULES), [r.name for r in RULES if not r.examples]
        assert len({r.name for r in RULES}) == len(RULES)
        assert all("." in r.name for r in RULES)

    @pytest.mark.parametrize("found", RULES, ids=lambda r: r.name)
    def test_examples(self, found: Rule) -> None:
        for phrase in found.examples:
            assert found.finds(phrase), (found.name, phrase)
        for phrase in found.counter_examples:
            assert not found.finds(phrase), (found.name, phrase)


class TestView:
    """The folded view unifies tone styles and keeps every offset."""

    @pytest.mark.parametrize(
        "text", ["Thừa ủy quyền của Chủ tịch UBND tỉnh Khánh Hòa", "UỶ BAN", " \tx", "İstanbul"]
    )
    def test_same_length_same_view(self, text: str) -> None:
        doc = Doc.of(text)
        assert len(doc.view) == len(doc.text)
        assert view_of(text.replace("ủy", "uỷ").replace("Hòa", "Hoà")) == doc.view

    def test_written_gives_the_text_back(self) -> None:
        doc = Doc.of("Giấy khen của Chủ tịch UBND tỉnh Khánh Hòa")
        assert doc.written("Khánh Hoà") == "Khánh Hòa"
        assert doc.written("không có") == "không có"


def line(
    issuer: str | None,
    form: AwardForm | None,
    kind: RecipientKind,
    count: int | None,
    span: tuple[int, int] = (0, 10),
) -> ExtractedAward:
    return ExtractedAward(
        issuer=issuer,
        forms=(form,) if form else (),
        recipient_kind=kind,
        count=count,
        span=span,
        text="x" * (span[1] - span[0]),
    )


C, IND, U = RecipientKind.COLLECTIVE, RecipientKind.INDIVIDUAL, RecipientKind.UNSPECIFIED
GK = AwardForm.GIAY_KHEN


class TestFilters:
    """Each filter of the repeats pass drops what it says, and keeps the rest."""

    def test_the_pass_is_registered_in_order(self) -> None:
        assert tuple(f for f in filters() if f in PASS) == PASS

    @pytest.mark.parametrize(
        ("name", "lines", "dropped"),
        [
            (
                "awards.total_of_others",
                [
                    line(None, None, C, 12, (0, 5)),
                    line("A", GK, C, 2, (6, 9)),
                    line("B", GK, C, 10, (10, 15)),
                ],
                0,
            ),
            (
                "awards.caption_again",
                [line("UBND xã", GK, C, 4, (0, 5)), line(None, GK, C, 4, (6, 9))],
                1,
            ),
            (
                "awards.headline_sum",
                [
                    line(None, None, U, 10, (0, 5)),
                    line("A", GK, C, 2, (6, 9)),
                    line("A", GK, IND, 8, (6, 9)),
                ],
                0,
            ),
            (
                "awards.bare_beside_forms",
                [line("A", None, C, None, (0, 5)), line("A", GK, IND, 3, (6, 9))],
                0,
            ),
            (
                "awards.headline_over_body",
                [line(None, None, U, 7, (0, 5)), line("A", GK, IND, 3, (6, 9))],
                0,
            ),
            (
                "awards.uncounted_repeat",
                [line("A", GK, C, 3, (0, 5)), line(None, GK, C, None, (6, 9))],
                1,
            ),
        ],
    )
    def test_one_filter(self, name: str, lines: list[ExtractedAward], dropped: int) -> None:
        (step,) = [f for f in PASS if f.name == name]
        facts = Lines.of(lines)
        kept = step.apply(lines, facts)
        assert lines[dropped] not in kept
        assert [a for a in lines if a is not lines[dropped]] == kept

    def test_distinct_grants_are_kept(self) -> None:
        lines = [line("A", GK, C, 3, (0, 5)), line("B", AwardForm.BANG_KHEN, IND, 2, (6, 9))]
        assert drop_repeats(lines) == lines
