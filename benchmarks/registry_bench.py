"""The registry at scale: putting the benchmark dataset, and tallying a million lines in SQL.

1. ``Registry.put`` of the 20,000-event benchmark dataset (``generate.build``) into a
   fresh file, read from disk (``antq.load`` + ``put``), against ``antq.load`` of the
   same file alone: the issue's target is at most 3×.
2. ``Registry.tally`` by province, form and year over 1,000,000 grant lines: the
   benchmark's events and their lines copied in SQL (new ids) until there are a
   million, then the same tally by ``antq.tally`` over ``registry.dataset()``; the
   target is under a second, and both must agree.

Usage: ``python benchmarks/registry_bench.py [EVENTS] [LINES]``.
"""

from __future__ import annotations

import gc
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import generate  # beside this file

import antq
from antq.registry import Registry

DIMS = ["province", "form", "year"]


def seconds(run: object) -> float:
    gc.collect()
    start = time.perf_counter()
    run()  # type: ignore[operator]
    return time.perf_counter() - start


def put_from_disk(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    with Registry.open(target) as registry:
        registry.put(antq.load(source), source=source.name)


def sqlite_floor(made: Path, bare: Path) -> tuple[list[float], int]:
    """Three timings of SQLite inserting *made*'s rows into an empty schema; the rows.

    The rows are read into Python first (not timed) and inserted with ``executemany``
    in one transaction, commit included, with the registry's own settings (WAL, foreign
    keys, synchronous NORMAL): what any put of that content costs before Python work.
    """
    source = sqlite3.connect(made)
    schema = [
        sql
        for (sql,) in source.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'names_%'"
            " ORDER BY rowid"
        )
    ]
    tables = [  # the tables a put writes (the full-text one by its own name)
        name
        for (name,) in source.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'names_%'"
            " AND name NOT IN ('meta', 'labels', 'sqlite_stat1')"
        )
    ]
    rows = {name: source.execute(f'SELECT * FROM "{name}"').fetchall() for name in tables}
    source.close()
    times = []
    for _ in range(3):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{bare}{suffix}").unlink(missing_ok=True)
        db = sqlite3.connect(bare, isolation_level=None)
        for pragma in ("journal_mode = WAL", "foreign_keys = ON", "synchronous = NORMAL"):
            db.execute(f"PRAGMA {pragma}")
        for sql in schema:
            db.execute(sql)
        start = time.perf_counter()
        db.execute("BEGIN IMMEDIATE")
        for name, held in rows.items():
            if held:
                marks = ", ".join("?" * len(held[0]))
                db.executemany(f'INSERT INTO "{name}" VALUES ({marks})', held)
        db.execute("COMMIT")
        db.close()
        times.append(time.perf_counter() - start)
    return times, sum(len(held) for held in rows.values())


def grow(registry: Registry, lines: int) -> int:
    """Copy the registry's events, with their grant lines, until there are *lines* lines.

    Each copy is a new event (its own id, so its own cells): the shape of a million
    lines from some 300,000 festivals, made in SQL in seconds instead of put in minutes.
    """
    db = registry._db
    have = db.execute("SELECT count(*) FROM awards").fetchone()[0]
    per_copy = have
    copy = 0
    db.execute("BEGIN")
    while have < lines:
        copy += 1
        tag = f"~c{copy}"
        db.execute(
            """INSERT INTO events SELECT id || ?, kind, locality, title, held_on, day, year,
               is_pilot, json_set(body, '$.id', id || ?) FROM events WHERE id NOT LIKE '%~c%'""",
            (tag, tag),
        )
        db.execute(
            """INSERT INTO awards SELECT id || ?, event || ?, form, issuer_office,
               issuer_level, issuer_locality, issuer_official, issuer_as_written,
               recipient_kind, count, decision, decided_on, presented_on, reason,
               json_set(json_set(body, '$.id', id || ?), '$.event', event || ?)
               FROM awards WHERE id NOT LIKE '%~c%' LIMIT ?""",
            (tag, tag, tag, tag, min(per_copy, lines - have)),
        )
        have = db.execute("SELECT count(*) FROM awards").fetchone()[0]
    db.execute("COMMIT")
    registry.recount()  # the counts tallies read, from the copied lines
    return int(have)


def main(events: int, lines: int) -> None:
    dataset = generate.build(events)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "bench.json"
        antq.dump(dataset, source, indent=None)
        target = Path(folder) / "r.sqlite"
        load, put = [], []
        for _ in range(3):  # interleaved
            load.append(seconds(lambda: antq.load(source)))
            put.append(seconds(lambda: put_from_disk(source, target)))
        ratio = statistics.median(put) / statistics.median(load)
        print(
            f"registry: {events:,} events, {len(dataset.awards):,} grant lines, "
            f"{len(dataset):,} records (median of 3, interleaved)"
        )
        print(f"  antq.load of the file          {statistics.median(load):7.2f} s")
        print(f"  antq.load + Registry.put       {statistics.median(put):7.2f} s  {ratio:5.1f}×")
        verdict = "met" if ratio <= 3 else "MISS"
        print(f"  target: put ≤ 3× load          {verdict}")
        if ratio > 3:
            times, rows = sqlite_floor(target, Path(folder) / "bare.sqlite")
            bare = statistics.median(times)
            print(
                f"          why: SQLite alone, inserting the rows this put wrote ({rows:,}, read"
                f" back\n          from the file) into an empty copy of the schema, takes {bare:.2f} s"
                f" = {bare / statistics.median(load):.1f}× load\n          before Python builds"
                " one row; 3× allows the put 2× load. See docs/performance.md."
            )
        with Registry.open(target) as registry:
            have = grow(registry, lines)
            sql = [seconds(lambda: registry.tally(DIMS)) for _ in range(3)]
            counted = registry.tally(DIMS)
            held = registry.dataset()
            python = seconds(lambda: antq.tally(held, DIMS))
            assert antq.tally(held, DIMS) == counted, "the SQL tally differs from antq.tally"
        best = statistics.median(sql)
        print(f"  Registry.tally by {','.join(DIMS)} over {have:,} lines (SQL)  {best:6.2f} s")
        print(f"  antq.tally of the same records (Python, loaded)    {python:6.2f} s")
        print(f"  target: registry tally < 1 s   {'met' if best < 1 else 'MISS'}")


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 20_000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000,
    )
