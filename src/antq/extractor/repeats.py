"""The pass over candidate grant lines: named, ordered filters for repeats and totals.

Headlines, leads and captions repeat the award the body counts, and a sentence may only
total the others. Each step below is a :class:`~antq.extractor._rule.Filter` that sees
one line and what is known of all of them (:class:`Lines`), so each can be tested
alone; :data:`PASS` runs them in order, each on what the steps before it kept, except
where a step says it reads the whole set (the facts are gathered once, before the pass,
as the extractor always did).
"""

from __future__ import annotations

import re

import attrs

from antq.extractor._rule import Filter, register_filter
from antq.extractor.awards import handed_by_office
from antq.extractor.result import ExtractedAward
from antq.text import fold
from antq.vocab import AwardForm, Doubt, RecipientKind

__all__ = ["PASS", "Lines", "drop_repeats", "one_giver_each"]

# A person's office before a body ("Chủ tịch UBND huyện X", "Giám đốc Công an tỉnh X"):
# the same giver as the body named alone in another mention.
_PERSONAL_PREFIX = re.compile(
    "^(?:" + "|".join(fold(t) for t in ("Chủ tịch", "Giám đốc", "Trưởng", "Thủ trưởng")) + ") "
)


@attrs.frozen
class Lines:
    """What the pass knows of every candidate line at once."""

    awards: tuple[ExtractedAward, ...]
    counted: frozenset[tuple[str | None, RecipientKind]]
    given: frozenset[tuple[str | None, RecipientKind, int | None]]
    with_form: bool
    formed: frozenset[tuple[RecipientKind, int | None]]
    total: int
    summed: frozenset[tuple[int, int]]

    @classmethod
    def of(cls, awards: list[ExtractedAward]) -> Lines:
        """Gather the facts the filters read."""
        counted = {(a.form, a.recipient_kind) for a in awards if a.count is not None}
        counted |= {
            (form, a.recipient_kind)
            for a in awards
            if a.count is not None and a.form is None
            for form in {b.form for b in awards}
        }  # "khen thưởng cho 5 tập thể" ... caption: "trao Giấy khen cho các tập thể"
        return cls(
            awards=tuple(awards),
            counted=frozenset(counted),
            given=frozenset(
                (a.form, a.recipient_kind, a.count)
                for a in awards
                if a.issuer is not None and a.count
            ),
            with_form=any(a.form is not None for a in awards),
            formed=frozenset((a.recipient_kind, a.count) for a in awards if a.form is not None),
            total=sum(a.count or 0 for a in awards),
            summed=frozenset(_sums_of_others(awards)),
        )


def _unattributed(award: ExtractedAward) -> bool:
    """No issuer, and no office that handed it over: a headline's or a caption's line."""
    return award.issuer is None and not handed_by_office(award.presenter)


def _sums_of_others(awards: list[ExtractedAward]) -> set[tuple[int, int]]:
    """Spans whose lines only total the others: "xã khen thưởng 12 tập thể; trong đó ...".

    A sentence with no issuer or no form whose count for each kind is the sum of at
    least two other lines of that kind states a total, not a grant.
    """
    spans: dict[tuple[int, int], list[ExtractedAward]] = {}
    for award in awards:
        spans.setdefault(award.span, []).append(award)
    totals = set()
    for span, group in spans.items():
        if not all(a.count is not None and (_unattributed(a) or a.form is None) for a in group):
            continue
        others = [a for a in awards if a.span != span and a.count is not None]
        if all(
            len(same := [o for o in others if o.recipient_kind is a.recipient_kind]) >= 2
            and sum(o.count or 0 for o in same) == a.count
            for a in group
        ):
            totals.add(span)
    return totals


def _other_office(award: ExtractedAward, awards: tuple[ExtractedAward, ...]) -> bool:
    """Whether *award* was handed over by an office other than the issuer it would repeat.

    "Chủ tịch UBND huyện trao Bằng khen cho X" after "Chủ tịch UBND tỉnh tặng Bằng khen
    cho X" is a second grant; "Lãnh đạo thị xã trao ..." (no office) is a caption's repeat.
    """
    if award.presenter is None or not handed_by_office(award.presenter):
        return False
    return all(
        fold(award.presenter) != fold(other.issuer or "")
        for other in awards
        if other.issuer is not None
        and (other.form, other.recipient_kind, other.count)
        == (award.form, award.recipient_kind, award.count)
    )


