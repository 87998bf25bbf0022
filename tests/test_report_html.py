"""The HTML report: its structure, that it refers to no network, and escaping of all data.

The page is parsed with the standard library's HTML parser (so CI needs no browser;
``make check-html`` renders it in Chromium). The example's page is checked by hand;
generated datasets (antq.testing) check what must hold for any data: counts equal to
antq.tally's, every chart drawn, nothing external, nothing from data unescaped.
"""

from __future__ import annotations

import builtins
import datetime as dt
import re
import sqlite3
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pytest
from attrs import Factory
from hypothesis import HealthCheck, given, settings

import antq
from antq._fields import fields_of
from antq.cli import main
from antq.errors import InvalidValueError
from antq.registry import Registry
from antq.report import HtmlUnavailableError, Limits, to_html, write_html
from antq.testing import datasets

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "data" / "dien_ngoc_2023.json"
SEED = antq.load(EXAMPLE)
PAYLOAD = "<script>alert('x')</script>\"'&amp;$x^2$"


@attrs.define
class Element:
    tag: str
    attrs: dict[str, str | None]
    parent: Element | None
    children: list[Element] = Factory(list)  # (the field 'attrs' hides the module here)
    text: list[str] = Factory(list)

    def all_text(self) -> str:
        return "".join(self.text) + "".join(child.all_text() for child in self.children)

    def find(self, tag: str, **wanted: str) -> Iterator[Element]:
        for child in self.children:
            if child.tag == tag and all(
                wanted_value in (child.attrs.get(name.rstrip("_")) or "").split()
                for name, wanted_value in wanted.items()
            ):
                yield child
            yield from child.find(tag, **wanted)

    def by_id(self, id: str) -> Element:
        for element in self.find_all():
            if element.attrs.get("id") == id:
                return element
        raise AssertionError(f"no element with id {id!r}")

    def find_all(self) -> Iterator[Element]:
        for child in self.children:
            yield child
            yield from child.find_all()


_VOID = {"meta", "br", "link", "img", "input", "hr", "col", "source", "wbr"}


