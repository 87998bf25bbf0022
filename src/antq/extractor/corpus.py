"""The corpus annotation format, and the scorer that compares extractions against it.

The annotation format is the one of the development corpus (``../shared/corpus``):
``event``, ``officials``, ``models`` and ``awards`` with their ``text_span``.
:func:`score` reads a folder of annotated reports and gives precision, recall and F1
per field; ``make eval-extract`` prints its table for the development corpus and for
the challenge reports written for antq (whose scores are regression checks only: text
written by one hand is no evidence of quality on real pages).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from antq.extractor._pipeline import extract
from antq.extractor.result import CORPUS_KINDS, to_annotation
from antq.text import fold

__all__ = [
    "CORPUS_KINDS",
    "FieldScore",
    "Score",
    "award_row",
    "published_on",
    "read_folder",
    "score",
    "to_annotation",
]


@attrs.frozen
class FieldScore:
    """Hits, rows found and rows annotated for one field, with precision, recall and F1."""

    hits: int
    found: int
    wanted: int

    @property
    def precision(self) -> float:
        """Hits over rows found (1.0 when nothing was found)."""
        return self.hits / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        """Hits over rows annotated (1.0 when nothing was annotated)."""
        return self.hits / self.wanted if self.wanted else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@attrs.frozen
class Score:
    """The extractor's score on a folder of annotated reports."""

    reports: int
    fields: dict[str, FieldScore]
    dates: int
    sums: int
    kinds: int = 0

    def table(self, folder: str = "") -> str:
        """The score as the text table ``make eval-extract`` prints."""
        lines = [
            f"antq.extract on {self.reports} reports of {folder}".rstrip(),
            f"{'field':<12} {'precision':>9} {'recall':>7} {'F1':>6}   (hits / found / annotated)",
        ]
        for name, s in self.fields.items():
            lines.append(
                f"{name:<12} {s.precision:>9.2f} {s.recall:>7.2f} {s.f1:>6.2f}"
                f"   ({s.hits} / {s.found} / {s.wanted})"
            )
        n = self.reports or 1
        lines.append(f"event date exact: {self.dates}/{self.reports} ({self.dates / n:.0%})")
        lines.append(
            f"sum of stated counts exact: {self.sums}/{self.reports} ({self.sums / n:.0%})"
        )
        lines.append(f"event kind exact: {self.kinds}/{self.reports} ({self.kinds / n:.0%})")
        return "\n".join(lines)


def _key(value: Any) -> str:
    return fold(str(value)) if value is not None else ""


def award_row(a: dict[str, Any]) -> tuple[str, str, str, int | None]:
    """An annotated award row as compared: issuer and form by fold key, kind, count."""
    return (_key(a["issuer"]), _key(a["form"]), a["recipient_kind"], a["count"])


def _rows(ann: dict[str, Any]) -> dict[str, Counter[Any]]:
    return {
        "awards": Counter(award_row(a) for a in ann["awards"]),
        "officials": Counter(
            (_key(o["name"]), _key(o["honorific"]), _key(o["title"])) for o in ann["officials"]
        ),
        "models": Counter(_key(m) for m in ann["models"]),
    }


def published_on(gold: dict[str, Any]) -> dt.date | None:
    """The publication date an annotated report gives, if a full one."""
    value = gold.get("source_date")
    return dt.date.fromisoformat(value) if value and len(value) == 10 else None


def score(golds: Iterable[dict[str, Any]]) -> Score:
    """Score :func:`~antq.extractor.extract` on annotated reports (dicts of the corpus format)."""
    totals = {name: [0, 0, 0] for name in ("awards", "officials", "models")}
    reports = dates = sums = kinds = 0
    for gold in golds:
        got = to_annotation(extract(gold["text"], published_on=published_on(gold)))
        mine, theirs = _rows(got), _rows(gold)
        for name in totals:
            totals[name][0] += sum((mine[name] & theirs[name]).values())
            totals[name][1] += sum(mine[name].values())
            totals[name][2] += sum(theirs[name].values())
        reports += 1
        dates += got["event"]["date"] == gold["event"]["date"]
        kinds += got["event"]["kind"] == gold["event"]["kind"]
        sums += sum(a["count"] or 0 for a in got["awards"]) == sum(
            a["count"] or 0 for a in gold["awards"]
        )
    return Score(
        reports=reports,
        fields={name: FieldScore(*values) for name, values in totals.items()},
        dates=dates,
        sums=sums,
        kinds=kinds,
    )


def read_folder(folder: Path) -> list[dict[str, Any]]:
    """The annotated reports of *folder* (``*.json``), in name order."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