def _repeats(award: ExtractedAward, awards: tuple[ExtractedAward, ...]) -> bool:
    """Whether an uncounted line restates a counted one of its form, from its issuer.

    A line with no issuer restates one of its kind (or states no kind): "Lãnh đạo trao
    Giấy khen cho các tập thể" does not restate a Giấy khen counted for individuals
    when an office hands it over.
    """
    return any(
        other.count is not None
        and other.span != award.span  # "hơn 20 cá nhân và 3 tập thể": one grant, two lines
        and other.form in (award.form, None)
        and (
            fold(award.issuer) == fold(other.issuer or "")
            if award.issuer is not None
            else not _other_office(award, awards)
            or award.recipient_kind in (other.recipient_kind, RecipientKind.UNSPECIFIED)
        )
        for other in awards
    )


ZERO_COUNT = register_filter(
    Filter[ExtractedAward, Lines](
        "awards.zero_count",
        "a count of nought ('cho 0 cá nhân') is no grant",
        lambda a, lines: a.count == 0,
    )
)
TOTAL_OF_OTHERS = register_filter(
    Filter[ExtractedAward, Lines](
        "awards.total_of_others",
        "a sentence that only totals other lines ('xã khen thưởng 12 tập thể; trong đó ...')",
        lambda a, lines: a.span in lines.summed,
    )
)
CAPTION_AGAIN = register_filter(
    Filter[ExtractedAward, Lines](
        "awards.caption_again",
        "a line with no issuer that a named issuer's line repeats (a caption)",
        lambda a, lines: (
            a.issuer is None
            and (a.form, a.recipient_kind, a.count) in lines.given
            and not _other_office(a, lines.awards)
        ),
    )
)
HEADLINE_SUM = register_filter(
    Filter[ExtractedAward, Lines](
        "awards.headline_sum",
        "a headline's total over 'tập thể, cá nhân' ('Khen thưởng 10 tập thể, cá nhân' over 2 + 8)",
        lambda a, lines: (
            a.recipient_kind is RecipientKind.UNSPECIFIED
            and a.count is not None
            and (_unattributed(a) or a.form is None)
            and len(lines.awards) > 2
            and 2 * a.count == lines.total
        ),
    )
)
BARE_BESIDE_FORMS = register_filter(
    Filter[ExtractedAward, Lines](
        "awards.bare_beside_forms",
        "a bare 'khen thưởng' (no form) that repeats a line naming a form, unless it counts"
        " recipients no such line counts ('UBND phường khen thưởng 06 cá nhân')",
        lambda a, lines: (
            a.form is None
            and lines.with_form
            and (a.count is None or (a.recipient_kind, a.count) in lines.formed)
        ),
    )
)
HEADLINE_OVER_BODY = register_filter(
    Filter[ExtractedAward, Lines](
        "awards.headline_over_body",
        "a headline's 'Khen thưởng 10 tập thể, cá nhân' with no issuer over the body's grants",
        lambda a, lines: (
            a.form is None
            and a.issuer is None
            and a.recipient_kind is RecipientKind.UNSPECIFIED
            and any(b.form is not None and b.issuer is not None for b in lines.awards)
        ),
    )
)
VAGUE_PRAISE = register_filter(
    Filter[ExtractedAward, Lines](
        "awards.vague_praise",
        "an uncounted public praise that names no kind of recipient ('biểu dương những"
        " cách làm hay'): praise in a speech, not a conferral",
        lambda a, lines: (
            a.count is None
            and a.recipient_kind is RecipientKind.UNSPECIFIED
            and bool(a.forms)
            and all(f in (AwardForm.BIEU_DUONG, AwardForm.TUYEN_DUONG) for f in a.forms)
        ),
    )
)
UNCOUNTED_REPEAT = register_filter(
    Filter[ExtractedAward, Lines](
        "awards.uncounted_repeat",
        "a line with no count that restates a counted line of its form and kind, or of its"
        " form and issuer ('Ảnh: Lãnh đạo trao Giấy khen cho các tập thể, cá nhân')",
        lambda a, lines: (
            a.count is None
            and ((a.form, a.recipient_kind) in lines.counted or _repeats(a, lines.awards))
        ),
    )
)