class _Tree(HTMLParser):
    """The page as a tree (the SVG too); fails on a close tag that closes nothing open."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {}, None)
        self.at = self.root
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), self.at)
        self.at.children.append(element)
        if tag not in _VOID:
            self.at = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.at.children.append(Element(tag, dict(attrs), self.at))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        assert self.at.tag == tag, f"</{tag}> closes <{self.at.tag}>"
        assert self.at.parent is not None
        self.at = self.at.parent

    def handle_data(self, data: str) -> None:
        self.at.text.append(data)


def parse(page: str) -> Element:
    tree = _Tree()
    tree.feed(page)
    tree.close()
    assert tree.at is tree.root, f"<{tree.at.tag}> is never closed"
    assert tree.doctype.lower() == "doctype html"
    return tree.root


_URL_ATTRIBUTES = {"src", "href", "xlink:href", "action", "formaction", "poster", "data"}


def external_references(page: str, tree: Element) -> list[str]:
    """Everything in the page that would make a browser fetch something."""
    found = []
    for element in tree.find_all():
        if element.tag in {"script", "link", "iframe", "object", "embed", "img", "base"}:
            found.append(f"<{element.tag}>")
        for name, value in element.attrs.items():
            if name in _URL_ATTRIBUTES and value and not value.startswith(("#", "data:")):
                found.append(f"{name}={value}")
            if name == "style" and value and "url(" in value:
                found.append(f"style={value}")
    for style in tree.find("style"):
        css = style.all_text()
        found += [m for m in re.findall(r"url\(([^)]*)\)", css) if not m.startswith("data:")]
        found += re.findall(r"@import[^;]*", css)
    found += re.findall(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", page)
    return found


def table_rows(table: Element) -> list[list[str]]:
    return [
        [cell.all_text().strip() for cell in row.children if cell.tag in {"td", "th"}]
        for row in table.find("tr")
    ]


class TestExample:
    """The issue's own check: four grant lines, two findings, the pivot, two charts or more."""

    page = to_html(SEED)
    tree = parse(page)

    def test_sections(self) -> None:
        html = next(self.tree.find("html"))
        assert html.attrs["lang"] == "vi"
        for id in ("overview", "charts", "tallies", "events", "findings"):
            assert self.tree.by_id(id).tag == "section"
        assert (
            "Báo cáo phong trào Toàn dân bảo vệ an ninh Tổ quốc"
            in next(self.tree.find("h1")).all_text()
        )

    def test_four_grant_lines_with_issuers_as_written(self) -> None:
        card = next(self.tree.by_id("events").find("article", class_="event"))
        rows = table_rows(next(card.find("table", class_="lines")))
        assert len(rows) == 1 + 4  # heading and the lines
        assert [row[1] for row in rows[1:]] == ["Bằng khen", "Giấy khen", "Giấy khen", "Giấy khen"]
        assert [row[2] for row in rows[1:]] == ["1", "2", "4", "6"]
        assert rows[1][-1] == "“UBND tỉnh”"
        assert "Chủ tịch UBND phường" in rows[3][-1]

    def test_the_card(self) -> None:
        card = next(self.tree.by_id("events").find("article", class_="event")).all_text()
        for said in (
            "tối 12/08/2023",
            "phường Điện Ngọc, thị xã Điện Bàn, tỉnh Quảng Nam",
            "bà Lê Thị Thủy",
            "Camera giám sát an ninh",
            "“ông Quang”",
            "tổ chức điểm",
        ):
            assert said in card

    def test_two_findings_grouped_by_severity(self) -> None:
        findings = self.tree.by_id("findings")
        groups = list(findings.find("section", class_="severity"))
        assert [g.attrs["class"] for g in groups] == ["severity warning", "severity info"]
        codes = [table_rows(next(g.find("table")))[1][0] for g in groups]
        assert codes == ["ANTQ401", "ANTQ501"]
        assert "Quang là tên đệm" in findings.all_text()

    def test_the_pivot(self) -> None:
        rows = table_rows(next(self.tree.by_id("tallies").find("table", class_="pivot")))
        assert rows[0] == [
            "Hình thức \\ Đối tượng",
            "tập thể",
            "cá nhân",
            "chưa rõ đối tượng",
            "Tổng cộng",
        ]
        assert rows[1:] == [
            ["Bằng khen", "–", "1", "–", "1"],
            ["Giấy khen", "4", "6", "2", "12"],
            ["Tổng cộng", "4", "7", "2", "13"],
        ]

    def test_charts(self) -> None:
        charts = list(self.tree.by_id("charts").find("figure", class_="chart"))
        assert [c.attrs["id"] for c in charts] == ["chart-forms", "chart-places", "chart-years"]
        for chart in charts:
            svg = next(chart.find("svg"))
            assert svg.attrs["role"] == "img"
            title = next(svg.find("title"))
            assert svg.attrs["aria-labelledby"] == title.attrs["id"]
            assert list(svg.find("path")), "a chart with nothing drawn"
        forms = next(charts[0].find("svg")).all_text()
        assert "Giấy khen" in forms
        assert "chưa rõ đối tượng" in forms

    def test_ids_are_unique(self) -> None:
        ids = [e.attrs["id"] for e in self.tree.find_all() if e.attrs.get("id")]
        assert len(ids) == len(set(ids))

    def test_nothing_refers_to_the_network(self) -> None:
        assert external_references(self.page, self.tree) == []
        fonts = next(self.tree.find("style")).all_text()
        assert fonts.count("src: url(data:font/woff;base64,") == 2

    def test_english(self) -> None:
        tree = parse(to_html(SEED, lang="en"))
        assert next(tree.find("html")).attrs["lang"] == "en"
        assert tree.by_id("findings").find("h2")
        assert next(tree.by_id("findings").find("h2")).all_text() == "Findings"
        rows = table_rows(next(tree.by_id("tallies").find("table", class_="pivot")))
        assert rows[0][0] == "Form \\ recipient kind"
        assert rows[-1][0] == "Total"

    def test_same_data_same_page(self) -> None:
        assert to_html(SEED) == self.page


def _poisoned(value: Any) -> Any:
    """*value* with PAYLOAD added to every text it holds that its class accepts."""
    if attrs.has(type(value)):
        changes = {}
        for spec in fields_of(type(value)):
            if spec.target is not None or spec.name == "id":  # ids and references stay
                continue
            old = getattr(value, spec.name)
            new = _poisoned(old)
            if type(old) is str:  # text, not a vocabulary code
                new = old + PAYLOAD
            if new is not old:
                alias = spec.attribute.alias or spec.name
                try:
                    attrs.evolve(value, **{alias: new})
                except (InvalidValueError, ValueError, TypeError):
                    continue
                changes[alias] = new
        return attrs.evolve(value, **changes) if changes else value
    if isinstance(value, tuple):
        return tuple(_poisoned(item) for item in value)
    return value


class TestEscaping:
    def test_script_and_quotes_through_every_field(self) -> None:
        dataset = antq.Dataset(
            **{
                name: tuple(_poisoned(r) for r in getattr(SEED, name))
                for name in ("localities", "officials", "events", "security_models", "awards")
            }
        )
        assert dataset != SEED
        page = to_html(dataset)
        tree = parse(page)
        assert not list(tree.find("script"))
        assert "<script>" not in page
        assert external_references(page, tree) == []
        # the words came through, escaped: names, titles, statements, as written, charts
        text = tree.by_id("events").all_text()
        assert text.count(PAYLOAD) >= 6
        chart = next(tree.by_id("chart-places").find("svg")).all_text()
        assert "<script>alert('x')</script>" in chart
        assert "$x^2$" in chart  # mathtext off: a dollar sign is a dollar sign

    def test_a_title_is_text_too(self) -> None:
        title = '@@FONTS@@ <b>Báo cáo</b> & "x"'
        tree = parse(to_html(SEED, title=title))
        assert next(tree.find("h1")).all_text() == title
        assert next(tree.find("title")).all_text() == title
        assert not list(tree.find("b"))


