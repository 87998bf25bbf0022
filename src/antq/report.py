"""A report to look at: one self-contained HTML file with charts (extra ``antq[html]``).

Jinja2 fills the template with autoescaping on, matplotlib draws the charts as SVG at
build time, and DejaVu Sans (matplotlib's own font, which covers every Vietnamese
letter) is subset to the page's characters and embedded, so the file needs nothing
from the network. See ``docs/report.md``.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import io
import logging
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from antq._gc import collector_paused
from antq.dataset import Dataset
from antq.errors import ExtraMissingError
from antq.messages import DEFAULT_LANG, Lang, Message, check_lang, number_text, shown
from antq.model import Award, Event, SecurityModel, Source
from antq.rules import Context, Finding, Report, RuleSet, Severity, builtin_rules, validate
from antq.serialize import _atomic_write
from antq.summary import _Words
from antq.tally import Cell, Dim, Tally, award_sentence, tally

__all__ = ["HtmlUnavailableError", "Limits", "to_html", "write_html"]


class HtmlUnavailableError(ExtraMissingError):
    """The HTML report needs Jinja2 and matplotlib: ``pip install 'antq[html]'``."""


@attrs.frozen(kw_only=True)
class Limits:
    """How much of a large dataset the page lists one by one.

    Charts and tally tables always count everything; each capped list ends with how
    many it left out.
    """

    events: int = 30  #: event cards
    lines: int = 300  #: grant lines tied to no event
    findings: int = 100  #: findings listed per severity (the counts per code are whole)
    places: int = 15  #: rows of the place table: the largest places, then "others" (not drawn)


#: The colours of chart series (Okabe and Ito's, told apart with colour blindness too).
PALETTE: Final = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#999999",
)
_PLACE_DIMS: Final = (Dim.PROVINCE, Dim.DISTRICT, Dim.COMMUNE)
_FONTS: Final = (("normal", "DejaVuSans.ttf"), ("bold", "DejaVuSans-Bold.ttf"))


def to_html(
    dataset: Dataset,
    *,
    lang: Lang = DEFAULT_LANG,
    context: Context | None = None,
    findings: Report | None = None,
    rules: RuleSet | None = None,
    limits: Limits = Limits(),
    title: str | None = None,
) -> str:
    """The report of *dataset* as one self-contained HTML page, in *lang*.

    *findings* reuses a validation you ran already (else the built-in rules run, with
    *context*); *rules* is where each finding's basis is looked up.

    Raises:
        HtmlUnavailableError: Jinja2, matplotlib or fontTools is not installed.
    """
    check_lang(lang)
    # libraries loaded, tallies, cards, rows and charts made by the ten thousand: without
    # the pause, each few hundred new objects would rescan a national dataset's heap
    with collector_paused():
        jinja2 = _need("jinja2", "jinja2")
        _need("matplotlib", "matplotlib")
        _need("fontTools", "fonttools")
        ruled = findings
        if ruled is None:
            ruled = validate(dataset, context or Context(lang=lang))
        counted, place = _counted(dataset)
        page = _Page(dataset, counted, place, ruled, rules or builtin_rules(), lang, limits)
        template = _environment(jinja2).get_template("report.html.j2")
        html: str = template.render(
            lang=lang,
            title=title or Message("html.title").text(lang=lang),
            page=page,
            say=page.say,
            fonts="@@FONTS@@",
        )
    # the style block is the page's first text: data that says "@@FONTS@@" stays as it is
    return html.replace("@@FONTS@@", _font_faces(html), 1)


def write_html(
    dataset: Dataset,
    path: str | os.PathLike[str],
    *,
    lang: Lang = DEFAULT_LANG,
    context: Context | None = None,
    findings: Report | None = None,
    rules: RuleSet | None = None,
    limits: Limits = Limits(),
    title: str | None = None,
) -> None:
    """Write :func:`to_html`'s page to *path* atomically (a finished file, or none)."""
    page = to_html(
        dataset,
        lang=lang,
        context=context,
        findings=findings,
        rules=rules,
        limits=limits,
        title=title,
    )
    _atomic_write(path, [page])


# ------------------------------------------------------------------ the page's content


def _counted(dataset: Dataset) -> tuple[Tally, Dim]:
    """One tally of all the page counts, and the place level where the data spreads.

    Provinces if there are several, else districts if several, else communes.
    """
    dims = [Dim.FORM, Dim.RECIPIENT_KIND, Dim.PROVINCE, Dim.DISTRICT, Dim.YEAR]
    counted = tally(dataset, dims)
    for dim in (Dim.PROVINCE, Dim.DISTRICT):
        if len([v for v in counted.project([dim]).by(dim) if v is not None]) > 1:
            return counted, dim
    return tally(dataset, [*dims, Dim.COMMUNE]), Dim.COMMUNE


