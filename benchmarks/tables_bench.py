"""Analysts' tables at scale: streaming JSON Lines to Parquet, and DuckDB tallies.

1. ``antq export FILE.jsonl OUT --format parquet`` on N and 10×N grant lines, each in a
   fresh process: peak resident memory (the target: the larger within 1.2× of the
   smaller, i.e. flat) and time.
2. ``antq.tally(folder, [province, form, year], engine="duckdb")`` over the larger
   folder, against DuckDB's own bare ``GROUP BY`` on the same files (the floor).

The lines are the benchmark dataset's places and events (``generate.build``) with grant
lines cycled over its events under new ids, written as JSON Lines by a generator.
``BENCH_LARGE=1`` makes N one million (so 10M lines), else 100,000 (1M lines).
Usage: ``python benchmarks/tables_bench.py``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import attrs
import duckdb
import generate  # beside this file

import antq
from antq.model import Record

EVENTS = 2_000


def lines_of(dataset: antq.Dataset, lines: int) -> Iterator[Record]:
    """The dataset's places, officials and events, then *lines* grant lines cycled over it."""
    yield from dataset.localities
    yield from dataset.officials
    yield from dataset.events
    awards = dataset.awards
    for number in range(lines):
        yield attrs.evolve(awards[number % len(awards)], id=antq.AwardId(f"line-{number}"))


def export_peak(source: Path, out: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MiB) of ``antq export`` in a fresh process."""
    script = (
        "import resource, sys, time\n"
        "from antq.cli import main\n"
        "start = time.perf_counter()\n"
        "status = main(['export', sys.argv[1], sys.argv[2]])\n"
        "took = time.perf_counter() - start\n"
        "print(took, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
        "sys.exit(status)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(source), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    took, peak = done.stdout.split()
    return float(took), float(peak)


def main() -> None:
    small = 1_000_000 if os.environ.get("BENCH_LARGE") else 100_000
    large = small * 10
    dataset = generate.build(EVENTS)
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        results = {}
        for lines in (small, large):
            source = base / f"lines-{lines}.jsonl"
            antq.dump_jsonl(lines_of(dataset, lines), source)
            results[lines] = export_peak(source, base / f"out-{lines}")
            source.unlink()
        print(f"tables: JSON Lines to Parquet (antq export), {EVENTS:,} events, fresh processes")
        for lines, (took, peak) in results.items():
            print(f"  {lines:>11,} lines  {took:7.1f} s  peak RSS {peak:7.1f} MiB")
        ratio = results[large][1] / results[small][1]
        print(
            f"  target: peak RSS {large:,} / {small:,} ≤ 1.2   {ratio:.2f}  {'met' if ratio <= 1.2 else 'MISS'}"
        )

        out = base / f"out-{large}"
        dims = ["province", "form", "year"]
        ours = [0.0] * 3
        bare = [0.0] * 3
        files = f"{out}/awards/**/*.parquet"
        for round_ in range(3):  # interleaved
            start = time.perf_counter()
            counted = antq.tally(out, dims, engine="duckdb")
            ours[round_] = time.perf_counter() - start
            start = time.perf_counter()
            db = duckdb.connect()
            rows = db.execute(
                "SELECT province, form, year, count(*), sum(count), count(*) - count(count)"
                f" FROM read_parquet('{files}', hive_partitioning = true)"
                " GROUP BY province, form, year"
            ).fetchall()
            db.close()
            bare[round_] = time.perf_counter() - start
        assert counted.total.lines == large
        assert len(rows) == len(counted.cells)
        mine, floor = statistics.median(ours), statistics.median(bare)
        print(
            f"  antq.tally(engine='duckdb') by {','.join(dims)} over {large:,} lines  {mine:6.2f} s"
        )
        print(f"  DuckDB's bare GROUP BY on the same files (the floor)          {floor:6.2f} s")
        print(f"  ratio to the floor {mine / floor:.2f}×")


if __name__ == "__main__":
    main()
