"""A custom validator: a province adds its own rule to antq's and runs them together.

Run it: ``python examples/custom_rule.py``. The rule below asks every grant line to
carry its decision number, as a provincial reporting template might.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import antq
from antq.rules import BUILTIN_RULES, Context, Hit, hit

SEED = Path(__file__).parent / "data" / "dien_ngoc_2023.json"

# Your own copy: the built-ins stay as they are for everyone else.
RULES = BUILTIN_RULES.copy()


@RULES.rule(
    "QNAM001",  # your own prefix; "ANTQ" is reserved for antq's rules
    antq.EntityKind.AWARD,
    severity=antq.Severity.WARNING,
    message={
        "vi": "thiếu số quyết định khen thưởng ({form} của {issuer})",
        "en": "no decision number ({form} by {issuer})",
    },
    rationale="The provincial template lists every grant with its decision number.",
    basis="Quảng Nam reporting template (example)",
)
def decision_number(award: antq.Award, ctx: Context) -> Iterator[Hit]:
    """Flag a grant line without its decision number."""
    if award.decision is None:
        issuer = award.issuer.as_written or award.issuer.office.label
        yield hit(form=award.form, issuer=issuer).where(at="decision")


def main() -> None:
    """Validate the seed with the built-in rules plus QNAM001, leaving out the count notes."""
    report = antq.validate(antq.load(SEED), rules=RULES, ignore=["ANTQ5"])
    print(report.to_text(), end="")


if __name__ == "__main__":
    main()