def _count(cell: Cell, lang: Lang) -> str:
    if not cell.lines:
        return "–"
    text = number_text(cell.recipients, lang)
    return f"≥{text}" if cell.at_least else text


@attrs.frozen
class _Table:
    """A table as the template draws it: a heading row, body rows, an optional total row."""

    head: Sequence[str]
    rows: Sequence[Sequence[str]]
    total: Sequence[str] | None = None
    left_out: str | None = None
    classes: Sequence[str] = ()  #: a CSS class per column ("n": a number)

    def css(self, column: int) -> str:
        return self.classes[column] if column < len(self.classes) else ""


@attrs.frozen
class _Chart:
    id: str
    title: str
    svg: str  # drawn by matplotlib from escaped text: safe to embed
    note: str | None = None  # what the chart leaves out


class _Page:
    """Everything the template shows, computed once."""

    def __init__(
        self,
        dataset: Dataset,
        counted: Tally,
        place_dim: Dim,
        report: Report,
        rules: RuleSet,
        lang: Lang,
        limits: Limits,
    ) -> None:
        self.dataset = dataset
        self.counted = counted
        self.report = report
        self.rules = rules
        self.lang = lang
        self.limits = limits
        self.words = _Words(dataset, lang)
        self.place_dim = place_dim
        self.generated = dt.date.today()

    # -- overview

    def say(self, code: str, **params: object) -> str:
        return Message(code, params).text(lang=self.lang)

    def number(self, n: int) -> str:
        return number_text(n, self.lang)

    @functools.cached_property
    def overview(self) -> list[tuple[str, str]]:
        total = self.counted.total
        found = self.report.counts_text(lang=self.lang, number=self.number)
        return [
            (self.say("html.n_events"), self.number(len(self.dataset.events))),
            (self.say("html.n_lines"), self.number(len(self.dataset.awards))),
            (self.say("html.n_recipients"), _count(total, self.lang) if total.lines else "0"),
            (self.say("html.n_localities"), self.number(len(self.dataset.localities))),
            (self.say("html.n_models"), self.number(len(self.dataset.security_models))),
            (self.say("html.n_findings"), found),
        ]

    @functools.cached_property
    def sentence(self) -> str:
        if not self.dataset.awards:
            return ""
        return award_sentence(self.part(Dim.FORM, Dim.RECIPIENT_KIND), lang=self.lang)

    @property
    def any_unknown(self) -> bool:
        return self.counted.total.at_least

    # -- charts and tables

    @functools.cache  # noqa: B019 (a page lives as long as one rendering)
    def part(self, *dims: Dim) -> Tally:
        """The tally by *dims* alone (the whole one's cells summed)."""
        return self.counted.project(list(dims))

    def name(self, dim: Dim, value: Any) -> str:
        return self.counted.name(dim, value, lang=self.lang)

    @functools.cache  # noqa: B019
    def _ordered(self, dim: Dim) -> list[Any]:
        """*dim*'s values: years in order, places by recipients (most first), codes as listed."""
        by = self.part(dim).by(dim)
        if dim is Dim.YEAR:
            return sorted(by, key=lambda v: (v is None, v or 0))
        if dim in _PLACE_DIMS:
            return sorted(by, key=lambda v: (v is None, -by[v].recipients, self.name(dim, v)))
        return list(by)

    @functools.cached_property
    def place_title(self) -> str:
        return self.say("html.chart.places", level=shown(self.place_dim, self.lang))

    @functools.cached_property
    def charts(self) -> list[_Chart]:
        if not self.dataset.awards:
            return []
        return [
            _Chart(
                "chart-forms",
                self.say("html.chart.forms"),
                self._bars(Dim.FORM, Dim.RECIPIENT_KIND, horizontal=True),
            ),
            _Chart(
                "chart-places",
                self.place_title,
                self._bars(self.place_dim, Dim.FORM, horizontal=True),
                self._places_left_out(),
            ),
            _Chart(
                "chart-years",
                self.say("html.chart.years"),
                self._bars(Dim.YEAR, Dim.FORM, horizontal=False),
            ),
        ]

    def _places_left_out(self) -> str | None:
        _, others = self._groups(self.place_dim)
        if not others:
            return None
        by = self.part(self.place_dim).by(self.place_dim)
        total = sum((by[v] for v in others), Cell())
        return self.say(
            "html.chart.left_out", n=self.number(len(others)), count=_count(total, self.lang)
        )

    def _groups(self, rows: Dim) -> tuple[list[Any], list[Any]]:
        """The values of *rows* shown one by one, and the places summed as "others"."""
        values = self._ordered(rows)
        cap = self.limits.places if rows in _PLACE_DIMS else None
        if cap is None or len(values) <= cap:
            return values, []
        return values[: cap - 1], values[cap - 1 :]

    def _bars(self, rows: Dim, series: Dim, horizontal: bool) -> str:
        two = self.part(rows, series)
        shown_rows, _ = self._groups(rows)
        labels = [self.name(rows, v) for v in shown_rows]
        cells = [[two.cells.get((r, s), Cell()) for s in self._ordered(series)] for r in shown_rows]
        # the "others" are told under the chart, not drawn: one bar would dwarf the rest
        names = [self.name(series, s) for s in self._ordered(series)]
        return _draw_bars(
            labels,
            names,
            cells,
            horizontal=horizontal,
            axis=self.say("html.axis.recipients"),
            lang=self.lang,
        )

    @functools.cached_property
    def tables(self) -> list[tuple[str, str, _Table]]:
        if not self.dataset.awards:
            return []
        return [
            (
                "pivot-forms",
                self.say("html.chart.forms"),
                self._pivot(Dim.FORM, Dim.RECIPIENT_KIND),
            ),
            ("pivot-places", self.place_title, self._pivot(self.place_dim, Dim.FORM)),
            ("pivot-years", self.say("html.chart.years"), self._pivot(Dim.YEAR, Dim.FORM)),
        ]

    def _pivot(self, rows: Dim, columns: Dim) -> _Table:
        two = self.part(rows, columns)
        shown_rows, others = self._groups(rows)
        cols = self._ordered(columns)
        total_word = Message("word.total").text(lang=self.lang)
        head = [
            _capital(f"{shown(rows, self.lang)} \\ {shown(columns, self.lang)}"),
            *(self.name(columns, c) for c in cols),
            total_word,
        ]

        def line(label: str, group: Sequence[Any]) -> list[str]:
            cells = [sum((two.cells.get((r, c), Cell()) for r in group), Cell()) for c in cols]
            return [
                label,
                *(_count(c, self.lang) for c in cells),
                _count(sum(cells, Cell()), self.lang),
            ]

        body = [line(self.name(rows, r), [r]) for r in shown_rows]
        if others:
            body.append(line(self.say("html.others", n=self.number(len(others))), others))
        return _Table(head, body, line(total_word, self._ordered(rows)))

    # -- events

    @functools.cached_property
    def awards_by_event(self) -> dict[str, list[Award]]:
        found: dict[str, list[Award]] = {}
        for award in self.dataset.awards:
            found.setdefault(award.event or "", []).append(award)
        return found

    @functools.cached_property
    def events(self) -> list[dict[str, Any]]:
        return [self._card(e) for e in self.dataset.events[: self.limits.events]]

    @property
    def events_left_out(self) -> str | None:
        n = len(self.dataset.events) - self.limits.events
        return self.say("html.left_out.events", n=self.number(n)) if n > 0 else None

    def _card(self, event: Event) -> dict[str, Any]:
        words = self.words
        models: list[SecurityModel] = words.models_by_locality.get(event.locality, [])
        return {
            "id": event.id,
            "title": event.title or words.label(event.kind),
            "kind": words.label(event.kind),
            "when": words.when(event),
            "where": words.place(event.locality),
            "pilot": bool(event.is_pilot),
            "people": [
                (
                    words.person(p.official) if p.official else (p.description or ""),
                    words.label(p.role),
                )
                for p in event.participants
            ],
            "said": [
                {
                    "who": words.person(s.speaker) if s.speaker else "?",
                    "as_written": s.attribution,
                    "kind": words.label(s.kind),
                    "text": s.text,
                }
                for s in event.statements
            ],
            "models": [(m.name, words.label(m.category)) for m in models],
            "awards": self._lines(self.awards_by_event.get(event.id, [])),
            "sources": [_source(s) for s in event.sources],
        }

    @functools.cached_property
    def loose(self) -> _Table | None:
        ids = {event.id for event in self.dataset.events}
        lines = [a for a in self.dataset.awards if a.event is None or a.event not in ids]
        if not lines:
            return None
        table = self._lines(lines[: self.limits.lines])
        n = len(lines) - self.limits.lines
        left = self.say("html.left_out.lines", n=self.number(n)) if n > 0 else None
        return attrs.evolve(table, left_out=left)

    def _lines(self, awards: Sequence[Award]) -> _Table:
        words = self.words
        head = [
            "#",
            self.say("html.col.form"),
            self.say("html.col.count"),
            self.say("html.col.recipient_kind"),
            self.say("html.col.issuer"),
            self.say("html.col.as_written"),
            self.say("html.col.presenter"),
        ]
        rows = []
        for n, award in enumerate(awards, start=1):
            as_written = award.issuer.as_written
            count = self.number(award.count) if award.count is not None else words["unknown_count"]
            rows.append(
                [
                    str(n),
                    words.label(award.form),
                    count,
                    words.label(award.recipient_kind),
                    words.issuer(award),
                    f"“{as_written}”" if as_written else "",
                    words.presenter(award) or "",
                ]
            )
        classes = ["n", "nowrap", "n", "", "", "", ""]
        keep = [i for i in range(len(head)) if i < 5 or any(row[i] for row in rows)]
        return _Table(
            [head[i] for i in keep],
            [[row[i] for i in keep] for row in rows],
            classes=[classes[i] for i in keep],
        )

    # -- findings

    @functools.cached_property
    def findings(self) -> list[dict[str, Any]]:
        groups = []
        for severity in Severity:  # errors first
            found = [f for f in self.report if f.severity is severity]
            if not found:
                continue
            codes: dict[str, int] = {}
            for finding in found:
                codes[finding.code] = codes.get(finding.code, 0) + 1
            n = len(found) - self.limits.findings
            groups.append(
                {
                    "severity": severity.value,
                    "label": _capital(Message(f"severity.{severity.value}").text(lang=self.lang)),
                    "count": self.number(len(found)),
                    "codes": [(code, self.number(k)) for code, k in sorted(codes.items())],
                    "rows": [self._finding(f) for f in found[: self.limits.findings]],
                    "left_out": (
                        self.say("html.left_out.findings", n=self.number(n)) if n > 0 else None
                    ),
                }
            )
        return groups

    def _finding(self, finding: Finding) -> dict[str, str]:
        basis = ""
        if finding.code in self.rules:  # a rule set is no dict: no .get
            basis = self.rules[finding.code].basis
        return {
            "code": finding.code,
            "where": finding.path,
            "record": finding.subject_id or "",
            "message": finding.text(lang=self.lang),
            "basis": basis,
        }


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _source(source: Source) -> str:
    """A source as a citation: publisher, title, authors, date, where (an address as text).

    An address is printed without its scheme and never linked: the page refers to
    nothing on the network.
    """
    parts = [p for p in (source.publisher, source.title, ", ".join(source.authors)) if p]
    if source.published_on is not None:
        parts.append(f"{source.published_on:%d/%m/%Y}")
    if source.url:
        parts.append(re.sub(r"^[a-z][a-z0-9+.-]*://", "", source.url))
    if source.locator:
        parts.append(source.locator)
    return " · ".join(parts)


