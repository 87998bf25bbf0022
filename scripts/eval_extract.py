"""``make eval-extract``: score antq.extract on the development corpus.

Precision, recall and F1 per field against the hand annotations in
``../shared/corpus/dev/``: award rows match on issuer, form, recipient kind and count
(all four exact, issuer compared by fold key); officials on name, honorific and title;
models on name; plus the share of reports whose event date and sum of counts are exact.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from antq.extract import extract
from antq.text import fold

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"


def _key(value: Any) -> str:
    return fold(str(value)) if value is not None else ""


def _prf(found: Counter[Any], wanted: Counter[Any]) -> tuple[int, int, int]:
    hits = sum((found & wanted).values())
    return hits, sum(found.values()), sum(wanted.values())


def main(folder: Path = CORPUS) -> int:
    totals: dict[str, list[int]] = {f: [0, 0, 0] for f in ("awards", "officials", "models")}
    dates = sums = reports = 0
    for path in sorted(folder.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        published = gold.get("source_date")
        published_on = (
            dt.date.fromisoformat(published) if published and len(published) == 10 else None
        )
        got = extract(gold["text"], published_on=published_on).annotation()
        rows: dict[str, tuple[Counter[Any], Counter[Any]]] = {
            "awards": (
                Counter(
                    (_key(a["issuer"]), _key(a["form"]), a["recipient_kind"], a["count"])
                    for a in got["awards"]
                ),
                Counter(
                    (_key(a["issuer"]), _key(a["form"]), a["recipient_kind"], a["count"])
                    for a in gold["awards"]
                ),
            ),
            "officials": (
                Counter(
                    (_key(o["name"]), _key(o["honorific"]), _key(o["title"]))
                    for o in got["officials"]
                ),
                Counter(
                    (_key(o["name"]), _key(o["honorific"]), _key(o["title"]))
                    for o in gold["officials"]
                ),
            ),
            "models": (
                Counter(_key(m) for m in got["models"]),
                Counter(_key(m) for m in gold["models"]),
            ),
        }
        for field, (got_rows, gold_rows) in rows.items():
            for i, n in enumerate(_prf(got_rows, gold_rows)):
                totals[field][i] += n
        reports += 1
        dates += got["event"]["date"] == gold["event"]["date"]
        sums += sum(a["count"] or 0 for a in got["awards"]) == sum(
            a["count"] or 0 for a in gold["awards"]
        )
    print(f"antq.extract on {reports} reports of {folder}")
    print(f"{'field':<12} {'precision':>9} {'recall':>7} {'F1':>6}   (hits / found / annotated)")
    for field, (hits, found, wanted) in totals.items():
        precision = hits / found if found else 1.0
        recall = hits / wanted if wanted else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(
            f"{field:<12} {precision:>9.2f} {recall:>7.2f} {f1:>6.2f}"
            f"   ({hits} / {found} / {wanted})"
        )
    print(f"event date exact: {dates}/{reports} ({dates / reports:.0%})")
    print(f"sum of stated counts exact: {sums}/{reports} ({sums / reports:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS))
