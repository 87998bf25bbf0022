"""The HTML report of the 20,000-event benchmark dataset: the issue's target is ≤ 2 s.

``to_html`` of the loaded dataset, everything included (the rules' run for the
findings, the tallies, three matplotlib charts, the template, the font subset):

- cold: a fresh process's first page (Jinja2, matplotlib and fontTools imported);
- warm: the median of three more pages in that process (a server, or a loop over
  provinces, pays the imports once).

Usage: ``python benchmarks/report_bench.py [EVENTS]``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

import generate  # beside this file

import antq  # noqa: F401  (imported before the clock starts, as an application would)
from antq.report import to_html


def measure(events: int) -> tuple[float, list[float], int]:
    dataset = generate.build(events)
    start = time.perf_counter()
    page = to_html(dataset)
    cold = time.perf_counter() - start
    warm = []
    for _ in range(3):
        start = time.perf_counter()
        to_html(dataset)
        warm.append(time.perf_counter() - start)
    return cold, warm, len(page)


def main(events: int) -> None:
    if "--child" in sys.argv:
        cold, warm, size = measure(events)
        print(f"{cold} {statistics.median(warm)} {size}")
        return
    done = subprocess.run(
        [sys.executable, __file__, str(events), "--child"],
        capture_output=True,
        text=True,
        check=True,
    )
    cold, warm, size = done.stdout.split()
    print(f"report: antq.report.to_html of {events:,} events ({int(size):,} bytes of HTML)")
    for label, seconds in (("cold (first page)", float(cold)), ("warm (median of 3)", float(warm))):
        verdict = "met" if seconds <= 2 else "MISS"
        print(f"  {label:20} {seconds:6.2f} s   target ≤ 2 s   {verdict}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 20_000)