# ------------------------------------------------------------------ the charts


def _draw_bars(
    labels: Sequence[str],
    series: Sequence[str],
    cells: Sequence[Sequence[Cell]],
    *,
    horizontal: bool,
    axis: str,
    lang: Lang,
) -> str:
    """Stacked bars of recipients (a row of *cells* per label, a cell per series), as SVG."""
    from matplotlib import rc_context  # the html extra, loaded when a page is made
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    settings: Any = _RC  # matplotlib types its keys as literals
    with rc_context(settings):
        rows = -(-len(series) // 4)  # the legend's
        if horizontal:
            size = (7.2, 1.1 + 0.42 * max(len(labels), 1) + 0.25 * rows)
        else:
            size = (max(4.5, min(7.2, 1.2 + 0.55 * len(labels))), 3.4 + 0.25 * rows)
        figure = Figure(figsize=size, layout="constrained")
        ax = figure.subplots()
        at = list(range(len(labels)))
        base = [0] * len(labels)
        for index, name in enumerate(series):
            heights = [row[index].recipients for row in cells]
            if not any(row[index].lines for row in cells):
                continue
            colour = PALETTE[index % len(PALETTE)]
            if horizontal:
                ax.barh(at, heights, left=base, label=name, color=colour, height=0.6)
            else:
                ax.bar(at, heights, bottom=base, label=name, color=colour, width=0.6)
            base = [b + h for b, h in zip(base, heights, strict=True)]
        totals = [sum(row, Cell()) for row in cells]
        # each bar's total at its end: beyond a horizontal bar, above a vertical one
        offset = (4, 0) if horizontal else (0, 3)
        align: dict[str, Any] = {"va": "center"} if horizontal else {"ha": "center"}
        for position, (end, cell) in enumerate(zip(base, totals, strict=True)):
            at_end = (end, position) if horizontal else (position, end)
            ax.annotate(
                _count(cell, lang),
                at_end,
                xytext=offset,
                textcoords="offset points",
                fontsize=9,
                **align,
            )
        ticks = FuncFormatter(lambda value, _: number_text(round(value), lang))
        (ax.xaxis if horizontal else ax.yaxis).set_major_formatter(ticks)
        if horizontal:
            ax.set_yticks(at, labels)
            ax.invert_yaxis()
            ax.set_xlabel(axis)
            ax.margins(x=0.12)
        else:
            ax.set_xticks(at, labels)
            ax.set_ylabel(axis)
            ax.margins(y=0.15)
        ax.spines[["top", "right"]].set_visible(False)
        if not horizontal:  # a few years: bars of the same width as many would have
            pad = max(0.0, (5 - len(labels)) / 2)
            ax.set_xlim(-0.5 - pad, len(labels) - 0.5 + pad)
        figure.legend(loc="outside lower center", ncols=min(len(series), 4), frameon=False)
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()


_RC: Final[Mapping[str, Any]] = {
    "svg.fonttype": "none",  # text stays text, drawn by the page's embedded font
    "svg.hashsalt": "antq",  # the same data gives the same file
    "text.parse_math": False,  # a "$" in a place name is a dollar sign, not mathtext
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 11,
}
_DROPPED: Final = re.compile(
    r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<metadata>.*?</metadata>|\s+xmlns(?::\w+)?=\"[^\"]*\"",
    re.DOTALL,
)
_IDS: Final = re.compile(r'(\bid="|xlink:href="#|\bhref="#|url\(#)')


def _inline(svg: str, id: str, title: str) -> str:
    """An SVG document made fit to sit in the page: no prolog or namespaces, ids of its own."""
    from markupsafe import escape  # Jinja2's own escaping

    body = _DROPPED.sub("", svg).strip()
    body = _IDS.sub(lambda m: f"{m.group(1)}{id}-", body)
    return body.replace(
        "<svg",
        f'<svg role="img" aria-labelledby="{id}-title" class="chart"',
        1,
    ).replace(">", f'><title id="{id}-title">{escape(title)}</title>', 1)


# ------------------------------------------------------------------ template and font


def _need(module: str, package: str) -> Any:
    try:
        return __import__(module)
    except ImportError:
        raise HtmlUnavailableError("html", package) from None


def _environment(jinja2: Any) -> Any:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("antq", "templates"),
        autoescape=True,  # every template, whatever its name: each value from data escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["inline_svg"] = lambda chart: jinja2.filters.Markup(
        _inline(chart.svg, chart.id, chart.title)
    )
    return environment


