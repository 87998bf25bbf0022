"""``make bench-extract``: antq.extract on 2,000-character reports and on a megabyte.

The megabyte is the reports joined, and an adversarial run of titles.

No library reads these reports, so the peers are floors: one regular-expression scan
for "N tập thể / cá nhân" (what a clerk's script would do, with none of the care) and
one Unicode normalisation (NFD) of the same text. Prints milliseconds per report and the
ratios in one run; then the time for 1 MB of text and its cost per character against the
2,000-character reports' (linear growth keeps that ratio near 1). Usage: ``python
benchmarks/extract_bench.py [ROUNDS]``.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from unicodedata import normalize

import antq
from antq.extractor import extract

sys.path.insert(0, str(Path(__file__).parent))
from timing import best_of

ROOT = Path(__file__).resolve().parents[1]
CHALLENGE = ROOT / "tests" / "data" / "extract_challenge"
NAIVE = re.compile(r"(\d+)\s+(tập thể|cá nhân)")


def reports(size: int = 2_000) -> list[str]:
    """The challenge texts joined into reports of *size* characters."""
    texts = [
        json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(CHALLENGE.glob("*.json"))
    ]
    joined = "\n\n".join(texts)
    return [joined[i : i + size] for i in range(0, len(joined) - size + 1, size)]


def main(argv: list[str]) -> int:
    rounds = int(argv[0]) if argv else 5
    texts = reports()
    extract(texts[0])  # compile the patterns once, as any long-running program would
    contenders: dict[str, Callable[[], object]] = {
        "antq.extract": lambda: [extract(t) for t in texts],
        "floor: one regex scan for counts": lambda: [NAIVE.findall(t) for t in texts],
        "floor: NFD normalisation of the text": lambda: [normalize("NFD", t) for t in texts],
    }
    timing = best_of(rounds, contenders)
    print(f"antq {antq.__version__} · extract on {len(texts)} reports of 2,000 characters")
    print(f"{'contender':<36} {'ms/report':>10} {'time vs antq':>13}")
    mine = timing["antq.extract"]
    for name, seconds in timing.items():
        print(f"{name:<36} {seconds / len(texts) * 1e3:>10.3f} {seconds / mine:>12.4f}×")
    per_report = mine / len(texts) * 1e3
    met = "met " if per_report <= 10 else "MISS"
    print(f"\n  {met}  a 2,000-character report in milliseconds: {per_report:.2f} ms (target ≤ 10)")
    per_char = mine / sum(map(len, texts))
    joined = "\n\n".join(texts)
    megabyte = {
        "reports joined": (joined * (1_000_000 // len(joined) + 1))[:1_000_000],
        "a run of titles": ("Tham dự có ông Trần Văn B, " + "Phó Chủ tịch UBND huyện, " * 40_000)[
            :1_000_000
        ],
    }
    big = best_of(max(1, rounds // 2), {k: (lambda t=t: extract(t)) for k, t in megabyte.items()})
    print(f"\n{'1 MB of text':<36} {'seconds':>10} {'per char vs 2,000':>18}")
    for name, seconds in big.items():
        print(f"{name:<36} {seconds:>10.2f} {seconds / 1_000_000 / per_char:>17.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
