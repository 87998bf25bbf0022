"""Read antq's Parquet dataset with Apache Spark and check its tally against antq.tally.

``make check-spark`` runs this (after installing a Java runtime and PySpark into
``build/spark-venv`` when they are missing): the benchmark dataset (``generate.build``,
unresolved places and unknown counts included) is written by ``antq.write_parquet``;
Spark reads the folder unchanged (hive partitions ``province=/year=`` discovered) and
runs the Spark SQL query of ``docs/tables.md``; every cell must equal
``antq.tally(dataset, ["province", "form", "year"])``. It fails on any difference.

Usage: ``python scripts/check_spark.py [EVENTS]`` (antq's interpreter; Spark runs in
the interpreter named by ``SPARK_PYTHON``, default ``build/spark-venv/bin/python``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE / "benchmarks"))

import attrs  # noqa: E402
import generate  # noqa: E402  (beside the benchmarks)

import antq  # noqa: E402
from antq.tables import write_parquet  # noqa: E402

# The query docs/tables.md gives for Spark SQL (with "ELSE 0", so no unknown line is 0).
QUERY = """SELECT province, form, year,
       count(*)                                       AS lines,
       coalesce(sum(count), 0)                        AS recipients,
       sum(CASE WHEN count IS NULL THEN 1 ELSE 0 END) AS unknown_lines
FROM parquet.`{folder}/awards`
GROUP BY province, form, year"""

SPARK = """
import json, sys
from pyspark.sql import SparkSession
spark = SparkSession.builder.master("local[2]").appName("antq-check").getOrCreate()
spark.sparkContext.setLogLevel("ERROR")
rows = spark.sql(sys.argv[1]).collect()
print(json.dumps([list(row) for row in rows]))
spark.stop()
"""


def main(events: int) -> int:
    spark_python = os.environ.get(
        "SPARK_PYTHON", str(HERE / "build" / "spark-venv" / "bin" / "python")
    )
    built = generate.build(events)
    # and lines tied to no event, so that the null partition is read back too
    loose = [
        attrs.evolve(award, id=antq.AwardId(f"{award.id}-loose"), event=None)
        for award in built.awards[:50]
    ]
    dataset = antq.Dataset.from_records([*built.records(), *loose])
    expected = antq.tally(dataset, ["province", "form", "year"])
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "out"
        write_parquet(dataset, folder)
        done = subprocess.run(
            [spark_python, "-c", SPARK, QUERY.format(folder=folder)],
            capture_output=True,
            text=True,
        )
    if done.returncode != 0:
        print(done.stderr[-3000:], file=sys.stderr)
        return 1
    rows = json.loads(done.stdout.strip().splitlines()[-1])
    # Spark reads the hive partition __HIVE_DEFAULT_PARTITION__ back as null
    got = {
        (province, antq.AwardForm.by_value(form), year): antq.Cell(lines, recipients, unknown)
        for province, form, year, lines, recipients, unknown in rows
    }
    want = dict(expected.cells)
    differ = {key for key in got.keys() | want.keys() if got.get(key) != want.get(key)}
    print(
        f"check-spark: {len(dataset.awards):,} grant lines, {len(want)} cells by antq.tally,"
        f" {len(got)} by Spark SQL, {len(differ)} differ (cells with unknown counts:"
        f" {sum(cell.at_least for cell in want.values())}, without a province:"
        f" {sum(key[0] is None for key in want)})"
    )
    for key in sorted(differ, key=repr)[:10]:
        print(f"  {key}: antq {want.get(key)}, Spark {got.get(key)}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2_000))