class TestAnyData:
    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(datasets())
    def test_generated(self, dataset: antq.Dataset) -> None:
        page = to_html(dataset, limits=Limits(events=2, findings=3))
        tree = parse(page)
        assert external_references(page, tree) == []
        cards = list(tree.find("article", class_="event"))
        assert len(cards) == min(len(dataset.events), 2)
        if len(dataset.events) > 2:
            left = f"Còn {len(dataset.events) - 2} sự kiện khác không hiển thị"
            assert left in tree.by_id("events").all_text()
        charts = list(tree.find("figure", class_="chart"))
        assert len(charts) == (3 if dataset.awards else 0)
        if dataset.awards:
            total = antq.tally(dataset).total
            shown = tree.by_id("overview").all_text()
            expected = f"≥{total.recipients:,}" if total.at_least else f"{total.recipients:,}"
            assert expected.replace(",", ".") in shown
            pivot = table_rows(next(tree.by_id("tallies").find("table", class_="pivot")))
            assert pivot[-1][-1] == expected.replace(",", ".") if total.lines else "–"
        listed = sum(
            len(table_rows(next(group.find("table")))) - 1
            for group in tree.find("section", class_="severity")
        )
        report = antq.validate(dataset)
        by = report.counts_by_severity()
        assert listed == sum(min(n, 3) for n in by.values())


class TestLimits:
    def test_places_beyond_the_cap_are_summed_and_told(self) -> None:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import generate

        dataset = generate.build(300)
        tree = parse(to_html(dataset, limits=Limits(places=4, events=1)))
        tables = list(tree.by_id("tallies").find("table", class_="pivot"))
        places = table_rows(tables[1])
        assert len(places) == 1 + 4 + 1  # heading, 3 places, others, total
        assert places[-2][0].startswith("khác (")
        assert "Không vẽ:" in tree.by_id("chart-places").all_text()
        assert len(list(tree.find("article", class_="event"))) == 1


class TestWriting:
    def test_cli(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        out = tmp_path / "r.html"
        assert main(["report", str(EXAMPLE), "--html", str(out)]) == 0
        assert capsys.readouterr().out == ""
        assert parse(out.read_text(encoding="utf-8")).by_id("charts")
        assert main(["report", str(EXAMPLE), "--html", str(out), "--lang", "en"]) == 0
        assert 'lang="en"' in out.read_text(encoding="utf-8")

    def test_a_registry(self, tmp_path: Path) -> None:
        path, out = tmp_path / "r.sqlite", tmp_path / "r.html"
        with Registry.open(path) as registry:
            registry.put(SEED, source="example")
        assert main(["report", str(path), "--html", str(out)]) == 0
        card = next(parse(out.read_text(encoding="utf-8")).find("article", class_="event"))
        assert len(table_rows(next(card.find("table", class_="lines")))) == 5

    def test_not_a_registry_sqlite_file_exits_2(self, tmp_path: Path) -> None:
        path = tmp_path / "other.sqlite"
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE t (x)")
        db.close()
        assert main(["report", str(path), "--html", str(tmp_path / "r.html")]) == 2
        assert not (tmp_path / "r.html").exists()

    def test_atomic(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        out = tmp_path / "r.html"
        out.write_text("before", encoding="utf-8")

        def broken(*args: object, **kwargs: object) -> str:
            raise RuntimeError("drawing failed")

        monkeypatch.setattr("antq.report._draw_bars", broken)
        with pytest.raises(RuntimeError):
            write_html(SEED, out)
        assert out.read_text(encoding="utf-8") == "before"

    def test_without_the_extra(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        real = builtins.__import__

        def no_jinja(name: str, *args: Any, **kwargs: Any) -> Any:
            if name == "jinja2":
                raise ImportError(name)
            return real(name, *args, **kwargs)

        monkeypatch.setattr(builtins, "__import__", no_jinja)
        with pytest.raises(HtmlUnavailableError, match=r"pip install 'antq\[html\]'"):
            to_html(SEED)
        assert main(["report", str(EXAMPLE), "--html", "/tmp/never.html"]) == 2
        assert "pip install 'antq[html]'" in capsys.readouterr().err
        assert main(["report", str(EXAMPLE)]) == 0  # the text report needs no extra


def test_the_date_is_today() -> None:
    tree = parse(to_html(SEED))
    assert dt.date.today().strftime("%d/%m/%Y") in next(tree.find("header")).all_text()
