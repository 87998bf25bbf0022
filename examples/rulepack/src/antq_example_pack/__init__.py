"""A tiny antq rule pack: what a province's reporting desk might ship to its communes.

Installed, it offers the rule set ``RULES`` under the ``antq.rules`` entry-point group;
``antq.rules.load_plugins()`` finds it when a caller asks for plugins.
"""

from __future__ import annotations

from collections.abc import Iterator

from antq import EntityKind, Event, Severity
from antq.rules import Context, Hit, RuleSet, hit

RULES = RuleSet()


@RULES.rule(
    "EXPK001",
    EntityKind.EVENT,
    severity=Severity.WARNING,
    message={
        "vi": "sự kiện không ghi nguồn: báo cáo của tỉnh cần nguồn cho mỗi sự kiện",
        "en": "the event has no source: the province's reports need one for every event",
    },
    rationale="Provincial reports cite where each event is documented.",
    basis="example provincial reporting template",
)
def event_has_source(event: Event, ctx: Context) -> Iterator[Hit]:
    if not event.sources:
        yield hit(at="sources")


@RULES.rule(
    "EXPK002",
    EntityKind.EVENT,
    severity=Severity.INFO,
    message={
        "vi": "sự kiện có {n} dòng khen thưởng",
        "en": "the event has {n} grant lines",
    },
    rationale="Shows how a pack reads the rest of the dataset through the context.",
    basis="example",
)
def grant_lines(event: Event, ctx: Context) -> Iterator[Hit]:
    yield hit(n=sum(1 for award in ctx.dataset.awards if award.event == event.id))