def _font_faces(page: str) -> str:
    """@font-face rules embedding DejaVu Sans, subset to the characters of *page*."""
    return "\n".join(
        "@font-face { font-family: 'DejaVu Sans'; font-style: normal; "
        f"font-weight: {weight}; src: url(data:font/woff;base64,{data}) format('woff'); }}"
        for weight, data in _subsets(frozenset(page))
    )


@functools.lru_cache(maxsize=8)
def _subsets(chars: frozenset[str]) -> list[tuple[str, str]]:
    import matplotlib
    from fontTools import subset  # in the html extra (and required by matplotlib)

    # fontTools logs each table it drops (matplotlib's fonts carry FontForge's FFTM)
    logging.getLogger("fontTools").setLevel(logging.ERROR)

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    found = []
    for weight, name in _FONTS:
        options = subset.Options()
        options.flavor = "woff"
        options.hinting = False
        # the page's text is NFC (precomposed letters): no marks to place, no shaping
        options.layout_features = []
        options.drop_tables += ["GSUB", "GPOS", "GDEF"]
        options.name_IDs = [1, 2]
        font = subset.load_font(str(folder / name), options, dontLoadGlyphNames=True)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(sorted(chars)))
        subsetter.subset(font)
        out = io.BytesIO()
        subset.save_font(font, out, options)
        found.append((weight, base64.b64encode(out.getvalue()).decode("ascii")))
    return found