#: The filters, in the order they run.
PASS: tuple[Filter[ExtractedAward, Lines], ...] = (
    ZERO_COUNT,
    TOTAL_OF_OTHERS,
    CAPTION_AGAIN,
    HEADLINE_SUM,
    BARE_BESIDE_FORMS,
    HEADLINE_OVER_BODY,
    VAGUE_PRAISE,
    UNCOUNTED_REPEAT,
)


def one_giver_each(awards: list[ExtractedAward]) -> list[ExtractedAward]:
    """One line for a grant written twice with its giver named two ways.

    A headline's "UBND huyện X trao Giấy khen cho 10 tập thể" and the body's "Chủ tịch
    UBND huyện X tặng Giấy khen cho 10 tập thể" are one grant: the fuller name stays.
    """

    def key(award: ExtractedAward) -> tuple[object, ...] | None:
        if award.count is None or award.issuer is None:
            return None
        body = _PERSONAL_PREFIX.sub("", fold(award.issuer)).strip()
        return (award.form, award.recipient_kind, award.count, body)

    fullest: dict[tuple[object, ...], ExtractedAward] = {}
    for award in awards:
        k = key(award)
        if k is not None:
            best = fullest.get(k)
            if best is None or len(award.issuer or "") > len(best.issuer or ""):
                fullest[k] = award
    return [a for a in awards if (k := key(a)) is None or fullest[k] is a]


def forms_from_other_mentions(awards: list[ExtractedAward]) -> list[ExtractedAward]:
    """A counted line of unstated form takes the one form another mention names.

    "Công an TPHCM khen thưởng 2 tập thể, 3 cá nhân" and the caption's "... trao Giấy
    khen cho các tập thể, cá nhân" are one conferral: the counted lines are Giấy khen.
    "khen thưởng" never overrides a named form.
    """
    named: dict[RecipientKind, set[tuple[AwardForm, ...]]] = {}
    for a in awards:
        if a.count is None and a.forms:
            named.setdefault(a.recipient_kind, set()).add(a.forms)
    filled = []
    for a in awards:
        found = named.get(a.recipient_kind, set())
        if not a.forms and a.count is not None and len(found) == 1:
            a = attrs.evolve(
                a, forms=next(iter(found)), doubts=(*a.doubts, Doubt.FORM_FROM_OTHER_MENTION)
            )
            a = attrs.evolve(a, doubts=tuple(d for d in a.doubts if d is not Doubt.FORM_NOT_STATED))
        filled.append(a)
    return filled


def issuers_from_other_mentions(awards: list[ExtractedAward]) -> list[ExtractedAward]:
    """A counted line with no issuer takes the one issuer another mention of it names.

    "... trao Kỷ niệm chương cho 106 cá nhân" and the caption's "thừa ủy quyền Bộ Tư
    lệnh X trao kỷ niệm chương" are one conferral (corpus clarification: another
    sentence about the same conferral that names its issuer gives it). The other
    mention has no count, the same forms, and the same kind or none stated.
    """
    filled = []
    for a in awards:
        if a.issuer is None and a.count is not None and a.forms:
            named = {
                fold(b.issuer): b.issuer
                for b in awards
                if b.issuer is not None
                and b.count is None
                and b.forms == a.forms
                and b.recipient_kind in (a.recipient_kind, RecipientKind.UNSPECIFIED)
            }
            counted_with_issuer = any(
                b.issuer is not None and b.count is not None and b.forms == a.forms for b in awards
            )
            if len(named) == 1 and not counted_with_issuer:
                a = attrs.evolve(
                    a,
                    issuer=next(iter(named.values())),
                    doubts=(
                        *(d for d in a.doubts if d is not Doubt.NO_ISSUER),
                        Doubt.ISSUER_FROM_OTHER_MENTION,
                    ),
                )
        filled.append(a)
    return filled


def drop_repeats(awards: list[ExtractedAward]) -> list[ExtractedAward]:
    """The lines that state grants: forms filled, one giver each, then :data:`PASS`.

    The facts the filters read are gathered once from the lines the pass starts with.
    """
    awards = one_giver_each(issuers_from_other_mentions(forms_from_other_mentions(awards)))
    lines = Lines.of(awards)
    kept = awards
    for step in PASS:
        kept = step.apply(kept, lines)
    return kept
