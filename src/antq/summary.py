"""A readable plain-text summary of a dataset, in Vietnamese or English."""

from __future__ import annotations

import datetime as dt

from antq.dataset import Dataset
from antq.errors import UnknownReferenceError
from antq.messages import DEFAULT_LANG, Lang, Message, shown
from antq.model import Award, Event, LocalityId, OfficialId, PartialDate, SecurityModel
from antq.rules import Context, validate
from antq.tally import Dim, award_sentence, tally
from antq.vocab import Vocab

__all__ = ["full_report", "summarize"]


def summarize(dataset: Dataset, *, lang: Lang = DEFAULT_LANG) -> str:
    """Describe *dataset* for a person: each event, who took part, its models and awards.

    Dangling references are shown by their ids rather than raising.
    """
    words = _Words(dataset, lang)
    lines: list[str] = []
    awards_by_event: dict[str, list[Award]] = {}
    for award in dataset.awards:
        awards_by_event.setdefault(award.event or "", []).append(award)
    for event in dataset.events:
        lines.extend(words.event(event, awards_by_event.get(event.id, [])))
        lines.append("")
    event_ids = {event.id for event in dataset.events}
    loose = [a for a in dataset.awards if a.event is None or a.event not in event_ids]
    if loose:
        lines.append(f"{words['other_awards']} ({len(loose)} {words['lines']}):")
        lines.extend(f"  {n}. {words.award(a)}" for n, a in enumerate(loose, start=1))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def full_report(
    dataset: Dataset, *, lang: Lang = DEFAULT_LANG, context: Context | None = None
) -> str:
    """The summary, the findings of the built-in rules, and the award tally with its sentence.

    This is what ``antq report`` and ``make demo`` print.
    """
    findings = validate(dataset, context or Context(lang=lang))
    counted = tally(dataset, [Dim.FORM, Dim.RECIPIENT_KIND])
    parts = [
        summarize(dataset, lang=lang),
        Message("report.findings").text(lang=lang),
        findings.to_text(lang=lang),
        Message("report.tally").text(lang=lang),
        counted.pivot(Dim.FORM, Dim.RECIPIENT_KIND).to_text(lang=lang),
        award_sentence(counted, lang=lang) + "\n",
    ]
    return "\n".join(parts)


class _Words:
    """Phrasing helpers bound to one dataset and language."""

    def __init__(self, dataset: Dataset, lang: Lang) -> None:
        self.dataset = dataset
        self.lang = lang
        self.models_by_locality: dict[str, list[SecurityModel]] = {}
        for model in dataset.security_models:  # grouped once: a national file has many
            self.models_by_locality.setdefault(model.locality, []).append(model)

    def __getitem__(self, key: str) -> str:
        return Message(f"report.{key}").text(lang=self.lang)

    def label(self, member: Vocab) -> str:
        return str(shown(member, self.lang))

    def place(self, id: LocalityId | None) -> str:
        """A locality and its parents, innermost first: "phường A, thị xã B, tỉnh C"."""
        names = [locality.full_name for locality in self.dataset.ancestors(id)]
        dangling = self.dataset.dangling_parent(id)
        if dangling is not None:
            names.append(f"[{dangling}]")
        return ", ".join(names)

    def person(self, id: OfficialId) -> str:
        try:
            official = self.dataset.official(id)
        except UnknownReferenceError:
            return f"[{id}]"
        titles = ", ".join(position.title for position in official.positions)
        return f"{official.display_name}, {titles}" if titles else official.display_name

    def date(self, day: dt.date | PartialDate | None) -> str:
        if day is None:
            return self["undated"]
        if isinstance(day, dt.date):
            return f"{day:%d/%m/%Y}"
        if day.year is None:
            return f"{day.day:02d}/{day.month:02d}"
        return f"{day.month:02d}/{day.year}" if day.month else str(day.year)

    def when(self, event: Event) -> str:
        """The event's day with its part of the day and end day: "tối 12/08/2023"."""
        when = self.date(event.held_on)
        if event.part_of_day is not None:
            when = f"{self.label(event.part_of_day)} {when}"
        if event.ends_on is not None:
            when = f"{when} – {self.date(event.ends_on)}"
        return when

    def issuer(self, award: Award) -> str:
        """Who granted a line, as antq reads it: the office and its place."""
        issuer = award.issuer
        who = self.label(issuer.office)
        if issuer.locality is not None:
            who = f"{who} — {self.place(issuer.locality)}"
        return who

    def presenter(self, award: Award) -> str | None:
        """Who handed the award over: the official, else the name as written."""
        if award.presenter is not None:
            return self.person(award.presenter)
        return award.presenter_as_written

    def event(self, event: Event, awards: list[Award]) -> list[str]:
        title = event.title or self.label(event.kind)
        lines = [f"{self['event']}: {title} — {self.place(event.locality)}"]
        when = self.when(event)
        if event.is_pilot:
            when = f"{when} · {self['pilot']}"
        lines.append(f"  {self['when']}: {when}")
        if event.participants:
            lines.append(f"  {self['people']}:")
            for part in event.participants:
                who = self.person(part.official) if part.official else part.description
                lines.append(f"    - {who} ({self.label(part.role)})")
        if event.statements:
            lines.append(f"  {self['said']}:")
            for statement in event.statements:
                who = self.person(statement.speaker) if statement.speaker else "?"
                if statement.attribution:
                    who = f'{who} ({self["written"]} "{statement.attribution}")'
                lines.append(f"    - {who} [{self.label(statement.kind)}]: {statement.text}")
        models = self.models_by_locality.get(event.locality, [])
        if models:
            lines.append(f"  {self['models']} ({len(models)}):")
            lines.extend(f"    - {m.name} [{self.label(m.category)}]" for m in models)
        if awards:
            lines.append(f"  {self['awards']} ({len(awards)} {self['lines']}):")
            lines.extend(f"    {n}. {self.award(a)}" for n, a in enumerate(awards, start=1))
        return lines

    def award(self, award: Award) -> str:
        who = self.issuer(award)
        if award.issuer.as_written:
            who = f'{who} ({self["written"]} "{award.issuer.as_written}")'
        count = str(award.count) if award.count is not None else self["unknown_count"]
        text = f"{who}: {self.label(award.form)} × {count} {self.label(award.recipient_kind)}"
        presenter = self.presenter(award)
        if presenter:
            text = f"{text}; {self['presented_by']}: {presenter}"
        return text
